"""The reflection as a professional walks it: a whole cycle, at most twenty questions,
progress that does not jump, one proposal that makes sense, steps made concrete.

Each conversation is held through whole turns (bot/turn.py) with answers as people type
them: short and long, with typos. The NLU's result is given per message.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot.engine import Waiting
from bot.summary import first_sentences
from tests.talk import Talk

# A Wmo-consulent after a case on the border of Wmo and Participatiewet, answering every
# question of the reflection in her own words (keyed by step id).
CONSULENT = {
    "casus.gebeurtenis": "Een man met schulden kreeg een maatregel van W&I omdat hij niet op een afspraak kwam, "
    "terwijl wij net een aanvraag voor begeleiding liepen. Er ging gewoon een brief uit.",
    "casus.betrokkenen": "De inwoner, zijn dochter, de klantmanager, de schuldhulpverlener en ik.",
    "casus.rol": "Ik was consulent Wmo en deed de aanvraag voor begeleiding.",
    "casus.handelen": "Ik heb de klantmanager gemaild, maar pas na een week. Ik wilde eerst het gesprek afronden.",
    "casus.gevoel": "Ik voelde me schuldig en boos, ik dacht: dit had niet gehoeven.",
    "casus.afloop": "De maatregel bleef staan, hij heeft nu een betalingsregeling.",
    "vensters.inwoner": "Hij wilde vooral dat iemand hem hielp met de post, hij snapte de brief niet.",
    "vensters.professional": "De klantmanager moest handhaven, ze wist niet dat wij erbij zaten.",
    "vensters.organisatie": "Niemand had de regie, we wisten niet van elkaar wie er betrokken was.",
    "vensters.beleid": "Weinig ruimte, de maatregel moest van de regels.",
    "kern.kern": "Ik ging ervan uit dat W&I wel zou bellen. Dat had ik toen niet zo scherp.",
    "kern.anders": "Meteen de klantmanager bellen toen ik hoorde van de gemiste afspraak.",
}


def walk(talk: Talk, answers: dict[str, str], step_answers: dict[str, str]) -> list[str]:
    """Answer every question; accept the proposal; one verbeterstap. The questions asked, in order."""
    asked: list[str] = []
    for _ in range(60):
        meta = talk.meta
        if meta["kind"] == "summary":
            return asked
        if meta["kind"] == "question":
            asked.append(meta["step"])
        if talk.waiting == Waiting.CHOICE.value:
            talk.say("/affirm", "affirm", 1.0)
        elif talk.waiting in (Waiting.MORE.value, Waiting.DEEPER.value):
            talk.say("nee", "deny")
        elif meta["kind"] == "clarify" and talk.state.get("vervolg"):
            talk.say("/skip", "skip", 1.0)  # a follow-up on the answer: "Verder met de volgende vraag"
        elif talk.step in answers:
            talk.say(answers[talk.step])
        else:
            part = talk.step.rsplit(".", 1)[-1]
            talk.say(step_answers.get(part, f"Antwoord bij {talk.step}, met de klantmanager."))
    raise AssertionError(f"no summary after 60 turns; asked {asked}")


STEP = {
    "rv3": "We bellen al vaak, maar beter kan de overdracht als er een maatregel dreigt.",
    "wat": "Een vast belmoment met de klantmanager plannen voordat een maatregel ingaat.",
    "wie": "Ik zelf, met de klantmanager.",
    "wanneer": "Voor het casusoverleg van 15 maart.",
    "merkbaar": "Er gaat geen maatregel meer uit zonder dat wij het weten.",
}


def started() -> Talk:
    talk = Talk()
    talk.say("hallo", "greet")
    talk.start()
    return talk


def test_a_default_reflection_asks_at_most_twenty_questions_one_per_turn():
    talk = started()
    asked = walk(talk, CONSULENT, STEP)
    assert len(asked) <= 20, asked
    # The whole cycle: task, outcome, the kern and alternatives come before the verbeterstappen.
    for step in ("casus.rol", "casus.afloop", "vensters.inwoner", "vensters.professional", "kern.kern", "kern.anders"):
        assert step in asked
    assert asked.index("kern.anders") < asked.index("verbeterstap.1.wat")
    # One question per turn: no question text asks two things with two question marks.
    for turn in talk.turns:
        for message in turn.messages:
            if message.custom["reflectie"]["kind"] == "question" and message.custom["reflectie"]["step"].startswith(
                ("casus.", "vensters.")
            ):
                assert message.text.count("?") <= 1, message.text


def test_the_progress_total_shown_at_the_first_question_is_the_real_one_and_never_jumps():
    talk = started()
    first_total = talk.meta["progress"]["total"]
    totals = set()
    for _ in range(60):
        meta = talk.meta
        if meta["kind"] == "summary":
            break
        totals.add(meta["progress"]["total"])
        if talk.waiting == Waiting.CHOICE.value:
            talk.say("/affirm", "affirm", 1.0)
        elif talk.waiting in (Waiting.MORE.value, Waiting.DEEPER.value):
            talk.say("nee", "deny")
        elif meta["kind"] == "clarify" and talk.state.get("vervolg"):
            talk.say("Dat weet ik niet goed, ik denk tijd.")  # follow-ups come as they come; the total stays
        else:
            talk.say(CONSULENT.get(talk.step, STEP.get(talk.step.rsplit(".", 1)[-1], "de klantmanager")))
    assert totals == {first_total}
    assert first_total <= 20


def test_the_proposal_is_one_bouwopgave_with_the_users_own_words_not_her_feelings():
    talk = started()
    for _ in range(40):
        if talk.waiting == Waiting.CHOICE.value:
            break
        if talk.meta["kind"] == "clarify":
            talk.say("/skip", "skip", 1.0)
            continue
        talk.say(CONSULENT[talk.step])
    proposal = talk.text()
    state = talk.state
    assert len(state["voorstel"]) == 1
    words = state["voorstel"][0]["woorden"]
    assert words, "a proposal from the answers, not the default"
    # "schuldig" (her feeling) and "boos" are no reasons; "regie" (what she told) is.
    assert not {"schuldig", "boos", "schuld"} & set(words)
    assert "regie" in proposal.lower()


def at_the_choice(answers: dict[str, str]) -> Talk:
    talk = started()
    for _ in range(40):
        if talk.waiting == Waiting.CHOICE.value:
            return talk
        if talk.meta["kind"] == "clarify":
            talk.say("/skip", "skip", 1.0)
        elif talk.step in answers:
            talk.say(answers[talk.step])
        else:
            talk.say("/skip", "skip", 1.0)
    raise AssertionError("never reached the choice")


def test_without_the_users_words_the_bot_does_not_claim_to_have_heard_a_bouwopgave():
    # A klantmanager who answers briefly, with nothing that points to one bouwopgave.
    talk = at_the_choice(
        {
            "casus.gebeurtenis": "Een lastig gesprek over een man die zich zorgen maakte.",
            "casus.handelen": "Ik heb het gesprek gevoerd en een verslag gemaakt.",
            "vensters.professional": "Ik maakte me zorgen over hem en over haar.",
        }
    )
    said = talk.text()
    assert "hoor ik vooral" not in said and "geen duidelijke aanwijzing" in said
    assert not talk.state["voorstel"][0]["woorden"]


def at_first_verbeterstap(answers: dict[str, str] = CONSULENT) -> Talk:
    reached = lambda talk: talk.step == "verbeterstap.1.wat"  # noqa: E731
    return started().walk_until(reached, lambda talk: answers.get(talk.step, STEP["rv3"]), limit=40)


def test_an_idea_told_earlier_is_offered_back_as_a_candidate_step():
    talk = at_first_verbeterstap()
    assert "Meteen de klantmanager bellen toen ik hoorde van de gemiste afspraak" in talk.text()
    assert talk.meta["kind"] == "question"


def test_an_idea_offered_back_leaves_out_a_request_to_the_bot_in_it():
    """A tester's answer ending in "..., kunnen we het verder kort houden" was offered back as an
    idea for a verbeterstap, request and all."""
    idea = "Meteen de klantmanager bellen toen ik hoorde van de gemiste afspraak"
    talk = at_first_verbeterstap({**CONSULENT, "kern.anders": f"{idea}, kunnen we het verder kort houden"})
    assert idea in talk.text() and "kort houden" not in talk.text()


@pytest.mark.parametrize(
    "vague",
    [
        "betere communicatie met het wijkteam",
        "meer aandacht hebben voor wat de inwoner zelf wil",
        "meer samenwerken",
        # a verb, but with whom, about what? (a tester's "afspraken maken" was taken as it stood)
        "afspraken maken",
        "contact opnemen",
    ],
)
def test_a_vague_step_is_made_concrete_whatever_its_length(vague):
    talk = at_first_verbeterstap()
    talk.say(vague)
    assert talk.waiting == Waiting.CLARIFY.value and "concreter" in talk.text()
    talk.say("Een belmoment plannen met de klantmanager voor elke maatregel")
    assert talk.step == "verbeterstap.1.wie"


@pytest.mark.parametrize(
    "step",
    [
        "casus eerder opschalen naar de teamleider",
        "W&I informeren voor er een maatregel uitgaat",
        # held over REST: asked twice to be more concrete
        "een vaste casusregisseur per huishouden met wmo en bijstand, afgesproken in het werkoverleg",
        "afspraken maken met W&I",
        "belmoment plannen",
    ],
)
def test_a_step_with_an_everyday_verb_of_the_work_is_concrete(step):
    """ "casus eerder opschalen naar teamleider" was asked to be more concrete."""
    talk = at_first_verbeterstap()
    talk.say(step)
    assert talk.step == "verbeterstap.1.wie" and talk.waiting != Waiting.CLARIFY.value


def test_a_count_of_weeks_for_wanneer_is_a_day_and_not_asked_again():
    """A tester's "2 weken" was asked for a day once more."""
    talk = at_first_verbeterstap()
    talk.say(STEP["wat"])
    talk.say(STEP["wie"])
    talk.say("2 weken")
    assert talk.step == "verbeterstap.1.merkbaar" and talk.waiting != Waiting.CLARIFY.value


