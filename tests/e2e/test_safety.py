"""Safety of every turn over REST, with the trained NLU and the real action server.

First the reproductions of issue 13, each as a user typed it; then random conversations
(seeded, so a failure can be replayed) that interleave answers, requests, yes and no,
identifiers, pauses and resumes, questions to the bot, strain and danger, and check after
every turn what a user must be able to rely on.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest
import yaml

from tests.conftest import ROOT
from tests.e2e.servers import Client, running_servers

pytestmark = pytest.mark.e2e

CASE = "De inwoner kreeg een maatregel van W&I terwijl het wijkteam eerst rust wilde."


@pytest.fixture(scope="module")
def servers(tmp_path_factory) -> Iterator[str]:
    with running_servers(tmp_path_factory.mktemp("servers")) as url:
        yield url


def started(url: str, sender: str) -> Client:
    client = Client(url, sender)
    client.say("hallo")
    client.say("Ik wil reflecteren op een lastige casus")
    assert client.state()["step"] == "casus.gebeurtenis"
    return client


def kinds(client: Client) -> list[str]:
    return [s["kind"] for s in client.states(client.turns[-1])]


def text(client: Client) -> str:
    return "\n".join(m.get("text", "") for m in client.turns[-1])


def test_a_pause_after_a_stop_question_then_ok_loses_nothing(servers):
    client = started(servers, "veilig-pauze")
    client.say(CASE)
    client.say("stop maar even")
    assert client.state()["kind"] == "pause"
    client.say("stoppen")
    assert client.state()["kind"] == "confirm"
    client.say("nee niet stoppen, even pauze bedoel ik")
    assert client.state()["kind"] == "pause"
    client.say("ok")
    assert (client.state()["step"], client.state()["kind"]) == ("casus.betrokkenen", "question")
    client.say("huh? ik wilde verder")  # no answer: the open question is asked again
    assert (client.state()["step"], client.state()["kind"]) == ("casus.betrokkenen", "question")
    client.say("de inwoner en de klantmanager")
    assert client.state()["step"] == "casus.rol"


def test_after_a_stop_ik_wilde_verder_resumes(servers):
    client = started(servers, "veilig-stop")
    client.say(CASE)
    client.say("ik wil stoppen")
    client.say("ja")
    assert client.state()["kind"] == "stopped"
    client.say("huh? ik wilde verder")
    assert (client.state()["step"], client.state()["kind"]) == ("casus.betrokkenen", "question")


@pytest.mark.parametrize("identifier", ["06-12345678", "jan.jansen@example.nl", "12-03-1985"])
def test_an_identifier_alone_never_deletes_the_reflection(servers, identifier):
    client = started(servers, f"veilig-id-{abs(hash(identifier))}")
    client.say(CASE)
    client.say(identifier)
    assert "verwijderd" not in kinds(client) and client.state()["step"] == "casus.betrokkenen"
    assert "privacy" in kinds(client)  # the user is told what was taken out
    for reply in ("ja", "oké", identifier):
        client.say(reply)
        assert "verwijderd" not in kinds(client), reply
        assert client.state()["phase"] == "casus", reply


@pytest.mark.parametrize(
    "answer",
    [
        "meer samenwerken",
        "altijd",
        "ja eigenlijk wel, als ik het mandaat krijg",
        "haha nee zo erg is het niet hoor, ik ben gewoon moe van het systeem",
    ],
)
def test_harmless_answers_are_kept_without_113(servers, answer):
    client = started(servers, f"veilig-onschuldig-{abs(hash(answer))}")
    client.say(answer)
    assert not {"support", "checkin"} & set(kinds(client))
    assert "113" not in text(client)
    state = client.state()
    # Kept: the next question, or a follow-up that quotes it ("‘altijd’: kun je daar iets meer over vertellen?").
    assert (state["step"], state["kind"]) in (("casus.betrokkenen", "question"), ("casus.gebeurtenis", "clarify"))
    if state["kind"] == "clarify":
        assert f"‘{answer}’" in text(client)


def test_strain_with_a_skip_gets_a_check_in_then_the_skip(servers):
    client = started(servers, "veilig-spanning")
    client.say(CASE)
    client.say("deze sla ik over, ik trek het echt niet meer")
    assert kinds(client) == ["checkin"] and "trek het echt niet meer" in text(client)
    client.say("/resume")
    assert client.state()["step"] == "casus.rol"


def test_strain_only_the_signal_model_hears_gets_the_check_in_over_rest(servers):
    """No phrase of content/signalen.yml is in this message: the signal model in Rasa's pipeline
    (components/signaal.py) hears it, and its likelihoods reach the action server's judgement."""
    client = started(servers, "veilig-model")
    client.say(CASE)
    client.say("ik zit thuis op de bank en kom nergens meer toe")
    assert kinds(client) == ["checkin"] and "Het klinkt alsof dit zwaar voor je is" in text(client)
    client.say("/resume")
    assert "113" not in text(client) and client.state()["kind"] in ("question", "clarify")


