"""Judging user messages (bot/interpret.py): answer or request, choices and confirmations.

The NLU result is given directly as ``Parsed(text, intent, confidence, entities)``;
the distress phrases and bouwopgave numbers come from the real content.
"""

from __future__ import annotations

import pytest

from bot.content import get_content
from bot.engine import Waiting
from bot.interpret import Judgement, Parsed, judge
from bot.phrases import normalise
from bot.signals import Signals

CONTENT = get_content()
SIGNALS = Signals.from_content(CONTENT)
NUMBERS = SIGNALS.numbers
WAITS = {
    "open": Waiting.ANSWER,
    "clarify": Waiting.CLARIFY,
    "choice": Waiting.CHOICE,
    "meer": Waiting.MORE,
    "confirm_stop": Waiting.CONFIRM_STOP,
    "confirm_delete": Waiting.CONFIRM_DELETE,
    "resume": Waiting.PAUSED,
    "unsure": Waiting.UNSURE,
    "checkin": Waiting.CHECKIN,
    "support": Waiting.SUPPORT,
    "stopped": Waiting.STOPPED,
    "none": None,
}

CASE_WITH_STOP = (
    "de klant wilde stoppen met het traject omdat hij terug moest naar W&I " "en geen uitleg kreeg over de regels"
)


def run(
    text: str, intent: str | None = None, confidence: float = 0.9, mode: str = "open", entities: tuple[dict, ...] = ()
) -> Judgement:
    return judge(Parsed(text, intent, confidence, entities), WAITS[mode], SIGNALS)


def entity(value: str) -> dict:
    return {"entity": "bouwopgave", "value": value}


def test_numbers_are_the_five_bouwopgaven():
    assert NUMBERS == {1: "bouwproces", 2: "met_inwoner", 3: "verbinding", 4: "regie", 5: "participatie"}


# --------------------------------------------------------------------------- requests vs answers


@pytest.mark.parametrize(
    "text, intent",
    [
        ("uitleg graag", "help"),
        ("wat bedoel je?", "help"),
        ("sla maar over", "skip"),
        ("volgende vraag", "skip"),
        ("vorige vraag", "go_back"),
        ("ga terug", "go_back"),
        ("even pauze", "pause"),
        ("ik wil stoppen", "quit"),
        ("weet ik niet", "dont_know"),
        ("geen idee", "dont_know"),
    ],
)
def test_short_confident_requests_are_requests(text, intent):
    judgement = run(text, intent, 0.9)
    assert judgement.kind == "request"
    assert judgement.intent == intent


@pytest.mark.parametrize("intent", ["quit", "skip", "help", "go_back", "pause", "dont_know"])
def test_long_case_sentences_with_command_words_are_answers(intent):
    judgement = run(CASE_WITH_STOP, intent, 0.9)
    assert judgement.kind == "answer"
    assert judgement.signal is None


@pytest.mark.parametrize(
    "text",
    [
        CASE_WITH_STOP,
        "Ik wilde de vraag overslaan maar de klantmanager vond dat we terug moesten naar het begin van het traject",
        "Hij had pauze nodig van alle hulpverleners, want iedereen wilde iets van hem en niemand legde het uit",
    ],
)
def test_long_case_sentences_are_answers_whatever_the_nlu_says(text):
    assert len(text.split()) > 12
    for intent in ("quit", "skip", "go_back", "pause", "help", "answer", None):
        assert run(text, intent, 0.95).kind == "answer", intent


@pytest.mark.parametrize(
    "text, intent",
    [
        ("niks eigenlijk, ik heb het laten gebeuren", "pause"),  # a tester's answer, asked as a pause
        ("niks eigenlijk, ik heb het laten gebeuren", "quit"),
        ("ik heb hem gewoon zijn gang laten gaan", "pause"),
        ("ik heb gebeld met wmo maar niemand heeft terug gebeld", "pause"),  # the NLU was 0.90 sure
        ("geen nieuwe casussen meer waarbij we pas achteraf horen van wmo", "new_conversation"),  # a tester
    ],
)
def test_a_pause_or_stop_the_message_does_not_name_is_an_answer(text, intent):
    assert run(text, intent, 0.9).kind == "answer"


@pytest.mark.parametrize("text", ["vaker afstemmen", "eerder afstemmen", "meer afstemmen"])
def test_two_words_the_nlu_doubts_are_a_stop_are_an_answer_when_they_name_none(text):
    """A tester's "vaker afstemmen" at "Wat had je anders kunnen doen?" was a stop at 0.51: asked
    "bewaren, of bedoel je stoppen?", and the next answer was added to it."""
    assert run(text, "quit", 0.51).kind == "answer"


@pytest.mark.parametrize("text", ["stop maar", "even pauze", "tot later"])
def test_two_words_that_name_a_stop_or_pause_are_still_asked_about_when_the_nlu_doubts(text):
    assert run(text, "quit", 0.51).kind != "answer"


def test_every_longer_pause_and_stop_of_the_nlu_data_names_itself():
    """The words that make a longer message a pause, a stop or a new conversation cover the NLU's
    own examples."""
    import glob

    import yaml

    from bot.interpret import INTERRUPTION_MIN_WORDS, INTERRUPTION_WORDS

    examples = 0
    for path in glob.glob("data/nlu/*.yml"):
        with open(path, encoding="utf-8") as file:
            for block in yaml.safe_load(file).get("nlu") or []:
                named = INTERRUPTION_WORDS.get(block.get("intent"))
                for line in (block.get("examples") or "").splitlines() if named else []:
                    text = line[2:].strip()
                    if len(text.split()) >= INTERRUPTION_MIN_WORDS - 1:  # two words, when the NLU doubts
                        examples += 1
                        assert named.search(text), (block["intent"], text)
                        assert run(text, block["intent"], 0.9).kind == "request", text
    assert examples > 15


@pytest.mark.parametrize(
    "text, intent, confidence",
    [
        ("stoppen", "quit", 0.3),
        ("uitleg", "help", 0.1),
        ("niet echt", "dont_know", 0.9),  # a no: "Wat weet je er wel van?" answered a tester's
        ("nee, eigenlijk niet", "dont_know", 0.9),
    ],
)
def test_unlikely_requests_are_answers(text, intent, confidence):
    judgement = run(text, intent, confidence)
    assert judgement.kind == "answer"


@pytest.mark.parametrize(
    "text, intent, confidence",
    [
        ("overslaan", "skip", 0.5),
        ("terug", "go_back", 0.59),
        ("ik denk dat ik hier liever even niets over zeg", "pause", 0.4),
        # likely, but longer than a request usually is, and not about anyone in the case
        ("ik denk dat ik deze vraag eigenlijk liever zou willen overslaan als dat mag", "skip", 0.9),
    ],
)
def test_between_request_and_answer_the_bot_asks(text, intent, confidence):
    judgement = run(text, intent, confidence)
    assert (judgement.kind, judgement.intent) == ("unsure", intent)


def test_when_asked_yes_keeps_and_no_drops():
    assert run("ja", "affirm", 0.9, mode="unsure").yes is True
    assert run("nee", "deny", 0.9, mode="unsure").kind == "confirm"
    assert run("nee", "deny", 0.9, mode="unsure").yes is False
    assert run("/help", "help", 1.0, mode="unsure").kind == "request"


@pytest.mark.parametrize("text", ["???", "!!", "👍👍", "..."])
def test_a_message_without_letters_is_not_kept_as_an_answer(text):
    assert run(text, "answer", 0.9).kind == "invalid"


@pytest.mark.parametrize(
    "text, intent",
    [
        ("Machteloos", "answer"),
        ("De inwoner, zijn zus en de klantmanager", "answer"),
        ("Machteloos en boos", None),
    ],
)
def test_plain_answers_are_answers(text, intent):
    judgement = run(text, intent, 0.9)
    assert judgement.kind == "answer"
    assert judgement.signal is None


# --------------------------------------------------------------------------- payloads


@pytest.mark.parametrize(
    "payload, intent",
    [
        ("/help", "help"),
        ("/skip", "skip"),
        ("/go_back", "go_back"),
        ("/pause", "pause"),
        ("/stop", "quit"),
    ],
)
@pytest.mark.parametrize("confidence", [1.0, 0.2])
def test_payloads_are_taken_exactly(payload, intent, confidence):
    judgement = run(payload, intent, confidence)
    assert judgement.kind == "request"
    assert judgement.intent == intent


@pytest.mark.parametrize(
    "payload, intent", [("/affirm", "affirm"), ("/deny", "deny"), ("/choose_bouwopgave", "choose_bouwopgave")]
)
def test_payload_that_fits_nothing_at_an_open_question_is_not_an_answer(payload, intent):
    assert run(payload, intent, 1.0).kind == "invalid"


def test_payload_resume_while_paused_resumes():
    assert (run("/resume", "resume", 1.0, mode="resume").kind, run("/resume", "resume", 1.0).intent) == (
        "request",
        "resume",
    )


# --------------------------------------------------------------------------- signals (stepped care)


def test_content_has_danger_and_strain_phrases():
    assert len(SIGNALS.gevaar) >= 20 and len(SIGNALS.spanning) >= 20
    assert all(p == p.lower() for p in SIGNALS.gevaar + SIGNALS.spanning)


@pytest.mark.parametrize("phrase", [p for p in CONTENT.signalen["gevaar"] if "*" not in p])
@pytest.mark.parametrize("intent, confidence", [("answer", 0.9), ("skip", 0.95), (None, 0.0), ("quit", 0.9)])
def test_every_danger_phrase_is_danger_whatever_the_nlu_says(phrase, intent, confidence):
    judgement = run(f"Eerlijk gezegd: {phrase}", intent, confidence)
    assert judgement.signal == "gevaar"


@pytest.mark.parametrize("phrase", [p for p in CONTENT.signalen["spanning"] if "*" not in p])
def test_every_strain_phrase_is_strain(phrase):
    # A phrase with ^ holds only at the start of a message: "helemaal op" as the whole message.
    text = phrase.removeprefix("^ ") if phrase.startswith("^") else f"Eerlijk gezegd: {phrase}."
    assert run(text, "answer", 0.9).signal in ("spanning", "gevaar")


@pytest.mark.parametrize(
    "text",
    [
        "ik wil er gewoon een eind aan maken",
        "ik wil er maar een einde aan maken",
        "soms denk ik dat iedereen echt beter af is zonder mij",
        "SUÏCIDALE gedachten heb ik soms",
    ],
)
def test_wildcards_and_prefixes_find_danger_in_other_words(text):
    assert run(text, "answer", 0.9).signal == "gevaar"


@pytest.mark.parametrize(
    "text, signal",
    [
        ("ik dacht echt: ik spring van de brug", "gevaar"),  # "spring* + brug" in either order
        ("van de brug springen, daar denk ik aan", "gevaar"),
        ("ik denk aan het beëindigen van mijn leven", "gevaar"),  # "leven + beëindig*"
        ("ik sprong in toen het misging. de brug naar W&I was er niet", None),  # not in one clause
    ],
)
def test_a_plus_finds_both_parts_of_a_phrase_in_one_clause_in_either_order(text, signal):
    assert run(text, "answer", 0.9).signal == signal


@pytest.mark.parametrize(
    "text, signal",
    [
        ("gaat niet meer. wil er uit. voorgoed.", "gevaar"),  # no "ik", yet about the writer
        ("kan het korter? voorgoed graag", None),  # "kan het": a request, not the writer
        ("rij elke ochtend langs het spoor en denk er steeds aan", "gevaar"),  # "rij": the writer drives
        ("zou het korter kunnen? dood saai dit", None),  # "zou het": a request, not the writer
    ],
)
def test_a_danger_word_with_a_left_out_subject_is_about_the_writer(text, signal):
    assert run(text, "distress", 0.99).signal == signal


