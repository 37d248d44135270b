"""A leader named after his first mention by his country's (or seat of power's) word."""

from __future__ import annotations

import pytest

from bot.extract.statements import Extractor


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Trump spoke to Putin by phone on Tuesday. The Kremlin leader said the territorial"
            " question remained the key to any settlement.",
            "putin",
        ),
        (
            "Zelensky met Trump at the White House on Friday. The US leader said a deal on the"
            " territorial question was close.",
            "trump",
        ),
    ],
)
def test_the_leader_is_the_head_of_state_not_the_institution_or_nobody(
    extractor: Extractor, text: str, speaker: str
) -> None:
    # "the Kremlin leader" is Putin, not the Kremlin; "the US leader" was no mention at all
    found = extractor.extract(text)
    assert [s.actor_id for s in found.statements] == [speaker]
