"""The distributed set-up under load: 50 conversations on two Rasa servers, one of which stops.

Every conversation is a whole reflection whose turns alternate between the two Rasa
servers. Part-way, server A is taken out the way docs/deploy.md says: first drained (new
turns go to B; the turns A already has are finished), then stopped. Once A is gone the
conversations go through nginx, which finds A refusing connections and uses B.
Afterwards PostgreSQL must hold every user message of every conversation exactly once
and in the order sent, and every summary must be complete.

Draining matters: a Rasa (Sanic) server that has been told to stop still accepts
connections for a moment and then resets them. A turn sent in that moment is lost for
the user (nginx cannot resend a POST that may have been handled); CI once saw exactly
that when the test picked A for a turn just before A was told to stop.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from deploy.cluster import cluster
from deploy.processes import free_port
from tests.e2e.servers import Client
from tests.e2e.walk import assert_summary_holds, through

pytestmark = pytest.mark.cluster

CONVERSATIONS = 50
STOP_A_AFTER_TURNS = 500  # of about 1,500
DRAIN_SECONDS = 180  # far above the slowest turn; a drain that takes longer is a failure


class Router:
    """Where each turn goes: alternating; only B while A drains; through nginx once A is gone.

    The choice of server and the count of turns in flight at A change under one lock, so
    no turn can be sent to A after the drain has started. While A is being stopped new
    turns wait: stopping can take many seconds, and the conversations must not all end on
    B in that time, or no turn would be left to go through nginx after A is gone.
    """

    def __init__(self, a: str, b: str, via_nginx: str) -> None:
        self.a, self.b, self.via_nginx = a, b, via_nginx
        self._changed = threading.Condition()
        self._phase = "both"  # -> "draining" -> "stopping" -> "gone"
        self._at_a = 0
        self.turns = 0

    @contextlib.contextmanager
    def route(self, turn: int) -> Iterator[str]:
        with self._changed:
            self._changed.wait_for(lambda: self._phase != "stopping")
            if self._phase == "gone":
                url = self.via_nginx
            elif self._phase == "draining":
                url = self.b
            else:
                url = (self.a, self.b)[turn % 2]
            self._at_a += url == self.a
        try:
            yield url
        finally:
            with self._changed:
                self._at_a -= url == self.a
                self.turns += 1
                self._changed.notify_all()

    def drain_a(self) -> None:
        """Send nothing new to A and wait until A has answered every turn it has."""
        with self._changed:
            self._phase = "draining"
            if not self._changed.wait_for(lambda: self._at_a == 0, timeout=DRAIN_SECONDS):
                raise AssertionError(f"{self._at_a} turns still at A after {DRAIN_SECONDS} s")
            self._phase = "stopping"

    def a_gone(self) -> None:
        with self._changed:
            self._phase = "gone"
            self._changed.notify_all()


class RoutedClient(Client):
    """A user whose turns the router sends; counts the fallbacks it gets."""

    def __init__(self, router: Router, sender: str) -> None:
        super().__init__(router.a, sender)
        self.router = router
        self.sent: list[str] = []
        self.fallbacks = 0

    def say(self, text: str) -> list[dict[str, Any]]:
        with self.router.route(len(self.sent)) as url:
            self.url = url
            self.sent.append(text)
            messages = super().say(text)
        if any(state["kind"] == "fallback" for state in self.states(messages)):
            self.fallbacks += 1
        return messages


def log_tails(folder: Path, lines: int = 30) -> str:
    """The end of every server's log, to see why a turn failed."""
    parts = []
    for log in sorted(folder.rglob("*.log")):
        tail = log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:]
        parts.append(f"--- {log.relative_to(folder)}\n" + "\n".join(tail))
    return "\n".join(parts)


