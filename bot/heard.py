"""What a verbeterstap's wat already said about who leads it and when, and replies that refer to it.

A tester wrote "ik plan zelf voor de kerst een overleg met de klantmanager" as the step, was asked
"Wie is daarbij in de lead?" and "Wanneer ...?" after it, and answered "ik. zei ik toch"; that
sentence went into the summary and the calendar item. So the wie and wanneer questions say what
was heard (``lead_in``, ``moment_in``), a yes keeps it, and a reply that says it was said already
(``refers_back``) keeps what it adds, or what was heard.
"""

from __future__ import annotations

import re
from datetime import date

from bot import dates
from bot.phrases import normalise

# The writer as the subject of the step: "ik plan ...", "ik bel ...", "zelf ...", "ik zelf ...".
# Not "ik wil dat de teamleider ...", "ik denk ...": then someone else may well lead it.
LEAD_SELF = "ik"
NOT_AN_ACTION = frozenset(
    {
        "wil",
        "wilde",
        "vind",
        "vond",
        "denk",
        "dacht",
        "hoop",
        "zou",
        "zie",
        "weet",
        "mis",
        "miste",
        "had",
        "heb",
        "was",
        "ben",
        "kan",
        "kon",
        "snap",
        "begrijp",
        "stel",
        "merk",
        "voel",
    }
)
# A moment that names no day but is one all the same: "voor de kerst", "na de zomer", "bij het
# volgende teamoverleg". Days and weeks are read by bot/dates.py.
VAGUE_MOMENT = re.compile(
    r"\b(?:voor|vóór|na|rond|tijdens|bij|in|op|met)\s+(?:de|het)\s+"
    r"(?:kerst\w*|zomer\w*|herfst\w*|voorjaar\w*|winter\w*|meivakantie|najaar|"
    r"(?:eerst)?volgende\s+\w*(?:overleg|intervisie|vergadering)\w*)"
)
# The word before a day that belongs to the moment: "voor 1 maart", "uiterlijk vrijdag".
BEFORE_A_DAY = frozenset({"voor", "vóór", "uiterlijk", "op", "in", "rond", "na", "per", "vanaf", "begin", "eind"})
# "zei ik toch", "dat zei ik al", "zoals gezegd", "zie boven", "staat er al": the answer is above.
REFERS_BACK = re.compile(
    r"\b(?:(?:dat|dit|heb|had) )?(?:zei|zeg|schreef|noemde|typte) ik (?:toch|al|net|eerder|daarnet|hierboven)"
    r"(?: al)?(?: toch)?\b|\bheb ik (?:toch |net |daarnet )?al (?:gezegd|geschreven|genoemd)\b|"
    r"\bzoals (?:ik )?(?:al |net )?(?:gezegd|zei|schreef|genoemd)\b|\bzie (?:hier)?boven\b|"
    r"\bstaat (?:er )?(?:toch |hierboven )?al\b|\bstond (?:er )?(?:toch )?al\b"
)
# A reply that agrees and adds nothing: what was heard is the answer.
AGREES = frozenset(
    {
        "ja",
        "jaa",
        "jazeker",
        "jawel",
        "yes",
        "jep",
        "jup",
        "klopt",
        "correct",
        "inderdaad",
        "precies",
        "ok",
        "oke",
        "oké",
        "okee",
        "okay",
        "prima",
        "goed",
        "dat",
        "het",
        "is",
        "helemaal",
        "hoor",
        "zeker",
        "dus",
        "past",  # "ja past" to the leervraag opened up
        "mooi",
        "top",
    }
)

AGREES_FIRST = AGREES - {"dat", "het", "is", "goed", "hoor", "dus"}


def lead_in(wat: str) -> str:
    """``LEAD_SELF`` when the step says the writer does it ("ik plan zelf ...", "zelf bellen"), or ""."""
    words = normalise(wat).replace(" .", "").split()
    if "zelf" in words[:4] or (len(words) > 1 and words[0] == "ik" and words[1] not in NOT_AN_ACTION):
        return LEAD_SELF
    return ""


def moment_in(wat: str, today: date | None = None) -> str:
    """The moment the step names, as the user wrote it ("voor de kerst", "voor 1 maart",
    "volgende week"), or ""."""
    said = dates.normalise(wat)
    found = dates.day_phrase(said, today or date.today())
    if found is not None:
        start, end = found
        before = said[:start].split()
        if before and before[-1] in BEFORE_A_DAY:
            start -= len(before[-1]) + 1
        return said[start:end].strip(" .,")
    vague = VAGUE_MOMENT.search(said)
    return vague.group(0) if vague else ""


def refers_back(reply: str) -> tuple[bool, str]:
    """Whether ``reply`` says the answer was given already, and what it says besides that ("ik" of
    "ik. zei ik toch")."""
    found = REFERS_BACK.search(reply.lower())
    if found is None:
        return False, ""
    rest = (reply[: found.start()] + " " + reply[found.end() :]).strip(" .,!?;:-")
    words = [w for w in re.split(r"[\s.,!?;:]+", rest) if w]
    if words and words[0].lower() in ("nou", "ja", "jaa", "he", "hè", "hallo", "maar", "want", "dus"):
        words = words[1:]
    return True, " ".join(words)


