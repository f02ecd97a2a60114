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

from bot import settings as bot_settings
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


class Servers:
    """The action server and the Rasa server of one test module, on free ports."""

    def __init__(self, folder: Path, content: Path | None = None, **settings: str) -> None:
        """``settings`` override settings.env (REPLY_TIMEOUT="2", say) for both servers."""
        self.folder = folder
        self.action_port, self.rasa_port = free_port(), free_port()
        self.database = folder / "gesprekken.db"
        self.env = {
            **os.environ,
            "SANIC_HOST": "127.0.0.1",
            "PORT": str(self.rasa_port),
            "ACTION_PORT": str(self.action_port),
            "DB_DIALECT": "sqlite",
            "DB_NAME": str(self.database),
            **settings,
        }
        if content is not None:
            self.env["BOUWGESPREK_CONTENT"] = str(content)
        self.endpoints = folder / "endpoints.yml"
        self.endpoints.write_text(bot_settings.endpoints(bot_settings.load(self.env)))
        self.url = f"http://127.0.0.1:{self.rasa_port}/webhooks/rest/webhook"
        self.actions: subprocess.Popen | None = None
        self.rasa: subprocess.Popen | None = None

    def _start(self, command: list[str], log: Path) -> subprocess.Popen:
        return subprocess.Popen(
            command,
            cwd=ROOT,
            env=self.env,
            stdout=log.open("a"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def start_actions(self) -> None:
        log = self.folder / "actions.log"
        command = [str(BIN / "python"), "-m", "rasa_sdk", "--actions", "actions", "--port", str(self.action_port)]
        self.actions = self._start(command, log)
        wait_for(f"http://127.0.0.1:{self.action_port}/health", self.actions, log)

    def stop_actions(self) -> None:
        _stop(self.actions)
        self.actions = None

    def start_rasa(self) -> None:
        log = self.folder / "rasa.log"
        command = [
            str(BIN / "rasa"),
            "run",
            "--model",
            str(MODEL),
            "--endpoints",
            str(self.endpoints),
            "--credentials",
            str(ROOT / "credentials.yml"),
            "-i",
            "127.0.0.1",
            "--port",
            str(self.rasa_port),
        ]
        self.rasa = self._start(command, log)
        wait_for(f"http://127.0.0.1:{self.rasa_port}/webhooks/rest/", self.rasa, log)

    def stop_rasa(self) -> None:
        _stop(self.rasa)
        self.rasa = None

    def stop(self) -> None:
        self.stop_rasa()
        self.stop_actions()


def _stop(process: subprocess.Popen | None) -> None:
    if process is not None and process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


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
