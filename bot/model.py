"""The reflection content as Python objects, and the errors of broken content.

Built by ``bot.loader`` from the YAML in ``content/``; see ``bot.content`` to get it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

OWN_QUESTION = "eigen vraag"
PHASES = ("welkom", "casus", "vensters", "kern", "bouwopgaven", "verbeterstappen", "afronding")
FLOW_PHASES = PHASES[1:-1]  # welkom and afronding belong to every flow
STEP_KINDS = ("open", "bouwopgave_keuze", "per_bouwopgave", "verbeterstappen")
VERBETERSTAP_PARTS = ("wat", "wie", "eigen_stap", "wanneer", "merkbaar", "meer")
# A flow may leave these out: eigen_stap (asked only when someone else has the lead) and merkbaar.
OPTIONAL_VERBETERSTAP_PARTS = ("eigen_stap", "merkbaar")


# --------------------------------------------------------------------------- model


class KeepUnknown(dict):
    """Template values where an unknown {placeholder} an editor typed is left as it is."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


@dataclass(frozen=True)
class Bron:
    document: str
    sectie: str = ""
    letterlijk: bool = False
    bouwt_op: str = ""

    @property
    def is_own(self) -> bool:
        return self.document == OWN_QUESTION


@dataclass(frozen=True)
class Clarification:
    """A follow-up question when an answer does not do yet what the step needs."""

    vraag: str
    vaag: tuple[str, ...] = ()  # words that make a short answer vague ...
    max_woorden: int = 0  # ... when it has at most this many words
    begint_met: tuple[str, ...] = ()  # the answer must start with one of these (an open question)
    concreet: tuple[str, ...] = ()  # the answer must have one of these (or a number), whatever its length
    vermijd: tuple[str, ...] = ()  # an answer with one of these always gets the follow-up
    nogmaals: str = ""  # asked once more when the reply to ``vraag`` still needs it

    def needed_for(self, text: str) -> bool:
        """Whether ``text`` needs this follow-up."""
        lowered = " ".join(text.lower().split())
        vague = bool(self.vaag) and len(lowered.split()) <= self.max_woorden and any(v in lowered for v in self.vaag)
        closed = bool(self.begint_met) and not any(lowered.startswith(b) for b in self.begint_met)
        avoided = bool(self.vermijd) and find_words(lowered, self.vermijd) is not None
        return vague or closed or avoided or (bool(self.concreet) and not is_concrete(lowered, self.concreet))


def find_words(text: str, words: tuple[str, ...]) -> str | None:
    """The first of ``words`` (written as for ``is_concrete``) in ``text``, as it occurs there."""
    lowered = text.lower()
    for word in words:
        found = _concrete_pattern(word).search(lowered)
        if found:
            return text[found.start() : found.end()]
    return None


def is_concrete(text: str, words: tuple[str, ...]) -> bool:
    """Whether ``text`` has a number or one of ``words``: whole words or phrases; a word ending
    in ``*`` finds every word it starts ("plan*" finds "plannen"), a lone ``*`` up to four
    words ("nodig * uit" finds "nodig de klantmanager uit")."""
    if re.search(r"\d", text):
        return True
    return any(_concrete_pattern(word).search(text) for word in words)


def _concrete_pattern(phrase: str) -> re.Pattern[str]:
    parts = []
    for word in phrase.split():
        if word == "*":
            parts.append(r"(?:[^\s.,;:!?]+ ){0,4}")  # words within one clause
        else:
            parts.append(re.escape(word.rstrip("*")) + (r"\w*" if word.endswith("*") else r"(?!\w)") + " ")
    return re.compile(r"(?<!\w)" + "".join(parts).rstrip(" ").replace(r"(?!\w) ", r"(?!\w)\s?"))


