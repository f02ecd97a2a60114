"""The tracker store: no identifying data on disk, real deletion, retention.

Every test runs on SQLite (the default) and on a throwaway PostgreSQL server (by
configuration); the byte-level checks are SQLite's, whose file we can read.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import AwaitableTrackerStore, FailSafeTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, Event, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.turn import ActionTurn
from bot import settings
from bot.contract import DELETION_SLOT, STATE_SLOT
from bot.engine import DELETED
from bot.settings import tracker_store
from server import cache as cache_module
from server import retention
from server.store import BouwgesprekTrackerStore, ours, scrubbed
from tests.conftest import ROOT
from tests.postgres import Postgres, throwaway_postgres

BSN = "111222333"  # passes the elfproef
PHONE = "06-12345678"
ANSWER = "De klantmanager en ik zagen het pas laat; BSN 111222333, bel 06-12345678."


@pytest.fixture(scope="module")
def rasa_domain() -> Domain:
    return Domain.load(str(ROOT / "domain.yml"))


@pytest.fixture(scope="module")
def postgres() -> Iterator[Postgres]:
    with throwaway_postgres() as server:
        yield server


@pytest.fixture(params=["sqlite", "postgresql"])
def new_server(request, tmp_path, rasa_domain) -> Iterator[Callable[[], BouwgesprekTrackerStore]]:
    """Makes the store of one more Rasa server, all on the same database."""
    if request.param == "sqlite":
        database = str(tmp_path / "sub" / "gesprekken.db")
        yield lambda: BouwgesprekTrackerStore(domain=rasa_domain, dialect="sqlite", db=database)
        return
    server = request.getfixturevalue("postgres")
    config = tracker_store(settings.load(server.settings()))
    config.pop("type")
    host = config.pop("url")
    made: list[BouwgesprekTrackerStore] = []

    def make() -> BouwgesprekTrackerStore:
        made.append(BouwgesprekTrackerStore(domain=rasa_domain, host=host, **config))
        return made[-1]

    yield make
    with made[0].engine.begin() as connection:
        connection.execute(sa.text("DELETE FROM events"))
        connection.execute(sa.text("DELETE FROM ingetrokken_gesprekken"))


@pytest.fixture
def store(new_server) -> BouwgesprekTrackerStore:
    return new_server()


def conversation(sender: str, domain: Domain, text: str = ANSWER, when: float | None = None) -> DialogueStateTracker:
    when = time.time() if when is None else when
    events = [
        ActionExecuted("action_listen", timestamp=when),
        UserUttered(text, {"intent": {"name": "answer", "confidence": 0.9}, "text": text}, timestamp=when),
        SlotSet("reflectie", {"answers": {"casus.gebeurtenis": {"answer": text}}}, timestamp=when),
        BotUttered("Dank je. Volgende vraag.", {"custom": {"reflectie": {"kind": "question"}}}, timestamp=when),
    ]
    return DialogueStateTracker.from_events(sender, events, domain.slots)


def rows(store: BouwgesprekTrackerStore, sender: str | None = None) -> int:
    query = "SELECT count(*) FROM events" + (" WHERE sender_id = :sender" if sender else "")
    with store.engine.connect() as connection:
        return connection.execute(sa.text(query), {"sender": sender}).scalar()


def database_bytes(store: BouwgesprekTrackerStore) -> bytes | None:
    """The SQLite file's bytes; None for PostgreSQL."""
    if store.engine.dialect.name != "sqlite":
        return None
    return Path(store.engine.url.database).read_bytes()


def test_scrubbed_reaches_every_string_in_an_event():
    data = {"text": ANSWER, "parse_data": {"text": ANSWER, "entities": [{"value": BSN}]}, "n": 3, "ok": None}
    clean = scrubbed(data)
    assert BSN not in repr(clean) and PHONE not in repr(clean)
    assert clean["n"] == 3 and clean["ok"] is None
    assert "De klantmanager en ik zagen het pas laat" in clean["text"]


async def test_identifying_data_never_reaches_the_database_file(store, rasa_domain):
    await store.save(conversation("ik", rasa_domain))
    assert rows(store) == 4
    with store.engine.connect() as connection:
        stored = " ".join(row[0] for row in connection.execute(sa.text("SELECT data FROM events")))
    assert BSN not in stored and PHONE not in stored
    assert "De klantmanager en ik zagen het pas laat" in stored  # the answer itself is kept
    raw = database_bytes(store)
    if raw is not None:
        assert BSN.encode() not in raw and PHONE.encode() not in raw
    tracker = await store.retrieve("ik")
    assert "[BSN]" in tracker.latest_message.text


