"""What content editors build with: flow order, intervisie sheets, open-question follow-ups,
self-pick choices, flows named in words, werkzame bestanddelen, the preview, and the
errors for the fields that make these."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.content import get_content
from bot.contract import render
from bot.engine import OPENED_OFFER, Reflection
from bot.interpret import match_flow
from bot.model import Content
from bot.preview import preview
from bot.proposal import propose
from bot.summary import build_summary
from tests.conftest import ROOT
from tests.talk import Talk
from tests.test_content import assert_broken, broken_copy, find_problem, lines_of, problems_of


@pytest.fixture(scope="module")
def content() -> Content:
    return get_content()


def test_the_welcome_lists_flows_in_their_order_and_the_first_is_the_default(content):
    orders = [flow.volgorde for flow in content.flows.values()]
    assert orders == sorted(orders)
    assert next(iter(content.flows)) == "reflectie"
    assert {"reflectie", "intervisie", "bouwopgave"} <= set(content.flows)


@pytest.mark.parametrize(
    "text, flow",
    [
        ("Ik wil een intervisie voorbereiden", "intervisie"),
        ("ik wil mijn inbrengvraag scherp krijgen", "intervisie"),
        ("Met mijn team een bouwopgave verkennen", "bouwopgave"),
        ("ik wil reflecteren op een lastige casus", "reflectie"),
        ("hoe laat is het", None),
    ],
)
def test_a_flow_is_recognised_by_its_title_and_startwoorden(content, text, flow):
    assert match_flow(content.flows.values(), text) == flow


def answer_until(reflection: Reflection, step_id: str) -> None:
    for _ in range(50):
        reflection.ask()
        if reflection.current().id == step_id:
            return
        reflection.answer(f"antwoord op {reflection.current().id}")
    raise AssertionError(step_id)


def test_a_closed_inbrengvraag_is_sharpened_into_an_open_question(content):
    reflection = Reflection(content, Reflection.start(content, "intervisie"))
    answer_until(reflection, "intervisie.inbrengvraag")
    reflection.answer("Moet ik strenger zijn tegen de klantmanager?")
    assert [m.kind for m in reflection.ask().messages] == ["clarify"]
    reflection.answer("Hoe bereik ik samen met de klantmanager één lijn?")
    assert reflection.current().id == "intervisie.vensters"
    record = reflection.state["answers"]["intervisie.inbrengvraag"]
    assert record["answer"] == "Moet ik strenger zijn tegen de klantmanager?"  # kept, not overwritten
    assert record["verduidelijking"] == "Hoe bereik ik samen met de klantmanager één lijn?"


def test_a_closed_inbrengvraag_hears_why_an_open_one_helps_and_gets_it_opened_up(content):
    """A teamleider's "Moet ik als tl ingrijpen bij botsende opdrachten?" got the general
    explanation again, as if nothing was wrong with it; "ja" to the opened version keeps that."""
    reflection = Reflection(content, Reflection.start(content, "intervisie"))
    answer_until(reflection, "intervisie.inbrengvraag")
    reflection.answer("Moet ik als tl ingrijpen bij botsende opdrachten?")
    asked = render(content, reflection.ask().messages[0])["text"]
    assert "‘Moet ik …?’ kun je met ja of nee beantwoorden" in asked
    assert "‘Hoe kan ik als tl ingrijpen bij botsende opdrachten?’" in asked
    reflection.answer("ja")
    assert reflection.current().id == "intervisie.vensters"
    record = reflection.state["answers"]["intervisie.inbrengvraag"]
    assert record["verduidelijking"] == "Hoe kan ik als tl ingrijpen bij botsende opdrachten?"


def test_a_closed_inbrengvraag_that_cannot_be_opened_as_it_is_hears_why_and_the_usual_question(content):
    reflection = Reflection(content, Reflection.start(content, "intervisie"))
    answer_until(reflection, "intervisie.inbrengvraag")
    reflection.answer("Had ik eerder moeten ingrijpen?")
    asked = render(content, reflection.ask().messages[0])["text"]
    assert asked.startswith("‘Had ik …?’ kun je met ja of nee beantwoorden")
    assert "Begin met 'Hoe kan ik'" in asked  # the flow's own follow-up, as before
    assert OPENED_OFFER not in reflection.state["answers"]["intervisie.inbrengvraag"]


def test_an_open_inbrengvraag_needs_no_follow_up(content):
    reflection = Reflection(content, Reflection.start(content, "intervisie"))
    answer_until(reflection, "intervisie.inbrengvraag")
    reflection.answer("Wat kan ik doen als W&I en het wijkteam elkaar tegenspreken?")
    assert reflection.current().id == "intervisie.vensters"


def intervisie_summary(content: Content, chosen: list[str]) -> dict:
    reflection = Reflection(content, Reflection.start(content, "intervisie"))
    answer_until(reflection, "intervisie.bouwopgaven")
    reflection.ask()
    reflection.choose(chosen)
    assert reflection.finished
    return build_summary(content, reflection.state)


@pytest.mark.parametrize("chosen", [["regie"], ["regie", "met_inwoner", "verbinding"], ["bouwproces"]])
def test_the_intervisie_sheet_has_five_to_eight_questions_from_the_themes_at_play(content, chosen):
    sheet = intervisie_summary(content, chosen)["intervisie"]
    themes = [t for b in chosen for t in content.bouwopgaven[b].themas]
    assert [t["id"] for t in sheet["themas"]] == list(dict.fromkeys(themes))
    assert 5 <= len(sheet["vragen"]) <= 8
    assert len(set(sheet["vragen"])) == len(sheet["vragen"])
    in_themes = {q.vraag for t in themes for q in content.themas[t].vragen}
    all_questions = {q.vraag: q for t in content.themas.values() for q in t.vragen}
    assert all(all_questions[v].voor == "" for v in sheet["vragen"]), "no questions meant for managers"
    # questions come from the themes at play first; others only to reach the minimum
    from_themes = [v for v in sheet["vragen"] if v in in_themes]
    assert from_themes == sheet["vragen"][: len(from_themes)]
    assert len(from_themes) >= min(5, len(in_themes))


def test_the_intervisie_sheet_holds_case_and_inbrengvraag_verbatim(content):
    summary = intervisie_summary(content, ["regie"])
    assert summary["intervisie"]["casus"] == "antwoord op intervisie.casus"
    assert summary["intervisie"]["inbrengvraag"] == "antwoord op intervisie.inbrengvraag"
    assert "## Intervisieblad" in summary["markdown"]


def test_a_reflection_has_no_intervisie_sheet(content):
    reflection = Reflection(content, Reflection.start(content, "reflectie"))
    assert "intervisie" not in build_summary(content, reflection.state)


def test_the_bouwopgave_flow_lets_the_team_pick_one_and_asks_the_reflectievragen(content):
    reflection = Reflection(content, Reflection.start(content, "bouwopgave"))
    messages = reflection.ask().messages
    assert messages[-1].key == "bouwopgave_zelf_kiezen_een" and len(messages[-1].buttons) == 5
    text = render(content, messages[-1])["text"]
    assert "Typ het nummer" in text and "nummers" not in text  # one to pick: not "'2 en 4'"
    assert messages[-1].values["vraag"] == content.reflectievragen["rv1"].vraag
    reflection.choose(["verbinding", "regie"])
    assert reflection.state["bouwopgaven"] == ["verbinding"]  # max 1
    ids = [s.id for s in reflection.steps()]
    assert ids[1:4] == [f"bouwopgave.gesprek.verbinding.{rv}" for rv in ("rv2", "rv3", "rv4")]
    assert ids[4:7] == ["verbeterstap.1.wat", "verbeterstap.1.wie", "verbeterstap.1.wanneer"]
    wat = next(s for s in reflection.steps() if s.id == "verbeterstap.1.wat")
    assert wat.question.vraag == content.reflectievragen["rv5"].vraag


def test_accepting_without_a_proposal_asks_to_pick(content):
    reflection = Reflection(content, Reflection.start(content, "bouwopgave"))
    reflection.ask()
    reflection.choose(None)
    assert reflection.current().id == "bouwopgave.keuze" and reflection.state["bouwopgaven"] is None


def test_a_moment_of_a_few_words_is_asked_about_and_the_sheet_shows_the_reply():
    talk = Talk()
    talk.say("hallo", "greet")
    talk.start("intervisie")
    talk.say("Een inwoner in de bijstand moest solliciteren; het wijkteam wilde eerst herstel van zijn burn-out.")
    talk.say("2")
    assert "welk moment bedoel je precies" in talk.text()
    moment = "Toen ik de brief over de maatregel tekende zonder het wijkteam te bellen."
    talk.say(moment)
    assert talk.step == "intervisie.geprobeerd"
    talk.walk_until(lambda t: t.meta["kind"] == "summary", lambda t: "Hoe kan ik eerder overleggen met het wijkteam?")
    assert talk.meta["summary"]["intervisie"]["moment"] == moment


@pytest.mark.parametrize(
    "part, vague, concrete",
    [
        ("wat", "niet", "Een vast maandelijks casusoverleg tussen het wijkteam en W&I."),
        ("wanneer", "de teamleider", "Voor het teamoverleg van 15 maart."),
    ],
)
def test_the_bouwopgave_flows_verbeterstap_asks_for_a_step_and_a_moment_like_the_reflection(part, vague, concrete):
    """ "niet" was kept as the verbeterstap and "de teamleider" as when it happens."""
    talk = Talk()
    talk.say("hallo", "greet")
    talk.start("bouwopgave")
    talk.say("3")
    answers = {"wat": "Een vast maandelijks casusoverleg tussen het wijkteam en W&I.", "wie": "de teamleider"}
    talk.walk_until(
        lambda t: t.step.endswith(f".{part}") and t.meta["kind"] == "question",
        lambda t: answers.get(t.step.rsplit(".", 1)[-1], "We hebben een wijkoverleg, maar W&I schuift nooit aan."),
    )
    talk.say(vague)
    assert talk.meta["kind"] == "clarify" and "dag of week" not in talk.text()  # not yet the calendar question
    talk.say(concrete)
    assert talk.meta["kind"] != "clarify" or "dag of week" in talk.text()


def test_the_reason_for_a_proposal_quotes_the_bouwopgaves_own_words_before_a_supporting_word(content):
    """ "brief" supports participatie through a werkzaam bestanddeel; quoting "toen ik de brief
    tekende" as the reason for participatie said nothing. The clause with "solliciteren" does."""
    answers = [
        "klant in de bijstand moest van ons solliciteren maar het wijkteam zei dat hij eerst moest herstellen "
        "van een burnout. ik heb de maatregel toch doorgezet",
        "toen ik de brief tekende",
    ]
    best = propose(content.bouwopgaven.values(), answers, 2, [], content.werkzame_bestanddelen.values())[0]
    assert best.bouwopgave == "participatie" and "brief" in best.words
    assert "solliciteren" in best.quote and "brief" not in best.quote