@pytest.mark.parametrize(
    "text, signal",
    [
        ("we hebben het gesprek over suïcidale gedachten gevoerd zoals we geleerd hebben", None),
        ("ik heb meteen gevraagd naar zelfmoordgedachten, dat hoort bij de signalen", None),
        ("ik neem mee dat ik vaker moet vragen of mensen aan zelfdoding denken", None),
        ("ik vraag me af of ik aan zelfmoord denk", "gevaar"),  # the writer asks about themselves
        # Read in blind15's harmless answers (each got 113):
        ("mijn verbeterstap: een vaste route, zodat we bij signalen van suïcidaliteit sneller bellen", None),
        ("Suïcidaliteit bij jongeren is in ons gebied een groeiend thema.", None),
        ("ik stel een belafspraak voor met de huisartsenpost voor jongeren na een suïcidepoging", None),
        ("ik heb signalen van suïcidaliteit bij mezelf", "gevaar"),
        ("suïcidaliteit bij mij is terug", "gevaar"),
        ("ik ben net als die jongeren na een suïcidepoging, ik denk aan zelfmoord", "gevaar"),
        ("ik wil een gesprek over mijn zelfmoordgedachten", "gevaar"),  # the writer's own
        ("ik denk aan zelfmoord", "gevaar"),
    ],
)
def test_danger_named_as_the_subject_of_a_conversation_is_the_work(text, signal):
    assert run(text, "answer", 0.9).signal == signal


@pytest.mark.parametrize("mode", ["open", "choice", "meer", "confirm_stop", "resume", "checkin", "stopped", "none"])
def test_strain_is_read_in_every_wait(mode):
    judgement = run("ik  KAN het niet meer aan", "affirm", 0.9, mode=mode)
    assert judgement.signal == "spanning"


@pytest.mark.parametrize(
    "text",
    [
        "de inwoner zag het niet meer zitten met al die schulden",
        "de klant dreigde met zelfmoord als de uitkering stopte",
        "ik ben opgelucht dat het gelukt is",
        "het budget is op",
        "ik was klaar met bellen om vijf uur",
    ],
)
def test_signals_about_someone_in_the_case_or_in_other_words_are_no_alarm(text):
    assert run(text, "answer", 0.9).signal is None


@pytest.mark.parametrize(
    "text, confidence, signal",
    [
        ("het is allemaal heel zwaar voor me de laatste tijd", 0.9, "spanning"),
        ("het is allemaal heel zwaar voor me de laatste tijd", 0.2, None),  # the NLU must find it likely
        ("ja eigenlijk wel, als ik het mandaat krijg", 0.95, None),  # and there must be a word about oneself
        ("haha nee zo erg is het niet hoor, ik ben gewoon moe van het systeem", 0.9, None),
        ("meer samenwerken", 0.95, None),  # not about oneself
    ],
)
def test_the_nlu_adds_strain_only_when_likely_and_about_oneself(text, confidence, signal):
    assert run(text, "distress", confidence).signal == signal


@pytest.mark.parametrize(
    "text, signal",
    [
        ("nee hoor, ik slaap er niet wakker van", None),  # the reassurance overlaps the strain phrase
        ("ik slaap er niet van", "spanning"),
        ("ik ben niet kapot maar ik slaap heel slecht", "spanning"),  # the reassurance is about another part
    ],
)
def test_a_reassurance_takes_back_only_the_strain_phrase_it_overlaps(text, signal):
    assert run(text, "distress", 0.99).signal == signal


@pytest.mark.parametrize(
    "text, signal",
    [
        ("skip pls, ben kapot", "spanning"),  # "ben" without "ik" is the writer
        ("kapot. gewoon kapot.", "spanning"),
        ("helemaal op", "spanning"),
        ("het budget is helemaal op", None),
        ("kapot systeem", None),
        ("ik wil verdwijnen, voor altijd", "gevaar"),
        ("de klant wil verdwijnen, voor altijd", None),
    ],
)
def test_bare_states_and_a_subject_left_out_are_about_the_writer(text, signal):
    assert run(text, "answer", 0.1).signal == signal


@pytest.mark.parametrize(
    "text, signal",
    [
        ("heb vandaag weer zitten janken na een huisbezoek", "spanning"),  # the verb says who
        ("heb de klant zitten janken gezien", None),  # someone in the case
    ],
)
def test_a_strain_word_in_a_clause_that_starts_with_an_ik_verb_is_the_writers(text, signal):
    assert run(text, "distress", 0.99).signal == signal


@pytest.mark.parametrize(
    "text, signal",
    [
        ("sla deze maar over, te zwaar vanavond", "spanning"),  # a request: the strain is the writer's
        ("volgende vraag, de inwoner was kapot van het nieuws", None),  # the case
        ("sla over, we hebben het te druk gehad", None),  # people in general
        ("ik pak het zelf op", None),  # no request in words, whatever the NLU says
    ],
)
def test_strain_words_beside_a_request_are_the_writers_whatever_the_nlu_says(text, signal):
    assert run(text, "skip" if "pak" not in text else "pause", 0.05).signal == signal


def model(text: str, danger: float, strain: float, intent: str = "answer") -> Judgement:
    """A judgement where only the signal model (components/signaal.py) may see something."""
    return judge(Parsed(text, intent, 0.9, model_danger=danger, model_strain=strain), Waiting.ANSWER, SIGNALS)


@pytest.mark.parametrize(
    "text, danger, strain, signal",
    [
        ("ik herken mezelf niet terug in hoe ik nu werk", 0.02, 0.95, "spanning"),
        ("ik herken mezelf niet terug in hoe ik nu werk", 0.5, 0.45, "spanning"),  # together near certain
        ("ik herken mezelf niet terug in hoe ik nu werk", 0.3, 0.5, None),  # not near certain
        ("ik herken mezelf niet terug in hoe ik nu werk", 0.05, 0.72, "spanning"),  # sure of strain alone
        # leaning to danger but unsure, as who leads a step (a tester got the check-in with 113)
        ("ik zelf, en ik wil het aan mijn teamleider voorleggen zodat het teambreed wordt", 0.74, 0.09, None),
        ("ik heb nagedacht over hoe het afloopt met mij", 0.93, 0.03, "spanning"),  # a check-in first
        ("ik heb nagedacht over hoe het afloopt met mij", 0.95, 0.03, "gevaar"),  # near certain: 113 at once
        ("de inwoner heeft nagedacht over hoe het afloopt met hem", 0.99, 0.0, None),  # not the writer
        ("de inwoner herkent zichzelf niet terug in hoe hij nu leeft", 0.02, 0.99, None),  # not about the writer
        # The writer's own family is no one of the case (blind15 got nothing for it): 113 at once.
        (
            "Gisteren van alles nagezocht. Daarna de geschiedenis gewist zodat mijn vrouw het niet ziet.",
            0.98,
            0.01,
            "gevaar",
        ),
        ("Gisteren van alles nagezocht. Daarna de geschiedenis gewist zodat de vrouw het niet ziet.", 0.98, 0.01, None),
        ("mijn teamleider", 0.02, 0.99, None),  # too short for the model to be trusted
        # A question or request to the bot without a word of strain (testers got the check-in):
        ("Moet ik mezelf ook noemen?", 0.24, 0.72, None),
        ("Nee, ik wil terug naar de vraag over mijn taak.", 0.01, 0.9, None),
        ("Moet ik mezelf ook noemen? Ik merk dat het me de hele week al bezighoudt", 0.1, 0.9, "spanning"),
        ("nee hoor, zo erg is het niet, ik ben gewoon moe", 0.02, 0.99, None),  # the words say no
    ],
)
def test_the_signal_model_adds_only_a_check_in_when_near_certain_and_about_the_writer(text, danger, strain, signal):
    judgement = model(text, danger, strain)
    assert judgement.signal == signal
    if signal:
        assert judgement.signal_words == ""  # the check-in names no words the lists did not find


def test_the_phrase_lists_come_before_the_signal_model():
    judgement = model("ik slaap er slecht van", danger=0.9, strain=0.0)
    assert (judgement.signal, judgement.signal_words) == ("spanning", "slaap er slecht van")


@pytest.mark.parametrize(
    "text, danger, strain, intent, signal",
    [
        # The model leans to danger and the NLU finds distress: 113 at once, no words named.
        ("ik heb vannacht uitgerekend hoe lang het duurt voordat iemand mij vindt", 0.8, 0.1, "distress", "gevaar"),
        # The model alone, sure but not near certain (bot/signals.py MODEL_DANGER_ALONE): a check-in
        # ("mijn collega's redden het wel zonder mij").
        ("mijn collega's redden het wel zonder mij als ik op vakantie ben", 0.93, 0.03, "answer", "spanning"),
        # The NLU sure, the model leaning less to danger than to strain: a check-in.
        ("ik heb nagedacht over hoe het afloopt met mij", 0.6, 0.35, "distress", "spanning"),
        # About someone in the case: nothing, whatever both say.
        ("de inwoner heeft uitgerekend hoe lang het duurt voordat iemand hem vindt", 0.9, 0.05, "distress", None),
        # With a reassurance: no 113, but not nothing either; the check-in asks (a reassurance can be
        # a cover, as a reviewer showed).
        ("haha nee, zo erg is het niet met mij", 0.9, 0.05, "distress", "spanning"),
        (
            "ik heb goed geslapen vannacht, voor het eerst in maanden, en ik weet nu wat ik ga doen",
            0.9,
            0.05,
            "distress",
            "spanning",
        ),
    ],
)
def test_danger_the_lists_miss_gets_113_when_the_signal_model_and_the_nlu_agree(text, danger, strain, intent, signal):
    judgement = model(text, danger, strain, intent)
    assert judgement.signal == signal
    assert judgement.signal_words == ""


@pytest.mark.parametrize(
    "text, signal",
    [
        ("Ik was uitgeput na die week, maar na het weekend ging het weer.", None),
        ("Een beetje somber die week, er speelde veel op het werk. Nu gaat het weer goed.", None),
        ("ik word soms doodmoe van al die overdrachten maar het gaat wel hoor", None),
        # ... and not said as what one tells oneself (a reviewer: "weer fris" was tried as a recovery)
        ("Ik heb elke avond een huilbui. Maandag ben ik weer fris, zegt mijn teamleider. Was het maar zo.", "spanning"),
        # "gaat wel" before the strain is how a reserved writer opens it (found reading toets18)
        ("Gaat wel. Zit alleen een knoop in mijn buik sinds die zaak, die gaat niet weg.", "spanning"),
        # A recovery must come after the strain and not be turned around by a negation.
        ("het ging weer, maar nu trek ik het niet meer", "spanning"),
        ("ik ben uitgeput, ik heb het niet goed kunnen loslaten", "spanning"),
        ("ik slaap slecht en het gaat nooit meer weer goed", "spanning"),
        ("Ik was gespannen voor het gesprek, maar het ging eigenlijk heel goed!", None),
        ("ik ben kapot en het ging helemaal niet goed", "spanning"),
        # Danger is never taken back.
        ("ik wil dood, verder niks aan de hand", "gevaar"),
    ],
)
def test_strain_followed_by_a_recovery_has_passed_danger_never(text, signal):
    assert run(text, "distress", 0.99).signal == signal


@pytest.mark.parametrize(
    "text, signal",
    [
        ("Kort gezegd: alleenstaande moeder, burn-out, bijstand, en een Wmo-aanvraag die bleef hangen.", None),
        ("Kort gezegd: alleenstaande moeder, bijstand, en ik heb zelf een burn-out.", "spanning"),
        # Danger is looked for without the writer named: whose else would the thought be?
        ("De gedachte aan zelfdoding is er de hele dag, ook tijdens het overleg met de klantmanager.", "gevaar"),
        # Asked about as the professional's work, whatever the verb.
        ("Meneer zag het niet meer zitten. Ik heb doorgevraagd naar suïcidegedachten en de huisarts gebeld.", None),
    ],
)
def test_strain_in_a_message_that_names_only_someone_in_the_case_is_theirs(text, signal):
    assert run(text, "answer", 0.9).signal == signal


