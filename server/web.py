"""The chat page at /chat, served by the Rasa server itself (no separate web server).

- ``GET  /chat/``             the page (web/index.html), with a strict Content-Security-Policy
- ``GET  /chat/static/<f>``   its script and stylesheet (web/); nothing comes from the internet
- ``GET  /chat/api/history``  the conversation so far, to resume after a reload
- ``POST /chat/api/message``  ``{"message": "..."}``: one user message; the reply in the
                              shape of the REST channel (docs/client-contract.md)
- ``POST /chat/api/new``      delete this conversation and start a new one
- ``GET  /chat/api/export?format=docx|odt|ics``  the latest summary as a Word document, an
                              OpenDocument text or a calendar of the verbeterstappen (bot/export.py)
- ``GET  /chat/api/agenda``   which verbeterstappen the calendar has a day for, and a Dutch
                              line naming those without one
- ``GET  /chat/api/team-export?format=docx|odt``  the latest team session overview this
                              conversation was shown (a facilitator's), as Word or OpenDocument

The conversation id is made by the server and kept in an HttpOnly, SameSite=Strict
cookie, signed with a secret of this installation; an id the server did not make (a
guessed one, or a REST ``sender``) is refused, and ids sent in a request body are
ignored. Every guarantee of the REST channel applies (server/rest.py); the page's
always-present controls (uitleg, overslaan, vorige vraag, pauze) count as offered.
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import hmac
import logging
import os
import secrets
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from rasa.shared.core.events import BotUttered, UserUttered
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.agenda import dated_steps, undated_note
from bot.content import get_content
from bot.export import FORMATS, TEAM_FORMATS, Format, file_name, moment
from bot.interpret import NOT_A_PAYLOAD
from bot.paths import PROJECT_DIR, VAR_DIR
from bot.requests import CONTROLS as REQUEST_CONTROLS
from bot.settings import load as load_settings
from bot.settings import number
from server import startup
from server.guard import Guard, Refused, body_of, message_of, optional_id
from server.rest import BouwgesprekRestInput, conversation_lock
from server.store import SECONDS_PER_DAY, ours

logger = logging.getLogger(__name__)

WEB_DIR = PROJECT_DIR / "web"
STATIC_FILES = {"chat.js": "text/javascript", "chat.css": "text/css", "favicon.svg": "image/svg+xml"}
GREETING = "bouwgesprek_pagina_opent"  # metadata of the page's own first "hallo"
CONTROLS = frozenset(request.payload for request in REQUEST_CONTROLS)  # the toolbar: bot/requests.py
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
        "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


def secret_key(values: dict[str, str]) -> bytes:
    """WEB_SECRET from the settings, or a random one kept in var/ (made on first use)."""
    if values.get("WEB_SECRET"):
        return values["WEB_SECRET"].encode()
    path = VAR_DIR / "web-secret"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as file:
            file.write(secrets.token_hex(32))
    return path.read_text().strip().encode()


class Sessions:
    """Conversation ids made by the server, signed so that only those are accepted, each
    valid for ``max_age`` seconds from when it was made."""

    def __init__(self, key: bytes, max_age: float = 30 * 24 * 60 * 60) -> None:
        self.key = key
        self.max_age = max_age
        # One name per installation: two instances on one host do not read each other's cookie.
        self.cookie = "bouwgesprek_" + hashlib.sha256(b"cookie-name:" + key).hexdigest()[:10]

    def new(self, now: float | None = None) -> str:
        conversation = "web-" + secrets.token_urlsafe(18)
        made = str(int(time.time() if now is None else now))
        return f"{conversation}.{made}.{self._sign(conversation, made)}"

    def conversation(self, cookie: str | None, now: float | None = None) -> str | None:
        """The conversation id in a cookie the server made and that has not expired, else None."""
        if not cookie or cookie.count(".") != 2:
            return None
        conversation, made, signature = cookie.split(".")
        if not conversation.startswith("web-") or not made.isdigit():
            return None
        if not hmac.compare_digest(signature, self._sign(conversation, made)):
            return None
        if (time.time() if now is None else now) - int(made) > self.max_age:
            return None
        return conversation

    def _sign(self, conversation: str, made: str) -> str:
        return hmac.new(self.key, f"{conversation}.{made}".encode(), hashlib.sha256).hexdigest()


def history(events: list[Any]) -> list[dict[str, Any]]:
    """The conversation as the page shows it: ``{"user": text}`` and bot messages in REST shape."""
    shown: list[dict[str, Any]] = []
    buttons: list[dict[str, Any]] = []
    for event in events:
        if isinstance(event, UserUttered):
            if (event.metadata or {}).get(GREETING):
                continue
            text = (event.text or "").replace(NOT_A_PAYLOAD, "")
            clicked = next((b.get("title") for b in buttons if b.get("payload") == text), None)
            shown.append({"user": clicked or text})
            buttons = []
        elif isinstance(event, BotUttered):
            data = event.data or {}
            buttons = data.get("buttons") or []
            if event.text:
                message: dict[str, Any] = {"text": event.text}
                if buttons:
                    message["buttons"] = buttons
                shown.append(message)
            if data.get("custom"):
                shown.append({"custom": data["custom"]})
    return shown


def _latest(events: list[Any], pick: Any) -> tuple[dict[str, Any], float] | None:
    """What ``pick`` finds in the last bot message's ``reflectie`` object that has it, with its
    time; None before the first one or after a deletion."""
    for event in reversed(events):
        if not isinstance(event, BotUttered):
            continue
        reflectie = ((event.data or {}).get("custom") or {}).get("reflectie") or {}
        if reflectie.get("kind") == "verwijderd":
            return None
        found = pick(reflectie)
        if found:
            return found, event.timestamp
    return None


def latest_summary(events: list[Any]) -> tuple[dict[str, Any], float] | None:
    """The summary the page shows, with the time it was made (docs/client-contract.md)."""
    return _latest(events, lambda reflectie: reflectie.get("summary"))


def latest_team_overview(events: list[Any]) -> tuple[dict[str, Any], float] | None:
    """The team session overview last shown in this conversation (kind ``team``, ``team.overzicht``)."""
    return _latest(
        events, lambda reflectie: reflectie.get("kind") == "team" and (reflectie.get("team") or {}).get("overzicht")
    )


class BouwgesprekWebInput(BouwgesprekRestInput):
    @classmethod
    def name(cls) -> str:
        return "web"

    def url_prefix(self) -> str:
        return "/chat"

    def blueprint(self, on_new_message: Any) -> Blueprint:
        chat = Blueprint(f"custom_webhook_{type(self).__name__}", __name__)
        settings = load_settings()
        reply_timeout = number(settings, "REPLY_TIMEOUT")
        max_age = number(settings, "RETENTION_DAYS") * SECONDS_PER_DAY
        sessions = Sessions(secret_key(settings), max_age)
        guard = Guard.from_settings(settings)

        def with_cookie(reply: HTTPResponse, request: Request, cookie: str) -> HTTPResponse:
            name = sessions.cookie
            reply.cookies[name] = cookie
            reply.cookies[name]["httponly"] = True
            reply.cookies[name]["samesite"] = "Strict"
            reply.cookies[name]["path"] = "/chat"
            reply.cookies[name]["max-age"] = int(max_age)
            if guard.scheme(request) == "https":
                reply.cookies[name]["secure"] = True
            return reply

        def refused(status: int = 403, key: str = "web_sessie_onbekend") -> HTTPResponse:
            return response.json({"error": get_content().text(key)}, status=status, headers=SECURITY_HEADERS)

        def checked(handler: Any) -> Any:
            """Answer only requests that pass the guard (host, origin, JSON); others get its reason."""

            @functools.wraps(handler)
            async def guarded(request: Request, *args: Any, **kwargs: Any) -> HTTPResponse:
                try:
                    guard.check(request, rest=False)
                except Refused as refusal:
                    return refused(refusal.status, refusal.key)
                return await handler(request, *args, **kwargs)

            return guarded

        def sender_of(request: Request) -> str | None:
            """The conversation of this browser: its cookie, made here, not expired or revoked."""
            sender = sessions.conversation(request.cookies.get(sessions.cookie))
            store = ours(request.app.ctx.agent.tracker_store) if sender else None
            if sender is not None and store is not None and store.is_revoked(sender):
                return None
            return sender

        startup.register(chat, settings)

        @chat.route("/", methods=["GET"])
        @checked
        async def page(request: Request) -> HTTPResponse:
            reply = await response.file(WEB_DIR / "index.html", headers=SECURITY_HEADERS)
            if sender_of(request) is None:
                with_cookie(reply, request, sessions.new())
            return reply

        @chat.route("/static/<name>", methods=["GET"])
        @checked
        async def static(request: Request, name: str) -> HTTPResponse:
            if name not in STATIC_FILES:
                return response.text("niet gevonden", status=404)
            return await response.file(Path(WEB_DIR / name), mime_type=STATIC_FILES[name], headers=SECURITY_HEADERS)

        @chat.route("/api/history", methods=["GET"])
        @checked
        async def conversation_so_far(request: Request) -> HTTPResponse:
            sender = sender_of(request)
            if sender is None:
                return refused()
            store = request.app.ctx.agent.tracker_store
            tracker = await store.retrieve_full_tracker(sender)
            return response.json({"messages": history(tracker.events if tracker else [])}, headers=SECURITY_HEADERS)

        def with_latest(find: Any, missing: str) -> Any:
            """Hand the handler what ``find`` picks from this browser's conversation (the latest
            summary, or team overview) and when it was made (Dutch time); a conversation without
            one gets 404 and the Dutch reason ``missing``."""

            def wrap(handler: Any) -> Any:
                @functools.wraps(handler)
                async def found(request: Request) -> HTTPResponse:
                    sender = sender_of(request)
                    if sender is None:
                        return refused()
                    tracker = await request.app.ctx.agent.tracker_store.retrieve_full_tracker(sender)
                    latest = find(tracker.events if tracker else [])
                    if latest is None:
                        return refused(404, missing)
                    data, timestamp = latest
                    return await handler(request, data, moment(timestamp))

                return found

            return wrap

        with_summary = with_latest(latest_summary, "export_geen_samenvatting")

        @chat.route("/api/export", methods=["GET"])
        @checked
        @with_summary
        async def export(request: Request, summary: dict[str, Any], made: datetime) -> HTTPResponse:
            kind = FORMATS.get(request.args.get("format", ""))
            if kind is None:
                return refused(400, "export_formaat")
            if kind.extension == "ics" and not summary.get("verbeterstappen"):
                return refused(404, "export_geen_stappen")
            return await attachment(kind, summary, made)

        async def attachment(kind: Format, data: dict[str, Any], made: datetime) -> HTTPResponse:
            """``data`` rendered as ``kind``, as a download with a plain file name."""
            content = get_content()
            # Off the event loop: building a document takes a few tens of milliseconds.
            body = await asyncio.get_running_loop().run_in_executor(None, kind.render, content, data, made)
            headers = {
                **SECURITY_HEADERS,
                "Content-Disposition": f'attachment; filename="{file_name(content, kind, made)}"',
            }
            return response.raw(body, content_type=kind.media_type, headers=headers)

        @chat.route("/api/team-export", methods=["GET"])
        @checked
        @with_latest(latest_team_overview, "team_export_geen_overzicht")
        async def team_export(request: Request, overview: dict[str, Any], made: datetime) -> HTTPResponse:
            kind = TEAM_FORMATS.get(request.args.get("format", ""))
            if kind is None:
                return refused(400, "export_formaat")
            return await attachment(kind, overview, made)

        @chat.route("/api/agenda", methods=["GET"])
        @checked
        @with_summary
        async def agenda(request: Request, summary: dict[str, Any], made: datetime) -> HTTPResponse:
            steps = [
                {"wat": step.get("wat", ""), "datum": day.isoformat() if day else None}
                for step, day in dated_steps(summary, made.date())
            ]
            note = undated_note(get_content(), summary, made.date())
            return response.json({"stappen": steps, "melding": note}, headers=SECURITY_HEADERS)

        @chat.route("/api/message", methods=["POST"])
        @checked
        async def message(request: Request) -> HTTPResponse:
            try:
                body = body_of(request)
                text = message_of(body)
                message_id = optional_id(body)
            except Refused as refusal:
                return refused(refusal.status, refusal.key)
            sender = sender_of(request)
            if sender is None:
                return refused()
            metadata = {GREETING: True} if body.get("opening") is True else {}
            messages = await self.converse(
                request,
                on_new_message,
                sender,
                text,
                reply_timeout,
                always_offered=CONTROLS,
                metadata=metadata,
                message_id=message_id,
            )
            return response.json(messages, headers=SECURITY_HEADERS)

        @chat.route("/api/new", methods=["POST"])
        @checked
        async def new_conversation(request: Request) -> HTTPResponse:
            sender = sender_of(request)
            store = ours(request.app.ctx.agent.tracker_store)
            if sender is not None and store is not None:
                # After a message of this conversation still being handled, so that its turn
                # cannot be saved after the rows were deleted (the store refuses it too).
                async with conversation_lock(sender):
                    store.revoke(sender)  # the old cookie stops working, also in a copy of it
            return with_cookie(response.json({"ok": True}, headers=SECURITY_HEADERS), request, sessions.new())

        return chat
