"""The deployment files of deploy/, each checked by its own tool where this machine has it.

- systemd's units: ``systemd-analyze verify`` in a root folder laid out as on a server,
  ``systemd-analyze security`` on their sandbox, and each ExecStart run or parsed by the
  code it names.
- nginx's site: ``nginx -t`` inside Debian's own nginx.conf, and a real nginx with TLS in
  front of two stand-in servers, to see it route, limit and add headers as documented.
- The compose file: the Compose Specification's JSON Schema (tests/vendor/compose-spec/),
  and that what it names (files, settings, services, commands) exists.
- The Dockerfile, statically: no Docker here.

`make deploy-tools` installs nginx, openssl and systemd-analyze when they are missing.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import re
import shlex
import shutil
import socket
import ssl
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from bot.settings import SettingsError, load, read_defaults
from deploy import nginx_config, serve
from deploy.processes import free_port, stop_process
from tests.conftest import ROOT

SYSTEMD = ROOT / "deploy" / "systemd"
SANDBOX = SYSTEMD / "bouwgesprek-.service.d" / "sandbox.conf"
CONTAINER = ROOT / "deploy" / "container"
DOCKERFILE = CONTAINER / "Dockerfile"
COMPOSE = CONTAINER / "compose.yaml"
SCHEMA = ROOT / "tests" / "vendor" / "compose-spec" / "compose-spec.json"
DEPLOY_DOC = ROOT / "docs" / "deploy.md"
SETTINGS = read_defaults()
SECRETS = ("DB_PASSWORD", "REST_TOKEN", "WEB_SECRET")
INSTANCE = "5006"  # a second pair: its action server's port is derived, not PORT's own


def tool(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path="/usr/sbin:/sbin")
    if found is None:
        pytest.fail(f"{name} is missing: `make deploy-tools` installs it")
    return found


# --------------------------------------------------------------------------- systemd


def unit_entries(path: Path) -> list[tuple[str, str, str]]:
    """(section, key, value) of every assignment in a unit file, in order."""
    entries, section = [], ""
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line[0] in "#;":
            continue
        if line.startswith("["):
            section = line.strip("[]")
            continue
        key, _, value = line.partition("=")
        entries.append((section, key.strip(), value.strip()))
    return entries


def unit_value(path: Path, key: str) -> str:
    values = [value for _, name, value in unit_entries(path) if name == key]
    assert len(values) == 1, f"{path.name}: {key} {len(values)} times"
    return values[0]


SERVICES = sorted(SYSTEMD.glob("*.service"))
INSTALL_DIR = Path(unit_value(SANDBOX, "WorkingDirectory"))
PYTHON = INSTALL_DIR / ".venv" / "bin" / "python"


def unit_names() -> list[str]:
    """The units as an operator starts them: templates with an instance."""
    return [path.name.replace("@.", f"@{INSTANCE}.") for path in sorted(SYSTEMD.iterdir()) if path.suffix != ".d"]


@pytest.fixture
def systemd_root(tmp_path: Path) -> Path:
    """A root folder as on a server: systemd's own units, ours, and the Python they start
    (an empty stand-in: verify checks that it is there and executable)."""
    root = tmp_path / "root"
    system_units = next(p for p in (Path("/usr/lib/systemd/system"), Path("/lib/systemd/system")) if p.is_dir())
    shutil.copytree(system_units, root / "usr/lib/systemd/system", symlinks=True)
    shutil.copytree(SYSTEMD, root / "etc/systemd/system")
    python = root / PYTHON.relative_to("/")
    python.parent.mkdir(parents=True)
    python.write_text("#!/bin/sh\n")
    python.chmod(0o755)
    return root


def analyze(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [tool("systemd-analyze"), *args, f"--root={root}"], capture_output=True, text=True, timeout=60
    )


def test_the_units_pass_systemd_analyze_verify(systemd_root):
    result = analyze(systemd_root, "verify", *unit_names())
    # verify only warns about an unknown key or a wrong value, so any output is a failure
    assert result.returncode == 0 and not (result.stdout + result.stderr).strip(), result.stdout + result.stderr


def test_verify_in_that_root_catches_mistakes(systemd_root):
    """The check above is real: a misspelt key and a missing program are reported."""
    unit = systemd_root / "etc/systemd/system/bouwgesprek-purge.service"
    unit.write_text(unit.read_text().replace("Type=oneshot", "Type=oneshot\nProtectSytem=strict"))
    (systemd_root / PYTHON.relative_to("/")).unlink()
    result = analyze(systemd_root, "verify", "bouwgesprek-purge.service")
    output = result.stdout + result.stderr
    assert "ProtectSytem" in output and "not executable" in output


@pytest.mark.parametrize("unit", [name for name in unit_names() if name.endswith(".service")])
def test_every_service_is_sandboxed(systemd_root, unit):
    # systemd's own score, 0 (locked down) to 10 (unsandboxed): below 2.0 is "OK"
    result = analyze(systemd_root, "security", "--offline=true", "--threshold=20", unit)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    entries = {(key, value) for _, key, value in unit_entries(SANDBOX)}
    for required in [
        ("User", "bouwgesprek"),
        ("ProtectSystem", "strict"),
        ("PrivateTmp", "yes"),
        ("NoNewPrivileges", "yes"),
        ("StateDirectory", "bouwgesprek"),
    ]:
        assert required in entries


def exec_start(path: Path) -> list[str]:
    command = shlex.split(unit_value(path, "ExecStart").replace("%i", INSTANCE))
    assert command[0] == str(PYTHON), f"{path.name} runs {command[0]}, not the venv in {INSTALL_DIR}"
    return command


def test_the_servers_units_run_deploy_serve_with_arguments_it_takes():
    for name, server in (("bouwgesprek-rasa@.service", "rasa"), ("bouwgesprek-actions@.service", "actions")):
        command = exec_start(SYSTEMD / name)
        assert command[1:3] == ["-m", "deploy.serve"], name
        args = serve.parser().parse_args(command[3:])
        assert args.server == server and args.rasa_port == int(INSTANCE)


def test_the_purge_unit_runs_a_purge_as_make_purge_does(tmp_path):
    """The unit's command, run here on an empty database: it must exist and work. `make
    purge` must run the same module, so that moving it means changing both."""
    command = exec_start(SYSTEMD / "bouwgesprek-purge.service")
    env = {"PATH": "/usr/bin:/bin", "DB_DIALECT": "sqlite", "DB_NAME": str(tmp_path / "gesprekken.db")}
    result = subprocess.run(
        [sys.executable, *command[1:]], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "0 gesprek(ken) verwijderd" in result.stdout
    make_purge = re.search(r"^purge:.*\n\t(.*)$", (ROOT / "Makefile").read_text(), re.M).group(1)
    assert " ".join(command[1:]) in make_purge


def test_the_units_read_the_settings_from_one_file():
    assert unit_value(SANDBOX, "EnvironmentFile") == "/etc/bouwgesprek/settings.env"
    for path in SERVICES:
        assert not [key for _, key, _ in unit_entries(path) if key in ("Environment", "EnvironmentFile")], path.name


def test_pairs_get_ports_from_the_settings():
    values = {**SETTINGS, "PORT": "5005", "ACTION_PORT": "5055"}
    assert serve.pair_ports(values) == (5005, 5055)
    assert serve.pair_ports(values, 5006) == (5006, 5056)
    with pytest.raises(SettingsError):
        serve.pair_ports({**values, "ACTION_PORT": "5005"}, 5006)  # both on 5006


def test_rasa_is_started_with_the_settings_and_its_api_only_with_a_token(tmp_path):
    values = {**SETTINGS, "HOST": "10.0.0.5"}
    command = serve.rasa_command(values, 5006, tmp_path / "endpoints.yml")
    assert command[command.index("-i") + 1] == "10.0.0.5" and command[command.index("--port") + 1] == "5006"
    assert "--enable-api" not in command
    assert "--enable-api" in serve.rasa_command(values, 5006, tmp_path / "endpoints.yml", api_token="t")
    endpoints = yaml.safe_load(serve.write_endpoints(values, 5056, tmp_path / "endpoints.yml").read_text())
    assert endpoints["action_endpoint"]["url"] == "http://127.0.0.1:5056/webhook"


def test_a_unit_or_container_starts_rasa_with_telemetry_off(tmp_path, monkeypatch):
    started = {}
    monkeypatch.setattr(serve.os, "execve", lambda path, command, env: started.update(env=env))
    monkeypatch.setattr(serve.os, "chdir", lambda path: None)
    monkeypatch.setattr(serve.os, "umask", lambda mask: mask)
    monkeypatch.delenv("RASA_TELEMETRY_ENABLED", raising=False)
    serve.main(["rasa", "--endpoints", str(tmp_path / "endpoints.yml")])
    assert started["env"]["RASA_TELEMETRY_ENABLED"] == "false"


# --------------------------------------------------------------------------- nginx


@pytest.fixture(scope="module")
def certificate(tmp_path_factory) -> nginx_config.Tls:
    """A throwaway self-signed certificate for chat.test."""
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "fullchain.pem", folder / "privkey.pem"
    subprocess.run(
        [
            *(tool("openssl"), "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-subj", "/CN=chat.test", "-addext", "subjectAltName=DNS:chat.test"),
            *("-keyout", str(key), "-out", str(cert)),
        ],
        check=True,
        capture_output=True,
    )
    return nginx_config.Tls(cert, key)


def debian_main_config(tmp_path: Path, site: Path) -> Path:
    """Debian's /etc/nginx/nginx.conf with our site as the only one it includes."""
    main = Path("/etc/nginx/nginx.conf")
    if not main.exists():
        pytest.fail("Debian's nginx is missing: `make deploy-tools` installs it")
    text = main.read_text()
    includes = re.compile(r"^\s*include /etc/nginx/(conf\.d/\*\.conf|sites-enabled/\*);\s*$", re.M)
    assert includes.search(text), "Debian's nginx.conf no longer includes conf.d/ and sites-enabled/"
    config = tmp_path / "nginx.conf"
    config.write_text(includes.sub(f"include {site};", text, count=1))
    config.write_text(includes.sub("", config.read_text()))
    return config


def nginx_test(config: Path) -> subprocess.CompletedProcess:
    return subprocess.run([tool("nginx"), "-t", "-c", str(config)], capture_output=True, text=True, timeout=60)


def test_the_production_site_passes_nginx_t_on_debian(tmp_path, certificate):
    values = {**SETTINGS, "ALLOWED_HOSTS": "chat.test"}
    site = tmp_path / "bouwgesprek"
    site.write_text(nginx_config.site(values, ["127.0.0.1:5005", "127.0.0.1:5006"], "443", certificate))
    result = nginx_test(debian_main_config(tmp_path, site))
    assert result.returncode == 0, result.stderr


def test_the_site_without_tls_passes_nginx_t(tmp_path):
    site = tmp_path / "site.conf"
    site.write_text(nginx_config.site(SETTINGS, ["127.0.0.1"], f"127.0.0.1:{free_port()}"))
    config = tmp_path / "nginx.conf"
    config.write_text(nginx_config.standalone(tmp_path, site))
    result = nginx_test(config)
    assert result.returncode == 0, result.stderr


class StandIn(BaseHTTPRequestHandler):
    """A Rasa server's stand-in: says who it is, keeps what it was asked, and sends a
    security header of its own (nginx must replace it, not add a second)."""

    def handle_one(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        self.server.seen.append((self.command, self.path, dict(self.headers)))
        self.send_response(200)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Content-Length", str(len(self.server.name)))
        self.end_headers()
        self.wfile.write(self.server.name.encode())

    do_GET = do_POST = handle_one

    def log_message(self, *args: Any) -> None:
        pass


@contextlib.contextmanager
def stand_in(name: str) -> Iterator[ThreadingHTTPServer]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), StandIn)
    server.name, server.seen = name, []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def running_nginx(folder: Path, site_text: str) -> Iterator[None]:
    site = folder / "site.conf"
    site.write_text(site_text)
    config = folder / "nginx.conf"
    config.write_text(nginx_config.standalone(folder, site))
    process = subprocess.Popen(
        [tool("nginx"), "-c", str(config), "-p", str(folder), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=(folder / "nginx.log").open("w"),
        start_new_session=True,
    )
    try:
        yield
    finally:
        stop_process(process)


def wait_for_port(port: int, seconds: float = 10) -> None:
    for _ in range(int(seconds * 20)):
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return
        threading.Event().wait(0.05)
    raise AssertionError(f"nothing listens on {port}")


class Browser:
    """Requests over TLS to nginx, for the name chat.test, trusting the test certificate."""

    def __init__(self, port: int, certificate: nginx_config.Tls) -> None:
        self.port = port
        self.context = ssl.create_default_context(cafile=str(certificate.certificate))

    def request(self, method: str, path: str, body: bytes | None = None, **headers: str) -> http.client.HTTPResponse:
        connection = http.client.HTTPSConnection("127.0.0.1", self.port, context=self.context, timeout=10)
        connection.sock = self.context.wrap_socket(
            socket.create_connection(("127.0.0.1", self.port), timeout=10), server_hostname="chat.test"
        )
        headers = {"Host": "chat.test", **{k.replace("_", "-"): v for k, v in headers.items()}}
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        response.text = response.read().decode()
        connection.close()
        return response


def test_nginx_routes_limits_and_adds_headers_as_documented(tmp_path, certificate):
    from server.web import SECURITY_HEADERS

    https, http_port = free_port(), free_port()
    values = {**SETTINGS, "ALLOWED_HOSTS": "chat.test", "MAX_REQUEST_BYTES": "1000"}
    with stand_in("a") as a, stand_in("b") as b:
        upstreams = [f"127.0.0.1:{a.server_port}", f"127.0.0.1:{b.server_port}"]
        site = nginx_config.site(values, upstreams, f"127.0.0.1:{https}", certificate, f"127.0.0.1:{http_port}")
        with running_nginx(tmp_path, site):
            wait_for_port(https)
            browser = Browser(https, certificate)

            # REST: round robin over both servers, with the name and scheme the browser used
            answered = {browser.request("POST", "/webhooks/rest/webhook", b"{}").text for _ in range(4)}
            assert answered == {"a", "b"}
            method, path, headers = a.seen[-1]
            assert (method, path) == ("POST", "/webhooks/rest/webhook")
            assert headers["Host"] == "chat.test" and headers["X-Forwarded-Proto"] == "https"

            # The chat page: one browser (its cookie) stays on one server
            for cookie in ("bouwgesprek-1=x", "bouwgesprek-1=y", "bouwgesprek-1=z"):
                assert len({browser.request("GET", "/chat/", Cookie=cookie).text for _ in range(4)}) == 1

            # The app's security headers, once each, and HSTS, also on nginx's own answers
            for response in (browser.request("GET", "/chat/"), browser.request("GET", "/status")):
                for name, value in SECURITY_HEADERS.items():
                    assert response.headers.get_all(name) == [value], (response.status, name)
                assert response.headers["Strict-Transport-Security"].startswith("max-age=")

            # Only the chat page and the REST channel reach a server
            seen = len(a.seen) + len(b.seen)
            for path in (
                "/status",
                "/version",
                "/conversations/x/tracker",
                "/model/parse",
                "/webhooks/other/",
                "/webhooks/rest/metrics",
            ):
                assert browser.request("GET", path).status == 404, path
            home = browser.request("GET", "/")
            assert (home.status, home.headers["Location"]) == (302, "/chat/")
            assert len(a.seen) + len(b.seen) == seen

            # Sizes: over MAX_REQUEST_BYTES a server answers (with its Dutch reason); far over, nginx
            assert browser.request("POST", "/webhooks/rest/webhook", b"x" * 1001).status == 200
            assert browser.request("POST", "/webhooks/rest/webhook", b"x" * 2001).status == 413
            assert len(a.seen) + len(b.seen) == seen + 1

            # Plain http says where https is
            plain = http.client.HTTPConnection("127.0.0.1", http_port, timeout=10)
            plain.request("GET", "/chat/", headers={"Host": "chat.test"})
            redirect = plain.getresponse()
            assert (redirect.status, redirect.headers["Location"]) == (301, "https://chat.test/chat/")
            plain.close()

        # A server that is down is skipped
        a.shutdown()
        a.server_close()
        with running_nginx(tmp_path, site):
            wait_for_port(https)
            browser = Browser(https, certificate)
            assert {browser.request("POST", "/webhooks/rest/webhook", b"{}").text for _ in range(3)} == {"b"}


def test_the_site_comes_from_the_settings_and_refuses_what_would_break_it():
    values = {**SETTINGS, "ALLOWED_HOSTS": "chat.gemeente.nl, bouwgesprek.gemeente.nl", "MAX_REQUEST_BYTES": "4096"}
    text = nginx_config.site(values, ["rasa"], "443", nginx_config.Tls(Path("/c.pem"), Path("/k.pem")))
    assert "server_name chat.gemeente.nl bouwgesprek.gemeente.nl;" in text
    assert "client_max_body_size 8192;" in text and f"server rasa:{SETTINGS['PORT']} " in text
    assert "{{" not in text and "##" not in text
    with pytest.raises(SettingsError):
        nginx_config.site({**values, "ALLOWED_HOSTS": "a.nl; include /etc/shadow"}, ["rasa"], "443")
    with pytest.raises(SettingsError):
        nginx_config.site({**values, "ALLOWED_HOSTS": ""}, ["rasa"], "443", nginx_config.Tls(Path("/c"), Path("/k")))


def test_the_template_renderer_fails_on_mistakes():
    render = nginx_config.render
    assert render("a {{x}}\n{{#on}}\nb\n{{/on}}\n{{^on}}\nc\n{{/on}}\n", {"x": "1", "on": True}) == "a 1\nb\n"
    assert render("{{#items}}\n- {{.name}}\n{{/items}}\n", {"items": [{"name": "p"}, {"name": "q"}]}) == "- p\n- q\n"
    for template, values in [
        ("{{x}}\n", {}),  # no value
        ("a\n", {"x": "1"}),  # a value the template does not use
        ("{{#on}}\nb\n", {"on": True}),  # not closed
        ("b\n{{/on}}\n", {"on": True}),  # closes nothing
        ("{{on}}\n", {"on": True}),  # a switch is no text
    ]:
        with pytest.raises(nginx_config.TemplateError):
            render(template, values)


# --------------------------------------------------------------------------- containers


def compose() -> dict[str, Any]:
    return yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))


def test_the_compose_file_follows_the_compose_specification():
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    errors = [f"{error.json_path}: {error.message}" for error in validator.iter_errors(compose())]
    assert not errors, "\n".join(errors)
    # and the schema does catch a mistake
    broken = compose()
    broken["services"]["nginx"]["ports"] = "443:443"
    broken["services"]["rasa"]["depends_on"]["postgres"]["condition"] = "service_ready"
    reported = {error.json_path for error in validator.iter_errors(broken)}
    assert {"$.services.nginx.ports", "$.services.rasa.depends_on"} <= reported, reported


def ours(services: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The services that run Bouwgesprek's image."""
    return {name: service for name, service in services.items() if "build" in service}


def test_the_compose_file_names_only_files_settings_and_services_that_exist():
    text = COMPOSE.read_text(encoding="utf-8")
    data = compose()
    services = data["services"]
    assert set(ours(services)) == {"rasa", "actions", "nginx-config"}
    for name, service in ours(services).items():
        context = (CONTAINER / service["build"]["context"]).resolve()
        assert context == ROOT and (context / service["build"]["dockerfile"]).resolve() == DOCKERFILE, name
        for setting in service["environment"]:
            assert setting in SETTINGS, f"{name}: {setting} is no setting of settings.env"
    for setting in re.findall(r"(?<!\$)\$\{(\w+)", text):  # $${...} is the container's own
        assert setting in SETTINGS, f"${{{setting}}} is no setting of settings.env"
    # the operator's own files: kept out of git and out of the image
    for own in (".env", "tls"):
        path = (CONTAINER / own).relative_to(ROOT)
        ignored = subprocess.run(["git", "check-ignore", "-q", f"{path}/x" if own == "tls" else str(path)], cwd=ROOT)
        assert ignored.returncode == 0, f"{path} is not in .gitignore"
        assert str(path) in (CONTAINER / "Dockerfile.dockerignore").read_text().split()
    for name, service in services.items():
        for other in service.get("depends_on", {}):
            assert other in services, name
        if "network_mode" in service:
            assert service["network_mode"].removeprefix("service:") in services, name
        for volume in service.get("volumes", []):
            source = volume.split(":")[0]
            assert source.startswith("./") or source in data["volumes"], f"{name}: volume {source}"
    postgres = services["postgres"]["environment"]
    environment = services["rasa"]["environment"]
    assert (postgres["POSTGRES_DB"], postgres["POSTGRES_USER"]) == (environment["DB_NAME"], environment["DB_USER"])
    assert postgres["POSTGRES_PASSWORD"] == environment["DB_PASSWORD"]


def test_the_containers_run_the_commands_the_code_has():
    services = compose()["services"]
    workdir = Path(dockerfile_instructions("WORKDIR")[-1])
    for name, server in (("rasa", "rasa"), ("actions", "actions")):
        command = services[name]["command"]
        assert command[:3] == [str(workdir / ".venv/bin/python"), "-m", "deploy.serve"]
        assert serve.parser().parse_args(command[3:]).server == server
        check = services[name]["healthcheck"]["test"]
        assert check[1:] == [*command, "--check"]
    # nginx-config renders the site where nginx reads it, with the certificate nginx gets
    render = services["nginx-config"]["command"]
    assert render[:3] == [str(workdir / ".venv/bin/python"), "-m", "deploy.nginx_config"]
    args = nginx_config.parser().parse_args(render[3:])
    shared = {v.split(":")[0]: v.split(":")[1] for v in services["nginx-config"]["volumes"]}
    nginx_mounts = {v.split(":")[0]: v.split(":")[1] for v in services["nginx"]["volumes"]}
    assert nginx_mounts[next(iter(shared))] == "/etc/nginx/conf.d" and args.out.parent == Path(
        shared[next(iter(shared))]
    )
    assert args.certificate.parent == args.certificate_key.parent == Path(nginx_mounts["./tls"])
    text = nginx_config.site(
        {**SETTINGS, "ALLOWED_HOSTS": "chat.test"},
        args.upstream,
        "443",
        nginx_config.Tls(args.certificate, args.certificate_key),
    )
    assert f"server rasa:{SETTINGS['PORT']} " in text


def dockerfile_instructions(keyword: str | None = None) -> list[str]:
    """The Dockerfile's instructions (continuation lines joined, comments left out), or the
    arguments of those with ``keyword``."""
    instructions, current = [], ""
    for line in DOCKERFILE.read_text(encoding="utf-8").splitlines():
        if line.strip().startswith("#") or not line.strip():
            continue
        current += line.rstrip("\\").strip() + " "
        if not line.endswith("\\"):
            instructions.append(current.strip())
            current = ""
    if keyword is None:
        return instructions
    return [i.split(None, 1)[1] for i in instructions if i.split(None, 1)[0].upper() == keyword]


def test_the_image_is_the_projects_python_and_requirements():
    wanted = re.search(r'\[ "\$version" = "(\d+\.\d+)" \]', (ROOT / "scripts/find-python.sh").read_text()).group(1)
    assert wanted == f"{sys.version_info.major}.{sys.version_info.minor}"
    (base,) = dockerfile_instructions("FROM")
    assert re.fullmatch(rf"python:{re.escape(wanted)}-slim-\w+", base), base
    runs = " && ".join(dockerfile_instructions("RUN"))
    installs = [found.strip() for found in re.findall(r"pip install ([^&]*)", runs)]
    assert installs == ["-r requirements.txt"], "the image installs the pins of requirements.txt, nothing else"
    assert "requirements.txt ./" in dockerfile_instructions("COPY")
    assert Path(dockerfile_instructions("WORKDIR")[-1]) == INSTALL_DIR  # as the systemd units


def test_the_image_runs_as_its_own_user():
    users = dockerfile_instructions("USER")
    assert users and users[-1] not in ("root", "0")
    assert users[-1] == unit_value(SANDBOX, "User")  # the same user as on a server
    assert re.search(rf"useradd .*--system .*\b{users[-1]}\b", " ".join(dockerfile_instructions("RUN")))
    instructions = dockerfile_instructions()
    assert instructions.index(f"USER {users[-1]}") < instructions.index(
        next(i for i in instructions if i.startswith("CMD"))
    )
    command = json.loads(dockerfile_instructions("CMD")[0])
    assert command[1:3] == ["-m", "deploy.serve"] and serve.parser().parse_args(command[3:]).server == "rasa"


def test_no_secret_goes_into_the_image():
    for keyword in ("ENV", "ARG", "LABEL"):
        for instruction in dockerfile_instructions(keyword):
            assert not re.search(r"PASSWORD|TOKEN|SECRET|KEY", instruction, re.I), instruction
    for secret in SECRETS:
        assert SETTINGS[secret] == "", f"settings.env goes into the image: {secret} must stay empty there"
    ignored = (CONTAINER / "Dockerfile.dockerignore").read_text().split()
    for private in (".git", ".venv", "var", "models"):
        assert private in ignored


# --------------------------------------------------------------------------- docs


def test_deploy_md_names_every_deployment_file_and_the_settings_file():
    text = DEPLOY_DOC.read_text(encoding="utf-8")
    for path in [*SYSTEMD.iterdir(), SANDBOX, DOCKERFILE, COMPOSE, nginx_config.SITE]:
        assert path.name in text, f"docs/deploy.md does not mention {path.name}"
    assert unit_value(SANDBOX, "EnvironmentFile") in text and str(INSTALL_DIR) in text


def test_settings_env_reads_the_same_in_systemd_and_compose():
    """systemd's EnvironmentFile= and compose's env_file take quotes, backslashes and $
    their own way; settings.env has none, so all three read the same values."""
    for name, value in load({}).items():
        assert not re.search(r"[\"'\\$\s]", value), name
