"""The summary of a reflection: a JSON-compatible object and its Markdown text.

The shape is part of the client contract (docs/client-contract.md): ``mode``,
``answers`` (``step``, ``question``, ``answer``, ``skipped``, ``bron``), ``bouwopgaven``,
``verbeterstappen`` (``wat``, ``wie``, ``wanneer``) and ``markdown``.

Why one module of this length: the summary of each kind of flow (reflectie, intervisie,
bouwopgave) with its Markdown and the version to share are one contract
(docs/client-contract.md), kept together so they cannot drift apart.
"""

from __future__ import annotations

import re
from typing import Any

from bot.dates import names_a_day
from bot.engine import Reflection, State
from bot.flow import CHOICE, SHORT_ANSWER_WORDS, answer_text, clarified
from bot.model import Content
from bot.phrases import find_phrase
from bot.signals import CLAUSE_BREAK


def _escape_markdown(text: str) -> str:
    """User text quoted verbatim: characters that would start Markdown structure or HTML are
    escaped, and so is what makes structure at the start of a line ("===", "---", "1.", "+",
    an indent of four spaces), so an export renders the text as the user typed it."""
    escaped = "".join("\\" + ch if ch in "\\`*_[]<>#|~" else ch for ch in text)
    return "\n".join(_escape_line_start(line) for line in escaped.split("\n"))


def _escape_line_start(line: str) -> str:
    line = line.lstrip(" \t")  # an indent would make a code block
    if line[:1] in ("-", "+", "="):
        return "\\" + line
    return re.sub(r"^(\d+)([.)])", r"\1\\\2", line)


def with_the_day(record: dict[str, Any]) -> str:
    """The answer as a verbeterstap shows it: as its clarification made it, and the day named
    after "which day?" ("na de zomer, in week 36"); a reply there that names no day ("nee",
    "weet ik nog niet") stays in the answers, not in the table."""
    answer = clarified(record)
    day = (record.get("datum") or "").strip()
    if day and names_a_day(day):
        return f"{answer.strip().rstrip('.')}, {day}" if answer.strip() else day
    return answer


def build_summary(content: Content, state: State) -> dict[str, Any]:
    reflection = Reflection(content, state)
    flow = reflection.flow
    answers: list[dict[str, Any]] = []
    for step in reflection.steps():
        record = state["answers"].get(step.id)
        if record is None:
            continue
        question = reflection.question_text(step)
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
            replies = [(clarification.vraag, record["verduidelijking"])]
            if record.get("eerder") not in (None, record["verduidelijking"]):
                replies = [(clarification.vraag, record["eerder"]), (clarification.nogmaals, record["verduidelijking"])]
            for question, reply in replies:
                answers.append({"step": step.id, "question": question, "answer": reply, "skipped": False, "bron": bron})
        if record.get("datum") is not None and clarification:
            answers.append(
                {
                    "step": step.id,
                    "question": clarification.datum,
                    "answer": record["datum"],
                    "skipped": False,
                    "bron": bron,
                }
            )

    verbeterstappen = []
    shared_steps = []  # the same, with what the writer said about themselves left out
    asked = {(s.verbeterstap, s.part) for s in reflection.steps() if s.verbeterstap}
    for number in range(1, state.get("verbeterstappen", 1) + 1):
        parts = {}
        shared_parts = {}
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
            parts[part] = with_the_day(record)
            shared_parts[part] = shareable(content, record, parts[part])
        if any(parts.values()):
            verbeterstappen.append(parts)
            shared_steps.append(shared_parts)

    summary = {
        "mode": flow.id,
        "titel": flow.titel,
        "answers": answers,
        "bouwopgaven": list(state.get("bouwopgaven") or []),
        "verbeterstappen": verbeterstappen,
        "completed": bool(state.get("finished")),
    }
    shared_verbeterstappen = shared_steps
    sheet = intervisie_sheet(content, reflection, state)
    if sheet is not None:
        summary["intervisie"] = sheet
    summary["titel_samenvatting"] = flow.samenvatting.titel if flow.samenvatting else content.text("samenvatting_titel")
    # After the support message, the summary ends with where to turn, for the writer alone (not in
    # what is shared): a tester found the danger they wrote quoted in it, and nothing after it.
    shown = state.get("support_shown") or state.get("steun_licht")
    summary["steun"] = content.text("samenvatting_steun") if shown else ""
    if has_verbeterstappen(reflection):
        summary["synthese"] = synthesis(content, reflection, summary)
    summary["markdown"] = to_markdown(content, summary, reflection)
    summary["text"] = to_text(summary["markdown"])
    if "synthese" in summary:
        shared = to_shared_markdown(content, summary, shared_verbeterstappen)
        summary["delen"] = {"markdown": shared, "text": to_text(shared)}
    elif "intervisie" in summary:
        shared = to_shared_sheet(content, summary["intervisie"])
        summary["delen"] = {"markdown": shared, "text": to_text(shared)}
    return summary


