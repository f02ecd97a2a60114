"""The dialogue policy: every user message goes to ``action_turn``, then the bot listens.

That is all the dialogue there is (data/rules/beurt.yml, bot/turn.py): the turn judges each
message once and carries it out. Rasa's RulePolicy reached the same prediction by turning the
whole conversation (about 300 events by the end of a reflection) into states and matching them
against the rule, twice in every turn: about 3 ms of a 30 ms turn (docs/benchmarks.md). This
policy reads the latest action only.

It is trained on the rule of data/rules/beurt.yml and refuses rules that say anything else, so
the rule file stays the one place where the dialogue is written down, and a rule added there
for another action cannot be silently ignored. Without RulePolicy, Rasa's default intents
"restart" and "back" trigger nothing of their own (Rasa warns so when training): like every
message they go to the turn, and the channels pass typed payloads that were not offered as
plain text anyway (server/rest.py).
"""

from __future__ import annotations

from typing import Any

from rasa.core.constants import POLICY_PRIORITY, RULE_POLICY_PRIORITY
from rasa.core.policies.policy import Policy, PolicyPrediction, SupportedData, confidence_scores_for
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.exceptions import RasaException

TURN_ACTION = "action_turn"
# Rasa's own actions that a rule tracker holds around the rule's steps.
RASA_STEPS = frozenset({ACTION_LISTEN_NAME, "...", "action_session_start", "rule_start"})


class RuleError(RasaException):
    """A rule that asks for something other than action_turn after a user message."""


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT], is_trainable=True)
class BeurtPolicy(Policy):
    """After a user message: action_turn; after any action: listen."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        # The only policy: its priority decides nothing, Rasa asks for one.
        return {POLICY_PRIORITY: RULE_POLICY_PRIORITY}

    @staticmethod
    def supported_data() -> SupportedData:
        return SupportedData.RULE_DATA

    def train(self, training_trackers: list[TrackerWithCachedStates], domain: Domain, **kwargs: Any) -> Resource:
        for tracker in training_trackers:
            after_user = False
            for event in tracker.events:
                if isinstance(event, UserUttered):
                    after_user = True
                elif isinstance(event, ActionExecuted) and event.action_name not in RASA_STEPS:
                    if event.action_name != TURN_ACTION or not after_user:
                        raise RuleError(
                            f"Regel '{tracker.sender_id}' in data/rules/: de stap '{event.action_name}' "
                            f"kan niet. Elk bericht gaat naar {TURN_ACTION} (bot/turn.py), en daarna luistert "
                            "de bot weer. Voeg een verzoek toe in bot/ (zie docs/judgement.md) in plaats van een regel."
                        )
                    after_user = False
        return self._resource

    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        action = TURN_ACTION if tracker.latest_action_name == ACTION_LISTEN_NAME else ACTION_LISTEN_NAME
        return self._prediction(confidence_scores_for(action, 1.0, domain))
