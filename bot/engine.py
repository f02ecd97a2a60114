"""The reflection as a state machine over plain data.

The conversation state is a JSON-compatible dict (it lives in one Rasa slot). Operations
change the state of a :class:`Reflection` and return the messages to send. A message
names an entry of ``content/berichten.yml`` and the values to fill in; no user-facing
text is written here (bot/wording.py puts quotes, lists and buttons into content's words).

What the bot waits for is one field, ``waiting`` (a :class:`Waiting`). An interruption
(pause, a confirmation, a check-in, support) keeps the question it interrupted in
``back_to`` and returns there; a confirmation is never returned to: any other request
cancels it.

State keys:
    flow            id of the flow being held
    step            id of the current step, None when the flow is finished
    waiting         what the next user message is for (Waiting)
    back_to         the question Waiting to return to after an interruption, else None
    answers         step id -> {"answer", "skipped", "verduidelijking"?, "verdieping"?:
                    {"id", "vraag", "antwoord"}, "bevestigd"?: a wie or wanneer confirmed as
                    the step said it (bot/heard.py), not asked on for a day}
    voorstel        proposed bouwopgaven [{"id", "woorden", "citaat"}], set when first asked
    bouwopgaven     chosen bouwopgave ids, None until chosen
    zelf_kiezen     the user asked to pick bouwopgaven themselves
    verbeterstappen how many verbeterstap blocks are planned (1..max)
    last_answered   id of the step answered last
    hold            id of the step whose answer came with strain: the check-in follows it
                    and a case sentence the user adds there joins that answer
    deferred        a request that came with strain, carried out after the check-in
    twijfel         {"text", "intent"}: a message that may be an answer or a request; the
                    bot asked which one it is
    vervanging      {"text", "signal"}: after going back, a new answer to a question answered
                    before; the bot asked whether it replaces the earlier answer (Waiting.REPLACE)
    apart           a story told after a stop or after the summary: kept as the answer to the
                    open question when the user goes on, or to the first question of the flow
                    started next
    support_shown   how often the support message was shown (the second time it is short)
    checkins        how often the check-in was asked (from the second time on in other words)
    steun_licht     the light support message was shown (a check-in answered "moe", "slecht")
    na_steun        the first going on after the support message was said (once per reflection)
    intros          phases whose intro was shown
    vervolg         {"id", "vraag"}: the follow-up (content/verdieping.yml) asked now, under
                    Waiting.CLARIFY; None for a clarification or no follow-up
    verdiepingen    phase -> how many follow-ups were asked in it
    lang            how many long answers were given (every second one is acknowledged)
    skipped_in_a_row  questions skipped since the last answer
    kort            the shortcut to the verbeterstappen was offered (once per reflection)
    gevraagd        step id -> the question as asked when it said what was told already
    thema_aangeboden, thema_ja  bouwopgaven whose thema questions were offered, and accepted
    finished, stopped, deleted

Why one module of this length: every operation reads and changes the same state under
the same rules (``waiting``, ``back_to``, the interruption a confirmation cancels); split
over files, those rules would have to be known in each. Wording is in bot/wording.py.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from bot import wording
from bot.flow import CHOICE, KEEP_FIRST_REPLY, OPEN, Step, expand, planned_bouwopgaven, someone_else_leads
from bot.heard import after_a_no, closed_question, lead_in, moment_in, only_agrees, refers_back, without_asides
from bot.model import Clarification, Content, Flow
from bot.phrases import find_phrase, tells_something
from bot.proposal import propose

State = dict[str, Any]

# Answers are kept whole up to this many characters (docs/client-contract.md).
MAX_ANSWER_CHARS = 10_000
# The kind of the message that confirms a deletion; the tracker store then deletes the
# whole conversation instead of saving it (server/store.py).
DELETED = "verwijderd"


# An earlier answer offered as an idea for a verbeterstap: at least this long ("nee" is no
# idea), and shown up to this many words.
IDEA_MIN_WORDS = 3
IDEA_MAX_WORDS = 30
# The lists of content/signalen.yml with requests to the bot in words.
REQUEST_LISTS = ("pauze", "verzoek_overslaan", "verzoek_terug", "verzoek_stoppen", "verzoek_uitleg", "verzoek_korter")
# The parts of a verbeterstap whose answer its wat may have said already (bot/heard.py).
HEARD_PARTS = ("wie", "wanneer")
# "bedoel je X of Y?": a question to the bot between two readings of its question.
EITHER_OR = re.compile(r"\bbedoel (?:je|jij|u)\s+(?P<een>[^?]{2,60}?)\s+of\s+(?P<ander>[^?]{2,60})\?", re.IGNORECASE)
# ... between the inwoner and the writer ("bedoel je de klant of mij?"): the words that name each.
# A question that names only one of them is about that one (the writer: "je", "jij", "jouw").
THE_INWONER = frozenset("inwoner klant cliënt client bewoner aanvrager burger hem haar hij zij".split())
THE_WRITER = frozenset("mij me mezelf mijzelf ik jou jezelf".split())
ADDRESSED = re.compile(r"\b(?:je|jij|jou|jouw|jezelf)\b", re.IGNORECASE)
# On an answer kept from a message that also named strain or danger: its words are never given
# back (no acknowledgement, no follow-up on them, no idea for a verbeterstap).
SIGNAL_KEPT = "met_signaal"
# A closed leervraag ("Moet ik ...?") opened up by the bot; "ja" to the offer keeps it.
OPENED_OFFER = "open_voorstel"
# "No" as the first words of a verbeterstap after the first: after an "ok" read as "ja, nog een",
# "nee hoeft niet" became verbeterstap 2 and "er is geen tweede stap" its lead (a tester).
NO_MORE_STEPS = re.compile(
    r"^\s*(?:nee|neen|nope|geen|niks|niets|hoeft niet|laat maar|toch niet|er is geen\b|ik heb er geen\b|"
    r"dat was (?:het|alles)\b|klaar\s*[.!]*\s*$)(?:[\s,]+(?:hoor|hoeft niet|dank je|bedankt|toch niet|meer))*"
    r"(?:\s*[.!,]*\s*$|(?:\s+\w+)?\s+(?:stap|verbeterstap)\s*[.!]*\s*$)",
    re.IGNORECASE,
)

# ... or a first clause that is only "nee" with a few words after it, or "geen tweede stap" whatever
# follows: "nee. was het al.", "geen tweede stap. ik wil de samenvatting." (a tester's became the wat of
# a second step); not "nee, toch wel: een vast belmoment met W&I voor elke maatregel".
NO_MORE_STEPS_FIRST = re.compile(
    r"^\s*(?:(?:nee|neen|nope)\s*[.,!;:](?:\s*[^\s]+){0,6}\s*$"
    r"|geen (?:tweede |andere |nieuwe |extra |volgende )?(?:verbeter)?stap\b)",
    re.IGNORECASE,
)

# Where the bot gives a phrase back: the story, the vensters and the kern (not the choice or the steps).
LISTENING_PHASES = ("casus", "vensters", "kern")
# At most this many follow-ups (content/verdieping.yml) per phase; one per question.
DEEPENINGS_PER_PHASE = 2
# A phrase of the user's own for an acknowledgement: a clause of this many words.
PHRASE_WORDS = (3, 9)


def _clause_with(text: str, words: str) -> str:
    """The clause of ``text`` that holds ``words``, when it is short enough to quote back
    ("ik heb haar niet gevraagd waarom ze niet kwam"); else ``words`` themselves."""
    for clause in re.split(r"[.!?;:,\n]+", text):
        if words in clause and len(clause.split()) <= PHRASE_WORDS[1]:
            # not the joining word before it nor a filler after it: "boos. en machteloos eigenlijk"
            # was asked about as 'en machteloos eigenlijk' (session 26)
            trimmed = CLAUSE_EDGES.sub("", clause.strip())
            return trimmed if words in trimmed else clause.strip()
    return words


# A joining word at the start of a clause and a filler at its end, left out where a clause is quoted.
CLAUSE_EDGES = re.compile(
    r"^(?:(?:en|maar|of|dus|want|ook|toch|nou|ja|nee)\s+)+|(?:\s+(?:eigenlijk|ofzo|hoor|gewoon|denk ik))+$",
    re.IGNORECASE,
)


def _phrase_of(text: str, avoid: tuple[str, ...] = ()) -> str:
    """The longest clause of ``text`` of PHRASE_WORDS words, without its end mark: a phrase of
    the user's own words to give back, never the whole answer. After "maar" comes what the
    user means: "ik had ruimte genoeg, maar ik gebruikte hem niet" gives the second part back.
    Never a clause with a phrase of ``avoid`` (danger and strain, also of someone in the case:
    "'springt hij van het dak': dat neem ik mee" is no way to answer that)."""

    def fits(clause: str) -> bool:
        return (
            PHRASE_WORDS[0] <= len(clause.split()) <= PHRASE_WORDS[1]
            and clause != text.strip(" .")
            and not find_phrase(clause, avoid)
        )

    def clauses(part: str) -> list[str]:
        # not "af en toe", "heen en weer", "op en neer", "zo nu en dan": a tester was given back
        # "‘De inwoner zelf had een dochter die af’"
        return [
            c.strip(" .!?;:,\n")
            for c in re.split(r"[.!?;:,\n]+|\s(?:en(?!\s(?:toe|weer|neer|dan)\b)|want|omdat|dus)\s", part)
        ]

    # A question in the answer ("wat is een leervraag? ...") is no phrase to give back.
    said = re.sub(r"[^.!?\n]*\?", " ", text).strip()
    *_, after_but = re.split(r"\smaar\s", said)
    if after_but != said:
        turned = [c for c in clauses(after_but) if fits(c)]
        if turned:
            return turned[0]
    fitting = [c for part in re.split(r"\smaar\s", said) for c in clauses(part) if fits(c)]
    return max(fitting, key=lambda c: len(c.split()), default="")


class Waiting(str, Enum):
    """What the bot waits for: the meaning of the next user message depends on it."""

    ANSWER = "answer"  # an open question
    CHOICE = "choice"  # the bouwopgave choice
    CLARIFY = "clarify"  # a follow-up on a vague answer
    MORE = "more"  # "nog een verbeterstap?"
    SHORTCUT = "shortcut"  # after two skips in a row: "meteen naar de verbeterstappen?"
    DEEPER = "deeper"  # "wil je dieper ingaan op deze bouwopgave?" (its thema questions)
    UNSURE = "unsure"  # keep the doubted message as the answer, or carry out the request?
    REPLACE = "replace"  # after going back, a new answer: replace the earlier one or add to it?
    PAUSED = "paused"
    CHECKIN = "checkin"  # strain was named: "hoe is het nu met je?"
    SUPPORT = "support"  # the support message was shown: pause or go on
    CONFIRM_STOP = "confirm_stop"
    CONFIRM_DELETE = "confirm_delete"
    STOPPED = "stopped"  # stopped by the user; the reflection is kept and can be resumed
    FINISHED = "finished"  # the summary was shown


# The question-like waits: where an interruption returns to.
QUESTIONS = frozenset(
    {
        Waiting.ANSWER,
        Waiting.CHOICE,
        Waiting.CLARIFY,
        Waiting.MORE,
        Waiting.SHORTCUT,
        Waiting.DEEPER,
        Waiting.UNSURE,
        Waiting.REPLACE,
    }
)
# After going back, a new answer asks before it replaces an earlier one of at least this many words;
# "moe" is replaced without a question (a tester typed on past the question and lost the order).
REPLACE_ASK_MIN_WORDS = 4
# An answer shown again when its question is asked again (after going back): at most this many words.
EARLIER_MAX_WORDS = 30
# After this many questions skipped in a row the bot offers to go straight to the verbeterstappen.
SKIPS_BEFORE_SHORTCUT = 2
# Waits that a yes or no answers; any other request cancels them.
CONFIRMATIONS = frozenset({Waiting.CONFIRM_STOP, Waiting.CONFIRM_DELETE, Waiting.CHECKIN})
# Waits during which no question is shown.
INTERRUPTIONS = frozenset({Waiting.PAUSED, Waiting.CHECKIN, Waiting.SUPPORT, *CONFIRMATIONS})


@dataclass
class Message:
    """One bot message: a key of content/berichten.yml, its values and extra buttons."""

    key: str
    kind: str
    values: dict[str, Any] = field(default_factory=dict)
    buttons: list[dict[str, str]] = field(default_factory=list)
    summary: dict[str, Any] | None = None
    own_buttons: bool = False  # ``buttons`` instead of the message's own, not after them


@dataclass
class Result:
    state: State
    messages: list[Message] = field(default_factory=list)


def _shortened(answer: str) -> str:
    words = answer.split()
    return " ".join(words[:EARLIER_MAX_WORDS]) + (" …" if len(words) > EARLIER_MAX_WORDS else "")


def _differs(earlier: str | None, text: str) -> bool:
    """Whether ``text`` is another answer than ``earlier`` (not the same words again)."""

    def words(t: str) -> list[str]:
        return re.sub(r"[^\w\s]", " ", t.lower()).split()

    return bool(earlier) and words(earlier) != words(text)


def migrate(state: State) -> State:
    """A state stored before ``waiting`` existed (several flags), in today's shape."""
    if "waiting" in state:
        return state
    state = copy.deepcopy(state)
    question = {"clarify": Waiting.CLARIFY, "meer": Waiting.MORE}.get(state.get("pending") or "")
    if state.get("twijfel"):
        question = Waiting.UNSURE
    waiting: Waiting | None = None
    if state.get("deleted") or state.get("finished"):
        waiting = Waiting.FINISHED
    elif state.get("stopped"):
        waiting = Waiting.STOPPED
    elif state.get("deleting"):
        waiting = Waiting.CONFIRM_DELETE
    elif state.get("stopping"):
        waiting = Waiting.CONFIRM_STOP
    elif state.get("paused") or state.get("hold"):
        waiting = Waiting.PAUSED
    state["waiting"] = (waiting or question or Waiting.ANSWER).value
    state["back_to"] = question.value if question and waiting else None
    for old in ("pending", "stopping", "deleting", "paused", "awaiting"):
        state.pop(old, None)
    state.setdefault("hold", None)
    state.setdefault("deferred", None)
    state.setdefault("support_shown", 0)
    return state


