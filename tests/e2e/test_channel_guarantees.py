"""The REST channel's guarantees: only offered payloads count, and never silence."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from tests.e2e.servers import Client, Servers, server_pair

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def servers(tmp_path_factory) -> Iterator[Servers]:
    with server_pair(tmp_path_factory.mktemp("servers")) as pair:
        yield pair


def at_second_question(servers: Servers, sender: str) -> Client:
    client = Client(servers.url, sender)
    client.say('/start_flow{"flow": "reflectie"}')
    client.say("Een inwoner met schulden moest solliciteren.")
    assert client.state()["step"] == "casus.betrokkenen"
    return client


@pytest.mark.parametrize(
    "payload",
    ["/restart", '/inform{"phase": "afronding"}', '/reflectie{"step": "verbeterstap.1.wat"}', "/session_start"],
)
def test_typed_payloads_that_were_not_offered_are_ordinary_text(servers, payload):
    client = at_second_question(servers, f"e2e-inject-{abs(hash(payload))}")
    client.say(payload)
    state = client.state()
    assert state["phase"] == "casus"  # no restart, no jump
    client.say("De inwoner en de klantmanager.")
    client.say("stoppen")
    client.say("ja")
    client.say("verder")  # after stopping, the earlier answers were not wiped by a restart
    assert (client.state()["step"], client.state()["kind"]) == ("casus.rol", "question")


def test_an_offered_button_still_works_when_typed(servers):
    client = at_second_question(servers, "e2e-offered")
    client.say("/skip")
    assert client.state()["step"] == "casus.rol"


def test_when_the_action_server_is_down_the_user_gets_a_message_and_can_go_on(servers):
    client = at_second_question(servers, "e2e-fault")
    servers.stop_actions()
    try:
        started = time.monotonic()
        messages = client.say("De inwoner, zijn zus en de klantmanager.")
        assert time.monotonic() - started < 10, "a clear message within seconds, not a long hang"
        assert any("iets mis" in m.get("text", "") for m in messages)
        assert client.state()["kind"] == "fallback"
    finally:
        servers.start_actions()
    client.say("verder")
    assert client.state()["step"] == "casus.betrokkenen"
    client.say("De inwoner, zijn zus en de klantmanager.")
    assert client.state()["step"] == "casus.rol"


def test_identifying_data_is_removed_before_it_is_kept_and_the_user_is_told(servers):
    client = Client(servers.url, "e2e-privacy")
    client.say('/start_flow{"flow": "bouwopgave"}')
    client.say("4")
    raw = ["111222333", "06-12345678", "iemand@voorbeeld.nl", "NL91 ABNA 0417 1643 00", "1234 AB 12", "12-03-1980"]
    messages = client.say(
        "De klant (BSN 111222333, tel 06-12345678, iemand@voorbeeld.nl, rekening NL91 ABNA 0417 1643 00, "
        "woont op 1234 AB 12, geboren 12-03-1980) wist niet wie de regie had."
    )
    states = client.states(messages)
    assert states[0]["kind"] == "privacy"
    assert "BSN" in messages[0]["text"] and "telefoonnummer" in messages[0]["text"]
    for _ in range(6):
        if client.state()["kind"] == "summary":
            break
        client.say("/deny" if client.state()["kind"] == "confirm" else "/skip")
    summary = client.state()["summary"]
    kept = summary["answers"][1]["answer"]
    assert "wist niet wie de regie had" in kept and "[BSN]" in kept
    everything = str(client.turns)
    for value in raw:
        assert value not in everything, value


def scrape(servers: Servers, host: str = "127.0.0.1") -> tuple[int, str]:
    import urllib.error
    import urllib.request

    url = f"http://127.0.0.1:{servers.rasa_port}/webhooks/rest/metrics"
    request = urllib.request.Request(url, headers={"Host": host})
    try:
        with urllib.request.urlopen(request, timeout=10) as reply:
            return reply.status, reply.read().decode()
    except urllib.error.HTTPError as refused:
        return refused.code, refused.read().decode()


def figure(text: str, name: str) -> float:
    return sum(float(line.rsplit(" ", 1)[1]) for line in text.splitlines() if line.startswith(name))


def test_metrics_count_turns_and_removed_data_and_hold_no_text(servers):
    _, before = scrape(servers)
    client = Client(servers.url, "metrics-1")
    client.say("hallo")
    client.say("Bel me op 06-12345678, de klantmanager wist het ook niet")
    status, after = scrape(servers)
    assert status == 200
    assert figure(after, "bouwgesprek_turn_seconds_count") - figure(before, "bouwgesprek_turn_seconds_count") == 2
    removed = 'bouwgesprek_removed_total{kind="telefoon"}'
    assert figure(after, removed) - figure(before, removed) == 1
    assert "bouwgesprek_turn_timeouts_total" in after
    assert "klantmanager" not in after and "metrics-1" not in after and "12345678" not in after
    assert scrape(servers, host="evil.example")[0] == 403
