"""Proof over sequences: random conversations through the real judgement and engine.

A hypothesis state machine sends answers, requests, yes and no, identifiers, pauses,
questions to the bot, strain and danger in any order, each with whatever intent the NLU
might have given, and checks after every turn what a user must be able to rely on:

- every kept answer stays kept (and is in the summary) unless the user deleted the
  conversation or started another flow;
- a stop or a deletion happens only as the answer to the question just asked about it;
- a harmless answer is never followed by a support message or a check-in;
- explicit danger always gets 113 and 112;
- the conversation never ends unless the user asked: every turn says something.
"""

from __future__ import annotations

import yaml
from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from bot.requests import REQUESTS
from bot.turn import CHECKIN_AFTER
from tests.conftest import ROOT
from tests.talk import Talk

DEVELOPMENT = yaml.safe_load((ROOT / "data" / "signalen" / "signalen_ontwikkel.yml").read_text(encoding="utf-8"))
HARMLESS = sorted(DEVELOPMENT["onschuldig"])
DANGER = sorted(DEVELOPMENT["gevaar"])
STRAIN = sorted(DEVELOPMENT["spanning"])
NOT_DISTRESS = [i for i in (*REQUESTS, "answer", "affirm", "deny", "choose_bouwopgave", None) if i != "distress"]
PLACEHOLDERS = ["[telefoonnummer]", "[e-mailadres]", "[BSN]", "[geboortedatum]", "[adres] [rekeningnummer]"]

confidences = st.floats(0.0, 1.0)


