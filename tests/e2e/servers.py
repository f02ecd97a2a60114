"""Both servers on free ports, and a client of the REST channel (docs/client-contract.md)."""

from __future__ import annotations

import contextlib
import json
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from deploy.processes import BIN, MODEL, Servers, free_port, stop_process, wait_for

__all__ = ["BIN", "Client", "Servers", "free_port", "running_servers", "server_pair", "stop_process", "wait_for"]


class Client:
    """Talks to the REST channel as one user."""

    def __init__(self, url: str, sender: str) -> None:
        self.url = url
        self.sender = sender
        self.turns: list[list[dict[str, Any]]] = []

    def say(self, text: str) -> list[dict[str, Any]]:
        body = json.dumps({"sender": self.sender, "message": text}).encode()
        request = urllib.request.Request(self.url, data=body, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as response:
            messages = json.load(response)
        self.turns.append(messages)
        return messages

    @staticmethod
    def states(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [m["custom"]["reflectie"] for m in messages if "custom" in m]

    def state(self) -> dict[str, Any]:
        """The state the conversation is in now: the last reflectie object of the last turn."""
        return self.states(self.turns[-1])[-1]


@contextlib.contextmanager
def server_pair(folder: Path, content: Path | None = None, **settings: str) -> Iterator[Servers]:
    """Start both servers; stop them afterwards. ``content`` replaces content/."""
    if not MODEL.is_file():
        pytest.fail(f"{MODEL} is missing: run `make train` (make test does this first)")
    servers = Servers(folder, content, **settings)
    try:
        servers.start_actions()
        servers.start_rasa()
        yield servers
    finally:
        servers.stop()


@contextlib.contextmanager
def running_servers(folder: Path, content: Path | None = None) -> Iterator[str]:
    """Start the action server and Rasa; yield the REST webhook URL."""
    with server_pair(folder, content) as servers:
        yield servers.url
