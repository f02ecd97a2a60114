"""A team session in the chat page (issue 18): a facilitator and three members, each in their
own browser context (their own cookie, so their own conversation), against real servers.

Members share some items and withhold others; the overview shows exactly what was shared; a
withdrawn share disappears; an expired code is refused; a member cannot see the overview."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest

from teamstore import TeamStore
from tests.e2e.servers import Servers, server_pair
from tests.e2e.test_web_page import (
    WAIT,
    axe_violations,
    chat_url,
    click_reply,
    screenshot,
    settled,
    state,
    type_and_send,
)

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def servers(tmp_path_factory) -> Iterator[Servers]:
    with server_pair(tmp_path_factory.mktemp("team")) as pair:
        yield pair


MEMBERS = {
    "a": {
        "casus": "Een jonge moeder met schulden kreeg een maatregel; het wijkteam wist van haar burn-out.",
        "moment": "Toen de klantmanager vroeg of ik de maatregel steunde, en ik ja zei.",
        "leervraag": "Hoe kan ik eerder aan tafel komen bij een maatregel van W&I?",
    },
    "b": {
        "casus": "Een vader zonder werk wilde geen schuldhulp; de Wmo-consulent en ik zagen het anders.",
        "moment": "Het huisbezoek waarin ik moest kiezen of ik de schuldhulp doorzette.",
        "leervraag": "Wat kan ik doen als de opdracht van de Wmo en die van W&I botsen?",
    },
    "c": {
        "casus": "Een oudere inwoner met een uitkering viel tussen wal en schip bij de overdracht.",
        "moment": "De overdracht waarin niemand zei wie de regie nam, ik ook niet.",
        "leervraag": "Hoe kan ik bij een overdracht vastleggen wie de regie heeft?",
    },
}


@pytest.fixture
def context_of(browser, servers):
    """A fresh browser context per person: their own cookie and conversation."""
    opened = []

    def make():
        context = browser.new_context(viewport={"width": 1000, "height": 800}, accept_downloads=True)
        page = context.new_page()
        page.set_default_timeout(WAIT)
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        opened.append((context, errors))
        return page

    yield make
    for context, errors in opened:
        context.close()
        assert errors == [], errors


def bot_text(page) -> str:
    return page.inner_text("#gesprek")


def last_bot(page) -> str:
    return page.locator("#gesprek .bot").last.inner_text().strip().removeprefix("Bouwgesprek:").strip()


def prepare(page, answers: dict[str, str]) -> None:
    """The member's four questions, answered as a person would; ends at the first share question."""
    for _ in range(30):
        if page.locator("#knoppen button", has_text="Ja, deel dit").count():
            return
        current = state(page)
        step, kind = current["step"], current["kind"]
        if kind == "clarify":
            click_reply(
                page,
                "Verder met de volgende vraag"
                if page.locator("#knoppen button", has_text="Verder met de volgende vraag").count()
                else "Laat zo",
            )
        elif step == "intervisie.bouwopgaven":
            type_and_send(page, "4")  # the proposal or the list: typing the number works at both
        elif step == "intervisie.casus":
            type_and_send(page, answers["casus"])
        elif step == "intervisie.moment":
            type_and_send(page, answers["moment"])
        elif step == "intervisie.inbrengvraag":
            type_and_send(page, answers["leervraag"])
        else:
            raise AssertionError(f"unexpected step {step} ({kind}): {last_bot(page)}")
    raise AssertionError(f"never asked what to share; at {state(page)}")


def share(page, choices: dict[str, bool], initials: str | None = None) -> None:
    labels = {
        "casus": "Je casus",
        "keuzemoment": "Het moment van kiezen",
        "leervraag": "Je leervraag",
        "bouwopgaven": "De bouwopgaven die spelen",
    }
    for _ in range(len(choices)):
        asked = last_bot(page)
        kind = next((k for k, label in labels.items() if asked.startswith(label)), None)
        assert kind, f"not a share question: {asked!r}"
        click_reply(page, "Ja, deel dit" if choices[kind] else "Nee, niet delen")
    if any(choices.values()):
        if initials:
            click_reply(page, "Met mijn initialen")
            type_and_send(page, initials)
        else:
            click_reply(page, "Zonder naam")
        assert "Gedeeld met de begeleider" in last_bot(page)


