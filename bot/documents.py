"""The summary as documents to hand on: a Word document and an OpenDocument text.

They hold what a professional hands on to a teamleider: a title, the flow's name and the
date, the synthesis ("In het kort"), the verbeterstappen as a table (with the day each
wanneer was read as), the question to take along, the intervisieblad for a flow that ends
in one, and the privacy line the chat page shows under the summary. The layout is decided
once (``document``) and drawn by one small renderer per format. All text comes from
content/.

Why one module of this length: the layout and its two renderers change together (a part
added to the layout needs a way to draw it in both formats), and kept apart they would drift.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from odf import teletype
from odf.dc import Language as OdfLanguage
from odf.dc import Title as OdfTitle
from odf.opendocument import OpenDocumentText
from odf.style import (
    DefaultStyle,
    ListLevelProperties,
    ParagraphProperties,
    Style,
    TableCellProperties,
    TableColumnProperties,
    TableProperties,
    TextProperties,
)
from odf.table import Table as OdfTable
from odf.table import TableCell, TableColumn, TableHeaderRows, TableRow
from odf.text import H, ListItem, ListLevelStyleBullet, ListLevelStyleNumber, ListStyle, P, Span
from odf.text import List as OdfList

from bot.agenda import dated_steps, day_text, one_line, undated_note
from bot.model import Content
from bot.summary import steps_cells

LANGUAGE, COUNTRY = "nl", "NL"


@dataclass(frozen=True)
class Title:
    text: str


@dataclass(frozen=True)
class Line:
    text: str


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1


@dataclass(frozen=True)
class Labelled:
    """A bold label and the text after it on one line: "De kern: ..."."""

    label: str
    text: str


@dataclass(frozen=True)
class Table:
    heads: list[str]
    rows: list[list[str]]


@dataclass(frozen=True)
class Items:
    items: list[str]
    numbered: bool = False


@dataclass(frozen=True)
class Note:
    """A remark in italics, like the privacy line."""

    text: str


Block = Title | Line | Heading | Labelled | Table | Items | Note


def _steps_table(content: Content, summary: dict[str, Any], today: date) -> Table:
    """The verbeterstappen, with the day a wanneer was read as behind it: "over twee weken" still
    says when once the document is read a month later."""
    steps = summary["verbeterstappen"]
    heads, rows = steps_cells(content, steps)
    for cells, (step, day) in zip(rows, dated_steps(summary, today), strict=True):
        if day is not None:
            cells[2] = content.text(
                "export_wanneer_datum", wanneer=one_line(step.get("wanneer", "")), datum=day_text(content, day)
            )
    filled = [[one_line(cell) or content.text("overgeslagen") for cell in cells] for cells in rows]
    return Table(heads, filled)


def document(content: Content, summary: dict[str, Any], made: datetime) -> list[Block]:
    """What the Word and OpenDocument files hold, in order."""
    text = content.text
    today = made.date()
    blocks: list[Block] = [
        Title(summary.get("titel_samenvatting") or text("samenvatting_titel")),
        Line(text("samenvatting_flow", titel=summary.get("titel", ""))),
        Line(text("export_datum", datum=day_text(content, today))),
    ]
    brief = summary.get("synthese")
    if brief:
        blocks.append(Heading(text("kop_synthese")))
        if brief.get("casus"):
            blocks.append(Labelled(text("synthese_casus"), brief["casus"]))
        if brief.get("lastig"):
            blocks.append(Labelled(text("synthese_lastig"), f"‘{brief['lastig']}’"))
        if brief.get("kern"):
            blocks.append(Labelled(text("synthese_kern"), one_line(brief["kern"])))
        if brief.get("bouwopgaven"):
            names = "; ".join(f"{b['nummer']}. {b['naam']}" for b in brief["bouwopgaven"])
            reason = brief.get("gekozen_omdat")
            names += f" — ‘{reason}’" if reason else ""
            several = len(brief["bouwopgaven"]) > 1
            blocks.append(Labelled(text("synthese_bouwopgaven" if several else "synthese_bouwopgave"), names))
        blocks.append(Heading(text("kop_verbeterstappen")))
        if summary.get("verbeterstappen"):
            blocks.append(_steps_table(content, summary, today))
            note = undated_note(content, summary, today)
            if note:
                blocks.append(Line(note))
        else:
            blocks.append(Line(text("geen_verbeterstappen")))
        blocks.append(Labelled(text("synthese_meenemen"), brief.get("meenemen", "")))
    sheet = summary.get("intervisie")
    if sheet:
        # Under a heading of its own after a synthesis; else the document's title says what it is.
        level = 2 if brief else 1
        if brief:
            blocks.append(Heading(text("kop_intervisie")))
        blocks += [Heading(text("intervisie_casus"), level), Line(sheet.get("casus", ""))]
        if sheet.get("moment"):
            blocks += [Heading(text("intervisie_moment"), level), Line(sheet["moment"])]
        blocks += [Heading(text("intervisie_inbrengvraag"), level), Line(sheet.get("inbrengvraag", ""))]
        blocks += [Heading(text("intervisie_themas"), level), Items([t["naam"] for t in sheet.get("themas", [])])]
        blocks += [Heading(text("intervisie_vragen"), level), Items(list(sheet.get("vragen", [])), numbered=True)]
    if not brief and not sheet:  # a flow an editor added that ends in neither: the answers
        for answer in summary.get("answers", []):
            blocks += [Heading(answer["question"]), Line(answer["answer"] or text("overgeslagen"))]
    if summary.get("steun") and not sheet:
        # An intervisieblad goes to the group: the writer's support note stays in the chat.
        blocks.append(Note(summary["steun"]))
    blocks.append(Note(text("samenvatting_privacy")))
    return blocks


# --------------------------------------------------------------------------- Word


def _docx_language(element: Any) -> None:
    """Mark a style's text as Dutch, for spelling and screen readers."""
    properties = element.get_or_add_rPr()
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), f"{LANGUAGE}-{COUNTRY}")
    properties.append(language)


