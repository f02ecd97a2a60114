"""The servers are locked down: loopback only, and Rasa's HTTP API off."""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.servers import Servers, server_pair

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def servers(tmp_path_factory) -> Iterator[Servers]:
    with server_pair(tmp_path_factory.mktemp("servers")) as pair:
        yield pair


def listening_addresses(port: int) -> set[str]:
    """Local addresses with a listening TCP socket on ``port``, read from /proc (no traffic)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        path = Path(table)
        if not path.exists():
            continue
        for line in path.read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, port_hex = local.rsplit(":", 1)
            if state == "0A" and int(port_hex, 16) == port:  # 0A: LISTEN
                found.add(address)
    return found


def test_both_servers_listen_on_loopback_only(servers):
    loopback = {"0100007F", "00000000000000000000000001000000"}  # 127.0.0.1 and ::1 as /proc writes them
    for port in (servers.action_port, servers.rasa_port):
        addresses = listening_addresses(port)
        assert addresses, f"nothing listens on {port}"
        assert addresses <= loopback, f"port {port} listens on {addresses}"


@pytest.mark.parametrize("path", ["/conversations/someone/tracker", "/status", "/model/parse"])
def test_the_http_api_is_off(servers, path):
    request = urllib.request.Request(f"http://127.0.0.1:{servers.rasa_port}{path}")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code in (404, 405)


@pytest.mark.parametrize("method", ["POST", "OPTIONS"])
def test_a_page_on_another_origin_gets_no_cors_permission(servers, method):
    request = urllib.request.Request(
        servers.url,
        data=b'{"sender": "cors", "message": "hallo"}' if method == "POST" else None,
        method=method,
        headers={
            "Origin": "http://elders.example",
            "Access-Control-Request-Method": "POST",
            "Content-Type": "application/json",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            headers = response.headers
    except urllib.error.HTTPError as refused:
        headers = refused.headers
    assert headers.get("Access-Control-Allow-Origin") is None


# --------------------------------------------------------------------------- issue 15: the edges


def post(url: str, body: bytes, headers: dict[str, str] | None = None) -> tuple[int, Any, Any]:
    """Status, parsed JSON body (or None) and headers of a POST."""
    request = urllib.request.Request(url, data=body, headers=headers or {}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read() or b"null"), response.headers
    except urllib.error.HTTPError as refused:
        raw = refused.read()
        try:
            return refused.code, json.loads(raw), refused.headers
        except ValueError:
            return refused.code, raw.decode(errors="replace"), refused.headers


JSON = {"Content-Type": "application/json"}


def said(body: Any) -> str:
    return " ".join(m.get("text", "") for m in body if isinstance(m, dict)) if isinstance(body, list) else ""


def kinds(body: Any) -> list[str]:
    return [m["custom"]["reflectie"]["kind"] for m in body if isinstance(m, dict) and "custom" in m]


@pytest.mark.parametrize(
    "headers, refused",
    [
        ({"Content-Type": "text/plain", "Origin": "null"}, 403),  # what any website can send without asking
        ({"Content-Type": "text/plain"}, 415),
        ({"Content-Type": "application/x-www-form-urlencoded"}, 415),
        ({}, 415),
    ],
)
def test_a_blind_write_from_another_site_is_refused_before_it_is_handled(servers, headers, refused):
    status, body, _ = post(servers.url, b'{"sender": "default", "message": "verwijder mijn gesprek"}', headers)
    assert status == refused and kinds(body) == ["fallback"]


def test_a_json_post_from_a_page_on_another_origin_is_refused(servers):
    status, body, headers = post(
        servers.url, b'{"sender": "default", "message": "hallo"}', JSON | {"Origin": "http://elders.example"}
    )
    assert status == 403 and "eigen chatpagina" in said(body)
    assert headers.get("Access-Control-Allow-Credentials") is None


def test_a_request_for_another_host_name_is_refused(servers):
    status, body, _ = post(servers.url, b'{"sender": "a1", "message": "hallo"}', JSON | {"Host": "evil.example"})
    assert status == 403 and kinds(body) == ["fallback"]


@pytest.mark.parametrize(
    "raw, key_words",
    [
        (b'{"message": "hallo"}', "sender"),  # used to land in the one shared conversation "default"
        (b'{"sender": null, "message": "hallo"}', "sender"),
        (b'{"sender": "", "message": "hallo"}', "sender"),
        (b'{"sender": "web-Ab12Cd34Ef56Gh78Ij90Kl12", "message": "hallo"}', "web-"),
        (b'{"sender": "a1", "message": 12}', "message"),
        (b'["a", "b"]', "JSON-object"),
        (b'"hallo"', "JSON-object"),
        (b"", "JSON-object"),
        (b"{niet json", "JSON-object"),
    ],
)
def test_a_malformed_request_gets_400_with_a_dutch_reason_never_a_500(servers, raw, key_words):
    status, body, _ = post(servers.url, raw, JSON)
    assert status == 400 and key_words in said(body) and kinds(body) == ["fallback"]


def test_a_huge_body_is_refused_unread_and_another_user_is_not_kept_waiting(servers):
    huge = json.dumps({"sender": "groot1", "message": "a" * 1_000_000 + " 1"}).encode()
    status, body, _ = post(servers.url, huge, JSON)
    assert status == 413 and "te groot" in said(body)
    started = time.perf_counter()
    status, body, _ = post(servers.url, b'{"sender": "ander1", "message": "hallo"}', JSON)
    assert status == 200 and body
    assert time.perf_counter() - started < 5  # measured in make bench; here only: not stalled


def test_a_long_message_is_cut_before_it_is_handled_and_the_user_is_told(servers):
    text = "De klant wilde hulp maar kreeg een brief " * 1000  # 41,000 characters, under the byte cap
    post(servers.url, json.dumps({"sender": "lang1", "message": '/start_flow{"flow": "reflectie"}'}).encode(), JSON)
    status, body, _ = post(servers.url, json.dumps({"sender": "lang1", "message": text}).encode(), JSON)
    assert status == 200 and kinds(body)[0] == "info" and "10000" in said(body)


def test_a_message_sent_twice_with_one_id_is_kept_once(servers):
    start = json.dumps({"sender": "dubbel1", "message": '/start_flow{"flow": "reflectie"}'}).encode()
    post(servers.url, start, JSON)
    answer = json.dumps({"sender": "dubbel1", "message": "De klant belde boos op.", "message_id": "m-een"}).encode()
    first = post(servers.url, answer, JSON)[1]
    again = post(servers.url, answer, JSON)[1]
    assert again == first  # the reply to the first, sent again
    steps = [m["custom"]["reflectie"]["step"] for m in again if "custom" in m]
    assert steps[-1] == "casus.betrokkenen"  # not moved on a second time


def test_a_clients_input_channel_is_not_stored_as_sent(servers):
    body = json.dumps({"sender": "kanaal1", "message": "hallo", "input_channel": "zelfgekozen-kanaal"}).encode()
    status, reply, _ = post(servers.url, body, JSON)
    assert status == 200 and reply
    stored = servers.database.read_bytes()
    assert b"kanaal1" in stored and b"zelfgekozen-kanaal" not in stored


def test_a_message_id_of_digits_still_finds_the_retry(servers):
    """The store scrubs every stored string; a message_id is kept as sent, or a numeric id
    would no longer match and the retry would be handled twice (security review)."""
    post(servers.url, json.dumps({"sender": "dubbel2", "message": '/start_flow{"flow": "reflectie"}'}).encode(), JSON)
    answer = json.dumps({"sender": "dubbel2", "message": "De klant belde boos op.", "message_id": "1234567"}).encode()
    first = post(servers.url, answer, JSON)[1]
    assert post(servers.url, answer, JSON)[1] == first


def test_client_metadata_is_not_stored(servers):
    """The bot uses none of a REST client's metadata; what is in it would be kept unscrubbed."""
    body = {"sender": "meta1", "message": "hallo", "metadata": {"client": "06-12345678 Jansen", "k": "geheim-veld"}}
    status, reply, headers = post(servers.url, json.dumps(body).encode(), JSON)
    assert status == 200 and reply
    stored = servers.database.read_bytes()
    assert b"meta1" in stored and b"geheim-veld" not in stored and b"Jansen" not in stored
    assert not [name for name in headers if name.lower().startswith("access-control")]  # no CORS header at all


