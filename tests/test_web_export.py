"""The chat page's downloads (server/web.py, GET /chat/api/export and /chat/api/agenda): the
routes of the real blueprint, called with requests as test_guard.py builds them and a
conversation's events as Rasa stores them. The browser's side is in tests/e2e/test_web_page.py."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import docx
import icalendar
import pytest
from odf import teletype
from odf.opendocument import load as load_odf
from rasa.shared.core.events import BotUttered, UserUttered

from bot.content import get_content
from server.web import SECURITY_HEADERS, BouwgesprekWebInput, Sessions
from tests.summaries import MADE, STEPS, intervisie_summary, reflection_summary

SECRET = "een-geheime-sleutel-van-deze-installatie-voor-de-test"
SENDER_COOKIE = Sessions(SECRET.encode())
MEDIA_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
    "ics": "text/calendar; charset=utf-8",
}


class Store:
    """A tracker store with one conversation."""

    def __init__(self, sender: str, events: list[Any]) -> None:
        self.sender, self.events = sender, events

    async def retrieve_full_tracker(self, sender: str) -> Any:
        return SimpleNamespace(events=self.events) if sender == self.sender else None


@dataclass
class FakeRequest:
    app: Any
    args: dict[str, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=lambda: {"host": "127.0.0.1:5005"})
    cookies: dict[str, str] = field(default_factory=dict)
    method: str = "GET"
    scheme: str = "http"
    content_type: str = ""


@pytest.fixture(scope="module")
def routes() -> dict[str, Any]:
    """The chat page's route handlers by path, as Sanic would call them."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("WEB_SECRET", SECRET)
        blueprint = BouwgesprekWebInput().blueprint(lambda message: None)
    return {route.uri: route.handler for route in blueprint._future_routes}


@pytest.fixture(scope="module")
def summary() -> dict[str, Any]:
    return reflection_summary()


def bot_message(kind: str, **reflectie: Any) -> BotUttered:
    """A bot message's metadata as the channel stores it, sent when the summary was made."""
    data = {"custom": {"reflectie": {"kind": kind, **reflectie}}}
    return BotUttered(None, data=data, timestamp=MADE.timestamp())


def summary_message(summary: dict[str, Any]) -> BotUttered:
    return bot_message("summary", summary=summary)


def conversation(*events: Any, **headers: str) -> FakeRequest:
    """A request of the browser whose conversation holds ``events``."""
    cookie = SENDER_COOKIE.new()
    sender = SENDER_COOKIE.conversation(cookie)
    app = SimpleNamespace(ctx=SimpleNamespace(agent=SimpleNamespace(tracker_store=Store(sender, list(events)))))
    request = FakeRequest(app, cookies={SENDER_COOKIE.cookie: cookie})
    request.headers.update(headers)
    return request


async def call(routes: dict[str, Any], path: str, request: FakeRequest, **args: str) -> Any:
    request.args.update(args)
    return await routes[path](request)


def error_of(reply: Any) -> str:
    return json.loads(reply.body)["error"]


@pytest.mark.parametrize("path", ["/api/export", "/api/agenda"])
async def test_the_guard_refuses_a_page_of_another_origin_and_an_unknown_host(routes, summary, path):
    content = get_content()
    other_page = conversation(summary_message(summary), origin="http://elders.example")
    reply = await call(routes, path, other_page, format="docx")
    assert (reply.status, error_of(reply)) == (403, content.text("http_origin"))
    assert all(reply.headers[name] == value for name, value in SECURITY_HEADERS.items())
    rebound = conversation(summary_message(summary), host="evil.example:5005")
    reply = await call(routes, path, rebound, format="docx")
    assert (reply.status, error_of(reply)) == (403, content.text("http_host"))


@pytest.mark.parametrize("path", ["/api/export", "/api/agenda"])
async def test_a_browser_without_its_cookie_gets_nothing(routes, summary, path):
    request = conversation(summary_message(summary))
    request.cookies = {SENDER_COOKIE.cookie: "web-geraden.1700000000.0000"}
    reply = await call(routes, path, request, format="docx")
    assert (reply.status, error_of(reply)) == (403, get_content().text("web_sessie_onbekend"))


@pytest.mark.parametrize("path", ["/api/export", "/api/agenda"])
async def test_before_the_summary_there_is_nothing_to_download(routes, path):
    request = conversation(UserUttered("hallo"), bot_message("question"))
    reply = await call(routes, path, request, format="docx")
    assert (reply.status, error_of(reply)) == (404, get_content().text("export_geen_samenvatting"))
    assert reply.headers["Cache-Control"] == "no-store"


async def test_after_deleting_there_is_nothing_to_download(routes, summary):
    request = conversation(summary_message(summary), bot_message("verwijderd"))
    reply = await call(routes, "/api/export", request, format="odt")
    assert reply.status == 404


@pytest.mark.parametrize("kind", ["docx", "odt", "ics"])
async def test_each_format_is_an_attachment_with_its_type_a_plain_name_and_the_security_headers(routes, summary, kind):
    request = conversation(UserUttered("nee"), summary_message(summary), UserUttered("dank je"))
    reply = await call(routes, "/api/export", request, format=kind)
    assert reply.status == 200
    assert reply.content_type == MEDIA_TYPES[kind]
    name = "verbeterstappen" if kind == "ics" else "samenvatting"
    assert reply.headers["Content-Disposition"] == f'attachment; filename="bouwgesprek-{name}-2026-12-04.{kind}"'
    assert all(reply.headers[header] == value for header, value in SECURITY_HEADERS.items())
    if kind == "docx":
        text = "\n".join(cell.text for table in docx.Document(io.BytesIO(reply.body)).tables for cell in table._cells)
    elif kind == "odt":
        text = teletype.extractText(load_odf(io.BytesIO(reply.body)).text)
    else:
        text = "\n".join(str(e["summary"]) for e in icalendar.Calendar.from_ical(reply.body).walk("VEVENT"))
    assert STEPS[0]["wat"] in text  # the summary of this conversation


