"""A leader or envoy named after his first mention by his side's word ("the US leader")."""

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
        (
            "Witkoff met Dmitriev in Miami on Saturday. The American envoy said the sides were"
            " closer on the economic part of the plan.",
            "witkoff",
        ),
        (
            "Dmitriev flew to Miami on Saturday for talks with Witkoff. Moscow's envoy said the"
            " sides were closer on the economic part of the plan.",
            "dmitriev",
        ),
    ],
)
def test_a_role_named_by_its_side_is_that_sides_holder(
    extractor: Extractor, text: str, speaker: str
) -> None:
    # "the Kremlin leader" is Putin, not the Kremlin; "the US leader" was no mention at all;
    # "the American envoy" is the American of the two envoys just named, not the last named
    found = extractor.extract(text)
    assert [s.actor_id for s in found.statements] == [speaker]
