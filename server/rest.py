"""Rasa's REST channel with two guarantees for Bouwgesprek (docs/client-contract.md).

Same path and format as Rasa's own (`POST /webhooks/rest/webhook`), plus:

- **Only offered payloads count.** Text that looks like a payload (`/restart`,
  `/inform{"phase": ...}`) is read as a payload only when it is a button of the bot's last
  turn, or a button to start a flow. Otherwise it is ordinary text: a user cannot
  restart, set slots or jump phases by typing payloads.
- **No identifying data.** BSN, phone numbers, e-mail addresses, IBANs, postcode with
  house number and dates of birth are replaced by a placeholder before Rasa sees the
  message (bot/privacy.py), so the raw value is never stored, logged or exported; the
  user is told what was removed (kind `privacy`).
- **Never silence.** If handling a message produced no reply at all (the action server
  is down, say), the client still gets a short message with the `reflectie` metadata,
  and the conversation stays where it was. A message that takes longer than
  REPLY_TIMEOUT seconds (settings.env) is abandoned, so nothing of it is kept, and the
  user gets the same message: try again.

Like every channel of ours it registers server/startup.py (fast paths, limits, retention).
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
import weakref
from asyncio import CancelledError
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from rasa.shared.core.events import BotUttered, UserUttered
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.content import get_content
from bot.contract import STATE_SLOT, metadata, render, start_flow_payload
from bot.engine import MAX_ANSWER_CHARS, Message, Reflection
from bot.interpret import NOT_A_PAYLOAD
from bot.privacy import KINDS as PRIVACY_KINDS
from bot.privacy import scrub_message
from bot.settings import load as load_settings
from bot.settings import number
from server import startup
from server.guard import Guard, Refused, body_of, message_of, optional_dict, optional_id, rest_refusal, rest_sender
from server.metrics import CONTENT_TYPE, METRICS

logger = logging.getLogger(__name__)


def scrubbed_rest(text: str, content: Any) -> str:
    """``text`` without the placeholders that stand for removed identifying data."""
    for kind in PRIVACY_KINDS:
        text = text.replace(content.text(f"privacy_{kind}"), " ")
    return text


def offered_buttons(tracker: Any) -> list[dict[str, str]]:
    """The buttons of the bot's messages since the user's last message."""
    offered: list[dict[str, str]] = []
    if tracker is None:
        return offered
    for event in reversed(tracker.events):
        if event.type_name == "user":
            break
        if event.type_name == "bot":
            offered += [b for b in (event.data or {}).get("buttons") or [] if isinstance(b, dict)]
    return offered


def offered_payloads(tracker: Any) -> set[str]:
    """The button payloads of the bot's messages since the user's last message."""
    return {b.get("payload", "") for b in offered_buttons(tracker)}


# A message this short may be a button's title typed instead of clicked.
TITLE_MAX_WORDS = 6


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s&]", " ", text.lower()).split())


def typed_title(text: str, buttons: list[dict[str, str]]) -> str | None:
    """The payload of the offered button whose title ``text`` is ("laat zo" for "Laat zo")."""
    said = _plain(text)
    if not said:
        return None
    return next((b.get("payload") for b in buttons if _plain(b.get("title", "")) == said), None)


def guard_payload(text: str, offered: set[str], flow_ids: list[str]) -> str:
    """``text`` itself if it is no payload or an offered one; else neutralised as plain text."""
    stripped = text.strip()
    if not stripped.startswith("/"):
        return text
    starts = {start_flow_payload(flow) for flow in flow_ids}
    if stripped in offered or stripped.replace(" ", "") in {p.replace(" ", "") for p in offered | starts}:
        return text
    return NOT_A_PAYLOAD + text


_locks: weakref.WeakValueDictionary[str, asyncio.Lock] = weakref.WeakValueDictionary()


def conversation_lock(sender_id: str) -> asyncio.Lock:
    """One lock per conversation while a message of it is handled; asyncio.Lock is first come,
    first served, so messages are handled in the order they arrived."""
    lock = _locks.get(sender_id)
    if lock is None:
        lock = _locks[sender_id] = asyncio.Lock()
    return lock


def replies_after(events: Any, sender_id: str, message_id: str) -> list[dict[str, Any]] | None:
    """The bot's messages after the user's message ``message_id``, in the REST shape; None
    when no such message is in ``events``."""
    replies: list[dict[str, Any]] | None = None
    for event in events:
        if isinstance(event, UserUttered):
            if replies is not None:
                break
            if event.message_id == message_id:
                replies = []
        elif isinstance(event, BotUttered) and replies is not None:
            data = event.data or {}
            if event.text:
                shown: dict[str, Any] = {"recipient_id": sender_id, "text": event.text}
                if data.get("buttons"):
                    shown["buttons"] = data["buttons"]
                replies.append(shown)
            if data.get("custom"):
                replies.append({"recipient_id": sender_id, "custom": data["custom"]})
    return replies


class BouwgesprekRestInput(RestInput):
    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: Any) -> Blueprint:
        webhook = Blueprint(f"custom_webhook_{type(self).__name__}", __name__)
        settings = load_settings()
        reply_timeout = number(settings, "REPLY_TIMEOUT")
        guard = Guard.from_settings(settings)

        startup.register(webhook, settings)

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/metrics", methods=["GET"])
        async def metrics(request: Request) -> HTTPResponse:
            try:
                guard.check(request, rest=True)
            except Refused as refused:
                return rest_refusal(refused)
            return response.raw(METRICS.exposition(), content_type=CONTENT_TYPE)

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                guard.check(request, rest=True)
                body = body_of(request)
                sender_id = rest_sender(body)
                text = message_of(body)
                optional_dict(body, "metadata")  # accepted, never kept: see docs/client-contract.md
                message_id = optional_id(body)
            except Refused as refused:
                return rest_refusal(refused)
            messages = await self.converse(
                request, on_new_message, sender_id, text, reply_timeout, message_id=message_id
            )
            return response.json(messages)

        return webhook

    def _extract_input_channel(self, request: Request) -> str:
        return self.name()  # never the client's own choice: it would be stored as sent

    async def converse(
        self,
        request: Request,
        on_new_message: Any,
        sender_id: str,
        text: str,
        reply_timeout: float,
        always_offered: frozenset[str] = frozenset(),
        metadata: dict[str, Any] | None = None,
        message_id: str | None = None,
    ) -> list[dict[str, Any]]:
        """Handle one user message with the guarantees above; the messages of the reply.

        A conversation's messages are handled one at a time, in the order they arrived. A
        ``message_id`` that was handled before is not handled again: its reply is sent again.
        """
        async with conversation_lock(sender_id):
            agent = request.app.ctx.agent
            if message_id is not None:
                earlier = await self._earlier_reply(agent, sender_id, message_id)
                if earlier is not None:
                    return earlier
            return await self._converse(
                agent, on_new_message, sender_id, text, reply_timeout, always_offered, metadata, message_id
            )

    async def _converse(
        self,
        agent: Any,
        on_new_message: Any,
        sender_id: str,
        text: str,
        reply_timeout: float,
        always_offered: frozenset[str],
        metadata: dict[str, Any] | None,
        message_id: str | None,
    ) -> list[dict[str, Any]]:
        began = time.perf_counter()
        content = get_content()
        notes: list[Message] = []
        if len(text) > MAX_ANSWER_CHARS:
            # Cut before anything else works on it: scrubbing, Rasa, the stored event.
            text = text[:MAX_ANSWER_CHARS]
            notes.append(Message("afgekapt", "info", {"max": MAX_ANSWER_CHARS}))
        placeholders = {kind: content.text(f"privacy_{kind}") for kind in PRIVACY_KINDS}
        scrubbed = await asyncio.get_running_loop().run_in_executor(None, scrub_message, text, placeholders)
        text = scrubbed.text
        payload_like = text.strip().startswith("/")
        if payload_like or 0 < len(text.split()) <= TITLE_MAX_WORDS:  # only these need the last turn's buttons
            tracker = await agent.tracker_store.retrieve(sender_id) if agent and agent.tracker_store else None
            buttons = offered_buttons(tracker)
            if payload_like:
                offered = {b.get("payload", "") for b in buttons} | always_offered
                text = guard_payload(text, offered, list(content.flows))
            else:
                text = typed_title(text, buttons) or text  # "Everything a button does can also be typed"
        collector = CollectingOutputChannel()
        message = UserMessage(
            text,
            collector,
            sender_id,
            input_channel=self.name(),
            message_id=message_id,
            metadata=metadata or {},
        )
        timed_out = False
        try:
            await asyncio.wait_for(on_new_message(message), timeout=reply_timeout)
        except asyncio.TimeoutError:
            # Abandoned: Rasa saves a turn only when it is done, so (unless time ran out in the
            # instant after that save) nothing of it is kept; the user is asked to send it again.
            logger.error("No reply within %g s; the message was not handled", reply_timeout)
            collector.messages.clear()
            timed_out = True
        except CancelledError:
            logger.error("Handling a message for %s was cancelled", sender_id)
        except Exception:
            logger.exception("Handling a message for %s failed", sender_id)
        if not collector.messages:
            collector.messages.extend(await self._reply(agent, sender_id, Message("storing", "fallback")))
        if scrubbed.kinds:
            names = [content.text(f"privacy_naam_{kind}") for kind in scrubbed.kinds]
            what = (
                content.text("lijst_en", eerste=", ".join(names[:-1]), laatste=names[-1])
                if len(names) > 1
                else names[0]
            )
            # Nothing but identifying data: the turn says nothing was left, so don't say "de rest".
            only_data = not re.search(r"[^\W_]", scrubbed_rest(text, content))
            notes.append(
                Message("privacy_alles_verwijderd" if only_data else "privacy_verwijderd", "privacy", {"wat": what})
            )
        for note in reversed(notes):
            collector.messages[:0] = await self._reply(agent, sender_id, note)
        METRICS.turn(time.perf_counter() - began, timed_out, scrubbed.kinds)
        return collector.messages

    @staticmethod
    async def _earlier_reply(agent: Any, sender_id: str, message_id: str) -> list[dict[str, Any]] | None:
        """The reply to the message ``message_id`` if it was handled already (a retry), else None."""
        store = agent.tracker_store if agent else None
        tracker = await store.retrieve(sender_id) if store else None  # a retry is in the latest session
        if tracker is None:
            return None
        return replies_after(tracker.events, sender_id, message_id)

    @staticmethod
    async def _reply(agent: Any, sender_id: str, message: Message) -> list[dict[str, Any]]:
        """A message of the channel's own, with the state the conversation is in now."""
        content = get_content()
        tracker = await agent.tracker_store.retrieve(sender_id) if agent and agent.tracker_store else None
        state = tracker.get_slot(STATE_SLOT) if tracker else None
        reflection = (
            Reflection(content, state) if isinstance(state, dict) and state.get("flow") in content.flows else None
        )
        rendered = render(content, message)
        return [
            {"recipient_id": sender_id, "text": rendered["text"]},
            {"recipient_id": sender_id, "custom": metadata(reflection, message.kind)},
        ]
