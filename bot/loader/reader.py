"""Reading the blocks every kind of content has: a source (``bron``), a follow-up
(``verduidelijking``), and any block that builds a dataclass field by field."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

from bot.fields import FieldSpec, Shape
from bot.loader.problems import Problems
from bot.loader.shapes import BRON, CLARIFICATION
from bot.model import OWN_QUESTION, Bron, Clarification, Document
from bot.yamlsource import Located

T = TypeVar("T")


class Reader:
    """The content folder being read, its problems, and the documents a source may name."""

    def __init__(self, root: Path, problems: Problems) -> None:
        self.root = root
        self.problems = problems
        self.documents: dict[str, Document] = {}

    def build(self, cls: type[T], node: Located, shape: Shape, what: str, **given: Any) -> T:
        """``cls`` from a checked block: its fields in ``shape`` as written, the rest from ``given``.

        Lists of text are checked item by item (``what`` names the block in those messages), a
        source or a follow-up is read with its own checks; what is left out, or written as
        nothing (``veld: ~``), takes the field's default.
        """
        values = {
            field.name: self._value(node, field, what)
            for field in shape.fields.values()
            if field.owner is cls and field.name not in given
        }
        return cls(**values, **given)

    def _value(self, node: Located, field: FieldSpec, what: str) -> Any:
        if field.kind is list and field.item is str:
            words = self.problems.text_list(node, field.key, what)
            return tuple(word.lower() for word in words) if field.lower else words
        if field.item is Clarification:
            return self.clarification(node.get(field.key), node, what)
        value = node.get(field.key)
        if value is None:
            return field.default
        if field.item is Bron:
            return self.bron(value, node, what)
        if field.nested is not None:
            raise TypeError(f"give `{field.key}` of {what}: its blocks need their own reading")
        return value

    def bron(self, node: Any, parent: Located, what: str) -> Bron:
        if not self.problems.fields(node, BRON, f"de bron van {what}", parent):
            return Bron(OWN_QUESTION, bouwt_op="?")
        document = node["document"]
        if document == OWN_QUESTION:
            if not node.get("bouwt_op"):
                self.problems.add(
                    node,
                    node.line,
                    f"de bron van {what} is een eigen vraag zonder `bouwt_op`",
                    "noem in `bouwt_op` het document en de passage waarop de vraag rust",
                )
            elif node["bouwt_op"].split(",")[0].strip() not in self.documents:
                self.problems.add(
                    node,
                    node.line_of("bouwt_op"),
                    f"`bouwt_op` van {what} begint niet met een bekend document",
                    f'begin met een document en een komma, zoals "praatplaat, Venster 1: De inwoner" '
                    f"(documenten: {', '.join(self.documents)})",
                )
        else:
            if document not in self.documents:
                known = ", ".join([*self.documents, OWN_QUESTION])
                self.problems.add(
                    node,
                    node.line_of("document"),
                    f"de bron van {what} noemt een onbekend document `{document}`",
                    f"kies een van: {known}",
                )
            if not node.get("sectie"):
                self.problems.add(
                    node,
                    node.line,
                    f"de bron van {what} noemt geen `sectie`",
                    "noem het hoofdstuk of kader in het document",
                )
        return self.build(Bron, node, BRON, what)

    def clarification(self, node: Any, parent: Located, what: str) -> Clarification | None:
        if node is None:
            return None
        what = f"de verduidelijking van {what}"
        if not self.problems.fields(node, CLARIFICATION, what, parent):
            return None
        vague = self.problems.text_list(node, "vaag", what)
        starts = self.problems.text_list(node, "begint_met", what)
        concrete = self.problems.text_list(node, "concreet", what)
        if not vague and not starts and not concrete:
            self.problems.add(
                node,
                parent.line_of("verduidelijking") if isinstance(parent, Located) else node.line,
                f"{what} zegt niet wanneer hij nodig is",
                "geef `vaag` (met `max_woorden`), `begint_met` of `concreet`",
            )
        elif vague and not node.get("max_woorden"):
            self.problems.add(
                node,
                node.line,
                f"{what} heeft `vaag` zonder `max_woorden`",
                "zet `max_woorden: 4` (of een ander getal)",
            )
        return self.build(
            Clarification,
            node,
            CLARIFICATION,
            what,
            vaag=tuple(v.lower() for v in vague),
            begint_met=tuple(b.lower() for b in starts),
            concreet=tuple(c.lower() for c in concrete),
        )
