"""The verbeterstappen as a calendar to take along (.ics), and which of them have no day.

Each verbeterstap whose wanneer names a day (bot/dates.py) becomes an all-day event, read
relative to the day of the summary: "over twee weken" means two weeks after the
conversation, not after the download. Steps without a day are named (``undated_note``) so
that the user can put them in the calendar by hand. All text comes from content/.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta, timezone
from typing import Any

import icalendar

from bot.dates import read_date
from bot.model import Content

# The reminder: at 9:00 on the day before the step (an all-day event starts at 0:00).
REMINDER_BEFORE = timedelta(hours=15)
# Event ids are made from the step, so that importing the same file twice updates, not doubles.
UID_NAMESPACE = uuid.UUID("6f1d7c52-4f0a-4d59-9a51-0b7c2e8d3a10")


def day_text(content: Content, day: date) -> str:
    """A day as the files write it: "1 maart 2027" (teksten.yml: export_dag and maanden)."""
    names = content.text("maanden").split()
    month = names[day.month - 1] if len(names) == 12 else day.month  # tests/test_agenda.py checks the twelve
    return content.text("export_dag", dag=day.day, maand=month, jaar=day.year)


def one_line(text: str) -> str:
    return " ".join(text.split())


def dated_steps(summary: dict[str, Any], today: date) -> list[tuple[dict[str, str], date | None]]:
    """Each verbeterstap with the day its wanneer names, or None."""
    return [(step, read_date(step.get("wanneer", ""), today)) for step in summary.get("verbeterstappen") or []]


def undated_note(content: Content, summary: dict[str, Any], today: date) -> str:
    """Which steps have no day a calendar can use ("Geen datum herkend: ..."), or "" when all have one."""
    names = [
        f"‘{one_line(step.get('wat', '')) or content.text('overgeslagen')}’"
        for step, day in dated_steps(summary, today)
        if day is None
    ]
    if not names:
        return ""
    listed = content.text("lijst_en", eerste=", ".join(names[:-1]), laatste=names[-1]) if len(names) > 1 else names[0]
    return content.text("export_geen_datum", stappen=listed)


def to_ics(content: Content, summary: dict[str, Any], made: datetime) -> bytes:
    """One calendar with an all-day event for each verbeterstap whose wanneer names a day: the
    step as its title; who has the lead, the own first step, how to notice it worked and the
    wanneer as said in its description; a reminder the day before. Steps without a day are left
    out (``undated_note`` names them); a calendar without events is still a valid file."""
    text = content.text
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Bouwgesprek//Verbeterstappen//NL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", text("agenda_naam"))
    stamp = made.astimezone(timezone.utc)
    origin = text("agenda_herkomst", titel=summary.get("titel", ""), datum=day_text(content, made.date()))
    for number, (step, day) in enumerate(dated_steps(summary, made.date()), start=1):
        if day is None:
            continue
        wat = one_line(step.get("wat", "")) or text("agenda_naam")
        lines = []
        if step.get("wie"):
            lines.append(text("agenda_wie", wie=one_line(step["wie"])))
        if step.get("eigen_stap"):
            lines.append(text("verbeterstap_eigen_stap", eigen_stap=one_line(step["eigen_stap"])))
        if step.get("merkbaar"):
            lines.append(text("verbeterstap_merkbaar", merkbaar=one_line(step["merkbaar"])))
        lines += [text("agenda_wanneer", wanneer=one_line(step.get("wanneer", ""))), "", origin]
        event = icalendar.Event()
        event.add("uid", f"{uuid.uuid5(UID_NAMESPACE, f'{stamp.isoformat()}|{number}|{wat}|{day}')}@bouwgesprek")
        event.add("dtstamp", stamp)
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("summary", wat)
        event.add("description", "\n".join(lines))
        event.add("class", "PRIVATE")  # who sees a shared calendar does not see the step
        event.add("transp", "TRANSPARENT")  # a reminder, not a meeting: the day stays free
        reminder = icalendar.Alarm()
        reminder.add("action", "DISPLAY")
        reminder.add("description", wat)
        reminder.add("trigger", -REMINDER_BEFORE)
        event.add_component(reminder)
        calendar.add_component(event)
    return calendar.to_ical()