@pytest.mark.parametrize(
    "text, signal",
    [
        # A quotation runs over commas to the end of its sentence.
        ("Mevrouw zei letterlijk: ik wil dood, ik ben klaar met leven. We hebben de huisarts gebeld.", None),
        ("De dochter zei: als je mijn moeder wegstuurt, spring ik van het balkon. We namen het serieus.", None),
        # What the writer said is the writer's, and so is what follows the quotation.
        ("ik zei tegen mijn collega: ik wil dood, ik kan niet meer", "gevaar"),
        ("de klant zei: ik wil dood. en ik dacht, ik ook eigenlijk, ik wil er niet meer zijn.", "gevaar"),
    ],
)
def test_what_someone_in_the_case_said_after_a_colon_is_theirs_to_the_end_of_the_sentence(text, signal):
    assert run(text, "distress", 0.99).signal == signal


@pytest.mark.parametrize("mode", ["open", "clarify"])
def test_a_statement_the_nlu_takes_for_help_is_asked_about_not_dropped(mode):
    """Found holding a conversation: at "Wat zat daarbij in de weg?" this answer got the
    explanation and was lost (help at 0.61)."""
    text = "dat je eerst samen moet kijken voor je een plicht oplegt"
    assert run(text, "help", 0.61, mode=mode).kind == "unsure"
    assert run("geef me een voorbeeld van een antwoord", "help", 0.61, mode=mode).kind == "request"
    assert run("ik snap niet wat je hier bedoelt", "help", 0.61, mode=mode).kind == "request"
    # one longer word alone too: "casusregie" to "Wat was jouw taak of rol?" (help at 0.9)
    assert run("casusregie", "help", 0.9, mode=mode).kind == "unsure"
    assert [run(t, "help", 0.9, mode=mode).kind for t in ("uitleg", "huh", "help", "regie?")] == ["request"] * 4


@pytest.mark.parametrize(
    "text, kind",
    [
        ("ik neem het mee naar de intervisie", "answer"),  # team_overview at 0.88 in the held-out set
        ("laat het overzicht zien", "request"),
        ("wat komt er in de intervisie", "request"),  # put as a question
        ("ik wil mijn deling intrekken", "request"),
    ],
)
def test_a_team_request_by_the_nlu_alone_names_the_session_or_asks(text, kind):
    assert run(text, "team_overview" if "deling" not in text else "team_withdraw", 0.9).kind == kind


def test_a_long_answer_with_strain_stays_an_answer_with_the_signal():
    text = (
        "De inwoner moest weer solliciteren terwijl hij nauwelijks sliep, en ik zit er helemaal doorheen na deze casus"
    )
    judgement = run(text, "quit", 0.9)
    assert (judgement.kind, judgement.signal) == ("answer", "spanning")


def test_a_long_answer_without_a_signal_has_none():
    assert run(CASE_WITH_STOP, "answer", 0.9).signal is None


# --------------------------------------------------------------------------- removed data, questions to the bot


@pytest.mark.parametrize("text", ["[telefoonnummer]", " [e-mailadres] ", "[BSN], [adres]", "[geboortedatum]."])
@pytest.mark.parametrize("intent", ["delete_conversation", "answer", "affirm"])
def test_a_message_of_only_removed_data_is_removed_whatever_the_nlu_says(text, intent):
    assert run(text, intent, 0.95, mode="confirm_delete").kind == "removed"
    assert run(text, intent, 0.95).kind == "removed"


def test_a_message_with_removed_data_and_words_is_judged_as_usual():
    assert run("ik belde naar [telefoonnummer] maar niemand nam op", "answer", 0.9).kind == "answer"


@pytest.mark.parametrize(
    "text, asked",
    [
        ("hoeveel vragen komen er nog?", "progress"),
        ("zijn we bijna klaar", "progress"),
        ("wat bedoel je precies met lastig, voor mij of voor de inwoner?", "help"),
        ("moet ik hier ook de voorgeschiedenis noemen?", "help"),
        ("welke bedoel je, de schuldhulpverlener of de Wmo-consulent? het waren er twee", "help"),  # a tester
    ],
)
def test_questions_to_the_bot(text, asked):
    judgement = run(text, "answer", 0.8)
    assert (judgement.kind, judgement.intent) == ("request", asked)


@pytest.mark.parametrize(
    "text",
    [
        "ik vroeg me af of ik het moest melden, want ik wist niet wat W&I zou doen met die informatie?",
        "moet ik eerlijk zijn: ik had het anders moeten doen",
        "de inwoner vroeg: wat bedoel je met een maatregel",
    ],
)
def test_case_sentences_with_question_words_are_answers(text):
    assert run(text, "answer", 0.8).kind == "answer"


# --------------------------------------------------------------------------- invalid


@pytest.mark.parametrize("text", ["", " ", "   \n\t "])
@pytest.mark.parametrize("mode", ["open", "choice", "meer", "confirm_stop", "resume"])
def test_empty_text_is_invalid(text, mode):
    assert run(text, "answer", 0.9, mode=mode).kind == "invalid"


# --------------------------------------------------------------------------- confirmations


@pytest.mark.parametrize(
    "text, intent, yes",
    [
        ("ja", "affirm", True),
        ("/affirm", "affirm", True),
        ("ja, stoppen", "quit", True),
        ("nee", "deny", False),
        ("/deny", "deny", False),
        ("nee, ga verder", "resume", False),
    ],
)
def test_confirm_stop(text, intent, yes):
    judgement = run(text, intent, 0.9, mode="confirm_stop")
    assert judgement.kind == "confirm"
    assert judgement.yes is yes


@pytest.mark.parametrize(
    "text, intent, yes",
    [
        ("ja", "affirm", True),
        ("/affirm", "affirm", True),
        ("ja verwijder alles maar", "delete_conversation", True),
        ("ja, verwijder", "affirm", True),
        ("nee", "deny", False),
        ("/deny", "deny", False),
        ("nee, laat maar staan", "deny", False),
    ],
)
def test_confirm_delete(text, intent, yes):
    if text == "ja":
        assert run(text, intent, 0.9, mode="confirm_delete").kind == "unclear"  # deleting needs more than "ja"
        return
    judgement = run(text, intent, 0.9, mode="confirm_delete")
    assert judgement.kind == "confirm"
    assert judgement.yes is yes


def test_an_answer_while_a_delete_is_asked_is_an_answer():
    text = "we hebben toen samen met de inwoner het dossier doorgenomen"
    assert run(text, "answer", 0.9, mode="confirm_delete").kind == "answer"


@pytest.mark.parametrize(
    "text, intent, yes",
    [
        ("ja", "affirm", True),
        ("ja graag", "affirm", True),
        ("/affirm", "affirm", True),
        ("nee", "deny", False),
        ("nee, dit was het", "deny", False),
        ("/deny", "deny", False),
    ],
)
def test_more_verbeterstappen_confirm(text, intent, yes):
    judgement = run(text, intent, 0.9, mode="meer")
    assert judgement.kind == "confirm"
    assert judgement.yes is yes


def test_free_text_at_more_is_an_answer():
    judgement = run("Ook een casusoverleg organiseren", "answer", 0.8, mode="meer")
    assert judgement.kind == "answer"


@pytest.mark.parametrize("text, intent", [("verder", "resume"), ("/resume", "resume"), ("ja", "affirm")])
def test_resume_mode(text, intent):
    judgement = run(text, intent, 0.9, mode="resume")
    assert (judgement.kind, judgement.intent) == ("request", "resume")


def test_answer_while_paused_is_an_answer():
    judgement = run("De inwoner en de klantmanager van W&I", "answer", 0.9, mode="resume")
    assert judgement.kind == "answer"


# --------------------------------------------------------------------------- choice


@pytest.mark.parametrize(
    "text, intent, entities, choices",
    [
        ("2 en 4", "choose_bouwopgave", (), ["met_inwoner", "regie"]),
        ("2 en 4", None, (), ["met_inwoner", "regie"]),
        ("de tweede en vierde", "choose_bouwopgave", (), ["met_inwoner", "regie"]),
        ("de eerste", "choose_bouwopgave", (), ["bouwproces"]),
        ("vijf", None, (), ["participatie"]),
        ("3, 5", "choose_bouwopgave", (), ["verbinding", "participatie"]),
        ("ik kies regie", "choose_bouwopgave", (entity("regie"),), ["regie"]),
        (
            "verbinding en regie graag",
            "choose_bouwopgave",
            (entity("verbinding"), entity("regie")),
            ["verbinding", "regie"],
        ),
        ('/choose_bouwopgave{"bouwopgave": "regie"}', "choose_bouwopgave", (entity("regie"),), ["regie"]),
        ("ik kies 3, omdat we daar steeds op vastlopen", None, (), ["verbinding"]),
        ("ik ga voor de tweede en de vierde, daar zit het meeste werk", None, (), ["met_inwoner", "regie"]),
        ("de derde bouwopgave lijkt me het belangrijkst voor ons team", None, (), ["verbinding"]),
        ("bouwopgave 2 of 4 maar ik twijfel nog een beetje", None, (), ["met_inwoner", "regie"]),
        # a tester: numbers and a name the NLU found kept only the name
        (
            "2 en 3 denk ik, verbinding vooral",
            "choose_bouwopgave",
            (entity("verbinding"),),
            ["met_inwoner", "verbinding"],
        ),
        ("regie, en 2", "choose_bouwopgave", (entity("regie"),), ["met_inwoner", "regie"]),
        # a tester: the first number, after "herken vooral", was lost behind the one named after it
        (
            "Ik herken vooral 4. En eigenlijk ook 3, betrokkenen met elkaar in verbinding brengen.",
            "choose_bouwopgave",
            (),
            ["regie", "verbinding"],
        ),
    ],
)
def test_choice_parses_numbers_and_entities(text, intent, entities, choices):
    judgement = run(text, intent, 0.9, mode="choice", entities=entities)
    assert judgement.kind == "choice"
    assert judgement.choices == choices


def test_choice_ignores_unknown_entity_values():
    judgement = run(
        "ik kies iets anders", "choose_bouwopgave", 0.9, mode="choice", entities=(entity("onbekend"), entity("regie"))
    )
    assert judgement.choices == ["regie"]


@pytest.mark.parametrize("text", ["ja", "ja, neem over", "/affirm"])
def test_choice_affirm_accepts_the_proposal(text):
    judgement = run(text, "affirm", 0.9, mode="choice")
    assert judgement.kind == "choice"
    assert judgement.choices is None


def test_choice_bare_payload_asks_to_pick():
    judgement = run("/choose_bouwopgave", "choose_bouwopgave", 1.0, mode="choice")
    assert judgement.kind == "choice"
    assert judgement.choices == []


def test_choice_wish_to_pick_yourself_asks_to_pick():
    """ "I'll pick one myself": the Dutch article 'een' is not bouwopgave 1."""
    judgement = run("ik kies er zelf een", "choose_bouwopgave", 0.9, mode="choice")
    assert judgement.kind == "choice"
    assert judgement.choices == []