# The synthesis on top: the case in the user's first whole sentences, at most this many words
# (two testers missed the last short sentence, the crux: "niemand afgestemd.", when it was three
# sentences at most).
CASE_MAX_WORDS = 60
# The version to share holds at most this many words in each cell of the table of steps.
SHARED_CELL_MAX_WORDS = 40


def has_verbeterstappen(reflection: Reflection) -> bool:
    return any(step.soort == "verbeterstappen" for phase in reflection.flow.phases for step in phase.steps)


# A first sentence said to the bot, not about the case: "vrijdagmiddag, laatste ding.", "oké, daar
# gaat ie:" (a tester's "In het kort" opened so). Only words like these, at most CHAT_OPENING_WORDS.
CHAT_OPENING = re.compile(
    r"(?:(?:maan|dins|woens|donder|vrij|zater|zon)dag(?:ochtend|middag|avond)?|van(?:ochtend|middag|avond)|vandaag|"
    r"laatste|eerste|ding|dingetje|casus|oké|oke|ok|okay|nou|goed|dus|even|kort|snel|verhaal|lang|daar|gaat|ie|"
    r"hij|we|komt|pff|zucht|sorry|hoi|hallo|hey|ja|nee|eh|ehm|uhm|zo|dan|nog|een|de|het|dit|die|mijn|ik|maar|"
    r"weer|eentje|is|was|er|tja|hmm|poeh)"
)
CHAT_OPENING_WORDS = 5


def without_chat_opening(text: str) -> str:
    """``text`` without the sentences before the case that only speak to the bot; as it is when
    nothing else is left."""
    sentences = re.split(r"(?<=[.!?:])\s+", " ".join(text.split()))
    while len(sentences) > 1:
        words = re.findall(r"[\wé]+", sentences[0].lower())
        if len(words) > CHAT_OPENING_WORDS or not all(CHAT_OPENING.fullmatch(w) for w in words):
            break
        sentences = sentences[1:]
        sentences[0] = sentences[0][:1].upper() + sentences[0][1:]
    return " ".join(sentences)


def first_sentences(text: str) -> str:
    sentences = re.split(r"(?<=[.!?])\s+", " ".join(text.split()))
    kept: list[str] = []
    for sentence in sentences:
        if kept and len(" ".join([*kept, sentence]).split()) > CASE_MAX_WORDS:
            return " ".join(kept) + " …"
        kept.append(sentence)
    words = " ".join(kept).split()
    return " ".join(words[:CASE_MAX_WORDS]) + (" …" if len(words) > CASE_MAX_WORDS else "")


def _shortened(text: str, most: int) -> str:
    words = " ".join(text.split()).split()
    return " ".join(words[:most]) + (" …" if len(words) > most else "")