async def confirmed_by_the_action(tracker: DialogueStateTracker, domain: dict) -> None:
    """The user confirms deleting with the offered button; the real action's events are applied."""
    confirm = {"flow": None, "waiting": "confirm_delete", "back_to": None, "support_shown": 0, "deferred": None}
    tracker.update(SlotSet(STATE_SLOT, confirm))
    tracker.update(UserUttered("/affirm", {"name": "affirm", "confidence": 1.0}))
    dispatcher = CollectingDispatcher()
    sdk_tracker = Tracker.from_dict(tracker.current_state(EventVerbosity.ALL))
    for event in await ActionTurn().run(dispatcher, sdk_tracker, domain):
        tracker.update(Event.from_parameters(event))
    for message in dispatcher.messages:
        tracker.update(BotUttered(message["text"], {"custom": message["custom"]}))


async def test_a_confirmed_deletion_removes_every_row_and_the_bytes(store, rasa_domain, domain):
    text = "Een zin die daarna nergens meer mag staan."
    await store.save(conversation("ik", rasa_domain, text))
    await store.save(conversation("iemand anders", rasa_domain))
    tracker = await store.retrieve("ik")
    await confirmed_by_the_action(tracker, domain)
    assert tracker.get_slot(DELETION_SLOT) is True
    await store.save(tracker)
    assert rows(store, "ik") == 0
    assert rows(store, "iemand anders") == 4
    raw = database_bytes(store)
    if raw is not None:
        assert text.encode() not in raw  # secure_delete overwrote it
    assert await store.retrieve("ik") is None


async def test_the_client_contract_alone_deletes_nothing(store, rasa_domain):
    """Deleting is the engine's explicit slot, not a presentation field of the contract."""
    tracker = conversation("ik", rasa_domain)
    tracker.update(UserUttered("ja", {"intent": {"name": "affirm", "confidence": 0.9}, "text": "ja"}))
    tracker.update(BotUttered("Je gesprek is verwijderd.", {"custom": {"reflectie": {"kind": DELETED}}}))
    await store.save(tracker)
    assert rows(store, "ik") == 6


async def test_an_older_deletion_does_not_delete_a_new_conversation(store, rasa_domain):
    tracker = conversation("ik", rasa_domain)
    tracker.update(SlotSet(DELETION_SLOT, True))
    tracker.update(UserUttered("hallo", {"intent": {"name": "greet", "confidence": 0.9}, "text": "hallo"}))
    await store.save(tracker)
    assert rows(store, "ik") == 6


async def test_purge_removes_only_conversations_older_than_the_retention(store, rasa_domain):
    now = time.time()
    await store.save(conversation("oud", rasa_domain, when=now - 31 * 86400))
    await store.save(conversation("recent", rasa_domain, when=now - 29 * 86400))
    assert store.purge(30, now=now) == 1
    assert rows(store, "oud") == 0
    assert rows(store, "recent") == 4
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
    assert retention.main(["purge", "--days", "2"]) == 0
    assert "1 gesprek(ken) verwijderd" in capsys.readouterr().out
    assert rows(store, "oud") == 0 and rows(store, "nieuw") == 4


def test_make_purge_reports_a_wrong_number_in_dutch(monkeypatch, capsys):
    assert retention.main(["purge", "--days", "veel"]) == 1
    assert "RETENTION_DAYS moet een getal zijn" in capsys.readouterr().err


def said(text: str) -> UserUttered:
    return UserUttered(text, {"intent": {"name": "answer", "confidence": 0.9}, "text": text})


def texts(tracker: DialogueStateTracker | None) -> list[str]:
    return [event.text for event in tracker.events if isinstance(event, UserUttered)] if tracker else []


async def take_turn(store: BouwgesprekTrackerStore, sender: str, text: str) -> None:
    """What Rasa does with one message: read the conversation, add to it, save it."""
    tracker = await store.retrieve(sender)
    tracker.update(said(text))
    tracker.update(SlotSet("reflectie", {"laatste": text}))
    await store.save(tracker)


async def test_turns_alternating_between_two_servers_are_all_kept_in_order(new_server, rasa_domain):
    a, b = new_server(), new_server()
    await a.save(conversation("ik", rasa_domain, "eerste"))
    for number in range(1, 7):
        await take_turn((a, b)[number % 2], "ik", f"beurt {number}")
    expected = ["eerste", *(f"beurt {number}" for number in range(1, 7))]
    for server in (a, b, new_server()):
        tracker = await server.retrieve("ik")
        assert texts(tracker) == expected
        assert tracker.get_slot("reflectie") == {"laatste": "beurt 6"}
    assert rows(a, "ik") == 4 + 6 * 2


