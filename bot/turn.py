"""One user message, one judgement, one dispatch: the whole turn in plain Python.

``take_turn`` judges the message once (``bot.interpret.judge``) and carries out exactly
what was judged on the conversation state (``bot.engine.Reflection``), ending with
whatever the bot waits for next: a question, a confirmation, the summary. Rasa's rules
only route every message to the one action that calls this (``actions/turn.py``), so no
rule can act on a different intent than the one judged here.

Order of care in every turn (docs/judgement.md):
1. explicit danger: the support message with 113 and 112, whatever else was asked
   (an answer in the same message is kept first);
2. strain: a short check-in that names what was said, before anything else the message
   asked for (an answer is kept first; a request waits until the user says to go on);
3. the message itself: an answer, a choice, a confirmation of the latest question, or a
   request from the registry in ``bot/requests.py``.

The conversation state lives in one slot. Outside a reflection it is a small dict with
``flow: None`` (a pending deletion, the count of support messages shown).

Why one module of this length: a turn is one dispatch over every kind of judgement, in
the order stepped care asks (danger, then strain, then the rest); the cases share the turn's
outgoing messages and the lobby outside a reflection, and read best in one place.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from typing import Any

from bot.contract import flow_buttons, metadata, render
from bot.engine import DELETED, OPENED_OFFER, QUESTIONS, Message, Reflection, State, Waiting
from bot.heard import refers_back
from bot.interpret import (
    CHECKIN_REPLY_MAX_WORDS,
    FOR_THE_NEXT,
    IT_GOES,
    KEEP_EARLIER,
    NOT_REALLY,
    REMARK_LEAD_IN,
    REQUEST_MAX_WORDS,
    Judgement,
    Parsed,
    choice_reason,
    choices_in_a_correction,
    corrects_the_last,
    ends_going_on,
    judge,
    match_flow,
)
from bot.model import Content
from bot.phrases import case_words, find_phrase, normalise, tells_something
from bot.requests import CONTROLS, NAVIGATION_INTENTS, REQUESTS, SMALL_TALK, TEAM_REQUESTS
from bot.settings import retention_days
from bot.signals import (
    DANGER,
    NEGATED_SELF,
    STRAIN,
    Signals,
    about_the_case,
    another_job,
    clauses,
    leaving,
    model_grave,
)
from bot.summary import build_summary
from bot.team import TeamContext
from bot.teamturn import TeamTurn

# A message outside a reflection this long is a story told (kept as the first answer);
# shorter ones ("samenvatting", "ok") get the welcome.
STORY_MIN_WORDS = 4
# Telling that one sought support, after the support message or in the pause after it.
SOUGHT_SUPPORT = re.compile(
    r"\b(?:gebeld|gesproken|geappt|gechat|gemaild|bellen|spreken|praten)\b.*\b(?:collega|leidinggevende|teamleider"
    r"|huisarts|vriend|vriendin|partner|man|vrouw|moeder|vader|zus|broer|vertrouwenspersoon|113|112)\b"
    r"|\b(?:collega|leidinggevende|teamleider|huisarts|vriend|vriendin|partner|vertrouwenspersoon|113)\b.*"
    r"\b(?:gebeld|gesproken|geappt|gechat|gemaild)\b"
)
# ... unless it names the case: "ik heb met de moeder van de inwoner gesproken" is an answer.
THE_CASE_NAMED = re.compile(
    r"\b(?:inwoner|inwoonster|klant|cliënt|client|meneer|mevrouw|gezin|klantmanager|consulent|wijkcoach|w&i|wijkteam)"
)
# ... but not a question to the bot about what it made: "kan ik alleen het intervisieblad krijgen?".
ASKS_THE_BOT = re.compile(
    r"(?:^|[.!?,]\s*)(?:(?:oké?|oke|ok|top|super|mooi|fijn|dank\w*|en|maar)[\s,!.]+)*"
    r"(?:kan ik|kun ik|kan je|kun je|kunt u|mag ik|hoe kan ik|hoe krijg ik|hoe sla ik|hoe download|waar vind ik"
    r"|waar kan ik|waar staat|waar is|krijg ik|wil je|zou je|stuur|mail|ik zie geen)\b"
)
# ... or asks in any words how to take the summary along: "hoe download ik hem dan? ik zie geen knop"
TAKE_ALONG = re.compile(r"\b(?:mail\w*|download\w*|opslaan|printen|knop|bestand|word|pdf|intervisieblad)\b")

# After the support message only these requests move on; anything else gets a word of patience.
SUPPORT_WAIT_REQUESTS = frozenset({"resume", "pause", "quit", "new_conversation", "delete_conversation", "distress"})

# The chat page's controls that belong to an open question (help, skip, back, pause): after the
# summary they get a word that no question is open, not the welcome again.
AT_A_QUESTION = frozenset(r.intent for r in CONTROLS)

# A message with strain is kept as an answer when it says this many words besides the
# strain itself: a case sentence with strain in it is an answer, "ik ben echt op, ik kan
# niet meer" is said to the bot about oneself.
STRAIN_ANSWER_MIN_WORDS = 6
# A check-in that names one word ("Je schreef ‘slecht’") quotes the short clause it stands in
# instead: "Je schreef ‘Er wordt slecht geslapen de laatste weken’".
QUOTED_CLAUSE_MAX_WORDS = 8
# ... or when a sentence of its own, apart from the strain, holds a case word this long
# ("frustratie. en ik slaap er slecht van"; "pff." and "nou." say nothing).
SENTENCE_ANSWER_MIN_LETTERS = 4
# ... and this many of them can say something about a case (bot.phrases.case_words), not counting
# words of the moment the writer is in (HERE_AND_NOW), the writer's own people (after OWN) and
# words of strain: "sorry dat het zo lang duurt, ... de kinderen slapen en ik zit hier te janken"
# tells no case.
CASE_MIN_WORDS = 2
HERE_AND_NOW = frozenset(
    "sorry sorrie excuus excuses duurt lang laat eerlijk gezegd typen typ tik vanavond vannacht avond nacht "
    "hier zit zitten lig thuis beneden bank bed slapen slaapt liggen ligt kinderen kids "
    # ... and the day at the desk: "ik zit hier te huilen achter mijn bureau", "ik ga elke dag met
    # buikpijn naar mijn werk" (testers: kept as the answer to "Wat voelde je op dat moment?")
    "vandaag achter bureau werkplek scherm laptop elke dag dagen ochtend middag hele al".split()
)
OWN = frozenset("mijn m'n mn onze ons".split())
OWN_PEOPLE = frozenset("man vrouw partner vriend vriendin dochter zoon gezin moeder vader werk".split())
# A reply to the check-in that says it goes and then tells more in this many words answers the
# question still open with those words: "gaat wel hoor, ik was vooral boos op hoe lang het duurde".
CHECKIN_REST_MIN_WORDS = 5
# A request in a message with strain waits for the check-in when the NLU finds it this likely,
# even in a longer message: "kun je uitleggen wat je bedoelt, ik slaap al weken slecht".
STRAIN_REQUEST_MIN_CONFIDENCE = 0.4
# A reply to the check-in that names strain in at most this many words ("moe", "echt kapot") gets
# support in proportion; "ik trek het echt niet meer" gets the whole message.
STRAIN_REPLY_MAX_WORDS = 3
# ... or, under distress on top, this likely in the NLU's ranking.
STRAIN_REQUEST_RANKED = 0.1

# In the state of a finished or stopped reflection: a check-in was asked after it ended.
CHECKIN_AFTER = "checkin_na_afloop"
# The writer told they go to other work (a new job, another gemeente): "ik ben er straks niet meer"
# is then asked about, not danger at once (bot/signals.py). And: the check-in asked just that.
OTHER_WORK = "ander_werk"
ASKED_OTHER_WORK = "ander_werk_gevraagd"
# A reply to "Bedoel je dat je naar ander werk gaat?" that says so: "ik had toch gezegd dat ik vertrek?"
SAYS_OTHER_WORK = re.compile(
    r"\b(?:vertrek\w*|wegga\w*|baan|ander(?:e)? (?:werk|plek)|nieuw(?:e)? (?:werk|plek)|werk\w*)\b", re.IGNORECASE
)

# The first words of a question a yes cannot answer ("Wie ...?", "Wat ...?").
W_WORDS = frozenset("wie wat welke welk hoe hoeveel wanneer waar waarom waaraan waardoor waarmee waarover".split())
# ... and the words that ask for them after a yes/no question ("... betrokken? Noem die bij de rol.").
ASKING_WORDS = frozenset({"noem", "beschrijf", "vertel", "geef"})
# A reply to the check-in saying it misread the message: the bot says so, not "Dank je dat je het
# laat weten" (a tester was told to take care after explaining she had meant the process).
MISREAD = re.compile(
    r"\b(?:bedoelde? ik (?:het |dat )?niet(?: zo)?|zo bedoelde? ik (?:het|dat) niet|niet zo bedoeld"
    r"|verkeerd (?:begrepen|gelezen|opgevat)|(?:dat|het) ging niet over mij(?:zelf)?|niet over mij(?:zelf)? bedoeld)\b"
)
# A yes in a word or two: "ja", "ja hoor", "jazeker", "zeker".
# A remark about the talk itself (content/signalen.yml, over_het_gesprek) with at most this many
# words besides it is no answer: "hoi ik ben er weer, beetje bijgekomen" (not "ik ben er weer, de
# klantmanager en ik").
REMARK_MORE_WORDS = 2
# ... nor is a remark about the talk with what interrupted it, in at most this many words besides:
# "Zo, ik ben er weer. Er kwam een collega binnen." was kept at "Wie waren erbij betrokken?".
INTERRUPTION_MAX_WORDS = 12
YES_WORDS = frozenset({"ja", "jaa", "jazeker", "zeker", "jawel", "yes", "jep", "jup"})
NO_WORDS = frozenset({"nee", "neen", "neuh", "nope", "no"})


@dataclass
class Outgoing:
    """A message to send, rendered, with the client contract's metadata at that moment."""

    text: str
    buttons: list[dict[str, str]]
    custom: dict[str, Any]
    kind: str
    key: str  # the entry of content/berichten.yml it was made from