def synthesis(content: Content, reflection: Reflection, summary: dict[str, Any]) -> dict[str, Any]:
    """One page on top of the summary: the case in the user's first sentences, what made it
    difficult (the sentence the bouwopgave was proposed on), the kern, the bouwopgave and why,
    the verbeterstappen, and one question to take to the teamleider or the intervisie.
    Skipped questions are left out."""
    state = reflection.state
    spec = reflection.flow.samenvatting

    def told(step_id: str) -> str:
        record = state["answers"].get(step_id) or {}
        if record.get("skipped"):
            return ""
        text = record.get("verduidelijking") or record.get("answer") or ""
        follow_up = (record.get("verdieping") or {}).get("antwoord")
        told = f"{text} {follow_up}".strip() if follow_up else text
        if follow_up and follow_up.lower().startswith(text.lower()):
            told = follow_up  # "meer tijd", then "meer tijd om samen ...": once ("De kern: meer tijd meer tijd ...")
        elif follow_up and len(text.split()) <= SHORT_ANSWER_WORDS:
            # "regie", then "meer tijd": both, in the writer's order (a tester read "De kern: meer tijd")
            told = f"{text} — {follow_up}"
        # The page for the teamleider leaves out how the writer is themselves (a tester found "ik
        # slaap er eerlijk gezegd slecht van sinds deze casus" under "De kern"); the answers
        # below it, for the writer, keep every word.
        return shareable(content, record, told)

    quotes = {item["id"]: item.get("citaat", "") for item in state.get("voorstel") or []}
    chosen = [content.bouwopgaven[b] for b in summary["bouwopgaven"]]
    bouwopgaven = [{"id": b.id, "naam": b.naam, "nummer": b.nummer, "waarom": quotes.get(b.id, "")} for b in chosen]
    # why the user chose them, in their words ("3, want er was een groot verschil ...")
    chose = next((s.id for s in reflection.steps() if s.kind == CHOICE), None)
    chosen_record = state["answers"].get(chose) or {}
    own_reason = shareable(content, chosen_record, chosen_record.get("waarom", ""))
    # The question to take along: one of the bouwopgave's themes that was not asked here already.
    asked = {s.question.id for s in reflection.steps() if s.id in state["answers"] and s.question}
    candidates = [content.questions[q] for b in chosen for q in b.thema_vragen if q in content.questions]
    candidates += [q for b in chosen for t in b.themas for q in content.themas[t].vragen if not q.voor]
    themed = [q for q in candidates if q.id not in asked]
    kern = told(spec.kern) if spec and spec.kern else ""
    # The sentence the bouwopgave was proposed on, in the user's words; not when the kern
    # says the same (a tester read "niemand had regie" twice).
    own_words = next((b["waarom"] for b in bouwopgaven if b["waarom"]), "")
    if own_words and _same_words(own_words, kern):
        own_words = ""
    return {
        "casus": first_sentences(without_chat_opening(told(spec.casus))) if spec and spec.casus else "",
        "lastig": own_words,
        "kern": kern,
        "bouwopgaven": bouwopgaven,
        "gekozen_omdat": own_reason,
        "verbeterstappen": summary["verbeterstappen"],
        "meenemen": themed[0].vraag if themed else content.text("meenemen_algemeen"),
    }


def _same_words(part: str, whole: str) -> bool:
    """Whether ``part`` says nothing ``whole`` does not: all its words are in it."""
    words = set(re.findall(r"\w+", part.lower()))
    return bool(words) and words <= set(re.findall(r"\w+", whole.lower()))


def steps_cells(
    content: Content, steps: list[dict[str, str]], own_step: str = "tabel_eigen_stap"
) -> tuple[list[str], list[list[str]]]:
    """The verbeterstappen as a table: the heads (wat, wie, wanneer, and how you notice it worked
    when a step has it) and a row of the user's text per step, the own first step with the wie."""
    text = content.text
    with_merkbaar = any("merkbaar" in step for step in steps)
    heads = ["tabel_wat", "tabel_wie", "tabel_wanneer"] + (["tabel_merkbaar"] if with_merkbaar else [])
    rows = []
    for step in steps:
        wie = step.get("wie", "")
        if step.get("eigen_stap"):
            wie = f"{wie.rstrip(' .,;:')} ({text(own_step)}: {step['eigen_stap']})" if wie else step["eigen_stap"]
        rows.append(
            [step.get("wat", ""), wie, step.get("wanneer", "")] + ([step.get("merkbaar", "")] if with_merkbaar else [])
        )
    return [text(h) for h in heads], rows


def _steps_table(
    content: Content, steps: list[dict[str, str]], most: int | None = None, own_step: str = "tabel_eigen_stap"
) -> list[str]:
    """The verbeterstappen as a Markdown table: wat, wie, wanneer, and how you notice it worked."""
    text = content.text
    heads, rows = steps_cells(content, steps, own_step)
    lines = ["| " + " | ".join(heads) + " |", "|" + "---|" * len(heads)]
    for cells in rows:
        cells = [_shortened(c, most) if most else " ".join(c.split()) for c in cells]
        lines.append("| " + " | ".join(_escape_markdown(c) if c else text("overgeslagen") for c in cells) + " |")
    return lines


