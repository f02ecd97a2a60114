"""Behaviour of the reflection state machine (bot/engine.py) as a user would notice it.

Every test works on the real content in content/ and drives ``Reflection`` directly:
no Rasa, no network. The state is plain data, so a test can also rebuild the reflection
from a JSON round trip of its state, the way the Rasa slot keeps it between messages.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import pytest

from bot.content import get_content
from bot.dates import read_date
from bot.engine import DELETED, Message, Reflection, Waiting
from bot.flow import CHOICE, KEEP_FIRST_REPLY, clarified, expand
from bot.summary import build_summary

FLOW = "reflectie"
FIRST_STEP = "casus.gebeurtenis"
SECOND_STEP = "casus.betrokkenen"
CHOICE_STEP = "bouwopgaven.keuze"
WAT, WIE, WANNEER = "verbeterstap.1.wat", "verbeterstap.1.wie", "verbeterstap.1.wanneer"
MERKBAAR = "verbeterstap.1.merkbaar"  # the last part: "nog een verbeterstap?" follows it

CONCRETE_WAT = "Een driehoeksgesprek plannen met de inwoner en W&I"
CONCRETE_WIE = "Ik, samen met de teamleider van W&I"
CONCRETE_WANNEER = "Voor het teamoverleg van 15 maart"
CONCRETE_MERKBAAR = "De klantmanager belt ons voordat een maatregel ingaat"
# Long enough never to count as vague, and free of the bouwopgaven's signaalwoorden.
NEUTRAL = "Daar heb ik uitgebreid over nagedacht en dit is mijn antwoord"

# Realistic answers for the happy path; every other open step gets a numbered answer.
HAPPY_ANSWERS = {
    "casus.gebeurtenis": "Een inwoner met schulden moest van W&I solliciteren, terwijl het wijkteam eerst rust wilde.",
    "casus.betrokkenen": "De inwoner, zijn zus, de klantmanager en ik als wijkcoach.",
    "casus.rol": "Ik was casusregisseur vanuit het wijkteam; niemand anders had de regie.",
    "casus.handelen": "Ik heb de klantmanager gebeld om uitstel te vragen.",
    "casus.gevoel": "Machteloos, en ook boos op de regels.",
    "casus.afloop": "De korting ging door; later kwam hij bij de schuldhulp.",
    "vensters.inwoner": "Hij wilde rust; meebeslissen kon hij nauwelijks.",
    "vensters.professional": "De klantmanager nam mijn inschatting over na een telefoontje.",
    "vensters.organisatie": "Niemand had echt de regie; iedereen werkte langs elkaar heen.",
    "vensters.beleid": "De Participatiewet liet weinig ruimte: de zoektermijn gold ook voor hem.",
    "kern.kern": "Ik nam aan dat W&I niets kon; ik heb het nooit gevraagd.",
    "kern.anders": "Meteen een driehoeksgesprek voorstellen met de klantmanager.",
    WAT: CONCRETE_WAT,
    WIE: CONCRETE_WIE,
    WANNEER: CONCRETE_WANNEER,
    MERKBAAR: CONCRETE_MERKBAAR,
}


# --------------------------------------------------------------------------- helpers


@pytest.fixture(scope="module")
def content():
    return get_content()


def new_reflection(content) -> Reflection:
    return Reflection(content, Reflection.start(content, FLOW))


def keys(messages: list[Message]) -> list[str]:
    return [m.key for m in messages]


def kinds(messages: list[Message]) -> list[str]:
    return [m.kind for m in messages]


def only(messages: list[Message], kind: str) -> Message:
    """The single message of ``kind`` among ``messages``."""
    found = [m for m in messages if m.kind == kind]
    assert len(found) == 1, f"expected one {kind!r} message, got {[(m.key, m.kind) for m in messages]}"
    return found[0]


def question_text(reflection: Reflection) -> str:
    """The question text as the user sees it for the current step (lead included)."""
    step = reflection.current()
    return f"{step.lead} {step.question.vraag}" if step.lead else step.question.vraag


def numbered_answer(step_id: str) -> str:
    return f"Mijn eigen antwoord bij {step_id} met genoeg woorden erin"


def happy_answer(step_id: str) -> str:
    return HAPPY_ANSWERS.get(step_id, numbered_answer(step_id))


@dataclass
class Event:
    """One round of the conversation in :func:`drive`: what was asked and what was done."""

    step: str
    phase: str
    messages: list[Message]
    progress_before: dict[str, int]
    action: str  # answer | choose | more
    value: str | None = None
    progress_after: dict[str, int] = field(default_factory=dict)


def drive(
    reflection: Reflection,
    answer_for: Callable[[str], str] = happy_answer,
    after_each: Callable[[Reflection], None] | None = None,
    limit: int = 200,
) -> list[Event]:
    """Walk the whole reflection: ask, then answer, accept the proposal, say "no more".

    The choice step is answered with ``choose(None)`` (accept the proposal), the
    "nog een verbeterstap?" confirmation with ``more(False)``, and a follow-up on an answer
    is skipped (tests/test_listening.py holds those).
    """
    events: list[Event] = []
    for _ in range(limit):
        if reflection.finished:
            return events
        step = reflection.current()
        phase = reflection.phase()
        messages = reflection.ask().messages
        before = reflection.progress()
        if reflection.waiting == Waiting.MORE:
            assert kinds(messages)[-1] == "confirm"
            reflection.more(False)
            event = Event(step.id, phase, messages, before, "more")
        elif reflection.waiting == Waiting.DEEPER:
            assert kinds(messages)[-1] == "confirm"
            reflection.deeper(False)  # the thema questions are an optional verdieping
            event = Event(step.id, phase, messages, before, "more")
        elif step.kind == CHOICE:
            reflection.choose(None)
            event = Event(step.id, phase, messages, before, "choose")
        else:
            text = answer_for(step.id)
            reflection.answer(text)
            if reflection.waiting == Waiting.CLARIFY and reflection.state.get("vervolg"):
                reflection.ask()
                reflection.skip()  # a follow-up on the answer (content/verdieping.yml) can always be skipped
            event = Event(step.id, phase, messages, before, "answer", text)
        event.progress_after = reflection.progress()
        events.append(event)
        if after_each:
            after_each(reflection)
    raise AssertionError(f"the reflection did not finish within {limit} rounds")


def advance_to(reflection: Reflection, step_id: str, answer_for: Callable[[str], str] = numbered_answer) -> None:
    """Answer every question (asking each first) until ``step_id`` is the current step."""
    for _ in range(200):
        if reflection.state["step"] == step_id:
            return
        assert not reflection.finished, f"the flow finished before reaching {step_id}"
        step = reflection.current()
        reflection.ask()
        if reflection.waiting == Waiting.MORE:
            reflection.more(False)
        elif reflection.waiting == Waiting.DEEPER:
            reflection.deeper(True)  # on to the thema questions, which may be the step sought
        elif step.kind == CHOICE:
            reflection.choose(None)
        else:
            reflection.answer(answer_for(step.id))
    raise AssertionError(f"never reached {step_id}")


def at_step(content, step_id: str, answer_for: Callable[[str], str] = numbered_answer) -> Reflection:
    reflection = new_reflection(content)
    advance_to(reflection, step_id, answer_for)
    return reflection


def plain_words(text: str) -> list[str]:
    """The words of ``text`` without punctuation (Markdown may escape ``_``, ``*`` and the like)."""
    return re.findall(r"[^\W_]+", text)


# --------------------------------------------------------------------------- happy path


def test_happy_path_summary_holds_every_answer_verbatim(content):
    reflection = new_reflection(content)
    events = drive(reflection)
    assert reflection.finished
    summary = build_summary(content, reflection.state)

    asked = {}
    for event in events:
        if event.action == "answer":
            question = only(event.messages, "question").values["vraag"]
            asked[event.step] = (question, event.value)
    by_step = {a["step"]: a for a in summary["answers"]}
    for step_id, (question, answer) in asked.items():
        assert step_id in by_step, f"answer to {step_id} missing from the summary"
        assert by_step[step_id]["answer"] == answer
        assert by_step[step_id]["question"] == question
        assert by_step[step_id]["skipped"] is False
    # The open casus and vensters questions are all there, in flow order.
    steps_in_summary = [a["step"] for a in summary["answers"]]
    assert steps_in_summary[:12] == [s for s in HAPPY_ANSWERS if s.startswith(("casus.", "vensters.", "kern."))]
    assert summary["mode"] == "reflectie"
    assert summary["completed"] is True


def test_happy_path_verbeterstap_and_bouwopgaven_in_summary(content):
    reflection = new_reflection(content)
    drive(reflection)
    summary = build_summary(content, reflection.state)
    assert summary["verbeterstappen"] == [
        {"wat": CONCRETE_WAT, "wie": CONCRETE_WIE, "wanneer": CONCRETE_WANNEER, "merkbaar": CONCRETE_MERKBAAR}
    ]
    proposed = [item["id"] for item in reflection.state["voorstel"]]
    assert summary["bouwopgaven"] == proposed
    assert 1 <= len(proposed) <= 3


def test_happy_path_markdown_has_headings_and_answers(content):
    reflection = new_reflection(content)
    events = drive(reflection)
    markdown = build_summary(content, reflection.state)["markdown"]
    for key in ("samenvatting_titel", "kop_casus", "kop_vensters", "kop_bouwopgaven", "kop_verbeterstappen"):
        assert content.text(key) in markdown, f"heading {key!r} missing"
    assert markdown.startswith(f"# {content.text('samenvatting_titel')}")
    assert f"## {content.text('kop_casus')}" in markdown
    assert f"## {content.text('kop_verbeterstappen')}" in markdown
    for event in events:
        if event.action == "answer":
            for word in plain_words(event.value):
                assert word in markdown, f"{word!r} from the answer to {event.step} missing in the Markdown"
    for bouwopgave in reflection.state["bouwopgaven"]:
        assert content.bouwopgaven[bouwopgave].naam in markdown


def test_the_plain_text_summary_shows_what_was_typed_without_markup(content):
    reflection = new_reflection(content)
    reflection.ask()
    typed = "Zij zei: <script>x</script> en *echt* #1 [link](x) a_b \\ klaar"
    reflection.answer(typed)
    summary = build_summary(content, reflection.state)
    text = summary["text"]
    assert typed in text  # verbatim, where the Markdown escapes it
    assert typed not in summary["markdown"]
    assert text.startswith(content.text("samenvatting_titel"))
    assert "**" not in text and "\n#" not in text


def test_first_question_is_marked_first_and_others_are_plain_questions(content):
    reflection = new_reflection(content)
    events = drive(reflection)
    first = only(events[0].messages, "question")
    assert first.key == "eerste_vraag"
    assert first.values["vraag"] == content.flows[FLOW].phases[0].steps[0].question.vraag
    later = [only(e.messages, "question").key for e in events[1:] if e.action == "answer"]
    assert set(later) == {"vraag"}


# --------------------------------------------------------------------------- progress and phases


def reflection_offers(content, step_id: str) -> bool:
    """Whether the bot offers the thema questions after answering ``step_id`` (the last rv of a bouwopgave)."""
    return step_id.startswith("bouwopgaven.reflectie.") and step_id.endswith(".rv3")


def test_progress_counts_answered_steps(content):
    reflection = new_reflection(content)
    assert reflection.progress()["done"] == 0
    assert reflection.progress()["total"] == len(reflection.steps())
    events = drive(reflection)

    shown = [e for e in events if e.action != "more"]
    assert [e.progress_before["done"] for e in shown] == list(range(len(shown)))
    for event in events:
        before, after = event.progress_before["done"], event.progress_after["done"]
        if event.action == "answer" and (event.step.endswith(".merkbaar") or reflection_offers(content, event.step)):
            assert after == before  # first "nog een verbeterstap?" or "dieper ingaan?"
        else:
            assert after == before + 1, f"progress did not go up by one at {event.step}"
    # total is the number of steps as they stand at that moment
    assert all(e.progress_before["total"] >= e.progress_before["done"] for e in events)
    final = reflection.progress()
    assert final["done"] == final["total"] == len(reflection.steps())


def test_progress_total_is_number_of_steps_at_each_question(content):
    reflection = new_reflection(content)
    totals = []
    drive(reflection, after_each=lambda r: totals.append((r.progress()["total"], len(r.steps()))))
    assert all(total == steps for total, steps in totals)


def test_phases_follow_the_flow_order(content):
    reflection = new_reflection(content)
    assert reflection.phase() == "casus"
    events = drive(reflection)
    order = []
    for event in events:
        if not order or order[-1] != event.phase:
            order.append(event.phase)
    assert order == ["casus", "vensters", "kern", "bouwopgaven", "verbeterstappen"]
    assert reflection.phase() == "afronding"


def test_phase_intros_shown_once_on_first_question_of_phase(content):
    reflection = new_reflection(content)
    events = drive(reflection)
    intros = {p.id: p.intro for p in content.flows[FLOW].phases if p.intro}
    seen = [(e.step, e.phase, m.values["tekst"]) for e in events for m in e.messages if m.key == "fase_intro"]
    assert [phase for _, phase, _ in seen] == [
        p for p in ("casus", "vensters", "kern", "verbeterstappen") if p in intros
    ]
    first_step_of_phase = {}
    for event in events:
        first_step_of_phase.setdefault(event.phase, event.step)
    for step_id, phase, text in seen:
        assert text == intros[phase]
        assert step_id == first_step_of_phase[phase]
    for event in events:
        intro_messages = [m for m in event.messages if m.key == "fase_intro"]
        if intro_messages:
            assert event.messages[0].key == "fase_intro", "the intro comes before the question"
            assert intro_messages[0].kind == "info"


def test_phase_intro_not_repeated_after_going_back(content):
    reflection = new_reflection(content)
    assert "fase_intro" in keys(reflection.ask().messages)
    reflection.answer(numbered_answer(FIRST_STEP))
    reflection.back()
    assert reflection.state["step"] == FIRST_STEP
    assert "fase_intro" not in keys(reflection.ask().messages)
    reflection.pause()
    reflection.resume()
    assert "fase_intro" not in keys(reflection.ask().messages)


# --------------------------------------------------------------------------- skip


def test_skip_records_skipped_and_moves_on(content):
    reflection = new_reflection(content)
    reflection.ask()
    reflection.skip()
    assert reflection.state["answers"][FIRST_STEP] == {"answer": "", "skipped": True}
    assert reflection.state["step"] == SECOND_STEP
    question = only(reflection.ask().messages, "question")
    assert question.values["vraag"] == content.flows[FLOW].phases[0].steps[1].question.vraag
    assert reflection.progress()["done"] == 1

    summary = build_summary(content, reflection.state)
    record = next(a for a in summary["answers"] if a["step"] == FIRST_STEP)
    assert record["skipped"] is True and record["answer"] == ""
    assert content.text("overgeslagen") in summary["markdown"]


def test_skip_after_going_back_keeps_the_earlier_answer(content):
    reflection = new_reflection(content)
    reflection.ask()
    reflection.answer("De inwoner raakte zijn uitkering kwijt")
    reflection.ask()
    reflection.back()
    reflection.ask()
    reflection.skip()
    assert reflection.state["answers"][FIRST_STEP] == {
        "answer": "De inwoner raakte zijn uitkering kwijt",
        "skipped": False,
    }
    assert reflection.state["step"] == SECOND_STEP
    summary = build_summary(content, reflection.state)
    assert (
        next(a for a in summary["answers"] if a["step"] == FIRST_STEP)["answer"]
        == "De inwoner raakte zijn uitkering kwijt"
    )


def test_skip_whole_flow_finishes_with_everything_skipped(content):
    reflection = new_reflection(content)
    for _ in range(100):
        if reflection.finished:
            break
        reflection.ask()
        reflection.skip()
    assert reflection.finished and not reflection.state["stopped"]
    summary = build_summary(content, reflection.state)
    assert summary["answers"] and all(a["skipped"] for a in summary["answers"])
    assert summary["bouwopgaven"] == []
    assert summary["verbeterstappen"] == []
    assert content.text("geen_verbeterstappen") in summary["markdown"]


# --------------------------------------------------------------------------- back


def test_back_at_first_step_cannot_go_further(content):
    reflection = new_reflection(content)
    reflection.ask()
    result = reflection.back()
    assert keys(result.messages) == ["terug_kan_niet"]
    assert reflection.state["step"] == FIRST_STEP
    assert only(reflection.ask().messages, "question").values["vraag"] == question_text(reflection)


def test_back_returns_to_previous_step_and_new_answer_overwrites_once_confirmed(content):
    reflection = new_reflection(content)
    reflection.ask()
    reflection.answer("Eerste versie van wat er gebeurde")
    reflection.ask()
    result = reflection.back()
    assert keys(result.messages) == ["terug"]
    assert reflection.state["step"] == FIRST_STEP
    assert reflection.progress()["done"] == 0
    question = only(reflection.ask().messages, "question")
    assert question.values["vraag"] == content.flows[FLOW].phases[0].steps[0].question.vraag
    # The earlier answer is still there until a new one is given and confirmed to replace it ...
    assert reflection.state["answers"][FIRST_STEP]["answer"] == "Eerste versie van wat er gebeurde"
    reflection.answer("Tweede, betere versie van wat er gebeurde")
    assert reflection.waiting == Waiting.REPLACE
    assert reflection.state["answers"][FIRST_STEP]["answer"] == "Eerste versie van wat er gebeurde"
    assert keys(reflection.ask().messages) == ["vervangen_vraag"]
    assert keys(reflection.resolve_replacement(True).messages)[0] == "vervangen"
    assert reflection.state["answers"][FIRST_STEP] == {
        "answer": "Tweede, betere versie van wat er gebeurde",
        "skipped": False,
    }
    assert reflection.state["step"] == SECOND_STEP
    summary = build_summary(content, reflection.state)
    texts = [a["answer"] for a in summary["answers"]]
    assert "Eerste versie van wat er gebeurde" not in texts
    assert "Tweede, betere versie van wat er gebeurde" in texts


def answered(content, count: int) -> tuple[Reflection, list[str]]:
    """A reflection with its first ``count`` questions answered, and the ids of its steps."""
    reflection = new_reflection(content)
    ids = [step.id for step in reflection.steps()]
    for step_id in ids[:count]:
        reflection.ask()
        reflection.answer(numbered_answer(step_id))
    return reflection, ids


def test_a_new_answer_after_going_back_goes_on_where_the_user_was(content):
    """A tester went back two questions to change one answer and was walked through every
    question after it again, each with its answer shown."""
    reflection, ids = answered(content, 3)
    assert reflection.state["step"] == ids[3]
    for _ in range(3):
        reflection.back()
    assert reflection.state["step"] == ids[0]
    reflection.answer("De inwoner kreeg een maatregel van W&I en raakte bijna zijn huis kwijt.")
    result = reflection.resolve_replacement(True)  # "Vervang het"
    assert keys(result.messages) == ["vervangen", "verder_waar_je_was"]
    assert reflection.state["step"] == ids[3]
    assert reflection.state["answers"][ids[1]]["answer"] == numbered_answer(ids[1])
    reflection.answer(numbered_answer(ids[3]))
    assert reflection.state["step"] == ids[4]  # and from there one by one again


def test_keeping_an_answer_after_going_back_also_goes_on_where_the_user_was(content):
    reflection, ids = answered(content, 3)
    reflection.back()
    reflection.back()
    reflection.skip()  # "Overslaan" on a question answered before keeps that answer
    assert reflection.state["step"] == ids[3]
    assert reflection.state["answers"][ids[1]]["answer"] == numbered_answer(ids[1])


def test_going_back_once_and_answering_goes_on_to_the_next_question_as_always(content):
    reflection, ids = answered(content, 2)
    reflection.back()
    reflection.answer("Een betere versie.")
    result = reflection.resolve_replacement(True)
    assert "verder_waar_je_was" not in keys(result.messages)
    assert reflection.state["step"] == ids[2]


def test_back_from_first_bouwopgave_question_shows_the_choice_again(content):
    reflection = at_step(content, CHOICE_STEP)
    reflection.ask()
    reflection.choose(["regie"])
    assert reflection.state["step"] == "bouwopgaven.reflectie.regie.rv3"
    assert keys(reflection.back().messages) == ["terug"]
    assert reflection.state["step"] == CHOICE_STEP
    assert reflection.waiting == Waiting.CHOICE
    assert keys(reflection.ask().messages) == ["bouwopgave_voorstel"]


# --------------------------------------------------------------------------- vague verbeterstap


def test_vague_wat_asks_for_clarification_and_keeps_both_texts(content):
    reflection = at_step(content, WAT)
    reflection.ask()
    done = reflection.progress()["done"]
    reflection.answer("beter samenwerken")
    assert reflection.state["step"] == WAT
    assert reflection.waiting == Waiting.CLARIFY
    assert reflection.state["answers"][WAT]["answer"] == "beter samenwerken"
    assert reflection.progress()["done"] == done

    clarify = only(reflection.ask().messages, "clarify")
    assert clarify.key == "verduidelijking"
    clarification = reflection.current().question.verduidelijking
    assert clarify.values["vraag"] == clarification.vraag

    reflection.answer(CONCRETE_WAT)
    assert reflection.state["answers"][WAT]["verduidelijking"] == CONCRETE_WAT
    assert reflection.state["answers"][WAT]["answer"] == "beter samenwerken"
    assert reflection.waiting not in (Waiting.CLARIFY, Waiting.MORE)
    assert reflection.state["step"] == WIE
    assert only(reflection.ask().messages, "question").values["vraag"] == question_text(reflection)

    reflection.answer(CONCRETE_WIE)
    reflection.answer(CONCRETE_WANNEER)
    reflection.answer(CONCRETE_MERKBAAR)
    reflection.more(False)
    summary = build_summary(content, reflection.state)
    assert summary["verbeterstappen"][0]["wat"] == CONCRETE_WAT
    wat_answers = [a["answer"] for a in summary["answers"] if a["step"] == WAT]
    assert wat_answers == ["beter samenwerken", CONCRETE_WAT]
    wat_questions = [a["question"] for a in summary["answers"] if a["step"] == WAT]
    assert wat_questions[1] == clarification.vraag


def test_a_longer_step_stays_in_the_summary_beside_a_short_reply_to_its_clarification(content):
    # Found holding a conversation: "voor 1 februari" replaced the whole step in the summary.
    step = "bij Wmo en schulden eerst samen met de klantmanager optrekken"
    reflection = at_step(content, WAT)
    reflection.ask()
    reflection.answer(step)
    assert reflection.waiting == Waiting.CLARIFY
    reflection.answer("ik ga het doen")  # asked once more (nogmaals)
    reflection.answer("voor 1 februari")
    reflection.answer(CONCRETE_WIE)
    reflection.answer(CONCRETE_WANNEER)
    reflection.answer(CONCRETE_MERKBAAR)
    reflection.more(False)
    wat = build_summary(content, reflection.state)["verbeterstappen"][0]["wat"]
    assert step in wat and "voor 1 februari" in wat


@pytest.mark.parametrize(
    "answer, reply, shown",
    [
        # a reply that says it again replaces the answer (the intervisie's inbrengvraag, sharpened)
        (
            "Moet ik de klantmanager harder aanspreken?",
            "Hoe kom ik met de klantmanager tot één lijn als onze opdrachten botsen?",
            "Hoe kom ik met de klantmanager tot één lijn als onze opdrachten botsen?",
        ),
        ("beter samenwerken", "een belmoment plannen met W&I", "een belmoment plannen met W&I"),
        # a short reply adds to a longer answer
        (
            "bij Wmo en schulden eerst samen met de klantmanager op huisbezoek",
            "voor 1 februari",
            "bij Wmo en schulden eerst samen met de klantmanager op huisbezoek; voor 1 februari",
        ),
        # a reply that shares no word with the step says something else: both (a tester lost the step)
        (
            "regisseur aanwijzen bij elk multiprobleem gezin",
            "afspraak maken met teamleider W&I",
            "regisseur aanwijzen bij elk multiprobleem gezin; afspraak maken met teamleider W&I",
        ),
        ("korte route met schuldhulp", "elke maandag een belmoment met de schuldhulpverlener", None),
    ],
)
def test_the_reply_to_a_clarification_replaces_or_adds_to_the_answer(answer, reply, shown):
    assert clarified({"answer": answer, "verduidelijking": reply}) == (shown or reply)


def test_both_replies_to_a_clarification_asked_twice_are_kept():
    """A tester's first reply ("mijn teamleider en ik samen") was lost behind the second."""
    record = {
        "answer": "bij mijn teamleider aankaarten dat we bij dementie de langere termijn moeten meewegen",
        "eerder": "mijn teamleider en ik samen",
        "verduidelijking": "in het teamoverleg van januari",
        KEEP_FIRST_REPLY: True,  # a wat; at a wanneer the day named last replaces a vague time
    }
    shown = clarified(record)
    assert "mijn teamleider en ik samen" in shown and "in het teamoverleg van januari" in shown
    assert "langere termijn" in shown


