"""What a Rasa server keeps in memory of recently used conversations (server/store.py).

Reading a conversation again costs one small query that checks nothing changed in the
database since, instead of reading and parsing every event of it. ``latest_session`` is
Rasa's rule for which rows a conversation is read with, redone on the rows kept here.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from rasa.shared.core.events import SessionStarted

# Conversations whose stored events a server keeps in memory; a whole reflection is about
# 300 events, 300 KB. Beyond this the least recently used one is read from the database.
CACHED_CONVERSATIONS = 200
# A conversation unused for this long is dropped from memory, so that one deleted or purged
# through another server of a cluster does not stay in this server's memory (docs/privacy.md).
CACHED_SECONDS = 15 * 60


Stamp = tuple[int, Any]  # (rows of the conversation in the database, highest row id)
Row = tuple[str, float | None, str]  # (type_name, timestamp, data) of one stored event


@dataclass
class Cached:
    """The rows this server last read or wrote of one conversation, and the database's stamp then."""

    stamp: Stamp
    rows: list[Row]  # in id order
    handed_out: Any = None  # weak reference to the tracker last read from here
    events_when_read: int = 0  # how many events that tracker had then
    used: float = 0.0  # the cache's clock when last read or written


@dataclass
class ConversationCache:
    """The stored rows of recently used conversations, so that reading one skips the database.

    Correct across servers: every read first asks the database for the conversation's
    number of rows and highest row id. Another server that wrote, deleted or purged it
    changes that stamp, and the conversation is then read from the database as Rasa does.
    Only rows exactly as written (identifying data already removed) are kept.

    Like Rasa, it assumes rows are only ever added or deleted, never changed in place: a
    tool that rewrites stored events must restart the Rasa servers afterwards.
    """

    size: int = CACHED_CONVERSATIONS
    seconds: float = CACHED_SECONDS
    clock: Callable[[], float] = time.monotonic
    entries: OrderedDict[str, Cached] = field(default_factory=OrderedDict)
    # The server's event loop reads and writes; purging runs in a worker thread.
    lock: threading.Lock = field(default_factory=threading.Lock)

    def get(self, sender_id: str, stamp: Stamp | None = None) -> Cached | None:
        """The entry, if its stamp is ``stamp`` (any stamp when None); else it is dropped."""
        with self.lock:
            self._drop_unused()
            entry = self.entries.get(sender_id)
            if entry is None:
                return None
            if stamp is not None and entry.stamp != stamp:
                del self.entries[sender_id]
                return None
            self._use(sender_id, entry)
            return entry

    def put(self, sender_id: str, entry: Cached) -> None:
        with self.lock:
            self.entries[sender_id] = entry
            self._use(sender_id, entry)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def drop_unused(self) -> None:
        """Forget every conversation unused for ``seconds`` (also done on every read)."""
        with self.lock:
            self._drop_unused()

    def _use(self, sender_id: str, entry: Cached) -> None:
        entry.used = self.clock()
        self.entries.move_to_end(sender_id)

    def _drop_unused(self) -> None:
        # Least recently used first, so the loop stops at the first one still in use.
        cutoff = self.clock() - self.seconds
        while self.entries and next(iter(self.entries.values())).used < cutoff:
            self.entries.popitem(last=False)

    def forget(self, sender_id: str) -> None:
        with self.lock:
            self.entries.pop(sender_id, None)


def latest_session(rows: list[Row]) -> list[Row]:
    """The rows Rasa reads for a conversation: from its latest session start on.

    The same rule as Rasa's SQL query (``SQLTrackerStore._event_query``): every row whose
    timestamp is at least that of the latest ``session_started``, or all rows if none.
    """
    starts = [when for kind, when, _ in rows if kind == SessionStarted.type_name and when is not None]
    if not starts:
        return rows
    start = max(starts)
    return [row for row in rows if row[1] is not None and row[1] >= start]
