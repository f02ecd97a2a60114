"""The Rasa actions over real trackers and the real domain."""

from __future__ import annotations

import inspect
from typing import Any

import pytest
import yaml
from rasa_sdk import Action
from rasa_sdk.executor import CollectingDispatcher

import actions.conversation as conversation
import actions.deletion as deletion
import actions.form as form
import actions.interruptions as interruptions
from bot.content import get_content
from bot.engine import DELETED, Reflection
from bot.interpret import REQUEST_INTENTS
from tests.conftest import KINDS, PHASES, ROOT, make_tracker, reflectie_meta, user_message

ACTION_MODULES = (conversation, deletion, form, interruptions)


def concrete_actions() -> list[Action]:
    found = {}
    for module in ACTION_MODULES:
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, Action) and not inspect.isabstract(cls) and cls.__module__ == module.__name__:
                found[cls().name()] = cls()
    return list(found.values())


def slot_events(events: list[dict[str, Any]]) -> dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def assert_contract(messages: list[dict[str, Any]]) -> None:
    assert messages, "every bot turn must say something"
    for message in messages:
        meta = reflectie_meta(message)
        assert meta["phase"] in PHASES
        assert meta["kind"] in KINDS
        assert isinstance(meta["step"], str) and meta["step"]
        assert set(meta["progress"]) == {"done", "total"}


def started_state() -> dict[str, Any]:
    return Reflection.start(get_content(), "reflectie")


async def run(action: Action, tracker, domain) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, tracker, domain)
    return dispatcher.messages, events


# ----------------------------------------------------------------- domain and data agree


def test_every_domain_action_is_implemented_and_every_action_is_in_the_domain(domain):
    implemented = {action.name() for action in concrete_actions()}
    declared = set(domain["actions"]) - {"reflectie_form"}
    assert implemented == declared


def test_every_request_intent_is_in_the_domain_and_has_a_rule_while_a_question_is_open(domain):
    rules = []
    for path in (ROOT / "data" / "rules").glob("*.yml"):
        rules += yaml.safe_load(path.read_text())["rules"]
    handled_in_form = set()
    for rule in rules:
        condition = rule.get("condition") or []
        if {"active_loop": "reflectie_form"} in condition:
            handled_in_form |= {step["intent"] for step in rule["steps"] if "intent" in step}
    domain_intents = {next(iter(i)) if isinstance(i, dict) else i for i in domain["intents"]}
    assert domain_intents >= REQUEST_INTENTS
    assert handled_in_form == REQUEST_INTENTS


def test_buttons_in_content_use_intents_that_exist(domain):
    intents = {next(iter(i)) if isinstance(i, dict) else i for i in domain["intents"]}
    for bericht in get_content().berichten.values():
        for button in bericht.knoppen:
            assert button.payload.lstrip("/").split("{")[0] in intents, button


# ----------------------------------------------------------------- welcome and start


async def test_welcome_offers_the_flows_and_warns_about_client_data(domain):
    messages, events = await run(conversation.ActionWelkom(), make_tracker(), domain)
    assert_contract(messages)
    assert "typ geen namen, BSN" in messages[0]["text"]
    assert {"title": "Reflecteren op een lastige casus", "payload": '/start_flow{"flow": "reflectie"}'} in messages[0][
        "buttons"
    ]
    assert slot_events(events)["welkom_getoond"] is True


async def test_the_privacy_note_says_how_long_a_conversation_is_kept(domain, monkeypatch):
    monkeypatch.setenv("RETENTION_DAYS", "14")
    tracker = make_tracker(
        message=user_message("/start_flow", "start_flow", entities=[{"entity": "flow", "value": "reflectie"}])
    )
    messages, _ = await run(conversation.ActionStartFlow(), tracker, domain)
    assert "Na 14 dagen zonder gebruik wordt het gewist" in messages[0]["text"]


async def test_starting_in_own_words_shows_the_privacy_note_and_starts_the_flow(domain):
    tracker = make_tracker(message=user_message("Ik wil reflecteren op een lastige casus", "start_flow"))
    messages, events = await run(conversation.ActionStartFlow(), tracker, domain)
    assert_contract(messages)
    assert [reflectie_meta(m)["kind"] for m in messages] == ["privacy", "info"]
    assert "verwijder mijn gesprek" in messages[0]["text"]
    state = slot_events(events)["reflectie"]
    assert state["flow"] == "reflectie" and state["step"] == "casus.gebeurtenis"


