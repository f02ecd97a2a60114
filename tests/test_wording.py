"""How the bot quotes a user's words and lists bouwopgaven (bot/wording.py)."""

from __future__ import annotations

import pytest

from bot import wording
from bot.content import get_content


@pytest.mark.parametrize(
    "words, shown",
    [
        (["regie"], "‘regie’"),
        (["regie", "wachtlijst"], "‘regie’ en ‘wachtlijst’"),
        (["a", "b", "c", "d", "e"], "‘a’, ‘b’, ‘c’ en ‘d’"),  # at most four
    ],
)
def test_words_are_quoted_as_a_dutch_list(words, shown):
    assert wording.listed(words) == shown


def test_a_proposal_without_the_users_words_does_not_claim_to_have_heard_them():
    content = get_content()
    first = next(iter(content.bouwopgaven))
    intro, lines = wording.proposal(content, [{"id": first, "woorden": [], "citaat": ""}])
    assert intro == content.text("voorstel_algemeen")
    assert content.bouwopgaven[first].waarom_algemeen in lines
    intro, lines = wording.proposal(content, [{"id": first, "woorden": ["regie"], "citaat": ""}])
    assert intro == content.text("voorstel_gehoord") and "‘regie’" in lines


def test_a_proposal_of_two_bouwopgaven_speaks_of_them_in_the_plural():
    content = get_content()
    first, second = list(content.bouwopgaven)[:2]
    voorstel = [{"id": first, "woorden": ["regie"], "citaat": ""}, {"id": second, "woorden": ["samen"], "citaat": ""}]
    intro, lines = wording.proposal(content, voorstel)
    assert "deze bouwopgaven van de praatplaat" in intro and len(lines.splitlines()) == 2


def test_every_bouwopgave_is_a_button_that_chooses_it():
    content = get_content()
    text, buttons = wording.bouwopgave_options(content)
    assert len(buttons) == len(content.bouwopgaven) == len(text.splitlines())
    assert all(b["payload"].startswith("/choose_bouwopgave{") for b in buttons)