def _steps_lines(content: Content, steps: list[dict[str, str]]) -> list[str]:
    text = content.text
    if not steps:
        return [text("geen_verbeterstappen")]
    lines = []
    for number, step in enumerate(steps, start=1):
        # The template adds its own punctuation: "klantmanager." + ", in de lead" would read "., ".
        values = {
            k: _escape_markdown(v.rstrip(" .,;:") or v if k in ("wat", "wie") else v) if v else text("overgeslagen")
            for k, v in step.items()
        }
        regel = text(
            "verbeterstap_regel", nummer=number, wat=values["wat"], wie=values["wie"], wanneer=values["wanneer"]
        )
        lines += [regel, ""]
        for part in ("eigen_stap", "merkbaar"):
            if part in values:
                lines += [text(f"verbeterstap_{part}", **{part: values[part]}), ""]
    return lines


def to_shared_markdown(
    content: Content, summary: dict[str, Any], verbeterstappen: list[dict[str, str]] | None = None
) -> str:
    """The version to share with a teamleider or the group: the bouwopgave, the verbeterstappen
    (``verbeterstappen``: as they may be shared, see ``shareable``) and the question to take
    along; no case, no feelings, no answers."""
    text = content.text
    brief = {**summary["synthese"]}
    if verbeterstappen is not None:
        brief["verbeterstappen"] = verbeterstappen
    lines = [f"# {text('delen_titel')}", ""]
    if brief["bouwopgaven"]:
        names = "; ".join(f"{b['nummer']}. {b['naam']}" for b in brief["bouwopgaven"])
        label = text("synthese_bouwopgaven" if len(brief["bouwopgaven"]) > 1 else "synthese_bouwopgave")
        lines += [f"**{label}** {names}", ""]
    if brief["verbeterstappen"]:
        lines += [*_steps_table(content, brief["verbeterstappen"], SHARED_CELL_MAX_WORDS, "delen_eigen_stap"), ""]
    else:
        lines += [text("geen_verbeterstappen"), ""]
    lines += [f"**{text('delen_meenemen')}** {_escape_markdown(brief['meenemen'])}", ""]
    lines += [f"_{text('delen_privacy')}_", ""]
    return "\n".join(lines)


# The intervisieblad to share holds the case and the moment in at most this many words each.
SHARED_CASE_MAX_WORDS = 80


def to_shared_sheet(content: Content, sheet: dict[str, Any]) -> str:
    """The intervisieblad for the group: the case and the moment (shortened), the inbrengvraag,
    the themes and the questions; none of the other answers."""
    text = content.text
    lines = [f"# {text('kop_intervisie')}", ""]
    lines += [
        f"**{text('intervisie_casus')}**",
        "",
        _escape_markdown(_shortened(sheet["casus"], SHARED_CASE_MAX_WORDS)),
    ]
    if sheet.get("moment"):
        moment = _escape_markdown(_shortened(sheet["moment"], SHARED_CASE_MAX_WORDS))
        lines += ["", f"**{text('intervisie_moment')}**", "", moment]
    lines += ["", f"**{text('intervisie_inbrengvraag')}**", "", _escape_markdown(sheet["inbrengvraag"]), ""]
    lines += [f"**{text('intervisie_themas')}**", ""] + [f"- {t['naam']}" for t in sheet["themas"]] + [""]
    lines += [f"**{text('intervisie_vragen')}**", ""]
    lines += [f"{number}. {question}" for number, question in enumerate(sheet["vragen"], start=1)]
    lines += ["", f"_{text('delen_intervisie_privacy')}_", ""]
    return "\n".join(lines)


def _table_as_text(lines: list[str]) -> list[str]:
    """A Markdown table of ours as plain lines: "- Wat: …", then "  Wie in de lead: …" per row."""
    result: list[str] = []
    heads: list[str] = []
    for line in lines:
        if heads and re.fullmatch(r"\|(?:---\|)+", line):
            continue  # the line under the heads
        if not line.startswith("| ") or not line.endswith(" |"):
            heads = []
            result.append(line)
            continue
        cells = re.split(r"(?<!\\) \| ", line[2:-2])  # a user's "|" is escaped as "\|"
        if not heads:
            heads = cells
        else:
            pairs = [f"{h}: {c}" for h, c in zip(heads, cells, strict=False)]
            result += ["- " + pairs[0], *("  " + pair for pair in pairs[1:])]
    return result