async def test_a_conversation_read_again_on_one_server_is_what_the_database_holds(new_server, rasa_domain):
    store = new_server()
    await store.save(conversation("ik", rasa_domain))
    for number in range(3):
        await take_turn(store, "ik", f"beurt {number}")
    again = await store.retrieve("ik")
    fresh = await new_server().retrieve("ik")  # a server that never saw it reads the database
    assert [event.as_dict() for event in again.events] == [event.as_dict() for event in fresh.events]
    assert "[BSN]" in texts(again)[0]  # what was kept is what was stored: without the BSN


async def test_a_tracker_saved_twice_adds_its_events_once(store, rasa_domain):
    await store.save(conversation("ik", rasa_domain))
    tracker = await store.retrieve("ik")
    tracker.update(said("nog iets"))
    await store.save(tracker)
    await store.save(tracker)
    assert rows(store, "ik") == 5
    assert texts(await store.retrieve("ik"))[-1] == "nog iets"


async def test_a_conversation_deleted_or_purged_by_another_server_is_gone_here_too(new_server, rasa_domain):
    a, b = new_server(), new_server()
    await a.save(conversation("ik", rasa_domain, "weg ermee"))
    await a.save(conversation("oud", rasa_domain, when=time.time() - 40 * 86400))
    assert texts(await a.retrieve("ik")) == ["weg ermee"]
    assert await a.retrieve("oud") is not None
    b.delete("ik")
    assert b.purge(30) == 1
    assert await a.retrieve("ik") is None
    assert await a.retrieve("oud") is None


async def test_only_the_latest_session_is_read_also_from_memory(new_server, rasa_domain):
    store = new_server()
    await store.save(conversation("ik", rasa_domain, "eerste sessie"))
    tracker = await store.retrieve("ik")
    tracker.update(SessionStarted())
    tracker.update(ActionExecuted("action_listen"))
    tracker.update(said("tweede sessie"))
    await store.save(tracker)
    assert texts(await store.retrieve("ik")) == ["tweede sessie"]
    assert texts(await new_server().retrieve("ik")) == ["tweede sessie"]


async def test_more_conversations_than_kept_in_memory_are_all_read_correctly(store, rasa_domain, monkeypatch):
    store.cache.size = 3
    for number in range(6):
        await store.save(conversation(f"gesprek-{number}", rasa_domain, f"antwoord {number}"))
        await take_turn(store, f"gesprek-{number}", f"vervolg {number}")
    assert len(store.cache.entries) == 3
    for number in range(6):
        assert texts(await store.retrieve(f"gesprek-{number}"))[-1] == f"vervolg {number}"


async def test_two_servers_on_one_conversation_at_once_both_keep_their_turn(new_server, rasa_domain):
    # Rasa's Redis lock store can let this happen (docs/deploy.md): both read, both save.
    a, b = new_server(), new_server()
    await a.save(conversation("ik", rasa_domain, "eerste"))
    on_a, on_b = await a.retrieve("ik"), await b.retrieve("ik")
    on_a.update(said("via A"))
    on_b.update(said("via B"))
    on_b.update(SlotSet("reflectie", {"laatste": "via B"}))
    await a.save(on_a)
    await b.save(on_b)
    assert rows(a, "ik") == 4 + 1 + 2
    for server in (a, b):
        assert texts(await server.retrieve("ik")) == ["eerste", "via A", "via B"]


async def test_a_conversation_unused_for_a_quarter_leaves_the_servers_memory(new_server, rasa_domain):
    a, b = new_server(), new_server()
    await a.save(conversation("ik", rasa_domain, "weg ermee"))
    await take_turn(a, "ik", "nog iets")
    assert "ik" in a.cache.entries
    b.delete("ik")  # through another server: this one's memory is not told
    later = time.monotonic() + cache_module.CACHED_SECONDS + 1
    a.cache.clock = lambda: later
    a.purge(30)  # runs every hour; reading any conversation does the same
    assert a.cache.entries == {}


def test_the_database_and_its_folder_are_readable_by_their_owner_alone(tmp_path, rasa_domain):
    database = tmp_path / "var" / "gesprekken.db"
    BouwgesprekTrackerStore(domain=rasa_domain, dialect="sqlite", db=str(database))
    assert database.stat().st_mode & 0o777 == 0o600
    assert database.parent.stat().st_mode & 0o777 == 0o700


