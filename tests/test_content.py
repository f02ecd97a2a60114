"""Tests for the content loader (bot/content.py).

Three parts: the real content loads and has the expected shape; every question can be
traced to its source document; and for each class of broken content, a copy of the real
content with one small change is rejected with the right `file:line: what: fix` problem.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.content import load_content
from bot.model import Content, ContentError, Problem
from bot.paths import CONTENT_DIR, CONTENT_DIR_ENV, PROJECT_DIR

SEEDS_DIR = PROJECT_DIR.parent / "shared" / "seeds"  # bronnen.yml: "../shared/seeds/"
VENV_PYTHON = PROJECT_DIR / ".venv" / "bin" / "python"
PYTHON = str(VENV_PYTHON) if VENV_PYTHON.exists() else sys.executable
FLOW = "flows/reflectie.yml"
QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})


# --------------------------------------------------------------------------- helpers


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content(CONTENT_DIR)


def normalise(text: str) -> str:
    """Join hyphenated line breaks, straighten curly quotes, collapse whitespace."""
    text = re.sub(r"(\w)-[ \t]*\n\s*(\w)", r"\1\2", text)
    return re.sub(r"\s+", " ", text.translate(QUOTES)).strip()


def flow_questions(content: Content):
    for flow in content.flows.values():
        for phase in flow.phases:
            for step in phase.steps:
                if step.question:
                    yield step.id, step.question
                yield from ((step.id, q) for q in step.questions)
                yield from ((f"{step.id}.{part}", q) for part, q in step.parts.items())


def broken_copy(tmp_path: Path, *edits: tuple[str, str, str]) -> Path:
    """Copy the real content into tmp_path and apply each (file, old, new); `old` must occur once."""
    root = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, root)
    for relative, old, new in edits:
        path = root / relative
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {relative}"
        path.write_text(text.replace(old, new), encoding="utf-8")
    return root


def lines_of(root: Path, relative: str, marker: str) -> list[int]:
    """The 1-based line numbers where `marker` starts in the (edited) file."""
    text = (root / relative).read_text(encoding="utf-8")
    return [text.count("\n", 0, m.start()) + 1 for m in re.finditer(re.escape(marker), text)]


def line_of(root: Path, relative: str, marker: str) -> int:
    lines = lines_of(root, relative, marker)
    assert len(lines) == 1, f"{marker!r} occurs on lines {lines} of {relative}"
    return lines[0]


def problems_of(root: Path) -> list[Problem]:
    with pytest.raises(ContentError) as caught:
        load_content(root)
    assert str(caught.value) == "\n".join(str(p) for p in caught.value.problems)
    return caught.value.problems


def find_problem(problems: list[Problem], root: Path, relative: str, lines: set[int], *fragments: str) -> Problem:
    path = root / relative
    for problem in problems:
        if problem.path == path and problem.line in lines and all(f in str(problem) for f in fragments):
            assert str(problem).startswith(f"{path}:{problem.line}: ")
            return problem
    listing = "\n".join(str(p) for p in problems)
    raise AssertionError(f"no problem {relative}:{sorted(lines)} containing {fragments}; reported:\n{listing}")


def assert_broken(tmp_path: Path, relative: str, old: str, new: str, marker: str, *fragments: str) -> list[Problem]:
    """Apply one edit, expect a problem in `relative` on the line where `marker` now stands."""
    root = broken_copy(tmp_path, (relative, old, new))
    problems = problems_of(root)
    find_problem(problems, root, relative, {line_of(root, relative, marker)}, *fragments)
    return problems


# --------------------------------------------------------------------------- the real content


def test_real_content_loads_with_the_expected_catalog(content: Content) -> None:
    assert len(content.vensters) == 4
    assert sorted(b.nummer for b in content.bouwopgaven.values()) == [1, 2, 3, 4, 5]
    assert len(content.themas) == 10
    assert sorted(content.reflectievragen) == [f"rv{i}" for i in range(1, 7)]


def test_reflectie_flow_has_its_five_phases_in_order(content: Content) -> None:
    flow = content.flows["reflectie"]
    assert [p.id for p in flow.phases] == ["casus", "vensters", "kern", "bouwopgaven", "verbeterstappen"]
    assert all(p.steps for p in flow.phases)


def test_every_document_file_exists(content: Content) -> None:
    for document in content.documents.values():
        assert (SEEDS_DIR / document.bestand).is_file(), document


def test_verbatim_catalog_questions_occur_in_their_source_document(content: Content) -> None:
    missing = []
    for question in content.questions.values():
        if not question.bron.letterlijk:
            continue
        document = content.documents[question.bron.document]
        source = normalise((SEEDS_DIR / document.bestand).read_text(encoding="utf-8"))
        if normalise(question.vraag) not in source:
            missing.append(f"{question.id} not verbatim in {document.bestand}: {question.vraag}")
    assert not missing, "\n".join(missing)
    assert sum(q.bron.letterlijk for q in content.questions.values()) >= 6 + 30


def test_own_flow_questions_name_the_document_they_build_on(content: Content) -> None:
    own = [(ident, q) for ident, q in flow_questions(content) if q.bron.is_own]
    assert own
    for ident, question in own:
        first = question.bron.bouwt_op.split(",", 1)[0].strip()
        assert first in content.documents, f"{ident}: bouwt_op {question.bron.bouwt_op!r}"


def test_every_bron_names_a_known_document(content: Content) -> None:
    brons = [("venster " + k, v.bron) for k, v in content.vensters.items()]
    brons += [("thema " + k, t.bron) for k, t in content.themas.items()]
    brons += [("bouwopgave " + k, b.bron) for k, b in content.bouwopgaven.items()]
    brons += [(k, q.bron) for k, q in content.questions.items()]
    brons += [(k, q.bron) for k, q in flow_questions(content)]
    for where, bron in brons:
        assert bron.is_own or bron.document in content.documents, f"{where}: {bron.document}"


# --------------------------------------------------------------------------- broken content


def test_bad_yaml_indentation_reports_the_broken_line(tmp_path: Path) -> None:
    assert_broken(
        tmp_path,
        "catalogus/vensters.yml",
        "    naam: De professional",
        "      naam: De professional",
        "      naam: De professional",
        "ongeldige YAML",
        "inspringing",
    )


def test_bad_yaml_unclosed_quote_reports_the_line_of_the_quote(tmp_path: Path) -> None:
    # The last question of the flow loses its closing quote: the string runs to the end.
    root = broken_copy(tmp_path, (FLOW, 'vastleggen?"\n', "vastleggen?\n"))
    quote = line_of(root, FLOW, '"Wil je nog een verbeterstap vastleggen?')
    # The fix text says "op deze regel of de regel erboven": the quote is on the line or just above.
    find_problem(problems_of(root), root, FLOW, {quote, quote + 1}, "ongeldige YAML")


def test_a_phrase_starting_with_a_star_unquoted_says_to_quote_it(tmp_path: Path) -> None:
    """ "*brug" finds any word ending in "brug"; unquoted at the start of a value it is YAML for a reference."""
    assert_broken(
        tmp_path, "signalen.yml", '  - "spring* + *brug"', "  - *brug + spring*", "*brug + spring*", "aanhalingstekens"
    )


def test_unknown_field_in_flow_step_suggests_the_close_match(tmp_path: Path) -> None:
    assert_broken(
        tmp_path,
        FLOW,
        'vraag: "Wat dacht en voelde je op dat moment?"',
        'vraagg: "Wat voelde je op dat moment?"',
        "vraagg:",
        "onbekend veld `vraagg`",
        "bedoel je `vraag`?",
    )


def test_step_missing_its_voorbeeld_is_reported(tmp_path: Path) -> None:
    assert_broken(
        tmp_path,
        FLOW,
        '        voorbeeld: "Ik dacht: dit gaat mis. Ik voelde me machteloos, en boos op de regels."\n',
        "",
        "- id: casus.gevoel",
        "stap casus.gevoel mist `voorbeeld`",
    )


def test_duplicate_step_id_is_reported_with_the_first_location(tmp_path: Path) -> None:
    root = broken_copy(tmp_path, (FLOW, "- id: casus.gevoel\n", "- id: casus.rol\n"))
    first, second = lines_of(root, FLOW, "- id: casus.rol\n")
    find_problem(problems_of(root), root, FLOW, {second}, "dubbele id `casus.rol`", f"reflectie.yml:{first}")


def test_dangling_vraag_id_is_reported(tmp_path: Path) -> None:
    assert_broken(tmp_path, FLOW, "vraag_id: rv6", "vraag_id: rv9", "vraag_id: rv9", "onbekende vraag `rv9`")


def test_bron_with_unknown_document_is_reported(tmp_path: Path) -> None:
    assert_broken(
        tmp_path,
        "catalogus/vensters.yml",
        'document: praatplaat, sectie: "Venster 3',
        'document: praatplaat-oud, sectie: "Venster 3',
        "praatplaat-oud",
        "onbekend document `praatplaat-oud`",
        "kies een van: praatplaat",
    )


def test_phase_without_steps_is_reported(tmp_path: Path) -> None:
    text = (CONTENT_DIR / FLOW).read_text(encoding="utf-8")
    start = text.index("    stappen:\n      - id: bouwopgaven.keuze")
    steps = text[start : text.index("\n  - id: verbeterstappen")]
    assert_broken(tmp_path, FLOW, steps, "    stappen: []\n", "stappen: []", "fase `bouwopgaven` heeft geen stappen")


def test_text_for_max_of_verbeterstappen_is_a_wrong_type(tmp_path: Path) -> None:
    assert_broken(
        tmp_path,
        FLOW,
        "soort: verbeterstappen\n        max: 3",
        "soort: verbeterstappen\n        max: drie",
        "max: drie",
        "`max` in stap verbeterstap moet een heel getal zijn, niet `drie`",
    )


def test_text_for_bouwopgave_nummer_is_a_wrong_type(tmp_path: Path) -> None:
    assert_broken(
        tmp_path,
        "catalogus/bouwopgaven.yml",
        "    nummer: 3\n",
        '    nummer: "drie"\n',
        'nummer: "drie"',
        "`nummer` in een bouwopgave moet een heel getal zijn",
    )


def test_unknown_thema_vraag_in_bouwopgave_is_reported(tmp_path: Path) -> None:
    assert_broken(
        tmp_path,
        "catalogus/bouwopgaven.yml",
        "regie_voeren.3, conflicterende",
        "regie_voeren.9, conflicterende",
        "regie_voeren.9",
        "bouwopgave regie verwijst naar een onbekende vraag `regie_voeren.9`",
    )


def test_missing_required_message_is_reported(tmp_path: Path) -> None:
    root = broken_copy(tmp_path, ("berichten.yml", "  graag_gedaan:\n    tekst: Graag gedaan.\n", ""))
    block = {line_of(root, "berichten.yml", "berichten:\n"), line_of(root, "berichten.yml", "  welkom:\n")}
    find_problem(problems_of(root), root, "berichten.yml", block, "het bericht `graag_gedaan` ontbreekt")


def test_button_with_unknown_payload_is_reported(tmp_path: Path) -> None:
    assert_broken(
        tmp_path,
        "berichten.yml",
        "payload: /choose_bouwopgave",
        "payload: /kies_bouwopgave",
        "/kies_bouwopgave",
        "onbekende payload `/kies_bouwopgave` in bericht `bouwopgave_voorstel`",
        "/choose_bouwopgave",
    )


def test_empty_file_is_reported(tmp_path: Path) -> None:
    root = broken_copy(tmp_path)
    (root / "catalogus/vensters.yml").write_text("", encoding="utf-8")
    find_problem(problems_of(root), root, "catalogus/vensters.yml", {1}, "het bestand is leeg")


def test_teksten_without_its_top_key_is_reported(tmp_path: Path) -> None:
    root = broken_copy(tmp_path, ("teksten.yml", "\nteksten:\n", "\ntekstn:\n"))
    find_problem(problems_of(root), root, "teksten.yml", {1, line_of(root, "teksten.yml", "tekstn:")}, "`teksten`")


def test_problems_in_several_files_are_all_reported(tmp_path: Path) -> None:
    root = broken_copy(
        tmp_path,
        (FLOW, 'vraag: "Wat dacht en voelde je op dat moment?"', 'vraagg: "Wat voelde je op dat moment?"'),
        ("catalogus/bouwopgaven.yml", "    nummer: 3\n", '    nummer: "drie"\n'),
        (
            "catalogus/vensters.yml",
            'document: praatplaat, sectie: "Venster 3',
            'document: onbekend, sectie: "Venster 3',
        ),
        ("berichten.yml", "payload: /choose_bouwopgave", "payload: /kies_bouwopgave"),
    )
    problems = problems_of(root)
    find_problem(problems, root, FLOW, {line_of(root, FLOW, "vraagg:")}, "onbekend veld `vraagg`")
    find_problem(
        problems,
        root,
        "catalogus/bouwopgaven.yml",
        {line_of(root, "catalogus/bouwopgaven.yml", 'nummer: "drie"')},
        "`nummer`",
    )
    find_problem(
        problems,
        root,
        "catalogus/vensters.yml",
        {line_of(root, "catalogus/vensters.yml", "onbekend,")},
        "onbekend document `onbekend`",
    )
    find_problem(
        problems, root, "berichten.yml", {line_of(root, "berichten.yml", "/kies_bouwopgave")}, "onbekende payload"
    )


# --------------------------------------------------------------------------- python -m bot.check


def run_check(root: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, CONTENT_DIR_ENV: str(root)}
    return subprocess.run(
        [PYTHON, "-m", "bot.check"], cwd=PROJECT_DIR, env=env, capture_output=True, text=True, timeout=120
    )


def test_check_command_fails_on_broken_content_with_file_and_line(tmp_path: Path) -> None:
    root = broken_copy(
        tmp_path,
        ("berichten.yml", "payload: /choose_bouwopgave", "payload: /kies_bouwopgave"),
        (FLOW, "vraag_id: rv6", "vraag_id: rv9"),
    )
    result = run_check(root)
    assert result.returncode == 1, result.stderr
    assert (
        f"{root / 'berichten.yml'}:{line_of(root, 'berichten.yml', '/kies_bouwopgave')}: onbekende payload"
        in result.stderr
    )
    assert f"{root / FLOW}:{line_of(root, FLOW, 'rv9')}: " in result.stderr


def test_check_command_passes_on_the_real_content() -> None:
    result = run_check(CONTENT_DIR)
    assert result.returncode == 0, result.stderr
    assert "Content in orde" in result.stdout
    assert result.stderr == ""


def test_a_follow_up_without_the_users_words_or_with_an_unknown_phase_is_reported(tmp_path: Path) -> None:
    root = broken_copy(
        tmp_path,
        (
            "verdieping.yml",
            'vraag: "Je zegt ‘{woorden}’. Wat zat daarbij in de weg, denk je?"',
            'vraag: "Wat zat daarbij in de weg, denk je?"',
        ),
        (
            "verdieping.yml",
            '    fasen: [casus, vensters]\n    vraag: "Je noemt',
            '    fasen: [casus, venster]\n    vraag: "Je noemt',
        ),
    )
    problems = problems_of(root)
    (vraag,) = lines_of(root, "verdieping.yml", 'vraag: "Wat zat daarbij in de weg, denk je?"')
    find_problem(problems, root, "verdieping.yml", {vraag}, "doorvraag voorbehoud", "{woorden}")
    find_problem(
        problems,
        root,
        "verdieping.yml",
        set(lines_of(root, "verdieping.yml", "fasen: [casus, venster]")),
        "onbekende fase `venster`",
        "kies uit",
    )


def test_a_term_without_words_or_with_an_unknown_source_is_reported(tmp_path: Path) -> None:
    root = broken_copy(
        tmp_path,
        ("begrippen.yml", "woorden: [omgekeerde toets]", "woorden: []"),
        ("begrippen.yml", '{document: vier-vensters, sectie: "3.2 Zelfregie"}', "{document: vensters, sectie: x}"),
    )
    problems = problems_of(root)
    find_problem(
        problems,
        root,
        "begrippen.yml",
        set(lines_of(root, "begrippen.yml", "woorden: []")),
        "begrip omgekeerde_toets",
        "geen woorden",
    )
    find_problem(
        problems, root, "begrippen.yml", set(lines_of(root, "begrippen.yml", "document: vensters")), "vensters", ""
    )


def test_a_quoted_answer_that_ends_a_sentence_gets_no_second_full_stop():
    """Found by a tester: a quote closed with a full stop and then another one read as a slip."""
    from bot.contract import render
    from bot.engine import Message

    message = Message("idee_eerder", "info", {"idee": "Ik ga het overleg op me nemen."})
    text = render(load_content(CONTENT_DIR), message)["text"]
    assert "nemen.’ Misschien" in text and "’." not in text


def test_a_wrong_item_in_a_list_is_reported_once(tmp_path: Path) -> None:
    root = broken_copy(
        tmp_path, ("catalogus/bouwopgaven.yml", "themas: [samenhang, verandering]", "themas: [samenhang, 12]")
    )
    reported = [str(p) for p in problems_of(root) if "`themas` in bouwopgave" in p.what]
    assert len(reported) == 1, reported
    assert "bevat `12`" in reported[0]


def test_a_signal_phrase_with_a_loose_plus_is_reported_on_its_line(tmp_path: Path) -> None:
    assert_broken(
        tmp_path,
        "signalen.yml",
        "  - dak + gestaan\n",
        "  - dak + \n",
        "dak + \n",
        "`dak +`",
        "zet de + met een spatie ervoor en erna",
    )
