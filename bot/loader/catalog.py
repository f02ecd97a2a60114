"""Reading the sources and the catalog: bronnen.yml and content/catalogus/.

The catalog follows the source documents: the vensters, the reflectievragen, the themes of
the "10 uitdagende vragen" with their questions, the bouwopgaven and the werkzame
bestanddelen. Flows refer to its questions by id.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from bot.fields import Shape
from bot.loader.reader import Reader
from bot.loader.shapes import (
    BESTANDDEEL,
    BESTANDDELEN_FILE,
    BOUWOPGAVE,
    BOUWOPGAVEN_FILE,
    BRONNEN_FILE,
    DOCUMENT,
    REFLECTIEVRAAG,
    REFLECTIEVRAGEN_FILE,
    THEMA,
    THEMA_VRAAG,
    THEMAS_FILE,
    VENSTER,
    VENSTERS_FILE,
    ContentFile,
)
from bot.model import Bouwopgave, Document, Question, Thema, Venster, WerkzaamBestanddeel
from bot.yamlsource import Located


@dataclass(frozen=True)
class Catalog:
    vensters: dict[str, Venster]
    reflectievragen: dict[str, Question]
    themas: dict[str, Thema]
    questions: dict[str, Question]  # every catalog question by id: reflectievragen and the themes' questions
    bouwopgaven: dict[str, Bouwopgave]


def read_documents(reader: Reader) -> None:
    """bronnen.yml, into ``reader.documents``: every source names one of them."""
    for node in reader.problems.list_file(reader.root / BRONNEN_FILE.path, BRONNEN_FILE.key):
        if reader.problems.fields(node, DOCUMENT, "een document"):
            reader.documents[node["id"]] = reader.build(Document, node, DOCUMENT, "een document")


def read_catalog(reader: Reader) -> Catalog:
    vensters = _vensters(reader)
    reflectievragen = _reflectievragen(reader)
    themas = _themas(reader)
    questions: dict[str, Question] = dict(reflectievragen)
    for thema in themas.values():
        questions.update({q.id: q for q in thema.vragen})
    bouwopgaven = _bouwopgaven(reader, themas, questions)
    return Catalog(vensters, reflectievragen, themas, questions, bouwopgaven)


def _checked(reader: Reader, file: ContentFile, shape: Shape, what: str, plural: str) -> list[Located]:
    """The blocks of a catalog file that have the fields of ``shape``, their ids checked unique."""
    blocks = reader.problems.list_file(reader.root / file.path, file.key)
    nodes = [node for node in blocks if reader.problems.fields(node, shape, what)]
    reader.problems.unique(((node["id"], node) for node in nodes), plural)
    return nodes


def _vensters(reader: Reader) -> dict[str, Venster]:
    nodes = _checked(reader, VENSTERS_FILE, VENSTER, "een venster", "vensters")
    return {n["id"]: reader.build(Venster, n, VENSTER, f"venster {n['id']}") for n in nodes}


def _reflectievragen(reader: Reader) -> dict[str, Question]:
    nodes = _checked(reader, REFLECTIEVRAGEN_FILE, REFLECTIEVRAAG, "een reflectievraag", "reflectievragen")
    return {n["id"]: reader.build(Question, n, REFLECTIEVRAAG, f"reflectievraag {n['id']}") for n in nodes}


def _themas(reader: Reader) -> dict[str, Thema]:
    result: dict[str, Thema] = {}
    nodes = _checked(reader, THEMAS_FILE, THEMA, "een thema", "thema's")
    all_questions: list[tuple[str, Located]] = []
    for node in nodes:
        what = f"thema {node['id']}"
        bron = reader.bron(node["bron"], node, what)
        quoted = replace(bron, letterlijk=True)
        vragen = []
        for q in node["vragen"]:
            if reader.problems.fields(q, THEMA_VRAAG, f"een vraag van {what}", node):
                all_questions.append((q["id"], q))
                # The theme's own explanation serves as the uitleg of its questions.
                vragen.append(reader.build(Question, q, THEMA_VRAAG, what, bron=quoted, uitleg=node["kern"]))
        result[node["id"]] = reader.build(Thema, node, THEMA, what, bron=bron, vragen=tuple(vragen))
    reader.problems.unique(all_questions, "vragen van thema's")
    return result


def _bouwopgaven(reader: Reader, themas: dict[str, Thema], questions: dict[str, Question]) -> dict[str, Bouwopgave]:
    result: dict[str, Bouwopgave] = {}
    nodes = _checked(reader, BOUWOPGAVEN_FILE, BOUWOPGAVE, "een bouwopgave", "bouwopgaven")
    for node in nodes:
        what = f"bouwopgave {node['id']}"
        own_themas = reader.problems.text_list(node, "themas", what)
        reader.problems.references(
            node,
            "themas",
            own_themas,
            themas,
            f"{what} noemt een onbekend thema",
            f"kies uit de id's in catalogus/themas.yml: {', '.join(themas)}",
        )
        thema_vragen = reader.problems.text_list(node, "thema_vragen", what)
        reader.problems.references(
            node,
            "thema_vragen",
            thema_vragen,
            questions,
            f"{what} verwijst naar een onbekende vraag",
            "gebruik een vraag-id uit catalogus/themas.yml, zoals `regie_voeren.1`",
        )
        if "{woorden}" not in node["waarom"]:
            reader.problems.add(
                node,
                node.line_of("waarom"),
                f"`waarom` van {what} bevat geen {{woorden}}",
                "zet {woorden} in de zin op de plek van de woorden van de gebruiker",
            )
        result[node["id"]] = reader.build(
            Bouwopgave, node, BOUWOPGAVE, what, themas=own_themas, thema_vragen=thema_vragen
        )
    return result


def read_bestanddelen(reader: Reader, bouwopgaven: dict[str, Bouwopgave]) -> dict[str, WerkzaamBestanddeel]:
    nodes = _checked(reader, BESTANDDELEN_FILE, BESTANDDEEL, "een werkzaam bestanddeel", "werkzame bestanddelen")
    result = {}
    for node in nodes:
        what = f"werkzaam bestanddeel {node['id']}"
        choices = BESTANDDEEL.fields["genoemd_door"].choices
        if node["genoemd_door"] not in choices:
            reader.problems.add(
                node,
                node.line_of("genoemd_door"),
                f"`genoemd_door` van {what} is onbekend",
                f"kies {' of '.join(choices)}",
            )
        linked = reader.problems.text_list(node, "bouwopgaven", what)
        reader.problems.references(
            node,
            "bouwopgaven",
            linked,
            bouwopgaven,
            f"{what} noemt een onbekende bouwopgave",
            f"kies uit: {', '.join(bouwopgaven)}",
        )
        result[node["id"]] = reader.build(WerkzaamBestanddeel, node, BESTANDDEEL, what, bouwopgaven=linked)
    return result