def only_agrees(reply: str) -> bool:
    """ "ja", "klopt", "ja dat klopt", "ok prima": agreement and nothing else."""
    words = [w for w in re.split(r"[\s.,!?;:]+", reply.lower()) if w]
    if words[:2] == ["dat", "klopt"]:
        words = words[1:]
    return 0 < len(words) <= 4 and words[0] in AGREES_FIRST and all(w in AGREES for w in words)


# An "ok" after an answer, or "zei ik toch" before one, is said to the bot: "eerder iedereen om tafel.
# ok" was quoted back as an idea and kept in the summary so (a tester).
TRAILING_OK = re.compile(r"\s*[.,;!]+\s*(?:ok|oké|oke|okay|okee|prima)[\s.!]*$", re.IGNORECASE)
LEADING_REFERENCE = re.compile(
    r"^\s*(?:(?:dat|dit|dat heb) )?(?:zei|schreef|noemde|zeg) ik (?:toch |net |daarnet )?(?:al|toch)\b[\s,.:;!-]*",
    re.IGNORECASE,
)
ASIDE_KEEPS_WORDS = 2  # what is left must be an answer of its own


def without_asides(answer: str) -> str:
    """``answer`` without an "ok" after it or a "zei ik toch" before it, when enough is left."""
    for aside in (TRAILING_OK, LEADING_REFERENCE):
        rest = aside.sub("", answer, count=1).strip()
        if rest != answer.strip() and len(rest.split()) >= ASIDE_KEEPS_WORDS:
            answer = rest[:1].upper() + rest[1:] if answer[:1].isupper() else rest
    return answer


# A question that asks for yes or no: "Moet ik als tl ingrijpen ...?", "Is het aan mij om ...?".
# A leervraag like that leads the group less far than an open one (content/flows/intervisie.yml).
CLOSED_QUESTION = re.compile(
    r"^(?P<verb>moet|moest|kan|kon|mag|mocht|zal|zou|wil|had|heb|ben|was|is|doe|deed|hoor|hoef|"
    r"moeten|kunnen|mogen|zullen|zouden|hebben|hadden|zijn|waren|heeft)\s+(?P<who>ik|we|wij|het|je|jij|dat|dit|er)\b"
    r"(?P<rest>.*)$"
)
# "Moet ik X?" opened up keeps X: "Hoe kan ik X?"; not when X has a verb of its own that makes it
# ungrammatical ("Zou ik eerder moeten bellen?").
OPENED = {"ik": "Hoe kan ik", "we": "Hoe kunnen we", "wij": "Hoe kunnen wij"}
MODALS = frozenset({"moet", "moest", "kan", "kon", "mag", "mocht", "zal", "zou", "moeten", "kunnen", "mogen", "zullen"})
OTHER_VERBS = re.compile(r"\b(?:moeten|kunnen|mogen|willen|zullen|worden|hebben|zijn|laten)\b")


def closed_question(answer: str) -> tuple[str, str]:
    """For a leervraag asked as a yes-or-no question: its opening words ("Moet ik") and the same
    question opened up when that reads well ("Hoe kan ik als tl ingrijpen bij botsende
    opdrachten?"), else ""; ("", "") when no sentence of ``answer`` asks for yes or no."""
    for sentence in re.split(r"(?<=[.!?])\s+", " ".join(answer.split())):
        found = CLOSED_QUESTION.match(sentence.lower())
        if not found or not sentence.rstrip().endswith("?"):
            continue
        opening = sentence[: found.end("who")]
        rest = sentence[found.start("rest") :].strip().rstrip("?").strip()
        opened = ""
        if found["verb"] in MODALS and found["who"] in OPENED and rest and not OTHER_VERBS.search(rest.lower()):
            opened = f"{OPENED[found['who']]} {rest}?"
        return opening, opened
    return "", ""


# A reply to "Je noemde al een moment: ... Is dat wanneer je deze stap zet?" that says no and then
# names it: "Nee, dat ging over het driegesprek. Ik zet het op de agenda van 12 maart" stood in the
# summary's table as it was typed (a tester). The "nee", and a first sentence that says what the
# heard words were about, are said to the bot.
NO_THEN = re.compile(r"^\s*(?:nee|neen|nope)\b[\s,.!:;-]*", re.IGNORECASE)
WAS_ABOUT = re.compile(
    r"^\s*(?:dat|die|dit|het)\s+(?:ging|gaat|was|is|hoort|hoorde|sloeg|slaat)\s+(?:over|bij|op)\b[^.!?]*[.!?]\s*",
    re.IGNORECASE,
)
REST_KEEPS_WORDS = 2


def after_a_no(reply: str) -> str:
    """``reply`` without a leading no and the sentence after it that says what was heard was
    about; as it is when no such no opens it or too little would be left."""
    opened = NO_THEN.match(reply)
    if not opened:
        return reply
    rest = WAS_ABOUT.sub("", reply[opened.end() :], count=1).strip()
    if len(rest.split()) < REST_KEEPS_WORDS:
        return reply
    return rest[:1].upper() + rest[1:]