@pytest.mark.parametrize("when", ["volgende teamoverleg", "de volgende keer dat we overleggen"])
def test_a_next_meeting_as_wanneer_is_kept_though_the_nlu_hears_next_question(when):
    """A tester's "volgende teamoverleg" (the NLU: skip, 0.76) was skipped: "Wanneer: (overgeslagen)"."""
    talk = at_first_verbeterstap()
    talk.say(STEP["wat"])
    talk.say(STEP["wie"])
    talk.say(when, "skip", 0.76)
    assert talk.answers()["verbeterstap.1.wanneer"] == when
    assert talk.step == "verbeterstap.1.wanneer" or talk.step == "verbeterstap.1.merkbaar"


def test_stopping_inside_an_answer_asks_and_keeps_the_answer():
    """A tester's "Afspraak op papier: eerst bellen, dan pas stoppen." (the NLU: quit, 0.76) was met
    with "Wil je stoppen?"; "Nee, doorgaan" lost it, and so every time it was typed again."""
    talk = at_first_verbeterstap()
    talk.say(STEP["wat"])
    talk.say(STEP["wie"])
    talk.say(STEP["wanneer"])
    answer = "Afspraak op papier: eerst bellen, dan pas stoppen."
    talk.say(answer, "quit", 0.76)
    assert talk.waiting == Waiting.UNSURE.value
    talk.say("ja", "affirm", 0.95)
    assert talk.answers()["verbeterstap.1.merkbaar"] == answer and talk.waiting != Waiting.CONFIRM_STOP.value


def test_a_day_and_a_verb_as_wanneer_is_kept_though_the_nlu_hears_something_off_topic():
    """A tester's "morgen bellen" got "Daar kan ik je helaas niet mee helpen"."""
    talk = at_first_verbeterstap()
    talk.say(STEP["wat"])
    talk.say(STEP["wie"])
    talk.say("morgen bellen", "out_of_scope", 0.61)
    assert talk.answers()["verbeterstap.1.wanneer"] == "morgen bellen"


@pytest.mark.parametrize("said", ["volgende graag", "de volgende", "volgende vraag", "volgende stap", "volgende punt"])
def test_next_alone_still_skips(said):
    talk = at_first_verbeterstap()
    talk.say(STEP["wat"])
    talk.say(STEP["wie"])
    talk.say(said, "skip", 0.9)
    assert talk.step == "verbeterstap.1.merkbaar" and not talk.answers().get("verbeterstap.1.wanneer")


@pytest.mark.parametrize("when", ["z.s.m.", "binnenkort", "laat zo", "asap"])
def test_zsm_and_binnenkort_are_no_wanneer(when):
    talk = at_first_verbeterstap()
    talk.say(STEP["wat"])
    talk.say(STEP["wie"])
    assert talk.step == "verbeterstap.1.wanneer"
    talk.say(when)
    assert talk.waiting == Waiting.CLARIFY.value and "moment" in talk.text()


def test_a_second_vague_wanneer_gets_one_more_try_with_examples_and_the_concrete_one_is_kept():
    talk = at_first_verbeterstap()
    talk.say(STEP["wat"])
    talk.say(STEP["wie"])
    talk.say("z.s.m.")
    talk.say("binnenkort, als er tijd is")
    assert talk.waiting == Waiting.CLARIFY.value and "deze week" in talk.text()
    talk.say("voor het volgende teamoverleg")
    assert talk.step == "verbeterstap.1.merkbaar"
    talk.say(STEP["merkbaar"])
    talk.say("nee", "deny")
    summary = talk.meta["summary"]
    assert summary["verbeterstappen"][0]["wanneer"] == "voor het volgende teamoverleg"
    # Nothing typed is lost: both replies stay under their follow-ups in the full answers.
    replies = [a["answer"] for a in summary["answers"] if a["step"] == "verbeterstap.1.wanneer"]
    assert replies == ["z.s.m.", "binnenkort, als er tijd is", "voor het volgende teamoverleg"]


def test_a_third_vague_reply_is_kept_the_bot_does_not_nag():
    talk = at_first_verbeterstap()
    talk.say("gewoon beter afstemmen")
    assert "concreter" in talk.text()
    talk.say("meer samen optrekken")
    assert talk.waiting == Waiting.CLARIFY.value and "als eerste" in talk.text()
    talk.say("ja gewoon beter samenwerken")
    assert talk.step == "verbeterstap.1.wie"
    talk.say(STEP["wie"])
    talk.say(STEP["wanneer"])
    talk.say(STEP["merkbaar"])
    talk.say("nee", "deny")
    # what the writer said each time they were asked what to do (a tester lost a first reply)
    assert talk.meta["summary"]["verbeterstappen"][0]["wat"] == "meer samen optrekken; ja gewoon beter samenwerken"


def test_laat_zo_at_the_second_try_keeps_the_first_reply():
    talk = at_first_verbeterstap()
    talk.say(STEP["wat"])
    talk.say(STEP["wie"])
    talk.say("binnenkort")
    talk.say("als het rustiger is")
    talk.say("/skip", "skip", 1.0)
    assert talk.step == "verbeterstap.1.merkbaar"
    talk.say(STEP["merkbaar"])
    talk.say("nee", "deny")
    assert talk.meta["summary"]["verbeterstappen"][0]["wanneer"] == "als het rustiger is"


def at_merkbaar() -> Talk:
    """At "Waaraan merk je dat het gelukt is?" of the first verbeterstap."""
    talk = at_first_verbeterstap()
    for part in ("wat", "wie", "wanneer"):
        talk.say(STEP[part])
    return talk


@pytest.mark.parametrize(
    "vague", ["dat het beter loopt", "gewoon dat het goed gaat", "minder gedoe", "het loopt soepeler"]
)
def test_a_vague_merkbaar_is_asked_what_you_would_see_or_hear(vague):
    talk = at_merkbaar()
    talk.say(vague)
    assert talk.waiting == Waiting.CLARIFY.value and "zie of hoor" in talk.text()


