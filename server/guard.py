"""What every request to a webhook must pass before anything is read or handled.

docs/security.md describes the promises; the settings are in settings.env:

- **Host.** Only the names in ALLOWED_HOSTS (empty: HOST and the loopback names) are
  answered, so a page on another site cannot reach this server through a DNS name it
  controls (DNS rebinding).
- **Origin.** A browser names the page that sends a request. Only the server's own origin
  and those in ALLOWED_ORIGINS may write; ``Origin: null`` (a sandboxed page, a file) may not.
  A request without an Origin comes from a program, not from a page in a browser.
- **JSON only.** A browser sends ``text/plain`` and form posts to any site without asking
  first; ``application/json`` it does not. Anything else gets 415.
- **A token for REST.** REST_TOKEN, sent as ``Authorization: Bearer <token>``; required when
  the server listens on anything but loopback (the server does not start without it).
- **Sender ids.** A REST sender is a string of the documented form; the chat page's own ids
  (``web-…``) and ids that hold identifying data are refused.
"""

from __future__ import annotations

import hmac
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sanic import response
from sanic.response import HTTPResponse

from bot.content import get_content
from bot.contract import metadata
from bot.engine import Message
from bot.privacy import KINDS, scrub
from bot.settings import SettingsError

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
# A REST sender id: letters, digits and . _ - after a letter or digit, at most 64 characters.
SENDER = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
WEB_SENDER_PREFIX = "web-"


class Refused(Exception):
    """A request that is not handled: ``status`` and the key of its Dutch text (teksten.yml)."""

    def __init__(self, status: int, key: str) -> None:
        super().__init__(f"{status} {key}")
        self.status = status
        self.key = key


def _names(value: str) -> frozenset[str]:
    return frozenset(part.strip().lower() for part in value.split(",") if part.strip())


def host_name(host: str) -> str:
    """``host`` without its port: "127.0.0.1:5005" -> "127.0.0.1", "[::1]:5005" -> "::1"."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


@dataclass(frozen=True)
class Guard:
    hosts: frozenset[str]
    origins: frozenset[str]
    token: str
    trusted_proxy: bool = False

    @classmethod
    def from_settings(cls, values: Mapping[str, str]) -> Guard:
        listen = values.get("HOST", "127.0.0.1").strip() or "127.0.0.1"
        token = values.get("REST_TOKEN", "").strip()
        if listen.lower() not in LOOPBACK_HOSTS and not token:
            raise SettingsError(
                f"HOST={listen} maakt de server bereikbaar voor andere computers; zet dan ook "
                "REST_TOKEN (settings.env), anders kan iedereen die een gespreks-id raadt meelezen"
            )
        hosts = _names(values.get("ALLOWED_HOSTS", "")) or (LOOPBACK_HOSTS | {listen.lower()})
        return cls(
            hosts=hosts,
            origins=_names(values.get("ALLOWED_ORIGINS", "")),
            token=token,
            trusted_proxy=values.get("TRUSTED_PROXY", "0").strip() in ("1", "true", "ja"),
        )

    def scheme(self, request: Any) -> str:
        """http or https as the browser sees it: behind a trusted proxy, its X-Forwarded-Proto."""
        forwarded = request.headers.get("x-forwarded-proto", "") if self.trusted_proxy else ""
        return forwarded.split(",")[0].strip().lower() or request.scheme

    def check(self, request: Any, *, rest: bool) -> None:
        """Raise Refused unless ``request`` may be handled (``rest``: the REST webhook)."""
        host = request.headers.get("host", "")
        if host_name(host) not in self.hosts:
            raise Refused(403, "http_host")
        origin = request.headers.get("origin")
        if origin is not None:
            own = f"{self.scheme(request)}://{host.strip().lower()}"
            if origin.strip().lower() not in self.origins | {own}:
                raise Refused(403, "http_origin")
        media_type = (request.content_type or "").split(";")[0].strip().lower()
        if request.method == "POST" and media_type != "application/json":
            raise Refused(415, "http_json")
        if rest and self.token:
            given = request.headers.get("authorization", "")
            if not hmac.compare_digest(given.encode(), f"Bearer {self.token}".encode()):
                raise Refused(401, "http_token")


def body_of(request: Any) -> dict[str, Any]:
    """The JSON object of a request; Refused(400) for a body that is not one."""
    try:
        body = request.json
    except Exception:
        raise Refused(400, "http_geen_json") from None
    if not isinstance(body, dict):
        raise Refused(400, "http_geen_json")
    return body


def message_of(body: Mapping[str, Any]) -> str:
    """The ``message`` of a body: a string, or absent (an empty message)."""
    text = body.get("message", body.get("text", ""))
    if text is None:
        return ""
    if not isinstance(text, str):
        raise Refused(400, "http_bericht")
    return text


def rest_sender(body: Mapping[str, Any]) -> str:
    """The REST ``sender``: present, a string of the documented form, not the chat page's."""
    sender = body.get("sender")
    if not isinstance(sender, str) or not SENDER.fullmatch(sender):
        raise Refused(400, "http_sender")
    if sender.lower().startswith(WEB_SENDER_PREFIX):
        raise Refused(400, "http_sender_web")
    if holds_identifying_data(sender):
        raise Refused(400, "http_sender_gegevens")  # a phone number as an id would be stored as the key
    return sender


def holds_identifying_data(sender: str) -> bool:
    """Whether ``sender`` is, or has as a part, a phone number, BSN, date of birth and the like:
    "12-03-1985", "tel-0612345678", "bsn111222333". Nine digits inside a random hex id
    ("3f2a123456782b") are no BSN: an id may be random hex, and some of those would be refused."""
    # Not the IBAN check: one in a few thousand random hex ids passes it, and no one uses an
    # account number as a conversation id.
    placeholders = {kind: "\x00" if kind != "iban" else "\x01" for kind in KINDS}
    parts = [sender, *re.split(r"[._-]", sender)]
    for part in re.split(r"[._-]", sender):
        if not re.fullmatch(r"[0-9a-fA-F]+", part):  # "bsn111222333", "tel0612345678": the digits alone
            parts += re.findall(r"\d+", part)
    if any(re.fullmatch(r"\x00+", scrub(part, placeholders).text) for part in parts if part):
        return True
    spaced = scrub(re.sub(r"[._-]", " ", sender), placeholders).text  # "06-12-34-56-78"
    return re.search(r"(?:^| )\x00+(?= |$)", spaced) is not None


def optional_dict(body: Mapping[str, Any], key: str) -> dict[str, Any] | None:
    value = body.get(key)
    if value is None:
        return None
    if not isinstance(value, dict):
        raise Refused(400, "http_metadata")
    return value


def optional_id(body: Mapping[str, Any]) -> str | None:
    """The client's ``message_id``: the same id twice is handled once."""
    value = body.get("message_id")
    if value is None:
        return None
    if not isinstance(value, str) or not SENDER.fullmatch(value) or holds_identifying_data(value):
        raise Refused(400, "http_message_id")
    return value


def rest_refusal(refused: Refused) -> HTTPResponse:
    """A refused REST request, in the shape of a reply, so that a client shows the reason."""
    message = Message(refused.key, "fallback")
    text = get_content().text(refused.key)
    messages = [{"recipient_id": "", "text": text}, {"recipient_id": "", "custom": metadata(None, message.kind)}]
    return response.json(messages, status=refused.status)
