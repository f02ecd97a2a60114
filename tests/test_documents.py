"""The summary as Word and OpenDocument documents (bot/documents.py), opened again with the
libraries that read them, python-docx and odfpy: the text a reader meets, part by part."""

from __future__ import annotations

import dataclasses
import io
from typing import Any

import docx
import pytest
from odf import teletype
from odf.opendocument import load as load_odf

from bot.content import get_content
from bot.documents import to_docx, to_odt
from tests.summaries import DAYS, INTERVISIE, MADE, STEPS, intervisie_summary, reflection_summary


@dataclasses.dataclass
class Read:
    """A document as a reader meets it: each paragraph with its kind (title, heading1,
    heading2, paragraph, item), and the tables as rows of cell texts."""

    paragraphs: list[tuple[str, str]]
    tables: list[list[list[str]]]

    def texts(self, kind: str | None = None) -> list[str]:
        return [text for k, text in self.paragraphs if kind is None or k == kind]

    def everything(self) -> str:
        return "\n".join(self.texts() + [cell for table in self.tables for row in table for cell in row])


DOCX_KINDS = {"Title": "title", "Heading 1": "heading1", "Heading 2": "heading2", "List Bullet": "item"}


def read_docx(data: bytes) -> Read:
    document = docx.Document(io.BytesIO(data))
    paragraphs = []
    for paragraph in document.paragraphs:
        kind = DOCX_KINDS.get(paragraph.style.name, "item" if paragraph.style.name == "List Number" else "paragraph")
        paragraphs.append((kind, paragraph.text))
    tables = [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]
    return Read(paragraphs, tables)


def read_odt(data: bytes) -> Read:
    document = load_odf(io.BytesIO(data))
    paragraphs: list[tuple[str, str]] = []
    tables = []
    for element in document.text.childNodes:
        name = element.qname[1]
        if name == "h":
            paragraphs.append((f"heading{element.getAttribute('outlinelevel')}", teletype.extractText(element)))
        elif name == "p":
            kind = "title" if element.getAttribute("stylename") == "Title" else "paragraph"
            paragraphs.append((kind, teletype.extractText(element)))
        elif name == "list":
            paragraphs += [("item", teletype.extractText(item)) for item in element.childNodes]
        elif name == "table":
            tables.append([[teletype.extractText(cell) for cell in row.childNodes] for row in _rows(element)])
    return Read(paragraphs, tables)


def _rows(table: Any) -> list[Any]:
    """A table's rows, those under its header rows first."""
    rows = []
    for child in table.childNodes:
        if child.qname[1] == "table-header-rows":
            rows += list(child.childNodes)
        elif child.qname[1] == "table-row":
            rows.append(child)
    return rows


READERS = {"docx": (to_docx, read_docx), "odt": (to_odt, read_odt)}


def written(kind: str, summary: dict[str, Any]) -> Read:
    """``summary`` written as a ``kind`` file and read again."""
    write, read = READERS[kind]
    return read(write(get_content(), summary, MADE))


@pytest.fixture(scope="module")
def reflection() -> dict[str, Any]:
    return reflection_summary()


@pytest.fixture(scope="module")
def intervisie() -> dict[str, Any]:
    return intervisie_summary()