def test_concrete_wat_is_not_clarified(content):
    reflection = at_step(content, WAT)
    reflection.ask()
    reflection.answer(CONCRETE_WAT)
    assert reflection.waiting not in (Waiting.CLARIFY, Waiting.MORE)
    assert reflection.state["step"] == WIE
    assert "verduidelijking" not in reflection.state["answers"][WAT]
    assert kinds(reflection.ask().messages) == ["question"]


@pytest.mark.parametrize("step_id", [WANNEER, "verbeterstap.1.eigen_stap"])
def test_a_number_alone_as_a_step_or_a_moment_is_asked_about(content, step_id):
    # Found holding a conversation: "8" was kept as the writer's own first step.
    reflection = at_step(content, step_id)
    reflection.ask()
    reflection.answer("8")
    assert reflection.waiting == Waiting.CLARIFY
    reflection.answer("voor het teamoverleg van 8 maart bel ik de klantmanager")
    assert reflection.waiting != Waiting.CLARIFY


def test_vague_wanneer_is_clarified_too(content):
    reflection = at_step(content, WANNEER)
    reflection.ask()
    reflection.answer("binnenkort")
    assert reflection.waiting == Waiting.CLARIFY
    assert reflection.state["step"] == WANNEER
    clarify = only(reflection.ask().messages, "clarify")
    assert clarify.values["vraag"] == reflection.current().question.verduidelijking.vraag
    reflection.answer("In de week van 15 maart")
    assert reflection.state["answers"][WANNEER]["verduidelijking"] == "In de week van 15 maart"
    assert reflection.state["step"] == MERKBAAR
    reflection.answer(CONCRETE_MERKBAAR)
    # then the question whether there is another verbeterstap
    assert reflection.waiting == Waiting.MORE
    reflection.more(False)
    assert build_summary(content, reflection.state)["verbeterstappen"][0]["wanneer"] == "In de week van 15 maart"