def to_text(markdown: str) -> str:
    """The summary as plain text, for the chat and the printable view: no markup, no escapes.

    Everything the user typed is escaped in the Markdown, so every unescaped marker is ours.
    """
    lines = []
    for line in _table_as_text(markdown.split("\n")):
        line = re.sub(r"^#{1,6} ", "", line)
        line = re.sub(r"(?<!\\)\*\*", "", line)
        if len(line) > 1 and line.startswith("_") and line.endswith("_") and not line.endswith("\\_"):
            line = line[1:-1]
        lines.append(re.sub(r"\\(.)", r"\1", line))
    return "\n".join(lines)


def shareable(content: Content, record: dict[str, Any] | None, text: str) -> str:
    """``text``, the answer of ``record``, as it may go into what is shared (the intervisieblad,
    the page for the teamleider): where the writer also told how they are themselves (the answer
    was kept from a message with a signal), the clauses that say so are left out, or the whole
    answer when the signal was not in words. A tester found "eerlijk: ik ben er zelf ook klaar
    mee, ik zit al weken op mijn tandvlees" on the intervisieblad for the group."""
    if not text or not (record or {}).get("met_signaal"):
        return text
    signalen = content.signalen
    heavy = tuple(
        p for key in ("gevaar", "gevaar_woorden", "spanning", "spanning_woorden") for p in signalen.get(key, ())
    )
    # Each clause with the break before it, so that what stays reads as the user wrote it: "maar",
    # "omdat" and the full stops kept (a tester read "..., Ik ben haar klantmanager, Ze zou ...").
    pieces = list(zip(["", *CLAUSE_BREAK.findall(text)], CLAUSE_BREAK.split(text), strict=True))
    heavy_parts = [part for _, part in pieces if part.strip() and find_phrase(part, heavy)]
    # A word left alone by what was taken out ("..., eerlijk: ik zit al weken op mijn tandvlees")
    # says nothing by itself.
    said = [
        (before, part)
        for before, part in pieces
        if part not in heavy_parts and (not part.strip() or len(part.split()) > 1)
    ]
    if not heavy_parts or not any(part.strip() for _, part in said):
        return content.text("delen_weggelaten")
    shared = "".join(before + part for before, part in said)
    shared = re.sub(r"\s*[,;:]+\s*(?=[.!?]|$)", "", shared)  # "A, [left out]." reads "A."
    shared = shared.strip(" ,;:")
    return re.sub(r"^(?:[.!?]\s*)+|^(?:dus|maar|want|omdat|terwijl|en toen|waardoor)\s+", "", shared, flags=re.I)


def intervisie_sheet(content: Content, reflection: Reflection, state: State) -> dict[str, Any] | None:
    """The intervisie sheet of a flow that has one: case, inbrengvraag, themes, questions."""
    sheet = reflection.flow.intervisie
    if sheet is None:
        return None

    def text_of(step_id: str) -> str:
        record = state["answers"].get(step_id)
        return shareable(content, record, answer_text(record))

    bouwopgaven = state.get("bouwopgaven") or [item["id"] for item in state.get("voorstel") or []]
    themes = list(dict.fromkeys(t for b in bouwopgaven for t in content.bouwopgaven[b].themas)) or list(content.themas)
    # Questions for the group to ask the case-bringer: take turns between the themes at play,
    # then top up from the other themes until the minimum is reached.
    pools = [[q for q in content.themas[t].vragen if not q.voor] for t in themes]
    questions = [pool[i] for i in range(max(map(len, pools), default=0)) for pool in pools if i < len(pool)]
    if len(questions) < sheet.min_vragen:
        others = [q for t in content.themas.values() if t.id not in themes for q in t.vragen if not q.voor]
        questions += others[: sheet.min_vragen - len(questions)]
    # For this case: the questions that share most words with what the user told come first.
    told = _content_words(" ".join(text_of(s) for s in (sheet.casus, sheet.moment, sheet.inbrengvraag) if s))
    ranked = sorted(questions, key=lambda q: -len(_content_words(q.vraag) & told))
    result = {
        "casus": text_of(sheet.casus),
        "inbrengvraag": text_of(sheet.inbrengvraag),
        "themas": [{"id": t, "naam": content.themas[t].naam} for t in themes],
        "vragen": [q.vraag for q in ranked[: sheet.max_vragen]],
    }
    if sheet.moment:
        result["moment"] = text_of(sheet.moment)
    return result


