"""Judging a user message, once, in the light of what the bot waits for.

Every message is judged here exactly once (``judge``), and what is judged is what runs
(``bot/turn.py``): Rasa's NLU supplies an intent and its confidence, this module decides.

At every question the bot must decide: is this an answer to keep, or a request (uitleg,
overslaan, terug, pauze, stoppen, ...)? Professionals write case sentences full of words
that look like commands ("de klant wilde stoppen"), so a request counts only when the NLU
is confident *and* the message is short. Anything else at an open question is an answer:
an answer must never be lost.

Apart from that, each message is read for signals (stepped care, bot/signals.py): explicit
danger and strain. They come with the judgement, whatever else the message asks, and
``bot/turn.py`` puts them first.

Button payloads ("/skip") are exact: their intent is taken as is.

Why one module of this length: the judgement is one ordered list of rules (``_judge``),
read top to bottom; the helpers it uses are next to the rules that need them. The phrases
and the signals are in bot/phrases.py and bot/signals.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from bot.dates import names_a_day
from bot.engine import Waiting
from bot.model import Flow
from bot.phrases import NUMBER_WORDS, find_phrase, normalise
from bot.requests import NAVIGATION_INTENTS, REQUEST_INTENTS, TEAM_REQUESTS
from bot.signals import Signals, about_the_case, asks_to_shorten, clauses, signal_of
from bot.wording import NAME_EDGE_WORDS, name_parts

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
# A reply to the check-in of at most this many words is about how it goes, not about the case.
CHECKIN_REPLY_MAX_WORDS = 8
# "weet ik niet" is a request only this short; "ik weet het niet zo goed, misschien
# intervisie" says more and is kept as an answer.
DONT_KNOW_MAX_WORDS = 5
# A question to the bot is short; a longer message with a question mark is about the case.
QUESTION_MAX_WORDS = 20


CONFIRMATION_WAITS = (Waiting.CONFIRM_STOP, Waiting.CONFIRM_DELETE, Waiting.CHECKIN)
# "Bewaren" typed at "bewaar ik dit als antwoord, of ...?" instead of clicking it.
KEEP_IT = re.compile(r"\s*(?:ja[, ]+)?(?:bewaar|bewaren)(?: (?:maar|het|dat|dit|als antwoord|graag))*\s*[.!]*\s*")
# ... and its other button typed: "Nee, ik bedoelde uitleg" was kept as the answer (a tester).
MEANT_THE_REQUEST = re.compile(r"\s*nee[,.]?\s+(?:ik\s+)?bedoel(?:de)?\b[^.?!]{0,40}[.!]*\s*")
# Its buttons typed at "vervangen of erbij zetten?" (Waiting.REPLACE), as the whole message: a
# sentence with "erbij" in it ("beide ouders waren erbij") is a text of its own, added too.
_FILL = r"(?:\s+(?:maar|graag|het|dat|dit|alsjeblieft|aub|svp|ze|allebei))*"
REPLACE_IT = re.compile(
    r"\s*(?:(?:ja|ok|oké|okee)[,. ]+)?(?:vervang(?:en)?|het nieuwe(?: antwoord)?)" + _FILL + r"\s*[.!]*\s*"
)
ADD_IT = re.compile(
    r"\s*(?:(?:nee|ok|oké|okee)[,. ]+)?(?:zet\s+(?:het\s+|ze\s+)?erbij|erbij|toevoegen|voeg\s+(?:het\s+)?toe"
    r"|allebei(?:\s+bewaren)?|beide(?:\s+bewaren)?|bewaar\s+(?:ze\s+)?(?:allebei|beide))" + _FILL + r"\s*[.!]*\s*"
)
# Back at a question answered before: the earlier answer (or choice) is right, as its button "Laat
# staan" says ("klopt nog" was taken as a new answer, then as "Vervang het": a tester).
KEEP_EARLIER = re.compile(
    r"\s*(?:(?:ja|nee|oh|ok|oké)[,. ]+)*(?:dat |het |die )?(?:klopt(?: nog(?: steeds| wel)?| wel)?"
    r"|laat (?:het |dat |die |hem |maar |zo )*staan|laat maar|is nog (?:steeds )?goed|blijft (?:zo|staan)"
    r"|nog steeds zo|zo laten|houden zo)(?: hoor| graag| maar)?\s*[.!]*\s*"
)
# ... and a text meant for the next question: "oh nee dat was voor de volgende vraag".
FOR_THE_NEXT = re.compile(r"\b(?:volgende vraag|voor de volgende|bij de volgende|geen van beide)\b")
# At the question after, a correction of the answer before: "nee wacht, de kern is eigenlijk dat ..."
# (a tester's was kept as the answer to the next question). Not "wacht" alone: people think aloud.
CORRECTS_THE_LAST = re.compile(
    r"^\s*(?:(?:nee|neen|oh|o|oeps|oei|sorry)[\s,.!]+wacht(?:\s+even|\s+eens)?"
    r"|(?:nee\s+|sorry[\s,]+|oeps[\s,]+)?(?:ik bedoel(?:de)?\s+)?(?:bij|over|op) de vorige vraag(?:\s+nog)?"
    r"|correctie(?:\s+op de vorige)?)\b[\s,.:!-]*(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)
CORRECTION_MIN_WORDS = 3  # what the correction says: "nee wacht, toch niet" is no new answer


def corrects_the_last(text: str) -> str | None:
    """What a message that corrects the answer before says instead of it; "" when it says too
    little for an answer ("nee wacht", "nee wacht, toch niet": back to it); ``None`` when the
    message corrects nothing."""
    found = CORRECTS_THE_LAST.match(text)
    if not found:
        return None
    # "nee wacht, dat klopt niet, de jongere was er ook bij": the words after what says it is wrong
    # (a tester's answer read "dat klopt niet, de jongere was er ook bij")
    rest = SAYS_WRONG.sub("", found.group("rest").strip())
    if ONLY_WRONG.fullmatch(rest):
        return ""  # "nee wacht, dat klopt niet": back to it
    # "nee wacht, dat moet 5 zijn": 5, not the sentence (a tester's summary kept the sentence)
    value = CORRECTED_VALUE.fullmatch(rest)
    if value:
        return (value.group("it") or value.group("meant")).strip()
    return rest if len(rest.split()) >= CORRECTION_MIN_WORDS else ""


# What a correction says the answer is: "dat moet 5 zijn", "het had 'regie' moeten zijn", "ik bedoel 5".
CORRECTED_VALUE = re.compile(
    r"(?:(?:dat|het|dit)\s+(?:moet|moest|had|zou|is|was)\s+(?:eigenlijk\s+|gewoon\s+|natuurlijk\s+)?"
    r"(?P<it>.+?)\s+(?:moeten\s+zijn|zijn|wezen)"
    r"|(?:ik\s+)?bedoel(?:de)?\s+(?:eigenlijk\s+)?(?P<meant>.+?))\s*[.!]*",
    re.IGNORECASE | re.DOTALL,
)


ONLY_WRONG = re.compile(
    r"(?:(?:dat|het|dit)\s+)?(?:klopt\s+(?:niet|ook\s+niet|eigenlijk\s+niet)|is\s+(?:niet\s+goed|fout|verkeerd))"
    r"(?:\s+helemaal)?[\s,.:;!-]*",
    re.IGNORECASE,
)
SAYS_WRONG = re.compile(
    r"^(?:(?:dat|het|dit)\s+)?(?:klopt\s+(?:niet|ook\s+niet|eigenlijk\s+niet)|is\s+(?:niet\s+goed|fout|verkeerd))"
    r"(?:\s+helemaal)?[\s,.:;!-]+(?=\S)",
    re.IGNORECASE,
)


NEGATION_MAX_WORDS = 6  # "nee, liever niet"; a longer sentence with "niet" in it is about something else
NEGATIONS = frozenset({"nee", "niet", "geen", "nope", "neen", "nah"})


@dataclass(frozen=True)
class Parsed:
    """The parts of Rasa's parse result that the judgement needs."""

    text: str
    intent: str | None
    confidence: float
    entities: tuple[dict[str, Any], ...] = ()
    distress_likelihood: float = 0.0  # the NLU's confidence in distress, also when not on top
    ranking: tuple[tuple[str, float], ...] = ()  # the NLU's other guesses, best first
    # The signal model's likelihoods (components/signaal.py): danger, and strain.
    model_danger: float = 0.0
    model_strain: float = 0.0

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
        model = message.get("signaal") or {}
        return cls(
            (message.get("text") or "").replace(NOT_A_PAYLOAD, ""),
            intent.get("name"),
            float(intent.get("confidence") or 0.0),
            tuple(message.get("entities") or ()),
            ranking.get("distress", 0.0),
            tuple(ranking.items()),
            float(model.get("gevaar") or 0.0),
            float(model.get("spanning") or 0.0),
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
# Where the open question asks for a question of the user's own (a leervraag), only these
# ask the bot about its question: "wat bedoel je precies, voor mij of voor de inwoner?".
# ... as does a question shorter than a leervraag.
LEERVRAAG_MIN_WORDS = 5
ABOUT_THE_QUESTION = re.compile(r"\b(?:bedoel\w*|vraag je|verwacht je|wil je weten|versta je onder|voor mij of voor)\b")


QUESTION_TAIL_MAX_WORDS = 5  # after the "?" of a question to the bot: "het waren er twee"


def question_to_bot(parsed: Parsed, signals: Signals) -> str | None:
    """``progress`` or ``help`` when the message asks the bot about the reflection itself."""
    if parsed.is_payload or parsed.words > QUESTION_MAX_WORDS:
        return None
    if find_phrase(parsed.text, signals.voortgang):
        return "progress"
    # Asked up to a "?", also with a few words after it: "welke bedoel je, de schuldhulpverlener of
    # de Wmo-consulent? het waren er twee" was kept as the answer (a tester).
    asked, mark, after = parsed.text.strip().rpartition("?")
    asks = bool(mark) and len(after.split()) <= QUESTION_TAIL_MAX_WORDS
    if asks and MAY_I_SKIP.search(normalise(asked)):
        return "skip"  # "mag ik dit overslaan?" got the explanation (a tester): yes, it may
    if asks and find_phrase(asked, signals.vraag):
        return "help"
    return None


# Asking leave to skip the question: "mag ik dit overslaan?", "kunnen we deze overslaan?".
MAY_I_SKIP = re.compile(r"^(?:mag|kan|kun|kunnen|moet) (?:ik|je|we|jij) (?:\S+ ){0,3}(?:overslaan|skippen)\b")


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
    # "nee dit was het" to "weet je er al een dag bij?" was kept as the day (a tester)
    "dit was het",
    "dat was het",
)
# At "meteen naar de verbeterstappen, of door met de volgende vraag?": the two answers in words.
TO_THE_STEPS = ("naar de verbeterstappen", "meteen naar", "naar de stappen", "verbeterstap*")
# "door" and "verder" alone too: a tester's "door" was kept as the answer to a question not yet shown.
ON_WITH_QUESTIONS = ("volgende vraag", "door met de vragen", "ga door met", "gewoon door", "door", "verder", "doorgaan")


