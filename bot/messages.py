"""The keys of content/berichten.yml that the code uses; the content check requires them."""

REQUIRED_MESSAGES = frozenset({
    "welkom", "welkom_terug", "privacy", "start_flow", "fase_intro", "eerste_vraag", "vraag", "verduidelijking",
    "meer_verbeterstappen", "bouwopgave_voorstel", "bouwopgave_zelf_kiezen", "ongeldige_keuze", "niet_begrepen",
    "uitleg", "weet_niet", "terug", "terug_kan_niet", "pauze", "hervat", "steun", "stoppen_bevestigen",
    "niet_gestopt", "gestopt", "samenvatting", "geen_vraag_open", "geen_gesprek_om_te_hervatten",
    "groet_tussendoor", "graag_gedaan", "afscheid", "ik_ben_een_bot", "buiten_bereik", "al_bezig", "fallback",
})
