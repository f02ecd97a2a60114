"""A new session (after an hour without messages): keep the reflection, greet on return."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import STATE_SLOT, WELCOMED_SLOT, NeverSilent, reflection_from, send
from bot.content import get_content
from bot.contract import flow_buttons
from bot.engine import Message


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