def test_twenty_messages_at_once_on_one_conversation_all_get_a_real_answer(servers):
    post(servers.url, json.dumps({"sender": "tegelijk1", "message": '/start_flow{"flow": "reflectie"}'}).encode(), JSON)
    results: list[Any] = [None] * 20

    def send(number: int) -> None:
        body = json.dumps({"sender": "tegelijk1", "message": f"Antwoord nummer {number} over de casus."}).encode()
        results[number] = post(servers.url, body, JSON)

    threads = [threading.Thread(target=send, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(status == 200 for status, _, _ in results)
    assert not any("fallback" in kinds(body) for _, body, _ in results)  # none was asked to send again


def test_the_chat_page_refuses_text_plain_and_sets_a_cookie_that_expires(servers):
    chat = f"http://127.0.0.1:{servers.rasa_port}/chat/"
    with urllib.request.urlopen(chat, timeout=30) as page:
        cookie = page.headers.get("Set-Cookie")
    assert cookie.startswith("bouwgesprek_") and "Max-Age=" in cookie and "HttpOnly" in cookie
    value = cookie.split(";")[0]
    status, body, _ = post(
        chat + "api/message", b'{"message": "hallo"}', {"Content-Type": "text/plain", "Cookie": value}
    )
    assert status == 415 and "JSON" in body["error"]
