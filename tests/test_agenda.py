"""The verbeterstappen as a calendar (bot/agenda.py), parsed again with icalendar: one
all-day event per step with a day, and a note naming the steps without one."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import icalendar
import pytest

from bot.agenda import to_ics, undated_note
from bot.content import get_content
from tests.summaries import DAYS, MADE, STEPS, reflection_summary


@pytest.fixture(scope="module")
def reflection() -> dict[str, Any]:
    return reflection_summary()


def events_of(data: bytes) -> list[Any]:
    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


def test_each_dated_step_is_one_all_day_event_with_the_lead_and_how_to_notice_it(reflection):
    events = events_of(to_ics(get_content(), reflection, MADE))
    dated = [(step, day) for step, day in zip(STEPS, DAYS, strict=True) if day is not None]
    assert len(events) == len(dated)
    for event, (step, day) in zip(events, dated, strict=True):
        start = event.decoded("dtstart")
        assert start == day and not isinstance(start, datetime)  # a day, not a moment
        assert event.decoded("dtend") == day + timedelta(days=1)
        assert str(event["summary"]) == step["wat"]
        description = str(event["description"])
        assert f"In de lead: {step['wie']}" in description
        assert step["merkbaar"] in description and step["wanneer"] in description
        assert str(event["class"]) == "PRIVATE"
        [alarm] = event.walk("VALARM")
        assert alarm.decoded("trigger") == -timedelta(hours=15)  # 9:00 the day before
    assert len({str(event["uid"]) for event in events}) == len(events)


def test_the_own_first_step_is_in_the_description_when_someone_else_leads(reflection):
    steps = [{**STEPS[1], "wanneer": "volgende week"}]
    [event] = events_of(to_ics(get_content(), {**reflection, "verbeterstappen": steps}, MADE))
    assert event.decoded("dtstart") == date(2026, 12, 7)
    assert f"Jouw eerste stap: {STEPS[1]['eigen_stap']}" in str(event["description"])


def test_without_any_date_the_calendar_is_empty_but_valid_and_the_note_names_every_step(reflection):
    steps = [{**step, "wanneer": "na de zomer"} for step in STEPS]
    summary = {**reflection, "verbeterstappen": steps}
    data = to_ics(get_content(), summary, MADE)
    assert icalendar.Calendar.from_ical(data).name == "VCALENDAR" and events_of(data) == []
    note = undated_note(get_content(), summary, MADE.date())
    assert all(f"‘{step['wat']}’" in note for step in steps) and " en ‘" in note


def test_with_every_step_dated_there_is_no_note(reflection):
    summary = {**reflection, "verbeterstappen": [STEPS[0], STEPS[2]]}
    assert undated_note(get_content(), summary, MADE.date()) == ""


def test_the_month_names_are_twelve():
    assert len(get_content().text("maanden").split()) == 12
