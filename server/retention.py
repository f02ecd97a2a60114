"""Retention: conversations untouched for RETENTION_DAYS days (settings.env) are removed, and
team sessions whose code expired (TEAM_DAYS) with everything shared in them.

Every Rasa server of ours purges at start and then every hour (one task per server, started
by server/startup.py whichever channels it has); ``python -m server.retention purge`` (or
``make purge DAYS=n``) does it once by hand, and the retention timer of a deployment runs that.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import time
from typing import Any

from bot.settings import SettingsError, load, number
from server.store import from_settings, ours
from teamstore import TeamStore

logger = logging.getLogger(__name__)

PURGE_EVERY_SECONDS = 60 * 60


async def purge_regularly(app: Any, days: float) -> None:
    """Remove conversations older than ``days`` days now and every hour (retention)."""
    loop = asyncio.get_running_loop()
    while True:
        store = ours(getattr(getattr(app.ctx, "agent", None), "tracker_store", None))
        if store is not None:
            try:
                await loop.run_in_executor(None, store.purge, days)
            except Exception:
                logger.exception("Removing old conversations failed; trying again in an hour")
        try:
            await loop.run_in_executor(None, purge_team_sessions, load())
        except Exception:
            logger.exception("Removing expired team sessions failed; trying again in an hour")
        await asyncio.sleep(PURGE_EVERY_SECONDS)


def purge_team_sessions(values: dict[str, str], now: float | None = None) -> int:
    """Remove the team sessions whose code expired, with what was shared in them."""
    store = TeamStore.from_settings(values)
    try:
        removed = store.purge(time.time() if now is None else now)
    finally:
        store.engine.dispose()
    if removed:
        logger.info("Removed %d expired team sessions", removed)
    return removed


def start_purging(app: Any, days: float) -> None:
    if getattr(app.ctx, "bouwgesprek_purging", None) is None:
        app.ctx.bouwgesprek_purging = asyncio.create_task(purge_regularly(app, days))


async def stop_purging(app: Any) -> None:
    """Ended here, so that stopping the server does not leave a pending task behind."""
    task = getattr(app.ctx, "bouwgesprek_purging", None)
    if task is not None:
        app.ctx.bouwgesprek_purging = None
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m server.retention")
    commands = parser.add_subparsers(dest="command", required=True)
    purge = commands.add_parser("purge", help="remove conversations older than DAYS days")
    purge.add_argument("--days", default="", help="default: RETENTION_DAYS in settings.env")
    args = parser.parse_args(argv)
    try:
        values = load()
        if args.days:
            values["RETENTION_DAYS"] = args.days
        days = number(values, "RETENTION_DAYS")
    except SettingsError as problem:
        print(f"Instelling klopt niet: {problem}", file=sys.stderr)
        return 1
    removed = from_settings(values).purge(days)
    print(f"{removed} gesprek(ken) verwijderd die langer dan {days:g} dagen niet zijn gebruikt.")
    sessions = purge_team_sessions(values)
    print(f"{sessions} verlopen teamsessie(s) verwijderd, met wat erin gedeeld was.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
