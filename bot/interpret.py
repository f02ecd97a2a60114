"""Judging a user message while the reflection waits for something.

At every question the bot must decide: is this an answer to keep, or a request (uitleg,
overslaan, terug, pauze, stoppen, distress, ...)? Professionals write case sentences full
of words that look like commands ("de klant wilde stoppen"), so a request counts only
when the NLU is confident *and* the message is short. Anything else at an open question
is an answer: an answer must never be lost.

Button payloads ("/skip") are exact: their intent is taken as is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from bot.content import Flow

# The REST channel puts this invisible character in front of a typed payload that the bot
# did not offer, so that Rasa reads it as text (channels/rest.py); it is not part of an answer.
NOT_A_PAYLOAD = "\u2060"

# Intents that interrupt the flow; each has a rule in data/rules/.
REQUEST_INTENTS = frozenset(
    {
        "help",
        "skip",
        "go_back",
        "pause",
        "resume",
        "quit",
        "dont_know",
        "distress",
        "greet",
        "goodbye",
        "thanks",
        "bot_challenge",
        "out_of_scope",
        "start_flow",
        "new_conversation",
        "delete_conversation",
    }
)
# A request must be at least this likely according to the NLU ...
REQUEST_MIN_CONFIDENCE = 0.6
# ... and a message longer than this is an answer, whatever words it contains.
REQUEST_MAX_WORDS = 12
# Distress is never missed for the sake of the flow: a lower bar.
DISTRESS_MIN_CONFIDENCE = 0.45
# ... and distress anywhere in the NLU's ranking at this level is a signal too.
DISTRESS_SIGNAL_LIKELIHOOD = 0.2
# Between a clear request and a clear answer the bot asks instead of guessing: a
# navigation request that is somewhat likely, or likely but in a longer message.
UNSURE_MIN_CONFIDENCE = 0.4
NAVIGATION_INTENTS = frozenset({"help", "skip", "go_back", "pause", "quit", "dont_know", "delete_conversation"})

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


@dataclass(frozen=True)
class Parsed:
    """The parts of Rasa's parse result that the judgement needs."""

    text: str
    intent: str | None
    confidence: float
    entities: tuple[dict[str, Any], ...] = ()
    distress_likelihood: float = 0.0  # the NLU's confidence in distress, also when not on top

    @property
    def is_payload(self) -> bool:
        return self.text.strip().startswith("/")

    @property
    def words(self) -> int:
        return len(self.text.split())

    @classmethod
    def from_message(cls, message: dict[str, Any]) -> Parsed:
        intent = message.get("intent") or {}
        ranked = [r for r in message.get("intent_ranking") or () if r.get("name") != "nlu_fallback"]
        ranking = {r.get("name"): float(r.get("confidence") or 0.0) for r in ranked}
        if intent.get("name") == "nlu_fallback" and ranked:
            # Rasa's fallback hides a close call; the judgement weighs the real best guess itself.
            intent = ranked[0]
        return cls(
            message.get("text") or "",
            intent.get("name"),
            float(intent.get("confidence") or 0.0),
            tuple(message.get("entities") or ()),
            ranking.get("distress", 0.0),
        )


@dataclass(frozen=True)
class Judgement:
    kind: str  # answer | request | unsure | choice | confirm | resume | invalid
    intent: str | None = None
    choices: list[str] | None = field(default=None)  # for choice: None = accept proposal, [] = pick myself
    yes: bool = False  # for confirm
    distress: bool = False  # an answer that also signals distress


def signals_distress(text: str, phrases: Iterable[str]) -> bool:
    lowered = " ".join(text.lower().split())
    return any(phrase in lowered for phrase in phrases)


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


def _is_request(parsed: Parsed, case_words: Iterable[str] = ()) -> bool:
    if parsed.intent not in REQUEST_INTENTS:
        return False
    if parsed.is_payload:
        return True
    if parsed.intent != "distress" and about_the_case(parsed.text, case_words):
        return False  # "de klant wilde stoppen" is about the case, not about this conversation
    if parsed.words > REQUEST_MAX_WORDS:
        return False  # a longer message is kept as an answer (distress in it still gets support)
    minimum = DISTRESS_MIN_CONFIDENCE if parsed.intent == "distress" else REQUEST_MIN_CONFIDENCE
    return parsed.confidence >= minimum


