"""Write docs/benchmarks.md and docs/benchmarks.json from the measurements of `make bench`.

Reads results/nlu-heldout.json (the answer-or-request judgement on the held-out set,
written by tests/nlu/test_heldout.py), results/nlu/ (`rasa test nlu` on the same set),
results/nlu-cv/ (5-fold cross-validation on the training data) and results/speed.json
(scripts/bench_speed.py), and records the machine, the date and the commands.

Why one script of this length: each section of docs/benchmarks.md (understanding, speed,
stepped care, identifying data) is written from its own results file here, so the report
and its JSON come from one place.
"""

from __future__ import annotations

import datetime
import json
import os
import platform
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "results"
OUT = ROOT / "docs" / "benchmarks.md"
OUT_JSON = ROOT / "docs" / "benchmarks.json"
COMMANDS = [
    ".venv/bin/python -m pytest tests/nlu",
    "rasa test nlu --model models/bouwgesprek.tar.gz --nlu tests/nlu/heldout.yml --out results/nlu",
    "rasa test nlu --nlu data/nlu --config config.yml --cross-validation --folds 5 --out results/nlu-cv",
    ".venv/bin/python scripts/bench_speed.py",
    ".venv/bin/python scripts/write_benchmarks.py",
]
# One-off before/after comparisons of the fast paths, not re-measured by make bench.
HISTORY = ROOT / "scripts" / "bench_history.json"
# The targets of issue 7.
TARGET_P95_RATIO = 2.0
# Issue 13: with one dispatch per turn, p95 next to bare Rasa's at the same load.
TARGET_SAME_LOAD_SEQUENTIAL = 1.3
TARGET_SAME_LOAD_20 = 1.5
TARGET_STARTUP_S = 40
# Issue 15: one large message must not keep another conversation waiting.
TARGET_ADDED_WAIT_S = 0.2
TARGET_MACRO_F1 = 0.95
TARGET_TRAINING_S = 180


def fast_paths() -> list[dict]:
    """The rounds of fast paths, each with its changes and our latency before and after."""
    return json.loads(HISTORY.read_text(encoding="utf-8"))["fast_paths"]


def bench_minutes() -> float | None:
    """How long this run of `make bench` took: it notes its start in results/bench-started."""
    started = RESULTS / "bench-started"
    if not started.exists():
        return None
    minutes = (time.time() - int(started.read_text().strip())) / 60
    started.unlink()  # a later run of this script alone must not report a stale start
    return minutes


def latency(measured: dict[str, float]) -> str:
    return f"{measured['p50_ms']:.0f} / {measured['p95_ms']:.0f} / {measured['p99_ms']:.0f} ms"


def pct(value: float) -> str:
    return f"{100 * value:.1f} %"


def machine() -> str:
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    rasa = subprocess.run([str(Path(sys.executable).parent / "rasa"), "--version"], capture_output=True, text=True)
    version = next(
        (line.split(":")[1].strip() for line in rasa.stdout.splitlines() if line.startswith("Rasa Version")), "?"
    )
    return (
        f"{os.cpu_count()} cores, {memory:.0f} GiB, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, Rasa {version}"
    )


def confusions(folder: Path, top: int = 8) -> list[dict[str, object]]:
    """The most frequent (true intent, predicted intent) pairs among the errors."""
    errors = json.loads((folder / "intent_errors.json").read_text(encoding="utf-8"))
    pairs = Counter((e["intent"], e["intent_prediction"]["name"]) for e in errors)
    return [{"intent": a, "predicted": b, "count": n} for (a, b), n in pairs.most_common(top)]


def load(path: Path) -> dict | None:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def length_note(ours: dict, bare: dict) -> str:
    """How a turn's cost grows with the conversation, if this run measured it."""
    seq = ours["sequential"]
    if "first_4_p50_ms" not in seq:
        return ""
    return (
        f"Our first four turns take {seq['first_4_p50_ms']:.0f} ms at p50 (bare Rasa's four: "
        f"{bare['sequential'].get('first_4_p50_ms', bare['sequential']['p50_ms']):.0f} ms), the last four of a "
        f"reflection {seq['last_4_p50_ms']:.0f} ms. "
    )


