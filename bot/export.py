"""The summary as files to take along, by format: what the chat page's downloads offer.

Each format takes the summary object of the client contract (docs/client-contract.md, the
``summary`` of a message of kind ``summary``) and the moment the summary was made, and
returns bytes: a Word document and an OpenDocument text (bot/documents.py), and a
calendar of the verbeterstappen (bot/agenda.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.agenda import to_ics
from bot.documents import team_docx, team_odt, to_docx, to_odt
from bot.model import Content

# The municipality's clock: the day of a summary, and of "morgen" in it, is the Dutch day.
LOCAL_TIME = ZoneInfo("Europe/Amsterdam")


def moment(timestamp: float) -> datetime:
    """A tracker event's time as the Dutch local time."""
    return datetime.fromtimestamp(timestamp, LOCAL_TIME)


@dataclass(frozen=True)
class Format:
    extension: str
    media_type: str
    render: Callable[[Content, dict[str, Any], datetime], bytes]
    file_name: str  # the key of its file name in teksten.yml


FORMATS = {
    "docx": Format(
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        to_docx,
        "export_bestandsnaam",
    ),
    "odt": Format("odt", "application/vnd.oasis.opendocument.text", to_odt, "export_bestandsnaam"),
    "ics": Format("ics", "text/calendar; charset=utf-8", to_ics, "agenda_bestandsnaam"),
}
# A team session's overview (the ``team.overzicht`` of a facilitator's message): Word and OpenDocument.
TEAM_FORMATS = {
    "docx": Format("docx", FORMATS["docx"].media_type, team_docx, "team_bestandsnaam"),
    "odt": Format("odt", FORMATS["odt"].media_type, team_odt, "team_bestandsnaam"),
}


def file_name(content: Content, kind: Format, made: datetime) -> str:
    """The name to save as: from teksten.yml with the day of the summary, nothing that identifies
    anyone, and only characters every system and a Content-Disposition header take as they are."""
    name = content.text(kind.file_name, datum=made.date().isoformat())
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-.") or "bouwgesprek"
    return f"{name}.{kind.extension}"