@dataclass(frozen=True)
class AlreadyTold:
    """A question that earlier answers may already cover: then it says so and asks for the rest."""

    woorden: tuple[str, ...]
    vraag: str  # with {woorden}: the user's words found, quoted
    min: int = 1
    # Only where the writer says it of themselves ("ik was boos"), not of someone else ("het
    # wijkteam was boos op mij"): for feelings.
    over_jezelf: bool = False

    def found_in(self, earlier: list[str]) -> list[str]:
        """The distinct words of this list in ``earlier`` answers, as the user wrote them.

        A word right after "als" or "ik ben" is the writer's own role ("ik als klantmanager"),
        not someone else: it counts only in a list of roles written that way ("als klantmanager")."""
        found: list[str] = []
        for word in self.woorden:
            for text in earlier:
                hit = next((h for h in self._hits(text, word) if h.lower() not in (f.lower() for f in found)), None)
                if hit:
                    found.append(hit)
                    break
        return found if len(found) >= self.min else []

    def _hits(self, text: str, word: str) -> list[str]:
        hits = []
        for clause in re.split(r"[.;:!?,]+|\s(?:maar|want|dus|omdat)\s", text):
            if self.over_jezelf and not re.search(r"\b(?:ik|ikzelf|voelde me|voel me)\b", clause, re.IGNORECASE):
                continue
            hit = find_words(clause, (word,))
            if not hit:
                continue
            before = clause[: clause.lower().find(hit.lower())].lower()
            if not word.startswith("als ") and re.search(r"(?:\bals|\bik ben(?: de| een)?)\s+$", before):
                continue  # the writer's own role
            hits.append(hit)
        return hits


@dataclass(frozen=True)
class Deepening:
    """A follow-up the bot asks when an answer leaves something open (content/verdieping.yml)."""

    id: str
    vraag: str
    bron: Bron
    signalen: tuple[str, ...] = ()
    max_woorden: int = 0
    fasen: tuple[str, ...] = ()
    stappen: tuple[str, ...] = ()

    def found_in(self, text: str, phase: str, step: str) -> str | None:
        """The user's words this follow-up picks up in ``text``, or None when it does not apply."""
        if (self.fasen and phase not in self.fasen) or (self.stappen and step not in self.stappen):
            return None
        words = text.split()
        if self.max_woorden and len(words) > self.max_woorden:
            return None
        if self.signalen:
            return find_words(text, self.signalen)
        return text.strip().rstrip(".!") if self.max_woorden and words else None


@dataclass(frozen=True)
class Listening:
    """How the bot takes in an answer: follow-ups, and short acknowledgements."""

    doorvragen: tuple[Deepening, ...] = ()
    terugkoppeling: tuple[str, ...] = ()
    terugkoppeling_min_woorden: int = 12


@dataclass(frozen=True)
class Begrip:
    """A term the questions use, explained when someone asks "wat bedoel je met ...?"."""

    id: str
    woorden: tuple[str, ...]  # written as for ``find_words``
    uitleg: str
    bron: Bron


@dataclass(frozen=True)
class Glossary:
    """content/begrippen.yml: the terms, and how a message asks what one means."""

    vragen: tuple[str, ...] = ()  # "wat bedoel* * met", "betekent": written as for ``find_words``
    begrippen: tuple[Begrip, ...] = ()

    def asked_in(self, text: str) -> Begrip | None:
        """The term ``text`` asks the meaning of (the longest one named), if it asks one."""
        if find_words(text, self.vragen) is None:
            return None
        named = [(len(found), b) for b in self.begrippen if (found := find_words(text, b.woorden))]
        return max(named, key=lambda hit: hit[0])[1] if named else None


@dataclass(frozen=True)
class Question:
    id: str
    vraag: str
    bron: Bron
    uitleg: str = ""
    voorbeeld: str = ""
    verduidelijking: Clarification | None = None
    voor: str = ""
    al_verteld: AlreadyTold | None = None
    # A praatplaat question of several questions, as one question in the chat; ``vraag`` stays
    # the document's wording (the intervisieblad quotes it).
    gesprek: str = ""

    def in_chat(self) -> Question:
        """The question as the bot asks it: ``gesprek`` when there is one, with its source."""
        if not self.gesprek:
            return self
        bron = Bron(self.bron.document, self.bron.sectie, False, self.bron.bouwt_op)
        return replace(self, vraag=self.gesprek, bron=bron)


@dataclass(frozen=True)
class Venster:
    id: str
    naam: str
    kern: str
    bron: Bron


@dataclass(frozen=True)
class Thema:
    id: str
    naam: str
    niveau: str
    kern: str
    bron: Bron
    vragen: tuple[Question, ...]


@dataclass(frozen=True)
class Bouwopgave:
    id: str
    nummer: int
    naam: str
    kern: str
    punten: tuple[str, ...]
    praktijkvoorbeeld: str
    bron: Bron
    signaalwoorden: tuple[str, ...]
    waarom: str
    waarom_algemeen: str
    themas: tuple[str, ...]
    thema_vragen: tuple[str, ...]