@pytest.mark.parametrize("plain", ["de goedkeuring komt binnen een week", "W&I belt ons terug"])
def test_a_vague_word_inside_another_word_does_not_make_merkbaar_vague(plain):
    """`vaag` finds whole words: "goed" in "goedkeuring" is no vague "goed"."""
    talk = at_merkbaar()
    talk.say(plain)
    assert talk.waiting != Waiting.CLARIFY.value
    assert talk.state["answers"]["verbeterstap.1.merkbaar"]["answer"] == plain


def test_a_concrete_merkbaar_is_not_asked_again():
    talk = at_first_verbeterstap()
    for part in ("wat", "wie", "wanneer", "merkbaar"):
        talk.say(STEP[part])
    assert talk.waiting == Waiting.MORE.value


@pytest.mark.parametrize(
    "refusal",
    [
        "nee",
        "nee hoeft niet",
        "er is geen tweede stap",
        "Nee, dank je",
        # a tester's, in the chat page: each became part of a second step's wat
        "nee. was het al.",
        "geen tweede stap. ik wil de samenvatting.",
    ],
)
def test_no_as_the_second_verbeterstap_after_an_ok_is_no_step(refusal):
    """A tester's "ok" at "nog een verbeterstap?" was a yes; "nee hoeft niet" then became
    verbeterstap 2 and "er is geen tweede stap" who leads it."""
    talk = at_first_verbeterstap()
    for part in ("wat", "wie", "wanneer", "merkbaar"):
        talk.say(STEP[part])
    talk.say("ok", "affirm", 0.9)
    assert talk.step == "verbeterstap.2.wat"
    talk.say(refusal, "deny" if refusal.lower().startswith("nee") else "answer", 0.9)
    assert talk.last.messages[0].key == "geen_stap_meer"
    assert talk.meta["kind"] == "summary"  # the last phase: the summary follows
    assert [step["wat"] for step in talk.meta["summary"]["verbeterstappen"]] == [STEP["wat"]]


def test_a_second_step_after_nee_and_more_words_is_kept():
    talk = at_first_verbeterstap()
    for part in ("wat", "wie", "wanneer", "merkbaar"):
        talk.say(STEP[part])
    talk.say("ok", "affirm", 0.9)
    step = "nee, toch wel: een vast belmoment met W&I voor elke maatregel die uitgaat"
    talk.say(step)
    assert talk.answers()["verbeterstap.2.wat"] == step


def test_a_word_that_says_nothing_at_nog_een_verbeterstap_starts_no_new_step():
    talk = at_first_verbeterstap()
    for part in ("wat", "wie", "wanneer", "merkbaar"):
        talk.say(STEP[part])
    talk.say("ik")
    assert talk.waiting == Waiting.MORE.value and "niet bewaard" in talk.text()
    talk.say("Samen met de schuldhulp een vast spreekuur in de wijk")  # said in words: the next step
    assert talk.answers()["verbeterstap.2.wat"].startswith("Samen met de schuldhulp")


def test_a_vague_own_first_step_is_made_concrete():
    talk = at_first_verbeterstap()
    talk.say(STEP["wat"])
    talk.say("de teamleider van W&I")
    talk.say("meedenken waar het kan")
    assert talk.waiting == Waiting.CLARIFY.value and "zelf als eerste" in talk.text()
    talk.say("Ik agendeer het voor het teamoverleg.")
    assert talk.step == "verbeterstap.1.wanneer"


def test_when_someone_else_leads_the_bot_asks_for_the_users_own_first_step_and_then_merkbaar():
    talk = at_first_verbeterstap()
    talk.say(STEP["wat"])
    talk.say("de teamleider van W&I")
    assert talk.step == "verbeterstap.1.eigen_stap"
    assert "eigen eerste stap" in talk.text()
    talk.say("Ik mail de teamleider deze casus als voorbeeld.")
    talk.say("voor 1 april")
    assert talk.step == "verbeterstap.1.merkbaar" and "merk je" in talk.text()
    talk.say(STEP["merkbaar"])
    talk.say("nee", "deny")
    summary = talk.meta["summary"]
    assert summary["verbeterstappen"] == [
        {
            "wat": STEP["wat"],
            "wie": "de teamleider van W&I",
            "eigen_stap": "Ik mail de teamleider deze casus als voorbeeld.",
            "wanneer": "voor 1 april",
            "merkbaar": STEP["merkbaar"],
        }
    ]
    assert "Jouw eerste stap: Ik mail de teamleider" in summary["markdown"]
    assert "gelukt is: " + STEP["merkbaar"] in summary["markdown"]


def test_when_the_user_leads_there_is_no_extra_question():
    talk = at_first_verbeterstap()
    talk.say(STEP["wat"])
    talk.say("ik zelf")
    assert talk.step == "verbeterstap.1.wanneer"


def test_after_two_skips_in_a_row_the_bot_offers_the_verbeterstappen_once():
    talk = started()
    story = "Een jongere met schulden haakte af bij het traject van W&I."
    talk.say(story)
    talk.say("sla over", "skip", 0.95)
    assert talk.meta["kind"] == "question"
    talk.say("/skip", "skip", 1.0)
    assert talk.meta["kind"] == "confirm" and "verbeterstappen" in talk.text()
    assert talk.payloads() == ["/affirm", "/deny"]
    talk.say("ja", "affirm", 0.95)
    assert talk.step == "verbeterstap.1.wat" and talk.meta["kind"] == "question"
    # what was told is kept; going back from here is back to the choice of a bouwopgave
    assert talk.answers()["casus.gebeurtenis"] == story
    talk.say("vorige vraag", "go_back", 0.95)
    assert talk.step == "bouwopgaven.keuze" and talk.waiting == Waiting.CHOICE.value


def test_no_to_the_shortcut_asks_the_next_question_and_it_is_not_offered_again():
    talk = started()
    talk.say("/skip", "skip", 1.0)
    talk.say("/skip", "skip", 1.0)
    talk.say("nee", "deny", 0.95)
    assert talk.step == "casus.rol" and talk.meta["kind"] == "question"
    talk.say("/skip", "skip", 1.0)
    talk.say("/skip", "skip", 1.0)
    assert talk.meta["kind"] == "question" and talk.step == "casus.gevoel"


def test_an_answer_typed_at_the_shortcut_offer_is_kept_for_the_open_question():
    talk = started()
    talk.say("/skip", "skip", 1.0)
    talk.say("/skip", "skip", 1.0)
    talk.say("Ik was de vaste contactpersoon vanuit het wijkteam.")
    assert talk.answers()["casus.rol"] == "Ik was de vaste contactpersoon vanuit het wijkteam."
    assert talk.step == "casus.handelen"


def test_the_summary_opens_with_a_synthesis_of_the_users_own_words():
    talk = started()
    walk(talk, CONSULENT, STEP)
    summary = talk.meta["summary"]
    brief = summary["synthese"]
    assert brief["casus"].startswith("Een man met schulden kreeg een maatregel")
    assert brief["lastig"] == "Niemand had de regie"  # the shortest clause of her own with the signal
    assert brief["kern"].startswith("Ik ging ervan uit dat W&I wel zou bellen")
    assert [b["id"] for b in brief["bouwopgaven"]] == ["regie"]
    assert brief["verbeterstappen"][0]["merkbaar"] == STEP["merkbaar"]
    # the question to take along is one of the "10 uitdagende vragen" of that bouwopgave
    regie = talk.content.bouwopgaven["regie"]
    assert brief["meenemen"] in [talk.content.questions[q].vraag for q in regie.thema_vragen]
    markdown = summary["markdown"]
    assert markdown.index("In het kort") < markdown.index("## De casus")
    assert "| Wat | Wie in de lead | Wanneer | Teken dat het gelukt is |" in markdown
    assert "schuldig" not in markdown.split("## De casus")[0]  # feelings stay out of the synthesis


