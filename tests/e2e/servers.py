"""Both servers on free ports, and a client of the REST channel (docs/client-contract.md)."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT

MODEL = ROOT / "models" / "bouwgesprek.tar.gz"
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, log: Path, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server stopped:\n{log.read_text()[-3000:]}")
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(f"{url} did not come up:\n{log.read_text()[-3000:]}")


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
def running_servers(folder: Path, content: Path | None = None) -> Iterator[str]:
    """Start the action server and Rasa; yield the REST webhook URL. ``content`` replaces content/."""
    if not MODEL.is_file():
        pytest.fail(f"{MODEL} is missing: run `make train` (make test does this first)")
    action_port, rasa_port = free_port(), free_port()
    endpoints = folder / "endpoints.yml"
    endpoints.write_text((ROOT / "endpoints.yml").read_text().replace("${ACTION_PORT}", str(action_port)))
    env = {**os.environ, "SANIC_HOST": "127.0.0.1"}
    if content is not None:
        env["BOUWGESPREK_CONTENT"] = str(content)
    action_log, rasa_log = folder / "actions.log", folder / "rasa.log"
    actions = subprocess.Popen(
        [str(BIN / "python"), "-m", "rasa_sdk", "--actions", "actions", "--port", str(action_port)],
        cwd=ROOT,
        env=env,
        stdout=action_log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    rasa = subprocess.Popen(
        [
            str(BIN / "rasa"),
            "run",
            "--model",
            str(MODEL),
            "--endpoints",
            str(endpoints),
            "--credentials",
            str(ROOT / "credentials.yml"),
            "-i",
            "127.0.0.1",
            "--port",
            str(rasa_port),
        ],
        cwd=ROOT,
        env=env,
        stdout=rasa_log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        wait_for(f"http://127.0.0.1:{action_port}/health", actions, action_log)
        wait_for(f"http://127.0.0.1:{rasa_port}/webhooks/rest/", rasa, rasa_log)
        yield f"http://127.0.0.1:{rasa_port}/webhooks/rest/webhook"
    finally:
        for process in (rasa, actions):
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)