@dataclass(frozen=True)
class WerkzaamBestanddeel:
    """What clients or professionals named as working in integrated services (kennissynthese)."""

    id: str
    naam: str
    genoemd_door: str
    kern: str
    citaat: str
    bron: Bron
    bouwopgaven: tuple[str, ...]
    signaalwoorden: tuple[str, ...]


@dataclass(frozen=True)
class FlowStep:
    """One step of a flow as written in the content (before expansion)."""

    id: str
    soort: str = "open"
    question: Question | None = None
    max: int = 3
    inleiding: str = ""
    questions: tuple[Question, ...] = ()
    parts: dict[str, Question] = field(default_factory=dict)
    default: tuple[str, ...] = ()
    self_pick: bool = False  # bouwopgave_keuze: let the user pick, without a proposal
    with_themes: bool = True  # per_bouwopgave: also ask the bouwopgave's thema_vragen
    offer_themes: bool = False  # per_bouwopgave: offer the thema_vragen as an optional verdieping
    for_proposal: bool = True  # open: the answer counts when the bot proposes bouwopgaven
    ideas_from: tuple[str, ...] = ()  # verbeterstappen: steps whose answers are offered as ideas


@dataclass(frozen=True)
class IntervisieSheet:
    """A flow that ends in an intervisie sheet: which steps hold what, and how many questions."""

    casus: str
    inbrengvraag: str
    min_vragen: int
    max_vragen: int
    moment: str = ""  # the step with the moment of choice (incidentmethode)


@dataclass(frozen=True)
class Phase:
    id: str
    intro: str
    steps: tuple[FlowStep, ...]


@dataclass(frozen=True)
class Flow:
    id: str
    titel: str
    omschrijving: str
    startwoorden: tuple[str, ...]
    phases: tuple[Phase, ...]
    path: Path
    volgorde: int = 100
    intervisie: IntervisieSheet | None = None
    samenvatting: SummarySpec | None = None


@dataclass(frozen=True)
class SummarySpec:
    """A flow's own summary: its title and which steps the synthesis on top is made of."""

    titel: str
    casus: str = ""  # step id: the case, in the user's first sentences
    kern: str = ""  # step id: the kern or insight


@dataclass(frozen=True)
class Button:
    titel: str
    payload: str


@dataclass(frozen=True)
class BotText:
    tekst: str
    knoppen: tuple[Button, ...] = ()


@dataclass(frozen=True)
class Document:
    id: str
    bestand: str
    titel: str


@dataclass(frozen=True)
class Content:
    root: Path
    documents: dict[str, Document]
    vensters: dict[str, Venster]
    bouwopgaven: dict[str, Bouwopgave]
    themas: dict[str, Thema]
    reflectievragen: dict[str, Question]
    questions: dict[str, Question]  # every catalog question by id
    texts: dict[str, str]
    flows: dict[str, Flow]
    signalen: dict[str, tuple[str, ...]]
    berichten: dict[str, BotText]
    werkzame_bestanddelen: dict[str, WerkzaamBestanddeel] = field(default_factory=dict)
    luisteren: Listening = field(default_factory=Listening)
    begrippen: Glossary = field(default_factory=Glossary)

    def text(self, key: str, **values: Any) -> str:
        """A text from teksten.yml; a placeholder the code does not fill stays visible as typed."""
        return self.texts[key].format_map(KeepUnknown(values))

    def bron_label(self, bron: Bron) -> str:
        if bron.is_own:
            # "praatplaat, Venster 1" reads better with the document's title.
            document, _, passage = bron.bouwt_op.partition(",")
            if document.strip() in self.documents and passage:
                return self.text("bron_eigen", bouwt_op=f"{self.documents[document.strip()].titel},{passage}")
            return self.text("bron_eigen", bouwt_op=bron.bouwt_op)
        return self.text("bron", titel=self.documents[bron.document].titel, sectie=bron.sectie)


# --------------------------------------------------------------------------- errors


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int
    what: str
    fix: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.what}: {self.fix}"


class ContentError(Exception):
    """The content has problems; ``problems`` lists all of them."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (str(p.path), p.line))
        super().__init__("\n".join(str(p) for p in self.problems))
