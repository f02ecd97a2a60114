"""Nothing lost, nothing leaked: the SQL tracker store over REST, with real servers.

Each server is restarted in the middle of a reflection and the summary still holds every
answer; an expired session offers to go on; "verwijder mijn gesprek" leaves no row;
identifying data is in no byte of the database or the logs.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from tests.e2e.servers import Servers, server_pair
from tests.e2e.walk import answer, assert_summary_holds, finish, start
from tests.postgres import throwaway_postgres

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def servers(tmp_path_factory) -> Iterator[Servers]:
    with server_pair(tmp_path_factory.mktemp("persistence")) as pair:
        yield pair


def rows(servers: Servers, sender: str) -> int:
    with sqlite3.connect(servers.database) as connection:
        return connection.execute("SELECT count(*) FROM events WHERE sender_id = ?", (sender,)).fetchone()[0]


def test_restarting_either_server_mid_reflection_loses_nothing(servers):
    client = start(servers.url, "herstart")
    answers: dict[str, str] = {}
    answer(client, answers)
    before = client.state()["step"]

    servers.stop_rasa()
    servers.start_rasa()
    answer(client, answers)  # answers the question that was open before the restart
    assert before in answers and client.state()["step"] != before
    assert client.state()["kind"] == "question"

    servers.stop_actions()
    servers.start_actions()
    step = client.state()["step"]
    answer(client, answers)
    assert step in answers and client.state()["step"] != step

    assert_summary_holds(finish(client, answers), answers)


def test_an_expired_session_offers_to_go_on_at_the_same_question(servers):
    client = start(servers.url, "verlopen")
    answers: dict[str, str] = {}
    answer(client, answers)
    open_step = client.state()["step"]
    # Two hours without a message (domain.yml: session_expiration_time is 60 minutes).
    with sqlite3.connect(servers.database) as connection:
        connection.execute(
            "UPDATE events SET timestamp = timestamp - 7200, "
            "data = json_set(data, '$.timestamp', json_extract(data, '$.timestamp') - 7200) "
            "WHERE sender_id = 'verlopen'"
        )
    # The server keeps what it wrote and assumes rows are never changed in place
    # (server/store.py); after this rewrite of history it must start afresh.
    servers.stop_rasa()
    servers.start_rasa()

    messages = client.say("hallo")
    assert "/resume" in [b["payload"] for m in messages for b in m.get("buttons", [])]
    client.say("verder")
    assert (client.state()["step"], client.state()["kind"]) == (open_step, "question")
    answer(client, answers)
    assert_summary_holds(finish(client, answers), answers)


def test_delete_my_conversation_leaves_no_row(servers):
    client = start(servers.url, "wissen")
    answer(client, {})
    assert rows(servers, "wissen") > 0

    client.say("verwijder mijn gesprek")
    assert client.state()["kind"] == "confirm"
    client.say("nee")
    assert client.state()["kind"] == "question" and rows(servers, "wissen") > 0

    client.say("verwijder mijn gesprek")
    client.say("ja")  # a plain yes is not enough to wipe everything
    assert client.state()["kind"] == "confirm" and rows(servers, "wissen") > 0
    client.say("ja, verwijder")
    assert client.state()["kind"] == "verwijderd"
    assert rows(servers, "wissen") == 0

    client.say("hallo")  # a fresh start: nothing to resume
    assert client.state()["phase"] == "welkom"
    assert "/resume" not in [b["payload"] for m in client.turns[-1] for b in m.get("buttons", [])]


def test_the_summary_button_deletes_the_finished_conversation(servers):
    client = start(servers.url, "na-afloop", flow="bouwopgave")
    summary = finish(client, {})
    assert summary
    client.say("/delete_conversation")
    assert client.state()["kind"] == "confirm"
    client.say("/affirm")
    assert client.state()["kind"] == "verwijderd"
    assert rows(servers, "na-afloop") == 0


RAW = {
    "bsn": ["111222333"],
    "telefoon": ["06-12345678", "0612345678"],
    "email": ["iemand@voorbeeld.nl"],
    "iban": ["NL91 ABNA 0417 1643 00", "NL91ABNA0417164300"],
    "postcode": ["1234 AB 12"],
    "geboortedatum": ["12-03-1980", "1980-03-12"],
    "naam": ["Jansen", "Mohammed"],
    "adres": ["Kerkstraat 12"],
    "klantnummer": ["7654321"],
}


def test_identifying_data_is_in_no_byte_on_disk(servers):
    client = start(servers.url, "privacy-op-schijf", flow="bouwopgave")
    client.say("4")
    client.say(
        "De klant (BSN 111222333, tel 06-12345678, iemand@voorbeeld.nl, rekening NL91 ABNA 0417 1643 00, "
        "woont op 1234 AB 12, geboren 12-03-1980) wist niet wie de regie had."
    )
    client.say("Haar broer belde vanaf 0612345678 en gaf rekening NL91ABNA0417164300 door.")
    client.say("Mevrouw Jansen van de Kerkstraat 12 (klantnummer 7654321, geboren 1980-03-12) en Mohammed.")
    summary = finish(client, {})
    assert any("[BSN]" in a["answer"] for a in summary["answers"])
    time.sleep(1)  # let the servers write their logs
    places = {
        "database": servers.database.read_bytes(),
        "rasa.log": (servers.folder / "rasa.log").read_bytes(),
        "actions.log": (servers.folder / "actions.log").read_bytes(),
        "summary (Markdown)": summary["markdown"].encode(),
        "summary (JSON)": str(summary).encode(),
    }
    assert b"wist niet wie de regie had" in places["database"]  # the answer itself is kept
    for kind, values in RAW.items():
        for value in values:
            for place, data in places.items():
                assert value.encode() not in data, f"{kind} {value!r} found in {place}"


def test_on_postgresql_a_restart_loses_nothing_and_deletion_is_real(tmp_path):
    with throwaway_postgres() as postgres, server_pair(tmp_path, **postgres.settings()) as servers:
        client = start(servers.url, "postgres")
        answers: dict[str, str] = {}
        answer(client, answers)
        servers.stop_rasa()
        servers.start_rasa()
        answer(client, answers)
        assert len(answers) == 2 and client.state()["kind"] == "question"
        engine = sa.create_engine(f"postgresql://{postgres.user}@{postgres.host}:{postgres.port}/{postgres.db}")
        with engine.connect() as connection:
            count = "SELECT count(*) FROM events WHERE sender_id = 'postgres'"
            assert connection.execute(sa.text(count)).scalar() > 0
            client.say("verwijder mijn gesprek")
            client.say("/affirm")  # the offered button
            assert connection.execute(sa.text(count)).scalar() == 0
        engine.dispose()
