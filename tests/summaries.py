"""Real summaries for the tests of the exports: conversations held through bot.turn, so that
what is exported is what a user gets, not a hand-written dict."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from bot.engine import Waiting
from bot.export import LOCAL_TIME
from tests.talk import Talk
from tests.test_reflection_path import CONSULENT, STEP

# Three verbeterstappen: one with a date, one someone else leads with a vague wanneer, one
# counted from the day of the conversation.
STEPS = [
    {
        "wat": "Een vast belmoment met de klantmanager plannen",
        "wie": "Ik zelf",
        "wanneer": "voor 1 maart",
        "merkbaar": "Er gaat geen maatregel meer uit zonder dat wij het weten.",
    },
    {
        "wat": "Het casusoverleg van W&I en wijkteam op de agenda zetten",
        "wie": "mijn teamleider",
        "eigen_stap": "Ik mail mijn teamleider het voorstel",
        "wanneer": "na de zomer",
        "merkbaar": "W&I schuift elke maand aan.",
    },
    {
        "wat": "De werkafspraak over maatregelen opschrijven",
        "wie": "Ik",
        "wanneer": "over twee weken",
        "merkbaar": "Het staat op intranet en collega's gebruiken het.",
    },
]

DAYS = [date(2027, 3, 1), None, date(2026, 12, 18)]  # the day of each step's wanneer, said on MADE's day
# The moment the summary was made: the day on the documents, and "over twee weken" counts from it.
MADE = datetime(2026, 12, 4, 15, 30, tzinfo=LOCAL_TIME)

INTERVISIE = {
    "intervisie.casus": "Een jongere moet van W&I een traject doen; het wijkteam wil eerst wonen regelen.",
    "intervisie.moment": "Toen de klantmanager belde dat het traject maandag begon.",
    "intervisie.geprobeerd": "Ik zei dat het goed was, want ik wilde geen ruzie.",
    "intervisie.inbrengvraag": "Hoe kan ik bij een botsing over de regie eerder zelf het overleg zoeken?",
}


def reflection_summary(steps: list[dict[str, str]] = STEPS) -> dict[str, Any]:
    """The summary of a whole reflection with ``steps`` as its verbeterstappen."""
    talk = Talk()
    talk.say("hallo", "greet")
    talk.start()
    done = 0
    for _ in range(80):
        if talk.meta["kind"] == "summary":
            return talk.meta["summary"]
        if talk.waiting == Waiting.CHOICE.value:
            talk.say("/affirm", "affirm", 1.0)
        elif talk.waiting == Waiting.MORE.value:
            done += 1
            talk.say(*(("ja", "affirm") if done < len(steps) else ("nee", "deny")))
        elif talk.waiting == Waiting.DEEPER.value:
            talk.say("nee", "deny")
        elif talk.meta["kind"] == "clarify":
            talk.say("/skip", "skip", 1.0)
        elif talk.step in CONSULENT:
            talk.say(CONSULENT[talk.step])
        else:
            part = talk.step.rsplit(".", 1)[-1]
            talk.say(steps[done].get(part) or STEP[part])  # STEP: the bouwopgave's questions
    raise AssertionError(f"no summary; last {talk.meta}")


def intervisie_summary() -> dict[str, Any]:
    """The summary of a prepared intervisie: its intervisieblad."""
    talk = Talk()
    talk.say("hallo", "greet")
    talk.start("intervisie")
    for _ in range(20):
        if talk.meta["kind"] == "summary":
            return talk.meta["summary"]
        if talk.waiting == Waiting.CHOICE.value:
            talk.say("4", "answer", 0.9)
        elif talk.meta["kind"] == "clarify":
            talk.say("/skip", "skip", 1.0)
        else:
            talk.say(INTERVISIE.get(talk.step, "De regels van W&I en de regie van het wijkteam botsten."))
    raise AssertionError(f"no summary; last {talk.meta}")
