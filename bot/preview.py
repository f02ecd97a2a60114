"""``python -m bot.preview FLOW``: a flow as the user meets it, for content editors.

Prints every question in order with its uitleg, voorbeeld, source and follow-ups, so a
flow can be checked without chatting (make content-preview FLOW=<id>).
"""

from __future__ import annotations

import sys

from bot.content import get_content
from bot.engine import Reflection
from bot.flow import CHOICE, expand
from bot.model import Content


def preview(content: Content, flow_id: str) -> str:
    flow = content.flows[flow_id]
    state = Reflection.start(content, flow_id)
    choice = next((s for p in flow.phases for s in p.steps if s.soort == "bouwopgave_keuze"), None)
    # Show the per-bouwopgave questions for the bouwopgaven the flow proposes by default; a
    # flow where the user always picks (zelf_kiezen, no `standaard`) shows the catalogue's first.
    example = (choice.default or tuple(content.bouwopgaven)) if choice else ()
    state["bouwopgaven"] = list(example[: choice.max]) if choice else []
    # Show a verbeterstap's eigen_stap too, as if someone else had the lead (marked as such).
    for item in (s for phase in flow.phases for s in phase.steps if s.soort == "verbeterstappen"):
        state["answers"][f"{item.id}.1.wie"] = {"answer": "-", "skipped": False}
    text = content.text
    lines = [text("preview_kop", id=flow.id, titel=flow.titel), flow.omschrijving]
    phase = None
    for number, step in enumerate(expand(content, flow, state), start=1):
        if step.phase != phase:
            phase = step.phase
            lines += ["", text("preview_fase", fase=phase)]
            if step.intro:
                lines.append(step.intro)
        question = step.question
        lead = f"{step.lead} " if step.lead else ""
        lines += ["", f"{number}. [{step.id}] {lead}{question.vraag}"]
        if step.part == "eigen_stap":
            lines.append("   " + text("preview_eigen_stap"))
        if step.kind == CHOICE:
            chosen = ", ".join(content.bouwopgaven[b].naam for b in state["bouwopgaven"]) or "-"
            lines.append("   " + text("preview_keuze", max=step.max_choices, gekozen=chosen))
            lines += [f"     {b.nummer}. {b.naam}" for b in content.bouwopgaven.values()]
        if question.uitleg:
            lines.append("   " + text("preview_uitleg", uitleg=question.uitleg))
        if question.voorbeeld:
            lines.append("   " + text("preview_voorbeeld", voorbeeld=question.voorbeeld))
        lines.append("   " + content.bron_label(question.bron))
        if question.verduidelijking:
            lines.append("   " + text("preview_vervolg", vraag=question.verduidelijking.vraag))
            if question.verduidelijking.datum:
                lines.append("   " + text("preview_datum", vraag=question.verduidelijking.datum))
        if step.meer:
            lines.append("   " + text("preview_meer", vraag=step.meer.vraag, max=step.max_verbeterstappen))
    if flow.intervisie:
        sheet = flow.intervisie
        lines += ["", text("preview_intervisie", min=sheet.min_vragen, max=sheet.max_vragen)]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    content = get_content()
    flows = ", ".join(content.flows)
    if not argv or not argv[0]:
        print(content.text("preview_flows", flows=flows), file=sys.stderr)
        return 2
    if argv[0] not in content.flows:
        print(content.text("preview_onbekend", id=argv[0], flows=flows), file=sys.stderr)
        return 2
    sys.stdout.write(preview(content, argv[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