async def test_a_story_told_at_the_welcome_is_kept_as_the_first_answer(domain):
    text = "Vandaag had ik een inwoner met schulden die van W&I moest solliciteren."
    tracker = make_tracker(message=user_message(text, "answer"))
    messages, events = await run(conversation.ActionStartFlow(), tracker, domain)
    assert_contract(messages)
    state = slot_events(events)["reflectie"]
    assert state["answers"]["casus.gebeurtenis"] == {"answer": text, "skipped": False}
    assert state["step"] == "casus.betrokkenen"
    assert "Wat is er gebeurd?" in messages[-1]["text"]


# ----------------------------------------------------------------- the form


async def test_asking_shows_the_current_question_with_its_controls(domain):
    tracker = make_tracker(slots={"reflectie": started_state()})
    messages, events = await run(form.ActionAskAntwoord(), tracker, domain)
    assert_contract(messages)
    last = messages[-1]
    assert reflectie_meta(last) | {"progress": None} == {
        "phase": "casus",
        "step": "casus.gebeurtenis",
        "kind": "question",
        "progress": None,
    }
    assert last["text"] == "Wat is er gebeurd? Vertel in een paar zinnen over de casus."
    assert {b["payload"] for b in last["buttons"]} >= {"/help", "/skip", "/pause", "/quit"}
    assert slot_events(events)["reflectie"]["awaiting"] == "casus.gebeurtenis"


def asked_state() -> dict[str, Any]:
    reflection = Reflection(get_content(), started_state())
    reflection.ask()
    return reflection.state


async def test_an_answer_with_command_words_is_kept_verbatim(domain):
    text = "De klant wilde stoppen met het traject en we gingen terug naar W&I voor uitleg over de regels."
    tracker = make_tracker(
        slots={"reflectie": asked_state()},
        message=user_message(text, "quit", 0.7),
        after_message=["reflectie_form"],
        active_loop="reflectie_form",
    )
    messages, events = await run(form.ValidateReflectieForm(), tracker, domain)
    slots = slot_events(events)
    assert slots["reflectie"]["answers"]["casus.gebeurtenis"] == {"answer": text, "skipped": False}
    assert slots["reflectie"]["step"] == "casus.betrokkenen"
    assert slots["antwoord"] is None  # asked again by the form


@pytest.mark.parametrize(
    "text,intent",
    [("wat bedoel je?", "help"), ("sla maar over", "skip"), ("stoppen", "quit"), ("ik trek het niet meer", "answer")],
)
async def test_a_request_is_left_to_the_rules(domain, text, intent):
    tracker = make_tracker(
        slots={"reflectie": asked_state()},
        message=user_message(text, intent),
        after_message=["reflectie_form"],
        active_loop="reflectie_form",
    )
    messages, events = await run(form.ValidateReflectieForm(), tracker, domain)
    assert "reflectie" not in slot_events(events)  # nothing taken: the form is rejected
    assert messages == []


async def test_returning_to_the_form_after_an_interruption_does_not_take_the_request_as_answer(domain):
    tracker = make_tracker(
        slots={"reflectie": asked_state()},
        message=user_message("wat bedoel je", "help"),
        after_message=["action_help", "reflectie_form"],
        active_loop="reflectie_form",
    )
    _, events = await run(form.ValidateReflectieForm(), tracker, domain)
    assert "reflectie" not in slot_events(events)


# ----------------------------------------------------------------- interruptions


async def test_help_explains_with_source_and_keeps_the_step(domain):
    tracker = make_tracker(
        slots={"reflectie": asked_state()},
        message=user_message("uitleg", "help"),
        after_message=[],
        active_loop="reflectie_form",
    )
    messages, events = await run(interruptions.ActionHelp(), tracker, domain)
    assert_contract(messages)
    meta = reflectie_meta(messages[0])
    assert (meta["kind"], meta["step"]) == ("help", "casus.gebeurtenis")
    assert "Bijvoorbeeld:" in messages[0]["text"]
    assert "Lokaal & Integraal Werken aan Participatie" in messages[0]["text"]  # the source document's title
    assert slot_events(events)["reflectie"]["step"] == "casus.gebeurtenis"


async def test_skip_moves_on_and_marks_the_step_skipped(domain):
    tracker = make_tracker(slots={"reflectie": asked_state()}, message=user_message("overslaan", "skip"))
    _, events = await run(interruptions.ActionSkip(), tracker, domain)
    state = slot_events(events)["reflectie"]
    assert state["answers"]["casus.gebeurtenis"] == {"answer": "", "skipped": True}
    assert state["step"] == "casus.betrokkenen"


