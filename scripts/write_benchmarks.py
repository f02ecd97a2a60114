"""Write docs/benchmarks.md from the measurements of `make bench`.

Reads results/nlu-heldout.json (the answer-or-request judgement on the held-out set,
written by tests/nlu/test_heldout.py) and results/nlu/intent_report.json (`rasa test nlu`
on the same set), and records the machine, the date and the commands.
"""

from __future__ import annotations

import datetime
import json
import os
import platform
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "results"
OUT = ROOT / "docs" / "benchmarks.md"


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


def main() -> int:
    judged = json.loads((RESULTS / "nlu-heldout.json").read_text(encoding="utf-8"))
    report = json.loads((RESULTS / "nlu" / "intent_report.json").read_text(encoding="utf-8"))
    per_intent = judged["requests_recognised_per_intent"]
    intents = sorted(
        k
        for k, v in report.items()
        if isinstance(v, dict) and "support" in v and k not in ("micro avg", "macro avg", "weighted avg")
    )
    lines = [
        "# Benchmarks",
        "",
        f"Written by `make bench` on {datetime.date.today().isoformat()}, on {machine()}.",
        "Speed, memory and scale-out are not measured yet (issue 7 extends `make bench`).",
        "",
        "Commands: `.venv/bin/python -m pytest tests/nlu` (writes `results/nlu-heldout.json`),",
        "`rasa test nlu --nlu tests/nlu/heldout.yml --out results/nlu`, then",
        "`python scripts/write_benchmarks.py`.",
        "",
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
        "Per request intent (recognised: acted on as that request; distress: support offered; off-topic:",
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
    ]
    OUT.write_text("\n".join(lines), encoding="utf-8")
    print(f"Wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