def only_no(text: str) -> bool:
    """ "nee", "nee hoor", "nee dank je": a no and nothing more."""
    words = normalise(text).replace(".", " ").replace(",", " ").split()
    return (
        0 < len(words) <= 3
        and words[0] in ("nee", "neen", "nope", "nah")
        and all(w in ("nee", "neen", "nope", "nah", "hoor", "dank", "je", "joh", "eigenlijk", "niet") for w in words)
    )


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
# eigenlijk, ik heb het laten gebeuren" is no pause (found by a tester), nor is "ik heb gebeld met
# wmo maar niemand heeft terug gebeld" (found holding a conversation). Every longer pause
# and stop of the NLU data has one of these (tests/test_interpret.py).
INTERRUPTION_WORDS = {
    "pause": re.compile(
        r"\b(?:pauz\w*|stop\w*|even|later|straks|moment|break|adem\w*|rust\w*|koffie|thee|weg|terug(?! ?gebeld)|"
        r"wacht\w*|loop\w*|bel\w*|telefoon|vergader\w*|afspraak|overleg|lunch|eten|kind\w*|school|ophalen|klaar|genoeg|"
        r"morgen|vanavond|verder|word\w* gebeld|lunch\w*|momentje)\b(?<!in de weg)",
        re.IGNORECASE,
    ),
    "quit": re.compile(
        r"\b(?:stop\w*|klaar|ophouden|afsluit\w*|afbreken|afmaken|einde|eind|genoeg|beëindig\w*|kappen|kap|weg|"
        r"uit|exit|quit|later|verder|niet meer|zin|behoefte|hou\w* (?:maar )?op|sluit\w*|eruit|\w*haa?k\w*|breek\w*|"
        r"hierbij|end|laat (?:ook )?maar zitten|stekker|mooi geweest|voor gezien)\b(?<!in de weg)",
        re.IGNORECASE,
    ),
    # "geen nieuwe casussen meer waarbij we pas achteraf horen van wmo" (a verbeterstap's sign of
    # success) was a new conversation at 0.91, asked as a stop, and "ja nog een" stopped (a tester).
    "new_conversation": re.compile(
        r"\b(?:opnieuw|overnieuw|nieuw\w* (?:gesprek|reflectie|sessie|begin|start)|ander\w* gesprek|reset|herstart\w*|"
        r"van voren|vanaf (?:het begin|nul)|schone lei|begin\w*|start\w*)\b",
        re.IGNORECASE,
    ),
}
# From this many words on, a pause or stop must name itself: "gebeld met iedereen" was a pause and
# "no-show = afsluiten, dat protocol zat in de weg" a stop, and each answer was lost (a tester).
INTERRUPTION_MIN_WORDS = 3


