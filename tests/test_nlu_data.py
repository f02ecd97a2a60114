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


def normalised(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def test_no_example_of_the_distress_sets_is_trained_on_or_a_phrase_of_its_own():
    """The signal sets measure recognition; they must not be in the training data or the phrase lists."""
    from bot.content import get_content

    trained = set().union(*(normalised_examples(p) for p in (ROOT / "data" / "nlu").glob("*.yml")))
    signalen = get_content().signalen
    phrases = {normalised(p) for key in ("gevaar", "spanning") for p in signalen[key]}
    for path in sorted([*(ROOT / "data" / "signalen").glob("*.yml"), *(ROOT / "tests" / "nlu").glob("signalen_*.yml")]):
        groups = yaml.safe_load(path.read_text(encoding="utf-8"))
        # Short harmless answers ("geen idee", "de inwoner") are everyday words, in any training set.
        texts = {
            normalised(t)
            for group, items in groups.items()
            for t in items
            if group != "onschuldig" or len(t.split()) > 3
        }
        assert not texts & trained, f"{path.name} is trained on: {sorted(texts & trained)[:5]}"
        # "ik wil dood", "was ik maar dood": short phrases are set items by nature; a copied sentence is longer.
        # The development set is where the phrases were tuned; the others must stay apart.
        copied = {t for t in texts & phrases if len(t.split()) > 5} if "ontwikkel" not in path.name else set()
        assert not copied, f"{path.name} is copied into signalen.yml: {sorted(copied)[:5]}"


def test_the_held_out_signal_set_is_not_learnt_from():
    """The signal model (bot/classifier.py) learns from data/signalen/; the held-out set
    (tests/nlu/signalen_blind*.yml) measures it only while none of its messages is there."""
    learnt = set()
    for path in (ROOT / "data" / "signalen").glob("*.yml"):
        learnt |= {normalised(t) for items in yaml.safe_load(path.read_text(encoding="utf-8")).values() for t in items}
    for path in (ROOT / "tests" / "nlu").glob("signalen_*.yml"):
        groups = yaml.safe_load(path.read_text(encoding="utf-8"))
        texts = {normalised(t) for group, items in groups.items() for t in items if len(t.split()) > 3}
        assert not texts & learnt, f"{path.name} is learnt from: {sorted(texts & learnt)[:5]}"