def test_a_wanneer_without_a_day_is_asked_for_one_day_once(content):
    # "Na de zomer" is a moment, but no calendar item can go on it: the bot asks once for a day.
    reflection = at_step(content, WANNEER)
    reflection.ask()
    reflection.answer("Na de zomer")
    assert reflection.waiting == Waiting.CLARIFY
    ask = only(reflection.ask().messages, "clarify").values["vraag"]
    assert ask == reflection.current().question.verduidelijking.datum
    assert "agenda" in ask
    reflection.answer("in week 36")
    assert reflection.state["step"] == MERKBAAR
    reflection.answer(CONCRETE_MERKBAAR)
    reflection.more(False)
    summary = build_summary(content, reflection.state)
    assert summary["verbeterstappen"][0]["wanneer"] == "Na de zomer, in week 36"
    told = [(a["question"], a["answer"]) for a in summary["answers"] if a["step"] == WANNEER]
    assert told[0][1] == "Na de zomer" and told[-1] == (ask, "in week 36")
    assert read_date(summary["verbeterstappen"][0]["wanneer"], date(2027, 1, 10)) == date(2027, 9, 6)


def test_a_wanneer_with_a_day_is_not_asked_again(content):
    reflection = at_step(content, WANNEER)
    reflection.ask()
    reflection.answer("over twee weken")
    assert reflection.state["step"] == MERKBAAR


