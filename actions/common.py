"""What every action shares: reading the conversation state from the tracker, never silence."""

from __future__ import annotations

import functools
import logging
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from bot.content import get_content
from bot.contract import STATE_SLOT, WELCOMED_SLOT, metadata, render
from bot.engine import Message, Reflection

logger = logging.getLogger(__name__)

__all__ = ["STATE_SLOT", "WELCOMED_SLOT", "NeverSilent", "reflection_from", "send"]


def reflection_from(tracker: Tracker) -> Reflection | None:
    """The reflection in progress or just finished, if any (and its flow still exists)."""
    state = tracker.get_slot(STATE_SLOT)
    content = get_content()
    if not isinstance(state, dict) or state.get("flow") not in content.flows:
        return None
    return Reflection(content, state)


def send(dispatcher: CollectingDispatcher, reflection: Reflection | None, messages: list[Message]) -> None:
    """Send ``messages``, each with the client contract's metadata for ``reflection``."""
    content = get_content()
    for message in messages:
        rendered = render(content, message)
        dispatcher.utter_message(
            text=rendered["text"],
            buttons=rendered["buttons"] or None,
            json_message=metadata(reflection, message.kind, message.summary),
        )


class NeverSilent:
    """Mixin for actions: a bug in an action becomes a kind message, never silence.

    The action's events are dropped (the conversation stays where it was) and the error
    is logged for the developers.
    """

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "run" in cls.__dict__:
            cls.run = _guarded(cls.__dict__["run"])  # type: ignore[method-assign]


def _guarded(run: Any) -> Any:
    @functools.wraps(run)
    async def guarded(self: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Any) -> list[EventType]:
        try:
            return await run(self, dispatcher, tracker, domain)
        except Exception:
            logger.exception("Action %s failed", self.name())
            dispatcher.messages.clear()
            send(dispatcher, reflection_from(tracker), [Message("storing", "fallback")])
            return []

    return guarded
