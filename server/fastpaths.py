"""Fast paths inside Rasa 3.6 that keep its behaviour and drop avoidable work.

**Checking the action server's answers.** Rasa checks every answer of the action server
against a JSON schema (``RemoteAction._validate_action_result``) with ``jsonschema.validate``. That function
first checks the schema itself against the JSON Schema meta-schema and builds a new
validator, on every call: about 20 ms per call to the action server (profiled with py-spy:
more than half of the Rasa server's time per turn when a turn made three calls). The schema
never changes, so here it is checked once and the validator kept; the answer is still
validated, and an invalid one still raises the same ``ValidationError`` with Rasa's text.

**Finding an event's class.** Every event Rasa reads (from the tracker store, from the
action server) is turned into an object by ``Event.resolve_by_type``, which walks all
subclasses of ``Event`` again for every event, checking each for abstractness: about a
tenth of a turn's work at the end of a reflection (some 300 events read per turn). The
classes found are kept by name; a name not among them goes to Rasa's own function, so
unknown names, ``default`` and the old ``topic`` events behave as before.

**What the action server is sent.** For every custom action Rasa sends the whole
conversation (``EventVerbosity.ALL``): at the end of a reflection some 300 events,
300 KB of JSON for every call, and encoding it was a tenth of the Rasa server's time. Our
actions read the slots and the latest message (actions/turn.py, actions/session.py), so
the events sent are those from the latest user message on.
Everything else in the request is as Rasa makes it. An action that needs older events
must read them from the slots instead (they hold the whole reflection).

``install()`` is called when Rasa creates our tracker store (server/store.py), which every
server of ours loads from its endpoints; it changes nothing at import time.

**Guarded.** Each patch names the Rasa function it replaces, that function's parameters and a
digest of its source as in the Rasa version it was written for (``RASA_VERSION``, the pin of
requirements.txt). Before patching, ``install()`` checks all three; on any difference it
leaves that function as Rasa made it and logs a warning saying which and why: the fast paths
only save time, so Rasa's own behaviour is always a safe fallback. Each patch installed is
logged and marked (``PATCHED``), and ``uninstall()`` puts Rasa's functions back.
"""

from __future__ import annotations

import functools
import hashlib
import inspect
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import rasa
from jsonschema import ValidationError, validators
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL
from rasa.shared.core.events import Event, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity
from rasa.shared.utils.common import all_subclasses

logger = logging.getLogger(__name__)

# The Rasa version these fast paths were written for and checked against (requirements.txt pins it).
RASA_VERSION = "3.6.21"
# Marks a function of ours that replaced one of Rasa's.
PATCHED = "__bouwgesprek_patch__"


@functools.lru_cache(maxsize=1)
def action_response_validator() -> Any:
    """The validator of the action server's answer, its schema checked once."""
    schema = RemoteAction.action_response_format_spec()
    validator_class = validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    """RemoteAction._validate_action_result with a kept validator: same result, same error."""
    try:
        action_response_validator().validate(result)
        return True
    except ValidationError as error:
        error.message += (
            f". Failed to validate Action server response from API, "
            f"make sure your response from the Action endpoint is valid. "
            f"For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions"
        )
        raise error


@functools.lru_cache(maxsize=1)
def event_classes() -> dict[str, type[Event]]:
    """Each event type name and the class Rasa resolves it to: the first in its search order."""
    classes: dict[str, type[Event]] = {}
    for cls in all_subclasses(Event):
        classes.setdefault(cls.type_name, cls)
    return classes


def resolve_by_type(type_name: str, default: type[Event] | None = None) -> type[Event] | None:
    """Event.resolve_by_type, with the classes found kept by name."""
    found = event_classes().get(type_name)
    return found if found is not None else _original(Event, "resolve_by_type")(type_name, default)


def events_for_actions(tracker: DialogueStateTracker) -> list[Event]:
    """The events from the latest user message on; all of them if there is none."""
    events = list(tracker.events)
    for index in range(len(events) - 1, -1, -1):
        if isinstance(events[index], UserUttered):
            return events[index:]
    return events


