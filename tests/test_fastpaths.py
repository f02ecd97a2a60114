"""The fast paths inside Rasa (server/fastpaths.py) accept, refuse and build what Rasa does."""

from __future__ import annotations

import copy
from typing import Any

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, Event, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.utils.common import all_subclasses
from rasa_sdk.executor import CollectingDispatcher
from sanic import Sanic

from actions.turn import ActionTurn
from server import fastpaths
from server.rest import BouwgesprekRestInput
from server.startup import strip_cors_headers
from server.web import BouwgesprekWebInput
from tests.conftest import ROOT, make_tracker, user_message


async def real_answer(domain: dict[str, Any]) -> dict[str, Any]:
    """What the action server sends back when a reflection starts: slots, a question, metadata."""
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(message=user_message('/start_flow{"flow": "reflectie"}', "start_flow"))
    events = await ActionTurn().run(dispatcher, tracker, domain)
    return {"events": events, "responses": dispatcher.messages}


def broken_answers(answer: dict[str, Any]) -> list[dict[str, Any]]:
    unknown_event = copy.deepcopy(answer)
    unknown_event["events"][0]["event"] = "no_such_event"
    text_timestamp = copy.deepcopy(answer)
    text_timestamp["events"][0]["timestamp"] = "gisteren"
    events_not_a_list = {**copy.deepcopy(answer), "events": {"event": "slot"}}
    response_not_an_object = {**copy.deepcopy(answer), "responses": ["hallo"]}
    return [unknown_event, text_timestamp, events_not_a_list, response_not_an_object]


def rasa_accepts(answer: dict[str, Any]) -> bool:
    """Rasa's own check, as RemoteAction makes it without the fast path."""
    try:
        jsonschema.validate(answer, RemoteAction.action_response_format_spec())
        return True
    except jsonschema.ValidationError:
        return False


async def test_a_real_action_answer_is_accepted(domain):
    answer = await real_answer(domain)
    assert answer["events"] and answer["responses"]
    assert rasa_accepts(answer)
    assert fastpaths.validate_action_result(RemoteAction("action_turn", None), answer) is True


async def test_broken_answers_are_refused_with_rasas_explanation(domain):
    for broken in broken_answers(await real_answer(domain)):
        assert not rasa_accepts(broken), broken
        with pytest.raises(jsonschema.ValidationError) as refused:
            fastpaths.validate_action_result(RemoteAction("action_turn", None), broken)
        assert "Failed to validate Action server response" in refused.value.message


@pytest.mark.parametrize("channel", [BouwgesprekRestInput, BouwgesprekWebInput])
async def test_the_start_up_hook_of_either_channel_installs_the_fast_paths_once(channel, rasas_own):
    app = Sanic(f"test_{channel.__name__}")
    blueprint = channel().blueprint(lambda message: None)
    starts = [item.listener for item in blueprint._future_listeners if item.event == "before_server_start"]
    for start in [*starts, *starts]:
        await start(app, None)
    assert RemoteAction._validate_action_result is fastpaths.validate_action_result
    assert Event.resolve_by_type is fastpaths.resolve_by_type
    assert RemoteAction._action_call_format is fastpaths.action_call_format
    assert app.ctx.bouwgesprek_prepared and app.response_middleware.count(strip_cors_headers) == 1


def test_every_event_name_resolves_to_the_class_rasa_finds():
    names = {cls.type_name for cls in all_subclasses(Event)}
    assert {"user", "bot", "slot", "action", "session_started", "active_loop"} <= names
    for name in names:
        assert fastpaths.resolve_by_type(name) is fastpaths._original(Event, "resolve_by_type")(name), name


def test_unknown_event_names_behave_as_in_rasa():
    with pytest.raises(ValueError, match="Unknown event name 'no_such_event'"):
        fastpaths.resolve_by_type("no_such_event")
    assert fastpaths.resolve_by_type("no_such_event", SlotSet) is SlotSet
    assert fastpaths.resolve_by_type("topic") is None


def test_with_the_fast_path_stored_events_read_back_equal():
    fastpaths.install()
    assert Event.resolve_by_type is fastpaths.resolve_by_type
    events = [
        SessionStarted(1.0),
        UserUttered("hoi", {"intent": {"name": "greet"}}, timestamp=2.0),
        SlotSet("x", {"a": 1}),
    ]
    assert [Event.from_parameters(event.as_dict()) for event in events] == events


