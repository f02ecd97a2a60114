"""Proposing the bouwopgaven that best fit what the user told so far.

Each bouwopgave in the content has signaalwoorden (drawn from its praatplaat page and
the werkzame bestanddelen in the kennissynthese). The bouwopgaven whose words occur most
often in the user's answers are proposed, with the words found as the reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from bot.model import Bouwopgave, WerkzaamBestanddeel
from bot.phrases import find_phrase

# A quote from the user's answer as the reason for a proposal: at most this many words.
QUOTE_MAX_WORDS = 14


@dataclass(frozen=True)
class Proposal:
    bouwopgave: str
    words: tuple[str, ...]
    quote: str = ""  # the user's own sentence with the first word found, shortened


def quote_for(answers: Iterable[str], words: Iterable[str], avoid: Iterable[str] = ()) -> str:
    """The user's own clause as the reason: of the clauses (split at , . ; ! ?) that hold one
    of ``words``, the one that holds most of them, and of those the shortest of at least three
    words; else a window around the first word. ("de regels zijn de regels" was chosen over
    "onze werkprocessen kennen geen overleg met het wijkteam" for being shorter: a tester.)
    Never a clause or sentence with a phrase of ``avoid`` (danger and strain): "ik ga nog dood aan
    die formulieren" is no reason for a bouwopgave; then no quote, and the words are the reason."""
    answers = list(answers)
    words = list(words)
    avoid = tuple(avoid)
    clauses = [
        c.strip()
        for a in answers
        for c in re.split(r"[.,;!?\n]+", a)
        if len(c.split()) >= 3 and not find_phrase(c, avoid)
    ]

    def held(clause: str) -> int:
        return sum(w in clause.lower() for w in words)

    fitting = [c for c in clauses if len(c.split()) <= QUOTE_MAX_WORDS and held(c)]
    if fitting:
        return min(fitting, key=lambda c: (-held(c), len(c.split())))
    first = next(iter(words), "")
    quote = quote_around(answers, first) if first else ""
    return "" if find_phrase(quote, avoid) else quote


def quote_around(answers: Iterable[str], word: str) -> str:
    """The sentence of ``answers`` in which ``word`` occurs, at most QUOTE_MAX_WORDS words
    around it, as the user wrote it."""
    for answer in answers:
        for sentence in re.split(r"(?<=[.!?;])\s+|\n+", answer):
            lowered = sentence.lower()
            at = lowered.find(word)
            if at < 0:
                continue
            words = sentence.strip().rstrip(".!?;").split()
            index = len(lowered[:at].split())
            start = max(0, min(index - QUOTE_MAX_WORDS // 2, len(words) - QUOTE_MAX_WORDS))
            part = words[start : start + QUOTE_MAX_WORDS]
            return ("… " if start else "") + " ".join(part) + (" …" if start + QUOTE_MAX_WORDS < len(words) else "")
    return ""


def _found(signal: str, text: str) -> str | None:
    """The user's own words for ``signal`` in ``text``, or None.

    A signal is a word or phrase; ending in ``*`` it is a word start, so "sollicit*"
    finds "solliciteren" (and the user's word is what the bot quotes back).
    """
    if signal.endswith("*"):
        pattern = r"(?<!\w)" + re.escape(signal[:-1]) + r"[\w&-]*"
    else:
        pattern = r"(?<!\w)" + re.escape(signal) + r"(?![\w&])"
    match = re.search(pattern, text)
    return match.group(0) if match else None


def propose(
    bouwopgaven: Iterable[Bouwopgave],
    answers: Iterable[str],
    maximum: int,
    default: Iterable[str],
    bestanddelen: Iterable[WerkzaamBestanddeel] = (),
    avoid: Iterable[str] = (),
) -> list[Proposal]:
    """The best fitting bouwopgave, and up to ``maximum`` when others fit equally well;
    ``default`` when nothing matches.

    A bouwopgave's signals are its own signaalwoorden plus those of the werkzame
    bestanddelen that support it. One proposal is a hypothesis the user can weigh; a list
    of three is a menu. ``avoid``: phrases no quote may hold (see quote_for).
    """
    answers = list(answers)
    avoid = tuple(avoid)
    text = " ".join(answers).lower()
    extra: dict[str, list[str]] = {}
    for bestanddeel in bestanddelen:
        for ident in bestanddeel.bouwopgaven:
            extra.setdefault(ident, []).extend(bestanddeel.signaalwoorden)
    scored = []
    for bouwopgave in bouwopgaven:
        own = tuple(dict.fromkeys(w for w in (_found(s, text) for s in bouwopgave.signaalwoorden) if w))
        supporting = (_found(s, text) for s in extra.get(bouwopgave.id, ()))
        found = tuple(dict.fromkeys([*own, *(w for w in supporting if w)]))
        if found:
            # The quote shows the bouwopgave's own words where there are any: "brief" (a werkzaam
            # bestanddeel's word) in "toen ik de brief tekende" says little about participatie.
            quote = quote_for(answers, own or found, avoid)
            scored.append((-len(found), bouwopgave.nummer, Proposal(bouwopgave.id, found, quote)))
    scored.sort(key=lambda item: item[:2])
    best = scored[0][0] if scored else 0
    chosen = [proposal for score, _, proposal in scored if score == best][:maximum]
    return chosen or [Proposal(ident, ()) for ident in default]
