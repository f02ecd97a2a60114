"""The servers are locked down: loopback only, and Rasa's HTTP API off."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

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
