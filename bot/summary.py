"""The summary of a reflection: a JSON-compatible object and its Markdown text.

The shape is part of the client contract (docs/client-contract.md): ``mode``,
``answers`` (``step``, ``question``, ``answer``, ``skipped``, ``bron``), ``bouwopgaven``,
``verbeterstappen`` (``wat``, ``wie``, ``wanneer``) and ``markdown``.
"""

from __future__ import annotations

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
    for number in range(1, state.get("verbeterstappen", 1) + 1):
        parts = {}
        for part in ("wat", "wie", "wanneer"):
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
    summary["markdown"] = to_markdown(content, summary, reflection)
    return summary


def to_markdown(content: Content, summary: dict[str, Any], reflection: Reflection) -> str:
    text = content.text
    steps = {s.id: s for s in reflection.steps()}
    lines = [f"# {text('samenvatting_titel')}", "", text("samenvatting_flow", titel=summary["titel"]), ""]
    for phase, heading in (("casus", "kop_casus"), ("vensters", "kop_vensters"), ("bouwopgaven", "kop_bouwopgaven")):
        items = [a for a in summary["answers"] if a["step"] in steps and steps[a["step"]].phase == phase]
        if phase == "bouwopgaven":
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
            lines.append(text("verbeterstap_regel", nummer=number, **values))
    else:
        lines.append(text("geen_verbeterstappen"))
    lines += ["", f"_{text('samenvatting_privacy')}_", ""]
    return "\n".join(lines)
