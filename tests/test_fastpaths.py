"""The fast path in Rasa's check of action-server answers accepts and refuses what Rasa does."""

from __future__ import annotations

import copy
from typing import Any

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction
from rasa_sdk.executor import CollectingDispatcher

from actions.conversation import ActionStartFlow
from channels import fastpaths
from channels.store import BouwgesprekTrackerStore
from tests.conftest import make_tracker, user_message


async def real_answer(domain: dict[str, Any]) -> dict[str, Any]:
    """What the action server sends back when a reflection starts: slots, a question, metadata."""
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(message=user_message('/start_flow{"flow": "reflectie"}', "start_flow"))
    events = await ActionStartFlow().run(dispatcher, tracker, domain)
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
    assert fastpaths.validate_action_result(RemoteAction("action_start_flow", None), answer) is True


async def test_broken_answers_are_refused_with_rasas_explanation(domain):
    for broken in broken_answers(await real_answer(domain)):
        assert not rasa_accepts(broken), broken
        with pytest.raises(jsonschema.ValidationError) as refused:
            fastpaths.validate_action_result(RemoteAction("action_start_flow", None), broken)
        assert "Failed to validate Action server response" in refused.value.message


def test_creating_the_store_installs_the_fast_path(tmp_path):
    BouwgesprekTrackerStore(dialect="sqlite", db=str(tmp_path / "gesprekken.db"))
    assert RemoteAction._validate_action_result is fastpaths.validate_action_result
