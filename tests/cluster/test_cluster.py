"""The distributed set-up under load: 50 conversations on two Rasa servers, one of which stops.

Every conversation is a whole reflection whose turns alternate between the two Rasa
servers. Part-way, server A is stopped: from then on the conversations go to B, and once A
is gone, through nginx, which must skip A. (While A shuts down it still accepts
connections and then drops them; nginx cannot resend such a POST, so a server is taken
out of nginx before it is stopped: docs/deploy.md.) Afterwards PostgreSQL must hold every
user message of every conversation exactly once and in the order sent, and every summary
must be complete.
"""

from __future__ import annotations

import json
import threading
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from deploy.cluster import cluster
from deploy.processes import free_port
from tests.e2e.servers import Client
from tests.e2e.walk import answer, assert_summary_holds

pytestmark = pytest.mark.cluster

CONVERSATIONS = 50
STOP_A_AFTER_TURNS = 500  # of about 1,500


class AlternatingClient(Client):
    """Sends turn n to server n % 2; to B while A stops; through nginx once A is gone."""

    def __init__(
        self,
        urls: list[str],
        via_nginx: str,
        a_stopping: threading.Event,
        a_gone: threading.Event,
        sender: str,
        counter,
    ) -> None:
        super().__init__(urls[0], sender)
        self.urls, self.via_nginx, self.counter = urls, via_nginx, counter
        self.a_stopping, self.a_gone = a_stopping, a_gone
        self.sent: list[str] = []
        self.fallbacks = 0

    def say(self, text: str) -> list[dict[str, Any]]:
        if self.a_gone.is_set():
            self.url = self.via_nginx
        elif self.a_stopping.is_set():
            self.url = self.urls[1]
        else:
            self.url = self.urls[len(self.sent) % 2]
        self.sent.append(text)
        messages = super().say(text)
        self.counter()
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
        urls = [a.url, b.url]
        a_stopping, a_gone = threading.Event(), threading.Event()
        turns = [0]
        lock = threading.Lock()

        def count() -> None:
            with lock:
                turns[0] += 1

        results: dict[str, dict[str, Any]] = {}
        failures: list[str] = []

        def converse(number: int) -> None:
            sender = f"cluster-{number}"
            client = AlternatingClient(urls, running.url, a_stopping, a_gone, sender, count)
            answers: dict[str, str] = {}
            try:
                client.say("hallo")
                client.say('/start_flow{"flow": "reflectie"}')
                for _ in range(80):
                    if client.state()["kind"] == "summary":
                        break
                    answer(client, answers)
                results[sender] = {"client": client, "answers": answers, "summary": client.state().get("summary")}
            except Exception as error:  # reported below, with the conversation and the logs
                failures.append(f"{sender}, turn {len(client.sent)} to {client.url}: {error!r}")

        threads = [threading.Thread(target=converse, args=(n,)) for n in range(CONVERSATIONS)]
        for thread in threads:
            thread.start()
        while turns[0] < STOP_A_AFTER_TURNS and any(t.is_alive() for t in threads):
            time.sleep(0.2)
        a_stopping.set()  # new turns go to B; A finishes what it has, then stops
        a.stop_rasa()
        a_gone.set()  # from now on through nginx, which finds A refusing and uses B
        stopped_at = turns[0]
        for thread in threads:
            thread.join(timeout=1200)

        assert not failures, "\n".join([*failures, log_tails(tmp_path / "cluster")])
        assert stopped_at < sum(len(r["client"].sent) for r in results.values()), "A stopped after the run"
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