def test_the_version_to_share_has_the_steps_and_no_case_no_feelings_and_at_most_400_words():
    talk = started()
    walk(talk, CONSULENT, STEP)
    shared = talk.meta["summary"]["delen"]
    assert set(shared) == {"markdown", "text"}
    assert len(shared["text"].split()) <= 400
    assert STEP["wat"] in shared["markdown"] and STEP["merkbaar"] in shared["markdown"]
    for private in (CONSULENT["casus.gebeurtenis"], "schuldig", "dochter", CONSULENT["kern.kern"]):
        assert private not in shared["markdown"]


def test_the_version_to_share_speaks_as_its_sender_not_to_its_reader():
    talk = at_first_verbeterstap()
    talk.say(STEP["wat"])
    talk.say("de klantmanager.")
    talk.say("Ik bel de klantmanager morgen.")
    talk.say(STEP["wanneer"])
    talk.say(STEP["merkbaar"])
    talk.say("nee", "deny")
    summary = talk.meta["summary"]
    shared = summary["delen"]["text"]
    assert "mijn eerste stap: Ik bel de klantmanager morgen." in shared
    assert "jouw" not in shared.lower() and " je " not in f" {shared.lower()} "
    # The user's own full stop does not meet the template's comma.
    assert (
        "klantmanager., " not in summary["markdown"] and "in de lead: de klantmanager, wanneer" in summary["markdown"]
    )


def to_the_summary_saying_at_the_kern(at_kern: Callable[[Talk], None]) -> dict:
    """A reflection as the consulent, with ``at_kern`` at the kern question; its summary."""
    answers = {k: v for k, v in CONSULENT.items() if k != "kern.kern"}
    talk = started()
    for _ in range(60):
        if talk.meta["kind"] == "summary":
            break
        if talk.step == "kern.kern" and talk.meta["kind"] == "question":
            at_kern(talk)
        elif talk.waiting == Waiting.CHOICE.value:
            talk.say("/affirm", "affirm", 1.0)
        elif talk.waiting in (Waiting.MORE.value, Waiting.SHORTCUT.value, Waiting.DEEPER.value):
            talk.say("nee", "deny")
        elif talk.meta["kind"] == "clarify":
            talk.say("/skip", "skip", 1.0)
        else:
            talk.say(answers.get(talk.step, STEP.get(talk.step.rsplit(".", 1)[-1], "de klantmanager belde")))
    return talk.meta["summary"]


def test_a_skipped_kern_is_left_out_of_the_synthesis():
    summary = to_the_summary_saying_at_the_kern(lambda talk: talk.say("/skip", "skip", 1.0))
    assert summary["synthese"]["kern"] == ""
    assert "De kern:" not in summary["markdown"]


def test_a_short_kern_and_its_follow_up_both_stand_in_the_synthesis_in_the_writers_order():
    """A tester's kern "regie", followed up with "meer tijd", read "De kern: meer tijd"."""

    def tell_the_kern(talk: Talk) -> None:
        talk.say("regie")
        assert talk.meta["kind"] == "clarify", "a one-word kern is followed up"
        talk.say("meer tijd")

    summary = to_the_summary_saying_at_the_kern(tell_the_kern)
    assert summary["synthese"]["kern"] == "regie — meer tijd"


def test_how_the_writer_sleeps_stays_out_of_the_synthesis_but_not_out_of_their_answers():
    """A tester found "ik slaap er eerlijk gezegd slecht van sinds deze casus" under "De kern" in
    "In het kort", the part to take to the teamleider."""
    kern = "Dat iedereen zijn eigen protocol volgde. Ik slaap er eerlijk gezegd slecht van sinds deze casus"

    def tell_the_kern(talk: Talk) -> None:
        talk.say(kern, "answer", 0.9, distress=0.9)
        assert talk.last.kinds[-1] == "checkin"
        talk.say("/resume", "resume", 1.0)

    summary = to_the_summary_saying_at_the_kern(tell_the_kern)
    assert summary["synthese"]["kern"] == "Dat iedereen zijn eigen protocol volgde"
    assert "slaap" not in summary["markdown"].split("## De casus")[0]
    assert "Ik slaap er eerlijk gezegd slecht van" in summary["markdown"]  # the writer's own answers


def test_the_intervisie_summary_is_its_intervisieblad_and_says_nothing_about_verbeterstappen():
    talk = Talk()
    talk.say("hallo", "greet")
    talk.start("intervisie")
    for _ in range(40):
        if talk.meta["kind"] == "summary":
            break
        if talk.waiting == Waiting.CHOICE.value:
            talk.say("/affirm", "affirm", 1.0)
        elif talk.meta["kind"] in ("clarify", "confirm"):
            talk.say("/skip", "skip", 1.0)
        else:
            talk.say("Hoe kan ik eerder de klantmanager betrekken als een maatregel dreigt?")
    summary = talk.meta["summary"]
    assert summary["markdown"].startswith("# Je intervisieblad")
    assert "Verbeterstap" not in summary["markdown"] and "verbeterstap" not in summary["markdown"]
    assert "synthese" not in summary and "verbeterstap" not in summary["delen"]["markdown"].lower()


def test_a_word_told_at_the_start_of_a_sentence_is_quoted_without_its_capital():
    """ "Je noemde al 'W&I' en 'Moeder'" kept the capital of "Moeder belde mij op"."""
    talk = started()
    talk.say("Moeder belde mij op. De klantmanager van W&I had de uitkering stopgezet.")
    assert talk.step == "casus.betrokkenen"
    assert "‘moeder’" in talk.text() and "‘Moeder’" not in talk.text()


def test_what_was_told_already_is_not_asked_again_the_question_asks_for_the_rest():
    talk = started()
    talk.say("De klantmanager legde een maatregel op; de schuldhulpverlener wist van niets.")
    assert talk.step == "casus.betrokkenen"
    assert "Je noemde al ‘klantmanager’ en ‘schuldhulpverlener’. Was er nog iemand anders bij betrokken?" in talk.text()
    talk.say("Ook zijn dochter en de huisarts.")
    talk.say("Ik was consulent Wmo.")
    talk.say("Ik heb gebeld, maar ik was eerlijk gezegd boos op de regels.")
    if talk.meta["kind"] == "clarify":
        talk.say("/skip", "skip", 1.0)
    assert talk.step == "casus.gevoel"
    assert "Je noemde al ‘boos’. Wat dacht je op dat moment, en voelde je nog meer?" in talk.text()
    # the summary holds the question as it was asked
    talk.say("Dat het weer misging.")
    from bot.summary import build_summary

    answers = {a["step"]: a for a in build_summary(talk.content, talk.state)["answers"]}
    assert answers["casus.betrokkenen"]["question"].startswith("Je noemde al ‘klantmanager’")


def test_what_was_told_in_answer_to_a_follow_up_counts_as_told_too():
    """Found holding a conversation: the roles named in answer to the follow-up question were
    asked for again ("Je noemde al 'moeder' en 'zoon'. Was er nog iemand anders bij betrokken?")."""
    talk = started()
    talk.say(
        "Een moeder met twee pubers, schulden, ze kreeg een maatregel omdat ze niet op gesprekken kwam. "
        "Achteraf bleek ze haar zoon te verzorgen die uit huis gezet was."
    )
    assert talk.meta["kind"] == "clarify" and "Achteraf" in talk.text()
    talk.say("Dat de klantmanager en de schuldhulpverlener elkaar niet spraken.")
    assert talk.step == "casus.betrokkenen"
    assert "‘klantmanager’" in talk.text() and "‘schuldhulpverlener’" in talk.text()


def test_a_feeling_of_someone_else_is_not_handed_back_as_the_users_own():
    """Found by a tester: "Je noemde al 'boos'" when it was the wijkteam that was angry."""
    talk = at_the_feeling_question("Het wijkteam was boos op mij omdat W&I een maatregel oplegde.")
    assert "‘boos’" not in talk.text() and "Wat dacht en voelde je op dat moment?" in talk.text()


