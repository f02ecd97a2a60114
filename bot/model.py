"""The reflection content as Python objects, and the errors of broken content.

Built by ``bot.loader`` from the YAML in ``content/``; see ``bot.content`` to get it. Every
field a content file writes is declared here once, with :func:`bot.fields.spec`: the loader's
checks and the editors' JSON Schema (``bot.schema``) are derived from these declarations.

Why one module of this length: the content is one model whose classes refer to each other;
kept together, a field and its Dutch description for editors are found in one place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from bot.dates import names_a_day
from bot.fields import spec
from bot.requests import REQUESTS

OWN_QUESTION = "eigen vraag"
PHASES = ("welkom", "casus", "vensters", "kern", "bouwopgaven", "verbeterstappen", "afronding")
FLOW_PHASES = PHASES[1:-1]  # welkom and afronding belong to every flow
STEP_KINDS = ("open", "bouwopgave_keuze", "per_bouwopgave", "verbeterstappen")
VERBETERSTAP_PARTS = ("wat", "wie", "eigen_stap", "wanneer", "merkbaar", "meer")
# A flow may leave these out: eigen_stap (asked only when someone else has the lead) and merkbaar.
OPTIONAL_VERBETERSTAP_PARTS = ("eigen_stap", "merkbaar")
# Buttons may send a request of the registry (bot/requests.py) or answer the bot's question.
BUTTON_PAYLOADS = (
    *(request.payload for request in REQUESTS.values()),
    "/affirm",
    "/deny",
    "/choose_bouwopgave",
)
# How the content files write a list of words: for signaalwoorden, signalen and the like.
_WORDS = (
    "woorden of zinsdelen in kleine letters; een woord met * aan het eind vindt elk woord dat zo "
    "begint (sollicit* vindt solliciteren), een losse * staat voor een paar woorden ertussen"
)


# --------------------------------------------------------------------------- model


class KeepUnknown(dict):
    """Template values where an unknown {placeholder} an editor typed is left as it is."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


@dataclass(frozen=True)
class Bron:
    """Where a question or text comes from (``bron:``)."""

    document: str = spec(
        "een id uit content/bronnen.yml, of `eigen vraag` voor een vraag die voor de bot geschreven is"
    )
    sectie: str = spec("het hoofdstuk of kader in dat document; verplicht bij een document", default="")
    letterlijk: bool = spec("true als de tekst woord voor woord in het document staat", default=False)
    bouwt_op: str = spec(
        'bij `eigen vraag`: het document-id, een komma en de passage waarop de vraag rust, zoals "praatplaat, '
        'Venster 1: De inwoner"',
        default="",
    )

    @property
    def is_own(self) -> bool:
        return self.document == OWN_QUESTION


