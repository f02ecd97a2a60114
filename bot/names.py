"""Names, street addresses and client numbers in a message, found with deduce.

deduce is the Dutch de-identification library of UMC Utrecht (pinned in requirements.txt):
lists of Dutch first names, surnames, streets and places, with the context that makes a word
a name ("mevrouw Jansen", "Jan Willem", "dhr. Bakker"). The patterns of bot/privacy.py run
first; this runs after them, on what a user types, before Rasa sees it (channels/rest.py).

Only three of deduce's findings are used: persons ("[naam]"; a title such as "mevrouw" stays
in front of the placeholder, so the sentence still reads), a place with a house number
("[adres]"; a town alone says nothing about a person and stays) and an id number
("[klantnummer]"). Role words ("de klantmanager", "de inwoner", "mevrouw" alone) are no
names to deduce. ``python -m bot.names`` prepares deduce's lookup data once (make setup
does this; it takes a minute or two), so that the server starts in seconds.

Loading takes some seconds and about a gigabyte of memory, so it is done once per process,
when the server starts (``NAMES.load()``), never at import.
"""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass
from typing import Any

# deduce's tag -> our kind (bot/privacy.py KINDS)
TAGS = {"persoon": "naam", "patient": "naam", "locatie": "postcode", "id": "klantnummer"}
# A title in front of a name stays: "mevrouw [naam]" still says who it was about.
TITLE = re.compile(r"^(?:mevrouw|mevr\.?|mw\.?|meneer|mnr\.?|dhr\.?|de heer|juffrouw|dokter|dr\.?)\s+", re.IGNORECASE)
# deduce sometimes takes the words after a surname along ("Jansen van de "): they stay.
TRAILING_INTERFIX = re.compile(r"(?:\s+(?:van|de|der|den|het|ter|ten|te|'t))*\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    kind: str


class NameFinder:
    """deduce, loaded once per process."""

    def __init__(self) -> None:
        self._deduce: Any = None
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        return self._deduce is not None

    def load(self) -> None:
        with self._lock:
            if self._deduce is None:
                root = logging.getLogger()
                level = root.level
                root.setLevel(max(level, logging.WARNING))  # deduce's "please wait" goes to the root
                try:
                    from deduce import Deduce  # heavy: only here, never at import

                    self._deduce = Deduce()
                finally:
                    root.setLevel(level)

    def find(self, text: str) -> list[Found]:
        """What to replace in ``text``, in order, not overlapping."""
        if not text.strip():
            return []
        self.load()
        found: list[Found] = []
        for annotation in self._deduce.deidentify(text).annotations:
            kind = TAGS.get(annotation.tag)
            if kind is None:
                continue
            start, end = annotation.start_char, annotation.end_char
            span = text[start:end]
            if kind == "postcode" and not re.search(r"\d", span):
                continue  # a town or a street without a number identifies no one
            if kind == "naam":
                title = TITLE.match(span)
                if title:
                    start += title.end()
                end = start + len(TRAILING_INTERFIX.sub("", text[start:end]))
            if end > start:
                found.append(Found(start, end, kind))
        found.sort(key=lambda f: f.start)
        kept: list[Found] = []
        for item in found:
            if not kept or item.start >= kept[-1].end:
                kept.append(item)
        return kept

    def replace(self, text: str, placeholders: dict[str, str]) -> tuple[str, tuple[str, ...]]:
        """``text`` with every finding replaced by its kind's placeholder, and the kinds found."""
        parts: list[str] = []
        kinds: list[str] = []
        at = 0
        for item in self.find(text):
            parts += [text[at : item.start], placeholders[item.kind]]
            kinds.append(item.kind)
            at = item.end
        parts.append(text[at:])
        return "".join(parts), tuple(dict.fromkeys(kinds))


NAMES = NameFinder()


if __name__ == "__main__":
    print("deduce: opzoekgegevens klaarzetten (de eerste keer een à twee minuten) ...")
    NAMES.load()
    print("deduce: klaar")