async def test_distress_gets_care_and_concrete_support(domain):
    tracker = make_tracker(
        slots={"reflectie": asked_state()}, message=user_message("ik trek het niet meer", "distress")
    )
    messages, events = await run(interruptions.ActionSupport(), tracker, domain)
    assert_contract(messages)
    assert reflectie_meta(messages[0])["kind"] == "support"
    text = messages[0]["text"]
    for support in ("collega", "leidinggevende", "vertrouwenspersoon", "bedrijfsarts", "huisarts", "0800-0113"):
        assert support in text
    assert {b["payload"] for b in messages[0]["buttons"]} == {"/pause", "/resume"}
    assert slot_events(events)["reflectie"]["step"] == "casus.gebeurtenis"


async def test_requests_without_a_reflection_still_answer(domain):
    for action in (interruptions.ActionHelp(), interruptions.ActionSkip(), interruptions.ActionStopRequest()):
        messages, events = await run(action, make_tracker(), domain)
        assert_contract(messages)
        assert events == []


# ----------------------------------------------------------------- afronding


async def test_afronding_sends_the_summary_in_chat_and_as_data(domain):
    reflection = Reflection(get_content(), started_state())
    reflection.ask()
    reflection.answer("Een lastige casus rond schulden en werk.")
    reflection.state["finished"] = True
    messages, _ = await run(conversation.ActionAfronding(), make_tracker(slots={"reflectie": reflection.state}), domain)
    assert_contract(messages)
    meta = reflectie_meta(messages[-1])
    assert meta["kind"] == "summary" and meta["phase"] == "afronding"
    summary = meta["summary"]
    assert summary["answers"][0]["answer"] == "Een lastige casus rond schulden en werk."
    assert "Een lastige casus rond schulden en werk." in messages[-1]["text"]
    assert summary["markdown"].startswith("# ")


async def test_the_summary_offers_to_delete_the_conversation(domain):
    reflection = Reflection(get_content(), started_state())
    reflection.state["finished"] = True
    messages, _ = await run(conversation.ActionAfronding(), make_tracker(slots={"reflectie": reflection.state}), domain)
    assert "/delete_conversation" in [b["payload"] for b in messages[-1]["buttons"]]


# ----------------------------------------------------------------- verwijderen


async def test_delete_during_a_question_is_confirmed_through_the_form(domain):
    tracker = make_tracker(
        slots={"reflectie": asked_state()},
        message=user_message("verwijder mijn gesprek", "delete_conversation"),
        active_loop="reflectie_form",
    )
    messages, events = await run(deletion.ActionDeleteRequest(), tracker, domain)
    assert_contract(messages)
    assert reflectie_meta(messages[0])["kind"] == "confirm"
    state = slot_events(events)["reflectie"]
    assert Reflection(get_content(), state).mode() == "confirm_delete"

    # "ja" goes to the form, which ends the reflection with the message the store deletes on.
    tracker = make_tracker(
        slots={"reflectie": state}, message=user_message("ja", "affirm"), active_loop="reflectie_form"
    )
    validator = form.ValidateReflectieForm()
    value = (await validator.extract_antwoord(CollectingDispatcher(), tracker, domain))["antwoord"]
    dispatcher = CollectingDispatcher()
    result = await validator.validate_antwoord(value, dispatcher, tracker, domain)
    assert [reflectie_meta(m)["kind"] for m in dispatcher.messages] == [DELETED]
    assert Reflection(get_content(), result["reflectie"]).finished
    messages, _ = await run(conversation.ActionAfronding(), make_tracker(slots=result), domain)
    assert messages == []  # no summary after a deletion


async def test_delete_outside_a_question_asks_and_then_deletes(domain):
    messages, events = await run(deletion.ActionDeleteRequest(), make_tracker(), domain)
    assert_contract(messages)
    assert [b["payload"] for b in messages[0]["buttons"]] == ["/affirm", "/deny"]
    assert events == []
    messages, events = await run(deletion.ActionDeleteConversation(), make_tracker(), domain)
    assert [reflectie_meta(m)["kind"] for m in messages] == [DELETED]
    assert slot_events(events) == {"reflectie": None}


async def test_declined_delete_offers_to_go_on(domain):
    tracker = make_tracker(slots={"reflectie": asked_state()})
    messages, _ = await run(deletion.ActionDeleteCancelled(), tracker, domain)
    assert_contract(messages)
    assert [b["payload"] for b in messages[0]["buttons"]] == ["/resume"]
    messages, _ = await run(deletion.ActionDeleteCancelled(), make_tracker(), domain)
    assert all(b["payload"].startswith("/start_flow") for b in messages[0]["buttons"])


async def test_session_start_keeps_an_open_reflection_and_offers_to_resume(domain):
    tracker = make_tracker(slots={"reflectie": asked_state(), "welkom_getoond": True})
    messages, events = await run(conversation.ActionSessionStart(), tracker, domain)
    assert_contract(messages)
    assert any(b["payload"] == "/resume" for b in messages[0]["buttons"])
    assert events[0]["event"] == "session_started"
    assert (events[-1]["event"], events[-1]["name"]) == ("action", "action_listen")
    assert slot_events(events)["reflectie"]["step"] == "casus.gebeurtenis"


