"""The reflection as a state machine over plain data.

The conversation state is a JSON-compatible dict (it lives in one Rasa slot). Every
operation takes the state and returns a new state plus the messages to send. A message
names an entry of ``content/berichten.yml`` and the values to fill in; no user-facing
text is written here.

State keys:
    flow            id of the flow being held
    step            id of the current step, None when the flow is finished
    answers         step id -> {"answer", "skipped", "verduidelijking"?}
    voorstel        proposed bouwopgaven [{"id", "woorden"}], set when first asked
    bouwopgaven     chosen bouwopgave ids, None until chosen
    zelf_kiezen     the user asked to pick bouwopgaven themselves
    verbeterstappen how many verbeterstap blocks are planned (1..max)
    pending         None, "clarify" (vague answer) or "meer" (asked whether there is
                    another verbeterstap)
    stopping        the user asked to stop; waiting for the confirmation
    deleting        the user asked to delete the conversation; waiting for the confirmation
    paused          the user paused; the current question is still open
    hold            id of the step whose answer signalled distress: support was offered,
                    the next question waits and what the user adds joins that answer
    last_answered   id of the step answered last
    twijfel         {"text", "intent"}: a message that may be an answer or a request; the
                    bot asked which one it is
    awaiting        id of the step whose question was shown and awaits an answer
    intros          phases whose intro was shown
    finished, stopped, deleted (confirmed deleting: the reflection ends)
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from bot.content import Clarification, Content, Flow
from bot.flow import CHOICE, Step, expand, planned_bouwopgaven
from bot.proposal import propose

State = dict[str, Any]

# Answers are kept whole up to this many characters (docs/client-contract.md).
MAX_ANSWER_CHARS = 10_000
# The kind of the message that confirms a deletion; the tracker store then deletes the
# whole conversation instead of saving it (channels/store.py).
DELETED = "verwijderd"


@dataclass
class Message:
    """One bot message: a key of content/berichten.yml, its values and extra buttons."""

    key: str
    kind: str
    values: dict[str, Any] = field(default_factory=dict)
    buttons: list[dict[str, str]] = field(default_factory=list)
    summary: dict[str, Any] | None = None


@dataclass
class Result:
    state: State
    messages: list[Message] = field(default_factory=list)


class Reflection:
    """Operations on one conversation's state, with the content they need."""

    def __init__(self, content: Content, state: State) -> None:
        self.content = content
        self.state = copy.deepcopy(state)
        self.flow: Flow = content.flows[self.state["flow"]]
        self._steps: tuple[tuple[Any, ...], list[Step]] | None = None

    # ------------------------------------------------------------------ creation

    @staticmethod
    def start(content: Content, flow_id: str) -> State:
        flow = content.flows[flow_id]
        state: State = {
            "flow": flow_id,
            "step": None,
            "answers": {},
            "voorstel": None,
            "bouwopgaven": None,
            "zelf_kiezen": False,
            "verbeterstappen": 1,
            "pending": None,
            "stopping": False,
            "deleting": False,
            "paused": False,
            "hold": None,
            "last_answered": None,
            "twijfel": None,
            "awaiting": None,
            "intros": [],
            "finished": False,
            "stopped": False,
        }
        state["step"] = expand(content, flow, state)[0].id
        return state

    # ------------------------------------------------------------------ views

    def steps(self) -> list[Step]:
        """The flow's steps for this state; expanded again only when what it depends on changed."""
        key = (self.state.get("verbeterstappen", 1), tuple(planned_bouwopgaven(self.state)))
        if self._steps is None or self._steps[0] != key:
            self._steps = (key, expand(self.content, self.flow, self.state))
        return self._steps[1]

    def current(self) -> Step | None:
        return next((s for s in self.steps() if s.id == self.state["step"]), None)

    @property
    def finished(self) -> bool:
        return self.state["finished"] or self.state["stopped"]

    def phase(self) -> str:
        if self.finished:
            return "afronding"
        step = self.current()
        return step.phase if step else "afronding"

    def progress(self) -> dict[str, int]:
        steps = self.steps()
        if self.finished:
            return {"done": len(steps), "total": len(steps)}
        ids = [s.id for s in steps]
        done = ids.index(self.state["step"]) if self.state["step"] in ids else len(ids)
        return {"done": done, "total": len(ids)}

    def awaiting_answer(self) -> bool:
        """Whether a question was shown that the next user message may answer."""
        return self.state["awaiting"] is not None and self.state["awaiting"] == self.state["step"] and not self.finished

    def mode(self) -> str | None:
        """What the next user message is expected to be, for interpreting it."""
        if self.state.get("deleting"):
            return "confirm_delete"
        if self.state["stopping"]:
            return "confirm_stop"
        if self.state["paused"] or self.state["hold"]:
            return "resume"
        if self.state["twijfel"]:
            return "unsure"
        if self.state["pending"] == "meer":
            return "meer"
        step = self.current()
        if step and step.kind == CHOICE and self.state["pending"] is None:
            return "choice"
        return "open"

    # ------------------------------------------------------------------ asking

    def ask(self) -> Result:
        """Show whatever the conversation waits for now (nothing while paused or confirming)."""
        state = self.state
        step = self.current()
        waiting = state["paused"] or state["hold"] or state["stopping"] or state.get("deleting")
        if step is None or self.finished or waiting:
            return Result(state)
        messages: list[Message] = []
        if step.intro and step.phase not in state["intros"]:
            messages.append(Message("fase_intro", "info", {"tekst": step.intro}))
            state["intros"].append(step.phase)
        state["awaiting"] = step.id
        if state["twijfel"]:
            intent = state["twijfel"]["intent"]
            label = self.content.text(f"verzoek_{intent}")
            buttons = [
                {"title": self.content.text("twijfel_bewaren"), "payload": "/affirm"},
                {"title": self.content.text("twijfel_verzoek", verzoek=label), "payload": f"/{intent}"},
            ]
            messages.append(Message("twijfel", "confirm", {"verzoek": label}, buttons))
        elif state["pending"] == "clarify":
            clarification = self._clarification(step)
            messages.append(
                Message("verduidelijking", "clarify", {"vraag": clarification.vraag if clarification else ""})
            )
        elif state["pending"] == "meer":
            messages.append(Message("meer_verbeterstappen", "confirm", {"vraag": step.meer.vraag if step.meer else ""}))
        elif step.kind == CHOICE:
            messages.append(self._choice_message(step))
        else:
            response = "eerste_vraag" if self._is_first(step) else "vraag"
            question = f"{step.lead} {step.question.vraag}" if step.lead else step.question.vraag
            messages.append(Message(response, "question", {"vraag": question}))
        return Result(state, messages)

    def _is_first(self, step: Step) -> bool:
        return self.steps()[0].id == step.id

    def _choice_message(self, step: Step) -> Message:
        state = self.state
        if step.self_pick:
            state["voorstel"] = []
        if state["voorstel"] is None:
            earlier = [a["answer"] for a in state["answers"].values() if a.get("answer")]
            earlier += [a["verduidelijking"] for a in state["answers"].values() if a.get("verduidelijking")]
            proposals = propose(
                self.content.bouwopgaven.values(),
                earlier,
                step.max_choices,
                step.default_choices,
                self.content.werkzame_bestanddelen.values(),
            )
            state["voorstel"] = [{"id": p.bouwopgave, "woorden": list(p.words)} for p in proposals]
        if state["zelf_kiezen"] or step.self_pick:
            options = "\n".join(
                self.content.text("keuze_regel", nummer=b.nummer, naam=b.naam)
                for b in self.content.bouwopgaven.values()
            )
            buttons = [
                {
                    "title": self.content.text("keuze_regel", nummer=b.nummer, naam=b.naam),
                    "payload": f'/choose_bouwopgave{{"bouwopgave": "{b.id}"}}',
                }
                for b in self.content.bouwopgaven.values()
            ]
            values = {"opties": options, "max": step.max_choices, "vraag": step.question.vraag}
            return Message("bouwopgave_zelf_kiezen", "question", values, buttons)
        lines = []
        for item in state["voorstel"]:
            bouwopgave = self.content.bouwopgaven[item["id"]]
            if item["woorden"]:
                words = ", ".join(f"‘{w}’" for w in item["woorden"][:3])
                why = bouwopgave.waarom.format(woorden=words)
            else:
                why = bouwopgave.waarom_algemeen
            lines.append(
                "- " + self.content.text("voorstel_regel", nummer=bouwopgave.nummer, naam=bouwopgave.naam, waarom=why)
            )
        return Message("bouwopgave_voorstel", "question", {"voorstel": "\n".join(lines), "vraag": step.question.vraag})

    def _clarification(self, step: Step) -> Clarification | None:
        return step.question.verduidelijking

    # ------------------------------------------------------------------ answering

    def answer(self, text: str) -> Result:
        """Keep ``text`` as the answer to the open question and move on.

        An answer longer than MAX_ANSWER_CHARS is kept up to that length, and the user is told.
        """
        if len(text) <= MAX_ANSWER_CHARS:
            return self._keep(text)
        result = self._keep(text[:MAX_ANSWER_CHARS])
        result.messages.insert(0, Message("afgekapt", "info", {"max": MAX_ANSWER_CHARS}))
        return result

    def _keep(self, text: str) -> Result:
        state = self.state
        step = self.current()
        if step is None:
            return Result(state)
        if state["hold"]:
            # Support was offered after that answer; what the user adds belongs to it.
            record = state["answers"][state["hold"]]
            key = "verduidelijking" if record.get("verduidelijking") else "answer"
            record[key] = f"{record[key]}\n{text}" if record[key] else text
            state["hold"] = None
            return Result(state)
        state["paused"] = False
        state["stopping"] = state["deleting"] = False  # answering instead of confirming: go on
        state["twijfel"] = None
        if state["pending"] == "meer":
            self.more(True)
            step = self.current()
        state["last_answered"] = step.id
        if state["pending"] == "clarify":
            state["answers"][step.id]["verduidelijking"] = text
            state["pending"] = None
            return self._advance(step)
        state["answers"][step.id] = {"answer": text, "skipped": False}
        clarification = self._clarification(step)
        if clarification and clarification.needed_for(text):
            state["pending"] = "clarify"
            return Result(state)
        return self._advance(step)

    def doubt(self, text: str, intent: str) -> Result:
        """Not sure whether ``text`` answers or requests: keep it aside and ask (see ask())."""
        self.state["twijfel"] = {"text": text, "intent": intent}
        return Result(self.state)

    def resolve_doubt(self, keep: bool) -> Result:
        """The user said whether the doubted message was an answer."""
        doubted = self.state["twijfel"]
        self.state["twijfel"] = None
        if keep:
            return self.answer(doubted["text"])
        return Result(self.state)

    def choose(self, chosen: list[str] | None) -> Result:
        """Choice step: ``None`` accepts the proposal, [] asks to pick, else the ids."""
        state = self.state
        step = self.current()
        if chosen is None:
            chosen = [item["id"] for item in state["voorstel"] or []]
        if not chosen:
            state["zelf_kiezen"] = True
            return Result(state)
        unique = list(dict.fromkeys(c for c in chosen if c in self.content.bouwopgaven))[: step.max_choices]
        state["bouwopgaven"] = unique
        state["zelf_kiezen"] = False
        names = ", ".join(self.content.bouwopgaven[b].naam for b in unique)
        state["answers"][step.id] = {"answer": names, "skipped": False}
        return self._advance(step)

    def more(self, another: bool) -> Result:
        """Answer to "nog een verbeterstap?"."""
        state = self.state
        step = self.current()
        state["pending"] = None
        if another and step.verbeterstap < step.max_verbeterstappen:
            state["verbeterstappen"] = step.verbeterstap + 1
        else:
            state["verbeterstappen"] = step.verbeterstap
        return self._advance(step, ask_more=False)

    def _advance(self, step: Step, ask_more: bool = True) -> Result:
        state = self.state
        if ask_more and step.meer is not None and step.verbeterstap < step.max_verbeterstappen:
            state["pending"] = "meer"
            return Result(state)
        ids = [s.id for s in self.steps()]
        position = ids.index(step.id)
        if position + 1 < len(ids):
            state["step"] = ids[position + 1]
        else:
            state["step"] = None
            state["finished"] = True
        state["awaiting"] = None
        return Result(state)

    # ------------------------------------------------------------------ interruptions

    def help(self) -> Result:
        step = self.current()
        if step is None:
            return Result(self.state)
        question = step.question
        explanation = question.uitleg
        if step.kind == CHOICE:
            explanation += "\n" + "\n".join(
                f"{b.nummer}. {b.naam}: {b.kern}" for b in self.content.bouwopgaven.values()
            )
        values = {
            "uitleg": explanation,
            "voorbeeld": question.voorbeeld,
            "bron": self.content.bron_label(question.bron),
        }
        key = "uitleg" if question.voorbeeld else "uitleg_zonder_voorbeeld"
        return Result(self.state, [Message(key, "help", values)])

    def dont_know(self) -> Result:
        return Result(self.state, [Message("weet_niet", "info")])

    def skip(self) -> Result:
        state = self.state
        step = self.current()
        if step is None:
            return Result(state)
        self._settle()
        if state["pending"] == "meer":
            return self.more(False)
        if state["pending"] == "clarify":
            state["pending"] = None
            return self._advance(step)
        state["pending"] = None
        if step.id not in state["answers"] or state["answers"][step.id].get("skipped"):
            state["answers"][step.id] = {"answer": "", "skipped": True}
        if step.kind == CHOICE and state["bouwopgaven"] is None:
            state["bouwopgaven"] = []
        return self._advance(step)

    def back(self) -> Result:
        state = self.state
        step = self.current()
        self._settle()
        state["awaiting"] = None
        if step is None:
            return Result(state)
        if state["pending"] in ("clarify", "meer"):
            state["pending"] = None
            return Result(state, [Message("terug", "info")])
        state["pending"] = None
        ids = [s.id for s in self.steps()]
        position = ids.index(step.id)
        if position == 0:
            return Result(state, [Message("terug_kan_niet", "info")])
        state["step"] = ids[position - 1]
        if step.kind == CHOICE or self.current().kind == CHOICE:
            state["zelf_kiezen"] = False
        return Result(state, [Message("terug", "info")])

    def pause(self) -> Result:
        self.state["paused"] = True
        return Result(self.state, [Message("pauze", "pause")])

    def resume(self) -> Result:
        self._settle()
        return Result(self.state, [Message("hervat", "info")])

    def _settle(self) -> None:
        """No longer paused, holding or asking for a confirmation."""
        state = self.state
        state["paused"], state["hold"], state["stopping"], state["deleting"] = False, None, False, False

    def support(self, after_answer: bool = False) -> Result:
        """Care and support; after an answer the next question waits until the user is ready."""
        if after_answer:
            self.state["hold"] = self.state["last_answered"]
        else:
            self.state["paused"] = True
        return Result(self.state, [Message("steun", "support")])

    def request_stop(self) -> Result:
        self.state["stopping"] = True
        return Result(self.state, [Message("stoppen_bevestigen", "confirm")])

    def request_delete(self) -> Result:
        self.state["deleting"] = True
        return Result(self.state, [Message("verwijderen_bevestigen", "confirm")])

    def confirm_delete(self, delete: bool) -> Result:
        """Confirmed: the reflection ends and the store deletes the conversation (kind verwijderd)."""
        self.state["deleting"] = False
        if delete:
            self.state["stopped"] = self.state["deleted"] = True
            self.state["awaiting"] = None
            return Result(self.state, [Message("verwijderd", DELETED)])
        return Result(self.state, [Message("niet_verwijderd", "info")])

    def confirm_stop(self, stop: bool) -> Result:
        self.state["stopping"] = False
        if stop:
            self.state["stopped"] = True
            self.state["awaiting"] = None
            return Result(self.state)
        return Result(self.state, [Message("niet_gestopt", "info")])
