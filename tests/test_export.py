"""What every download shares (bot/export.py): its file name and the day it is of."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime

from bot.content import get_content
from bot.export import FORMATS, LOCAL_TIME, file_name, moment
from tests.summaries import MADE


def test_file_names_hold_the_day_and_nothing_of_the_conversation():
    content = get_content()
    assert file_name(content, FORMATS["docx"], MADE) == "bouwgesprek-samenvatting-2026-12-04.docx"
    assert file_name(content, FORMATS["odt"], MADE) == "bouwgesprek-samenvatting-2026-12-04.odt"
    assert file_name(content, FORMATS["ics"], MADE) == "bouwgesprek-verbeterstappen-2026-12-04.ics"
    edited = dataclasses.replace(content, texts={**content.texts, "export_bestandsnaam": 'Mijn "reflectie"/{datum}'})
    assert file_name(edited, FORMATS["docx"], MADE) == "Mijn-reflectie-2026-12-04.docx"


def test_the_day_of_a_summary_is_the_dutch_day():
    utc_evening = datetime.fromisoformat("2026-12-03T23:30:00+00:00").timestamp()
    assert moment(utc_evening).date() == date(2026, 12, 4)  # 0:30 in Amsterdam
    assert moment(utc_evening).tzinfo == LOCAL_TIME
