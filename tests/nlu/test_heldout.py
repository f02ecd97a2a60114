"""Held-out Dutch messages (tests/nlu/heldout.yml, never trained on) through the trained
model and the answer-or-request judgement, at an open question.

What a user would notice is guarded here: answers lost as requests, requests ignored as
answers. The rates are written to results/nlu-heldout.json for docs/benchmarks.md.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections import Counter, defaultdict

import pytest
import yaml

from bot.content import get_content
from bot.engine import Waiting
from bot.interpret import Parsed, judge
from bot.signals import Signals
from tests.conftest import ROOT

pytestmark = pytest.mark.e2e  # needs the trained model

HELDOUT = ROOT / "tests" / "nlu" / "heldout.yml"
MODEL = ROOT / "models" / "bouwgesprek.tar.gz"
REPORT = ROOT / "results" / "nlu-heldout.json"

# Requests the judgement must recognise at an open question (affirm/deny are answers there).
NAVIGATION = ("help", "skip", "go_back", "pause", "resume", "quit", "dont_know", "delete_conversation")
SMALL_TALK = ("greet", "thanks", "bot_challenge", "out_of_scope")
REQUESTS = (*NAVIGATION, "distress", *SMALL_TALK)

# Lowered in issue 13: 37 training examples that were also held out were taken out of the
# training data (the earlier rates were partly measured on seen examples), and distress now
# needs a phrase or a word about one's own wellbeing, because the NLU alone gave six false
# alarms in eight. 240 distress examples were added for recall, some with request words in
# them ("sla deze over, ik ben op"), which cost a few navigation requests (kept as answers,
# so not lost). Answers kept and lost are as strict as before.
# The bar, set from the measured rates (docs/benchmarks.md) with room for one or two
# examples of difference after retraining on another machine (30 messages per intent).
MAX_ANSWERS_TAKEN_AS_REQUEST = 0.02
MIN_ANSWERS_KEPT_DIRECTLY = 0.95
MIN_REQUESTS_RECOGNISED = 0.85
MIN_NAVIGATION_RECOGNISED_PER_INTENT = 0.75
MIN_SMALL_TALK_RECOGNISED_PER_INTENT = 0.60
MIN_DISTRESS_SUPPORTED = 0.80


def examples() -> dict[str, list[str]]:
    result: dict[str, list[str]] = defaultdict(list)
    for item in yaml.safe_load(HELDOUT.read_text(encoding="utf-8"))["nlu"]:
        for line in item["examples"].splitlines():
            text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", line.strip()[2:]) if line.strip().startswith("- ") else ""
            if text:
                result[item["intent"]].append(text)
    return result


@pytest.fixture(scope="module")
def judged() -> dict[str, list[tuple[str, object]]]:
    from rasa.core.agent import Agent

    if not MODEL.is_file():
        pytest.fail(f"{MODEL} is missing: run `make train`")
    content = get_content()
    signals = Signals.from_content(content)
    agent = Agent.load(str(MODEL))

    async def parse_all() -> dict[str, list[tuple[str, object]]]:
        out: dict[str, list[tuple[str, object]]] = defaultdict(list)
        for intent, texts in examples().items():
            for text in texts:
                parsed = Parsed.from_message(await agent.parse_message(text))
                verdict = judge(parsed, Waiting.ANSWER, signals)
                out[intent].append((text, verdict))
        return out

    return asyncio.run(parse_all())


def recognised(intent: str, verdict) -> bool:
    if intent == "out_of_scope" and verdict.kind == "invalid":
        return True  # key mashes: "niet begrepen" and the question again, as for off-topic talk
    if intent == "distress":  # support or a check-in, whatever else the message is
        return verdict.signal is not None
    return verdict.kind == "request" and verdict.intent == intent


def test_the_heldout_set_is_large_enough():
    counts = {intent: len(texts) for intent, texts in examples().items()}
    assert counts.get("answer", 0) >= 150
    for intent in (*NAVIGATION, "distress"):
        assert counts.get(intent, 0) >= 25, intent


def test_heldout_answers_are_kept_and_requests_recognised(judged):
    answers = judged["answer"]
    kinds = Counter(verdict.kind for _, verdict in answers)
    taken = [text for text, verdict in answers if verdict.kind == "request"]
    per_intent = {
        intent: sum(recognised(intent, v) for _, v in judged[intent]) / len(judged[intent])
        for intent in REQUESTS
        if judged.get(intent)
    }
    total = sum(len(judged[i]) for i in per_intent)
    overall = sum(sum(recognised(i, v) for _, v in judged[i]) for i in per_intent) / total
    missed = {i: [t for t, v in judged[i] if not recognised(i, v)] for i in per_intent}
    asked = sum(v.kind == "unsure" and v.intent == i for i in per_intent for _, v in judged[i]) / total
    report = {
        "answers": len(answers),
        "answers_kept_directly": kinds["answer"] / len(answers),
        "answers_asked_about": kinds["unsure"] / len(answers),
        "answers_taken_as_request": len(taken) / len(answers),
        "answers_taken_as_request_examples": taken,
        "requests": total,
        "requests_recognised": overall,
        "requests_asked_about": asked,
        "requests_recognised_per_intent": per_intent,
        "requests_missed_examples": missed,
    }
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")

    assert report["answers_taken_as_request"] <= MAX_ANSWERS_TAKEN_AS_REQUEST, taken
    assert report["answers_kept_directly"] >= MIN_ANSWERS_KEPT_DIRECTLY
    assert per_intent["distress"] >= MIN_DISTRESS_SUPPORTED, missed["distress"]
    assert overall >= MIN_REQUESTS_RECOGNISED, missed
    for intent in NAVIGATION:
        assert per_intent[intent] >= MIN_NAVIGATION_RECOGNISED_PER_INTENT, (intent, missed[intent])
    for intent in SMALL_TALK:
        assert per_intent[intent] >= MIN_SMALL_TALK_RECOGNISED_PER_INTENT, (intent, missed[intent])