def _unnamed_interruption(parsed: Parsed) -> bool:
    """A longer message the NLU calls a pause or a stop without a word that names one; or a shorter
    one of more than a word that it is not sure of ("vaker afstemmen" at "Wat had je anders kunnen
    doen?" was a stop at 0.51, asked as one, and the next answer was added to it)."""
    named = INTERRUPTION_WORDS.get(parsed.intent or "")
    long_enough = parsed.words >= INTERRUPTION_MIN_WORDS or (
        parsed.words > 1 and parsed.confidence < REQUEST_MIN_CONFIDENCE
    )
    return bool(named and long_enough and not named.search(parsed.text))


# A no in few words, which the NLU may take for "I don't know": the answer is kept.
NOT_REALLY = re.compile(
    r"(?:nee,? )?(?:niet echt|eigenlijk niet|niet zo|niet zo erg|nauwelijks|amper|niet bepaald|niet heel erg|"
    r"niet dat ik weet|bijna niet|niet of nauwelijks)(?: nee| hoor| eigenlijk)?"
)


def _not_really(parsed: Parsed) -> bool:
    return parsed.intent == "dont_know" and bool(NOT_REALLY.fullmatch(normalise(parsed.text).replace(" .", "").strip()))


# Naming the question meant, after going back to another one: "nee niet deze, die over mijn rol"
# (a tester's was kept as the answer to the question it went back to); "ik bedoel de vraag over ...".
NAMES_THE_QUESTION = re.compile(
    r"^\s*(?:nee[\s,]+)?(?:(?:niet deze|niet die)(?: vraag)?[\s,.]+(?:maar\s+)?|ik bedoel(?:de)?\s+|bedoel\s+)"
    r"(?:de vraag|die|dat|het antwoord|mijn antwoord)(?: van)? over\b[^.?!]{0,40}[.!]*\s*$"
)


# Asking to change one's own earlier answer goes back to that question: "Ik wil eerst mijn
# antwoord over mijn taak nog veranderen" was kept as the answer to the open question (a tester).
# Not "de inwoner wilde zijn antwoord aanpassen".
CHANGE_MY_ANSWER = re.compile(
    r"\b(?:mijn|m'n|mn|me) (?:vorige |eerdere |eerste |laatste )?antwoord\b.{0,40}?"
    r"\b(?:veranderen|verander|aanpassen|aan te passen|pas \w+ aan|wijzigen|wijzig|verbeteren|anders|"
    r"terug|overdoen|opnieuw)\b"
    r"|\b(?:verander|pas|wijzig|verbeter)\w* (?:ik |we )?(?:eerst |nog )*(?:even )?(?:mijn|m'n|mn) "
    r"(?:vorige |eerdere |laatste )?antwoord\b"
)


# Said before a remark about the talk, these leave it one: "Zo, ik ben er weer", "oké sorry, ik ben terug".
REMARK_LEAD_IN = re.compile(r"^\s*(?:(?:zo|oké|oke|okee|ok|sorry|sorrie|hoi|hallo|hey|hé|pff+|zucht)[\s,.!]+)+", re.I)


def is_back(text: str, signals: Signals) -> bool:
    """Whether ``text`` opens by saying the writer is back ("zo, ik ben er weer. moest even weg"):
    after a pause, what follows tells why they were away, no new pause."""
    remark = find_phrase(REMARK_LEAD_IN.sub("", text), signals.over_het_gesprek)
    return remark is not None and bool(re.search(r"\b(?:weer|terug)\b", remark))


def _is_request(parsed: Parsed, case_words: Iterable[str] = (), help_words: Iterable[str] = ()) -> bool:
    if parsed.intent not in REQUEST_INTENTS:
        return False
    if parsed.is_payload:
        return True
    if _unnamed_interruption(parsed):
        return False
    if parsed.intent == "help" and _unnamed_help(parsed, help_words):
        return False  # "dat je eerst samen moet kijken voor je een plicht oplegt": asked, not dropped
    if parsed.intent in TEAM_REQUESTS and not (_asks(parsed.text) or find_phrase(parsed.text, TEAM_WORDS)):
        return False  # "ik neem het mee naar de intervisie" is an answer, not the team's overview
    if parsed.intent == "distress":
        return False  # distress is a signal (signal_of), never a request by the NLU alone
    if parsed.intent == "shortcut" and not asks_to_shorten(parsed.text):
        return False  # "een korte route naar schuldhulp" is a verbeterstap, not a request to the bot
    if about_the_case(parsed.text, case_words):
        return False  # "de klant wilde stoppen" is about the case, not about this conversation
    if parsed.intent == "dont_know" and (parsed.words > DONT_KNOW_MAX_WORDS or _says_more(parsed.text)):
        return False
    if parsed.intent == "dont_know" and not _says_not_knowing(parsed.text):
        return False  # "beetje schuldig" to "Wat dacht en voelde je?" is a feeling (a tester's was dropped)
    if _not_really(parsed):
        return False  # "niet echt" to "was er nog iemand anders bij betrokken?" is a no (a tester)
    if parsed.words > REQUEST_MAX_WORDS:
        return False  # a longer message is kept as an answer
    return parsed.confidence >= REQUEST_MIN_CONFIDENCE


