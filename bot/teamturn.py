"""The team session in a turn (issue 18): what a facilitator and a member say and get.

A mixin of ``bot.turn._Turn``: the turn judges the message once and handles danger and
strain first, as always; what is left comes here when it concerns a team session.

- The facilitator finishes the flow with ``teamsessie: true`` (the focus): the bot makes a
  code, and from then on shows what was shared ("Bekijk wat er gedeeld is") and closes the
  session on request, after a confirmation.
- A member types the code (or opens the link that sends it): the bot checks it (wrong codes
  are limited), and the member prepares with the ``teamvoorbereiding`` steps of the intervisie
  flow. After their own intervisieblad the bot shows each item as the facilitator would see
  it and asks whether to share it; nothing is shared without a yes. Then signed or not, and
  the share can be withdrawn at any time.

Where it lives in the state: ``team`` is this flow's role ({"rol": "lid", ...}: only the
preparation's steps are asked); ``teamsessies`` outlasts a flow: the session one leads
(``begeleid``), one's share (``gedeeld``), and a question the bot waits for (``vraag``).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from bot.contract import flow_buttons
from bot.dates import MONTHS
from bot.engine import Message, Reflection
from bot.interpret import REQUEST_MAX_WORDS, Judgement, match_flow, only_no
from bot.requests import REQUESTS, TEAM_REQUESTS
from bot.team import (
    SIGNATURE_MAX_CHARS,
    code_in,
    new_code,
    new_session_id,
    new_token,
    overview,
    shareable,
)

CODE_DRAWS = 5  # attempts at a free code before a session cannot be made
# Requests that end the choice what to share (nothing is shared then).
LEAVING = frozenset({"delete_conversation", "new_conversation", "start_flow", "quit"})
_MONTH_NAMES = {number: name for name, number in MONTHS.items() if len(name) > 4 or name == "mei"}


def _mid_sentence(label: str) -> str:
    """ "Je casus" as it reads in a list in the middle of a sentence: "je casus"."""
    return label[:1].lower() + label[1:]


def day_as_words(moment: float) -> str:
    """ "19 december": the day a code stops working, as a user reads it."""
    day = datetime.fromtimestamp(moment)
    return f"{day.day} {_MONTH_NAMES[day.month]}"


class TeamTurn:
    """The team parts of a turn; ``bot.turn._Turn`` holds the plumbing used here."""

    # -- where team data lives

    @property
    def sessions(self) -> dict[str, Any]:
        source = self.reflection.state if self.reflection is not None else self.lobby
        return source.setdefault("teamsessies", {})

    def _team_message(self, key: str, values: dict[str, Any] | None = None, **kwargs: Any) -> Message:
        return Message(key, "team", values or {}, **kwargs)

    def _say_team(self, message: Message) -> None:
        self.say(message, bare=self.active is None and self.reflection is None)

    # -- the hooks bot/turn.py calls

    def team_interrupted(self) -> None:
        """Danger or strain came in between: a yes after it must not answer a team question
        asked before it (it is asked again)."""
        pending = self.sessions.get("vraag")
        if pending:
            pending["open"] = False

    def team_turn(self, judgement: Judgement) -> bool:
        """Handle the message if it concerns a team session; False leaves it to the turn."""
        sessions = self.sessions
        pending = sessions.get("vraag")
        if pending:
            return self._answer_team_question(judgement, pending)
        # A code first, whatever the NLU made of the words around it ("mijn code is ...").
        code = code_in(self.text) if not self.parsed.is_payload else None
        if code and self.parsed.words <= REQUEST_MAX_WORDS + 4:
            self._join(code)
            return True
        intent = judgement.intent if judgement.kind == "request" else None
        if (
            intent in TEAM_REQUESTS
            and not self.parsed.is_payload
            and match_flow(self.content.flows.values(), self.text)
        ):
            return False  # "ik wil een teamsessie voorbereiden": a message that names a flow starts it
        if intent in TEAM_REQUESTS:
            if self.team is None:
                self._say_team(self._team_message("team_niet_beschikbaar"))
                return True
            {"team_overview": self._show_overview, "team_close": self._ask_close, "team_withdraw": self._withdraw}[
                intent
            ]()
            return True
        return False

    def team_code_in_a_reflection(self, judgement: Judgement) -> None:
        """After a message in the middle of a reflection that is the code of a live session
        (handled like any other message: kept as an answer, or not understood): say how to join."""
        code = code_in(self.text) if not self.parsed.is_payload and self.parsed.words <= 3 else None
        if code and self.team is not None and self.team.store.by_code(code, self.team.now) is not None:
            kept = judgement.kind == "answer"
            self.say(self._team_message("team_code_tijdens_reflectie" if kept else "team_code_na_reflectie"))

    def team_finished(self) -> bool:
        """The flow just finished: a facilitator gets the code, a member the choice what to
        share (after their own intervisieblad). False: not a team flow."""
        reflection = self.reflection
        if reflection.flow.teamsessie:
            self._create()
            return True
        role = reflection.state.get("team") or {}
        if role.get("rol") == "lid":
            self.summary()
            self._start_sharing(role)
            return True
        return False

    def team_forget(self) -> None:
        """The conversation is deleted: its session closes and its share is withdrawn."""
        if self.team is None:
            return
        led = self.sessions.get("begeleid")
        if led:
            self.team.store.close(led["sessie"], led["token"])
        shared = self.sessions.get("gedeeld")
        if shared:
            self.team.store.withdraw(shared["sessie"], shared["token"])

    # -- facilitator

    def _create(self) -> None:
        state = self.reflection.state
        if self.team is None:
            self.say(self._team_message("team_niet_beschikbaar", buttons=flow_buttons(self.content)))
            return
        chosen = state.get("bouwopgaven") or []
        focus = chosen[0] if chosen else ""
        expires = self.team.now + timedelta(days=self.team.days).total_seconds()
        for _ in range(CODE_DRAWS):  # two codes alike are about 1 in 10^12; draw again rather than fail
            session, code, token = new_session_id(), new_code(), new_token()
            if self.team.store.create(session, code, token, focus, self.team.now, expires):
                break
        else:
            raise RuntimeError(f"no free team code in {CODE_DRAWS} draws")
        self.sessions["begeleid"] = {"sessie": session, "token": token, "code": code, "focus": focus}
        values = {"code": code, "datum": day_as_words(expires), "focus": self._focus_words(focus)}
        message = self._team_message("team_gemaakt", values, buttons=self._facilitator_buttons())
        message.summary = {"rol": "begeleider", "code": code, "verloopt": int(expires)}
        self.say(message)

    def _focus_words(self, focus: str) -> str:
        if not focus:
            return self.content.text("team_focus_open")
        bouwopgave = self.content.bouwopgaven[focus]
        return self.content.text("team_focus", nummer=bouwopgave.nummer, naam=bouwopgave.naam)

    def _facilitator_buttons(self) -> list[dict[str, str]]:
        return [
            {"title": self.content.text(REQUESTS[i].title), "payload": REQUESTS[i].payload}
            for i in ("team_overview", "team_close")
        ]

    def remind_facilitator(self) -> bool:
        """Help, back or skip after the session was made: what the facilitator can do now. False
        when this conversation leads no live session."""
        led = self.sessions.get("begeleid") if self.team is not None else None
        if not led or self.team.store.get(led["sessie"], self.team.now) is None:
            return False
        values = {"code": led["code"], "focus": self._focus_words(led["focus"])}
        message = self._team_message("team_begeleider_verder", values, buttons=self._facilitator_buttons())
        message.summary = {"rol": "begeleider", "code": led["code"]}
        self._say_team(message)
        return True

    def _led(self) -> dict[str, Any] | None:
        """The session this conversation leads, while it lives."""
        led = self.sessions.get("begeleid")
        if led and self.team.store.get(led["sessie"], self.team.now) is None:
            self.sessions["begeleid"] = None
            self._say_team(self._team_message("team_sessie_weg", buttons=flow_buttons(self.content)))
            return None
        if not led:
            self._say_team(self._team_message("team_geen_sessie", buttons=flow_buttons(self.content)))
        return led

    def _show_overview(self) -> None:
        led = self._led()
        if not led:
            return
        shares = self.team.store.overview(led["sessie"], led["token"], self.team.now) or []
        if not shares:
            values = {"code": led["code"], "focus": self._focus_words(led["focus"])}
            message = self._team_message("team_nog_niets", values, buttons=self._facilitator_buttons())
            message.summary = {"rol": "begeleider", "code": led["code"], "overzicht": None}
            self._say_team(message)
            return
        seen = overview(self.content, [{"items": s.items, "signature": s.signature} for s in shares], led["focus"])
        seen["tekst"] = self._overview_text(seen)
        seen["focus_tekst"] = self._focus_words(seen["focus"])
        message = self._team_message(
            "team_overzicht", {"overzicht": seen["tekst"]}, buttons=self._facilitator_buttons()
        )
        message.summary = {"rol": "begeleider", "code": led["code"], "overzicht": seen}
        self._say_team(message)

    def _overview_text(self, seen: dict[str, Any]) -> str:
        text = self.content.text
        lines = [text("team_overzicht_kop", aantal=seen["deelnemers"], focus=self._focus_words(seen["focus"]))]
        if seen["bouwopgaven"]:
            lines.append(text("team_overzicht_bouwopgaven"))
            lines += [f"- {b['nummer']}. {b['naam']}: {b['aantal']}×" for b in seen["bouwopgaven"]]
        if seen["leervragen"]:
            lines.append(text("team_overzicht_leervragen"))
            lines += [f"- {q['tekst']}" + (f" ({q['door']})" if q["door"] else "") for q in seen["leervragen"]]
        if seen["agenda"]:
            lines.append(text("team_overzicht_agenda", aantal=len(seen["agenda"])))
            for number, case in enumerate(seen["agenda"], 1):
                who = f" ({case['door']})" if case["door"] else ""
                parts = [p for p in (case["keuzemoment"] or case["casus"], case["leervraag"]) if p]
                lines.append(f"{number}. " + " — ".join(parts) + who)
        return "\n".join(lines)

    def _ask_close(self) -> None:
        if not self._led():
            return
        self.sessions["vraag"] = {"soort": "sluiten", "open": True}
        self._say_team(self._team_message("team_sluiten_bevestigen"))

    # -- member

    def _join(self, code: str) -> None:
        team = self.team
        if team is None:
            self._say_team(self._team_message("team_niet_beschikbaar", buttons=flow_buttons(self.content)))
            return
        if not team.may_try_a_code():
            self._say_team(self._team_message("team_te_veel_pogingen"))
            return
        session = team.store.by_code(code, team.now)
        if session is None:
            team.wrong_code()
            self._say_team(self._team_message("team_code_onbekend"))
            return
        flow = next((f for f in self.content.flows.values() if f.teamvoorbereiding), None)
        if flow is None:
            self._say_team(self._team_message("team_niet_beschikbaar", buttons=flow_buttons(self.content)))
            return
        self.start(flow.id)
        state = self.reflection.state
        state["team"] = {"rol": "lid", "sessie": session.id, "token": new_token(), "focus": session.focus}
        self.reflection = Reflection(self.content, state)  # its steps: the preparation's only
        values = {"focus": self._focus_words(session.focus), "aantal": len(self.reflection.steps())}
        self.say(self._team_message("team_welkom", values))

    def _start_sharing(self, role: dict[str, Any]) -> None:
        items = [item.as_dict() for item in shareable(self.content, self.reflection.state)]
        if not items:
            self.say(self._team_message("team_niets_te_delen", buttons=flow_buttons(self.content)))
            return
        self.sessions["delen"] = {"sessie": role["sessie"], "token": role["token"], "items": items, "ja": []}
        self.say(self._team_message("team_delen_uitleg"))
        self._ask_item()

    def _ask_item(self) -> None:
        sharing = self.sessions["delen"]
        item = sharing["items"][sharing.get("i", 0)]
        self.sessions["vraag"] = {"soort": "delen", "open": True}
        label = self.content.text(f"team_soort_{item['kind']}")
        self.say(self._team_message("team_deel_vraag", {"soort": label, "tekst": item["text"]}))

    def _answer_team_question(self, judgement: Judgement, pending: dict[str, Any]) -> bool:
        kind = pending["soort"]
        short = self.parsed.is_payload or self.parsed.words <= REQUEST_MAX_WORDS
        yes = (judgement.intent == "affirm" or self._only_a_yes()) and judgement.kind != "removed"
        no = (judgement.intent == "deny" or only_no(self.text)) and not yes
        request = judgement.intent if judgement.kind == "request" else None
        if request == "distress":
            pending["open"] = False  # "Het is me nu te veel": support first; the question waits
            return False
        if request and (kind == "sluiten" or request in LEAVING):
            # Another request cancels "close the session?"; leaving or deleting ends the sharing
            # too, with nothing shared.
            self.sessions["vraag"] = self.sessions["delen"] = None
            return False
        if not pending.get("open"):
            # After a check-in or support ("het gaat wel, ga verder", or a yes to something
            # else): the question again, not answered by what was said in between.
            pending["open"] = True
            self.say(self._team_message("team_weer_verder"))
            self._repeat(kind)
            return True
        if kind == "initialen":
            return self._signature(judgement)
        if not short or not (yes or no):
            asks = request == "help" or self.text.strip().endswith("?")
            self.say(self._team_message("team_delen_wat" if asks and kind == "delen" else "team_kies_ja_nee"))
            self._repeat(kind)
            return True
        if kind == "sluiten":
            self.sessions["vraag"] = None
            led = self.sessions.get("begeleid")
            if yes and led:
                self.team.store.close(led["sessie"], led["token"])
                self.sessions["begeleid"] = None
                self._say_team(self._team_message("team_gesloten", buttons=flow_buttons(self.content)))
            else:
                self._say_team(self._team_message("team_niet_gesloten", buttons=self._facilitator_buttons()))
            return True
        if kind == "delen":
            sharing = self.sessions["delen"]
            index = sharing.get("i", 0)
            if yes:
                sharing["ja"].append(index)
            sharing["i"] = index + 1
            if sharing["i"] < len(sharing["items"]):
                self._ask_item()
            elif sharing["ja"]:
                self.sessions["vraag"] = {"soort": "ondertekenen", "open": True}
                self.say(self._team_message("team_ondertekenen"))
            else:
                self.sessions["vraag"] = None
                self.sessions["delen"] = None
                self.say(self._team_message("team_niets_gedeeld", buttons=flow_buttons(self.content)))
            return True
        if kind == "ondertekenen":
            if yes:
                self.sessions["vraag"] = {"soort": "initialen", "open": True}
                self.say(self._team_message("team_initialen"))
            else:
                self._share("")
            return True
        return False

    def _repeat(self, kind: str) -> None:
        if kind == "delen":
            self._ask_item()
        elif kind == "ondertekenen":
            self.say(self._team_message("team_ondertekenen"))
        elif kind == "sluiten":
            self._say_team(self._team_message("team_sluiten_bevestigen"))

    def _signature(self, judgement: Judgement) -> bool:
        said = " ".join(self.text.split())
        if judgement.intent == "deny" and (self.parsed.is_payload or self.parsed.words <= 2):
            self._share("")
            return True
        if (
            self.parsed.is_payload
            or judgement.kind == "removed"
            or not said
            or len(said) > SIGNATURE_MAX_CHARS
            or "[" in said  # a name the privacy filter took out
        ):
            self.say(self._team_message("team_initialen_opnieuw"))
            return True
        self._share(said)
        return True

    def _share(self, signature: str) -> None:
        sharing = self.sessions["delen"]
        items = [sharing["items"][i] for i in sharing["ja"]]
        self.sessions["vraag"] = None
        self.sessions["delen"] = None
        if self.team is None or not self.team.store.share(
            sharing["sessie"], sharing["token"], items, signature, self.team.now
        ):
            self.say(self._team_message("team_sessie_verlopen_delen", buttons=flow_buttons(self.content)))
            return
        self.sessions["gedeeld"] = {"sessie": sharing["sessie"], "token": sharing["token"]}
        labels = [_mid_sentence(self.content.text(f"team_soort_{item['kind']}")) for item in items]
        door = self.content.text("team_door", naam=signature) if signature else self.content.text("team_zonder_naam")
        withdraw = REQUESTS["team_withdraw"]
        button = {"title": self.content.text(withdraw.title), "payload": withdraw.payload}
        self.say(
            self._team_message(
                "team_gedeeld",
                {"lijst": ", ".join(labels), "door": door},
                buttons=[button, *flow_buttons(self.content)],
            )
        )

    def _withdraw(self) -> None:
        shared = self.sessions.get("gedeeld")
        if not shared or not self.team.store.withdraw(shared["sessie"], shared["token"]):
            self.sessions["gedeeld"] = None
            self._say_team(self._team_message("team_niets_in_te_trekken"))
            return
        self.sessions["gedeeld"] = None
        self._say_team(self._team_message("team_ingetrokken", buttons=flow_buttons(self.content)))