def test_a_reply_without_a_day_is_kept_in_the_answers_and_not_asked_again(content):
    reflection = at_step(content, WANNEER)
    reflection.ask()
    reflection.answer("Bij het volgende casusoverleg")
    assert reflection.waiting == Waiting.CLARIFY
    reflection.answer("weet ik nog niet precies")
    assert reflection.state["step"] == MERKBAAR
    reflection.answer(CONCRETE_MERKBAAR)
    reflection.more(False)
    summary = build_summary(content, reflection.state)
    assert summary["verbeterstappen"][0]["wanneer"] == "Bij het volgende casusoverleg"
    assert "weet ik nog niet precies" in [a["answer"] for a in summary["answers"]]


def test_leaving_the_day_open_keeps_the_moment(content):
    reflection = at_step(content, WANNEER)
    reflection.ask()
    reflection.answer("Na de zomer")
    reflection.skip()  # the button "Laat zo"
    assert reflection.state["step"] == MERKBAAR
    assert reflection.state["answers"][WANNEER]["answer"] == "Na de zomer"


def test_no_day_is_asked_after_the_clarification_was_asked_twice(content):
    # "binnenkort" -> "Kun je er een moment aan koppelen?" -> "ooit" -> once more -> "na de
    # zomer": enough asking; the moment stays as it is.
    reflection = at_step(content, WANNEER)
    reflection.ask()
    for reply in ("binnenkort", "ooit"):
        reflection.answer(reply)
        assert reflection.waiting == Waiting.CLARIFY
    reflection.answer("na de zomer")
    assert reflection.state["step"] == MERKBAAR


def test_a_vague_wanneer_clarified_with_a_moment_gets_the_day_question(content):
    reflection = at_step(content, WANNEER)
    reflection.ask()
    reflection.answer("binnenkort")
    reflection.answer("bij het volgende teamoverleg")
    assert reflection.waiting == Waiting.CLARIFY
    assert (
        only(reflection.ask().messages, "clarify").values["vraag"]
        == reflection.current().question.verduidelijking.datum
    )
    reflection.answer("15 maart")
    reflection.answer(CONCRETE_MERKBAAR)
    reflection.more(False)
    assert build_summary(content, reflection.state)["verbeterstappen"][0]["wanneer"] == (
        "bij het volgende teamoverleg, 15 maart"
    )


def test_skipping_the_clarification_keeps_the_vague_answer(content):
    reflection = at_step(content, WAT)
    reflection.ask()
    reflection.answer("beter samenwerken")
    reflection.ask()
    reflection.skip()
    assert reflection.state["step"] == WIE
    assert reflection.state["answers"][WAT] == {"answer": "beter samenwerken", "skipped": False}


# --------------------------------------------------------------------------- more verbeterstappen


def test_after_merkbaar_asks_for_another_verbeterstap(content):
    reflection = at_step(content, MERKBAAR)
    reflection.ask()
    reflection.answer(CONCRETE_MERKBAAR)
    assert reflection.state["step"] == MERKBAAR
    assert reflection.waiting == Waiting.MORE
    confirm = only(reflection.ask().messages, "confirm")
    assert confirm.key == "meer_verbeterstappen"
    assert confirm.values["vraag"] == reflection.current().meer.vraag
    total = reflection.progress()["total"]
    reflection.more(True)
    assert reflection.state["step"] == "verbeterstap.2.wat"
    assert reflection.progress()["total"] == total + 4  # wat, wie, wanneer, merkbaar
    assert only(reflection.ask().messages, "question").values["vraag"] == question_text(reflection)


