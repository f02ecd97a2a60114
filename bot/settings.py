"""Bouwgesprek's settings: ``settings.env`` with the environment taking precedence.

One place for ports, storage and retention. ``python -m bot.settings shell`` prints them
as shell assignments (for scripts/run.sh); ``python -m bot.settings endpoints OUT`` writes
Rasa's endpoints file with the action server and the tracker store filled in.
"""

from __future__ import annotations

import os
import re
import shlex
import sys
from collections.abc import Mapping
from pathlib import Path

import yaml

from bot.paths import PROJECT_DIR

SETTINGS_FILE = PROJECT_DIR / "settings.env"
ENDPOINTS_TEMPLATE = PROJECT_DIR / "endpoints.yml"
NAME = re.compile(r"^[A-Z][A-Z0-9_]*$")


class SettingsError(ValueError):
    pass


def read_defaults(path: Path = SETTINGS_FILE) -> dict[str, str]:
    """The NAME=value lines of ``path``; a malformed line is reported with its number."""
    values: dict[str, str] = {}
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        name, sep, value = line.partition("=")
        if not sep or not NAME.match(name.strip()):
            raise SettingsError(f"{path.name}:{number}: verwacht NAAM=waarde, gevonden {raw!r}")
        values[name.strip()] = value.strip()
    return values


def load(environ: Mapping[str, str] | None = None, path: Path = SETTINGS_FILE) -> dict[str, str]:
    """Every setting: the environment's value where it has one, else the file's."""
    environ = os.environ if environ is None else environ
    return {name: environ.get(name, default) for name, default in read_defaults(path).items()}


def number(values: Mapping[str, str], name: str) -> float:
    try:
        result = float(values[name])
    except (KeyError, ValueError):
        raise SettingsError(f"{name} moet een getal zijn, niet {values.get(name)!r} (settings.env)") from None
    if result < 0:
        raise SettingsError(f"{name} mag niet negatief zijn (settings.env)")
    return result


def rasa_environment(values: Mapping[str, str]) -> dict[str, str]:
    """What every Rasa process of ours gets in its environment: telemetry off unless
    RASA_TELEMETRY=1 (settings.env)."""
    telemetry = values.get("RASA_TELEMETRY", "0") or "0"
    if telemetry not in ("0", "1"):
        raise SettingsError(f"RASA_TELEMETRY moet 0 of 1 zijn, niet {telemetry!r} (settings.env)")
    return {"RASA_TELEMETRY_ENABLED": "true" if telemetry == "1" else "false"}


def retention_days(values: Mapping[str, str] | None = None) -> str:
    """How many days an unused conversation is kept (settings.env), as the user reads it."""
    return f"{number(values if values is not None else load(), 'RETENTION_DAYS'):g}"


def team_days(values: Mapping[str, str]) -> float:
    """How many days a team session's code works (settings.env)."""
    days = number(values, "TEAM_DAYS")
    if days <= 0:
        raise SettingsError(f"TEAM_DAYS moet meer dan 0 dagen zijn, niet {days:g} (settings.env)")
    return days


def tracker_store(values: Mapping[str, str]) -> dict[str, object]:
    """Rasa's ``tracker_store`` endpoint: our SQL tracker store on the configured database."""
    dialect = values["DB_DIALECT"] or "sqlite"
    db = values["DB_NAME"]
    if dialect == "sqlite":
        path = Path(db)
        db = str(path if path.is_absolute() else PROJECT_DIR / path)
    config: dict[str, object] = {"type": "server.store.BouwgesprekTrackerStore", "dialect": dialect, "db": db}
    for key, name in (("url", "DB_HOST"), ("port", "DB_PORT"), ("username", "DB_USER"), ("password", "DB_PASSWORD")):
        if values.get(name):
            config[key] = values[name]
    return config


def lock_store(values: Mapping[str, str]) -> dict[str, object] | None:
    """Rasa's Redis ``lock_store`` when REDIS_HOST is set; None keeps Rasa's in-memory one."""
    if not values.get("REDIS_HOST"):
        return None
    return {
        "type": "redis",
        "url": values["REDIS_HOST"],
        "port": int(number(values, "REDIS_PORT")),
        "db": int(number(values, "REDIS_DB")),
        "key_prefix": "bouwgesprek",
    }


def endpoints(values: Mapping[str, str], template: Path = ENDPOINTS_TEMPLATE) -> str:
    """endpoints.yml with ``${NAME}`` filled in from the settings, plus the stores."""

    def fill(match: re.Match[str]) -> str:
        if match.group(1) not in values:
            raise SettingsError(f"{template.name}: onbekende instelling ${{{match.group(1)}}}; zet die in settings.env")
        return values[match.group(1)]

    config = yaml.safe_load(re.sub(r"\$\{([A-Z0-9_]+)\}", fill, template.read_text(encoding="utf-8"))) or {}
    config["tracker_store"] = tracker_store(values)
    locks = lock_store(values)
    if locks is not None:
        config["lock_store"] = locks
    return "# Written by bot/settings.py from endpoints.yml and settings.env; do not edit.\n" + yaml.safe_dump(
        config, sort_keys=False
    )


def main(argv: list[str]) -> int:
    try:
        values = load()
        if argv[:1] == ["shell"]:
            exported = {**values, **rasa_environment(values)}
            print("\n".join(f"export {name}={shlex.quote(value)}" for name, value in exported.items()))
            return 0
        if argv[:1] == ["endpoints"] and len(argv) == 2:
            out = Path(argv[1])
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(endpoints(values), encoding="utf-8")
            return 0
    except SettingsError as problem:
        print(f"Instelling klopt niet: {problem}", file=sys.stderr)
        return 1
    print("usage: python -m bot.settings shell | endpoints OUT", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
