"""Starting, welcoming, finishing: the parts of a conversation around a flow."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import (
    ActionExecuted,
    EventType,
    FollowupAction,
    SessionStarted,
    SlotSet,
    UserUtteranceReverted,
)
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import (
    STATE_SLOT,
    WELCOMED_SLOT,
    NeverSilent,
    flow_buttons,
    reflection_from,
    retention_days,
    save,
    send,
    start_named_flow,
)
from actions.form import ANSWER_SLOT
from bot.content import Content, get_content
from bot.engine import Message, Reflection
from bot.interpret import match_flow
from bot.summary import build_summary


def choose_flow(content: Content, tracker: Tracker) -> str:
    """The flow the user asked for: by button (entity ``flow``), by its words, else the first."""
    for entity in tracker.latest_message.get("entities") or []:
        if entity.get("entity") == "flow" and entity.get("value") in content.flows:
            return entity["value"]
    return match_flow(content.flows.values(), tracker.latest_message.get("text") or "") or next(iter(content.flows))


class ActionWelkom(NeverSilent, Action):
    """The welcome: what this is, the privacy note, and the choice of what to do."""

    def name(self) -> str:
        return "action_welkom"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        started = start_named_flow(tracker)
        if started:
            return started
        content = get_content()
        reflection = reflection_from(tracker)
        buttons = flow_buttons(content)
        key = "welkom_terug" if reflection is not None and not reflection.finished else "welkom"
        send(dispatcher, None, [Message(key, "question", buttons=buttons)])
        return [SlotSet(WELCOMED_SLOT, True)]


class ActionStartFlow(NeverSilent, Action):
    """Start the flow the user chose; a story told before any question is kept as an answer."""

    def name(self) -> str:
        return "action_start_flow"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        content = get_content()
        events: list[EventType] = []
        if not tracker.get_slot(WELCOMED_SLOT):
            send(dispatcher, None, [Message("privacy", "privacy", {"dagen": retention_days()})])
            events.append(SlotSet(WELCOMED_SLOT, True))
        text = tracker.latest_message.get("text") or ""
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        told = intent == "answer" and match_flow(content.flows.values(), text) is None
        reflection = reflection_from(tracker)
        if told and reflection is not None and not reflection.finished:
            send(dispatcher, reflection, reflection.resume().messages)
        else:
            flow_id = choose_flow(content, tracker)
            reflection = Reflection(content, Reflection.start(content, flow_id))
            send(dispatcher, reflection, [Message("start_flow", "info", {"titel": content.flows[flow_id].titel})])
        if told and reflection.mode() == "open":
            # The user started telling before any question: keep it as the answer to the open one.
            question = reflection.current().question.vraag
            reflection.answer(text)
            send(dispatcher, reflection, [Message("verhaal_bewaard", "info", {"vraag": question})])
        return [
            *events,
            *save(reflection),
            SlotSet(ANSWER_SLOT, None),
            SlotSet("requested_slot", None),
            # The rules continue with the form too; this covers a start from any other intent.
            FollowupAction("reflectie_form"),
        ]


class ActionResumeReflection(NeverSilent, Action):
    """ "Verder" when no form is active, e.g. after a new session: back to the open question."""

    def name(self) -> str:
        return "action_resume_reflection"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        reflection = reflection_from(tracker)
        if reflection is None or reflection.finished:
            started = start_named_flow(tracker)  # "ik wil een warme overdracht voorbereiden" read as "verder"
            if started:
                return started
            buttons = flow_buttons(get_content())
            send(dispatcher, None, [Message("geen_gesprek_om_te_hervatten", "info", buttons=buttons)])
            return []
        result = reflection.resume()
        reflection.state["awaiting"] = None
        send(dispatcher, reflection, result.messages)
        return [*save(reflection), SlotSet("requested_slot", None)]


class ActionAfronding(NeverSilent, Action):
    """After the form: the summary, or the goodbye after stopping."""

    def name(self) -> str:
        return "action_afronding"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        reflection = reflection_from(tracker)
        content = get_content()
        if reflection is None or reflection.state.get("deleted"):
            return []  # deleted: the confirmation was the last word
        if reflection.state["stopped"]:
            send(dispatcher, reflection, [Message("gestopt", "stopped", buttons=flow_buttons(content))])
            return []
        summary = build_summary(content, reflection.state)
        chat_text = summary["text"].replace("\n\n", "\n").strip()
        send(
            dispatcher,
            reflection,
            [
                Message(
                    "samenvatting",
                    "summary",
                    {"samenvatting": chat_text},
                    buttons=flow_buttons(content),
                    summary=summary,
                )
            ],
        )
        return []


class ActionFallback(NeverSilent, Action):
    """When nothing fits: say so kindly and show what is possible, never silence."""

    def name(self) -> str:
        return "action_fallback"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        started = start_named_flow(tracker)
        if started:
            return started
        reflection = reflection_from(tracker)
        if reflection is not None and not reflection.finished and tracker.active_loop_name:
            send(dispatcher, reflection, [Message("niet_begrepen", "fallback")])
        else:
            send(dispatcher, None, [Message("fallback", "fallback", buttons=flow_buttons(get_content()))])
        # Like Rasa's own fallback: forget the message, so the dialogue goes on as before it.
        return [UserUtteranceReverted()]


class ActionSessionStart(NeverSilent, Action):
    """A new session keeps the reflection (so the user can resume) and greets them."""

    def name(self) -> str:
        return "action_session_start"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        carried: list[EventType] = [
            SlotSet(key, value)
            for key, value in tracker.current_slot_values().items()
            if key in (STATE_SLOT, WELCOMED_SLOT) and value is not None
        ]
        events: list[Any] = [SessionStarted(), *carried]
        reflection = reflection_from(tracker)
        if reflection is not None and not reflection.finished:
            send(dispatcher, reflection, [Message("welkom_terug", "pause", buttons=flow_buttons(get_content()))])
        events.append(ActionExecuted("action_listen"))
        return events
