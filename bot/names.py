"""Names, street addresses and client numbers in a message, found with deduce.

deduce is the Dutch de-identification library of UMC Utrecht (pinned in requirements.txt):
lists of Dutch first names, surnames, streets and places, with the context that makes a word
a name ("mevrouw Jansen", "Jan Willem", "dhr. Bakker"). The patterns of bot/privacy.py run
first; this runs after them, on what a user types, before Rasa sees it (server/rest.py).

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

from bot.postcodes import postcode_letters

# deduce's tag -> our kind (bot/privacy.py KINDS)
TAGS = {"persoon": "naam", "patient": "naam", "locatie": "postcode", "id": "klantnummer"}
# A title in front of a name stays: "mevrouw [naam]" still says who it was about.
TITLE = re.compile(r"^(?:mevrouw|mevr\.?|mw\.?|meneer|mnr\.?|dhr\.?|de heer|juffrouw|dokter|dr\.?)\s+", re.IGNORECASE)
# deduce sometimes takes the words after a surname along ("Jansen van de "): they stay.
TRAILING_INTERFIX = re.compile(r"(?:\s+(?:van|de|der|den|het|ter|ten|te|'t))*\s*$", re.IGNORECASE)
# deduce's time grows steeply with a run of name-like words ("Jan Jan Jan ...": 200 of them
# take over a second, 2,500 minutes). A long text is read in windows of WINDOW_WORDS words,
# each OVERLAP_WORDS into the one before, so that a name of up to OVERLAP_WORDS words lies
# whole in one window; the worst 10,000 characters then take about two seconds (make bench).
WINDOW_WORDS = 24
OVERLAP_WORDS = 8
# At the start of a sentence a capital says nothing: "Laatst 3 keer gebeld" and "Markt 3"
# are no addresses to deduce's street list, "Pas", "Boven" and "Niks" no names. There a
# street counts only as a compound of a street word ("Kerkstraat 12"), and a one-word name
# not when it is a Dutch word of deduce's lists or of NOT_NAMES.
STREET_COMPOUND = re.compile(
    r"^(?!onderweg|halverweg)\S{2,}(?:straat|laan|weg|plein|gracht|kade|singel|dijk|hof|pad|steeg|dreef|markt|park|baan|veld|haven)\b",
    re.IGNORECASE,
)
POSTCODE_ALONE = re.compile(r"[1-9]\d{3}\s?([A-Za-z]{2})")
# Dutch words that deduce takes for a name when a sentence starts with one ("Niks. Het ligt
# niet aan mij." became "[naam]. ..."), beyond its own lists of common words. Found by feeding
# every word of the NLU data and the content to it (tests/test_privacy.py does so again).
NOT_NAMES = frozenset(
    "klos kuip spin anno herder mos stijf kas lam roest "
    "brokken gans law tukker box "
    "schop immers olle stal vliegen boss engel fan krabben mille nine ton appie timmerman bom gordijn kar loer pip "
    "bars bene hoogmoed hunting levering rem sukkel boontjes harte hoes slager "
    "appels bitter dek honing klink kooi milder portier put six slangen spil winkels yani "
    "advocaat bak blik brand bron buddy burgemeester dijk dingen duister dwars eisen haak hai held kader "
    "kappen kern kil klap knoop knop koek kraak krab krap lei lijntje maatje mak niks oei pak pot rouw ruis "
    "schimmel scholing schotten schrijver schrik schuur sliepen slik slof sprong stapel star stip streng super "
    "taks tip touw verwijst voorbij wijntjes wortel zwart nou tja pff jep yes helaas top prima feite hol nix pap "
    "bijster blok brak brok knap moed mouwen jongens "
    "bakker boel boot bouw harder hoos jongste korten lek maas tol gast kater koelen lieve schakel "
    "baart beugels bin centen job krom mouw nota "
    "bek blank bollen bult daily dekens geeltje jager kievit lens neef snoep soldaat spaans worst "
    "bloemen domino enzo fabriek heus kapitein konijn lint lont meiske mout pier polder puja riem schijven "
    "seinen tool touwen vogels wijntje "
    "age baas boi brain dam drop emo hedde heere joa just kruik mattie meter ouwe overweg pont poos raap remmen "
    "schat span volk vroom win "
    "boeren brandjes broers fine hang haven hek hooi mager mein neven pastoor puts ramp rip tobben tops vlieger "
    "vlug welles dol "
    "binne dee drok harke kin mense nieman sins waas zorge "
    "baten das dop haas kiek kinds koel lente lof muis ploeg schrijvers schut stroop vinken vossen winters "
    "zwager "
    "brabander dua fluit hok pastor slok spek zaal aant gul has kelder klep koop vorst "
    "bod bouwer ketting trouw noe "
    # the last: English in the NLU data (intents, payloads) and the signal sets
    "can day deny does done else given greet ids joke skip went".split()
)
SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s*|\n\s*)$")


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
        for offset, window in windows(text):
            for annotation in self._deduce.deidentify(window).annotations:
                item = self._judged(text, annotation.tag, offset + annotation.start_char, offset + annotation.end_char)
                if item is not None:
                    found.append(item)
        found.sort(key=lambda f: (f.start, -f.end))
        kept: list[Found] = []
        for item in found:
            if kept and item.start < kept[-1].end:  # found again by the next window, or overlapping
                if item.kind == kept[-1].kind and item.end > kept[-1].end:
                    kept[-1] = Found(kept[-1].start, item.end, item.kind)
                continue
            kept.append(item)
        return kept

    def _judged(self, text: str, tag: str, start: int, end: int) -> Found | None:
        """One of deduce's findings as ours, or None when it is not one to replace."""
        kind = TAGS.get(tag)
        if kind is None:
            return None
        span = text[start:end]
        at_sentence_start = SENTENCE_START.search(text[:start]) is not None
        if kind == "postcode":
            if not re.search(r"\d", span):
                return None  # a town or a street without a number identifies no one
            if at_sentence_start and not STREET_COMPOUND.match(span) and not re.match(r"\d", span):
                return None
            alone = POSTCODE_ALONE.fullmatch(span)
            if alone and not postcode_letters(alone.group(1)):
                return None  # "2500 EU", "2020 en": no postcode
        if kind == "naam":
            title = TITLE.match(span)
            if title:
                start += title.end()
            end = start + len(TRAILING_INTERFIX.sub("", text[start:end]))
            word = text[start:end]
            if at_sentence_start and not title and " " not in word and self._common(word):
                return None
        return Found(start, end, kind) if end > start else None

    def _common(self, word: str) -> bool:
        lookup = self._deduce.lookup_structs
        lowered = word.lower()
        lists = ("common_word", "stop_word", "whitelist")
        return lowered in NOT_NAMES or any(lowered in lookup[name] for name in lists)

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


def windows(text: str) -> list[tuple[int, str]]:
    """``text`` in overlapping windows of words, each with where it starts in ``text``."""
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
    if len(words) <= WINDOW_WORDS:
        return [(0, text)]
    step = WINDOW_WORDS - OVERLAP_WORDS
    parts = []
    for first in range(0, len(words) - OVERLAP_WORDS, step):
        last = min(first + WINDOW_WORDS, len(words)) - 1
        start, end = words[first][0], words[last][1]
        parts.append((start, text[start:end]))
    return parts


NAMES = NameFinder()


if __name__ == "__main__":
    print("deduce: opzoekgegevens klaarzetten (de eerste keer een à twee minuten) ...")
    NAMES.load()
    print("deduce: klaar")
