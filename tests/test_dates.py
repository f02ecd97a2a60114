"""Dutch dates in a verbeterstap's wanneer (bot/dates.py), read relative to a fixed day."""

from __future__ import annotations

from datetime import date

import pytest

from bot.dates import read_date

TODAY = date(2026, 12, 4)  # a Friday in ISO week 49

READ = [
    # named days, rolled to next year when they have passed ("1 maart" said in december)
    ("1 maart", date(2027, 3, 1)),
    ("voor 1 maart", date(2027, 3, 1)),
    ("Voor het casusoverleg van 15 maart.", date(2027, 3, 15)),
    ("uiterlijk 1 mrt", date(2027, 3, 1)),
    ("de 1e maart", date(2027, 3, 1)),
    ("1 december", date(2027, 12, 1)),
    ("4 december", TODAY),
    ("20 december", date(2026, 12, 20)),
    ("3 januari 2027", date(2027, 1, 3)),
    ("vrijdag 15 januari", date(2027, 1, 15)),  # the date wins over the weekday
    # numbers
    ("uiterlijk 15-3", date(2027, 3, 15)),
    ("15/03", date(2027, 3, 15)),
    ("15-03-2027", date(2027, 3, 15)),
    ("15.03.2027", date(2027, 3, 15)),
    ("15-3-27", date(2027, 3, 15)),
    ("2027-03-15", date(2027, 3, 15)),
    # counted from today
    ("over twee weken", date(2026, 12, 18)),
    # a count and a unit as the whole answer to "Wanneer?" count from today (a tester's "2 weken"
    # was asked for a day once more)
    ("2 weken", date(2026, 12, 18)),
    ("ongeveer 3 weken.", date(2026, 12, 25)),
    ("een maand", date(2027, 1, 4)),
    ("over 3 dagen", date(2026, 12, 7)),
    ("over een week", date(2026, 12, 11)),
    ("over één week", date(2026, 12, 11)),
    ("binnen een maand", date(2027, 1, 4)),
    ("over veertien dagen", date(2026, 12, 18)),
    ("in 2 weken", date(2026, 12, 18)),
    ("over drie maanden", date(2027, 3, 4)),
    ("over een half jaar", date(2027, 6, 4)),
    ("vandaag", TODAY),
    ("morgen", date(2026, 12, 5)),
    ("Morgen bel ik haar", date(2026, 12, 5)),
    ("overmorgen", date(2026, 12, 6)),
    # weeks and months
    ("volgende week", date(2026, 12, 7)),
    ("volgende week vrijdag", date(2026, 12, 11)),
    ("volgende week op dinsdag", date(2026, 12, 8)),
    ("deze week", TODAY),
    ("eind van de week", TODAY),
    ("volgende maand", date(2027, 1, 1)),
    ("begin volgende maand", date(2027, 1, 1)),
    ("deze maand", date(2026, 12, 31)),
    ("eind van de maand", date(2026, 12, 31)),
    ("aan het einde van deze maand", date(2026, 12, 31)),
    ("eind volgende maand", date(2027, 1, 31)),
    ("eind maart", date(2027, 3, 31)),
    ("eind van februari", date(2027, 2, 28)),
    ("begin april", date(2027, 4, 1)),
    ("half mei", date(2027, 5, 15)),
    ("medio december", date(2026, 12, 15)),
    ("begin december", TODAY),  # the month runs: not before today
    ("in maart", date(2027, 3, 1)),
    ("eind van het jaar", date(2026, 12, 31)),
    ("in week 12", date(2027, 3, 22)),  # Monday of ISO week 12
    ("week 2", date(2027, 1, 11)),
    ("wk 50", date(2026, 12, 7)),
    ("in week 49", TODAY),  # this week: from today
    ("in week 48", date(2027, 11, 29)),  # over: next year's
    ("vrijdag in week 12", date(2027, 3, 26)),
    # weekdays
    ("vrijdag", date(2026, 12, 11)),  # said on a Friday: next week's
    ("aanstaande maandag", date(2026, 12, 7)),
    ("komende woensdag", date(2026, 12, 9)),
    ("volgende vrijdag", date(2026, 12, 11)),
    ("volgende dinsdag", date(2026, 12, 8)),
    ("donderdagmiddag", date(2026, 12, 10)),
]

VAGUE = [
    "na de zomer",
    "z.s.m.",
    "zsm",
    "binnenkort",
    "later",
    "in het najaar",
    "voor de zomer",
    "in Q2",
    "volgend kwartaal",
    "volgend jaar",
    "over een paar weken",
    "bij het volgende teamoverleg",
    "elke maand",
    "weet ik nog niet",
    "",
    "over 1-2 weken",  # a range, not 1 February
    "om 14.30 uur",
    "met Jan",  # a person, not January
    "31-02",
    "15-13",
    "in week 60",
    "2 weken geleden",  # a count in a sentence is no moment from today
    "2 keer",
]


@pytest.mark.parametrize("said, day", READ, ids=[said for said, _ in READ])
def test_a_dutch_moment_is_read_as_its_day(said, day):
    assert read_date(said, TODAY) == day


@pytest.mark.parametrize("said", VAGUE)
def test_a_vague_moment_gives_no_day(said):
    assert read_date(said, TODAY) is None


@pytest.mark.parametrize(
    "said, today, day",
    [
        ("1 maart", date(2027, 3, 1), date(2027, 3, 1)),  # the day itself has not passed
        ("1 maart", date(2027, 3, 2), date(2028, 3, 1)),
        ("29 februari", date(2026, 12, 4), date(2028, 2, 29)),  # the next year that has one
        ("eind van de maand", date(2028, 2, 10), date(2028, 2, 29)),
        ("over een maand", date(2027, 1, 31), date(2027, 2, 28)),  # the month's last day
        ("volgende vrijdag", date(2026, 12, 5), date(2026, 12, 11)),  # on a Saturday: the coming one
        ("deze week", date(2026, 12, 6), date(2026, 12, 11)),  # on a Sunday: the next Friday
        ("week 53", date(2026, 1, 5), date(2026, 12, 28)),  # 2026 has a week 53
        ("15-03-2025", date(2026, 12, 4), date(2025, 3, 15)),  # a year given is kept
    ],
)
def test_the_day_depends_on_today(said, today, day):
    assert read_date(said, today) == day
