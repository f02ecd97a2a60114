"""Finding identifying client data in a message and replacing it before anything keeps it.

Detected: BSN (nine digits passing the elfproef), Dutch phone numbers (06, landline,
+31/0031), e-mail addresses, IBANs (mod-97 check), postcode with house number, and dates
of birth (a full date in a year at least twelve years back). Names cannot be caught
reliably; the privacy note asks for roles instead.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass

KINDS = ("email", "iban", "bsn", "telefoon", "postcode", "geboortedatum")


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
    iban = re.sub(r"\s", "", raw).upper()
    if not 15 <= len(iban) <= 34:
        return False
    rearranged = iban[4:] + iban[:4]
    number = "".join(str(int(ch, 36)) for ch in rearranged)
    return int(number) % 97 == 1


def _birth_year_ok(year: str) -> bool:
    return 1900 <= int(year) <= datetime.date.today().year - 12


MONTHS = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"

# (kind, pattern, check on the match): checked in this order; an earlier match wins.
PATTERNS: list[tuple[str, re.Pattern[str], Callable[[re.Match[str]], bool]]] = [
    ("email", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), lambda m: True),
    (
        "iban",
        re.compile(r"\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){2,7}(?:\s?[A-Z0-9]{1,3})?(?!\w)", re.IGNORECASE),
        lambda m: _iban_ok(m.group(0)),
    ),
    (
        "bsn",
        re.compile(r"(?<![\d.])\d{3}[.\s]?\d{3}[.\s]?\d{3}(?![\d.])"),
        lambda m: _bsn_ok(re.sub(r"\D", "", m.group(0))),
    ),
    ("telefoon", re.compile(r"(?<!\w)(?:\+31|0031|0)[\s-]?(?:\(0\)[\s-]?)?[1-9](?:[\s-]?\d){8}(?!\d)"), lambda m: True),
    (
        "postcode",
        re.compile(
            r"\b[1-9]\d{3}\s?[A-Za-z]{2}\b[\s,]+(?:huisnummer\s+)?\d{1,5}\s?[A-Za-z]?\b|"
            r"\b[A-Za-z][\w.'-]+(?:straat|laan|weg|plein|gracht|kade|singel|dijk|hof|pad)\s+\d{1,5}"
            r"[A-Za-z]?[\s,]+[1-9]\d{3}\s?[A-Za-z]{2}\b"
        ),
        lambda m: True,
    ),
    (
        "geboortedatum",
        re.compile(r"\b(?:[0-2]?\d|3[01])[-/.](?:0?[1-9]|1[0-2])[-/.]((?:19|20)\d{2})\b"),
        lambda m: _birth_year_ok(m.group(1)),
    ),
    (
        "geboortedatum",
        re.compile(rf"\b(?:[0-2]?\d|3[01])\s+(?:{MONTHS})\s+((?:19|20)\d{{2}})\b", re.IGNORECASE),
        lambda m: _birth_year_ok(m.group(1)),
    ),
]


# Every pattern above needs a digit or an @, so a text with neither has nothing to remove.
# Most of what the tracker store scrubs is like that (tests/test_privacy.py guards it).
MAY_IDENTIFY = re.compile(r"[\d@]")


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
            return placeholders[kind]

        text = pattern.sub(replace, text)
    return Scrubbed(text, tuple(k for k in KINDS if k in found))
