"""The store of team sessions (teamstore/) on SQLite and PostgreSQL: what it keeps, for whom,
and for how long."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from bot import settings
from server import retention
from teamstore import TeamStore
from tests.postgres import Postgres, throwaway_postgres

NOW = 1_800_000_000.0
DAY = 24 * 60 * 60
CODE, FACILITATOR, MEMBER, OTHER = "K7QM-4XP9", "begeleider-sleutel-123", "lid-sleutel-456", "lid-sleutel-789"
ITEMS = [{"kind": "leervraag", "text": "Hoe kan ik eerder bellen?"}]


@pytest.fixture(scope="module")
def postgres() -> Iterator[Postgres]:
    with throwaway_postgres() as server:
        yield server


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path) -> Iterator[TeamStore]:
    if request.param == "sqlite":
        made = TeamStore(f"sqlite:///{tmp_path / 'team.db'}")
    else:
        server = request.getfixturevalue("postgres")
        made = TeamStore.from_settings(settings.load(server.settings()))  # as the servers open it
        with made.engine.begin() as connection:
            for table in ("team_delingen", "team_sessies", "team_pogingen"):
                connection.execute(sa.text(f"DELETE FROM {table}"))
    yield made
    made.engine.dispose()


def session(store: TeamStore, ident: str = "s1", days: float = 14, code: str = CODE) -> None:
    store.create(ident, code, FACILITATOR, "regie", NOW, NOW + days * DAY)


def test_a_code_finds_its_session_as_people_type_it_until_it_expires(store):
    session(store)
    for typed in (CODE, CODE.lower(), "k7qm 4xp9", "K7QM4XP9"):
        found = store.by_code(typed, NOW)
        assert found is not None and (found.id, found.focus) == ("s1", "regie")
    assert store.by_code("A2B3-C4D5", NOW) is None
    assert store.by_code(CODE, NOW + 14 * DAY) is None
    assert store.get("s1", NOW + 13 * DAY) is not None and store.get("s1", NOW + 15 * DAY) is None


def test_a_taken_code_is_refused_without_touching_its_session(store):
    session(store)
    assert store.create("s2", CODE.lower(), "other-token", "", NOW, NOW + DAY) is False
    assert store.by_code(CODE, NOW).id == "s1"
    assert store.create("s2", "A2B3-C4D5", "other-token", "", NOW, NOW + DAY) is True


def test_no_code_or_token_is_kept_as_such(store):
    session(store)
    store.share("s1", MEMBER, ITEMS, "", NOW)
    store.note_failure("gesprek-abc", NOW)
    with store.engine.connect() as connection:
        stored = " ".join(
            str(value)
            for table in (store.sessions, store.shares, store.attempts)
            for row in connection.execute(sa.select(table))
            for value in row
        )
    for secret in (CODE, CODE.replace("-", ""), FACILITATOR, MEMBER, "gesprek-abc"):
        assert secret not in stored
    assert ITEMS[0]["text"] in stored  # what was shared, to show it


def test_a_share_replaces_the_members_earlier_one_and_only_the_facilitator_sees_them(store):
    session(store)
    assert store.share("s1", MEMBER, ITEMS, "", NOW)
    assert store.share("s1", OTHER, [{"kind": "casus", "text": "Een casus."}], "S.K.", NOW + 1)
    assert store.share("s1", MEMBER, [{"kind": "casus", "text": "Anders."}], "", NOW + 2)
    shares = store.overview("s1", FACILITATOR, NOW + 3)
    assert [(s.items[0]["text"], s.signature) for s in shares] == [("Een casus.", "S.K."), ("Anders.", "")]
    assert len({s.member for s in shares}) == 2
    assert store.overview("s1", MEMBER, NOW) is None and store.overview("s1", "raden", NOW) is None
    assert store.shared_by("s1", MEMBER).items == [{"kind": "casus", "text": "Anders."}]


def test_a_member_withdraws_only_their_own_share(store):
    session(store)
    store.share("s1", MEMBER, ITEMS, "", NOW)
    store.share("s1", OTHER, ITEMS, "", NOW)
    assert store.withdraw("s1", MEMBER) and not store.withdraw("s1", MEMBER)
    assert len(store.overview("s1", FACILITATOR, NOW)) == 1 and store.shared_by("s1", OTHER) is not None


def test_closing_needs_the_facilitators_token_and_removes_everything(store):
    session(store)
    store.share("s1", MEMBER, ITEMS, "", NOW)
    assert not store.close("s1", MEMBER)
    assert store.overview("s1", FACILITATOR, NOW) != []
    assert store.close("s1", FACILITATOR)
    assert store.by_code(CODE, NOW) is None and store.shared_by("s1", MEMBER) is None
    assert not store.share("s1", MEMBER, ITEMS, "", NOW)  # nothing can be shared into a closed session


def test_purge_removes_expired_sessions_with_their_shares_only(store):
    session(store, "oud", days=1, code="A2B3-C4D5")
    session(store, "nieuw", days=14)
    store.share("oud", MEMBER, ITEMS, "", NOW)
    store.share("nieuw", MEMBER, ITEMS, "", NOW)
    assert store.purge(NOW + 2 * DAY) == 1
    assert store.get("nieuw", NOW + 2 * DAY) is not None and store.shared_by("nieuw", MEMBER) is not None
    with store.engine.connect() as connection:
        left = connection.execute(sa.select(store.shares.c.sessie)).scalars().all()
    assert left == ["nieuw"]


def test_wrong_codes_are_limited_within_a_window(store):
    for second in range(10):
        assert store.attempt_allowed("gesprek", NOW + second, limit=10, window=600)
        store.note_failure("gesprek", NOW + second)
    assert not store.attempt_allowed("gesprek", NOW + 20, limit=10, window=600)
    assert store.attempt_allowed("ander gesprek", NOW + 20, limit=10, window=600)
    assert store.attempt_allowed("gesprek", NOW + 620, limit=10, window=600)


def test_two_processes_on_one_sqlite_file_see_each_others_writes(tmp_path):
    url = f"sqlite:///{tmp_path / 'gedeeld.db'}"
    actions, rasa = TeamStore(url), TeamStore(url)
    actions.create("s1", CODE, FACILITATOR, "", NOW, NOW + DAY)
    rasa.share("s1", MEMBER, ITEMS, "", NOW)
    assert [s.items for s in actions.overview("s1", FACILITATOR, NOW)] == [ITEMS]
    assert rasa.purge(NOW + 2 * DAY) == 1 and actions.by_code(CODE, NOW) is None


def test_from_settings_uses_the_conversations_database_owner_only(tmp_path):
    database = tmp_path / "var" / "gesprekken.db"
    store = TeamStore.from_settings({"DB_DIALECT": "sqlite", "DB_NAME": str(database)})
    session(store)
    assert store.by_code(CODE, NOW) is not None
    assert database.is_file() and database.stat().st_mode & 0o077 == 0


def test_make_purge_removes_expired_team_sessions(tmp_path, monkeypatch, capsys):
    database = tmp_path / "gesprekken.db"
    monkeypatch.setenv("DB_DIALECT", "sqlite")
    monkeypatch.setenv("DB_NAME", str(database))
    store = TeamStore.from_settings({"DB_DIALECT": "sqlite", "DB_NAME": str(database)})
    now = time.time()
    store.create("verlopen", CODE, FACILITATOR, "", now - 20 * DAY, now - 6 * DAY)
    store.create("loopt", "A2B3-C4D5", FACILITATOR, "", now, now + 14 * DAY)
    store.share("verlopen", MEMBER, ITEMS, "", now - 10 * DAY)
    assert retention.main(["purge"]) == 0
    assert "1 verlopen teamsessie(s) verwijderd" in capsys.readouterr().out
    assert store.get("loopt", now) is not None and store.shared_by("verlopen", MEMBER) is None
