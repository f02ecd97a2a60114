"""What the privacy scrubbing catches, and what it changes that it should not: results/privacy.json.

Part of `make bench` (docs/benchmarks.md). Three measures:

- per kind, realistic written forms of identifying data (below): how many are removed;
- names as professionals might type them despite the request to use roles: how many deduce finds;
- the held-out answers (every harmless answer of data/signalen/*.yml and tests/nlu/signalen_*.yml and the answers of
  tests/nlu/heldout.yml, written with roles, no identifying data): the share changed by the
  patterns, and by name detection (aim under 2 %).
"""

from __future__ import annotations

import glob
import json
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.content import get_content  # noqa: E402
from bot.names import NAMES  # noqa: E402
from bot.privacy import KINDS, scrub, scrub_message  # noqa: E402

OUT = ROOT / "results" / "privacy.json"

# Each: a sentence as typed, and the identifying part that must be gone.
FORMS = {
    "bsn": [
        ("BSN 111222333 staat in de brief", "111222333"),
        ("bsn 1234.56.782", "1234.56.782"),
        ("bsn 1234 56 782", "1234 56 782"),
        ("bsn 123-456-782", "123-456-782"),
        ("haar bsn is 111222333.", "111222333"),
    ],
    "telefoon": [
        ("bel 06-12345678", "06-12345678"),
        ("bel 0612345678", "0612345678"),
        ("bel +31 6 1234 5678", "+31 6 1234 5678"),
        ("bel (020) 123 45 67", "(020) 123 45 67"),
        ("bel 06 - 12345678", "06 - 12345678"),
        ("bel 010-1234567", "010-1234567"),
    ],
    "email": [
        ("mail iemand@voorbeeld.nl", "iemand@voorbeeld.nl"),
        ("mail iemand[at]voorbeeld[dot]nl", "iemand[at]voorbeeld[dot]nl"),
        ("mail iemand (at) voorbeeld (punt) nl", "iemand (at) voorbeeld (punt) nl"),
    ],
    "iban": [
        ("rekening NL91 ABNA 0417 1643 00", "NL91 ABNA 0417 1643 00"),
        ("rekening NL91ABNA0417164300", "NL91ABNA0417164300"),
        ("rekening NL91.ABNA.0417.1643.00", "NL91.ABNA.0417.1643.00"),
    ],
    "adres": [
        ("woont op 1234 AB 12", "1234 AB 12"),
        ("postcode 1234AB", "1234AB"),
        ("adres 1234 AB nr. 12", "1234 AB nr. 12"),
        ("woont Kerkstraat 12", "Kerkstraat 12"),
        ("Dorpsstraat 12, 1234 AB", "Dorpsstraat 12"),
    ],
    "geboortedatum": [
        ("geboren 12-03-1980", "12-03-1980"),
        ("geboren 12-03-85", "12-03-85"),
        ("geboren 1985-03-12", "1985-03-12"),
        ("geboren 12 mrt 1985", "12 mrt 1985"),
        ("geboren 3 maart 1975", "3 maart 1975"),
    ],
    "klantnummer": [
        ("klantnummer 1234567", "1234567"),
        ("dossiernr: 2023-4567", "2023-4567"),
        ("cliëntnummer 998877", "998877"),
    ],
}

NAMED = [
    ("Ik sprak mevrouw Jansen over de maatregel.", "Jansen"),
    ("meneer De Vries belde boos op", "De Vries"),
    ("dhr. Bakker was er niet", "Bakker"),
    ("Mohammed zei niets", "Mohammed"),
    ("Ik vroeg Jan Willem om hulp", "Jan Willem"),
    ("Sanne (de dochter) belde", "Sanne"),
    ("Fatima en haar moeder kwamen samen", "Fatima"),
    ("hij heet Kees", "Kees"),
    ("Bram de Boer van het UWV", "Bram de Boer"),
    ("de klantmanager, Anouk, zei nee", "Anouk"),
    ("ik belde met mw. Yilmaz", "Yilmaz"),
    ("Piet en ik", "Piet"),
    ("zijn broer Ahmed hielp", "Ahmed"),
    ("mevrouw El Amrani kwam niet", "El Amrani"),
    ("Lisa van den Berg, de dochter", "Lisa van den Berg"),
]


def held_out_answers() -> list[str]:
    answers: list[str] = []
    for path in sorted(
        glob.glob(str(ROOT / "data" / "signalen" / "*.yml")) + glob.glob(str(ROOT / "tests" / "nlu" / "signalen_*.yml"))
    ):
        with open(path, encoding="utf-8") as file:
            answers += [t for t in yaml.safe_load(file).get("onschuldig") or [] if isinstance(t, str)]
    with open(ROOT / "tests" / "nlu" / "heldout.yml", encoding="utf-8") as file:
        for block in yaml.safe_load(file)["nlu"]:
            if block.get("intent") == "answer":
                answers += [line[2:].strip() for line in block["examples"].splitlines() if line.startswith("- ")]
    return answers


def main() -> int:
    content = get_content()
    placeholders = {kind: content.text(f"privacy_{kind}") for kind in KINDS}
    began = time.perf_counter()
    NAMES.load()
    load_s = time.perf_counter() - began
    forms = {
        kind: {
            "caught": sum(raw not in scrub_message(text, placeholders).text for text, raw in cases),
            "of": len(cases),
        }
        for kind, cases in FORMS.items()
    }
    missed_names = [raw for text, raw in NAMED if raw in scrub_message(text, placeholders).text]
    answers = held_out_answers()
    by_patterns = [a for a in answers if scrub(a, placeholders).text != a]
    by_names = [a for a in answers if NAMES.replace(a, placeholders)[0] != a]
    result = {
        "forms": forms,
        "names": {"caught": len(NAMED) - len(missed_names), "of": len(NAMED), "missed": missed_names},
        "held_out": {
            "answers": len(answers),
            "changed_by_patterns": len(by_patterns),
            "changed_by_names": len(by_names),
            "examples_changed": (by_patterns + by_names)[:5],
        },
        "deduce_load_s": round(load_s, 1),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
