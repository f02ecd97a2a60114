"""Expanding a flow from the content into the concrete steps of one conversation.

A flow in ``content/flows/`` can contain steps that grow with the conversation: one set
of questions per chosen bouwopgave, and one ``wat``/``wie``/``wanneer`` block per
verbeterstap. :func:`expand` turns the flow plus the conversation state into the flat
list of steps the user walks through, so that position, progress, back and skip are
all simple list operations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bot.model import VERBETERSTAP_PARTS, Content, Flow, Question

# Step kinds as the conversation sees them.
OPEN = "open"
CHOICE = "keuze"


@dataclass(frozen=True)
class Step:
    id: str
    phase: str
    kind: str
    question: Question
    lead: str = ""  # printed before the question, e.g. which bouwopgave it is about
    intro: str = ""  # the phase intro, on the first step of a phase
    verbeterstap: int = 0  # 1-based number for steps of a verbeterstap
    part: str = ""  # wat / wie / wanneer for steps of a verbeterstap
    max_choices: int = 3
    default_choices: tuple[str, ...] = ()
    self_pick: bool = False
    meer: Question | None = None  # "nog een verbeterstap?" after a wanneer step
    max_verbeterstappen: int = 0
    for_proposal: bool = True  # the answer counts when the bot proposes bouwopgaven
    ideas_from: tuple[str, ...] = ()  # a wat step: earlier answers offered as ideas
    offer: str = ""  # the last question about a bouwopgave: after it, offer its thema questions


def expand(content: Content, flow: Flow, state: dict[str, Any]) -> list[Step]:
    """All steps of ``flow`` for a conversation in ``state``, in order."""
    steps: list[Step] = []
    only = set(flow.teamvoorbereiding) if preparing_for_team(state) else None
    for phase in flow.phases:
        first = len(steps)
        for item in phase.steps:
            if item.soort == "open":
                steps.append(Step(item.id, phase.id, OPEN, item.question, for_proposal=item.for_proposal))
            elif item.soort == "bouwopgave_keuze":
                steps.append(
                    Step(
                        item.id,
                        phase.id,
                        CHOICE,
                        item.question,
                        max_choices=item.max,
                        default_choices=item.default,
                        self_pick=item.self_pick,
                    )
                )
            elif item.soort == "per_bouwopgave":
                planned = planned_bouwopgaven(state)
                if not planned and state.get("bouwopgaven") is None:
                    planned = [None]  # not chosen, nothing proposed yet
                for bouwopgave_id in planned:
                    if bouwopgave_id is None:
                        # Before the choice the total counts one bouwopgave, the least that will be asked
                        # about, so that the progress shown from the first question does not jump.
                        steps.extend(
                            Step(f"{item.id}.?.{question.id}", phase.id, OPEN, question) for question in item.questions
                        )
                        continue
                    bouwopgave = content.bouwopgaven[bouwopgave_id]
                    lead = item.inleiding.format(nummer=bouwopgave.nummer, naam=bouwopgave.naam)
                    themed = [content.questions[ref].in_chat() for ref in bouwopgave.thema_vragen]
                    accepted = bouwopgave_id in (state.get("thema_ja") or [])
                    if item.offer_themes and not accepted:
                        themed_now = []
                    else:
                        themed_now = themed if item.with_themes or item.offer_themes else []
                    for index, question in enumerate(item.questions):
                        last = index == len(item.questions) - 1
                        steps.append(
                            Step(
                                f"{item.id}.{bouwopgave_id}.{question.id}",
                                phase.id,
                                OPEN,
                                question,
                                lead=lead,
                                offer=bouwopgave_id if last and item.offer_themes and themed else "",
                            )
                        )
                    steps.extend(
                        # the deeper questions follow the question that named the bouwopgave: no lead again
                        Step(f"{item.id}.{bouwopgave_id}.{q.id}", phase.id, OPEN, q)
                        for q in themed_now
                    )
            elif item.soort == "verbeterstappen":
                for number in range(1, min(state.get("verbeterstappen", 1), item.max) + 1):
                    parts = [part for part in VERBETERSTAP_ORDER if part in item.parts]
                    if "eigen_stap" in parts and not someone_else_leads(state, f"{item.id}.{number}.wie"):
                        parts.remove("eigen_stap")
                    for part in parts:
                        steps.append(
                            Step(
                                f"{item.id}.{number}.{part}",
                                phase.id,
                                OPEN,
                                item.parts[part],
                                verbeterstap=number,
                                part=part,
                                meer=item.parts["meer"] if part == parts[-1] else None,
                                max_verbeterstappen=item.max,
                                ideas_from=item.ideas_from if part == "wat" else (),
                            )
                        )
        if only is not None:
            steps[first:] = [step for step in steps[first:] if step.id in only]
        if phase.intro and len(steps) > first:
            steps[first] = _with_intro(steps[first], phase.intro)
    return steps


def preparing_for_team(state: dict[str, Any]) -> bool:
    """Whether this conversation is a member's preparation for a team session: then only the
    flow's ``teamvoorbereiding`` steps are asked."""
    return (state.get("team") or {}).get("rol") == "lid"


