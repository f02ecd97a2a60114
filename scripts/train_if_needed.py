"""Train the model only when data, config or domain changed since the last training.

The fingerprint of everything Rasa trains on is stored next to the model; when it
matches, the existing model is used as is.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bot.settings import load, rasa_environment  # noqa: E402

# Rasa's own output (progress bars, warnings) goes here; the terminal gets a few lines.
LOG = ROOT / "var" / "train.log"
MODEL_DIR = ROOT / "models"
MODEL_NAME = "bouwgesprek"
FINGERPRINT = MODEL_DIR / f"{MODEL_NAME}.fingerprint"
# How long the last training took, for `make bench` (scripts/bench_speed.py).
TRAINING = MODEL_DIR / f"{MODEL_NAME}.training.json"
# What the model is trained from: the configuration and data, and the code of our own pipeline
# steps and policy (components/) with what they learn through (the signal model and the
# normalising of text it reads).
INPUTS = [
    ROOT / "config.yml",
    ROOT / "domain.yml",
    ROOT / "requirements.txt",
    *sorted((ROOT / "data").rglob("*.yml")),
    *sorted((ROOT / "components").glob("*.py")),
    ROOT / "bot" / "classifier.py",
    ROOT / "bot" / "phrases.py",
]


def fingerprint() -> str:
    digest = hashlib.sha256()
    for path in INPUTS:
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def show_progress(process: subprocess.Popen, began: float) -> None:
    """Wait for ``process``, showing the time passed: on one line in a terminal, else every 30 s."""
    terminal = sys.stdout.isatty()
    shown = 0.0
    while process.poll() is None:
        passed = time.perf_counter() - began
        if terminal:
            print(f"\r  training ... {passed:.0f} s", end="", flush=True)
        elif passed - shown >= 30:
            print(f"  training ... {passed:.0f} s", flush=True)
            shown = passed
        time.sleep(1)
    if terminal:
        print("\r" + " " * 30 + "\r", end="", flush=True)


def main() -> int:
    model = MODEL_DIR / f"{MODEL_NAME}.tar.gz"
    current = fingerprint()
    if model.is_file() and FINGERPRINT.is_file() and FINGERPRINT.read_text().strip() == current:
        print(f"Model is up to date: {model.relative_to(ROOT)}")
        return 0
    LOG.parent.mkdir(exist_ok=True)
    print(f"Training the model: data, config or domain changed (about two minutes; log: {LOG.relative_to(ROOT)})")
    rasa = Path(sys.executable).parent / "rasa"
    began = time.perf_counter()
    # --force: Rasa's cache would otherwise reuse components trained on other data, and the
    # recorded time would not be that of training this model.
    command = [str(rasa), "train", "--force", "--fixed-model-name", MODEL_NAME, "--out", str(MODEL_DIR)]
    with LOG.open("w", encoding="utf-8") as log:
        process = subprocess.Popen(
            command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **rasa_environment(load())}
        )
        show_progress(process, began)
    if process.returncode != 0:
        print("".join(LOG.read_text(encoding="utf-8", errors="replace").splitlines(keepends=True)[-40:]))
        print(f"Training failed; the whole log is in {LOG.relative_to(ROOT)}", file=sys.stderr)
        return process.returncode
    seconds = round(time.perf_counter() - began, 1)
    print(f"Model trained in {seconds:.0f} s: {model.relative_to(ROOT)}")
    TRAINING.write_text(
        json.dumps({"fingerprint": current, "seconds": seconds, "date": datetime.date.today().isoformat()})
    )
    FINGERPRINT.write_text(current + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
