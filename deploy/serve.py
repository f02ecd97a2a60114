"""The command line of each server, in one place: ``python -m deploy.serve rasa|actions``.

systemd's units (deploy/systemd/), the container image (deploy/container/) and the test
harness (deploy/processes.py) all start the servers through this, so they run the same
command with the same settings:

- ``rasa``     writes Rasa's endpoints from the settings (bot/settings.py) and becomes
               ``rasa run`` on HOST:PORT; Rasa's HTTP API only with RASA_API_TOKEN set.
- ``actions``  becomes the action server on 127.0.0.1:ACTION_PORT.

With ``--check`` either asks the running server's health check instead; exit status 0
when it answers (for container health checks and scripts).

``--rasa-port P`` names a pair by its Rasa server's port (a systemd instance,
``bouwgesprek-rasa@5006``): that server listens on P, and its action server as far from
ACTION_PORT as P is from PORT (5056 with the defaults), so that several pairs on one
machine need no settings of their own.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import urllib.request
from collections.abc import Mapping
from pathlib import Path

from bot import settings as bot_settings
from bot.paths import PROJECT_DIR

MODEL = PROJECT_DIR / "models" / "bouwgesprek.tar.gz"
CREDENTIALS = PROJECT_DIR / "credentials.yml"
BIN = Path(sys.executable).parent
# Where Rasa answers a health check without any guard (docs/security.md), and the action server.
RASA_HEALTH = "/webhooks/rest/"
ACTIONS_HEALTH = "/health"


def pair_ports(values: Mapping[str, str], rasa_port: int | None = None) -> tuple[int, int]:
    """The ports of a Rasa server and of its action server."""
    port = int(bot_settings.number(values, "PORT"))
    action_port = int(bot_settings.number(values, "ACTION_PORT"))
    if rasa_port is None:
        return port, action_port
    paired = action_port + rasa_port - port
    if not 0 < paired < 65536 or paired == rasa_port:
        raise bot_settings.SettingsError(
            f"bij Rasa-poort {rasa_port} zou de actieserver poort {paired} krijgen; kies andere PORT of ACTION_PORT"
        )
    return rasa_port, paired


def actions_command(action_port: int) -> list[str]:
    return [str(BIN / "python"), "-m", "rasa_sdk", "--actions", "actions", "--port", str(action_port)]


def rasa_command(values: Mapping[str, str], rasa_port: int, endpoints: Path, api_token: str = "") -> list[str]:
    command = [
        str(BIN / "rasa"),
        "run",
        "--model",
        str(MODEL),
        "--endpoints",
        str(endpoints),
        "--credentials",
        str(CREDENTIALS),
        "-i",
        values["HOST"] or "127.0.0.1",
        "--port",
        str(rasa_port),
    ]
    if api_token:  # Rasa's HTTP API (trackers, model) stays off without a token
        command += ["--enable-api", "--auth-token", api_token]
    return command


def write_endpoints(values: Mapping[str, str], action_port: int, out: Path | None) -> Path:
    """Rasa's endpoints for this pair; by default in a folder of this process's own (it may
    hold the database password)."""
    if out is None:
        out = Path(tempfile.mkdtemp(prefix="bouwgesprek-")) / "endpoints.yml"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(bot_settings.endpoints({**values, "ACTION_PORT": str(action_port)}), encoding="utf-8")
    return out


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m deploy.serve", description=__doc__.split("\n\n")[0])
    parser.add_argument("server", choices=["rasa", "actions"])
    parser.add_argument("--rasa-port", type=int, help="the pair's Rasa port (default: PORT in the settings)")
    parser.add_argument("--endpoints", type=Path, help="rasa: where to write the endpoints file")
    parser.add_argument("--check", action="store_true", help="only ask whether the running server answers")
    return parser


def reachable(host: str) -> str:
    """An address to reach a server that listens on ``host`` from the same machine."""
    host = host.strip()
    if host in ("", "0.0.0.0", "::"):
        return "127.0.0.1"
    return f"[{host}]" if ":" in host else host


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5):
            return True
    except OSError:
        return False


def main(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    try:
        values = bot_settings.load()
        rasa_port, action_port = pair_ports(values, args.rasa_port)
    except bot_settings.SettingsError as problem:
        print(f"Instelling klopt niet: {problem}", file=sys.stderr)
        return 1
    if args.check:
        if args.server == "actions":
            return 0 if healthy(f"http://127.0.0.1:{action_port}{ACTIONS_HEALTH}") else 1
        return 0 if healthy(f"http://{reachable(values['HOST'])}:{rasa_port}{RASA_HEALTH}") else 1
    os.umask(0o077)  # var/ (the database, the web secret) and the endpoints are this user's alone
    os.chdir(PROJECT_DIR)
    if args.server == "actions":
        command = actions_command(action_port)
        os.execve(command[0], command, {**os.environ, "SANIC_HOST": "127.0.0.1"})
    endpoints = write_endpoints(values, action_port, args.endpoints)
    command = rasa_command(values, rasa_port, endpoints, os.environ.get("RASA_API_TOKEN", ""))
    # Telemetry off unless RASA_TELEMETRY=1, also in a unit or a container (bot/settings.py).
    os.execve(command[0], command, {**os.environ, **bot_settings.rasa_environment(values)})
    return 1  # not reached: exec replaced this process


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