@pytest.mark.parametrize(
    "text, intent",
    [
        ("geen idee eigenlijk", None),
        ("hmm lastig", "answer"),
        ("Ik heb nog een vraag over die bouwopgaven", None),
        ("Dat was een lastige casus", "answer"),
        ("als de eerste casus binnen twee weken samen besproken is", "answer"),  # no bouwopgave 1
        ("we spreken elkaar voor de eerste keer over drie weken", "answer"),
    ],
)
def test_choice_unparseable_text_is_invalid(text, intent):
    judgement = run(text, intent, 0.5, mode="choice")
    assert judgement.kind == "invalid"


@pytest.mark.parametrize(
    "text, chosen",
    [
        (
            "Ik denk 'niet over, maar met de inwoner' en ook 'betrokkenen met elkaar in verbinding brengen'",
            ["met_inwoner", "verbinding"],
        ),
        ("Participatie als stip op de horizon", ["participatie"]),
        ("2 en 3 dan, als ik je lijstje goed tel", ["met_inwoner", "verbinding"]),
    ],
)
def test_choice_by_name_or_by_numbers_opening_a_sentence(text, chosen):
    """Found by a tester: both were "Ik herkende daarin geen bouwopgave"."""
    judgement = run(text, "answer", 0.6, mode="choice")
    assert (judgement.kind, judgement.choices) == ("choice", chosen)


@pytest.mark.parametrize("text, intent", [("uitleg", "help"), ("vorige vraag", "go_back"), ("/skip", "skip")])
def test_choice_requests_still_work(text, intent):
    judgement = run(text, intent, 0.9, mode="choice")
    assert (judgement.kind, judgement.intent) == ("request", intent)


# --------------------------------------------------------------------------- Parsed


def test_parsed_from_rasa_message():
    parsed = Parsed.from_message(
        {"text": "2 en 4", "intent": {"name": "choose_bouwopgave", "confidence": 0.87}, "entities": [entity("regie")]}
    )
    assert parsed == Parsed("2 en 4", "choose_bouwopgave", 0.87, (entity("regie"),))
    assert parsed.words == 3
    assert not parsed.is_payload
    assert Parsed(" /skip", "skip", 1.0).is_payload


def test_parsed_from_empty_message():
    parsed = Parsed.from_message({})
    assert parsed == Parsed("", None, 0.0, ())
    assert run(parsed.text).kind == "invalid"


# --------------------------------------------------------------------------- sentences about the case


@pytest.mark.parametrize(
    "text, intent",
    [
        ("de klant wilde stoppen", "quit"),
        ("hij ging terug naar W&I", "go_back"),
        ("ik heb de inwoner uitleg gegeven", "help"),
        ("de klantmanager sloeg de intake over", "skip"),
        ("ze nam een pauze van haar werk", "pause"),
    ],
)
def test_a_short_sentence_about_someone_in_the_case_is_an_answer(text, intent):
    # Even when the NLU is sure it is a request: the sentence names someone in the case.
    assert run(text, intent, 0.99).kind == "answer"


@pytest.mark.parametrize(
    "text, intent",
    [("ik wil stoppen", "quit"), ("kunnen we even pauzeren", "pause"), ("wat bedoel je met deze vraag", "help")],
)
def test_a_request_about_this_conversation_stays_a_request(text, intent):
    assert run(text, intent, 0.95).kind == "request"


@pytest.mark.parametrize("text", ["can you help me with this", "tell me a joke", "what is this?", "are you a bot"])
def test_english_gets_the_out_of_scope_reply_not_kept_as_answer(text):
    assert (run(text, "answer", 0.6).kind, run(text, "answer", 0.6).intent) == ("request", "out_of_scope")


@pytest.mark.parametrize("text", ["qqq", "zzzzz", "xcvb nm", "ghjk"])
def test_key_mashes_are_not_kept_as_answers(text):
    assert run(text, "answer", 0.5).kind == "invalid"


@pytest.mark.parametrize(
    "text",
    ["de klant is een man van 50", "ik", "W&I", "hij zei: I can't do this", "mijn teamleider", "ja", "bsn", "vvt"],
)
def test_dutch_answers_are_not_taken_for_english_or_gibberish(text):
    assert run(text, "answer", 0.9).kind == "answer"


def test_a_superscript_digit_at_the_choice_is_no_number_and_no_crash():
    assert run("²", "answer", 0.9, mode="choice").kind == "invalid"


@pytest.mark.parametrize(
    "text, words",
    [
        ("ik ben zo moe dat ik niet meer helder denk", "zo moe"),  # the phrase "zo moe dat", quoted whole
        ("ik slaap er slecht van", "slaap er slecht van"),  # "van" stays: "slaap er slecht" hangs
    ],
)
def test_the_check_in_quotes_words_that_do_not_hang(text, words):
    judgement = run(text, "distress", 0.99)
    assert (judgement.signal, judgement.signal_words) == ("spanning", words)


@pytest.mark.parametrize(
    "text",
    [
        "die man zei dat hij er een eind aan ging maken. ik dacht alleen: ik ook eigenlijk",
        "de jongere zei dat hij niet meer wilde leven. snap hem eigenlijk wel. zit zelf ook zo",
        "De cliënt wilde er een eind aan maken, en ik herkende dat eigenlijk. Ik denk daar zelf ook over na.",
    ],
)
def test_danger_said_in_the_case_and_then_taken_as_the_writers_own_gets_113(text):
    assert run(text, "answer", 0.9).signal == "gevaar"


@pytest.mark.parametrize(
    "text",
    [
        "de client zei dat ze er een eind aan wilde maken, ik herkende het niet meteen",
        "de cliënt wilde er een eind aan maken; ik ook geschrokken, we hebben de crisisdienst gebeld",
        "de klant is beter af zonder mij, een collega past beter bij hem",
        "de klant zei 'ik maak er een eind aan', ik heb meteen de crisisdienst gebeld",
        'de jongen schreef "ik spring van de brug" en ik ben er direct heen gegaan',
    ],
)
def test_danger_in_the_case_without_the_writer_taking_it_on_is_an_answer(text):
    assert run(text, "answer", 0.9).signal is None


@pytest.mark.parametrize(
    "text", ["mijn vrouw is beter af zonder mij. heeft ze de verzekering nog", "mijn kinderen zijn beter af zonder me"]
)
def test_own_people_better_off_without_the_writer_is_danger(text):
    assert run(text, "answer", 0.9).signal == "gevaar"


@pytest.mark.parametrize(
    "text",
    [
        "Uiteindelijk is het wel goed gekomen, daar ben ik best trots op.",
        "ik moet er vaker even uit stappen en het geheel bekijken",
        "Gast wou van balkon springen, goed afgelopen.",
        "Ik ben moe van de bureaucratie, maar dat is een gewone moeheid na zo'n week.",
        "ik trek het dossier morgen nog even naar me toe en dan sluit ik het af",
    ],
)
def test_pride_a_break_and_a_guy_in_the_case_are_no_signal(text):
    assert run(text, "answer", 0.9).signal is None


def test_gronings_geen_and_niet_are_read():
    assert run("gain puf meer. ook niet voor de hobby's", "distress", 0.9).signal == "spanning"


@pytest.mark.parametrize(
    "text",
    [
        "we hebben het over zelfmoordgedachten gehad en ik herkende het signaal pas laat",
        "de jongere wilde er een eind aan maken, ik snap het wel met die schulden",
        "de moeder dacht aan zelfmoord, ik heb zelf ook wel de crisisdienst gebeld",
        "de client zei dat hij er een eind aan wilde maken, ik ook wel geschrokken",
    ],
)
def test_a_professional_understanding_or_recognising_a_clients_danger_is_an_answer(text):
    assert run(text, "answer", 0.9).signal is None


@pytest.mark.parametrize(
    "text",
    [
        "klant zei 'ik maak er een eind aan'. ik heb crisisdienst gebeld. maar wie belt voor mij? "
        "ik heb de zelfde gedachtes",
        "Die vrouw huilde en zei dat ze er een eind aan ging maken. Het rare is dat ik haar benijdde.",
        "Die meneer zei dat hij ermee wilde stoppen, met leven. Ik zat daar en dacht: ik ook meneer, ik ook.",
    ],
)
def test_a_clients_danger_in_quotation_marks_or_envied_then_taken_on_gets_113(text):
    assert run(text, "answer", 0.9).signal == "gevaar"


@pytest.mark.parametrize(
    "text",
    [
        "mevrouw zei: ik wil gewoon mijn leven weer op de rit, met een opgeruimd huis en rust",
        "Hij zei: ik ben doodop na mijn werk, ik kan niet ook nog naar die cursus",
    ],
)
def test_the_ik_of_someone_quoted_in_the_case_is_not_the_writer(text):
    # The NLU and the signal model as sure as they get: what the client said is not the writer's.
    parsed = Parsed(text, "distress", 0.99, model_danger=0.95, model_strain=0.05)
    assert judge(parsed, WAITS["open"], SIGNALS).signal is None


def test_strain_with_the_rest_fine_is_an_answer():
    assert run("doodmoe van die systeemstoring gisteren maar verder oké haha", "distress", 0.9).signal is None


def test_quotation_marks_are_dropped_but_chat_apostrophes_kept():
    assert normalise("ze zei 'ik kan niet meer' en 'k ben 's avonds op m'n werk") == (
        "ze zei ik kan niet meer en ik ben 's avonds op mijn werk ."
    )


@pytest.mark.parametrize(
    "text, signal",
    [
        ("ik heb na het gesprek met de moeder in de auto zitten janken", "spanning"),
        ("ik heb de moeder in de auto zien janken", None),
        ("de moeder moest huilen toen ik belde", None),
    ],
)
def test_a_person_of_the_case_after_a_preposition_is_not_the_one_who_cried(text, signal):
    assert run(text, "answer", 0.9).signal == signal


@pytest.mark.parametrize(
    "text",
    ["Er wordt veel gehuild de laatste weken, meestal 's avonds.", "je bent gwn leeg, thuis op de bank en kan niks"],
)
def test_the_writer_speaking_of_themselves_without_ik_gets_a_check_in(text):
    assert run(text, "distress", 0.9).signal == "spanning"


@pytest.mark.parametrize(
    "text",
    [
        "je merkt dat de klant slecht slaapt en veel huilt",
        "Zo'n dag waarop je moe bent op de goede manier, zoals na een lange wandeling langs zee.",
        "dan moet je als consulent gewoon doorvragen",
    ],
)
def test_the_generic_je_about_the_case_or_a_good_day_is_no_signal(text):
    assert run(text, "distress", 0.9).signal is None


@pytest.mark.parametrize(
    "text",
    [
        "Voor als ut zover komt dat men der zelf een eind aan maakt, want zo voelt ut wel.",
        "als je er morgen gewoon niet meer bent, zou niemand het merken",
        "iedereen beter af zonder deze stagiair pff. misschien dan maar gewoon weg voorgoed",
    ],
)
def test_danger_said_with_men_je_or_in_dialect_gets_113(text):
    assert run(text, "answer", 0.9).signal == "gevaar"


@pytest.mark.parametrize(
    "text",
    [
        "heb de jachtgeweren van mien vader nog op zolder. denk er vaker aan dan goed is",
        "zit niet lekker. heb een brief geschreven voor de kinderen, ligt in de la",
    ],
)
def test_a_writer_without_ik_who_names_their_own_people_is_still_the_writer(text):
    # Only the signal model and the NLU see the danger here; "vader" and "de kinderen" are no
    # people of the case when the writer, without "ik", is the subject ("heb", "zit").
    parsed = Parsed(text, "distress", 0.95, model_danger=0.9, model_strain=0.05)
    assert judge(parsed, WAITS["open"], SIGNALS).signal == "gevaar"


def test_a_client_who_cried_with_laughter_or_a_good_tiredness_is_no_signal():
    for text in (
        "Ik heb gehuild van het lachen toen meneer zijn schoenendoos met enveloppen op tafel zette.",
        "Ik was wel moe - maar goeie moe, weet je wel - na een lange dag op pad.",
    ):
        assert run(text, "distress", 0.9).signal is None, text


