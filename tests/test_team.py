"""The plain logic of a team session (bot/team.py): codes, what a member may share, and the
facilitator's overview."""

from __future__ import annotations

from collections import defaultdict

import pytest

from bot.content import get_content
from bot.engine import Reflection
from bot.privacy import scrub, scrub_message
from bot.team import (
    CODE_ALPHABET,
    ITEM_KINDS,
    _looks_identifying,
    code_in,
    new_code,
    new_session_id,
    new_token,
    normal_code,
    overview,
    shareable,
)

PLACEHOLDERS = defaultdict(lambda: "[weg]")
CASE = (
    "Een inwoner met schulden moet van W&I solliciteren; het wijkteam wil eerst rust. Ik zit ertussen. "
    "Daarna belde zijn zus boos op, en toen ging het helemaal mis."
)
MOMENT = "Toen de klantmanager belde dat de uitkering werd gekort, en ik moest kiezen of ik de inwoner meteen belde."
LEERVRAAG = "Hoe kan ik samen met de klantmanager tot één lijn komen als onze opdrachten botsen?"


@pytest.fixture(scope="module")
def content():
    return get_content()


def test_codes_are_two_groups_of_four_from_an_alphabet_without_lookalikes():
    codes = {new_code() for _ in range(400)}
    assert len(codes) == 400
    for code in codes:
        first, second = code.split("-")
        assert len(first) == len(second) == 4
        raw = first + second
        assert set(raw) <= set(CODE_ALPHABET) and not set(raw) & set("ILOU")
        assert any(c.isdigit() for c in raw) and any(c.isalpha() for c in raw)
        assert code_in(f"mijn code is {code.lower()}") == code
        for typed in (code, code.replace("-", " "), code.replace("-", ""), code.lower()):
            # as typed, the code reaches the bot whole: the privacy filter takes none of it
            assert scrub_message(f"mijn code is {typed}", PLACEHOLDERS).text == f"mijn code is {typed}"


@pytest.mark.parametrize("code", ["AP77-20NH", "1234-ABCD", "K712-3XPQ"])
def test_a_code_with_a_postcode_or_number_in_it_is_never_made(code):
    # "AP7720NH" typed without its dash lost "7720NH" to the privacy filter (a postcode)
    assert _looks_identifying(code)
    assert not _looks_identifying("K7QM-4XP9")


def test_tokens_and_session_ids_are_long_and_fresh_and_survive_the_stores_scrubbing():
    tokens = [new_token() for _ in range(3000)]
    ids = [new_session_id() for _ in range(3000)]
    assert len(set(tokens)) == len(set(ids)) == 3000 and min(map(len, tokens + ids)) >= 32
    # Kept in the conversation's slot, every string passes the privacy patterns (server/store.py);
    # a hex id such as "378844593d96..." lost a "BSN" there, and the facilitator the session.
    assert [t for t in tokens + ids if scrub(t, PLACEHOLDERS).text != t] == []


@pytest.mark.parametrize(
    ("typed", "code"),
    [("k7qm-4xp9", "K7QM-4XP9"), ("K7QM 4XP9", "K7QM-4XP9"), ("k7qm4xp9", "K7QM-4XP9"), ("K7QO-4XPL", "K7Q0-4XP1")],
)
def test_a_code_is_read_as_people_type_it(typed, code):
    assert normal_code(typed) == code
    assert code_in(f"Hoi! Ik kreeg deze code: {typed}.") == code


@pytest.mark.parametrize(
    "said",
    [
        "team over",
        "wat is de code",
        "2026 1203",
        "12-03-1985",
        "06-12345678",
        "ABCD",
        "ik wil een teamsessie",
        "K7QM-4XP9Z",
        "overleg plannen",
    ],
)
def test_no_code_is_read_where_there_is_none(said):
    assert code_in(said) is None


