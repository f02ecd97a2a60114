"""A team session before intervisie (issue 18), in plain Python: codes, what a member may
share, and the facilitator's overview with a proposed agenda.

The store of sessions and shares (``teamstore/``) and the conversation around them build on
these functions; nothing here touches a database or the network.

Privacy by design: a member's preparation is their own conversation. What could be shared
is a short form of it (the case in its first sentences, the moment of choice, the leervraag
as written, the bouwopgaven named); feelings and full answers never. Nothing is shared
unless the member says so, item by item; a share carries a name only when the member signs.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import string
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any, Protocol

from bot.flow import answer_text
from bot.model import Content
from bot.privacy import scrub

# Crockford's base 32: no I, L, O or U, so a code read aloud or typed is not misread.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 8  # nearly 40 bits (some codes are left out, see new_code); with attempts limited, not to be guessed
CODE_GROUP = 4
_PLACEHOLDERS: dict[str, str] = defaultdict(lambda: "[weg]")
# Letters people type for the digits they look like.
_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})
# A code as typed: two groups of four, with a dash, a space or nothing between.
_CODE_IN_TEXT = re.compile(r"(?<![\w-])([0-9a-zA-Z]{4})[ -]?([0-9a-zA-Z]{4})(?![\w-])")

# What a member may share, in the order the bot asks; a case and a moment are shortened.
ITEM_KINDS = ("casus", "keuzemoment", "leervraag", "bouwopgaven")
CASE_SENTENCES = 2
CASE_MAX_WORDS = 45
MOMENT_MAX_WORDS = 35
# The proposed agenda takes this many cases, by the incidentmethode.
AGENDA_CASES = 2


# Wrong codes allowed per conversation, and from all conversations together, in a window.
ATTEMPTS_PER_CONVERSATION = 5
ATTEMPTS_OVERALL = 100
ATTEMPT_WINDOW_SECONDS = 10 * 60
# The most characters of a signature (initials, or a short name the member chooses).
SIGNATURE_MAX_CHARS = 30


class TeamSessionRow(Protocol):
    id: str
    focus: str
    expires: float


class ShareRow(Protocol):
    items: list[dict[str, Any]]
    signature: str


class TeamStorage(Protocol):
    """Where sessions and shares are kept (teamstore.TeamStore): apart from the conversations,
    codes and tokens only as hashes."""

    def create(
        self, session_id: str, code: str, facilitator_token: str, focus: str, created: float, expires: float
    ) -> bool: ...

    def by_code(self, code: str, now: float) -> TeamSessionRow | None: ...

    def get(self, session_id: str, now: float) -> TeamSessionRow | None: ...

    def share(
        self, session_id: str, member_token: str, items: list[dict[str, Any]], signature: str, now: float
    ) -> bool: ...

    def withdraw(self, session_id: str, member_token: str) -> bool: ...

    def overview(self, session_id: str, facilitator_token: str, now: float) -> list[ShareRow] | None: ...

    def close(self, session_id: str, facilitator_token: str) -> bool: ...

    def attempt_allowed(self, key: str, now: float, limit: int = 10, window: float = 600) -> bool: ...

    def note_failure(self, key: str, now: float) -> None: ...


@dataclass(frozen=True)
class TeamContext:
    """What a turn needs to take part in team sessions: the store, who is asking (a hash of
    the conversation, for the limit on wrong codes), the time, and how long a code lives."""

    store: TeamStorage
    conversation: str
    now: float
    days: float

    @property
    def key(self) -> str:
        return hashlib.sha256(self.conversation.encode("utf-8")).hexdigest()

    def may_try_a_code(self) -> bool:
        window = ATTEMPT_WINDOW_SECONDS
        return self.store.attempt_allowed(
            self.key, self.now, ATTEMPTS_PER_CONVERSATION, window
        ) and self.store.attempt_allowed("*", self.now, ATTEMPTS_OVERALL, window)

    def wrong_code(self) -> None:
        self.store.note_failure(self.key, self.now)
        self.store.note_failure("*", self.now)


def new_code() -> str:
    """A fresh code to type or read aloud, such as "K7QM-4XP9": always a digit and a letter in
    it, so that no date, number or word is read as a code."""
    while True:
        raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        code = f"{raw[:CODE_GROUP]}-{raw[CODE_GROUP:]}"
        if _mixed(raw) and not _looks_identifying(code):
            return code


def _looks_identifying(code: str) -> bool:
    """Whether the privacy filter would take the code, or part of it, out of a message as it
    might be typed ("1742BT" in "JM1742BT" reads as a postcode): such a code never arrives."""
    if re.search(r"\d{3}", code.replace("-", "")):
        return True  # three digits in a row start a postcode, a house number or a phone number
    forms = (code, code.replace("-", " "), code.replace("-", ""), code.lower(), code.replace("-", "").lower())
    return any(scrub(f"code {form}", _PLACEHOLDERS).text != f"code {form}" for form in forms)


def _mixed(raw: str) -> bool:
    return any(c.isdigit() for c in raw) and any(c.isalpha() for c in raw)


def new_token() -> str:
    """A secret that ties a conversation to its role in a session (facilitator or member):
    40 letters, 188 bits."""
    return _letters(40)


def new_session_id() -> str:
    """A session's id: 32 letters, 150 bits."""
    return _letters(32)


def _letters(count: int) -> str:
    """Random lower-case letters. No digits: ids and tokens live in the conversation's slot, and
    the store takes digit runs that look like a BSN, a phone or an account number out of every
    string it keeps (server/store.py); a hex id lost its middle that way, and the session with it."""
    return "".join(secrets.choice(string.ascii_lowercase) for _ in range(count))


