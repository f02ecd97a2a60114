"""`make stats`: anonymous figures from the stored conversations, counts only (server/stats.py)."""

from __future__ import annotations

import json

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.contract import STATE_SLOT
from bot.turn import Turn
from server import stats
from server.store import BouwgesprekTrackerStore
from tests.conftest import ROOT
from tests.e2e.walk import CONCRETE
from tests.talk import Talk

SECRET_ANSWER = "De klantmanager en ik zagen de schulden pas laat"


def tracker_of(sender: str, log: list[tuple[str, str, Turn]], domain: Domain) -> DialogueStateTracker:
    """The tracker Rasa would have stored: each message, the state slot, the bot's messages."""
    tracker = DialogueStateTracker.from_events(sender, [], domain.slots)
    for text, intent, turn in log:
        tracker.update(UserUttered(text, {"name": intent, "confidence": 0.9}))
        tracker.update(SlotSet(STATE_SLOT, turn.state))
        for message in turn.messages:
            tracker.update(BotUttered(message.text, {"custom": message.custom}))
    return tracker


class Recorder:
    """A Talk that remembers each message with the turn it got."""

    def __init__(self) -> None:
        self.talk = Talk()
        self.log: list[tuple[str, str, Turn]] = []

    def say(self, text: str, intent: str = "answer") -> None:
        turn = self.talk.start() if text.startswith("/start_flow") else self.talk.say(text, intent)
        self.log.append((text, intent, turn))


@pytest.fixture
def database(tmp_path, monkeypatch):
    path = tmp_path / "gesprekken.db"
    monkeypatch.setenv("DB_DIALECT", "sqlite")
    monkeypatch.setenv("DB_NAME", str(path))
    domain = Domain.load(str(ROOT / "domain.yml"))
    return BouwgesprekTrackerStore(domain=domain, dialect="sqlite", db=str(path)), domain


async def test_the_figures_count_reflections_stops_and_requests_and_hold_no_text(database, capsys):
    store, domain = database
    whole = Recorder()
    whole.say('/start_flow{"flow": "reflectie"}')
    for _ in range(80):
        meta = whole.talk.meta
        if meta["kind"] == "summary":
            break
        if meta["kind"] == "confirm":
            whole.say("nee", "deny")
        elif meta["step"].endswith("keuze"):
            whole.say("/affirm" if "/affirm" in whole.talk.payloads() else "4", "affirm")
        else:
            whole.say(CONCRETE.get(meta["step"].rsplit(".", 1)[-1]) or SECRET_ANSWER)
    assert whole.talk.meta["kind"] == "summary"
    await store.save(tracker_of("heel-gesprek-1", whole.log, domain))

    left = Recorder()
    left.say('/start_flow{"flow": "reflectie"}')
    left.say(SECRET_ANSWER)
    left.say("/skip", "skip")
    left.say("/help", "help")
    left.say("/pause", "pause")
    await store.save(tracker_of("half-gesprek-2", left.log, domain))

    welcome_only = Recorder()
    welcome_only.say("hallo", "greet")
    await store.save(tracker_of("alleen-welkom-3", welcome_only.log, domain))

    assert stats.main(["--json"]) == 0
    shown = capsys.readouterr().out
    weeks = json.loads(shown)["weken"]
    assert len(weeks) == 1
    week = next(iter(weeks.values()))
    assert (week["gestart"], week["afgerond"]) == (2, 1)
    assert week["gestopt_in_fase"] == {"casus": 1}
    assert week["berichten"]["pauze"] == 1 and week["berichten"]["uitleg"] == 1
    assert week["overgeslagen_vragen"] >= 1
    assert week["flows"] == {"reflectie": 2}
    assert sum(week["bouwopgaven"].values()) >= 1
    assert json.loads(shown)["dagen_terug"] == 30
    for private in ("heel-gesprek-1", "half-gesprek-2", "klantmanager", "schulden", "casusoverleg"):
        assert private not in shown

    assert stats.main([]) == 0
    table = capsys.readouterr().out
    assert "2 gestart, 1 afgerond" in table and "hooguit 30 dagen terug" in table
    assert "klantmanager" not in table


async def test_an_empty_store_says_so(database, capsys):
    assert stats.main([]) == 0
    assert "Nog geen reflecties bewaard." in capsys.readouterr().out
