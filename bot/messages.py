"""Keys of content/berichten.yml and content/teksten.yml that the code uses.

The content check requires each of them, so a removed text is reported, not a crash.
"""

REQUIRED_MESSAGES = frozenset(
    {
        "welkom",
        "welkom_terug",
        "privacy",
        "start_flow",
        "fase_intro",
        "eerste_vraag",
        "vraag",
        "verduidelijking",
        "meer_verbeterstappen",
        "bouwopgave_voorstel",
        "bouwopgave_zelf_kiezen",
        "ongeldige_keuze",
        "niet_begrepen",
        "uitleg",
        "uitleg_zonder_voorbeeld",
        "weet_niet",
        "terug",
        "terug_kan_niet",
        "pauze",
        "hervat",
        "steun",
        "stoppen_bevestigen",
        "niet_gestopt",
        "gestopt",
        "samenvatting",
        "geen_vraag_open",
        "geen_gesprek_om_te_hervatten",
        "groet_tussendoor",
        "graag_gedaan",
        "afscheid",
        "ik_ben_een_bot",
        "buiten_bereik",
        "al_bezig",
        "fallback",
    }
)

REQUIRED_TEXTS = frozenset(
    {
        "samenvatting_titel",
        "samenvatting_flow",
        "samenvatting_privacy",
        "kop_casus",
        "kop_vensters",
        "kop_bouwopgaven",
        "kop_verbeterstappen",
        "overgeslagen",
        "geen_bouwopgaven",
        "geen_verbeterstappen",
        "verbeterstap_regel",
        "kop_intervisie",
        "intervisie_casus",
        "intervisie_inbrengvraag",
        "intervisie_themas",
        "intervisie_vragen",
        "bouwopgave_regel",
        "bron",
        "bron_eigen",
        "voorstel_regel",
        "keuze_regel",
    }
)