# Words that say which question is meant without being of it: "mijn antwoord over ... veranderen".
NAMING_A_QUESTION = frozenset(
    "antwoord antwoorden vraag vragen eerst eerder eerdere vorige veranderen verander aanpassen aanpas "
    "wijzigen wijzig verbeteren verbeter terug willen eigenlijk graag even nog over mijn deze daar "
    "toch was waar wat wie hoe die dat het een van met bij voor aan nee niet wil kan mag ook dan "
    "jij jou mij zij hij we wij ons der des".split()
)


def _content_words(text: str) -> set[str]:
    """Words of three letters or more: "rol" names "Wat was jouw taak of rol in deze casus?"."""
    return {w for w in re.findall(r"[a-zà-ÿ]+", text.lower()) if len(w) >= 3}


def _same_word(a: str, b: str) -> bool:
    """The same word, or one a form of the other ("betrokken", "betrokkenen")."""
    return a == b or (min(len(a), len(b)) >= 5 and (a.startswith(b) or b.startswith(a)))


def _about_whom(question: str, one: str, other: str) -> str:
    """Whom ``question`` is about when asked whether it means ``one`` or ``other``, one of them the
    inwoner and the other the writer: "inwoner" or "jij" when the question names only that one;
    "" when it names both or neither, or the two are not these two."""
    words = [set(re.findall(r"[^\W\d_]+", side.lower())) for side in (one, other)]
    sides = {"inwoner" if side & THE_INWONER else "jij" if side & THE_WRITER else "" for side in words}
    if sides != {"inwoner", "jij"}:
        return ""
    names_inwoner = re.search(r"\binwoner", question, re.IGNORECASE) is not None
    names_writer = ADDRESSED.search(question) is not None
    if names_inwoner == names_writer:
        return ""
    return "inwoner" if names_inwoner else "jij"