# A statement that asks for no explanation in words is no clear request for help, whatever the
# NLU says: at a follow-up, "dat je eerst samen moet kijken voor je een plicht oplegt" had help
# at 0.61 and the answer was lost. It is asked about instead (kept, or the explanation). A
# statement: at least this many words, no "?", no question word or imperative first, and none
# of the words people ask for help with (`verzoek_uitleg` in content/signalen.yml, or these).
HELP_STATEMENT_MIN_WORDS = 5
HELP_WORDS = (
    "help*",
    "hulp",
    "voorbeeld*",
    "toelichting",
    "uitleg*",
    "bedoel*",
    "snap * niet",
    "begrijp * niet",
    "geen idee wat",
    "kun je",
    "kan je",
    "kunt u",
    "mag ik",
    "moet ik",
)
HELP_ASKING_STARTS = frozenset({"mag", "moet", "welk", "leg", "waarover", "wanneer"})


# ... nor is one longer word alone: "casusregie" to "wat was jouw taak of rol?" had help from the
# NLU, and the explanation came instead of the answer (found holding a conversation in the chat
# page); it is asked about instead. "huh", "wat" and "uitleg" stay asking.
HELP_WORD_MIN_LETTERS = 6


def _unnamed_help(parsed: Parsed, help_words: Iterable[str]) -> bool:
    first = (normalise(parsed.text).split() or [""])[0]
    one_word = parsed.words == 1 and len(parsed.text.strip()) >= HELP_WORD_MIN_LETTERS
    return (
        (parsed.words >= HELP_STATEMENT_MIN_WORDS or one_word)
        and "?" not in parsed.text
        and not _asks(parsed.text)
        and first not in HELP_ASKING_STARTS
        and not find_phrase(parsed.text, (*help_words, *HELP_WORDS))
    )


# A team request (overview, close, withdraw) by the NLU alone names the session or what is shared,
# or is put as a question or a task: "ik neem het mee naar de intervisie" had team_overview at
# 0.88 (the held-out set, tests/nlu/heldout.yml) and the answer was lost.
TEAM_WORDS = (
    "team*",
    "sessie*",
    "overzicht*",
    "gedeeld*",
    "deel*",
    "delen",
    "deling",
    "code",
    "agenda",
    "voorbereiding*",
    "ingevuld",
    "intrek*",
    "trek * in",
    "bijdrage",
    "sluit*",
    "dicht",
)


# Words that add nothing to "weet ik niet": "weet niet, sorry" is still no answer.
DONT_KNOW_FILLER = frozenset(
    "ik het niet weet geen idee sorry echt hoor nee nou ook eigenlijk zo even nu dus maar "
    "volgende overslaan verder door skip graag vraag deze".split()
)


# A "weet ik niet" says so in one of these words (the NLU, trained on "ik moet het antwoord schuldig
# blijven", took "beetje schuldig" for one).
NOT_KNOWING_WORDS = frozenset(
    "weet weten wist idee benul geen niet niks nee no lastig moeilijk twijfel onbekend overzien beoordelen "
    "zicht beeld idea idk vermoeden ontgaat tja hmm hm pff pfff zeggen antwoord antwoorden inschatten hoogte "
    "weinig snap begrijp pas".split()
)


def _says_not_knowing(text: str) -> bool:
    words = set(re.findall(r"[a-zà-ÿ]+", text.lower()))
    return not words or bool(words & NOT_KNOWING_WORDS) or "?" in text


def _says_more(text: str) -> bool:
    """Whether a "weet ik niet" has a clause of its own after it: "geen idee. geld denk ik"."""
    clauses = [c for c in re.split(r"[.,;:!?]", normalise(text)) if c.strip()]
    return len(clauses) > 1 and any(w not in DONT_KNOW_FILLER for c in clauses[1:] for w in c.split())


