"""The tracker store: no identifying data on disk, real deletion, retention."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest
from rasa.core.tracker_store import AwaitableTrackerStore, FailSafeTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.engine import DELETED
from channels import store as store_module
from channels.store import BouwgesprekTrackerStore, ours, scrubbed
from tests.conftest import ROOT

BSN = "111222333"  # passes the elfproef
PHONE = "06-12345678"
ANSWER = "De klantmanager en ik zagen het pas laat; BSN 111222333, bel 06-12345678."


@pytest.fixture(scope="module")
def rasa_domain() -> Domain:
    return Domain.load(str(ROOT / "domain.yml"))


@pytest.fixture
def store(tmp_path, rasa_domain) -> BouwgesprekTrackerStore:
    return BouwgesprekTrackerStore(domain=rasa_domain, dialect="sqlite", db=str(tmp_path / "sub" / "gesprekken.db"))


def conversation(sender: str, domain: Domain, text: str = ANSWER, when: float | None = None) -> DialogueStateTracker:
    when = time.time() if when is None else when
    events = [
        ActionExecuted("action_listen", timestamp=when),
        UserUttered(text, {"intent": {"name": "answer", "confidence": 0.9}, "text": text}, timestamp=when),
        SlotSet("reflectie", {"answers": {"casus.gebeurtenis": {"answer": text}}}, timestamp=when),
        BotUttered("Dank je. Volgende vraag.", {"custom": {"reflectie": {"kind": "question"}}}, timestamp=when),
    ]
    return DialogueStateTracker.from_events(sender, events, domain.slots)


def rows(database: Path, sender: str | None = None) -> int:
    with sqlite3.connect(database) as connection:
        if sender is None:
            return connection.execute("SELECT count(*) FROM events").fetchone()[0]
        return connection.execute("SELECT count(*) FROM events WHERE sender_id = ?", (sender,)).fetchone()[0]


def database_of(store: BouwgesprekTrackerStore) -> Path:
    return Path(store.engine.url.database)


def test_scrubbed_reaches_every_string_in_an_event():
    data = {"text": ANSWER, "parse_data": {"text": ANSWER, "entities": [{"value": BSN}]}, "n": 3, "ok": None}
    clean = scrubbed(data)
    assert BSN not in repr(clean) and PHONE not in repr(clean)
    assert clean["n"] == 3 and clean["ok"] is None
    assert "De klantmanager en ik zagen het pas laat" in clean["text"]


async def test_identifying_data_never_reaches_the_database_file(store, rasa_domain):
    await store.save(conversation("ik", rasa_domain))
    raw = database_of(store).read_bytes()
    assert rows(database_of(store)) == 4
    assert BSN.encode() not in raw and PHONE.encode() not in raw
    assert b"De klantmanager en ik zagen het pas laat" in raw  # the answer itself is kept
    tracker = await store.retrieve("ik")
    assert "[BSN verwijderd]" in tracker.latest_message.text


async def test_a_confirmed_deletion_removes_every_row_and_the_bytes(store, rasa_domain):
    text = "Een zin die daarna nergens meer mag staan."
    await store.save(conversation("ik", rasa_domain, text))
    await store.save(conversation("iemand anders", rasa_domain))
    tracker = await store.retrieve("ik")
    tracker.update(UserUttered("ja", {"intent": {"name": "affirm", "confidence": 0.9}, "text": "ja"}))
    tracker.update(BotUttered("Je gesprek is verwijderd.", {"custom": {"reflectie": {"kind": DELETED}}}))
    await store.save(tracker)
    assert rows(database_of(store), "ik") == 0
    assert rows(database_of(store), "iemand anders") == 4
    assert text.encode() not in database_of(store).read_bytes()  # secure_delete overwrote it
    assert await store.retrieve("ik") is None


async def test_an_older_deletion_message_does_not_delete_a_new_conversation(store, rasa_domain):
    tracker = conversation("ik", rasa_domain)
    tracker.update(BotUttered("Je gesprek is verwijderd.", {"custom": {"reflectie": {"kind": DELETED}}}))
    tracker.update(UserUttered("hallo", {"intent": {"name": "greet", "confidence": 0.9}, "text": "hallo"}))
    await store.save(tracker)
    assert rows(database_of(store), "ik") == 6


async def test_purge_removes_only_conversations_older_than_the_retention(store, rasa_domain):
    now = time.time()
    await store.save(conversation("oud", rasa_domain, when=now - 31 * 86400))
    await store.save(conversation("recent", rasa_domain, when=now - 29 * 86400))
    assert store.purge(30, now=now) == 1
    assert rows(database_of(store), "oud") == 0
    assert rows(database_of(store), "recent") == 4
    assert store.purge(30, now=now) == 0


def test_our_store_is_found_inside_rasas_wrappers(store):
    assert ours(AwaitableTrackerStore(FailSafeTrackerStore(store))) is store
    assert ours(None) is None


async def test_make_purge_uses_the_settings_and_days(tmp_path, monkeypatch, rasa_domain, capsys):
    database = tmp_path / "gesprekken.db"
    monkeypatch.setenv("DB_DIALECT", "sqlite")
    monkeypatch.setenv("DB_NAME", str(database))
    store = BouwgesprekTrackerStore(domain=rasa_domain, dialect="sqlite", db=str(database))
    await store.save(conversation("oud", rasa_domain, when=time.time() - 3 * 86400))
    await store.save(conversation("nieuw", rasa_domain))
    assert store_module.main(["purge", "--days", "2"]) == 0
    assert "1 gesprek(ken) verwijderd" in capsys.readouterr().out
    assert rows(database, "oud") == 0 and rows(database, "nieuw") == 4


def test_make_purge_reports_a_wrong_number_in_dutch(monkeypatch, capsys):
    assert store_module.main(["purge", "--days", "veel"]) == 1
    assert "RETENTION_DAYS moet een getal zijn" in capsys.readouterr().err
