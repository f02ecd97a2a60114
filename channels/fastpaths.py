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

``install()`` is called when Rasa creates our tracker store (channels/store.py), which every
server of ours loads from its endpoints; it changes nothing at import time.
"""

from __future__ import annotations

import functools
from typing import Any

import rasa
from jsonschema import ValidationError, validators
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL
from rasa.shared.core.events import Event, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity
from rasa.shared.utils.common import all_subclasses

RASA_RESOLVE_BY_TYPE = Event.resolve_by_type
RASA_ACTION_CALL_FORMAT = RemoteAction._action_call_format


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
    return found if found is not None else RASA_RESOLVE_BY_TYPE(type_name, default)


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


def install() -> None:
    """Use the fast paths in this process (idempotent)."""
    RemoteAction._validate_action_result = validate_action_result  # type: ignore[method-assign]
    Event.resolve_by_type = staticmethod(resolve_by_type)  # type: ignore[method-assign]
    RemoteAction._action_call_format = action_call_format  # type: ignore[method-assign]
