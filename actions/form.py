"""The reflection form: one generic answer slot, asked step by step from the content.

``reflectie_form`` asks the slot ``antwoord`` again and again; which question that is
comes from the state in the ``reflectie`` slot. Every user message while the form is
active is judged here first (see ``bot.interpret``): answers, choices and confirmations
are handled in place; a request makes the extraction come back empty, which rejects
the form so that the rules in ``data/rules/`` pick the matching action.
"""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import STATE_SLOT, reflection_from, save, send
from bot.engine import Message, Reflection, Result
from bot.interpret import Judgement, Parsed, judge

ANSWER_SLOT = "antwoord"


class ValidateReflectieForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_reflectie_form"

    async def required_slots(self, domain_slots: List[Text], dispatcher: CollectingDispatcher,
                             tracker: Tracker, domain: DomainDict) -> List[Text]:
        reflection = reflection_from(tracker)
        if reflection is None or reflection.finished:
            return []
        return [ANSWER_SLOT]

    async def extract_antwoord(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                               domain: DomainDict) -> Dict[Text, Any]:
        reflection = reflection_from(tracker)
        # Only a message that arrived while a question was open can answer it; on the way
        # back from an interruption the latest message was already handled.
        if reflection is None or tracker.latest_action_name != "action_listen":
            return {}
        mode = reflection.mode()
        if mode == "open" and not reflection.awaiting_answer():
            return {}
        content = reflection.content
        numbers = {b.nummer: b.id for b in content.bouwopgaven.values()}
        judgement = judge(Parsed.from_message(tracker.latest_message), mode, content.signalen.get("steun", ()), numbers)
        result = apply(reflection, judgement, tracker.latest_message.get("text") or "")
        if result is None:
            return {}
        send(dispatcher, reflection, result.messages)
        return {STATE_SLOT: result.state}


def apply(reflection: Reflection, judgement: Judgement, text: str) -> Result | None:
    """Carry out a judgement inside the form; None means: a request, leave it to the rules."""
    if judgement.kind == "answer":
        result = reflection.answer(text)
        if judgement.distress:
            result.messages += reflection.support(after_answer=True).messages
        return result
    if judgement.kind == "choice":
        return reflection.choose(judgement.choices)
    if judgement.kind == "confirm":
        if reflection.mode() == "confirm_stop":
            return reflection.confirm_stop(judgement.yes)
        return reflection.more(judgement.yes)
    if judgement.kind == "resume":
        return reflection.resume()
    if judgement.kind == "invalid" or judgement.intent == "empty":
        response = "utter_ongeldige_keuze" if reflection.mode() == "choice" else "utter_niet_begrepen"
        return Result(reflection.state, [Message(response, "fallback")])
    return None


class ActionAskAntwoord(Action):
    """Asks whatever the reflection waits for: a question, a clarification, a choice."""

    def name(self) -> Text:
        return "action_ask_antwoord"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        reflection = reflection_from(tracker)
        if reflection is None:
            return []
        result = reflection.ask()
        send(dispatcher, reflection, result.messages)
        return save(reflection)
