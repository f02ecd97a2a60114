"""Walking a flow over REST the way a user would: answers of its own, then the summary."""

from __future__ import annotations

from tests.e2e.servers import Client

CONCRETE = {
    "wat": "Elke maand een casusoverleg met W&I en het wijkteam",
    "wie": "mijn teamleider",
    "eigen_stap": "Ik zet het casusoverleg op de agenda van het teamoverleg",
    "wanneer": "voor 1 maart",
    "merkbaar": "W&I schuift elke maand aan en we bespreken er minstens één casus",
}


def start(url: str, sender: str, flow: str = "reflectie") -> Client:
    """A client at the first question of ``flow``."""
    client = Client(url, sender)
    client.say("hallo")
    client.say(f'/start_flow{{"flow": "{flow}"}}')
    assert client.state()["kind"] == "question"
    return client


def answer(client: Client, answers: dict[str, str]) -> None:
    """Answer the open question with a text of its own, or confirm/choose, and remember it."""
    state = client.state()
    step = state["step"]
    if state["kind"] == "confirm":
        client.say("nee")  # no further verbeterstap
    elif step.endswith("keuze"):
        offered = [b["payload"] for m in client.turns[-1] for b in m.get("buttons", [])]
        client.say("/affirm" if "/affirm" in offered else "4")  # the proposal, or bouwopgave 4
    else:
        text = CONCRETE.get(step.rsplit(".", 1)[-1]) or f"Over {step}: de klantmanager en ik zagen het anders."
        answers[step] = text
        client.say(text)


def through(client: Client, answers: dict[str, str], flow: str = "reflectie") -> dict:
    """A whole conversation from hallo to the summary of ``flow``, on a client of any kind
    (the benchmark's timed one, the cluster test's routed one)."""
    client.say("hallo")
    client.say(f'/start_flow{{"flow": "{flow}"}}')
    return finish(client, answers)


def finish(client: Client, answers: dict[str, str]) -> dict:
    for _ in range(60):
        if client.state()["kind"] == "summary":
            return client.state()["summary"]
        answer(client, answers)
    raise AssertionError(f"no summary; last state {client.state()}")


def assert_summary_holds(summary: dict, answers: dict[str, str]) -> None:
    by_step = {a["step"]: a["answer"] for a in summary["answers"]}
    for step, text in answers.items():
        if step.startswith("verbeterstap."):
            continue  # in summary["verbeterstappen"]
        assert by_step[step] == text, step
    assert summary["verbeterstappen"][0]["wat"] == CONCRETE["wat"]
