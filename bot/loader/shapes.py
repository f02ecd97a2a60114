"""What each content file holds: its blocks and their fields, derived from ``bot.model``.

The loader checks every block against its shape here, and ``bot.schema`` writes the same
shapes as JSON Schema for editors. A shape names the fields of a block; their types,
defaults and Dutch descriptions are declared once, in ``bot.model``. A block that builds
a whole dataclass takes all of its fields; the others list which fields they take, in the
order the messages of ``make content-check`` name them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from bot.fields import FieldSpec, Named, Shape, Variants, shape
from bot.messages import REQUIRED_MESSAGES, REQUIRED_TEXTS
from bot.model import (
    OPTIONAL_VERBETERSTAP_PARTS,
    STEP_KINDS,
    VERBETERSTAP_PARTS,
    AlreadyTold,
    Begrip,
    BotText,
    Bouwopgave,
    Bron,
    Button,
    Clarification,
    Deepening,
    Document,
    Flow,
    FlowStep,
    Glossary,
    IntervisieSheet,
    Listening,
    Phase,
    Question,
    SignalLists,
    SummarySpec,
    Thema,
    Venster,
    WerkzaamBestanddeel,
)

# --------------------------------------------------------------------------- blocks

BRON = shape(Bron)
CLARIFICATION = shape(Clarification)
AL_VERTELD = shape(AlreadyTold)
DOCUMENT = shape(Document)

# -- the catalog
VENSTER = shape(Venster)
REFLECTIEVRAAG = shape(
    Question,
    *("id", "vraag", "uitleg", "voorbeeld", "bron", "verduidelijking"),
    name="reflectievraag",
    required=("uitleg", "voorbeeld"),
)
# A theme's questions take the theme's bron, as a quote, and its kern as their uitleg.
THEMA_VRAAG = shape(Question, "id", "vraag", "voor", "gesprek", name="themavraag")
THEMA = shape(Thema, nested={"vragen": THEMA_VRAAG})
BOUWOPGAVE = shape(Bouwopgave)
BESTANDDEEL = shape(WerkzaamBestanddeel)

# -- flows
VRAAG_ID = FieldSpec(
    "vraag_id",
    str,
    False,
    "de id van een vraag uit de catalogus (zoals rv6); de stap neemt dan vraag, uitleg, voorbeeld en bron over",
)
# A question written in a step, or taken from the catalog with vraag_id: which of its fields a
# step then needs, the loader says (bot/loader/flows.py).
QUESTION_FIELDS = shape(
    Question, "vraag", VRAAG_ID, "uitleg", "voorbeeld", "bron", name="vraag", optional=("vraag", "bron")
)
STEP_BASE = shape(FlowStep, "id", "soort", name="stap")
STEP_OPEN = shape(
    FlowStep,
    *(STEP_BASE, QUESTION_FIELDS, shape(Question, "verduidelijking"), "for_proposal", shape(Question, "al_verteld")),
    name="stap_open",
)
STEP_KEUZE = shape(FlowStep, STEP_BASE, QUESTION_FIELDS, "max", "default", "self_pick", name="stap_bouwopgave_keuze")
STEP_PER_BOUWOPGAVE = shape(
    FlowStep,
    *(STEP_BASE, "inleiding", "questions", "with_themes", "offer_themes"),
    name="stap_per_bouwopgave",
    required=("inleiding", "questions"),
)
# One part of a verbeterstap: a question, and for `wat` the earlier steps offered as ideas.
PART = shape(Question, QUESTION_FIELDS, "verduidelijking", shape(FlowStep, "ideas_from"), name="verbeterstap_deel")
MEER = shape(Question, "vraag", name="meer")
# The parts as a step writes them, in the order the messages name them (the bot asks them in
# the order of VERBETERSTAP_PARTS).
PART_DOCS = {
    "wat": "de vraag naar de verbeterstap zelf: wat ga je doen",
    "wie": "de vraag wie de verbeterstap in de lead heeft",
    "wanneer": "de vraag wanneer het gebeurt",
    "merkbaar": "de vraag waaraan je merkt dat het gelukt is, na `wanneer`",
    "eigen_stap": "de vraag naar je eigen eerste stap, alleen gesteld als iemand anders de lead heeft",
    "meer": 'de vraag of er nog een verbeterstap is, zoals "Wil je nog een verbeterstap vastleggen?"',
}
assert set(PART_DOCS) == set(VERBETERSTAP_PARTS)
STEP_VERBETERSTAPPEN = shape(
    FlowStep,
    STEP_BASE,
    "max",
    *(
        FieldSpec(part, dict, part not in OPTIONAL_VERBETERSTAP_PARTS, doc, nested=MEER if part == "meer" else PART)
        for part, doc in PART_DOCS.items()
    ),
    name="stap_verbeterstappen",
)
STEP = Variants(
    "stap",
    "soort",
    "open",
    {
        "open": STEP_OPEN,
        "bouwopgave_keuze": STEP_KEUZE,
        "per_bouwopgave": STEP_PER_BOUWOPGAVE,
        "verbeterstappen": STEP_VERBETERSTAPPEN,
    },
)
assert tuple(STEP.shapes) == STEP_KINDS
PHASE = shape(Phase, nested={"steps": STEP})
INTERVISIE = shape(IntervisieSheet)
SAMENVATTING = shape(SummarySpec)
FLOW = shape(Flow, nested={"phases": PHASE})

# -- messages, texts, signals, listening and terms
BERICHT = shape(BotText)
KNOP = shape(Button)
SIGNALEN = shape(SignalLists)
VERDIEPING = shape(Listening)
DOORVRAAG = shape(Deepening)
BEGRIPPEN = shape(Glossary)
BEGRIP = shape(Begrip)


# --------------------------------------------------------------------------- files


@dataclass(frozen=True)
class ContentFile:
    """A file of the content folder and what it holds."""

    path: str  # in the content folder; flows/*.yml: each flow is a file of its own
    doc: str  # what it holds, for editors
    top: Shape  # the fields at its top
    kind: str = ""  # the name of its schema, when that is not the file's own name

    @property
    def schema(self) -> str:
        """Its JSON Schema is content/schema/<schema>.schema.json."""
        return self.kind or PurePosixPath(self.path).stem

    @property
    def key(self) -> str:
        """The one key at the top of a file that holds its blocks under one key."""
        (key,) = self.top.fields
        return key


def _under(key: str, doc: str, nested: Shape | Named) -> Shape:
    """A file whose blocks are under one key: a list of them, or a block of named ones."""
    kind = list if isinstance(nested, Shape) else dict
    return Shape(key, {key: FieldSpec(key, kind, True, doc, nested=nested)})


BRONNEN_FILE = ContentFile(
    "bronnen.yml",
    "De brondocumenten; elke `bron` in content/ verwijst naar een van deze documenten.",
    _under("documenten", "de brondocumenten", DOCUMENT),
)
VENSTERS_FILE = ContentFile(
    "catalogus/vensters.yml",
    "De vier vensters van integraal werken.",
    _under("vensters", "de vensters", VENSTER),
)
REFLECTIEVRAGEN_FILE = ContentFile(
    "catalogus/reflectievragen.yml",
    "De zes reflectievragen van de praatplaat; een flow verwijst ernaar met `vraag_id`.",
    _under("reflectievragen", "de reflectievragen", REFLECTIEVRAAG),
)
THEMAS_FILE = ContentFile(
    "catalogus/themas.yml",
    'De tien thema\'s van de "10 uitdagende vragen", met al hun vragen.',
    _under("themas", "de thema's", THEMA),
)
BOUWOPGAVEN_FILE = ContentFile(
    "catalogus/bouwopgaven.yml",
    "De vijf bouwopgaven van de praatplaat.",
    _under("bouwopgaven", "de bouwopgaven", BOUWOPGAVE),
)
BESTANDDELEN_FILE = ContentFile(
    "catalogus/werkzame_bestanddelen.yml",
    "De werkzame bestanddelen van integrale dienstverlening (kennissynthese, hoofdstuk 4).",
    _under("werkzame_bestanddelen", "de werkzame bestanddelen", BESTANDDEEL),
)
FLOW_FILE = ContentFile(
    "flows/*.yml", "Een flow: een manier van gesprek voeren, met zijn fasen en stappen in volgorde.", FLOW, "flow"
)
BERICHTEN_FILE = ContentFile(
    "berichten.yml",
    "De vaste berichten van de bot en de knoppen eronder.",
    _under(
        "berichten", "de berichten, elk onder een vaste naam", Named("berichten", BERICHT, tuple(REQUIRED_MESSAGES))
    ),
)
TEKSTEN_FILE = ContentFile(
    "teksten.yml",
    "Stukjes tekst voor de samenvatting, de bronvermelding en de preview.",
    _under("teksten", "de teksten, elk onder een vaste naam", Named("teksten", None, tuple(REQUIRED_TEXTS))),
)
SIGNALEN_FILE = ContentFile(
    "signalen.yml",
    "Zinsdelen waaraan de bot herkent dat iemand het zwaar heeft, wil pauzeren of iets vraagt.",
    SIGNALEN,
)
VERDIEPING_FILE = ContentFile(
    "verdieping.yml",
    "Luisteren en doorvragen: hoe de bot op een antwoord ingaat voordat hij verder gaat.",
    VERDIEPING,
)
BEGRIPPEN_FILE = ContentFile(
    "begrippen.yml",
    'Begrippen uit de vragen, met een korte uitleg, voor "wat bedoel je met ...?".',
    BEGRIPPEN,
)
FILES = (
    BRONNEN_FILE,
    VENSTERS_FILE,
    REFLECTIEVRAGEN_FILE,
    THEMAS_FILE,
    BOUWOPGAVEN_FILE,
    BESTANDDELEN_FILE,
    FLOW_FILE,
    BERICHTEN_FILE,
    TEKSTEN_FILE,
    SIGNALEN_FILE,
    VERDIEPING_FILE,
    BEGRIPPEN_FILE,
)