@dataclass
class Turn:
    state: State | None  # what goes into the conversation slot
    welcomed: bool  # the privacy note was shown in this conversation
    messages: list[Outgoing] = field(default_factory=list)
    judgement: Judgement | None = None
    # The user confirmed deleting the conversation: the store removes every row of it
    # (the action sets the slot DELETION_SLOT, bot/contract.py).
    deleted: bool = False

    @property
    def kinds(self) -> list[str]:
        return [m.kind for m in self.messages]


def lobby_state(previous: State | None = None) -> State:
    """The state outside a reflection; what it keeps of ``previous``."""
    return {
        "flow": None,
        "waiting": None,
        "back_to": None,
        "support_shown": (previous or {}).get("support_shown", 0),
        "deferred": None,
        "teamsessies": _lasting_team((previous or {}).get("teamsessies")),
    }


def _lasting_team(sessions: dict[str, Any] | None) -> dict[str, Any]:
    """What of a conversation's team sessions outlasts a flow: the session it leads and its share."""
    return {key: (sessions or {}).get(key) for key in ("begeleid", "gedeeld") if (sessions or {}).get(key)}


def take_turn(
    content: Content, state: State | None, parsed: Parsed, welcomed: bool = False, team: TeamContext | None = None
) -> Turn:
    """Handle one user message on ``state``: judge it once and carry it out. ``team``: the
    store of team sessions (None: team sessions are not available here)."""
    return _Turn(content, state, parsed, welcomed, team).run()