@dataclass(frozen=True)
class Clarification:
    """A follow-up question when an answer does not do yet what the step needs."""

    vraag: str = spec("de vervolgvraag")
    # words that make a short answer vague ...
    vaag: tuple[str, ...] = spec(
        f"woorden die op een vaag antwoord wijzen, in een kort antwoord: {_WORDS}", default=(), lower=True
    )
    # ... when it has at most this many words
    max_woorden: int = spec("een antwoord met een woord uit `vaag` is vaag tot zoveel woorden", default=0)
    # the answer must start with one of these (an open question)
    begint_met: tuple[str, ...] = spec(
        "het antwoord moet met een van deze woorden beginnen (een open vraag: hoe, wat, welke)", default=(), lower=True
    )
    # the answer must have one of these (or a number), whatever its length
    concreet: tuple[str, ...] = spec(
        f"het antwoord moet een van deze woorden (of een getal) hebben, hoe lang het ook is: {_WORDS}",
        default=(),
        lower=True,
    )
    # an answer with one of these always gets the follow-up
    vermijd: tuple[str, ...] = spec(
        "een antwoord met een van deze woorden krijgt altijd de vervolgvraag", default=(), lower=True
    )
    # asked once more when the reply to ``vraag`` still needs it
    nogmaals: str = spec(
        "een tweede, andere vervolgvraag als ook het antwoord op de eerste nog niet concreet is", default=""
    )
    # asked once when the answer names a moment but no day a calendar can hold (bot/dates.py)
    datum: str = spec(
        "een vraag naar een dag voor de agenda, één keer gesteld als in het antwoord geen dag te lezen is "
        "(zoals bij 'na de zomer' of 'bij het volgende teamoverleg'); niet na `nogmaals`",
        default="",
    )

    def needed_for(self, text: str) -> bool:
        """Whether ``text`` needs this follow-up."""
        lowered = " ".join(text.lower().split())
        vague = (
            bool(self.vaag) and len(lowered.split()) <= self.max_woorden and find_words(lowered, self.vaag) is not None
        )
        # The question may follow a lead-in: "hmm, ik denk iets als: hoe kan ik ..." (a tester's
        # was sent back with "Begin met 'Hoe kan ik'").
        closed = bool(self.begint_met) and not any(
            re.search(r"(?:^|[:,;.!?]\s*|\b(?:zoiets|iets) als\s+)" + re.escape(b), lowered) for b in self.begint_met
        )
        avoided = bool(self.vermijd) and find_words(lowered, self.vermijd) is not None
        # A day alone ("1 april") has a number but is no step; only where a day is asked for (a
        # follow-up with `datum`: "wanneer?") does it answer. A tester's summary read "Wat: 1 april".
        a_day_alone = bool(self.concreet) and not self.datum and len(lowered.split()) <= 3 and names_a_day(lowered)
        return (
            vague
            or closed
            or avoided
            or a_day_alone
            or (bool(self.concreet) and not is_concrete(lowered, self.concreet))
        )

    def needs_a_day(self, *texts: str) -> bool:
        """Whether to ask ``datum``: it is set and none of ``texts`` names a day."""
        return bool(self.datum) and not any(names_a_day(text) for text in texts)


def find_words(text: str, words: tuple[str, ...]) -> str | None:
    """The first of ``words`` (written as for ``is_concrete``) in ``text``, as it occurs there."""
    lowered = text.lower()
    for word in words:
        found = _concrete_pattern(word).search(lowered)
        if found:
            return text[found.start() : found.end()]
    return None


def is_concrete(text: str, words: tuple[str, ...]) -> bool:
    """Whether ``text`` has a number or one of ``words``: whole words or phrases; a word ending
    in ``*`` finds every word it starts ("plan*" finds "plannen"), a lone ``*`` up to four
    words ("nodig * uit" finds "nodig de klantmanager uit"). A number alone is not: "8" typed as
    one's own first step says nothing yet."""
    if re.search(r"\d", text) and not re.fullmatch(r"\s*\d+[.,]?\s*", text):
        return True
    return any(_concrete_pattern(word).search(text) for word in words)


def _concrete_pattern(phrase: str) -> re.Pattern[str]:
    parts = []
    for word in phrase.split():
        if word == "*":
            parts.append(r"(?:[^\s.,;:!?]+ ){0,4}")  # words within one clause
        else:
            parts.append(re.escape(word.rstrip("*")) + (r"\w*" if word.endswith("*") else r"(?!\w)") + " ")
    return re.compile(r"(?<!\w)" + "".join(parts).rstrip(" ").replace(r"(?!\w) ", r"(?!\w)\s?"))


# Who a feeling belongs to: the last person named before it in its clause (session 27, a tester's
# "hij was heel boos" came back as "Je noemde al ‘boos’").
WRITER = re.compile(r"\b(?:ik|ikzelf|me|mij|mezelf)\b")
OTHER_SUBJECT = re.compile(
    r"\b(?:hij|zij|ze|meneer|mevrouw|klant|inwoner|cliënt|client|zoon|dochter|moeder|vader|man|vrouw"
    r"|wijkteam|team|collega|klantmanager|consulent|wijkcoach|huisarts|buurman|buurvrouw)\b"
)


def _last_end(pattern: re.Pattern[str], text: str) -> int:
    return max((found.end() for found in pattern.finditer(text)), default=-1)


