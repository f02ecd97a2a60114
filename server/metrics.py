"""Operational figures of one Rasa server for Prometheus, and nothing else.

Three series, none with a conversation, a sender or any text in it:

- ``bouwgesprek_turn_seconds``: how long handling a user message took (a histogram);
- ``bouwgesprek_turn_timeouts_total``: messages abandoned after REPLY_TIMEOUT seconds;
- ``bouwgesprek_removed_total{kind}``: identifying data removed from messages, by kind
  (bsn, telefoon, ... as in bot/privacy.KINDS).

Served at ``GET /webhooks/rest/metrics`` to whoever passes the REST guard (loopback, or the
REST token). The nginx site does not pass it on: scrape each Rasa server on its own port.
"""

from __future__ import annotations

from collections.abc import Iterable

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from bot.privacy import KINDS

CONTENT_TYPE = CONTENT_TYPE_LATEST
# Seconds; the bot answers within a tenth of a second, REPLY_TIMEOUT is 10 s by default.
TURN_BUCKETS = (0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30)


class Metrics:
    """The figures of this process, in a registry of their own (not the global one)."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.turn_seconds = Histogram(
            "bouwgesprek_turn_seconds", "Time to handle one user message", buckets=TURN_BUCKETS, registry=self.registry
        )
        self.timeouts = Counter(
            "bouwgesprek_turn_timeouts", "User messages abandoned after REPLY_TIMEOUT", registry=self.registry
        )
        self.removed = Counter(
            "bouwgesprek_removed", "Identifying data removed from messages, by kind", ["kind"], registry=self.registry
        )
        for kind in KINDS:
            self.removed.labels(kind=kind)  # every kind shown, also at 0

    def turn(self, seconds: float, timed_out: bool, removed: Iterable[str]) -> None:
        self.turn_seconds.observe(seconds)
        if timed_out:
            self.timeouts.inc()
        for kind in removed:
            self.removed.labels(kind=kind).inc()

    def exposition(self) -> bytes:
        return generate_latest(self.registry)


METRICS = Metrics()
