"""Listening: the bot picks up what an answer leaves open and gives a phrase back.

Held as whole turns (bot/turn.py) with the answers of the reproductions in the issue: a
hedged "niet echt", an omission ("niet gevraagd ... er ging gewoon een brief uit"), an
insight offered unasked ("dat had ik toen niet zo scherp").
"""

from __future__ import annotations

import pytest

from bot.content import get_content
from bot.engine import DEEPENINGS_PER_PHASE, Waiting
from bot.summary import build_summary
from tests.talk import Talk

STORY = "Een inwoner met schulden kreeg een maatregel van W&I omdat hij niet op een afspraak kwam."


def at(step: str) -> Talk:
    """A conversation at ``step``, every earlier question answered plainly (follow-ups skipped)."""
    talk = Talk()
    talk.say("hallo", "greet")
    talk.start()
    for _ in range(30):
        if talk.step == step and talk.meta["kind"] == "question":
            return talk
        if talk.meta["kind"] == "clarify":
            talk.say("/skip", "skip", 1.0)
        elif talk.waiting == Waiting.CHOICE.value:
            talk.say("/affirm", "affirm", 1.0)
        elif talk.waiting == Waiting.DEEPER.value:
            talk.say("nee", "deny")
        else:
            talk.say(f"{STORY} Dat was bij {talk.step}.")
    raise AssertionError(f"never reached {step}")


def test_an_omission_gets_a_follow_up_that_quotes_the_users_own_clause():
    talk = at("casus.handelen")
    answer = "ik heb haar niet gevraagd waarom ze niet kwam, er ging gewoon een brief uit"
    talk.say(answer)
    assert talk.meta["kind"] == "clarify" and talk.step == "casus.handelen"
    assert "‘ik heb haar niet gevraagd waarom ze niet kwam’" in talk.text()
    assert "Hoe kwam het" in talk.text()
    assert "/skip" in talk.payloads()  # a follow-up can always be skipped
    talk.say("Ik had het te druk en ging ervan uit dat W&I zou bellen.")
    assert talk.step == "casus.gevoel"
    summary = build_summary(talk.content, talk.state)
    told = [a for a in summary["answers"] if a["step"] == "casus.handelen"]
    assert [a["answer"] for a in told] == [answer, "Ik had het te druk en ging ervan uit dat W&I zou bellen."]
    assert told[1]["question"].startswith("Je noemt ‘ik heb haar niet gevraagd")
    assert "ALACT" in told[1]["bron"]


def test_an_answer_to_a_follow_up_is_kept_whatever_the_nlu_calls_it():
    """A tester's "met wijkteam checken voor maatregel" at a follow-up got "daar kan ik niet
    bij helpen": the NLU read it as out of scope. A statement at an open question is kept."""
    talk = at("vensters.inwoner")
    talk.say("niet echt")
    assert talk.meta["kind"] == "clarify"
    talk.say("met wijkteam checken voor maatregel", "out_of_scope", 0.8)
    assert talk.step == "vensters.professional"
    assert "met wijkteam checken voor maatregel" in [
        a["answer"] for a in build_summary(talk.content, talk.state)["answers"] if a["step"] == "vensters.inwoner"
    ]


def test_a_hedged_niet_echt_is_not_passed_over():
    talk = at("vensters.inwoner")
    talk.say("niet echt")
    assert talk.meta["kind"] == "clarify"
    assert "‘niet echt’" in talk.text()
    talk.say("/skip", "skip", 1.0)
    assert talk.step == "vensters.professional" and talk.meta["kind"] == "question"
    assert talk.answers()["vensters.inwoner"] == "niet echt"


def test_niet_echt_at_the_feeling_question_asks_what_they_notice_now_not_what_was_in_the_way():
    """Found holding a conversation: "Wat zat daarbij in de weg?" after "niet echt" to "Wat
    dacht en voelde je?" did not fit; someone who felt little is asked what they notice now."""
    talk = at("casus.gevoel")
    talk.say("niet echt")
    assert talk.meta["kind"] == "clarify"
    assert "Wat merk je nu" in talk.text() and "in de weg" not in talk.text()


def test_niet_echt_to_who_was_involved_asks_what_they_do_know():
    """Found holding a conversation: "niet echt" to "Wie waren erbij betrokken?" got "Wat zat
    daarbij in de weg, denk je?", which does not fit a question about who."""
    talk = at("casus.betrokkenen")
    talk.say("niet echt")
    assert talk.meta["kind"] == "clarify"
    assert "Wat weet je er wel van?" in talk.text() and "in de weg" not in talk.text()