@dataclass(frozen=True)
class AlreadyTold:
    """A question that earlier answers may already cover: then it says so and asks for the rest."""

    woorden: tuple[str, ...] = spec(f"wat eerdere antwoorden al kunnen noemen: {_WORDS}", lower=True)
    # with {woorden}: the user's words found, quoted
    vraag: str = spec("de vraag met {woorden}: daar komen de woorden die de gebruiker al noemde")
    min: int = spec("hoeveel van de woorden gevonden moeten zijn", default=1)
    # Only where the writer says it of themselves ("ik was boos"), not of someone else ("het
    # wijkteam was boos op mij"): for feelings.
    over_jezelf: bool = spec(
        'true: een woord telt alleen in een zin met "ik" (bij gevoelens: "het wijkteam was boos" is niet jouw gevoel)',
        default=False,
    )

    def found_in(self, earlier: list[str]) -> list[str]:
        """The distinct words of this list in ``earlier`` answers, as the user wrote them.

        A word right after "als" or "ik ben" is the writer's own role ("ik als klantmanager"),
        not someone else: it counts only in a list of roles written that way ("als klantmanager")."""
        found: list[str] = []
        for word in self.woorden:
            for text in earlier:
                hit = next((h for h in self._hits(text, word) if h.lower() not in (f.lower() for f in found)), None)
                if hit:
                    found.append(hit)
                    break
        return found if len(found) >= self.min else []

    def _hits(self, text: str, word: str) -> list[str]:
        hits = []
        for clause in re.split(r"[.;:!?,]+|\s(?:maar|want|dus|omdat)\s", text):
            if self.over_jezelf and not re.search(r"\b(?:ik|ikzelf|voelde me|voel me)\b", clause, re.IGNORECASE):
                continue
            hit = find_words(clause, (word,))
            if not hit:
                continue
            before = clause[: clause.lower().find(hit.lower())].lower()
            if not word.startswith("als ") and re.search(r"(?:\bals|\bik ben(?: de| een)?)\s+$", before):
                continue  # the writer's own role
            if self.over_jezelf and _last_end(OTHER_SUBJECT, before) > _last_end(WRITER, before):
                continue  # "hij was heel boos ik belde de crisisdienst" (dictated): his anger, not the writer's
            if not before.strip() and hit[:1].isupper() and hit[1:] == hit[1:].lower():
                hit = hit[0].lower() + hit[1:]  # the capital of a sentence start: "Moeder belde" -> ‘moeder’
            hits.append(hit)
        return hits


@dataclass(frozen=True)
class Deepening:
    """A follow-up the bot asks when an answer leaves something open (content/verdieping.yml)."""

    id: str = spec("vaste naam, in kleine letters")
    vraag: str = spec("de doorvraag; {woorden} wordt het zinsdeel uit het antwoord")
    bron: Bron = spec("waarop de doorvraag rust (zie content/bronnen.yml)")
    signalen: tuple[str, ...] = spec(f"zinsdelen in het antwoord: {_WORDS}", default=(), lower=True)
    max_woorden: int = spec("de doorvraag past bij een antwoord van hoogstens zoveel woorden", default=0)
    fasen: tuple[str, ...] = spec("alleen bij vragen in deze fasen", default=(), choices=FLOW_PHASES)
    stappen: tuple[str, ...] = spec("alleen bij deze stappen, bijvoorbeeld [casus.gevoel]", default=())
    # Only where the writer says it ("achteraf zie ik ..."), not someone else ("zei ze achteraf").
    over_jezelf: bool = spec(
        'true: een zinsdeel telt niet als iemand anders het zegt ("de wijkcoach zei achteraf ...")', default=False
    )

    def found_in(self, text: str, phase: str, step: str) -> str | None:
        """The user's words this follow-up picks up in ``text``, or None when it does not apply."""
        if (self.fasen and phase not in self.fasen) or (self.stappen and step not in self.stappen):
            return None
        words = text.split()
        if self.max_woorden and len(words) > self.max_woorden:
            return None
        if self.signalen and self.over_jezelf:
            # a tester's "zei ze achteraf" (the wijkcoach's) was asked "Wat zie je nu wat je toen niet zag?"
            for clause in re.split(r"[.;:!?,]+|\s(?:maar|want|dus|omdat)\s", text):
                hit = find_words(clause, self.signalen)
                if hit:
                    before = clause[: clause.lower().find(hit.lower())].lower()
                    if WRITER.search(hit.lower()) or _last_end(OTHER_SUBJECT, before) <= _last_end(WRITER, before):
                        return hit
            return None
        if self.signalen:
            return find_words(text, self.signalen)
        return text.strip().rstrip(".!") if self.max_woorden and words else None


