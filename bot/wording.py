"""How the engine's messages are worded from content: quoting the user's words, lists of
bouwopgaven, the buttons of a doubt, the values of the progress message.

The engine (bot/engine.py) decides what is said; these functions put it in the words and
layout of content/berichten.yml and content/teksten.yml. Nothing here changes a state.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from bot.model import Content
from bot.phrases import NUMBER_WORDS


def quoted(word: str) -> str:
    """A user's own words as the bot quotes them, between single curly quotes."""
    return f"‘{word}’"


def listed(words: Sequence[str], most: int = 4) -> str:
    """At most ``most`` quoted words as a Dutch list: a, b en c (each quoted)."""
    shown = [quoted(word) for word in words[:most]]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " en " + shown[-1]


def doubt_buttons(content: Content, intent: str) -> tuple[str, list[dict[str, str]]]:
    """The request the bot doubts about, named, and the two buttons: keep it, or the request.

    The second button speaks as the user: "Nee, ik bedoelde dat ik het niet weet"."""
    label = content.text(f"verzoek_{intent}")
    mine = content.text(f"verzoek_ik_{intent}") if content.texts.get(f"verzoek_ik_{intent}") else label
    buttons = [
        {"title": content.text("twijfel_bewaren"), "payload": "/affirm"},
        {"title": content.text("twijfel_verzoek", verzoek=mine), "payload": f"/{intent}"},
    ]
    return label, buttons


def bouwopgave_options(content: Content) -> tuple[str, list[dict[str, str]]]:
    """Every bouwopgave as a line to choose from, and as a button."""
    lines = [content.text("keuze_regel", nummer=b.nummer, naam=b.naam) for b in content.bouwopgaven.values()]
    buttons = [
        {"title": line, "payload": f'/choose_bouwopgave{{"bouwopgave": "{b.id}"}}'}
        for line, b in zip(lines, content.bouwopgaven.values(), strict=False)
    ]
    return "\n".join(lines), buttons


def proposal(content: Content, voorstel: Iterable[dict[str, Any]]) -> tuple[str, str]:
    """The introduction and the lines of a proposal of bouwopgaven, each with why: the user's
    own sentence, else their words, else the general reason. Without the user's words the bot
    does not claim to have heard anything."""
    lines, heard = [], False
    for item in voorstel:
        bouwopgave = content.bouwopgaven[item["id"]]
        if item.get("citaat"):
            why = bouwopgave.waarom.format(woorden=quoted(item["citaat"]))
        elif item["woorden"]:
            why = bouwopgave.waarom.format(woorden=", ".join(quoted(w) for w in item["woorden"][:3]))
        else:
            why = bouwopgave.waarom_algemeen
        heard = heard or bool(item.get("citaat") or item["woorden"])
        lines.append("- " + content.text("voorstel_regel", nummer=bouwopgave.nummer, naam=bouwopgave.naam, waarom=why))
    intro = ("voorstel_gehoord_meer" if len(lines) > 1 else "voorstel_gehoord") if heard else "voorstel_algemeen"
    return content.text(intro), "\n".join(lines)


def bouwopgaven_explained(content: Content, only: Iterable[int] = ()) -> str:
    """Each bouwopgave with its core, one per line, for the explanation of the choice; only
    those numbered in ``only`` when it names any."""
    numbers = set(only)
    return "\n".join(
        f"{b.nummer}. {b.naam}: {b.kern}" for b in content.bouwopgaven.values() if not numbers or b.nummer in numbers
    )


# A number a question at the choice asks about: "wat is het verschil tussen 3 en 4?", "wat
# betekent de tweede?"; not one that counts something ("3 weken").
_ASKED_NUMBER = re.compile(r"(?<![\w-])(\d+|één|eerste|twee|tweede|drie|derde|vier|vierde|vijf|vijfde)(?![\w-])")
_COUNTING = re.compile(r"\s*(?:weken|week|dagen|dag|maanden|jaar|keer|uur|minuten|mensen|vragen)\b")


# Words a part of a bouwopgave's name may not start or end with: "afspraken over regie" names
# bouwopgave 4 in a short choice, "met de" names nothing.
NAME_EDGE_WORDS = frozenset("de het een en of over met als maar niet in op elkaar".split())


def name_parts(name: str) -> list[str]:
    """Parts of two words or more of a bouwopgave's name, as a short choice names it."""
    words = name.replace(",", " ").split()
    return [
        " ".join(words[i:j])
        for i in range(len(words))
        for j in range(i + 2, len(words) + 1)
        if words[i] not in NAME_EDGE_WORDS and words[j - 1] not in NAME_EDGE_WORDS
    ]


def bouwopgaven_asked_about(content: Content, text: str) -> list[int]:
    """The numbers of the bouwopgaven a question names by number or by (a part of) its name
    ("wat is het verschil tussen verbinding brengen en afspraken over regie?")."""
    lowered = text.lower()
    known = {b.nummer for b in content.bouwopgaven.values()}
    asked = []
    for match in _ASKED_NUMBER.finditer(lowered):
        if _COUNTING.match(lowered, match.end()):
            continue
        word = match.group(1)
        number = int(word) if word.isdecimal() else NUMBER_WORDS.get(word)
        if number in known:
            asked.append(number)
    plain = " ".join(re.sub(r"[^\w\s]", " ", lowered).split())
    for b in content.bouwopgaven.values():
        name = " ".join(re.sub(r"[^\w\s]", " ", b.naam.lower()).split())
        if any(re.search(rf"(?<!\w){re.escape(part)}(?!\w)", plain) for part in [name, *name_parts(name)]):
            asked.append(b.nummer)
    return sorted(set(asked))


def phase_left(content: Content, left: int) -> str:
    """How many questions are left in this phase, in words."""
    return content.text("fase_laatste") if left == 1 else content.text("fase_nog", aantal=left)