def test_skipping_the_verbeterstap_itself_skips_who_leads_it_and_when_and_offers_no_other(content):
    """Found holding a conversation: after "overslaan" at the step came "Wie is daarbij in de
    lead?", "Wanneer ...?", "Waaraan merk je ...?" and "nog een verbeterstap?"."""
    reflection = at_step(content, WAT)
    reflection.ask()
    reflection.skip()
    assert reflection.finished and reflection.waiting == Waiting.FINISHED
    assert not [s for s in (WIE, WANNEER, MERKBAAR) if reflection.state["answers"][s].get("answer")]
    assert build_summary(content, reflection.state)["verbeterstappen"] == []
    # ... and a second step asked for and then skipped leaves the first as it was
    reflection = at_step(content, MERKBAAR)
    reflection.ask()
    reflection.answer(CONCRETE_MERKBAAR)
    reflection.more(True)
    reflection.ask()
    reflection.skip()
    assert reflection.finished
    assert len(build_summary(content, reflection.state)["verbeterstappen"]) == 1
    # skipping who leads a step that was named goes on to when, as any skip does
    reflection = at_step(content, WIE)
    reflection.ask()
    reflection.skip()
    assert reflection.state["step"] == WANNEER and reflection.waiting == Waiting.ANSWER


def test_at_most_three_verbeterstappen(content):
    reflection = at_step(content, WAT)
    for number in (1, 2, 3):
        for part, text in (
            ("wat", CONCRETE_WAT),
            ("wie", CONCRETE_WIE),
            ("wanneer", CONCRETE_WANNEER),
            ("merkbaar", CONCRETE_MERKBAAR),
        ):
            assert reflection.state["step"] == f"verbeterstap.{number}.{part}"
            reflection.ask()
            reflection.answer(f"{text} ({number})")
        if number < 3:
            assert kinds(reflection.ask().messages) == ["confirm"]
            reflection.more(True)
    # No "nog een?" after the third: the reflection is done.
    assert reflection.finished
    assert reflection.waiting not in (Waiting.CLARIFY, Waiting.MORE)
    assert reflection.ask().messages == []
    summary = build_summary(content, reflection.state)
    assert len(summary["verbeterstappen"]) == 3
    assert summary["verbeterstappen"][2] == {
        "wat": f"{CONCRETE_WAT} (3)",
        "wie": f"{CONCRETE_WIE} (3)",
        "wanneer": f"{CONCRETE_WANNEER} (3)",
        "merkbaar": f"{CONCRETE_MERKBAAR} (3)",
    }


def test_no_more_verbeterstappen_finishes(content):
    reflection = at_step(content, MERKBAAR)
    reflection.ask()
    reflection.answer(CONCRETE_MERKBAAR)
    reflection.ask()
    reflection.more(False)
    assert reflection.finished
    assert reflection.phase() == "afronding"
    assert reflection.state["verbeterstappen"] == 1


def test_free_text_at_more_counts_as_yes_and_becomes_next_wat(content):
    reflection = at_step(content, MERKBAAR)
    reflection.ask()
    reflection.answer(CONCRETE_MERKBAAR)
    reflection.ask()
    reflection.answer("Ook een casusoverleg organiseren")
    assert reflection.state["verbeterstappen"] == 2
    assert reflection.state["answers"]["verbeterstap.2.wat"]["answer"] == "Ook een casusoverleg organiseren"
    assert reflection.state["step"] in ("verbeterstap.2.wat", "verbeterstap.2.wie")
    # The first verbeterstap is untouched.
    assert reflection.state["answers"][MERKBAAR] == {"answer": CONCRETE_MERKBAAR, "skipped": False}


# --------------------------------------------------------------------------- choice


def answers_with(extra: dict[str, str]) -> Callable[[str], str]:
    return lambda step_id: extra.get(step_id, NEUTRAL)


def test_proposal_follows_signaalwoorden(content):
    reflection = at_step(
        content,
        CHOICE_STEP,
        answers_with(
            {
                "casus.rol": "Niemand had de regie over de casus, ook ik niet als regisseur.",
                "casus.handelen": "De inwoner moest solliciteren van de gemeente.",
            }
        ),
    )
    message = only(reflection.ask().messages, "question")
    assert message.key == "bouwopgave_voorstel"
    # One proposal, the best fit: a hypothesis, not a menu.
    assert [item["id"] for item in reflection.state["voorstel"]] == ["regie"]
    words = reflection.state["voorstel"][0]["woorden"]
    assert "regie" in words and "regisseur" in words
    # The user's own words are quoted back with the reason: the clause that says most of it.
    assert "‘Niemand had de regie over de casus’" in message.values["voorstel"]
    assert content.bouwopgaven["regie"].naam in message.values["voorstel"]
    assert message.values["vraag"] == reflection.current().question.vraag


def test_the_reason_quoted_is_the_clause_that_says_most_not_the_shortest(content):
    """Found holding a conversation as a klantmanager: 'de regels zijn de regels' was the reason
    for the regie bouwopgave, where the organisatie answer said it."""
    reflection = at_step(
        content,
        CHOICE_STEP,
        answers_with(
            {
                "casus.rol": "handhaven, de regels zijn de regels",
                "vensters.organisatie": "Onze werkprocessen kennen geen overleg met het wijkteam voor een maatregel.",
            }
        ),
    )
    message = only(reflection.ask().messages, "question")
    assert "‘Onze werkprocessen kennen geen overleg met het wijkteam voor een maatregel’" in message.values["voorstel"]


def test_a_joke_with_a_heavy_word_is_never_quoted_as_the_reason(content):
    """Found holding a conversation as a Rotterdam team: "Je noemde 'ik ga nog dood aan die
    formulieren'" was the reason for bouwopgave 2."""
    reflection = at_step(
        content,
        CHOICE_STEP,
        answers_with({"casus.rol": "Haha, ik ga nog dood aan die formulieren van de inwoner."}),
    )
    message = only(reflection.ask().messages, "question")
    assert "dood" not in message.values["voorstel"]
    assert "formulieren" in message.values["voorstel"]  # the words remain the reason


def test_an_acknowledgement_gives_back_what_comes_after_maar():
    from bot.engine import _phrase_of

    assert _phrase_of("ik had ruimte genoeg in de wet, maar ik gebruikte hem niet") == "ik gebruikte hem niet"


def test_an_acknowledgement_never_gives_a_question_back():
    from bot.engine import _phrase_of

    combined = "wat bedoel je met een leervraag voor het team? De klantmanager stuurde de brief zonder overleg"
    assert _phrase_of(combined) == "De klantmanager stuurde de brief zonder overleg"
    assert _phrase_of("hoe lang duurt dit nog eigenlijk? ik weet het niet") == "ik weet het niet"


def test_two_bouwopgaven_are_proposed_only_when_they_fit_equally_well(content):
    reflection = at_step(
        content,
        CHOICE_STEP,
        answers_with(
            {
                "casus.rol": "Ik had de regie.",
                "casus.handelen": "De inwoner moest solliciteren.",
            }
        ),
    )
    reflection.ask()
    assert sorted(item["id"] for item in reflection.state["voorstel"]) == ["participatie", "regie"]


@pytest.mark.parametrize(
    "gevoel",
    [
        "Ik voelde me schuldig en machteloos, ik had het gevoel dat niemand naar me luisterde.",
        "Ik dacht: ik doe gewoon mijn werk, maar ik voelde me alleen verantwoordelijk.",
    ],
)
def test_feelings_never_give_a_reason_for_a_proposal(content, gevoel):
    reflection = at_step(content, CHOICE_STEP, answers_with({"casus.gevoel": gevoel}))
    reflection.ask()
    for item in reflection.state["voorstel"]:
        assert item["woorden"] == [], item


def test_proposal_at_most_three(content):
    reflection = at_step(
        content,
        CHOICE_STEP,
        answers_with(
            {
                "casus.gebeurtenis": "Het budget van het project was op en de wachtlijst groeide.",
                "casus.betrokkenen": "De inwoner voelde zich niet gehoord bij de intake.",
                "casus.rol": "Niemand had de regie, er was geen casusoverleg.",
                "casus.gevoel": "De teamleider en het beleid gaven geen ruimte binnen de kaders.",
                "casus.handelen": "Hij moest solliciteren voor zijn uitkering bij de klantmanager.",
            }
        ),
    )
    reflection.ask()
    assert 1 <= len(reflection.state["voorstel"]) <= 3


