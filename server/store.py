"""Where conversations are kept: Rasa's SQL tracker store, with three guarantees.

- **No identifying data on disk.** Every string in an event is passed through
  ``bot.privacy.scrub`` before it is written. The chat channel already removes
  identifying data before Rasa sees a message; this catches whatever reaches Rasa another
  way (``rasa shell``, a future channel).
- **Deletion is real.** When the user has just confirmed deleting the conversation (the
  action sets the slot ``gesprek_verwijderen``, bot/contract.py), every row of the
  conversation is deleted instead of saved. SQLite runs with ``secure_delete``, so the
  deleted bytes are overwritten too.
- **Retention.** ``purge(days)`` removes conversations untouched for ``days`` days
  (server/retention.py runs it while the server runs, and by hand).

It is also faster than Rasa's own store for a conversation that stays on one server
(server/cache.py): what it wrote last is kept, and reading the conversation again costs
one small query that checks nothing changed in the database since. New events go to an
event broker, if endpoints.yml names one, as stored (``_stream``).

Configured in settings.env; bot/settings.py writes it into Rasa's endpoints.
"""

from __future__ import annotations

import json
import logging
import os
import time
import warnings
import weakref
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, TrackerStore
from rasa.shared.core.events import SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

from bot.content import get_content
from bot.contract import DELETION_SLOT
from bot.privacy import KINDS, scrub
from server.cache import Cached, ConversationCache, Stamp, latest_session

logger = logging.getLogger(__name__)

SECONDS_PER_DAY = 24 * 60 * 60
SECONDS_PER_DAY = 24 * 60 * 60


def _placeholders() -> dict[str, str]:
    content = get_content()
    return {kind: content.text(f"privacy_{kind}") for kind in KINDS}


def scrubbed(value: Any, placeholders: dict[str, str] | None = None) -> Any:
    """``value`` with identifying data removed from every string in it."""
    placeholders = placeholders or _placeholders()

    def walk(item: Any) -> Any:
        if isinstance(item, str):
            return scrub(item, placeholders).text
        if isinstance(item, dict):
            # A message_id is matched to find a retry (server/rest.py); the channel refuses
            # one that holds identifying data, so it is kept as sent.
            return {key: inner if key == "message_id" else walk(inner) for key, inner in item.items()}
        if isinstance(item, list):
            return [walk(inner) for inner in item]
        return item

    return walk(value)


def deletion_confirmed(tracker: DialogueStateTracker) -> bool:
    """Whether the user confirmed deleting the conversation in the latest turn."""
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return False
        if isinstance(event, SlotSet) and event.key == DELETION_SLOT and event.value is True:
            return True
    return False


class BouwgesprekTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        dialect, db = kwargs.get("dialect", "sqlite"), kwargs.get("db")
        if dialect == "sqlite" and db:
            owner_only(Path(db))
        super().__init__(*args, **kwargs)
        if self.engine.dialect.name == "sqlite":

            @sa.event.listens_for(self.engine, "connect")
            def _secure_delete(connection: Any, _record: Any) -> None:
                connection.execute("PRAGMA secure_delete = ON")

            self.engine.dispose()  # connections made so far lack the pragma
        self.cache = ConversationCache()
        table = self.SQLEvent.__table__
        self._stamp_query = sa_select_stamp(table)
        self.revoked = sa.Table(
            "ingetrokken_gesprekken",
            sa.MetaData(),
            sa.Column("sender_id", sa.String(255), primary_key=True),
            sa.Column("at", sa.Float, nullable=False),
        )
        self.revoked.create(self.engine, checkfirst=True)
        self._revoked_query = sa.select(self.revoked.c.sender_id).where(
            self.revoked.c.sender_id == sa.bindparam("sender_id")
        )

    def revoke(self, sender_id: str, now: float | None = None) -> None:
        """Delete a conversation and refuse its id from now on ("Nieuw gesprek" in the chat page:
        a copy of the old cookie no longer opens anything)."""
        self.delete(sender_id)
        with self.session_scope() as session:
            exists = session.execute(
                sa.select(self.revoked.c.sender_id).where(self.revoked.c.sender_id == sender_id)
            ).first()
            if not exists:
                session.execute(self.revoked.insert().values(sender_id=sender_id, at=now or time.time()))
            session.commit()

    def is_revoked(self, sender_id: str) -> bool:
        with self.session_scope() as session:
            return self._revoked_in(session, sender_id)

    def _revoked_in(self, session: Any, sender_id: str) -> bool:
        return session.execute(self._revoked_query, {"sender_id": sender_id}).first() is not None

    def _stamp(self, session: Any, sender_id: str) -> Stamp:
        rows, last_id = session.execute(self._stamp_query, {"sender_id": sender_id}).one()
        return (rows, last_id)

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        """The latest session of a conversation, from memory if nothing changed since."""
        with self.session_scope() as session:
            stamp = self._stamp(session, sender_id)
            entry = self.cache.get(sender_id, stamp)
            if entry is None:  # as Rasa reads it
                stored = self._event_query(session, sender_id, fetch_events_from_all_sessions=False).all()
                entry = Cached(stamp, [(event.type_name, event.timestamp, event.data) for event in stored])
                self.cache.put(sender_id, entry)
            else:
                entry.rows = latest_session(entry.rows)
        if not entry.rows or not self.domain:
            return None
        tracker = DialogueStateTracker.from_dict(
            sender_id, [json.loads(data) for _, _, data in entry.rows], self.domain.slots
        )
        entry.handed_out, entry.events_when_read = weakref.ref(tracker), len(tracker.events)
        return tracker

    async def save(self, tracker: DialogueStateTracker) -> None:
        sender_id = tracker.sender_id
        if deletion_confirmed(tracker):
            self.delete(sender_id)
            return
        entry = self.cache.get(sender_id)
        known = entry is not None and entry.handed_out is not None and entry.handed_out() is tracker
        with self.session_scope() as session:
            if self._revoked_in(session, sender_id):
                # Deleted by "Nieuw gesprek" while this turn was handled (on another server, say):
                # writing its events would bring part of the conversation back.
                logger.info("Not saving a turn of a conversation that was ended")
                return
            if known:  # read from here: its new events are those after what it was read with
                new_events = list(tracker.events)[entry.events_when_read :]
            else:
                new_events = list(self._additional_events(session, tracker))
            written, published = [], []
            placeholders = _placeholders()
            for event in new_events:
                data = scrubbed(event.as_dict(), placeholders)
                published.append({"sender_id": sender_id, **data})
                row = self.SQLEvent(
                    sender_id=sender_id,
                    type_name=event.type_name,
                    timestamp=data.get("timestamp"),
                    intent_name=(data.get("parse_data") or {}).get("intent", {}).get(INTENT_NAME_KEY),
                    action_name=data.get("name"),
                    data=json.dumps(data),
                )
                session.add(row)
                written.append(row)
            session.flush()
            rows_written = [(row.type_name, row.timestamp, row.data) for row in written]
            last_id = max((row.id for row in written), default=None)
            session.commit()
        self._stream(published)
        if not known:
            self.cache.forget(sender_id)  # read again from the database next time
        elif written:
            rows, previous_last = entry.stamp
            entry.stamp = (rows + len(written), max(last_id, previous_last or 0))
            entry.rows.extend(rows_written)
            entry.events_when_read = len(tracker.events)

    def _stream(self, bodies: list[dict[str, Any]]) -> None:
        """Rasa's ``stream_events`` for what was just written: each new event, scrubbed as stored,
        to the event broker of endpoints.yml if there is one. (Rasa's own reads the conversation
        again to find the new events; here they are known.) A deleted conversation sends nothing."""
        if self.event_broker is None:
            return
        for body in bodies:
            self.event_broker.publish(body)

    def delete(self, sender_id: str) -> int:
        """Remove every row of one conversation; the number of rows removed."""
        self.cache.forget(sender_id)
        with self.session_scope() as session:
            removed = session.query(self.SQLEvent).filter(self.SQLEvent.sender_id == sender_id).delete()
            session.commit()
        logger.info("Deleted a conversation (%d events) at the user's request", removed)
        return removed

    def purge(self, days: float, now: float | None = None) -> int:
        """Remove conversations whose latest event is older than ``days`` days; how many."""
        self.cache.drop_unused()
        cutoff = (time.time() if now is None else now) - days * SECONDS_PER_DAY
        with self.session_scope() as session:
            stale = [
                sender
                for (sender,) in session.query(self.SQLEvent.sender_id)
                .group_by(self.SQLEvent.sender_id)
                .having(sa.func.max(self.SQLEvent.timestamp) < cutoff)
            ]
            for sender in stale:
                self.cache.forget(sender)
                session.query(self.SQLEvent).filter(self.SQLEvent.sender_id == sender).delete()
            # A revoked id older than this cannot come back: its cookie has expired by now.
            session.execute(self.revoked.delete().where(self.revoked.c.at < cutoff))
            session.commit()
        if stale:
            logger.info("Removed %d conversations older than %s days", len(stale), days)
        return len(stale)


def owner_only(database: Path) -> None:
    """Create the folder (0700) and the SQLite file (0600) readable by this user alone."""
    database.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if not database.exists():
        os.close(os.open(database, os.O_WRONLY | os.O_CREAT, 0o600))


def sa_select_stamp(table: Any) -> Any:
    """SELECT count(*), max(id) of one conversation's rows (the sender id as a parameter)."""
    return sa.select(sa.func.count(table.c.id), sa.func.max(table.c.id)).where(
        table.c.sender_id == sa.bindparam("sender_id")
    )


def ours(store: TrackerStore | None) -> BouwgesprekTrackerStore | None:
    """Our store inside Rasa's wrappers (fail-safe, awaitable), if that is what is used."""
    seen = 0
    while store is not None and not isinstance(store, BouwgesprekTrackerStore) and seen < 5:
        store = getattr(store, "_tracker_store", None)
        seen += 1
    return store if isinstance(store, BouwgesprekTrackerStore) else None


def from_settings(values: dict[str, str]) -> BouwgesprekTrackerStore:
    from bot.settings import tracker_store

    config = tracker_store(values)
    config.pop("type")
    host = config.pop("url", None)
    with warnings.catch_warnings():
        # Rasa 3.6 builds its database URL in a way SQLAlchemy warns about; nothing to act on
        # for someone running `make purge` or `make stats`.
        warnings.simplefilter("ignore", DeprecationWarning)
        return BouwgesprekTrackerStore(host=host, **config)
