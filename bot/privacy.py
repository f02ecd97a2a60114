"""Finding identifying client data in a message and replacing it before anything keeps it.

Detected: BSN (nine digits passing the elfproef, written 3-3-3 or 4-2-3, with dots, spaces
or hyphens), Dutch phone numbers (06, landline, +31/0031, an area code in brackets, spaced
hyphens), e-mail addresses (also written with [at] and [dot]), IBANs (mod-97 check, also with
dots), postcodes (with a house number or alone) and street addresses, dates of birth (a full
date in a year at least twelve years back: 12-03-1985, 12-03-85, 1985-03-12, 12 mrt 1985)
and client or dossier numbers after their label. ``scrub_message`` adds names, street
addresses and id numbers found by deduce (bot/names.py) for what a user types; ``scrub``
alone (patterns only) is what the tracker store runs again on every event.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass

from bot.names import NAMES, NameFinder
from bot.postcodes import postcode_letters

KINDS = ("email", "iban", "bsn", "telefoon", "postcode", "geboortedatum", "klantnummer", "kenteken", "naam")


@dataclass(frozen=True)
class Scrubbed:
    text: str
    kinds: tuple[str, ...]  # what was removed, in KINDS order, each once


def _bsn_ok(digits: str) -> bool:
    if len(digits) != 9 or digits == "0" * 9:
        return False
    total = sum(int(d) * (9 - i) for i, d in enumerate(digits[:8])) - int(digits[8])
    return total % 11 == 0


def _iban_ok(raw: str) -> bool:
    iban = re.sub(r"[\s.]", "", raw).upper()
    if not 15 <= len(iban) <= 34:
        return False
    rearranged = iban[4:] + iban[:4]
    number = "".join(str(int(ch, 36)) for ch in rearranged)
    return int(number) % 97 == 1


def _birth_year_ok(year: str) -> bool:
    return 1900 <= int(year) <= datetime.date.today().year - 12


MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
    "jan|feb|mrt|apr|jun|jul|aug|sept|sep|okt|nov|dec"
)


def _two_digit_birth_year_ok(yy: str) -> bool:
    this_year = datetime.date.today().year
    year = 2000 + int(yy) if 2000 + int(yy) <= this_year else 1900 + int(yy)
    return _birth_year_ok(str(year))


def _amount(match: re.Match[str]) -> bool:
    """Whether a number is an amount of money: "€ 123.456.782", "123.456.782 euro"."""
    before = match.string[max(0, match.start() - 5) : match.start()]
    after = match.string[match.end() : match.end() + 6]
    return bool(re.search(r"(?:€|eur|euro)\s*$", before, re.IGNORECASE) or re.match(r"\s*(?:€|eur)", after, re.I))


def _year_ok(year: str) -> bool:
    """A birth year written in full or as two digits ("'85")."""
    year = year.lstrip("'")
    return _birth_year_ok(year) if len(year) == 4 else _two_digit_birth_year_ok(year)


def _ten_digits(match: re.Match[str]) -> bool:
    return len(re.sub(r"\D", "", match.group(0))) == 10


# Every pattern runs in time linear in the text: each can only start where a word or number
# starts (a lookbehind), and every repeat is bounded, so no long word is tried from each of its
# letters (tests/test_privacy.py feeds them 100,000 characters of the worst kind).
# Between the digits of a phone number: a space, or a hyphen, dash or dot with a space on either side.
_GAP = r"(?:\s?[-–—.]\s?|\s)?"
_STREET = r"(?:straat|laan|weg|plein|gracht|kade|singel|dijk|hof|pad|steeg|dreef|markt|park|baan)"

# (kind, pattern, check on the match): checked in this order; an earlier match wins. A match's
# group `label` ("klantnummer: ") is kept; the rest is replaced.
PATTERNS: list[tuple[str, re.Pattern[str], Callable[[re.Match[str]], bool]]] = [
    (
        "email",
        re.compile(
            r"(?<![\w.+-])[\w.+-]{1,64}(?:@|\s?[\[(]\s?(?:at|apenstaartje)\s?[\])]\s?)[\w-]{1,63}"
            r"(?:(?:\.|\s?[\[(]\s?(?:dot|punt)\s?[\])]\s?)[\w-]{1,63}){1,6}|"
            # "j.jansen at gemeente.nl": "at" alone is no Dutch word; a domain with a dot after it
            r"(?<![\w.+-])[\w.+-]{1,64}\s(?:at|apenstaartje)\s[\w-]{1,63}(?:\.[\w-]{1,63}){0,5}\.[a-z]{2,6}(?![\w.])",
            re.IGNORECASE,
        ),
        lambda m: True,
    ),
    (
        "iban",
        re.compile(r"(?<!\w)[A-Z]{2}\d{2}(?:[\s.]?[A-Z0-9]{4}){2,7}(?:[\s.]?[A-Z0-9]{1,3})?(?!\w)", re.IGNORECASE),
        lambda m: _iban_ok(m.group(0)),
    ),
    (
        "bsn",
        re.compile(r"(?<![\d.-])(?:\d{3}([.\s-]?)\d{3}\1\d{3}|\d{4}([.\s-])\d{2}\2\d{3})(?!\d|[.-]\d)"),
        lambda m: _bsn_ok(re.sub(r"\D", "", m.group(0))) and not _amount(m),
    ),
    (
        "telefoon",
        re.compile(rf"(?<![\w+])(?:\+31|0031|0){_GAP}(?:\(0\)\s?)?[1-9](?:{_GAP}\d){{8}}(?!\d)"),
        lambda m: True,
    ),
    (
        "telefoon",
        re.compile(rf"(?<!\w)\(0[1-9]\d{{0,2}}\){_GAP}\d(?:{_GAP}\d){{5,7}}(?!\d)"),
        _ten_digits,
    ),
    (
        "postcode",
        re.compile(
            r"(?<!\w)[1-9]\d{3}\s?(?P<letters>[A-Za-z]{2})(?!\w)[\s,]{1,3}(?:(?:huisnummer|nummer|nr\.?)\s?)?\d{1,5}"
            r"(?:\s?[A-Za-z](?!\w)|-\d{1,4})?|"
            rf"(?<![\w'-])[A-Za-z][\w'-]{{0,40}}{_STREET}\s{{1,3}}\d{{1,5}}[A-Za-z]?[\s,]{{1,3}}[1-9]\d{{3}}\s?[A-Za-z]{{2}}(?!\w)"
        ),
        # With a house number after it the letters may be typed small ("1234 ab 12"), but
        # "2019 en 2021" and "1250 of 1500" are no address.
        lambda m: m.group("letters") is None or postcode_letters(m.group("letters").upper()),
    ),
    (
        "postcode",  # a street address without a postcode: a capital, a street word, a number
        re.compile(
            rf"(?<![\w'-])(?!Onderweg|Halverweg)[A-Z][a-z'-]{{1,40}}{_STREET}\s{{1,3}}(?:nr\.?\s?)?\d{{1,5}}"
            r"(?:\s?[A-Za-z](?!\w)|-\d{1,4})?(?!\d)"
        ),
        lambda m: True,
    ),
    (
        "postcode",  # the number first: "nummer 12 van de Kerkstraat", "op nr 4 in de Dorpsstraat"
        re.compile(
            r"(?<!\w)(?:huisnummer|nummer|nr\.?)\s?\d{1,5}[A-Za-z]?\s{1,3}(?:van|in|aan|op)\s{1,3}(?:de|het)\s{1,3}"
            rf"[A-Z][a-z'-]{{1,40}}{_STREET}(?!\w)"
        ),
        lambda m: True,
    ),
    (
        "postcode",  # a postcode alone; not a year before a word in capitals ("IN 2020 IK WAS")
        re.compile(r"(?<!\w)[1-9]\d{3}\s?([A-Z]{2})(?!\w)"),
        lambda m: postcode_letters(m.group(1)),
    ),
    (
        "geboortedatum",
        re.compile(r"(?<![\d./-])(?:[0-2]?\d|3[01])([-/.])(?:0?[1-9]|1[0-2])\1((?:19|20)\d{2})(?!\d)"),
        lambda m: _birth_year_ok(m.group(2)),
    ),
    (
        "geboortedatum",
        re.compile(r"(?<![\d./-])(?:[0-2]?\d|3[01])([-/.])(?:0?[1-9]|1[0-2])\1'?(\d{2})(?!\d|[-/.]\d)"),
        lambda m: _two_digit_birth_year_ok(m.group(2)),
    ),
    (
        "geboortedatum",
        re.compile(r"(?<![\d./-])((?:19|20)\d{2})([-/.])(?:0?[1-9]|1[0-2])\2(?:[0-2]?\d|3[01])(?![\d./-]\d|\d)"),
        lambda m: _birth_year_ok(m.group(1)),
    ),
    (
        "geboortedatum",
        re.compile(
            rf"(?<!\w)(?:[0-2]?\d|3[01])(?:\s{{1,3}}|-)(?:{MONTHS})\.?(?:\s{{1,3}}|-)('?\d{{2}}|(?:19|20)\d{{2}})(?!\d)",
            re.IGNORECASE,
        ),
        lambda m: _year_ok(m.group(1)),
    ),
    (
        "kenteken",  # Dutch number plates, written with their hyphens: "12-ABC-3", "XX-99-XX"
        re.compile(
            r"(?<![\w-])(?:[A-Z]{2}-\d{2}-\d{2}|\d{2}-\d{2}-[A-Z]{2}|\d{2}-[A-Z]{2}-\d{2}|[A-Z]{2}-\d{2}-[A-Z]{2}|"
            r"[A-Z]{2}-[A-Z]{2}-\d{2}|\d{2}-[A-Z]{2}-[A-Z]{2}|\d{2}-[A-Z]{3}-\d|\d-[A-Z]{3}-\d{2}|[A-Z]{2}-\d{3}-[A-Z]|"
            r"[A-Z]-\d{3}-[A-Z]{2}|[A-Z]{3}-\d{2}-[A-Z]|[A-Z]-\d{2}-[A-Z]{3}|\d-[A-Z]{2}-\d{3}|\d{3}-[A-Z]{2}-\d)(?![\w-])"
        ),
        lambda m: True,
    ),
    (
        "klantnummer",
        re.compile(
            r"(?P<label>(?<!\w)(?:klant|cli[eë]nt|dossier|relatie|registratie|zaak|burger)(?:nummer|nr\.?)"
            r"\s{0,3}[:#]?\s{0,3})[A-Z]{0,3}-?\d(?:[\s.-]?\d){2,15}(?!\d)",
            re.IGNORECASE,
        ),
        lambda m: True,
    ),
]


# Every pattern above needs a digit, an @ or an "at" between brackets or spaces, so a text with none of them has
# nothing to remove. Most of what the tracker store scrubs is like that (tests/test_privacy.py).
MAY_IDENTIFY = re.compile(r"[\d@]|[\[(\s](?:at|apenstaartje)[\])\s]", re.IGNORECASE)


def scrub(text: str, placeholders: dict[str, str]) -> Scrubbed:
    """``text`` with every identifying item replaced by its kind's placeholder."""
    if not MAY_IDENTIFY.search(text):
        return Scrubbed(text, ())
    found: list[str] = []
    for kind, pattern, accept in PATTERNS:

        def replace(match: re.Match[str], kind: str = kind, accept: Callable[[re.Match[str]], bool] = accept) -> str:
            if not accept(match):
                return match.group(0)
            found.append(kind)
            label = match.groupdict().get("label") or ""
            return label + placeholders[kind]

        text = pattern.sub(replace, text)
    return Scrubbed(text, tuple(k for k in KINDS if k in found))


def scrub_message(text: str, placeholders: dict[str, str], names: NameFinder = NAMES) -> Scrubbed:
    """What a user typed, before anything keeps it: the patterns, then names (deduce)."""
    patterned = scrub(text, placeholders)
    named, kinds = names.replace(patterned.text, placeholders)
    found = set(patterned.kinds) | set(kinds)
    return Scrubbed(named, tuple(k for k in KINDS if k in found))
