"""The layers of the code, as README's layout describes them, read from the imports.

bot/ is plain Python at the bottom: it imports neither Rasa nor rasa_sdk nor our other
packages. teamstore/ (the team sessions' tables) builds on bot/ alone. actions/ (the action
server) and server/ (inside the Rasa server) build on those two and never on each other: the
two processes share only bot/ and teamstore/.
"""

from __future__ import annotations

import ast

import pytest

from tests.conftest import ROOT

PACKAGES = ("bot", "teamstore", "actions", "server", "components")
# Which of our other packages each may import.
ALLOWED = {
    "bot": set(),
    "teamstore": {"bot"},
    "actions": {"bot", "teamstore"},
    "server": {"bot", "teamstore"},
    "components": {"bot"},  # Rasa's NLU pipeline: thin adapters over bot/
}
OURS = {"bot", "teamstore", "actions", "server", "components", "deploy", "scripts", "tests"}
# bot/ reads content and finds names, and writes the summary as files to take along:
# Word (docx: python-docx) and OpenDocument (odf: odfpy) in bot/documents.py, a calendar
# (icalendar) in bot/agenda.py. They only turn the summary into bytes; none talks to Rasa
# or the network. The signal model (bot/classifier.py) is learnt and applied with scikit-learn,
# which Rasa's NLU pipeline runs (components/signaal.py), and scored with numpy, on which
# scikit-learn is built (classifier.Scorer).
THIRD_PARTY_IN_BOT = {"yaml", "deduce", "docx", "odf", "icalendar", "sklearn", "numpy"}


def imports_of(package: str) -> dict[str, set[str]]:
    """Each module of ``package`` and the top-level names it imports."""
    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / package).glob("**/*.py")):
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
        found[str(path.relative_to(ROOT))] = names
    return found


@pytest.mark.parametrize("package", PACKAGES)
def test_each_package_imports_only_what_its_layer_may(package):
    for module, names in imports_of(package).items():
        ours = (names & OURS) - {package}
        assert ours <= ALLOWED[package], f"{module} imports {sorted(ours - ALLOWED[package])}"
        if package == "bot":
            assert not names & {"rasa", "rasa_sdk", "sanic", "sqlalchemy"}, module
        if package == "server":
            assert "rasa_sdk" not in names and "actions" not in names, module


def test_bot_uses_no_third_party_package_beyond_its_own_few():
    import sys

    standard = set(sys.stdlib_module_names)
    for module, names in imports_of("bot").items():
        extra = names - standard - OURS - {"__future__"}
        assert extra <= THIRD_PARTY_IN_BOT, f"{module} imports {sorted(extra)}"
