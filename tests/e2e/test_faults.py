"""Faults: a hanging action server gets the user a message within seconds, and nothing of
that message is kept half; once the server is back the same answer goes through."""

from __future__ import annotations

import socket
import time

import pytest

from tests.e2e.servers import Servers
from tests.e2e.walk import answer, assert_summary_holds, finish, start

pytestmark = pytest.mark.e2e

REPLY_TIMEOUT = 5  # room for a slow first turn on a busy machine


def test_a_hanging_action_server_gets_a_message_within_seconds_and_the_user_can_go_on(tmp_path):
    servers = Servers(tmp_path, REPLY_TIMEOUT=str(REPLY_TIMEOUT))
    hanging = socket.socket()
    try:
        servers.start_actions()
        servers.start_rasa()
        client = start(servers.url, "traag")
        answers: dict[str, str] = {}
        answer(client, answers)
        open_step = client.state()["step"]

        # The action server now accepts connections and never answers.
        servers.stop_actions()
        hanging.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        hanging.bind(("127.0.0.1", servers.action_port))
        hanging.listen(64)
        text = "De inwoner, zijn zus, de klantmanager en ik."
        began = time.monotonic()
        messages = client.say(text)
        assert time.monotonic() - began < REPLY_TIMEOUT + 5
        assert client.state()["kind"] == "fallback" and client.state()["step"] == open_step
        assert "Probeer het nog eens" in messages[0]["text"]

        hanging.close()
        servers.start_actions()
        client.say(text)  # the same answer again, now kept once
        assert client.state()["step"] != open_step
        answers[open_step] = text
        summary = finish(client, answers)
        assert_summary_holds(summary, answers)
        assert [a["answer"] for a in summary["answers"]].count(text) == 1
    finally:
        hanging.close()
        servers.stop()