def normal_code(text: str) -> str | None:
    """``text`` as a code in its one written form ("k7qm 4xp9" -> "K7QM-4XP9"); None when it
    cannot be one."""
    raw = re.sub(r"[\s-]", "", text).upper().translate(_LOOKALIKES)
    if len(raw) != CODE_LENGTH or any(c not in CODE_ALPHABET for c in raw):
        return None
    return f"{raw[:CODE_GROUP]}-{raw[CODE_GROUP:]}"


def code_in(text: str) -> str | None:
    """The code a message holds ("mijn code is k7qm-4xp9"), if it holds one: two groups of
    four with a digit and a letter, so that "team over" or "2026 1203" is no code."""
    for match in _CODE_IN_TEXT.finditer(text):
        raw = match.group(1) + match.group(2)
        if _mixed(raw):
            code = normal_code(raw)
            if code:
                return code
    return None


@dataclass(frozen=True)
class Item:
    """One thing a member could share."""

    kind: str  # one of ITEM_KINDS
    text: str  # as the member sees it, and the facilitator when shared
    ids: tuple[str, ...] = ()  # for bouwopgaven: their ids, to count

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text, **({"ids": list(self.ids)} if self.ids else {})}


def _answer(state: dict[str, Any], step_id: str) -> str:
    return " ".join(answer_text((state.get("answers") or {}).get(step_id)).split())


def _shortened(text: str, sentences: int, most: int) -> str:
    parts = re.split(r"(?<=[.!?])\s+", text)
    words = " ".join(parts[:sentences]).split()
    return " ".join(words[:most]) + (" …" if len(words) > most else "")


def shareable(content: Content, state: dict[str, Any]) -> list[Item]:
    """What a member could share of a finished preparation, in the order the bot asks: never
    a feeling or a full answer, and nothing that was skipped."""
    flow = content.flows[state["flow"]]
    sheet = flow.intervisie
    if sheet is None:
        return []
    items = []
    case = _answer(state, sheet.casus)
    if case:
        items.append(Item("casus", _shortened(case, CASE_SENTENCES, CASE_MAX_WORDS)))
    moment = _answer(state, sheet.moment) if sheet.moment else ""
    if moment:
        items.append(Item("keuzemoment", _shortened(moment, 1, MOMENT_MAX_WORDS)))
    question = _answer(state, sheet.inbrengvraag)
    if question:
        items.append(Item("leervraag", question))
    chosen = [b for b in state.get("bouwopgaven") or [] if b in content.bouwopgaven]
    if chosen:
        names = "; ".join(f"{content.bouwopgaven[b].nummer}. {content.bouwopgaven[b].naam}" for b in chosen)
        items.append(Item("bouwopgaven", names, tuple(chosen)))
    return items


def overview(content: Content, shares: list[dict[str, Any]], focus: str = "") -> dict[str, Any]:
    """What the facilitator sees: how often each bouwopgave was named, the leervragen as
    written, the cases, and a proposed agenda. ``shares`` are the members' shares in the
    order they came (each ``{"items": [...], "signature": ""}``); a name shows only where
    the member signed."""
    counts: Counter[str] = Counter()
    cases = []
    for number, share in enumerate(shares, 1):
        given = [i for i in share.get("items") or [] if i.get("kind") in ITEM_KINDS]
        items = {i["kind"]: i["text"] for i in given}
        named = [b for i in given if i["kind"] == "bouwopgaven" for b in i.get("ids") or [] if b in content.bouwopgaven]
        counts.update(named)
        cases.append(
            {
                "nummer": number,
                "door": share.get("signature") or "",
                "casus": items.get("casus", ""),
                "keuzemoment": items.get("keuzemoment", ""),
                "leervraag": items.get("leervraag", ""),
                "bouwopgaven": named,
            }
        )
    order = {b: i for i, b in enumerate(content.bouwopgaven)}
    bouwopgaven = [
        {"id": b, "nummer": content.bouwopgaven[b].nummer, "naam": content.bouwopgaven[b].naam, "aantal": n}
        for b, n in sorted(counts.items(), key=lambda item: (-item[1], order[item[0]]))
    ]
    return {
        "focus": focus,
        "deelnemers": len(shares),
        "bouwopgaven": bouwopgaven,
        "leervragen": [{"tekst": c["leervraag"], "door": c["door"]} for c in cases if c["leervraag"]],
        "casussen": cases,
        "agenda": agenda(cases, focus or (bouwopgaven[0]["id"] if bouwopgaven else "")),
    }


def agenda(cases: list[dict[str, Any]], theme: str) -> list[dict[str, Any]]:
    """The cases to take, by the incidentmethode (one concrete moment of choice and a
    leervraag each): first those that name ``theme`` (the session's focus or the bouwopgave
    named most), then those with both a moment and a leervraag, in the order they came."""

    def rank(case: dict[str, Any]) -> tuple[int, int, int]:
        complete = bool(case["keuzemoment"]) and bool(case["leervraag"])
        return (0 if theme and theme in case["bouwopgaven"] else 1, 0 if complete else 1, case["nummer"])

    usable = [c for c in cases if c["keuzemoment"] or c["leervraag"]]  # something to ask the group about
    return [
        {k: c[k] for k in ("nummer", "casus", "keuzemoment", "leervraag", "door")}
        for c in sorted(usable, key=rank)[:AGENDA_CASES]
    ]