class _Turn(TeamTurn):
    def __init__(
        self, content: Content, state: State | None, parsed: Parsed, welcomed: bool, team: TeamContext | None = None
    ) -> None:
        self.content = content
        self.team = team
        self.parsed = parsed
        self.text = parsed.text
        self.welcomed = welcomed
        self.out: list[Outgoing] = []
        self.deleted = False
        self.reflection: Reflection | None = None
        self.lobby: State = lobby_state()
        self.was_finished = False
        self.asked = False  # this turn's reply already holds the open question (or its buttons)
        self.signals = Signals.from_content(content)
        if isinstance(state, dict) and state.get("flow") in content.flows:
            self.reflection = Reflection(content, state)
            self.was_finished = self.reflection.waiting == Waiting.FINISHED
        elif isinstance(state, dict):
            self.lobby = {
                **lobby_state(state),
                **{k: state.get(k) for k in ("waiting", "back_to", "deferred")},
                "teamsessies": state.get("teamsessies") or {},
            }

    # ------------------------------------------------------------------ plumbing

    @property
    def active(self) -> Reflection | None:
        """The reflection, when one is in progress: not finished, not stopped (nor about to be deleted after that)."""
        r = self.reflection
        if r is None or r.current() is None or r.waiting == Waiting.FINISHED:
            return None
        if Waiting.STOPPED.value in (r.state["waiting"], r.state.get("back_to")):
            return None
        return r

    @property
    def waiting(self) -> Waiting | None:
        if self.reflection is not None:
            if self.reflection.state.get(CHECKIN_AFTER) and self.active is None:
                return Waiting.CHECKIN  # asked after the reflection ended: its reply is judged as one
            return self.reflection.waiting
        return Waiting(self.lobby["waiting"]) if self.lobby.get("waiting") else None

    def say(self, *messages: Message, bare: bool = False) -> None:
        """Send ``messages`` with the metadata of the conversation as it is now."""
        reflection = None if bare else self.reflection
        for message in messages:
            rendered = render(self.content, message)
            self.out.append(
                Outgoing(
                    rendered["text"],
                    rendered["buttons"],
                    metadata(reflection, message.kind, message.summary),
                    message.kind,
                    message.key,
                )
            )

    def result(self, judgement: Judgement) -> Turn:
        if self.reflection is not None:
            state: State | None = self.reflection.state
        else:
            state = self.lobby
        return Turn(copy.deepcopy(state), self.welcomed, self.out, judgement, deleted=self.deleted)

    def _job_told(self) -> bool:
        """Whether the writer told earlier in this reflection that they go to other work: in an
        answer, or in a message said besides (a reply to a check-in is no answer)."""
        if self.reflection is None:
            return False
        state = self.reflection.state
        if state.get(OTHER_WORK):
            return True
        answers = state.get("answers") or {}
        return any(another_job(a.get("answer") or "", self.signals) for a in answers.values() if isinstance(a, dict))

    def _asks_for_question(self) -> bool:
        """Whether the open question wants a question as its answer (it says how one begins)."""
        step = self.active.current() if self.active is not None else None
        clarification = step.question.verduidelijking if step else None
        return bool(clarification and clarification.begint_met)

    # ------------------------------------------------------------------ the turn

    def run(self) -> Turn:
        judgement = judge(self.parsed, self.waiting, self.signals, self._asks_for_question(), self._job_told())
        if self.reflection is not None and another_job(self.text, self.signals):
            self.reflection.state[OTHER_WORK] = True
        if judgement.signal == DANGER:
            self.team_interrupted()
            self.danger(judgement)
        elif judgement.signal == STRAIN:
            self.team_interrupted()
            self.strain(judgement)
        else:
            self.dispatch(judgement)
        self.close()
        return self.result(judgement)

    def close(self) -> None:
        """End every turn with what the bot waits for now."""
        reflection = self.reflection
        if reflection is None:
            return
        if reflection.waiting in QUESTIONS and not self.asked:
            self.say(*reflection.ask().messages)
        elif (
            reflection.waiting == Waiting.FINISHED
            and not reflection.state.get("deleted")
            and not self.was_finished
            and not self.team_finished()  # a team flow: the code, or what to share
        ):
            self.summary()  # once, in the turn that finished the reflection

    def summary(self) -> None:
        summary = build_summary(self.content, self.reflection.state)
        chat_text = summary["text"].replace("\n\n", "\n").strip()
        self.say(
            Message(
                "samenvatting",
                "summary",
                {"samenvatting": chat_text},
                buttons=flow_buttons(self.content),
                summary=summary,
            )
        )

    # ------------------------------------------------------------------ stepped care

    def danger(self, judgement: Judgement) -> None:
        """Explicit danger: the full support message at once; an answer in it is kept first."""
        active = self.active
        # more than the danger itself: a case answer too
        said = judgement.signal_words
        told_more = (
            self.parsed.words > REQUEST_MAX_WORDS and self._tells_a_case_besides(said, 0)
        ) or self._answers_in_a_sentence_of_its_own(said)  # "ik ben er straks niet meer. de teamleider dan"
        if active is not None and told_more and judgement.kind in ("answer", "unsure") and active.open_question():
            self.say(*active.answer(self.text, signal=True).messages)
        self.support()

    def support(self) -> None:
        if self.active is not None:
            self.say(*self.active.support().messages)
            return
        # Outside a reflection (none, finished or stopped): the message, and nothing else changes,
        # but a pending deletion: a yes after this must not answer a question asked before it.
        if self.waiting == Waiting.CONFIRM_DELETE:
            self._cancel_delete()
        source = self.reflection.state if self.reflection is not None else self.lobby
        key = "steun" if not source.get("support_shown") else "steun_kort"
        source["support_shown"] = source.get("support_shown", 0) + 1
        if self.reflection is None:
            self.lobby["waiting"] = None
        else:
            self.reflection.state[CHECKIN_AFTER] = False
        self.say(Message(key, "support"), bare=self.reflection is None)

    def strain(self, judgement: Judgement) -> None:
        """Strain: a short check-in first. An answer is kept; a request waits for it."""
        waiting = self.waiting
        if waiting in (Waiting.CHECKIN, Waiting.SUPPORT) and ends_going_on(
            self.text, self.signals, reassured=waiting == Waiting.CHECKIN
        ):
            # "nee zo erg is het niet hoor, schrik niet. ik ben gewoon op. ga maar verder" got the
            # whole support message (a tester): said last, going on is what the writer asks.
            self.go_on_despite_strain()
            return
        if waiting == Waiting.CHECKIN and self.active is not None and self._in_a_few_words(most=STRAIN_REPLY_MAX_WORDS):
            self.say(*self.active.support(light=True).messages)  # "moe", "slecht", "kapot": in proportion
            return
        if waiting in (Waiting.CHECKIN, Waiting.SUPPORT):
            self.support()  # strain named again while we talk about how it goes: support
            return
        active = self.active
        said = judgement.signal_words
        if active is None:
            # Outside a reflection the check-in is asked too; its buttons work there as well
            # (/distress: support, /resume: back to a stopped reflection).
            if waiting == Waiting.CONFIRM_DELETE:
                self._cancel_delete()  # a yes later must answer the check-in, not the deletion
            if self.reflection is None:
                self.lobby["waiting"] = Waiting.CHECKIN.value
            else:
                self.reflection.state[CHECKIN_AFTER] = True
            self.say(
                Message(self._checkin_key(said), "checkin", {"woorden": quoted(self.text, said)}),
                bare=self.reflection is None,
            )
            return
        after_answer = False
        deferred = None
        told_more = self._tells_a_case_besides(said, STRAIN_ANSWER_MIN_WORDS)
        asked = self._request_in_it(judgement)
        if asked:
            deferred = asked  # "kun je uitleggen wat je bedoelt, ik slaap slecht": help after the check-in
            if (
                asked in ("pause", "quit")
                and told_more
                and self._tells_a_case_besides_the_request(said, asked)
                and active.open_question() in QUESTIONS
            ):
                # "ik heb het gesprek uitgesteld. ik slaap er slecht van, kunnen we even pauzeren":
                # the answer is kept before the pause; a skip, help or going back asks for none.
                self.say(*active.answer(self.text, signal=True).messages)
                after_answer = True
        elif judgement.kind in ("answer", "unsure") and told_more and active.open_question() in QUESTIONS:
            self.say(*active.answer(self.text, signal=True).messages)
            after_answer = True
        elif judgement.kind == "choice":
            self.say(*active.choose(judgement.choices, self._choice_reason()).messages)
        elif judgement.kind == "confirm" and waiting == Waiting.CONFIRM_STOP and judgement.yes:
            deferred = "quit"
        if active.waiting == Waiting.FINISHED:
            return  # the last answer: the summary follows; the check-in text would be out of place
        checkin = active.checkin(quoted(self.text, said), deferred, after_answer)
        key = self._checkin_key(said)
        if active.state["checkins"] > 1 and key in AGAIN:
            # Not the same words a second time (a tester got them five times in one conversation,
            # however the strain built up): said again, and who else can help when it lasts.
            key = AGAIN[key]
        active.state[ASKED_OTHER_WORK] = key == "checkin_vertrek"
        messages = _rekey(checkin.messages, key)
        if deferred == "pause":
            # "kunnen we even pauzeren, ik ben zo moe ...": its yes pauses, so it says so (it read
            # "Het gaat, ga verder", and then the bot paused).
            for message in messages:
                if message.kind == "checkin":
                    shown = render(self.content, message)["buttons"]
                    pause = {"title": self.content.text("knop_pause"), "payload": "/resume"}
                    message.buttons, message.own_buttons = [*shown[:1], pause], True
        self.say(*messages)

    def go_on_despite_strain(self) -> None:
        """On with the reflection (or out of the check-in outside one), saying the strain was heard."""
        message = Message("checkin_verder_zwaar", "info")
        active = self.active
        if active is not None:
            after_support = self.waiting == Waiting.SUPPORT
            deferred = active.take_deferred()
            resumed = active.resume().messages  # after the support message: "hervat_na_steun"
            self.say(resumed[0] if after_support else message, *resumed[1:])
            if deferred:
                self.request(deferred)
            return
        if self.reflection is None:
            self.lobby["waiting"] = None
        else:
            self.reflection.state[CHECKIN_AFTER] = False
        self.say(message, bare=self.reflection is None)

    def _checkin_key(self, said: str) -> str:
        """The check-in's text: naming what was said, or in general words when only the signal
        model heard it; with 113 and 112 when the signal model is near certain and leans to
        danger ("ik heb mijn zaken al geregeld, ik zie het niet meer zitten") (bot/signals.py), or
        when the words are danger softened to the check-in (a figure of speech); asking whether
        other work is meant for leaving ("ik ben er straks niet meer" from someone changing jobs)."""
        if said and leaving(said, self.signals):
            return "checkin_vertrek"  # "Bedoel je dat je naar ander werk gaat?", with 113
        grave = model_grave(self.parsed) or bool(said and find_phrase(said, self.signals.gevaar))
        key = "checkin_ernstig" if grave else "checkin"
        return key if said else f"{key}_algemeen"

    def _tells_a_case_besides(self, said: str, min_words: int) -> bool:
        """Whether the message says at least ``min_words`` words besides the signal ``said``, and
        among them CASE_MIN_WORDS about a case: "de klant wil geen hulp en ik ben op" is an answer
        too, "ik weet het niet meer, ik ben zo moe" is not."""
        words = [w for w in normalise(self.parsed.text).split() if w != "."]
        signal: set[int] = set()
        for word in normalise(said).split():
            index = next((i for i, w in enumerate(words) if w == word and i not in signal), None)
            if index is not None:
                signal.add(index)
        besides = len(words) - len(signal)
        if besides >= min_words and self._case_words_beside_strain(words, signal) >= CASE_MIN_WORDS:
            return True
        return min_words > 0 and self._answers_in_a_sentence_of_its_own(said)

    def _tells_a_case_besides_the_request(self, said: str, asked: str) -> bool:
        """Whether a clause of the message that neither asks ``asked`` nor names the strain ``said``
        tells the case: "ik heb het gesprek uitgesteld. ik slaap er slecht van, kunnen we even
        pauzeren" does; "kunnen we even pauzeren, ik ben zo moe dat ik niet meer helder denk" does
        not, and was kept as the answer to "Wie waren erbij betrokken?" (a tester)."""
        asking = self.signals.verzoeken.get(asked, ())
        signal = normalise(said).removesuffix(" .").strip()
        rest = [
            clause
            for clause in clauses(self.text)
            if not find_phrase(clause, asking) and not (signal and signal in normalise(clause))
        ]
        words = [w for w in normalise(" ".join(rest)).split() if w != "."]
        return self._case_words_beside_strain(words, set()) >= CASE_MIN_WORDS

    def _case_words_beside_strain(self, words: list[str], signal: set[int]) -> int:
        """How many of ``words`` (not at the places of the ``signal``) say something about a case,
        not about the writer now, counted up to CASE_MIN_WORDS: "sorry dat het zo lang duurt ... de
        kinderen slapen en ik zit hier te janken" tells the night it is written in (HERE_AND_NOW),
        the writer's own people ("mijn man", not "mijn klant") and more strain ("janken"), none of it
        an answer to "Wat was jouw taak of rol?"."""
        signals = self.signals
        strain_words = (*signals.gevaar_woorden, *signals.spanning_woorden)
        count = 0
        for i, word in enumerate(words):
            if i in signal or word in HERE_AND_NOW or (word in OWN_PEOPLE and i > 0 and words[i - 1] in OWN):
                continue
            if case_words(word) and not find_phrase(word, strain_words):
                count += 1
                if count >= CASE_MIN_WORDS:
                    break
        return count

    def _answers_in_a_sentence_of_its_own(self, said: str) -> bool:
        """Whether a sentence of the message without the signal ``said`` says a word about the case:
        "frustratie. en ik slaap er slecht van" answers "Wat voelde je?" before it tells the strain;
        "sorry. ik ben zo moe" does not. A sentence ends at . ! ? ; or a new line, not at a comma
        ("ik weet het niet meer, ik ben zo moe" is one breath)."""
        signal = normalise(said).removesuffix(" .").strip()
        if not signal:
            return False
        sentences = [normalise(part) for part in re.split(r"[.!?;\n]+", self.parsed.text) if part.strip()]
        if len(sentences) < 2 or not any(signal in sentence for sentence in sentences):
            return False
        signals = self.signals
        strain_words = (*signals.gevaar, *signals.gevaar_woorden, *signals.spanning, *signals.spanning_woorden)
        return any(
            signal not in sentence
            and any(len(w) >= SENTENCE_ANSWER_MIN_LETTERS and w not in HERE_AND_NOW for w in case_words(sentence))
            and not find_phrase(sentence, strain_words)  # "ik ben op. ik huil elke avond": strain twice
            for sentence in sentences
        )

    def _request_in_it(self, judgement: Judgement) -> str | None:
        """The request a message with strain makes besides it, if any."""
        if judgement.kind == "request":
            return judgement.intent if judgement.intent not in ("distress", "resume") else None
        # The NLU may put distress on top of "deze sla ik over, ik trek het niet meer": the request
        # is then in its words (content/signalen.yml), or next in the NLU's ranking.
        named = self.signals.requests_in(self.text)
        if named:
            return named[0]
        if find_phrase(self.text, self.signals.voortgang):
            return "progress"  # "hoeveel vragen nog? ik ben kapot": the count after the check-in
        likely = [(self.parsed.likelihood(i), i) for i in NAVIGATION_INTENTS]
        score, intent = max(likely)
        threshold = STRAIN_REQUEST_MIN_CONFIDENCE if intent == self.parsed.intent else STRAIN_REQUEST_RANKED
        return intent if score >= threshold else None

    # ------------------------------------------------------------------ dispatch

    def dispatch(self, judgement: Judgement) -> None:
        if self.active is not None:
            self.in_reflection(judgement)
            self.team_code_in_a_reflection(judgement)
        elif not self.team_turn(judgement):
            self.outside(judgement)
        elif self.waiting == Waiting.CONFIRM_DELETE:
            # A team request answers no pending "verwijderen?": a later "verwijder" must ask again
            # (found by tests/test_turn_properties.py).
            self._cancel_delete()

    def in_reflection(self, judgement: Judgement) -> None:
        reflection = self.active
        waiting = reflection.waiting
        kind = judgement.kind
        if waiting == Waiting.CHECKIN and self._says_other_work_was_meant():
            reflection.take_deferred()
            reflection.resume()
            self.say(Message(self._thanks_for_the_checkin(), "info"))
            return
        if (
            waiting == Waiting.SUPPORT
            and kind in ("answer", "unsure")
            and ends_going_on(self.text, self.signals, reassured=False)
        ):
            # "ik ga gewoon naar een andere baan hoor. verder": a tester had to type "verder" alone.
            self.say(*reflection.resume().messages)
            return
        after_support = waiting == Waiting.SUPPORT or (
            waiting == Waiting.PAUSED and (reflection.state.get("support_shown") or reflection.state.get("steun_licht"))
        )
        sought = SOUGHT_SUPPORT.search(self.text.lower()) and not THE_CASE_NAMED.search(self.text.lower())
        if after_support and kind == "answer" and sought:
            # "ik heb mijn collega gebeld" after the support message is no answer to the open
            # question (a tester's was kept as the leervraag): heard, and the choice again.
            self.say(Message("steun_gezocht", "support"))
            return
        if waiting == Waiting.SUPPORT and not self._goes_on_after_support(judgement):
            # After the support message nothing moves on by itself: "weet niet" is no answer here.
            self.say(Message("steun_wacht", "support"))
            return
        if self._after_going_back(waiting, judgement):
            return
        if kind == "answer" and self._said_already_at_a_follow_up(reflection, waiting):
            # "dat heb ik net al gezegd" to a follow-up was kept as its answer (a tester): it was
            # optional, and what was said stands where it was said.
            self.say(Message("al_gezegd_verder", "info"), *reflection.skip().messages)
            return
        kept = reflection.said_already(self.text) if kind == "answer" and not self.parsed.is_payload else ""
        if kept:
            # "ja" to "Je noemde al een moment: ‘voor de kerst’. Is dat ...?", or "ik. zei ik toch":
            # what the step said, or what the reply adds, not the reply (bot/heard.py).
            self.say(*reflection.answer(kept, settled=True).messages)
            return
        # ... but a yes to "Bijvoorbeeld: 'Hoe kan ik ...?' Past dat?" takes that leervraag (bot/engine.py).
        step = reflection.current()
        offered = (reflection.state["answers"].get(step.id) or {}).get(OPENED_OFFER) if step else None
        if kind == "answer" and waiting == Waiting.CLARIFY and self._only_a_yes() and not offered:
            # "ja" to "kun je daar iets meer over vertellen?" says more is coming: wait for it.
            self.say(Message("vertel_maar", "info"))
            return
        if (
            kind == "answer"
            and waiting == Waiting.ANSWER
            and (self._only_a_yes() or (self._only_a_no() and not self._clarifies_itself()))
            and self._asks_for_words()
            and not reflection.would_deepen(self.text)
        ):
            # "ja" to "Wie waren erbij betrokken?" (often to the message before it) answers nothing;
            # nor does "nee" to "Waaraan merk je dat het gelukt is?" (a summary said "Teken dat het
            # gelukt is: nee"), unless the question asks on about it itself ("Wie is in de lead?").
            self.say(Message("vraag_vraagt_woorden", "info"))
            return
        if kind == "answer" and waiting == Waiting.PAUSED and self._only_an_acknowledgement():
            self.say(*reflection.resume().messages)  # "zo, ik ben er weer. er kwam een collega binnen."
            return
        if kind == "answer" and waiting in QUESTIONS and self._only_an_acknowledgement():
            if reflection.state.get("vervolg"):
                self.say(*reflection.skip().messages)  # "ok" at a follow-up: it was optional, go on
                return
            clarifying = waiting == Waiting.CLARIFY  # its button is "Laat zo", not "Overslaan"
            self.say(Message("aanvulling_staat_open" if clarifying else "vraag_staat_open", "info"))
            return
        corrected = corrects_the_last(self.text) if kind == "answer" and waiting == Waiting.ANSWER else None
        result = None
        if corrected:
            result = reflection.correct_choice(choices_in_a_correction(corrected, self.signals))
        if corrected is not None and result is None:
            result = reflection.correct_previous(corrected)
        if result is not None:
            self.say(*result.messages)  # "nee wacht, de kern is eigenlijk ...": the answer before
            return
        if kind == "answer":
            if waiting == Waiting.CHECKIN:
                self.checkin_reply(judgement)
            else:
                self.answer_and_any_shortcut(reflection)
        elif kind == "choice":
            self.say(*reflection.choose(judgement.choices, self._choice_reason()).messages)
        elif kind == "unsure":
            self.say(*reflection.doubt(self.text, judgement.intent or "").messages)
        elif kind == "confirm":
            self.confirm(judgement)
        elif kind == "unclear":
            self.say(Message("verwijderen_expliciet", "confirm"))
        elif kind == "request":
            self.request(judgement.intent or "")
        elif kind == "removed":
            reflection.cancel_confirmation()  # a yes later must not answer a question asked before this
            self.say(Message("alleen_gegevens", "info"))
        else:
            if waiting in (Waiting.CONFIRM_STOP, Waiting.CONFIRM_DELETE, Waiting.CHECKIN):
                self.say(Message("kies_knop", "fallback"))
                self.say(*self._repeat_confirmation())
                return
            if waiting == Waiting.CHOICE:
                # Not the whole proposal again at every other message: a short word with its buttons.
                choice = render(self.content, reflection.ask().messages[-1])
                self.say(Message("ongeldige_keuze", "fallback", buttons=choice["buttons"]))
                self.asked = True
                return
            self.say(Message("niet_begrepen", "fallback"))

    def _said_already_at_a_follow_up(self, reflection: Reflection, waiting: Waiting | None) -> bool:
        """Whether the message only says, at a follow-up, that it was answered before."""
        if self.parsed.is_payload or not (waiting == Waiting.CLARIFY or reflection.state.get("vervolg")):
            return False
        back, rest = refers_back(self.text)
        return back and len(rest.split()) <= 2

    def answer_and_any_shortcut(self, reflection: Reflection) -> None:
        """Keep the answer; when it ends asking to keep it short ("..., kunnen we het verder kort
        houden"), the offer of the shorter way instead of the next question (two testers: the
        request was kept in the answer and four vensters and the thema questions followed)."""
        result = reflection.answer(self.text)
        if "shortcut" in self.signals.requests_in(self.text) and reflection.open_question() == Waiting.ANSWER:
            offered = reflection.offer_shortcut()
            if reflection.waiting == Waiting.SHORTCUT:
                self.say(*(m for m in result.messages if m.kind != "question"), *offered.messages)
                return
        self.say(*result.messages)

    def _after_going_back(self, waiting: Waiting | None, judgement: Judgement) -> bool:
        """Back at a question answered before: "klopt nog" keeps the earlier answer (or choice); at
        "vervangen, erbij zetten, of de volgende vraag?" it lets the new text go, "dat was voor de
        volgende vraag" moves it there, and a short word that is none of the buttons asks again."""
        reflection = self.active
        if reflection is None or self.parsed.is_payload:
            return False
        text = normalise(self.text).replace(" .", "").strip()
        state = reflection.state
        step = reflection.current()
        earlier = (state["answers"].get(step.id) or {}) if step is not None else {}
        answered = bool(earlier.get("answer")) and not earlier.get("skipped")
        chose = waiting == Waiting.CHOICE and bool(state.get("bouwopgaven"))
        if waiting == Waiting.REPLACE:
            if KEEP_EARLIER.fullmatch(text):
                self.say(*reflection.keep_earlier().messages)
            elif FOR_THE_NEXT.search(text) and self.parsed.words <= REQUEST_MAX_WORDS:
                self.say(*reflection.move_replacement().messages)
            elif judgement.kind in ("answer", "unsure", "invalid") and not tells_something(self.text):
                self.say(Message("kies_knop", "fallback"))  # "huh": neither replaced nor added
            else:
                return False
            return True
        if ((waiting == Waiting.ANSWER and answered) or chose) and KEEP_EARLIER.fullmatch(text):
            self.say(*reflection.skip().messages)  # "Laat staan"
            return True
        return False

    def _goes_on_after_support(self, judgement: Judgement) -> bool:
        if judgement.kind == "request":
            return judgement.intent in SUPPORT_WAIT_REQUESTS
        long_case = self.parsed.words > REQUEST_MAX_WORDS and about_the_case(self.text, self.signals.casus)
        # ... but not telling what the writer did with the support message ("ik heb 113 gebeld").
        about_the_support = re.search(r"\b11[23]\b", self.text) is not None
        return judgement.kind == "answer" and long_case and not about_the_support  # clearly telling on about the case

    def _only_a_yes(self) -> bool:
        """ "ja", "ja hoor", "jazeker": a yes and nothing more."""
        words = normalise(self.text).replace(".", " ").split()
        return 0 < len(words) <= 2 and words[0] in YES_WORDS and all(w in YES_WORDS | {"hoor", "hoe"} for w in words)

    def _only_a_no(self) -> bool:
        """ "nee", "nee hoor": a no and nothing more."""
        words = normalise(self.text).replace(".", " ").split()
        return 0 < len(words) <= 2 and words[0] in NO_WORDS and all(w in NO_WORDS | {"hoor"} for w in words)

    def _clarifies_itself(self) -> bool:
        """Whether the open question takes a bare no itself: its follow-up for an answer that is not
        concrete lists "nee" ("Wie is daarbij in de lead?"), or it offers another verbeterstap."""
        step = self.reflection.current() if self.reflection is not None else None
        if step is not None and step.verbeterstap > 1 and step.part == "wat":
            return True  # "nee" to another verbeterstap: no step (bot/engine.py, NO_MORE_STEPS)
        clarification = step.question.verduidelijking if step else None
        return bool(clarification) and bool(set(clarification.vaag) & NO_WORDS)

    def _asks_for_words(self) -> bool:
        """Whether the open question is a wie/wat/hoe question, which a yes cannot answer."""
        step = self.reflection.current() if self.reflection is not None else None
        if step is None:
            return False
        asked, _, after = self.reflection.question_text(step).rpartition("?")
        last = re.split(r"[.:?!]\s*", asked)[-1].split()
        then = after.split()  # "Was er nog iemand anders bij betrokken? Noem die bij de rol."
        return (bool(last) and last[0].lower() in W_WORDS) or (bool(then) and then[0].lower() in ASKING_WORDS)

    def _not_really(self) -> bool:
        """ "niet echt", "eigenlijk niet": a no that does not say to what."""
        return bool(NOT_REALLY.fullmatch(normalise(self.text).replace(" .", "").strip()))

    def _ok_to_an_either_or(self) -> bool:
        """ "ok", "oké", "prima" typed at an offer of two ways: no yes to either."""
        return (
            not self.parsed.is_payload
            and bool(find_phrase(self.text, self.signals.erkenning))
            and (self.parsed.words <= 2 and not self._only_a_yes())
        )

    def _only_an_acknowledgement(self) -> bool:
        """ "ok", "oké", "prima": said to the bot, no answer to an open question; nor is a remark
        about the talk itself ("hoi ik ben er weer, beetje bijgekomen" was filed at "Hoe liep het
        af voor de inwoner?", "zei ik net toch" at a venster: a tester)."""
        if find_phrase(self.text, self.signals.erkenning) and self.parsed.words <= 3:
            return True
        text = REMARK_LEAD_IN.sub("", self.text)  # "Zo, ik ben er weer."
        remark = find_phrase(text, self.signals.over_het_gesprek)
        if not remark:
            return False
        rest = normalise(text).replace(normalise(remark).removesuffix(" ."), " ", 1)
        words = [w for w in rest.split() if w != "."]
        if len(words) <= REMARK_MORE_WORDS:
            return True
        return len(words) <= INTERRUPTION_MAX_WORDS and find_phrase(rest, self.signals.onderbreking) is not None

    def _repeat_confirmation(self) -> list[Message]:
        waiting = self.reflection.waiting
        if waiting == Waiting.CONFIRM_STOP:
            return [Message("stoppen_bevestigen", "confirm")]
        if waiting == Waiting.CONFIRM_DELETE:
            return [Message("verwijderen_bevestigen", "confirm")]
        return [Message("checkin_algemeen", "checkin")]

    def confirm(self, judgement: Judgement) -> None:
        reflection = self.reflection
        waiting = reflection.waiting
        if waiting == Waiting.CONFIRM_STOP:
            result = reflection.confirm_stop(judgement.yes)
            if judgement.yes:
                for message in result.messages:
                    message.values["dagen"] = retention_days()
                self.say(*_with_buttons(result.messages, self.stopped_buttons()))
            else:
                self.say(*result.messages)
        elif waiting == Waiting.CONFIRM_DELETE:
            self.confirm_delete(judgement.yes)
        elif waiting == Waiting.UNSURE and not judgement.yes and not self.parsed.is_payload and self._not_really():
            # "niet echt" to "Wil je dit als antwoord bewaren, of bedoel je uitleg?" says no to which
            # one? A tester meant the second, got the explanation and lost the answer: the buttons.
            self.say(Message("kies_knop", "fallback"), *reflection.ask().messages)
            self.asked = True
        elif waiting == Waiting.UNSURE:
            intent = (reflection.state.get("twijfel") or {}).get("intent")
            self.say(*reflection.resolve_doubt(judgement.yes).messages)
            if not judgement.yes and intent in REQUESTS:
                self.request(intent)  # "nee": not an answer, so the request it looked like
        elif waiting == Waiting.REPLACE:
            self.say(*reflection.resolve_replacement(judgement.yes).messages)
        elif waiting == Waiting.MORE:
            self.say(*reflection.more(judgement.yes).messages)
        elif waiting in (Waiting.SHORTCUT, Waiting.DEEPER) and self._ok_to_an_either_or():
            # "ok" to "Wil je nog dieper ingaan ...? Anders gaan we naar de verbeterstappen." says
            # neither (a tester meant "go on" and got four more questions): which one, with its buttons.
            offer = render(self.content, reflection.ask().messages[-1])
            self.say(Message("welke_van_twee", "fallback", buttons=offer["buttons"]))
            self.asked = True
        elif waiting == Waiting.SHORTCUT:
            self.say(*reflection.shortcut(judgement.yes).messages)
        elif waiting == Waiting.DEEPER:
            self.say(*reflection.deeper(judgement.yes).messages)
        elif waiting == Waiting.CHECKIN:
            if judgement.yes and self._only_a_bare_yes() and not reflection.state.get(ASKED_OTHER_WORK):
                # "ja" to "Hoe is het nu met je? We kunnen ook even stoppen": going on, or stopping?
                # Asked, with the buttons (a tester's "ja" was taken as "it goes").
                self.say(Message("checkin_ja", "fallback"))
                self.say(*self._repeat_confirmation())
            elif judgement.yes:
                deferred = reflection.take_deferred()
                reflection.resume()
                reassures = find_phrase(self.text, (*self.content.signalen.get("geruststelling", ()), *IT_GOES))
                rest = self._after_the_reassurance(reassures) if reassures else ""
                if deferred != "pause" or rest:  # the pause says it all: "Prima, we pauzeren."
                    self.say(Message(self._thanks_for_the_checkin(), "info"))
                if rest and reflection.open_question() == Waiting.ANSWER:
                    # "gaat wel hoor, ik was vooral boos op hoe lang het duurde" (session 27)
                    self.say(*reflection.answer(rest).messages)
                    return
                if deferred == "skip":
                    # "kunnen we dit overslaan, ik ben echt op": said, not done silently (a tester)
                    self.say(Message("overgeslagen_na_checkin", "info"))
                if deferred:
                    self.request(deferred)
            elif self._in_a_few_words(most=2 * CHECKIN_REPLY_MAX_WORDS):
                # "moe", "slecht", "eerlijk gezegd niet zo goed. maar ik wil dit wel afmaken": in proportion
                self.say(*reflection.support(light=True).messages)
            else:
                self.support()

    def _in_a_few_words(self, most: int = CHECKIN_REPLY_MAX_WORDS) -> bool:
        """A typed reply to the check-in of a few words that it does not go well ("moe", "slecht",
        "kapot"), not its button "Het is me nu te veel" in words: support in proportion."""
        text = normalise(self.text)
        return not self.parsed.is_payload and self.parsed.words <= most and not re.search(r"\bte ?veel\b", text)

    def _choice_reason(self) -> str:
        return "" if self.parsed.is_payload else choice_reason(self.text)

    def _only_a_bare_yes(self) -> bool:
        return normalise(self.text).strip(" .!") in ("ja", "jaa", "jah", "ja ja")

    def _says_other_work_was_meant(self) -> bool:
        """At "Bedoel je dat je naar ander werk gaat?": "ik had toch gezegd dat ik vertrek?", "ja
        nieuwe baan" (not "het gaat niet om werk")."""
        return (
            bool(self.reflection.state.get(ASKED_OTHER_WORK))
            and not self.parsed.is_payload
            and SAYS_OTHER_WORK.search(self.text) is not None
            and not re.search(r"\b(?:niet|geen|nie)\b", self.text.lower())
        )

    def _thanks_for_the_checkin(self, reply_says_other_work: bool = True) -> str:
        """After a check-in that asked whether other work was meant, a yes (or a reply that names
        the work) is heard as that: "Helder, je bedoelde je nieuwe werk." (a tester's "ik had toch
        gezegd dat ik vertrek?" got "Dank je dat je het laat weten ...")."""
        state = self.reflection.state
        if state.pop(ASKED_OTHER_WORK, False) and reply_says_other_work:
            state[OTHER_WORK] = True
            return "checkin_ander_werk"
        if MISREAD.search(self.text.lower()):
            return "checkin_misverstand"  # "haha nee dat bedoelde ik niet zo, ... met mij gaat het prima"
        # The whole thanks once; after that a short word (a tester read the same lines four times).
        return "checkin_dank" if state.get("checkins", 0) <= 1 else "checkin_dank_kort"

    def checkin_reply(self, judgement: Judgement) -> None:
        """A message of one's own at the check-in: a case sentence joins the answer before it."""
        reflection = self.reflection
        # "nee het gaat prima met mij hoor, meneer was in paniek niet ik" answers how it goes,
        # though it names the case: it is no addition to the answer before.
        reassures = find_phrase(self.text, (*self.content.signalen.get("geruststelling", ()), *IT_GOES))
        goes_on = ends_going_on(self.text, self.signals, reassured=False)  # "..., ga maar verder"
        tells_the_case = not (reassures or goes_on) and self._tells_a_case_besides("", STRAIN_ANSWER_MIN_WORDS)
        # Asked right after an answer, the next question was not shown yet: what the reply tells
        # joins that answer ("huh? ik bedoelde mijn caseload. ik voelde me schuldig" was filed at
        # "Wat dacht en voelde je?", which the tester never saw).
        if (
            reflection.state.get("hold")
            and not reassures
            and (tells_the_case or about_the_case(self.text, self.content.signalen.get("casus", ())))
        ):
            self.say(*reflection.add_to_last_answer(self.text).messages)
            return
        deferred = reflection.take_deferred()
        reflection.resume()
        # "Hoe is het nu met je?" answered with the case ("niet meer op elkaar wachten, samen een
        # plan maken", "de klant was gewoon lastig"): it goes on, and those words answer the
        # question still open; never dropped (a short one was, with the skip asked before it).
        case = tells_the_case or (
            not (reassures or goes_on) and about_the_case(self.text, self.content.signalen.get("casus", ()))
        )
        # "gaat wel hoor, ik was vooral boos op hoe lang het duurde": what follows the reassurance
        # answers the open question (it was dropped, and the question came again; session 27);
        # not "..., meneer was in paniek niet ik", which says whose the strain was.
        rest = self._after_the_reassurance(reassures) if reassures and not goes_on else ""
        if deferred != "pause" or case or rest:  # the pause says it all: "Prima, we pauzeren."
            self.say(Message(self._thanks_for_the_checkin(reply_says_other_work=False), "info"))
        if case and reflection.open_question() in QUESTIONS:
            self.say(*reflection.answer(self.text).messages)
            return
        if rest and reflection.open_question() == Waiting.ANSWER:
            self.say(*reflection.answer(rest).messages)
            return
        # "valt wel mee" typed instead of the button: what the message with the strain asked for
        # is done, as after the button (it was dropped).
        if deferred == "skip":
            self.say(Message("overgeslagen_na_checkin", "info"))
        if deferred:
            self.request(deferred)

    def _after_the_reassurance(self, reassurance: str) -> str:
        """The clauses of the message after the one that reassures, when they tell enough to be an
        answer and do not say the strain was someone else's; "" otherwise."""
        # the user's own words after that clause, with their commas and full stops kept
        ends = [found.end() for found in re.finditer(r"[.,;!?]+", self.text)]
        starts = [0, *ends]
        clause_ends = [*ends, len(self.text)]
        index = next(
            (
                i
                for i, (a, b) in enumerate(zip(starts, clause_ends, strict=True))
                if find_phrase(self.text[a:b], (reassurance,))
            ),
            None,
        )
        rest = self.text[clause_ends[index] :].strip(" ,;") if index is not None else ""
        if len(rest.split()) < CHECKIN_REST_MIN_WORDS or NEGATED_SELF.search(normalise(rest)):
            return ""
        return rest

    def request(self, intent: str) -> None:
        reflection = self.reflection
        request = REQUESTS.get(intent)
        operation = request.operation if request else "small_talk"
        if operation not in ("stop", "delete", "support", "pause"):
            reflection.cancel_confirmation()  # any other request: "ja" later answers nothing asked before
        if operation == "stop":
            self.say(*reflection.request_stop().messages)
        elif operation == "delete":
            self.say(*reflection.request_delete().messages)
        elif operation == "support":
            self.support()
        elif operation == "help":
            self.say(*reflection.help(self.text).messages)
        elif operation == "back":
            # "terug naar de vraag over mijn taak": that question, not only the one before
            named = None if self.parsed.is_payload else reflection.earlier_step_about(self.text)
            self.say(*reflection.back(named).messages)
        elif operation == "dont_know":
            self.say(*reflection.dont_know("" if self.parsed.is_payload else self.text).messages)
        elif operation == "start_flow":
            self.say(Message("al_bezig", "info"))
        elif operation in TEAM_REQUESTS:
            self.say(Message("team_na_reflectie", "info"))  # the session's buttons work outside a reflection
        elif operation == "small_talk":
            if intent == "goodbye":
                self.say(*reflection.pause().messages)  # goodbye in the middle is a pause
            else:
                self.say(Message(SMALL_TALK.get(intent, "buiten_bereik"), "info"))
        else:
            self.say(*getattr(reflection, operation)().messages)

    def stopped_buttons(self) -> list[dict[str, str]]:
        resume = REQUESTS["resume"]
        return [
            {"title": self.content.text("knop_verder_waar_ik_was"), "payload": resume.payload},
            *flow_buttons(self.content),
        ]

    # ------------------------------------------------------------------ outside a reflection

    def outside(self, judgement: Judgement) -> None:
        reflection = self.reflection  # finished, stopped, or waiting for a deletion after those
        waiting = self.waiting
        kind, intent = judgement.kind, judgement.intent
        stopped = reflection is not None and (
            waiting == Waiting.STOPPED or reflection.state.get("back_to") == Waiting.STOPPED.value
        )
        if waiting == Waiting.CONFIRM_DELETE:
            if kind == "confirm":
                self.confirm_delete(judgement.yes)
                return
            if kind == "unclear":
                self.say(Message("verwijderen_expliciet", "confirm"), bare=reflection is None)
                return
            self._cancel_delete()
            waiting = self.waiting  # "samenvatting" instead of the confirmation: as after the summary
        if waiting == Waiting.CHECKIN:
            self.lobby["waiting"] = None
            if self.reflection is not None:
                self.reflection.state[CHECKIN_AFTER] = False
            if kind == "confirm":
                if judgement.yes:
                    self.say(Message("checkin_dank", "info"), bare=True)
                else:
                    self.support()
                return
        text_flow = match_flow(self.content.flows.values(), self.text) if not self.parsed.is_payload else None
        text_flow = text_flow or (self._flow_by_number() if not stopped else None)
        if (kind == "request" and intent == "start_flow") or (
            text_flow and intent not in ("delete_conversation", "distress")
        ):
            # A message that names a flow starts it, whatever the NLU made of it.
            self.start(self.flow_asked() or text_flow)
            return
        if kind == "request" and intent == "resume":
            if stopped:
                self.say(*reflection.resume().messages)
            else:
                self.say(Message("geen_gesprek_om_te_hervatten", "info", buttons=flow_buttons(self.content)), bare=True)
            return
        if kind == "request" and intent == "delete_conversation":
            self.request_delete()
            return
        if kind == "request" and intent == "distress":
            self.support()
            return
        if kind == "request" and intent == "new_conversation":
            self.start(None)
            return
        if kind == "request" and intent in SMALL_TALK and intent != "greet":
            self.say(Message(SMALL_TALK[intent], "info"), bare=reflection is None)
            return
        if stopped:
            # After a stop nothing starts by itself: offer to go on where it was. A story told
            # now is set aside and kept as the answer to the open question on going on.
            if kind == "answer" and self.parsed.words >= STORY_MIN_WORDS:
                reflection.state["apart"] = self.text
                self.say(Message("gestopt_bewaard", "stopped", buttons=self.stopped_buttons()))
            else:
                self.say(Message("gestopt_verder", "stopped", buttons=self.stopped_buttons()))
            return
        if reflection is not None and waiting == Waiting.FINISHED and find_phrase(self.text, ("samenvatting",)):
            self.was_finished = False  # "kan ik de samenvatting nog zien?": shown again by close()
            return
        if reflection is not None and waiting == Waiting.FINISHED and kind == "request" and intent in AT_A_QUESTION:
            # The toolbar's help, skip, back or pause after the summary: no question is open any more.
            if not self.remind_facilitator():
                self.say(Message("afgerond_verder", "info", buttons=flow_buttons(self.content)))
            return
        if reflection is not None and waiting == Waiting.FINISHED and intent != "greet" and kind != "removed":
            # After the summary nothing starts by itself (a new flow would take the summary's
            # place): a story is set aside for the flow the user picks; anything else is told
            # that no question is open.
            lowered = self.text.lower()
            asks = ASKS_THE_BOT.search(lowered) or ("?" in lowered and TAKE_ALONG.search(lowered))
            if kind == "answer" and self.parsed.words >= STORY_MIN_WORDS and asks:
                # "kan ik alleen het intervisieblad krijgen? om te mailen naar de groep" is no story
                # for the next flow (a tester's was kept as "Wat is er gebeurd?"): how to take it along.
                self.say(Message("afgerond_vraag", "info", buttons=flow_buttons(self.content)))
            elif kind == "answer" and self.parsed.words >= STORY_MIN_WORDS:
                reflection.state["apart"] = self.text
                self.say(Message("afgerond_bewaard", "info", buttons=flow_buttons(self.content)))
            else:
                self.say(Message("afgerond_verder", "info", buttons=flow_buttons(self.content)))
            return
        if kind == "answer" and self.parsed.words >= STORY_MIN_WORDS:
            self.start(None, told=True)  # a story told before any question starts the reflection
            return
        if kind == "removed":
            self.say(Message("alleen_gegevens", "info"), bare=reflection is None)
            return
        if kind in ("invalid",) and not self.parsed.is_payload:
            self.say(Message("fallback", "fallback", buttons=flow_buttons(self.content)), bare=True)
            return
        self.welcome()

    def _flow_by_number(self) -> str | None:
        """ "2" where the flows are offered: the second of them, as the buttons list them."""
        said = self.text.strip().rstrip(".)").strip()
        flows = list(self.content.flows)
        if said.isdecimal() and 1 <= int(said) <= len(flows):
            return flows[int(said) - 1]
        return None

    def welcome(self) -> None:
        self.say(Message("welkom", "question", buttons=flow_buttons(self.content)), bare=True)

    def flow_asked(self) -> str | None:
        for entity in self.parsed.entities:
            if entity.get("entity") == "flow" and entity.get("value") in self.content.flows:
                return entity["value"]
        return None

    def start(self, flow_id: str | None, told: bool = False) -> None:
        """Start ``flow_id`` (else the first flow); a story told before any question is kept."""
        content = self.content
        flow_id = flow_id or next(iter(content.flows))
        if not self.welcomed:
            self.say(Message("privacy", "privacy", {"dagen": retention_days()}), bare=True)
            self.welcomed = True
        previous = self.reflection.state if self.reflection is not None else self.lobby
        story = self.text if told else previous.pop("apart", None)  # set aside after a stop or the summary
        state = Reflection.start(content, flow_id)
        state["support_shown"] = previous.get("support_shown", 0)
        state["teamsessies"] = _lasting_team(previous.get("teamsessies"))
        self.reflection = Reflection(content, state)
        self.say(Message("start_flow", "info", {"titel": content.flows[flow_id].titel}))
        if story and self.reflection.waiting == Waiting.ANSWER:
            question = self.reflection.current().question.vraag
            self.say(*self.reflection.answer(story).messages)
            self.say(Message("verhaal_bewaard", "info", {"vraag": question}))

    def request_delete(self) -> None:
        if self.reflection is not None:
            self.say(*self.reflection.request_delete().messages)
            return
        self.lobby["waiting"] = Waiting.CONFIRM_DELETE.value
        self.say(Message("verwijderen_bevestigen", "confirm"), bare=True)

    def confirm_delete(self, yes: bool) -> None:
        self.deleted = yes
        if yes:
            self.team_forget()  # a session it leads closes, its share is withdrawn
        if self.reflection is not None:
            result = self.reflection.confirm_delete(yes)
            if not yes and self.reflection.waiting == Waiting.STOPPED:
                self.say(*_with_buttons(result.messages, self.stopped_buttons()))
            else:
                self.say(*result.messages)
            if yes:
                self.reflection = None
                self.lobby = lobby_state()
            return
        self.lobby["waiting"] = None
        if yes:
            self.say(Message("verwijderd", DELETED), bare=True)
            self.lobby = lobby_state()
        else:
            self.say(Message("niet_verwijderd", "info", buttons=flow_buttons(self.content)), bare=True)

    def _cancel_delete(self) -> None:
        if self.reflection is not None:
            back_to = self.reflection.state.get("back_to")
            self.reflection.state["waiting"] = back_to or Waiting.FINISHED.value
            self.reflection.state["back_to"] = None
        else:
            self.lobby["waiting"] = None


