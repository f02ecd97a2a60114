"""Speed, memory, start-up and training of Bouwgesprek next to a bare `rasa init` assistant.

Part of `make bench`; writes results/speed.json, which scripts/write_benchmarks.py turns
into docs/benchmarks.md and docs/benchmarks.json.

- Turn latency over REST for whole scripted reflections (tests/e2e/walk.py): one
  conversation at a time; 20 at once whose users take 1 to 5 seconds before each message
  (people writing a reflection take far longer, so this is still a busy hour); then 20
  and 50 at once that send their next message as soon as the reply is in, with no time
  to think: a stress test of throughput.
- The same measured for the assistant `rasa init` makes (its own stories: greet, mood,
  goodbye), started the same way (`rasa run`, REST channel) on the same machine.
- Start-up: from starting `rasa run` to the first answered message. Memory: resident
  and peak resident size of each process after the runs. Training: `rasa train --force`
  into var/bench/, and the model's size.

Why one script of this length: it starts, loads and measures both assistants (ours and a
bare `rasa init`) the same way, so that the two can be compared.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from deploy.processes import BIN, Servers, free_port, stop_process, wait_for  # noqa: E402
from tests.e2e.servers import Client  # noqa: E402
from tests.e2e.walk import through  # noqa: E402

sys.path.insert(0, str(ROOT / "scripts"))
from train_if_needed import fingerprint  # noqa: E402

BENCH = ROOT / "var" / "bench"
OUT = ROOT / "results" / "speed.json"
SEQUENTIAL_REFLECTIONS = 3
CONCURRENCY = (20, 50)
# Seconds a simulated user takes before each message in the run with thinking time.
THINKING_S = (1.0, 5.0)
BARE_SCRIPT = ["hello", "I am feeling very sad", "yes", "bye"]
BARE_ROUNDS = 25


class TimedClient(Client):
    """A client that records how long each turn took, and which turns failed."""

    def __init__(self, url: str, sender: str, thinking: tuple[float, float] | None = None) -> None:
        super().__init__(url, sender)
        self.latencies: list[float] = []
        self.errors = 0
        self.thinking = thinking
        self.random = random.Random(sender)  # the same pauses in every run

    def say(self, text: str) -> list[dict[str, Any]]:
        if self.thinking:  # not part of the latency
            time.sleep(self.random.uniform(*self.thinking))
        began = time.perf_counter()
        try:
            messages = super().say(text)
        except OSError:
            self.errors += 1
            raise
        self.latencies.append(time.perf_counter() - began)
        if any((m.get("custom") or {}).get("reflectie", {}).get("kind") == "fallback" for m in messages):
            self.errors += 1  # "er ging iets mis": the turn did not go through
        return messages


def summary(latencies: list[float]) -> dict[str, float]:
    ordered = sorted(latencies)
    cuts = statistics.quantiles(ordered, n=100, method="inclusive")
    return {
        "turns": len(ordered),
        "p50_ms": round(cuts[49] * 1000, 1),
        "p95_ms": round(cuts[94] * 1000, 1),
        "p99_ms": round(cuts[98] * 1000, 1),
        "max_ms": round(ordered[-1] * 1000, 1),
    }


def reflection(url: str, sender: str, thinking: tuple[float, float] | None = None) -> TimedClient:
    """One whole reflection, from hallo to the summary; with ``thinking``, pauses before each message."""
    client = TimedClient(url, sender, thinking)
    try:
        through(client, {})
    except Exception:  # counted, not fatal (also no summary): the report shows the error count
        client.errors += 1
    return client


def bare_conversation(url: str, sender: str) -> TimedClient:
    client = TimedClient(url, sender)
    try:
        for text in BARE_SCRIPT:
            client.say(text)
    except Exception:
        client.errors += 1
    return client


def run(
    conversation: Callable[[str, str], TimedClient], url: str, prefix: str, count: int, parallel: bool
) -> dict[str, Any]:
    clients: list[TimedClient] = []
    lock = threading.Lock()

    def one(number: int) -> None:
        client = conversation(url, f"{prefix}-{number}")
        with lock:
            clients.append(client)

    began = time.perf_counter()
    if parallel:
        threads = [threading.Thread(target=one, args=(n,)) for n in range(count)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    else:
        for number in range(count):
            one(number)
    wall = time.perf_counter() - began
    latencies = [value for client in clients for value in client.latencies]
    result = summary(latencies)
    result.update(
        conversations=count,
        errors=sum(client.errors for client in clients),
        seconds=round(wall, 1),
        turns_per_second=round(len(latencies) / wall, 1),
        # A turn costs more the longer the conversation is (Rasa replays it every turn).
        first_4_p50_ms=round(statistics.median(v for c in clients for v in c.latencies[:4]) * 1000, 1),
        last_4_p50_ms=round(statistics.median(v for c in clients for v in c.latencies[-4:]) * 1000, 1),
    )
    return result


def memory(pid: int) -> dict[str, float]:
    """Resident and peak resident size of a process, in MiB."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            fields[name] = round(int(value.split()[0]) / 1024, 1)
    return {"rss_mib": fields.get("VmRSS", 0.0), "peak_rss_mib": fields.get("VmHWM", 0.0)}


