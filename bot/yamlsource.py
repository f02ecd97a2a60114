"""YAML loading that remembers where every mapping and value came from.

Content editors need errors as ``file:line``; PyYAML's safe loader throws the marks
away, so this loader keeps the line of each mapping and of each of its keys.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


class Located(dict):
    """A YAML mapping that knows its file and the line of itself and of each key."""

    path: Path
    line: int
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LocatedList(list):
    path: Path
    line: int


class YamlSyntaxError(Exception):
    def __init__(self, path: Path, line: int, problem: str, fix: str = "") -> None:
        super().__init__(f"{path}:{line}: {problem}")
        self.path = path
        self.line = line
        self.problem = problem
        self.fix = fix


def _loader_for(path: Path) -> type[yaml.SafeLoader]:
    class LineLoader(yaml.SafeLoader):
        pass

    def construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> Located:
        loader.flatten_mapping(node)
        result = Located()
        result.path = path
        result.line = node.start_mark.line + 1
        result.key_lines = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if key in result:
                # PyYAML silently keeps the last one; an editor would lose the first.
                raise YamlSyntaxError(
                    path,
                    key_node.start_mark.line + 1,
                    f"de sleutel `{key}` staat twee keer in hetzelfde blok",
                    f"houd één `{key}:` over, of geef de tweede een andere naam",
                )
            result[key] = loader.construct_object(value_node, deep=True)
            result.key_lines[str(key)] = key_node.start_mark.line + 1
        return result

    def construct_sequence(loader: yaml.SafeLoader, node: yaml.SequenceNode) -> LocatedList:
        result = LocatedList(loader.construct_object(child, deep=True) for child in node.value)
        result.path = path
        result.line = node.start_mark.line + 1
        return result

    LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, construct_sequence)
    return LineLoader


def load_located(path: Path) -> Any:
    """Load one YAML file; raise :class:`YamlSyntaxError` with the line on bad YAML."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise YamlSyntaxError(path, 1, f"het bestand is geen UTF-8-tekst ({error.reason})") from error
    try:
        return yaml.load(text, Loader=_loader_for(path))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        # "Unexpected end of stream" points past the end; where the unfinished thing
        # (an unclosed quote, say) began is what the editor needs.
        if error.context_mark and (mark is None or "end of stream" in str(error.problem)):
            mark = error.context_mark
        line = mark.line + 1 if mark else 1
        problem = str(error.problem or error.context)
        fix = ""
        if "undefined alias" in problem:
            # "- *brug + gestaan": a * at the start of a value is YAML for a reference
            fix = 'een waarde die met * begint, zet je tussen aanhalingstekens: - "*brug + gestaan"'
        raise YamlSyntaxError(path, line, problem, fix) from error