def test_the_users_own_role_is_not_listed_among_the_others_involved():
    """Found by a tester: "Je noemde al 'klantmanager' en ..." to the klantmanager himself."""
    talk = started()
    talk.say("Ik als klantmanager moest een maatregel opleggen; de schuldhulpverlener wist van niets.")
    assert talk.step == "casus.betrokkenen"
    assert "‘klantmanager’" not in talk.text()


def test_a_role_without_its_hyphen_is_recognised():
    talk = started()
    talk.say("Ik heb als wmo consulent een aanvraag afgewezen en de inwoner was boos.")
    talk.say("De inwoner en de klantmanager.")
    assert talk.step == "casus.rol"
    assert "‘als wmo consulent’" in talk.text()


def test_a_question_nothing_was_told_about_is_asked_plainly():
    talk = started()
    talk.say("Een jongere haakte af bij het traject.")
    assert talk.meta["kind"] == "question"
    assert "Wie waren erbij betrokken? Noem ze bij hun rol, niet bij naam." in talk.text()


def intervisie_at_leervraag() -> Talk:
    talk = Talk()
    talk.say("hallo", "greet")
    talk.start("intervisie")
    talk.say("Een jongere moet van W&I een traject doen; het wijkteam wil eerst wonen regelen.")
    assert talk.step == "intervisie.moment" and "kiezen" in talk.text()
    talk.say("Toen de klantmanager belde dat het traject maandag begon.")
    talk.say("Ik zei dat het goed was, want ik wilde geen ruzie.")
    assert talk.step == "intervisie.inbrengvraag" and talk.meta["kind"] == "question"
    return talk


@pytest.mark.parametrize(
    "about_someone_else",
    [
        "hoe krijg ik de klantmanager zover dat ze inziet dat dit traject niet past",
        "Hoe kan ik de klantmanager overtuigen?",
        "hoe kan ik W&I meekrijgen in ons plan",
    ],
)
def test_intervisie_asks_for_the_moment_of_choice_and_turns_a_question_about_someone_else_to_oneself(
    about_someone_else,
):
    talk = intervisie_at_leervraag()
    talk.say(about_someone_else)
    assert talk.meta["kind"] == "clarify" and "Hoe kan ik" in talk.text()
    talk.say("Hoe kan ik de klantmanager eerder laten weten wat de jongere nodig heeft?")
    assert talk.step == "intervisie.vensters"


def test_the_intervisieblad_holds_the_moment_and_puts_the_groups_questions_about_this_case_first():
    talk = intervisie_at_leervraag()
    talk.say("Hoe kan ik bij een botsing over de regie eerder zelf het overleg zoeken?")
    for _ in range(10):
        if talk.meta["kind"] == "summary":
            break
        if talk.waiting == Waiting.CHOICE.value:
            talk.say("4", "answer", 0.9)
        else:
            talk.say("De regels van W&I en de regie van het wijkteam botsten.")
    sheet = talk.meta["summary"]["intervisie"]
    assert sheet["moment"] == "Toen de klantmanager belde dat het traject maandag begon."
    assert "Het moment waarop je moest kiezen" in talk.meta["summary"]["markdown"]
    # the first question for the group shares words with this case (regie), not a random theme
    assert "regie" in sheet["vragen"][0].lower()

    # The blad to share with the group: the case, the moment, the question and the group's
    # questions; not what was done or the vensters answer, and no word about verbeterstappen.
    shared = talk.meta["summary"]["delen"]["text"]
    assert "Hoe kan ik bij een botsing over de regie" in shared and sheet["vragen"][0] in shared
    assert "Ik zei dat het goed was" not in shared and "botsten" not in shared
    assert "verbeterstap" not in shared.lower() and len(shared.split()) <= 400


def at_the_offer_to_go_deeper() -> Talk:
    reached = lambda talk: talk.waiting == Waiting.DEEPER.value  # noqa: E731
    return started().walk_until(reached, lambda talk: CONSULENT.get(talk.step, STEP["rv3"]), limit=40)


def test_a_text_at_the_offer_to_go_deeper_is_added_to_the_answer_before_it_and_the_offer_stays():
    """Not the answer to a thema question the user never saw (so the summary would pair it with one)."""
    talk = at_the_offer_to_go_deeper()
    before = dict(talk.answers())
    last = talk.state["last_answered"]
    text = "een vast belmoment met w&i plannen"
    talk.say(text)
    assert [m.key for m in talk.last.messages] == ["aangevuld", "thema_aanbod"]
    assert talk.answers()[last] == f"{before[last]}\n{text}"
    assert set(talk.answers()) == set(before) and talk.waiting == Waiting.DEEPER.value
    talk.say("nee", "deny")
    assert talk.step == "verbeterstap.1.wat"


def test_a_second_text_at_the_offer_to_go_deeper_is_added_too_and_the_reflection_goes_on_without_it():
    """A tester typed seven answers at "Wil je nog dieper ingaan?": each was added to the answer
    before it and the offer came again, seven times."""
    talk = at_the_offer_to_go_deeper()
    before = dict(talk.answers())
    last = talk.state["last_answered"]
    talk.say("meer samenwerken")
    talk.say("een vast belmoment plannen met de wijkcoach")
    keys = [m.key for m in talk.last.messages]
    assert keys[0] == "aangevuld_verder" and "thema_aanbod" not in keys
    assert talk.answers()[last] == f"{before[last]}\nmeer samenwerken\neen vast belmoment plannen met de wijkcoach"
    assert talk.waiting != Waiting.DEEPER.value and talk.step == "verbeterstap.1.wat"


@pytest.mark.parametrize("text", ["ik", "ehm", "hmm ik"])
def test_a_word_that_says_nothing_at_the_offer_to_go_deeper_is_not_added_and_the_offer_is_asked_again(text):
    talk = at_the_offer_to_go_deeper()
    before = dict(talk.answers())
    talk.say(text)
    assert [m.key for m in talk.last.messages] == ["ja_of_nee", "thema_aanbod"]
    assert "niet bewaard" in talk.text() and talk.answers() == before
    talk.say("ja", "affirm", 0.95)
    assert talk.step.startswith("bouwopgaven.reflectie.regie.")


def test_the_thema_questions_of_the_bouwopgave_are_an_offer_not_a_duty():
    talk = at_the_offer_to_go_deeper()
    assert talk.meta["kind"] == "confirm" and "dieper ingaan op Duidelijke afspraken over regie" in talk.text()
    regie = talk.content.bouwopgaven["regie"]
    total = talk.meta["progress"]["total"]
    talk.say("ja", "affirm", 0.95)
    assert talk.step == f"bouwopgaven.reflectie.regie.{regie.thema_vragen[0]}"
    assert talk.meta["progress"]["total"] == total + len(regie.thema_vragen)
    assert talk.content.questions[regie.thema_vragen[0]].vraag in talk.text()


def test_who_skips_the_last_bouwopgave_question_is_not_offered_more_questions():
    """Found by a tester: "pff ik ben er wel klaar mee, sla deze maar over" was followed by
    "Wil je nog dieper ingaan? Dan stel ik nog 4 vragen"."""
    talk = started()
    for _ in range(40):
        if talk.step == "bouwopgaven.reflectie.regie.rv3" and talk.meta["kind"] == "question":
            break
        if talk.waiting == Waiting.CHOICE.value:
            talk.say("/affirm", "affirm", 1.0)
        elif talk.meta["kind"] == "clarify":
            talk.say("/skip", "skip", 1.0)
        else:
            talk.say(CONSULENT.get(talk.step, STEP["rv3"]))
    talk.say("/skip", "skip", 1.0)
    assert talk.waiting != Waiting.DEEPER.value and "dieper ingaan" not in talk.text()
    assert talk.step == "verbeterstap.1.wat"


def test_no_to_the_thema_questions_goes_to_the_verbeterstappen():
    talk = started()
    for _ in range(40):
        if talk.waiting == Waiting.DEEPER.value:
            break
        if talk.waiting == Waiting.CHOICE.value:
            talk.say("/affirm", "affirm", 1.0)
        elif talk.meta["kind"] == "clarify":
            talk.say("/skip", "skip", 1.0)
        else:
            talk.say(CONSULENT.get(talk.step, STEP["rv3"]))
    talk.say("/deny", "deny", 1.0)
    assert talk.step == "verbeterstap.1.wat"