def test_werkzame_bestanddelen_count_for_the_bouwopgaven_they_support(content):
    text = ["De klant moest steeds opnieuw zijn verhaal doen en had geen vaste contactpersoon."]
    without = propose(content.bouwopgaven.values(), text, 3, ["bouwproces"])
    with_bestanddelen = propose(
        content.bouwopgaven.values(), text, 3, ["bouwproces"], content.werkzame_bestanddelen.values()
    )
    assert "vaste contactpersoon" not in {w for p in without for w in p.words}
    assert any("vaste contactpersoon" in p.words for p in with_bestanddelen)


def test_the_preview_shows_every_question_in_order_with_its_help(content):
    text = preview(content, "reflectie")
    reflection = Reflection(content, Reflection.start(content, "reflectie"))
    positions = [text.index(q.question.vraag) for q in reflection.steps() if q.phase == "casus"]
    assert positions == sorted(positions)
    assert "Uitleg: " + content.flows["reflectie"].phases[0].steps[0].question.uitleg in text
    assert "Kun je die stap concreter maken" in text  # the follow-up of a vague verbeterstap
    assert "Wat is jouw eigen eerste stap daarin?" in text and content.text("preview_eigen_stap") in text
    assert "Waaraan merk je dat het gelukt is?" in text
    assert "Wil je nog een verbeterstap vastleggen?" in text


