"""Rasa's distributed set-up on one machine: `make run-cluster`.

PostgreSQL (the tracker store, server/store.py), Redis (Rasa's lock store), two Rasa
servers each with its own action server, and nginx in front on PORT, all on loopback and
from Debian's and PyPI's packages. docs/deploy.md explains it and how to spread it over
machines.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bot.paths import VAR_DIR
from bot.settings import load as load_settings
from deploy.processes import Servers
from deploy.services import MissingService, Postgres, nginx, postgres, redis

INSTANCES = ("a", "b")


@dataclass
class Cluster:
    postgres: Postgres
    redis_port: int
    pairs: list[Servers]
    port: int

    @property
    def url(self) -> str:
        """The REST webhook through nginx."""
        return f"http://127.0.0.1:{self.port}/webhooks/rest/webhook"


@contextlib.contextmanager
def cluster(folder: Path, port: int, **settings: str) -> Iterator[Cluster]:
    """Start everything; ``settings`` override settings.env on every server."""
    folder.mkdir(parents=True, exist_ok=True)
    with postgres() as database, redis(folder) as redis_port:
        shared = {
            **database.settings(),
            "REDIS_HOST": "127.0.0.1",
            "REDIS_PORT": str(redis_port),
            "WEB_SECRET": secrets.token_hex(32),  # the same on every server: cookies work on both
            **settings,
        }
        pairs = []
        for name in INSTANCES:
            (folder / name).mkdir(exist_ok=True)
            pairs.append(Servers(folder / name, **shared))
        try:
            starters = [threading.Thread(target=pair.start_actions) for pair in pairs]
            for starter in starters:
                starter.start()
            for starter in starters:
                starter.join()
            for pair in pairs:  # one after the other: the first creates the tables
                pair.start_rasa()
            with nginx(folder, port, [pair.rasa_port for pair in pairs], load_settings({**os.environ, **shared})):
                yield Cluster(database, redis_port, pairs, port)
        finally:
            for pair in pairs:
                pair.stop()


def main() -> int:
    port = int(load_settings()["PORT"])
    stop = threading.Event()
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        with cluster(VAR_DIR / "cluster", port) as running:
            rasa = ", ".join(f"127.0.0.1:{pair.rasa_port}" for pair in running.pairs)
            print(
                f"\nThe Bouwgesprek cluster is running.\n"
                f"  Chat page (via nginx):  http://127.0.0.1:{port}/chat/\n"
                f"  REST (via nginx):       {running.url}\n"
                f"  Rasa servers:           {rasa}\n"
                f"  PostgreSQL: 127.0.0.1:{running.postgres.port}   Redis: 127.0.0.1:{running.redis_port}\n"
                f"  Logs: var/cluster/   Stop with Ctrl-C.\n",
                flush=True,
            )
            stop.wait()
    except MissingService as missing:
        print(missing, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
