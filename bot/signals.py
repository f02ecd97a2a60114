"""Stepped care: danger and strain in a message, and whether it is about the writer.

Each message is read for signals (docs/judgement.md): explicit danger (``gevaar`` in
content/signalen.yml) and strain (``spanning``), found by the editors' phrases, or by their
words when Rasa's NLU also finds distress likely. A signal counts only when it is about the
writer: "de inwoner zag het niet meer zitten" is a case answer, "ik zie het niet meer
zitten" is not. The judgement (bot/interpret.py) carries the signal with whatever else the
message asks, and bot/turn.py puts it first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bot.model import Content
from bot.phrases import find_phrase, normalise, phrase_patterns

if TYPE_CHECKING:
    from bot.interpret import Parsed

DANGER = "gevaar"
STRAIN = "spanning"

# Strain the phrase lists miss: the NLU's distress at least this likely, in a short message
# about oneself with a word of `spanning_woorden`. Measured against harmless answers
# (docs/benchmarks.md).
STRAIN_MIN_CONFIDENCE = 0.3
# Danger the phrase lists miss: the NLU's distress at least this likely, in a message about
# oneself that has a word of `gevaar_woorden` (content/signalen.yml). Measured on 2026-12-05 over
# the 3,159 harmless answers of tests/nlu: those with such a word about the writer have at most
# 0.02 ("ik schrok me dood", "bloed, zweet en tranen" have less), while "ik wil weg, voorgoed" has 0.28.
DANGER_WORD_MIN_LIKELIHOOD = 0.2
STRAIN_MAX_WORDS = 20
# What the phrase lists and the NLU miss: the signal model (bot/classifier.py) at least this
# sure of danger or strain, in a message about the writer of at least MODEL_MIN_WORDS words.
# Chosen by leaving one blind set out at a time (2026-12-05): below it, harmless answers got
# check-ins ("mn tl"). Or the model this sure of strain alone (session 24, when it had learnt from
# 24 blind sets): leaving each toets set out in turn and training the model without it, strain with
# a check-in went from 91.7 to 93.5 % and with a request from 96.8 to 97.9 %, while harmless answers
# with a check-in went from 117 to 140 of 10,783 ("Ik ben me doodgeschrokken van die bloeddruk, ...
# het is nu stabiel"); on blind17, unread until then, strain went from 77.3 to about 82 %. Lowering
# MODEL_MIN_LIKELIHOOD to 0.8 instead gained as much strain for more false check-ins, among them
# danger-leaning ones with 113 in them: "ik zelf, en ik wil het aan mijn teamleider voorleggen zodat
# het teambreed wordt" (0.74 danger, 0.09 strain) as who leads a step (a tester).
MODEL_MIN_LIKELIHOOD = 0.9
MODEL_STRAIN_SURE = 0.7
MODEL_MIN_WORDS = 3
# ... and when at least this much of it is danger, the check-in names 113 and 112 (bot/turn.py),
# also when the phrase lists found the strain.
MODEL_GRAVE = 0.5
# Danger the phrase lists miss, when two readers agree: the signal model this sure of danger and
# Rasa's NLU this sure of distress. Chosen on 2026-12-05 by leaving one labelled set out at a time
# (fifteen sets, 4,703 harmless answers): no harmless answer got the support message, while at 0.6
# "ik denk dat ik het wel goed heb gedaan eigenlijk" did; with the eight training sets one of 5,176
# does ("dit wordt mijn laatste sanctie ooit, volgend jaar ben ik weg. Met pensioen dan."); with the
# twenty-eight sets of session 11, five of 6,237 ("Trots op het gezin, eigenlijk meer dan op mezelf."),
# while danger given 113 at once is 85 % with this rule and 70 % without. Raising MODEL_DANGER to 0.9
# clears three of them at a cost of about three points. The model alone was 0.93 sure of danger in "mijn
# collega's redden het wel zonder mij als ik op vakantie ben".
MODEL_DANGER = 0.75
MODEL_DANGER_NLU = 0.9
# ... or the signal model alone, this sure of danger: "Ik sta nu op het balkon. Zesde verdieping."
# and "Ik heb vannacht de oxazepam geteld" (0.95 and 0.99, the NLU not sure of distress) got only
# the check-in. Chosen on 2026-12-06 (session 19) by leaving each of the nineteen toets sets out in
# turn and training the model without it: at 0.95, danger given 113 at once went from 83.6 to
# 88.2 % of 2,027 messages and no harmless answer of 8,264 got the support message more; at 0.9
# four did ("ik denk dat ik het zo weer zou doen"); the highest harmless likelihood it does not
# already take was 0.94. Checked again in session 24 the same way over 24 sets: at 0.9 two harmless
# answers of 10,783 more got the support message (113 at once from 86.4 to 88.7 % of danger), at
# 0.85 seven (90.0 %); kept.
MODEL_DANGER_ALONE = 0.95


def _an_event_or_the_teams(before: str) -> bool:
    """Whether danger after ``before`` (in its clause) is an event of a kind seen ("zo'n
    overdosis") or what the team must do ("we moeten het stuur omgooien in deze casus"), the
    writer not named in between ("kunnen we stoppen, ik ..." is the writer's)."""
    team = TEAM_MUST.search(before)
    return bool(OF_A_KIND.search(before)) or (team is not None and not set(team.group(0).split()) & SELF)


# Thoughts named without whose they are, right before danger, are the writer's: "de gedachten om er
# een eind aan te maken zijn terug en ze zijn harder dan ooit" ("ze": the thoughts; leer44 got nothing).
OWN_THOUGHTS = re.compile(r"(?:^|\b(?:de|mijn|die|deze|\.)) ?gedachte[ns]? (?:om|aan|over) (?:[^\s.]+ ){0,2}$")


# What the writer says is a figure of speech, not meant as it stands.
FIGURATIVE = re.compile(
    r"\b(?:bij wijze van spreken|figuurlijk gesproken|niet letterlijk bedoeld|niet letterlijk natuurlijk)\b"
)

# The writer as subject or object ("mijn collega" is someone else).
FIRST_PERSON = frozenset({"ik", "me", "mij", "mezelf", "ikzelf"})
# Anyone but the writer, or people in general: "hij", "we", "je".
OTHERS = frozenset("hij zij ze die men hem haar hun we wij ons onze jullie je jij u iemand mensen".split())
# Words that turn what follows around: "niks gaat goed", "niet goed kunnen loslaten".
NEGATION = frozenset({"niet", "nooit", "geen", "niks", "niets", "nergens"})
# The writer as the subject of a clause.
SUBJECT_SELF = frozenset({"ik", "ikzelf"})
# Someone else named by a pronoun.
THIRD_PERSON = frozenset("hij zijn hem z'n zn hun".split())  # not "ze": "de gedachten ... ze worden concreter"
# The writer, including what is theirs: "mijn hoofd is overvol" is about the writer.
SELF = FIRST_PERSON | {"mijn"}
# The writer without the word "ik", as people write when tired: a clause that starts with a verb
# in the ik-form ("wil er uit. voorgoed", "ben op", "rij elke ochtend langs het kanaal"), not followed
# by another subject ("kan het korter", "zou het kunnen").
DROPPED_SUBJECT = re.compile(
    r"(?:^|\. )(?:wil|kan|ben|heb|voel|weet|zie|trek|slaap|moet|hoef|lig|zit|denk|word|blijf|krijg|snap|huil"
    r"|rij|zou|sta|loop|bid|hoop|mis)"
    r"(?! (?:je|jij|u|we|wij|jullie|ze|zij|hij|het|dat|die|men)\b)\b"
)

# How reserved people speak of themselves without "ik": the generic "je", "men", "een mens",
# "ondergetekende", the passive ("er wordt veel gehuild") or a verb without its subject ("slaapt
# slecht", "drinkt meer").
# Only in a message that names nobody of the case, and only for a word of the strain list with the
# NLU's distress: "je bent gewoon leeg", "er wordt slecht geslapen".
# ... but not in a saying: "vaker dan je zou denken", "weet je", "zie je wel".
GENERIC_SAYING = re.compile(
    r"(?:dan |zou )?je (?:zou )?(?:denken|zeggen)\b|\b(?:weet|zie|snap|hoor|begrijp) je\b|\bje weet (?:wel|hoe)\b"
)
GENERIC_SELF = re.compile(
    r"(?:^|\s)(?:je|jezelf|men|een mens|er (?:wordt|werd)|ondergetekende|schrijver dezes|deze schrijver)\s"
    r"|(?:^|\. )(?:slaapt|drinkt|droomt|huilt|ligt|piekert|zit|voelt)\s"
)


@dataclass(frozen=True)
class Signals:
    """The word lists of content/signalen.yml that the judgement uses."""

    gevaar: tuple[str, ...] = ()
    gevaar_woorden: tuple[str, ...] = ()  # with the NLU's distress: danger in other words
    spanning: tuple[str, ...] = ()
    spanning_woorden: tuple[str, ...] = ()  # with the NLU's distress: strain in other words
    vaktaal: tuple[str, ...] = ()  # endings of trade words: "suïcideprotocol" is no signal
    uitdrukkingen: tuple[str, ...] = ()  # idioms: "dood simpel" says nothing of the writer
    geen_tikfout: frozenset[str] = frozenset()  # words no typing slip of a phrase's word ("sparen")
    casus: tuple[str, ...] = ()
    engels: tuple[str, ...] = ()
    voortgang: tuple[str, ...] = ()  # questions about how far the reflection is
    vraag: tuple[str, ...] = ()  # ways of addressing a question to the bot
    pauze: tuple[str, ...] = ()  # "stop maar even": a pause, never a stop
    geruststelling: tuple[str, ...] = ()  # "valt wel mee": the NLU's distress alone is no signal
    hersteld: tuple[str, ...] = ()  # after strain: "maar na het weekend ging het weer"
    erkenning: tuple[str, ...] = ()  # "ok", "prima": said to the bot, no answer
    over_het_gesprek: tuple[str, ...] = ()  # "ik ben er weer", "zei ik net toch": about the talk, no answer
    onderbreking: tuple[str, ...] = ()  # "er kwam een collega binnen": what interrupted the talk
    vertrek: tuple[str, ...] = ()  # danger phrases about leaving that may be a job: "ik ben er straks niet meer"
    werk_eindigt: tuple[str, ...] = ()  # "nieuwe baan", "overdracht": the job ends, here or in an answer before
    # In a message with strain, the request it also makes ("deze sla ik over, ik ben op"):
    # the NLU puts distress on top and may not see the request at all.
    verzoeken: dict[str, tuple[str, ...]] = field(default_factory=dict)
    placeholders: tuple[str, ...] = ()  # what bot/privacy.py puts in place of removed data
    numbers: dict[int, str] = field(default_factory=dict)  # bouwopgave number -> id
    bouwopgave_names: dict[str, str] = field(default_factory=dict)  # normalised name -> id

    def requests_in(self, text: str) -> list[str]:
        """The requests (``verzoek_*`` in content/signalen.yml) whose words ``text`` has."""
        return [
            intent
            for intent, phrases in self.verzoeken.items()
            if find_phrase(text, phrases) and (intent != "shortcut" or asks_to_shorten(text))
        ]

    @classmethod
    def from_content(cls, content: Content) -> Signals:
        from bot.privacy import KINDS

        signalen = content.signalen
        return cls(
            gevaar=signalen.get("gevaar", ()),
            gevaar_woorden=signalen.get("gevaar_woorden", ()),
            spanning=signalen.get("spanning", ()),
            spanning_woorden=signalen.get("spanning_woorden", ()),
            vaktaal=signalen.get("vaktaal", ()),
            uitdrukkingen=signalen.get("uitdrukkingen", ()),
            geen_tikfout=frozenset(signalen.get("geen_tikfout", ())),
            casus=signalen.get("casus", ()),
            engels=signalen.get("engels", ()),
            voortgang=signalen.get("voortgang", ()),
            vraag=signalen.get("vraag_aan_bot", ()),
            pauze=signalen.get("pauze", ()),
            geruststelling=signalen.get("geruststelling", ()),
            hersteld=signalen.get("hersteld", ()),
            erkenning=signalen.get("erkenning", ()),
            over_het_gesprek=signalen.get("over_het_gesprek", ()),
            onderbreking=signalen.get("onderbreking", ()),
            vertrek=signalen.get("vertrek", ()),
            werk_eindigt=signalen.get("werk_eindigt", ()),
            verzoeken={
                "skip": signalen.get("verzoek_overslaan", ()),
                "go_back": signalen.get("verzoek_terug", ()),
                "quit": signalen.get("verzoek_stoppen", ()),
                "help": signalen.get("verzoek_uitleg", ()),
                "shortcut": signalen.get("verzoek_korter", ()),
                "pause": signalen.get("pauze", ()),
            },
            placeholders=tuple(content.text(f"privacy_{kind}") for kind in KINDS),
            numbers={b.nummer: b.id for b in content.bouwopgaven.values()},
            bouwopgave_names={normalise(b.naam).strip(" ."): b.id for b in content.bouwopgaven.values()},
        )


# A request to keep it short is put to the bot: a question, a word that asks, or the
# verbeterstappen named. Without one, "het moet wat sneller" and "een korte route naar
# schuldhulp" are answers (at "Wat kan er beter?"), which the shortcut's offer dropped.
# Not any "kan": "een korte route naar schuldhulp, dat ik zelf kan aanmelden" is a verbeterstap (a tester).
ASKS_TO_SHORTEN = re.compile(
    r"\?|\b(?:kunnen we|kan het|kan dit|kan dat|kun je|kunt u|mag het|mag dit|mogen we|graag|liever|ik wil|wil ik"
    r"|willen we|laten we|laat ons|aub|alsjeblieft|alstublieft|svp|please|pls|doe maar|houden|verbeterstappen)\b"
)


def asks_to_shorten(text: str) -> bool:
    """Whether ``text``, naming a shorter way, asks the bot for it."""
    return ASKS_TO_SHORTEN.search(text.lower()) is not None


# The writer's own people are not the case: "zodat mijn vrouw het niet ziet" named no one of the
# case (a reader of blind15: "Gisteren gegoogeld hoeveel je van die slaaptabletten nodig hebt.
# Daarna snel de geschiedenis gewist zodat mijn vrouw het niet ziet" got nothing). "mijn collega"
# and "mijn klant" still are.
OWN_FAMILY = re.compile(
    r"\b(?:mijn|mn|m'n|mij|onze|ons) (?:eigen |lieve |oudste |jongste |kleine |grote )?"
    r"(?:vrouw|man|moeder|vader|ma|pa|mam|pap|mama|papa|zus|zusje|broer|broertje|dochter|zoon|kinderen|kind|"
    r"partner|vriend|vriendin|ouders|gezin|schoonmoeder|schoonvader|kleinkinderen|oma|opa)\b"
)


# "man", "gast" or "jong" said to the reader after an interjection, at the end of a clause, names
# no one: "idk man. gewoon idk. alles is te veel vandaag" (blind17: strain 0.93 got nothing).
VOCATIVE = re.compile(
    r"\b(?:idk|ja|nee|jawel|pff+|sorry|jeetje|tja|boh|joh|oh|ach|echt|gewoon|hey|he|hé|zo|damn|serieus|nou|lol|haha)"
    r" (?:man|gast|jong)(?=\s*(?:[.,!?;:]|$))"
)


def _names_someone(text: str, case_words: Iterable[str]) -> bool:
    """Whether ``text`` names a person of the case, at any length (not the writer's own family)."""
    text = VOCATIVE.sub(" ", text.lower())
    lowered = " " + " ".join(re.sub(r"[^\w&'\s]", " ", w) for w in text.split()) + " "
    lowered = OWN_FAMILY.sub(" ", lowered)
    return any(f" {word} " in lowered for word in case_words)


def about_the_case(text: str, case_words: Iterable[str]) -> bool:
    """Whether ``text`` is a sentence about the case: longer than three words, naming someone in it."""
    return len(text.split()) > 3 and _names_someone(text, case_words)


# The writer named only to say it is not about them: "de burnout is van de klant, niet van mij".
NEGATED_SELF = re.compile(r"\bniet (?:van |bij |voor |over )?(?:mij|me|mezelf|mijzelf|ik|ikzelf)\b")


# A person of the case right after a preposition is not the subject that follows: in "na het
# gesprek met die vader moest ik huilen" and "bij de klant thuis ben ik ingestort" the writer is.
AFTER_A_PREPOSITION = re.compile(
    r"\b(?:met|na|bij|naar|tegen|zonder|achter) (?:de |het |een |die |dat |deze |dit |zijn |haar |hun )?(?=\S+$)"
)


def about_someone_else(text: str, case_words: Iterable[str]) -> bool:
    """Whether ``text`` is about a person in the case, not about the writer."""
    words = set()
    dropped = False  # "heb mn collega gedag gezegd alsof het de laatste keer was": the writer did
    for clause in clauses(text):
        normal = NEGATED_SELF.sub(" ", normalise(clause))
        words |= set(normal.split())
        dropped = dropped or DROPPED_SUBJECT.match(normal) is not None
    return not (words & FIRST_PERSON) and not dropped and about_the_case(text, case_words)


CLAUSE_BREAK = re.compile(r"[.;:!?\n]+|,|\s(?:dus|maar|want|omdat|terwijl|en toen|waardoor)\s", re.IGNORECASE)


# Someone in the case said it: a speech verb after a person of the case, with the signal in
# the same clause or right after a colon ("de inwoner zei: ...", "jongere sprak over ...").
SPEECH = re.compile(
    r"\b(?:zei|zegt|zeiden|vertelde|vertelt|riep|schreef|appte|dreigde|sprak|uitte|noemde|vroeg|huilde)\b"
    r"(?: over| met| dat)?(?: (?P<literal>letterlijk|woordelijk)| \w+)?(?P<quote> \.)?(?P<tail>[^.]*)$"
)


# ... or what the writer noticed about them: "ik merk dat de inwoner het niet meer ziet zitten".
NOTICED = re.compile(
    r"\b(?:merk|merkte|zag|zie|hoorde|hoor|wist|weet|dacht|denk|vond|vind)\b (?:dat|hoe) (?P<tail>[^.]*)$"
)


# ... or it is named as the subject of a conversation or of the work, right before it in the
# clause: "we hebben het gesprek over suïcidale gedachten gevoerd", "ik vroeg naar zelfmoordgedachten",
# "we hebben het over zelfmoordgedachten gehad",
# "ik heb doorgevraagd naar suïcidegedachten",
# "ik vond het eng om over suïcide te beginnen", "een melding over suïcide".
# Not when the writer names their own ("een gesprek over mijn doodsgedachten").
TOPIC = re.compile(
    r"\b(?:gesprek|gesprekken|gesproken|vraag|vragen|gevraagd|vroeg|navragen|uitvragen|doorvragen|doorgevraagd|doorvroeg|"
    r"signalen|training|scholing|melding|meldingen|verhaal|verhalen|om|hebben het|hadden het|het hebben)"
    # "hoe vraag ik goed uit naar suïcidale gedachten" (a leervraag of leer43 got 113)
    r" (?:het |de |een |wel |ook |even |direct |meteen |samen |lang |gevoerd |gehad |gestart |ik |je |we |goed |uit |"
    r"door |beter |eerder |vaker |actief ){0,3}(?:over|naar|op)"
    r" (?P<tail>(?:[^\s.]+ ){0,3})$"
    # "bij signalen van suïcidaliteit" (a verbeterstap of blind15's harmless answers got 113)
    # ("bij heftige signalen zoals suïcidale uitspraken", a tester's verbeterstap got 113)
    r"|\b(?:signalen|signaal|melding|meldingen|risico|taxatie|inschatting) (?:van|op|zoals) "
    r"(?P<tail2>(?:[^\s.]+ ){0,2})$"
)


# ... or asked about: "ik moet vaker vragen of mensen aan zelfdoding denken".
TOPIC_ASKED = re.compile(
    r"\b(?:vragen|vraag|vraagt|vroeg|gevraagd|navragen|checken) of (?P<tail>(?:[^\s.]+ ){1,3})(?:aan|over) $"
)


# ... or named as what was asked or talked about, right after it: "ik heb het suïcidaliteit
# uitgevraagd volgens protocol", "suïcidegedachten besproken met de huisarts van meneer".
TOPIC_AFTER = re.compile(
    r"^(?:[^\s.]+ ){1,3}(?:uitgevraagd|nagevraagd|doorgevraagd|besproken|bespreekbaar|ingeschat|getaxeerd|uitvragen)\b"
)
# ... or found among people of the work, right after it: "Suïcidaliteit bij jongeren is in ons gebied
# een groeiend thema" (blind15, a harmless answer that got 113).
AMONG_PEOPLE = re.compile(
    r"^(?:[^\s.]+ ){1,2}(?:bij|onder) (?:de |onze |hun )?(?:jongeren|ouderen|cliënten|clienten|inwoners|klanten"
    r"|deelnemers|bewoners|mannen|vrouwen|boeren|mantelzorgers|mensen)\b"
)
# Telling of asking someone: "door te vragen", "ik vraag dan", "vroeg hem".
ASKING = re.compile(r"\b(?:vra(?:ag|agt|gen)|vroeg|vroegen|gevraagd|doorvragen|doorvraag|navragen|checken|check)\b")
# ... or what people of the work do, in a clause about them right before it: "hoe we omgaan met
# klanten die aan de balie suïcidale uitspraken doen" (toets23, a teamleider's harmless answer got 113).
PEOPLE_WHO = re.compile(
    r"\b(?:jongeren|ouderen|cliënten|clienten|inwoners|klanten|deelnemers|bewoners|mensen|ouders|gezinnen"
    r"|mannen|vrouwen|boeren|mantelzorgers|iemand|een klant|een cliënt|een client|een inwoner|een jongere)"
    r" die (?:(?!(?:ik|mij|me|mezelf|zelf)\b)[^\s.]+ ){0,6}$"
)
# ... or whose it was, right after it: "de zelfmoord van opa" (toets23, a harmless case answer got
# 113), "de overdosis van haar zoon"; not "zelfmoordgedachten van dit werk".
OF_SOMEONE = re.compile(
    # one noun may stand between: "suïcidale uitspraken van een inwoner" (a tester's verbeterstap got 113)
    r"^[^\s.]*(?: [^\s.]+)?(?: \.)? (?:van|door) "
    r"(?:de |het |een |die |dat |zijn |haar |hun |onze |ons |mijn |m'n |mn )?"
    r"(?P<who>[^\s.]+)(?: (?P<then>[^\s.]+))?"  # "van opa", "van de oude boer"
)
# ... or what it ends, right after "er een eind aan maken": "het management wil er een eind aan
# maken, aan die pilot", "het team wil er een eind aan maken dat nieuwe collega's zonder inwerken
# cases krijgen" (blind17: three harmless answers got 113). Not "..., dat is wat ik wil", nor
# "..., aan dit leven".
ENDS_SOMETHING = re.compile(
    r"^ (?:\. )?(?:aan (?:de|het|die|dat|dit|deze|ons|onze|zijn|haar|hun|al|alle|zo'n)\b"
    r"(?! (?:leven|bestaan|lijden|ellende|pijn|gevoel|gedoe in mijn hoofd)\b)"
    r"|dat (?!(?:is|was|wil|weet|ga|gaat|doe|doet|moet|kan|denk|zeg|meen|voel|ik|je|heb)\b))"
)
FAMILY_WORDS = frozenset(
    "opa oma vader moeder pa ma broer zus zoon dochter neef nicht oom tante man vrouw partner vriend vriendin "
    "buurman buurvrouw collega schoonvader schoonmoeder kleinzoon kleindochter".split()
)
# ... or what people of the work went through, right before it: "jongeren na een suïcidepoging".
AFTER_AN_ATTEMPT = re.compile(
    r"\b(?:jongeren|ouderen|cliënten|clienten|inwoners|klanten|deelnemers|bewoners|mensen|iemand|nabestaanden"
    r"|gezinnen|ouders|kinderen) (?:na|rond|rondom) (?:een |hun |de )?$"
)
# ... or the history of someone in the case: "bij een inwoner met een voorgeschiedenis van suïcidaliteit
# zou ik het besluit eerst mondeling toelichten" (not "ik heb een voorgeschiedenis van ..." nor "ik, met
# een voorgeschiedenis van ...": the person is named right before "met", and the writer not before it).
HISTORY = re.compile(
    r"\b(?:inwoner|inwoners|inwoonster|cliënt|client|cliënte|cliënten|klant|klanten|meneer|mevrouw|man|vrouw|jongen"
    r"|meisje|jongere|moeder|vader|zoon|dochter|bewoner|deelnemer|aanvrager|iemand|mensen|gezin)"
    r" met (?:een |haar |zijn |hun )?(?:lange |bekende )?(?:voor)?geschiedenis (?:van|met) (?P<tail>(?:[^\s.]+ ){0,3})$"
)
# ... or what a rule of the work says to do in it: "het protocol zegt dat ik bij suïcidaliteit binnen
# 24 uur moet rapporteren" (not "de polis keert uit bij zelfdoding", read in a writer's plan).
RULE_OF_THE_WORK = re.compile(
    r"\b(?:protocol|protocollen|richtlijn|richtlijnen|werkinstructie|procedure|meldcode|werkafspraak|werkafspraken)\b"
    r"[^.]*\bbij (?:een |acute |dreigende |vermoeden van |signalen van )?$"
)
# The writer as the one it is about, beyond "ik" (who also does the work the rule asks).
ONESELF = frozenset({"zelf", "mezelf", "mijzelf", "mij", "me"})
# ... or after someone's history is named, in a message where the writer is nowhere: "Zijn
# geschiedenis: twee eerdere opnames en een suïcidepoging vorig jaar" (blind12, now toets19).
HISTORY_OF = re.compile(r"\b(?:voor)?geschiedenis\b|\b(?:zijn|haar|hun) verleden\b")
# ... or an event of a kind seen: "ik vond het wel heftig om te zien hoor, zo'n overdosis".
OF_A_KIND = re.compile(r"\b(?:zo'n|zo een|zulke|zulk een) $")
# ... or what the team must do ("we moeten het stuur omgooien in deze casus": change course).
TEAM_MUST = re.compile(
    r"\b(?:we|wij) (?:moeten|gaan|kunnen|zouden|zullen|willen)\b[^.]*$"
    r"|\b(?:moeten|gaan|kunnen|zouden) (?:we|wij)\b[^.]*$"
)
# ... or recorded in someone's file: "suïcidepoging in 2019 stond nergens in het dossier".
IN_THE_FILE = re.compile(r"^(?:[^\s.]+ ){1,5}(?:in|uit|naar) (?:het|zijn|haar|hun|dat|dit) dossier\b")
# ... or whose it was, a possessive right before it: "we wisten van zijn suïcidepoging uit het
# verleden" (blind17, a harmless case answer got 113); not "mijn".
POSSESSIVE = re.compile(r"\b(?:zijn|haar|hun|z'n|zn|d'r|dr) (?:eerdere|eerste|laatste|vorige|tweede|mislukte )?$")
# (a noun: "zijn" is a verb too, in "ze zijn beter af zonder mij")
DANGER_NOUN = re.compile(r"(?:suïcid|suicid|zelfmoord|zelfdoding|overdosis|doodswens|poging)")
# ... or an event told, with an article before it: "het hele team was kapot na die zelfmoord",
# "na de overdosis hebben we een casusanalyse gedaan", "dit is de derde overdosis in de wijk"
# (blind20, now toets27: four harmless answers got 113); not "mijn", and not an attempt ("sinds de
# poging" may be the writer's own).
EVENT_BEFORE = re.compile(
    r"\b(?:de|die|deze|dat)(?: (?:eerste|tweede|derde|vierde|zoveelste|laatste|vorige|recente))? $"
)
# ... "die" or "deze" points at an event told, also after "ik".
EVENT_THAT = re.compile(r"\b(?:die|deze)(?: (?:eerste|tweede|derde|vierde|zoveelste|laatste|vorige|recente))? $")
EVENT_NOUN = re.compile(r"(?:zelfmoord|zelfdoding|overdosis|suïcide|suicide)\b")
# ... or recorded in someone's file, before it: "in het dossier staat een suïcidepoging uit 2019".
IN_THE_FILE_BEFORE = re.compile(r"\b(?:in|uit) (?:het|zijn|haar|hun|dat|dit) dossier\b(?: [^\s.]+){0,4} $")
# ... but only as the object after an article, in a clause that is not the writer's own before it:
# "ik heb zelf al tijden suïcidale gedachten besproken met de huisarts" is the writer's, and so are
# "zelfmoordgedachten nooit besproken".
ARTICLE = frozenset({"de", "het", "die", "dat", "deze"})


# A question of how to do the work, right before "signalen van": "hoe bespreek ik", "wanneer herken je".
METHOD = re.compile(r"\b(?:hoe|wanneer)(?: \S+)? (?:ik|je|we|wij) (?:\S+ )?$")
# The words before "signalen van" that say whose signals they are ("ik heb signalen van ...").
TOPIC_LEADING_WORDS = 3
# ... or named as a word that was said: "in het gesprek viel het woord zelfmoord, de zoon had het
# over zijn vader" (blind19, now toets26: a harmless answer got 113).
THE_WORD = re.compile(r"\b(?:het|dat|dit|een) woord(?:je)? $")


# ... said to someone of the work, after it: "... te zeggen tegen een klant".
TO_SOMEONE = re.compile(
    r"\b(?:zeggen|zeg|uitspreken|noemen|gebruiken|vragen) (?:tegen|aan|bij) (?:een |de |die |mijn |m'n )?"
    r"(?:klant|klanten|inwoner|inwoners|cliënt|client|cliënten|clienten|jongere|jongeren|bewoner|ouder|ouders|iemand)\b"
)


def _named_as_topic(before: str, after: str = "", rest: str = "") -> bool:
    """Whether a signal after ``before`` (in its clause) is named as a topic of the work; ``rest``:
    the message outside that clause."""
    if THE_WORD.search(before) and not (set(before.split()) | set(after.split()) | set(rest.split())) & SELF:
        return True
    if THE_WORD.search(before) and TO_SOMEONE.search(after):
        return True  # "hoe ik het woord zelfmoord hardop durf te zeggen tegen een klant" (leer45)
    topic = TOPIC.search(before)
    if topic and topic.group("tail2") is not None:
        # not "ik heb signalen van suïcidaliteit bij mezelf" nor "ik heb signalen van suïcide"; but
        # "mijn verbeterstap is eerder de ggz bellen bij signalen van suïcide" (a probe, session 26)
        leading = before[: topic.start()].split()[-TOPIC_LEADING_WORDS:]
        if not (set(leading) | set(topic.group(0).split()) | set(after.split())) & SELF:
            return True
        # "hoe bespreek ik signalen van suïcidaliteit met een inwoner" (blind20, now toets27: a
        # leervraag got 113): asking how to do the work
        if METHOD.search(before[: topic.start()]) and not (set(topic.group(0).split()) | set(after.split())) & SELF:
            return True
    elif topic and not set(topic.group("tail").split()) & SELF:
        return True
    topic = TOPIC_ASKED.search(before)
    if topic and not set(topic.group("tail").split()) & SELF:
        return True
    if AFTER_AN_ATTEMPT.search(before):
        return True  # "ik stel een belafspraak voor, voor jongeren na een suïcidepoging"
    if PEOPLE_WHO.search(before) and not LIKE_THEM.search(before):
        return True  # not "ik ben net als klanten die aan zelfmoord denken"
    if HISTORY.search(before) and not set(before.split()) & SELF:
        return True  # not "ik ben een man met een geschiedenis van zelfmoordpogingen"
    if RULE_OF_THE_WORK.search(before) and not (set(rest.split()) & ONESELF or ECHO.search(rest)):
        # not "ik ken de procedure bij suïcidegedachten uit mijn hoofd. vannacht had ik ze zelf" nor
        # "... niemand vraagt het mij", while "dat heb ik gedaan" and "ik heb de lead" are the work
        return True
    whose = POSSESSIVE.search(before) and DANGER_NOUN.match(after)
    event = EVENT_BEFORE.search(before) and EVENT_NOUN.match(after)
    if (whose or event or IN_THE_FILE_BEFORE.search(before)) and not set(before.split()) & SELF:
        return True
    if EVENT_THAT.search(before) and EVENT_NOUN.match(after) and not {"mijn", "m'n", "mn"} & set(before.split()[-3:]):
        return True  # "ik heb na die overdosis de huisarts gebeld" (leer45: a harmless answer got 113)
    recorded = IN_THE_FILE.match(after)
    if recorded and not (set(recorded.group(0).split()) | set(before.split())) & SELF:
        return True
    asked = TOPIC_AFTER.match(after) or AMONG_PEOPLE.match(after)
    if not asked or set(asked.group(0).split()) & (SELF | NEGATION | {"nog"}):
        return False
    words = before.split()
    return (bool(words) and words[-1] in ARTICLE) or not (set(words) & SELF or DROPPED_SUBJECT.match(before))


# Who else may have said it: "ze zei letterlijk: ik kan niet meer".
SPEAKERS = ("ze", "zij", "hij", "die", "men")


# A quotation after "letterlijk" opens with its "ik" and is short up to the signal.
LITERAL_WORDS = 6


def _reported(before: str, case_words: Iterable[str], quoted: bool = False) -> bool:
    """Whether the words just before a signal report what someone in the case said or showed.

    ``quoted``: the message has a colon or quotation marks, so an "ik" right after a
    speech verb is the speaker's ("ze zei letterlijk: ik kan niet meer").
    """
    noticed = NOTICED.search(before)
    if noticed and not (set(noticed.group("tail").split()) & FIRST_PERSON):
        tail = " " + noticed.group("tail") + " "
        if any(f" {word} " in tail for word in case_words):
            return True
    speech = SPEECH.search(before)
    if not speech:
        return False
    said = before[: speech.start()]
    # "cliënt zei letterlijk ik wil dood"; not "hij zei letterlijk wat ik zelf al weken denk ik wil ..."
    tail = speech.group("tail").split()
    literal = bool(speech.group("literal")) and len(tail) <= LITERAL_WORDS and not set(tail[1:]) & FIRST_PERSON
    quote = (quoted and speech.group("quote")) or literal
    return not (not quote and set(speech.group("tail").split()) & FIRST_PERSON) and any(
        re.search(rf"(?<!\w){re.escape(word)}(?!\w)", said) for word in (*case_words, *SPEAKERS)
    )


# A quotation after a colon runs to the end of its sentence, over commas: "de dochter zei: als
# ge mijn moeder wegstuurt, spring ik van het balkon." (normalising loses the comma's difference).
# The speaker is what stands before the verb in its sentence: found by looking back from each
# verb, not by the pattern (a lazy group before the verb made each message quadratic in its
# length: 142 s for the largest message the server accepts, found by `make bench`).
QUOTATION = re.compile(
    r"\b(?:zei|zegt|zeg|zeiden|vertelde|vertelt|riep|schreef|appte|dreigde|sprak|uitte)\b"
    r"(?:[^.!?:]{0,30}:(?P<quote>[^.!?]*)|[^.!?:'\"“”‘’]{0,30}['\"“‘](?P<marked>[^'\"”’]+))",
    re.IGNORECASE,
)


# ... or between quotation marks with the speaker after it: "'Ik kan niet meer,' zei mevrouw" (found
# by a reviewer: the check-in asked the writer how it was with them).
QUOTATION_FIRST = re.compile(
    r"['\"“‘](?P<marked>[^'\"”’]+)['\"”’]\s*,?\s*"
    r"(?:zei|zegt|zeggen|zeiden|vertelde|vertelt|riep|schreef|appte|dreigde|sprak|vroeg|antwoordde|huilde|snikte)\b"
    r"(?P<speaker>[^.!?,:]{0,40})",
    re.IGNORECASE,
)


# ... or without a colon or quotation marks, an "ik" right after the speech verb: "meneer zei aan
# de balie gewoon ik spring van de brug als jullie dit doen", "de inwoner zei ik wil nooit meer
# wakker worden, dat heb ik besproken" (leer45, toets27: harmless answers got 113). Only a few words
# may stand between (not "dat": "hij zei dat ik ..." is the writer), and it runs to the end of its
# clause.
QUOTATION_UNMARKED = re.compile(
    r"\b(?:zei|zegt|zeg|riep|dreigde|appte|schreef)\b"
    r"(?:\s+(?:gewoon|letterlijk|woordelijk|echt|zelfs|ook|nog|later|opeens|ineens|zacht|boos|tegen|mij|me|ons"
    r"|aan|de|het|op|een|keer|balie|telefoon|in)){0,4}"
    r"\s+(?P<quote>ik\b(?:(?!\s(?:toen|maar|dus|want|daarna|waarop)\b)[^.,;:!?\"'“”‘’])*)",
    re.IGNORECASE,
)


# ... or before ", zei hij" without quotation marks: "Het springen van de brug was niet impulsief,
# zei hij later" (leer46: a harmless answer got 113). Found from the verb and looked back for the
# clause (not by a pattern that starts anywhere: quadratic in a long message, see QUOTATION).
SPEAKER_AFTER = re.compile(
    r",\s*(?:zei|zegt|vertelde|vertelt|riep|schreef|appte)\s+(?P<speaker>[^\s.!?,:;]+(?:\s[^\s.!?,:;]+)?)",
    re.IGNORECASE,
)


def quotations(text: str, case_words: Iterable[str]) -> list[str]:
    """What someone in the case said in ``text`` after a colon or between quotation marks ("de
    klant zei 'ik maak er een eind aan'", "'ik trek het niet meer', zei de buurvrouw"), each
    normalised; not what the writer said ("ik zei: ik kan niet meer" is the writer's)."""
    found = []
    speakers = (*case_words, *SPEAKERS)
    for quote in QUOTATION.finditer(text):
        begin = max(text.rfind(mark, 0, quote.start()) for mark in ".!?") + 1
        speaker = " " + normalise(text[begin : quote.start()]) + " "
        if set(speaker.split()) & SUBJECT_SELF:
            continue
        if any(f" {word} " in speaker for word in speakers):
            found.append(normalise(quote.group("quote") or quote.group("marked") or "").strip(" ."))
    for quote in QUOTATION_FIRST.finditer(text):
        speaker = " " + normalise(quote.group("speaker")) + " "
        if not set(speaker.split()) & SUBJECT_SELF and any(f" {word} " in speaker for word in speakers):
            found.append(normalise(quote.group("marked")).strip(" ."))
    for quote in SPEAKER_AFTER.finditer(text):
        speaker = " " + normalise(quote.group("speaker")) + " "
        if not set(speaker.split()) & SUBJECT_SELF and any(f" {word} " in speaker for word in speakers):
            begin = max(text.rfind(mark, 0, quote.start()) for mark in ".!?,:;") + 1
            found.append(normalise(text[begin : quote.start()]).strip(" ."))
    for quote in QUOTATION_UNMARKED.finditer(text):
        begin = max(text.rfind(mark, 0, quote.start()) for mark in ".!?,") + 1
        speaker = " " + normalise(text[begin : quote.start()]) + " "
        if not set(speaker.split()) & SUBJECT_SELF and any(f" {word} " in speaker for word in speakers):
            found.append(normalise(quote.group("quote")).strip(" ."))
    return [quote for quote in found if quote]


def clauses(text: str) -> list[str]:
    return [part for part in CLAUSE_BREAK.split(text) if part.strip()] or [text]


# Someone else as the subject of a clause: "hij zit in de bijstand", "ze kwam niet".
THIRD_PERSON_SUBJECT = re.compile(r"^\s*(?:hij|zij|ze|die)\b", re.IGNORECASE)


def _clauses_about_someone_else(text: str, case_words: Iterable[str]) -> list[tuple[str, bool]]:
    """Each clause of ``text`` (normalised) and whether it is about someone else.

    A clause without a subject of its own goes on about whom the one before was about:
    "Hij zit in de bijstand, heeft een burn-out" is about him twice (found by a tester)."""
    found: list[tuple[str, bool]] = []
    before = False
    for clause in clauses(text):
        normal = normalise(clause)
        mine = bool(set(NEGATED_SELF.sub(" ", normal).split()) & FIRST_PERSON)
        other = about_someone_else(clause, case_words) or (
            not mine and (before or THIRD_PERSON_SUBJECT.match(clause) is not None)
        )
        found.append((normal, other))
        before = other
    return found


def _said_by_someone_else(before: str, case_words: Iterable[str]) -> bool:
    """Whether a person of the case is the subject of what follows ``before`` in its clause.

    "de inwoner moest huilen toen ik ..." : the inwoner cried. "ik moest huilen toen de
    inwoner ..." and "toen de inwoner belde, moest ik huilen": the writer did.
    """
    words = before.split()
    last_person = max(
        (
            i
            for i, word in enumerate(words)
            for case in case_words
            if " ".join(words[i : i + len(case.split())]) == case
            and not AFTER_A_PREPOSITION.search(" ".join([*words[:i], "x"]))
        ),
        default=-1,
    )
    # "de inwoner belde mij in paniek": the inwoner panicked; only "ik" makes the writer the subject.
    return last_person >= 0 and not (set(words[last_person:]) & SUBJECT_SELF)


# The writer's own people, or people the writer names by a pronoun only ("ze zijn beter af zonder
# mij"), as the subject, the writer as the object of the signal. Not someone of the case by name:
# "mevrouw is beter af zonder mij" may be about a consulent she no longer needs.
OWN_PEOPLE = re.compile(r"\bmijn (?:\w+ ){0,2}(?:is|zijn|zou|zouden|zal|zullen|wordt|worden)(?: \w+){0,3} $")
PRONOUN_PEOPLE = re.compile(
    r"(?:^|\s)(?:ze|zij|die|iedereen|ze allemaal) (?:is|zijn|zou|zouden|zal|zullen|wordt|worden)(?: \w+){0,3} $"
)


def _own_people_then_me(before: str, signal: str, pronouns: bool = False) -> bool:
    """Whether the writer's own people are the subject of a signal that names the writer
    ("mijn kinderen zijn beter af zonder mij"), not someone of the case; with ``pronouns`` (in a
    message that names nobody of the case before it) also people named by a pronoun ("ze zijn
    beter af zonder mij")."""
    people = OWN_PEOPLE.search(before) or (pronouns and PRONOUN_PEOPLE.search(before))
    return bool(people) and bool(set(signal.split(" . ")[0].split()) & {"mij", "me", "mezelf"})


def _before_in_clause(normal: str, start: int) -> tuple[str, str]:
    """In normalised ``normal``: the words of the clause before ``start``, and the whole clause."""
    mark = normal.rfind(" . ", 0, start)
    begin = mark + 3 if mark >= 0 else 0
    after = normal.find(" .", start)
    return normal[begin:start], normal[begin : after if after >= 0 else len(normal)]


def _a_job_that_ends(danger: str, text: str, job_told: bool, signals: Signals) -> bool:
    """Whether the danger phrase found (``danger``, the words it matched) is about leaving, and the
    writer goes to other work: "weet ik veel, ik ben er straks niet meer. de teamleider dan", from
    someone who had told she goes to another gemeente, got the whole support message (a tester)."""
    return leaving(danger, signals) and (job_told or another_job(text, signals))


def leaving(words: str, signals: Signals) -> bool:
    """Whether ``words`` say the writer will not be there (``vertrek``): a job or a life."""
    return bool(find_phrase(words, signals.vertrek))


# Before a phrase of ``werk_eindigt``, these say it is not: "niet een andere baan", "geen nieuwe baan".
NOT_A_JOB = re.compile(r"\b(?:niet|nie|niet eens|geen|nooit|niks)(?: \S+){0,2} $")


def another_job(text: str, signals: Signals) -> bool:
    """Whether ``text`` says the writer goes to other work, not negated ("Mijn exit-strategie is
    eerlijk gezegd niet een andere baan" is danger in a training set)."""
    normal = normalise(text)
    for _, pattern in phrase_patterns(normal, signals.werk_eindigt):
        for found in pattern.finditer(normal):
            if not NOT_A_JOB.search(normal[: found.start()]):
                return True
    return False


def _heavy_only_in_idioms(about: _About, signals: Signals) -> bool:
    """Whether every danger word of the message stands in an idiom: the signal model weighs
    those words too ("de brug slaan tussen GGZ en gemeente, ... al voelt het soms meer als
    touwtrekken" was 0.81 sure of danger, toets23); its danger then gets the check-in that asks,
    not the support message at once."""
    found = [
        pattern for _, pattern in phrase_patterns(about.normal, signals.gevaar_woorden) if pattern.search(about.normal)
    ]
    return bool(found) and not any(pattern.search(about.without_idioms) for pattern in found)


def model_sure_of(parsed: Parsed) -> bool:
    """Whether the signal model is sure enough to ask how it is: near certain of danger or strain,
    sure of strain alone (MODEL_STRAIN_SURE), or leaning to danger as far as danger at once needs
    (MODEL_DANGER). "Het huis is zo stil sinds
    ze er niet meer is. Ik heb de papieren al geordend, zodat de kinderen niks hoeven uit te zoeken"
    had 0.78 danger and 0.01 strain (a conversation held on 2026-12-06); on the held-out blind12,
    danger with at least the check-in went from 87.2 to 90.2 % that way, and one harmless answer of
    509 more got it."""
    likelihood = parsed.model_danger + parsed.model_strain
    return (
        likelihood >= MODEL_MIN_LIKELIHOOD
        or parsed.model_strain >= MODEL_STRAIN_SURE
        or parsed.model_danger >= MODEL_DANGER
    )


def model_grave(parsed: Parsed) -> bool:
    """Whether the check-in names 113 and 112: the signal model sure and leaning to danger."""
    return parsed.model_danger >= MODEL_GRAVE and model_sure_of(parsed)


def signal_of(parsed: Parsed, signals: Signals, job_told: bool = False) -> tuple[str | None, str]:
    """Danger or strain in ``parsed``, with the words that showed it (stepped care).

    In this order: a danger phrase; a danger word with the NLU's distress;
    danger when the signal model and the NLU both find it likely, or the signal model alone is
    near certain of it; a strain phrase; a strain word
    with the NLU's distress, or in a message that asks the bot something; and only when none of
    these: strain when the signal model is near certain of danger or strain.
    Each counts only when it is about the writer. Beside a reassurance (``geruststelling``) the
    danger word and the signal model's danger give strain (the check-in) instead; a danger phrase
    is never taken back, but for one about leaving (``vertrek``) where the writer goes to other work
    (``werk_eindigt``, in the message, or ``job_told`` earlier in the reflection): the check-in.
    A job that ends in the message softens the danger word and the signal model's danger as well.
    """
    if parsed.is_payload:
        return (STRAIN, "") if parsed.intent == "distress" else (None, "")
    normal = mask_vaktaal(normalise(parsed.text), signals.vaktaal)
    about = _About(parsed, signals, normal)
    # "nee zo erg is het niet hoor"; "... maar na het weekend ging het weer"
    recovered = recovered_at(normal, signals.hersteld)
    # A reassurance that a negation turns around is none for danger and for the signal model ("ik
    # ben er niet trots op"); a strain word is still not read inside one ("ik ben er niet gek op").
    calmed = reassured_in(normal, signals.geruststelling)
    reassured = calmed or recovered is not None  # a recovery takes back strain, never danger
    near_a_reassurance = reassured or bool(find_phrase(parsed.text, signals.geruststelling))
    by_words = parsed.words <= STRAIN_MAX_WORDS and not near_a_reassurance
    danger = about.phrase(signals.gevaar, event=True)
    # Said to be a figure of speech ("ik dacht echt 'ik spring uit het raam' toen het systeem
    # crashte. Bij wijze van spreken hè"): not the full support message, but never nothing.
    figurative = FIGURATIVE.search(normal) is not None
    job_ends = bool(danger) and _a_job_that_ends(danger, parsed.text, job_told, signals)
    if danger and not figurative and not job_ends:
        return DANGER, danger
    softened: str | None = danger or None
    # A job that ends, told in this message, softens a danger word and the signal model too:
    # "Ik heb vandaag afscheid genomen van al mijn cliënten, per 1 maart ga ik naar een andere
    # gemeente" (a reviewer).
    calmed = calmed or figurative or job_ends or another_job(parsed.text, signals)
    # Danger found by a word with the NLU's distress, or by the signal model, beside a reassurance
    # ("haha nee zo erg is het niet hoor, ik ben gewoon moe van het systeem"): not the full support
    # message, but never nothing either; the check-in asks ("ik heb goed geslapen vannacht, voor het
    # eerst in maanden. het besluit staat vast").
    danger = (
        parsed.words <= STRAIN_MAX_WORDS
        and parsed.distress >= DANGER_WORD_MIN_LIKELIHOOD
        and about.word(signals.gevaar_woorden, clause=False)
    )
    if danger and not calmed:
        return DANGER, danger
    if danger:
        softened = danger
    echoed = about.echoed(signals.gevaar)
    if echoed:
        return DANGER, echoed  # "de client zei dat hij er een eind aan wilde maken. ik ook eigenlijk"
    model_sure = model_sure_of(parsed)
    # A message that names no one, neither the writer nor anyone of the case, is the writer's: a
    # reflection is written by the writer, and reserved writers leave themselves out ("Het balkon is
    # op de negende. Elke avond wordt daar naar beneden gekeken. Steeds iets langer."; "Er zit een
    # soort grijze laag over alles."). Read from blind11 (now toets18) first for danger only: danger
    # that got at least the check-in went from 72.9 to 78.3 %. For strain too after reading toets18:
    # 16 more of its 336 strain messages got the check-in, and of the 24,146 messages of all sets
    # (with blind12's 509 unread harmless answers) no harmless answer got a check-in more: a case
    # answer that names no one rarely makes the signal model sure ("Dit komt vaker voor dan je zou
    # denken, sinds die fabriek is gesloten": 0.39).
    own = about.only_the_writer or about.names_no_one
    writer = not reassured and parsed.words >= MODEL_MIN_WORDS and own
    writer_danger = parsed.words >= MODEL_MIN_WORDS and own
    # Not beside danger someone in the case said: the model reads the quotation's words too ("het
    # jochie zei "ik wil dood als ik terug moet naar papa" en dat heb ik meteen doorgegeven aan de raad").
    quoting = about.quoting_danger and not ECHO.search(normal)  # "... en ik dacht lowkey same"
    if (
        writer_danger
        and not quoting
        and parsed.model_danger >= MODEL_DANGER
        and (parsed.distress >= MODEL_DANGER_NLU or parsed.model_danger >= MODEL_DANGER_ALONE)
        # Nor beside danger named as a topic of the work: the model weighs those words too ("ik
        # durf nu sneller door te vragen naar suïcidale gedachten").
        and not about.named_as_topic(signals.gevaar)
    ):
        if not calmed and not _heavy_only_in_idioms(about, signals):
            return DANGER, ""
        softened = softened or ""
    if about.far_echo:
        return STRAIN, about.far_echo  # "meneer zei dat hij er een eind aan wil maken. ... eerlijk? ik ook."
    # A reassurance overlapping a strain phrase takes it back ("ik slaap er niet wakker van");
    # a danger phrase is never taken back.
    strain = (
        about.phrase(signals.spanning, unless=signals.geruststelling, until=recovered, named=True)
        or (
            by_words
            and parsed.distress >= STRAIN_MIN_CONFIDENCE
            and about.word(signals.spanning_woorden, clause=True, generic=True)
        )
        or (by_words and asks_the_bot(parsed, signals) and about.word_of_nobody_else(signals.spanning_woorden))
    )
    if strain:
        return STRAIN, strain
    if softened is not None:
        return STRAIN, softened
    # What only the signal model found gets the check-in, not the full support message at once:
    # it was near certain of danger in "mijn collega's redden het wel zonder mij als ik op
    # vakantie ben" (the NLU was not). The check-in names no words of the message, and "Het is
    # me nu te veel" leads to support. Any length: the model weighs the whole message (leaving
    # one set out, no false alarm was longer than 20 words).
    if model_sure and writer and not _only_asks_the_bot(parsed, signals):
        return STRAIN, ""
    return None, ""


# A question to the bot or a request in words, this short and without a word of strain, is no
# strain the signal model alone may find: "Moet ik mezelf ook noemen?" (0.96) and "Nee, ik wil
# terug naar de vraag over mijn taak." (0.91) got "Het klinkt alsof dit zwaar voor je is" (a tester).
ASKS_ONLY_MAX_WORDS = 12
# A sentence of at most this many words beside a request is said in passing ("ok.", "sorry!").
SAID_ASIDE_WORDS = 2


def _only_asks_the_bot(parsed: Parsed, signals: Signals) -> bool:
    if parsed.words > ASKS_ONLY_MAX_WORDS:
        return False
    asks = asks_the_bot(parsed, signals) or ("?" in parsed.text and bool(find_phrase(parsed.text, signals.vraag)))
    if not asks or find_phrase(parsed.text, (*signals.spanning_woorden, *signals.gevaar_woorden)):
        return False
    # A sentence beside the request that asks nothing is no part of it: "kort houden graag. 1 vraag
    # per keer. ik trek het niet vandaag" (blind18, 0.99 strain) asks, and says more.
    sentences = [part for part in re.split(r"(?<=[.!?\n])\s*", parsed.text) if len(part.split()) > SAID_ASIDE_WORDS]
    return all(
        "?" in sentence or signals.requests_in(sentence) or find_phrase(sentence, signals.vraag)
        for sentence in sentences
    )


def asks_the_bot(parsed: Parsed, signals: Signals) -> bool:
    """Whether the message asks the bot to skip, go back, stop, explain or pause in the words of
    content/signalen.yml (the NLU's intent alone is not enough: it takes "pak ik op" for a pause)."""
    return bool(signals.requests_in(parsed.text))


# The writer taking what someone in the case said as their own, after it: "ik ook.", "zit zelf
# ook zo", "same", "dat ik dat eigenlijk herkende.", "net als ik", "ik heb dezelfde gedachtes", "ik
# benijdde haar", "men denkt er zelf ook aan", "dat je dat bij jezelf herkende". Not "ik ook wel geschrokken",
# "ik herkende het signaal" or "ik snap het wel" (a professional's understanding of the client).
ECHO = re.compile(
    r"(?:^|\s)(?:(?:ik|mij) ook(?: eigenlijk| soms| wel eens)? \.|(?:zit|ben|denk|voel|zie) (?:ik )?zelf ook"
    r"|zelf ook (?:zo|over na|aan gedacht)|same|(?:dat|het) (?:eigenlijk |wel |ook )*herken(?:de)? \."
    r"|herken(?:de)? (?:dat|het) (?:eigenlijk |wel |ook )*(?:\.|bij mezelf|van mezelf)|net als ik"
    r"|(?:de ?)?zelfde gedacht(?:e|en|es)|benijd(?:de)? (?:haar|hem)|(?:haar|hem) benijd(?:de)?"
    r"|(?:denk|denkt|dacht) er zelf (?:(?:ook|elke|iedere|dag|vaak|steeds|soms|wel|eens|al|maanden|weken) ){1,3}aan"
    r"|overweeg(?:t)? het zelf ook|bij (?:mezelf|jezelf) herken(?:de)?"
    r"|herken(?:de)? bij (?:mezelf|jezelf)"
    # "klant zei ik spring nog liever van de erasmusbrug ... en ik dacht ja doe mij ook maar" (toets14,
    # read as the client's words since session 27)
    r"|doe (?:mij|me) (?:ook maar|maar ook)\b"
    # "... en ngl ik dacht zelfde bro", "dat kon ik net zo goed over mezelf schrijven", "want ik bid
    # daar zelf iedere avond om" (explicit danger in toets23 and toets24 that got only the check-in)
    r"|(?:dacht|denk) (?:ik )?(?:precies |eigenlijk |ook )?(?:het)?zelfde|net zo goed over (?:mezelf|mijzelf|mij)"
    r"|(?:bid|bad|hoop|wens) (?:ik )?daar zelf)(?=\s|$)"
    # not "wat ik bij mezelf herkende was ongemak", "ik dacht er zelf ook aan om de crisisdienst te bellen"
    r"(?! (?:om|dat|was|is|als|hoe|te)\b)"
)
# The short ones take on whatever was said last, so only soon after the danger: "... springen, dat
# is nu tien jaar geleden. Hij is er trots op hoe hij er nu voor staat en ik ook eigenlijk." is pride.
ECHO_SHORT = re.compile(r"(?:^|\s)(?:(?:ik|mij) ook(?: eigenlijk| soms| wel eens)? \.|same|net als ik)(?=\s|$)")


# A long message is read in full, but without work that grows with the square of its length:
# each phrase is looked at where it first stands, up to this many times, and whether someone
# else is reported to say it is read in this many characters before it (`make bench` sends the
# largest message the server accepts).
MAX_OCCURRENCES = 20
REPORT_WINDOW = 1000
TOPIC_AFTER_WINDOW = 120
# How soon after the danger a short taking on ("ik ook.", "same") must come (ECHO_SHORT), in words;
# later it gets the check-in, unless it follows pride or relief.
ECHO_WORDS = 16
PRIDE = re.compile(r"\b(?:trots|blij|tevreden|gelukkig|dankbaar|opgelucht)\b")


def _near_words(after: str) -> int:
    """How many tokens of ``after`` make its first ECHO_WORDS words (a "." is no word)."""
    count = 0
    for index, token in enumerate(after.split()):
        count += token != "."
        if count > ECHO_WORDS:
            return index
    return len(after.split())


class _About:
    """Finds words of a list in one message that are about the writer."""

    def __init__(self, parsed: Parsed, signals: Signals, normal: str) -> None:
        self.signals = signals
        self.normal = normal
        self.text = parsed.text
        self.clauses = _clauses_about_someone_else(parsed.text, signals.casus)
        self.far_echo = ""  # a short taking on long after danger in the case (echoed)
        self.case_nouns = tuple(word for word in signals.casus if word not in OTHERS)
        self.whole_someone_else = about_someone_else(parsed.text, signals.casus)
        self.quoted = bool(re.search("[:'\"“”‘’]", parsed.text))
        self.quotes = quotations(parsed.text, signals.casus)
        self.quoted_spans = [
            (found.start(), found.end()) for quote in self.quotes for found in re.finditer(re.escape(quote), normal)
        ]
        # The writer's own words: not those inside what someone in the case said ("mevrouw zei: ik
        # wil gewoon mijn leven weer op de rit" does not speak of the writer).
        outside = normal
        for begin, end in self.quoted_spans:
            outside = outside[:begin] + " " * (end - begin) + outside[end:]
        self.self_words = bool(set(outside.split()) & SELF) or bool(DROPPED_SUBJECT.search(outside))
        self.nobody_of_the_case = not _names_someone(parsed.text, signals.casus)
        self.without_idioms = mask_idioms(normal, signals.uitdrukkingen)  # for words, not phrases
        self.idiom_ends = idiom_ends(normal, signals.uitdrukkingen)  # for phrases
        # What someone in the case said holds danger: the signal model reads those words too.
        self.quoting_danger = any(
            find_phrase(quote, (*signals.gevaar, *signals.gevaar_woorden)) for quote in self.quotes
        )

    @property
    def only_the_writer(self) -> bool:
        """Whether the message speaks of the writer and not of someone in the case."""
        return (self.self_words or self.generic_self) and not self.whole_someone_else

    @property
    def names_no_one(self) -> bool:
        """Whether the message names neither the writer nor anyone of the case ("Het balkon is op
        de negende. Steeds iets langer.")."""
        return self.nobody_of_the_case and not self.self_words

    @property
    def generic_self(self) -> bool:
        """Whether the message speaks of the writer without "ik" ("men slaapt slecht", "je bent
        leeg"), naming nobody of the case."""
        return self.nobody_of_the_case and GENERIC_SELF.search(GENERIC_SAYING.sub(" ", self.normal)) is not None

    def _someone_else_at(self, start: int) -> bool:
        if any(begin <= start < end for begin, end in self.quoted_spans):
            return True  # "de dochter zei: als je haar wegstuurt, spring ik van het balkon"
        before, clause = _before_in_clause(self.normal, start)
        begin = start - len(before)
        rest = self.normal[:begin] + " . " + self.normal[begin + len(clause) :]
        if _named_as_topic(before, self.normal[start : start + TOPIC_AFTER_WINDOW], rest):
            return True
        if not self.self_words and HISTORY_OF.search(self.normal[:start]):
            return True
        if not self.self_words and EVENT_NOUN.match(self.normal[start:]) and THIRD_PERSON & set(self.normal.split()):
            # "er werden lege strips pillen gevonden in zijn woning, het was een overdosis volgens
            # de politie" (blind20, now toets27: a harmless answer got 113)
            return True
        pronouns = not _names_someone(self.normal[:start], self.case_nouns)  # nobody of the case before it
        if _own_people_then_me(before, self.normal[start : start + 60], pronouns=pronouns):
            return False  # "mijn vrouw is beter af zonder mij": about the writer
        return _said_by_someone_else(before, self.signals.casus) or _reported(
            self.normal[max(0, start - REPORT_WINDOW) : start], self.signals.casus, self.quoted
        )  # "de inwoner moest huilen toen ik ...", "de inwoner zei: ..."

    def named_as_topic(self, phrases: Iterable[str]) -> bool:
        """Whether a phrase stands in the message as what was asked or talked about ("door te
        vragen naar suïcidale gedachten")."""
        for _, pattern in phrase_patterns(self.normal, phrases):
            for count, found in enumerate(pattern.finditer(self.normal)):
                if count == MAX_OCCURRENCES:
                    break
                before, clause = _before_in_clause(self.normal, found.start())
                begin = found.start() - len(before)
                rest = self.normal[:begin] + " . " + self.normal[begin + len(clause) :]
                after = self.normal[found.start() : found.start() + TOPIC_AFTER_WINDOW]
                # only when the writer speaks of themselves nowhere else in the message
                elsewhere = set(rest.split()) & SELF or DROPPED_SUBJECT.search(rest)
                if _named_as_topic(before, after, rest) and not elsewhere:
                    return True
        return False

    def phrase(
        self,
        phrases: Iterable[str],
        unless: Iterable[str] = (),
        until: int | None = None,
        named: bool = False,
        event: bool = False,
    ) -> str:
        """The first phrase found (a typing slip allowed) in a clause about the writer, not
        overlapped by a phrase of ``unless``, and ending after ``until`` when given: what stands
        before a recovery has passed ("ik was uitgeput na die week, maar na het weekend ging het
        weer"). ``named``: in a message that names someone of the case, only when it names the
        writer too (danger is looked for without: "de gedachte aan zelfdoding is er de hele dag,
        ook in het overleg met de klantmanager"). ``event``: not after "zo'n" (an event of a kind
        seen: "zo'n overdosis"), as danger is; "zo'n paniek" is the writer's strain."""
        taken_back = [
            found.span()
            for _, pattern in phrase_patterns(self.normal, unless)
            for found in pattern.finditer(self.normal)
        ]
        clause_of_someone_else: dict[str, bool] = {}
        for _, pattern in phrase_patterns(
            self.normal, phrases, tolerant=True, ik_ends=True, real_words=self.signals.geen_tikfout
        ):
            for count, found in enumerate(pattern.finditer(self.normal)):
                if count == MAX_OCCURRENCES:
                    break
                if any(start < found.end() and found.start() < end for start, end in taken_back):
                    continue
                if until is not None and found.end() <= until:
                    continue
                if self._in_an_idiom(found) and not _deliberate(self.normal, found):
                    continue  # its heavy end is an idiom's, or it lies inside one ("is om te janken")
                if ASKED_INSIDE.search(found.group(0)):
                    continue  # "ik heb gevraagd naar gedachten aan de dood": the work, in "ik heb * ..."
                words = found.group(0).strip(" .")
                # The clause the signal stands in says whom it is about; one that spans clauses, the whole.
                if words not in clause_of_someone_else:
                    inside = [other for clause, other in self.clauses if words in clause]
                    clause_of_someone_else[words] = inside[0] if inside else self.whole_someone_else
                own_thoughts = self._own_thoughts(_before_in_clause(self.normal, found.start())[0])
                if not own_thoughts and (clause_of_someone_else[words] or self._someone_else_at(found.start())):
                    continue
                if event and _an_event_or_the_teams(_before_in_clause(self.normal, found.start())[0]):
                    continue
                if named and self.whole_someone_else and not self.self_words:
                    continue  # "kort gezegd: alleenstaande moeder, burn-out, bijstand": her burn-out
                if self._asked_of_someone(words) or self._of_someone(found.start(), found.end()):
                    continue
                if "eind" in words and ENDS_SOMETHING.match(self.normal[found.end() : found.end() + 40]):
                    continue  # "er een eind aan maken, aan die pilot": it names what it ends
                return _quotable(words.replace(" .", ","))
        return ""

    def _own_thoughts(self, before: str) -> bool:
        """Whether danger after ``before`` (in its clause) is named as thoughts of no one else: "de
        gedachten om ..." opening the clause; not "mevrouw had de gedachte om ...", "zijn gedachten aan ..."."""
        found = OWN_THOUGHTS.search(before)
        if found is None:
            return False
        prefix = before[: found.start()]
        return not (set(prefix.split()) & (OTHERS | set(self.case_nouns))) and not _names_someone(
            prefix, self.case_nouns
        )

    def _of_someone(self, start: int, end: int) -> bool:
        """Whether the signal from ``start`` to ``end`` is said to be someone else's right after it:
        "de zelfmoord van opa", "'ik zie het niet meer zitten' van een klant". Not when the writer
        says it of themselves ("ik zie het niet meer zitten van mijn collega": because of them); a
        danger noun is theirs all the same ("ik wil leren hoe ik na de zelfdoding van een cliënt
        goed met het team nabespreek", leer44: a harmless leervraag got 113)."""
        whose = OF_SOMEONE.match(self.normal[end : end + TOPIC_AFTER_WINDOW])
        if not whose or not {whose.group("who"), whose.group("then")} & (FAMILY_WORDS | set(self.signals.casus)):
            return False
        before, _ = _before_in_clause(self.normal, start)
        quoted = re.search(r"['\"‘’“”]\s*(?:van|door)\s", self.text) is not None
        return quoted or DANGER_NOUN.match(self.normal[start:end]) is not None or not set(before.split()) & SELF

    def _asked_of_someone(self, words: str) -> bool:
        """Whether ``words`` stand in a question to someone else that the writer tells of asking:
        "ik heb geleerd altijd door te vragen: bedoel je dat je dood wil?" (toets23, a harmless
        answer got 113). Not "soms vraag ik me af: wil ik nog wel?" (no "je" or "u" in it)."""
        if not ASKING.search(self.normal):
            return False
        for sentence in re.findall(r"[^.!?:;\n]*\?", self.text):
            normal = normalise(sentence)
            if words in normal and re.search(r"\b(?:je|jij|u)\b", normal) and not set(normal.split()) & SELF:
                return True
        return False

    def _in_an_idiom(self, found: re.Match[str]) -> bool:
        """Whether ``found`` ends where an idiom ends or lies inside one: "suïcidale" in "bij jongeren
        met suïcidale gedachten" (a mention of the work, in a verbeterstap)."""
        end = found.end()
        if LIKE_THEM.search(_before_in_clause(self.normal, found.start())[0]):
            return False  # "ik ben net als die jongeren met suïcidale gedachten"
        return end in self.idiom_ends or any(
            start <= found.start() and end <= idiom_end for idiom_end, start in self.idiom_ends.items()
        )

    def echoed(self, phrases: Iterable[str]) -> str:
        """A phrase said by someone in the case that the writer then takes as their own in a
        later clause ("zit zelf ook zo", "en ik dacht alleen: ik ook.")."""
        if not ECHO.search(self.normal):
            return ""  # most messages: no need to look for the phrases again
        for _, pattern in phrase_patterns(self.normal, phrases, tolerant=True, real_words=self.signals.geen_tikfout):
            for count, found in enumerate(pattern.finditer(self.normal)):
                if count == MAX_OCCURRENCES:
                    break
                after = self.normal[found.end() : found.end() + REPORT_WINDOW]
                near = " ".join(after.split()[: _near_words(after)])
                if ECHO.search(near) or ECHO.search(ECHO_SHORT.sub(" ", after)):
                    return _quotable(found.group(0).strip(" .").replace(" .", ","))
                far = ECHO_SHORT.search(after)
                if far and not PRIDE.search(after[max(0, far.start() - 60) : far.start()]):
                    self.far_echo = _quotable(found.group(0).strip(" .").replace(" .", ","))
        return ""

    def word(self, phrases: Iterable[str], clause: bool, generic: bool = False) -> str:
        """The first word found where the writer speaks of themselves: in its own clause
        ("het systeem is kapot, dat zeg ik al jaren" is not), or anywhere in the message
        when ``clause`` is false ("ik stond op het balkon en dacht: gewoon springen").
        ``generic``: also where the writer speaks of themselves without "ik" (GENERIC_SELF)."""
        generic = generic and self.generic_self
        if not (self.self_words or generic):
            return ""
        for _, pattern in phrase_patterns(self.without_idioms, phrases):
            for found in pattern.finditer(self.without_idioms):
                _, around = _before_in_clause(self.normal, found.start())
                without_ik = generic and GENERIC_SELF.search(around) is not None
                if clause and not (set(around.split()) & SELF or DROPPED_SUBJECT.match(around) or without_ik):
                    continue
                if not self._someone_else_at(found.start()):
                    return found.group(0).strip(" .")
        return ""

    def word_of_nobody_else(self, phrases: Iterable[str]) -> str:
        """The first word found in a clause that names no one but the writer, if anyone: in a
        message that asks the bot something, "sla deze maar over, te zwaar vanavond" is the
        writer's strain, "volgende, de klant was kapot" is the case."""
        for _, pattern in phrase_patterns(self.without_idioms, phrases):
            for found in pattern.finditer(self.without_idioms):
                _, around = _before_in_clause(self.normal, found.start())
                words = set(around.split())
                if words & OTHERS or any(
                    pattern.search(around) for _, pattern in phrase_patterns(around, self.signals.casus)
                ):
                    continue
                if not self._someone_else_at(found.start()):
                    return found.group(0).strip(" .")
        return ""


# Words a phrase may end in that leave a quotation hanging: "zo moe dat" of "ik ben zo moe dat
# ik niet meer helder denk" is quoted as "zo moe".
HANGING = frozenset("dat om en of als die te want maar omdat".split())


def _quotable(words: str) -> str:
    """``words`` without the linking words they end in, for the check-in to quote."""
    kept = words.split()
    while len(kept) > 1 and kept[-1] in HANGING:
        kept.pop()
    return " ".join(kept)


def recovered_at(normal: str, phrases: Iterable[str]) -> int | None:
    """Where the last phrase of ``phrases`` (``hersteld``: "nu gaat het weer goed") begins in
    ``normal``, unless a negation turns it around; None when there is none."""
    starts = [
        found.start()
        for phrase, pattern in phrase_patterns(normal, phrases)
        for found in pattern.finditer(normal)
        if not _negated(normal, found, phrase)
    ]
    return max(starts, default=None)


def reassured_in(normal: str, phrases: Iterable[str]) -> bool:
    """Whether ``normal`` holds a phrase of ``phrases`` (``geruststelling``: "valt wel mee") that no
    negation turns around: "ik ben er niet trots op" is no reassurance."""
    return any(
        not _negated(normal, found, phrase) and not _asked_how(normal, found) and not _but_then(normal, found)
        for phrase, pattern in phrase_patterns(normal, phrases)
        for found in pattern.finditer(normal)
    )


def _asked_how(normal: str, found: re.Match[str]) -> bool:
    """Whether a reassurance stands in a question of how it is: "dat iemand mij ook eens vraagt hoe
    het gaat. niemand vraagt het" (blind17: strain got nothing)."""
    before = normal[: found.start()].split()[-1:]
    return bool(before) and before[0] in ("hoe", "hou")


# What turns a reassurance around when it comes soon after it (within BUT_THEN_WORDS words): "haha
# nee hoor alles goed. behalve dat ik om 3u wakker lig met mn hart in mn keel" (blind18: strain got
# nothing).
BUT_THEN = ("behalve",)
BUT_THEN_WORDS = 6


def _but_then(normal: str, found: re.Match[str]) -> bool:
    after = [word for word in normal[found.end() :].split() if word != "."][:BUT_THEN_WORDS]
    return any(word in BUT_THEN for word in after)


def _negated(normal: str, found: re.Match[str], phrase: str) -> bool:
    """Whether a negation stands just before what ``phrase`` found, or in the words a ``*`` of it
    took: "niet goed kunnen loslaten", "gaat het nooit meer weer goed" are no recovery."""
    before = normal[: found.start()].split()[-2:]
    if "." in before:  # not across the end of a clause: "weet niet. als ik weer beter slaap"
        before = before[before.index(".") + 1 :]
    taken = set(found.group(0).split()) - set(phrase.split())
    return bool(NEGATION & (set(before) | taken))


def mask_vaktaal(normal: str, vaktaal: Iterable[str]) -> str:
    """``normal`` with each word that ends in a term of the trade (``vaktaal``) made neutral:
    "suïcideprotocol" and "zelfmoordpreventie" are about the work, not about the writer."""
    endings = tuple(vaktaal)
    if not endings:
        return normal
    words = normal.split(" ")
    # "een suïcide preventie protocol" (leer45, dictated apart: a harmless answer got 113)
    return " ".join(
        "vakterm"
        if (word.endswith(endings) and word not in endings)
        or (DANGER_NOUN.match(word) and index + 1 < len(words) and words[index + 1] in endings)
        else word
        for index, word in enumerate(words)
    )


def _an_idiom(found: re.Match[str], phrase: str = "") -> bool:
    """Whether an idiom of ``uitdrukkingen`` found in the text stands as an idiom: not with the
    writer's own words in it ("het eerste wat ik dacht was dood") or followed by a verb that makes
    it the writer's ("de rust is dood zijn"); unless the idiom (``phrase``) is written with them:
    "al ga ik er dood aan" (leer45: "Ik krijg die twee afdelingen aan tafel, al ga ik er dood aan."
    got 113)."""
    after = found.string[found.end() :].split()[:1]
    own = set(found.group(0).split()) & SELF and not set(phrase.split()) & SELF
    return not (own or after in (["zijn"], ["gaan"], ["beter"]))


def mask_idioms(normal: str, idioms: Iterable[str]) -> str:
    """``normal`` with each idiom of ``uitdrukkingen`` blanked out, each letter an x so that places
    stay where they were: in "het is dood simpel" the heavy word says nothing of how the writer is.
    Only for the words with the NLU's distress; a phrase ("ik wil dood punt uit") is looked for in
    what was written (but see ``idiom_ends``)."""

    def blank(found: re.Match[str], phrase: str) -> str:
        return re.sub(r"[^\s.]", "x", found.group(0)) if _an_idiom(found, phrase) else found.group(0)

    for phrase, pattern in phrase_patterns(normal, idioms):
        normal = pattern.sub(lambda found, phrase=phrase: blank(found, phrase), normal)
    return normal


# A phrase that takes "asked about" into its wildcard: "ik heb gevraagd naar gedachten aan de dood" in
# "ik heb * gedachten aan de dood" (a Wmo-consulent's question to a mother, toets21).
ASKED_INSIDE = re.compile(
    r"\b(?:gevraagd|vroeg|vragen|doorgevraagd|doorvroeg|navragen) (?:naar|over) (?:\S+ )?gedachten\b"
)


# The writer likens themselves to the people an idiom of the work names.
LIKE_THEM = re.compile(r"\b(?:ik|mij|me)\b.*\b(?:net als|net zoals|ook zo als|hetzelfde als|zelf ook)\b")


# Words that make an idiom literal: "ik heb me expres in de vingers gesneden", "... met een mesje".
DELIBERATE = re.compile(r"\b(?:expres|opzettelijk|opzet|bewust|mes\w*|scheermes\w*|schaar|glas|pijn)\b")


def _deliberate(normal: str, found: re.Match[str]) -> bool:
    """Whether the clause of ``found`` says it was done on purpose or with something sharp."""
    start = normal.rfind(" . ", 0, found.start()) + 1
    end = normal.find(" . ", found.end())
    return DELIBERATE.search(normal[start : len(normal) if end < 0 else end]) is not None


def idiom_ends(normal: str, idioms: Iterable[str]) -> dict[int, int]:
    """Where each idiom of ``normal`` ends, with where it starts. A phrase that ends where an idiom
    ends takes its last, heavy words from the idiom: "ik heb mezelf flink in de vingers gesneden"
    (hurt my own cause) is no "mezelf * gesneden". One that ends elsewhere stays what it is: "ik
    wil dood punt uit" holds "ik wil dood" before the idiom "dood punt" ends."""
    ends: dict[int, int] = {}
    for phrase, pattern in phrase_patterns(normal, idioms):
        for found in pattern.finditer(normal):
            if _an_idiom(found, phrase):
                # the longest idiom that ends there: "strip pillen zag liggen", not "pillen zag liggen"
                ends[found.end()] = min(found.start(), ends.get(found.end(), found.start()))
    return ends
