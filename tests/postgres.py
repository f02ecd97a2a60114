"""A throwaway PostgreSQL server for tests: its own data folder, a free port, loopback only.

Uses Debian's PostgreSQL binaries (`make test` installs the package postgresql). As root,
the server runs as the user postgres, since PostgreSQL refuses to run as root.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest


@dataclass(frozen=True)
class Postgres:
    host: str
    port: int
    user: str
    db: str

    def settings(self) -> dict[str, str]:
        """The settings.env values that point Bouwgesprek at this server."""
        return {
            "DB_DIALECT": "postgresql",
            "DB_HOST": self.host,
            "DB_PORT": str(self.port),
            "DB_USER": self.user,
            "DB_PASSWORD": "",
            "DB_NAME": self.db,
        }


def _binaries() -> str:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        pytest.fail("PostgreSQL is missing: `make test` installs Debian's postgresql (make postgres)")
    return os.path.dirname(found[-1])


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def throwaway_postgres() -> Iterator[Postgres]:
    binaries = _binaries()
    as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    folder = tempfile.mkdtemp(prefix="bouwgesprek-pg-")
    if as_user:
        shutil.chown(folder, "postgres", "postgres")
    data = os.path.join(folder, "data")
    port = _free_port()
    user = "postgres" if as_user else os.environ.get("USER", "postgres")
    subprocess.run(
        [*as_user, f"{binaries}/initdb", "-D", data, "-U", user, "--auth=trust", "-E", "UTF8"],
        check=True,
        capture_output=True,
    )
    server = subprocess.Popen(
        [*as_user, f"{binaries}/postgres", "-D", data, "-p", str(port), "-h", "127.0.0.1", "-k", folder],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while subprocess.run(
            [f"{binaries}/pg_isready", "-h", "127.0.0.1", "-p", str(port)], capture_output=True
        ).returncode:
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError("the test PostgreSQL server did not start")
            time.sleep(0.2)
        subprocess.run(
            [f"{binaries}/createdb", "-h", "127.0.0.1", "-p", str(port), "-U", user, "bouwgesprek"],
            check=True,
            capture_output=True,
        )
        yield Postgres("127.0.0.1", port, user, "bouwgesprek")
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)