def judge(
    parsed: Parsed,
    waiting: Waiting | None,
    signals: Signals,
    asks_for_question: bool = False,
    job_told: bool = False,
) -> Judgement:
    """Decide what ``parsed`` means when the bot waits for ``waiting`` (None: no reflection).

    ``asks_for_question``: the open question asks the user for a question of their own
    (an inbrengvraag), so a question is the answer, not a question to the bot.
    ``job_told``: the writer told earlier that they go to other work (bot.signals.signal_of).
    """
    judgement = _judge(parsed, waiting, signals, asks_for_question)
    signal, words = signal_of(parsed, signals, job_told)
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
    if (
        plain
        and short
        and find_phrase(text, signals.pauze)
        and not (waiting == Waiting.PAUSED and is_back(text, signals))
    ):
        # "stop maar even", "nee niet stoppen, even pauze bedoel ik"; at the check-in too, which
        # offers it ("We kunnen ook even stoppen"): "gewoon even pauze aub, was een rotdag" got the
        # whole support message (a tester).
        return Judgement("request", "pause")
    named = _request_named(text, signals) if plain and short and intent in NAVIGATION_INTENTS else None
    if named and named != intent:
        # "wacht even, vorige vraag": the NLU heard a pause and was unsure; the words ask to go back.
        return Judgement("request", named)
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
        elif set(normalise(text).replace(".", " ").split()) <= SAYS_NOTHING:
            # "hoi", "hmm": no answer to how it goes; asked again, not the support message (a tester)
            return Judgement("invalid", intent)
        elif parsed.words <= CHECKIN_REPLY_MAX_WORDS and not about_the_case(text, signals.casus):
            return Judgement("confirm", intent, yes=False)  # "slecht", "moe", "weet niet": support
        elif parsed.words <= 2 * CHECKIN_REPLY_MAX_WORDS and find_phrase(clauses(text)[0], NOT_WELL):
            # "eerlijk gezegd niet zo goed. maar ik wil dit wel afmaken" was added to the answer
            # before it (a tester): it says first how it goes; support, which offers to go on
            return Judgement("confirm", intent, yes=False)
    if waiting in (Waiting.PAUSED, Waiting.SUPPORT, Waiting.STOPPED):
        if waiting == Waiting.SUPPORT and not parsed.is_payload and find_phrase(text, signals.pauze):
            # After the support message a pause said in any length: "ik heb nu 113 gebeld en ze helpen
            # me, ik wil de reflectie later afmaken" is no answer to the open question.
            return Judgement("request", "pause")
        if (yes or intent == "resume") and short:
            return Judgement("request", "resume" if intent == "resume" or waiting == Waiting.PAUSED else "pause")
        if not parsed.is_payload and _wants_to_go_on(text):
            return Judgement("request", "resume")  # "ik wilde verder" is no answer to the open question
    if waiting in (Waiting.ANSWER, Waiting.CLARIFY) and not parsed.is_payload and _only_goes_on(text):
        # At a follow-up, what its button "Verder met de volgende vraag" does; at a question,
        # "ik wilde verder" after a pause already ended: no answer, the question again.
        return Judgement("request", "skip" if waiting == Waiting.CLARIFY else "resume")
    if waiting in (Waiting.UNSURE, Waiting.REPLACE) and (yes or no):
        return Judgement("confirm", intent, yes=yes)
    if waiting == Waiting.REPLACE and (REPLACE_IT.fullmatch(text.lower()) or ADD_IT.fullmatch(text.lower())):
        return Judgement("confirm", intent, yes=REPLACE_IT.fullmatch(text.lower()) is not None)
    if waiting == Waiting.UNSURE and KEEP_IT.fullmatch(text.lower()):
        return Judgement("confirm", intent, yes=True)  # its button typed: "bewaren" was added to the answer
    if waiting == Waiting.UNSURE and MEANT_THE_REQUEST.fullmatch(text.lower()):
        return Judgement("confirm", intent, yes=False)  # "Nee, ik bedoelde uitleg": the request it looked like
    if waiting in (Waiting.MORE, Waiting.SHORTCUT, Waiting.DEEPER) and (yes or no):
        return Judgement("confirm", intent, yes=yes)
    if waiting in (Waiting.MORE, Waiting.DEEPER) and not parsed.is_payload and _declines(parsed):
        # "nee ik ben er eigenlijk wel klaar mee", "klaar": no, not a new step and not a stop
        return Judgement("confirm", intent, yes=False)
    plain_short = not parsed.is_payload and parsed.words <= REQUEST_MAX_WORDS
    if waiting == Waiting.CLARIFY and plain_short and find_phrase(text, KEEP_AS_IS):
        return Judgement("request", "skip")  # the button "Laat zo" in words: the answer stays
    if (
        waiting == Waiting.CLARIFY
        and plain_short
        and set(normalise(text).replace(".", " ").split()) <= DONT_KNOW_FILLER
    ):
        return Judgement("request", "skip")  # "weet ik niet" to "weet je er al een dag bij?": as it is
    if waiting == Waiting.CLARIFY and plain_short and only_no(text):
        # "nee" to "kun je die stap concreter maken?" or "weet je er al een dag bij?": leave it
        # as it is, the way "Laat zo" does; as an answer it would be kept as "nee".
        return Judgement("request", "skip")
    if waiting == Waiting.SHORTCUT and plain_short:
        if find_phrase(text, TO_THE_STEPS):
            return Judgement("confirm", intent, yes=True)
        if find_phrase(text, ON_WITH_QUESTIONS):
            return Judgement("confirm", intent, yes=False)
    if waiting == Waiting.CHOICE:
        return _judge_choice(parsed, signals)
    changes_an_answer = (
        CHANGE_MY_ANSWER.search(text.lower()) or NAMES_THE_QUESTION.match(text.lower())
    ) and parsed.words <= REQUEST_MAX_WORDS
    if waiting in (Waiting.ANSWER, Waiting.CLARIFY) and plain and changes_an_answer:
        return Judgement("request", "go_back")  # "ik wil eerst mijn antwoord over mijn taak nog veranderen"
    if (
        waiting in (Waiting.ANSWER, Waiting.CLARIFY)
        and plain_short
        and plain
        and "shortcut" in signals.requests_in(text)
    ):
        return Judgement("request", "shortcut")  # "kunnen we het kort houden?", whatever the NLU says
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
        and (parsed.words >= OFF_TOPIC_STATEMENT_MIN_WORDS or names_a_day(text))
    ):
        # "Dat er een schriftelijke afspraak ligt die beide teams kennen." at an open question is
        # an answer, whatever the NLU thinks; off-topic is a question or a task for the bot. So is
        # a day in fewer words: "morgen bellen" as when a step is set got "Daar kan ik je helaas niet
        # mee helpen" (a tester, who had just said "ik ga zo onderuit").
        return Judgement("answer", intent)
    next_something = NEXT_SOMETHING.search(text.lower())
    if intent == "skip" and not parsed.is_payload and next_something and not signals.requests_in(text):
        # "volgende teamoverleg" as the wanneer of a step was skipped, and the answer lost (a tester)
        return Judgement("answer", intent)
    if (
        intent == "quit"
        and not parsed.is_payload
        and QUIT_IN_A_SENTENCE.search(text.lower())
        and "quit" not in signals.requests_in(text)
    ):
        # "Afspraak op papier: eerst bellen, dan pas stoppen." (quit, 0.76) asked "Wil je stoppen?",
        # and after "Nee, doorgaan" the answer was gone, again each time it was typed (a tester)
        return Judgement("unsure", intent)
    if (
        intent == "start_flow"
        and waiting in (Waiting.ANSWER, Waiting.CLARIFY)
        and not parsed.is_payload
        and not _asks(text)
        and not ASKS_TO_START.search(text.lower())
    ):
        # "Casus inbrengen bij intervisie donderdag" as a verbeterstap was heard as starting the
        # intervisie flow (0.69): "We zijn al bezig met een reflectie", and the answer was lost (a tester).
        return Judgement("answer", intent)
    if _is_request(parsed, signals.casus, signals.verzoeken.get("help", ())):
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
    if waiting in (Waiting.ANSWER, Waiting.CLARIFY) and parsed.words > REQUEST_MAX_WORDS and OPENS_ASKING.match(text):
        # "hoe bedoel je het andere domein, er zat eigenlijk niemand van de Participatiewet bij, ..."
        # was kept as the answer (a tester): a question and an answer; asked which it is.
        return Judgement("unsure", "help")
    return Judgement("answer", intent)


# "volgende" before something other than the question names a moment or a thing, not the next
# question: "volgende teamoverleg", "de volgende keer" (not "volgende graag", "de volgende").
# Nor "volgende stap", "volgende punt": the next part of the talk.
NEXT_SOMETHING = re.compile(
    r"\bvolgende (?!(?:vraag|vragen|graag|please|pls|aub|alsjeblieft|maar|dan|svp|stap|punt|onderdeel|ding|deel"
    r"|stuk)\b)[a-z]"
)


