"""Holding a conversation with bot.turn in tests: the NLU's result is given per message."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bot.content import get_content
from bot.engine import Waiting
from bot.interpret import Parsed
from bot.model import Content
from bot.team import TeamContext
from bot.turn import Turn, take_turn


@dataclass
class Talk:
    """One conversation: say() sends a message as Rasa's NLU would have parsed it."""

    content: Content = field(default_factory=get_content)
    state: dict[str, Any] | None = None
    welcomed: bool = False
    turns: list[Turn] = field(default_factory=list)
    # Team sessions: the store (teamstore.TeamStore) this conversation uses, its id, and the time.
    store: Any = None
    conversation: str = "talk"
    clock: float = 1_800_000_000.0
    days: float = 14

    def say(
        self,
        text: str,
        intent: str | None = "answer",
        confidence: float = 0.9,
        entities: tuple = (),
        distress: float = 0,
        model: tuple[float, float] = (0.0, 0.0),
    ) -> Turn:
        """``model``: the signal model's likelihoods of danger and strain (components/signaal.py)."""
        danger, strain = model
        parsed = Parsed(text, intent, confidence, tuple(entities), distress, model_danger=danger, model_strain=strain)
        team = TeamContext(self.store, self.conversation, self.clock, self.days) if self.store is not None else None
        turn = take_turn(self.content, self.state, parsed, self.welcomed, team)
        self.state, self.welcomed = turn.state, turn.welcomed
        self.turns.append(turn)
        return turn

    def start(self, flow: str = "reflectie") -> Turn:
        return self.say(f'/start_flow{{"flow": "{flow}"}}', "start_flow", 1.0, ({"entity": "flow", "value": flow},))

    @property
    def last(self) -> Turn:
        return self.turns[-1]

    @property
    def meta(self) -> dict[str, Any]:
        """The client contract's metadata of the last message."""
        return self.last.messages[-1].custom["reflectie"]

    @property
    def step(self) -> str:
        return self.meta["step"]

    @property
    def waiting(self) -> str | None:
        return (self.state or {}).get("waiting")

    def walk_until(self, reached: Callable[[Talk], bool], answer: Callable[[Talk], str], limit: int = 80) -> Talk:
        """Go through the flow as a user who takes the proposal, declines the thema questions,
        leaves follow-ups as they are and types ``answer(talk)`` at every question, until
        ``reached(talk)``."""
        for _ in range(limit):
            if reached(self):
                return self
            if self.waiting == Waiting.CHOICE.value:
                self.say("/affirm", "affirm", 1.0)
            elif self.waiting == Waiting.DEEPER.value:
                self.say("nee", "deny")
            elif self.meta["kind"] == "clarify":
                self.say("/skip", "skip", 1.0)
            else:
                self.say(answer(self))
        raise AssertionError(f"not reached in {limit} turns; at {self.step}")

    def text(self) -> str:
        return "\n".join(m.text for m in self.last.messages)

    def payloads(self) -> list[str]:
        return [b["payload"] for m in self.last.messages for b in m.buttons]

    def answers(self) -> dict[str, str]:
        return {k: v["answer"] for k, v in ((self.state or {}).get("answers") or {}).items()}
