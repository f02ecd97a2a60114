"""Reading and checking ``content/``, every problem as ``file:line: wat: hoe je het oplost``.

One module per kind of content: the sources and the catalog (``catalog``), the flows
(``flows``), what the bot says and recognises (``texts``), how it listens and explains
(``listening``). They report to one collector of problems (``problems``); the shapes of
their blocks (``shapes``) are derived from the dataclasses in ``bot.model``.
"""

from __future__ import annotations

from pathlib import Path

from bot.loader.catalog import read_bestanddelen, read_catalog, read_documents
from bot.loader.flows import read_flows
from bot.loader.listening import read_glossary, read_listening
from bot.loader.problems import Problems
from bot.loader.reader import Reader
from bot.loader.texts import read_messages, read_signals, read_texts
from bot.model import Content, ContentError


def load_content(root: Path) -> Content:
    """Read and check all content under ``root``; raise :class:`ContentError` on problems."""
    reader = Reader(root, Problems())
    read_documents(reader)  # first: every source names one of them
    texts = read_texts(reader)
    catalog = read_catalog(reader)
    flows = read_flows(reader, catalog.questions, catalog.bouwopgaven)
    signalen = read_signals(reader)
    berichten = read_messages(reader)
    bestanddelen = read_bestanddelen(reader, catalog.bouwopgaven)
    luisteren = read_listening(reader)
    begrippen = read_glossary(reader)
    if reader.problems.problems:
        raise ContentError(reader.problems.problems)
    return Content(
        root,
        reader.documents,
        catalog.vensters,
        catalog.bouwopgaven,
        catalog.themas,
        catalog.reflectievragen,
        catalog.questions,
        texts,
        flows,
        signalen,
        berichten,
        bestanddelen,
        luisteren,
        begrippen,
    )


__all__ = ["load_content"]