def test_fifty_conversations_on_two_servers_lose_nothing_when_one_stops(tmp_path):
    with cluster(tmp_path / "cluster", free_port(), REPLY_TIMEOUT="120") as running:
        a, b = running.pairs
        router = Router(a.url, b.url, running.url)
        results: dict[str, dict[str, Any]] = {}
        failures: list[str] = []

        def converse(number: int) -> None:
            sender = f"cluster-{number}"
            client = RoutedClient(router, sender)
            answers: dict[str, str] = {}
            try:
                summary = through(client, answers)
                results[sender] = {"client": client, "answers": answers, "summary": summary}
            except Exception as error:  # reported below, with the conversation and the logs
                failures.append(f"{sender}, turn {len(client.sent)} to {client.url}: {error!r}")

        threads = [threading.Thread(target=converse, args=(n,)) for n in range(CONVERSATIONS)]
        for thread in threads:
            thread.start()
        while router.turns < STOP_A_AFTER_TURNS and any(t.is_alive() for t in threads):
            time.sleep(0.2)
        router.drain_a()
        stopped_at = router.turns
        a.stop_rasa()
        router.a_gone()
        for thread in threads:
            thread.join(timeout=1200)

        assert not failures, "\n".join([*failures, log_tails(tmp_path / "cluster")])
        assert stopped_at < router.turns, "A stopped after the run"
        for sender, result in results.items():
            assert result["client"].fallbacks == 0, sender
            assert result["summary"], sender
            assert_summary_holds(result["summary"], result["answers"])

        engine = sa.create_engine(
            f"postgresql://{running.postgres.user}@{running.postgres.host}:{running.postgres.port}/{running.postgres.db}"
        )
        stored: dict[str, list[str]] = defaultdict(list)
        with engine.connect() as connection:
            query = sa.text("SELECT sender_id, data FROM events WHERE type_name = 'user' ORDER BY id")
            for sender, data in connection.execute(query):
                stored[sender].append(json.loads(data)["text"])
        engine.dispose()
        assert len(results) == CONVERSATIONS
        for sender, result in results.items():
            assert stored[sender] == result["client"].sent, f"{sender}: turns lost, duplicated or reordered"


def test_a_team_session_made_on_one_server_is_joined_and_read_on_the_other(tmp_path):
    """The team sessions live in PostgreSQL, not in a server: a facilitator on server A, a
    member on server B, the overview read on A and through nginx."""
    with cluster(tmp_path / "cluster", free_port(), REPLY_TIMEOUT="120") as running:
        a, b = running.pairs
        lead = Client(a.url, "begeleider")
        lead.say("hallo")
        lead.say('/start_flow{"flow": "teamsessie"}')
        lead.say('/choose_bouwopgave{"bouwopgave": "regie"}')
        code = lead.state()["team"]["code"]

        member = Client(b.url, "teamlid")
        member.say("hallo")
        member.say(f"mijn code is {code}")
        answers = {
            "intervisie.casus": "Een gezin zonder inkomen; de uitkering was stopgezet en niemand belde.",
            "intervisie.moment": "Toen ik moest kiezen of ik W&I zelf belde.",
            "intervisie.inbrengvraag": "Hoe kan ik sneller schakelen met W&I als een gezin zonder inkomen zit?",
            "intervisie.bouwopgaven": "4",
        }
        for _ in range(12):
            if member.state()["kind"] == "team":
                break
            if member.state()["kind"] == "clarify":
                member.say("/skip")  # a follow-up: "Verder met de volgende vraag"
            else:
                member.say(answers[member.state()["step"]])
        for _ in range(4):
            member.say("/affirm")
        member.say("/deny")  # not signed
        said = " ".join(m.get("text", "") for m in member.turns[-1])
        assert member.state()["kind"] == "team" and "Gedeeld met de begeleider" in said

        lead.say("/team_overview")
        seen = lead.state()["team"]["overzicht"]
        assert seen["deelnemers"] == 1 and seen["leervragen"][0]["tekst"] == answers["intervisie.inbrengvraag"]
        via_nginx = Client(running.url, "begeleider")
        via_nginx.say("/team_overview")
        assert via_nginx.state()["team"]["overzicht"]["deelnemers"] == 1
        database = running.postgres
        engine = sa.create_engine(f"postgresql://{database.user}@{database.host}:{database.port}/{database.db}")
        with engine.connect() as db:
            stored = " ".join(str(v) for row in db.execute(sa.text("SELECT * FROM team_sessies")) for v in row)
        engine.dispose()
        assert len(stored) > 0 and code not in stored and code.replace("-", "") not in stored
