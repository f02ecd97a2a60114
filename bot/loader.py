"""Reading and checking ``content/``: the schema, and every problem as ``file:line``.

Content editors read these messages, so they are Dutch and say how to fix the problem.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from bot.messages import REQUIRED_MESSAGES, REQUIRED_TEXTS
from bot.model import (
    FLOW_PHASES,
    OPTIONAL_VERBETERSTAP_PARTS,
    OWN_QUESTION,
    STEP_KINDS,
    VERBETERSTAP_PARTS,
    AlreadyTold,
    Begrip,
    BotText,
    Bouwopgave,
    Bron,
    Button,
    Clarification,
    Content,
    ContentError,
    Deepening,
    Document,
    Flow,
    FlowStep,
    Glossary,
    IntervisieSheet,
    Listening,
    Phase,
    Problem,
    Question,
    SummarySpec,
    Thema,
    Venster,
    WerkzaamBestanddeel,
)
from bot.requests import REQUESTS
from bot.yamlsource import Located, YamlSyntaxError, load_located

# --------------------------------------------------------------------------- schema

# field -> (expected type, required). ``str`` fields must be non-empty text.
Spec = dict[str, tuple[type, bool]]

BRON: Spec = {"document": (str, True), "sectie": (str, False), "letterlijk": (bool, False), "bouwt_op": (str, False)}
CLARIFICATION: Spec = {
    "vraag": (str, True),
    "vaag": (list, False),
    "max_woorden": (int, False),
    "begint_met": (list, False),
    "concreet": (list, False),
    "vermijd": (list, False),
    "nogmaals": (str, False),
}
INTERVISIE: Spec = {
    "casus": (str, True),
    "inbrengvraag": (str, True),
    "min_vragen": (int, True),
    "max_vragen": (int, True),
    "moment": (str, False),
}
QUESTION: Spec = {
    "id": (str, True),
    "vraag": (str, True),
    "uitleg": (str, True),
    "voorbeeld": (str, True),
    "bron": (dict, True),
    "verduidelijking": (dict, False),
}
VENSTER: Spec = {"id": (str, True), "naam": (str, True), "kern": (str, True), "bron": (dict, True)}
THEMA: Spec = {
    "id": (str, True),
    "naam": (str, True),
    "niveau": (str, True),
    "kern": (str, True),
    "bron": (dict, True),
    "vragen": (list, True),
}
THEMA_VRAAG: Spec = {"id": (str, True), "vraag": (str, True), "voor": (str, False), "gesprek": (str, False)}
BOUWOPGAVE: Spec = {
    "id": (str, True),
    "nummer": (int, True),
    "naam": (str, True),
    "kern": (str, True),
    "punten": (list, True),
    "praktijkvoorbeeld": (str, True),
    "bron": (dict, True),
    "signaalwoorden": (list, True),
    "waarom": (str, True),
    "waarom_algemeen": (str, True),
    "themas": (list, True),
    "thema_vragen": (list, True),
}
BESTANDDEEL: Spec = {
    "id": (str, True),
    "naam": (str, True),
    "genoemd_door": (str, True),
    "kern": (str, True),
    "citaat": (str, True),
    "bron": (dict, True),
    "bouwopgaven": (list, True),
    "signaalwoorden": (list, True),
}
DOCUMENT: Spec = {"id": (str, True), "bestand": (str, True), "titel": (str, True)}
FLOW: Spec = {
    "id": (str, True),
    "titel": (str, True),
    "omschrijving": (str, True),
    "startwoorden": (list, True),
    "fasen": (list, True),
    "volgorde": (int, False),
    "intervisie": (dict, False),
    "samenvatting": (dict, False),
}
SAMENVATTING: Spec = {"titel": (str, True), "casus": (str, False), "kern": (str, False)}
PHASE: Spec = {"id": (str, True), "intro": (str, False), "stappen": (list, True)}
STEP_BASE: Spec = {"id": (str, True), "soort": (str, False)}
# The fields of a question written in a flow (or taken from the catalog with vraag_id).
QUESTION_FIELDS: Spec = {
    "vraag": (str, False),
    "vraag_id": (str, False),
    "uitleg": (str, False),
    "voorbeeld": (str, False),
    "bron": (dict, False),
}
STEP_OPEN: Spec = {
    **STEP_BASE,
    **QUESTION_FIELDS,
    "verduidelijking": (dict, False),
    "voor_voorstel": (bool, False),
    "al_verteld": (dict, False),
}
AL_VERTELD: Spec = {"woorden": (list, True), "vraag": (str, True), "min": (int, False), "over_jezelf": (bool, False)}
STEP_KEUZE: Spec = {
    **STEP_BASE,
    **QUESTION_FIELDS,
    "max": (int, False),
    "standaard": (list, False),  # required unless zelf_kiezen: true (checked in _step)
    "zelf_kiezen": (bool, False),
}
STEP_PER_BOUWOPGAVE: Spec = {
    **STEP_BASE,
    "inleiding": (str, True),
    "vraag_ids": (list, True),
    "thema_vragen": (bool, False),
    "thema_aanbieden": (bool, False),
}
STEP_VERBETERSTAPPEN: Spec = {
    **STEP_BASE,
    "max": (int, False),
    "wat": (dict, True),
    "wie": (dict, True),
    "wanneer": (dict, True),
    "merkbaar": (dict, False),
    "eigen_stap": (dict, False),
    "meer": (dict, True),
}
DOORVRAAG: Spec = {
    "id": (str, True),
    "vraag": (str, True),
    "bron": (dict, True),
    "signalen": (list, False),
    "max_woorden": (int, False),
    "fasen": (list, False),
    "stappen": (list, False),
}
BEGRIPPEN: Spec = {"vragen": (list, True), "begrippen": (list, True)}
BEGRIP: Spec = {"id": (str, True), "woorden": (list, True), "uitleg": (str, True), "bron": (dict, True)}
VERDIEPING: Spec = {
    "doorvragen": (list, True),
    "terugkoppeling": (list, True),
    "terugkoppeling_min_woorden": (int, False),
}
PART: Spec = {**QUESTION_FIELDS, "verduidelijking": (dict, False), "ideeen_uit": (list, False)}
MEER: Spec = {"vraag": (str, True)}
BERICHT: Spec = {"tekst": (str, True), "knoppen": (list, False)}
KNOP: Spec = {"titel": (str, True), "payload": (str, True)}
# Buttons may send a request of the registry (bot/requests.py) or answer the bot's question.
BUTTON_PAYLOADS = (
    *(request.payload for request in REQUESTS.values()),
    "/affirm",
    "/deny",
    "/choose_bouwopgave",
)

TYPE_NAMES = {
    str: "tekst",
    int: "een heel getal",
    bool: "true of false",
    list: "een lijst",
    dict: "een blok met velden",
}


class _Checker:
    """Collects problems while the content is being read."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, node: Any, line: int | None, what: str, fix: str) -> None:
        path = getattr(node, "path", Path("?"))
        self.problems.append(Problem(path, line or getattr(node, "line", 1), what, fix))

    def fields(self, node: Any, spec: Spec, what: str, parent: Any = None) -> bool:
        """Check ``node`` against ``spec``; report and return False if it is unusable."""
        if not isinstance(node, Located):
            holder = node if hasattr(node, "path") else parent
            self.add(
                holder,
                None,
                f"{what} is geen blok met velden",
                "schrijf het als `veld: waarde` regels, elk op een eigen regel",
            )
            return False
        ok = True
        for key in node:
            if key not in spec:
                close = difflib.get_close_matches(str(key), spec, n=1)
                hint = f"bedoel je `{close[0]}`?" if close else f"toegestaan zijn: {', '.join(spec)}"
                self.add(
                    node,
                    node.line_of(key),
                    f"onbekend veld `{key}` in {what}",
                    f"verwijder het veld of hernoem het ({hint})",
                )
        for key, (kind, required) in spec.items():
            if key not in node or node[key] is None:
                if required:
                    self.add(
                        node, node.line, f"{what} mist het veld `{key}`", f"voeg `{key}:` toe ({TYPE_NAMES[kind]})"
                    )
                    ok = False
                continue
            value = node[key]
            if (kind is int and isinstance(value, bool)) or not isinstance(value, kind):
                self.add(
                    node,
                    node.line_of(key),
                    f"`{key}` in {what} moet {TYPE_NAMES[kind]} zijn, niet {_describe(value)}",
                    f"maak van `{key}` {TYPE_NAMES[kind]}",
                )
                ok = False
            elif kind is str and not value.strip():
                self.add(node, node.line_of(key), f"`{key}` in {what} is leeg", f"vul tekst in bij `{key}`")
                ok = False
        return ok

    def text_list(self, node: Located, key: str, what: str) -> tuple[str, ...]:
        values = node.get(key) or []
        result = []
        for value in values:
            if not isinstance(value, str) or not value.strip():
                self.add(
                    node,
                    node.line_of(key),
                    f"`{key}` in {what} bevat {_describe(value)}",
                    "gebruik alleen tekst in deze lijst",
                )
            else:
                result.append(value)
        return tuple(result)


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, dict | list):
        return TYPE_NAMES[type(value) if type(value) in TYPE_NAMES else dict]
    return f"`{value}`"