def team_document(content: Content, overview: dict[str, Any], made: datetime) -> list[Block]:
    """A team session's overview (bot/team.py) as the facilitator hands it on: what was shared,
    names only where a member signed."""
    text = content.text
    blocks: list[Block] = [
        Title(text("team_export_titel")),
        Line(text("export_datum", datum=day_text(content, made.date()))),
        Line(text("team_overzicht_kop", aantal=overview.get("deelnemers", 0), focus=overview.get("focus_tekst", ""))),
    ]
    counts = overview.get("bouwopgaven") or []
    if counts:
        blocks += [
            Heading(text("team_overzicht_bouwopgaven")),
            Items([f"{b['nummer']}. {b['naam']}: {b['aantal']}×" for b in counts]),
        ]
    questions = overview.get("leervragen") or []
    if questions:
        blocks += [
            Heading(text("team_overzicht_leervragen")),
            Items([q["tekst"] + (f" ({q['door']})" if q.get("door") else "") for q in questions]),
        ]
    agenda = overview.get("agenda") or []
    if agenda:
        lines = []
        for case in agenda:
            parts = [p for p in (case.get("keuzemoment") or case.get("casus"), case.get("leervraag")) if p]
            lines.append(" — ".join(parts) + (f" ({case['door']})" if case.get("door") else ""))
        blocks += [Heading(text("team_overzicht_agenda")), Items(lines, numbered=True)]
    blocks.append(Note(text("team_export_privacy")))
    return blocks


def to_docx(content: Content, summary: dict[str, Any], made: datetime) -> bytes:
    """The summary as a Word document (.docx)."""
    return docx_of(document(content, summary, made), made)


def team_docx(content: Content, overview: dict[str, Any], made: datetime) -> bytes:
    """A team session's overview as a Word document (.docx)."""
    return docx_of(team_document(content, overview, made), made)