# The check-in from the second time in a conversation; the grave ones keep naming 113 and 112.
AGAIN = {"checkin": "checkin_weer", "checkin_algemeen": "checkin_weer_algemeen"}


def _rekey(messages: list[Message], key: str) -> list[Message]:
    for message in messages:
        if message.kind == "checkin":
            message.key = key
    return messages


def _with_buttons(messages: list[Message], buttons: list[dict[str, str]]) -> list[Message]:
    if messages:
        messages[-1].buttons = [*messages[-1].buttons, *buttons]
    return messages


def quoted(text: str, said: str) -> str:
    """What the check-in quotes of ``text``: the words that showed the strain, or, when that is a
    single word, the clause of at most QUOTED_CLAUSE_MAX_WORDS words it stands in, as written."""
    if len(said.split()) != 1:
        for clause in clauses(text):
            # ... and words that end the clause right after them too: "ik kan het niet meer loslaten"
            # was quoted as "ik kan het niet meer" (a tester).
            written = clause.strip(" .,;:!?-\n")
            normal = normalise(written).strip(" .")
            at = normal.find(said)
            rest = normal[at + len(said) :].split() if at >= 0 else []
            if 0 < len(rest) <= 2 and len(written.split()) <= QUOTED_CLAUSE_MAX_WORDS:
                return written
        return said
    for clause in clauses(text):
        written = clause.strip(" .,;:!?-\n")
        if said in normalise(written).split() and len(written.split()) <= QUOTED_CLAUSE_MAX_WORDS:
            return written
    return said