def first_answer(url: str, sender: str, seconds: float = 300) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            Client(url, sender).say("hallo")
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def train_ours() -> dict[str, Any]:
    """The time of the last `make train` of this very model, else a forced training now."""
    recorded = ROOT / "models" / "bouwgesprek.training.json"
    model = ROOT / "models" / "bouwgesprek.tar.gz"
    if recorded.exists() and model.exists():
        training = json.loads(recorded.read_text())
        if training.get("fingerprint") == fingerprint():
            return {
                "seconds": training["seconds"],
                "model_mib": round(model.stat().st_size / 2**20, 1),
                "source": f"make train on {training['date']}",
            }
    out = BENCH / "train"
    out.mkdir(parents=True, exist_ok=True)
    began = time.perf_counter()
    subprocess.run(
        [str(BIN / "rasa"), "train", "--force", "--out", str(out), "--fixed-model-name", "bouwgesprek"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    seconds = time.perf_counter() - began
    size = (out / "bouwgesprek.tar.gz").stat().st_size
    return {"seconds": round(seconds, 1), "model_mib": round(size / 2**20, 1), "source": "rasa train --force"}


def measure_ours(quick: bool = False) -> dict[str, Any]:
    folder = BENCH / "ours"
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("*"):
        stale.unlink()
    servers = Servers(folder)
    result: dict[str, Any] = {}
    try:
        began = time.perf_counter()
        servers.start_actions()
        result["action_server_startup_s"] = round(time.perf_counter() - began, 1)
        began = time.perf_counter()
        servers.start_rasa()
        first_answer(servers.url, "bench-start")
        result["startup_to_first_answer_s"] = round(time.perf_counter() - began, 1)
        result["sequential"] = run(reflection, servers.url, "bench-seq", SEQUENTIAL_REFLECTIONS, parallel=False)
        if not quick:
            thinking = functools.partial(reflection, thinking=THINKING_S)
            result["concurrent_20_thinking"] = run(thinking, servers.url, "bench-20-thinking", 20, parallel=True)
            result["concurrent_20_thinking"]["thinking_s"] = list(THINKING_S)
        for count in () if quick else CONCURRENCY:
            result[f"concurrent_{count}"] = run(reflection, servers.url, f"bench-{count}", count, parallel=True)
        if not quick:
            result["largest_message"] = largest_message_wait(servers.url)
        result["memory"] = {"rasa": memory(servers.rasa.pid), "actions": memory(servers.actions.pid)}
    finally:
        servers.stop()
    return result


# The largest message the server accepts (MAX_REQUEST_BYTES, with room for the JSON around it).
LARGEST_MESSAGE = 131072 - 200
BYSTANDER_TURNS = 12


def largest_message_wait(url: str) -> dict[str, Any]:
    """How much longer another conversation waits while the largest accepted messages arrive,
    one after the other (issue 15: no message stalls everyone; aim under 0.2 s)."""

    def bystander(sender: str) -> list[float]:
        client = TimedClient(url, sender)
        client.say("hallo")
        client.say('/start_flow{"flow": "reflectie"}')
        client.latencies.clear()
        for number in range(BYSTANDER_TURNS):
            client.say(f"Een gewoon antwoord, nummer {number}, over de klantmanager en de inwoner.")
        return client.latencies

    alone = bystander("bench-naast-alleen")
    stop = threading.Event()

    def flood() -> None:
        client = TimedClient(url, "bench-groot")
        text = ("a" * 1000 + " ") * (LARGEST_MESSAGE // 1001) + "1"
        while not stop.is_set():
            with contextlib.suppress(Exception):  # a refused or failed one is sent again
                client.say(text)

    sender = threading.Thread(target=flood)
    sender.start()
    time.sleep(0.5)
    try:
        during = bystander("bench-naast-druk")
    finally:
        stop.set()
        sender.join()
    alone_p50 = statistics.median(alone)
    return {
        "message_chars": LARGEST_MESSAGE,
        "alone": summary(alone),
        "during": summary(during),
        "added_p50_s": round(statistics.median(during) - alone_p50, 3),
        "added_max_s": round(max(during) - alone_p50, 3),
    }


def measure_bare() -> dict[str, Any]:
    """The assistant of `rasa init`, trained once into var/bench/bare and served the same way."""
    folder = BENCH / "bare"
    result: dict[str, Any] = {}
    timing = folder / "training.json"
    if not timing.exists():
        if folder.exists():
            subprocess.run(["rm", "-rf", str(folder)], check=True)
        folder.mkdir(parents=True)
        began = time.perf_counter()
        subprocess.run(
            [str(BIN / "rasa"), "init", "--no-prompt", "--init-dir", str(folder)],
            cwd=folder,
            check=True,
            capture_output=True,
        )
        models = sorted((folder / "models").glob("*.tar.gz"))
        timing.write_text(
            json.dumps(
                {
                    "seconds": round(time.perf_counter() - began, 1),
                    "model_mib": round(models[-1].stat().st_size / 2**20, 1),
                }
            )
        )
    result["training"] = json.loads(timing.read_text())
    port = free_port()
    log = folder / "rasa.log"
    command = [str(BIN / "rasa"), "run", "--model", "models", "-i", "127.0.0.1", "--port", str(port)]
    began = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=folder, stdout=log.open("w"), stderr=subprocess.STDOUT, start_new_session=True
    )
    url = f"http://127.0.0.1:{port}/webhooks/rest/webhook"
    try:
        wait_for(f"http://127.0.0.1:{port}/", process, log)
        first_answer(url, "bench-start")
        result["startup_to_first_answer_s"] = round(time.perf_counter() - began, 1)
        result["sequential"] = run(bare_conversation, url, "bare-seq", BARE_ROUNDS, parallel=False)
        result["concurrent_20"] = run(bare_conversation, url, "bare-20", 20, parallel=True)
        result["memory"] = {"rasa": memory(process.pid)}
    finally:
        stop_process(process)
    return result


def main(argv: list[str]) -> int:
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    if argv[:1] == ["--quick"]:  # for profiling by hand: our sequential latency only
        print(json.dumps(measure_ours(quick=True), indent=2))
        return 0
    results: dict[str, Any] = {"training": train_ours()}
    print("trained", results["training"], flush=True)
    results["bare"] = measure_bare()
    print("bare", results["bare"], flush=True)
    results["ours"] = measure_ours()
    print("ours", results["ours"], flush=True)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(results, indent=2))
    print(f"Wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