def docx_of(blocks: list[Block], made: datetime) -> bytes:
    """``blocks`` as a Word document; the first is its title."""
    word = docx.Document()
    _docx_language(word.styles["Normal"].element)
    properties = word.core_properties
    properties.title = blocks[0].text
    properties.author = properties.last_modified_by = "Bouwgesprek"
    properties.comments = ""
    properties.language = f"{LANGUAGE}-{COUNTRY}"
    properties.created = properties.modified = made.astimezone(timezone.utc).replace(tzinfo=None)
    previous: Block | None = None
    for block in blocks:
        if isinstance(block, Title):
            word.add_heading(block.text, level=0)
        elif isinstance(block, Heading):
            word.add_heading(block.text, level=block.level)
        elif isinstance(block, Line | Labelled | Note):
            paragraph = word.add_paragraph()
            if isinstance(block, Labelled):
                paragraph.add_run(block.label).bold = True
                paragraph.add_run(" " + block.text)
            else:
                paragraph.add_run(block.text).italic = isinstance(block, Note)
            if isinstance(previous, Table):
                paragraph.paragraph_format.space_before = Pt(8)  # Word sets a table's next line against it
        elif isinstance(block, Items):
            style = "List Number" if block.numbered else "List Bullet"
            for item in block.items:
                word.add_paragraph(item, style=style)
        elif isinstance(block, Table):
            table = word.add_table(rows=1, cols=len(block.heads))
            table.style = "Table Grid"
            head = table.rows[0]
            head._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))  # repeated on each page, read as heads
            for cell, name in zip(head.cells, block.heads, strict=True):
                cell.paragraphs[0].add_run(name).bold = True
            for values in block.rows:
                for cell, value in zip(table.add_row().cells, values, strict=True):
                    cell.text = value
        previous = block
    output = io.BytesIO()
    word.save(output)
    return output.getvalue()


# --------------------------------------------------------------------------- OpenDocument


@dataclass
class _OdfStyles:
    title: Style
    headings: dict[int, Style]
    strong: Style
    emphasis: Style
    table: Style
    column: Style
    cell: Style
    bullets: ListStyle
    numbers: ListStyle


HEADINGS = ((1, "15pt"), (2, "12pt"))


def _odf_styles(document: OpenDocumentText) -> _OdfStyles:
    default = DefaultStyle(family="paragraph")  # every paragraph's text is Dutch, for spelling and screen readers
    default.addElement(TextProperties(language=LANGUAGE, country=COUNTRY))
    document.styles.addElement(default)
    standard = Style(name="Standard", family="paragraph")
    standard.addElement(TextProperties(fontsize="11pt"))
    standard.addElement(ParagraphProperties(marginbottom="0.2cm"))
    document.styles.addElement(standard)

    def paragraph(name: str, display: str, size: str, level: int | None = None) -> Style:
        style = Style(name=name, displayname=display, family="paragraph", parentstylename="Standard")
        if level is not None:
            style.setAttribute("defaultoutlinelevel", str(level))
        style.addElement(TextProperties(fontsize=size, fontweight="bold"))
        style.addElement(ParagraphProperties(margintop="0.4cm", marginbottom="0.2cm", keepwithnext="always"))
        document.styles.addElement(style)
        return style

    title = paragraph("Title", "Title", "20pt")
    headings = {level: paragraph(f"Heading_20_{level}", f"Heading {level}", size, level) for level, size in HEADINGS}
    strong = Style(name="Strong_20_Emphasis", displayname="Strong Emphasis", family="text")
    strong.addElement(TextProperties(fontweight="bold"))
    emphasis = Style(name="Emphasis", family="text")
    emphasis.addElement(TextProperties(fontstyle="italic"))
    table = Style(name="Verbeterstappen", family="table")
    table.addElement(TableProperties(width="17cm", align="left", marginbottom="0.2cm"))
    column = Style(name="Verbeterstappen.A", family="table-column")
    column.addElement(TableColumnProperties(columnwidth="4.25cm"))
    cell = Style(name="Verbeterstappen.A1", family="table-cell")
    cell.addElement(TableCellProperties(border="0.5pt solid #000000", padding="0.1cm"))
    for style in (strong, emphasis):
        document.styles.addElement(style)
    for style in (table, column, cell):
        document.automaticstyles.addElement(style)
    bullets = ListStyle(name="Opsomming")
    bullet = ListLevelStyleBullet(level=1, bulletchar="•")
    bullet.addElement(ListLevelProperties(spacebefore="0.4cm", minlabelwidth="0.5cm"))
    bullets.addElement(bullet)
    numbers = ListStyle(name="Nummering")
    number = ListLevelStyleNumber(level=1, numformat="1", numsuffix=".")
    number.addElement(ListLevelProperties(spacebefore="0.4cm", minlabelwidth="0.6cm"))
    numbers.addElement(number)
    for style in (bullets, numbers):
        document.styles.addElement(style)
    return _OdfStyles(title, headings, strong, emphasis, table, column, cell, bullets, numbers)


