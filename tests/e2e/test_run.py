"""`make run`'s start as a user sees it: a few clear lines, Rasa's log in a file it names,
and no usage data sent to Rasa's maker (telemetry off unless settings.env turns it on)."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest

from deploy.processes import free_port, stop_process
from tests.conftest import ROOT

pytestmark = pytest.mark.e2e


def test_the_bot_starts_with_a_few_lines_and_names_its_log(tmp_path):
    port, action_port = free_port(), free_port()
    env = {
        **os.environ,
        "PORT": str(port),
        "ACTION_PORT": str(action_port),
        "DB_DIALECT": "sqlite",
        "DB_NAME": str(tmp_path / "gesprekken.db"),
    }
    env.pop("RASA_TELEMETRY_ENABLED", None)  # as on a machine where only settings.env says it
    out = tmp_path / "out.txt"
    with out.open("w") as sink:
        process = subprocess.Popen(
            ["scripts/run.sh", "server"],
            cwd=ROOT,
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 240
        while "is running" not in out.read_text() and time.monotonic() < deadline:
            assert process.poll() is None, out.read_text()
            time.sleep(1)
        shown = out.read_text()
        assert "is running" in shown, shown
        assert f"http://127.0.0.1:{port}/chat/" in shown
        assert len(shown.strip().splitlines()) <= 15, shown
        for noise in ("telemetry", "Warning", "Epochs", "INFO", "DEBUG"):
            assert noise not in shown, noise
        assert "var/rasa.log" in shown
        log = (ROOT / "var" / "rasa.log").read_text()
        assert "Rasa server is up and running" in log or "Starting Rasa server" in log
        rasa = subprocess.run(["pgrep", "-f", f"rasa run .*--port {port}"], capture_output=True, text=True)
        pid = rasa.stdout.split()[0]
        environment = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
        assert b"RASA_TELEMETRY_ENABLED=false" in environment
    finally:
        stop_process(process)