def test_a_hedge_that_explains_itself_is_not_asked_about_again():
    """Found holding a conversation: "weinig, mijn teamleider wist niet wie erover ging" got
    "Wat zat daarbij in de weg, denk je?", which the answer had just said."""
    talk = at("vensters.organisatie")
    talk.say("weinig, mijn teamleider wist niet wie erover ging")
    assert talk.meta["kind"] == "question" and talk.step == "vensters.beleid"


def test_an_insight_offered_unasked_is_picked_up():
    talk = at("casus.gevoel")
    talk.say("Boos eigenlijk. Dat had ik toen niet zo scherp, maar ik voelde me vooral machteloos.")
    assert talk.meta["kind"] == "clarify"
    assert "Wat zie je nu wat je toen niet zag?" in talk.text()


def test_a_feeling_is_asked_about_only_at_the_feeling_question():
    talk = at("casus.gevoel")
    talk.say("Machteloos, en boos op de regels.")
    assert "Waar kwam dat gevoel vandaan" in talk.text() and "‘Machteloos’" in talk.text()
    talk = at("vensters.professional")
    talk.say("De klantmanager was boos op de regels en handhaafde toch.")
    assert talk.meta["kind"] == "question" and talk.step == "vensters.organisatie"


@pytest.mark.parametrize("reply", ["3", "geen idee", "niks"])
def test_a_bare_reply_at_the_feeling_question_is_asked_about(reply):
    talk = at("casus.gevoel")
    talk.say(reply)
    assert talk.meta["kind"] == "clarify" and talk.step == "casus.gevoel"


def test_one_feeling_word_at_the_feeling_question_gets_the_feeling_follow_up():
    talk = at("casus.gevoel")
    talk.say("machteloos")
    assert "Waar kwam dat gevoel vandaan" in talk.text()


def test_at_most_one_follow_up_per_question_and_two_per_phase():
    talk = at("vensters.inwoner")
    follow_ups = 0
    for _ in range(4):  # four hedged answers in the vensters phase
        step = talk.step
        talk.say("weinig")
        if talk.meta["kind"] == "clarify":
            follow_ups += 1
            talk.say("weinig eigenlijk")  # a hedge again: no follow-up on the follow-up
            assert talk.step != step and talk.meta["kind"] != "clarify"
    assert follow_ups == DEEPENINGS_PER_PHASE


def test_verbeterstappen_and_the_choice_get_no_follow_up():
    talk = at("verbeterstap.1.wie")
    talk.say("weinig")  # a strange answer to "wie", but not one to dig into here
    assert talk.meta["kind"] != "clarify" or not talk.state.get("vervolg")


def acknowledgements(talk, answers: list[str]) -> list[list[str]]:
    """The acknowledgements each answer got (a follow-up on it skipped)."""
    found = []
    for answer in answers:
        talk.say(answer)
        if talk.meta["kind"] == "clarify":
            talk.say("/skip", "skip", 1.0)
        found.append([m.text for m in talk.last.messages if m.key == "terugkoppeling"])
    return found


def test_a_long_answer_is_sometimes_received_with_a_phrase_of_its_own_never_the_whole_answer():
    talk = at("casus.betrokkenen")
    long_answers = [
        "De inwoner, zijn dochter, de klantmanager van W&I, de schuldhulpverlener en ik als consulent Wmo.",
        "Ik was consulent Wmo en deed de aanvraag, en ik moest ook de contacten met de huisarts onderhouden.",
        "Ik heb de klantmanager gemaild, maar pas na een week, omdat ik eerst het gesprek wilde afronden.",
    ]
    acknowledged = acknowledgements(talk, long_answers)
    flags = [bool(lines) for lines in acknowledged]
    assert flags in ([True, False, True], [False, True, False])  # every second long answer, not each
    for answer, lines in zip(long_answers, acknowledged, strict=False):
        for line in lines:
            assert "‘" in line and answer not in line
            quoted = line.split("‘", 1)[1].split("’", 1)[0]
            assert quoted in answer and 3 <= len(quoted.split()) <= 9


def test_a_follow_up_can_be_answered_after_a_pause():
    talk = at("casus.handelen")
    talk.say("Ik heb het laten lopen.")
    assert talk.meta["kind"] == "clarify"
    talk.say("even pauze", "pause", 0.95)
    talk.say("verder", "resume", 0.95)
    assert talk.meta["kind"] == "clarify" and "laten lopen" in talk.text()
    talk.say("Ik wist niet wie het moest oppakken.")
    assert talk.state["answers"]["casus.handelen"]["verdieping"]["antwoord"] == "Ik wist niet wie het moest oppakken."
    assert talk.waiting == Waiting.ANSWER.value


@pytest.mark.parametrize(
    "text, intent", [("verder", "resume"), ("ga maar door", "resume"), ("ik wilde verder", "answer")]
)
def test_going_on_typed_at_a_follow_up_does_what_its_button_does(text, intent):
    """The follow-up's button is "Verder met de volgende vraag"; typing "verder" asked the follow-up again."""
    talk = at("vensters.inwoner")
    talk.say("niet echt")
    talk.say(text, intent, 0.9)
    assert talk.step == "vensters.professional" and talk.meta["kind"] == "question"
    assert talk.answers()["vensters.inwoner"] == "niet echt"


