"""Fast paths inside Rasa 3.6 that keep its behaviour and drop avoidable work.

Rasa checks every answer of the action server against a JSON schema
(``RemoteAction._validate_action_result``) with ``jsonschema.validate``. That function
first checks the schema itself against the JSON Schema meta-schema and builds a new
validator, on every call: about 20 ms, and a turn of a reflection makes two or three such
calls (profiled with py-spy: more than half of the Rasa server's time per turn). The schema
never changes, so here it is checked once and the validator kept; the answer is still
validated, and an invalid one still raises the same ``ValidationError`` with Rasa's text.

``install()`` is called when Rasa creates our tracker store (channels/store.py), which every
server of ours loads from its endpoints; it changes nothing at import time.
"""

from __future__ import annotations

import functools
from typing import Any

from jsonschema import ValidationError, validators
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL


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


def install() -> None:
    """Use the fast paths in this process (idempotent)."""
    RemoteAction._validate_action_result = validate_action_result  # type: ignore[method-assign]
