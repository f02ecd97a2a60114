"""The one action that handles every user message: ``action_turn``.

Rasa's NLU has classified the message; ``data/rules/beurt.yml`` sends every message here,
whatever its intent. This action hands the parse result and the conversation state to
``bot.turn.take_turn``, which judges the message once and carries out exactly that, and
translates the outcome back: the bot's messages (with the client contract's metadata)
and the new state in its slot.
"""

from __future__ import annotations

import logging
import threading
import time

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import NeverSilent
from bot.content import get_content
from bot.contract import DELETION_SLOT, STATE_SLOT, WELCOMED_SLOT
from bot.interpret import Parsed
from bot.settings import load, team_days
from bot.team import TeamContext
from bot.turn import take_turn
from teamstore import TeamStore

logger = logging.getLogger(__name__)


class _Team:
    """The store of team sessions, opened at the first turn that needs it (not at import), on
    the database of settings.env; None while it cannot be opened (the bot then says team
    sessions are not available, and tries again at the next turn)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._store: TeamStore | None = None
        self._days = 0.0

    def context(self, conversation: str) -> TeamContext | None:
        with self._lock:
            if self._store is None:
                try:
                    values = load()
                    self._store, self._days = TeamStore.from_settings(values), team_days(values)
                except Exception:
                    logger.exception("The team session store could not be opened; team sessions are off this turn")
                    return None
        return TeamContext(self._store, conversation, time.time(), self._days)


TEAM = _Team()


class ActionTurn(NeverSilent, Action):
    def name(self) -> str:
        return "action_turn"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        turn = take_turn(
            get_content(),
            tracker.get_slot(STATE_SLOT),
            Parsed.from_message(tracker.latest_message),
            welcomed=bool(tracker.get_slot(WELCOMED_SLOT)),
            team=TEAM.context(tracker.sender_id),
        )
        for message in turn.messages:
            dispatcher.utter_message(text=message.text, buttons=message.buttons or None, json_message=message.custom)
        events: list[EventType] = [SlotSet(STATE_SLOT, turn.state)]
        if turn.welcomed and not tracker.get_slot(WELCOMED_SLOT):
            events.append(SlotSet(WELCOMED_SLOT, True))
        if turn.deleted:
            events.append(SlotSet(DELETION_SLOT, True))  # the tracker store deletes the conversation
        return events