@pytest.mark.parametrize(
    "reply, intent",
    [
        ("nee ik ben er eigenlijk wel klaar mee", "answer"),
        ("nee geen tweede stap", "answer"),
        ("klaar", "quit"),
        ("dat was het wel", "answer"),
    ],
)
def test_no_in_other_words_at_another_verbeterstap_ends_with_the_summary(reply, intent):
    """Found by a tester: 'nee ik ben er eigenlijk wel klaar mee' became a second step in delen."""
    talk = at_first_verbeterstap()
    for part in ("wat", "wie", "wanneer", "merkbaar"):
        talk.say(STEP[part])
    assert talk.waiting == Waiting.MORE.value
    talk.say(reply, intent, 0.9)
    assert talk.meta["kind"] == "summary"
    assert len(talk.meta["summary"]["verbeterstappen"]) == 1


def test_ok_at_a_clarification_names_the_button_that_is_there():
    talk = at_first_verbeterstap()
    talk.say("meer samenwerken")
    talk.say("ok")
    assert "Laat zo" in talk.text() and "Overslaan" not in talk.text()
    assert talk.waiting == Waiting.CLARIFY.value


def test_a_praatplaat_question_of_several_questions_is_asked_as_one_about_this_case():
    from bot.content import get_content

    content = get_content()
    for bouwopgave in content.bouwopgaven.values():
        for ref in bouwopgave.thema_vragen:
            asked = content.questions[ref].in_chat()
            # one question, or a pair of the praatplaat kept together; never a list of four
            assert asked.vraag.count("?") <= 2, (ref, asked.vraag)
            assert asked.bron.document == content.questions[ref].bron.document
    regie = content.questions["regie_voeren.3"]
    assert regie.in_chat().vraag.count("?") == 1 and "deze casus" in regie.in_chat().vraag
    assert regie.vraag.count("?") == 4  # the catalog keeps the document's own wording


def test_the_question_to_take_along_is_not_one_already_asked_in_the_reflection():
    talk = started()
    asked: list[str] = []
    for _ in range(80):
        meta = talk.meta
        if meta["kind"] == "summary":
            break
        if meta["kind"] == "question":
            asked.append(talk.text())
        if talk.waiting == Waiting.CHOICE.value:
            talk.say("/affirm", "affirm", 1.0)
        elif talk.waiting == Waiting.DEEPER.value:
            talk.say("ja graag", "affirm")  # the thema questions of the bouwopgave, asked here
        elif talk.waiting == Waiting.MORE.value:
            talk.say("nee", "deny")
        elif meta["kind"] == "clarify":
            talk.say("/skip", "skip", 1.0)
        elif talk.step in CONSULENT:
            talk.say(CONSULENT[talk.step])
        else:
            talk.say(STEP.get(talk.step.rsplit(".", 1)[-1], "Dat we elkaar eerder bellen, met de klantmanager."))
    summary = talk.meta["summary"]
    regie = talk.content.bouwopgaven["regie"]
    asked_here = {talk.content.questions[q].in_chat().vraag for q in regie.thema_vragen}
    assert all(any(q in text for text in asked) for q in asked_here), "the thema questions were asked"
    meenemen = summary["synthese"]["meenemen"]
    assert meenemen not in {talk.content.questions[q].vraag for q in regie.thema_vragen}
    assert meenemen in [q.vraag for t in regie.themas for q in talk.content.themas[t].vragen]


def test_a_yes_to_another_verbeterstap_adds_exactly_the_questions_the_offer_announced():
    talk = at_first_verbeterstap()
    for part in ("wat", "wie", "wanneer", "merkbaar"):
        talk.say(STEP[part])
    before = talk.meta["progress"]["total"]
    assert "nog 4 of 5 korte vragen" in talk.text()  # 5 when someone else has the lead
    talk.say("ja", "affirm")
    assert talk.meta["progress"]["total"] == before + 4


@pytest.mark.parametrize("keep", ["laat zo", "laat maar zo zei ik", "nee laat het maar zo"])
def test_leave_it_in_words_at_a_follow_up_keeps_the_answer_and_is_never_the_step(keep):
    talk = at_first_verbeterstap()
    talk.say("beter afstemmen met W&I")
    assert talk.waiting == Waiting.CLARIFY.value
    talk.say(keep)
    assert talk.step == "verbeterstap.1.wie"
    for part in ("wie", "wanneer", "merkbaar"):
        talk.say(STEP[part])
    talk.say("nee", "deny")
    assert talk.meta["summary"]["verbeterstappen"][0]["wat"] == "beter afstemmen met W&I"


@pytest.mark.parametrize(
    "typed, step", [("naar de verbeterstappen", "verbeterstap.1.wat"), ("door met de volgende vraag", None)]
)
def test_the_shortcut_offer_understands_its_buttons_in_words(typed, step):
    talk = started()
    talk.say("/skip", "skip", 1.0)
    talk.say("/skip", "skip", 1.0)
    assert talk.waiting == Waiting.SHORTCUT.value
    third = talk.step
    talk.say(typed)
    if step:
        assert talk.step == step
    else:
        assert talk.step == third and talk.waiting == Waiting.ANSWER.value


def test_the_plain_text_summary_has_no_table_markup():
    talk = started()
    walk(talk, CONSULENT, STEP)
    summary = talk.meta["summary"]
    for text in (summary["text"], summary["delen"]["text"]):
        assert "|---" not in text and "| Wat |" not in text
        assert f"- Wat: {STEP['wat']}" in text and f"  Wanneer: {STEP['wanneer']}" in text


@pytest.mark.parametrize(
    "typed",
    ["De klant zei:\n===", "eerst dit\n---\ndaarna dat", "1. bellen\n2. mailen", "    ingesprongen tekst", "+ plus"],
)
def test_an_answer_that_starts_markdown_structure_does_not_change_the_summarys_layout(typed):
    """Line-start Markdown in an answer ("===", "---", "1.", four spaces) would make a heading, a
    rule, a list or a code block of it in an export; it is escaped, and the plain text has it back."""
    import re as _re

    from bot.summary import build_summary

    talk = started()
    talk.say(typed)
    summary = build_summary(talk.content, talk.state)
    markdown = summary["markdown"]
    before = _re.findall(r"(?m)^(?:#{1,6} |[-=]{3,}$|\d+[.)] |\+ | {4}\S)", markdown.replace(typed, ""))
    after = _re.findall(r"(?m)^(?:#{1,6} |[-=]{3,}$|\d+[.)] |\+ | {4}\S)", markdown)
    assert after == before  # the user's text added no structure of its own
    assert typed.strip() in summary["text"] or typed.lstrip() in summary["text"]


def test_the_offer_to_go_deeper_says_what_comes_next_when_another_bouwopgave_follows():
    talk = at_the_choice(CONSULENT)
    talk.say("/choose_bouwopgave", "choose_bouwopgave", 1.0)
    talk.say("2 en 4", "answer", 0.9)
    assert talk.state["bouwopgaven"] == ["met_inwoner", "regie"]
    offers = []
    for _ in range(12):
        if talk.meta["kind"] == "question" and talk.step.startswith("verbeterstap"):
            break
        if talk.waiting == Waiting.DEEPER.value:
            offers.append(talk.text())
            talk.say("nee", "deny")
        elif talk.meta["kind"] == "clarify":
            talk.say("/skip", "skip", 1.0)
        else:
            talk.say(STEP["rv3"])
    first, second = offers
    regie = talk.content.bouwopgaven["regie"].naam
    assert f"Anders gaan we door met {regie}" in first
    assert "Anders gaan we naar de verbeterstappen" in second


