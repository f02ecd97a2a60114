"""The summary of a reflection: a JSON-compatible object and its Markdown text.

The shape is part of the client contract (docs/client-contract.md): ``mode``,
``answers`` (``step``, ``question``, ``answer``, ``skipped``, ``bron``), ``bouwopgaven``,
``verbeterstappen`` (``wat``, ``wie``, ``wanneer``) and ``markdown``.
"""

from __future__ import annotations

import re
from typing import Any

from bot.content import Content
from bot.engine import Reflection, State
from bot.flow import CHOICE


def _escape_markdown(text: str) -> str:
    # User text is quoted verbatim; neutralise characters that would start Markdown
    # structure or HTML so an export renders the text as the user typed it.
    return "".join("\\" + ch if ch in "\\`*_[]<>#|" else ch for ch in text)


def build_summary(content: Content, state: State) -> dict[str, Any]:
    reflection = Reflection(content, state)
    flow = reflection.flow
    answers: list[dict[str, Any]] = []
    for step in reflection.steps():
        record = state["answers"].get(step.id)
        if record is None:
            continue
        question = f"{step.lead} {step.question.vraag}" if step.lead else step.question.vraag
        bron = content.bron_label(step.question.bron)
        answers.append(
            {
                "step": step.id,
                "question": question,
                "answer": record["answer"],
                "skipped": record["skipped"],
                "bron": bron,
            }
        )
        follow_up = record.get("verdieping")
        if follow_up:
            rule = next((r for r in content.luisteren.doorvragen if r.id == follow_up.get("id")), None)
            answers.append(
                {
                    "step": step.id,
                    "question": follow_up["vraag"],
                    "answer": follow_up["antwoord"],
                    "skipped": False,
                    "bron": content.bron_label(rule.bron) if rule else bron,
                }
            )
        clarification = step.question.verduidelijking
        if record.get("verduidelijking") is not None and clarification:
            answers.append(
                {
                    "step": step.id,
                    "question": clarification.vraag,
                    "answer": record["verduidelijking"],
                    "skipped": False,
                    "bron": bron,
                }
            )

    verbeterstappen = []
    asked = {(s.verbeterstap, s.part) for s in reflection.steps() if s.verbeterstap}
    for number in range(1, state.get("verbeterstappen", 1) + 1):
        parts = {}
        for part in ("wat", "wie", "eigen_stap", "wanneer", "merkbaar"):
            if part in ("eigen_stap", "merkbaar") and (number, part) not in asked:
                continue  # only when the flow asks it (eigen_stap: only when someone else leads)
            record = (
                next(
                    (
                        state["answers"].get(s.id)
                        for s in reflection.steps()
                        if s.verbeterstap == number and s.part == part
                    ),
                    None,
                )
                or {}
            )
            parts[part] = record.get("verduidelijking") or record.get("answer") or ""
        if any(parts.values()):
            verbeterstappen.append(parts)

    summary = {
        "mode": flow.id,
        "titel": flow.titel,
        "answers": answers,
        "bouwopgaven": list(state.get("bouwopgaven") or []),
        "verbeterstappen": verbeterstappen,
        "completed": bool(state.get("finished")),
    }
    sheet = intervisie_sheet(content, reflection, state)
    if sheet is not None:
        summary["intervisie"] = sheet
    summary["markdown"] = to_markdown(content, summary, reflection)
    summary["text"] = to_text(summary["markdown"])
    return summary


def to_text(markdown: str) -> str:
    """The summary as plain text, for the chat and the printable view: no markup, no escapes.

    Everything the user typed is escaped in the Markdown, so every unescaped marker is ours.
    """
    lines = []
    for line in markdown.split("\n"):
        line = re.sub(r"^#{1,6} ", "", line)
        line = re.sub(r"(?<!\\)\*\*", "", line)
        if len(line) > 1 and line.startswith("_") and line.endswith("_") and not line.endswith("\\_"):
            line = line[1:-1]
        lines.append(re.sub(r"\\(.)", r"\1", line))
    return "\n".join(lines)


