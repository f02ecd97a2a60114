"""The dialogue policy (components/beurt.py): every user message to action_turn, then listen.

Trained on the real rule of data/rules/ and the real domain, as `rasa train` does; a rule that
asks for anything else is refused with where it is and what to do instead."""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa.core.training import load_data
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from components.beurt import TURN_ACTION, BeurtPolicy, RuleError
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def rasa_domain() -> Domain:
    return Domain.load(str(ROOT / "domain.yml"))


def policy(tmp_path: Path) -> BeurtPolicy:
    (tmp_path / "storage").mkdir(exist_ok=True)
    storage = LocalModelStorage(tmp_path / "storage")
    context = ExecutionContext(GraphSchema({}), "test")
    return BeurtPolicy.create(BeurtPolicy.get_default_config(), storage, Resource("beurt"), context)


def predicted(rasa_domain: Domain, events: list) -> str:
    tracker = DialogueStateTracker.from_events("test", events, slots=rasa_domain.slots)
    prediction = BeurtPolicy.create({}, None, Resource("beurt"), ExecutionContext(GraphSchema({}), "test"))
    probabilities = prediction.predict_action_probabilities(tracker, rasa_domain).probabilities
    return rasa_domain.action_names_or_texts[probabilities.index(max(probabilities))]


def test_the_real_rule_trains_the_policy(tmp_path, rasa_domain):
    trackers = load_data(str(ROOT / "data" / "rules"), rasa_domain, augmentation_factor=0)
    assert trackers, "the rule of data/rules/ is read"
    assert policy(tmp_path).train(trackers, rasa_domain) == Resource("beurt")


@pytest.mark.parametrize("intent", ["answer", "skip", "distress", "delete_conversation", "nlu_fallback", None])
def test_every_user_message_goes_to_the_turn_and_then_the_bot_listens(rasa_domain, intent):
    start = [ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted(ACTION_LISTEN_NAME)]
    said = UserUttered("sla deze maar over", {"name": intent, "confidence": 0.9} if intent else None)
    assert predicted(rasa_domain, [*start, said]) == TURN_ACTION
    assert predicted(rasa_domain, [*start, said, ActionExecuted(TURN_ACTION), SlotSet("reflectie", {})]) == (
        ACTION_LISTEN_NAME
    )
    # Also late in a long conversation: only the latest action counts.
    long = [*start, *[said, ActionExecuted(TURN_ACTION), ActionExecuted(ACTION_LISTEN_NAME)] * 50, said]
    assert predicted(rasa_domain, long) == TURN_ACTION


def test_a_rule_for_another_action_is_refused_with_where_and_what_to_do(tmp_path, rasa_domain):
    (tmp_path / "rules.yml").write_text(
        'version: "3.1"\nrules:\n  - rule: begroeten\n    steps:\n      - intent: greet\n'
        "      - action: action_restart\n",
        encoding="utf-8",
    )
    trackers = load_data(str(tmp_path / "rules.yml"), rasa_domain, augmentation_factor=0)
    with pytest.raises(RuleError) as refused:
        policy(tmp_path).train(trackers, rasa_domain)
    message = str(refused.value)
    assert "begroeten" in message and "action_restart" in message and TURN_ACTION in message
