"""The Rasa actions over real trackers and the real domain.

The actions are thin: ``action_turn`` hands the message to ``bot.turn`` and sends what it
says. What a turn does is tested in tests/test_turn.py; here: that the adapter keeps the
client contract, stores the state, keeps the privacy note to once, and is never silent.
"""

from __future__ import annotations

import inspect
from typing import Any

from rasa_sdk import Action
from rasa_sdk.executor import CollectingDispatcher

import actions.session as session
import actions.turn as turn
from bot.content import get_content
from bot.engine import Reflection
from tests.conftest import KINDS, PHASES, make_tracker, reflectie_meta, user_message

ACTION_MODULES = (session, turn)


def concrete_actions() -> list[Action]:
    found = {}
    for module in ACTION_MODULES:
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, Action) and not inspect.isabstract(cls) and cls.__module__ == module.__name__:
                found[cls().name()] = cls()
    return list(found.values())


def slot_events(events: list[dict[str, Any]]) -> dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def assert_contract(messages: list[dict[str, Any]]) -> None:
    assert messages, "every bot turn must say something"
    for message in messages:
        meta = reflectie_meta(message)
        assert meta["phase"] in PHASES
        assert meta["kind"] in KINDS
        assert isinstance(meta["step"], str) and meta["step"]
        assert set(meta["progress"]) == {"done", "total"}


def started_state() -> dict[str, Any]:
    return Reflection.start(get_content(), "reflectie")


async def run(action: Action, tracker, domain) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, tracker, domain)
    return dispatcher.messages, events


def test_every_domain_action_is_implemented_and_every_action_is_in_the_domain(domain):
    implemented = {action.name() for action in concrete_actions()}
    assert implemented == set(domain["actions"])


async def test_a_start_shows_the_privacy_note_once_and_remembers_it(domain):
    tracker = make_tracker(message=user_message("Ik wil reflecteren op een lastige casus", "start_flow"))
    messages, events = await run(turn.ActionTurn(), tracker, domain)
    assert_contract(messages)
    assert [reflectie_meta(m)["kind"] for m in messages][:2] == ["privacy", "info"]
    slots = slot_events(events)
    assert slots["welkom_getoond"] is True
    assert slots["reflectie"]["step"] == "casus.gebeurtenis"

    again = make_tracker(
        slots={"welkom_getoond": True, "reflectie": None},
        message=user_message(
            '/start_flow{"flow": "intervisie"}', "start_flow", 1.0, [{"entity": "flow", "value": "intervisie"}]
        ),
    )
    messages, events = await run(turn.ActionTurn(), again, domain)
    assert "privacy" not in [reflectie_meta(m)["kind"] for m in messages]
    assert slot_events(events)["reflectie"]["flow"] == "intervisie"


async def test_the_privacy_note_says_how_long_a_conversation_is_kept(domain, monkeypatch):
    monkeypatch.setenv("RETENTION_DAYS", "14")
    tracker = make_tracker(
        message=user_message("/start_flow", "start_flow", entities=[{"entity": "flow", "value": "reflectie"}])
    )
    messages, _ = await run(turn.ActionTurn(), tracker, domain)
    assert "Na 14 dagen zonder gebruik wordt het gewist" in messages[0]["text"]


async def test_an_answer_is_stored_and_the_next_question_asked_with_its_controls(domain):
    text = "De klant wilde stoppen met het traject en ging terug naar W&I."
    tracker = make_tracker(slots={"reflectie": started_state()}, message=user_message(text, "quit", 0.7))
    messages, events = await run(turn.ActionTurn(), tracker, domain)
    assert_contract(messages)
    state = slot_events(events)["reflectie"]
    assert state["answers"]["casus.gebeurtenis"] == {"answer": text, "skipped": False}
    last = messages[-1]
    assert reflectie_meta(last)["step"] == "casus.betrokkenen" and reflectie_meta(last)["kind"] == "question"
    assert {b["payload"] for b in last["buttons"]} >= {"/help", "/skip", "/go_back", "/pause", "/quit"}


async def test_a_typed_payload_the_bot_did_not_offer_is_not_taken(domain):
    # server/rest.py marks such text with an invisible character; the judgement reads it as text
    tracker = make_tracker(slots={"reflectie": started_state()}, message=user_message("\u2060/restart", "answer", 0.9))
    messages, events = await run(turn.ActionTurn(), tracker, domain)
    assert "answers" in slot_events(events)["reflectie"]
    assert all("\u2060" not in a["answer"] for a in slot_events(events)["reflectie"]["answers"].values())


async def test_session_start_keeps_an_open_reflection_and_offers_to_resume(domain):
    tracker = make_tracker(slots={"reflectie": started_state(), "welkom_getoond": True})
    messages, events = await run(session.ActionSessionStart(), tracker, domain)
    assert_contract(messages)
    assert "Welkom terug" in messages[0]["text"]
    assert slot_events(events)["reflectie"]["step"] == "casus.gebeurtenis"
    assert events[-1]["name"] == "action_listen"


async def test_a_bug_in_the_turn_gives_a_kind_message_not_silence(domain, monkeypatch):
    def broken(self):
        raise RuntimeError("bug")

    monkeypatch.setattr(Reflection, "help", broken)
    tracker = make_tracker(slots={"reflectie": started_state()}, message=user_message("uitleg", "help"))
    messages, events = await run(turn.ActionTurn(), tracker, domain)
    assert_contract(messages)
    assert events == []  # the conversation stays where it was
    assert reflectie_meta(messages[0])["kind"] == "fallback"
    assert reflectie_meta(messages[0])["step"] == "casus.gebeurtenis"
    assert "iets mis" in messages[0]["text"]