def intervisie_sheet(content: Content, reflection: Reflection, state: State) -> dict[str, Any] | None:
    """The intervisie sheet of a flow that has one: case, inbrengvraag, themes, questions."""
    sheet = reflection.flow.intervisie
    if sheet is None:
        return None

    def text_of(step_id: str) -> str:
        record = state["answers"].get(step_id) or {}
        return record.get("verduidelijking") or record.get("answer") or ""

    bouwopgaven = state.get("bouwopgaven") or [item["id"] for item in state.get("voorstel") or []]
    themes = list(dict.fromkeys(t for b in bouwopgaven for t in content.bouwopgaven[b].themas)) or list(content.themas)
    # Questions for the group to ask the case-bringer: take turns between the themes at play,
    # then top up from the other themes until the minimum is reached.
    pools = [[q for q in content.themas[t].vragen if not q.voor] for t in themes]
    questions = [pool[i] for i in range(max(map(len, pools), default=0)) for pool in pools if i < len(pool)]
    if len(questions) < sheet.min_vragen:
        others = [q for t in content.themas.values() if t.id not in themes for q in t.vragen if not q.voor]
        questions += others[: sheet.min_vragen - len(questions)]
    return {
        "casus": text_of(sheet.casus),
        "inbrengvraag": text_of(sheet.inbrengvraag),
        "themas": [{"id": t, "naam": content.themas[t].naam} for t in themes],
        "vragen": [q.vraag for q in questions[: sheet.max_vragen]],
    }


def to_markdown(content: Content, summary: dict[str, Any], reflection: Reflection) -> str:
    text = content.text
    steps = {s.id: s for s in reflection.steps()}
    lines = [f"# {text('samenvatting_titel')}", "", text("samenvatting_flow", titel=summary["titel"]), ""]
    for phase, heading in (
        ("casus", "kop_casus"),
        ("vensters", "kop_vensters"),
        ("kern", "kop_kern"),
        ("bouwopgaven", "kop_bouwopgaven"),
    ):
        items = [a for a in summary["answers"] if a["step"] in steps and steps[a["step"]].phase == phase]
        if phase == "bouwopgaven" and any(p.id == "bouwopgaven" for p in reflection.flow.phases):
            chosen = [content.bouwopgaven[b] for b in summary["bouwopgaven"]]
            lines += [f"## {text(heading)}", ""]
            lines += [f"- {text('bouwopgave_regel', nummer=b.nummer, naam=b.naam)}" for b in chosen] or [
                text("geen_bouwopgaven")
            ]
            lines.append("")
        elif items:
            lines += [f"## {text(heading)}", ""]
        for item in items:
            if steps[item["step"]].kind == CHOICE:
                continue  # shown as the list of chosen bouwopgaven
            answer = text("overgeslagen") if item["skipped"] else _escape_markdown(item["answer"])
            lines += [f"**{_escape_markdown(item['question'])}**", "", answer, ""]
    lines += [f"## {text('kop_verbeterstappen')}", ""]
    if summary["verbeterstappen"]:
        for number, step in enumerate(summary["verbeterstappen"], start=1):
            values = {k: _escape_markdown(v) if v else text("overgeslagen") for k, v in step.items()}
            regel = text(
                "verbeterstap_regel", nummer=number, wat=values["wat"], wie=values["wie"], wanneer=values["wanneer"]
            )
            lines += [regel, ""]
            for part in ("eigen_stap", "merkbaar"):
                if part in values:
                    lines += [text(f"verbeterstap_{part}", **{part: values[part]}), ""]
    else:
        lines.append(text("geen_verbeterstappen"))
    if "intervisie" in summary:
        sheet = summary["intervisie"]
        lines += ["", f"## {text('kop_intervisie')}", ""]
        lines += [f"**{text('intervisie_casus')}**", "", _escape_markdown(sheet["casus"]), ""]
        lines += [f"**{text('intervisie_inbrengvraag')}**", "", _escape_markdown(sheet["inbrengvraag"]), ""]
        lines += [f"**{text('intervisie_themas')}**", ""] + [f"- {t['naam']}" for t in sheet["themas"]] + [""]
        lines += [f"**{text('intervisie_vragen')}**", ""]
        lines += [f"{number}. {question}" for number, question in enumerate(sheet["vragen"], start=1)]
    lines += ["", f"_{text('samenvatting_privacy')}_", ""]
    return "\n".join(lines)
