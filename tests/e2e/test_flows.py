"""The intervisie and bouwopgave flows, and a flow added as a file only, over REST."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.e2e.servers import Client, running_servers

pytestmark = pytest.mark.e2e

NEW_FLOW = """\
id: teamoverleg
titel: Een teamoverleg evalueren
omschrijving: Je kijkt met je team terug op een casusoverleg.
startwoorden: [teamoverleg, casusoverleg evalueren]
fasen:
  - id: casus
    stappen:
      - id: teamoverleg.verloop
        vraag: "Hoe verliep het laatste casusoverleg?"
        uitleg: "Denk aan wie er waren en wat er besloten werd."
        voorbeeld: "W&I was er niet bij, dus we konden niets afspreken over werk."
        bron: {document: eigen vraag, bouwt_op: "praatplaat, Venster 3: De organisatie"}
  - id: verbeterstappen
    stappen:
      - id: verbeterstap
        soort: verbeterstappen
        max: 1
        wat: {vraag_id: rv5}
        wie: {vraag_id: rv6}
        wanneer:
          vraag: "Wanneer?"
          uitleg: "Een datum of een vast overleg."
          voorbeeld: "Volgende maand."
          bron: {document: eigen vraag, bouwt_op: "praatplaat, Reflectievragen"}
        meer: {vraag: "Nog een?"}
"""


@pytest.fixture(scope="module")
def servers(tmp_path_factory) -> Iterator[str]:
    with running_servers(tmp_path_factory.mktemp("servers")) as url:
        yield url


@pytest.fixture(scope="module")
def servers_with_new_flow(tmp_path_factory) -> Iterator[str]:
    content = tmp_path_factory.mktemp("content") / "content"
    shutil.copytree(ROOT / "content", content)
    (content / "flows" / "teamoverleg.yml").write_text(NEW_FLOW, encoding="utf-8")
    with running_servers(tmp_path_factory.mktemp("servers"), content=content) as url:
        yield url


def buttons(client: Client) -> dict[str, str]:
    return {b["title"]: b["payload"] for m in client.turns[-1] for b in m.get("buttons", [])}


def test_intervisie_preparation_ends_with_a_sheet(servers):
    client = Client(servers, "e2e-intervisie")
    client.say("hallo")
    assert buttons(client)["Een intervisie voorbereiden"] == '/start_flow{"flow": "intervisie"}'
    client.say('/start_flow{"flow": "intervisie"}')
    assert client.state()["step"] == "intervisie.casus"
    casus = "Een inwoner met schulden moet van W&I solliciteren; het wijkteam wil eerst rust. Niemand heeft de regie."
    client.say(casus)
    assert client.state()["step"] == "intervisie.moment"
    moment = "Toen de klantmanager belde dat de uitkering werd gekort."
    client.say(moment)
    client.say("Ik heb de klantmanager gebeld, maar die hield vast aan de regels.")
    assert client.state()["step"] == "intervisie.inbrengvraag"

    # a closed question is sharpened into one open question
    client.say("Moet ik de klantmanager harder aanspreken?")
    assert (client.state()["step"], client.state()["kind"]) == ("intervisie.inbrengvraag", "clarify")
    question = "Hoe kom ik met de klantmanager tot één lijn als onze opdrachten botsen?"
    client.say(question)
    assert client.state()["step"] == "intervisie.vensters"
    client.say("Het venster van de inwoner botst met beleid: de regels passen niet bij zijn situatie.")
    assert client.state()["step"] == "intervisie.bouwopgaven"
    client.say("/affirm")

    final = client.state()
    assert (final["phase"], final["kind"]) == ("afronding", "summary")
    sheet = final["summary"]["intervisie"]
    assert sheet["casus"] == casus and sheet["moment"] == moment
    assert sheet["inbrengvraag"] == question
    assert sheet["themas"], "the themes of the chosen bouwopgaven"
    assert 5 <= len(sheet["vragen"]) <= 8
    assert len(set(sheet["vragen"])) == len(sheet["vragen"])
    assert "Intervisieblad" in final["summary"]["markdown"]
    assert final["summary"]["mode"] == "intervisie"


def test_a_bouwopgave_is_explored_with_the_reflectievragen_to_verbeterstappen(servers):
    client = Client(servers, "e2e-bouwopgave")
    client.say("Ik wil met mijn team een bouwopgave verkennen")
    state = client.state()
    assert (state["phase"], state["step"]) == ("bouwopgaven", "bouwopgave.keuze")
    assert "Welke bouwopgaven zijn in jouw gemeente van toepassing?" in client.turns[-1][-2]["text"]
    client.say("4")
    asked = []
    for answer in (
        "We leggen regie per casus vast.",
        "We doen al casusoverleg; beter kan de monitoring.",
        "Een vaste procesregisseur; inwoners willen één aanspreekpunt.",
    ):
        asked.append(client.state()["step"])
        client.say(answer)
    assert asked == [f"bouwopgave.gesprek.regie.{rv}" for rv in ("rv2", "rv3", "rv4")]
    assert client.state()["step"] == "verbeterstap.1.wat"
    client.say("Een procesregisseur aanstellen voor casussen op het snijvlak van Wmo en Participatiewet")
    client.say("de teamleider van het wijkteam")
    client.say("voor 1 juni")
    client.say("nee")
    summary = client.state()["summary"]
    assert summary["mode"] == "bouwopgave" and summary["bouwopgaven"] == ["regie"]
    assert summary["verbeterstappen"] == [
        {
            "wat": "Een procesregisseur aanstellen voor casussen op het snijvlak van Wmo en Participatiewet",
            "wie": "de teamleider van het wijkteam",
            "wanneer": "voor 1 juni",
        }
    ]


def test_a_flow_added_as_a_file_appears_and_starts_by_button_and_by_title(servers_with_new_flow):
    client = Client(servers_with_new_flow, "e2e-nieuw-button")
    client.say("hallo")
    assert buttons(client)["Een teamoverleg evalueren"] == '/start_flow{"flow": "teamoverleg"}'
    client.say('/start_flow{"flow": "teamoverleg"}')
    assert client.state()["step"] == "teamoverleg.verloop"

    client = Client(servers_with_new_flow, "e2e-nieuw-titel")
    client.say("Ik wil een teamoverleg evalueren")
    assert client.state()["step"] == "teamoverleg.verloop"
    client.say("W&I was er niet bij.")
    client.say("W&I standaard uitnodigen voor het casusoverleg")
    client.say("ik")
    client.say("volgende maand")
    summary = client.state()["summary"]
    assert summary["mode"] == "teamoverleg"
    assert summary["answers"][0] == {
        "step": "teamoverleg.verloop",
        "question": "Hoe verliep het laatste casusoverleg?",
        "answer": "W&I was er niet bij.",
        "skipped": False,
        "bron": summary["answers"][0]["bron"],
    }
    assert Path(ROOT / "content" / "flows" / "teamoverleg.yml").exists() is False  # only in the temporary folder
