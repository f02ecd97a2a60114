"""The one registry of requests a user can make: uitleg, overslaan, terug, pauze, ...

Each request is one entry here. Everything else is checked against this table by the
tests (tests/test_requests.py): the intents in ``domain.yml``, the one rule in
``data/rules/beurt.yml`` that sends every message to ``action_turn``, the toolbar of the
chat page (``web/index.html``), the payloads of the buttons in ``content/berichten.yml``
and the judgement (``bot/interpret.py``). Adding an interruption is one entry here, one
operation in ``bot/turn.py`` and its texts in ``content/``.

Button titles and confirmation texts are Dutch, so they live in ``content/``: an entry
names their keys.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Request:
    intent: str  # the NLU intent and the payload's name
    operation: str  # what bot/turn.py does with it (see Turn.request)
    title: str | None = None  # key in content/teksten.yml: the title of its button
    confirm: str | None = None  # key in content/berichten.yml: asked before it is carried out
    control: bool = False  # the chat page shows it in its toolbar at every question
    navigation: bool = False  # it acts on the open question; a doubtful one is asked about

    @property
    def payload(self) -> str:
        return f"/{self.intent}"


REQUESTS: dict[str, Request] = {
    r.intent: r
    for r in (
        Request("help", "help", title="knop_help", control=True, navigation=True),
        Request("skip", "skip", title="knop_skip", control=True, navigation=True),
        Request("go_back", "back", title="knop_go_back", control=True, navigation=True),
        Request("pause", "pause", title="knop_pause", control=True, navigation=True),
        Request("resume", "resume", title="knop_resume"),
        Request("quit", "stop", title="knop_quit", confirm="stoppen_bevestigen", navigation=True),
        Request("new_conversation", "stop", confirm="stoppen_bevestigen"),
        Request("dont_know", "dont_know", navigation=True),
        Request("progress", "where"),
        Request("shortcut", "offer_shortcut"),  # "kunnen we het kort houden?": straight to the verbeterstappen?
        Request(
            "delete_conversation",
            "delete",
            title="knop_delete_conversation",
            confirm="verwijderen_bevestigen",
            navigation=True,
        ),
        Request("distress", "support"),
        Request("start_flow", "start_flow"),
        # A team session (bot/teamturn.py): outside a reflection, for whom leads or shared.
        Request("team_overview", "team_overview", title="knop_team_overview"),
        Request("team_close", "team_close", title="knop_team_close", confirm="team_sluiten_bevestigen"),
        Request("team_withdraw", "team_withdraw", title="knop_team_withdraw"),
        Request("greet", "small_talk"),
        Request("goodbye", "small_talk"),
        Request("thanks", "small_talk"),
        Request("bot_challenge", "small_talk"),
        Request("out_of_scope", "small_talk"),
    )
}

# Intents that are not requests but answers to the bot's own questions.
REPLY_INTENTS = frozenset({"answer", "affirm", "deny", "choose_bouwopgave"})

REQUEST_INTENTS = frozenset(REQUESTS)
NAVIGATION_INTENTS = frozenset(r.intent for r in REQUESTS.values() if r.navigation)
# The facilitator's and a member's requests in a team session (bot/teamturn.py).
TEAM_REQUESTS = ("team_overview", "team_close", "team_withdraw")
CONTROLS = tuple(r for r in REQUESTS.values() if r.control)

# What the turn replies to small talk, by intent (keys of content/berichten.yml).
SMALL_TALK = {
    "greet": "groet_tussendoor",
    "thanks": "graag_gedaan",
    "bot_challenge": "ik_ben_een_bot",
    "out_of_scope": "buiten_bereik",
    "goodbye": "afscheid",
}