def test_a_follow_up_quotes_within_one_clause():
    talk = at("vensters.inwoner")
    talk.say("niet echt, hij werd niet gevraagd wat hij zelf wilde")
    assert "‘hij werd niet gevraagd wat hij zelf wilde’" in talk.text()


def test_a_short_list_of_roles_gets_no_follow_up():
    """A tired jongerenwerker: 'ik, klantmanager' is an answer, not something to dig into."""
    talk = at("casus.betrokkenen")
    talk.say("ik, klantmanager")
    assert talk.step == "casus.rol" and talk.meta["kind"] == "question"


@pytest.mark.parametrize("reply, intent", [("ok", "affirm"), ("weet niet", "dont_know")])
def test_ok_or_weet_niet_at_a_follow_up_goes_on(reply, intent):
    """A follow-up is optional: a tired user who says 'ok' or 'weet niet' is not held there."""
    talk = at("vensters.organisatie")
    talk.say("weinig")
    assert talk.meta["kind"] == "clarify"
    talk.say(reply, intent, 0.95)
    assert talk.step == "vensters.beleid" and talk.meta["kind"] == "question"
    assert talk.answers()["vensters.organisatie"] == "weinig"


@pytest.mark.parametrize(
    "question", ["Wat is beleid en bestuur precies?", "wat betekent integraal?", "wat houdt regie voeren in?"]
)
def test_a_question_back_about_a_word_is_explained_not_kept(question):
    """Found by a tester: "Wat is beleid en bestuur precies?" was kept as the answer."""
    talk = at("vensters.beleid")
    talk.say(question, "answer", 0.6)
    assert talk.step == "vensters.beleid" and "vensters.beleid" not in talk.answers()
    assert talk.meta["kind"] == "question" and len(talk.last.messages) >= 2  # an explanation, then the question


def test_a_second_weet_niet_at_one_question_gets_an_example_not_the_same_words():
    """Found by a tester: "weet niet", then "weet niet echt", got the same text twice."""
    talk = at("vensters.professional")
    talk.say("weet niet", "dont_know", 0.9)
    first = talk.last.messages[0].text
    talk.say("weet niet echt", "dont_know", 0.9)
    second = talk.last.messages[0].text
    assert second != first and "klantmanager moest de re-integratieplicht" in second
    assert talk.step == "vensters.professional" and talk.meta["kind"] == "question"


def at_a_follow_up() -> Talk:
    talk = Talk()
    talk.start()
    for text in ("Klant kreeg geen hulp.", "De wijkcoach en ik.", "Klantmanager."):
        talk.say(text)
    talk.say("ik heb het teruggelegd bij het wijkteam, achteraf te snel")
    assert talk.waiting == Waiting.CLARIFY.value
    return talk


@pytest.mark.parametrize("yes", ["ja", "Ja.", "ja hoor", "jazeker"])
def test_a_yes_to_a_follow_up_waits_for_what_comes_and_keeps_nothing(yes):
    """Found holding a conversation: "ja" to "kun je daar iets meer over vertellen?" was kept as
    the addition and the bot went on, so what the user then typed landed at the next question."""
    talk = at_a_follow_up()
    follow_up = talk.last.messages[-1].text
    talk.say(yes, "affirm")
    assert talk.waiting == Waiting.CLARIFY.value
    assert talk.last.messages[0].text == "Vertel maar, ik lees mee."
    assert talk.last.messages[-1].text == follow_up  # the question again, with its button
    assert "verdieping" not in talk.state["answers"]["casus.handelen"]
    talk.say("dat de wijkcoach het al had opgepakt")
    assert talk.state["answers"]["casus.handelen"]["verdieping"]["antwoord"] == "dat de wijkcoach het al had opgepakt"
    assert talk.step == "casus.gevoel"


def test_a_yes_with_more_words_at_a_follow_up_is_the_addition():
    talk = at_a_follow_up()
    talk.say("ja, dat ik te snel wilde afsluiten", "affirm")
    assert talk.state["answers"]["casus.handelen"]["verdieping"]["antwoord"] == "ja, dat ik te snel wilde afsluiten"


def test_an_acknowledgement_never_gives_back_danger_or_strain_even_of_someone_in_the_case():
    """Found holding a conversation: "zijn moeder zei: als jullie hem korten, springt hij van het
    dak. ..." was received with "'springt hij van het dak': dat neem ik mee"."""
    answer = "Zijn moeder zei: als jullie hem korten, springt hij echt meteen van het dak af. Huisarts gebeld."
    [lines] = acknowledgements(at("casus.betrokkenen"), [answer])
    assert lines, "the long answer is acknowledged"
    assert all("dak" not in line for line in lines), lines