# Words that ask to start another conversation: "ik wil een intervisie voorbereiden", "nieuwe
# reflectie", "opnieuw"; not "ik wil de casus inbrengen bij de intervisie" (a verbeterstap).
ASKS_TO_START = re.compile(
    r"\b(?:opnieuw|nieuw\w* (?:gesprek|reflectie|sessie)|ander\w* (?:gesprek|reflectie|flow)"
    r"|(?:wil|wilde|zou|graag|liever|kan ik|mag ik)\b.{0,40}\b(?:voorbereid\w*|verken\w*|begin\w*|start\w*))\b"
)


# "stoppen" inside a sentence about something else: after a colon, or after "pas", "eerst", "dan"
# ("dan pas stoppen", "de uitkering moet niet meteen stoppen").
QUIT_IN_A_SENTENCE = re.compile(
    r":|\b(?:pas|eerst|dan|niet|nooit|meteen|direct|gewoon) (?:\w+ )?(?:stop|stopt|stoppen|gestopt)\b"
)


# Said first to "hoe is het nu met je?", these say it does not go well, whatever follows.
NOT_WELL = ("niet zo goed", "niet goed", "niet zo best", "niet best", "slecht", "beroerd", "rot", "zwaar")


# Said to "hoe is het nu met je?", these say nothing yet: the question is asked again.
SAYS_NOTHING = frozenset(
    {"hoi", "hallo", "hey", "hee", "hmm", "hm", "hmmm", "huh", "eh", "ehm", "uhm", "uh", "nou", "?"}
)

# Said to "hoe is het nu met je?", these say it goes, though they reassure no one elsewhere: a
# reserved writer opens strain with them ("Gaat wel. Zit alleen een knoop in mijn buik").
# "Dank je, dat is lief. Het gaat echt, ik wil het afronden." (a tester's reply to the check-in was
# added to the answer before it).
IT_GOES = ("gaat wel", "het gaat echt", "het gaat .", "gaat echt wel")


def _goes_well(parsed: Parsed, signals: Signals) -> bool:
    """A reply to "hoe is het nu met je?" that says it goes: "ja", "gaat wel", "ga maar verder"."""
    says_so = (*signals.geruststelling, *IT_GOES)
    if parsed.words > CHECKIN_REPLY_MAX_WORDS:
        # "gaat prima hoor, de burnout is van de klant niet van mij": it starts by saying it
        # goes, and nothing after it says otherwise about the writer.
        first = clauses(parsed.text)[0]
        return bool(find_phrase(first, says_so)) and signal_of(parsed, signals)[0] is None
    if find_phrase(parsed.text, says_so) or _wants_to_go_on(parsed.text):
        return True
    return parsed.intent in ("affirm", "resume") and not _mentions(parsed.text, NEGATIONS)


def _request_named(text: str, signals: Signals) -> str | None:
    """The one request whose words (content/signalen.yml, ``verzoek_*``) ``text`` has, if only one."""
    named = signals.requests_in(text)
    return named[0] if len(named) == 1 else None


def ends_going_on(text: str, signals: Signals, reassured: bool = True) -> bool:
    """Whether the last clause of ``text`` says to go on ("nee zo erg is het niet hoor, schrik
    niet. ik ben gewoon op. ga maar verder") or, with ``reassured``, that it goes ("ik ben gewoon
    op, valt wel mee"); "het gaat wel, maar ik slaap al weken slecht" ends with the strain."""
    parts = [part for part in re.split(r"[.,;:!?\n]+", text) if part.strip()] or [text]
    last = parts[-1]
    if _only_goes_on(last) or find_phrase(last, GO_ON):
        return True
    # Not "gaat wel" (IT_GOES): after strain it rather hides it ("ik trek het niet meer, gaat wel").
    return reassured and bool(find_phrase(last, signals.geruststelling))


# Said last, these go on, however long the message before them.
GO_ON = (
    "ga * verder .",
    "ga * door .",
    "laten we * verder* .",
    "we gaan * verder .",
    "door met de vragen .",
    "wil * afronden .",
    "laten we * afronden .",
)


def _mentions(text: str, words: frozenset[str]) -> bool:
    return bool(set(normalise(text).split()) & words)


def _wants_to_go_on(text: str) -> bool:
    """ "ik wilde verder", "verder gaan graag": after a stop, going on, not a new story."""
    words = normalise(text).split()
    going_on = any(w in ("verder", "doorgaan", "hervatten") for w in words) or "ben er weer" in " ".join(words)
    return len(words) <= 8 and going_on and not set(words) & NEGATIONS


# Words around "verder" in a message that only says to go on: "huh, ik wilde eigenlijk gewoon verder".
GOING_ON = frozenset({"verder", "door", "doorgaan", "hervatten"})
GOING_ON_FILLER = frozenset(
    {"ik", "we", "wil", "wilde", "wou", "ga", "gaan", "graag", "maar", "nu", "dan", "even", "eigenlijk", "gewoon"}
    | {"huh", "hè", "he", "ok", "oké", "oke", "ja", "nee", "aub", "svp", "pls", "hoor", "toch", "."}
)


def _only_goes_on(text: str) -> bool:
    """A message that says nothing but to go on: "ik wilde verder", not "verder komen met de inwoner"."""
    words = set(normalise(text).split())
    return bool(words & GOING_ON) and words <= GOING_ON | GOING_ON_FILLER


# A longer message that opens by asking what the question means.
OPENS_ASKING = re.compile(
    r"^\s*(?:(?:maar|en|ok|oké|oke|sorry|hmm|eh|uh)[\s,]+)*(?:hoe|wat) bedoel (?:je|jij|u)\b"
    r"|^\s*(?:(?:maar|en|ok|oké|oke|sorry|hmm|eh|uh)[\s,]+)*wat (?:betekent|wordt (?:er )?bedoeld met)\b",
    re.IGNORECASE,
)


# The four vensters by name: a message that opens with nothing but them answers a question that
# asks which venster played ("Welke vensters spelen mee?"), whatever the NLU says; the names of
# the vensters are in its explanations' examples too ("uitleg organisatie").
VENSTER_WORDS = frozenset(
    "inwoner inwoners professional professionals organisatie organisaties beleid bestuur venster vensters "
    "en de het & of vooral ook allebei beide".split()
)