@pytest.mark.parametrize(
    "text, signal",
    [
        # Typed without stops (blind7): a new "ik" ends the clause a phrase ending in "." wants.
        (
            "daarna in de auto dacht ik ik wil er niet meer zijn ik wil echt dood en dat denk ik nu nog steeds",
            "gevaar",
        ),
        ("k wil dood gwn", "gevaar"),  # "dood gewoon" is no idiom here
        ("ik kan niet meer ik ben helemaal leeg", "spanning"),
        ("ik kan niet meer zeggen wat ik toen dacht", None),
    ],
)
def test_a_new_ik_ends_a_clause_typed_without_stops(text, signal):
    assert run(text, "answer", 0.9).signal == signal


def test_people_named_by_a_pronoun_better_off_without_the_writer_is_danger():
    """Found reading blind7: "ze" as the subject made it someone of the case's words."""
    assert run("ze zijn beter af zonder mij. vrouw, kids, het team. ik meen het", "answer", 0.0).signal == "gevaar"
    assert run("mevrouw is beter af zonder mij, een collega past beter bij haar", "answer", 0.9).signal is None


@pytest.mark.parametrize(
    "text",
    [
        # blind7's harmless answers that got the support message or a check-in
        "In de intervisie wil ik het hebben over suïcidaliteit bij cliënten: vader liet iets vallen en ik wist "
        "niet goed hoe ik moest doorvragen.",
        "Het is dood simpel: als de beslagvrije voet goed staat, kan meneer zijn huur weer betalen.",
        "mijn leervraag is hoe ik beter nee kan zeggen tegen de klantmanager als die een maatregel wil die ik niet "
        "zie zitten",
    ],
)
def test_a_topic_an_idiom_or_a_plan_one_does_not_like_is_no_signal(text):
    assert run(text, "distress", 0.97).signal is None


def test_a_writer_tidying_up_whom_the_signal_model_leans_to_danger_for_gets_the_check_in():
    """Found holding a conversation as a widowed wijkcoach: neither reader was near certain."""
    text = (
        "Ik heb gebeld met de ergotherapeut. Hij wilde niet. Het huis is zo stil sinds zij er niet meer is. "
        "Ik heb de papieren al geordend, zodat de kinderen niks hoeven uit te zoeken."
    )
    assert judge(Parsed(text, "answer", 0.9, model_danger=0.78, model_strain=0.01), WAITS["open"], SIGNALS).signal
    # ... but not when the model only half leans to danger
    assert judge(Parsed(text, "answer", 0.9, model_danger=0.6, model_strain=0.1), WAITS["open"], SIGNALS).signal is None


def test_a_message_naming_no_one_is_the_writers_when_the_signal_model_is_sure():
    """Found reading toets18: a reserved writer leaves themselves out of the sentence."""
    grey = "Er zit een soort grijze laag over alles. Ook over dingen die vroeger leuk waren."
    assert judge(Parsed(grey, "answer", 0.85, model_danger=0.01, model_strain=0.95), WAITS["open"], SIGNALS).signal
    # ... but a case answer that names no one, which the signal model is not sure of, is no signal
    saying = "Dit komt echt vaker voor dan je zou denken, zeker sinds die fabriek is gesloten."
    parsed = Parsed(saying, "distress", 1.0, model_danger=0.17, model_strain=0.22)
    assert judge(parsed, WAITS["open"], SIGNALS).signal is None
    # ... nor one that names someone of the case, however sure the model is
    client = "Er zit een soort grijze laag over alles bij mevrouw. Ook over dingen die vroeger leuk waren."
    parsed = Parsed(client, "answer", 0.85, model_danger=0.01, model_strain=0.95)
    assert judge(parsed, WAITS["open"], SIGNALS).signal is None


def test_a_rule_of_the_work_naming_danger_and_a_quotation_with_its_speaker_after_it_are_no_signal():
    """Found reading toets18: a protocol named danger as the case in which to act."""
    rule = (
        "Het protocol zegt dat ik bij suïcidaliteit binnen 24 uur moet rapporteren, maar het registratiesysteem "
        "heeft daar geen apart veld voor. Dat is onhandig."
    )
    assert run(rule, "answer", 0.0).signal is None
    instruction = "volgens de werkinstructie moet ik bij suïcidegedachten de crisisdienst bellen"
    assert run(instruction, "answer", 0.0).signal is None
    # an insurance policy that pays out is the writer's plan, and the writer's own danger stays danger
    assert run("ik heb gekeken of mijn levensverzekering ook uitkeert bij zelfdoding", "answer", 0.0).signal == "gevaar"
    assert run("ik heb suïcidegedachten en het protocol zegt dat ik dan moet bellen", "answer", 0.0).signal == "gevaar"
    # ... also when the writer speaks of it as theirs in another sentence (found by a reviewer)
    own = "Ik ken de procedure bij suïcidegedachten uit mijn hoofd. Vannacht had ik ze zelf."
    assert run(own, "answer", 0.0).signal == "gevaar"
    # a quotation with its speaker after it is theirs, not the writer's
    assert run("'Ik kan niet meer,' zei mevrouw, dus we hebben hulp ingeschakeld.", "distress", 0.95).signal is None
    assert run("'Ik kan niet meer,' zei ik tegen mijn vrouw.", "distress", 0.95).signal == "spanning"


def test_a_clients_danger_the_writer_recognises_in_themselves_is_danger():
    text = "De cliënt zei dat hij er een eind aan wilde maken. Het ongemakkelijke is dat je dat bij jezelf herkende."
    assert run(text, "answer", 0.0).signal == "gevaar"


@pytest.mark.parametrize(
    "text",
    [
        # Found reading the training sets leer27-29 for false alarms.
        "cliënt zei letterlijk ik wil dood, dus ik heb meteen de crisisdienst gebeld en daarna met mijn "
        "leidinggevende overlegd",
        "meneer zei dat het hem niks meer uitmaakt. ik heb het suïcidaliteit uitgevraagd volgens protocol",
        "Hij vertelde dat hij vroeger van plan was om voor de trein te springen, dat is nu tien jaar geleden. Hij "
        "is er trots op hoe hij er nu voor staat en ik ook eigenlijk.",
        "Ik ben op, maar op de goeie manier. Lange dag, fijne afloop, morgen vrij.",
        "Wat ging er goed: de jongen heeft zelf gebeld om hulp. Ik had een brok in mijn keel van trots.",
    ],
)
def test_a_literal_quotation_a_topic_asked_about_pride_and_a_good_tiredness_are_no_signal(text):
    assert run(text, "distress", 0.95).signal is None


def test_a_short_taking_on_right_after_a_clients_danger_is_still_danger():
    text = "die man zei dat hij er een eind aan ging maken. ik dacht alleen: ik ook."
    assert run(text, "answer", 0.0).signal == "gevaar"


def test_beside_what_someone_in_the_case_said_the_signal_model_alone_gives_no_113():
    text = (
        'het jochie zei "ik wil dood als ik terug moet naar papa" en dat heb ik natuurlijk meteen opgeschreven '
        "en doorgegeven aan de raad"
    )
    judgement = judge(Parsed(text, "distress", 0.95, model_danger=0.9, model_strain=0.05), WAITS["open"], SIGNALS)
    assert judgement.signal != "gevaar"
    taken_on = "de client zei 'ik wil gewoon verdwijnen' en ik dacht lowkey same, en dat meen ik serieus"
    judgement = judge(Parsed(taken_on, "distress", 0.95, model_danger=0.9, model_strain=0.05), WAITS["open"], SIGNALS)
    assert judgement.signal == "gevaar"


@pytest.mark.parametrize(
    "text",
    [
        # Found by a reviewer of this session's rules: each was danger before and must stay so.
        "ik wil dood punt uit",  # an idiom ("dood punt") does not swallow a danger phrase
        "heb al maanden zelfmoordgedachten nooit besproken met iemand",  # not a topic asked about
        "ik heb zelf al tijden suïcidale gedachten besproken met de huisarts maar het helpt niet",
        "heb het gehad op deze aarde wil dood",
        "de jongen zei letterlijk wat ik zelf al weken denk ik wil er niet meer zijn",  # no literal quotation
        "het gaat ik sta nu op het perron",  # a new "ik" ends no reassurance
        "alles opgelost ik sta op de brug",
    ],
)
def test_what_was_danger_before_the_new_rules_still_is(text):
    assert run(text, "distress", 0.9).signal == "gevaar"


def test_a_short_taking_on_long_after_a_clients_danger_gets_the_check_in():
    text = (
        "meneer zei dat hij er een eind aan wil maken. ik heb dat netjes genoteerd, overlegd met mijn teamleider "
        "en een afspraak gemaakt. eerlijk? ik ook eigenlijk."
    )
    assert run(text, "answer", 0.0).signal == "spanning"


@pytest.mark.parametrize(
    "text",
    [
        "De cliënt vertelde dat hij niet meer wil leven. Wat ik bij mezelf herkende was ongemak en de neiging om "
        "het snel op te lossen.",
        "meneer zei dat hij er een eind aan wil maken. ik dacht er zelf ook aan om meteen de crisisdienst te bellen.",
        "de cliënt heeft nu een nieuwe begeleider, ze is beter af zonder mij",
    ],
)
def test_recognising_oneself_in_a_reaction_or_a_client_better_off_with_another_is_no_signal(text):
    assert run(text, "distress", 0.9).signal is None


def test_a_strain_phrase_around_an_idiom_is_quoted_as_written():
    assert run("ik ben doodgewoon leeg", "distress", 0.9).signal_words == "ben doodgewoon leeg"


@pytest.mark.parametrize(
    "text",
    [
        # Families found reading toets16 (held out as blind9 until 2026-12-06), in other words.
        "ik wil niet meer leven. klaar.",
        "Het lijkt me rustig eigenlijk, dood zijn.",
        "ik vroeg me af hoe lang het duurt voordat ze je vinden in het IJsselmeer",
        "zaterdag loop ik de zee in en kom niet terug",
        "ik kijk soms waar ik aan een pistool kan komen",
        "ik heb er genoeg van, van het leven zelf eigenlijk",
        "heb vannacht op de brug gestaan, ik wilde weten of die hoog genoeg is",
        "ik denk aan een einde van mijn leven, niet aan vakantie",
        "ik heb me expres in de vingers gesneden",  # an idiom taken literally stays danger
        "ik heb mezelf in de vingers gesneden met een mesje en dat voelde even goed",
        # Families found reading toets22 (held out as blind15 until 2026-12-07), in other words.
        "heb vanavond gegoogled of het pijn doet als je valt",
        "zocht de snelste manier om eruit te stappen, niet uit het werk",
        "ik heb geteld hoeveel van die slaaptabletten er nog liggen",
        "doei allemaal. voor altijd",
    ],
)
def test_veiled_danger_of_the_writer_gets_113_from_the_lists(text):
    assert run(text, "answer", 0.0).signal == "gevaar"