def _odf_paragraph(text: str, style: Style | None = None) -> P:
    paragraph = P(stylename=style) if style is not None else P()
    teletype.addTextToElement(paragraph, text)  # line breaks and runs of spaces as ODF has them
    return paragraph


def to_odt(content: Content, summary: dict[str, Any], made: datetime) -> bytes:
    """The summary as an OpenDocument text (.odt), the open standard the Dutch government lists."""
    return odt_of(document(content, summary, made))


def team_odt(content: Content, overview: dict[str, Any], made: datetime) -> bytes:
    """A team session's overview as an OpenDocument text (.odt)."""
    return odt_of(team_document(content, overview, made))


def odt_of(blocks: list[Block]) -> bytes:
    """``blocks`` as an OpenDocument text; the first is its title."""
    odt = OpenDocumentText()
    styles = _odf_styles(odt)
    odt.meta.addElement(OdfTitle(text=blocks[0].text))
    odt.meta.addElement(OdfLanguage(text=f"{LANGUAGE}-{COUNTRY}"))
    body = odt.text
    for block in blocks:
        if isinstance(block, Title):
            body.addElement(_odf_paragraph(block.text, styles.title))
        elif isinstance(block, Heading):
            heading = H(outlinelevel=block.level, stylename=styles.headings[block.level])
            teletype.addTextToElement(heading, block.text)
            body.addElement(heading)
        elif isinstance(block, Line):
            body.addElement(_odf_paragraph(block.text))
        elif isinstance(block, Labelled):
            paragraph = P()
            paragraph.addElement(Span(stylename=styles.strong, text=block.label))
            teletype.addTextToElement(paragraph, " " + block.text)
            body.addElement(paragraph)
        elif isinstance(block, Note):
            paragraph = P()
            span = Span(stylename=styles.emphasis)
            teletype.addTextToElement(span, block.text)
            paragraph.addElement(span)
            body.addElement(paragraph)
        elif isinstance(block, Items):
            listing = OdfList(stylename=styles.numbers if block.numbered else styles.bullets)
            for item in block.items:
                entry = ListItem()
                entry.addElement(_odf_paragraph(item))
                listing.addElement(entry)
            body.addElement(listing)
        elif isinstance(block, Table):
            table = OdfTable(name="Verbeterstappen", stylename=styles.table)
            table.addElement(TableColumn(numbercolumnsrepeated=len(block.heads), stylename=styles.column))
            heads = TableHeaderRows()
            row = TableRow()
            for name in block.heads:
                cell = TableCell(stylename=styles.cell, valuetype="string")
                paragraph = P()
                paragraph.addElement(Span(stylename=styles.strong, text=name))
                cell.addElement(paragraph)
                row.addElement(cell)
            heads.addElement(row)
            table.addElement(heads)
            for values in block.rows:
                row = TableRow()
                for value in values:
                    cell = TableCell(stylename=styles.cell, valuetype="string")
                    cell.addElement(_odf_paragraph(value))
                    row.addElement(cell)
                table.addElement(row)
            body.addElement(table)
    output = io.BytesIO()
    odt.write(output)
    return output.getvalue()
