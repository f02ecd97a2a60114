// Bouwgesprek chat page. Talks to /chat/api (server/web.py); the conversation id lives in
// an HttpOnly cookie the server made. Bot text is always set as text, never as HTML.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const gesprek = $("gesprek");
  const knoppen = $("knoppen");
  const bericht = $("bericht");
  const melding = $("melding");
  const FASEN = ["welkom", "casus", "vensters", "kern", "bouwopgaven", "verbeterstappen", "afronding"];
  // The toolbar has these at every question (index.html, checked against bot/requests.py);
  // quick replies leave them out, unless the bot names one its own way ("Laat zo" for /skip
  // at a follow-up question, which its text mentions).
  const BEDIENING = new Map([...document.querySelectorAll(".bediening button[data-payload]")].map((k) => [k.dataset.payload, k.dataset.titel]));
  const ONBEREIKBAAR = "Bouwgesprek is nu niet bereikbaar. Je bericht is niet verstuurd en staat weer in het invoerveld; probeer het zo nog eens.";
  const SAMENVATTING_HIERONDER = "Je samenvatting staat hieronder. Je kunt hem downloaden of afdrukken.";
  let bezig = false;
  let samenvatting = null;

  function zetBezig(waarde) {
    bezig = waarde;
    document.body.dataset.busy = String(waarde);
    $("typt").hidden = !waarde;
    gesprek.setAttribute("aria-busy", String(waarde));
    for (const knop of document.querySelectorAll("#verstuur, .bediening button, #knoppen button")) {
      knop.disabled = waarde;
    }
  }

  function toon(tekst, wie) {
    const regel = document.createElement("p");
    regel.className = wie === "bot" ? "bericht bot" : "bericht jij";
    const afzender = document.createElement("span");
    afzender.className = "afzender";
    afzender.textContent = wie === "bot" ? "Bouwgesprek: " : "Jij: ";
    regel.append(afzender, document.createTextNode(tekst));
    gesprek.append(regel);
    regel.scrollIntoView({ block: "nearest" }); // above the input bar: scroll-padding in chat.css
    return regel;
  }

  function toonKnoppen(lijst) {
    knoppen.replaceChildren();
    const gezien = new Set();
    for (const knop of lijst) {
      if (BEDIENING.get(knop.payload) === knop.title || gezien.has(knop.payload)) continue;
      gezien.add(knop.payload);
      const element = document.createElement("button");
      element.type = "button";
      element.textContent = knop.title;
      element.addEventListener("click", () => stuur(knop.payload, knop.title));
      knoppen.append(element);
    }
    if (knoppen.lastElementChild) knoppen.lastElementChild.scrollIntoView({ block: "nearest" });
  }

  // The input bar stays at the bottom of the window; what scrolls into view must end above it.
  const invoer = document.querySelector(".invoer");
  new ResizeObserver(() => {
    document.documentElement.style.setProperty("--invoer-hoogte", `${invoer.offsetHeight}px`);
  }).observe(invoer);

  function werkStandBij(stand) {
    document.body.dataset.phase = stand.phase;
    document.body.dataset.step = stand.step;
    document.body.dataset.kind = stand.kind;
    const nu = FASEN.indexOf(stand.phase);
    const fasen = stand.phases && stand.phases.length ? stand.phases : null; // the flow's own phases
    // Stopped halfway, the phases stay where the reflection was: not every phase ticked off as if
    // it were finished (a tester read "✓ Casus ✓ Vensters ... Afronding" after stopping at question 5).
    const fasenLijst = stand.kind === "stopped" ? [] : document.querySelectorAll("#fasen li");
    for (const item of fasenLijst) {
      item.hidden = fasen !== null && !fasen.includes(item.dataset.fase);
      const plek = FASEN.indexOf(item.dataset.fase);
      item.classList.toggle("klaar", plek < nu);
      if (plek === nu) item.setAttribute("aria-current", "step");
      else item.removeAttribute("aria-current");
    }
    const { done, total } = stand.progress || { done: 0, total: 0 };
    $("voortgang").textContent =
      stand.kind === "stopped"
        ? "Gestopt, je antwoorden zijn bewaard"
        : stand.phase === "afronding"
          ? "Afgerond"
          : total > 0
            ? `Vraag ${Math.min(done + 1, total)} van ${total}`
            : "";
    if (stand.kind === "summary" && stand.summary) toonSamenvatting(stand.summary);
    if (stand.kind === "team" && stand.team && stand.team.code) toonTeam(stand.team);
    if (stand.kind === "verwijderd") {
      verbergSamenvatting();
      verbergTeam();
    }
  }

  // A team session this conversation leads: the link for the team, and the overview to download.
  let teamOverzicht = null;
  function toonTeam(team) {
    const link = `${location.origin}/chat/?team=${encodeURIComponent(team.code)}`;
    $("team-link").href = link;
    $("team-link").textContent = link;
    teamOverzicht = team.overzicht || teamOverzicht;
    for (const knop of ["team-download", "team-docx", "team-odt"]) $(knop).hidden = !teamOverzicht;
    $("team-melding").textContent = "";
    $("team").hidden = false;
  }

  function verbergTeam() {
    teamOverzicht = null;
    $("team").hidden = true;
  }

  // The summary's Markdown as the page shows it: headings, bold labels, the table of
  // verbeterstappen and lists, built element by element with textContent (never as HTML).
  // Everything the user typed is escaped in the Markdown (bot/summary.py), so each unescaped
  // marker is the bot's own: "\*" stays a star, "**" starts or ends bold text.
  function regelInhoud(element, regel) {
    let stuk = "";
    let doel = element;
    const zet = () => { if (stuk) doel.append(document.createTextNode(stuk)); stuk = ""; };
    for (let i = 0; i < regel.length; i++) {
      if (regel[i] === "\\" && i + 1 < regel.length) { stuk += regel[++i]; continue; }
      if (regel.startsWith("**", i)) {
        zet();
        if (doel === element) { doel = document.createElement("strong"); element.append(doel); }
        else doel = element;
        i++;
        continue;
      }
      stuk += regel[i];
    }
    zet();
  }

  function cellen(regel) {
    const uit = [];
    let cel = "";
    const inhoud = regel.trim().replace(/^\|/, "").replace(/(?<!\\)\|$/, "");
    for (let i = 0; i < inhoud.length; i++) {
      if (inhoud[i] === "\\" && i + 1 < inhoud.length) { cel += inhoud[i] + inhoud[++i]; continue; }
      if (inhoud[i] === "|") { uit.push(cel.trim()); cel = ""; continue; }
      cel += inhoud[i];
    }
    uit.push(cel.trim());
    return uit;
  }

  function toonMarkdown(element, markdown) {
    element.replaceChildren();
    const regels = markdown.split("\n");
    let lijst = null;
    for (let i = 0; i < regels.length; i++) {
      const regel = regels[i];
      if (!regel.trim()) { lijst = null; continue; }
      const kop = /^(#{1,3}) (.*)$/.exec(regel);
      if (kop) {
        lijst = null;
        const h = document.createElement(`h${kop[1].length + 1}`); // "##" under the section's h2: h3
        regelInhoud(h, kop[2]);
        element.append(h);
      } else if (regel.startsWith("|")) {
        lijst = null;
        const tabel = document.createElement("table");
        const hoofd = tabel.createTHead().insertRow();
        for (const cel of cellen(regel)) {
          const th = document.createElement("th");
          th.scope = "col";
          regelInhoud(th, cel);
          hoofd.append(th);
        }
        const lichaam = tabel.createTBody();
        while (i + 1 < regels.length && regels[i + 1].startsWith("|")) {
          i++;
          if (/^\|[\s|:-]+\|?$/.test(regels[i])) continue;  // the line under the heads
          const rij = lichaam.insertRow();
          for (const cel of cellen(regels[i])) regelInhoud(rij.insertCell(), cel);
        }
        // On a narrow screen the table scrolls sideways in its own box, reachable by keyboard.
        const rol = document.createElement("div");
        rol.className = "tabel-rol";
        rol.tabIndex = 0;
        rol.setAttribute("role", "region");
        const voor = element.lastElementChild;
        rol.setAttribute("aria-label", (voor && voor.textContent.trim().replace(/:$/, "")) || "Tabel");
        rol.append(tabel);
        element.append(rol);
      } else if (/^[-*] /.test(regel)) {
        if (!lijst) { lijst = document.createElement("ul"); element.append(lijst); }
        const li = document.createElement("li");
        regelInhoud(li, regel.slice(2));
        lijst.append(li);
      } else {
        lijst = null;
        const p = document.createElement("p");
        const cursief = /^_(.*[^\\])_$/.exec(regel);
        if (cursief) {
          const em = document.createElement("em");
          regelInhoud(em, cursief[1]);
          p.append(em);
        } else {
          regelInhoud(p, regel);
        }
        element.append(p);
      }
    }
  }

  function toonSamenvatting(inhoud) {
    samenvatting = inhoud;
    // The summary's own title ("Samenvatting van je reflectie", "Je intervisieblad") heads the
    // section, once, above the buttons to download or print it.
    const [eerste, ...rest] = inhoud.markdown.split("\n");
    const titel = /^# (.*)$/.exec(eerste);
    $("samenvatting-kop").textContent = titel ? titel[1].replace(/\\(.)/g, "$1") : "Je samenvatting";
    toonMarkdown($("samenvatting-tekst"), titel ? rest.join("\n") : inhoud.markdown);
    $("samenvatting").hidden = false;
    // The version to share (no case, no feelings), when the flow has one.
    const delen = inhoud.delen;
    if (delen) toonMarkdown($("delen-tekst"), delen.markdown);
    else $("delen-tekst").replaceChildren();
    $("delen").hidden = !delen;
    $("download-delen").hidden = !delen;
    // A calendar only when there are verbeterstappen (not for the intervisieblad).
    $("download-ics").hidden = !(inhoud.verbeterstappen && inhoud.verbeterstappen.length);
    $("agenda-melding").textContent = "";
    // Shown from its title and buttons down (a tester saw the summary but not how to save it).
    $("samenvatting").scrollIntoView({ block: "start" });
  }

  function verbergSamenvatting() {
    samenvatting = null;
    $("samenvatting-tekst").textContent = "";
    $("delen-tekst").textContent = "";
    $("agenda-melding").textContent = "";
    $("samenvatting").hidden = true;
    $("samenvatting-kop").textContent = "Je samenvatting";
  }

  // A toolbar control in the history is shown by its label, as it was when clicked.
  function titelVan(tekst) {
    return BEDIENING.get(tekst) || tekst;
  }

  // Messages in the shape of the REST channel, plus {"user": text} in the history.
  function verwerk(berichten) {
    let aangeboden = [];
    let laatste = null;
    for (const item of berichten) {
      if (typeof item.user === "string") {
        toon(titelVan(item.user), "jij");
        aangeboden = [];
        continue;
      }
      if (typeof item.text === "string" && item.text) laatste = toon(item.text, "bot");
      if (Array.isArray(item.buttons)) aangeboden = aangeboden.concat(item.buttons);
      if (item.custom && item.custom.reflectie) {
        const stand = item.custom.reflectie;
        // The summary is shown once, in its own block below the conversation, not also as a message.
        if (stand.kind === "summary" && stand.summary && laatste) {
          laatste.lastChild.textContent = SAMENVATTING_HIERONDER;
        }
        werkStandBij(stand);
        // Deleted: what was said goes from the screen too, not only from the store (a tester
        // could scroll through every answer under "Er is niets meer van bewaard").
        if (stand.kind === "verwijderd" && laatste) gesprek.replaceChildren(laatste);
      }
    }
    toonKnoppen(aangeboden);
  }

  // A message sent again after a dropped connection keeps its id, so the server handles it once.
  let onbevestigd = null;

  function berichtId(tekst) {
    if (onbevestigd && onbevestigd.tekst === tekst) return onbevestigd.id;
    // Plain hex: the server reads the digits of a word that is not hex as possible identifying data.
    const id = Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, "0")).join("");
    onbevestigd = { tekst, id };
    return id;
  }

  async function stuur(tekst, getoond, opening = false) {
    if (bezig) return;
    melding.textContent = "";
    const eigen = opening ? null : toon(getoond || tekst, "jij");
    knoppen.replaceChildren();
    zetBezig(true);
    try {
      const antwoord = await fetch("/chat/api/message", {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ message: tekst, opening, message_id: berichtId(tekst) }),
      });
      const data = await antwoord.json();
      if (!antwoord.ok) throw new Error(data.error || ONBEREIKBAAR);
      onbevestigd = null;
      verwerk(data);
    } catch (fout) {
      if (eigen) eigen.remove();
      if (!opening && !getoond) bericht.value = tekst; // nothing typed is lost
      melding.textContent = fout instanceof TypeError ? ONBEREIKBAAR : fout.message || ONBEREIKBAAR;
    } finally {
      zetBezig(false);
      if (!document.activeElement || document.activeElement === document.body) bericht.focus();
    }
  }

  function download(naam, type, inhoud) {
    const adres = URL.createObjectURL(new Blob([inhoud], { type }));
    const link = document.createElement("a");
    link.href = adres;
    link.download = naam;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(adres), 1000);
  }

  // Word, OpenDocument and the calendar are made by the server from the same summary
  // (GET /chat/api/export, bot/export.py); a refusal's Dutch reason is shown like any other.
  // A team session's overview comes the same way from GET /chat/api/team-export.
  async function downloadVanServer(formaat, route = "export") {
    melding.textContent = "";
    try {
      const antwoord = await fetch(`/chat/api/${route}?format=${formaat}`, { credentials: "same-origin" });
      if (!antwoord.ok) {
        const data = await antwoord.json().catch(() => ({}));
        throw new Error(data.error || ONBEREIKBAAR);
      }
      const naam = /filename="([^"]+)"/.exec(antwoord.headers.get("Content-Disposition") || "");
      download(naam ? naam[1] : `bouwgesprek.${formaat}`, antwoord.headers.get("Content-Type"), await antwoord.blob());
      if (formaat === "ics") await zegWatNietInDeAgendaStaat();
    } catch (fout) {
      melding.textContent = fout instanceof TypeError ? ONBEREIKBAAR : fout.message || ONBEREIKBAAR;
    }
  }

  // Steps whose wanneer is no date are not in the calendar: the page says which.
  async function zegWatNietInDeAgendaStaat() {
    const antwoord = await fetch("/chat/api/agenda", { credentials: "same-origin" });
    const data = await antwoord.json();
    $("agenda-melding").textContent = antwoord.ok ? data.melding : "";
  }

  async function begin() {
    gesprek.replaceChildren();
    knoppen.replaceChildren();
    verbergSamenvatting();
    verbergTeam();
    for (const sleutel of ["phase", "step", "kind"]) delete document.body.dataset[sleutel];
    zetBezig(true);
    let berichten = [];
    try {
      const antwoord = await fetch("/chat/api/history", { credentials: "same-origin" });
      const data = await antwoord.json();
      if (!antwoord.ok) throw new Error(data.error || ONBEREIKBAAR);
      berichten = data.messages;
    } catch (fout) {
      melding.textContent = fout instanceof TypeError ? ONBEREIKBAAR : fout.message;
      zetBezig(false);
      return;
    }
    zetBezig(false);
    if (berichten.length) verwerk(berichten);
    else await stuur("hallo", null, true);
    // A link to a team session (/chat/?team=CODE): its code is sent once, as if typed, and
    // taken out of the address so that a reload does not send it again.
    const code = new URLSearchParams(location.search).get("team");
    if (code && /^[0-9A-Za-z]{4}-?[0-9A-Za-z]{4}$/.test(code)) {
      history.replaceState(null, "", location.pathname);
      await stuur(code);
    }
  }

  $("formulier").addEventListener("submit", (gebeurtenis) => {
    gebeurtenis.preventDefault();
    const tekst = bericht.value;
    if (!tekst.trim()) {
      melding.textContent = "Typ eerst een bericht.";
      return;
    }
    if (bezig) return;
    bericht.value = "";
    stuur(tekst);
  });
  bericht.addEventListener("keydown", (gebeurtenis) => {
    if (gebeurtenis.key === "Enter" && !gebeurtenis.shiftKey) {
      gebeurtenis.preventDefault();
      $("formulier").requestSubmit();
    }
  });
  for (const knop of document.querySelectorAll(".bediening button[data-payload]")) {
    knop.addEventListener("click", () => stuur(knop.dataset.payload, knop.dataset.titel));
  }
  for (const knop of document.querySelectorAll(".samenvatting-acties button[data-formaat]")) {
    knop.addEventListener("click", () => downloadVanServer(knop.dataset.formaat));
  }
  $("download-md").addEventListener("click", () => {
    if (samenvatting) download("bouwgesprek-samenvatting.md", "text/markdown", samenvatting.markdown);
  });
  $("download-json").addEventListener("click", () => {
    if (samenvatting) download("bouwgesprek-samenvatting.json", "application/json", JSON.stringify(samenvatting, null, 2));
  });
  $("download-delen").addEventListener("click", () => {
    if (samenvatting && samenvatting.delen) download("bouwgesprek-om-te-delen.md", "text/markdown", samenvatting.delen.markdown);
  });
  $("afdrukken").addEventListener("click", () => window.print());
  $("team-kopieer").addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText($("team-link").href);
      $("team-melding").textContent = "De link is gekopieerd.";
    } catch (fout) {
      $("team-melding").textContent = "Kopiëren lukte niet; selecteer de link en kopieer hem zelf.";
    }
  });
  for (const knop of document.querySelectorAll("#team button[data-team-formaat]")) {
    knop.addEventListener("click", () => downloadVanServer(knop.dataset.teamFormaat, "team-export"));
  }
  $("team-download").addEventListener("click", () => {
    if (teamOverzicht) download("bouwgesprek-teamsessie.md", "text/markdown", teamOverzicht.tekst + "\n");
  });
  const dialoog = $("nieuw-dialoog");
  $("nieuw").addEventListener("click", () => dialoog.showModal());
  $("nieuw-nee").addEventListener("click", () => dialoog.close());
  $("nieuw-ja").addEventListener("click", async () => {
    dialoog.close();
    zetBezig(true);
    try {
      const antwoord = await fetch("/chat/api/new", {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json" },
        body: "{}",
      });
      if (!antwoord.ok) throw new Error(ONBEREIKBAAR);
    } catch (fout) {
      melding.textContent = ONBEREIKBAAR;
      zetBezig(false);
      return;
    }
    await begin();
    bericht.focus();
  });

  begin();
})();
