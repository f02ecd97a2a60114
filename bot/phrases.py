"""The phrases of content/signalen.yml as patterns over what people type.

``normalise`` makes chat spelling comparable ("ff", "nie", "kan nie meer", numbers in words,
stretched letters); ``phrase_pattern`` turns an editor's phrase ("er * eind aan * mak*",
"kan niet meer .", "^ moet ik") into a pattern, optionally allowing one typing slip.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator

# A word of a danger or strain phrase at least this long is also found with one typing
# slip (a letter missing, added, changed or two swapped) after its first letter: "iedereen is
# beter af zondr mij". Not in the first letter: "geven" is no slip of "leven".
TYPO_MIN_LETTERS = 6
# ... a word that stands for every word it starts ("suïsid*") only from this long: a slip in
# a short start finds other words ("subsidie" is one letter from "suisid").
TYPO_MIN_LETTERS_IN_PREFIX = 8
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
    "t": "het",
    "'t": "het",
    "tis": "het is",
    "'tis": "het is",
    "teveel": "te veel",
    "idd": "inderdaad",
    "zn": "zijn",
    "z'n": "zijn",
    "kheb": "ik heb",
    "kben": "ik ben",
    "kwil": "ik wil",
    "kan'k": "kan ik",
    "gwn": "gewoon",
    "gain": "geen",  # Gronings
    "nait": "niet",
    "mss": "misschien",
    "der": "er",  # "als men der niet meer is"
    "ut": "het",  # Rotterdams, Brabants
    "nen": "een",  # Twents, Brabants
    "nich": "niet",  # Twents: "het gaat nich goed met me"
    "mot": "moet",  # Twents
    "et": "het",  # Brabants: "dat is van et carnaval"
    # Limburgs: "ich wil neet mier leve", "ich bin kepot"
    "ich": "ik",
    "neet": "niet",
    "mier": "meer",
    "mien": "mijn",
    "leve": "leven",
    "eige": "eigen",
    "kepot": "kapot",
    "mer": "maar",
    "bin": "ben",
    "gin": "geen",  # Drents, Twents: "ik heb er gin slapeloze nachten van"
    "mie": "meer",  # Limburgs: "ich wil neet mie"
    "mout": "moet",  # Gronings: "wat mout je"
    "kin": "kan",  # Gronings: "kin ik nait bijhouden"
}


# Words that carry no case of their own: "ik weet het niet meer, ik ben" besides "zo moe" tells
# nothing about the case; "de klant wil geen hulp" does (klant, hulp).
FUNCTION_WORDS = frozenset(
    "ik je jij u het de een en of maar dat dit die deze er is ben bent was waren zijn heb hebt had "
    "hebben niet geen meer nog al wel zo heel erg echt gewoon even nu dan ook dus toch mij me mijn we "
    "wij ze zij hij hem haar jullie ons onze te van met op in aan voor om bij naar uit over door tot als "
    "want omdat hoe wat wie waar weet weten denk kan kun kunnen wil wilt moet moeten word wordt ga gaat "
    "gaan doe doet eigenlijk hoor nou ja nee oke ok sorry soms beetje allemaal alles iets niks niets "
    "pff hmm ehm uhm zucht poeh tja jeetje jemig oef help".split()  # interjections tell no case either
)


def case_words(text: str) -> list[str]:
    """The words of ``text`` that can say something about a case (not FUNCTION_WORDS)."""
    return [w for w in normalise(text).split() if w != "." and w not in FUNCTION_WORDS]


def tells_something(text: str) -> bool:
    """Whether ``text`` holds a word of three letters or more that can say something about a case:
    "ik", "ehm" or "hmm" do not."""
    return any(len(word) >= 3 for word in case_words(text))


def normalise(text: str) -> str:
    """Lower case, single spaces, the end of each clause as " .": the form phrases are matched in.

    "Ik kan niet meer, echt" becomes "ik kan niet meer . echt .", so that a phrase may say
    where a clause ends ("kan niet meer .") and not match "ik kan niet meer zeggen".
    """
    lowered = text.lower().replace("’", "'").replace("‘", "'")
    lowered = re.sub(r"[.,;:!?\n]+", " . ", lowered)
    words = re.sub(r"[^\w&'@.-]+|(?<!\w)[.-]+(?=\w)|(?<=\w)[-]+(?!\w)", " ", lowered).split()
    words = [_unquoted(LONG_LETTER.sub(r"\1\1", word)) for word in words]
    words = [CHAT_SPELLING.get(word, word) for word in words if word]
    words = _dictated_punctuation(_joined(words))
    return " ".join([*words, "."]) if words and words[-1] != "." else " ".join(words)


# Speech-to-text splits the compounds of the work: "de in woner dreigde van de brug te springen" (a
# harmless answer of leer44 got 113: no one of the case was named), "klant manager", "wijk team".
SPLIT_COMPOUNDS = {
    ("in", "woner"): "inwoner",
    ("in", "woners"): "inwoners",
    ("klant", "manager"): "klantmanager",
    ("klant", "managers"): "klantmanagers",
    ("wijk", "team"): "wijkteam",
    ("wijk", "coach"): "wijkcoach",
    ("huis", "arts"): "huisarts",
    ("team", "leider"): "teamleider",
    ("uit", "kering"): "uitkering",
    ("suicide", "poging"): "suicidepoging",
    ("suïcide", "poging"): "suïcidepoging",
    ("zelfmoord", "poging"): "zelfmoordpoging",
}


def _joined(words: list[str]) -> list[str]:
    out: list[str] = []
    for word in words:
        if out and (out[-1], word) in SPLIT_COMPOUNDS:
            out[-1] = SPLIT_COMPOUNDS[(out[-1], word)]
        else:
            out.append(word)
    return out


# Speech-to-text writes punctuation as a word: "ik wil niet meer punt", "wanneer komma over drie
# weken" (blind19's jobcoach dictated while walking). Not where "punt" is a noun: after these
# words ("een punt achter zetten", "op het punt", "een dood punt", "mijn punt"; not "zijn", a verb as
# often: "ik wil er niet meer zijn punt") or before "achter", "van" or "voor" ("punt voor punt").
NOUN_BEFORE = frozenset(
    "een het de dit dat die deze mijn haar hun ons onze je jouw uw geen elk ieder welk dood goed "
    "belangrijk eerste laatste ander volgende zelfde zwak sterk nul voor tot".split()
)
SPOKEN_MARKS = frozenset({"punt", "komma"})


def _dictated_punctuation(words: list[str]) -> list[str]:
    out: list[str] = []
    for i, word in enumerate(words):
        if (
            word in SPOKEN_MARKS
            and out
            and out[-1] not in NOUN_BEFORE
            and out[-1] != "."
            and (words[i + 1] if i + 1 < len(words) else "") not in {"achter", "van", "voor"}
        ):
            word = "."
        out.append(word)
    return out


def _unquoted(word: str) -> str:
    """``word`` without the quotation marks around it ("'ik maak er een eind aan'"), keeping the
    apostrophe of chat spelling and of "'s" ("'k", "'t", "m'n", "'s avonds")."""
    if word in CHAT_SPELLING or word == "'s":
        return word
    return word.strip("'")


def _one_slip(word: str, real_words: frozenset[str] = frozenset()) -> str:
    """A pattern for ``word`` or any word one typing slip away from it, its first letter kept;
    not a word of ``real_words`` other than ``word`` itself: "sparen" is no slip of "staren"."""
    variants = {re.escape(word)}
    for i in range(1, len(word)):
        variants.add(re.escape(word[:i]) + r"\w?" + re.escape(word[i + 1 :]))  # missing or changed
        variants.add(re.escape(word[:i]) + r"\w" + re.escape(word[i:]))  # added
        if i + 1 < len(word):
            variants.add(re.escape(word[:i] + word[i + 1] + word[i] + word[i + 2 :]))  # swapped
    pattern = "(?:" + "|".join(sorted(variants, key=len, reverse=True)) + ")"
    others = sorted(real for real in real_words if not real.startswith(word) and re.fullmatch(pattern + r"\w*", real))
    # Every variant starts with the first letter: it stands in front, as a literal the regex
    # engine can scan for (_at_word_start).
    first = word[0]
    rest = "(?:" + "|".join(sorted((variant[1:] for variant in variants), key=len, reverse=True)) + ")"
    if others:
        rest = "(?!(?:" + "|".join(re.escape(other[1:]) for other in others) + r")(?![\w]))" + rest
    return first + rest


@functools.lru_cache(maxsize=16384)  # every phrase of content/signalen.yml, in each form asked
def phrase_pattern(
    phrase: str, tolerant: bool = False, ik_ends: bool = False, real_words: frozenset[str] = frozenset()
) -> re.Pattern[str]:
    """A phrase of content/signalen.yml as a pattern over normalised text.

    Words match whole words. ``*`` alone stands for up to four words ("er * eind aan
    maken"); a word ending in ``*`` matches any word it starts ("suïcid*"), one starting with it
    any word it ends ("*brug": "erasmusbrug"); a ``.`` says
    that the clause ends there ("kan niet meer ."); a leading ``^`` that the message starts
    with the phrase ("^ moet ik"). ``tolerant``: a long word (``TYPO_MIN_LETTERS``,
    or ``TYPO_MIN_LETTERS_IN_LONG_PHRASE`` in a phrase of three words or more) is also
    found with one typing slip, unless that makes a word of ``real_words`` ("te sparen" is no
    slip of "te staren"). ``ik_ends``: a new "ik" ends a clause too, as in a message typed
    without stops ("ik wil er niet meer zijn ik wil echt dood"); for the danger and strain phrases
    only, not for a reassurance ("het gaat ik sta op het perron" is no "het gaat .").
    A `` + `` joins parts that must both stand in one clause, in either order ("spring* +
    brug" finds "ik spring van de brug" and "van de brug springen").
    """
    parts = [part for part in re.split(r"\s\+\s", phrase.strip()) if part.strip()]
    if len(parts) > 1:
        inner = [_words_pattern(part, tolerant, ik_ends, real_words) for part in parts]
        orders = "|".join(f"{first}[^.]*?{second}" for first in inner for second in inner if first != second)
        if len(inner) > 2:  # each part once, in any order: a lookahead per part within the clause
            orders = "".join(f"(?=[^.]*{part})" for part in inner) + r"[^.]*"
        return re.compile(f"(?:{orders})")
    return re.compile(_words_pattern(phrase, tolerant, ik_ends, real_words))


def _words_pattern(phrase: str, tolerant: bool, ik_ends: bool = False, real_words: frozenset[str] = frozenset()) -> str:
    """The pattern of one phrase without `` + ``: whole words, from a word boundary to one."""
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
            if last and ik_ends:
                return _at_word_start(pattern) + r"(?:\.|(?=ik(?![\w'])))"
            pattern += r"\." + ("" if last else " ")
            continue
        if word.startswith("*") and len(word) > 1:
            # a word's end: "*brug" finds "erasmusbrug" and "spoorbrug" (and "brug")
            pattern += r"\w*" + re.escape(word.strip("*").replace("’", "'")) + (r"\w*" if word.endswith("*") else "")
            pattern += "" if last else " "
            continue
        prefix = word.endswith("*")
        core = word.rstrip("*").replace("’", "'")
        if tolerant and len(core) >= (max(least, TYPO_MIN_LETTERS_IN_PREFIX) if prefix else least) and core.isalpha():
            pattern += _one_slip(core, real_words) + (r"\w*" if prefix else "") + ("" if last else " ")
            continue
        pattern += re.escape(core) + (r"\w*" if prefix else "") + ("" if last else " ")
    return _at_word_start(pattern) + r"(?![\w])"


LITERAL_HEAD = re.compile(r"[\w ]+")


def _at_word_start(pattern: str) -> str:
    """``pattern`` matched only where a word starts: not after a letter, digit or apostrophe.

    The check stands after the pattern's leading literal text when it has one ("ik wil" in
    "ik wil (?:...)"), not before it: Python's regex engine then scans for that literal and tries
    the whole pattern only where it occurs, instead of at every position of the message (the
    same matches, several times faster over a thousand phrases)."""
    head = LITERAL_HEAD.match(pattern)
    text = head.group(0) if head else ""
    if text and pattern[len(text) : len(text) + 1] in ("?", "*", "+", "{"):
        text = text[:-1]  # its last letter is quantified: not part of the literal
    if not text:
        return r"(?<![\w'])" + pattern
    return text + r"(?<![\w']" + text + ")" + pattern[len(text) :]


@functools.lru_cache(maxsize=256)  # one entry per list in use; a miss recompiles the whole list
def _listed_patterns(
    phrases: tuple[str, ...], tolerant: bool, ik_ends: bool, real_words: frozenset[str]
) -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    out = []
    for phrase in phrases:
        pattern = phrase_pattern(phrase, tolerant=tolerant, ik_ends=ik_ends, real_words=real_words)
        head = LITERAL_HEAD.match(pattern.pattern)
        # the literal _at_word_start put in front (followed by its check), else none
        literal = head.group(0) if head and pattern.pattern[head.end() : head.end() + 4] == "(?<!" else ""
        out.append((phrase, literal, pattern))
    return tuple(out)


def phrase_patterns(
    normal: str,
    phrases: Iterable[str],
    tolerant: bool = False,
    ik_ends: bool = False,
    real_words: frozenset[str] = frozenset(),
) -> Iterator[tuple[str, re.Pattern[str]]]:
    """Each of ``phrases`` with its pattern (as ``phrase_pattern``), in their order, leaving out
    those whose leading literal text is not in ``normal`` at all: they cannot match, and a
    substring test is far cheaper than a regex over a thousand phrases in every turn."""
    for phrase, literal, pattern in _listed_patterns(tuple(phrases), tolerant, ik_ends, real_words):
        if literal and literal not in normal:
            continue
        yield phrase, pattern


def find_phrase(text: str, phrases: Iterable[str]) -> str | None:
    """The first of ``phrases`` that occurs in ``text``, as it occurs there."""
    normal = normalise(text)
    for _, pattern in phrase_patterns(normal, phrases):
        found = pattern.search(normal)
        if found:
            return found.group(0).replace(" .", ",").strip(" ,.")
    return None