def test_a_flow_where_the_user_always_picks_needs_no_default_and_still_previews(content):
    choice = content.flows["bouwopgave"].phases[0].steps[0]
    assert choice.self_pick and choice.default == ()  # content/flows/bouwopgave.yml has no `standaard`
    first = next(iter(content.bouwopgaven.values()))
    text = preview(content, "bouwopgave")
    assert f"Bouwopgave {first.nummer}, {first.naam}." in text
    assert content.reflectievragen["rv2"].vraag in text


def test_make_content_preview_prints_the_flow_and_names_unknown_flows(tmp_path: Path):
    ok = subprocess.run([sys.executable, "-m", "bot.preview", "intervisie"], cwd=ROOT, capture_output=True, text=True)
    assert ok.returncode == 0 and "intervisieblad met 5 tot 8 vragen" in ok.stdout
    bad = subprocess.run([sys.executable, "-m", "bot.preview", "bestaatniet"], cwd=ROOT, capture_output=True, text=True)
    assert bad.returncode == 2 and all(flow in bad.stderr for flow in ("reflectie", "intervisie", "bouwopgave"))


# --------------------------------------------------------------------------- errors in the new fields

INTERVISIE = "flows/intervisie.yml"


def test_an_intervisie_sheet_naming_an_unknown_step_is_reported(tmp_path: Path):
    assert_broken(
        tmp_path,
        INTERVISIE,
        "  inbrengvraag: intervisie.inbrengvraag\n",
        "  inbrengvraag: intervisie.vraag\n",
        "inbrengvraag: intervisie.vraag",
        "onbekende stap `intervisie.vraag`",
    )