def test_an_appointment_with_the_inwoner_is_no_reason_for_the_regie_bouwopgave():
    """Found by a tester: 'afspraken samen doen' (appointments with the client) was quoted as a
    reason for 'duidelijke afspraken over regie'."""
    answers = dict(CONSULENT)
    answers["vensters.organisatie"] = "Ik wilde met meneer afspraken samen doen, hij kwam niet op een afspraak."
    answers["casus.rol"] = "Ik was consulent Wmo."
    answers["vensters.beleid"] = "Geen idee eigenlijk."
    talk = at_the_choice(answers)
    quoted = " ".join(item.get("citaat", "") for item in talk.state["voorstel"])
    assert "afspraken samen doen" not in quoted and "op een afspraak" not in quoted


def test_a_role_told_in_the_first_answer_is_not_asked_again_plainly():
    """Found by a tester: 'Wat was jouw taak of rol?' right after 'ik als jongerenwerker'."""
    talk = started()
    talk.say("Een jongen van 19 dreigde uit huis gezet te worden en ik als jongerenwerker zag het te laat.")
    talk.say("De jongen, zijn moeder en de klantmanager.")
    assert talk.step == "casus.rol"
    assert "Je noemde al dat je er ‘als jongerenwerker’ bij was" in talk.text()


@pytest.mark.parametrize(
    "own",
    ["Ik zet het op de agenda van ons teamoverleg", "ik neem contact op met de klantmanager", "spreek het af met W&I"],
)
def test_a_concrete_own_first_step_in_everyday_words_is_not_asked_again(own):
    talk = at_first_verbeterstap()
    talk.say(STEP["wat"])
    talk.say("mijn teamleider")
    talk.say(own)
    assert talk.step == "verbeterstap.1.wanneer"


@pytest.mark.parametrize(
    "flow, phases",
    [
        ("reflectie", ["welkom", "casus", "vensters", "kern", "bouwopgaven", "verbeterstappen", "afronding"]),
        ("intervisie", ["welkom", "casus", "vensters", "bouwopgaven", "afronding"]),
        ("bouwopgave", ["welkom", "bouwopgaven", "verbeterstappen", "afronding"]),
    ],
)
def test_every_turn_names_the_phases_of_its_own_flow(flow, phases):
    """A tester saw "Kern" and "Verbeterstappen" in the chat page's phase bar during an
    intervisie preparation, which has neither: the contract says which phases a flow has."""
    talk = Talk()
    talk.say("hallo", "greet")
    assert talk.meta["phases"] == []
    talk.start(flow)
    assert talk.meta["phases"] == phases


@pytest.mark.parametrize(
    "step, concrete",
    [
        ("een vast overleg tussen wijkteam en W&I voor gedeelde casussen", True),  # a standing arrangement
        ("een vast aanspreekpunt bij W&I voor het wijkteam", True),
        ("meer overleg", False),
    ],
)
def test_a_standing_arrangement_is_a_concrete_verbeterstap(step, concrete):
    """Found holding a conversation: "een vast overleg tussen wijkteam en W&I" was asked twice to be made concrete."""
    talk = at_first_verbeterstap()
    talk.say(step)
    assert (talk.step == "verbeterstap.1.wie") is concrete
    assert (talk.meta["kind"] == "clarify") is not concrete


def test_what_the_writer_said_about_themselves_stays_out_of_the_intervisieblad_to_share():
    """A tester: "eerlijk: ik ben er zelf ook klaar mee, ik zit al weken op mijn tandvlees", said
    in the moment of choosing, stood on the intervisieblad for the group."""
    talk = Talk()
    talk.say("hallo", "greet")
    talk.start("intervisie")
    talk.say("Een jongere moet van W&I een traject doen; het wijkteam wil eerst wonen regelen.")
    moment = "Toen de klantmanager belde dat het traject maandag begon. eerlijk: ik zit al weken op mijn tandvlees"
    talk.say(moment, "answer", 0.9, distress=0.95)
    assert talk.last.kinds[-1] == "checkin"
    talk.say("/resume", "resume", 1.0)
    for _ in range(12):
        if talk.meta["kind"] == "summary":
            break
        if talk.waiting == Waiting.CHOICE.value:
            talk.say("4", "answer", 0.9)
        elif talk.step == "intervisie.inbrengvraag":
            talk.say("Hoe kan ik bij een botsing over de regie eerder zelf het overleg zoeken?")
        else:
            talk.say("De regels van W&I en de regie van het wijkteam botsten.")
    summary = talk.meta["summary"]
    shared = summary["delen"]["text"]
    assert "Toen de klantmanager belde dat het traject maandag begon" in shared
    assert "tandvlees" not in shared and "eerlijk" not in shared
    assert "tandvlees" in summary["text"]  # the writer's own summary keeps it, as typed


def test_a_verbeterstap_said_with_danger_is_left_out_of_the_page_to_share():
    talk = at_first_verbeterstap()
    talk.say(STEP["wat"])
    said = "de teamleider van het wijkteam met de klantmanager, maar eerlijk gezegd wil ik er niet meer zijn"
    talk.say(said, "answer", 0.9, distress=0.95)
    assert "support" in talk.last.kinds
    talk.say("verder", "resume", 0.9)
    talk.walk_until(lambda t: t.meta["kind"] == "summary", lambda _: "volgende week dinsdag")
    shared = talk.meta["summary"]["delen"]["text"]
    assert "niet meer zijn" not in shared and STEP["wat"] in shared
    assert "de teamleider van het wijkteam met de klantmanager" in shared
    assert said in talk.meta["summary"]["text"]


@pytest.mark.parametrize("day", ["1 april", "15 maart"])
def test_a_day_alone_is_no_verbeterstap(day):
    """A tester's summary read "Wat: 1 april ... Wanneer: altijd"."""
    talk = at_first_verbeterstap()
    talk.say(day)
    assert talk.waiting == Waiting.CLARIFY.value and talk.step == "verbeterstap.1.wat"


def test_the_case_on_top_keeps_short_sentences_up_to_its_length_and_cuts_only_between_them():
    """Two testers missed the crux of their case on the page "In het kort": a fourth short sentence
    ("niemand afgestemd.", "nu is hij helemaal boos ...") was cut when three sentences were the most."""
    case = "jongen 19. schulden. maatregel van W&I. wijkteam en W&I deden allebei wat. niemand afgestemd."
    assert first_sentences(case) == case
    long = " ".join(["Het eerste stuk van de casus is een lange zin over de inwoner en zijn schulden."] * 6)
    shown = first_sentences(long)
    assert shown.endswith("schulden. …") and len(shown.split()) <= 61
    assert first_sentences("een " * 100).endswith("…")  # one sentence longer than the page: cut with "…"


def test_a_short_kern_said_again_after_its_follow_up_stands_once_on_the_page_on_top():
    """Read in a conversation: "De kern: meer tijd meer tijd om samen met W&I te kijken ..."."""
    summary = to_the_summary_saying_at_the_kern(
        lambda talk: (
            talk.say("meer tijd"),
            talk.say("meer tijd om samen met W&I te kijken voordat er een brief uitgaat"),
        )
    )
    assert summary["synthese"]["kern"] == "meer tijd om samen met W&I te kijken voordat er een brief uitgaat"


def _to_the_summary(talk: Talk) -> dict:
    talk.say(STEP["merkbaar"])
    talk.say("nee", "deny")
    return talk.meta["summary"]


def test_who_and_when_the_step_said_are_asked_as_a_check_that_a_yes_keeps():
    """A tester wrote "ik plan zelf voor de kerst een overleg ..." and was asked who leads and when as
    if nothing was said; "ik. zei ik toch" went into the summary and the calendar item."""
    talk = at_first_verbeterstap()
    talk.say("ik plan zelf voor 1 maart een driehoeksgesprek met de klantmanager van W&I")
    assert talk.step == "verbeterstap.1.wie" and "Ligt de lead bij jou?" in talk.text()
    talk.say("ja", "affirm", 0.95)
    assert talk.step == "verbeterstap.1.wanneer" and "‘voor 1 maart’" in talk.text()
    talk.say("klopt", "affirm", 0.9)
    assert talk.step == "verbeterstap.1.merkbaar"
    step = _to_the_summary(talk)["verbeterstappen"][0]
    assert (step["wie"], step["wanneer"]) == ("ik", "voor 1 maart")