def test_an_acknowledgement_never_gives_back_a_request_to_the_bot_at_the_end_of_an_answer():
    """A tester's answer ending in "..., kunnen we het verder kort houden" was received with
    "Helder: 'kunnen we het verder kort houden'"."""
    answer = "De klantmanager en ik, en later de schuldhulp, kunnen we het verder kort houden, het is laat"
    [lines] = acknowledgements(at("casus.betrokkenen"), [answer])
    assert lines, "the long answer is acknowledged"
    assert all("kort houden" not in line for line in lines), lines


@pytest.mark.parametrize("reply, intent", [("nee", "deny"), ("ja hoor", "affirm"), ("helemaal niet", "answer")])
def test_a_bare_yes_or_no_to_a_venster_asks_for_a_moment_not_for_more(reply, intent):
    """ "nee" to "had je ruimte binnen de kaders?" got "nee: kun je daar iets meer over
    vertellen?", which read cold to a tester: it asks for a moment in the case instead."""
    talk = at("vensters.beleid")
    talk.say(reply, intent)
    assert talk.meta["kind"] == "clarify" and talk.step == "vensters.beleid"
    assert talk.text().startswith(f"Je zegt ‘{reply}’. Kun je een moment uit deze casus noemen")
    talk.say("Toen de teamleider zei dat de regels geen uitzondering toelieten.")
    assert talk.state["answers"]["vensters.beleid"]["answer"] == reply
    assert talk.state["answers"]["vensters.beleid"]["verdieping"]["antwoord"].startswith("Toen de teamleider")


def test_yes_to_a_venster_with_a_yes_or_no_in_it_is_kept_and_asked_about_like_no():
    """ "ja" to "wat wilde de inwoner zelf, en kon hij of zij meebeslissen?" got "Vertel het in een
    paar woorden", while "nee" was kept and asked about."""
    talk = at("vensters.inwoner")
    talk.say("ja", "affirm", 0.9)
    assert talk.meta["kind"] == "clarify" and talk.text().startswith("Je zegt ‘ja’.")
    assert talk.state["answers"]["vensters.inwoner"]["answer"] == "ja"


def test_a_short_answer_with_niet_to_a_what_question_is_not_taken_for_a_no():
    talk = at("vensters.professional")
    talk.say("niet bellen")
    assert "Kun je een moment" not in talk.text()


def test_a_short_answer_that_is_not_yes_or_no_still_gets_asked_for_more():
    talk = at("vensters.beleid")
    talk.say("te krap")
    assert talk.text() == "‘te krap’: kun je daar iets meer over vertellen?"


def test_a_feeling_is_quoted_without_the_joining_word_before_it_or_the_filler_after_it():
    """Session 26: "boos. en machteloos eigenlijk" was asked about as 'en machteloos eigenlijk'."""
    talk = at("casus.gevoel")
    talk.say("boos. en machteloos eigenlijk")
    assert talk.meta["kind"] == "clarify"
    assert "‘machteloos’" in talk.text() and "‘en machteloos" not in talk.text()


def test_an_insight_someone_else_had_is_not_asked_about_as_the_writers():
    """A tester's "de wijkcoach vond het te snel gaan zei ze achteraf" was asked "Je schrijft
    'achteraf'. Wat zie je nu wat je toen niet zag?"."""
    rule = next(r for r in get_content().luisteren.doorvragen if r.id == "inzicht")
    assert (
        rule.found_in("de wijkcoach vond het te snel gaan zei ze achteraf", "vensters", "vensters.professional") is None
    )
    assert rule.found_in("achteraf had ik eerder moeten bellen", "vensters", "vensters.professional") == "achteraf"
    assert rule.found_in("de klant belde en nu zie ik dat het te laat was", "casus", "casus.actie") == "nu zie ik"


@pytest.mark.parametrize("reply", ["dat heb ik net al gezegd", "zei ik toch al", "zie boven"])
def test_said_already_to_a_follow_up_goes_on_and_is_not_kept_as_its_answer(reply):
    """A tester's "dat heb ik net al gezegd" to a follow-up stood in the summary as an answer."""
    talk = at("casus.handelen")
    answer = "ik heb haar niet gevraagd waarom ze niet kwam, er ging gewoon een brief uit"
    talk.say(answer)
    assert talk.meta["kind"] == "clarify"
    talk.say(reply, "answer", 0.9)
    assert "Klopt, dat had je al verteld." in talk.text() and talk.step == "casus.gevoel"
    told = [a["answer"] for a in build_summary(talk.content, talk.state)["answers"] if a["step"] == "casus.handelen"]
    assert told == [answer]
