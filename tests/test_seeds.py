"""The content follows its source documents in ../shared/seeds (see its README.md).

Checks that every question of the praatplaat "10 uitdagende vragen" and the six
reflectievragen are in the content, and that the werkzame bestanddelen quote the
kennissynthese faithfully.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from pathlib import Path

import pytest
import yaml

from bot import paths
from bot.content import get_content
from bot.model import Content

SEEDS_DIR = Path(getattr(paths, "SEEDS_DIR", paths.PROJECT_DIR.parent / "shared" / "seeds"))
APPENDIX = "PRAATPLAAT: 10 UITDAGENDE VRAGEN VOOR DE PRAKTIJK VAN INTEGRAAL WERKEN"
CLEAN = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "\ufffd": None})


def dehyphenate(text: str) -> str:
    """Join words hyphenated across a line break (also across blank lines)."""
    return re.sub(r"(\w)-[ \t]*\n\s*(\w)", r"\1\2", unicodedata.normalize("NFC", text))


def normalise(text: str) -> str:
    return " ".join(dehyphenate(text).translate(CLEAN).split())


@pytest.fixture(scope="module")
def content() -> Content:
    return get_content()


def seed(content: Content, document: str) -> str:
    return (SEEDS_DIR / content.documents[document].bestand).read_text(encoding="utf-8")


def appendix_themes(text: str) -> list[tuple[str, list[str]]]:
    """(theme heading, its bullets) from the praatplaat appendix; capitals are level headings."""
    lines = dehyphenate(text[text.rindex("\n", 0, text.index(APPENDIX)) + 1 :]).splitlines()
    themes: list[tuple[str, list[str]]] = []
    bullet: list[str] | None = None
    heading: list[str] | None = None
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("·"):
            bullet, heading = [stripped[1:]], None
            themes[-1][1].append(bullet)  # type: ignore[arg-type]
        elif not stripped:
            bullet = heading = None
        elif bullet is not None:
            bullet.append(stripped)
        elif stripped.upper() == stripped:
            heading = None
        elif heading is not None:
            heading.append(stripped)
        else:
            heading = [stripped]
            themes.append((heading, []))  # type: ignore[arg-type]
    return [(normalise(" ".join(h)), [normalise(" ".join(b)) for b in bs]) for h, bs in themes]


def chapter2_questions(text: str) -> list[str]:
    body = text[: text.index(APPENDIX)]
    blocks = re.findall(r"^Vragen\s*\n(.*?)^Meer weten\?", body, flags=re.M | re.S)
    return [normalise(q) for block in blocks for q in re.split(r"^\s*·", block, flags=re.M) if q.strip()]


def test_every_praatplaat_question_is_in_the_themes(content: Content) -> None:
    text = seed(content, "integraal-in-de-wijk")
    chapter2 = chapter2_questions(text)
    by_text = {normalise(q.vraag): (t.id, q.id) for t in content.themas.values() for q in t.vragen}
    by_name = {normalise(t.naam).casefold(): t for t in content.themas.values()}
    problems, found = [], 0
    themes = appendix_themes(text)
    for heading, bullets in themes:
        thema = by_name.get(heading.casefold())
        if thema is None:
            problems.append(f"appendix theme {heading!r} is no thema naam in themas.yml")
            continue
        matched = []
        for bullet in bullets:
            hit = by_text.get(bullet)
            if hit is None:  # the appendix words some questions differently from chapter 2
                same = difflib.get_close_matches(bullet, chapter2, n=1, cutoff=0.8)
                hit = by_text.get(same[0]) if same else None
            if hit is None or hit[0] != thema.id:
                problems.append(f"{thema.id}: missing or in the wrong thema: {bullet!r} (found: {hit})")
            else:
                matched.append(hit[1])
        found += len(matched)
        if matched != [q.id for q in thema.vragen]:
            problems.append(f"{thema.id}: appendix gives {matched}, content has {[q.id for q in thema.vragen]}")
    assert not problems, "\n".join(problems)
    assert len(themes) == 10 and found == 34, f"{len(themes)} themes, {found} questions in the appendix"
    assert {normalise(h).casefold() for h, _ in themes} == set(by_name)


def test_the_six_reflectievragen_are_in_order(content: Content) -> None:
    text = dehyphenate(seed(content, "praatplaat"))
    lines = text.split("\nREFLECTIEVRAGEN\n", 1)[1].lstrip("\n").splitlines()
    bullets: list[str] = []
    for line in lines:
        if not line.strip():
            break
        if line.lstrip().startswith("•"):
            bullets.append(line.lstrip()[1:])
        else:
            bullets[-1] += " " + line
    expected = [normalise(b) for b in bullets]
    assert len(expected) == 6, f"found {len(expected)} reflectievragen in the praatplaat: {expected}"
    rv = content.reflectievragen
    actual = [normalise(rv[f"rv{i}"].vraag) if f"rv{i}" in rv else f"(rv{i} missing)" for i in range(1, 7)]
    assert actual == expected, "reflectievragen.yml rv1..rv6 differ from the praatplaat:\n" + "\n".join(
        difflib.unified_diff(expected, actual, "praatplaat", "content", lineterm="")
    )


def test_werkzame_bestanddelen_quote_the_kennissynthese(content: Content) -> None:
    path = content.root / "catalogus" / "werkzame_bestanddelen.yml"
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))["werkzame_bestanddelen"]
    raw = seed(content, "kennissynthese")
    source = normalise(raw)
    headings = {normalise(line) for line in raw.splitlines()}
    problems = []
    for entry in entries:
        ident = entry["id"]
        if normalise(entry["citaat"]) not in source:
            problems.append(f"{ident}: citaat not verbatim in the kennissynthese: {entry['citaat']!r}")
        if normalise(entry["naam"]) not in headings:
            problems.append(f"{ident}: naam {entry['naam']!r} is no heading in the kennissynthese")
        for bouwopgave in entry["bouwopgaven"]:
            if bouwopgave not in content.bouwopgaven:
                problems.append(f"{ident}: unknown bouwopgave {bouwopgave!r}, use one of {sorted(content.bouwopgaven)}")
        if not 1 <= len(entry["bouwopgaven"]) <= 2:
            problems.append(f"{ident}: give one or two bouwopgaven")
        words = entry["signaalwoorden"]
        if not 4 <= len(words) <= 10 or any(w != w.lower() for w in words):
            problems.append(f"{ident}: signaalwoorden must be 4 to 10 lower-case entries: {words}")
        section = {"klanten": "4.1 Klanten: ", "professionals": "4.2 Professionals: "}.get(entry["genoemd_door"], "?")
        if entry["bron"] != {"document": "kennissynthese", "sectie": section + entry["naam"]}:
            problems.append(f"{ident}: bron should be kennissynthese, sectie {section + entry['naam']!r}")
    assert not problems, "\n".join(problems)
    ids = [e["id"] for e in entries]
    assert len(set(ids)) == len(ids) == 11, f"expected 11 unique ids, got {ids}"
    by = [e["genoemd_door"] for e in entries]
    assert (by.count("klanten"), by.count("professionals")) == (4, 7), by


# Questions of the "10 uitdagende vragen" that lean on the one before them in the praatplaat.
LEANS_ON_THE_ONE_BEFORE = ("Wat helpt om dan", "En ", "Hoe vind je dat", "Wat betekent dat")


def test_a_thema_question_that_leans_on_the_one_before_is_never_asked_without_it(content: Content) -> None:
    """'Wat helpt om dan toch op één lijn te komen?' alone made a tester ask: 'Wanneer dan?'."""
    by_theme = {q.id: t for t in content.themas.values() for q in t.vragen}
    for bouwopgave in content.bouwopgaven.values():
        asked = list(bouwopgave.thema_vragen)
        for index, ident in enumerate(asked):
            question = content.questions[ident]
            if question.vraag.startswith(LEANS_ON_THE_ONE_BEFORE):
                vragen = [q.id for q in by_theme[ident].vragen]
                before = vragen[vragen.index(ident) - 1]
                assert index > 0 and asked[index - 1] == before, (bouwopgave.id, ident)


def test_every_term_is_explained_from_a_passage_that_is_in_its_source(content: Content) -> None:
    """content/begrippen.yml: the section named is a heading of the document, the key words of
    the explanation are in it, and an own explanation names the passage it builds on."""
    assert len(content.begrippen.begrippen) >= 8
    for term in content.begrippen.begrippen:
        if term.bron.is_own:
            document = term.bron.bouwt_op.split(",")[0]
            assert document in content.documents, term.id
            continue
        text = normalise(dehyphenate(seed(content, term.bron.document))).lower()
        heading = re.sub(r"^[\d.]+\s*", "", normalise(term.bron.sectie.split(":")[-1]).lower())
        assert heading in text, f"{term.id}: section {term.bron.sectie!r} not in {term.bron.document}"
        for word in term.woorden[:1]:
            assert normalise(word.rstrip("*")) in text, f"{term.id}: {word!r} not in {term.bron.document}"