# The parts of a verbeterstap in the order they are asked (bot/model.py); "meer" is no part
# of its own: it follows the last.
VERBETERSTAP_ORDER = tuple(part for part in VERBETERSTAP_PARTS if part != "meer")
# Words with which the user names themself (or their team with them) as the one in the lead.
SELF_IN_LEAD = frozenset({"ik", "mij", "mezelf", "ikzelf", "zelf", "wij", "we", "ons", "onszelf"})


# An answer of at most this many words that got a follow-up ("2", "die brief") is shown as the
# reply to that follow-up where one text stands for the step (the intervisieblad, a team share).
SHORT_ANSWER_WORDS = 3


def clarified(record: dict[str, Any]) -> str:
    """The answer made clear by the reply to its clarification: the reply, which says it again
    ("beter" -> "de klantmanager belt mij eerst"; "Moet ik de klantmanager harder aanspreken?" ->
    "Hoe kom ik met de klantmanager tot één lijn als onze opdrachten botsen?", longer and sharing a
    word with it); any other reply adds to a longer answer: "bij Wmo en schulden eerst samen met de
    klantmanager op huisbezoek", asked to be made concrete and answered "voor 1 februari", is both,
    never only the date."""
    answer = (record.get("answer") or "").strip()
    reply = (record.get("verduidelijking") or "").strip()
    if not reply:
        return answer
    earlier = (record.get("eerder") or "").strip()
    if earlier and earlier != reply and record.get(KEEP_FIRST_REPLY):
        # asked twice what to do: both replies ("mijn teamleider en ik samen" was lost behind "in
        # het teamoverleg van januari", a tester); a vague time gives way to the day named after it
        reply = f"{earlier.rstrip('.')}; {reply}"
    words = len(answer.split())
    if words <= SHORT_ANSWER_WORDS or answer in reply:
        return reply
    if len(reply.split()) >= words and _content_words(answer) & _content_words(reply):
        return reply  # said again, longer
    # a shorter reply, or one that says something else: "regisseur aanwijzen bij elk multiprobleem
    # gezin", made concrete as "afspraak maken met teamleider W&I", is both (a tester lost the step)
    return f"{answer.rstrip('.')}; {reply}"


# In a record: the first reply to a clarification asked twice counts too (not for a wanneer).
KEEP_FIRST_REPLY = "eerder_telt"


def _content_words(text: str) -> set[str]:
    """The longer words of ``text``, the first five letters of each: what two texts share when
    one says the other again ("klantmanager", "schuldhulp" and "schuldhulpverlening")."""
    return {word[:5] for word in re.findall(r"[a-zà-ÿ&]+", text.lower()) if len(word) >= 5}


def answer_text(record: dict[str, Any] | None) -> str:
    """What the user said at a step, as one text: the answer as its clarification made it
    (``clarified``); a short answer made clear by a follow-up gives way to the reply."""
    if not record or record.get("skipped"):
        return ""
    text = clarified(record)
    reply = (record.get("verdieping") or {}).get("antwoord") or ""
    return reply if reply and len(text.split()) <= SHORT_ANSWER_WORDS else text


def someone_else_leads(state: dict[str, Any], wie_step: str) -> bool:
    """Whether the answer to ``wie_step`` names someone else, not the user: then the bot asks
    what the user's own first step is."""
    record = (state.get("answers") or {}).get(wie_step) or {}
    answer = record.get("verduidelijking") or record.get("answer") or ""
    if not answer.strip() or record.get("skipped"):
        return False
    return not (set(re.sub(r"[^\w\s]", " ", answer.lower()).split()) & SELF_IN_LEAD)


def planned_bouwopgaven(state: dict[str, Any]) -> list[str]:
    """The chosen bouwopgaven, or before the choice the proposed ones (for progress)."""
    chosen = state.get("bouwopgaven")
    if chosen is not None:
        return list(chosen)
    return [item["id"] for item in state.get("voorstel") or []]


def _with_intro(step: Step, intro: str) -> Step:
    return Step(**{**step.__dict__, "intro": intro})