def prepared(content, **answers: str) -> dict:
    state = Reflection.start(content, "intervisie")
    sheet = content.flows["intervisie"].intervisie
    defaults = {
        sheet.casus: CASE,
        sheet.moment: MOMENT,
        sheet.inbrengvraag: LEERVRAAG,
        "intervisie.geprobeerd": "Ik belde.",
    }
    for step, text in {**defaults, **answers}.items():
        state["answers"][step] = {"answer": text, "skipped": text == ""}
    state["bouwopgaven"] = ["regie", "met_inwoner"]
    return state


def test_a_member_could_share_a_short_case_the_moment_the_leervraag_and_the_bouwopgaven(content):
    items = shareable(content, prepared(content))
    assert [i.kind for i in items] == list(ITEM_KINDS)
    case = items[0].text
    assert case.startswith("Een inwoner met schulden") and "zus" not in case  # the first two sentences
    assert items[2].text == LEERVRAAG
    assert items[3].text == "4. Duidelijke afspraken over regie en werkprocessen; 2. Niet over, maar met de inwoner"
    assert items[3].as_dict()["ids"] == ["regie", "met_inwoner"]


def test_what_was_tried_and_skipped_answers_are_never_offered(content):
    sheet = content.flows["intervisie"].intervisie
    items = shareable(content, prepared(content, **{sheet.moment: ""}))
    assert [i.kind for i in items] == ["casus", "leervraag", "bouwopgaven"]
    assert all("Ik belde" not in i.text for i in items)


def share(content, *, signature="", **kinds):
    items = [{"kind": k, "text": v} for k, v in kinds.items() if k != "bouwopgaven"]
    if "bouwopgaven" in kinds:
        ids = kinds["bouwopgaven"].split(", ")
        items.append({"kind": "bouwopgaven", "text": "; ".join(content.bouwopgaven[b].naam for b in ids), "ids": ids})
    return {"items": items, "signature": signature}


def test_the_overview_counts_bouwopgaven_lists_leervragen_and_names_only_who_signed(content):
    shares = [
        share(content, leervraag="Hoe kan ik eerder bellen?", bouwopgaven="regie, met_inwoner"),
        share(content, signature="Sanne", leervraag="Wat kan ik doen als de regels botsen?", bouwopgaven="regie"),
        share(content, casus="Een casus zonder leervraag.", bouwopgaven="verbinding"),
    ]
    seen = overview(content, shares)
    assert seen["deelnemers"] == 3
    assert [(b["id"], b["aantal"]) for b in seen["bouwopgaven"]] == [
        ("regie", 2),
        ("met_inwoner", 1),
        ("verbinding", 1),
    ]
    assert seen["leervragen"] == [
        {"tekst": "Hoe kan ik eerder bellen?", "door": ""},
        {"tekst": "Wat kan ik doen als de regels botsen?", "door": "Sanne"},
    ]
    assert [c["door"] for c in seen["casussen"]] == ["", "Sanne", ""]


def test_the_agenda_takes_two_cases_with_a_moment_first_those_of_the_focus(content):
    shares = [
        share(content, keuzemoment="Toen ik moest kiezen of ik belde.", bouwopgaven="met_inwoner"),
        share(content, keuzemoment="Het telefoontje van W&I.", leervraag="Hoe kan ik ...?", bouwopgaven="regie"),
        share(content, casus="Alleen een casus.", bouwopgaven="regie"),
        share(content, keuzemoment="Het huisbezoek.", leervraag="Wat kan ik ...?", bouwopgaven="verbinding"),
    ]
    assert [a["nummer"] for a in overview(content, shares, focus="verbinding")["agenda"]] == [4, 2]
    # Without a focus: the bouwopgave named most (regie, twice), then complete cases.
    assert [a["nummer"] for a in overview(content, shares)["agenda"]] == [2, 4]
    assert overview(content, [])["agenda"] == [] and overview(content, [])["deelnemers"] == 0
