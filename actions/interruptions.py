"""Requests the user can make at any question: uitleg, overslaan, terug, pauze, verder,
stoppen, "weet ik niet", distress, and small talk in the middle of a flow.

Each action calls one operation of ``bot.engine.Reflection``; the rules in
``data/rules/`` decide which action runs and then return to the form.
"""

from __future__ import annotations

from abc import ABC, abstractmethod

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import NeverSilent, reflection_from, save, send, start_named_flow
from bot.engine import Message, Reflection, Result


class ReflectionAction(NeverSilent, Action, ABC):
    """Runs one operation on the reflection in progress and stores the result.

    Abstract, so the action server registers only the concrete subclasses.
    """

    operation_name = ""

    @abstractmethod
    def name(self) -> str:
        """The action's name in domain.yml."""

    def operate(self, reflection: Reflection) -> Result:
        return getattr(reflection, self.operation_name)()

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        reflection = reflection_from(tracker)
        if reflection is None or reflection.finished:
            send(dispatcher, None, self.outside_flow())
            return []
        if reflection.mode() == "unsure":
            reflection.resolve_doubt(keep=False)  # the user chose the request over keeping an answer
        result = self.operate(reflection)
        send(dispatcher, reflection, result.messages)
        return save(reflection)

    def outside_flow(self) -> list[Message]:
        """What to say when there is no question open."""
        return [Message("geen_vraag_open", "info")]


class ActionHelp(ReflectionAction):
    operation_name = "help"

    def name(self) -> str:
        return "action_help"


class ActionSkip(ReflectionAction):
    operation_name = "skip"

    def name(self) -> str:
        return "action_skip"


class ActionPreviousQuestion(ReflectionAction):
    operation_name = "back"

    def name(self) -> str:
        return "action_previous_question"


class ActionPause(ReflectionAction):
    operation_name = "pause"

    def name(self) -> str:
        return "action_pause"


class ActionResume(ReflectionAction):
    operation_name = "resume"

    def name(self) -> str:
        return "action_resume"


class ActionDontKnow(ReflectionAction):
    operation_name = "dont_know"

    def name(self) -> str:
        return "action_dont_know"


class ActionStopRequest(ReflectionAction):
    operation_name = "request_stop"

    def name(self) -> str:
        return "action_stop_request"


class ActionSupport(ReflectionAction):
    """Distress: care and concrete support first, wherever the conversation is."""

    def name(self) -> str:
        return "action_support"

    def operate(self, reflection: Reflection) -> Result:
        return reflection.support()

    def outside_flow(self) -> list[Message]:
        return [Message("steun", "support")]


class ActionSmallTalk(NeverSilent, Action):
    """Greetings, thanks, "wie ben jij" and off-topic messages in the middle of a flow."""

    RESPONSES = {
        "greet": "groet_tussendoor",
        "thanks": "graag_gedaan",
        "bot_challenge": "ik_ben_een_bot",
        "out_of_scope": "buiten_bereik",
        "start_flow": "al_bezig",
        "goodbye": "afscheid",
    }

    def name(self) -> str:
        return "action_small_talk"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        started = start_named_flow(tracker)
        if started:
            return started
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        reflection = reflection_from(tracker)
        response = self.RESPONSES.get(intent, "buiten_bereik")
        send(dispatcher, reflection, [Message(response, "info")])
        return []
