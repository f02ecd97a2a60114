"""The client contract's pieces that do not depend on Rasa (docs/client-contract.md).

Every bot message carries ``custom.reflectie``: phase, step, kind, progress and, at the
end, the summary. Both the action server and the channels build it from here.
"""

from __future__ import annotations

import re
from typing import Any

from bot.engine import Message, Reflection
from bot.model import Content, KeepUnknown

WELKOM_STEP = "welkom"
# The slots of domain.yml that the action server and the Rasa server both read.
STATE_SLOT = "reflectie"  # the reflection's state (bot/engine.py), the one source of truth
WELCOMED_SLOT = "welkom_getoond"  # the privacy note was shown in this conversation
DELETION_SLOT = "gesprek_verwijderen"  # set when the user confirmed deleting: the store deletes every row
DOUBLE_STOP = re.compile(r"([.!?…])([’”\"'])[.]")


def metadata(reflection: Reflection | None, kind: str, summary: dict[str, Any] | None = None) -> dict[str, Any]:
    """The ``custom.reflectie`` object of the client contract for ``reflection`` as it is now."""
    if reflection is None:
        data: dict[str, Any] = {
            "phase": "welkom",
            "step": WELKOM_STEP,
            "kind": kind,
            "progress": {"done": 0, "total": 0},
            "phases": [],
        }
    else:
        phase = reflection.phase()
        step = reflection.state["step"] if phase != "afronding" else "afronding"
        data = {
            "phase": phase,
            "step": step,
            "kind": kind,
            "progress": reflection.progress(),
            "phases": ["welkom", *(p.id for p in reflection.flow.phases), "afronding"],
        }
    if summary is not None:
        data["team" if kind == "team" else "summary"] = summary  # a team message: its code or overview
    return {"reflectie": data}


def render(content: Content, message: Message) -> dict[str, Any]:
    """Text and buttons of ``message`` from content/berichten.yml."""
    bericht = content.berichten[message.key]
    own = [] if message.own_buttons else [{"title": b.titel, "payload": b.payload} for b in bericht.knoppen]
    buttons = own + message.buttons
    text = bericht.tekst.format_map(KeepUnknown(message.values))
    # A quoted answer that ends a sentence ends it: "‘... nemen.’." reads as a slip.
    text = DOUBLE_STOP.sub(r"\1\2", text)
    return {"text": text, "buttons": buttons}


def start_flow_payload(flow_id: str) -> str:
    """The payload of the button that starts ``flow_id`` (also accepted when typed)."""
    return f'/start_flow{{"flow": "{flow_id}"}}'


def flow_buttons(content: Content) -> list[dict[str, str]]:
    return [{"title": flow.titel, "payload": start_flow_payload(flow.id)} for flow in content.flows.values()]
