"""The one collector of content problems, and the checks every kind of content shares.

Content editors read these messages, so they are Dutch and say where the problem is
(``file:line``) and how to fix it. Every module of the loader reports through one
:class:`Problems`, so ``make content-check`` lists all problems of all files at once.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from bot.fields import Shape
from bot.model import Problem
from bot.yamlsource import Located, YamlSyntaxError, load_located

TYPE_NAMES = {
    str: "tekst",
    int: "een heel getal",
    bool: "true of false",
    list: "een lijst",
    dict: "een blok met velden",
}


class Problems:
    """Collects problems while the content is being read."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, node: Any, line: int | None, what: str, fix: str) -> None:
        """A problem in ``node`` (a YAML block or list): on ``line``, or where the node starts."""
        path = getattr(node, "path", Path("?"))
        self.problems.append(Problem(path, line or getattr(node, "line", 1), what, fix))

    def in_file(self, path: Path, line: int, what: str, fix: str) -> None:
        """A problem with a file as a whole, or in a file without readable blocks."""
        self.problems.append(Problem(path, line, what, fix))

    # -- files

    def read(self, path: Path) -> Any:
        """The YAML of ``path``, or None after reporting why it cannot be read."""
        try:
            data = load_located(path)
        except YamlSyntaxError as error:
            fix = (
                error.fix
                or "controleer inspringing, dubbele punten en aanhalingstekens op deze regel of de regel erboven"
            )
            self.in_file(path, error.line, f"ongeldige YAML ({error.problem})", fix)
            return None
        if data is None:
            self.in_file(path, 1, "het bestand is leeg", "vul het bestand of verwijder het")
        return data

    def missing_file(self, path: Path, fix: str) -> None:
        self.in_file(path, 1, "dit bestand ontbreekt", fix)

    def top(self, path: Path, missing_fix: str) -> Any:
        """The YAML of ``path``; None after reporting that it is missing or cannot be read."""
        if not path.is_file():
            self.missing_file(path, missing_fix)
            return None
        return self.read(path)

    def block_file(self, path: Path, shape: Shape, missing_fix: str) -> Located | None:
        """The block at the top of ``path`` if it has the fields of ``shape``; None after reporting why not."""
        data = self.top(path, missing_fix)
        if not isinstance(data, Located) or not self.fields(data, shape, path.name, data):
            return None
        return data

    def list_file(self, path: Path, top_key: str) -> list[Any]:
        """The items of the list under ``top_key`` in ``path``; [] after reporting a problem."""
        data = self.top(path, f"maak het aan met een lijst onder `{top_key}:`")
        if data is None:
            return []
        if not isinstance(data, Located) or top_key not in data:
            self.in_file(
                path,
                1,
                f"het bestand heeft geen `{top_key}:`",
                f"begin het bestand met `{top_key}:` en daaronder de lijst",
            )
            return []
        items = data[top_key]
        if not isinstance(items, list) or not items:
            self.add(
                data,
                data.line_of(top_key),
                f"`{top_key}` is leeg of geen lijst",
                "zet de items eronder, elk beginnend met `- `",
            )
            return []
        return items

    # -- blocks

    def fields(self, node: Any, shape: Shape, what: str, parent: Any = None) -> bool:
        """Check ``node`` against ``shape``; report and return False if it is unusable."""
        if not isinstance(node, Located):
            holder = node if hasattr(node, "path") else parent
            self.add(
                holder,
                None,
                f"{what} is geen blok met velden",
                "schrijf het als `veld: waarde` regels, elk op een eigen regel",
            )
            return False
        spec = shape.fields
        ok = True
        for key in node:
            if key not in spec:
                close = difflib.get_close_matches(str(key), spec, n=1)
                hint = f"bedoel je `{close[0]}`?" if close else f"toegestaan zijn: {', '.join(spec)}"
                self.add(
                    node,
                    node.line_of(key),
                    f"onbekend veld `{key}` in {what}",
                    f"verwijder het veld of hernoem het ({hint})",
                )
        for key, field in spec.items():
            kind = field.kind
            if key not in node or node[key] is None:
                if field.required:
                    self.add(
                        node, node.line, f"{what} mist het veld `{key}`", f"voeg `{key}:` toe ({TYPE_NAMES[kind]})"
                    )
                    ok = False
                continue
            value = node[key]
            if (kind is int and isinstance(value, bool)) or not isinstance(value, kind):
                self.add(
                    node,
                    node.line_of(key),
                    f"`{key}` in {what} moet {TYPE_NAMES[kind]} zijn, niet {describe(value)}",
                    f"maak van `{key}` {TYPE_NAMES[kind]}",
                )
                ok = False
            elif kind is str and not value.strip():
                self.add(node, node.line_of(key), f"`{key}` in {what} is leeg", f"vul tekst in bij `{key}`")
                ok = False
        return ok

    def named_blocks(self, items: Any, shape: Shape, kind: str, parent: Located) -> list[tuple[Located, str]]:
        """The blocks of a list that have the fields of ``shape``, each with its name ("begrip regie")."""
        result = []
        for node in items or []:
            what = f"{kind} {node.get('id', '?') if isinstance(node, Located) else '?'}"
            if self.fields(node, shape, what, parent):
                result.append((node, what))
        return result

    def text_list(self, node: Located, key: str, what: str) -> tuple[str, ...]:
        """The texts of the list under ``key``; anything else in it is reported and left out."""
        values = node.get(key) or []
        result = []
        for value in values:
            if not isinstance(value, str) or not value.strip():
                self.add(
                    node,
                    node.line_of(key),
                    f"`{key}` in {what} bevat {describe(value)}",
                    "gebruik alleen tekst in deze lijst",
                )
            else:
                result.append(value)
        return tuple(result)

    def references(
        self, node: Located, key: str, refs: Iterable[str], known: Iterable[str], what: str, fix: str
    ) -> None:
        """Report each of ``refs`` (written under ``key``) that is not in ``known``, as "``what`` `ref`"."""
        known = set(known)
        for ref in refs:
            if ref not in known:
                self.add(node, node.line_of(key), f"{what} `{ref}`", fix)

    def unique(self, items: Iterable[tuple[str, Located]], what: str) -> None:
        """Report every id of ``items`` that an earlier one already has."""
        seen: dict[str, Located] = {}
        for ident, node in items:
            if ident in seen:
                first = seen[ident]
                self.add(
                    node,
                    node.line_of("id"),
                    f"dubbele id `{ident}` ({what})",
                    f"geef een andere id; `{ident}` staat al op {first.path.name}:{first.line_of('id')}",
                )
            else:
                seen[ident] = node


def describe(value: Any) -> str:
    """A value as a message names it: `drie`, `true`, een lijst."""
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, dict | list):
        return TYPE_NAMES[type(value) if type(value) in TYPE_NAMES else dict]
    return f"`{value}`"