@dataclass(frozen=True)
class Listening:
    """How the bot takes in an answer: follow-ups, and short acknowledgements."""

    doorvragen: tuple[Deepening, ...] = spec(
        "de doorvragen, in volgorde: de eerste die past, telt", default=(), required=True
    )
    terugkoppeling: tuple[str, ...] = spec(
        "korte zinnen waarmee de bot een uitgebreid antwoord ontvangt; {woorden} wordt een zinsdeel uit het antwoord",
        default=(),
        required=True,
    )
    terugkoppeling_min_woorden: int = spec("vanaf zoveel woorden is een antwoord uitgebreid", default=12)


@dataclass(frozen=True)
class Begrip:
    """A term the questions use, explained when someone asks "wat bedoel je met ...?"."""

    id: str = spec("korte naam, uniek")
    woorden: tuple[str, ...] = spec(f"hoe iemand het begrip schrijft: {_WORDS}", lower=True)  # as for ``find_words``
    uitleg: str = spec("een paar zinnen in je-vorm, in de woorden van de bron")
    bron: Bron = spec("waar de uitleg op rust (zie content/bronnen.yml)")


@dataclass(frozen=True)
class Glossary:
    """content/begrippen.yml: the terms, and how a message asks what one means."""

    # "wat bedoel* * met", "betekent": written as for ``find_words``
    vragen: tuple[str, ...] = spec(
        f"zo vraagt iemand wat een woord betekent: {_WORDS}", default=(), required=True, lower=True
    )
    begrippen: tuple[Begrip, ...] = spec("de begrippen, elk met id, woorden, uitleg en bron", default=(), required=True)

    def asked_in(self, text: str) -> Begrip | None:
        """The term ``text`` asks the meaning of (the longest one named), if it asks one."""
        if find_words(text, self.vragen) is None:
            return None
        named = [(len(found), b) for b in self.begrippen if (found := find_words(text, b.woorden))]
        return max(named, key=lambda hit: hit[0])[1] if named else None


@dataclass(frozen=True)
class Question:
    id: str = spec("vaste naam; een flow verwijst ernaar met `vraag_id`")
    vraag: str = spec("de vraag")
    bron: Bron = spec("waar de vraag vandaan komt (zie content/bronnen.yml)")
    uitleg: str = spec('wat de vraag bedoelt, in gewone taal (getoond bij "uitleg")', default="")
    voorbeeld: str = spec("een voorbeeld van een antwoord", default="")
    verduidelijking: Clarification | None = spec(
        "een vervolgvraag als het antwoord nog niet concreet genoeg is", default=None
    )
    voor: str = spec(
        "voor wie de vraag bedoeld is als dat niet de uitvoerend professional is: manager of beleidsmaker", default=""
    )
    al_verteld: AlreadyTold | None = spec(
        "als eerdere antwoorden deze vraag al deels beantwoorden: de bot zegt wat de gebruiker al noemde en vraagt "
        "naar de rest",
        default=None,
    )
    # A praatplaat question of several questions, as one question in the chat; ``vraag`` stays
    # the document's wording (the intervisieblad quotes it).
    gesprek: str = spec(
        "de vraag zoals de bot hem in het gesprek stelt, als een vraag over deze casus, wanneer de praatplaat er "
        "meer in een zet; het intervisieblad citeert `vraag` woordelijk",
        default="",
    )

    def in_chat(self) -> Question:
        """The question as the bot asks it: ``gesprek`` when there is one, with its source."""
        if not self.gesprek:
            return self
        bron = Bron(self.bron.document, self.bron.sectie, False, self.bron.bouwt_op)
        return replace(self, vraag=self.gesprek, bron=bron)