def test_proposal_falls_back_to_standaard(content):
    reflection = at_step(content, CHOICE_STEP, answers_with({}))
    message = only(reflection.ask().messages, "question")
    standaard = list(reflection.current().default_choices)
    assert standaard == ["met_inwoner"]
    assert [item["id"] for item in reflection.state["voorstel"]] == standaard
    assert content.bouwopgaven["met_inwoner"].waarom_algemeen in message.values["voorstel"]


def test_accepting_the_proposal_sets_it_and_expands_questions(content):
    reflection = at_step(content, CHOICE_STEP, answers_with({"casus.rol": "Niemand had de regie."}))
    reflection.ask()
    proposed = [item["id"] for item in reflection.state["voorstel"]]
    reflection.choose(None)
    assert reflection.state["bouwopgaven"] == proposed
    assert reflection.state["step"] == f"bouwopgaven.reflectie.{proposed[0]}.rv3"
    record = reflection.state["answers"][CHOICE_STEP]
    assert record["answer"] == ", ".join(content.bouwopgaven[b].naam for b in proposed)


def test_choose_empty_switches_to_self_pick(content):
    reflection = at_step(content, CHOICE_STEP)
    reflection.ask()
    reflection.choose([])
    assert reflection.state["step"] == CHOICE_STEP
    assert reflection.state["bouwopgaven"] is None
    assert reflection.waiting == Waiting.CHOICE
    message = only(reflection.ask().messages, "question")
    assert message.key == "bouwopgave_zelf_kiezen"
    assert len(message.buttons) == 5
    for bouwopgave in content.bouwopgaven.values():
        assert any(bouwopgave.id in b["payload"] and bouwopgave.naam in b["title"] for b in message.buttons)
        assert bouwopgave.naam in message.values["opties"]
    assert all(b["payload"].startswith("/choose_bouwopgave") for b in message.buttons)
    assert message.values["max"] == 2


def test_choose_sets_bouwopgaven_and_expands_per_bouwopgave_questions(content):
    reflection = at_step(content, CHOICE_STEP)
    reflection.ask()
    reflection.choose([])
    reflection.ask()
    reflection.choose(["regie", "verbinding"])
    assert reflection.state["bouwopgaven"] == ["regie", "verbinding"]
    assert reflection.state["zelf_kiezen"] is False
    ids = [s.id for s in reflection.steps()]
    per = [i for i in ids if i.startswith("bouwopgaven.reflectie.")]
    regie = content.bouwopgaven["regie"]
    verbinding = content.bouwopgaven["verbinding"]
    # In the reflection one question per bouwopgave (its thema questions are the bouwopgave flow's).
    assert per == ["bouwopgaven.reflectie.regie.rv3", "bouwopgaven.reflectie.verbinding.rv3"]
    assert reflection.state["step"] == "bouwopgaven.reflectie.regie.rv3"
    question = only(reflection.ask().messages, "question").values["vraag"]
    assert question.startswith(f"Bouwopgave {regie.nummer}, {regie.naam}.")
    assert content.questions["rv3"].vraag in question
    advance_to(reflection, "bouwopgaven.reflectie.verbinding.rv3")
    assert verbinding.naam in only(reflection.ask().messages, "question").values["vraag"]


def test_a_flow_with_thema_vragen_asks_them_after_the_reflectievragen_without_repeating_the_lead(content):
    """An editor may write `thema_vragen: true` (the default) on a per_bouwopgave step."""
    flow = content.flows["bouwopgave"]
    phases = tuple(
        dataclasses.replace(
            phase,
            steps=tuple(
                dataclasses.replace(step, with_themes=True) if step.soort == "per_bouwopgave" else step
                for step in phase.steps
            ),
        )
        for phase in flow.phases
    )
    themed_flow = dataclasses.replace(flow, phases=phases)
    regie = content.bouwopgaven["regie"]
    steps = expand(content, themed_flow, {"bouwopgaven": ["regie"]})
    ids = [s.id for s in steps]
    assert ids[1:4] == [f"bouwopgave.gesprek.regie.{rv}" for rv in ("rv2", "rv3", "rv4")]
    assert ids[4 : 4 + len(regie.thema_vragen)] == [f"bouwopgave.gesprek.regie.{q}" for q in regie.thema_vragen]
    themed = steps[4]
    assert themed.question == content.questions[regie.thema_vragen[0]].in_chat()
    assert regie.naam in steps[1].lead and themed.lead == ""  # named once, before its first question


def test_choose_more_than_max_is_cut(content):
    reflection = at_step(content, CHOICE_STEP)
    reflection.ask()
    reflection.choose(["participatie", "regie", "verbinding", "met_inwoner", "bouwproces"])
    assert reflection.state["bouwopgaven"] == ["participatie", "regie"]


def test_choose_ignores_unknown_ids_and_duplicates(content):
    reflection = at_step(content, CHOICE_STEP)
    reflection.ask()
    reflection.choose(["onbekend", "regie", "regie"])
    assert reflection.state["bouwopgaven"] == ["regie"]
    assert reflection.state["step"] == "bouwopgaven.reflectie.regie.rv3"


def test_skipping_the_choice_asks_no_bouwopgave_questions(content):
    reflection = at_step(content, CHOICE_STEP)
    reflection.ask()
    reflection.skip()
    assert reflection.state["bouwopgaven"] == []
    assert reflection.state["step"] == WAT
    assert not [s for s in reflection.steps() if s.id.startswith("bouwopgaven.reflectie.")]


# --------------------------------------------------------------------------- pause / resume


def test_pause_holds_questions_until_resume(content):
    reflection = at_step(content, SECOND_STEP)
    reflection.ask()
    result = reflection.pause()
    assert kinds(result.messages) == ["pause"]
    assert reflection.waiting == Waiting.PAUSED
    assert reflection.ask().messages == []
    resumed = reflection.resume()
    assert keys(resumed.messages) == ["hervat"]
    assert reflection.state["step"] == SECOND_STEP
    question = only(reflection.ask().messages, "question")
    assert question.values["vraag"] == content.flows[FLOW].phases[0].steps[1].question.vraag


def test_answer_while_paused_is_kept_for_the_open_question(content):
    reflection = at_step(content, SECOND_STEP)
    reflection.ask()
    reflection.pause()
    reflection.answer("De inwoner en de klantmanager")
    assert reflection.state["answers"][SECOND_STEP] == {"answer": "De inwoner en de klantmanager", "skipped": False}
    assert reflection.waiting != Waiting.PAUSED
    assert reflection.state["step"] == "casus.rol"
    assert kinds(reflection.ask().messages) == ["question"]


# --------------------------------------------------------------------------- stop


def test_stop_asks_for_confirmation_and_can_be_declined(content):
    reflection = at_step(content, SECOND_STEP)
    reflection.ask()
    result = reflection.request_stop()
    assert kinds(result.messages) == ["confirm"]
    assert keys(result.messages) == ["stoppen_bevestigen"]
    assert reflection.waiting == Waiting.CONFIRM_STOP
    assert reflection.ask().messages == []
    result = reflection.confirm_stop(False)
    assert keys(result.messages) == ["niet_gestopt"]
    assert not reflection.finished
    assert reflection.state["step"] == SECOND_STEP
    question = only(reflection.ask().messages, "question")
    assert question.values["vraag"] == content.flows[FLOW].phases[0].steps[1].question.vraag


def test_a_confirmed_stop_ends_the_conversation_but_keeps_the_reflection_to_resume(content):
    reflection = at_step(content, SECOND_STEP)
    reflection.ask()
    reflection.request_stop()
    assert keys(reflection.confirm_stop(True).messages) == ["gestopt"]
    assert reflection.state["stopped"] is True
    assert reflection.finished
    assert reflection.phase() == "afronding"
    assert reflection.ask().messages == []
    summary = build_summary(content, reflection.state)
    assert summary["completed"] is False
    assert [a["step"] for a in summary["answers"]] == [FIRST_STEP]
    # nothing is lost: resuming asks the question that was open
    reflection.resume()
    assert not reflection.finished and reflection.state["stopped"] is False
    assert reflection.state["step"] == SECOND_STEP
    assert kinds(reflection.ask().messages) == ["question"]


