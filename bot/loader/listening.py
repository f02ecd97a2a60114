"""Reading how the bot listens and explains: verdieping.yml (follow-ups, acknowledgements)
and begrippen.yml (the terms the questions use)."""

from __future__ import annotations

from bot.loader.reader import Reader
from bot.loader.shapes import BEGRIP, BEGRIPPEN, BEGRIPPEN_FILE, DOORVRAAG, VERDIEPING, VERDIEPING_FILE
from bot.model import FLOW_PHASES, Begrip, Deepening, Glossary, Listening


def read_listening(reader: Reader) -> Listening:
    path = reader.root / VERDIEPING_FILE.path
    data = reader.problems.block_file(path, VERDIEPING, "maak het aan met `doorvragen:` en `terugkoppeling:`")
    if data is None:
        return Listening()
    rules = []
    blocks = reader.problems.named_blocks(data["doorvragen"], DOORVRAAG, "doorvraag", data)
    for node, what in blocks:
        signalen = tuple(s.lower() for s in reader.problems.text_list(node, "signalen", what))
        if not signalen and not node.get("max_woorden"):
            reader.problems.add(
                node,
                node.line,
                f"{what} zegt niet wanneer hij past",
                "geef `signalen` (zinsdelen uit een antwoord) of `max_woorden`, of beide",
            )
        if "{woorden}" not in node["vraag"]:
            reader.problems.add(
                node,
                node.line_of("vraag"),
                f"de vraag van {what} bevat geen {{woorden}}",
                "zet {woorden} in de vraag op de plek van de woorden van de gebruiker",
            )
        fasen = reader.problems.text_list(node, "fasen", what)
        reader.problems.references(
            node,
            "fasen",
            fasen,
            FLOW_PHASES,
            f"{what} noemt een onbekende fase",
            f"kies uit: {', '.join(FLOW_PHASES)}",
        )
        rules.append(reader.build(Deepening, node, DOORVRAAG, what, signalen=signalen, fasen=fasen))
    reader.problems.unique(((node["id"], node) for node, _ in blocks), "doorvragen")
    lines = reader.problems.text_list(data, "terugkoppeling", "verdieping.yml")
    for line in lines:
        if "{woorden}" not in line:
            reader.problems.add(
                data,
                data.line_of("terugkoppeling"),
                f"de terugkoppeling `{line}` bevat geen {{woorden}}",
                "zet {woorden} in de zin op de plek van de woorden van de gebruiker",
            )
    return reader.build(Listening, data, VERDIEPING, "verdieping.yml", doorvragen=tuple(rules), terugkoppeling=lines)


def read_glossary(reader: Reader) -> Glossary:
    data = reader.problems.block_file(reader.root / BEGRIPPEN_FILE.path, BEGRIPPEN, "maak het aan met `begrippen:`")
    if data is None:
        return Glossary()
    terms = []
    blocks = reader.problems.named_blocks(data["begrippen"], BEGRIP, "begrip", data)
    for node, what in blocks:
        words = tuple(w.lower() for w in reader.problems.text_list(node, "woorden", what))
        if not words:
            reader.problems.add(node, node.line_of("woorden"), f"{what} heeft geen woorden", "noem minstens één woord")
        terms.append(reader.build(Begrip, node, BEGRIP, what, woorden=words))
    reader.problems.unique(((node["id"], node) for node, _ in blocks), "begrippen")
    return reader.build(Glossary, data, BEGRIPPEN, "begrippen.yml", begrippen=tuple(terms))