@pytest.mark.parametrize(
    "text",
    [
        # Close to those phrases, harmless: left out or narrowed for these.
        "Dinsdag is een goede dag om te gaan, dan is de wijkagent er ook.",
        "We hebben samen met de klantmanager gezocht naar manieren.",
        "ik heb het zo geregeld dat niemand me mist tijdens mijn vakantie",
        "Dat vergeet ik tot het einde van mijn leven niet, zo mooi was het.",
        "Na die cursus houdt niks me meer tegen om zelf de lead te nemen.",
        "ik heb mezelf flink in de vingers gesneden met die toezegging",
        "ik heb het dossier overgegeven aan mijn collega",
        "ik drink de laatste tijd meer water op het werk",
        "ik heb het niet zwaar, ik heb het druk",
        "Ik slaap er gewoon goed van, het was een mooie dag.",
        "doodmoe maar tevreden",
        "Ik ben niet meer de jongste, maar ik fiets nog harder dan de stagiairs.",
        "Ik ben niet somber over de casus, wel realistisch.",
        "Ik lig er niet van wakker, het komt goed met haar.",
        "Ik was die week doodmoe, maar het weekend heeft goed geholpen.",
        "ik heb drie keer overgegeven, buikgriep",
        "ik rook weer iets branderigs in de meterkast bij mevrouw",
        "ik val bijna om van het lachen om die nieuwe werkinstructie",
        "kort lontje en weinig frustratietolerantie, dat geeft school aan over de jongen",
        "van 1200 euro kun je in deze tijd gewoon niet meer leven.",
        "woningaanpassing: controleren of de balk het gewicht van de plafondlift houdt",
        "ik zorg dat er genoeg pillen in huis zijn voor oma tot de apotheek weer open is",
        "ik stuurde richting de vangrail toen er een hert overstak",
        "vraag aan de wijkagent: hoe kan een jongen van 16 zomaar aan een pistool komen",
        "ik ga de wijk in en kom niet terug voor vier uur",
        "ik wil mijn loopbaan als ambtenaar netjes afronden voor mijn pensioen",
        "Echt een zwaar dossier, maar ik ben er doorheen gekomen.",
    ],
)
def test_harmless_sentences_close_to_the_new_phrases_are_no_signal(text):
    assert run(text, "answer", 0.0).signal is None


def test_a_reassurance_keeps_the_signal_model_from_giving_113_to_a_happy_writer():
    text = "Dit werk is soms een achtbaan, maar ik zou niks anders willen doen."
    assert judge(Parsed(text, "distress", 1.0, model_danger=0.83, model_strain=0.1), WAITS["open"], SIGNALS).signal != (
        "gevaar"
    )


@pytest.mark.parametrize(
    "text",
    [
        "ik lig er al twee nachten van wakker",
        "ik voel me een fraude tussen al die ervaren collega's",
        "ik heb na afloop in de auto zitten trillen",
        "ben woest op mezelf dat ik het niet zag",
        "ik kan er niet eens meer van genieten, van niks",
        "ik ga het hier niet lang meer trekken",
        "ik krijg mezelf nauwelijks nog naar het werk",
    ],
)
def test_strain_families_of_toets16_get_a_check_in(text):
    assert run(text, "answer", 0.0).signal == "spanning"


@pytest.mark.parametrize(
    "text, signal",
    [
        # A client's history in the file, a report made, a client abbreviated: the case.
        ("Suïcidepoging in 2018 stond nergens in het dossier, dat had ik willen weten.", None),
        ("vandaag mijn eerste melding over suïcide doorgezet naar de ggz, ging volgens protocol", None),
        ("cl zei letterlijk 'ik ben klaar met leven', hij is 94 en wacht op de SCEN-arts", None),
        # The writer's own stays danger.
        ("mijn suïcidepoging van vroeger staat in mijn dossier en nu denk ik er weer aan", "gevaar"),
        ("suïcidale gedachten al weken. het staat niet in het dossier want niemand weet het", "gevaar"),
        ("ik heb een melding over mijn suïcidale gedachten gedaan bij de bedrijfsarts", "gevaar"),
    ],
)
def test_danger_recorded_in_a_clients_file_or_reported_is_the_case(text, signal):
    assert run(text, "answer", 0.0).signal == signal


@pytest.mark.parametrize(
    "text",
    [
        # Found reading toets17 (held out as blind10 until 2026-12-06), in other words: Limburgish
        # spelling, and a few phrases narrow enough to keep (a reviewer showed most of the day's
        # other additions giving 113 to everyday sentences; those were left out).
        "Ich wil neet mier leve, dat is de waarheid.",
        "ich kan neet mier, ich wil neet mier leve",
        "ik heb op de brug gestaan en gedacht dat ik niet meer levend naar beneden hoefde",
    ],
)
def test_veiled_danger_of_toets17_gets_113_from_the_lists(text):
    assert run(text, "answer", 0.0).signal == "gevaar"


@pytest.mark.parametrize(
    "text",
    [
        # Harmless sentences a reviewer wrote around phrases first added for toets17: no alarm.
        "Ik zeg altijd tegen de ouders dat het niet aan hen lag.",
        "De blauwe plek lijkt op een ongeluk, zegt moeder, maar ik vertrouw het niet.",
        "Ik stop voor vandaag, hier is het genoeg geweest.",
        "We hebben tot bloedens toe onderhandeld met de schuldeisers.",
        "Ik doe dit werk niet voor het uitzicht, ik doe het voor de mensen.",
        "Die nieuwe registratie-app? Ik ben er niet gek op.",
        "Hoe ik dat gesprek voerde, ik ben er niet trots op. Volgende keer beter.",
        # and close to the toets17 reassurances and idioms
        "Wat ik anders zou doen: bij een inwoner met een voorgeschiedenis van suïcidaliteit zou ik het besluit "
        "eerst mondeling toelichten.",
        "ik stond te springen om deze casus te doen",
        "ik ben op het punt dat ik de regels van de bijstand uit mijn hoofd ken",
        "Na die week ben ik wel een beetje op, maar dat is een goed soort moe.",
        "ik ben niet verdrietig of zo hoor, gewoon boos op het systeem",
        "doodmoe, maar tevreden",
        "ben moe maar dat is van et carnaval jong haha",
        # and close to the phrases read from toets22
        "ik heb de oude dossierkast weggegeven, die heb ik niet meer nodig nu we digitaal werken",
        "ik ben permanent uitgelogd uit het oude systeem, eindelijk",
        "doei oude werkwijze, welkom nieuwe. ik ben er blij mee",
    ],
)
def test_harmless_sentences_close_to_the_toets17_phrases_are_no_signal(text):
    assert run(text, "distress", 0.95).signal is None


@pytest.mark.parametrize(
    "text",
    ["Ik weet niet of ik vannacht nog de trein haal.", "Mijn dochter heeft weer gehuild bij de opvang."],
)
def test_harmless_sentences_close_to_phrases_left_out_for_toets17_are_no_signal(text):
    assert run(text, "answer", 0.0).signal is None


@pytest.mark.parametrize(
    "text",
    [
        "ik heb een voorgeschiedenis van suïcidaliteit en het komt terug",
        "Ik, met een voorgeschiedenis van suïcidale gedachten, denk er nu weer elke dag aan.",
        "Als professional met een voorgeschiedenis van suïcidepogingen merk ik dat het weer begint.",
        "ik ben iemand met een geschiedenis van zelfmoordpogingen en het komt weer terug",
    ],
)
def test_the_writers_own_history_stays_danger(text):
    assert run(text, "answer", 0.0).signal == "gevaar"


@pytest.mark.parametrize(
    "text",
    [
        "ik heb vandaag weer gehuild op de wc op het werk",
        "ik voel me al weken een mislukkeling",
        "ik eet niet meer normaal sinds die zaak",
        "mijn eczeem is helemaal terug, van de stress",
        "çok yoruldum, echt",
    ],
)
def test_strain_families_of_toets17_get_a_check_in(text):
    assert run(text, "answer", 0.0).signal == "spanning"


@pytest.mark.parametrize(
    "text",
    [
        # Laughed away: no reassurance ("haha" and "grapje" are not in geruststelling).
        "ik check om 11 uur 's avonds nog mijn werkmail. en om 6 uur 's ochtends. ik weet dat het niet moet haha",
        "ik maak er misschien geen volgende keer van. grapje. of niet",
        # A reassurance turned around by a negation is none.
        "vandaag weer zitten janken in de auto, ik ben er niet trots op",
    ],
)
def test_laughing_it_away_or_a_negated_reassurance_keeps_the_signal_model_s_check_in(text):
    parsed = Parsed(text, "answer", 0.0, model_danger=0.05, model_strain=0.95)
    assert judge(parsed, WAITS["open"], SIGNALS).signal in ("spanning", "gevaar")


def test_a_reassurance_still_keeps_the_signal_model_alone_from_a_check_in():
    parsed = Parsed("ik ben trots op wat we bereikt hebben, echt een mooie week", "answer", 0.0, model_strain=0.95)
    assert judge(parsed, WAITS["open"], SIGNALS).signal is None


def test_taking_a_clients_danger_on_every_day_is_danger():
    text = "klant zei dat hij er een eind aan wil maken, ik heb de crisisdienst gebeld. ik denk er zelf elke dag aan"
    assert run(text, "answer", 0.0).signal == "gevaar"
    assert (
        run(
            "klant zei dat hij er een eind aan wil maken. ik dacht er zelf niet aan om de huisarts te bellen",
            "answer",
            0.0,
        ).signal
        is None
    )


@pytest.mark.parametrize(
    "text, danger, strain, nlu, signal",
    [
        # A message that names no one is the writer's for the signal model (reserved writers leave
        # themselves out) ...
        (
            "Het balkon is op de negende. Elke avond wordt daar naar beneden gekeken. Steeds iets langer.",
            0.9,
            0.02,
            0.0,
            "spanning",
        ),
        (
            "Het balkon is op de negende. Elke avond wordt daar naar beneden gekeken. Steeds iets langer.",
            0.96,
            0.02,
            0.0,
            "gevaar",
        ),
        (
            "Het balkon is op de negende. Elke avond wordt daar naar beneden gekeken. Steeds iets langer.",
            0.96,
            0.02,
            0.95,
            "gevaar",
        ),
        # ... but not one that names someone of the case.
        (
            "De moeder stond op het balkon van de negende en keek naar beneden, steeds iets langer.",
            0.96,
            0.02,
            0.95,
            None,
        ),
    ],
)
def test_the_signal_model_reads_a_message_that_names_no_one_as_the_writers(text, danger, strain, nlu, signal):
    parsed = Parsed(text, "distress" if nlu else "answer", nlu, model_danger=danger, model_strain=strain)
    assert judge(parsed, WAITS["open"], SIGNALS).signal == signal


@pytest.mark.parametrize(
    "text, distress, signal",
    [
        # Read from toets19 (blind12 until session 19).
        ("Zijn geschiedenis: twee opnames en een suïcidepoging vorig jaar, daardoor was iedereen alert.", 0, None),
        ("Mijn geschiedenis: twee opnames en een suïcidepoging. Nu komen die gedachten weer.", 0, "gevaar"),
        ("We moeten het stuur omgooien in deze casus, zo werkt het niet.", 0, None),  # another course
        ("Ik rij elke dag langs het spoor en denk: één keer het stuur omgooien.", 0, "gevaar"),
        ("Ik red het niet tot mijn pensioen, ik denk erover om te stoppen.", 0, "spanning"),
        ("Dit wordt mijn laatste sanctie ooit, volgend jaar ben ik weg. Met pensioen dan.", 0, None),
        ("Het gaat nich goed met me.", 0, "spanning"),  # Twents
        ("Passieve doodswens is niet meer zo passief, vrees ik.", 0.96, "gevaar"),
        ("Heere, neem mij maar weg.", 0, "gevaar"),
        ("Ik snijd weer. Net als toen ik twintig was. Niemand weet het.", 0, "gevaar"),
        ("Ik ben op, echt op. Maar wel met een goed gevoel, want de wachtlijst is onder de honderd.", 0, None),
        ("Ik was na afloop moe zoals na elke normale werkdag, heb thuis gekookt en prima geslapen.", 1.0, None),
    ],
)
def test_what_toets19_taught(text, distress, signal):
    parsed = Parsed(text, "distress" if distress else "answer", distress or 0.9, distress_likelihood=distress)
    assert judge(parsed, Waiting.ANSWER, SIGNALS).signal == signal


