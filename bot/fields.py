"""A field of the content is declared once; the blocks of the content files derive from it.

``bot.model`` declares each field in its dataclass: name, type and default, and with
:func:`spec` what the content files add to that (the Dutch description editors read, the
name in YAML when it differs, the values allowed). :func:`shape` derives the fields of a
YAML block from those declarations: the loader checks every block against its shape, and
``bot.schema`` publishes the same shapes as JSON Schema for editors.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Iterable
from dataclasses import MISSING, dataclass
from functools import cache
from typing import Any

_METADATA_KEY = "content"


@dataclass(frozen=True)
class _Declared:
    doc: str
    key: str
    choices: tuple[str, ...]
    lower: bool
    required: bool | None
    ids: bool


def spec(
    doc: str,
    *,
    default: Any = MISSING,
    default_factory: Any = MISSING,
    key: str = "",
    choices: Iterable[str] = (),
    lower: bool = False,
    required: bool | None = None,
    ids: bool = False,
) -> Any:
    """A dataclass field that content files write.

    ``doc`` says in Dutch what it holds, for editors; ``key`` is its name in YAML when that is
    not the field's name; ``choices`` are the values it allows; ``lower`` reads the words of a
    list in lower case; ``required`` overrides the rule that a field without a default is
    required; ``ids``: YAML names the ids of catalog entries instead of writing them out.
    """
    declared = _Declared(doc, key, tuple(choices), lower, required, ids)
    return dataclasses.field(default=default, default_factory=default_factory, metadata={_METADATA_KEY: declared})


@dataclass(frozen=True)
class FieldSpec:
    """One field of a YAML block, as the loader checks it and the JSON Schema describes it."""

    key: str  # its name in YAML
    kind: type  # what YAML must give: str, int, bool, list or dict
    required: bool
    doc: str
    choices: tuple[str, ...] = ()
    item: type | None = None  # the items of a list: str, or a dataclass (written as a block)
    lower: bool = False
    nested: Shape | Variants | Named | None = None  # the fields of a block, or of each block of a list
    owner: type | None = None  # the dataclass the field belongs to, if any
    name: str = ""  # its name in that dataclass
    default: Any = None


@dataclass(frozen=True)
class Shape:
    """The fields of one kind of YAML block, by their YAML name, in the order editors read them."""

    name: str  # the block's name in the JSON Schema
    fields: dict[str, FieldSpec]


@dataclass(frozen=True)
class Variants:
    """A block whose fields depend on the value of one field (a step's ``soort``)."""

    name: str
    key: str
    default: str  # the value when the key is left out
    shapes: dict[str, Shape]


@dataclass(frozen=True)
class Named:
    """A block of items under names of the editor's choosing, some of which the code needs."""

    name: str
    item: Shape | None  # None: each item is a text
    required: tuple[str, ...]


def shape(
    cls: type,
    *names: str | FieldSpec | Shape,
    name: str = "",
    required: Iterable[str] = (),
    optional: Iterable[str] = (),
    nested: dict[str, Shape | Variants | Named] | None = None,
) -> Shape:
    """The YAML block of ``cls``: its fields declared with :func:`spec`, in their order.

    With ``names``, only those: a field of ``cls`` by its name, a field that is no field of a
    dataclass, or all fields of another shape, in the order given. ``required`` and
    ``optional`` name fields this block requires, or not, whatever their declaration says;
    ``nested`` gives the shape of a field's blocks when it is not that class's own.
    """
    declared = {f.name: f for f in dataclasses.fields(cls) if _METADATA_KEY in f.metadata}
    required, optional, nested = set(required), set(optional), nested or {}
    unknown = (required | optional | set(nested)) - set(declared)
    if unknown:
        raise TypeError(f"{cls.__name__} declares no field {', '.join(sorted(unknown))} with spec()")
    fields: dict[str, FieldSpec] = {}
    for item in names or tuple(declared):
        if isinstance(item, Shape):
            fields.update(item.fields)
            continue
        if isinstance(item, FieldSpec):
            fields[item.key] = item
            continue
        if item not in declared:
            raise TypeError(f"{cls.__name__} declares no field {item} with spec()")
        derived = _field_spec(cls, declared[item], nested.get(item))
        if item in required or item in optional:
            derived = dataclasses.replace(derived, required=item in required)
        fields[derived.key] = derived
    return Shape(name or cls.__name__.lower(), fields)


@cache
def _own_shape(cls: type) -> Shape:
    return shape(cls)


def _field_spec(cls: type, field: dataclasses.Field, nested: Shape | Variants | None) -> FieldSpec:
    declared: _Declared = field.metadata[_METADATA_KEY]
    kind, item = _yaml_type(typing.get_type_hints(cls)[field.name])
    if declared.ids:
        item = str
    has_default = field.default is not MISSING or field.default_factory is not MISSING
    if nested is None and dataclasses.is_dataclass(item):
        nested = _own_shape(item)
    return FieldSpec(
        key=declared.key or field.name,
        kind=kind,
        required=declared.required if declared.required is not None else not has_default,
        doc=declared.doc,
        choices=declared.choices,
        item=item,
        lower=declared.lower,
        nested=nested,
        owner=cls,
        name=field.name,
        default=field.default_factory() if field.default_factory is not MISSING else field.default,
    )


def _yaml_type(hint: Any) -> tuple[type, Any]:
    """What YAML writes for a field of this type (str, int, bool, list, dict) and its items."""
    origin = typing.get_origin(hint)
    if origin in (types.UnionType, typing.Union):  # X | None: None is the default, not written
        (hint,) = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        return _yaml_type(hint)
    if origin is tuple:
        return list, typing.get_args(hint)[0]
    if origin is dict:
        return dict, typing.get_args(hint)[1]
    if dataclasses.is_dataclass(hint):
        return dict, hint
    if hint in (str, int, bool):
        return hint, None
    raise TypeError(f"no YAML form for {hint}")