@dataclass(frozen=True)
class Venster:
    id: str = spec("vaste naam, gebruikt in code en in flows")
    naam: str = spec("zoals de gebruiker hem ziet")
    kern: str = spec("een of twee zinnen: waar kijk je naar door dit venster")
    bron: Bron = spec("waar dit in de documenten staat (zie content/bronnen.yml)")


@dataclass(frozen=True)
class Thema:
    id: str = spec("vaste naam, gebruikt in bouwopgaven.yml en flows")
    naam: str = spec("zoals de gebruiker het thema ziet")
    niveau: str = spec("het niveau waarop de praatplaat het thema ordent")
    kern: str = spec("waar het thema over gaat, in een zin of twee; ook de uitleg bij zijn vragen")
    bron: Bron = spec("de sectie van het thema; zijn vragen nemen haar over, als letterlijk citaat")
    vragen: tuple[Question, ...] = spec("de vragen van het thema, woordelijk")


@dataclass(frozen=True)
class Bouwopgave:
    id: str = spec("vaste naam, gebruikt in code, knoppen en de samenvatting")
    nummer: int = spec("1 t/m 5, zoals op de praatplaat")
    naam: str = spec("de titel van de bouwopgave-pagina")
    kern: str = spec("waar het om gaat, in twee of drie zinnen")
    punten: tuple[str, ...] = spec("de belangrijkste aandachtspunten van de pagina, kort samengevat")
    praktijkvoorbeeld: str = spec("het praktijkvoorbeeld van de pagina")
    bron: Bron = spec("waar de bouwopgave staat (zie content/bronnen.yml)")
    signaalwoorden: tuple[str, ...] = spec(
        f"woorden die in de antwoorden erop wijzen dat deze bouwopgave speelt: {_WORDS}", lower=True
    )
    waarom: str = spec("de zin waarmee de bot een voorstel onderbouwt; {woorden} worden de woorden van de gebruiker")
    waarom_algemeen: str = spec("de zin als er geen signaalwoorden gevonden zijn")
    themas: tuple[str, ...] = spec("thema's uit de \"10 uitdagende vragen\" (id's uit catalogus/themas.yml)")
    thema_vragen: tuple[str, ...] = spec("de vragen uit die thema's die de reflectie stelt, zoals regie_voeren.1")


@dataclass(frozen=True)
class WerkzaamBestanddeel:
    """What clients or professionals named as working in integrated services (kennissynthese)."""

    id: str = spec("vaste naam (snake_case), gebruikt in code en in andere content")
    naam: str = spec("het kopje, precies zoals het in de kennissynthese staat")
    genoemd_door: str = spec("wie het bestanddeel noemde", choices=("klanten", "professionals"))
    kern: str = spec("wat de kennissynthese erover zegt, in twee of drie zinnen (in eigen woorden)")
    citaat: str = spec("een zin woordelijk uit die paragraaf")
    bron: Bron = spec("waar het bestanddeel staat (zie content/bronnen.yml)")
    bouwopgaven: tuple[str, ...] = spec("de bouwopgaven waar dit bestanddeel het meest aan bijdraagt: een of twee id's")
    signaalwoorden: tuple[str, ...] = spec(
        f"woorden waarmee een professional een casus beschrijft waarin dit bestanddeel speelt: {_WORDS}", lower=True
    )