@pytest.mark.parametrize("kind", READERS)
def test_the_document_holds_the_synthesis_the_steps_as_a_table_and_the_privacy_line(kind, reflection):
    content = get_content()
    found = written(kind, reflection)
    brief = reflection["synthese"]

    assert found.paragraphs[0] == ("title", "Samenvatting van je reflectie")
    assert "Gesprek: Reflecteren op een lastige casus" in found.texts("paragraph")
    assert "Datum: 4 december 2026" in found.texts("paragraph")
    assert found.texts("heading1") == ["In het kort", "Verbeterstappen"]
    paragraphs = "\n".join(found.texts("paragraph"))
    for part in (brief["casus"], brief["lastig"], brief["kern"], brief["meenemen"], brief["bouwopgaven"][0]["naam"]):
        assert part and part in paragraphs, part

    [table] = found.tables
    assert table[0] == ["Wat", "Wie in de lead", "Wanneer", "Teken dat het gelukt is"]
    assert len(table) == 1 + len(STEPS)
    for row, step, day in zip(table[1:], STEPS, DAYS, strict=True):
        assert row[0] == step["wat"]
        assert row[1].startswith(step["wie"])
        assert row[2].startswith(step["wanneer"])
        assert row[3] == step["merkbaar"]
        if day is not None:  # the day read from it, so "over twee weken" still says when
            month = content.text("maanden").split()[day.month - 1]
            assert row[2] == f"{step['wanneer']} ({day.day} {month} {day.year})"
    assert STEPS[1]["eigen_stap"] in table[2][1]
    # The step without a date is named: it is not in the calendar.
    [note] = [p for p in found.texts("paragraph") if p.startswith("Geen datum herkend")]
    assert STEPS[1]["wat"] in note and STEPS[0]["wat"] not in note and STEPS[2]["wat"] not in note

    assert found.paragraphs[-1] == ("paragraph", content.text("samenvatting_privacy"))
    for answer in ("schuldig", "dochter"):  # the answers under the synthesis stay in the chat
        assert answer not in found.everything()


@pytest.mark.parametrize("kind", READERS)
def test_the_intervisie_document_is_its_intervisieblad(kind, intervisie):
    content = get_content()
    found = written(kind, intervisie)
    sheet = intervisie["intervisie"]
    assert found.paragraphs[0] == ("title", "Je intervisieblad")
    assert found.texts("heading1") == [
        "De casus",
        "Het moment waarop je moest kiezen",
        "Inbrengvraag",
        "Thema's die spelen",
        "Vragen die de groep kan stellen",
    ]
    for told in ("intervisie.casus", "intervisie.moment", "intervisie.inbrengvraag"):
        assert INTERVISIE[told] in found.texts("paragraph")
    assert found.texts("item") == [t["naam"] for t in sheet["themas"]] + sheet["vragen"]
    assert not found.tables and "Verbeterstap" not in found.everything()
    assert found.paragraphs[-1] == ("paragraph", content.text("samenvatting_privacy"))


@pytest.mark.parametrize("kind", READERS)
def test_what_the_user_typed_comes_back_as_typed(kind, reflection, intervisie):
    """Markup stays text; a table cell is one line (as in the Markdown), a paragraph keeps its lines."""
    typed = 'Overleg <b>W&I</b> & "wijkteam" </w:t>]]>'
    summary = {**reflection, "verbeterstappen": [{**STEPS[0], "wat": typed}]}
    [table] = written(kind, summary).tables
    assert table[1][0] == typed
    lines = "De jongere & W&I <i>botsten</i>.\nDaarna  belde ik."
    sheet = {**intervisie, "intervisie": {**intervisie["intervisie"], "casus": lines}}
    assert lines in written(kind, sheet).texts("paragraph")


def test_the_documents_name_their_title_and_language_and_no_one():
    content = get_content()
    summary = reflection_summary()
    word = docx.Document(io.BytesIO(to_docx(content, summary, MADE))).core_properties
    assert (word.title, word.author, word.language, word.comments) == (
        "Samenvatting van je reflectie",
        "Bouwgesprek",
        "nl-NL",
        "",
    )
    odt = load_odf(io.BytesIO(to_odt(content, summary, MADE)))
    assert "Samenvatting van je reflectie" in teletype.extractText(odt.meta)


@pytest.mark.parametrize("kind", READERS)
def test_the_intervisieblad_to_mail_to_the_group_holds_no_support_note_of_the_writer(kind, intervisie):
    """A tester who had strain during the preparation found the 113 note at the foot of the
    intervisieblad she was about to mail to her group; it stays in the chat, above the sheet."""
    summary = {**intervisie, "steun": get_content().text("samenvatting_steun")}
    found = written(kind, summary)
    assert "0800-0113" not in "\n".join(text for _, text in found.paragraphs)
    reflection_with_support = {**reflection_summary(), "steun": get_content().text("samenvatting_steun")}
    assert "0800-0113" in "\n".join(text for _, text in written(kind, reflection_with_support).paragraphs)
