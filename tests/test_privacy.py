"""Identifying client data is found and replaced (bot/privacy.py)."""

from __future__ import annotations

import pytest

from bot.content import get_content
from bot.privacy import KINDS, scrub

PLACEHOLDERS = {kind: get_content().text(f"privacy_{kind}") for kind in KINDS}


@pytest.mark.parametrize(
    "text, raw, kind",
    [
        ("Haar BSN is 111222333, dat stond in de brief.", "111222333", "bsn"),
        ("bsn 123.456.782", "123.456.782", "bsn"),
        ("Bel hem op 06-12345678 na vijven.", "06-12345678", "telefoon"),
        ("nummer +31 6 1234 5678", "+31 6 1234 5678", "telefoon"),
        ("vast nummer 010-1234567", "010-1234567", "telefoon"),
        ("mail naar iemand.anders@voorbeeld.nl graag", "iemand.anders@voorbeeld.nl", "email"),
        ("rekening NL91 ABNA 0417 1643 00 is leeg", "NL91 ABNA 0417 1643 00", "iban"),
        ("rekening NL91ABNA0417164300", "NL91ABNA0417164300", "iban"),
        ("hij woont op 1234 AB 12 sinds kort", "1234 AB 12", "postcode"),
        ("adres: Dorpsstraat 12, 1234 AB", "Dorpsstraat 12, 1234 AB", "postcode"),
        ("geboren 12-03-1980 in Utrecht", "12-03-1980", "geboortedatum"),
        ("ze is geboren op 3 maart 1975", "3 maart 1975", "geboortedatum"),
    ],
)
def test_identifying_data_is_replaced_by_a_placeholder(text, raw, kind):
    result = scrub(text, PLACEHOLDERS)
    assert raw not in result.text
    assert PLACEHOLDERS[kind] in result.text
    assert result.kinds == (kind,)


@pytest.mark.parametrize(
    "text",
    [
        "Voor 1 maart 2027 plannen we een driehoeksgesprek.",  # a date ahead, not a birth date
        "Om 10.30 uur, met 3 kinderen en 2 klantmanagers.",
        "De klant is 45 en heeft 12.000 euro schuld.",
        "Het gaat om 123456789 euro",  # nine digits that fail the elfproef
        "Bouwopgave 2 en 4, in week 12.",
    ],
)
def test_ordinary_case_text_is_left_alone(text):
    assert scrub(text, PLACEHOLDERS) == (scrub(text, PLACEHOLDERS).__class__(text, ()))


def test_several_kinds_are_all_reported_once():
    result = scrub("BSN 111222333, tel 0612345678 en nog eens 06 12345678", PLACEHOLDERS)
    assert result.kinds == ("bsn", "telefoon")
    assert "111222333" not in result.text and "0612345678" not in result.text


def test_an_iban_that_fails_the_check_is_not_taken_for_one():
    assert "iban" not in scrub("NL91 ABNA 0417 1643 01", PLACEHOLDERS).kinds
