"""Dutch dates in what a user says as a verbeterstap's wanneer, read relative to a given day.

``read_date(text, today)`` returns the one day a calendar item can go on, or None when the
text names no day that can be read without guessing. No library: dateparser would upgrade
``regex`` beyond Rasa's pin, and the phrases people use for a verbeterstap are few. What it
reads (the first kind that occurs anywhere in the text wins, in this order):

=================================================  =========================================
what the user says                                 the day
=================================================  =========================================
"15-03-2027", "15/3/27", "15.03.2027", "2027-03-15"  that date, also when it has passed
"15-3", "15/03"                                    that date, next year when it has passed
"1 maart", "voor 1 maart", "uiterlijk 1 mrt",      that date (the deadline itself), next year
"het teamoverleg van 15 maart", "1e maart"         when it has passed ("1 maart" in december)
"1 maart 2027"                                     that date
"in week 12", "week 12", "wk 12"                   Monday of ISO week 12 (today in week 12
                                                   itself), next year's once this year's is
                                                   over; "vrijdag in week 12": its Friday
"over twee weken", "over 3 dagen", "binnen een     today plus that many days, weeks, months or
maand", "over veertien dagen", "in 2 weken",       years (a month later on the same day, or
"over een half jaar"                               the month's last day)
"vandaag", "morgen", "overmorgen"                  today, plus one, plus two
"eind van de maand", "eind deze maand"             the last day of this month
"eind volgende maand"                              the last day of next month
"eind maart", "begin april", "half mei",           the last, first or 15th day of that month
"medio juni"                                       (next year once the month is over)
"eind van het jaar", "eind dit jaar"               31 December
"deze week", "eind van de week"                    Friday of this week (the next one on a
                                                   Saturday or Sunday)
"volgende week"                                    Monday of next week; "volgende week
                                                   vrijdag": Friday of next week
"volgende maand", "begin volgende maand"           the first day of next month
"deze maand"                                       the last day of this month
"vrijdag", "aanstaande vrijdag", "komende          the first Friday after today
vrijdag", "vrijdagmiddag"
"volgende vrijdag"                                 Friday of next week
"in maart", "maart"                                1 March (today when it is March; next year
                                                   once March is over)
=================================================  =========================================

Periods become their first day (a reminder in time) and "eind ..." its last day. Vague
moments give None: "na de zomer", "z.s.m.", "binnenkort", "in het najaar", "Q2", "volgend
jaar", "over een paar weken", "bij het volgende teamoverleg". A number followed by a unit
("3-4 weken", "1/2 dag") or a time ("om 14.30") is no date. Abbreviated month names count
only after a day number ("1 jan"): "met Jan" is a person.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, timedelta

MONTHS = {
    "januari": 1,
    "februari": 2,
    "maart": 3,
    "april": 4,
    "mei": 5,
    "juni": 6,
    "juli": 7,
    "augustus": 8,
    "september": 9,
    "oktober": 10,
    "november": 11,
    "december": 12,
}
MONTH_ABBREVIATIONS = {
    "jan": 1,
    "feb": 2,
    "febr": 2,
    "mrt": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "okt": 10,
    "nov": 11,
    "dec": 12,
}
WEEKDAYS = {"maandag": 0, "dinsdag": 1, "woensdag": 2, "donderdag": 3, "vrijdag": 4, "zaterdag": 5, "zondag": 6}
NUMBERS = {
    "een": 1,
    "twee": 2,
    "drie": 3,
    "vier": 4,
    "vijf": 5,
    "zes": 6,
    "zeven": 7,
    "acht": 8,
    "negen": 9,
    "tien": 10,
    "elf": 11,
    "twaalf": 12,
    "dertien": 13,
    "veertien": 14,
    "vijftien": 15,
    "zestien": 16,
    "zeventien": 17,
    "achttien": 18,
    "negentien": 19,
    "twintig": 20,
}
DAYS_PER_UNIT = {"dag": 1, "dagen": 1, "week": 7, "weken": 7}
MONTHS_PER_UNIT = {"maand": 1, "maanden": 1, "jaar": 12}
# Friday: the day "deze week" and "eind van de week" end on.
END_OF_WEEK = WEEKDAYS["vrijdag"]

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_ANY_MONTH = "|".join(sorted([*MONTHS, *MONTH_ABBREVIATIONS], key=len, reverse=True))
_WEEKDAY = "|".join(WEEKDAYS)
_UNIT = "|".join(sorted([*DAYS_PER_UNIT, *MONTHS_PER_UNIT], key=len, reverse=True))
_COUNT = r"\d{1,3}|" + "|".join(sorted(NUMBERS, key=len, reverse=True))
# What follows a number that makes it an amount or a time, not a date: "3-4 weken", "14.30 uur".
_UNIT_AFTER = r"(?!\s*(?:uur|u\b|min|dag|dagen|week|weken|wk|maand|maanden|jaar|keer|x\b|%))"

Rule = Callable[[re.Match[str], date], date | None]


def _on_or_after(month: int, day: int, today: date) -> date | None:
    """``day`` ``month`` this year, or the first year after in which it exists and has not passed."""
    for year in range(today.year, today.year + 5):  # 29 februari exists once in four years
        try:
            found = date(year, month, day)
        except ValueError:
            continue
        if found >= today:
            return found
    return None


def _exact(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _year(text: str) -> int:
    return int(text) + 2000 if len(text) == 2 else int(text)


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(today: date, months: int) -> date:
    """The same day ``months`` later; the month's last day when it is shorter (31 jan + 1: 28 feb)."""
    index = today.year * 12 + today.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(today.day, calendar.monthrange(year, month + 1)[1]))


