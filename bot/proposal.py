"""Proposing the bouwopgaven that best fit what the user told so far.

Each bouwopgave in the content has signaalwoorden (drawn from its praatplaat page and
the werkzame bestanddelen in the kennissynthese). The bouwopgaven whose words occur most
often in the user's answers are proposed, with the words found as the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from bot.content import Bouwopgave


@dataclass(frozen=True)
class Proposal:
    bouwopgave: str
    words: tuple[str, ...]


def _occurs(word: str, text: str) -> bool:
    # Signal words may be word stems ("sollicit"), so match at a word start only.
    return re.search(r"(?<!\w)" + re.escape(word), text) is not None


def propose(bouwopgaven: Iterable[Bouwopgave], answers: Iterable[str], maximum: int,
            default: Iterable[str]) -> list[Proposal]:
    """One to ``maximum`` proposals, best first; ``default`` when nothing matches."""
    text = " ".join(answers).lower()
    scored = []
    for bouwopgave in bouwopgaven:
        found = tuple(word for word in bouwopgave.signaalwoorden if _occurs(word, text))
        if found:
            scored.append((-len(found), bouwopgave.nummer, Proposal(bouwopgave.id, found)))
    scored.sort(key=lambda item: item[:2])
    chosen = [proposal for _, _, proposal in scored[:maximum]]
    return chosen or [Proposal(ident, ()) for ident in default]
