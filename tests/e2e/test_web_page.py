"""The chat page at /chat in headless Chromium (Debian's, driven by Playwright; no download).

A person holds a whole reflection by clicking and typing, reloads and resumes, downloads
the summary, uses the controls by keyboard alone; bot text with markup stays text; one
browser cannot reach another's conversation. Screenshots go to var/screenshots/.
"""

from __future__ import annotations

import json
import re
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.content import get_content
from tests.conftest import ROOT
from tests.e2e.servers import Servers, server_pair
from tests.e2e.walk import CONCRETE, assert_summary_holds

pytestmark = pytest.mark.e2e

SCREENSHOTS = ROOT / "var" / "screenshots"
WAIT = 30_000  # ms
# Turns a walk to the summary may take: about 45 on a quiet machine; a loaded one answers some
# turns with the "try again" message (REPLY_TIMEOUT), and each of those costs one more.
WALK_TURNS = 150


@pytest.fixture(scope="module")
def servers(tmp_path_factory) -> Iterator[Servers]:
    with server_pair(tmp_path_factory.mktemp("web")) as pair:
        yield pair


@pytest.fixture
def page(browser, servers):
    context = browser.new_context(viewport={"width": 1000, "height": 800}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(WAIT)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == [], errors


def chat_url(servers: Servers) -> str:
    return f"http://127.0.0.1:{servers.rasa_port}/chat/"


def open_chat(page, servers: Servers) -> None:
    page.goto(chat_url(servers))
    settled(page)


def settled(page, seconds: float = WAIT / 1000) -> None:
    """Wait until the page has the bot's reply. Polled from here: the page's CSP forbids eval."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if page.evaluate("document.body.dataset.busy === 'false' && document.body.dataset.kind !== undefined"):
            return
        time.sleep(0.05)
    raise AssertionError(f"the page did not settle: {state(page)}")


def state(page) -> dict[str, str]:
    return page.evaluate("({...document.body.dataset})")


def type_and_send(page, text: str) -> None:
    page.fill("#bericht", text)
    page.press("#bericht", "Enter")
    settled(page)


def click_reply(page, title: str) -> None:
    page.locator("#knoppen button", has_text=title).first.click()
    settled(page)


def answer_open_question(page, answers: dict[str, str]) -> None:
    """Answer whatever is open, by typing or by a quick reply, like a person would."""
    current = state(page)
    step = current["step"]
    if current["kind"] == "confirm":
        click_reply(page, "Nee")
    elif step.endswith("keuze"):
        if page.locator("#knoppen button", has_text="Ja").count():
            click_reply(page, "Ja")
        else:
            type_and_send(page, "4")
    else:
        text = CONCRETE.get(step.rsplit(".", 1)[-1]) or f"Over {step}: de klantmanager en ik keken er anders naar."
        answers[step] = text
        type_and_send(page, text)


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def test_a_whole_reflection_in_the_browser_with_progress_reload_and_download(page, servers, tmp_path):
    open_chat(page, servers)
    assert page.locator(".privacy").is_visible()
    assert state(page)["phase"] == "welkom"
    assert page.locator("#fasen li[aria-current='step']").inner_text() == "Welkom"
    screenshot(page, "start")

    click_reply(page, "Reflecteren op een lastige casus")
    assert state(page)["phase"] == "casus"
    assert page.locator("#fasen li[aria-current='step']").inner_text() == "Casus"
    assert "Vraag 1 van" in page.inner_text("#voortgang")

    answers: dict[str, str] = {}
    answer_open_question(page, answers)
    answer_open_question(page, answers)
    open_step = state(page)["step"]
    shown_before = page.locator("#gesprek .bericht").count()

    # A reload resumes the same conversation at the same question.
    page.reload()
    settled(page)
    assert state(page)["step"] == open_step
    assert page.locator("#gesprek .bericht").count() == shown_before
    assert page.locator("#gesprek").get_by_text(next(iter(answers.values()))).count() == 1

    phases_seen = []
    for _ in range(WALK_TURNS):
        if state(page)["kind"] == "summary":
            break
        if state(page)["phase"] not in phases_seen:
            phases_seen.append(state(page)["phase"])
            if state(page)["phase"] == "bouwopgaven":
                screenshot(page, "midden")
        answer_open_question(page, answers)
    assert state(page)["kind"] == "summary", (state(page), page.inner_text("#gesprek")[-1500:])
    assert phases_seen == ["casus", "vensters", "kern", "bouwopgaven", "verbeterstappen"]
    assert page.locator("#fasen li.klaar").count() == 6
    assert page.locator("#samenvatting").is_visible()
    # It reads as a document: headings, bold labels and the verbeterstappen as a table (a tester
    # found it one block of plain text, the headings looking like the answers).
    summary_view = page.locator("#samenvatting-tekst")
    assert page.locator("#samenvatting-kop").inner_text() == "Samenvatting van je reflectie"  # once, above the buttons
    assert summary_view.locator("h3", has_text="In het kort").count() == 1
    assert summary_view.locator("strong", has_text="De casus:").count() == 1
    assert summary_view.locator("table th").first.inner_text() == "Wat"
    assert "**" not in summary_view.inner_text() and "|---" not in summary_view.inner_text()
    screenshot(page, "samenvatting")

    with page.expect_download() as download_info:
        page.click("#download-md")
    markdown = Path(download_info.value.path()).read_text(encoding="utf-8")
    with page.expect_download() as download_info:
        page.click("#download-json")
    summary = json.loads(Path(download_info.value.path()).read_text(encoding="utf-8"))
    assert_summary_holds(summary, answers)
    assert markdown == summary["markdown"]
    # The version to share: shown apart, downloadable, without the case.
    assert page.locator("#delen").is_visible()
    with page.expect_download() as download_info:
        page.click("#download-delen")
    shared = Path(download_info.value.path()).read_text(encoding="utf-8")
    assert shared == summary["delen"]["markdown"] and len(summary["delen"]["text"].split()) <= 400
    assert answers["casus.gebeurtenis"] not in shared
    typed = [a for a in answers.values() if "de klantmanager en ik keken er anders naar" in a]
    assert len(typed) >= 10 and markdown.count("de klantmanager en ik keken er anders naar") >= len(typed)

    # The printable view is the summary alone.
    page.emulate_media(media="print")
    assert page.locator("#samenvatting-tekst").is_visible()
    assert not page.locator("#gesprek").is_visible() and not page.locator(".invoer").is_visible()
    pdf = tmp_path / "samenvatting.pdf"
    page.pdf(path=str(pdf))
    assert pdf.read_bytes().startswith(b"%PDF")


def test_the_summary_downloads_as_word_opendocument_and_a_calendar_by_keyboard(page, servers):
    """Two verbeterstappen, one with a date and one without: Word and OpenDocument hold both,
    the calendar the dated one on its day, and the page names the other."""
    import docx
    import icalendar
    from odf import teletype
    from odf.opendocument import load as load_odf

    from bot.dates import read_date
    from bot.export import moment

    open_chat(page, servers)
    click_reply(page, "Reflecteren op een lastige casus")
    second = {"wat": "De werkafspraak over maatregelen opschrijven", "wanneer": "na de zomer"}
    steps = 0
    answers: dict[str, str] = {}
    for _ in range(80):
        current = state(page)
        if current["kind"] == "summary":
            break
        part = current["step"].rsplit(".", 1)[-1]
        if page.locator("#knoppen button", has_text="Ja, nog een").count():
            steps += 1
            click_reply(page, "Ja, nog een" if steps == 1 else "Nee")
        elif steps == 1 and current["kind"] == "question" and part in second:
            type_and_send(page, second[part])
        elif steps == 1 and current["kind"] == "clarify" and part == "wanneer":
            click_reply(page, "Laat zo")  # "Weet je er al een dag of week bij?": not yet
        else:
            answer_open_question(page, answers)
    assert state(page)["kind"] == "summary"
    assert page.locator("#download-ics").is_visible()

    page.focus("#bericht")
    tab_to(page, "Download als Word")
    with page.expect_download() as download_info:
        page.keyboard.press("Enter")
    download = download_info.value
    assert re.fullmatch(r"bouwgesprek-samenvatting-\d{4}-\d{2}-\d{2}\.docx", download.suggested_filename)
    word = docx.Document(download.path())
    cells = [cell.text for table in word.tables for cell in table._cells]
    assert CONCRETE["wat"] in cells and second["wat"] in cells
    assert get_content().text("samenvatting_privacy") in [p.text for p in word.paragraphs]

    tab_to(page, "Download als OpenDocument")
    with page.expect_download() as download_info:
        page.keyboard.press("Enter")
    assert download_info.value.suggested_filename.endswith(".odt")
    text = teletype.extractText(load_odf(download_info.value.path()).text)
    assert CONCRETE["wat"] in text and second["wat"] in text and "Geen datum herkend" in text

    tab_to(page, "Download voor je agenda (.ics)")
    with page.expect_download() as download_info:
        page.keyboard.press("Enter")
    assert download_info.value.suggested_filename.startswith("bouwgesprek-verbeterstappen-")
    [event] = icalendar.Calendar.from_ical(Path(download_info.value.path()).read_bytes()).walk("VEVENT")
    assert str(event["summary"]) == CONCRETE["wat"]
    assert event.decoded("dtstart") == read_date(CONCRETE["wanneer"], moment(time.time()).date())
    page.locator("#agenda-melding").filter(has_text="Geen datum herkend").wait_for()
    assert second["wat"] in page.inner_text("#agenda-melding")
    assert CONCRETE["wat"] not in page.inner_text("#agenda-melding")
    screenshot(page, "downloads")

    # The same guard as every /chat/api call: not from a page of another origin.
    cookie = next(c for c in page.context.cookies() if c["name"].startswith("bouwgesprek_"))
    foreign = urllib.request.Request(
        chat_url(servers) + "api/export?format=docx",
        headers={"Cookie": f"{cookie['name']}={cookie['value']}", "Origin": "http://elders.example"},
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(foreign, timeout=30)
    assert refused.value.code == 403


def user_messages(page) -> list[str]:
    return [text.removeprefix("Jij:").strip() for text in page.locator("#gesprek .bericht.jij").all_inner_texts()]


def tab_to(page, label: str, limit: int = 40) -> None:
    """Press Shift+Tab from where the focus is until the control with text ``label`` has it."""
    for _ in range(limit):
        if page.evaluate("document.activeElement.textContent.trim()") == label:
            return
        page.keyboard.press("Shift+Tab")
    raise AssertionError(f"{label!r} cannot be reached by keyboard")


def test_the_controls_work_by_keyboard_alone(page, servers):
    open_chat(page, servers)
    assert page.evaluate("document.activeElement.id") == "bericht"  # ready to type
    tab_to(page, "Reflecteren op een lastige casus")  # a quick reply
    page.keyboard.press("Enter")
    settled(page)
    assert state(page)["phase"] == "casus"
    step = state(page)["step"]

    page.focus("#bericht")
    tab_to(page, "Uitleg")
    before = page.locator("#gesprek .bericht.bot").count()
    page.keyboard.press("Enter")
    settled(page)
    new_texts = page.locator("#gesprek .bericht.bot").all_inner_texts()[before:]
    assert any("Bijvoorbeeld:" in text for text in new_texts) and state(page)["step"] == step
    page.focus("[data-payload='/skip']")
    page.keyboard.press("Space")
    settled(page)
    assert state(page)["step"] != step
    page.focus("[data-payload='/go_back']")
    page.keyboard.press("Enter")
    settled(page)
    assert state(page)["step"] == step
    page.focus("[data-payload='/pause']")
    page.keyboard.press("Enter")
    settled(page)
    assert state(page)["kind"] == "pause"
    for control in page.locator("button, textarea").all():
        if control.is_visible():
            assert control.evaluate("e => (e.labels && e.labels.length > 0) || e.textContent.trim().length > 0")

    # After a reload the history shows each control by its label, as it was shown when used,
    # also when the bot's message before it had no such button (Uitleg while paused).
    page.click("[data-payload='/help']")
    settled(page)
    sent = user_messages(page)
    assert sent[-5:] == ["Uitleg", "Overslaan", "Vorige vraag", "Pauze", "Uitleg"]
    page.reload()
    settled(page)
    assert user_messages(page) == sent


def test_markup_in_bot_text_is_shown_as_text(page, servers):
    open_chat(page, servers)
    click_reply(page, "Een bouwopgave verkennen")
    type_and_send(page, "4")
    markup = '<script>document.title="gehackt"</script><img src=x onerror="document.title=\'gehackt\'">'
    type_and_send(page, f"De regie lag nergens en de klantmanager en ik wisten niet wie de inwoner belde. {markup}")
    keep = get_content().text("twijfel_bewaren")
    if page.locator("#knoppen button", has_text=keep).count():  # the bot asked: answer or request?
        click_reply(page, keep)
    for _ in range(20):
        if state(page)["kind"] == "summary":
            break
        page.locator("[data-payload='/skip']").click()
        settled(page)
        if state(page)["kind"] == "confirm":
            click_reply(page, "Nee")
    assert state(page)["kind"] == "summary"
    assert "<script>" in page.locator("#samenvatting-tekst").inner_text()  # the summary quotes the answer as text
    # ... once: the conversation says where it is instead of showing it again (a tester)
    assert "staat hieronder" in page.locator("#gesprek .bericht.bot").last.inner_text()
    assert page.title() == "Bouwgesprek"
    assert page.locator("#gesprek img, #gesprek script, #samenvatting img").count() == 0


def test_readable_at_360_pixels_and_contrast_passes_wcag_aa(browser, servers):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    try:
        open_chat(page, servers)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        ratios = page.evaluate(CONTRAST_SCRIPT)
        low = [r for r in ratios if r["ratio"] < 4.5]
        assert ratios and not low, low
    finally:
        context.close()


def test_one_browser_cannot_reach_another_browsers_conversation(browser, servers):
    first = browser.new_context()
    second = browser.new_context()
    try:
        a = first.new_page()
        open_chat(a, servers)
        click_reply(a, "Reflecteren op een lastige casus")
        secret = "Een zin die alleen in het eerste gesprek staat."
        type_and_send(a, secret)
        b = second.new_page()
        open_chat(b, servers)
        assert secret not in b.inner_text("#gesprek")
        assert state(b)["phase"] == "welkom"

        # A forged or guessed cookie is refused, and a sender in the body is ignored.
        cookie = next(c for c in first.cookies() if c["name"].startswith("bouwgesprek_"))
        assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and cookie["expires"] > time.time()
        conversation, made = cookie["value"].split(".")[:2]
        forged = urllib.request.Request(
            chat_url(servers) + "api/history",
            headers={"Cookie": f"{cookie['name']}={conversation}.{made}.0000"},
        )
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(forged, timeout=30)
        assert refused.value.code == 403
        assert secret not in refused.value.read().decode()
        b.evaluate(
            """async (sender) => {
                await fetch('/chat/api/message', {method: 'POST', headers: {'Content-Type': 'application/json'},
                    body: JSON.stringify({message: 'verder', sender: sender})});
            }""",
            conversation,
        )
        history = b.evaluate("fetch('/chat/api/history').then(r => r.json())")
        assert secret not in json.dumps(history)
    finally:
        first.close()
        second.close()


def test_new_conversation_deletes_the_old_one_after_a_confirmation(page, servers):
    open_chat(page, servers)
    click_reply(page, "Reflecteren op een lastige casus")
    type_and_send(page, "Een casus die straks weg moet zijn.")
    page.click("#nieuw")
    assert page.locator("#nieuw-dialoog").is_visible()
    page.click("#nieuw-nee")
    assert "Een casus die straks weg moet zijn." in page.inner_text("#gesprek")
    page.click("#nieuw")
    page.click("#nieuw-ja")
    settled(page)
    assert state(page)["phase"] == "welkom"
    assert "Een casus die straks weg moet zijn." not in page.inner_text("#gesprek")
    page.reload()
    settled(page)
    assert "Een casus die straks weg moet zijn." not in page.inner_text("#gesprek")


def test_after_a_new_conversation_a_copy_of_the_old_cookie_opens_nothing(page, servers):
    open_chat(page, servers)
    click_reply(page, "Reflecteren op een lastige casus")
    type_and_send(page, "Een casus op een gedeelde computer.")
    old = next(c for c in page.context.cookies() if c["name"].startswith("bouwgesprek_"))
    page.click("#nieuw")
    page.click("#nieuw-ja")
    settled(page)
    new = next(c for c in page.context.cookies() if c["name"].startswith("bouwgesprek_"))
    assert new["value"] != old["value"]
    copy = urllib.request.Request(
        chat_url(servers) + "api/history", headers={"Cookie": f"{old['name']}={old['value']}"}
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(copy, timeout=30)
    assert refused.value.code == 403


def test_stop_pause_ok_strain_and_a_stop_lose_nothing_in_the_browser(page, servers):
    """Issue 13's reproductions as a tired user clicks and types them in the chat page."""
    open_chat(page, servers)
    click_reply(page, "Reflecteren op een lastige casus")
    type_and_send(page, "De inwoner kreeg een maatregel van W&I terwijl het wijkteam eerst rust wilde.")
    type_and_send(page, "stoppen")
    assert state(page)["kind"] == "confirm"
    type_and_send(page, "nee niet stoppen, even pauze bedoel ik")
    assert state(page)["kind"] == "pause"
    type_and_send(page, "ok")
    assert (state(page)["step"], state(page)["kind"]) == ("casus.betrokkenen", "question")
    type_and_send(page, "deze sla ik over, ik trek het echt niet meer")
    assert state(page)["kind"] == "checkin"
    assert "113" not in page.locator(".bericht.bot").last.inner_text()
    click_reply(page, "Het gaat, ga verder")
    assert state(page)["step"] == "casus.rol"
    screenshot(page, "checkin-then-skip")
    type_and_send(page, "ik wil stoppen")
    click_reply(page, "Ja, stoppen")
    assert state(page)["kind"] == "stopped"
    # The phases still say where it was, not every one ticked off (a tester thought she was done).
    assert page.locator("#fasen li[aria-current='step']").inner_text() == "Casus"
    assert page.locator("#fasen li.klaar").count() == 1  # Welkom
    click_reply(page, "Verder waar ik was")
    assert (state(page)["step"], state(page)["kind"]) == ("casus.rol", "question")


def test_the_newest_question_and_its_replies_are_not_hidden_behind_the_input_bar(browser, servers):
    """A tester on a laptop screen did not see the newest question: it was scrolled to the
    bottom of the window, under the input bar. And at a follow-up the text says "Laat zo" or
    "Verder met de volgende vraag", so that button must be there, not only "Overslaan"."""
    context = browser.new_context(viewport={"width": 1000, "height": 600})
    page = context.new_page()
    page.set_default_timeout(WAIT)
    try:
        open_chat(page, servers)
        click_reply(page, "Reflecteren op een lastige casus")
        for answer in ("De inwoner kreeg een maatregel.", "De klantmanager, het wijkteam en ik.", "De consulent."):
            type_and_send(page, answer)
        type_and_send(page, "niet echt")
        assert state(page)["kind"] == "clarify"
        follow_up = page.locator("#knoppen button", has_text="Verder met de volgende vraag")
        assert follow_up.is_visible()
        bar_top = page.locator(".invoer").bounding_box()["y"]
        for element in (page.locator(".bericht.bot").last, follow_up):
            box = element.bounding_box()
            assert box["y"] + box["height"] <= bar_top + 1, "hidden behind the input bar"
        screenshot(page, "newest-above-the-input-bar")
        follow_up.click()
        settled(page)
        assert state(page)["kind"] == "question"
    finally:
        context.close()


def test_when_the_server_is_gone_the_typed_text_is_kept_and_the_user_is_told(page, servers):
    open_chat(page, servers)
    page.route("**/chat/api/message", lambda route: route.abort())
    page.fill("#bericht", "Dit antwoord mag niet verloren gaan.")
    page.press("#bericht", "Enter")
    page.locator("#melding").filter(has_text="niet bereikbaar").wait_for()
    assert "niet bereikbaar" in page.inner_text("#melding")
    assert page.input_value("#bericht") == "Dit antwoord mag niet verloren gaan."


# Every element with its own text: the contrast of its colour on the background behind it.
CONTRAST_SCRIPT = """
() => {
  const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own || el.offsetParent === null) continue;
    const fg = lum(rgb(getComputedStyle(el).color).slice(0, 3));
    const bg = lum(background(el));
    const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
    out.push({ text: el.textContent.trim().slice(0, 30), ratio: Math.round(ratio * 100) / 100 });
  }
  return out;
}
"""


def test_the_page_is_served_by_rasa_itself_with_nothing_from_the_internet(servers):
    with urllib.request.urlopen(f"http://127.0.0.1:{servers.rasa_port}/chat", timeout=30) as reply:
        html = reply.read().decode()
        policy = reply.headers["Content-Security-Policy"]
    assert "<title>Bouwgesprek</title>" in html
    assert "default-src 'none'" in policy and "script-src 'self'" in policy
    for name in ("index.html", "chat.js", "chat.css"):
        text = (ROOT / "web" / name).read_text(encoding="utf-8")
        assert "http://" not in text and "https://" not in text and "//cdn" not in text, name
        assert "innerHTML" not in text and "insertAdjacentHTML" not in text, name
    with pytest.raises(urllib.error.HTTPError) as missing:
        urllib.request.urlopen(f"http://127.0.0.1:{servers.rasa_port}/chat/static/..%2Fsettings.env", timeout=30)
    assert missing.value.code == 404


# axe-core (Deque's accessibility engine, bundled by axe-playwright-python) on every view.
AXE_RULES = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def axe_violations(page) -> list[str]:
    """Each WCAG 2.1 A/AA rule axe finds broken on the page as it is now, with where."""
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(page, options={**AXE_RULES, "resultTypes": ["violations"]}).response["violations"]
    return [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes'][:3]]}" for v in found]


def test_axe_finds_no_wcag_21_aa_violation_on_any_view(browser, servers):
    found: dict[str, list[str]] = {}
    wide = browser.new_context(viewport={"width": 1000, "height": 800})
    page = wide.new_page()
    page.set_default_timeout(WAIT)
    try:
        open_chat(page, servers)
        found["welkom"] = axe_violations(page)
        click_reply(page, "Reflecteren op een lastige casus")
        found["vraag"] = axe_violations(page)
        page.click("#nieuw")
        assert page.locator("#nieuw-dialoog").is_visible()
        found["dialoog"] = axe_violations(page)
        page.click("#nieuw-nee")
        answers: dict[str, str] = {}
        for _ in range(WALK_TURNS):
            if state(page)["kind"] == "summary":
                break
            answer_open_question(page, answers)
        assert state(page)["kind"] == "summary", (state(page), page.inner_text("#gesprek")[-600:])
        found["samenvatting"] = axe_violations(page)
    finally:
        wide.close()
    narrow = browser.new_context(viewport={"width": 360, "height": 740})
    page = narrow.new_page()
    page.set_default_timeout(WAIT)
    try:
        open_chat(page, servers)
        found["360 px, welkom"] = axe_violations(page)
        click_reply(page, "Reflecteren op een lastige casus")
        found["360 px, vraag"] = axe_violations(page)
    finally:
        narrow.close()
    assert {view: v for view, v in found.items() if v} == {}


def test_after_deleting_the_conversation_nothing_of_it_stays_on_the_screen(page, servers):
    """A tester read "Je gesprek is verwijderd. Er is niets meer van bewaard." and could still scroll
    through every answer until she reloaded."""
    open_chat(page, servers)
    click_reply(page, "Reflecteren op een lastige casus")
    type_and_send(page, "Een casus die niemand meer mag lezen na het verwijderen.")
    type_and_send(page, "verwijder mijn gesprek")
    assert state(page)["kind"] == "confirm"
    click_reply(page, "Ja, verwijder")
    assert state(page)["kind"] == "verwijderd"
    shown = page.inner_text("#gesprek")
    assert "niemand meer mag lezen" not in shown and "verwijder mijn gesprek" not in shown
    assert "verwijderd" in shown