def load_content(root: Path) -> Content:
    """Read and check all content under ``root``; raise :class:`ContentError` on problems."""
    return _Loader(root).load()


class _Loader:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.check = _Checker()
        self.documents: dict[str, Document] = {}
        self.pending_bouwopgave_refs: list[tuple[Located, str]] = []

    # -- files

    def _file(self, relative: str, top_key: str) -> list[Any]:
        path = self.root / relative
        if not path.is_file():
            self.check.problems.append(
                Problem(path, 1, "dit bestand ontbreekt", f"maak het aan met een lijst onder `{top_key}:`")
            )
            return []
        return self._top_list(path, top_key)

    def _top_list(self, path: Path, top_key: str) -> list[Any]:
        data = self._read(path)
        if data is None:
            return []
        if not isinstance(data, Located) or top_key not in data:
            self.check.problems.append(
                Problem(
                    path,
                    1,
                    f"het bestand heeft geen `{top_key}:`",
                    f"begin het bestand met `{top_key}:` en daaronder de lijst",
                )
            )
            return []
        items = data[top_key]
        if not isinstance(items, list) or not items:
            self.check.add(
                data,
                data.line_of(top_key),
                f"`{top_key}` is leeg of geen lijst",
                "zet de items eronder, elk beginnend met `- `",
            )
            return []
        return items

    def _read(self, path: Path) -> Any:
        try:
            data = load_located(path)
        except YamlSyntaxError as error:
            fix = (
                error.fix
                or "controleer inspringing, dubbele punten en aanhalingstekens op deze regel of de regel erboven"
            )
            self.check.problems.append(Problem(path, error.line, f"ongeldige YAML ({error.problem})", fix))
            return None
        if data is None:
            self.check.problems.append(Problem(path, 1, "het bestand is leeg", "vul het bestand of verwijder het"))
        return data

    # -- pieces

    def _bron(self, node: Any, parent: Located, what: str) -> Bron:
        if not self.check.fields(node, BRON, f"de bron van {what}", parent):
            return Bron(OWN_QUESTION, bouwt_op="?")
        document = node["document"]
        if document == OWN_QUESTION:
            if not node.get("bouwt_op"):
                self.check.add(
                    node,
                    node.line,
                    f"de bron van {what} is een eigen vraag zonder `bouwt_op`",
                    "noem in `bouwt_op` het document en de passage waarop de vraag rust",
                )
            elif node["bouwt_op"].split(",")[0].strip() not in self.documents:
                self.check.add(
                    node,
                    node.line_of("bouwt_op"),
                    f"`bouwt_op` van {what} begint niet met een bekend document",
                    f'begin met een document en een komma, zoals "praatplaat, Venster 1: De inwoner" '
                    f"(documenten: {', '.join(self.documents)})",
                )
        else:
            if document not in self.documents:
                known = ", ".join([*self.documents, OWN_QUESTION])
                self.check.add(
                    node,
                    node.line_of("document"),
                    f"de bron van {what} noemt een onbekend document `{document}`",
                    f"kies een van: {known}",
                )
            if not node.get("sectie"):
                self.check.add(
                    node,
                    node.line,
                    f"de bron van {what} noemt geen `sectie`",
                    "noem het hoofdstuk of kader in het document",
                )
        return Bron(document, node.get("sectie", ""), bool(node.get("letterlijk", False)), node.get("bouwt_op", ""))

    def _clarification(self, node: Any, parent: Located, what: str) -> Clarification | None:
        if node is None:
            return None
        what = f"de verduidelijking van {what}"
        if not self.check.fields(node, CLARIFICATION, what, parent):
            return None
        vague = self.check.text_list(node, "vaag", what)
        starts = self.check.text_list(node, "begint_met", what)
        concrete = self.check.text_list(node, "concreet", what)
        if not vague and not starts and not concrete:
            self.check.add(
                node,
                parent.line_of("verduidelijking") if isinstance(parent, Located) else node.line,
                f"{what} zegt niet wanneer hij nodig is",
                "geef `vaag` (met `max_woorden`), `begint_met` of `concreet`",
            )
        elif vague and not node.get("max_woorden"):
            self.check.add(
                node,
                node.line,
                f"{what} heeft `vaag` zonder `max_woorden`",
                "zet `max_woorden: 4` (of een ander getal)",
            )
        return Clarification(
            node["vraag"],
            tuple(v.lower() for v in vague),
            node.get("max_woorden", 0),
            tuple(b.lower() for b in starts),
            tuple(c.lower() for c in concrete),
            tuple(v.lower() for v in self.check.text_list(node, "vermijd", what)),
            node.get("nogmaals", ""),
        )

    def _unique(self, items: Iterable[tuple[str, Located]], what: str) -> None:
        seen: dict[str, Located] = {}
        for ident, node in items:
            if ident in seen:
                first = seen[ident]
                self.check.add(
                    node,
                    node.line_of("id"),
                    f"dubbele id `{ident}` ({what})",
                    f"geef een andere id; `{ident}` staat al op {first.path.name}:{first.line_of('id')}",
                )
            else:
                seen[ident] = node

    # -- catalogs

    def load(self) -> Content:
        for node in self._file("bronnen.yml", "documenten"):
            if self.check.fields(node, DOCUMENT, "een document"):
                self.documents[node["id"]] = Document(node["id"], node["bestand"], node["titel"])

        texts = self._texts()

        vensters = self._vensters()
        reflectievragen = self._reflectievragen()
        themas = self._themas()
        questions: dict[str, Question] = dict(reflectievragen)
        for thema in themas.values():
            questions.update({q.id: q for q in thema.vragen})
        bouwopgaven = self._bouwopgaven(themas, questions)
        flows = self._flows(questions)
        for node, ref in self.pending_bouwopgave_refs:
            if ref not in bouwopgaven:
                self.check.add(
                    node,
                    node.line_of("standaard"),
                    f"`standaard` noemt een onbekende bouwopgave `{ref}`",
                    f"kies uit: {', '.join(bouwopgaven)}",
                )
        signalen = self._signalen()
        berichten = self._berichten()
        bestanddelen = self._bestanddelen(bouwopgaven)
        luisteren = self._luisteren()
        begrippen = self._begrippen()

        if self.check.problems:
            raise ContentError(self.check.problems)
        return Content(
            self.root,
            self.documents,
            vensters,
            bouwopgaven,
            themas,
            reflectievragen,
            questions,
            texts,
            flows,
            signalen,
            berichten,
            bestanddelen,
            luisteren,
            begrippen,
        )

    def _begrippen(self) -> Glossary:
        path = self.root / "begrippen.yml"
        if not path.is_file():
            self.check.problems.append(Problem(path, 1, "dit bestand ontbreekt", "maak het aan met `begrippen:`"))
            return Glossary()
        data = self._read(path)
        if not isinstance(data, Located) or not self.check.fields(data, BEGRIPPEN, "begrippen.yml", data):
            return Glossary()
        terms, nodes = [], []
        for node in data["begrippen"] or []:
            what = f"begrip {node.get('id', '?') if isinstance(node, Located) else '?'}"
            if not self.check.fields(node, BEGRIP, what, data):
                continue
            nodes.append(node)
            words = tuple(w.lower() for w in self.check.text_list(node, "woorden", what))
            if not words:
                self.check.add(node, node.line_of("woorden"), f"{what} heeft geen woorden", "noem minstens één woord")
            terms.append(Begrip(node["id"], words, node["uitleg"], self._bron(node["bron"], node, what)))
        self._unique(((node["id"], node) for node in nodes), "begrippen")
        asking = tuple(q.lower() for q in self.check.text_list(data, "vragen", "begrippen.yml"))
        return Glossary(asking, tuple(terms))

    def _luisteren(self) -> Listening:
        path = self.root / "verdieping.yml"
        if not path.is_file():
            self.check.problems.append(
                Problem(path, 1, "dit bestand ontbreekt", "maak het aan met `doorvragen:` en `terugkoppeling:`")
            )
            return Listening()
        data = self._read(path)
        if not isinstance(data, Located) or not self.check.fields(data, VERDIEPING, "verdieping.yml", data):
            return Listening()
        rules = []
        nodes = []
        for node in data["doorvragen"] or []:
            what = f"doorvraag {node.get('id', '?') if isinstance(node, Located) else '?'}"
            if not self.check.fields(node, DOORVRAAG, what, data):
                continue
            nodes.append(node)
            signalen = tuple(s.lower() for s in self.check.text_list(node, "signalen", what))
            if not signalen and not node.get("max_woorden"):
                self.check.add(
                    node,
                    node.line,
                    f"{what} zegt niet wanneer hij past",
                    "geef `signalen` (zinsdelen uit een antwoord) of `max_woorden`, of beide",
                )
            if "{woorden}" not in node["vraag"]:
                self.check.add(
                    node,
                    node.line_of("vraag"),
                    f"de vraag van {what} bevat geen {{woorden}}",
                    "zet {woorden} in de vraag op de plek van de woorden van de gebruiker",
                )
            fasen = self.check.text_list(node, "fasen", what)
            for fase in fasen:
                if fase not in FLOW_PHASES:
                    self.check.add(
                        node,
                        node.line_of("fasen"),
                        f"{what} noemt een onbekende fase `{fase}`",
                        f"kies uit: {', '.join(FLOW_PHASES)}",
                    )
            rules.append(
                Deepening(
                    node["id"],
                    node["vraag"],
                    self._bron(node["bron"], node, what),
                    signalen,
                    node.get("max_woorden", 0),
                    tuple(fasen),
                    tuple(self.check.text_list(node, "stappen", what)),
                )
            )
        self._unique(((node["id"], node) for node in nodes), "doorvragen")
        lines = self.check.text_list(data, "terugkoppeling", "verdieping.yml")
        for line in lines:
            if "{woorden}" not in line:
                self.check.add(
                    data,
                    data.line_of("terugkoppeling"),
                    f"de terugkoppeling `{line}` bevat geen {{woorden}}",
                    "zet {woorden} in de zin op de plek van de woorden van de gebruiker",
                )
        return Listening(tuple(rules), tuple(lines), data.get("terugkoppeling_min_woorden", 12))

    def _bestanddelen(self, bouwopgaven: dict[str, Bouwopgave]) -> dict[str, WerkzaamBestanddeel]:
        nodes = [
            n
            for n in self._file("catalogus/werkzame_bestanddelen.yml", "werkzame_bestanddelen")
            if self.check.fields(n, BESTANDDEEL, "een werkzaam bestanddeel")
        ]
        self._unique(((n["id"], n) for n in nodes), "werkzame bestanddelen")
        result = {}
        for node in nodes:
            what = f"werkzaam bestanddeel {node['id']}"
            if node["genoemd_door"] not in ("klanten", "professionals"):
                self.check.add(
                    node,
                    node.line_of("genoemd_door"),
                    f"`genoemd_door` van {what} is onbekend",
                    "kies klanten of professionals",
                )
            linked = self.check.text_list(node, "bouwopgaven", what)
            for ref in linked:
                if ref not in bouwopgaven:
                    self.check.add(
                        node,
                        node.line_of("bouwopgaven"),
                        f"{what} noemt een onbekende bouwopgave `{ref}`",
                        f"kies uit: {', '.join(bouwopgaven)}",
                    )
            result[node["id"]] = WerkzaamBestanddeel(
                node["id"],
                node["naam"],
                node["genoemd_door"],
                node["kern"],
                node["citaat"],
                self._bron(node["bron"], node, what),
                linked,
                tuple(w.lower() for w in self.check.text_list(node, "signaalwoorden", what)),
            )
        return result

    def _texts(self) -> dict[str, str]:
        path = self.root / "teksten.yml"
        if not path.is_file():
            self.check.problems.append(Problem(path, 1, "dit bestand ontbreekt", "maak het aan met `teksten:`"))
            return {}
        data = self._read(path)
        if data is None:
            return {}
        node = data.get("teksten") if isinstance(data, Located) else None
        if not isinstance(node, Located):
            self.check.problems.append(
                Problem(
                    path,
                    getattr(data, "line", 1),
                    "het bestand heeft geen blok `teksten`",
                    "begin het bestand met `teksten:` en zet de teksten eronder",
                )
            )
            return {}
        texts = {}
        for key, value in node.items():
            if not isinstance(value, str) or not value.strip():
                self.check.add(
                    node,
                    node.line_of(key),
                    f"de tekst `{key}` is leeg of geen tekst",
                    "zet de tekst tussen aanhalingstekens",
                )
            else:
                texts[str(key)] = value
        for key in sorted(REQUIRED_TEXTS - set(node)):
            self.check.add(
                node, node.line, f"de tekst `{key}` ontbreekt", f"voeg `{key}:` met een tekst toe onder `teksten:`"
            )
        return texts

    def _signalen(self) -> dict[str, tuple[str, ...]]:
        path = self.root / "signalen.yml"
        data = self._read(path) if path.is_file() else None
        if not path.is_file():
            self.check.problems.append(
                Problem(
                    path,
                    1,
                    "dit bestand ontbreekt",
                    "maak het aan met `gevaar:` en `spanning:`, elk met een lijst zinsdelen",
                )
            )
            return {}
        if not isinstance(data, Located):
            return {}
        self.check.fields(
            data,
            {
                "gevaar": (list, True),
                "gevaar_woorden": (list, True),
                "spanning": (list, True),
                "spanning_woorden": (list, True),
                "vaktaal": (list, False),
                "casus": (list, True),
                "engels": (list, True),
                "voortgang": (list, True),
                "vraag_aan_bot": (list, True),
                "pauze": (list, True),
                "geruststelling": (list, True),
                "erkenning": (list, True),
                "verzoek_overslaan": (list, True),
                "verzoek_terug": (list, True),
                "verzoek_stoppen": (list, True),
                "verzoek_uitleg": (list, True),
            },
            "signalen.yml",
            data,
        )
        return {key: tuple(w.lower() for w in self.check.text_list(data, key, "signalen.yml")) for key in data}

    def _berichten(self) -> dict[str, BotText]:
        path = self.root / "berichten.yml"
        if not path.is_file():
            self.check.problems.append(Problem(path, 1, "dit bestand ontbreekt", "maak het aan met `berichten:`"))
            return {}
        data = self._read(path)
        if not isinstance(data, Located) or not isinstance(data.get("berichten"), Located):
            if data is not None:
                self.check.problems.append(
                    Problem(path, 1, "het bestand heeft geen `berichten:`", "begin het bestand met `berichten:`")
                )
            return {}
        result: dict[str, BotText] = {}
        node = data["berichten"]
        for key, value in node.items():
            what = f"bericht `{key}`"
            if not self.check.fields(value, BERICHT, what, node):
                continue
            buttons = []
            for button in value.get("knoppen") or []:
                if self.check.fields(button, KNOP, f"een knop van {what}", value):
                    if button["payload"] not in BUTTON_PAYLOADS:
                        self.check.add(
                            button,
                            button.line_of("payload"),
                            f"onbekende payload `{button['payload']}` in {what}",
                            f"kies een van: {', '.join(BUTTON_PAYLOADS)}",
                        )
                    buttons.append(Button(button["titel"], button["payload"]))
            result[str(key)] = BotText(value["tekst"], tuple(buttons))
        for key in sorted(REQUIRED_MESSAGES - set(result)):
            self.check.add(
                node,
                node.line,
                f"het bericht `{key}` ontbreekt",
                f"voeg `{key}:` met een `tekst` toe onder `berichten:`",
            )
        return result

    def _vensters(self) -> dict[str, Venster]:
        nodes = [
            n for n in self._file("catalogus/vensters.yml", "vensters") if self.check.fields(n, VENSTER, "een venster")
        ]
        self._unique(((n["id"], n) for n in nodes), "vensters")
        return {
            n["id"]: Venster(n["id"], n["naam"], n["kern"], self._bron(n["bron"], n, f"venster {n['id']}"))
            for n in nodes
        }

    def _question(self, node: Located, what: str) -> Question:
        return Question(
            id=node["id"],
            vraag=node["vraag"],
            uitleg=node.get("uitleg", ""),
            voorbeeld=node.get("voorbeeld", ""),
            bron=self._bron(node["bron"], node, what),
            verduidelijking=self._clarification(node.get("verduidelijking"), node, what),
        )

    def _reflectievragen(self) -> dict[str, Question]:
        nodes = [
            n
            for n in self._file("catalogus/reflectievragen.yml", "reflectievragen")
            if self.check.fields(n, QUESTION, "een reflectievraag")
        ]
        self._unique(((n["id"], n) for n in nodes), "reflectievragen")
        return {n["id"]: self._question(n, f"reflectievraag {n['id']}") for n in nodes}

    def _themas(self) -> dict[str, Thema]:
        result: dict[str, Thema] = {}
        nodes = [n for n in self._file("catalogus/themas.yml", "themas") if self.check.fields(n, THEMA, "een thema")]
        self._unique(((n["id"], n) for n in nodes), "thema's")
        all_questions: list[tuple[str, Located]] = []
        for node in nodes:
            bron = self._bron(node["bron"], node, f"thema {node['id']}")
            quoted = Bron(bron.document, bron.sectie, True, bron.bouwt_op)
            vragen = []
            for q in node["vragen"]:
                if self.check.fields(q, THEMA_VRAAG, f"een vraag van thema {node['id']}", node):
                    all_questions.append((q["id"], q))
                    # The theme's own explanation serves as the uitleg of its questions.
                    vragen.append(
                        Question(
                            q["id"],
                            q["vraag"],
                            quoted,
                            uitleg=node["kern"],
                            voor=q.get("voor", ""),
                            gesprek=q.get("gesprek", ""),
                        )
                    )
            result[node["id"]] = Thema(node["id"], node["naam"], node["niveau"], node["kern"], bron, tuple(vragen))
        self._unique(all_questions, "vragen van thema's")
        return result

    def _bouwopgaven(self, themas: dict[str, Thema], questions: dict[str, Question]) -> dict[str, Bouwopgave]:
        result: dict[str, Bouwopgave] = {}
        nodes = [
            n
            for n in self._file("catalogus/bouwopgaven.yml", "bouwopgaven")
            if self.check.fields(n, BOUWOPGAVE, "een bouwopgave")
        ]
        self._unique(((n["id"], n) for n in nodes), "bouwopgaven")
        for node in nodes:
            what = f"bouwopgave {node['id']}"
            for thema in self.check.text_list(node, "themas", what):
                if thema not in themas:
                    self.check.add(
                        node,
                        node.line_of("themas"),
                        f"{what} noemt een onbekend thema `{thema}`",
                        f"kies uit de id's in catalogus/themas.yml: {', '.join(themas)}",
                    )
            for ref in self.check.text_list(node, "thema_vragen", what):
                if ref not in questions:
                    self.check.add(
                        node,
                        node.line_of("thema_vragen"),
                        f"{what} verwijst naar een onbekende vraag `{ref}`",
                        "gebruik een vraag-id uit catalogus/themas.yml, zoals `regie_voeren.1`",
                    )
            if "{woorden}" not in node["waarom"]:
                self.check.add(
                    node,
                    node.line_of("waarom"),
                    f"`waarom` van {what} bevat geen {{woorden}}",
                    "zet {woorden} in de zin op de plek van de woorden van de gebruiker",
                )
            result[node["id"]] = Bouwopgave(
                node["id"],
                node["nummer"],
                node["naam"],
                node["kern"],
                self.check.text_list(node, "punten", what),
                node["praktijkvoorbeeld"],
                self._bron(node["bron"], node, what),
                tuple(w.lower() for w in self.check.text_list(node, "signaalwoorden", what)),
                node["waarom"],
                node["waarom_algemeen"],
                self.check.text_list(node, "themas", what),
                self.check.text_list(node, "thema_vragen", what),
            )
        return result

    # -- flows

    def _flows(self, questions: dict[str, Question]) -> dict[str, Flow]:
        folder = self.root / "flows"
        files = sorted(folder.glob("*.yml")) + sorted(folder.glob("*.yaml"))
        if not files:
            self.check.problems.append(
                Problem(
                    folder, 1, "er staat geen enkele flow in deze map", "voeg een flow toe, zie docs/content-editing.md"
                )
            )
        flows: dict[str, Flow] = {}
        for path in files:
            node = self._read(path)
            if node is None or not self.check.fields(node, FLOW, f"flow {path.name}", node):
                continue
            flow = self._flow(node, path, questions)
            if flow.id in flows:
                self.check.add(
                    node,
                    node.line_of("id"),
                    f"dubbele flow-id `{flow.id}`",
                    f"kies een andere id; `{flow.id}` staat al in {flows[flow.id].path.name}",
                )
            flows[flow.id] = flow
        # The welcome lists the flows in this order; the first is the default.
        return dict(sorted(flows.items(), key=lambda item: (item[1].volgorde, item[0])))

    def _flow(self, node: Located, path: Path, questions: dict[str, Question]) -> Flow:
        phases = []
        step_ids: list[tuple[str, Located]] = []
        seen_phases: list[str] = []
        choice_seen = False  # per_bouwopgave asks about the bouwopgaven chosen before it
        for phase in node["fasen"]:
            if not self.check.fields(phase, PHASE, "een fase", node):
                continue
            if phase["id"] not in FLOW_PHASES:
                self.check.add(
                    phase,
                    phase.line_of("id"),
                    f"onbekende fase `{phase['id']}`",
                    f"kies een van: {', '.join(FLOW_PHASES)}",
                )
            elif phase["id"] in seen_phases:
                self.check.add(
                    phase,
                    phase.line_of("id"),
                    f"fase `{phase['id']}` staat twee keer in de flow",
                    "voeg de stappen samen in één fase",
                )
            elif seen_phases and FLOW_PHASES.index(phase["id"]) < FLOW_PHASES.index(seen_phases[-1]):  # both known
                self.check.add(
                    phase,
                    phase.line_of("id"),
                    f"fase `{phase['id']}` staat na `{seen_phases[-1]}`",
                    f"zet de fasen in deze volgorde: {', '.join(FLOW_PHASES)}",
                )
            if phase["id"] in FLOW_PHASES:
                seen_phases.append(phase["id"])
            if not phase["stappen"]:
                self.check.add(
                    phase,
                    phase.line_of("stappen"),
                    f"fase `{phase['id']}` heeft geen stappen",
                    "voeg minstens één stap toe",
                )
            steps = []
            for step in phase["stappen"]:
                parsed = self._step(step, phase, questions)
                if parsed:
                    if parsed.soort == "per_bouwopgave" and not choice_seen:
                        self.check.add(
                            step,
                            step.line_of("soort"),
                            f"stap {parsed.id} (`per_bouwopgave`) staat niet na een stap `bouwopgave_keuze`: "
                            "de bot stelt deze vragen dan nooit",
                            "zet eerder in de flow een stap met `soort: bouwopgave_keuze`",
                        )
                    choice_seen = choice_seen or parsed.soort == "bouwopgave_keuze"
                    steps.append(parsed)
                    step_ids.append((parsed.id, step))
            phases.append(Phase(phase["id"], phase.get("intro", ""), tuple(steps)))
        if not any(p.steps for p in phases):
            self.check.add(
                node, node.line_of("fasen"), "de flow heeft geen stappen", "voeg in minstens één fase een stap toe"
            )
        self._unique(step_ids, f"stappen in flow {node['id']}")
        return Flow(
            node["id"],
            node["titel"],
            node["omschrijving"],
            self.check.text_list(node, "startwoorden", "de flow"),
            tuple(phases),
            path,
            node.get("volgorde", 100),
            self._intervisie(node, [ident for ident, _ in step_ids]),
            self._samenvatting(node, [ident for ident, _ in step_ids]),
        )

    def _samenvatting(self, node: Located, step_ids: list[str]) -> SummarySpec | None:
        spec = node.get("samenvatting")
        if spec is None or not self.check.fields(spec, SAMENVATTING, "de samenvatting", node):
            return None
        for key in ("casus", "kern"):
            if key in spec and spec[key] not in step_ids:
                self.check.add(
                    spec,
                    spec.line_of(key),
                    f"`{key}` van de samenvatting noemt een onbekende stap `{spec[key]}`",
                    f"kies een stap-id uit deze flow: {', '.join(step_ids)}",
                )
        return SummarySpec(spec["titel"], spec.get("casus", ""), spec.get("kern", ""))

    def _intervisie(self, node: Located, step_ids: list[str]) -> IntervisieSheet | None:
        sheet = node.get("intervisie")
        if sheet is None or not self.check.fields(sheet, INTERVISIE, "het intervisieblad", node):
            return None
        for key in ("casus", "inbrengvraag", "moment"):
            if key in sheet and sheet[key] not in step_ids:
                self.check.add(
                    sheet,
                    sheet.line_of(key),
                    f"`{key}` van het intervisieblad noemt een onbekende stap `{sheet[key]}`",
                    f"kies een stap-id uit deze flow: {', '.join(step_ids)}",
                )
        if not 1 <= sheet["min_vragen"] <= sheet["max_vragen"]:
            self.check.add(
                sheet,
                sheet.line_of("min_vragen"),
                "`min_vragen` moet tussen 1 en `max_vragen` liggen",
                "bijvoorbeeld min_vragen: 5 en max_vragen: 8",
            )
        return IntervisieSheet(
            sheet["casus"], sheet["inbrengvraag"], sheet["min_vragen"], sheet["max_vragen"], sheet.get("moment", "")
        )

    def _step(self, node: Any, phase: Located, questions: dict[str, Question]) -> FlowStep | None:
        if not isinstance(node, Located) or not isinstance(node.get("soort", "open"), str):
            self.check.fields(node, STEP_BASE, "een stap", phase)
            return None
        soort = node.get("soort", "open")
        if soort not in STEP_KINDS:
            self.check.add(
                node, node.line_of("soort"), f"onbekende soort stap `{soort}`", f"kies een van: {', '.join(STEP_KINDS)}"
            )
            return None
        spec = {
            "open": STEP_OPEN,
            "bouwopgave_keuze": STEP_KEUZE,
            "per_bouwopgave": STEP_PER_BOUWOPGAVE,
            "verbeterstappen": STEP_VERBETERSTAPPEN,
        }[soort]
        if not self.check.fields(node, spec, f"stap {node.get('id', '?')}", phase):
            return None
        ident = node["id"]
        if soort == "open":
            question = self._open_question(node, ident, questions, f"stap {ident}")
            told = self._al_verteld(node, f"stap {ident}")
            if question and told:
                question = dataclasses.replace(question, al_verteld=told)
            return FlowStep(ident, soort, question=question, for_proposal=node.get("voor_voorstel", True))
        if soort == "bouwopgave_keuze":
            if "standaard" not in node and not node.get("zelf_kiezen", False):
                self.check.add(
                    node,
                    node.line,
                    f"stap {ident} mist het veld `standaard`",
                    "voeg `standaard:` toe (een lijst: de bouwopgaven die de bot voorstelt als hij geen "
                    "signaalwoorden vindt), of zet `zelf_kiezen: true`",
                )
            default = self.check.text_list(node, "standaard", f"stap {ident}")
            self.pending_bouwopgave_refs.extend((node, ref) for ref in default)
            return FlowStep(
                ident,
                soort,
                question=self._open_question(node, ident, questions, f"stap {ident}"),
                max=node.get("max", 3),
                default=default,
                self_pick=node.get("zelf_kiezen", False),
            )
        if soort == "per_bouwopgave":
            refs = [
                self._ref(node, ref, questions, f"stap {ident}")
                for ref in self.check.text_list(node, "vraag_ids", f"stap {ident}")
            ]
            return FlowStep(
                ident,
                soort,
                inleiding=node["inleiding"],
                questions=tuple(q for q in refs if q),
                with_themes=node.get("thema_vragen", True),
                offer_themes=node.get("thema_aanbieden", False),
            )
        parts: dict[str, Question] = {}
        ideas: tuple[str, ...] = ()
        for part in VERBETERSTAP_PARTS:
            if part in OPTIONAL_VERBETERSTAP_PARTS and part not in node:
                continue
            sub = node[part]
            what = f"`{part}` van stap {ident}"
            if part == "meer":
                if self.check.fields(sub, MEER, what, node):
                    parts[part] = Question(
                        f"{ident}.meer", sub["vraag"], Bron(OWN_QUESTION, bouwt_op="praatplaat, Reflectievragen")
                    )
            elif self.check.fields(sub, PART, what, node):
                question = self._open_question(sub, f"{ident}.{part}", questions, what)
                if question:
                    parts[part] = question
                if part == "wat":
                    ideas = tuple(self.check.text_list(sub, "ideeen_uit", what))
        return FlowStep(ident, soort, max=node.get("max", 3), parts=parts, ideas_from=ideas)

    def _al_verteld(self, node: Located, what: str) -> AlreadyTold | None:
        spec = node.get("al_verteld")
        what = f"`al_verteld` van {what}"
        if spec is None or not self.check.fields(spec, AL_VERTELD, what, node):
            return None
        if "{woorden}" not in spec["vraag"]:
            self.check.add(
                spec,
                spec.line_of("vraag"),
                f"de vraag van {what} bevat geen {{woorden}}",
                "zet {woorden} in de vraag op de plek van wat de gebruiker al noemde",
            )
        words = tuple(w.lower() for w in self.check.text_list(spec, "woorden", what))
        return AlreadyTold(words, spec["vraag"], spec.get("min", 1), spec.get("over_jezelf", False))

    def _ref(self, node: Located, ref: str, questions: dict[str, Question], what: str) -> Question | None:
        if ref not in questions:
            line = node.line_of("vraag_id") if "vraag_id" in node else node.line_of("vraag_ids")
            self.check.add(
                node,
                line,
                f"{what} verwijst naar een onbekende vraag `{ref}`",
                "gebruik een id uit catalogus/reflectievragen.yml of catalogus/themas.yml",
            )
            return None
        return questions[ref]

    def _open_question(self, node: Located, ident: str, questions: dict[str, Question], what: str) -> Question | None:
        if "vraag_id" in node:
            if "vraag" in node:
                self.check.add(
                    node, node.line_of("vraag"), f"{what} heeft zowel `vraag` als `vraag_id`", "houd er één over"
                )
            base = self._ref(node, node["vraag_id"], questions, what)
            if base is None:
                return None
            return Question(
                ident,
                base.vraag,
                base.bron,
                base.uitleg,
                base.voorbeeld,
                self._clarification(node.get("verduidelijking"), node, what) or base.verduidelijking,
            )
        missing = [key for key in ("vraag", "uitleg", "voorbeeld", "bron") if not node.get(key)]
        if missing:
            self.check.add(
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
            self._bron(node["bron"], node, what),
            node["uitleg"],
            node["voorbeeld"],
            self._clarification(node.get("verduidelijking"), node, what),
        )
