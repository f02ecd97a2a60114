"""The registry of requests (bot/requests.py) against everything that repeats it.

Adding an interruption is one entry in the registry; these tests say where else it must
show up, so that a forgotten place fails here instead of in a user's conversation.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
import yaml

from bot.content import get_content
from bot.engine import Reflection
from bot.model import BUTTON_PAYLOADS
from bot.requests import CONTROLS, REQUESTS, SMALL_TALK
from bot.teamturn import TEAM_REQUESTS
from tests.conftest import ROOT
from tests.talk import Talk


def domain_intents(domain) -> set[str]:
    return {next(iter(i)) if isinstance(i, dict) else i for i in domain["intents"]}


def test_every_request_is_an_intent_of_the_domain(domain):
    assert set(REQUESTS) <= domain_intents(domain)


def test_one_rule_sends_every_intent_to_the_turn(domain):
    rules = []
    for path in (ROOT / "data" / "rules").glob("*.yml"):
        rules += yaml.safe_load(path.read_text(encoding="utf-8"))["rules"]
    assert len(rules) == 1, "one rule: every message goes to action_turn (bot/turn.py)"
    steps = rules[0]["steps"]
    routed = {item["intent"] for item in steps[0]["or"]}
    assert routed == domain_intents(domain) | {"nlu_fallback"}
    assert steps[1:] == [{"action": "action_turn"}]


def test_every_request_has_nlu_examples():
    trained = set()
    for path in (ROOT / "data" / "nlu").glob("*.yml"):
        trained |= {
            item["intent"] for item in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"] if "intent" in item
        }
    assert set(REQUESTS) <= trained


class Controls(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str, str]] = []
        self._open: dict[str, str] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "button" and "data-payload" in attributes:
            self._open = attributes

    def handle_data(self, data):
        if self._open is not None and data.strip():
            self.found.append((self._open["data-payload"], self._open.get("data-titel", ""), data.strip()))
            self._open = None


def test_the_chat_page_toolbar_shows_exactly_the_registry_controls_with_their_content_titles():
    parser = Controls()
    parser.feed((ROOT / "web" / "index.html").read_text(encoding="utf-8"))
    content = get_content()
    expected = [(r.payload, content.text(r.title), content.text(r.title)) for r in CONTROLS]
    assert parser.found == expected


def test_button_payloads_in_content_are_requests_or_answers(domain):
    intents = domain_intents(domain)
    for payload in BUTTON_PAYLOADS:
        assert payload.lstrip("/") in intents
    for request in REQUESTS.values():
        assert request.payload in BUTTON_PAYLOADS


def test_every_title_and_confirmation_named_by_the_registry_exists_in_content():
    content = get_content()
    for request in REQUESTS.values():
        if request.title:
            assert content.text(request.title)
        if request.confirm:
            assert request.confirm in content.berichten
    for key in SMALL_TALK.values():
        assert key in content.berichten


def test_every_operation_the_registry_names_is_carried_out_by_the_turn():
    operations = {r.operation for r in REQUESTS.values()}
    handled_by_turn = {"stop", "delete", "support", "start_flow", "small_talk"}
    team = set(TEAM_REQUESTS)  # outside a reflection in bot/teamturn.py; inside, the turn says they wait
    assert {r.intent for r in REQUESTS.values() if r.operation in team} == team
    for operation in operations - handled_by_turn - team:
        assert callable(getattr(Reflection, operation, None)), operation
    source = (ROOT / "bot" / "turn.py").read_text(encoding="utf-8")
    for operation in handled_by_turn:
        assert re.search(rf'"{operation}"', source), operation


@pytest.mark.parametrize("intent", sorted(REQUESTS))
def test_every_request_as_a_button_at_an_open_question_gets_a_reply_and_loses_no_answer(intent):
    talk = Talk()
    talk.start()
    talk.say("De inwoner kreeg een maatregel van W&I terwijl het wijkteam eerst rust wilde.")
    talk.say(f"/{intent}", intent, 1.0)
    assert talk.last.messages, intent
    assert "fallback" not in talk.last.kinds, intent
    assert talk.answers()["casus.gebeurtenis"].startswith("De inwoner kreeg")


@pytest.mark.parametrize("intent", sorted(REQUESTS))
def test_every_request_outside_a_reflection_gets_a_reply(intent):
    talk = Talk()
    talk.say(f"/{intent}", intent, 1.0)
    assert talk.last.messages, intent
