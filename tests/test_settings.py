"""settings.env: the one place for ports, storage and retention."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import yaml

from bot import settings
from bot.paths import PROJECT_DIR
from tests.conftest import ROOT


def test_the_settings_file_has_the_defaults_the_docs_promise():
    values = settings.read_defaults()
    assert values["PORT"] == "5005" and values["ACTION_PORT"] == "5055"
    assert values["DB_DIALECT"] == "sqlite" and values["DB_NAME"].startswith("var/")
    assert settings.number(values, "RETENTION_DAYS") > 0
    assert 0 < settings.number(values, "REPLY_TIMEOUT") < 60


def test_the_environment_wins_over_the_file():
    values = settings.load({"PORT": "8080"})
    assert values["PORT"] == "8080" and values["ACTION_PORT"] == "5055"


def test_a_malformed_line_is_reported_with_its_number(tmp_path):
    path = tmp_path / "settings.env"
    path.write_text("# opmerking\nPORT=1\npoort 5005\n")
    with pytest.raises(settings.SettingsError, match=r"settings.env:3: verwacht NAAM=waarde"):
        settings.read_defaults(path)


def test_endpoints_for_sqlite_point_at_a_file_in_the_project():
    config = yaml.safe_load(settings.endpoints(settings.load({"ACTION_PORT": "6001"})))
    assert config["action_endpoint"]["url"] == "http://127.0.0.1:6001/webhook"
    store = config["tracker_store"]
    assert store["type"] == "server.store.BouwgesprekTrackerStore"
    assert store["dialect"] == "sqlite"
    assert store["db"] == str(PROJECT_DIR / "var" / "gesprekken.db")
    assert "url" not in store and "password" not in store


def test_endpoints_for_postgresql_carry_host_port_and_login():
    environ = {
        "DB_DIALECT": "postgresql",
        "DB_HOST": "db.intern",
        "DB_PORT": "5432",
        "DB_NAME": "bouwgesprek",
        "DB_USER": "bot",
        "DB_PASSWORD": "geheim",
    }
    store = yaml.safe_load(settings.endpoints(settings.load(environ)))["tracker_store"]
    assert store == {
        "type": "server.store.BouwgesprekTrackerStore",
        "dialect": "postgresql",
        "db": "bouwgesprek",
        "url": "db.intern",
        "port": "5432",
        "username": "bot",
        "password": "geheim",
    }


def test_a_redis_host_adds_rasas_redis_lock_store():
    assert "lock_store" not in yaml.safe_load(settings.endpoints(settings.load({})))
    config = yaml.safe_load(settings.endpoints(settings.load({"REDIS_HOST": "127.0.0.1", "REDIS_PORT": "6390"})))
    assert config["lock_store"] == {
        "type": "redis",
        "url": "127.0.0.1",
        "port": 6390,
        "db": 1,
        "key_prefix": "bouwgesprek",
    }


def test_an_unknown_placeholder_in_the_endpoints_template_is_reported(tmp_path):
    template = tmp_path / "endpoints.yml"
    template.write_text('action_endpoint:\n  url: "http://127.0.0.1:${ACTIE_POORT}/webhook"\n')
    with pytest.raises(settings.SettingsError, match="onbekende instelling"):
        settings.endpoints(settings.load({}), template)


def test_the_command_line_writes_shell_assignments_and_endpoints(tmp_path, capsys):
    assert settings.main(["shell"]) == 0
    assert "export REPLY_TIMEOUT=" in capsys.readouterr().out
    out = tmp_path / "var" / "endpoints.yml"
    assert settings.main(["endpoints", str(out)]) == 0
    assert "tracker_store" in yaml.safe_load(out.read_text())
    assert settings.main(["onzin"]) == 2


def test_no_script_repeats_a_default_port():
    for path in [PROJECT_DIR / "Makefile", *sorted((PROJECT_DIR / "scripts").glob("*"))]:
        assert "5005" not in path.read_text() and "5055" not in path.read_text(), path


@pytest.mark.parametrize("value, enabled", [("0", "false"), ("", "false"), ("1", "true")])
def test_rasa_telemetry_is_off_unless_turned_on(value, enabled):
    assert settings.rasa_environment({"RASA_TELEMETRY": value}) == {"RASA_TELEMETRY_ENABLED": enabled}


def test_a_wrong_telemetry_setting_is_reported_in_dutch():
    with pytest.raises(settings.SettingsError, match="RASA_TELEMETRY moet 0 of 1 zijn"):
        settings.rasa_environment({"RASA_TELEMETRY": "ja"})


def test_settings_env_turns_telemetry_off_for_the_scripts_and_for_make():
    assert settings.read_defaults()["RASA_TELEMETRY"] == "0"
    shell = subprocess.run(
        [sys.executable, "-m", "bot.settings", "shell"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert "export RASA_TELEMETRY_ENABLED=false" in shell.stdout.splitlines()

    def make_says(**environ: str) -> str:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("RASA_TELEMETRY", "MAKE"))} | environ
        show = ["make", "-s", "--no-print-directory", "--eval", "shown: ; @echo $$RASA_TELEMETRY_ENABLED", "shown"]
        return subprocess.run(show, cwd=ROOT, env=env, capture_output=True, text=True, check=True).stdout.strip()

    assert make_says() == "false"
    assert make_says(RASA_TELEMETRY="1") == "true"
