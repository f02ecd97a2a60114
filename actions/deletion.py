""" "Verwijder mijn gesprek": ask for a confirmation, then let the store delete it all.

The deletion itself happens in the tracker store (channels/store.py): when the bot's
reply is a message of kind ``verwijderd``, the conversation's rows are deleted instead of
saved. While a question is open, the reflection form takes the confirmation (like
stopping); otherwise the rules in data/rules/verwijderen.yml do.
"""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import STATE_SLOT, NeverSilent, flow_buttons, reflection_from, save, send
from actions.form import FORM_NAME
from bot.content import get_content
from bot.engine import DELETED, Message


class ActionDeleteRequest(NeverSilent, Action):
    def name(self) -> str:
        return "action_delete_request"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        reflection = reflection_from(tracker)
        if reflection is not None and not reflection.finished and tracker.active_loop_name == FORM_NAME:
            if reflection.mode() == "unsure":
                reflection.resolve_doubt(keep=False)  # the user chose the request over keeping an answer
            result = reflection.request_delete()
            send(dispatcher, reflection, result.messages)
            return save(reflection)
        send(dispatcher, reflection, [Message("verwijderen_bevestigen", "confirm")])
        return []


class ActionDeleteConversation(NeverSilent, Action):
    """Confirmed outside a question: the message of kind ``verwijderd`` makes the store delete."""

    def name(self) -> str:
        return "action_delete_conversation"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        send(dispatcher, None, [Message("verwijderd", DELETED)])
        return [SlotSet(STATE_SLOT, None)]


class ActionDeleteCancelled(NeverSilent, Action):
    def name(self) -> str:
        return "action_delete_cancelled"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        reflection = reflection_from(tracker)
        if reflection is not None and not reflection.finished:
            welcome_back = get_content().berichten["welkom_terug"]
            buttons = [{"title": b.titel, "payload": b.payload} for b in welcome_back.knoppen]
        else:
            buttons = flow_buttons(get_content())
        send(dispatcher, reflection, [Message("niet_verwijderd", "info", buttons=buttons)])
        return []
