"""Judging a user message, once, in the light of what the bot waits for.

Every message is judged here exactly once (``judge``), and what is judged is what runs
(``bot/turn.py``): Rasa's NLU supplies an intent and its confidence, this module decides.

At every question the bot must decide: is this an answer to keep, or a request (uitleg,
overslaan, terug, pauze, stoppen, ...)? Professionals write case sentences full of words
that look like commands ("de klant wilde stoppen"), so a request counts only when the NLU
is confident *and* the message is short. Anything else at an open question is an answer:
an answer must never be lost.

Apart from that, each message is read for signals (stepped care, docs/judgement.md):
explicit danger (``gevaar`` in content/signalen.yml) and strain (``spanning``). They come
with the judgement, whatever else the message asks, and ``bot/turn.py`` puts them first.

Button payloads ("/skip") are exact: their intent is taken as is.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from bot.content import Content, Flow
from bot.engine import Waiting
from bot.requests import NAVIGATION_INTENTS, REQUEST_INTENTS

# The REST channel puts this invisible character in front of a typed payload that the bot
# did not offer, so that Rasa reads it as text (server/rest.py); it is not part of an answer.
NOT_A_PAYLOAD = "\u2060"

# A request must be at least this likely according to the NLU ...
REQUEST_MIN_CONFIDENCE = 0.6
# ... and a message longer than this is an answer, whatever words it contains.
REQUEST_MAX_WORDS = 12
# Between a clear request and a clear answer the bot asks instead of guessing: a
# navigation request that is somewhat likely, or likely but in a longer message.
UNSURE_MIN_CONFIDENCE = 0.4
# Strain the phrase lists miss: the NLU's distress at least this likely, in a short message
# about oneself with a word of `spanning_woorden`. Measured against harmless answers
# (docs/benchmarks.md).
STRAIN_MIN_CONFIDENCE = 0.3
# Danger the phrase lists miss: the NLU's distress at least this likely, in a message about
# oneself that has a word of `gevaar_woorden` (content/signalen.yml).
DANGER_WORD_MIN_LIKELIHOOD = 0.5
STRAIN_MAX_WORDS = 20
# A reply to the check-in of at most this many words is about how it goes, not about the case.
CHECKIN_REPLY_MAX_WORDS = 8
# "weet ik niet" is a request only this short; "ik weet het niet zo goed, misschien
# intervisie" says more and is kept as an answer.
DONT_KNOW_MAX_WORDS = 5
# A question to the bot is short; a longer message with a question mark is about the case.
QUESTION_MAX_WORDS = 20

DANGER = "gevaar"
STRAIN = "spanning"

CONFIRMATION_WAITS = (Waiting.CONFIRM_STOP, Waiting.CONFIRM_DELETE, Waiting.CHECKIN)
NEGATION_MAX_WORDS = 6  # "nee, liever niet"; a longer sentence with "niet" in it is about something else
NEGATIONS = frozenset({"nee", "niet", "geen", "nope", "neen", "nah"})
# The writer as subject or object ("mijn collega" is someone else).
FIRST_PERSON = frozenset({"ik", "me", "mij", "mezelf", "ikzelf"})
# The writer as the subject of a clause.
SUBJECT_SELF = frozenset({"ik", "ikzelf"})
# The writer, including what is theirs: "mijn hoofd is overvol" is about the writer.
SELF = FIRST_PERSON | {"mijn"}
# A word of a danger or strain phrase at least this long is also found with one typing
# slip (a letter missing, added, changed or two swapped): "iedereen is beter af zondr mij".
TYPO_MIN_LETTERS = 6
# ... and at least this long in a phrase of three words or more, where the other words
# keep a slip from matching something else: "ik wil niet meer levn".
TYPO_MIN_LETTERS_IN_LONG_PHRASE = 5

# Not "een": as an article it is far more common than as the number one.
NUMBER_WORDS = {
    "één": 1,
    "eerste": 1,
    "twee": 2,
    "tweede": 2,
    "drie": 3,
    "derde": 3,
    "vier": 4,
    "vierde": 4,
    "vijf": 5,
    "vijfde": 5,
}


# Dutch writes no letter three times in a row: "doood" and "hoooor" are "dood" and "hoor".
LONG_LETTER = re.compile(r"(\w)\1{2,}")

# How tired people type in a chat: these words are read as the word they stand for.
CHAT_SPELLING = {
    "nie": "niet",
    "nt": "niet",
    "k": "ik",
    "'k": "ik",
    "mn": "mijn",
    "m'n": "mijn",
    "ff": "even",
    "an": "aan",
    "neit": "niet",
    "nit": "niet",
    "bn": "ben",
}


def normalise(text: str) -> str:
    """Lower case, single spaces, the end of each clause as " .": the form phrases are matched in.

    "Ik kan niet meer, echt" becomes "ik kan niet meer . echt .", so that a phrase may say
    where a clause ends ("kan niet meer .") and not match "ik kan niet meer zeggen".
    """
    lowered = text.lower().replace("’", "'").replace("‘", "'")
    lowered = re.sub(r"[.,;:!?\n]+", " . ", lowered)
    words = re.sub(r"[^\w&'@.-]+|(?<!\w)[.-]+(?=\w)|(?<=\w)[-]+(?!\w)", " ", lowered).split()
    words = [CHAT_SPELLING.get(word, word) for word in (LONG_LETTER.sub(r"\1\1", w) for w in words)]
    return " ".join([*words, "."]) if words and words[-1] != "." else " ".join(words)


def _one_slip(word: str) -> str:
    """A pattern for ``word`` or any word one typing slip away from it."""
    variants = {re.escape(word)}
    for i in range(len(word)):
        variants.add(re.escape(word[:i]) + r"\w?" + re.escape(word[i + 1 :]))  # missing or changed
        variants.add(re.escape(word[:i]) + r"\w" + re.escape(word[i:]))  # added
        if i + 1 < len(word):
            variants.add(re.escape(word[:i] + word[i + 1] + word[i] + word[i + 2 :]))  # swapped
    return "(?:" + "|".join(sorted(variants, key=len, reverse=True)) + ")"


@functools.lru_cache(maxsize=4096)
def phrase_pattern(phrase: str, tolerant: bool = False) -> re.Pattern[str]:
    """A phrase of content/signalen.yml as a pattern over normalised text.

    Words match whole words. ``*`` alone stands for up to four words ("er * eind aan
    maken"); a word ending in ``*`` matches any word it starts ("suïcid*"); a ``.`` says
    that the clause ends there ("kan niet meer ."); a leading ``^`` that the message starts
    with the phrase ("^ moet ik"). ``tolerant``: a long word (``TYPO_MIN_LETTERS``,
    or ``TYPO_MIN_LETTERS_IN_LONG_PHRASE`` in a phrase of three words or more) is also
    found with one typing slip.
    """
    words = phrase.lower().split()
    pattern = ""
    real = [word for word in words if word not in ("*", ".", "^")]
    least = TYPO_MIN_LETTERS_IN_LONG_PHRASE if len(real) >= 3 else TYPO_MIN_LETTERS
    if words and words[0] == "^":
        pattern, words = "^", words[1:]
    for index, word in enumerate(words):
        last = index == len(words) - 1
        if word == "*":
            pattern += r"(?:[^\s.]+ ){0,4}"
            continue
        if word == ".":
            pattern += r"\." + ("" if last else " ")
            continue
        prefix = word.endswith("*")
        core = word.rstrip("*").replace("’", "'")
        if tolerant and len(core) >= least and core.isalpha():
            pattern += _one_slip(core) + (r"\w*" if prefix else "") + ("" if last else " ")
            continue
        pattern += re.escape(core) + (r"\w*" if prefix else "") + ("" if last else " ")
    return re.compile(r"(?<![\w'])" + pattern + r"(?![\w])")


def find_phrase(text: str, phrases: Iterable[str]) -> str | None:
    """The first of ``phrases`` that occurs in ``text``, as it occurs there."""
    normal = normalise(text)
    for phrase in phrases:
        found = phrase_pattern(phrase).search(normal)
        if found:
            return found.group(0).replace(" .", ",").strip(" ,.")
    return None


@dataclass(frozen=True)
class Signals:
    """The word lists of content/signalen.yml that the judgement uses."""

    gevaar: tuple[str, ...] = ()
    gevaar_woorden: tuple[str, ...] = ()  # with the NLU's distress: danger in other words
    spanning: tuple[str, ...] = ()
    spanning_woorden: tuple[str, ...] = ()  # with the NLU's distress: strain in other words
    vaktaal: tuple[str, ...] = ()  # endings of trade words: "suïcideprotocol" is no signal
    casus: tuple[str, ...] = ()
    engels: tuple[str, ...] = ()
    voortgang: tuple[str, ...] = ()  # questions about how far the reflection is
    vraag: tuple[str, ...] = ()  # ways of addressing a question to the bot
    pauze: tuple[str, ...] = ()  # "stop maar even": a pause, never a stop
    geruststelling: tuple[str, ...] = ()  # "valt wel mee": the NLU's distress alone is no signal
    erkenning: tuple[str, ...] = ()  # "ok", "prima": said to the bot, no answer
    # In a message with strain, the request it also makes ("deze sla ik over, ik ben op"):
    # the NLU puts distress on top and may not see the request at all.
    verzoeken: dict[str, tuple[str, ...]] = field(default_factory=dict)
    placeholders: tuple[str, ...] = ()  # what bot/privacy.py puts in place of removed data
    numbers: dict[int, str] = field(default_factory=dict)  # bouwopgave number -> id

    @classmethod
    def from_content(cls, content: Content) -> Signals:
        from bot.privacy import KINDS

        signalen = content.signalen
        return cls(
            gevaar=signalen.get("gevaar", ()),
            gevaar_woorden=signalen.get("gevaar_woorden", ()),
            spanning=signalen.get("spanning", ()),
            spanning_woorden=signalen.get("spanning_woorden", ()),
            vaktaal=signalen.get("vaktaal", ()),
            casus=signalen.get("casus", ()),
            engels=signalen.get("engels", ()),
            voortgang=signalen.get("voortgang", ()),
            vraag=signalen.get("vraag_aan_bot", ()),
            pauze=signalen.get("pauze", ()),
            geruststelling=signalen.get("geruststelling", ()),
            erkenning=signalen.get("erkenning", ()),
            verzoeken={
                "skip": signalen.get("verzoek_overslaan", ()),
                "go_back": signalen.get("verzoek_terug", ()),
                "quit": signalen.get("verzoek_stoppen", ()),
                "help": signalen.get("verzoek_uitleg", ()),
                "pause": signalen.get("pauze", ()),
            },
            placeholders=tuple(content.text(f"privacy_{kind}") for kind in KINDS),
            numbers={b.nummer: b.id for b in content.bouwopgaven.values()},
        )


@dataclass(frozen=True)
class Parsed:
    """The parts of Rasa's parse result that the judgement needs."""

    text: str
    intent: str | None
    confidence: float
    entities: tuple[dict[str, Any], ...] = ()
    distress_likelihood: float = 0.0  # the NLU's confidence in distress, also when not on top
    ranking: tuple[tuple[str, float], ...] = ()  # the NLU's other guesses, best first

    @property
    def is_payload(self) -> bool:
        return self.text.strip().startswith("/")

    @property
    def words(self) -> int:
        return len(self.text.split())

    def likelihood(self, intent: str) -> float:
        """How likely the NLU finds ``intent``, on top or not."""
        return max(dict(self.ranking).get(intent, 0.0), self.confidence if self.intent == intent else 0.0)

    @property
    def distress(self) -> float:
        """How likely the NLU finds distress, on top or not."""
        return max(self.distress_likelihood, self.confidence if self.intent == "distress" else 0.0)

    @classmethod
    def from_message(cls, message: dict[str, Any]) -> Parsed:
        intent = message.get("intent") or {}
        ranked = [r for r in message.get("intent_ranking") or () if r.get("name") != "nlu_fallback"]
        ranking = {r.get("name"): float(r.get("confidence") or 0.0) for r in ranked}
        if intent.get("name") == "nlu_fallback" and ranked:
            # Rasa's fallback hides a close call; the judgement weighs the real best guess itself.
            intent = ranked[0]
        return cls(
            (message.get("text") or "").replace(NOT_A_PAYLOAD, ""),
            intent.get("name"),
            float(intent.get("confidence") or 0.0),
            tuple(message.get("entities") or ()),
            ranking.get("distress", 0.0),
            tuple(ranking.items()),
        )


@dataclass(frozen=True)
class Judgement:
    """What a message means here.

    kind: answer | request | unsure | choice | confirm | unclear | invalid | removed
    - request: ``intent`` is a key of bot.requests.REQUESTS
    - confirm: ``yes`` answers the latest yes/no question
    - unclear: a plain "ja" where only an explicit confirmation may act (deleting)
    - removed: the message held only identifying data, which was removed
    signal: ``gevaar`` or ``spanning`` (stepped care), with the words that showed it.
    """

    kind: str
    intent: str | None = None
    choices: list[str] | None = field(default=None)  # for choice: None = accept proposal, [] = pick myself
    yes: bool = False
    signal: str | None = None
    signal_words: str = ""


def looks_english(text: str, english_words: Iterable[str]) -> bool:
    """At least two common English words, making up at least half of the message."""
    words = re.findall(r"[a-z']+", text.lower())
    hits = sum(w in set(english_words) for w in words)
    return hits >= 2 and hits * 2 >= len(words)


def looks_like_gibberish(text: str) -> bool:
    """A short string of key mashes: no vowels, or one letter over and over ("zzzzz", "qqq")."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    if not words or len(words) > 3:
        return False

    def mashed(word: str) -> bool:
        # Abbreviations like "bsn" or "ggz" are short; key mashes are longer or repeat one key.
        return (len(word) >= 4 and not re.search(r"[aeiouyáéíóúëïöü]", word)) or (
            len(word) >= 3 and len(set(word)) == 1
        )

    return any(mashed(w) for w in words) and all(mashed(w) or len(w) <= 2 for w in words)


def about_the_case(text: str, case_words: Iterable[str]) -> bool:
    """Whether ``text`` is a sentence about the case: longer than three words, naming someone in it."""
    words = text.lower().split()
    if len(words) <= 3:
        return False
    lowered = " " + " ".join(re.sub(r"[^\w&'\s]", " ", w) for w in words) + " "
    return any(f" {word} " in lowered for word in case_words)


# The writer named only to say it is not about them: "de burnout is van de klant, niet van mij".
NEGATED_SELF = re.compile(r"\bniet (?:van |bij |voor |over )?(?:mij|me|mezelf|mijzelf|ik|ikzelf)\b")


def about_someone_else(text: str, case_words: Iterable[str]) -> bool:
    """Whether ``text`` is about a person in the case, not about the writer."""
    words = set()
    for clause in _clauses(text):
        words |= set(NEGATED_SELF.sub(" ", normalise(clause)).split())
    return not (words & FIRST_PERSON) and about_the_case(text, case_words)


def only_removed_data(text: str, placeholders: Iterable[str]) -> bool:
    """Whether ``text`` held nothing but identifying data that was removed."""
    rest = text
    found = False
    for placeholder in placeholders:
        if placeholder and placeholder in rest:
            found = True
            rest = rest.replace(placeholder, " ")
    return found and not re.search(r"[^\W_]", rest)


# Where a clause ends for the question who a signal is about: "de wijkcoach is overspannen,
# dus ik nam het over" is about the wijkcoach.
CLAUSE_BREAK = re.compile(r"[.;:!?\n]+|,|\s(?:dus|maar|want|omdat|terwijl|en toen|waardoor)\s", re.IGNORECASE)


# Someone in the case said it: a speech verb after a person of the case, with the signal in
# the same clause or right after a colon ("de inwoner zei: ...", "jongere sprak over ...").
SPEECH = re.compile(
    r"\b(?:zei|zegt|zeiden|vertelde|vertelt|riep|schreef|appte|dreigde|sprak|uitte|noemde|vroeg|huilde)\b"
    r"(?: over| met| dat)?(?: \w+)?(?P<quote> \.)?(?P<tail>[^.]*)$"
)


# ... or what the writer noticed about them: "ik merk dat de inwoner het niet meer ziet zitten".
NOTICED = re.compile(
    r"\b(?:merk|merkte|zag|zie|hoorde|hoor|wist|weet|dacht|denk|vond|vind)\b (?:dat|hoe) (?P<tail>[^.]*)$"
)


# Who else may have said it: "ze zei letterlijk: ik kan niet meer".
SPEAKERS = ("ze", "zij", "hij", "die", "men")


def _reported(before: str, case_words: Iterable[str], quoted: bool = False) -> bool:
    """Whether the words just before a signal report what someone in the case said or showed.

    ``quoted``: the message has a colon or quotation marks, so an "ik" right after a
    speech verb is the speaker's ("ze zei letterlijk: ik kan niet meer").
    """
    noticed = NOTICED.search(before)
    if noticed and not (set(noticed.group("tail").split()) & FIRST_PERSON):
        tail = " " + noticed.group("tail") + " "
        if any(f" {word} " in tail for word in case_words):
            return True
    speech = SPEECH.search(before)
    if not speech:
        return False
    said = before[: speech.start()]
    quote = quoted and speech.group("quote")
    return not (not quote and set(speech.group("tail").split()) & FIRST_PERSON) and any(
        re.search(rf"(?<!\w){re.escape(word)}(?!\w)", said) for word in (*case_words, *SPEAKERS)
    )


def _clauses(text: str) -> list[str]:
    return [part for part in CLAUSE_BREAK.split(text) if part.strip()] or [text]


# Someone else as the subject of a clause: "hij zit in de bijstand", "ze kwam niet".
THIRD_PERSON_SUBJECT = re.compile(r"^\s*(?:hij|zij|ze|die)\b", re.IGNORECASE)


def _clauses_about_someone_else(text: str, case_words: Iterable[str]) -> list[tuple[str, bool]]:
    """Each clause of ``text`` (normalised) and whether it is about someone else.

    A clause without a subject of its own goes on about whom the one before was about:
    "Hij zit in de bijstand, heeft een burn-out" is about him twice (found by a tester)."""
    found: list[tuple[str, bool]] = []
    before = False
    for clause in _clauses(text):
        normal = normalise(clause)
        mine = bool(set(NEGATED_SELF.sub(" ", normal).split()) & FIRST_PERSON)
        other = about_someone_else(clause, case_words) or (
            not mine and (before or THIRD_PERSON_SUBJECT.match(clause) is not None)
        )
        found.append((normal, other))
        before = other
    return found


def _said_by_someone_else(before: str, case_words: Iterable[str]) -> bool:
    """Whether a person of the case is the subject of what follows ``before`` in its clause.

    "de inwoner moest huilen toen ik ..." : the inwoner cried. "ik moest huilen toen de
    inwoner ..." and "toen de inwoner belde, moest ik huilen": the writer did.
    """
    words = before.split()
    last_person = max(
        (
            i
            for i, word in enumerate(words)
            for case in case_words
            if " ".join(words[i : i + len(case.split())]) == case
        ),
        default=-1,
    )
    # "de inwoner belde mij in paniek": the inwoner panicked; only "ik" makes the writer the subject.
    return last_person >= 0 and not (set(words[last_person:]) & SUBJECT_SELF)


def _before_in_clause(normal: str, start: int) -> tuple[str, str]:
    """In normalised ``normal``: the words of the clause before ``start``, and the whole clause."""
    mark = normal.rfind(" . ", 0, start)
    begin = mark + 3 if mark >= 0 else 0
    after = normal.find(" .", start)
    return normal[begin:start], normal[begin : after if after >= 0 else len(normal)]


def signal_of(parsed: Parsed, signals: Signals) -> tuple[str | None, str]:
    """Danger or strain in ``parsed``, with the words that showed it (stepped care).

    In this order: a danger phrase; a danger word with the NLU's distress; a strain phrase;
    a strain word with the NLU's distress. Each counts only when it is about the writer.
    """
    if parsed.is_payload:
        return (STRAIN, "") if parsed.intent == "distress" else (None, "")
    normal = mask_vaktaal(normalise(parsed.text), signals.vaktaal)
    about = _About(parsed, signals, normal)
    by_words = (
        parsed.words <= STRAIN_MAX_WORDS
        and not find_phrase(parsed.text, signals.geruststelling)  # "nee zo erg is het niet hoor": the words say no
    )
    danger = about.phrase(signals.gevaar) or (
        by_words and parsed.distress >= DANGER_WORD_MIN_LIKELIHOOD and about.word(signals.gevaar_woorden, clause=False)
    )
    if danger:
        return DANGER, danger
    # A reassurance overlapping a strain phrase takes it back ("ik slaap er niet wakker van");
    # a danger phrase is never taken back.
    strain = about.phrase(signals.spanning, unless=signals.geruststelling) or (
        by_words and parsed.distress >= STRAIN_MIN_CONFIDENCE and about.word(signals.spanning_woorden, clause=True)
    )
    return (STRAIN, strain) if strain else (None, "")


class _About:
    """Finds words of a list in one message that are about the writer."""

    def __init__(self, parsed: Parsed, signals: Signals, normal: str) -> None:
        self.signals = signals
        self.normal = normal
        self.clauses = _clauses_about_someone_else(parsed.text, signals.casus)
        self.whole_someone_else = about_someone_else(parsed.text, signals.casus)
        self.quoted = bool(re.search("[:'\"“”‘’]", parsed.text))
        self.self_words = bool(set(normal.split()) & SELF)

    def _someone_else_at(self, start: int) -> bool:
        before, _ = _before_in_clause(self.normal, start)
        return _said_by_someone_else(before, self.signals.casus) or _reported(
            self.normal[:start], self.signals.casus, self.quoted
        )  # "de inwoner moest huilen toen ik ...", "de inwoner zei: ..."

    def phrase(self, phrases: Iterable[str], unless: Iterable[str] = ()) -> str:
        """The first phrase found (a typing slip allowed) in a clause about the writer, and
        not overlapped by a phrase of ``unless``."""
        taken_back = [found.span() for phrase in unless for found in phrase_pattern(phrase).finditer(self.normal)]
        for phrase in phrases:
            for found in phrase_pattern(phrase, tolerant=True).finditer(self.normal):
                if any(start < found.end() and found.start() < end for start, end in taken_back):
                    continue
                words = found.group(0).strip(" .")
                # The clause the signal stands in says whom it is about; one that spans clauses, the whole.
                inside = [other for clause, other in self.clauses if words in clause]
                if (inside[0] if inside else self.whole_someone_else) or self._someone_else_at(found.start()):
                    continue
                return words.replace(" .", ",")
        return ""

    def word(self, phrases: Iterable[str], clause: bool) -> str:
        """The first word found where the writer speaks of themselves: in its own clause
        ("het systeem is kapot, dat zeg ik al jaren" is not), or anywhere in the message
        when ``clause`` is false ("ik stond op het balkon en dacht: gewoon springen")."""
        if not self.self_words:
            return ""
        for phrase in phrases:
            for found in phrase_pattern(phrase).finditer(self.normal):
                _, around = _before_in_clause(self.normal, found.start())
                if clause and not set(around.split()) & SELF:
                    continue
                if not self._someone_else_at(found.start()):
                    return found.group(0).strip(" .")
        return ""


def mask_vaktaal(normal: str, vaktaal: Iterable[str]) -> str:
    """``normal`` with each word that ends in a term of the trade (``vaktaal``) made neutral:
    "suïcideprotocol" and "zelfmoordpreventie" are about the work, not about the writer."""
    endings = tuple(vaktaal)
    if not endings:
        return normal
    return " ".join("vakterm" if word.endswith(endings) and word not in endings else word for word in normal.split(" "))


# Where the open question asks for a question of the user's own (a leervraag), only these
# ask the bot about its question: "wat bedoel je precies, voor mij of voor de inwoner?".
# ... as does a question shorter than a leervraag.
LEERVRAAG_MIN_WORDS = 5
ABOUT_THE_QUESTION = re.compile(r"\b(?:bedoel\w*|vraag je|verwacht je|wil je weten|versta je onder|voor mij of voor)\b")


def question_to_bot(parsed: Parsed, signals: Signals) -> str | None:
    """``progress`` or ``help`` when the message asks the bot about the reflection itself."""
    if parsed.is_payload or parsed.words > QUESTION_MAX_WORDS:
        return None
    if find_phrase(parsed.text, signals.voortgang):
        return "progress"
    asks = parsed.text.strip().endswith("?")
    if asks and find_phrase(parsed.text, signals.vraag):
        return "help"
    return None


# An off-topic statement at least this long at an open question is an answer ("xyz xyz" is not).
OFF_TOPIC_STATEMENT_MIN_WORDS = 4
# How a question or a task for the bot begins ("kun je een brief opstellen", "wat eet ik vanavond").
ASKING_STARTS = frozenset(
    "kun kan kunt wil wilt wat hoe wie waar wanneer welke waarom hoeveel is zijn heb ben "
    "zet maak schrijf geef vertel zoek boek regel stuur bel plan speel bereken open toon".split()
)


def _asks(text: str) -> bool:
    """Whether ``text`` is put as a question or a task: a question mark, or a question word or
    an imperative first."""
    words = normalise(text).split()
    return text.strip().endswith("?") or bool(words and words[0] in ASKING_STARTS)


# At "nog een verbeterstap?": a reply that says no in other words.
DECLINING = (
    "klaar mee",
    "dat was het",
    "dat is het",
    "geen tweede",
    "geen andere",
    "geen nieuwe",
    "niet nodig",
    "verder niet",
)


# At a follow-up on a vague answer: keep the answer as it is ("laat maar zo zei ik").
KEEP_AS_IS = (
    "laat zo",
    "laat maar zo",
    "laat het zo",
    "laat het maar zo",
    "laat dat zo",
    "zo laten",
    "laat maar",
    "prima zo",
    "goed zo",
    "zo is het goed",
)
# At "meteen naar de verbeterstappen, of door met de volgende vraag?": the two answers in words.
TO_THE_STEPS = ("naar de verbeterstappen", "meteen naar", "naar de stappen")
ON_WITH_QUESTIONS = ("volgende vraag", "door met de vragen", "ga door met", "gewoon door")


def _declines(parsed: Parsed) -> bool:
    """A short reply that says no: it starts with "nee", is "klaar" or a stop, or says it was all."""
    words = normalise(parsed.text).split()
    if not words or parsed.words > REQUEST_MAX_WORDS:
        return False
    return (
        words[0] in ("nee", "neen", "nope", "klaar")
        or parsed.intent == "quit"
        or bool(find_phrase(parsed.text, DECLINING))
    )


# A pause or a stop in more than a few words names it: "ik moet even weg", "ik wil deze
# reflectie niet afmaken". Without such a word it is an answer the NLU misread: "niks
# eigenlijk, ik heb het laten gebeuren" is no pause (found by a tester). Every longer pause
# and stop of the NLU data has one of these (tests/test_interpret.py).
INTERRUPTION_WORDS = {
    "pause": re.compile(
        r"\b(?:pauz\w*|stop\w*|even|later|straks|moment|break|adem\w*|rust\w*|koffie|thee|weg|terug|wacht\w*|"
        r"loop\w*|bel\w*|telefoon|vergader\w*|afspraak|overleg|lunch|eten|kind\w*|school|ophalen|klaar|genoeg|"
        r"morgen|vanavond|verder)\b",
        re.IGNORECASE,
    ),
    "quit": re.compile(
        r"\b(?:stop\w*|klaar|ophouden|afsluit\w*|afbreken|afmaken|einde|eind|genoeg|beëindig\w*|kappen|kap|weg|"
        r"uit|exit|quit|later|verder|niet meer|zin|behoefte)\b",
        re.IGNORECASE,
    ),
}
INTERRUPTION_MIN_WORDS = 6  # from this many words on, a pause or stop must name itself


def _unnamed_interruption(parsed: Parsed) -> bool:
    """A longer message the NLU calls a pause or a stop without a word that names one."""
    named = INTERRUPTION_WORDS.get(parsed.intent or "")
    return bool(named and parsed.words >= INTERRUPTION_MIN_WORDS and not named.search(parsed.text))


def _is_request(parsed: Parsed, case_words: Iterable[str] = ()) -> bool:
    if parsed.intent not in REQUEST_INTENTS:
        return False
    if parsed.is_payload:
        return True
    if _unnamed_interruption(parsed):
        return False
    if parsed.intent == "distress":
        return False  # distress is a signal (signal_of), never a request by the NLU alone
    if about_the_case(parsed.text, case_words):
        return False  # "de klant wilde stoppen" is about the case, not about this conversation
    if parsed.intent == "dont_know" and (parsed.words > DONT_KNOW_MAX_WORDS or _says_more(parsed.text)):
        return False
    if parsed.words > REQUEST_MAX_WORDS:
        return False  # a longer message is kept as an answer
    return parsed.confidence >= REQUEST_MIN_CONFIDENCE


# Words that add nothing to "weet ik niet": "weet niet, sorry" is still no answer.
DONT_KNOW_FILLER = frozenset(
    "ik het niet weet geen idee sorry echt hoor nee nou ook eigenlijk zo even nu dus maar "
    "volgende overslaan verder door skip graag vraag deze".split()
)


def _says_more(text: str) -> bool:
    """Whether a "weet ik niet" has a clause of its own after it: "geen idee. geld denk ik"."""
    clauses = [c for c in re.split(r"[.,;:!?]", normalise(text)) if c.strip()]
    return len(clauses) > 1 and any(w not in DONT_KNOW_FILLER for c in clauses[1:] for w in c.split())


def judge(parsed: Parsed, waiting: Waiting | None, signals: Signals, asks_for_question: bool = False) -> Judgement:
    """Decide what ``parsed`` means when the bot waits for ``waiting`` (None: no reflection).

    ``asks_for_question``: the open question asks the user for a question of their own
    (an inbrengvraag), so a question is the answer, not a question to the bot.
    """
    judgement = _judge(parsed, waiting, signals, asks_for_question)
    signal, words = signal_of(parsed, signals)
    if signal:
        return Judgement(judgement.kind, judgement.intent, judgement.choices, judgement.yes, signal, words)
    return judgement


def _judge(parsed: Parsed, waiting: Waiting | None, signals: Signals, asks_for_question: bool) -> Judgement:
    text = parsed.text
    if not text.strip():
        return Judgement("invalid", "empty")
    if only_removed_data(text, signals.placeholders):
        return Judgement("removed")
    intent = parsed.intent
    short = parsed.is_payload or parsed.words <= REQUEST_MAX_WORDS
    yes = intent == "affirm" and short
    no = intent == "deny" and short
    plain = not parsed.is_payload and not about_the_case(text, signals.casus)
    if plain and short and waiting != Waiting.CHECKIN and find_phrase(text, signals.pauze):
        return Judgement("request", "pause")  # "stop maar even", "nee niet stoppen, even pauze bedoel ik"
    if (
        waiting in CONFIRMATION_WAITS
        and plain
        and parsed.words <= NEGATION_MAX_WORDS
        and _mentions(text, NEGATIONS)
        and intent not in ("pause", "help", "distress")
    ):
        return Judgement("confirm", intent, yes=False)  # a "niet" is never a yes, whatever the NLU says
    if waiting == Waiting.CONFIRM_STOP:
        if yes or (intent == "quit" and short):
            return Judgement("confirm", intent, yes=True)
        if no or (intent == "resume" and short):
            return Judgement("confirm", intent, yes=False)
    if waiting == Waiting.CONFIRM_DELETE:
        if no or (intent == "resume" and short):
            return Judgement("confirm", intent, yes=False)
        if parsed.is_payload and intent in ("affirm", "delete_conversation"):
            return Judgement("confirm", intent, yes=True)  # the offered button
        if short and intent in ("affirm", "delete_conversation"):
            explicit = re.search(r"\b(verwijder\w*|wis\w*)\b", text.lower()) and not re.search(
                r"\b(niet|geen|nee)\b", text.lower()
            )
            return Judgement("confirm", intent, yes=True) if explicit else Judgement("unclear", intent)
    if waiting == Waiting.CHECKIN:
        # "Hoe is het nu met je?": only a clear "it goes" goes on; anything else unclear is care.
        if parsed.is_payload:
            if intent in ("resume", "affirm"):
                return Judgement("confirm", intent, yes=True)
            if intent == "distress":
                return Judgement("confirm", intent, yes=False)
        elif _goes_well(parsed, signals):
            return Judgement("confirm", intent, yes=True)  # "het gaat, ga verder"
        elif parsed.words <= CHECKIN_REPLY_MAX_WORDS and not about_the_case(text, signals.casus):
            return Judgement("confirm", intent, yes=False)  # "slecht", "moe", "weet niet": support
    if waiting in (Waiting.PAUSED, Waiting.SUPPORT, Waiting.STOPPED):
        if (yes or intent == "resume") and short:
            return Judgement("request", "resume" if intent == "resume" or waiting == Waiting.PAUSED else "pause")
        if not parsed.is_payload and _wants_to_go_on(text):
            return Judgement("request", "resume")  # "ik wilde verder" is no answer to the open question
    if waiting == Waiting.UNSURE and (yes or no):
        return Judgement("confirm", intent, yes=yes)
    if waiting in (Waiting.MORE, Waiting.SHORTCUT, Waiting.DEEPER) and (yes or no):
        return Judgement("confirm", intent, yes=yes)
    if waiting in (Waiting.MORE, Waiting.DEEPER) and not parsed.is_payload and _declines(parsed):
        # "nee ik ben er eigenlijk wel klaar mee", "klaar": no, not a new step and not a stop
        return Judgement("confirm", intent, yes=False)
    plain_short = not parsed.is_payload and parsed.words <= REQUEST_MAX_WORDS
    if waiting == Waiting.CLARIFY and plain_short and find_phrase(text, KEEP_AS_IS):
        return Judgement("request", "skip")  # the button "Laat zo" in words: the answer stays
    if waiting == Waiting.SHORTCUT and plain_short:
        if find_phrase(text, TO_THE_STEPS):
            return Judgement("confirm", intent, yes=True)
        if find_phrase(text, ON_WITH_QUESTIONS):
            return Judgement("confirm", intent, yes=False)
    if waiting == Waiting.CHOICE:
        return _judge_choice(parsed, signals)
    asked = question_to_bot(parsed, signals)
    if (
        asked == "help"
        and asks_for_question
        and parsed.words >= LEERVRAAG_MIN_WORDS
        and not ABOUT_THE_QUESTION.search(normalise(text))
    ):
        asked = None  # "kan ik de regels buigen?" is a leervraag; "wat bedoel je precies?", "moet ik dit?" are not
    if asked:
        return Judgement("request", asked)
    if (
        intent == "out_of_scope"
        and waiting in (Waiting.ANSWER, Waiting.CLARIFY)  # a follow-up question is open too
        and not parsed.is_payload
        and not _asks(text)
        and not looks_english(text, signals.engels)
        and not looks_like_gibberish(text)
        and parsed.words >= OFF_TOPIC_STATEMENT_MIN_WORDS
    ):
        # "Dat er een schriftelijke afspraak ligt die beide teams kennen." at an open question is
        # an answer, whatever the NLU thinks; off-topic is a question or a task for the bot.
        return Judgement("answer", intent)
    if _is_request(parsed, signals.casus):
        return Judgement("request", intent)
    if parsed.is_payload:
        # A payload that fits nothing here (an old button, a typed payload) is not an answer.
        return Judgement("invalid", intent)
    if not re.search(r"[^\W_]", text) or looks_like_gibberish(text):
        return Judgement("invalid", intent)  # nothing to keep: say so and ask again
    if looks_english(text, signals.engels) and not about_the_case(text, signals.casus):
        return Judgement("request", "out_of_scope")
    if _is_doubtful(parsed, signals.casus):
        return Judgement("unsure", intent)
    return Judgement("answer", intent)


def _goes_well(parsed: Parsed, signals: Signals) -> bool:
    """A reply to "hoe is het nu met je?" that says it goes: "ja", "gaat wel", "ga maar verder"."""
    if parsed.words > CHECKIN_REPLY_MAX_WORDS:
        # "gaat prima hoor, de burnout is van de klant niet van mij": it starts by saying it
        # goes, and nothing after it says otherwise about the writer.
        first = _clauses(parsed.text)[0]
        return bool(find_phrase(first, signals.geruststelling)) and signal_of(parsed, signals)[0] is None
    if find_phrase(parsed.text, signals.geruststelling) or _wants_to_go_on(parsed.text):
        return True
    return parsed.intent in ("affirm", "resume") and not _mentions(parsed.text, NEGATIONS)


def _mentions(text: str, words: frozenset[str]) -> bool:
    return bool(set(normalise(text).split()) & words)


def _wants_to_go_on(text: str) -> bool:
    """ "ik wilde verder", "verder gaan graag": after a stop, going on, not a new story."""
    words = normalise(text).split()
    going_on = any(w in ("verder", "doorgaan", "hervatten") for w in words) or "ben er weer" in " ".join(words)
    return len(words) <= 8 and going_on and not set(words) & NEGATIONS


def _is_doubtful(parsed: Parsed, case_words: Iterable[str]) -> bool:
    """A navigation request that is not clear enough to act on, nor unlikely enough to ignore."""
    if parsed.intent not in NAVIGATION_INTENTS or about_the_case(parsed.text, case_words):
        return False
    if _unnamed_interruption(parsed):
        return False
    if parsed.intent == "dont_know" and (parsed.words > DONT_KNOW_MAX_WORDS or _says_more(parsed.text)):
        return False  # "ik weet het niet zo goed, misschien intervisie": an answer, kept
    if parsed.words <= REQUEST_MAX_WORDS:
        return parsed.confidence >= UNSURE_MIN_CONFIDENCE
    return parsed.words <= 2 * REQUEST_MAX_WORDS and parsed.confidence >= REQUEST_MIN_CONFIDENCE


def _judge_choice(parsed: Parsed, signals: Signals) -> Judgement:
    numbers = signals.numbers
    chosen = [
        e["value"] for e in parsed.entities if e.get("entity") == "bouwopgave" and e.get("value") in numbers.values()
    ]
    if not chosen and not parsed.is_payload:
        for token in re.findall(r"\w+", parsed.text.lower()):
            number = int(token) if token.isdecimal() else NUMBER_WORDS.get(token)
            if number in numbers:
                chosen.append(numbers[number])
    if chosen:
        return Judgement("choice", parsed.intent, choices=chosen)
    if parsed.intent == "affirm" and (parsed.is_payload or parsed.words <= REQUEST_MAX_WORDS):
        return Judgement("choice", parsed.intent, choices=None)
    if parsed.intent == "choose_bouwopgave":
        return Judgement("choice", parsed.intent, choices=[])
    asked = question_to_bot(parsed, signals)
    if asked:
        return Judgement("request", asked)
    if _is_request(parsed):
        return Judgement("request", parsed.intent)
    return Judgement("invalid", parsed.intent)


def match_flow(flows: Iterable[Flow], text: str) -> str | None:
    """The flow whose title, id or startwoorden ``text`` names most, if any.

    This is how a flow that exists only as a content file can be started in the user's
    own words, without new NLU training data.
    """
    lowered = " ".join(text.lower().split())
    best, best_score = None, 0
    for flow in flows:
        words = [flow.titel.lower(), flow.id, *(w.lower() for w in flow.startwoorden)]
        score = sum(len(w) for w in words if re.search(r"(?<!\w)" + re.escape(w) + r"(?!\w)", lowered))
        if score > best_score:
            best, best_score = flow.id, score
    return best
