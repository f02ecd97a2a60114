"""Odd and hostile messages at an open question, over REST: the server answers every one,
the conversation stays consistent, and the next normal answer works."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.conftest import KINDS
from tests.e2e.servers import Client, running_servers

pytestmark = pytest.mark.e2e

HOSTILE = {
    "empty": "",
    "whitespace": "   \t  ",
    "very long": "De klant wilde hulp. " * 1200,  # ~25,000 characters
    "thousands of words": " ".join(["casus"] * 3000),
    "control characters": "de klant\x00\x07\x1b[31m zei nee\r\n",
    "right to left": "العميل أراد التوقف שלום",
    "mixed scripts": "клиент W&I 客户 de inwoner",
    "emoji only": "😢😢😢",
    "script tag": "<script>alert('x')</script>",
    "img onerror": '<img src=x onerror="alert(1)">',
    "template syntax": "{{ 7*7 }} {% for x in y %} {vraag} ${ACTION_PORT}",
    "sql": "'; DROP TABLE events; --",
}


@pytest.fixture(scope="module")
def servers(tmp_path_factory) -> Iterator[str]:
    with running_servers(tmp_path_factory.mktemp("servers")) as url:
        yield url


@pytest.mark.parametrize("name", list(HOSTILE))
def test_every_odd_message_gets_an_answer_and_the_conversation_goes_on(servers, name):
    client = Client(servers, f"e2e-hostile-{name.replace(' ', '-')}")
    client.say('/start_flow{"flow": "reflectie"}')
    assert client.state()["step"] == "casus.gebeurtenis"

    messages = client.say(HOSTILE[name])
    states = client.states(messages)
    assert states, f"no answer to {name}"
    assert all(s["kind"] in KINDS for s in states)
    for message in messages:  # bot text is the bot's own, or the user's text quoted back as text
        assert "<script>" not in message.get("text", "") or name == "script tag"
    step = client.state()["step"]
    assert step in ("casus.gebeurtenis", "casus.betrokkenen")

    client.say("De inwoner, de klantmanager van W&I en ik.")
    assert client.state()["kind"] == "question"
    assert client.state()["step"] != step  # the normal answer moved the conversation on


def test_markup_is_kept_verbatim_in_the_data_and_escaped_in_the_markdown(servers):
    client = Client(servers, "e2e-hostile-summary")
    client.say('/start_flow{"flow": "bouwopgave"}')
    client.say("4")
    client.say(HOSTILE["script tag"])
    for _ in range(6):
        if client.state()["kind"] == "summary":
            break
        client.say("/deny" if client.state()["kind"] == "confirm" else "/skip")
    summary = client.state()["summary"]
    assert summary["answers"][1]["answer"] == HOSTILE["script tag"]  # the data holds what was typed
    assert "<script>" not in summary["markdown"] and "\\<script\\>" in summary["markdown"]