def _names_vensters(text: str) -> bool:
    first = re.split(r"[.!;:\n]", text.strip(), maxsplit=1)[0]
    words = re.findall(r"[\w&]+", first.lower())
    return (
        "?" not in text and bool(words) and set(words) <= VENSTER_WORDS and not set(words) <= {"en", "de", "het", "of"}
    )


def _is_doubtful(parsed: Parsed, case_words: Iterable[str]) -> bool:
    """A navigation request that is not clear enough to act on, nor unlikely enough to ignore."""
    if parsed.intent not in NAVIGATION_INTENTS or about_the_case(parsed.text, case_words):
        return False
    if _unnamed_interruption(parsed) or _not_really(parsed):
        return False
    if parsed.intent == "help" and _names_vensters(parsed.text):
        return False  # "organisatie", "professional en organisatie. km moet targets halen" (a tester)
    if parsed.intent == "dont_know" and (parsed.words > DONT_KNOW_MAX_WORDS or _says_more(parsed.text)):
        return False  # "ik weet het niet zo goed, misschien intervisie": an answer, kept
    if parsed.intent == "dont_know" and not _says_not_knowing(parsed.text):
        return False  # "beetje schuldig" to "Wat dacht en voelde je?" is a feeling (a tester's was dropped)
    if parsed.words <= REQUEST_MAX_WORDS:
        return parsed.confidence >= UNSURE_MIN_CONFIDENCE
    return parsed.words <= 2 * REQUEST_MAX_WORDS and parsed.confidence >= REQUEST_MIN_CONFIDENCE


# In a message of more words than this, a number chooses only where it is said to choose
# ("ik kies 3, omdat we daar vastlopen", "de tweede bouwopgave lijkt me ..."): "als de eerste casus
# binnen twee weken samen besproken is" chooses none (found holding a conversation).
CHOICE_ANY_NUMBER_MAX_WORDS = 6
# "Ik herken vooral 4. En eigenlijk ook 3, ..." kept only 3, named after it (a tester).
CHOOSING_WORDS = frozenset(
    {"kies", "kiezen", "neem", "nemen", "voor", "bouwopgave", "bouwopgaven", "opgave", "nummer", "nr", "doe"}
    | {"herken", "herkende", "vooral", "ook", "zeker"}
)
# ... and never when it counts something else: "voor de eerste keer", "binnen twee weken".
COUNTED = frozenset(
    "week weken dag dagen maand maanden jaar jaren keer keren uur uren minuten kwartaal casus casussen "
    "gesprek gesprekken kinderen mensen collega's klanten inwoners stap stappen".split()
)


def _chosen_numbers(text: str) -> list[int]:
    """The numbers ``text`` chooses: every one in a short message ("2 en 4", "de eerste"), in a
    longer one those after a word that chooses, or joined to such a number by "en" or "of"."""
    tokens = re.findall(r"[\w']+", text.lower())
    short = len(text.split()) <= CHOICE_ANY_NUMBER_MAX_WORDS
    chosen: list[int] = []
    last = -1
    for index, token in enumerate(tokens):
        number = int(token) if token.isdecimal() else NUMBER_WORDS.get(token)
        if number is None:
            continue
        after = tokens[index + 1] if index + 1 < len(tokens) else ""
        if after in COUNTED:
            continue
        before = [word for word in tokens[max(0, index - 3) : index] if word not in ("de", "het")]
        between = [word for word in tokens[last + 1 : index] if word not in ("de", "het")] if last >= 0 else []
        joined = between in (["en"], ["of"])
        # ... or one that opens the message: "2 en 3 dan, als ik je lijstje goed tel" (a tester)
        opens = index == 0
        said_to_choose = bool(set(before[-2:]) & CHOOSING_WORDS)  # "laat maar, doe maar 3 en 4" (a tester)
        if short or joined or opens or after in ("bouwopgave", "opgave") or said_to_choose:
            chosen.append(number)
            last = index
    return chosen


# At the choice, asking what there is: the five, explained.
WHICH_ONES = re.compile(
    r"\b(?:welke (?:zijn er|zijn het|heb je|kan ik|nog)|wat zijn (?:de|ze|die)|de andere\b|andere opties)"
)
# A correction in a choice: only what comes after it counts ("4 en regie. nee 4 en 3", "2, nee toch 3").
CORRECTION = re.compile(r"\b(?:nee|neen|sorry|ik bedoel|bedoel ik|correctie|of toch|toch liever)\b")


def _chosen_in(text: str, entities: list[str], signals: Signals) -> list[str]:
    """The bouwopgaven ``text`` chooses: by number, by the NLU's entity, by (a part of) its name."""
    numbers = signals.numbers
    by_number = [numbers[number] for number in _chosen_numbers(text) if number in numbers]
    normal = normalise(text)
    short = len(text.split()) <= CHOICE_ANY_NUMBER_MAX_WORDS
    named = []
    for name, id_ in signals.bouwopgave_names.items():
        # Chosen by name, as the explanation lists them: "'niet over, maar met de inwoner' en
        # 'betrokkenen met elkaar in verbinding brengen'" (a tester got "geen bouwopgave").
        parts = [name, *(name_parts(name) if short else [])]
        found = [normal.find(part) for part in parts if re.search(rf"(?<!\w){re.escape(part)}(?!\w)", normal)]
        if found:
            named.append((min(found), id_))
    if short and not named:
        named = _named_by_a_word(normal, signals)
    # Numbers and a name together: "2 en 3 denk ik, verbinding vooral" kept only 3 (a tester);
    # "1 en afspraken over regie" only 1.
    return list(dict.fromkeys([*by_number, *entities, *(id_ for _, id_ in sorted(named))]))


# Words a message of only choices may have besides numbers and names: "5 en met de inwoner".
CHOICE_FILLER = frozenset(
    "en of de het een met nee ja toch ik kies neem doe maar graag dan denk ook allebei beide nummer nr "
    "bouwopgave bouwopgaven liever eigenlijk die vooral is doe".split()
)