def _next_monday(today: date) -> date:
    return today + timedelta(days=7 - today.weekday())


def _first_after(weekday: int, today: date) -> date:
    """The first ``weekday`` after today (not today itself: "vrijdag" said on a Friday is next week's)."""
    return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)


def _weekday_in(text: str) -> int | None:
    found = re.search(rf"\b({_WEEKDAY})", text)
    return WEEKDAYS[found.group(1)] if found else None


def _in_month(month: int, day_of: Callable[[int], int], today: date) -> date | None:
    """A day of ``month`` (first, 15th, last: ``day_of(year)``): this year, next year once the
    month is over, and not before today while it runs."""
    year = today.year if month >= today.month else today.year + 1
    return max(date(year, month, day_of(year)), today)


def _numeric(match: re.Match[str], today: date) -> date | None:
    day, month, year = int(match["d"]), int(match["m"]), match["y"]
    if year:
        return _exact(_year(year), month, day)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return _on_or_after(month, day, today)


def _iso(match: re.Match[str], today: date) -> date | None:
    return _exact(int(match["y"]), int(match["m"]), int(match["d"]))


def _day_and_month(match: re.Match[str], today: date) -> date | None:
    name = match["month"]
    month = MONTHS.get(name) or MONTH_ABBREVIATIONS[name]
    if match["y"]:
        return _exact(int(match["y"]), month, int(match["d"]))
    return _on_or_after(month, int(match["d"]), today)


def _week_number(match: re.Match[str], today: date) -> date | None:
    week = int(match["week"])
    weekday = _weekday_in(match.string)
    for year in (today.year, today.year + 1):
        try:
            monday = date.fromisocalendar(year, week, 1)
        except ValueError:  # week 53 in a year of 52, week 0
            return None
        if monday + timedelta(days=6) >= today:  # not over yet: this week counts from today
            return max(monday + timedelta(days=weekday or 0), today)
    return None


def _count(word: str) -> int:
    return int(word) if word.isdigit() else NUMBERS[word]


def _later(match: re.Match[str], today: date) -> date | None:
    count, unit = _count(match["n"]), match["unit"]
    if unit in DAYS_PER_UNIT:
        return today + timedelta(days=count * DAYS_PER_UNIT[unit])
    return _add_months(today, count * MONTHS_PER_UNIT[unit])


def _this_friday(today: date) -> date:
    if today.weekday() <= END_OF_WEEK:
        return today + timedelta(days=END_OF_WEEK - today.weekday())
    return _first_after(END_OF_WEEK, today)


def _next_week(match: re.Match[str], today: date) -> date | None:
    weekday = match["weekday"]
    return _next_monday(today) + timedelta(days=WEEKDAYS[weekday] if weekday else 0)


def _weekday(match: re.Match[str], today: date) -> date | None:
    weekday = WEEKDAYS[match["weekday"]]
    if match["which"] == "volgende":
        return _next_monday(today) + timedelta(days=weekday)
    return _first_after(weekday, today)


def _month_part(match: re.Match[str], today: date) -> date | None:
    month = MONTHS[match["month"]]
    part = match["part"]
    if part in ("eind", "einde"):
        return _in_month(month, lambda year: calendar.monthrange(year, month)[1], today)
    return _in_month(month, lambda year: 1 if part == "begin" else 15, today)


def _next_month(today: date) -> date:
    return _add_months(today.replace(day=1), 1)


