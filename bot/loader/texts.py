"""Reading what the bot says and recognises: teksten.yml, berichten.yml and signalen.yml.

The code needs some texts and messages by name (bot/messages.py): a missing one is a
problem in the content, not a crash in a conversation.
"""

from __future__ import annotations

from bot.loader.reader import Reader
from bot.loader.shapes import BERICHT, BERICHTEN_FILE, KNOP, SIGNALEN, SIGNALEN_FILE, TEKSTEN_FILE
from bot.messages import REQUIRED_MESSAGES, REQUIRED_TEXTS
from bot.model import BUTTON_PAYLOADS, BotText, Button
from bot.yamlsource import Located


def read_texts(reader: Reader) -> dict[str, str]:
    path = reader.root / TEKSTEN_FILE.path
    data = reader.problems.top(path, "maak het aan met `teksten:`")
    if data is None:
        return {}
    node = data.get("teksten") if isinstance(data, Located) else None
    if not isinstance(node, Located):
        reader.problems.in_file(
            path,
            getattr(data, "line", 1),
            "het bestand heeft geen blok `teksten`",
            "begin het bestand met `teksten:` en zet de teksten eronder",
        )
        return {}
    texts = {}
    for key, value in node.items():
        if not isinstance(value, str) or not value.strip():
            reader.problems.add(
                node,
                node.line_of(key),
                f"de tekst `{key}` is leeg of geen tekst",
                "zet de tekst tussen aanhalingstekens",
            )
        else:
            texts[str(key)] = value
    for key in sorted(REQUIRED_TEXTS - set(node)):
        reader.problems.add(
            node, node.line, f"de tekst `{key}` ontbreekt", f"voeg `{key}:` met een tekst toe onder `teksten:`"
        )
    return texts


def read_messages(reader: Reader) -> dict[str, BotText]:
    path = reader.root / BERICHTEN_FILE.path
    data = reader.problems.top(path, "maak het aan met `berichten:`")
    if not isinstance(data, Located) or not isinstance(data.get("berichten"), Located):
        if data is not None:
            reader.problems.in_file(
                path, 1, "het bestand heeft geen `berichten:`", "begin het bestand met `berichten:`"
            )
        return {}
    result: dict[str, BotText] = {}
    node = data["berichten"]
    for key, value in node.items():
        what = f"bericht `{key}`"
        if not reader.problems.fields(value, BERICHT, what, node):
            continue
        buttons = []
        for button in value.get("knoppen") or []:
            if reader.problems.fields(button, KNOP, f"een knop van {what}", value):
                if button["payload"] not in BUTTON_PAYLOADS:
                    reader.problems.add(
                        button,
                        button.line_of("payload"),
                        f"onbekende payload `{button['payload']}` in {what}",
                        f"kies een van: {', '.join(BUTTON_PAYLOADS)}",
                    )
                buttons.append(reader.build(Button, button, KNOP, what))
        result[str(key)] = reader.build(BotText, value, BERICHT, what, knoppen=tuple(buttons))
    for key in sorted(REQUIRED_MESSAGES - set(result)):
        reader.problems.add(
            node,
            node.line,
            f"het bericht `{key}` ontbreekt",
            f"voeg `{key}:` met een `tekst` toe onder `berichten:`",
        )
    return result


def read_signals(reader: Reader) -> dict[str, tuple[str, ...]]:
    """The lists of signalen.yml by name, in lower case."""
    path = reader.root / SIGNALEN_FILE.path
    data = reader.problems.top(path, "maak het aan met `gevaar:` en `spanning:`, elk met een lijst zinsdelen")
    if not isinstance(data, Located):
        return {}
    reader.problems.fields(data, SIGNALEN, "signalen.yml", data)
    lists = {key: tuple(w.lower() for w in reader.problems.text_list(data, key, "signalen.yml")) for key in data}
    lines = path.read_text(encoding="utf-8").lower().splitlines()
    for key, phrases in lists.items():
        for phrase in phrases:
            if any(not part.strip() for part in f" {phrase} ".split(" + ")):
                # List items keep no line of their own: the first line after the key that holds it.
                start = data.line_of(key)
                at = next((n for n, line in enumerate(lines, 1) if n > start and phrase in line), start)
                reader.problems.add(
                    data,
                    at,
                    f"het zinsdeel `{phrase}` onder `{key}` in signalen.yml heeft een + zonder zinsdeel ervoor of erna",
                    "zet de + met een spatie ervoor en erna tussen twee zinsdelen: `spring* + brug`",
                )
    return lists
