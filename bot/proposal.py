"""Proposing the bouwopgaven that best fit what the user told so far.

Each bouwopgave in the content has signaalwoorden (drawn from its praatplaat page and
the werkzame bestanddelen in the kennissynthese). The bouwopgaven whose words occur most
often in the user's answers are proposed, with the words found as the reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from bot.content import Bouwopgave, WerkzaamBestanddeel


@dataclass(frozen=True)
class Proposal:
    bouwopgave: str
    words: tuple[str, ...]


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
) -> list[Proposal]:
    """One to ``maximum`` proposals, best first; ``default`` when nothing matches.

    A bouwopgave's signals are its own signaalwoorden plus those of the werkzame
    bestanddelen that support it.
    """
    text = " ".join(answers).lower()
    extra: dict[str, list[str]] = {}
    for bestanddeel in bestanddelen:
        for ident in bestanddeel.bouwopgaven:
            extra.setdefault(ident, []).extend(bestanddeel.signaalwoorden)
    scored = []
    for bouwopgave in bouwopgaven:
        signals = [*bouwopgave.signaalwoorden, *extra.get(bouwopgave.id, ())]
        found = tuple(dict.fromkeys(w for w in (_found(s, text) for s in signals) if w))
        if found:
            scored.append((-len(found), bouwopgave.nummer, Proposal(bouwopgave.id, found)))
    scored.sort(key=lambda item: item[:2])
    chosen = [proposal for _, _, proposal in scored[:maximum]]
    return chosen or [Proposal(ident, ()) for ident in default]
