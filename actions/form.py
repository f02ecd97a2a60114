"""The reflection form: one generic answer slot, asked step by step from the content.

``reflectie_form`` asks the slot ``antwoord`` again and again; which question that is
comes from the state in the ``reflectie`` slot. Every user message while the form is
active is judged here first (see ``bot.interpret``): answers, choices and confirmations
are handled in place; a request makes the extraction come back empty, which rejects
the form so that the rules in ``data/rules/`` pick the matching action.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import STATE_SLOT, NeverSilent, actions_since_user_message, reflection_from, save, send
from bot.engine import Message, Reflection, Result
from bot.interpret import NOT_A_PAYLOAD, Judgement, Parsed, judge

ANSWER_SLOT = "antwoord"
FORM_NAME = "reflectie_form"


class ValidateReflectieForm(NeverSilent, FormValidationAction):
    def name(self) -> str:
        return "validate_reflectie_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        return await super().run(dispatcher, tracker, domain)  # here so that NeverSilent guards it

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[str]:
        reflection = reflection_from(tracker)
        if reflection is None or reflection.finished:
            return []
        return [ANSWER_SLOT]

    async def extract_antwoord(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Take the latest message for the form, unless it is a request for the rules."""
        judgement = _judge_latest(tracker)
        if judgement is None or judgement.kind == "request":
            return {}
        return {ANSWER_SLOT: tracker.latest_message.get("text") or ""}

    async def validate_antwoord(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Carry out the message in the reflection; empty the slot so the form asks on."""
        reflection = reflection_from(tracker)
        judgement = _judge_latest(tracker)
        if reflection is None or judgement is None:
            return {ANSWER_SLOT: None}
        result = apply(reflection, judgement, str(value).replace(NOT_A_PAYLOAD, ""))
        send(dispatcher, reflection, result.messages)
        return {ANSWER_SLOT: None, STATE_SLOT: result.state}


def _judge_latest(tracker: Tracker) -> Judgement | None:
    """The judgement of the latest message, or None if it is not for the form."""
    reflection = reflection_from(tracker)
    if reflection is None or reflection.finished or not is_fresh_message(tracker):
        return None
    mode = reflection.mode()
    if mode == "open" and not reflection.awaiting_answer():
        return None
    content = reflection.content
    numbers = {b.nummer: b.id for b in content.bouwopgaven.values()}
    return judge(
        Parsed.from_message(tracker.latest_message),
        mode,
        content.signalen["steun"],
        numbers,
        content.signalen["casus"],
        content.signalen["engels"],
    )


def is_fresh_message(tracker: Tracker) -> bool:
    """Whether the latest user message has not been handled by another action yet.

    The form also runs on the way back from an interruption (after ``action_help``, say);
    then the latest message was a request that is already dealt with, not an answer.
    """
    return all(name == FORM_NAME for name in actions_since_user_message(tracker))


def apply(reflection: Reflection, judgement: Judgement, text: str) -> Result:
    """Carry out a judgement that the form took (anything but a request)."""
    if judgement.kind == "answer":
        result = reflection.answer(text)
        if judgement.distress:
            result.messages += reflection.support(after_answer=True).messages
        return result
    if judgement.kind == "choice":
        return reflection.choose(judgement.choices)
    if judgement.kind == "unsure":
        return reflection.doubt(text, judgement.intent or "")
    if judgement.kind == "confirm":
        mode = reflection.mode()
        if mode == "confirm_stop":
            return reflection.confirm_stop(judgement.yes)
        if mode == "confirm_delete":
            return reflection.confirm_delete(judgement.yes)
        if mode == "unsure":
            return reflection.resolve_doubt(judgement.yes)
        return reflection.more(judgement.yes)
    if judgement.kind == "resume":
        return reflection.resume()
    response = "ongeldige_keuze" if reflection.mode() == "choice" else "niet_begrepen"
    return Result(reflection.state, [Message(response, "fallback")])


class ActionAskAntwoord(NeverSilent, Action):
    """Asks whatever the reflection waits for: a question, a clarification, a choice."""

    def name(self) -> str:
        return "action_ask_antwoord"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        reflection = reflection_from(tracker)
        if reflection is None:
            return []
        result = reflection.ask()
        send(dispatcher, reflection, result.messages)
        return save(reflection)
