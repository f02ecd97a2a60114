"""The held-out NLU set stays held out: no example of it is in the training data."""

from __future__ import annotations

import re

import yaml

from tests.conftest import ROOT


def normalised_examples(path) -> set[str]:
    found = set()
    for item in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
        for line in (item.get("examples") or "").splitlines():
            if line.strip().startswith("- "):
                text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", line.strip()[2:])
                found.add(" ".join(re.sub(r"[^\w\s]", " ", text.lower()).split()))
    return found


def test_no_held_out_example_is_trained_on():
    held_out = normalised_examples(ROOT / "tests" / "nlu" / "heldout.yml")
    for path in sorted((ROOT / "data" / "nlu").glob("*.yml")):
        leaked = normalised_examples(path) & held_out
        assert not leaked, f"{path.name} trains on held-out examples: {sorted(leaked)}"