def test_danger_gets_113_and_112_at_once(servers):
    client = started(servers, "veilig-gevaar")
    client.say("ik wil er een eind aan maken")
    assert "support" in kinds(client) and "0800-0113" in text(client) and "112" in text(client)


def test_a_question_to_the_bot_is_answered_not_stored(servers):
    client = started(servers, "veilig-vraag")
    client.say("wat bedoel je precies met lastig, voor mij of voor de inwoner?")
    assert "help" in kinds(client) and client.state()["step"] == "casus.gebeurtenis"
    client.say("hoeveel vragen komen er nog?")
    assert "van" in client.turns[-1][0]["text"] and client.state()["step"] == "casus.gebeurtenis"


# --------------------------------------------------------------------------- random sequences

SETS = yaml.safe_load((ROOT / "data" / "signalen" / "signalen_ontwikkel.yml").read_text(encoding="utf-8"))
MOVES = {
    "harmless": SETS["onschuldig"],
    "danger": SETS["gevaar"],
    "strain": SETS["spanning"],
    "button": ["/help", "/skip", "/go_back", "/pause", "/resume", "/quit", "/affirm", "/deny", "/progress"],
    "yes": ["ja", "ok", "oké", "prima"],
    "no": ["nee", "niet echt", "nee hoor"],
    "identifier": ["06-12345678", "a.b@example.nl", "12-03-1985", "NL91 ABNA 0417 1643 00"],
    "pause": ["stop maar even", "even pauze", "pauze", "ik moet even weg"],
    "resume": ["verder", "ik wilde verder", "ga maar door"],
    "number": ["1", "2", "3", "7"],
    "question": ["hoeveel vragen komen er nog?", "wat bedoel je precies?", "moet ik dit invullen?"],
    "end": ["stoppen", "verwijder mijn gesprek"],
}


@pytest.mark.parametrize("seed", range(6))
def test_random_conversations_keep_every_promise(servers, seed):
    rng = random.Random(seed)
    client = started(servers, f"veilig-random-{seed}")
    asked = "question"  # what the bot's last question was: stop, delete or other
    for _ in range(25):
        move = rng.choice(list(MOVES))
        message = rng.choice(MOVES[move])
        before = client.state()
        replies = client.say(message)
        states = client.states(replies)
        assert states, f"silence after {message!r}"
        said = "\n".join(m.get("text", "") for m in replies)
        turn_kinds = [s["kind"] for s in states]
        if move == "danger":
            assert "0800-0113" in said and "112" in said, message
        if move == "harmless" and before["kind"] not in ("checkin", "support"):
            assert not {"support", "checkin"} & set(turn_kinds), message
        if "verwijderd" in turn_kinds:
            assert asked == "delete", (message, asked)
            break
        if "stopped" in turn_kinds:
            assert asked == "stop" or before["phase"] == "afronding", (
                message,
                asked,
                before,
            )  # or the offer after a stop
        final = [m["text"] for m in replies if m.get("text")][-1]
        if states[-1]["kind"] == "confirm" and "Wil je stoppen" in final:
            asked = "stop"
        elif states[-1]["kind"] == "confirm" and "verwijder" in final.lower():
            asked = "delete"
        else:
            asked = "other"