# Words of at least this many letters count as content words when questions are matched to a case.
CONTENT_WORD_MIN_LETTERS = 5


def _content_words(text: str) -> set[str]:
    """Lower-case words of CONTENT_WORD_MIN_LETTERS letters or more, cut to their first six
    letters so that "regie" and "regisseur", "klantmanager" and "klantmanagers" meet."""
    return {w[:6] for w in re.findall(r"[\w&]+", text.lower()) if len(w) >= CONTENT_WORD_MIN_LETTERS}


def to_markdown(content: Content, summary: dict[str, Any], reflection: Reflection) -> str:
    text = content.text
    steps = {s.id: s for s in reflection.steps()}
    lines = [f"# {summary['titel_samenvatting']}", "", text("samenvatting_flow", titel=summary["titel"]), ""]
    brief = summary.get("synthese")
    if brief:
        lines += [f"## {text('kop_synthese')}", ""]
        if brief["casus"]:
            lines += [f"**{text('synthese_casus')}** {_escape_markdown(brief['casus'])}", ""]
        if brief["lastig"]:
            lines += [f"**{text('synthese_lastig')}** ‘{_escape_markdown(brief['lastig'])}’", ""]
        if brief["kern"]:
            lines += [f"**{text('synthese_kern')}** {_escape_markdown(' '.join(brief['kern'].split()))}", ""]
        if brief["bouwopgaven"]:
            names = "; ".join(f"{b['nummer']}. {b['naam']}" for b in brief["bouwopgaven"])
            label = text("synthese_bouwopgaven" if len(brief["bouwopgaven"]) > 1 else "synthese_bouwopgave")
            reason = brief.get("gekozen_omdat")
            why = f" — ‘{_escape_markdown(reason)}’" if reason else ""
            lines += [f"**{label}** {names}{why}", ""]
        if brief["verbeterstappen"]:
            lines += [f"**{text('kop_verbeterstappen')}**", "", *_steps_table(content, brief["verbeterstappen"]), ""]
        lines += [f"**{text('synthese_meenemen')}** {_escape_markdown(brief['meenemen'])}", ""]
        lines += [f"_{text('synthese_daaronder')}_", ""]
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
    if has_verbeterstappen(reflection):  # an intervisie sheet says nothing about verbeterstappen
        lines += [f"## {text('kop_verbeterstappen')}", "", *_steps_lines(content, summary["verbeterstappen"])]
    if "intervisie" in summary:
        if summary.get("steun"):
            # Before the sheet, not under it: the sheet is what goes to the group (a tester found
            # the writer's 113 note at the foot of what they were about to mail).
            lines += ["", f"**{_escape_markdown(summary['steun'])}**"]
        sheet = summary["intervisie"]
        lines += ["", f"## {text('kop_intervisie')}", ""]
        lines += [f"**{text('intervisie_casus')}**", "", _escape_markdown(sheet["casus"]), ""]
        if sheet.get("moment"):
            lines += [f"**{text('intervisie_moment')}**", "", _escape_markdown(sheet["moment"]), ""]
        lines += [f"**{text('intervisie_inbrengvraag')}**", "", _escape_markdown(sheet["inbrengvraag"]), ""]
        lines += [f"**{text('intervisie_themas')}**", ""] + [f"- {t['naam']}" for t in sheet["themas"]] + [""]
        lines += [f"**{text('intervisie_vragen')}**", ""]
        lines += [f"{number}. {question}" for number, question in enumerate(sheet["vragen"], start=1)]
    if summary.get("steun") and "intervisie" not in summary:
        lines += ["", f"**{_escape_markdown(summary['steun'])}**"]
    lines += ["", f"_{text('samenvatting_privacy')}_", ""]
    return "\n".join(lines)