async def test_repeated_unclear_choices_are_answered_each_time_and_a_clear_one_still_works(domain):
    reflection = Reflection(get_content(), started_state())
    while reflection.current().id != "bouwopgaven.keuze":
        reflection.ask()
        reflection.answer("Niemand had de regie en de klant moest solliciteren.")
    reflection.ask()
    state = reflection.state
    for text in ("geen idee welke", "misschien iets met mensen"):
        tracker = make_tracker(
            slots={"reflectie": state},
            message=user_message(text, "answer"),
            after_message=["reflectie_form"],
            active_loop="reflectie_form",
        )
        messages, events = await run(form.ValidateReflectieForm(), tracker, domain)
        assert [reflectie_meta(m)["kind"] for m in messages] == ["fallback"]
        assert "bouwopgave" in messages[0]["text"]
        state = slot_events(events)["reflectie"]
        assert state["step"] == "bouwopgaven.keuze"
    tracker = make_tracker(
        slots={"reflectie": state},
        message=user_message("2 en 4", "choose_bouwopgave"),
        after_message=["reflectie_form"],
        active_loop="reflectie_form",
    )
    _, events = await run(form.ValidateReflectieForm(), tracker, domain)
    assert slot_events(events)["reflectie"]["bouwopgaven"] == ["met_inwoner", "regie"]


async def test_a_doubtful_message_is_asked_about_and_the_request_button_carries_it_out(domain):
    text = "ik denk dat ik deze vraag eigenlijk liever zou willen overslaan als dat mag"
    tracker = make_tracker(
        slots={"reflectie": asked_state()},
        message=user_message(text, "skip", 0.9),
        after_message=["reflectie_form"],
        active_loop="reflectie_form",
    )
    _, events = await run(form.ValidateReflectieForm(), tracker, domain)
    state = slot_events(events)["reflectie"]
    assert state["twijfel"] == {"text": text, "intent": "skip"}

    messages, events = await run(form.ActionAskAntwoord(), make_tracker(slots={"reflectie": state}), domain)
    assert reflectie_meta(messages[-1])["kind"] == "confirm"
    assert "Wil je dit als antwoord bewaren" in messages[-1]["text"]

    tracker = make_tracker(slots={"reflectie": state}, message=user_message("/skip", "skip", 1.0))
    _, events = await run(interruptions.ActionSkip(), tracker, domain)
    state = slot_events(events)["reflectie"]
    assert state["twijfel"] is None
    assert state["answers"]["casus.gebeurtenis"] == {"answer": "", "skipped": True}


@pytest.mark.parametrize("intent", ["resume", "greet", "out_of_scope", "nlu_fallback"])
async def test_naming_a_flow_starts_it_whatever_the_nlu_made_of_it(domain, intent):
    action = {
        "resume": conversation.ActionResumeReflection(),
        "greet": conversation.ActionWelkom(),
        "out_of_scope": interruptions.ActionSmallTalk(),
        "nlu_fallback": conversation.ActionFallback(),
    }[intent]
    tracker = make_tracker(message=user_message("Ik wil een intervisie voorbereiden", intent, 0.6))
    messages, events = await run(action, tracker, domain)
    assert messages == []
    assert events == [{"event": "followup", "timestamp": None, "name": "action_start_flow"}]


async def test_a_bug_in_an_action_gives_a_kind_message_not_silence(domain, monkeypatch):
    def broken(self):
        raise RuntimeError("bug")

    monkeypatch.setattr(Reflection, "help", broken)
    tracker = make_tracker(slots={"reflectie": asked_state()}, message=user_message("uitleg", "help"))
    messages, events = await run(interruptions.ActionHelp(), tracker, domain)
    assert_contract(messages)
    assert events == []  # the conversation stays where it was
    assert reflectie_meta(messages[0])["kind"] == "fallback"
    assert reflectie_meta(messages[0])["step"] == "casus.gebeurtenis"
    assert "iets mis" in messages[0]["text"]


async def test_a_bug_in_the_form_validation_is_not_silent_either(domain, monkeypatch):
    monkeypatch.setattr(form, "apply", lambda *args: 1 / 0)
    tracker = make_tracker(
        slots={"reflectie": asked_state()},
        message=user_message("Een antwoord over de casus", "answer"),
        after_message=["reflectie_form"],
        active_loop="reflectie_form",
    )
    messages, events = await run(form.ValidateReflectieForm(), tracker, domain)
    assert [reflectie_meta(m)["kind"] for m in messages] == ["fallback"] and events == []
