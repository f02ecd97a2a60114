"""The phrase patterns of content/signalen.yml (bot/phrases.py) as the judgement matches them.

Every phrase is matched as whole words, never inside another word, with one typing slip in a
long word; the quick pass that skips a phrase whose leading words are absent must find exactly
what matching every phrase finds."""

from __future__ import annotations

import pytest

from bot.phrases import find_phrase, normalise, phrase_pattern, phrase_patterns


@pytest.mark.parametrize(
    "phrase, text, found",
    [
        ("ik ben op", "ik ben op", "ik ben op"),
        ("ik ben op", "dik ben op", None),  # not inside a word
        ("ik ben op", "'ik ben op'", "ik ben op"),  # a quotation mark is no letter
        ("ik ben op", "blik'ik ben op", None),  # nor after an apostrophe in a word
        ("ik ben op", "ik ben opgelucht", None),  # nor as the start of a longer word
        ("ik ben op", "e-mail: ik ben op", "ik ben op"),
        ("suïcid*", "suïcidale gedachten", "suïcidale"),
        ("suïcid*", "parasuïcidaal", None),
        ("er * eind aan maken", "ik wil er gewoon een eind aan maken", "er gewoon een eind aan maken"),
        ("kan niet meer .", "ik kan niet meer, echt", "kan niet meer ."),
        ("kan niet meer .", "ik kan niet meer zeggen", None),
        ("^ moet ik", "moet ik dit invullen?", "moet ik"),
        ("^ moet ik", "dan moet ik dit invullen", None),
        ("spring* + brug", "van de brug springen", "brug springen"),
    ],
)
def test_a_phrase_is_found_as_whole_words(phrase, text, found):
    match = phrase_pattern(phrase).search(normalise(text))
    assert (match.group(0).strip() if match else None) == (found.strip() if found else None)


@pytest.mark.parametrize(
    "text, found",
    [
        ("iedereen is beter af zondr mij", True),  # a letter missing
        ("iedereen is beter af zonderr mij", True),  # one added (after the stretched-letter rule)
        ("iedereen is beter af zodner mij", True),  # two swapped
        ("iedereen is beter af vonder mij", False),  # never in the first letter
        ("biedereen is beter af zonder mij", False),  # not inside a word, also with a slip
    ],
)
def test_a_long_word_is_found_with_one_typing_slip_after_its_first_letter(text, found):
    pattern = phrase_pattern("iedereen is beter af zonder mij", tolerant=True)
    assert bool(pattern.search(normalise(text))) is found


def test_a_real_word_one_slip_away_is_no_slip():
    pattern = phrase_pattern("te staren", tolerant=True, real_words=frozenset({"sparen"}))
    assert pattern.search(normalise("ik zat naar de muur te staaren"))
    assert not pattern.search(normalise("we probeerden geld te sparen"))


PHRASES = (
    "ik ben op",
    "kan niet meer .",
    "er * eind aan * mak*",
    "iedereen is beter af zonder mij",
    "spring* + brug",
    "^ moet ik",
    "* is dood",
    "slaap slecht",
)
TEXTS = [
    "ik ben op",
    "ik kan niet meer",
    "ik wil er een eind aan maken",
    "iedereen is beter af zondr mij",
    "ik dacht aan de brug en springen",
    "moet ik dit nog doen?",
    "die printer is dood",
    "ik slaap slecht",
    "de klant sliep slecht",
    "morgen bel ik de klantmanager",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("tolerant", [False, True])
def test_skipping_phrases_whose_leading_words_are_absent_finds_what_every_phrase_finds(text, tolerant):
    normal = normalise(text)
    everything = [
        (phrase, [m.span() for m in phrase_pattern(phrase, tolerant=tolerant).finditer(normal)]) for phrase in PHRASES
    ]
    quick = [
        (phrase, [m.span() for m in pattern.finditer(normal)])
        for phrase, pattern in phrase_patterns(normal, PHRASES, tolerant=tolerant)
    ]
    assert [found for found in everything if found[1]] == [found for found in quick if found[1]]
    if not tolerant:  # find_phrase matches without slips
        assert find_phrase(text, PHRASES) == next(
            (normal[spans[0][0] : spans[0][1]].replace(" .", ",").strip(" ,.") for _, spans in everything if spans),
            None,
        )


@pytest.mark.parametrize(
    "text, found",
    [
        ("ik wil van de erasmusbrug springen", True),  # toets23: the bridge by its name got nothing
        ("ik spring van de spoorbrug", True),
        ("ik spring van de brug", True),
        ("de brugklas springt eruit", False),  # a word that starts with it is not one that ends with it
    ],
)
def test_a_word_starting_with_a_star_finds_every_word_it_ends(text, found):
    assert (find_phrase(text, ["spring* + *brug"]) is not None) == found