def test_an_intervisie_sheet_with_min_above_max_is_reported(tmp_path: Path):
    assert_broken(tmp_path, INTERVISIE, "  min_vragen: 5\n", "  min_vragen: 9\n", "min_vragen: 9", "`min_vragen`")


def test_a_follow_up_without_a_condition_is_reported(tmp_path: Path):
    old = "          begint_met: [hoe, wat, welke, waarom, waardoor, wanneer, wie, op welke manier, in hoeverre]\n"
    assert_broken(tmp_path, INTERVISIE, old, "", "verduidelijking:", "zegt niet wanneer hij nodig is")


def test_a_werkzaam_bestanddeel_naming_an_unknown_bouwopgave_is_reported(tmp_path: Path):
    assert_broken(
        tmp_path,
        "catalogus/werkzame_bestanddelen.yml",
        "    bouwopgaven: [met_inwoner]\n    signaalwoorden:\n      [vertrouw*",
        "    bouwopgaven: [met_de_inwoner]\n    signaalwoorden:\n      [vertrouw*",
        "bouwopgaven: [met_de_inwoner]",
        "onbekende bouwopgave `met_de_inwoner`",
    )


def test_a_choice_without_default_is_reported_unless_the_user_always_picks(tmp_path: Path):
    assert_broken(
        tmp_path,
        "flows/reflectie.yml",
        "        max: 2\n        standaard: [met_inwoner]\n",
        "        max: 3\n",
        "id: bouwopgaven.keuze",
        "mist het veld `standaard`",
        "zet `zelf_kiezen: true`",
    )


def test_questions_per_bouwopgave_without_a_choice_before_them_are_reported(tmp_path: Path):
    choice = (
        "      - id: bouwopgave.keuze\n        soort: bouwopgave_keuze\n        vraag_id: rv1\n"
        "        zelf_kiezen: true\n        max: 1\n"
    )
    assert_broken(
        tmp_path,
        "flows/bouwopgave.yml",
        choice,
        "",
        "soort: per_bouwopgave",
        "staat niet na een stap `bouwopgave_keuze`",
        "de bot stelt deze vragen dan nooit",
    )


def test_a_misspelt_phase_is_reported_not_a_crash(tmp_path: Path):
    assert_broken(
        tmp_path, INTERVISIE, "  - id: vensters\n", "  - id: venster\n", "id: venster", "onbekende fase `venster`"
    )


def test_bouwt_op_must_name_a_document(tmp_path: Path):
    assert_broken(
        tmp_path,
        INTERVISIE,
        'bouwt_op: "slides-2022, Spanningsvelden"',
        'bouwt_op: "Spanningsvelden"',
        'bouwt_op: "Spanningsvelden"',
        "begint niet met een bekend document",
    )


def test_an_unknown_placeholder_in_a_text_stays_visible_instead_of_crashing(content):
    assert content.text("overgeslagen", onbekend="x") == content.texts["overgeslagen"]
    assert Content.text(content.__class__(**{**content.__dict__, "texts": {"t": "a {nieuw} b"}}), "t") == "a {nieuw} b"


def test_a_duplicate_key_is_reported_with_a_fix_of_its_own(tmp_path: Path):
    root = broken_copy(
        tmp_path, ("berichten.yml", "  fase_intro:\n", "  fase_intro:\n    tekst: eerst\n  fase_intro:\n")
    )
    second = lines_of(root, "berichten.yml", "  fase_intro:")[1]
    problem = find_problem(problems_of(root), root, "berichten.yml", {second}, "staat twee keer")
    assert "houd één `fase_intro:` over" in problem.fix


def test_bijstand_as_the_way_something_is_paid_does_not_point_to_participatie(content):
    """Held over REST as a Wmo-consulent: a traplift paid through bijzondere bijstand and "een vaste
    casusregisseur aanwijzen bij elke aanvraag die tussen wmo en bijstand valt" proposed
    "Participatie als stip op de horizon"; "bijstand" and "uitkering" stand in nearly every case
    on this border, whatever it is about."""
    answers = [
        "mevrouw van 82 vroeg een traplift aan via de wmo, maar ze had ook bijstand en de klantmanager zei "
        "dat het via bijzondere bijstand moest. ze zat drie maanden boven vast",
        "we hebben geen afspraak wie de regie pakt bij zo'n casus",
        "een vaste casusregisseur aanwijzen bij elke aanvraag die tussen wmo en bijstand valt",
    ]
    chosen = [p.bouwopgave for p in propose(content.bouwopgaven.values(), answers, 2, [])]
    assert chosen == ["regie"]
