"""Who may reach a conversation, and from where (server/guard.py): each reproduction of the
security review, refused; what a real client sends, accepted. The whole path through a
running server is in tests/e2e/test_lockdown.py."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from bot.settings import SettingsError
from server.guard import (
    Guard,
    Refused,
    body_of,
    holds_identifying_data,
    host_name,
    message_of,
    optional_id,
    rest_sender,
)
from server.web import Sessions
from tests.conftest import ROOT

DEFAULTS = {"HOST": "127.0.0.1", "ALLOWED_HOSTS": "", "ALLOWED_ORIGINS": "", "REST_TOKEN": "", "TRUSTED_PROXY": "0"}


@dataclass
class FakeRequest:
    headers: dict[str, str] = field(default_factory=dict)
    method: str = "POST"
    scheme: str = "http"
    content_type: str = "application/json"
    body: Any = None

    @property
    def json(self) -> Any:
        if isinstance(self.body, Exception):
            raise self.body
        return self.body


def request(**headers: str) -> FakeRequest:
    given = {"host": "127.0.0.1:5005"} | {k.replace("_", "-").lower(): v for k, v in headers.items()}
    return FakeRequest(headers=given)


def refusal(guard: Guard, req: FakeRequest, rest: bool = True) -> tuple[int, str] | None:
    try:
        guard.check(req, rest=rest)
    except Refused as refused:
        return refused.status, refused.key
    return None


def guard(**settings: str) -> Guard:
    return Guard.from_settings(DEFAULTS | settings)


def test_a_plain_local_client_is_accepted():
    assert refusal(guard(), request()) is None
    assert refusal(guard(), request(host="localhost:5005")) is None


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data", ""])
def test_what_a_browser_sends_cross_origin_without_asking_is_refused(content_type):
    req = request()
    req.content_type = content_type
    assert refusal(guard(), req) == (415, "http_json")


@pytest.mark.parametrize("origin", ["null", "http://elders.example", "http://127.0.0.1:8080"])
def test_a_page_of_another_origin_may_not_write(origin):
    assert refusal(guard(), request(origin=origin)) == (403, "http_origin")


def test_the_own_page_and_listed_origins_may_write():
    assert refusal(guard(), request(origin="http://127.0.0.1:5005")) is None
    listed = guard(ALLOWED_ORIGINS="https://intranet.gemeente.example")
    assert refusal(listed, request(origin="https://intranet.gemeente.example")) is None


@pytest.mark.parametrize("host", ["evil.example:5005", "evil.example", "192.168.1.5:5005", ""])
def test_an_unknown_host_name_is_refused_against_dns_rebinding(host):
    assert refusal(guard(), request(host=host)) == (403, "http_host")


def test_listed_host_names_are_answered():
    assert (
        refusal(guard(ALLOWED_HOSTS="bouwgesprek.gemeente.example"), request(host="bouwgesprek.gemeente.example"))
        is None
    )


def test_host_names_are_read_without_their_port():
    assert host_name("127.0.0.1:5005") == "127.0.0.1"
    assert host_name("[::1]:5005") == "::1"
    assert host_name("Localhost") == "localhost"


def test_off_loopback_the_server_does_not_start_without_a_token():
    with pytest.raises(SettingsError, match="REST_TOKEN"):
        guard(HOST="0.0.0.0")
    assert guard(HOST="0.0.0.0", REST_TOKEN="geheim", ALLOWED_HOSTS="bouwgesprek.example").token == "geheim"


def test_with_a_token_rest_needs_it_and_the_chat_page_does_not():
    secured = guard(REST_TOKEN="een-lange-geheime-sleutel")
    assert refusal(secured, request()) == (401, "http_token")
    assert refusal(secured, request(authorization="Bearer fout")) == (401, "http_token")
    assert refusal(secured, request(authorization="Bearer een-lange-geheime-sleutel")) is None
    assert refusal(secured, request(), rest=False) is None  # the page has its signed cookie


def test_behind_a_trusted_proxy_the_scheme_is_the_browsers():
    req = request(x_forwarded_proto="https")
    assert guard(TRUSTED_PROXY="1").scheme(req) == "https"
    assert guard().scheme(req) == "http"  # a header anyone can send counts only behind the proxy


@pytest.mark.parametrize(
    "body, key",
    [
        ([], "http_geen_json"),
        ("tekst", "http_geen_json"),
        (None, "http_geen_json"),
        (ValueError("not json"), "http_geen_json"),
    ],
)
def test_a_body_that_is_not_a_json_object_gets_400(body, key):
    req = request()
    req.body = body
    with pytest.raises(Refused) as refused:
        body_of(req)
    assert (refused.value.status, refused.value.key) == (400, key)


@pytest.mark.parametrize("sender", [None, "", 12, ["a"], "met spatie", "a" * 65, "-begint-met-streep", "ü-id"])
def test_a_missing_empty_or_malformed_sender_is_refused(sender):
    with pytest.raises(Refused) as refused:
        rest_sender({"sender": sender, "message": "hallo"})
    assert refused.value.status == 400 and refused.value.key == "http_sender"


def test_a_sender_without_sender_field_is_refused_not_shared():
    with pytest.raises(Refused):
        rest_sender({"message": "hallo"})  # used to land in the one shared conversation "default"


def test_a_chat_page_id_is_refused_over_rest():
    with pytest.raises(Refused) as refused:
        rest_sender({"sender": "web-AbCdEf0123456789abcdef"})
    assert refused.value.key == "http_sender_web"


@pytest.mark.parametrize(
    "sender",
    [
        "0612345678",
        "gesprek-111222333",
        "06-12345678",
        # A number glued to a word, a date of birth with its own hyphens (security review).
        "bsn111222333",
        "tel0612345678",
        "12-03-1985",
        "klant_06-12-34-56-78",
    ],
)
def test_an_id_that_holds_identifying_data_is_refused(sender):
    with pytest.raises(Refused) as refused:
        rest_sender({"sender": sender})
    assert refused.value.key == "http_sender_gegevens"


@pytest.mark.parametrize(
    "sender",
    [
        "a1",
        "e2e-hostile-sql",
        "3f2a9c0d1e4b5a6c",
        "team.b_2",
        "3f2a123456782b0c9d",  # nine digits that pass the elfproef inside random hex: no BSN
        "9b2f1c3e-5d4a-4e11-8123-456782a9c0de",  # a UUID
        "gesprek-2026-12-04",  # a date, but not twelve years back
    ],
)
def test_ordinary_ids_are_accepted(sender):
    assert rest_sender({"sender": sender}) == sender


@pytest.mark.parametrize("message", [12, ["a"], {"a": 1}, True])
def test_a_message_that_is_not_text_gets_400(message):
    with pytest.raises(Refused) as refused:
        message_of({"message": message})
    assert refused.value.key == "http_bericht"


def test_a_missing_or_null_message_is_an_empty_one():
    assert message_of({}) == "" and message_of({"message": None}) == ""


def test_a_message_id_has_the_form_of_an_id():
    assert optional_id({"message_id": "m0a1b2"}) == "m0a1b2"
    assert optional_id({}) is None
    with pytest.raises(Refused):
        optional_id({"message_id": 5})


@pytest.mark.parametrize("message_id", ["0612345678", "m-111222333"])
def test_a_message_id_that_holds_identifying_data_is_refused(message_id):
    """It is kept as sent (a retry is found by it), so it may not carry a phone number or BSN."""
    with pytest.raises(Refused) as refused:
        optional_id({"message_id": message_id})
    assert refused.value.key == "http_message_id"


@pytest.mark.parametrize("content_type", ["Application/JSON", "application/json; charset=UTF-8"])
def test_json_is_accepted_whatever_the_case_of_its_content_type(content_type):
    req = request()
    req.content_type = content_type
    assert refusal(guard(), req) is None


async def test_no_response_carries_cors_headers():
    """Rasa's sanic_cors adds Access-Control-Allow-Credentials even without an Origin; the
    server sends no CORS header at all (docs/security.md)."""
    from sanic import response

    from server.startup import strip_cors_headers

    reply = response.json({"ok": True})
    reply.headers["Access-Control-Allow-Credentials"] = "true"
    reply.headers["Access-Control-Expose-Headers"] = "filename"
    await strip_cors_headers(None, reply)
    assert not [name for name in reply.headers if name.lower().startswith("access-control")]
    assert reply.content_type == "application/json"


def test_a_cookie_expires_and_a_forged_or_old_form_cookie_opens_nothing():
    sessions = Sessions(b"k" * 32, max_age=60)
    cookie = sessions.new(now=1000)
    conversation = sessions.conversation(cookie, now=1030)
    assert conversation is not None and conversation.startswith("web-")
    assert sessions.conversation(cookie, now=1061) is None  # expired
    made, signature = cookie.split(".")[1:]
    assert sessions.conversation(f"{conversation}.{int(made) + 500}.{signature}", now=1030) is None  # extended
    assert sessions.conversation(f"{conversation}.{signature}", now=1030) is None  # the old form


def test_each_installation_has_its_own_cookie_name():
    assert Sessions(b"a" * 32).cookie != Sessions(b"b" * 32).cookie
    assert Sessions(b"a" * 32).cookie == Sessions(b"a" * 32).cookie  # the servers of one cluster share it


def test_a_message_sent_again_gets_the_first_reply_and_is_not_handled_twice():
    from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered

    from server.rest import replies_after

    events = [
        UserUttered("hallo", message_id="m1"),
        ActionExecuted("action_turn"),
        BotUttered("Welkom", data={"buttons": [{"title": "Reflecteren", "payload": "/x"}]}),
        BotUttered(None, data={"custom": {"reflectie": {"kind": "question"}}}),
        UserUttered("De klant belde", message_id="m2"),
        BotUttered("Wie waren erbij?"),
    ]
    assert replies_after(events, "s", "m1") == [
        {"recipient_id": "s", "text": "Welkom", "buttons": [{"title": "Reflecteren", "payload": "/x"}]},
        {"recipient_id": "s", "custom": {"reflectie": {"kind": "question"}}},
    ]
    assert replies_after(events, "s", "m2") == [{"recipient_id": "s", "text": "Wie waren erbij?"}]
    assert replies_after(events, "s", "m3") is None  # never seen: handle it


async def test_a_conversations_messages_are_handled_in_the_order_they_arrived():
    import asyncio

    from server.rest import conversation_lock

    handled: list[int] = []

    async def message(number: int) -> None:
        async with conversation_lock("een-gesprek"):
            await asyncio.sleep(0.01 * (5 - number % 5))  # the first ones take longest
            handled.append(number)

    await asyncio.gather(*(message(n) for n in range(20)))
    assert handled == list(range(20))


def test_the_chat_pages_message_ids_are_never_refused():
    """Found by a flaky browser test: the page's ids were "m" + 24 hex digits, and about one in
    160 held a digit run read as a phone number or BSN, so that message could not be sent."""
    import random

    draw = random.Random(7)
    ids = [bytes(draw.randrange(256) for _ in range(12)).hex() for _ in range(20000)]  # as web/chat.js makes them
    assert [i for i in ids if holds_identifying_data(i)] == []
    assert (
        "Uint8Array(12)" in (ROOT / "web" / "chat.js").read_text()
        and '"m" +' not in (ROOT / "web" / "chat.js").read_text()
    )
