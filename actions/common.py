"""What every action shares: reading the reflection from the tracker, sending messages."""

from __future__ import annotations

import functools
import logging
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.content import Content, get_content
from bot.engine import Message, Reflection
from bot.interpret import match_flow
from bot.model import KeepUnknown
from bot.settings import load as load_settings
from bot.settings import number

logger = logging.getLogger(__name__)

STATE_SLOT = "reflectie"
WELCOMED_SLOT = "welkom_getoond"
WELKOM_STEP = "welkom"


def reflection_from(tracker: Tracker) -> Reflection | None:
    """The reflection in progress or just finished, if any (and its flow still exists)."""
    state = tracker.get_slot(STATE_SLOT)
    content = get_content()
    if not isinstance(state, dict) or state.get("flow") not in content.flows:
        return None
    return Reflection(content, state)


def metadata(reflection: Reflection | None, kind: str, summary: dict[str, Any] | None = None) -> dict[str, Any]:
    """The ``custom.reflectie`` object of the client contract (docs/client-contract.md)."""
    if reflection is None:
        data: dict[str, Any] = {
            "phase": "welkom",
            "step": WELKOM_STEP,
            "kind": kind,
            "progress": {"done": 0, "total": 0},
        }
    else:
        phase = reflection.phase()
        step = reflection.state["step"] if phase != "afronding" else "afronding"
        data = {"phase": phase, "step": step, "kind": kind, "progress": reflection.progress()}
    if summary is not None:
        data["summary"] = summary
    return {"reflectie": data}


def render(content: Content, message: Message) -> dict[str, Any]:
    """Text and buttons of ``message`` from content/berichten.yml."""
    bericht = content.berichten[message.key]
    buttons = [{"title": b.titel, "payload": b.payload} for b in bericht.knoppen] + message.buttons
    return {"text": bericht.tekst.format_map(KeepUnknown(message.values)), "buttons": buttons}


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


def flow_buttons(content: Content) -> list[dict[str, str]]:
    return [{"title": flow.titel, "payload": f'/start_flow{{"flow": "{flow.id}"}}'} for flow in content.flows.values()]


def save(reflection: Reflection) -> list[EventType]:
    return [SlotSet(STATE_SLOT, reflection.state)]


def start_named_flow(tracker: Tracker) -> list[EventType]:
    """Outside a flow, a message that names a flow starts it, whatever the NLU made of it."""
    if tracker.active_loop_name or actions_since_user_message(tracker):
        return []
    if match_flow(get_content().flows.values(), tracker.latest_message.get("text") or ""):
        return [FollowupAction("action_start_flow")]
    return []


def actions_since_user_message(tracker: Tracker) -> list[str]:
    """The actions run since the latest user message (bookkeeping actions left out).

    Actions are sent only the events from the latest user message on (channels/fastpaths.py);
    anything older is in the slots.
    """
    names: list[str] = []
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            break
        if event.get("event") == "action" and event.get("name") not in ("action_listen", "action_extract_slots"):
            names.append(event["name"])
    return names[::-1]


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


def retention_days() -> str:
    """How many days an unused conversation is kept (settings.env), as the user reads it."""
    return f"{number(load_settings(), 'RETENTION_DAYS'):g}"