@dataclass(frozen=True)
class FlowStep:
    """One step of a flow as written in the content (before expansion).

    Its question is written in the step itself (or named with ``vraag_id``), the parts of a
    verbeterstap under their names: bot/loader/flows.py reads both into ``question`` and ``parts``.
    """

    id: str = spec("vaste naam, uniek in de flow; hiermee staat het antwoord in de samenvatting")
    soort: str = spec(
        "open (als je soort weglaat), bouwopgave_keuze, per_bouwopgave of verbeterstappen",
        default="open",
        choices=STEP_KINDS,
    )
    question: Question | None = None
    max: int = spec("hoeveel bouwopgaven (bouwopgave_keuze) of verbeterstappen hoogstens", default=3)
    inleiding: str = spec(
        "opent elke vraag over een gekozen bouwopgave; {nummer} en {naam} worden ingevuld", default=""
    )
    questions: tuple[Question, ...] = spec(
        "de vragen uit de catalogus (id's) die de bot bij elke gekozen bouwopgave stelt",
        default=(),
        key="vraag_ids",
        ids=True,
    )
    parts: dict[str, Question] = field(default_factory=dict)
    default: tuple[str, ...] = spec(
        "de bouwopgaven (id's) die de bot voorstelt als hij in de antwoorden geen signaalwoorden vindt; verplicht, "
        "behalve met zelf_kiezen: true",
        default=(),
        key="standaard",
    )
    # bouwopgave_keuze: let the user pick, without a proposal
    self_pick: bool = spec(
        "true: de bot doet geen voorstel en de gebruiker kiest meteen zelf", default=False, key="zelf_kiezen"
    )
    # per_bouwopgave: also ask the bouwopgave's thema_vragen
    with_themes: bool = spec(
        "false: stel de thema_vragen van de bouwopgave (uit bouwopgaven.yml) niet", default=True, key="thema_vragen"
    )
    # per_bouwopgave: offer the thema_vragen as an optional verdieping
    offer_themes: bool = spec(
        "true: de bot vraagt eerst of de gebruiker dieper wil ingaan op de thema_vragen",
        default=False,
        key="thema_aanbieden",
    )
    # open: the answer counts when the bot proposes bouwopgaven
    for_proposal: bool = spec(
        "false: het antwoord telt niet mee als de bot een bouwopgave voorstelt (gevoelens, betrokkenen, het verhaal)",
        default=True,
        key="voor_voorstel",
    )
    # verbeterstappen: steps whose answers are offered as ideas
    ideas_from: tuple[str, ...] = spec(
        "stappen (id's) waarvan de antwoorden de bot aanbiedt als idee voor een verbeterstap, zoals [kern.anders, rv3]",
        default=(),
        key="ideeen_uit",
    )


@dataclass(frozen=True)
class IntervisieSheet:
    """A flow that ends in an intervisie sheet: which steps hold what, and how many questions."""

    casus: str = spec("de stap (id) waarvan het antwoord de casus beschrijft")
    inbrengvraag: str = spec("de stap (id) met de inbrengvraag")
    min_vragen: int = spec("minstens zoveel vragen voor de groep (minstens 1)")
    max_vragen: int = spec("hoogstens zoveel vragen voor de groep")
    # the step with the moment of choice (incidentmethode)
    moment: str = spec("de stap (id) met het moment waarop de inbrenger moest kiezen (incidentmethode)", default="")


@dataclass(frozen=True)
class Phase:
    id: str = spec("de fase; welkom en afronding horen bij elke flow en staan hier niet", choices=FLOW_PHASES)
    intro: str = spec("de zin waarmee de bot de fase opent", default="")
    steps: tuple[FlowStep, ...] = spec("de stappen van de fase, in volgorde", default=(), key="stappen", required=True)


@dataclass(frozen=True)
class Flow:
    id: str = spec("vaste naam van de flow: kleine letters, geen spaties")
    titel: str = spec("zoals de flow in het welkomstmenu staat")
    omschrijving: str = spec("een zin over wat de gebruiker ermee doet")
    startwoorden: tuple[str, ...] = spec("woorden waaraan de bot herkent dat iemand deze flow wil starten")
    phases: tuple[Phase, ...] = spec(
        "de fasen, in deze volgorde: casus, vensters, kern, bouwopgaven, verbeterstappen", key="fasen"
    )
    path: Path
    volgorde: int = spec(
        "plaats in het welkomstmenu; de flow met het laagste getal is de standaard (zonder: achteraan)", default=100
    )
    intervisie: IntervisieSheet | None = spec("de flow eindigt met een intervisieblad", default=None)
    samenvatting: SummarySpec | None = spec(
        'de titel van de samenvatting, en welke stappen bovenaan "In het kort" vullen', default=None
    )
    teamvoorbereiding: tuple[str, ...] = spec(
        "de stappen (ids) die een teamlid beantwoordt om zich voor te bereiden op een teamsessie, in een flow met "
        "een intervisieblad; de andere stappen slaat het teamlid over",
        default=(),
    )
    teamsessie: bool = spec(
        "true: wie deze flow afrondt, begeleidt een teamsessie; de bot maakt dan een code voor het team, en de "
        "gekozen bouwopgave is de focus (geen keuze: een open sessie)",
        default=False,
    )


