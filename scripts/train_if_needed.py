"""Train the model only when data, config or domain changed since the last training.

The fingerprint of everything Rasa trains on is stored next to the model; when it
matches, the existing model is used as is.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODEL_DIR = ROOT / "models"
MODEL_NAME = "bouwgesprek"
FINGERPRINT = MODEL_DIR / f"{MODEL_NAME}.fingerprint"
# How long the last training took, for `make bench` (scripts/bench_speed.py).
TRAINING = MODEL_DIR / f"{MODEL_NAME}.training.json"
INPUTS = [ROOT / "config.yml", ROOT / "domain.yml", ROOT / "requirements.txt", *sorted((ROOT / "data").rglob("*.yml"))]


def fingerprint() -> str:
    digest = hashlib.sha256()
    for path in INPUTS:
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def main() -> int:
    model = MODEL_DIR / f"{MODEL_NAME}.tar.gz"
    current = fingerprint()
    if model.is_file() and FINGERPRINT.is_file() and FINGERPRINT.read_text().strip() == current:
        print(f"Model is up to date: {model.relative_to(ROOT)}")
        return 0
    print("Data, config or domain changed: training the model ...", flush=True)
    rasa = Path(sys.executable).parent / "rasa"
    began = time.perf_counter()
    # --force: Rasa's cache would otherwise reuse components trained on other data, and the
    # recorded time would not be that of training this model.
    command = [str(rasa), "train", "--force", "--fixed-model-name", MODEL_NAME, "--out", str(MODEL_DIR)]
    result = subprocess.run(command, cwd=ROOT)
    if result.returncode != 0:
        return result.returncode
    seconds = round(time.perf_counter() - began, 1)
    TRAINING.write_text(
        json.dumps({"fingerprint": current, "seconds": seconds, "date": datetime.date.today().isoformat()})
    )
    FINGERPRINT.write_text(current + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