def test_a_pause_cancels_a_pending_stop(content):
    reflection = at_step(content, SECOND_STEP)
    reflection.request_stop()
    reflection.pause()
    assert reflection.waiting == Waiting.PAUSED
    reflection.resume()
    assert reflection.waiting == Waiting.ANSWER and not reflection.finished


# --------------------------------------------------------------------------- delete


def test_delete_asks_for_confirmation_and_declining_keeps_everything(content):
    reflection = at_step(content, SECOND_STEP)
    reflection.ask()
    result = reflection.request_delete()
    assert keys(result.messages) == ["verwijderen_bevestigen"]
    assert reflection.waiting == Waiting.CONFIRM_DELETE
    assert reflection.ask().messages == []  # no question while the confirmation is open
    result = reflection.confirm_delete(False)
    assert keys(result.messages) == ["niet_verwijderd"]
    assert not reflection.finished
    assert FIRST_STEP in reflection.state["answers"]
    question = only(reflection.ask().messages, "question")
    assert question.values["vraag"] == content.flows[FLOW].phases[0].steps[1].question.vraag


def test_confirmed_delete_ends_with_the_message_the_store_deletes_on(content):
    reflection = at_step(content, SECOND_STEP)
    reflection.ask()
    reflection.request_delete()
    result = reflection.confirm_delete(True)
    assert [(m.key, m.kind) for m in result.messages] == [("verwijderd", DELETED)]
    assert reflection.finished
    assert reflection.ask().messages == []


def test_answering_instead_of_confirming_the_delete_keeps_the_answer(content):
    reflection = at_step(content, SECOND_STEP)
    reflection.ask()
    reflection.request_delete()
    reflection.answer("De klantmanager en ik belden samen met de inwoner.")
    assert reflection.waiting != Waiting.CONFIRM_DELETE
    assert reflection.state["answers"][SECOND_STEP]["answer"] == "De klantmanager en ik belden samen met de inwoner."


def test_declined_stop_during_clarification_asks_the_clarification_again(content):
    reflection = at_step(content, WAT)
    reflection.ask()
    reflection.answer("beter samenwerken")
    assert kinds(reflection.ask().messages) == ["clarify"]
    reflection.request_stop()
    reflection.confirm_stop(False)
    assert reflection.state["step"] == WAT
    # Back where we were: the clarification question, not the wat question again.
    assert kinds(reflection.ask().messages) == ["clarify"]
    reflection.answer(CONCRETE_WAT)
    assert reflection.state["answers"][WAT] == {
        "answer": "beter samenwerken",
        "skipped": False,
        "verduidelijking": CONCRETE_WAT,
    }
    assert reflection.state["step"] == WIE


def test_declined_stop_at_more_question_asks_it_again(content):
    reflection = at_step(content, MERKBAAR)
    reflection.ask()
    reflection.answer(CONCRETE_MERKBAAR)
    assert kinds(reflection.ask().messages) == ["confirm"]
    reflection.request_stop()
    reflection.confirm_stop(False)
    assert reflection.state["step"] == MERKBAAR
    # Back where we were: "Wil je nog een verbeterstap vastleggen?", not the merkbaar question.
    confirm = only(reflection.ask().messages, "confirm")
    assert confirm.key == "meer_verbeterstappen"


# --------------------------------------------------------------------------- distress


def test_a_check_in_after_an_answer_holds_the_next_question_and_a_case_sentence_joins_that_answer(content):
    reflection = at_step(content, SECOND_STEP)
    reflection.ask()
    reflection.answer("De inwoner, de klantmanager en ik; ik zit er helemaal doorheen")
    result = reflection.checkin("zit er helemaal doorheen", after_answer=True)
    assert kinds(result.messages) == ["checkin"]
    assert reflection.ask().messages == []
    assert reflection.waiting == Waiting.CHECKIN
    reflection.add_to_last_answer("Het was gewoon te veel die week")
    record = reflection.state["answers"][SECOND_STEP]
    assert "De inwoner, de klantmanager en ik; ik zit er helemaal doorheen" in record["answer"]
    assert "Het was gewoon te veel die week" in record["answer"]
    assert "casus.rol" not in reflection.state["answers"]
    assert reflection.state["step"] == "casus.rol"
    question = only(reflection.ask().messages, "question")
    assert question.values["vraag"] == content.flows[FLOW].phases[0].steps[2].question.vraag


def test_a_check_in_then_going_on_asks_the_next_question(content):
    reflection = at_step(content, SECOND_STEP)
    reflection.ask()
    reflection.answer("De inwoner en ik; het wordt me te veel")
    reflection.checkin("het wordt me te veel", after_answer=True)
    assert reflection.ask().messages == []
    reflection.resume()
    assert reflection.state["step"] == "casus.rol"
    assert kinds(reflection.ask().messages) == ["question"]


def test_a_check_in_after_the_last_answer_returns_to_the_question_for_another_step(content):
    reflection = at_step(content, MERKBAAR)
    reflection.ask()
    reflection.answer("De klantmanager belt ons eerst, al weet ik niet hoe lang ik dit nog volhoud")
    reflection.checkin("hoe lang ik dit nog volhoud", after_answer=True)
    reflection.add_to_last_answer("Het is gewoon heel veel allemaal")
    assert reflection.state["answers"][WANNEER]["answer"] == numbered_answer(WANNEER)
    assert "Het is gewoon heel veel allemaal" in reflection.state["answers"][MERKBAAR]["answer"]
    assert kinds(reflection.ask().messages) == ["confirm"]


def test_support_pauses_and_the_second_one_is_short(content):
    reflection = at_step(content, SECOND_STEP)
    reflection.ask()
    result = reflection.support()
    assert keys(result.messages) == ["steun"]
    assert reflection.waiting == Waiting.SUPPORT
    assert reflection.ask().messages == []
    reflection.resume()
    assert reflection.state["step"] == SECOND_STEP
    assert kinds(reflection.ask().messages) == ["question"]
    assert keys(reflection.support().messages) == ["steun_kort"]


# --------------------------------------------------------------------------- help


def test_help_explains_the_open_question(content):
    reflection = at_step(content, WIE)
    reflection.ask()
    result = reflection.help()
    message = only(result.messages, "help")
    assert message.key == "uitleg"
    rv6 = content.questions["rv6"]
    assert message.values["uitleg"] == rv6.uitleg
    assert message.values["voorbeeld"] == rv6.voorbeeld
    assert content.documents["praatplaat"].titel in message.values["bron"]
    # help changes nothing
    assert reflection.state["step"] == WIE
    assert kinds(reflection.ask().messages) == ["question"]


def test_help_on_own_question_names_its_basis(content):
    reflection = new_reflection(content)
    reflection.ask()
    message = only(reflection.help().messages, "help")
    question = reflection.current().question
    assert message.values["uitleg"] == question.uitleg
    assert message.values["voorbeeld"] == question.voorbeeld
    document, _, passage = question.bron.bouwt_op.partition(",")
    # the passage it builds on, with the document named by its title
    assert passage.strip() in message.values["bron"]
    assert content.documents[document].titel in message.values["bron"]


def test_help_on_choice_step_lists_the_five_bouwopgaven(content):
    reflection = at_step(content, CHOICE_STEP)
    reflection.ask()
    message = only(reflection.help().messages, "help")
    assert message.values["uitleg"].startswith(reflection.current().question.uitleg)
    for bouwopgave in content.bouwopgaven.values():
        assert f"{bouwopgave.nummer}. {bouwopgave.naam}" in message.values["uitleg"]
    assert message.values["voorbeeld"] == reflection.current().question.voorbeeld
    assert content.documents["praatplaat"].titel in message.values["bron"]
    assert reflection.waiting == Waiting.CHOICE


def test_dont_know_keeps_the_question_open(content):
    reflection = new_reflection(content)
    reflection.ask()
    result = reflection.dont_know()
    assert keys(result.messages) == ["weet_niet"]
    assert reflection.state["step"] == FIRST_STEP
    assert FIRST_STEP not in reflection.state["answers"]


# --------------------------------------------------------------------------- JSON state


def assert_json(state) -> None:
    assert json.loads(json.dumps(state)) == state


