"""The editors' JSON Schema (bot/schema.py): committed as generated, named by every content
file, met by the real content, and strict where the content check is."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft7Validator

from bot.loader.shapes import BERICHTEN_FILE, FILES, FLOW_FILE
from bot.paths import CONTENT_DIR
from bot.schema import SCHEMA_FOLDER, file_for, render, schema_line, schema_of, schema_path

CONTENT_FILES = sorted(p.relative_to(CONTENT_DIR).as_posix() for p in CONTENT_DIR.rglob("*.y*ml"))


@pytest.mark.parametrize("file", FILES, ids=lambda file: file.schema)
def test_the_committed_schema_is_what_the_generator_writes(file):
    committed = CONTENT_DIR / schema_path(file)
    assert committed.is_file(), f"{committed} is missing: run `python -m bot.schema`"
    assert committed.read_text(encoding="utf-8") == render(file), f"{committed} is stale: run `python -m bot.schema`"


def test_the_schema_folder_holds_only_generated_schemas():
    written = {Path(schema_path(file)).name for file in FILES}
    assert {p.name for p in (CONTENT_DIR / SCHEMA_FOLDER).iterdir()} == written


@pytest.mark.parametrize("relative", CONTENT_FILES)
def test_every_content_file_names_its_schema_on_its_first_line(relative):
    assert file_for(relative), f"{relative}: no kind of content file in bot/loader/shapes.py FILES"
    first = (CONTENT_DIR / relative).read_text(encoding="utf-8").split("\n", 1)[0]
    assert first == schema_line(relative)
    target = (CONTENT_DIR / relative).parent / first.split("$schema=", 1)[1]
    assert target.resolve() == (CONTENT_DIR / schema_path(file_for(relative))).resolve()


@pytest.mark.parametrize("relative", CONTENT_FILES)
def test_every_content_file_meets_its_schema(relative):
    schema = schema_of(file_for(relative))
    Draft7Validator.check_schema(schema)
    data = yaml.safe_load((CONTENT_DIR / relative).read_text(encoding="utf-8"))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in Draft7Validator(schema).iter_errors(data)]
    assert not errors, "\n".join(errors)


def flow_errors(edit) -> list[str]:
    flow = yaml.safe_load((CONTENT_DIR / "flows" / "reflectie.yml").read_text(encoding="utf-8"))
    edit(flow)
    return [e.message for e in Draft7Validator(schema_of(FLOW_FILE)).iter_errors(flow)]


def first_step(flow: dict) -> dict:
    return flow["fasen"][0]["stappen"][0]


@pytest.mark.parametrize(
    "edit, message",
    [
        (lambda f: first_step(f).update(vraagg="x"), "'vraagg' was unexpected"),
        (lambda f: first_step(f).update(inleiding="x"), "'inleiding' was unexpected"),  # a field of another soort
        (lambda f: first_step(f).update(soort="verbeterstap"), "'verbeterstap' is not one of"),
        (lambda f: f["fasen"][-1]["stappen"][0].pop("wie"), "'wie' is a required property"),
        (lambda f: f.update(volgorde="vier"), "'vier' is not of type 'integer'"),
        (lambda f: f["fasen"][0].update(id="afronding"), "'afronding' is not one of"),
        (lambda f: f.update(titel="  "), "does not match"),
    ],
)
def test_the_flow_schema_flags_what_the_content_check_reports(edit, message):
    errors = flow_errors(edit)
    assert any(message in e for e in errors), errors


def test_the_messages_schema_knows_the_required_messages_and_the_payloads():
    data = yaml.safe_load((CONTENT_DIR / BERICHTEN_FILE.path).read_text(encoding="utf-8"))
    broken = copy.deepcopy(data)
    del broken["berichten"]["welkom"]
    broken["berichten"]["pauze"]["knoppen"][0]["payload"] = "/verder"
    errors = [e.message for e in Draft7Validator(schema_of(BERICHTEN_FILE)).iter_errors(broken)]
    assert any("'welkom' is a required property" in e for e in errors), errors
    assert any("'/verder' is not one of" in e for e in errors), errors
