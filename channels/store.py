"""Where conversations are kept: Rasa's SQL tracker store, with three guarantees.

- **No identifying data on disk.** Every string in an event is passed through
  ``bot.privacy.scrub`` before it is written. The chat channel already removes
  identifying data before Rasa sees a message; this catches whatever reaches Rasa another
  way (``rasa shell``, a future channel).
- **Deletion is real.** When the bot has just confirmed "je gesprek is verwijderd"
  (a message of kind ``verwijderd``), every row of the conversation is deleted instead of
  saved. SQLite runs with ``secure_delete``, so the deleted bytes are overwritten too.
- **Retention.** ``purge(days)`` removes conversations untouched for ``days`` days; the
  chat channel runs it at start and every hour, and ``make purge DAYS=n`` by hand.

Creating the store also installs channels/fastpaths.py, as every Rasa server of ours does.

Configured in settings.env; bot/settings.py writes it into Rasa's endpoints.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path
from typing import Any

from rasa.core.tracker_store import SQLTrackerStore, TrackerStore
from rasa.shared.core.events import BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

from bot.content import get_content
from bot.engine import DELETED
from bot.privacy import KINDS, scrub
from channels import fastpaths

logger = logging.getLogger(__name__)

SECONDS_PER_DAY = 24 * 60 * 60


def scrubbed(value: Any) -> Any:
    """``value`` with identifying data removed from every string in it."""
    placeholders = {kind: get_content().text(f"privacy_{kind}") for kind in KINDS}

    def walk(item: Any) -> Any:
        if isinstance(item, str):
            return scrub(item, placeholders).text
        if isinstance(item, dict):
            return {key: walk(inner) for key, inner in item.items()}
        if isinstance(item, list):
            return [walk(inner) for inner in item]
        return item

    return walk(value)


def deletion_confirmed(tracker: DialogueStateTracker) -> bool:
    """Whether the bot's reply to the latest user message confirmed the deletion."""
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return False
        if isinstance(event, BotUttered):
            reflectie = ((event.data or {}).get("custom") or {}).get("reflectie") or {}
            if reflectie.get("kind") == DELETED:
                return True
    return False


class BouwgesprekTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        dialect, db = kwargs.get("dialect", "sqlite"), kwargs.get("db")
        if dialect == "sqlite" and db:
            Path(db).parent.mkdir(parents=True, exist_ok=True)
        super().__init__(*args, **kwargs)
        fastpaths.install()  # every Rasa server of ours creates this store at start-up
        if self.engine.dialect.name == "sqlite":
            import sqlalchemy as sa

            @sa.event.listens_for(self.engine, "connect")
            def _secure_delete(connection: Any, _record: Any) -> None:
                connection.execute("PRAGMA secure_delete = ON")

            self.engine.dispose()  # connections made so far lack the pragma

    async def save(self, tracker: DialogueStateTracker) -> None:
        if deletion_confirmed(tracker):
            self.delete(tracker.sender_id)
            return
        with self.session_scope() as session:
            for event in self._additional_events(session, tracker):
                data = scrubbed(event.as_dict())
                session.add(
                    self.SQLEvent(
                        sender_id=tracker.sender_id,
                        type_name=event.type_name,
                        timestamp=data.get("timestamp"),
                        intent_name=(data.get("parse_data") or {}).get("intent", {}).get(INTENT_NAME_KEY),
                        action_name=data.get("name"),
                        data=json.dumps(data),
                    )
                )
            session.commit()

    def delete(self, sender_id: str) -> int:
        """Remove every row of one conversation; the number of rows removed."""
        with self.session_scope() as session:
            removed = session.query(self.SQLEvent).filter(self.SQLEvent.sender_id == sender_id).delete()
            session.commit()
        logger.info("Deleted a conversation (%d events) at the user's request", removed)
        return removed

    def purge(self, days: float, now: float | None = None) -> int:
        """Remove conversations whose latest event is older than ``days`` days; how many."""
        import sqlalchemy as sa

        cutoff = (time.time() if now is None else now) - days * SECONDS_PER_DAY
        with self.session_scope() as session:
            stale = [
                sender
                for (sender,) in session.query(self.SQLEvent.sender_id)
                .group_by(self.SQLEvent.sender_id)
                .having(sa.func.max(self.SQLEvent.timestamp) < cutoff)
            ]
            for sender in stale:
                session.query(self.SQLEvent).filter(self.SQLEvent.sender_id == sender).delete()
            session.commit()
        if stale:
            logger.info("Removed %d conversations older than %s days", len(stale), days)
        return len(stale)


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
    return BouwgesprekTrackerStore(host=host, **config)


def main(argv: list[str]) -> int:
    from bot.settings import SettingsError, load, number

    parser = argparse.ArgumentParser(prog="python -m channels.store")
    commands = parser.add_subparsers(dest="command", required=True)
    purge = commands.add_parser("purge", help="remove conversations older than DAYS days")
    purge.add_argument("--days", default="", help="default: RETENTION_DAYS in settings.env")
    args = parser.parse_args(argv)
    try:
        values = load()
        if args.days:
            values["RETENTION_DAYS"] = args.days
        days = number(values, "RETENTION_DAYS")
    except SettingsError as problem:
        print(f"Instelling klopt niet: {problem}", file=sys.stderr)
        return 1
    removed = from_settings(values).purge(days)
    print(f"{removed} gesprek(ken) verwijderd die langer dan {days:g} dagen niet zijn gebruikt.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