def join(page, servers, code: str) -> None:
    page.goto(f"{chat_url(servers)}?team={code}")
    settled(page)
    deadline = time.monotonic() + WAIT / 1000
    while "teamsessie" not in bot_text(page) and time.monotonic() < deadline:
        time.sleep(0.1)
    settled(page)
    assert "?team=" not in page.url  # taken out of the address: a reload does not send it again


def test_a_facilitator_and_three_members_hold_a_team_session(context_of, servers, tmp_path):
    lead = context_of()
    lead.goto(chat_url(servers))
    settled(lead)
    click_reply(lead, "Een teamsessie voorbereiden")
    click_reply(lead, "4. Duidelijke afspraken over regie en werkprocessen")
    lead.locator("#team").wait_for()
    link = lead.get_attribute("#team-link", "href")
    code = link.rsplit("=", 1)[-1]
    assert code in last_bot(lead) and "Duidelijke afspraken over regie" in last_bot(lead)
    assert axe_violations(lead) == []
    screenshot(lead, "team-begeleider")

    members = {name: context_of() for name in MEMBERS}
    for name, page in members.items():
        join(page, servers, code)
        assert "Je bereidt je voor op een teamsessie" in bot_text(page)
        prepare(page, MEMBERS[name])
    share(members["a"], dict.fromkeys(("casus", "keuzemoment", "leervraag", "bouwopgaven"), True), initials="A.B.")
    share(members["b"], {"casus": False, "keuzemoment": False, "leervraag": True, "bouwopgaven": False})
    share(members["c"], dict.fromkeys(("casus", "keuzemoment", "leervraag", "bouwopgaven"), True))
    click_reply(members["c"], "Deling intrekken")
    assert "ingetrokken" in last_bot(members["c"])

    click_reply(lead, "Bekijk wat er gedeeld is")
    overview = last_bot(lead)
    assert "Aantal voorbereidingen: 2" in overview
    assert MEMBERS["a"]["leervraag"] + " (A.B.)" in overview
    assert MEMBERS["b"]["leervraag"] in overview and MEMBERS["b"]["leervraag"] + " (" not in overview
    assert MEMBERS["a"]["moment"] in overview  # on the agenda
    for withheld in (MEMBERS["b"]["casus"], MEMBERS["b"]["moment"], *MEMBERS["c"].values()):
        assert withheld not in overview
    assert "4. Duidelijke afspraken over regie en werkprocessen: 1×" in overview
    with lead.expect_download() as download_info:
        lead.click("#team-download")
    downloaded = Path(download_info.value.path()).read_text(encoding="utf-8")
    assert MEMBERS["a"]["leervraag"] in downloaded and MEMBERS["c"]["leervraag"] not in downloaded
    with lead.expect_download() as download_info:
        lead.click("#team-docx")
    assert download_info.value.suggested_filename.startswith("bouwgesprek-teamsessie-")
    word = "\n".join(p.text for p in docx.Document(download_info.value.path()).paragraphs)
    assert MEMBERS["a"]["leervraag"] + " (A.B.)" in word and MEMBERS["c"]["leervraag"] not in word
    screenshot(lead, "team-overzicht")

    # A member sees their own conversation only: no overview, none of the others' words.
    type_and_send(members["b"], "bekijk wat er gedeeld is")
    seen_by_b = bot_text(members["b"])
    assert "geen teamsessie" in last_bot(members["b"])
    assert MEMBERS["a"]["leervraag"] not in seen_by_b and MEMBERS["a"]["casus"] not in seen_by_b


def test_an_expired_code_is_refused_in_the_chat_page(context_of, servers):
    store = TeamStore.from_settings({"DB_DIALECT": "sqlite", "DB_NAME": str(servers.database)})
    now = time.time()
    store.create("verlopen-sessie", "V3RK-P7EN", "sleutel", "", now - 20 * 86400, now - 86400)
    page = context_of()
    page.goto(f"{chat_url(servers)}?team=V3RK-P7EN")
    settled(page)
    deadline = time.monotonic() + WAIT / 1000
    while "Die code ken ik niet" not in bot_text(page) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert "Die code ken ik niet, of hij is verlopen" in bot_text(page)
    assert state(page)["phase"] == "welkom"
