"""nginx's configuration for Bouwgesprek, rendered from the templates in deploy/nginx/.

``site.conf`` is the site: the upstreams, TLS, the body limit, the security headers and the
routes. ``standalone.conf`` runs nginx in a folder of its own around it (`make run-cluster`,
the tests). An operator renders the site once (docs/deploy.md)::

    .venv/bin/python -m deploy.nginx_config --certificate CERT --certificate-key KEY \\
        --upstream 127.0.0.1:5005 --upstream 127.0.0.1:5006 --out /etc/nginx/sites-available/bouwgesprek

The rest comes from the settings (settings.env and the environment): the server names from
ALLOWED_HOSTS, the body limit from MAX_REQUEST_BYTES, and the port of an upstream given
without one from PORT.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot import settings as bot_settings

NGINX_DIR = Path(__file__).resolve().parent / "nginx"
SITE = NGINX_DIR / "site.conf"
STANDALONE = NGINX_DIR / "standalone.conf"
# nginx refuses a body over this many times MAX_REQUEST_BYTES; the servers refuse one over
# MAX_REQUEST_BYTES themselves, with the Dutch reason the chat page shows.
BODY_LIMIT_FACTOR = 2
# nginx waits this long for a reply, or twice REPLY_TIMEOUT when that is longer.
READ_TIMEOUT_SECONDS = 120

TAG = re.compile(r"^\s*\{\{([#^/])(\w+)\}\}\s*$")
PLACEHOLDER = re.compile(r"\{\{(\.?\w*)\}\}")
# What may stand in a directive without quotes: host names, addresses, ports, paths.
PLAIN = re.compile(r"[A-Za-z0-9_.:/\[\]*@+-]+")


class TemplateError(ValueError):
    pass


def render(template: str, values: Mapping[str, Any]) -> str:
    """``template`` with its ``{{name}}`` placeholders and ``{{#name}}`` sections filled in.

    A section's tags stand on lines of their own; lines starting with ``##`` are the
    template's own comments and are left out. Every value must be used, and every
    placeholder outside a skipped section must have one: a mistake fails here, not in nginx.
    """
    used: set[str] = set()
    lines = ["" if line.startswith("##") else line for line in template.splitlines(keepends=True)]
    text = _render(lines, values, None, used, 0)
    unused = sorted(set(values) - used)
    if unused:
        raise TemplateError(f"values the template does not use: {', '.join(unused)}")
    return text


def _render(lines: list[str], values: Mapping[str, Any], item: Any, used: set[str], offset: int) -> str:
    out: list[str] = []
    index = 0
    while index < len(lines):
        tag = TAG.match(lines[index])
        if tag is None:
            number = offset + index

            def fill(match: re.Match[str], number: int = number) -> str:
                return _fill(match.group(1), values, item, used, number)

            out.append(PLACEHOLDER.sub(fill, lines[index]))
            index += 1
            continue
        kind, name = tag.groups()
        if kind == "/":
            raise TemplateError(f"line {offset + index + 1}: {{{{/{name}}}}} closes nothing")
        end = _closing(lines, index, name, offset)
        value = _value(values, name, used, offset + index)
        if kind == "^":
            repeats = [] if value else [item]
        elif isinstance(value, list | tuple):
            repeats = list(value)
        else:
            repeats = [item] if value else []
        for each in repeats:
            out.append(_render(lines[index + 1 : end], values, each, used, offset + index + 1))
        index = end + 1
    return "".join(out)


def _closing(lines: list[str], start: int, name: str, offset: int) -> int:
    depth = 0
    for index in range(start + 1, len(lines)):
        tag = TAG.match(lines[index])
        if tag is not None and tag.group(2) == name:
            if tag.group(1) != "/":
                depth += 1
            elif depth:
                depth -= 1
            else:
                return index
    raise TemplateError(f"line {offset + start + 1}: {{{{#{name}}}}} is not closed")


def _value(values: Mapping[str, Any], name: str, used: set[str], index: int) -> Any:
    if name not in values:
        raise TemplateError(f"line {index + 1}: no value for {{{{{name}}}}}")
    used.add(name)
    return values[name]


def _fill(key: str, values: Mapping[str, Any], item: Any, used: set[str], index: int) -> str:
    if key == ".":
        value = item
    elif key.startswith("."):
        if not isinstance(item, Mapping) or key[1:] not in item:
            raise TemplateError(f"line {index + 1}: {{{{{key}}}}} outside a section of items with {key[1:]}")
        value = item[key[1:]]
    else:
        value = _value(values, key, used, index)
    if not isinstance(value, str | int) or isinstance(value, bool):
        raise TemplateError(f"line {index + 1}: {{{{{key}}}}} is not text")
    return str(value)


def plain(value: str, what: str) -> str:
    """``value`` if it can stand in a directive as it is; a clear error otherwise."""
    if not PLAIN.fullmatch(value):
        raise bot_settings.SettingsError(f"{what} {value!r} kan zo niet in de nginx-configuratie")
    return value


@dataclass(frozen=True)
class Tls:
    certificate: Path
    key: Path


def upstream(address: str, values: Mapping[str, str]) -> str:
    """``host:port`` of a Rasa server; a host alone gets PORT from the settings."""
    if re.search(r":\d+$", address):
        return plain(address, "upstream")
    return plain(f"{address}:{int(bot_settings.number(values, 'PORT'))}", "upstream")


def security_headers() -> dict[str, str]:
    from server.web import SECURITY_HEADERS  # loads Rasa: only when rendering

    return SECURITY_HEADERS


def site(
    values: Mapping[str, str],
    upstreams: Sequence[str],
    listen: str,
    tls: Tls | None = None,
    http_listen: str = "80",
) -> str:
    """The site for nginx in front of the Rasa servers at ``upstreams`` (``host[:port]``)."""
    names = [
        plain(name.strip(), "ALLOWED_HOSTS:") for name in values.get("ALLOWED_HOSTS", "").split(",") if name.strip()
    ]
    if tls is not None and not names:
        raise bot_settings.SettingsError(
            "zet ALLOWED_HOSTS op de naam die gebruikers typen (chat.gemeente.nl): die krijgt het certificaat"
        )
    if not upstreams:
        raise bot_settings.SettingsError("geef minstens één Rasa-server op (--upstream)")
    headers = security_headers()
    for name, value in headers.items():
        if '"' in value or "\\" in value or not PLAIN.fullmatch(name):
            raise TemplateError(f"security header {name} cannot be written to nginx as it is")
    fields: dict[str, Any] = {
        "upstreams": [upstream(address, values) for address in upstreams],
        "tls": tls is not None,
        "listen": plain(listen, "listen"),
        "server_name": " ".join(names) or "_",
        "max_body": str(BODY_LIMIT_FACTOR * int(bot_settings.number(values, "MAX_REQUEST_BYTES"))),
        "read_timeout": str(max(READ_TIMEOUT_SECONDS, math.ceil(2 * bot_settings.number(values, "REPLY_TIMEOUT")))),
        "security_headers": [{"name": name, "value": value} for name, value in headers.items()],
    }
    if tls is not None:
        fields["certificate"] = plain(str(tls.certificate), "certificate")
        fields["certificate_key"] = plain(str(tls.key), "certificate key")
        fields["http_listen"] = plain(http_listen, "http listen")
    return render(SITE.read_text(encoding="utf-8"), fields)


def standalone(folder: Path, site_file: Path) -> str:
    """A main configuration that runs nginx in ``folder`` around ``site_file``."""
    fields = {"folder": plain(str(folder), "folder"), "site": plain(str(site_file), "site")}
    return render(STANDALONE.read_text(encoding="utf-8"), fields)


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m deploy.nginx_config", description="Render Bouwgesprek's nginx site (deploy/nginx/site.conf)."
    )
    parser.add_argument(
        "--upstream", action="append", default=[], help="a Rasa server, host[:port]; repeat for more (default: PORT)"
    )
    parser.add_argument("--listen", help="where nginx listens (default with TLS: 443)")
    parser.add_argument("--certificate", type=Path, help="TLS: the certificate chain (PEM)")
    parser.add_argument("--certificate-key", type=Path, help="TLS: its private key (PEM)")
    parser.add_argument("--http-listen", default="80", help="TLS: where plain http is sent on to https (default: 80)")
    parser.add_argument("--out", type=Path, help="the file to write (default: standard output)")
    return parser


def main(argv: list[str]) -> int:
    options = parser()
    args = options.parse_args(argv)
    if (args.certificate is None) != (args.certificate_key is None):
        options.error("--certificate and --certificate-key go together")
    tls = Tls(args.certificate, args.certificate_key) if args.certificate else None
    listen = args.listen or ("443" if tls else None)
    if listen is None:
        options.error("without TLS, say where nginx listens: --listen")
    try:
        values = bot_settings.load()
        text = site(values, args.upstream or ["127.0.0.1"], listen, tls, args.http_listen)
    except bot_settings.SettingsError as problem:
        print(f"Instelling klopt niet: {problem}", file=sys.stderr)
        return 1
    if args.out is None:
        sys.stdout.write(text)
    else:
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