@pytest.mark.parametrize(
    "text",
    [
        "De regels laten geen ruimte voor een tweede kans bij verwijtbaar verzuim.",  # found in a conversation
        "Bij verzuim legt W&I een maatregel op, dat is de wet.",
    ],
)
def test_verzuim_of_the_participatiewet_is_no_typing_slip_of_verzuip(text):
    assert run(text, "answer", 0.9).signal is None
    assert run("ik verzuip in het werk", "answer", 0.9).signal == "spanning"


@pytest.mark.parametrize(
    "text, signal",
    [
        # False alarms of the phrase lists on harmless answers of leer40 and leer41 (session 19).
        ("ik vond het wel heftig om te zien hoor, zo'n overdosis. maar mijn begeleider hielp echt", None),
        ("ik denk eraan om een overdosis te nemen", "gevaar"),
        ("Sinds een paar weken heb ik zo'n druk op mijn borst.", "spanning"),  # strain after "zo'n": the writer's
        ("Mevrouw is 84 en zei dat ze haar leven gehad heeft. Geen acuut gevaar, meer levensmoeheid.", None),
        ("ik voel een soort levensmoeheid de laatste tijd", "gevaar"),
        # said to be a figure of speech: the check-in, not 113 at once, and never nothing
        ("Ik dacht echt 'ik spring uit het raam' toen het systeem crashte. Bij wijze van spreken hè.", "spanning"),
    ],
)
def test_danger_seen_said_of_a_client_or_as_a_figure_of_speech(text, signal):
    assert run(text, "answer", 0.9).signal == signal


@pytest.mark.parametrize(
    "text",
    [
        # A reviewer's harmless answers against the day's new phrases and rules (session 19).
        "Ik snijd weer een ander onderwerp aan: de samenwerking met de woningcorporatie liep ook stroef.",
        "Neem me maar weg uit die werkgroep, ik heb er niks toe te voegen.",
        "Gedachten aan een einde van het traject had ik al langer, nu is het zover: we sluiten af.",
        "Ik heb het thema levensmoeheid ingebracht in de intervisie, omdat ik het bij drie cliënten zag.",
        "Ik vroeg: heb je gedachten aan de dood? Hij zei ja. Toen heb ik de huisarts gebeld.",
        "Voorgeschiedenis zoon: meerdere pogingen tot zelfdoding, nu in behandeling.",
        "Ik had nog nooit zo'n gesprek gevoerd over zelfdoding met een 15-jarige.",
        "Wat ging er goed: ik durfde de vraag naar suïcidale gedachten gewoon te stellen aan meneer.",
    ],
)
def test_the_days_new_phrases_leave_case_answers_alone(text):
    assert run(text, "answer", 0.9).signal is None


@pytest.mark.parametrize(
    "text, model_danger",
    [
        # toets23's harmless answers that got the support message with 113 (read on 2026-12-07)
        (
            "Teamleider hier: ik wil in de intervisie bespreken hoe we omgaan met klanten die aan de balie "
            "suïcidale uitspraken doen.",
            0.01,
        ),
        (
            "De familie wilde het liever niet over de zelfmoord van opa hebben. Dat hebben we gerespecteerd, maar "
            "de kleinzoon kwam er later zelf op terug.",
            0.01,
        ),
        # The question put to a client, and the client's words named as theirs; the model alone
        # (0.80 here) is not near certain enough for anything.
        (
            "Ik heb geleerd om bij 'ik zie het niet meer zitten' van een klant altijd door te vragen: bedoel je "
            "dat je dood wil? Klinkt eng maar het werkt.",
            0.5,
        ),
    ],
)
def test_danger_of_people_of_the_work_or_asked_of_them_is_no_signal(text, model_danger):
    parsed = Parsed(text, "answer", 0.9, (), 0.0, model_danger=model_danger, model_strain=0.1)
    assert judge(parsed, WAITS["open"], SIGNALS).signal is None


def test_danger_words_only_in_idioms_soften_the_signal_models_danger_to_the_check_in():
    """toets23: "de brug slaan ..., ... touwtrekken" got the support message (model 0.81, NLU 0.95)."""
    text = "de brug slaan tussen GGZ en gemeente, dat is eigenlijk mijn rol. al voelt het soms meer als touwtrekken."
    parsed = Parsed(text, "distress", 0.95, (), 0.95, model_danger=0.81, model_strain=0.06)
    assert judge(parsed, WAITS["open"], SIGNALS).signal == "spanning"
    literal = Parsed("ik sta op de brug", "distress", 0.95, (), 0.95, model_danger=0.81, model_strain=0.06)
    assert judge(literal, WAITS["open"], SIGNALS).signal == "gevaar"


@pytest.mark.parametrize(
    "text, signal",
    [
        ("ik ben net als klanten die aan zelfmoord denken", "gevaar"),  # like them: the writer's
        ("ik krijg zelfmoordgedachten van dit werk", "gevaar"),  # "van" a thing, not a person
        ("ik zie het niet meer zitten van mijn collega", "spanning"),  # because of them: the writer's
        ("ik wil dood, vraag je je af waarom?", "gevaar"),  # a question after it asks nothing of a client
    ],
)
def test_the_writers_own_danger_beside_people_or_a_question_is_still_heard(text, signal):
    assert judge(Parsed(text, "answer", 0.9, (), 0.9), WAITS["open"], SIGNALS).signal == signal


@pytest.mark.parametrize(
    "text",
    [
        # toets24's (blind17's) harmless answers that got the support message with 113 (session 24)
        "in het dossier staat een suïcidepoging uit 2019. voor het traject nu is dat niet meer leidend, "
        "hij is al jaren stabiel",
        "we wisten van zijn suïcidepoging uit het verleden, dus voor het besluit over zijn uitkering hebben we "
        "eerst met zijn psychiater overlegd. dat vond ik goed gegaan",
        "het team wil er een eind aan maken dat nieuwe collega's zonder inwerkprogramma al cases krijgen",
        "het management heeft besloten er een eind aan te maken, aan die pilot met de wijkcoaches. jammer",
        "ik heb voorgesteld om er een eind aan te maken, aan dat maandelijkse casusoverleg, want er kwam niemand",
        # ... and those that got the check-in: tired of rules said lightly, a failure of something else
        "ik doe dit werk nu twaalf jaar en ik word soms doodmoe van de regels rond hulpmiddelen haha, maar het went",
        "wat ik meeneem: een overlijden in het verpleeghuis is niet per se een mislukking van de thuiszorg",
    ],
)
def test_someone_elses_attempt_and_an_end_made_to_a_thing_are_no_signal(text):
    assert judge(Parsed(text, "answer", 0.9, (), 0.0), WAITS["open"], SIGNALS).signal is None


@pytest.mark.parametrize(
    "text, signal",
    [
        ("ik wil er een eind aan maken, aan dit leven", "gevaar"),  # what it ends is the writer's life
        ("ik wil er een eind aan maken, dat is wat ik wil", "gevaar"),
        ("ik denk steeds aan mijn eerdere suïcidepoging", "gevaar"),  # the writer's own
        ("volgende level is gewoon stoppen met bestaan", "gevaar"),
        ("zaterdag ga ik naar het trappenhuis van de flat en ik weet niet of ik terugkom", "gevaar"),
        ("ik zie mezelf erin lopen met mn jaszakken vol stenen", "gevaar"),
        ("vanmorgen huilde ik bij de koffie. zomaar.", "spanning"),
        ("in de auto moest ik stoppen. kon niet goed ademen.", "spanning"),
        ("eerlijk gezegd heb ik een burn-out in de maak", "spanning"),
        ("vrijdagmiddag en ik voel niks. niet blij, niet verdrietig.", "spanning"),
        ("ik voel niks voor die aanpak", None),  # not for it, not numb
        ("en het wijkteam bellen. kunnen we het verder kort houden, ik heb niet veel energie meer", "spanning"),
        ("hoeveel tabletten paracetamol mag je per dag, vroeg de klant", None),  # a dose, no plan
        ("ik weet hoeveel tabletten ik per keer moet nemen om niet meer wakker te worden", "gevaar"),
        ("de klant zat er met rode ogen bij", None),  # the client's
    ],
)
def test_the_days_phrases_hear_the_writer_and_leave_others_alone(text, signal):
    assert judge(Parsed(text, "answer", 0.9, (), 0.0), WAITS["open"], SIGNALS).signal == signal


def test_a_reassurance_inside_a_question_of_how_it_is_does_not_calm_the_signal_model():
    """blind17: "dat iemand mij ook eens vraagt hoe het gaat. niemand vraagt het." (strain 0.93) got
    nothing: "het gaat" was read as "it goes fine"."""
    text = "wat er beter kan? dat iemand mij ook s vraagt hou t gaat. niemand vraagt t. ik ben de teamleider."
    parsed = Parsed(text, "answer", 0.9, (), 0.06, model_danger=0.06, model_strain=0.93)
    assert judge(parsed, WAITS["open"], SIGNALS).signal == "spanning"
    fine = Parsed("het gaat, ik ben er weer", "answer", 0.9, (), 0.06, model_danger=0.06, model_strain=0.93)
    assert judge(fine, WAITS["open"], SIGNALS).signal is None


def test_man_said_to_the_reader_names_no_one_of_the_case():
    """blind17: "idk man" made the message one about a man of the case: the signal model's strain
    (0.93) was not heard."""
    text = "idk man. gewoon idk. alles is te veel vandaag"
    parsed = Parsed(text, "dont_know", 0.9, (), 0.03, model_danger=0.03, model_strain=0.93)
    assert judge(parsed, WAITS["open"], SIGNALS).signal == "spanning"
    case = Parsed("de man. gewoon de man. alles was te veel voor hem", "answer", 0.9, (), 0.03, model_strain=0.93)
    assert judge(case, WAITS["open"], SIGNALS).signal is None


@pytest.mark.parametrize(
    "text, yes",
    [
        ("eerlijk gezegd niet zo goed. maar ik wil dit wel afmaken", False),  # a tester's was added to an answer
        ("slecht eigenlijk, maar laten we maar verder gaan met de vragen", False),
        ("het gaat, ga verder", True),
    ],
)
def test_a_reply_to_the_check_in_that_starts_with_how_it_goes_is_heard(text, yes):
    judgement = judge(Parsed(text, "answer", 0.9, (), 0.3), WAITS["checkin"], SIGNALS)
    assert judgement.kind == "confirm" and judgement.yes is yes


def test_a_moment_that_waits_for_better_sleep_is_no_grave_alarm():
    """A tester's "weet niet. als ik weer beter slaap" as when a step is set (the signal model 0.70
    danger, 0.24 strain; the NLU distress) got the check-in with 113: "Dat klinkt ernstig"."""
    parsed = Parsed(
        "weet niet. als ik weer beter slaap", "distress", 1.0, (), 1.0, model_danger=0.70, model_strain=0.24
    )
    assert judge(parsed, WAITS["open"], SIGNALS).signal is None
    # strain said beside it still counts
    text = "ik slaap slecht, dus als ik weer beter slaap"
    parsed = Parsed(text, "distress", 1.0, (), 1.0, model_danger=0.03, model_strain=0.87)
    assert judge(parsed, WAITS["open"], SIGNALS).signal == "spanning"


@pytest.mark.parametrize(
    "text",
    ["weet niet. als ik weer beter slaap", "nee. valt wel mee hoor, ik ben gewoon moe van het systeem"],
)
def test_a_no_that_ends_its_own_clause_does_not_turn_the_reassurance_after_it_around(text):
    parsed = Parsed(text, "distress", 0.95, (), 0.95, model_danger=0.3, model_strain=0.6)
    assert judge(parsed, WAITS["open"], SIGNALS).signal is None