def test_a_reply_that_says_it_was_said_already_keeps_what_it_adds_or_what_the_step_said():
    talk = at_first_verbeterstap()
    talk.say("ik bel volgende week de klantmanager over de maatregel van meneer")
    talk.say("ik. zei ik toch", "inform", 0.5)
    assert talk.answers()["verbeterstap.1.wie"] == "ik"
    talk.say("zie boven", "out_of_scope", 0.4)
    assert talk.answers()["verbeterstap.1.wanneer"] == "volgende week"
    assert talk.step == "verbeterstap.1.merkbaar"


def test_another_moment_at_the_check_is_kept_without_the_no_said_to_the_bot():
    """A tester's table read "Wanneer: Nee, dat ging over het driegesprek. Ik zet het op de agenda ..."."""
    talk = at_first_verbeterstap()
    talk.say("ik plan zelf voor de kerst een overleg met de klantmanager van W&I")
    talk.say("ja", "affirm", 0.95)
    talk.say("nee, eind januari")
    assert talk.answers()["verbeterstap.1.wanneer"] == "Eind januari"


def test_a_no_that_says_what_the_heard_moment_was_about_keeps_only_the_moment_named_after_it():
    talk = at_first_verbeterstap()
    talk.say("ik plan zelf voor de kerst een overleg met de klantmanager van W&I")
    talk.say("ja", "affirm", 0.95)
    talk.say("Nee, dat ging over het driegesprek. Ik zet het op de agenda van het teamoverleg in januari.")
    kept = talk.answers()["verbeterstap.1.wanneer"]
    assert kept == "Ik zet het op de agenda van het teamoverleg in januari."


def test_a_step_that_names_no_lead_or_moment_gets_the_plain_questions_and_a_yes_is_no_answer():
    talk = at_first_verbeterstap()
    talk.say("ik wil dat de teamleider een vast overleg met W&I organiseert")
    assert talk.step == "verbeterstap.1.wie" and "Wie is daarbij in de lead?" in talk.text()
    talk.say("ja", "affirm", 0.95)
    assert talk.step == "verbeterstap.1.wie" and "verbeterstap.1.wie" not in talk.answers()
    talk.say("de teamleider")
    talk.say("ik zet het op de agenda van het teamoverleg")
    assert talk.step == "verbeterstap.1.wanneer" and "Je noemde al" not in talk.text()


def test_a_confirmed_moment_without_a_day_is_not_asked_on_for_one():
    """A tester's "klopt" to "Je noemde al een moment: 'voor de kerst'. ... Dan is 'ja' genoeg" got
    "Weet je er al een dag of week bij?"."""
    talk = at_first_verbeterstap()
    talk.say("ik plan zelf voor de kerst een overleg met de klantmanager van W&I")
    talk.say("ja", "affirm", 0.95)
    talk.say("klopt", "affirm", 0.9)
    assert talk.step == "verbeterstap.1.merkbaar" and talk.answers()["verbeterstap.1.wanneer"] == "voor de kerst"


@pytest.mark.parametrize("ok", ["ok", "oké", "prima"])
def test_ok_at_the_offer_to_go_deeper_asks_which_of_the_two_with_its_buttons(ok):
    """A tester's "ok" at "Wil je nog dieper ingaan ...? Anders gaan we naar de verbeterstappen."
    meant going on, and got four more questions."""
    talk = at_the_offer_to_go_deeper()
    talk.say(ok, "affirm", 0.9)
    assert talk.waiting == Waiting.DEEPER.value and "Welke van de twee" in talk.text()
    assert len(talk.payloads()) == 2
    talk.say("ja", "affirm", 0.95)
    assert talk.waiting != Waiting.DEEPER.value and "verbeterstap" not in talk.step


@pytest.mark.parametrize(
    "typed, kept",
    [
        ("eerder iedereen om tafel. ok", "eerder iedereen om tafel"),
        ("Dat zei ik al: eerst de Wmo-consulent bellen", "Eerst de Wmo-consulent bellen"),
        ("het ging prima", "het ging prima"),  # "prima" inside the answer is the answer
    ],
)
def test_an_ok_after_an_answer_or_zei_ik_toch_before_it_is_not_kept(typed, kept):
    """A tester's "eerder iedereen om tafel. ok" was offered back as an idea with its "ok", and
    "Teken dat het gelukt is: ... regie heeft. ok" stood in the summary."""
    talk = at_first_verbeterstap({**CONSULENT, "kern.anders": typed})
    assert talk.answers()["kern.anders"] == kept


def test_what_is_shared_without_the_writers_own_strain_reads_as_it_was_written():
    """A tester read "In het kort" as "..., Ik ben haar klantmanager, Ze zou ..., bleek mantelzorger":
    the clauses left were joined by commas, without "maar" and "omdat"."""
    from bot.content import get_content
    from bot.summary import shareable

    text = (
        "Ze zou een traject starten, maar bleek mantelzorger. Ik heb de afspraken strakker gezet omdat "
        "de regels er liggen. Ik slaap er slecht van. Later hoorde ik van de melding."
    )
    shared = shareable(get_content(), {"met_signaal": True}, text)
    assert shared == (
        "Ze zou een traject starten, maar bleek mantelzorger. Ik heb de afspraken strakker gezet omdat "
        "de regels er liggen. Later hoorde ik van de melding."
    )


def test_a_venster_question_that_says_what_was_told_still_names_its_venster():
    """The summary showed "Je schreef al over 'casusregie'. Kijk nu naar de organisatie: ..." as
    the question, without saying which venster it was; the reader of the summary looks for them."""
    talk = started()
    talk.walk_until(
        lambda t: t.step == "vensters.organisatie" and t.meta["kind"] == "question",
        lambda t: "Niemand had de casusregie, W&I werkte los van ons.",
    )
    assert "Venster organisatie: je schreef al over ‘casusregie’." in talk.text()
    talk.say("Het overleg kwam te laat.")
    from bot.summary import build_summary

    answers = {a["step"]: a for a in build_summary(talk.content, talk.state)["answers"]}
    assert answers["vensters.organisatie"]["question"].startswith("Venster organisatie: je schreef al over")


def test_in_het_kort_opens_with_the_case_not_with_what_was_said_to_the_bot():
    """A tester's "In het kort" opened with "vrijdagmiddag, laatste ding."; the answer below keeps it."""
    talk = started()
    answers = dict(CONSULENT)
    opening = "vrijdagmiddag, laatste ding. "
    answers["casus.gebeurtenis"] = opening + CONSULENT["casus.gebeurtenis"]
    walk(talk, answers, STEP)
    summary = talk.meta["summary"]
    assert summary["synthese"]["casus"].startswith(CONSULENT["casus.gebeurtenis"][:40])
    assert opening.strip() in summary["markdown"].split("## De casus")[1]  # the answer keeps every word


def at_the_feeling_question(first: str) -> Talk:
    """A conversation at "Wat dacht en voelde je?" after ``first`` and three plain answers."""
    talk = started()
    talk.say(first)
    talk.say("Het wijkteam, de klantmanager en de inwoner.")
    talk.say("Ik was klantmanager.")
    talk.say("Ik heb de maatregel uitgelegd aan het wijkteam.")
    if talk.meta["kind"] == "clarify":
        talk.say("/skip", "skip", 1.0)
    assert talk.step == "casus.gevoel"
    return talk


def test_a_clients_feeling_dictated_in_one_run_with_ik_is_not_handed_back_as_the_users_own():
    """A tester dictating without punctuation: "hij was heel boos ik heb de crisisdienst gebeld"
    came back as "Je noemde al 'boos'", and so stood in her summary as her own feeling."""
    talk = at_the_feeling_question(
        "de klant kreeg te horen dat zijn uitkering stopte hij was heel boos ik heb de crisisdienst gebeld"
    )
    assert "‘boos’" not in talk.text()
    # the writer's own, said after a person of the case, still counts
    talk = at_the_feeling_question("de klant schreeuwde en daarna was ik boos op de regels")
    assert "Je noemde al ‘boos’" in talk.text()