# Each rule: a pattern over the normalised text and the day it gives. The first rule whose
# pattern occurs anywhere wins, so a full date beats a weekday ("vrijdag 15 maart").
RULES: list[tuple[re.Pattern[str], Rule]] = [
    (re.compile(r"(?<![\d/.-])(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?![\d/.-])"), _iso),
    (
        re.compile(
            r"(?<![\d/.-])(?P<d>\d{1,2})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})(?![\d/.-])" + _UNIT_AFTER
        ),
        _numeric,
    ),
    (re.compile(r"(?<![\d/.-])(?P<d>\d{1,2})[-/](?P<m>\d{1,2})(?P<y>)(?![\d/.-])" + _UNIT_AFTER), _numeric),
    (
        re.compile(rf"\b(?P<d>\d{{1,2}})(?:e|ste|de)?\s+(?P<month>{_ANY_MONTH})\b\.?(?:\s+(?P<y>\d{{4}})\b)?"),
        _day_and_month,
    ),
    (re.compile(r"\b(?:week|wk)\.?\s*(?P<week>\d{1,2})\b"), _week_number),
    (re.compile(rf"\b(?:over|binnen|in|na)\s+(?P<n>{_COUNT})\s+(?P<unit>{_UNIT})\b"), _later),
    # "2 weken" as the whole answer to "Wanneer?": from now (a tester was asked for a day once more)
    (re.compile(rf"^\s*(?:ongeveer\s+|zo'n\s+|circa\s+)?(?P<n>{_COUNT})\s+(?P<unit>{_UNIT})\s*[.!]?\s*$"), _later),
    (re.compile(r"\b(?:over|binnen|in|na)\s+een\s+half\s+jaar\b"), lambda m, today: _add_months(today, 6)),
    (re.compile(r"\boverm[oe]rgen\b"), lambda m, today: today + timedelta(days=2)),
    (re.compile(r"\bmorgen\b"), lambda m, today: today + timedelta(days=1)),
    (re.compile(r"\bvandaag\b"), lambda m, today: today),
    (
        re.compile(r"\beinde?\s+(?:van\s+)?(?:de\s+)?volgende\s+maand\b"),
        lambda m, today: _last_day(_next_month(today).year, _next_month(today).month),
    ),
    (
        re.compile(r"\beinde?\s+(?:van\s+)?(?:de|deze)\s+maand\b|\bdeze\s+maand\b"),
        lambda m, today: _last_day(today.year, today.month),
    ),
    (re.compile(rf"\b(?P<part>einde?|begin|half|medio|midden)\s+(?:van\s+)?(?P<month>{_MONTH})\b"), _month_part),
    (
        re.compile(r"\beinde?\s+(?:van\s+)?(?:het|dit)\s+jaar\b|\beind\s+jaar\b"),
        lambda m, today: date(today.year, 12, 31),
    ),
    (re.compile(r"\beinde?\s+(?:van\s+)?(?:de|deze)\s+week\b|\bdeze\s+week\b"), lambda m, today: _this_friday(today)),
    (re.compile(rf"\bvolgende\s+week(?:\s+(?:op\s+)?(?P<weekday>{_WEEKDAY}))?\b"), _next_week),
    (re.compile(r"\b(?:begin\s+)?(?:van\s+)?(?:de\s+)?volgende\s+maand\b"), lambda m, today: _next_month(today)),
    (
        re.compile(
            rf"\b(?:(?P<which>volgende|komende|aanstaande|deze)\s+)?(?P<weekday>{_WEEKDAY})(?:ochtend|middag|avond)?\b"
        ),
        _weekday,
    ),
    (
        re.compile(rf"\b(?P<month>{_MONTH})\b"),
        lambda m, today: _in_month(MONTHS[m["month"]], lambda year: 1, today),
    ),
]


def normalise(text: str) -> str:
    """Lower case, one space between words, "één" as "een"."""
    text = text.lower().replace("één", "een").replace("eén", "een")
    return " ".join(text.split())


def read_date(text: str, today: date) -> date | None:
    """The day ``text`` names, read relative to ``today``; None when it names none (see the
    module's table)."""
    said = normalise(text)
    for pattern, rule in RULES:
        for match in pattern.finditer(said):
            found = rule(match, today)
            if found is not None:
                return found
    return None


def day_phrase(said: str, today: date) -> tuple[int, int] | None:
    """Where in ``said`` (normalised) the day :func:`read_date` reads stands, as (start, end)."""
    for pattern, rule in RULES:
        for match in pattern.finditer(said):
            if rule(match, today) is not None:
                return match.start(), match.end()
    return None


def names_a_day(text: str) -> bool:
    """Whether ``text`` names a day a calendar item can go on (read relative to today; which
    phrases are read does not depend on the day)."""
    return read_date(text, date.today()) is not None