class Reflection:
    """Operations on one conversation's state, with the content they need."""

    def __init__(self, content: Content, state: State) -> None:
        self.content = content
        self.state = migrate(copy.deepcopy(state))
        self.flow: Flow = content.flows[self.state["flow"]]
        self._steps: tuple[tuple[Any, ...], list[Step]] | None = None
        if self.state["waiting"] in (Waiting.ANSWER, Waiting.CHOICE):
            self.state["waiting"] = self._question_waiting().value  # e.g. a flow edited since

    # ------------------------------------------------------------------ creation

    @staticmethod
    def start(content: Content, flow_id: str) -> State:
        flow = content.flows[flow_id]
        state: State = {
            "flow": flow_id,
            "step": None,
            "waiting": Waiting.ANSWER.value,
            "back_to": None,
            "answers": {},
            "voorstel": None,
            "bouwopgaven": None,
            "zelf_kiezen": False,
            "verbeterstappen": 1,
            "last_answered": None,
            "hold": None,
            "deferred": None,
            "twijfel": None,
            "vervanging": None,
            "support_shown": 0,
            "intros": [],
            "vervolg": None,
            "verdiepingen": {},
            "lang": 0,
            "skipped_in_a_row": 0,
            "kort": False,
            "finished": False,
            "stopped": False,
        }
        first = expand(content, flow, state)[0]
        state["step"] = first.id
        state["waiting"] = (Waiting.CHOICE if first.kind == CHOICE else Waiting.ANSWER).value
        return state

    # ------------------------------------------------------------------ views

    def steps(self) -> list[Step]:
        """The flow's steps for this state; expanded again only when what it depends on changed."""
        leads = tuple(
            someone_else_leads(self.state, key) for key in self.state["answers"] if key.endswith(".wie")
        )  # an eigen_stap is asked when someone else has the lead
        key = (
            self.state.get("verbeterstappen", 1),
            tuple(planned_bouwopgaven(self.state)),
            leads,
            tuple(self.state.get("thema_ja") or ()),
        )
        if self._steps is None or self._steps[0] != key:
            self._steps = (key, expand(self.content, self.flow, self.state))
        return self._steps[1]

    def current(self) -> Step | None:
        return next((s for s in self.steps() if s.id == self.state["step"]), None)

    @property
    def waiting(self) -> Waiting:
        return Waiting(self.state["waiting"])

    def _wait(self, waiting: Waiting, back_to: Waiting | None = None) -> None:
        self.state["waiting"] = waiting.value
        self.state["back_to"] = back_to.value if back_to else None

    def _question_waiting(self) -> Waiting:
        step = self.current()
        if step is None:
            return Waiting.FINISHED
        return Waiting.CHOICE if step.kind == CHOICE else Waiting.ANSWER

    def open_question(self) -> Waiting | None:
        """The question that is open now, also under an interruption; None when none is."""
        waiting = self.waiting
        if waiting in QUESTIONS:
            return waiting
        if waiting in INTERRUPTIONS or waiting == Waiting.STOPPED:
            back_to = Waiting(self.state["back_to"]) if self.state["back_to"] else self._question_waiting()
            return back_to if back_to in QUESTIONS else None
        return None

    @property
    def finished(self) -> bool:
        """Whether the reflection is over for now: done, stopped (resumable) or deleted."""
        return self.waiting in (Waiting.FINISHED, Waiting.STOPPED)

    def phase(self) -> str:
        if self.finished:
            return "afronding"
        step = self.current()
        return step.phase if step else "afronding"

    def progress(self) -> dict[str, int]:
        steps = self.steps()
        if self.waiting == Waiting.FINISHED:
            return {"done": len(steps), "total": len(steps)}
        ids = [s.id for s in steps]
        done = ids.index(self.state["step"]) if self.state["step"] in ids else len(ids)
        return {"done": done, "total": len(ids)}

    # ------------------------------------------------------------------ asking

    def ask(self) -> Result:
        """Show the question the conversation waits for (nothing during an interruption)."""
        state = self.state
        step = self.current()
        waiting = self.waiting
        if step is None or waiting not in QUESTIONS:
            return Result(state)
        messages: list[Message] = []
        if step.intro and step.phase not in state["intros"]:
            messages.append(Message("fase_intro", "info", {"tekst": step.intro}))
            state["intros"].append(step.phase)
        if waiting == Waiting.UNSURE:
            label, buttons = wording.doubt_buttons(self.content, state["twijfel"]["intent"])
            messages.append(Message("twijfel", "confirm", {"verzoek": label}, buttons))
        elif waiting == Waiting.REPLACE:
            earlier = state["answers"][step.id]["answer"]
            messages.append(Message("vervangen_vraag", "confirm", {"antwoord": _shortened(earlier)}))
        elif waiting == Waiting.CLARIFY and state.get("vervolg"):
            messages.append(Message("doorvraag", "clarify", {"vraag": state["vervolg"]["vraag"]}))
        elif waiting == Waiting.CLARIFY:
            clarification = self._clarification(step)
            record = state["answers"].get(step.id) or {}
            again = "eerder" in record
            ask = (clarification.nogmaals if again else clarification.vraag) if clarification else ""
            if clarification and record.get("datum_gevraagd"):
                ask = clarification.datum
            elif clarification and clarification.begint_met and not again:
                # "Moet ik ...?" as the leervraag: say why an open one helps, and offer it opened up.
                begin, opened = closed_question(record.get("answer") or "")
                if opened:
                    record[OPENED_OFFER] = opened
                    ask = self.content.text("leervraag_geopend", begin=begin, voorstel=opened)
                elif begin:
                    ask = f"{self.content.text('leervraag_gesloten', begin=begin)} {ask}"
            messages.append(Message("verduidelijking", "clarify", {"vraag": ask}))
        elif waiting == Waiting.MORE:
            # Said up front: a yes adds these questions to the total ("eigen_stap" only sometimes).
            parts = sum(1 for s in self.steps() if s.verbeterstap == 1 and s.part != "eigen_stap")
            sometimes = self.content.text("of_meer", aantal=parts, meer=parts + 1)
            own_step = any(
                "eigen_stap" in item.parts
                for phase in self.flow.phases
                for item in phase.steps
                if item.soort == "verbeterstappen"
            )
            values = {"vraag": step.meer.vraag if step.meer else "", "aantal": sometimes if own_step else parts}
            messages.append(Message("meer_verbeterstappen", "confirm", values))
        elif waiting == Waiting.SHORTCUT:
            asked = self.state.get("kort_gevraagd")  # asked for, not offered after two skips
            messages.append(Message("kortere_weg_gevraagd" if asked else "kortere_weg", "confirm"))
        elif waiting == Waiting.DEEPER:
            bouwopgave = self.content.bouwopgaven[step.offer]
            values = {
                "naam": bouwopgave.naam,
                "aantal": len(bouwopgave.thema_vragen),
                "daarna": self._after_offer(step),
            }
            messages.append(Message("thema_aanbod", "confirm", values))
        elif waiting == Waiting.CHOICE:
            messages.append(self._choice_message(step))
        else:
            idea = self._idea_for(step)
            if idea:
                messages.append(Message("idee_eerder", "info", {"idee": idea}))
            earlier = state["answers"].get(step.id) or {}
            if earlier.get("answer") and not earlier.get("skipped"):
                # Asked again after going back: what stands, and how to keep it (a tester's "die vraag
                # heb ik al beantwoord, dat antwoord klopt nog" replaced the answer it meant to keep).
                messages.append(Message("antwoord_eerder", "info", {"antwoord": _shortened(earlier["answer"])}))
            response = "eerste_vraag" if self._is_first(step) else "vraag"
            question = self.question_text(step)
            heard = self.heard(step)
            if heard:
                # The step said it already: asked as a check, which "ja" answers (bot/heard.py).
                told = self.content.text(f"{step.part}_al_genoemd", moment=heard)
                question = f"{step.lead} {told}" if step.lead else told
            messages.append(Message(response, "question", {"vraag": question}))
        return Result(state, messages)

    def question_text(self, step: Step) -> str:
        """The question as the user sees it: with its lead, and saying what was told already
        when earlier answers cover it (``al_verteld``); the summary shows the same text."""
        asked = (self.state.get("gevraagd") or {}).get(step.id)
        if asked:
            return asked
        text = step.question.vraag
        told = step.question.al_verteld
        if told and step.id not in self.state["answers"]:
            ids = [s.id for s in self.steps()]
            before = ids[: ids.index(step.id)] if step.id in ids else []
            earlier = []
            for key in before:
                record = self.state["answers"].get(key) or {}
                follow_up = (record.get("verdieping") or {}).get("antwoord") or ""
                earlier += [record.get("answer") or "", record.get("verduidelijking") or "", follow_up]
            found = told.found_in([e for e in earlier if e])
            if found:
                text = told.vraag.format(woorden=wording.listed(found))
                self.state.setdefault("gevraagd", {})[step.id] = text
        return f"{step.lead} {text}" if step.lead else text

    def heard(self, step: Step) -> str:
        """For an unanswered wie or wanneer: who leads or when, as the verbeterstap's wat said it
        ("ik plan zelf voor de kerst ...": "ik", "voor de kerst"); "" when it said neither."""
        if step.part not in HEARD_PARTS or step.id in self.state["answers"]:
            return ""
        wat = self.state["answers"].get(step.id.rpartition(".")[0] + ".wat") or {}
        if wat.get("skipped"):
            return ""
        said = [wat.get("verduidelijking") or "", wat.get("answer") or ""]
        find = lead_in if step.part == "wie" else moment_in
        return next((found for found in map(find, said) if found), "")

    def said_already(self, text: str) -> str:
        """What a reply to a wie or wanneer question keeps when it agrees with what the step said
        ("ja", "klopt") or says it was said ("ik. zei ik toch": "ik"; "zie boven": what was heard);
        "" otherwise."""
        step = self.current()
        if step is None or step.part not in HEARD_PARTS or self.open_question() != Waiting.ANSWER:
            return ""
        found = self.heard(step)
        back, rest = refers_back(text)
        if back:
            return rest or found
        return found if found and only_agrees(text) else ""

    def _after_offer(self, step: Step) -> str:
        """What comes after a no to the thema questions: the next bouwopgave, or the steps."""
        steps = self.steps()
        ids = [s.id for s in steps]
        later = steps[ids.index(step.id) + 1 :] if step.id in ids else []
        following = next((s for s in later if s.phase == step.phase and s.id.count(".") >= 3), None)
        if following is not None:
            other = self.content.bouwopgaven.get(following.id.split(".")[2])
            if other is not None and other.id != step.offer:
                return self.content.text("aanbod_daarna_bouwopgave", naam=other.naam)
        return self.content.text("aanbod_daarna_verbeterstappen")

    def _idea_for(self, step: Step) -> str:
        """For verbeterstap n: the n-th idea the user gave earlier (``ideas_from``), shortened."""
        if not step.ideas_from or step.id in self.state["answers"]:
            return ""
        ideas = []
        for key, record in self.state["answers"].items():
            if record.get("skipped") or record.get(SIGNAL_KEPT):
                continue  # a message that also named strain or danger is never offered back as an idea
            if not any(key == s or key.endswith(f".{s}") for s in step.ideas_from):
                continue
            text = (record.get("verduidelijking") or record.get("answer") or "").strip()
            # An answer added to later ("nee" + "een vast casusoverleg ..."): its fullest line.
            text = max(text.splitlines() or [""], key=lambda line: len(line.split())).strip()
            # without a request to the bot in it ("..., kunnen we het verder kort houden": a tester)
            parts = re.split(r"(?<=[,.;!?])\s+", text)
            text = " ".join(part for part in parts if not find_phrase(part, self._requests())).strip(" ,")
            if len(text.split()) >= IDEA_MIN_WORDS:
                ideas.append(text)
        if len(ideas) < step.verbeterstap:
            return ""
        words = ideas[step.verbeterstap - 1].split()
        return " ".join(words[:IDEA_MAX_WORDS]) + (" …" if len(words) > IDEA_MAX_WORDS else "")

    def _is_first(self, step: Step) -> bool:
        return self.steps()[0].id == step.id

    def _choice_message(self, step: Step) -> Message:
        state = self.state
        if step.self_pick:
            state["voorstel"] = []
        if state["voorstel"] is None:
            counts = {s.id for s in self.steps() if s.for_proposal}  # not "wat voelde je": feelings are no reason
            given = [a for key, a in state["answers"].items() if key in counts]
            earlier = [a["answer"] for a in given if a.get("answer")]
            earlier += [a["verduidelijking"] for a in given if a.get("verduidelijking")]
            proposals = propose(
                self.content.bouwopgaven.values(),
                earlier,
                step.max_choices,
                step.default_choices,
                self.content.werkzame_bestanddelen.values(),
                self._heavy_phrases(),
            )
            state["voorstel"] = [{"id": p.bouwopgave, "woorden": list(p.words), "citaat": p.quote} for p in proposals]
        if state["zelf_kiezen"] or step.self_pick:
            options, buttons = wording.bouwopgave_options(self.content)
            values = {"opties": options, "max": step.max_choices, "vraag": step.question.vraag}
            key = "bouwopgave_zelf_kiezen" if step.max_choices > 1 else "bouwopgave_zelf_kiezen_een"
            return Message(key, "question", values, buttons)
        inleiding, lines = wording.proposal(self.content, state["voorstel"])
        values = {"inleiding": inleiding, "voorstel": lines, "vraag": step.question.vraag}
        return Message("bouwopgave_voorstel", "question", values)

    def _clarification(self, step: Step) -> Clarification | None:
        return step.question.verduidelijking

    def _ask_for_a_day(self, step: Step, record: dict[str, Any]) -> bool:
        """Ask the clarification's ``datum`` question (once) when the answer so far names no
        day: "na de zomer" is a moment, but no calendar item can go on it."""
        clarification = self._clarification(step)
        if not clarification or not clarification.needs_a_day(record["answer"], record.get("verduidelijking") or ""):
            return False
        if record.get("bevestigd"):
            return False  # confirmed as it was said in the step: not asked on after "‘ja’ is genoeg"
        record["datum_gevraagd"] = True
        self._wait(Waiting.CLARIFY)
        return True

    # ------------------------------------------------------------------ answering

    def answer(self, text: str, signal: bool = False, settled: bool = False) -> Result:
        """Keep ``text`` as the answer to the open question and move on.

        Under an interruption (paused, a confirmation) the answer is for the question that
        stayed open, and the interruption ends. An answer longer than MAX_ANSWER_CHARS is
        kept up to that length, and the user is told. ``signal``: the message also named strain
        or danger (SIGNAL_KEPT). ``settled``: the user confirmed what they said before ("ja" to "Je
        noemde al een moment: ..."): not asked for a day after it.
        """
        text = without_asides(text)  # "eerder iedereen om tafel. ok": the "ok" was said to the bot
        step = self.current()
        if step is not None and not settled and self.open_question() == Waiting.ANSWER and self.heard(step):
            text = after_a_no(text)  # "Nee, dat ging over het driegesprek. Ik zet het op ..."
        if len(text) <= MAX_ANSWER_CHARS:
            return self._keep(text, signal, settled)
        result = self._keep(text[:MAX_ANSWER_CHARS], signal, settled)
        result.messages.insert(0, Message("afgekapt", "info", {"max": MAX_ANSWER_CHARS}))
        return result

    def _keep(self, text: str, signal: bool = False, settled: bool = False) -> Result:
        state = self.state
        step = self.current()
        question = self.open_question()
        if step is None or question is None:
            return Result(state)
        messages: list[Message] = []
        state["hold"] = state["deferred"] = None
        if question == Waiting.UNSURE:
            # A new message after "bewaren of ...?": nothing of either is lost.
            doubted = state["twijfel"]["text"]
            state["twijfel"] = None
            text = f"{doubted}\n{text}"
            messages.append(Message("beide_bewaard", "info"))
            question = self._question_waiting()
        if question == Waiting.REPLACE:
            # A new message at "vervangen of erbij zetten?": nothing of any of them is lost.
            self._settle_replacement(extra=text)
            return Result(state, [Message("bij_eerder_gezet", "info"), *self._advance(step).messages])
        if question == Waiting.CHOICE:
            self._wait(question)
            return Result(state, [Message("ongeldige_keuze", "fallback")])
        if question in (Waiting.MORE, Waiting.DEEPER) and not tells_something(text):
            # "ik", "ehm" at "nog een verbeterstap?" or "dieper ingaan?": neither yes nor no, nor
            # an answer to add; said so, and the offer stays open.
            self._wait(question)
            return Result(state, [*messages, Message("ja_of_nee", "fallback")])
        if question == Waiting.MORE:
            self.more(True)
            step = self.current()
            question = Waiting.ANSWER
        if question == Waiting.DEEPER and self._names_another_bouwopgave(text, step):
            # "Bouwopgave 4 ging over regie: ..." at "dieper ingaan op 3? Anders gaan we door met 4"
            # was added to the answer about 3 (session 27): on to 4, and the text answers it.
            before = copy.deepcopy(state)
            self.deeper(False)
            if self.current() is not None and self.open_question() == Waiting.ANSWER:
                step, question = self.current(), Waiting.ANSWER
            else:  # not a question to answer next: added to the answer before, as below
                state.clear()
                state.update(before)
        if question == Waiting.DEEPER:
            # A text at "dieper ingaan?" belongs to the answer before it (the thema question it
            # would answer was never shown); the offer stays open.
            record = state["answers"].get(state["last_answered"] or step.id)
            if record is not None and not record.get("skipped"):
                key = "verduidelijking" if record.get("verduidelijking") else "answer"
                record[key] = f"{record[key]}\n{text}" if record[key] else text
                if state.get("aangevuld_bij_aanbod") == step.id:
                    # A second text at the same offer: no answer to it. On without the thema
                    # questions (a tester typed seven answers there, each added and the offer again).
                    state["aangevuld_bij_aanbod"] = None
                    return Result(state, [*messages, Message("aangevuld_verder", "info"), *self.deeper(False).messages])
                state["aangevuld_bij_aanbod"] = step.id
                return Result(state, [*messages, Message("aangevuld", "info")])
            self.deeper(True)  # nothing before it to add to: the answer to the first thema question
            step = self.current()
            question = Waiting.ANSWER
        if question == Waiting.SHORTCUT:
            question = self._question_waiting()  # "nee" in other words: the answer to the question
            self._wait(question)
            if question == Waiting.CHOICE:
                return Result(state, [Message("ongeldige_keuze", "fallback")])
        another = step.verbeterstap > 1 and step.part == "wat" and step.id not in state["answers"]
        if another and (NO_MORE_STEPS.match(text) or NO_MORE_STEPS_FIRST.match(text)):
            result = self.skip()  # no step: its lead and moment are skipped too, and no other offered
            return Result(state, [*messages, Message("geen_stap_meer", "info"), *result.messages])
        earlier = state["answers"].get(step.id) or {}
        replaces = _differs(earlier.get("answer"), text) and not earlier.get("skipped")
        if question == Waiting.ANSWER and replaces and len(earlier["answer"].split()) >= REPLACE_ASK_MIN_WORDS:
            # After going back, a new text: asked before it replaces the earlier answer (a tester
            # typed the next question's answer there and lost a long description of the case).
            state["vervanging"] = {"text": text, "signal": signal}
            self._wait(Waiting.REPLACE)
            return Result(state, messages)
        state["skipped_in_a_row"] = 0
        state["last_answered"] = step.id
        if question == Waiting.CLARIFY:
            if signal:
                state["answers"][step.id][SIGNAL_KEPT] = True
            follow_up = state.get("vervolg")
            if follow_up:
                state["answers"][step.id]["verdieping"] = {
                    "id": follow_up["id"],
                    "vraag": follow_up["vraag"],
                    "antwoord": text,
                }
            else:
                record = state["answers"][step.id]
                clarification = self._clarification(step)
                if record.get("datum_gevraagd"):
                    record["datum"] = text  # the reply to "which day?": kept, whatever it says
                    return Result(state, messages + self._advance(step).messages)
                if record.get(OPENED_OFFER) and only_agrees(text):
                    text = record[OPENED_OFFER]  # "ja" to "Bijvoorbeeld: 'Hoe kan ik ...?' Past dat?"
                first_reply = "eerder" not in record
                if first_reply and clarification and clarification.nogmaals and clarification.needed_for(text):
                    record["eerder"] = text  # asked once more with `nogmaals`, never a third time
                    record[KEEP_FIRST_REPLY] = step.part != "wanneer"
                    self._wait(Waiting.CLARIFY)
                    return Result(state, messages)
                record["verduidelijking"] = text
                if first_reply and self._ask_for_a_day(step, record):
                    return Result(state, messages)
            return Result(state, messages + self._advance(step).messages)
        state["answers"][step.id] = record = {"answer": text, "skipped": False}
        if signal:
            record[SIGNAL_KEPT] = True
        if settled:
            record["bevestigd"] = True  # "klopt" to "Je noemde al ‘voor de kerst’ ... ‘ja’ is genoeg"
        clarification = self._clarification(step)
        if clarification and clarification.needed_for(text):
            self._wait(Waiting.CLARIFY)
            return Result(state, messages)
        if self._ask_for_a_day(step, record):
            return Result(state, messages)
        if not signal and self._deepen(step, text):
            self._wait(Waiting.CLARIFY)
            return Result(state, messages)
        heard = self._acknowledge(text) if step.phase in LISTENING_PHASES and not signal else []
        return Result(state, messages + heard + self._advance(step).messages)

    # ------------------------------------------------------------------ listening

    def _deepen(self, step: Step, text: str) -> bool:
        """A follow-up on what ``text`` leaves open (content/verdieping.yml), within the limits:
        one per question, DEEPENINGS_PER_PHASE per phase."""
        asked = self.state.setdefault("verdiepingen", {})
        if asked.get(step.phase, 0) >= DEEPENINGS_PER_PHASE or step.kind != OPEN or step.verbeterstap:
            return False
        for rule in self.content.luisteren.doorvragen:
            words = rule.found_in(text, step.phase, step.id)
            if words:
                words = _clause_with(text, words)
                asked[step.phase] = asked.get(step.phase, 0) + 1
                self.state["vervolg"] = {"id": rule.id, "vraag": rule.vraag.format(woorden=words)}
                return True
        return False

    def would_deepen(self, text: str) -> bool:
        """Whether a follow-up of content/verdieping.yml picks up ``text`` at the open question:
        there a bare "ja" is an answer ("kon hij meebeslissen?"), asked about further."""
        step = self.current()
        if step is None or step.kind != OPEN or step.verbeterstap:
            return False
        return any(rule.found_in(text, step.phase, step.id) for rule in self.content.luisteren.doorvragen)

    def _acknowledge(self, text: str) -> list[Message]:
        """A short acknowledgement with a phrase of the user's own, after every second long answer."""
        listening = self.content.luisteren
        state = self.state
        if not listening.terugkoppeling or len(text.split()) < listening.terugkoppeling_min_woorden:
            return []
        state["lang"] = state.get("lang", 0) + 1
        if state["lang"] % 2:
            return []
        phrase = _phrase_of(text, self._heavy_phrases())
        if not phrase:
            return []
        line = listening.terugkoppeling[(state["lang"] // 2 - 1) % len(listening.terugkoppeling)]
        return [Message("terugkoppeling", "info", {"tekst": line.format(woorden=phrase)})]

    def _heavy_phrases(self) -> tuple[str, ...]:
        """Never quoted back as a phrase of the user's: danger and strain phrases and danger words,
        and remarks about the talk itself ("'zo ik ben er weer': dat neem ik mee", wherever they stand)."""
        signalen = self.content.signalen
        about_the_talk = (phrase.removeprefix("^ ") for phrase in signalen.get("over_het_gesprek", ()))
        # Nor a request to the bot at the end of an answer: "Helder: ‘kunnen we het verder kort
        # houden’" (a tester).
        return (
            *signalen.get("gevaar", ()),
            *signalen.get("gevaar_woorden", ()),
            *signalen.get("spanning", ()),
            *about_the_talk,
            *self._requests(),
        )

    def _requests(self) -> tuple[str, ...]:
        """The phrases of a request to the bot in words (content/signalen.yml)."""
        signalen = self.content.signalen
        return tuple(phrase.removeprefix("^ ") for key in REQUEST_LISTS for phrase in signalen.get(key, ()))

    def add_to_last_answer(self, text: str) -> Result:
        """After a check-in: a case sentence the user adds belongs to the answer it followed."""
        state = self.state
        pending = state.get("vervanging")
        if pending:
            # The answer it followed still waits for "vervangen of erbij zetten?": with it.
            pending["text"] = f"{pending['text']}\n{text}"
            state["hold"] = None
            self._return()
            return Result(state, [Message("aangevuld", "info")])
        held = state["hold"] or state["last_answered"]
        record = state["answers"].get(held) if held else None
        if record is None:
            return self.answer(text)
        key = "verduidelijking" if record.get("verduidelijking") else "answer"
        record[key] = f"{record[key]}\n{text}" if record[key] else text
        state["hold"] = None
        self._return()
        return Result(state, [Message("aangevuld", "info")])

    def doubt(self, text: str, intent: str) -> Result:
        """Not sure whether ``text`` answers or requests: keep it aside and ask (see ask())."""
        self.state["twijfel"] = {"text": text, "intent": intent}
        self._wait(Waiting.UNSURE)
        return Result(self.state)

    def resolve_doubt(self, keep: bool) -> Result:
        """The user said whether the doubted message was an answer."""
        doubted = self.state["twijfel"]
        self.state["twijfel"] = None
        self._wait(self._question_waiting())
        if keep and doubted:
            return self.answer(doubted["text"])
        return Result(self.state)

    def resolve_replacement(self, replace: bool) -> Result:
        """The user said whether the new answer replaces the earlier one (else it is added to it)."""
        state = self.state
        step = self.current()
        pending = state.get("vervanging")
        if step is None or not pending:
            return Result(state)
        if replace:
            state["vervanging"] = None
            del state["answers"][step.id]
            self._wait(Waiting.ANSWER)
            return Result(
                state, [Message("vervangen", "info"), *self._keep(pending["text"], pending["signal"]).messages]
            )
        self._settle_replacement()
        return Result(state, [Message("bij_eerder_gezet", "info"), *self._advance(step).messages])

    def correct_previous(self, text: str) -> Result | None:
        """ "nee wacht, de kern is eigenlijk ..." at the question after an answer: back to that
        question, with ``text`` as its new answer, asked whether it replaces the earlier one, is
        added, or belongs to the question after all ("nee wacht" alone: back to it). ``None``
        when the question before is no answered open question (the first, a choice, skipped)."""
        step = self.current()
        if step is None or self.waiting != Waiting.ANSWER:
            return None
        steps = self.steps()
        position = [s.id for s in steps].index(step.id)
        previous = steps[position - 1] if position > 0 else None
        earlier = (self.state["answers"].get(previous.id) or {}) if previous is not None else {}
        if previous is None or previous.kind == CHOICE or not earlier.get("answer") or earlier.get("skipped"):
            return None
        back = self.back()
        if not text or not _differs(earlier["answer"], text):
            return back  # "nee wacht": the question before, with its answer and "Laat staan"
        self.state["vervanging"] = {"text": text, "signal": None}
        self._wait(Waiting.REPLACE)  # asked also after a short answer: the user may add to it
        return Result(self.state, [Message("correctie_vorige", "info", {"vraag": previous.question.vraag})])

    def correct_choice(self, chosen: list[str]) -> Result | None:
        """ "nee wacht, 5 klopt niet. doe maar 4 en 3" at the first question after the choice (a
        tester's was kept as the answer there): chosen again. ``None`` anywhere else, where
        answers given since would be dropped."""
        step = self.current()
        if step is None or self.waiting != Waiting.ANSWER or not chosen:
            return None
        steps = self.steps()
        position = [s.id for s in steps].index(step.id)
        if position == 0 or steps[position - 1].kind != CHOICE:
            return None
        self.back()
        return Result(self.state, [Message("keuze_aangepast", "info"), *self.choose(chosen).messages])

    def keep_earlier(self) -> Result:
        """At "vervangen, erbij zetten, of de volgende vraag?": "laat maar staan", "klopt nog": the
        earlier answer stays as it was, and what was typed instead of it is let go, as asked."""
        step = self.current()
        if step is None or not self.state.get("vervanging"):
            return Result(self.state)
        self.state["vervanging"] = None
        self._wait(self._question_waiting())
        return Result(self.state, [Message("eerder_blijft", "info"), *self._advance(step).messages])

    def move_replacement(self) -> Result:
        """The new text was meant for the next question (a tester typed it after going back): the
        earlier answer stays, and the text is the answer there (asked about in turn when that
        question was answered too). Where no open question follows, it is added instead."""
        state = self.state
        step = self.current()
        pending = state.get("vervanging")
        if step is None or not pending:
            return Result(state)
        probe = Reflection(self.content, {**state, "vervanging": None})
        probe._wait(probe._question_waiting())
        probe._advance(step)
        if probe.waiting != Waiting.ANSWER:
            self._settle_replacement()  # no question to take it: the text is added
            return Result(state, [Message("bij_eerder_gezet", "info"), *self._advance(step).messages])
        state["vervanging"] = None
        self._wait(self._question_waiting())
        advanced = self._advance(step)
        kept = self._keep(pending["text"], pending["signal"])
        return Result(state, [Message("naar_volgende_vraag", "info"), *advanced.messages, *kept.messages])

    def _settle_replacement(self, extra: str = "") -> None:
        """A pending replacement (and ``extra``) added to the earlier answer: kept, not lost, when the
        question is left some other way (skipped, gone back from) or answered with yet another text."""
        state = self.state
        pending = state.get("vervanging")
        step = self.current()
        state["vervanging"] = None
        if not pending or step is None or step.id not in state["answers"]:
            return
        record = state["answers"][step.id]
        record["answer"] = "\n".join(t for t in (record["answer"], pending["text"], extra) if t)
        if pending["signal"]:
            record[SIGNAL_KEPT] = True
        state["skipped_in_a_row"] = 0
        state["last_answered"] = step.id
        self._wait(self._question_waiting())

    def choose(self, chosen: list[str] | None, reason: str = "") -> Result:
        """Choice step: ``None`` accepts the proposal, [] asks to pick, else the ids; ``reason``:
        why, in the user's words, kept with the choice."""
        state = self.state
        step = self.current()
        self._wait(Waiting.CHOICE)
        if chosen is None:
            chosen = [item["id"] for item in state["voorstel"] or []]
        if not chosen:
            state["zelf_kiezen"] = True
            return Result(state)
        named = list(dict.fromkeys(c for c in chosen if c in self.content.bouwopgaven))
        unique = named[: step.max_choices]
        state["bouwopgaven"] = unique
        state["zelf_kiezen"] = False
        names = ", ".join(self.content.bouwopgaven[b].naam for b in unique)
        state["answers"][step.id] = {"answer": f"{names} — {reason}" if reason else names, "skipped": False}
        if reason:
            state["answers"][step.id]["waarom"] = reason
        advanced = self._advance(step)
        if len(named) > len(unique):
            # "2, 3 en 5" where two may be chosen: said which, not cut silently (a tester)
            numbers = " en ".join(str(self.content.bouwopgaven[b].nummer) for b in unique)
            values = {"max": step.max_choices, "gekozen": numbers}
            return Result(state, [Message("keuze_ingekort", "info", values), *advanced.messages])
        return advanced

    def more(self, another: bool) -> Result:
        """Answer to "nog een verbeterstap?"."""
        state = self.state
        step = self.current()
        if another and step.verbeterstap < step.max_verbeterstappen:
            state["verbeterstappen"] = step.verbeterstap + 1
        else:
            state["verbeterstappen"] = step.verbeterstap
        return self._advance(step, ask_more=False)

    def _advance(self, step: Step, ask_more: bool = True, offer: bool = True) -> Result:
        """On to the next step; first "dieper ingaan?" (``offer``) or "nog een verbeterstap?"
        (``ask_more``) where the step has one."""
        state = self.state
        state["vervolg"] = None
        if offer and step.offer and step.offer not in state.setdefault("thema_aangeboden", []):
            state["thema_aangeboden"].append(step.offer)  # asked once per bouwopgave
            self._wait(Waiting.DEEPER)
            return Result(state)
        if ask_more and step.meer is not None and step.verbeterstap < step.max_verbeterstappen:
            self._wait(Waiting.MORE)
            return Result(state)
        ids = [s.id for s in self.steps()]
        position = ids.index(step.id)
        if position + 1 < len(ids):
            following = position + 1
            # After going back, on to where the user was: over the questions answered since
            # (a tester re-answered one question and was walked through all the others again).
            was_at = state.pop("verder_bij", None)
            passed = 0
            if was_at in ids and ids.index(was_at) > following:
                while following < ids.index(was_at) and ids[following] in state["answers"]:
                    following += 1
                    passed += 1
                if ids[following] != was_at:
                    state["verder_bij"] = was_at  # not there yet: a question on the way is new
            state["step"] = ids[following]
            self._wait(self._question_waiting())
            if passed:
                return Result(state, [Message("verder_waar_je_was", "info")])
        else:
            state["step"] = None
            state["finished"] = True
            self._wait(Waiting.FINISHED)
        return Result(state)

    # ------------------------------------------------------------------ interruptions

    def _return(self) -> None:
        """End an interruption: back to the question it interrupted."""
        back_to = self.state["back_to"]
        self._wait(Waiting(back_to) if back_to else self._question_waiting())

    def _interrupt(self, waiting: Waiting) -> None:
        """Start an interruption; a pending confirmation or check-in is cancelled by it."""
        question = self.open_question() or self._question_waiting()
        self._wait(waiting, back_to=question)

    def help(self, text: str = "") -> Result:
        """The explanation of the open question; of a term, when ``text`` asks what it means
        ("wat bedoel je met regie?": content/begrippen.yml)."""
        self._cancel_confirmation()
        step = self.current()
        if step is None:
            return Result(self.state)
        asked = wording.bouwopgaven_asked_about(self.content, text) if text and step.kind == CHOICE else []
        term = self.content.begrippen.asked_in(text) if text and not asked else None
        if term is not None:
            values = {"uitleg": term.uitleg, "bron": self.content.bron_label(term.bron)}
            return Result(self.state, [Message("uitleg_zonder_voorbeeld", "help", values)])
        question = step.question
        explanation = question.uitleg
        if step.kind == CHOICE:
            # "wat is het verschil tussen 3 en 4?": those two, not the five again (a tester); not
            # the term "regie" that the question names besides.
            listed = wording.bouwopgaven_explained(self.content, only=asked)
            explanation = listed if asked else explanation + "\n" + listed
        values = {
            "uitleg": explanation,
            "voorbeeld": question.voorbeeld,
            "bron": self.content.bron_label(question.bron),
        }
        key = "uitleg" if question.voorbeeld and not asked else "uitleg_zonder_voorbeeld"  # asked: only those
        messages = [Message(key, "help", values)]
        either = EITHER_OR.search(text or "")
        if either and step.kind != CHOICE:
            # "bedoel je wat ik als teamleider deed of wat de wijkcoach deed?" got only the general
            # explanation (a tester): the choice is the user's, said with both of their words.
            one = re.sub(r"^(?:precies|eigenlijk|nou|dan)\s+", "", either["een"].rpartition(",")[2].strip())
            values = {"een": one, "ander": either["ander"].strip(" ,?")}
            about = _about_whom(question.vraag, values["een"], values["ander"])
            if about:
                # "bedoel je de klant of mij?" at "Venster inwoner: wat wilde de inwoner zelf ...?"
                # got "allebei kan" (a tester): the question names one of them.
                messages.insert(0, Message(f"vraag_gaat_over_{about}", "help"))
            else:
                messages.insert(0, Message("of_het_een_of_het_ander", "help", values))
        return Result(self.state, messages)

    def where(self) -> Result:
        """How far the reflection is: "hoeveel vragen nog?"."""
        self._cancel_confirmation()
        progress = self.progress()
        step = self.current()
        phase_left = sum(1 for s in self.steps()[progress["done"] :] if step and s.phase == step.phase)
        values = {
            "nummer": min(progress["done"] + 1, progress["total"]),
            "totaal": progress["total"],
            "nog": max(progress["total"] - progress["done"], 0),
            "fase_nog": wording.phase_left(self.content, phase_left),
            "fase": self.content.text(f"fase_{step.phase}") if step else "",
        }
        return Result(self.state, [Message("voortgang", "info", values)])

    def dont_know(self, text: str = "") -> Result:
        """ "weet niet": it is fine, with an example the second time; said a third time at one
        question, it is the answer (a tester could not give "geen idee" as one at a venster)."""
        self._cancel_confirmation()
        if self.waiting == Waiting.CLARIFY:
            # "weet niet" at a follow-up, at "kun je die stap concreter maken?" or at "weet je er al
            # een dag bij?": it was optional, go on as "Laat zo" does (a tester's "weet ik niet" to
            # the day got "niet elke vraag heeft meteen een antwoord" and the same question, again).
            return self.skip()
        step = self.current()
        said_before = step is not None and self.state.get("weet_niet") == step.id
        if said_before and self.state.get("weet_niet_weer") == step.id and text and self.waiting == Waiting.ANSWER:
            self.state["weet_niet"] = self.state["weet_niet_weer"] = None
            return Result(self.state, [Message("weet_niet_bewaard", "info"), *self.answer(text).messages])
        if said_before:
            self.state["weet_niet_weer"] = step.id  # a third time is the answer
        if said_before and step.question.voorbeeld:
            # The second "weet niet" at one question: not the same words again, but an example.
            return Result(self.state, [Message("weet_niet_weer", "info", {"voorbeeld": step.question.voorbeeld})])
        self.state["weet_niet"] = step.id if step is not None else None
        return Result(self.state, [Message("weet_niet", "info")])

    def _cancel_confirmation(self) -> None:
        if self.waiting in INTERRUPTIONS:
            self._return()

    def cancel_confirmation(self) -> None:
        """A message that does not answer the pending yes/no: the question is not kept open."""
        if self.waiting in CONFIRMATIONS:
            self._return()

    def skip(self) -> Result:
        state = self.state
        step = self.current()
        if step is None:
            return Result(state)
        question = self.open_question()
        state["twijfel"] = state["hold"] = None
        if question == Waiting.REPLACE:
            return self.move_replacement()  # "Hoort bij de volgende vraag"
        if question == Waiting.MORE:
            return self.more(False)
        if question == Waiting.DEEPER:
            return self.deeper(False)
        if question == Waiting.CLARIFY:
            record = state["answers"].get(step.id) or {}
            if "eerder" in record and "verduidelijking" not in record:
                record["verduidelijking"] = record["eerder"]  # "Laat zo" at the second try keeps the first
            return self._advance(step)
        if step.id not in state["answers"] or state["answers"][step.id].get("skipped"):
            state["answers"][step.id] = {"answer": "", "skipped": True}
        if step.kind == CHOICE and state["bouwopgaven"] is None:
            state["bouwopgaven"] = []
        # Who skips a question is not offered more of them ("pff, sla deze maar over" was
        # followed by "Wil je nog dieper ingaan? Dan stel ik nog 4 vragen": a tester).
        if step.verbeterstap and step.part == "wat" and state["answers"][step.id].get("skipped"):
            # No step, so no one to lead it and no moment for it: the rest of the block is skipped
            # too, and no other one is offered (found holding a conversation as a tired jeugdconsulent:
            # "Wie is daarbij in de lead?" came after the step itself was skipped, then "nog een?").
            block = [s for s in self.steps() if s.verbeterstap == step.verbeterstap]
            for later in block[1:]:
                state["answers"].setdefault(later.id, {"answer": "", "skipped": True})
            result = self._advance(block[-1], ask_more=False, offer=False)
        else:
            result = self._advance(step, offer=False)
        state["skipped_in_a_row"] = state.get("skipped_in_a_row", 0) + 1
        if state["skipped_in_a_row"] >= SKIPS_BEFORE_SHORTCUT and self._shortcut_target() and not state.get("kort"):
            state["kort"] = True  # offered once per reflection
            self._wait(Waiting.SHORTCUT)
        return result

    def _shortcut_target(self) -> str | None:
        """The first verbeterstap step, when it lies ahead and not right after this one."""
        steps = self.steps()
        ids = [s.id for s in steps]
        if self.state["step"] not in ids:
            return None
        here = ids.index(self.state["step"])
        ahead = [s for s in steps[here + 1 :] if s.verbeterstap]
        if not ahead or steps[here].verbeterstap:
            return None
        return ahead[0].id

    def deeper(self, go: bool) -> Result:
        """The answer to "dieper ingaan op deze bouwopgave?": its thema questions come next, or not."""
        state = self.state
        step = self.current()
        if go and step.offer:
            state.setdefault("thema_ja", []).append(step.offer)
        return self._advance(step)

    def _names_another_bouwopgave(self, text: str, step: Step) -> bool:
        """Whether ``text``, typed at the offer of ``step``'s thema questions, names a chosen
        bouwopgave other than the one offered."""
        offered = self.content.bouwopgaven.get(step.offer) if step.offer else None
        chosen = {
            self.content.bouwopgaven[b].nummer
            for b in self.state.get("bouwopgaven") or []
            if b in self.content.bouwopgaven
        }
        named = set(wording.bouwopgaven_asked_about(self.content, text)) & chosen
        return offered is not None and bool(named - {offered.nummer})

    def offer_shortcut(self) -> Result:
        """ "kunnen we het kort houden?": asked whether to go straight to the verbeterstappen, as
        after two skips in a row (three testers got the next question); where they come next or
        are here already, said so, and the open question again."""
        self._cancel_confirmation()
        if self.current() is None or self.open_question() != Waiting.ANSWER:
            return Result(self.state, [Message("kortere_weg_niet", "info")])
        if self._shortcut_target() is None:
            return Result(self.state, [Message("kortere_weg_niet", "info")])
        self.state["kort"] = self.state["kort_gevraagd"] = True
        self._wait(Waiting.SHORTCUT)
        return Result(self.state)

    def shortcut(self, take: bool) -> Result:
        """The answer to "meteen naar de verbeterstappen?": go there, or ask the open question."""
        state = self.state
        target = self._shortcut_target() if take else None
        if target:
            if state["bouwopgaven"] is None:
                state["bouwopgaven"] = []  # not chosen: no questions about a bouwopgave
            state["step"] = target
        self._wait(self._question_waiting())
        return Result(state)

    def earlier_step_about(self, text: str) -> str | None:
        """The question before the open one that ``text`` names by a word of it: "ik wil mijn
        antwoord over mijn taak nog veranderen" names "Wat was jouw taak of rol in deze casus?"
        (a tester's went on as the answer to the open question). The latest, if several."""
        step = self.current()
        if step is None:
            return None
        ids = [s.id for s in self.steps()]
        said = _content_words(text) - NAMING_A_QUESTION
        best, best_score = None, 0
        for earlier in self.steps()[: ids.index(step.id)]:
            asked = _content_words(earlier.question.vraag)
            score = sum(any(_same_word(a, b) for b in asked) for a in said)
            if score >= best_score and score:
                best, best_score = earlier.id, score
        return best

    def back(self, to: str | None = None) -> Result:
        """One question back, or back to the earlier question ``to``."""
        state = self.state
        step = self.current()
        question = self.open_question()
        state["twijfel"] = state["hold"] = None
        if step is None:
            return Result(state)
        if question == Waiting.REPLACE:
            self._settle_replacement()  # going further back: the new text stays with the earlier answer
        ids = [s.id for s in self.steps()]
        position = ids.index(step.id)
        to = to if to in ids[:position] else None
        if question in (Waiting.CLARIFY, Waiting.MORE, Waiting.DEEPER):
            state["vervolg"] = None
            if to is None:
                self._wait(self._question_waiting())
                return Result(state, [Message("terug", "info")])
        if position == 0:
            self._wait(self._question_waiting())
            return Result(state, [Message("terug_kan_niet", "info")])
        was_at = state.get("verder_bij")
        if was_at not in ids or ids.index(was_at) < position:
            state["verder_bij"] = step.id  # the furthest the user was, to go on from there
        state["step"] = to or ids[position - 1]
        if step.kind == CHOICE or self.current().kind == CHOICE:
            state["zelf_kiezen"] = False
        self._wait(self._question_waiting())
        further = to is not None and to != ids[position - 1]
        if not further and (state["answers"].get(state["step"]) or {}).get("skipped"):
            # not "Je eerdere antwoord blijft bewaard" where there was none (a tester)
            return Result(state, [Message("terug_overgeslagen", "info")])
        return Result(state, [Message("terug_naar_vraag" if further else "terug", "info")])

    def pause(self) -> Result:
        """Pause at the open question; a pending stop or deletion is cancelled, not kept."""
        self._interrupt(Waiting.PAUSED)
        return Result(self.state, [Message("pauze", "pause")])

    def resume(self) -> Result:
        """Go on where the reflection was: after a pause, support, a check-in, or a stop."""
        state = self.state
        if self.waiting not in INTERRUPTIONS and self.waiting != Waiting.STOPPED:
            return Result(state)  # nothing to go on from: the open question is asked again
        state["stopped"] = False
        state["hold"] = None
        self._return()
        # The first time after the support message, going on says the door stays open (a tester:
        # "Fijn dat je er weer bent" and the next question, as if nothing had been said).
        shown = state.get("support_shown") or state.get("steun_licht")
        after_support = bool(shown) and not state.get("na_steun")
        state["na_steun"] = state.get("na_steun") or after_support
        result = Result(state, [Message("hervat_na_steun" if after_support else "hervat", "info")])
        apart = state.pop("apart", None)
        if apart:
            # Told after the stop, set aside: now it is the answer to the question that was open.
            question = self.current().question.vraag if self.current() else ""
            result.messages += [*self.answer(apart).messages, Message("verhaal_bewaard", "info", {"vraag": question})]
        return result

    def checkin(self, said: str, deferred: str | None = None, after_answer: bool = False) -> Result:
        """Strain was named: ask how it is with them before anything else (stepped care)."""
        if after_answer:
            self.state["hold"] = self.state["last_answered"]
        self.state["deferred"] = deferred
        self.state["checkins"] = self.state.get("checkins", 0) + 1
        self._interrupt(Waiting.CHECKIN)
        return Result(self.state, [Message("checkin", "checkin", {"woorden": said})])

    def support(self, light: bool = False) -> Result:
        """Care and concrete support (113, 112); the reflection pauses until the user goes on.

        The first time the whole message, after that a short one. ``light``: for a check-in answered
        in a word that it does not go well ("moe", "slecht"): rest and someone to talk to first, 113
        last; the whole message still comes the first time danger or "Het is me nu te veel" does.
        """
        state = self.state
        key = "steun" if not state.get("support_shown") else "steun_kort"
        if light:
            key = "steun_licht"
            state["steun_licht"] = True  # the summary closes with where to find support, as after "steun"
        else:
            state["support_shown"] = state.get("support_shown", 0) + 1
        state["deferred"] = None
        self._interrupt(Waiting.SUPPORT)
        return Result(state, [Message(key, "support")])

    def take_deferred(self) -> str | None:
        """The request that came with strain, now that the check-in is answered."""
        deferred, self.state["deferred"] = self.state["deferred"], None
        return deferred

    def request_stop(self) -> Result:
        self._interrupt(Waiting.CONFIRM_STOP)
        return Result(self.state, [Message("stoppen_bevestigen", "confirm")])

    def request_delete(self) -> Result:
        if self.finished:
            self.state["back_to"] = self.state["waiting"]  # back to the summary or the stop
            self.state["waiting"] = Waiting.CONFIRM_DELETE.value
        else:
            self._interrupt(Waiting.CONFIRM_DELETE)
        return Result(self.state, [Message("verwijderen_bevestigen", "confirm")])

    def confirm_delete(self, delete: bool) -> Result:
        """Confirmed: the reflection ends and the store deletes the conversation (kind verwijderd)."""
        if delete:
            self.state["stopped"] = self.state["deleted"] = True
            self._wait(Waiting.FINISHED)
            return Result(self.state, [Message("verwijderd", DELETED)])
        self._return()
        return Result(self.state, [Message("niet_verwijderd", "info")])

    def confirm_stop(self, stop: bool) -> Result:
        """Stopped: the conversation ends, the reflection stays and can be resumed."""
        if stop:
            self.state["stopped"] = True
            question = self.state["back_to"]
            self.state["waiting"] = Waiting.STOPPED.value
            self.state["back_to"] = question
            return Result(self.state, [Message("gestopt", "stopped")])
        self._return()
        return Result(self.state, [Message("niet_gestopt", "info")])