def speed_lines(speed: dict, macro_f1: float) -> list[str]:
    ours, bare = speed["ours"], speed["bare"]

    def row(name: str, ours_run: dict, bare_run: dict | None) -> str:
        b = bare_run or {}
        return (
            f"| {name} | {ours_run['p50_ms']:.0f} / {ours_run['p95_ms']:.0f} / {ours_run['p99_ms']:.0f} | "
            f"{ours_run['turns']} turns, {ours_run['errors']} errors, {ours_run['turns_per_second']} turns/s | "
            + (
                f"{b['p50_ms']:.0f} / {b['p95_ms']:.0f} / {b['p99_ms']:.0f} ({b['turns']} turns, {b['errors']} errors)"
                if b
                else "not run"
            )
            + " |"
        )

    bare_p95 = bare["sequential"]["p95_ms"]
    thinking = ours.get("concurrent_20_thinking")
    ratio = ours["concurrent_20"]["p95_ms"] / bare_p95
    thinking_ratio = thinking["p95_ms"] / bare_p95 if thinking else None
    pause = "{:g} to {:g} s".format(*thinking["thinking_s"]) if thinking else ""
    same_sequential = ours["sequential"]["p95_ms"] / bare_p95
    same_20 = ours["concurrent_20"]["p95_ms"] / bare["concurrent_20"]["p95_ms"] if bare.get("concurrent_20") else None
    largest = ours.get("largest_message")
    targets = [
        (
            "p95 per turn, one conversation at a time, next to bare Rasa at the same load",
            f"at most {TARGET_SAME_LOAD_SEQUENTIAL:g}x",
            f"{same_sequential:.2f}x ({ours['sequential']['p95_ms']:.0f} ms vs {bare_p95:.0f} ms)",
            same_sequential <= TARGET_SAME_LOAD_SEQUENTIAL,
        ),
        *(
            [
                (
                    "p95 per turn, 20 conversations back-to-back, next to bare Rasa at the same load",
                    f"at most {TARGET_SAME_LOAD_20:g}x",
                    f"{same_20:.2f}x ({ours['concurrent_20']['p95_ms']:.0f} ms vs "
                    f"{bare['concurrent_20']['p95_ms']:.0f} ms)",
                    same_20 <= TARGET_SAME_LOAD_20,
                )
            ]
            if same_20
            else []
        ),
        *(
            [
                (
                    f"p95 per turn at 20 concurrent conversations, users taking {pause} per message",
                    f"at most {TARGET_P95_RATIO:g}x bare Rasa's sequential p95",
                    f"{thinking_ratio:.1f}x ({thinking['p95_ms']:.0f} ms vs {bare_p95:.0f} ms)",
                    thinking_ratio <= TARGET_P95_RATIO,
                )
            ]
            if thinking
            else []
        ),
        (
            "p95 per turn at 20 concurrent conversations, back-to-back (stress)",
            f"at most {TARGET_P95_RATIO:g}x bare Rasa's sequential p95",
            f"{ratio:.1f}x ({ours['concurrent_20']['p95_ms']:.0f} ms vs {bare_p95:.0f} ms)",
            ratio <= TARGET_P95_RATIO,
        ),
        (
            "start-up to the first answer",
            f"under {TARGET_STARTUP_S} s",
            f"{ours['startup_to_first_answer_s']} s",
            ours["startup_to_first_answer_s"] < TARGET_STARTUP_S,
        ),
        *(
            [
                (
                    "another conversation's added wait while the largest accepted messages arrive "
                    f"({largest['message_chars']:,} characters each, back to back)",
                    f"under {TARGET_ADDED_WAIT_S:g} s",
                    f"{largest['added_p50_s']:.3f} s at p50, {largest['added_max_s']:.3f} s at most",
                    largest["added_max_s"] < TARGET_ADDED_WAIT_S,
                )
            ]
            if largest
            else []
        ),
        ("macro F1 on the held-out set", f"at least {TARGET_MACRO_F1}", f"{macro_f1:.3f}", macro_f1 >= TARGET_MACRO_F1),
        (
            "training on 2 cores",
            f"under {TARGET_TRAINING_S // 60} minutes",
            f"{speed['training']['seconds']} s",
            speed["training"]["seconds"] < TARGET_TRAINING_S,
        ),
    ]
    why: list[str] = []
    if thinking:
        why.append(
            "- **Which load the p95 target is about.** The aim does not say how quickly the 20 users send. "
            f"With users who take {pause} before each message (a person writing a reflection takes far "
            "longer, so this is already a busy hour) the target is "
            + ("met" if thinking_ratio <= TARGET_P95_RATIO else "missed")
            + f": {thinking['p95_ms']:.0f} ms against {TARGET_P95_RATIO * bare_p95:.0f} ms allowed"
            + (
                f", where one conversation at a time already takes {ours['sequential']['p95_ms']:.0f} ms at p95 "
                f"({ours['sequential']['p95_ms'] / bare_p95:.1f}x). "
                + length_note(ours, bare)
                + "Two users who send in the same instant wait for each other, since a Rasa server works on "
                "one turn at a time. "
                if thinking_ratio > TARGET_P95_RATIO
                else ". "
            )
            + "Back-to-back the target is out of reach, as the next point explains; both loads are in the table, "
            "each with its own verdict."
        )
    if ratio > TARGET_P95_RATIO:
        same_load = (
            ours["concurrent_20"]["p95_ms"] / bare["concurrent_20"]["p95_ms"] if bare.get("concurrent_20") else None
        )
        why.append(
            f"- **p95 at 20 conversations back-to-back, missed by {ratio / TARGET_P95_RATIO:.1f}x.** A Rasa server "
            "handles the CPU work of one turn at a time (NLU and policies run in its event loop), so 20 "
            "conversations that send back-to-back queue up: bare Rasa itself goes from "
            f"{bare_p95:.0f} ms alone to {bare['concurrent_20']['p95_ms']:.0f} ms at 20, "
            f"{bare['concurrent_20']['p95_ms'] / bare_p95:.0f}x its own sequential p95. "
            f"A turn of ours costs "
            + ("more than" if ours["sequential"]["p50_ms"] > 1.1 * bare["sequential"]["p50_ms"] else "about as much as")
            + f" bare Rasa's alone ({ours['sequential']['p50_ms']:.0f} ms against "
            f"{bare['sequential']['p50_ms']:.0f} ms at p50): a turn is one call to the action server "
            "(`action_turn`, since issue 13; before, the form made two or three), and a reflection grows to about "
            "300 events that Rasa replays every turn, where bare Rasa's conversation has a handful. "
            + ("" if thinking else length_note(ours, bare))
            + (f"At the same load the ratio to bare Rasa is {same_load:.1f}x. " if same_load else "")
            + "More Rasa servers add capacity (`make run-cluster`); on one 2-core machine the target is out of reach "
            "even for bare Rasa at 20 back-to-back conversations."
        )
    if macro_f1 < TARGET_MACRO_F1:
        why.append(
            f"- **Macro F1 {macro_f1:.3f}, {TARGET_MACRO_F1 - macro_f1:.3f} below the target.** No pretrained Dutch "
            "language model is used (none ships with Rasa, and the bot fetches no model), so DIET learns from word and "
            "character n-grams of our own examples alone; the weakest intents are listed in the confusions below. "
            "Adding 143 contrastive examples (case answers with request-like words, more deny, distress, quit "
            "and help) moved the errors between intents rather than removing them: 0.927 at 50 epochs and 0.937 at "
            "100, with fewer distress messages recognised, so they were not kept. "
            "On 2026-12-01 three changes to the pipeline were tried, judged first by 5-fold cross-validation "
            "on the training data (macro F1 0.781 as it is) and then on the held-out set (0.936 for an NLU-only "
            "model as it is): word pairs as features (0.797; held-out 0.938, but support offered for 28 of the "
            "30 distress messages instead of all 30), 100 epochs (0.762; held-out 0.943) and character n-grams "
            "of 1 to 5 (0.753; held-out 0.936). None reaches 0.95 and none was kept: word pairs were the best "
            "by cross-validation, but not worth missing two people in distress. "
            "What matters most for users is measured above the classifier: answers kept and requests recognised."
        )
    return [
        "## Speed and memory",
        "",
        "Latency of a turn over REST (POST to reply), in ms as p50 / p95 / p99. Bouwgesprek: whole",
        "scripted reflections (about 30 turns each, tests/e2e/walk.py); bare Rasa: the assistant",
        "`rasa init` makes, its own four-turn story, started the same way (`rasa run`, REST) in",
        "the same run. In the run with thinking time each user waits "
        + (pause or "a few seconds")
        + " before each message",
        "(not counted in the latency); the back-to-back runs send the next message as soon as the",
        "reply is in: a stress test of throughput, far above what 20 people typing would send.",
        "",
        "| run | Bouwgesprek | | bare `rasa init` |",
        "|---|---|---|---|",
        row("one conversation at a time", ours["sequential"], bare["sequential"]),
        *([row(f"20 at once, {pause} to answer", thinking, None)] if thinking else []),
        row("20 at once, back-to-back", ours["concurrent_20"], bare.get("concurrent_20")),
        row("50 at once, back-to-back", ours["concurrent_50"], None),
        "",
        "| | Bouwgesprek | bare `rasa init` |",
        "|---|---|---|",
        f"| start-up to the first answered message | {ours['startup_to_first_answer_s']} s "
        f"(action server {ours['action_server_startup_s']} s before) | {bare['startup_to_first_answer_s']} s |",
        f"| memory, Rasa server (resident / peak) | {ours['memory']['rasa']['rss_mib']} / "
        f"{ours['memory']['rasa']['peak_rss_mib']} MiB | {bare['memory']['rasa']['rss_mib']} / "
        f"{bare['memory']['rasa']['peak_rss_mib']} MiB |",
        f"| memory, action server (resident / peak) | {ours['memory']['actions']['rss_mib']} / "
        f"{ours['memory']['actions']['peak_rss_mib']} MiB | none |",
        f"| training ({speed['training'].get('source', 'rasa train --force')}) | {speed['training']['seconds']} s | "
        f"{bare['training']['seconds']} s (`rasa init`, with its project set-up) |",
        f"| model size | {speed['training']['model_mib']} MiB | {bare['training']['model_mib']} MiB |",
        "",
        "### Fast paths",
        "",
        "Each round measured with `scripts/bench_speed.py --quick` (sequential turns) on the tree",
        "without and with its changes, one after the other on this machine.",
        "",
        "| round | changes | before p50 / p95 / p99 | after p50 / p95 / p99 |",
        "|---|---|---|---|",
        *(
            f"| {number} ({round_['measured']}) | {'; '.join(round_['changes'])} | "
            f"{latency(round_['before'])} | {latency(round_['after'])} |"
            for number, round_ in enumerate(fast_paths(), start=1)
        ),
        "",
        "Content is parsed once per process (bot/content.py caches it), not per turn. What is left of",
        "a turn, profiled with py-spy after round 3 (CPU of the Rasa server's event loop, about 20 ms a",
        "turn with the profiler attached): the NLU pipeline 4.5 ms (DIET 3.4 ms), reading the",
        "conversation 1.5 ms, Rasa's check whether the session expired 1.6 ms (it replays the",
        "conversation's undo rules), the policies 1.8 ms, the form and the calls to the action server",
        "1.7 ms (since issue 13 one call, `action_turn`, and no form), saving the new events 3.1 ms",
        "(the SQLite commit 1.1 ms, removing identifying data",
        "0.7 ms), and about 5 ms in the web server, the HTTP client and the event loop around them.",
        "The action server spends about 1 ms a turn. Nearly all of it is Rasa's own work. Since",
        "2026-12-05 the NLU pipeline also runs the signal model (components/signaal.py). Profiled again",
        "on 2026-12-06 before round 4, with the profiler attached: the judgement took 7.7 ms of the",
        "action server's 16.8 ms a turn (a thousand phrase patterns, each tried at every position of the",
        "message), the signal model 6 ms and RulePolicy 5 ms of the Rasa server's 49 ms; after round 4",
        "the action server spends 9 ms a turn with the profiler attached (the judgement 2 ms).",
        "",
        "### Targets",
        "",
        "| target | aim | measured | met |",
        "|---|---|---|---|",
        *(f"| {name} | {aim} | {value} | {'yes' if met else '**no**'} |" for name, aim, value, met in targets),
        "",
        *why,
        "",
    ]