@dataclass(frozen=True)
class SummarySpec:
    """A flow's own summary: its title and which steps the synthesis on top is made of."""

    titel: str = spec("de titel van de samenvatting")
    # step id: the case, in the user's first sentences
    casus: str = spec("de stap (id) met de casus: de eerste zinnen van dat antwoord", default="")
    kern: str = spec("de stap (id) met de kern of het inzicht", default="")  # step id: the kern or insight


@dataclass(frozen=True)
class Button:
    titel: str = spec("wat op de knop staat")
    payload: str = spec("wat de knop doet", choices=BUTTON_PAYLOADS)


@dataclass(frozen=True)
class BotText:
    tekst: str = spec("wat de bot zegt; tussen accolades staan plekken die de bot invult, laat die staan")
    knoppen: tuple[Button, ...] = spec("knoppen onder het bericht", default=())


@dataclass(frozen=True)
class Document:
    id: str = spec("korte naam; hiermee verwijst een `bron` naar dit document")
    bestand: str = spec("het tekstbestand in ../shared/seeds/ (alleen voor controle door de tests)")
    titel: str = spec('de titel zoals een gebruiker hem te zien krijgt bij "uitleg"')


@dataclass(frozen=True, kw_only=True)
class SignalLists:
    """The lists of content/signalen.yml, declared for the check and the editors' schema.

    ``Content.signalen`` holds them by name, in lower case (docs/judgement.md says what each does).
    """

    gevaar: tuple[str, ...] = spec(
        "levensgevaar, gedachten aan zelfdoding: de bot toont meteen het steunbericht met 113 en 112", lower=True
    )
    gevaar_woorden: tuple[str, ...] = spec(
        "woorden over de dood en over jezelf iets aandoen, voor wie het zelf zwaar heeft: dan is het gevaar",
        lower=True,
    )
    spanning: tuple[str, ...] = spec(
        "overbelasting van de schrijver zelf: de bot vraagt eerst kort hoe het nu gaat", lower=True
    )
    spanning_woorden: tuple[str, ...] = spec(
        "woorden over hoe het met iemand zelf gaat, in een kort bericht over de schrijver: de bot vraagt hoe het gaat",
        lower=True,
    )
    vaktaal: tuple[str, ...] = spec(
        "eindes van woorden uit het vak: een woord dat zo eindigt is geen signaal (suïcideprotocol)",
        default=(),
        lower=True,
    )
    uitdrukkingen: tuple[str, ...] = spec(
        "vaste uitdrukkingen met een zwaar woord die niets zeggen over hoe het met iemand gaat (dood simpel)",
        default=(),
        lower=True,
    )
    geen_tikfout: tuple[str, ...] = spec(
        "echte woorden die geen tikfout zijn van een woord uit gevaar of spanning (sparen is geen staren)",
        default=(),
        lower=True,
    )
    casus: tuple[str, ...] = spec(
        "woorden waaraan de bot ziet dat een zin over de casus gaat: zo'n bericht is een antwoord", lower=True
    )
    engels: tuple[str, ...] = spec("veelvoorkomende Engelse woordjes", lower=True)
    voortgang: tuple[str, ...] = spec("vragen aan de bot over hoe ver de reflectie is", lower=True)
    vraag_aan_bot: tuple[str, ...] = spec("zo stelt iemand de bot een vraag over de vraag zelf", lower=True)
    pauze: tuple[str, ...] = spec("zo zegt iemand dat hij even wil pauzeren: een pauze, nooit een stop", lower=True)
    geruststelling: tuple[str, ...] = spec(
        "zo zegt iemand dat het meevalt: dan vraagt de bot niet op grond van zijn taalmodel alleen hoe het gaat",
        lower=True,
    )
    hersteld: tuple[str, ...] = spec(
        "zo zegt iemand dat het nu weer goed gaat: na een zinsdeel uit `spanning` is het dan geen spanning",
        default=(),
        lower=True,
    )
    vertrek: tuple[str, ...] = spec(
        "zinsdelen uit `gevaar` over weggaan, die ook over een baan kunnen gaan: naast `werk_eindigt` vraagt de bot"
        " eerst hoe het gaat, met 113 erbij",
        default=(),
        lower=True,
    )
    werk_eindigt: tuple[str, ...] = spec(
        "zo zegt iemand dat zijn werk hier ophoudt (een nieuwe baan, een overdracht), in dit bericht of een eerder"
        " antwoord",
        default=(),
        lower=True,
    )
    erkenning: tuple[str, ...] = spec(
        'zo zegt iemand "begrepen" tegen de bot: geen antwoord op een open vraag', lower=True
    )
    over_het_gesprek: tuple[str, ...] = spec(
        'zo zegt iemand iets over het gesprek zelf ("ik ben er weer", "zei ik net toch"): geen antwoord',
        default=(),
        lower=True,
    )
    onderbreking: tuple[str, ...] = spec(
        'zo vertelt iemand wat het gesprek onderbrak ("er kwam een collega binnen"): na "ik ben er weer" '
        "geen antwoord",
        default=(),
        lower=True,
    )
    verzoek_overslaan: tuple[str, ...] = spec(
        "zo vraagt iemand om over te slaan in een bericht waarin het ook zwaar klinkt", lower=True
    )
    verzoek_terug: tuple[str, ...] = spec(
        "zo vraagt iemand om terug te gaan in een bericht waarin het ook zwaar klinkt", lower=True
    )
    verzoek_stoppen: tuple[str, ...] = spec(
        "zo vraagt iemand om te stoppen in een bericht waarin het ook zwaar klinkt", lower=True
    )
    verzoek_uitleg: tuple[str, ...] = spec(
        "zo vraagt iemand om uitleg in een bericht waarin het ook zwaar klinkt", lower=True
    )
    verzoek_korter: tuple[str, ...] = spec(
        'zo vraagt iemand om het korter te houden ("kunnen we het kort houden?"): de bot biedt aan meteen '
        "naar de verbeterstappen te gaan, ook na de vraag hoe het gaat",
        default=(),
        lower=True,
    )