async def test_a_revoked_conversation_is_deleted_and_its_id_refused_until_it_has_expired(store):
    tracker = DialogueStateTracker.from_events("web-oud", [UserUttered("Een casus")], store.domain.slots)
    await store.save(tracker)
    store.revoke("web-oud", now=1000)
    assert store.is_revoked("web-oud") and await store.retrieve("web-oud") is None
    assert not store.is_revoked("web-nieuw")
    store.purge(days=1, now=1000 + 2 * 24 * 60 * 60)  # its cookie cannot be valid any more
    assert not store.is_revoked("web-oud")


async def test_a_turn_saved_after_its_conversation_was_ended_brings_nothing_back(new_server, rasa_domain):
    """'Nieuw gesprek' on one server while a turn of the old conversation is still handled on
    another: the late save must not write part of the deleted conversation again."""
    first, second = new_server(), new_server()
    await first.save(conversation("web-oud", rasa_domain))
    late = await second.retrieve("web-oud")  # a turn of it, being handled on the second server
    first.revoke("web-oud")
    late.update(said("Nog een antwoord van de oude casus"))
    await second.save(late)
    assert rows(first, "web-oud") == 0 and await first.retrieve("web-oud") is None


async def test_a_message_id_is_stored_as_sent_so_a_retry_is_found(store, rasa_domain):
    tracker = DialogueStateTracker.from_events(
        "s1", [UserUttered("De klant belde", message_id="1234567")], rasa_domain.slots
    )
    await store.save(tracker)
    stored = await store.retrieve("s1")
    assert [e.message_id for e in stored.events if isinstance(e, UserUttered)] == ["1234567"]


async def test_a_server_with_only_the_chat_page_purges_too_and_once(monkeypatch):
    """Retention was started by the REST channel alone: a chat-page-only server never purged."""
    import asyncio
    from types import SimpleNamespace

    from server.web import BouwgesprekWebInput

    purged: list[float] = []

    async def purge(app, days):
        purged.append(days)
        await asyncio.sleep(3600)

    monkeypatch.setattr(retention, "purge_regularly", purge)
    blueprint = BouwgesprekWebInput().blueprint(lambda message: None)
    listeners = blueprint._future_listeners  # what Sanic runs when the server starts and stops
    starts = [item.listener for item in listeners if item.event == "after_server_start"]
    stops = [item.listener for item in listeners if item.event == "before_server_stop"]
    assert starts and stops, "the chat page's blueprint starts and stops retention"
    fake = SimpleNamespace(ctx=SimpleNamespace())
    for start in [*starts, *starts]:  # both channels of a server, or one twice: one task
        await start(fake, None)
    await asyncio.sleep(0)
    assert purged == [purged[0]] and purged[0] > 0
    for stop in stops:
        await stop(fake, None)
    assert fake.ctx.bouwgesprek_purging is None


class CollectingBroker(EventBroker):
    """An event broker as endpoints.yml could configure one; it keeps what it is sent."""

    def __init__(self) -> None:
        self.bodies: list[dict] = []

    @classmethod
    async def from_endpoint_config(cls, broker_config: Any, event_loop: Any = None) -> CollectingBroker:
        return cls()

    def publish(self, event: dict) -> None:
        self.bodies.append(event)


async def test_an_event_broker_gets_every_new_event_as_stored(store, rasa_domain):
    store.event_broker = broker = CollectingBroker()
    await store.save(conversation("ik", rasa_domain))
    tracker = await store.retrieve("ik")
    tracker.update(UserUttered(f"Bel me op {PHONE}", {"name": "answer", "confidence": 0.9}))
    await store.save(tracker)
    with store.engine.connect() as connection:
        stored = [json.loads(row[0]) for row in connection.execute(sa.text("SELECT data FROM events ORDER BY id"))]
    assert broker.bodies == [{"sender_id": "ik", **data} for data in stored]
    assert len(broker.bodies) == 5 and PHONE not in json.dumps(broker.bodies)  # scrubbed as stored


async def test_a_deleted_conversation_sends_the_broker_nothing_more(store, rasa_domain, domain):
    await store.save(conversation("ik", rasa_domain))
    store.event_broker = broker = CollectingBroker()
    tracker = await store.retrieve("ik")
    await confirmed_by_the_action(tracker, domain)
    await store.save(tracker)
    assert broker.bodies == []