# The aims of stepped care (issue 13), per group of the signal sets.
SIGNAL_AIMS = {
    "onschuldig": ("harmless answers: check-ins (full support must be 0 %)", "checkin", "at most", 0.01),
    "gevaar": ("danger, explicit and veiled: the support message with 113 and 112", "support", "at least", 1.0),
    "gevaar_expliciet": (
        "danger said in so many words (tests/nlu/expliciet.yml): the support message with 113 and 112",
        "support",
        "at least",
        1.0,
    ),
    "spanning": ("strain: a check-in or support", "either", "at least", 0.95),
    "spanning_met_verzoek": (
        "strain with a request (skip, pause, stop, help): check-in or support",
        "either",
        "at least",
        0.95,
    ),
}


def signal_lines(signalen: dict) -> list[str]:
    """The stepped-care rates of tests/nlu/test_signalen.py, each against its aim."""
    lines = [
        "## Stepped care: distress recognised, harmless answers left alone",
        "",
        "Each message goes through the trained model and a whole turn at an open question",
        "([judgement.md](judgement.md)); counted is what the user gets, and (last two columns) what",
        "the phrase lists of `content/signalen.yml` give without the signal model. The held-out set is",
        "`tests/nlu/signalen_blind21.yml`, written blind on 2026-12-07 by six helpers who saw no file",
        "of the project: danger and strain by three voices (a Wmo-consulent of 36 in Rotterdam-Zuid who",
        "dictates in the car, without punctuation and with misheard words; a jobcoach of 61 in Enschede,",
        "formal and old-fashioned with a little Twents; a schuldhulpverlener of 45 in Heerlen in short",
        "bursts with abbreviations and a little Limburgs), 515 harmless answers (139 of one to three",
        "words) by three more (Werk & Inkomen in Rotterdam and Dordrecht with a wijkteam in",
        "Rotterdam-Zuid, many dictated; wijkteams in Enschede and Hengelo with Werk & Inkomen in Heerlen",
        "and Maastricht preparing intervisie; clients' suicide, attempts and threats told as case",
        "history and quoted; short answers from Zeeland, Friesland, Twente and Amsterdam). Measured as it",
        "came on 49cd594, before anything was changed for it: 67.7 % of danger got 113 (82.9 % at least",
        "a check-in), 86.6 % of strain and 95.7 % of strain with a request a check-in or support; of the",
        "harmless answers 2.3 % got a check-in and three (0.6 %) the support message.",
        "Its misses have not been read, and",
        "the signal model does not learn from it. Each set in `data/signalen/` named `toets` was the",
        "held-out set once (the first lines of each file say what it measured then); its misses were",
        "read to broaden the lists and the signal model learns from it, so there it is a regression",
        "check of the lists alone, like the development set (`ontwikkel`) and the training sets written",
        "blind in eight other voices (`leer1`-`leer8`) and by twenty invented writers each, asked for",
        "veiled and understated danger and strain (`leer9`-`leer41`; the lists alone find a tenth to",
        "two thirds of their danger), or for harmless answers in the words of tidying one's affairs",
        "(`leer42`), and by three voices each with harmless case stories of clients' suicide, written",
        "partly by speech-to-text (`leer43`, `leer44`), or by one voice each with such stories told with",
        "clients' words quoted without marks (`leer45`, `leer46`).",
        "",
        "| set | group | n | full support | check-in | aim | met | lists alone: support | lists alone: either |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for key, measured in signalen.items():
        name, group = key.split(".", 1)
        what, measure, direction, aim = SIGNAL_AIMS[group]
        value = measured[measure]
        met = value <= aim if direction == "at most" else value >= aim
        if group == "onschuldig":
            met = met and measured["support"] == 0
        lines.append(
            f"| {name} | {what} | {measured['n']} | {pct(measured['support'])} | {pct(measured['checkin'])} | "
            f"{direction} {pct(aim)} | {'yes' if met else 'no'} | {pct(measured.get('lists_support', 0))} | "
            f"{pct(measured.get('lists_either', 0))} |"
        )
    lines += [
        "",
        "Where the held-out aims are missed, and why. Each fresh blind set shows how far the lists carry",
        "to a writer who did not write them: as they came, danger got 113 for 80 %, 62 %, 87 %, 78 %,",
        "50 %, 66 %, 56 %, 53 %, 57 %, 67 %, 86 %, 71 %, 59 %, 65 % and 57 % of fifteen successive sets,",
        "strain a check-in for 59 % to 89 %. The six since (blind16 to blind21): danger 113 for 68 %,",
        "73 %, 58 %, 67 %, 73 % and 68 %, strain a check-in for 87 %, 76 %, 79 %, 89 %, 84 % and 87 %.",
        "Reading a set's misses and adding what generalises raises that set to 80-100 % and the next",
        "writer hardly. The signal model (`bot/classifier.py`, a logistic regression over word and",
        "character n-grams, trained by `rasa train` as a step of the NLU pipeline,",
        "`components/signaal.py`) learns from every read set and training set, and from the NLU's",
        "examples of every other intent as harmless. Near certain (0.9) of danger or strain, or sure",
        "of strain alone (0.7, since session 24), it gives a check-in, in words that name 113 when it",
        "leans to danger; only when it leans to danger (0.75)",
        "and Rasa's NLU also finds distress (0.9) is it the support message at once. Both thresholds",
        "were chosen by leaving one labelled set out at a time; with the twenty-eight sets of 2026-12-05,",
        "five of 6,237 harmless answers get the support message that way (among them 'Trots op het",
        "gezin, eigenlijk meer dan op mezelf.'); without that rule, danger given 113 at once would fall",
        "from 85 % to 70 % there. The model alone is not trusted with 113: it is 0.93 sure of danger",
        "in 'mijn collega's redden het wel zonder mij als ik op vakantie ben'. On `blind5` (now",
        "`toets12`), unread, eight training sets of twenty invented writers each (`leer9`-`leer16`)",
        "moved danger that gets at least a check-in from 70.5 % to 75.9 % (113 at once from 57.2 % to",
        "59.0 %) and strain from 68.9 % to 70.7 %; a second four of them added nothing more. On `blind6`,",
        "unread, reading blind5 and five more such sets (`leer17`-`leer21`) moved danger given 113",
        "from 66.7 % to 69.0 % (at least a check-in 88.7 % to 89.3 %), strain from 82.7 % to 83.3 % and",
        "strain with a request from 92.7 % to 94.5 %, at the same check-ins on harmless answers. On",
        "`blind7`, unread, reading blind6, five more training sets (`leer22`-`leer26`) and reading a",
        "writer who speaks of themselves without 'ik' moved danger given 113 from 85.7 % to 89.3 % (at",
        "least a check-in 91.1 % to 95.8 %), strain from 70.7 % to 81.4 %, strain with a request from",
        "76.2 % to 89.3 %, and check-ins on harmless answers from 1.6 % to 1.0 %; the two support",
        "messages on harmless answers remain. On `blind8`, unread, reading blind7 (now `toets14`: a new",
        "'ik' ends a clause typed without stops, idioms such as 'dood simpel' are neutral, families of",
        "danger and strain) and three more training sets (`leer27`-`leer29`, read for their false",
        "alarms: a literal quotation, a topic asked about, pride) moved danger given 113 from 71.3 % to",
        "72.0 % (at least a check-in 90.2 % to 91.5 %), strain from 89.2 % to 91.6 %, strain with a",
        "request from 94.0 % to 95.2 % (the aim), check-ins on harmless answers from 2.4 % to 2.2 % and",
        "support messages on them from three to one. The danger it misses at once is mostly veiled (the",
        "signal model gives most of it the check-in that names 113). On `blind9`, unread, reading",
        "blind8 (now `toets15`: means at hand, a height looked up, goodbyes kept secret, being taken by",
        "God; real words that are no typing slip, 'geld te sparen' is no 'te staren') and three more",
        "training sets (`leer30`-`leer32`) moved danger given 113 from 58.8 % to 60.6 % (at least a",
        "check-in 84.2 %, unchanged), strain with a request from 91.6 % to 93.4 % (strain 75.9 %,",
        "unchanged), check-ins on harmless answers from 4.5 % to 4.1 % and support messages on them from",
        "two to one: the lists read from one writer carry little to the next. On `blind10`, unread,",
        "reading blind9 (now `toets16`), three more training sets (`leer33`-`leer35`: clients who are",
        "old and dying, safety and enforcement, very short tired answers) and giving the check-in",
        "instead of nothing when danger found by a word or the signal model stands beside a",
        "reassurance (a reviewer showed 'ik heb goed geslapen vannacht, voor het eerst in maanden. het",
        "besluit staat vast' got nothing) moved danger that gets at least a check-in from 86.8 % to",
        "90.4 % (113 at once 64.7 %, unchanged), strain from 79.0 % to 82.6 %, strain with a request",
        "from 95.2 % to 95.8 %, and support messages on harmless answers from six to five, at 2.9 %",
        "check-ins (2.7 % as it came). On `blind11`, unread, reading blind10 (now `toets17`), three",
        "more training sets (`leer36`-`leer38`: writers who keep themselves out of their sentences,",
        "Dutch as a second language, laconic countryside writers; commissioned after blind11's numbers",
        "by voice, not its messages, were seen) and two rules moved danger given 113 from 57.2 % to",
        "60.8 % (at least a check-in 72.9 % to 78.3 %), strain from 66.7 % to 67.3 %, strain with a",
        "request from 80.4 % to 82.1 %, check-ins on harmless answers from 2.6 % to 2.2 % and support",
        "messages on them from two to one. The rules: 'haha' and 'grapje' are no reassurance, nor one",
        "a negation turns around ('ik ben er niet trots op'); and when the signal model leans to",
        "danger, a message that names no one is the writer's (the beleidsadviseur's 'er wordt' and",
        "'men'; most of the gain). The lists alone gained nothing there: a reviewer showed nearly all",
        "phrases first added for toets17's veiled danger giving 113 to everyday sentences. On",
        "`blind12`, unread, reading blind11 (now `toets18`) and training the signal model on it moved",
        "danger given 113 from 58.5 % to 57.9 %, danger with at least a check-in from 86.6 % to 90.2 %,",
        "strain from 83.1 % to 83.7 % and strain with a request from 93.4 % to 92.8 %; check-ins on",
        "harmless answers went from 2.0 % to 2.2 %, support messages on them stayed two. The gain is",
        "one rule: a message the signal model leans to danger for (0.75) gets at least the check-in",
        "that names 113, as a conversation held as the widowed wijkcoach showed ('Ik heb de papieren",
        "al geordend, zodat de kinderen niks hoeven uit te zoeken': 0.78). A message that names no one",
        "is now the writer's for strain too, and 'gaat wel' is no reassurance. On toets18 itself, with",
        "the signal model from before it was read, the day's rules moved danger with at least a",
        "check-in from 78.3 % to 81.9 %, strain from 67.3 % to 72.6 %, strain with a request from",
        "82.1 % to 89.9 %, and check-ins on harmless answers from 2.2 % to 2.6 % (support messages on",
        "them from one to none). On `blind13`, unread, reading blind12 (now `toets19`), training the",
        "signal model on it and on three more training sets (`leer39`-`leer41`: weary professionals",
        "near their pension, street and shelter workers, gallows humour; kinds of writer unlike",
        "blind13's) and one rule moved danger given 113 from 73.3 % to 80.6 % (at least a check-in",
        "95.2 % to 95.8 %), strain from 83.8 % to 82.6 %, strain with a request stayed 92.9 %,",
        "check-ins on harmless answers went from 3.3 % to 3.1 %, support messages on them from five to",
        "four (the last after rules that a reviewer's sentences led to, not blind13's). On `blind14`,",
        "unread, reading blind13 (now `toets20`) and training the signal model on it moved danger",
        "given 113 from 77.0 % to 76.4 % (one message, with the retrained model), strain from 87.3 % to",
        "88.6 %, and left the rest as it came: the phrases its misses led to are specific to its",
        "writers. A rule for leaving a job ('ik ben er straks niet meer' beside 'een andere gemeente')",
        "was first written with a broad list (handover, successor, holiday) and cut back: on the sets",
        "read, veiled danger hides behind exactly those words, and on blind14 113 for danger fell to",
        "73.9 % with it. On `blind15`, unread, reading blind14 (now `toets21`) and training the",
        "signal model on it left danger given 113 at 73.9 % and at least a check-in at 86.7 %, moved",
        "strain from 88.6 % to 87.4 % (two messages, the retrained model), left strain with a request",
        "at 98.2 %, and check-ins on harmless answers from 3.7 % to 3.3 %, support messages on them",
        "from nine to eight. On toets21 itself the phrases its misses led to took danger given 113 by",
        "the lists alone from 45.3 % to 59.6 % (the whole turn, with the model that now learns from it,",
        "from 76.4 % to 93.8 %): specific to its writers, as before. What the turn names",
        "besides: 113 also stands in the check-in for grave strain, so on blind15 84.2 % of danger",
        "saw the number (73.9 % in the support message, 10.3 % in that check-in). On `blind16`,",
        "unread, reading blind15 (now `toets22`), training the signal model on it and on `leer42`",
        "(harmless answers in the words of tidying one's affairs, after a tester's 'Ik heb gezegd dat",
        "ik het zou uitzoeken.' got the grave check-in) and three rules moved danger given 113 from",
        "68.3 % to 69.6 %, at least a check-in from 78.9 % to 79.5 %, strain with a request from",
        "95.8 % to 97.6 %, and left strain at 86.8 % and the harmless answers at 0.8 % check-ins and",
        "four support messages; retraining the NLU with a new request (`shortcut`, 'kunnen we het kort",
        "houden?') then moved its distress on a few messages: danger given 113 to 67.7 % (three to the",
        "check-in, two of them naming 113; 77.0 % saw the number, as when it came), strain to 86.2 %.",
        "The rules: the writer's own family is no one of the case ('zodat mijn",
        "vrouw het niet ziet'), suicidality named among people of the work is a topic ('bij jongeren',",
        "'na een suïcidepoging'), and a short question or request to the bot without a word of",
        "strain gets no check-in from the signal model alone. On toets22 the phrases its misses led",
        "to took danger given 113 by the lists alone from 33.3 % to 35.8 %: as before, specific to",
        "its writers. On `blind17`, unread, reading blind16 (now `toets23`), training the signal model",
        "on it and the rules its four harmless answers with 113 led to (clients 'die suïcidale",
        "uitspraken doen', 'de zelfmoord van opa', a question put to a client, 'de brug slaan' with the",
        "model's danger) moved danger given 113 from 73.3 % to 73.9 %, at least a check-in from 90.3 %",
        "to 89.1 % (two messages), strain from 76.1 % to 76.7 %, strain with a request from 86.0 % to",
        "88.4 %, and left the harmless answers at 1.4 % check-ins and five support messages; on",
        "toets23 itself those four now get nothing. On `blind18`, unread, reading blind17 (now",
        "`toets24`), training the signal model on it, the rules its false alarms led to (someone else's",
        "attempt 'in het dossier' or after 'zijn', 'er een eind aan maken, aan die pilot', 'doodmoe van",
        "de regels' said lightly) and the signal model's check-in when it is sure of strain alone (0.7;",
        "chosen on blind17 and by leaving each toets set out) moved danger given 113 from 58.2 % to",
        "59.4 %, at least a check-in from 83.0 % to 83.6 %, strain from 79.4 % to 84.2 %,",
        "strain with a request from 90.3 % to 93.9 %, and harmless answers from 1.5 % check-ins and",
        "four support messages to the same seven check-ins (1.5 %) and three support messages. On",
        "`blind19`, unread, reading blind18 (now `toets25`), training the signal model on it and two",
        "rules its misses led to (a sentence beside a request that asks nothing is no part of it; 'behalve'",
        "after a reassurance turns it around) moved danger given 113 from 67.3 % to 69.1 %, at least a",
        "check-in from 85.5 % to 84.8 % (one message), left strain at 88.5 % and strain with a request",
        "at 97.6 %, and took the harmless answers from six check-ins to four and the same one support",
        "message; on toets25 itself its three support messages and five of its seven check-ins on",
        "harmless answers get nothing since. On `blind20`, unread, reading blind19 (now `toets26`:",
        "self-harm in its writers' words, 'het woord zelfmoord' as a word that was said, dictated 'punt'",
        "and 'komma' as the end of a clause), two training sets read as they came (`leer43`, `leer44`:",
        "thoughts of danger named without whose they are are the writer's, 'de zelfdoding van een",
        "cliënt' is the client's also with 'ik' before it, compounds split by speech-to-text joined) and",
        "the signal model trained on all three moved danger given 113 from 73.3 % to 78.2 %, at least a",
        "check-in from 87.9 % to 90.3 %, strain from 84.2 % to 88.5 % and strain with a request from",
        "94.5 % to 95.2 % (the aim), and left the harmless answers at ten check-ins and nine support",
        "messages (unread then). Its 75 explicit danger messages: 72 got 113 as it came, 74 then.",
        "Reading it (now `toets27`) showed what those nine support messages were: someone else's",
        "death told as an event ('na die zelfmoord', 'de derde overdosis in de wijk', 'het was een",
        "overdosis volgens de politie'), a client's words quoted without marks ('die gast zei gewoon ik",
        "spring van de brug'), a leervraag ('hoe bespreek ik signalen van suïcidaliteit met een",
        "inwoner') and a client's 'al ga ik er dood aan'; they get nothing since. On `blind21`, unread,",
        "reading blind20 (now `toets27`), two training sets read as they came (`leer45`, `leer46`: a",
        "client's words quoted without marks, 'die overdosis' as an event also after 'ik', 'het",
        "springen van de brug ..., zei hij later') and the signal model trained on all three left danger",
        "given 113 at 67.7 % (111 of 164) and its explicit messages at 49 of 52, and moved danger at",
        "least a check-in from 82.9 % to 84.8 %, strain from 86.6 % to 88.4 %, strain with a request",
        "at 95.7 %, and the harmless answers from three support messages to one and from 2.3 % to",
        "2.1 % check-ins (unread: what they are is not known).",
        "The rows `gevaar_expliciet` count the danger messages a",
        "helper marked as saying it in so many words (`tests/nlu/expliciet.yml`: wanting to die,",
        "suicide, hurting oneself, everyone better off without me, a means with the intent said; the",
        "rest of each set's danger is veiled): the issue's aim of 113 for every explicit phrasing",
        "measured as it reads. On blind19 (now toets26) 33 of its 37 got 113 as it came (36 at least",
        "the check-in), all 37 since it was read; on toets22-25 eight of 159 got only the check-in until",
        "their phrases were read, two still do.",
        "The rule: the signal model alone near certain of danger (0.95) gives 113 at once ('Ik sta nu",
        "op het balkon. Zesde verdieping.' got the check-in); leaving each of the nineteen toets sets",
        "out in turn, it took danger given 113 from 83.6 % to 88.2 % and no harmless answer of 8,264",
        "got the support message more. The new training sets changed little (danger at least a",
        "check-in +0.6, strain -0.6 points). On toets19, 'pensioen' was a reassurance that took back",
        "veiled danger about the pension (now only 'met pensioen').",
        "A stronger classifier is not the lever either:",
        "leaving one set out, C from 4 to 32, wider n-grams, a calibrated linear SVM and the maximum",
        "over sentences each moved danger by at most a point (the last at three times the check-ins",
        "on harmless answers), and lowering the thresholds trades each point for more false alarms.",
        "",
        "The NLU's `distress` intent alone is no signal: it may add one only with a word about one's",
        "own wellbeing or about death and self-harm in a short message about oneself (without that",
        'guard the classifier alone made six of eight support messages false alarms, and it calls "dak',
        'kapot" and "ja eigenlijk wel, als ik het mandaat krijg" distress with near certainty: at 0.99',
        "about the writer it would flag 1.1 % of the harmless answers). What helped most was many",
        "different writers: training sets of twenty invented writers each did more than sets of one",
        "voice. A pretrained multilingual sentence model would generalise further but needs PyTorch",
        "beside Rasa's TensorFlow and a model file from outside (the multilingual sentence models looked",
        "for on PyPI do not carry their weights). What softens a miss: a missed strain message is kept",
        "as an answer (nothing is lost) and every question offers Pauze.",
        "",
    ]
    return lines


def privacy_lines(privacy: dict) -> list[str]:
    """What the scrubbing catches (scripts/bench_privacy.py)."""
    held = privacy["held_out"]
    names = privacy["names"]
    return [
        "## Identifying data",
        "",
        "`scripts/bench_privacy.py`: written forms of each kind of identifying data, names as a",
        "professional might type them despite the request to use roles, and the held-out answers",
        "(written with roles and no identifying data) to count what is changed that should not be.",
        "The forms and names are the ones the tests were written with, not a blind set: they show",
        "what is covered, not how an unseen way of writing fares.",
        "",
        "| kind | forms removed |",
        "|---|---|",
        *(f"| {kind} | {v['caught']} of {v['of']} |" for kind, v in privacy["forms"].items()),
        f"| names (deduce) | {names['caught']} of {names['of']} |",
        "",
        f"Of {held['answers']} held-out answers, the patterns changed {held['changed_by_patterns']} and name "
        f"detection {held['changed_by_names']} (aim: under 2 %). deduce loads in {privacy['deduce_load_s']} s "
        "when the server starts and adds about 1.1 GB to the Rasa server's memory (in the table above).",
        "",
    ]


def main() -> int:
    judged = json.loads((RESULTS / "nlu-heldout.json").read_text(encoding="utf-8"))
    signalen = load(RESULTS / "signalen.json")
    privacy = load(RESULTS / "privacy.json")
    report = json.loads((RESULTS / "nlu" / "intent_report.json").read_text(encoding="utf-8"))
    cv_report = load(RESULTS / "nlu-cv" / "intent_report.json")
    speed = load(RESULTS / "speed.json")
    minutes = bench_minutes()
    macro_f1 = report["macro avg"]["f1-score"]
    per_intent = judged["requests_recognised_per_intent"]
    intents = sorted(
        k
        for k, v in report.items()
        if isinstance(v, dict) and "support" in v and k not in ("micro avg", "macro avg", "weighted avg")
    )
    lines = [
        "# Benchmarks",
        "",
        f"Written by `make bench` on {datetime.date.today().isoformat()}, on {machine()}."
        + (f" The whole run took {minutes:.1f} minutes, set-up and training included." if minutes else ""),
        "The same numbers are in [benchmarks.json](benchmarks.json).",
        "",
        "Commands, in order:",
        "",
        *(f"- `{command}`" for command in COMMANDS),
        "",
        *(speed_lines(speed, macro_f1) if speed else ["Speed was not measured in this run.", ""]),
        "## Understanding at an open question (held-out set)",
        "",
        "`tests/nlu/heldout.yml` holds messages written apart from the training data (no example in",
        "both, checked case- and punctuation-insensitively): realistic case answers, about half of them",
        'case sentences with command-like words ("de klant wilde stoppen"), and 26 to 30 messages per',
        "request intent. Each goes through the trained model and the answer-or-request judgement",
        "([judgement.md](judgement.md)) as at an open question; `tests/nlu/test_heldout.py` guards the rates.",
        "",
        "| measure | rate |",
        "|---|---|",
        f"| answers kept directly | {pct(judged['answers_kept_directly'])} (of {judged['answers']}) |",
        f"| answers the bot asks about (\"bewaren, of bedoel je ...?\") | {pct(judged['answers_asked_about'])} |",
        f"| answers taken as a request (lost) | {pct(judged['answers_taken_as_request'])} |",
        f"| requests recognised, all intents | {pct(judged['requests_recognised'])} (of {judged['requests']}) |",
        f"| requests the bot asks about instead | {pct(judged['requests_asked_about'])} |",
        "",
        "Per request intent (recognised: acted on as that request; distress: a check-in or support; off-topic:",
        'the out-of-scope reply or "niet begrepen", then the question again):',
        "",
        "| intent | recognised |",
        "|---|---|",
        # in the order of tests/nlu/test_heldout.py
        *(f"| {intent} | {pct(rate)} |" for intent, rate in per_intent.items()),
        "",
        f"Answers taken as a request: {', '.join(map(repr, judged['answers_taken_as_request_examples'])) or 'none'}.",
        "A missed request is kept as an answer, not lost: the user sees the next question and can go back.",
        "",
        *(signal_lines(signalen) if signalen else []),
        *(privacy_lines(privacy) if privacy else []),
        "## Intent classification on the held-out set (`rasa test nlu`)",
        "",
        f"Macro F1 {report['macro avg']['f1-score']:.3f}, weighted F1 {report['weighted avg']['f1-score']:.3f}.",
        "",
        "| intent | precision | recall | F1 | support |",
        "|---|---|---|---|---|",
        *(
            f"| {i} | {report[i]['precision']:.3f} | {report[i]['recall']:.3f} | {report[i]['f1-score']:.3f} | "
            f"{report[i]['support']} |"
            for i in intents
        ),
        "",
        "The classifier alone is not the whole story: a short message about someone in the case, a long",
        "message, or a low-confidence request is still kept as an answer by the judgement, which is why",
        "answers are kept far more often than the `answer` intent's recall alone would suggest.",
        "",
        "Confusions that matter most on the held-out set (true → predicted, count): "
        + ", ".join(f"{c['intent']} → {c['predicted']} ({c['count']})" for c in confusions(RESULTS / "nlu"))
        + ".",
        "",
    ]
    if cv_report:
        lines += [
            "## 5-fold cross-validation on the training data",
            "",
            f"Macro F1 {cv_report['macro avg']['f1-score']:.3f}, weighted F1 "
            f"{cv_report['weighted avg']['f1-score']:.3f} over the test folds. Most frequent confusions: "
            + ", ".join(f"{c['intent']} → {c['predicted']} ({c['count']})" for c in confusions(RESULTS / "nlu-cv"))
            + ".",
            "",
        ]
    OUT.write_text("\n".join(lines), encoding="utf-8")
    everything = {
        "date": datetime.date.today().isoformat(),
        "machine": machine(),
        "bench_minutes": round(minutes, 1) if minutes else None,
        "commands": COMMANDS,
        "heldout_judgement": judged,
        "stepped_care": signalen,
        "privacy": privacy,
        "heldout_intents": {"macro_f1": macro_f1, "report": report, "confusions": confusions(RESULTS / "nlu")},
        "cross_validation": {
            "macro_f1": cv_report["macro avg"]["f1-score"],
            "confusions": confusions(RESULTS / "nlu-cv"),
        }
        if cv_report
        else None,
        "speed": speed,
        "fast_paths": fast_paths(),
    }
    OUT_JSON.write_text(json.dumps(everything, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"Wrote {OUT.relative_to(ROOT)} and {OUT_JSON.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
