"""``python -m bot.schema``: the content files' JSON Schema, for editors.

Writes ``content/schema/<naam>.schema.json`` for every kind of content file, from the same
shapes the loader checks (bot/loader/shapes.py), so the two cannot disagree on a field.
Each content file names its schema on its first line (:func:`schema_line`); VS Code with
the YAML extension then completes field names, shows their Dutch description and flags a
misspelt or misplaced field while typing. ``make content-check`` checks more than the
schema can say: references between files, ids, the order of phases.
"""

from __future__ import annotations

import json
import sys
from fnmatch import fnmatch
from pathlib import Path, PurePosixPath
from typing import Any

from bot.fields import FieldSpec, Named, Shape, Variants
from bot.loader.shapes import FILES, ContentFile
from bot.paths import CONTENT_DIR

SCHEMA_FOLDER = "schema"  # in the content folder
DIALECT = "http://json-schema.org/draft-07/schema#"  # the draft the YAML extension knows best
TEXT = {"type": "string", "pattern": r"\S"}  # the loader wants text, not only spaces
SCALARS = {str: TEXT, int: {"type": "integer"}, bool: {"type": "boolean"}}


def schema_path(file: ContentFile) -> str:
    """Where the schema of ``file`` is, in the content folder."""
    return f"{SCHEMA_FOLDER}/{file.schema}.schema.json"


def file_for(relative: str) -> ContentFile | None:
    """The kind of content file at ``relative`` (in the content folder), if it is one."""
    yml = str(PurePosixPath(relative).with_suffix(".yml"))  # a flow may be a .yaml file
    return next((file for file in FILES if fnmatch(yml, file.path)), None)


def schema_line(relative: str) -> str:
    """The first line of the content file at ``relative``: its schema, as a relative path."""
    file = file_for(relative)
    if file is None:
        raise ValueError(f"{relative} is no content file the loader reads")
    return f"# yaml-language-server: $schema={'../' * relative.count('/')}{schema_path(file)}"


def schema_of(file: ContentFile) -> dict[str, Any]:
    """The JSON Schema of one kind of content file."""
    definitions: dict[str, Any] = {}
    top = _block(file.top, definitions)
    return {
        "$schema": DIALECT,
        "title": file.path,
        "description": f"{file.doc} Gemaakt met `python -m bot.schema` uit bot/model.py: niet met de hand bewerken.",
        **top,
        "definitions": dict(sorted(definitions.items())),
    }


def render(file: ContentFile) -> str:
    """The text of the schema file of ``file``."""
    return json.dumps(schema_of(file), ensure_ascii=False, indent=2) + "\n"


def _block(shape: Shape, definitions: dict[str, Any]) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "type": "object",
        "properties": {key: _field(field, definitions) for key, field in shape.fields.items()},
        "additionalProperties": False,
    }
    required = [key for key, field in shape.fields.items() if field.required]
    if required:
        schema["required"] = required
    return schema


def _field(field: FieldSpec, definitions: dict[str, Any]) -> dict[str, Any]:
    schema: dict[str, Any] = {"description": field.doc}
    if field.kind is list:
        schema["type"] = "array"
        schema["items"] = _nested(field.nested, definitions) if field.nested else _scalar(field.item, field.choices)
    elif field.kind is dict:
        schema["allOf"] = [_nested(field.nested, definitions)]  # draft-07 ignores what stands next to a $ref
    else:
        schema.update(_scalar(field.kind, field.choices))
    return schema


def _scalar(kind: Any, choices: tuple[str, ...]) -> dict[str, Any]:
    if choices:
        return {"type": "string", "enum": list(choices)}
    return dict(SCALARS[kind])


def _nested(nested: Shape | Variants | Named | None, definitions: dict[str, Any]) -> dict[str, Any]:
    if isinstance(nested, Named):
        item = _nested(nested.item, definitions) if nested.item else dict(TEXT)
        return {"type": "object", "additionalProperties": item, "required": sorted(nested.required)}
    if isinstance(nested, Variants):
        # Each `soort` of step has its own fields: the `if` picks the shape by the key's value;
        # the default one applies when the key is left out.
        definitions[nested.name] = {
            "type": "object",
            "properties": {nested.key: {"type": "string", "enum": list(nested.shapes)}},
            "allOf": [
                {
                    "if": {
                        "properties": {nested.key: {"const": value}},
                        **({} if value == nested.default else {"required": [nested.key]}),
                    },
                    "then": _nested(shape, definitions),
                }
                for value, shape in nested.shapes.items()
            ],
        }
        return {"$ref": f"#/definitions/{nested.name}"}
    if nested is None:
        raise TypeError("a block without a shape")
    block = _block(nested, definitions)
    if definitions.setdefault(nested.name, block) != block:
        raise ValueError(f"two different shapes are both called {nested.name}")
    return {"$ref": f"#/definitions/{nested.name}"}


def write(content: Path = CONTENT_DIR) -> list[Path]:
    """Write the schema of every kind of content file into ``content``; the paths written."""
    (content / SCHEMA_FOLDER).mkdir(exist_ok=True)
    written = []
    for file in FILES:
        path = content / schema_path(file)
        path.write_text(render(file), encoding="utf-8")
        written.append(path)
    return written


def main() -> int:
    for path in write():
        print(f"geschreven: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
