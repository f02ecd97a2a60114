"""The documentation's examples work: the worked example of docs/content-editing.md."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from bot.engine import Reflection, Waiting
from bot.interpret import match_flow
from bot.loader import load_content
from bot.preview import preview
from tests.conftest import ROOT

GUIDE = ROOT / "docs" / "content-editing.md"


def worked_example() -> tuple[str, str]:
    """The file name and YAML of the flow the guide adds step by step."""
    text = GUIDE.read_text(encoding="utf-8")
    name = re.search(r"nieuw bestand\*\* `content/flows/([\w-]+\.yml)`", text).group(1)
    block = re.search(r"```yaml\n(.*?)```", text[text.index(name) :], re.S).group(1)
    return name, block


def test_the_guides_worked_example_is_a_valid_flow_that_can_be_held(tmp_path: Path):
    name, block = worked_example()
    content_dir = tmp_path / "content"
    shutil.copytree(ROOT / "content", content_dir)
    (content_dir / "flows" / name).write_text(block, encoding="utf-8")

    content = load_content(content_dir)  # raises with file:line problems if the guide is wrong
    flow_id = Path(name).stem
    flow = content.flows[flow_id]
    assert next(iter(content.flows)) == "reflectie", "the example must not take over the default flow"
    assert match_flow(content.flows.values(), f"Ik wil {flow.titel.lower()}") == flow_id

    shown = preview(content, flow_id)
    reflection = Reflection(content, Reflection.start(content, flow_id))
    for step in reflection.steps():
        assert step.question.vraag in shown
    # the flow can be walked to the end
    for _ in range(40):
        if reflection.finished:
            break
        reflection.ask()
        if reflection.waiting == Waiting.MORE:
            reflection.more(False)
        else:
            reflection.answer(f"Een concreet antwoord voor {reflection.current().id} met de klantmanager")
    assert reflection.finished