async def test_the_latest_summary_is_the_one_downloaded(routes, summary):
    newer = {**summary, "verbeterstappen": [{**STEPS[2], "wat": "Een stap uit het tweede gesprek"}]}
    request = conversation(summary_message(summary), UserUttered("/start_flow"), summary_message(newer))
    reply = await call(routes, "/api/export", request, format="ics")
    [event] = icalendar.Calendar.from_ical(reply.body).walk("VEVENT")
    assert str(event["summary"]) == "Een stap uit het tweede gesprek"


async def test_an_unknown_format_is_refused_in_dutch(routes, summary):
    reply = await call(routes, "/api/export", conversation(summary_message(summary)), format="pdf")
    assert (reply.status, error_of(reply)) == (400, get_content().text("export_formaat"))


async def test_the_intervisieblad_has_no_calendar_but_does_have_documents(routes):
    sheet = summary_message(intervisie_summary())
    reply = await call(routes, "/api/export", conversation(sheet), format="ics")
    assert (reply.status, error_of(reply)) == (404, get_content().text("export_geen_stappen"))
    assert (await call(routes, "/api/export", conversation(sheet), format="docx")).status == 200


async def test_the_agenda_says_which_steps_have_no_date(routes, summary):
    reply = await call(routes, "/api/agenda", conversation(summary_message(summary)))
    assert reply.status == 200 and reply.headers["X-Content-Type-Options"] == "nosniff"
    answer = json.loads(reply.body)
    assert answer["stappen"] == [
        {"wat": STEPS[0]["wat"], "datum": "2027-03-01"},
        {"wat": STEPS[1]["wat"], "datum": None},
        {"wat": STEPS[2]["wat"], "datum": "2026-12-18"},
    ]
    assert answer["melding"].startswith("Geen datum herkend") and STEPS[1]["wat"] in answer["melding"]


# --------------------------------------------------------------------------- a team session's overview

TEAM_OVERVIEW = {
    "focus": "regie",
    "focus_tekst": "focus: bouwopgave 4, Duidelijke afspraken over regie en werkprocessen",
    "deelnemers": 2,
    "bouwopgaven": [
        {"id": "regie", "nummer": 4, "naam": "Duidelijke afspraken over regie en werkprocessen", "aantal": 2}
    ],
    "leervragen": [
        {"tekst": "Hoe kan ik eerder aan tafel komen bij een maatregel?", "door": "A.B."},
        {"tekst": "Wat kan ik doen als opdrachten botsen?", "door": ""},
    ],
    "casussen": [],
    "agenda": [
        {
            "nummer": 1,
            "casus": "",
            "keuzemoment": "Toen de klantmanager belde.",
            "leervraag": "Hoe kan ik eerder?",
            "door": "A.B.",
        }
    ],
    "tekst": "...",
}


def team_message(overview: dict[str, Any] | None) -> BotUttered:
    return bot_message("team", team={"rol": "begeleider", "code": "K7QM-4XP9", "overzicht": overview})


@pytest.mark.parametrize("kind", ["docx", "odt"])
async def test_the_facilitator_downloads_the_overview_as_word_and_opendocument(routes, kind):
    request = conversation(team_message(None), UserUttered("/team_overview"), team_message(TEAM_OVERVIEW))
    reply = await call(routes, "/api/team-export", request, format=kind)
    assert reply.status == 200 and reply.content_type == MEDIA_TYPES[kind]
    assert reply.headers["Content-Disposition"] == f'attachment; filename="bouwgesprek-teamsessie-2026-12-04.{kind}"'
    if kind == "docx":
        text = "\n".join(p.text for p in docx.Document(io.BytesIO(reply.body)).paragraphs)
    else:
        text = teletype.extractText(load_odf(io.BytesIO(reply.body)).text)
    content = get_content()
    assert content.text("team_export_titel") in text and "Aantal voorbereidingen: 2" in text
    assert "Hoe kan ik eerder aan tafel komen bij een maatregel? (A.B.)" in text
    assert "Wat kan ik doen als opdrachten botsen?" in text and "botsen? (" not in text
    assert "4. Duidelijke afspraken over regie en werkprocessen: 2×" in text
    assert "Toen de klantmanager belde. — Hoe kan ik eerder? (A.B.)" in text
    assert content.text("team_export_privacy") in text


@pytest.mark.parametrize(
    "events",
    [
        (UserUttered("hallo"), bot_message("question")),  # no session
        (team_message(None),),  # a session, nothing shared yet
        (team_message(TEAM_OVERVIEW), bot_message("verwijderd")),  # deleted since
    ],
)
async def test_without_an_overview_there_is_nothing_to_download(routes, events):
    reply = await call(routes, "/api/team-export", conversation(*events), format="docx")
    assert (reply.status, error_of(reply)) == (404, get_content().text("team_export_geen_overzicht"))


async def test_the_overview_comes_only_as_word_or_opendocument(routes):
    reply = await call(routes, "/api/team-export", conversation(team_message(TEAM_OVERVIEW)), format="ics")
    assert reply.status == 400