def test_state_is_json_serialisable_after_every_operation(content):
    reflection = new_reflection(content)
    assert_json(reflection.state)
    operations = [
        lambda r: r.ask(),
        lambda r: r.help(),
        lambda r: r.dont_know(),
        lambda r: r.back(),
        lambda r: r.answer("De inwoner moest solliciteren en niemand had de regie"),
        lambda r: r.ask(),
        lambda r: r.skip(),
        lambda r: r.pause(),
        lambda r: r.ask(),
        lambda r: r.resume(),
        lambda r: r.request_stop(),
        lambda r: r.confirm_stop(False),
        lambda r: r.back(),
        lambda r: r.answer("Ik zit er helemaal doorheen"),
        lambda r: r.checkin("zit er helemaal doorheen", "skip", after_answer=True),
        lambda r: r.add_to_last_answer("Echt zwaar"),
        lambda r: r.support(),
        lambda r: r.resume(),
    ]
    for operation in operations:
        result = operation(reflection)
        assert_json(reflection.state)
        assert result.state is reflection.state
    advance_to(reflection, CHOICE_STEP)
    for operation in (
        lambda r: r.ask(),
        lambda r: r.choose([]),
        lambda r: r.ask(),
        lambda r: r.help(),
        lambda r: r.choose(["regie", "verbinding"]),
    ):
        operation(reflection)
        assert_json(reflection.state)
    advance_to(reflection, WAT)
    for operation in (
        lambda r: r.ask(),
        lambda r: r.answer("beter samenwerken"),
        lambda r: r.ask(),
        lambda r: r.answer(CONCRETE_WAT),
        lambda r: r.answer(CONCRETE_WIE),
        lambda r: r.answer(CONCRETE_WANNEER),
        lambda r: r.answer(CONCRETE_MERKBAAR),
        lambda r: r.ask(),
        lambda r: r.more(True),
        lambda r: r.answer(CONCRETE_WAT),
        lambda r: r.request_stop(),
        lambda r: r.confirm_stop(True),
    ):
        operation(reflection)
        assert_json(reflection.state)
    summary = build_summary(content, reflection.state)
    assert json.loads(json.dumps(summary)) == summary


def test_reflection_continues_from_a_json_round_trip(content):
    """Like the Rasa slot: a fresh Reflection from the stored state each turn gives the same result."""
    direct = new_reflection(content)
    drive(direct)

    state = json.loads(json.dumps(Reflection.start(content, FLOW)))
    for _ in range(200):
        reflection = Reflection(content, state)
        if reflection.finished:
            break
        step = reflection.current()
        reflection.ask()
        if reflection.waiting == Waiting.MORE:
            reflection.more(False)
        elif reflection.waiting == Waiting.DEEPER:
            reflection.deeper(False)
        elif reflection.waiting == Waiting.CLARIFY and reflection.state.get("vervolg"):
            reflection.skip()  # as drive() does
        elif step.kind == CHOICE:
            state = json.loads(json.dumps(reflection.state))
            reflection = Reflection(content, state)
            reflection.choose(None)
        else:
            reflection.answer(happy_answer(step.id))
        state = json.loads(json.dumps(reflection.state))
    assert Reflection(content, state).finished
    assert build_summary(content, state) == build_summary(content, direct.state)


def test_a_doubted_message_is_kept_only_when_the_user_says_so(content):
    reflection = Reflection(content, Reflection.start(content, "reflectie"))
    reflection.ask()
    reflection.doubt("ik wil dit liever overslaan denk ik", "skip")
    messages = reflection.ask().messages
    assert [(m.key, m.kind) for m in messages] == [("twijfel", "confirm")]
    assert [b["payload"] for b in messages[0].buttons] == ["/affirm", "/skip"]
    assert reflection.current().id == "casus.gebeurtenis"
    reflection.resolve_doubt(keep=True)
    assert reflection.state["answers"]["casus.gebeurtenis"]["answer"] == "ik wil dit liever overslaan denk ik"
    assert reflection.current().id == "casus.betrokkenen"

    reflection.ask()
    reflection.doubt("terug graag", "go_back")
    reflection.resolve_doubt(keep=False)
    assert reflection.current().id == "casus.betrokkenen"
    assert "casus.betrokkenen" not in reflection.state["answers"]
    assert [m.kind for m in reflection.ask().messages] == ["question"]


def test_a_very_long_answer_is_kept_up_to_the_limit_and_the_user_is_told(content):
    from bot.engine import MAX_ANSWER_CHARS

    reflection = Reflection(content, Reflection.start(content, "reflectie"))
    reflection.ask()
    text = "woord " * 4000  # 24,000 characters
    messages = reflection.answer(text).messages
    assert reflection.state["answers"]["casus.gebeurtenis"]["answer"] == text[:MAX_ANSWER_CHARS]
    assert [m.key for m in messages] == ["afgekapt"]
    assert reflection.current().id == "casus.betrokkenen"


def test_dont_know_at_a_clarification_leaves_the_answer_as_it_is_and_goes_on(content):
    """A tester's "weet ik niet" to "kun je die stap concreter maken?" got "niet elke vraag heeft
    meteen een antwoord" and the same question, over and over."""
    reflection = at_step(content, WAT)
    reflection.ask()
    reflection.answer("beter samenwerken")
    assert reflection.waiting == Waiting.CLARIFY
    reflection.dont_know("weet ik niet")
    assert reflection.state["step"] == WIE and reflection.waiting == Waiting.ANSWER
    assert reflection.state["answers"][WAT]["answer"] == "beter samenwerken"


def test_a_text_for_the_next_question_where_none_follows_is_added_not_lost(content):
    """ "Hoort bij de volgende vraag" at the last part of a verbeterstap: "nog een verbeterstap?"
    comes next, which takes no text, so the text is added to the earlier answer."""
    reflection = at_step(content, MERKBAAR)
    reflection.ask()
    reflection.answer("Als de inwoner binnen twee weken een vast aanspreekpunt heeft")
    assert reflection.waiting == Waiting.MORE
    reflection.back()
    assert reflection.state["step"] == MERKBAAR
    reflection.answer("Als er geen maatregel meer komt zonder overleg")
    assert reflection.waiting == Waiting.REPLACE
    result = reflection.skip()  # "Hoort bij de volgende vraag"
    assert keys(result.messages)[0] == "bij_eerder_gezet"
    kept = reflection.state["answers"][MERKBAAR]["answer"]
    assert "vast aanspreekpunt" in kept and "zonder overleg" in kept


@pytest.mark.parametrize(
    "leervraag, asked_again",
    [
        ("hmm, ik denk iets als: hoe kan ik eerder samen met de schuldhulp optrekken?", False),  # a tester
        ("zoiets als hoe kan ik de wmo-consulent eerder betrekken", False),
        ("de wmo-consulent moet eerder betrokken worden", True),  # no open question about oneself
    ],
)
def test_a_leervraag_after_a_lead_in_is_an_open_question(content, leervraag, asked_again):
    """A tester's "hmm, ik denk iets als: hoe kan ik ..." was sent back with "Begin met 'Hoe kan ik'"."""
    steps = [step for phase in content.flows["intervisie"].phases for step in phase.steps]
    clarification = next(step.question.verduidelijking for step in steps if step.id == "intervisie.inbrengvraag")
    assert clarification.needed_for(leervraag) is asked_again


def test_back_to_a_skipped_question_says_it_was_skipped_not_that_an_answer_stays(content):
    """A tester read "Je eerdere antwoord blijft bewaard" going back to a question he had skipped."""
    reflection = new_reflection(content)
    reflection.ask()
    reflection.skip()
    reflection.ask()
    assert keys(reflection.back().messages) == ["terug_overgeslagen"]
    assert reflection.state["step"] == FIRST_STEP


def test_a_phrase_given_back_is_not_cut_inside_af_en_toe_or_heen_en_weer():
    from bot.engine import _phrase_of

    phrase = _phrase_of("Meneer had een dochter die af en toe bijsprong. Verder niemand.")
    assert phrase == "Meneer had een dochter die af en toe bijsprong"
    assert _phrase_of("we belden heen en weer met W&I zonder resultaat. Dat was zonde.") == (
        "we belden heen en weer met W&I zonder resultaat"
    )