def two_turns(domain: Domain) -> DialogueStateTracker:
    events = [
        ActionExecuted("action_listen"),
        UserUttered("hallo", {"intent": {"name": "greet", "confidence": 1.0}}),
        BotUttered("Welkom"),
        ActionExecuted("action_listen"),
        UserUttered("het ging mis", {"intent": {"name": "answer", "confidence": 0.9}}),
        ActionExecuted("action_turn"),
        SlotSet("reflectie", {"flow": None}),
    ]
    return DialogueStateTracker.from_events("ik", events, domain.slots)


def test_actions_are_sent_all_but_the_events_before_the_latest_user_message():
    domain = Domain.load(str(ROOT / "domain.yml"))
    tracker = two_turns(domain)
    action = RemoteAction("action_turn", None)
    full = fastpaths._original(RemoteAction, "_action_call_format")(action, tracker, domain)
    sent = fastpaths.action_call_format(action, tracker, domain)
    assert {**sent, "tracker": None} == {**full, "tracker": None}
    assert {**sent["tracker"], "events": None} == {**full["tracker"], "events": None}
    assert sent["tracker"]["events"] == full["tracker"]["events"][4:]
    assert sent["tracker"]["events"][0]["text"] == "het ging mis"
    assert sent["tracker"]["slots"]["reflectie"] == {"flow": None}


def test_without_a_user_message_actions_get_every_event():
    domain = Domain.load(str(ROOT / "domain.yml"))
    tracker = DialogueStateTracker.from_events(
        "ik", [ActionExecuted("action_session_start"), SessionStarted()], domain.slots
    )
    action = RemoteAction("action_session_start", None)
    sent = fastpaths.action_call_format(action, tracker, domain)
    assert sent == fastpaths._original(RemoteAction, "_action_call_format")(action, tracker, domain)


# --------------------------------------------------------------------------- guards


@pytest.fixture
def rasas_own():
    """Rasa as it comes, for the test; the fast paths put back afterwards."""
    fastpaths.uninstall()
    yield
    fastpaths.install()


def test_the_version_the_fast_paths_were_written_for_is_the_pinned_one():
    pins = (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert f"rasa=={fastpaths.RASA_VERSION}" in pins


def test_every_fast_path_fits_the_installed_rasa_and_is_marked(rasas_own):
    assert [fastpaths.problem_with(patch) for patch in fastpaths.PATCHES] == [None] * len(fastpaths.PATCHES)
    assert fastpaths.install() == [patch.target for patch in fastpaths.PATCHES]
    assert getattr(RemoteAction._action_call_format, fastpaths.PATCHED)
    assert fastpaths.install() == []  # idempotent


def test_another_rasa_version_keeps_rasas_own_functions_and_says_why(rasas_own, caplog):
    own = RemoteAction._action_call_format
    assert fastpaths.install(rasa_version="3.7.0") == []
    assert RemoteAction._action_call_format is own
    assert Event.resolve_by_type("user") is UserUttered  # Rasa's own still works
    assert "written for Rasa 3.6.21, this is Rasa 3.7.0" in caplog.text


def test_a_changed_rasa_function_keeps_rasas_own(rasas_own, caplog):
    changed = fastpaths.Patch(
        RemoteAction, "_action_call_format", fastpaths.action_call_format, ("self", "tracker", "domain"), "0" * 16
    )
    other_parameters = fastpaths.Patch(
        RemoteAction, "_validate_action_result", fastpaths.validate_action_result, ("self", "answer"), "f" * 16
    )
    missing = fastpaths.Patch(RemoteAction, "_no_such_function", fastpaths.action_call_format, (), "0" * 16)
    own = RemoteAction._action_call_format
    assert fastpaths.install((changed, other_parameters, missing)) == []
    assert RemoteAction._action_call_format is own and not hasattr(RemoteAction, "_no_such_function")
    assert "its source differs" in caplog.text
    assert "its parameters are ('self', 'result')" in caplog.text
    assert "Rasa has no such function" in caplog.text


def test_uninstall_puts_rasas_functions_back(rasas_own):
    own = (RemoteAction._validate_action_result, Event.__dict__["resolve_by_type"], RemoteAction._action_call_format)
    fastpaths.install()
    assert RemoteAction._validate_action_result is not own[0]
    fastpaths.uninstall()
    assert (RemoteAction._validate_action_result, Event.__dict__["resolve_by_type"]) == own[:2]
    assert RemoteAction._action_call_format is own[2]
