"""The one action that handles every user message: ``action_turn``.

Rasa's NLU has classified the message; ``data/rules/beurt.yml`` sends every message here,
whatever its intent. This action hands the parse result and the conversation state to
``bot.turn.take_turn``, which judges the message once and carries out exactly that, and
translates the outcome back: the bot's messages (with the client contract's metadata)
and the new state in its slot.
"""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import NeverSilent
from bot.content import get_content
from bot.contract import DELETION_SLOT, STATE_SLOT, WELCOMED_SLOT
from bot.interpret import Parsed
from bot.turn import take_turn


class ActionTurn(NeverSilent, Action):
    def name(self) -> str:
        return "action_turn"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        turn = take_turn(
            get_content(),
            tracker.get_slot(STATE_SLOT),
            Parsed.from_message(tracker.latest_message),
            welcomed=bool(tracker.get_slot(WELCOMED_SLOT)),
        )
        for message in turn.messages:
            dispatcher.utter_message(text=message.text, buttons=message.buttons or None, json_message=message.custom)
        events: list[EventType] = [SlotSet(STATE_SLOT, turn.state)]
        if turn.welcomed and not tracker.get_slot(WELCOMED_SLOT):
            events.append(SlotSet(WELCOMED_SLOT, True))
        if turn.deleted:
            events.append(SlotSet(DELETION_SLOT, True))  # the tracker store deletes the conversation
        return events
