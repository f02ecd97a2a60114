"""Starting Bouwgesprek's processes on free loopback ports: an action server and a Rasa server.

Used by the e2e tests, `make bench` and the cluster (deploy/cluster.py). Settings are those
of settings.env with overrides per pair; each server is started with the command the
systemd units and the container use (deploy/serve.py).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from bot.paths import PROJECT_DIR as ROOT
from deploy.serve import BIN, MODEL

__all__ = ["BIN", "MODEL", "Servers", "free_port", "stop_process", "wait_for"]
SERVE = [sys.executable, "-m", "deploy.serve"]


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


class Servers:
    """An action server and a Rasa server on free loopback ports, with their own settings."""

    def __init__(self, folder: Path, content: Path | None = None, **settings: str) -> None:
        """``settings`` override settings.env (REPLY_TIMEOUT="2", say) for both servers."""
        self.folder = folder
        self.action_port, self.rasa_port = free_port(), free_port()
        self.database = folder / "gesprekken.db"
        self.env = {
            **os.environ,
            "HOST": "127.0.0.1",
            "PORT": str(self.rasa_port),
            "ACTION_PORT": str(self.action_port),
            "DB_DIALECT": "sqlite",
            "DB_NAME": str(self.database),
            **settings,
        }
        if content is not None:
            self.env["BOUWGESPREK_CONTENT"] = str(content)
        self.endpoints = folder / "endpoints.yml"
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
        self.actions = self._start([*SERVE, "actions"], log)
        wait_for(f"http://127.0.0.1:{self.action_port}/health", self.actions, log)

    def stop_actions(self) -> None:
        stop_process(self.actions)
        self.actions = None

    def start_rasa(self) -> None:
        log = self.folder / "rasa.log"
        self.rasa = self._start([*SERVE, "rasa", "--endpoints", str(self.endpoints)], log)
        wait_for(f"http://127.0.0.1:{self.rasa_port}/webhooks/rest/", self.rasa, log)

    def stop_rasa(self) -> None:
        stop_process(self.rasa)
        self.rasa = None

    def stop(self) -> None:
        self.stop_rasa()
        self.stop_actions()


def stop_process(process: subprocess.Popen | None) -> None:
    if process is not None and process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
