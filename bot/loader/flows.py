"""Reading content/flows/: each flow with its phases and steps, in order.

A step's question is written in the step, or taken from the catalog with ``vraag_id``; the
special kinds of step (``soort``) have fields of their own (bot/loader/shapes.py).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from bot.loader.reader import Reader
from bot.loader.shapes import (
    AL_VERTELD,
    FLOW,
    FLOW_FILE,
    INTERVISIE,
    MEER,
    PART,
    PHASE,
    SAMENVATTING,
    STEP,
    STEP_BASE,
)
from bot.model import (
    FLOW_PHASES,
    OPTIONAL_VERBETERSTAP_PARTS,
    OWN_QUESTION,
    STEP_KINDS,
    VERBETERSTAP_PARTS,
    AlreadyTold,
    Bouwopgave,
    Bron,
    Flow,
    FlowStep,
    IntervisieSheet,
    Phase,
    Question,
    SummarySpec,
)
from bot.yamlsource import Located


def read_flows(reader: Reader, questions: dict[str, Question], bouwopgaven: dict[str, Bouwopgave]) -> dict[str, Flow]:
    """Every flow, in the order of the welcome (``volgorde``, then id); the first is the default."""
    flows = _Flows(reader, questions)
    result = flows.read()
    preparing = [f for f in result.values() if f.teamvoorbereiding]
    for flow in preparing[1:]:
        reader.problems.in_file(
            flow.path,
            1,
            f"`teamvoorbereiding` staat in twee flows ({preparing[0].path.name} en {flow.path.name})",
            "laat het in één flow staan: die gebruiken teamleden om zich voor te bereiden",
        )
    for flow in result.values():
        if flow.teamsessie and not preparing:
            reader.problems.in_file(
                flow.path,
                1,
                f"flow {flow.id} maakt een teamsessie, maar geen flow heeft `teamvoorbereiding`",
                "zet `teamvoorbereiding: [...]` in de intervisieflow, met de stappen die teamleden beantwoorden",
            )
    for node, refs in flows.defaults:
        reader.problems.references(
            node,
            "standaard",
            refs,
            bouwopgaven,
            "`standaard` noemt een onbekende bouwopgave",
            f"kies uit: {', '.join(bouwopgaven)}",
        )
    return result


class _Flows:
    def __init__(self, reader: Reader, questions: dict[str, Question]) -> None:
        self.reader = reader
        self.problems = reader.problems
        self.questions = questions  # the catalog's, by id
        self.defaults: list[tuple[Located, tuple[str, ...]]] = []  # each choice's `standaard`, for the catalog

    def read(self) -> dict[str, Flow]:
        folder = self.reader.root / Path(FLOW_FILE.path).parent
        files = sorted(folder.glob("*.yml")) + sorted(folder.glob("*.yaml"))
        if not files:
            self.problems.in_file(
                folder, 1, "er staat geen enkele flow in deze map", "voeg een flow toe, zie docs/content-editing.md"
            )
        flows: dict[str, Flow] = {}
        for path in files:
            node = self.problems.read(path)
            if node is None or not self.problems.fields(node, FLOW, f"flow {path.name}", node):
                continue
            flow = self._flow(node, path)
            if flow.id in flows:
                self.problems.add(
                    node,
                    node.line_of("id"),
                    f"dubbele flow-id `{flow.id}`",
                    f"kies een andere id; `{flow.id}` staat al in {flows[flow.id].path.name}",
                )
            flows[flow.id] = flow
        return dict(sorted(flows.items(), key=lambda item: (item[1].volgorde, item[0])))

    def _flow(self, node: Located, path: Path) -> Flow:
        phases = []
        step_ids: list[tuple[str, Located]] = []
        seen_phases: list[str] = []
        choice_seen = False  # per_bouwopgave asks about the bouwopgaven chosen before it
        for phase in node["fasen"]:
            if not self.problems.fields(phase, PHASE, "een fase", node):
                continue
            self._check_phase_order(phase, seen_phases)
            if phase["id"] in FLOW_PHASES:
                seen_phases.append(phase["id"])
            if not phase["stappen"]:
                self.problems.add(
                    phase,
                    phase.line_of("stappen"),
                    f"fase `{phase['id']}` heeft geen stappen",
                    "voeg minstens één stap toe",
                )
            steps = []
            for step in phase["stappen"]:
                parsed = self._step(step, phase)
                if parsed:
                    if parsed.soort == "per_bouwopgave" and not choice_seen:
                        self.problems.add(
                            step,
                            step.line_of("soort"),
                            f"stap {parsed.id} (`per_bouwopgave`) staat niet na een stap `bouwopgave_keuze`: "
                            "de bot stelt deze vragen dan nooit",
                            "zet eerder in de flow een stap met `soort: bouwopgave_keuze`",
                        )
                    choice_seen = choice_seen or parsed.soort == "bouwopgave_keuze"
                    steps.append(parsed)
                    step_ids.append((parsed.id, step))
            phases.append(self.reader.build(Phase, phase, PHASE, "een fase", steps=tuple(steps)))
        if not any(p.steps for p in phases):
            self.problems.add(
                node, node.line_of("fasen"), "de flow heeft geen stappen", "voeg in minstens één fase een stap toe"
            )
        self.problems.unique(step_ids, f"stappen in flow {node['id']}")
        ids = [ident for ident, _ in step_ids]
        self._check_teamvoorbereiding(node, ids)
        return self.reader.build(
            Flow,
            node,
            FLOW,
            "de flow",
            phases=tuple(phases),
            path=path,
            intervisie=self._intervisie(node, ids),
            samenvatting=self._samenvatting(node, ids),
        )

    def _check_phase_order(self, phase: Located, seen: list[str]) -> None:
        if phase["id"] not in FLOW_PHASES:
            self.problems.add(
                phase,
                phase.line_of("id"),
                f"onbekende fase `{phase['id']}`",
                f"kies een van: {', '.join(FLOW_PHASES)}",
            )
        elif phase["id"] in seen:
            self.problems.add(
                phase,
                phase.line_of("id"),
                f"fase `{phase['id']}` staat twee keer in de flow",
                "voeg de stappen samen in één fase",
            )
        elif seen and FLOW_PHASES.index(phase["id"]) < FLOW_PHASES.index(seen[-1]):  # both known
            self.problems.add(
                phase,
                phase.line_of("id"),
                f"fase `{phase['id']}` staat na `{seen[-1]}`",
                f"zet de fasen in deze volgorde: {', '.join(FLOW_PHASES)}",
            )

    def _check_teamvoorbereiding(self, node: Located, step_ids: list[str]) -> None:
        steps = node.get("teamvoorbereiding") or []
        if not isinstance(steps, list):
            return  # the field check reports its type
        if steps and node.get("intervisie") is None:
            self.problems.add(
                node,
                node.line_of("teamvoorbereiding"),
                "`teamvoorbereiding` staat in een flow zonder intervisieblad",
                "zet `teamvoorbereiding` in een flow met `intervisie:` (wat een teamlid deelt, komt uit het blad)",
            )
        for ident in steps:
            if ident not in step_ids:
                self.problems.add(
                    node,
                    node.line_of("teamvoorbereiding"),
                    f"`teamvoorbereiding` noemt een onbekende stap `{ident}`",
                    f"kies stap-ids uit deze flow: {', '.join(step_ids)}",
                )

    def _samenvatting(self, node: Located, step_ids: list[str]) -> SummarySpec | None:
        spec = node.get("samenvatting")
        if spec is None or not self.problems.fields(spec, SAMENVATTING, "de samenvatting", node):
            return None
        for key in ("casus", "kern"):
            if key in spec and spec[key] not in step_ids:
                self.problems.add(
                    spec,
                    spec.line_of(key),
                    f"`{key}` van de samenvatting noemt een onbekende stap `{spec[key]}`",
                    f"kies een stap-id uit deze flow: {', '.join(step_ids)}",
                )
        return self.reader.build(SummarySpec, spec, SAMENVATTING, "de samenvatting")

    def _intervisie(self, node: Located, step_ids: list[str]) -> IntervisieSheet | None:
        sheet = node.get("intervisie")
        if sheet is None or not self.problems.fields(sheet, INTERVISIE, "het intervisieblad", node):
            return None
        for key in ("casus", "inbrengvraag", "moment"):
            if key in sheet and sheet[key] not in step_ids:
                self.problems.add(
                    sheet,
                    sheet.line_of(key),
                    f"`{key}` van het intervisieblad noemt een onbekende stap `{sheet[key]}`",
                    f"kies een stap-id uit deze flow: {', '.join(step_ids)}",
                )
        if not 1 <= sheet["min_vragen"] <= sheet["max_vragen"]:
            self.problems.add(
                sheet,
                sheet.line_of("min_vragen"),
                "`min_vragen` moet tussen 1 en `max_vragen` liggen",
                "bijvoorbeeld min_vragen: 5 en max_vragen: 8",
            )
        return self.reader.build(IntervisieSheet, sheet, INTERVISIE, "het intervisieblad")

    # -- steps

    def _step(self, node: Any, phase: Located) -> FlowStep | None:
        if not isinstance(node, Located) or not isinstance(node.get("soort", "open"), str):
            self.problems.fields(node, STEP_BASE, "een stap", phase)
            return None
        soort = node.get("soort", "open")
        if soort not in STEP_KINDS:
            self.problems.add(
                node, node.line_of("soort"), f"onbekende soort stap `{soort}`", f"kies een van: {', '.join(STEP_KINDS)}"
            )
            return None
        shape = STEP.shapes[soort]
        ident = node.get("id", "?")
        what = f"stap {ident}"
        if not self.problems.fields(node, shape, what, phase):
            return None
        if soort == "open":
            question = self._question(node, ident, what)
            told = self._al_verteld(node, what)
            if question and told:
                question = dataclasses.replace(question, al_verteld=told)
            return self.reader.build(FlowStep, node, shape, what, question=question)
        if soort == "bouwopgave_keuze":
            if "standaard" not in node and not node.get("zelf_kiezen", False):
                self.problems.add(
                    node,
                    node.line,
                    f"stap {ident} mist het veld `standaard`",
                    "voeg `standaard:` toe (een lijst: de bouwopgaven die de bot voorstelt als hij geen "
                    "signaalwoorden vindt), of zet `zelf_kiezen: true`",
                )
            default = self.problems.text_list(node, "standaard", what)
            self.defaults.append((node, default))
            question = self._question(node, ident, what)
            return self.reader.build(FlowStep, node, shape, what, question=question, default=default)
        if soort == "per_bouwopgave":
            refs = [self._ref(node, ref, what) for ref in self.problems.text_list(node, "vraag_ids", what)]
            return self.reader.build(FlowStep, node, shape, what, questions=tuple(q for q in refs if q))
        parts, ideas = self._parts(node, ident)
        return self.reader.build(FlowStep, node, shape, what, parts=parts, ideas_from=ideas)

    def _parts(self, node: Located, ident: str) -> tuple[dict[str, Question], tuple[str, ...]]:
        """The questions of a verbeterstap by part, and the steps its `wat` offers ideas from."""
        parts: dict[str, Question] = {}
        ideas: tuple[str, ...] = ()
        for part in VERBETERSTAP_PARTS:
            if part in OPTIONAL_VERBETERSTAP_PARTS and part not in node:
                continue
            sub = node[part]
            what = f"`{part}` van stap {ident}"
            if part == "meer":
                if self.problems.fields(sub, MEER, what, node):
                    parts[part] = Question(
                        f"{ident}.meer", sub["vraag"], Bron(OWN_QUESTION, bouwt_op="praatplaat, Reflectievragen")
                    )
            elif self.problems.fields(sub, PART, what, node):
                question = self._question(sub, f"{ident}.{part}", what)
                if question:
                    parts[part] = question
                if part == "wat":
                    ideas = self.problems.text_list(sub, "ideeen_uit", what)
        return parts, ideas

    def _al_verteld(self, node: Located, what: str) -> AlreadyTold | None:
        spec = node.get("al_verteld")
        what = f"`al_verteld` van {what}"
        if spec is None or not self.problems.fields(spec, AL_VERTELD, what, node):
            return None
        if "{woorden}" not in spec["vraag"]:
            self.problems.add(
                spec,
                spec.line_of("vraag"),
                f"de vraag van {what} bevat geen {{woorden}}",
                "zet {woorden} in de vraag op de plek van wat de gebruiker al noemde",
            )
        return self.reader.build(AlreadyTold, spec, AL_VERTELD, what)

    def _ref(self, node: Located, ref: str, what: str) -> Question | None:
        if ref not in self.questions:
            line = node.line_of("vraag_id") if "vraag_id" in node else node.line_of("vraag_ids")
            self.problems.add(
                node,
                line,
                f"{what} verwijst naar een onbekende vraag `{ref}`",
                "gebruik een id uit catalogus/reflectievragen.yml of catalogus/themas.yml",
            )
            return None
        return self.questions[ref]

    def _question(self, node: Located, ident: str, what: str) -> Question | None:
        """The question a step (or a part of a verbeterstap) writes, or takes with `vraag_id`."""
        if "vraag_id" in node:
            if "vraag" in node:
                self.problems.add(
                    node, node.line_of("vraag"), f"{what} heeft zowel `vraag` als `vraag_id`", "houd er één over"
                )
            base = self._ref(node, node["vraag_id"], what)
            if base is None:
                return None
            return Question(
                ident,
                base.vraag,
                base.bron,
                base.uitleg,
                base.voorbeeld,
                self.reader.clarification(node.get("verduidelijking"), node, what) or base.verduidelijking,
            )
        missing = [key for key in ("vraag", "uitleg", "voorbeeld", "bron") if not node.get(key)]
        if missing:
            self.problems.add(
                node,
                node.line,
                f"{what} mist {', '.join(f'`{m}`' for m in missing)}",
                "geef de vraag met `vraag`, `uitleg`, `voorbeeld` en `bron`, "
                "of verwijs met `vraag_id` naar een catalogusvraag",
            )
            return None
        return Question(
            ident,
            node["vraag"],
            self.reader.bron(node["bron"], node, what),
            node["uitleg"],
            node["voorbeeld"],
            self.reader.clarification(node.get("verduidelijking"), node, what),
        )