def judge(
    parsed: Parsed,
    mode: str,
    distress_phrases: Iterable[str],
    bouwopgave_numbers: dict[int, str],
    case_words: Iterable[str] = (),
    english_words: Iterable[str] = (),
) -> Judgement:
    """Decide what ``parsed`` means when the conversation is in ``mode``.

    ``mode`` is one of ``open``, ``choice``, ``meer``, ``confirm_stop``,
    ``confirm_delete``, ``resume``, ``unsure`` (see ``Reflection.mode``).
    """
    if not parsed.text.strip():
        return Judgement("invalid", "empty")
    distress_words = signals_distress(parsed.text, distress_phrases)
    if distress_words and parsed.words <= REQUEST_MAX_WORDS and not parsed.is_payload:
        return Judgement("request", "distress")
    distress_hint = not parsed.is_payload and parsed.distress_likelihood >= DISTRESS_SIGNAL_LIKELIHOOD
    if mode == "confirm_stop":
        if parsed.intent in ("affirm", "quit"):
            return Judgement("confirm", parsed.intent, yes=True)
        if parsed.intent in ("deny", "resume"):
            return Judgement("confirm", parsed.intent, yes=False)
    if mode == "confirm_delete":
        if parsed.intent in ("affirm", "delete_conversation"):
            return Judgement("confirm", parsed.intent, yes=True)
        if parsed.intent in ("deny", "resume"):
            return Judgement("confirm", parsed.intent, yes=False)
    if mode == "resume" and parsed.intent in ("resume", "affirm"):
        return Judgement("resume", parsed.intent)
    if mode == "unsure" and parsed.intent in ("affirm", "deny") and parsed.words <= REQUEST_MAX_WORDS:
        return Judgement("confirm", parsed.intent, yes=parsed.intent == "affirm")
    if (
        mode == "meer"
        and parsed.intent in ("affirm", "deny")
        and (parsed.is_payload or parsed.words <= REQUEST_MAX_WORDS)
    ):
        return Judgement("confirm", parsed.intent, yes=parsed.intent == "affirm")
    if mode == "choice":
        return _judge_choice(parsed, bouwopgave_numbers)
    if _is_request(parsed, case_words):
        if distress_hint and parsed.intent in NAVIGATION_INTENTS:
            return Judgement("request", "distress")  # support first; the user can go on from there
        return Judgement("request", parsed.intent)
    if parsed.is_payload:
        # A payload that fits nothing here (an old button, a typed payload) is not an answer.
        return Judgement("invalid", parsed.intent)
    if not re.search(r"[^\W_]", parsed.text) or looks_like_gibberish(parsed.text):
        return Judgement("invalid", parsed.intent)  # nothing to keep: say so and ask again
    if looks_english(parsed.text, english_words) and not about_the_case(parsed.text, case_words):
        return Judgement("request", "out_of_scope")
    distressed = distress_words or distress_hint or parsed.intent == "distress"
    if not distressed and _is_doubtful(parsed, case_words):
        return Judgement("unsure", parsed.intent)
    return Judgement("answer", parsed.intent, distress=distressed)


def _is_doubtful(parsed: Parsed, case_words: Iterable[str]) -> bool:
    """A navigation request that is not clear enough to act on, nor unlikely enough to ignore."""
    if parsed.intent not in NAVIGATION_INTENTS or about_the_case(parsed.text, case_words):
        return False
    if parsed.words <= REQUEST_MAX_WORDS:
        return parsed.confidence >= UNSURE_MIN_CONFIDENCE
    return parsed.words <= 2 * REQUEST_MAX_WORDS and parsed.confidence >= REQUEST_MIN_CONFIDENCE


def _judge_choice(parsed: Parsed, numbers: dict[int, str]) -> Judgement:
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