def test_a_step_that_names_the_intervisie_is_an_answer_not_another_flow():
    """A tester's verbeterstap "Casus inbrengen bij intervisie donderdag" (start_flow, 0.69) got "We
    zijn al bezig met een reflectie", and the answer was lost."""
    assert run("Casus inbrengen bij intervisie donderdag", "start_flow", 0.69).kind == "answer"
    assert run("ik wil de casus inbrengen bij de intervisie", "start_flow", 0.8).kind == "answer"
    assert run("de casus anders voorbereiden voor de intervisie", "start_flow", 0.8).kind == "answer"
    assert run("nieuwe reflectie graag", "start_flow", 0.9).kind == "request"
    assert run("ik wil een intervisie voorbereiden", "start_flow", 0.9).kind == "request"
    assert run("kan ik ook een bouwopgave verkennen?", "start_flow", 0.9).kind == "request"


def test_a_danger_word_named_as_a_word_that_was_said_is_a_topic_unless_the_writer_speaks_of_themselves():
    """toets26 (blind19 until session 26): a harmless case answer got the full support message."""
    text = "in het gesprek viel het woord zelfmoord, de zoon had het over zijn vader. hebben we meteen besproken"
    assert run(text, "answer", 1.0).signal is None
    own = "het woord zelfmoord durf ik niet eens uit te spreken maar ik denk er wel aan"
    assert run(own, "distress", 1.0).signal == "gevaar"


@pytest.mark.parametrize(
    "text",
    [
        # Dictated punctuation: "punt" ends a clause ("wil er niet meer zijn ." is a danger phrase) ...
        "ik wil er niet meer zijn punt en dat meen ik",
        "brief ligt klaar punt ik wil er niet meer zijn punt",
        # ... self-harm in toets26's words.
        "gister met een aansteker op mn pols. voelde ik tenminste weer iets",
        "na dat overleg heb ik mn hoofd tegen de muur geslagen tot ik niks meer voelde",
        "is het erg als ik zeg dat ik elke ochtend teleurgesteld ben dat ik er weer ben",
    ],
)
def test_danger_in_a_dictating_or_self_harming_writers_words_gets_113(text):
    assert run(text, "answer", 0.5).signal == "gevaar"


def test_dictated_punctuation_ends_a_clause_for_strain_too():
    assert run("ik kan niet meer punt echt niet komma sorry", "answer", 0.5).signal == "spanning"
    assert run("ik kan niet meer punt voor punt uitleggen wat er misging", "answer", 0.5).signal is None


@pytest.mark.parametrize(
    "text",
    [
        # "punt" as a noun is no end of a clause.
        "ik wil niet meer punt voor punt alles uitleggen aan de klantmanager",
        "dat is een goed punt komma laten we dat meenemen",
        # a good feeling about it, said the way a feeling question is answered
        "ik voel me er goed bij",
        "ik voel me er goed op",
        "ik was moe na die dag, drie huisbezoeken en een zitting, maar wel goed moe",
        # the words of toets26's strain about something else
        "ik sport niet meer op dinsdag want dan is er teamoverleg",
    ],
)
def test_a_spoken_noun_or_a_good_feeling_is_no_signal(text):
    parsed = Parsed(text, "distress", 0.99, model_strain=0.99 if "voel" in text else 0.0)
    assert judge(parsed, WAITS["open"], SIGNALS).signal is None


def test_signals_of_suicide_as_what_a_verbeterstap_acts_on_are_a_topic_the_writers_own_are_not():
    assert run("mijn verbeterstap is eerder de ggz bellen bij signalen van suïcide", "answer", 1.0).signal is None
    assert run("ik heb signalen van suïcide, al een tijdje", "answer", 1.0).signal == "gevaar"
    assert run("ik merk signalen van suïcidaliteit bij mezelf", "answer", 1.0).signal == "gevaar"


@pytest.mark.parametrize(
    "text",
    [
        # leer44's harmless answers that got 113: someone's danger, with "ik" in the sentence ...
        "Ik wil leren hoe ik na de zelfdoding van een cliënt goed met het team nabespreek, zonder schuldvraag.",
        # ... and the case's people split in two by speech-to-text ("in woner", "suicide poging")
        "de in woner dreigde van de brug over de maas te springen we hebben 113 gebeld en de politie kwam",
        "de in woner heeft vorig jaar een suicide poging gedaan en dat wisten wij niet bij de intake",
        # leer43's: a leervraag about asking after it
        "Leervraag: hoe vraag ik goed uit naar suïcidale gedachten zonder dat het een afvinklijstje wordt?",
    ],
)
def test_someone_elses_danger_told_with_ik_or_in_dictated_words_is_no_signal(text):
    assert run(text, "answer", 1.0).signal is None


def test_thoughts_of_danger_named_without_whose_they_are_are_the_writers():
    """leer44: "ze" (the thoughts) made the message someone else's, and explicit danger got nothing."""
    text = (
        "de gedachten om er een eind aan te maken zijn terug en ze zijn harder dan ooit dus sorry maar die "
        "samenwerking tussen de teams interesseert me nu even niks"
    )
    assert run(text, "answer", 1.0).signal == "gevaar"
    assert run("mevrouw had de gedachte om er een eind aan te maken", "answer", 1.0).signal is None
    assert run("de inwoner vertelde over zijn gedachten om er een eind aan te maken", "answer", 1.0).signal is None


def test_signals_of_suicide_named_as_examples_in_a_verbeterstap_are_the_work():
    """A tester's verbeterstap got the full support message with 113."""
    text = (
        "Bij heftige signalen zoals suïcidale uitspraken van een inwoner bespreek ik dat voortaan dezelfde week "
        "na met een collega, zodat ik het niet alleen meedraag."
    )
    assert run(text, "answer", 1.0).signal is None
    assert run("ik heb signalen zoals suïcidale gedachten bij mezelf", "answer", 1.0).signal == "gevaar"


@pytest.mark.parametrize(
    "text, confidence",
    [
        ("organisatie", 0.85),
        ("professional en organisatie. km moet targets halen", 0.91),
        ("de inwoner en beleid", 0.7),
    ],
)
def test_naming_vensters_is_an_answer_not_a_doubt_about_help(text, confidence):
    """A tester naming the vensters that played got "Wil je dit als antwoord bewaren, of bedoel je
    uitleg bij de vraag?" (the NLU read the venster names as asking for their explanation)."""
    assert run(text, "help", confidence).kind == "answer"


@pytest.mark.parametrize("text", ["uitleg organisatie", "organisatie?", "wat is venster organisatie"])
def test_asking_about_a_venster_is_still_asking(text):
    assert run(text, "help", 0.95).kind == "request"


@pytest.mark.parametrize(
    "text",
    [
        # toets27 (blind20 until session 27): harmless case answers that got 113; an event told with
        # an article before it ...
        "het hele team was kapot na die zelfmoord, niemand wist wat te zeggen tegen de jongens",
        "Na de overdosis hebben we een casusanalyse gedaan met de verslavingszorg.",
        "Dit is de derde overdosis in de wijk dit jaar, het zit echt in de buurt.",
        # ... in a message where someone else is named and the writer is nowhere ...
        "Er lagen lege strips in zijn woning, het was een overdosis volgens de politie.",
        # ... a leervraag on how to do the work ...
        "Leervraag: hoe bespreek ik signalen van suïcidaliteit met een inwoner zonder dat hij dichtklapt?",
        # ... and a client's stubborn words after "ze zeg" and a colon
        "Ze zeg tegen mij: ik ga hier niet weg, al ga ik er dood aan, typisch koppig.",
    ],
)
def test_someone_elses_danger_told_as_an_event_a_method_or_their_words_is_no_signal(text):
    assert run(text, "distress", 1.0).signal is None


@pytest.mark.parametrize(
    "text",
    [
        "de zelfmoord van vorige week, ik denk er zelf ook aan",
        "ik heb de overdosis al klaarliggen",
        "een overdosis, daar denk ik steeds aan",
        "hoe kom ik van die zelfmoordgedachten af",
        "ik heb signalen van suïcidaliteit, hoe bespreek ik dat met mijn huisarts",
    ],
)
def test_the_writers_own_danger_noun_still_gets_113(text):
    assert run(text, "distress", 1.0).signal == "gevaar"


@pytest.mark.parametrize(
    "text",
    [
        # toets27's harmless answers that got the check-in: tired of meetings, a colleague's or a
        # client's burn-out, sport that helps, "niks ergs" and "maar verder prima" after a tired day
        "Haha ik ben meer moe van de vergaderingen dan van de casus zelf.",
        "Hoe herken ik eerder dat iemand met een burn-out nog niet toe is aan re-integratie?",
        "Na het werk ben ik gaan hardlopen, dat helpt mij om het los te laten.",
        "Ik ben een beetje moe, slecht geslapen door de baby, niks ergs.",
        "ik ben ff gaar van de week maar verder prima, donderdag ben ik vrij",
    ],
)
def test_ordinary_tiredness_said_to_be_fine_is_no_signal(text):
    assert run(text, "distress", 1.0).signal is None


def test_a_future_that_is_no_longer_there_for_the_writer_gets_113_unless_they_change_jobs():
    text = "Die afspraak van volgende week kun je schrappen, volgende week is er voor mij niet meer."
    assert run(text, "answer", 1.0).signal == "gevaar"
    judged = judge(Parsed(text, "answer", 1.0), WAITS["open"], SIGNALS, job_told=True)
    assert judged.signal == "spanning"


@pytest.mark.parametrize(
    "text",
    [
        # leer45's harmless answers that got 113: a client's words without quotation marks ...
        "Meneer zei aan de balie gewoon ik spring van de IJ-brug als jullie dit doen.",
        "de inwoner zei ik ga slapen en ik wil nooit meer wakker worden, dat heb ik direct besproken met de huisarts",
        # ... "die overdosis" as an event, also after "ik"; an idiom with "ik" in it ...
        "ik heb na die overdosis de huisarts gebeld en gevraagd of ze haar mochten bezoeken",
        "Ik krijg die twee afdelingen aan tafel, al ga ik er dood aan.",
        # ... the word said to a client, a trainer's words, a threat of someone else, dictated trade words
        "Ik wil leren hoe ik het woord zelfmoord gewoon hardop durf te zeggen tegen een klant.",
        "De trainer zei: vraag het gewoon rechtstreeks, denk je aan zelfmoord. Dat vond ik spannend.",
        "Er wordt in ons team soms gezegd dat die man altijd dreigt met zelfmoord, dat wil ik bespreken.",
        "ik wist niet eens dat we een suïcide preventie protocol hadden",
        # leer46's: what a client said before ", zei hij"; someone else's pills seen lying there
        "Het springen van de brug was niet impulsief, zei hij later, hij had er weken over nagedacht.",
        "ik schrok me dood toen ik die strip pillen zag liggen maar ik heb gewoon gedaan wat ik moest doen",
    ],
)
def test_a_clients_unmarked_words_an_event_or_an_idiom_is_no_signal(text):
    assert run(text, "answer", 1.0).signal is None


@pytest.mark.parametrize(
    "text",
    [
        # the writer's own words after a speech verb of their own
        "ik zei ik spring van de brug als dit zo doorgaat",
        "toen zei ik tegen mijn collega ik wil er niet meer zijn",
        "ik ga er dood aan als dit zo doorgaat, ik wil niet meer leven",
        "het woord zelfmoord spreek ik niet uit, maar ik denk er wel aan",
        "ik wil van de brug springen, zei ik tegen mijn collega",
        "ik heb een strip pillen klaarliggen",
    ],
)
def test_the_writers_own_words_beside_those_forms_still_get_113(text):
    assert run(text, "distress", 1.0).signal == "gevaar"