def _named_by_a_word(normal: str, signals: Signals) -> list[tuple[int, str]]:
    """In a message of nothing but choices, one word of a name names it: "3 en regie", "5 en met
    de inwoner" (a tester: the named one was dropped). Only words that stand in one name."""
    words = normal.replace(",", " ").replace(".", " ").split()
    owners: dict[str, set[str]] = {}
    for name, id_ in signals.bouwopgave_names.items():
        for word in name.replace(",", " ").split():
            if len(word) >= 5 and word not in NAME_EDGE_WORDS:
                owners.setdefault(word, set()).add(id_)
    keys = {word: next(iter(ids)) for word, ids in owners.items() if len(ids) == 1}
    is_number = lambda word: word.isdecimal() or word in NUMBER_WORDS  # noqa: E731
    if not all(word in keys or word in CHOICE_FILLER or is_number(word) for word in words):
        return []
    return [(index, keys[word]) for index, word in enumerate(words) if word in keys]


# A question about the bouwopgaven is no choice of them: "wat betekent de tweede?" chose 2; "3?",
# "misschien 3?" and "mag ik 2 en 3 kiezen?" still choose.
# "wat is het verschil tussen bouwopgave 1 en 3?" chose both (a tester: the word "bouwopgave" was
# taken for choosing); "ok maar en 3 dan?" asks about 3.
ASKS_ABOUT = re.compile(
    r"^\s*(?:\d\s*[,:]\s*)?(?:wat|welke?|hoe|waarom|waarin|kun|kan|mag|bedoel\w*|is|zijn)\b[^?]*\?"
    r"|^\s*(?:(?:ok|oké|oke|ja|maar|nou)[\s,]+)*en\b.*\bdan\s*\?\s*$"
    # "Ik vroeg wat het verschil is tussen verbinding brengen en afspraken over regie." (a tester)
    r"|\bverschil (?:is )?tussen\b|\bwat (?:is )?het verschil\b"
)
CHOOSING_VERBS = frozenset({"kies", "kiezen", "neem", "nemen", "pakken", "pak"})
# "kan ik 3 en 4 doen?" asks to choose them (a tester got them explained).
ASKS_TO_DO = re.compile(r"^\s*(?:kan|kunnen|mag|mogen|zal|zullen) (?:ik|we|wij)\b.*\bdoen\s*\?*\s*$")
# A choice with its reason after it is a choice, whatever the reason says: "3, want er was een
# groot verschil tussen wat wij dachten en wat de inwoner wilde" was taken for a question about
# the difference and explained (a tester).
CHOICE_FIRST = re.compile(
    r"^\s*(?:(?:ik denk|denk|ik kies|kies|ik neem|neem|doe maar|dan|ik ga voor|ga voor|liefst|toch|nou|ok|oké|ja)"
    r"[\s,]+)*(?:bouwopgave\s+|nummer\s+|nr\.?\s*)?"
    r"\d(?:\s*(?:,|en|&|\+)\s*\d)*\s*(?:[,:;.!-]|\s(?P<why>want|omdat|vanwege|daar|door|ivm)\b)(?![\s,]*\d)"
)


def choice_reason(text: str) -> str:
    """The reason a choice gives after its numbers ("3, want er was een groot verschil ..."), kept
    with the choice (a tester's was lost); "" when there is none."""
    head = CHOICE_FIRST.match(text.lower())
    if not head or text.rstrip().endswith("?"):
        return ""
    rest = text[head.end() :].strip(" ,.:;-")
    return f"{head.group('why')} {rest}" if head.group("why") and rest else rest


def choices_in_a_correction(text: str, signals: Signals) -> list[str]:
    """The bouwopgaven a correction typed after the choice names: those of its last clause that
    names any ("5 klopt niet echt. doe maar 4 en 3": 4 and 3)."""
    for clause in reversed([part for part in re.split(r"[.;!?\n]+", text) if part.strip()]):
        chosen = _chosen_in(clause, [], signals)
        if chosen:
            return chosen
    return []


def _judge_choice(parsed: Parsed, signals: Signals) -> Judgement:
    numbers = signals.numbers
    entities = [e for e in parsed.entities if e.get("entity") == "bouwopgave" and e.get("value") in numbers.values()]
    chosen = [e["value"] for e in entities]
    lowered = parsed.text.lower()
    asks_to_choose = (
        CHOOSING_VERBS & set(normalise(parsed.text).split())  # "mag ik 2 en 3 kiezen?"
        or ASKS_TO_DO.match(lowered)
        or (CHOICE_FIRST.match(lowered) and not lowered.rstrip().endswith("?"))  # not "3, wat is dat?"
    )
    if not parsed.is_payload and ASKS_ABOUT.search(lowered) and not asks_to_choose:
        return Judgement("request", question_to_bot(parsed, signals) or "help")
    head = CHOICE_FIRST.match(lowered) if not parsed.is_payload and not lowered.rstrip().endswith("?") else None
    if head and CORRECTION.match(lowered[head.end() :].strip(" ,.")):
        head = None  # "2, nee 3": corrected
    if head:
        # the numbers before the reason: "ik denk 5 en 3, want schuldhulp en Wmo zaten niet in
        # verbinding" kept only 3 (a tester: the reason's "niet" was taken for a correction)
        chosen = _chosen_in(parsed.text[: head.end()], [], signals)
    elif not parsed.is_payload:
        chosen = _chosen_in(parsed.text, chosen, signals)
        corrections = list(CORRECTION.finditer(parsed.text.lower()))
        if chosen and corrections:
            start = corrections[-1].end()
            after = [e["value"] for e in entities if e.get("start", start) >= start]
            corrected = _chosen_in(parsed.text[start:], after, signals)
            if corrected:
                chosen = corrected
    if chosen:
        return Judgement("choice", parsed.intent, choices=chosen)
    if parsed.intent == "affirm" and (parsed.is_payload or parsed.words <= REQUEST_MAX_WORDS):
        return Judgement("choice", parsed.intent, choices=None)
    if parsed.intent == "choose_bouwopgave":
        return Judgement("choice", parsed.intent, choices=[])
    if parsed.intent == "deny" and not parsed.is_payload and parsed.words <= REQUEST_MAX_WORDS:
        return Judgement("choice", parsed.intent, choices=[])  # "nee" to the proposal: choose yourself
    if not parsed.is_payload and WHICH_ONES.search(parsed.text.lower()):
        return Judgement("request", "help")  # "welke zijn er nog meer?" (the NLU heard progress)
    asked = question_to_bot(parsed, signals)
    if asked:
        return Judgement("request", asked)
    if _is_request(parsed):
        return Judgement("request", parsed.intent)
    if not parsed.is_payload and parsed.text.rstrip().endswith("?"):
        return Judgement("request", "help")  # any other question at the choice: the five, explained
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
