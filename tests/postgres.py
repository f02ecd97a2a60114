"""A throwaway PostgreSQL server for tests (deploy/services.py); `make test` installs it."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import pytest

from deploy.services import MissingService, Postgres, postgres

__all__ = ["Postgres", "throwaway_postgres"]


@contextlib.contextmanager
def throwaway_postgres() -> Iterator[Postgres]:
    with contextlib.ExitStack() as stack:
        try:
            server = stack.enter_context(postgres())
        except MissingService as missing:
            pytest.fail(str(missing))
        yield server