@dataclass(frozen=True)
class Content:
    root: Path
    documents: dict[str, Document]
    vensters: dict[str, Venster]
    bouwopgaven: dict[str, Bouwopgave]
    themas: dict[str, Thema]
    reflectievragen: dict[str, Question]
    questions: dict[str, Question]  # every catalog question by id
    texts: dict[str, str]
    flows: dict[str, Flow]
    signalen: dict[str, tuple[str, ...]]
    berichten: dict[str, BotText]
    werkzame_bestanddelen: dict[str, WerkzaamBestanddeel] = field(default_factory=dict)
    luisteren: Listening = field(default_factory=Listening)
    begrippen: Glossary = field(default_factory=Glossary)

    def text(self, key: str, **values: Any) -> str:
        """A text from teksten.yml; a placeholder the code does not fill stays visible as typed."""
        return self.texts[key].format_map(KeepUnknown(values))

    def bron_label(self, bron: Bron) -> str:
        if bron.is_own:
            # "praatplaat, Venster 1" reads better with the document's title.
            document, _, passage = bron.bouwt_op.partition(",")
            if document.strip() in self.documents and passage:
                return self.text("bron_eigen", bouwt_op=f"{self.documents[document.strip()].titel},{passage}")
            return self.text("bron_eigen", bouwt_op=bron.bouwt_op)
        return self.text("bron", titel=self.documents[bron.document].titel, sectie=bron.sectie)


# --------------------------------------------------------------------------- errors


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int
    what: str
    fix: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.what}: {self.fix}"


class ContentError(Exception):
    """The content has problems; ``problems`` lists all of them."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (str(p.path), p.line))
        super().__init__("\n".join(str(p) for p in self.problems))