def action_call_format(self: RemoteAction, tracker: DialogueStateTracker, domain: Any) -> dict[str, Any]:
    """RemoteAction._action_call_format with the events since the latest user message only."""
    state = tracker.current_state(EventVerbosity.NONE)
    state["events"] = [event.as_dict() for event in events_for_actions(tracker)]
    result = {"next_action": self._name, "sender_id": tracker.sender_id, "tracker": state, "version": rasa.__version__}
    if not self._is_selective_domain_enabled() or domain.does_custom_action_explicitly_need_domain(self.name()):
        result["domain"] = domain.as_dict()
    return result


@dataclass(frozen=True)
class Patch:
    """One of Rasa's functions replaced by ours, and how the original looked when it was written."""

    owner: type
    name: str
    replacement: Callable[..., Any]
    parameters: tuple[str, ...]
    source_sha256: str  # first 16 hex digits of the original's source
    static: bool = False

    @property
    def target(self) -> str:
        return f"{self.owner.__name__}.{self.name}"


PATCHES = (
    Patch(RemoteAction, "_validate_action_result", validate_action_result, ("self", "result"), "f8cdb4be68123961"),
    Patch(Event, "resolve_by_type", resolve_by_type, ("type_name", "default"), "b5cf570fa7f286c7", static=True),
    Patch(RemoteAction, "_action_call_format", action_call_format, ("self", "tracker", "domain"), "428795b944f22edb"),
)

_originals: dict[tuple[type, str], Any] = {}  # (owner, name) -> Rasa's attribute, as found in the class


def _original(owner: type, name: str) -> Any:
    """Rasa's own function, whether or not it is patched now."""
    found = _originals.get((owner, name), owner.__dict__[name])
    return found.__func__ if isinstance(found, staticmethod) else found


def problem_with(patch: Patch, rasa_version: str | None = None) -> str | None:
    """Why ``patch`` does not fit the Rasa in this process, or None when it does."""
    version = rasa.__version__ if rasa_version is None else rasa_version
    if version != RASA_VERSION:
        return f"written for Rasa {RASA_VERSION}, this is Rasa {version}"
    if (patch.owner, patch.name) not in _originals and patch.name not in patch.owner.__dict__:
        return "Rasa has no such function"
    original = _original(patch.owner, patch.name)
    try:
        parameters = tuple(inspect.signature(original).parameters)
        source = inspect.getsource(original)
    except (TypeError, ValueError, OSError) as error:
        return f"cannot read Rasa's function ({error})"
    if parameters != patch.parameters:
        return f"its parameters are {parameters}, expected {patch.parameters}"
    if hashlib.sha256(source.encode()).hexdigest()[:16] != patch.source_sha256:
        return "its source differs from the one this fast path was written for"
    return None


def install(patches: tuple[Patch, ...] = PATCHES, rasa_version: str | None = None) -> list[str]:
    """Use the fast paths that fit this Rasa (idempotent); the targets patched now."""
    installed = []
    for patch in patches:
        current = patch.owner.__dict__.get(patch.name)
        if getattr(getattr(current, "__func__", current), PATCHED, False):
            continue
        problem = problem_with(patch, rasa_version)
        if problem:
            logger.warning("Fast path for %s not used, Rasa's own is: %s", patch.target, problem)
            continue
        _originals[(patch.owner, patch.name)] = current
        setattr(patch.replacement, PATCHED, True)
        setattr(patch.owner, patch.name, staticmethod(patch.replacement) if patch.static else patch.replacement)
        logger.info("Fast path for %s installed (server/fastpaths.py)", patch.target)
        installed.append(patch.target)
    return installed


def uninstall() -> None:
    """Put back every function of Rasa's that a fast path replaced."""
    for (owner, name), original in list(_originals.items()):
        setattr(owner, name, original)
        del _originals[(owner, name)]
