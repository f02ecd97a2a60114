"""The one start-up hook of every Rasa server of ours, whichever of our channels it runs.

Each channel's blueprint calls ``register``; what it sets up happens once per server:

- before the server answers anything: Rasa's fast paths (server/fastpaths.py, guarded),
  the request size limit with a Dutch message, no CORS headers (docs/security.md), and
  deduce's name lists loaded (bot/names.py);
- once it runs: retention, purging old conversations now and every hour
  (server/retention.py), until the server stops.
"""

from __future__ import annotations

import asyncio
from typing import Any

from sanic import Blueprint, response
from sanic.exceptions import PayloadTooLarge
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.content import get_content
from bot.names import NAMES
from bot.settings import number
from server import fastpaths
from server.guard import Refused, rest_refusal
from server.retention import start_purging, stop_purging


def register(blueprint: Blueprint, settings: dict[str, str]) -> None:
    """Have ``blueprint``'s server prepared before it starts and purge while it runs."""

    @blueprint.listener("before_server_start")
    async def before_start(app: Any, _loop: Any) -> None:
        await prepare(app, settings)

    @blueprint.listener("after_server_start")
    async def start_retention(app: Any, _loop: Any) -> None:
        start_purging(app, number(settings, "RETENTION_DAYS"))

    @blueprint.listener("before_server_stop")
    async def stop_retention(app: Any, _loop: Any) -> None:
        await stop_purging(app)


async def prepare(app: Any, settings: dict[str, str]) -> None:
    """Before the server answers anything (once, whichever channel asks first): Rasa's fast
    paths installed, size limits, no CORS headers, and deduce loaded (bot/names.py), so that
    no message is ever handled without name detection."""
    if getattr(app.ctx, "bouwgesprek_prepared", False):
        return
    app.ctx.bouwgesprek_prepared = True
    fastpaths.install()
    limit_request_size(app, settings)
    no_cors_headers(app)
    await asyncio.get_running_loop().run_in_executor(None, NAMES.load)


def no_cors_headers(app: Any) -> None:
    """Send no CORS headers at all (docs/security.md): Rasa's sanic_cors adds some, such as
    Access-Control-Allow-Credentials, even to responses for requests without an Origin.

    Added after sanic_cors's own response middleware (at the end, as sanic_cors does), so it
    runs after it, on every response, error responses included."""
    if not getattr(app.ctx, "bouwgesprek_no_cors", False):
        app.ctx.bouwgesprek_no_cors = True
        app.response_middleware.append(strip_cors_headers)


async def strip_cors_headers(_request: Request, reply: HTTPResponse) -> None:
    if reply is not None and getattr(reply, "headers", None) is not None:
        for name in [name for name in reply.headers if name.lower().startswith("access-control-")]:
            del reply.headers[name]


def limit_request_size(app: Any, settings: dict[str, str]) -> None:
    """Refuse a body over MAX_REQUEST_BYTES before it is read (413), with a message."""
    app.config.REQUEST_MAX_SIZE = int(number(settings, "MAX_REQUEST_BYTES"))
    if not getattr(app.ctx, "bouwgesprek_too_large", False):
        app.ctx.bouwgesprek_too_large = True
        app.error_handler.add(PayloadTooLarge, too_large)


def too_large(request: Request | None, _exception: Exception) -> HTTPResponse:
    refused = Refused(413, "http_te_groot")
    if request is not None and request.path.startswith("/chat"):
        return response.json({"error": get_content().text(refused.key)}, status=refused.status)
    return rest_refusal(refused)
