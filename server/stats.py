"""Anonymous figures from the stored conversations: ``make stats`` (``python -m server.stats``).

Counts only, never text and never a conversation id: per ISO week in which a conversation
began, how many conversations started a reflection, how many reached the summary, in which
phase the others were left, how often the bot explained, paused, checked in or showed the
support message, how many questions were skipped, and which bouwopgaven were chosen. Read
from the tracker store, so the figures reach back at most RETENTION_DAYS days: older
conversations are removed (docs/privacy.md), and so is every deleted one.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from bot.content import get_content
from bot.contract import STATE_SLOT
from bot.engine import Reflection
from bot.settings import SettingsError, load, number

# The bot's message kinds (docs/client-contract.md) that are counted, as the report names them.
COUNTED_KINDS = {"help": "uitleg", "pause": "pauze", "checkin": "hoe gaat het", "support": "steunbericht"}

Row = tuple[str, str, float | None, str]  # (sender_id, type_name, timestamp, data) in id order


@dataclass
class Conversation:
    began: float | None = None
    state: dict[str, Any] | None = None
    summary: bool = False
    kinds: Counter[str] = field(default_factory=Counter)


@dataclass
class Week:
    started: int = 0
    completed: int = 0
    left_in_phase: Counter[str] = field(default_factory=Counter)
    kinds: Counter[str] = field(default_factory=Counter)
    skipped: int = 0
    flows: Counter[str] = field(default_factory=Counter)
    bouwopgaven: Counter[str] = field(default_factory=Counter)

    def as_dict(self) -> dict[str, Any]:
        return {
            "gestart": self.started,
            "afgerond": self.completed,
            "gestopt_in_fase": dict(sorted(self.left_in_phase.items())),
            "berichten": {COUNTED_KINDS[k]: self.kinds[k] for k in COUNTED_KINDS},
            "overgeslagen_vragen": self.skipped,
            "flows": dict(sorted(self.flows.items())),
            "bouwopgaven": dict(sorted(self.bouwopgaven.items())),
        }


def conversations(rows: Iterable[Row]) -> Iterator[Conversation]:
    """Each conversation as it stands, from its rows in order (one conversation in memory at a time)."""
    current, last_sender = Conversation(), None
    for sender, type_name, timestamp, data in rows:
        if sender != last_sender and last_sender is not None:
            yield current
            current = Conversation()
        last_sender = sender
        if current.began is None and timestamp is not None:
            current.began = timestamp
        if type_name == "slot":
            event = json.loads(data)
            if event.get("name") == STATE_SLOT and isinstance(event.get("value"), dict):
                current.state = event["value"]
        elif type_name == "bot":
            custom = (json.loads(data).get("data") or {}).get("custom") or {}
            kind = (custom.get("reflectie") or {}).get("kind")
            if kind == "summary":
                current.summary = True
            elif kind in COUNTED_KINDS:
                current.kinds[kind] += 1
    if last_sender is not None:
        yield current


def phase_of(state: dict[str, Any]) -> str:
    """The phase a reflection was left in (the flow's own, or the step's prefix if the flow is gone)."""
    content = get_content()
    if state.get("flow") in content.flows:
        try:
            return Reflection(content, state).phase()
        except (KeyError, TypeError, ValueError):
            pass
    return str(state["step"]).split(".")[0]


def week_of(timestamp: float) -> str:
    year, week, _ = datetime.datetime.fromtimestamp(timestamp, datetime.timezone.utc).isocalendar()
    return f"{year}-W{week:02d}"


def figures(rows: Iterable[Row]) -> dict[str, Week]:
    """ISO week -> the figures of the reflections that began in it."""
    weeks: dict[str, Week] = defaultdict(Week)
    for conversation in conversations(rows):
        state = conversation.state or {}
        if conversation.began is None or not state.get("flow"):
            continue  # no reflection was started (only the welcome, or only deleted)
        week = weeks[week_of(conversation.began)]
        week.started += 1
        week.flows[state["flow"]] += 1
        if conversation.summary:
            week.completed += 1
        elif state.get("step"):
            week.left_in_phase[phase_of(state)] += 1
        week.kinds.update(conversation.kinds)
        week.skipped += sum(
            1 for a in (state.get("answers") or {}).values() if isinstance(a, dict) and a.get("skipped")
        )
        week.bouwopgaven.update(state.get("bouwopgaven") or [])
    return dict(sorted(weeks.items()))


def stored_rows(values: dict[str, str]) -> Iterator[Row]:
    from server.store import from_settings

    store = from_settings(values)
    table = store.SQLEvent.__table__
    query = table.select().with_only_columns(table.c.sender_id, table.c.type_name, table.c.timestamp, table.c.data)
    with store.engine.connect() as connection:
        result = connection.execution_options(yield_per=500).execute(query.order_by(table.c.sender_id, table.c.id))
        yield from ((r.sender_id, r.type_name, r.timestamp, r.data) for r in result)


def report(weeks: dict[str, Week], days: float) -> str:
    lines = [
        f"Bouwgesprek in cijfers, per week waarin een gesprek begon (hooguit {days:g} dagen terug:",
        "oudere en verwijderde gesprekken zijn gewist). Alleen aantallen, geen tekst.",
        "",
    ]
    if not weeks:
        return "\n".join([*lines, "Nog geen reflecties bewaard."])
    for name, week in weeks.items():
        figures_ = week.as_dict()
        lines.append(f"{name}: {week.started} gestart, {week.completed} afgerond")
        for label, counted in figures_.items():
            if isinstance(counted, dict) and counted:
                lines.append(f"  {label}: " + ", ".join(f"{k} {v}" for k, v in counted.items()))
        lines.append(f"  overgeslagen vragen: {week.skipped}")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m server.stats", description="Anonieme cijfers (alleen aantallen)")
    parser.add_argument("--json", action="store_true", help="als JSON in plaats van een tabel")
    args = parser.parse_args(argv)
    try:
        values = load()
        days = number(values, "RETENTION_DAYS")
    except SettingsError as problem:
        print(f"Instelling klopt niet: {problem}", file=sys.stderr)
        return 1
    weeks = figures(stored_rows(values))
    if args.json:
        print(json.dumps({"dagen_terug": days, "weken": {k: w.as_dict() for k, w in weeks.items()}}, indent=2))
    else:
        print(report(weeks, days))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
