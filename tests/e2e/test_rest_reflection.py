"""A whole reflection over Rasa's REST channel, with the real action server.

Starts both servers on free ports, walks a reflection with interruptions the way a
client of docs/client-contract.md would, and checks the summary.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.conftest import KINDS, PHASES
from tests.e2e.servers import Client, running_servers

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def servers(tmp_path_factory) -> Iterator[str]:
    with running_servers(tmp_path_factory.mktemp("servers")) as url:
        yield url


def answer_until(client: Client, step_prefix: str, answers: dict[str, str]) -> None:
    """Answer open questions with a text per step until the current step starts with ``step_prefix``."""
    for _ in range(40):
        state = client.state()
        if state["step"].startswith(step_prefix):
            return
        if state["kind"] == "confirm":
            client.say("nee")  # the offer of the bouwopgave's thema questions: not now
            continue
        assert state["kind"] == "question", state
        text = answers.setdefault(
            state["step"], f"Mijn antwoord op {state['step']}: het was lastig, de klant wilde stoppen."
        )
        client.say(text)
    raise AssertionError(f"never reached {step_prefix}")


def test_a_whole_reflection_with_interruptions_ends_in_a_complete_summary(servers):
    client = Client(servers, "e2e-reflectie")
    answers: dict[str, str] = {}

    welcome = client.say("hallo")
    assert client.state()["phase"] == "welkom"
    assert any(b["payload"].startswith("/start_flow") for m in welcome for b in m.get("buttons", []))

    client.say("Ik wil reflecteren op een lastige casus")
    assert (client.state()["phase"], client.state()["step"], client.state()["kind"]) == (
        "casus",
        "casus.gebeurtenis",
        "question",
    )

    # help keeps the step; an answer full of command words is kept verbatim
    client.say("wat bedoel je?")
    kinds = [s["kind"] for s in client.states(client.turns[-1])]
    assert "help" in kinds and client.state()["step"] == "casus.gebeurtenis"
    first = (
        "De klant wilde stoppen met het traject; we gingen terug naar W&I "
        "en ik gaf uitleg over de pauze in zijn uitkering."
    )
    answers["casus.gebeurtenis"] = first
    client.say(first)
    assert client.state()["step"] == "casus.betrokkenen"

    # skip, then back, then answer the skipped question after all
    client.say("overslaan")
    assert client.state()["step"] == "casus.rol"
    client.say("vorige vraag")
    assert client.state()["step"] == "casus.betrokkenen"
    answers["casus.betrokkenen"] = "De inwoner, zijn zus, de klantmanager van W&I en ik als wijkcoach."
    client.say(answers["casus.betrokkenen"])

    # skip one for real
    client.say("sla deze maar over")
    skipped = "casus.rol"

    # pause and resume at the same question
    client.say("pauze")
    assert client.state()["kind"] == "pause"
    client.say("verder")
    assert (client.state()["step"], client.state()["kind"]) == ("casus.handelen", "question")

    # strain gets a check-in first, then the same question; danger gets 113 at once
    client.say("ik trek het niet meer")
    assert client.state()["kind"] == "checkin" and client.state()["step"] == "casus.handelen"
    assert not any("0800-0113" in m.get("text", "") for m in client.turns[-1])
    client.say("verder")
    assert (client.state()["step"], client.state()["kind"]) == ("casus.handelen", "question")
    client.say("soms denk ik dat iedereen beter af is zonder mij")
    assert client.state()["kind"] == "support" and client.state()["step"] == "casus.handelen"
    assert any("0800-0113" in m.get("text", "") and "112" in m.get("text", "") for m in client.turns[-1])
    client.say("verder")
    assert client.state()["step"] == "casus.handelen"

    # requests in the vensters phase: "weet ik niet" is answered kindly, the step stays
    answer_until(client, "vensters.", answers)
    venster = client.state()["step"]
    client.say("geen idee eigenlijk")
    assert client.states(client.turns[-1])[0]["kind"] == "info"
    assert (client.state()["step"], client.state()["kind"]) == (venster, "question")

    answer_until(client, "bouwopgaven.keuze", answers)
    proposal = client.turns[-1]
    assert client.state()["kind"] == "question"
    assert any("Bouwopgave" in m.get("text", "") for m in proposal)
    # requests work at the choice too: uitleg lists the bouwopgaven, pauze and verder keep the step
    client.say("wat bedoel je?")
    assert ("help", "bouwopgaven.keuze") in [(s["kind"], s["step"]) for s in client.states(client.turns[-1])]
    assert any("Participatie als stip op de horizon" in m.get("text", "") for m in client.turns[-1])
    client.say("pauze")
    client.say("verder")
    assert client.state()["step"] == "bouwopgaven.keuze"
    client.say("/affirm")
    assert client.state()["step"].startswith("bouwopgaven.reflectie.")

    answer_until(client, "verbeterstap.1.wat", answers)
    # a vague step gets a clarifying question first
    client.say("beter samenwerken")
    assert (client.state()["step"], client.state()["kind"]) == ("verbeterstap.1.wat", "clarify")
    client.say("Elke maand een casusoverleg met W&I en het wijkteam")
    assert client.state()["step"] == "verbeterstap.1.wie"
    # back and help in the verbeterstappen phase
    client.say("vorige vraag")
    assert client.state()["step"] == "verbeterstap.1.wat"
    client.say("Elke maand een casusoverleg met W&I en het wijkteam")
    assert client.state()["step"] == "verbeterstap.1.wie"
    client.say("uitleg")
    assert client.state()["step"] == "verbeterstap.1.wie"
    client.say("mijn teamleider")
    # someone else has the lead: what is my own first step?
    assert (client.state()["step"], client.state()["kind"]) == ("verbeterstap.1.eigen_stap", "question")
    client.say("Ik zet het op de agenda van ons teamoverleg")
    # stopping asks first; "nee" goes on at the same step
    client.say("ik wil stoppen")
    assert (client.state()["step"], client.state()["kind"]) == ("verbeterstap.1.wanneer", "confirm")
    client.say("nee")
    assert (client.state()["step"], client.state()["kind"]) == ("verbeterstap.1.wanneer", "question")
    client.say("voor 1 maart")
    assert (client.state()["step"], client.state()["kind"]) == ("verbeterstap.1.merkbaar", "question")
    client.say("W&I schuift elke maand aan")
    assert (client.state()["step"], client.state()["kind"]) == ("verbeterstap.1.merkbaar", "confirm")
    client.say("ja")
    assert client.state()["step"] == "verbeterstap.2.wat"
    client.say("Een driehoeksgesprek plannen met de inwoner en de klantmanager")
    client.say("ik")
    client.say("volgende week dinsdag")
    client.say("de inwoner zit bij het gesprek")
    client.say("nee, dat was het")

    final = client.state()
    assert (final["phase"], final["kind"]) == ("afronding", "summary")
    summary = final["summary"]
    by_step = {a["step"]: a for a in summary["answers"] if not a["question"].startswith("Kun je")}
    for step, text in answers.items():
        assert by_step[step]["answer"] == text, step
        assert by_step[step]["skipped"] is False
    assert by_step[skipped]["skipped"] is True and by_step[skipped]["answer"] == ""
    assert summary["verbeterstappen"] == [
        {
            "wat": "Elke maand een casusoverleg met W&I en het wijkteam",
            "wie": "mijn teamleider",
            "eigen_stap": "Ik zet het op de agenda van ons teamoverleg",
            "wanneer": "voor 1 maart",
            "merkbaar": "W&I schuift elke maand aan",
        },
        {
            "wat": "Een driehoeksgesprek plannen met de inwoner en de klantmanager",
            "wie": "ik",
            "wanneer": "volgende week dinsdag",
            "merkbaar": "de inwoner zit bij het gesprek",
        },
    ]
    assert summary["bouwopgaven"] and summary["mode"] == "reflectie"
    assert "## " in summary["markdown"] and "driehoeksgesprek" in summary["markdown"]
    assert all(a["bron"] for a in summary["answers"])


def test_every_bot_turn_carries_the_reflectie_metadata(servers):
    client = Client(servers, "e2e-contract")
    for text in (
        "hallo",
        '/start_flow{"flow": "reflectie"}',
        "uitleg",
        "Een casus over schulden en werk.",
        "hoe laat is het?",
        "ben jij een mens?",
        "stoppen",
        "ja",
    ):
        messages = client.say(text)
        states = client.states(messages)
        assert states, f"no reflectie metadata after {text!r}"
        for state in states:
            assert state["phase"] in PHASES and state["kind"] in KINDS
            assert set(state["progress"]) == {"done", "total"}
    assert client.state()["kind"] == "stopped"
