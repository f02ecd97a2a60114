"""PostgreSQL, Redis and nginx from Debian's packages, each in a folder of its own on loopback.

For tests and for `make run-cluster` on one machine; docs/deploy.md says how the same
pieces map onto several machines.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from bot.settings import load as load_settings
from deploy import nginx_config
from deploy.processes import free_port, stop_process


class MissingService(RuntimeError):
    pass


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


def _postgres_binaries() -> str:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        raise MissingService("PostgreSQL is missing: `make postgres` installs Debian's postgresql")
    return os.path.dirname(found[-1])


def _wait(check: list[str], process: subprocess.Popen, what: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while subprocess.run(check, capture_output=True).returncode:
        if time.monotonic() > deadline or process.poll() is not None:
            raise RuntimeError(f"{what} did not start")
        time.sleep(0.2)


@contextlib.contextmanager
def postgres(port: int | None = None) -> Iterator[Postgres]:
    """A throwaway PostgreSQL server with a database `bouwgesprek` (trust on loopback).

    As root it runs as the user postgres, since PostgreSQL refuses to run as root.
    """
    binaries = _postgres_binaries()
    as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    folder = tempfile.mkdtemp(prefix="bouwgesprek-pg-")
    if as_user:
        shutil.chown(folder, "postgres", "postgres")
    data = os.path.join(folder, "data")
    port = port or free_port()
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
        _wait([f"{binaries}/pg_isready", "-h", "127.0.0.1", "-p", str(port)], server, "PostgreSQL")
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


@contextlib.contextmanager
def redis(folder: Path, port: int | None = None) -> Iterator[int]:
    """A Redis server that keeps nothing on disk; yields its port."""
    binary = shutil.which("redis-server")
    if binary is None:
        raise MissingService("Redis is missing: `make cluster-packages` installs Debian's redis-server")
    port = port or free_port()
    command = [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    server = subprocess.Popen(
        command, cwd=folder, stdout=(folder / "redis.log").open("w"), stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        _wait(["redis-cli", "-p", str(port), "ping"], server, "Redis")
        yield port
    finally:
        stop_process(server)


@contextlib.contextmanager
def nginx(
    folder: Path, port: int, upstream_ports: list[int], settings: Mapping[str, str] | None = None
) -> Iterator[int]:
    """nginx on ``port`` in front of the Rasa servers on ``upstream_ports``: the site of
    deploy/nginx/site.conf without TLS, with ``settings`` (default: settings.env)."""
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(binary).exists():
        raise MissingService("nginx is missing: `make cluster-packages` installs Debian's nginx")
    values = load_settings() if settings is None else settings
    site = folder / "site.conf"
    site.write_text(nginx_config.site(values, [f"127.0.0.1:{p}" for p in upstream_ports], listen=f"127.0.0.1:{port}"))
    config = folder / "nginx.conf"
    config.write_text(nginx_config.standalone(folder, site))
    command = [binary, "-c", str(config), "-p", str(folder), "-g", "daemon off;"]
    server = subprocess.Popen(
        command, cwd=folder, stdout=(folder / "nginx.log").open("w"), stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        probe = f"import urllib.request as u; u.urlopen('http://127.0.0.1:{port}/webhooks/rest/', timeout=2)"
        _wait([sys.executable, "-c", probe], server, "nginx")
        yield port
    finally:
        stop_process(server)
