"""The figures a Rasa server exposes (server/metrics.py): counts and times only."""

from __future__ import annotations

from server.metrics import Metrics


def value(text: str, name: str) -> float:
    return sum(float(line.rsplit(" ", 1)[1]) for line in text.splitlines() if line.startswith(name))


def test_turns_timeouts_and_removed_kinds_are_counted():
    metrics = Metrics()
    metrics.turn(0.08, False, ("telefoon",))
    metrics.turn(12.0, True, ("bsn", "telefoon"))
    text = metrics.exposition().decode()
    assert value(text, "bouwgesprek_turn_seconds_count") == 2
    assert value(text, 'bouwgesprek_turn_seconds_bucket{le="0.1"}') == 1
    assert value(text, "bouwgesprek_turn_timeouts_total") == 1
    assert value(text, 'bouwgesprek_removed_total{kind="telefoon"}') == 2
    assert value(text, 'bouwgesprek_removed_total{kind="email"}') == 0  # every kind shown, also at 0


def test_each_server_process_has_its_own_figures():
    first, second = Metrics(), Metrics()
    first.turn(0.1, False, ())
    assert value(second.exposition().decode(), "bouwgesprek_turn_seconds_count") == 0
