"""Shared fixtures: the real domain as the action server receives it, and trackers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rasa_sdk import Tracker

ROOT = Path(__file__).resolve().parent.parent

PHASES = {"welkom", "casus", "vensters", "kern", "bouwopgaven", "verbeterstappen", "afronding"}
KINDS = {
    "question",
    "help",
    "clarify",
    "confirm",
    "pause",
    "stopped",
    "support",
    "checkin",
    "privacy",
    "summary",
    "info",
    "fallback",
    "verwijderd",
}


@pytest.fixture(scope="session")
def domain() -> dict[str, Any]:
    """domain.yml loaded by Rasa itself and serialised as Rasa sends it to actions."""
    from rasa.shared.core.domain import Domain

    return Domain.load(str(ROOT / "domain.yml")).as_dict()


def user_message(
    text: str, intent: str, confidence: float = 0.95, entities: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    return {
        "text": text,
        "intent": {"name": intent, "confidence": confidence},
        "entities": entities or [],
        "intent_ranking": [{"name": intent, "confidence": confidence}],
    }


def make_tracker(
    slots: dict[str, Any] | None = None,
    message: dict[str, Any] | None = None,
    after_message: list[str] | None = None,
    active_loop: str | None = None,
) -> Tracker:
    """A tracker whose latest user message is ``message``, followed by the actions ``after_message``."""
    message = message or user_message("hallo", "greet")
    events: list[dict[str, Any]] = [
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": message["text"], "parse_data": message},
    ]
    events += [{"event": "action", "name": name} for name in after_message or []]
    latest_action = after_message[-1] if after_message else "action_listen"
    return Tracker(
        sender_id="test",
        slots=dict(slots or {}),
        latest_message=message,
        events=events,
        paused=False,
        followup_action=None,
        active_loop={"name": active_loop} if active_loop else {},
        latest_action_name=latest_action,
    )


def reflectie_meta(message: dict[str, Any]) -> dict[str, Any]:
    """The client contract's metadata of one dispatched message."""
    return message["custom"]["reflectie"]