class Conversation(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.talk = Talk()
        self.talk.start()
        self.kept: dict[str, str] = {}  # step -> answer, as kept so far
        self.last_question_key = self.talk.last.messages[-1].key

    # ------------------------------------------------------------------ what the user does

    def send(self, text: str, intent: str | None, confidence: float) -> None:
        before = dict(self.talk.answers())
        previous_key = self.last_question_key
        turn = self.talk.say(text, intent, confidence)
        assert turn.messages, f"silence after {text!r}"
        keys = [m.key for m in turn.messages]
        if "verwijderd" in keys:
            assert previous_key in ("verwijderen_bevestigen", "verwijderen_expliciet"), (text, previous_key)
        elif "gestopt" in keys:
            assert previous_key == "stoppen_bevestigen", (text, previous_key)
        if "start_flow" in keys or "verwijderd" in keys:
            self.kept = {}  # deleted, or another flow asked for: a new reflection
        else:
            for step, answer in before.items():
                if answer:
                    now = self.talk.answers().get(step)
                    assert now, f"the answer to {step} was lost after {text!r}"
        self.kept = {step: answer for step, answer in self.talk.answers().items() if answer}
        self.last_question_key = turn.messages[-1].key

    @rule(text=st.sampled_from(HARMLESS), intent=st.sampled_from(NOT_DISTRESS), confidence=confidences)
    def harmless(self, text, intent, confidence):
        state = self.talk.state or {}
        # (a check-in asked after a reflection ended or stopped is kept apart from its waiting)
        asked_how_it_goes = state.get("waiting") in ("checkin", "support") or bool(state.get(CHECKIN_AFTER))
        self.send(text, intent, confidence)
        if not asked_how_it_goes:  # "niet echt" to "hoe is het nu met je?" is no harmless answer
            assert not {"support", "checkin"} & set(self.talk.last.kinds), text

    @rule(text=st.sampled_from(DANGER), intent=st.sampled_from([*NOT_DISTRESS, "distress"]), confidence=confidences)
    def danger(self, text, intent, confidence):
        self.send(text, intent, confidence)
        said = "\n".join(m.text for m in self.talk.last.messages)
        assert "113" in said and "112" in said, text

    @rule(text=st.sampled_from(STRAIN), intent=st.sampled_from([*NOT_DISTRESS, "distress"]), confidence=confidences)
    def strain(self, text, intent, confidence):
        self.send(text, intent, confidence)  # how many are recognised: tests/nlu/test_signalen.py

    @rule(intent=st.sampled_from([*REQUESTS, "affirm", "deny", "choose_bouwopgave"]))
    def button(self, intent):
        self.send(f"/{intent}", intent, 1.0)

    @rule(
        text=st.sampled_from(["ja", "ok", "oké", "prima", "goed", "ja hoor"]),
        intent=st.sampled_from(["affirm", "answer", "quit", "delete_conversation", None]),
        confidence=confidences,
    )
    def yes(self, text, intent, confidence):
        self.send(text, intent, confidence)

    @rule(text=st.sampled_from(["nee", "niet echt", "nee hoor", "liever niet"]), confidence=confidences)
    def no(self, text, confidence):
        self.send(text, "deny", confidence)

    @rule(text=st.sampled_from(PLACEHOLDERS), intent=st.sampled_from(NOT_DISTRESS), confidence=confidences)
    def identifier_only(self, text, intent, confidence):
        self.send(text, intent, confidence)
        assert "verwijderd" not in self.talk.last.kinds

    @rule(
        text=st.sampled_from(["stop maar even", "even pauze", "pauze", "ik moet even weg", "even stoppen"]),
        intent=st.sampled_from(["pause", "quit", "goodbye", "answer"]),
        confidence=confidences,
    )
    def pause(self, text, intent, confidence):
        self.send(text, intent, confidence)
        assert "gestopt" not in [m.key for m in self.talk.last.messages]

    @rule(
        text=st.sampled_from(["verder", "ik wilde verder", "ga maar door", "huh? ik wilde verder"]),
        intent=st.sampled_from(["resume", "answer", "affirm"]),
    )
    def resume(self, text, intent):
        self.send(text, intent, 0.8)

    @rule(
        text=st.sampled_from(HARMLESS),
        then=st.sampled_from(
            [
                ("klopt nog", "affirm"),
                ("/skip", "skip"),  # "Hoort bij de volgende vraag"
                ("/deny", "deny"),  # "Zet het erbij"
                ("/affirm", "affirm"),  # "Vervang het"
                ("oh dat was voor de volgende vraag", "answer"),
                ("hmm", None),
                ("/pause", "pause"),
            ]
        ),
    )
    def going_back_and_typing(self, text, then):
        """Back at an answered question, a new text and then any reply to "vervangen, erbij zetten, of
        de volgende vraag?": the text is kept somewhere unless the user let it go ("klopt nog")."""
        self.send("/go_back", "go_back", 1.0)
        self.send(text, "answer", 0.8)
        event(f"after going back: {self.talk.waiting}")
        if self.talk.waiting != "replace":
            return
        reply, intent = then
        self.send(reply, intent, 1.0 if reply.startswith("/") else 0.6)
        if reply != "klopt nog" and self.talk.waiting != "replace":
            pending = (self.talk.state or {}).get("vervanging") or {}
            assert any(text in answer for answer in self.talk.answers().values()) or text in pending.get("text", ""), (
                text,
                reply,
            )

    @rule(number=st.integers(0, 9))
    def number_alone(self, number):
        self.send(str(number), "answer", 0.5)

    @rule(
        text=st.sampled_from(
            ["hoeveel vragen komen er nog?", "wat bedoel je precies, voor mij of voor de inwoner?", "moet ik dit?"]
        ),
        intent=st.sampled_from(["help", "answer", "progress", None]),
    )
    def question_to_the_bot(self, text, intent):
        before = dict(self.talk.answers())
        self.send(text, intent, 0.6)
        if self.talk.state and self.talk.state.get("flow"):
            assert text not in self.talk.answers().values() or before.get(self.talk.step) == text

    @rule(text=st.sampled_from(["stoppen", "ik wil stoppen", "verwijder mijn gesprek", "nieuw gesprek"]))
    def end_requests(self, text):
        intent = "delete_conversation" if "verwijder" in text else "new_conversation" if "nieuw" in text else "quit"
        self.send(text, intent, 0.9)

    # ------------------------------------------------------------------ always

    @invariant()
    def summary_holds_every_kept_answer(self):
        if self.talk.turns and "summary" in self.talk.last.kinds:
            summary = self.talk.last.messages[-1].custom["reflectie"]["summary"]
            shown = "\n".join(a["answer"] for a in summary["answers"]) + str(summary["verbeterstappen"])
            for answer in self.kept.values():
                assert answer in shown


Conversation.TestCase.settings = settings(
    max_examples=300, stateful_step_count=30, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
TestConversation = Conversation.TestCase
