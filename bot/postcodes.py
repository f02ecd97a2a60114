"""When the two letters after four digits make a postcode, for bot/privacy.py and bot/names.py.

"1234 AB" alone is a postcode; "2020 EN" (a year before a word typed in capitals), "2500 EU"
(an amount) and "2019 en" are not. Dutch postcodes never use SA, SD or SS.
"""

from __future__ import annotations

# Two-letter Dutch words (and units) that can follow a number in a message typed in capitals.
NOT_POSTCODE = frozenset("IK EN OP IN OM AL NU JA DE ZE WE JE HE OF TE AN NA ER EU KM CM MG SA SD SS".split())


def postcode_letters(letters: str) -> bool:
    """Whether ``letters`` (the two after four digits) can be a postcode's."""
    return letters.isupper() and letters not in NOT_POSTCODE
