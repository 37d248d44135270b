"""A stated position named by its holder's possessive with a time or place between the noun and
its clause: "Sybiha's line of Wednesday, that ...", "Trump's remark on Saturday that ...". Every
text here was written for this test."""

from __future__ import annotations

import pytest

from bot.extract.statements import Extractor


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Sybiha's line of Tuesday, that a truce Moscow can end at will is no ceasefire at"
            " all, was echoed by several European capitals.",
            "sybiha",
        ),
        (
            "Trump's remark on Sunday that the frozen Russian assets should pay for the"
            " reconstruction of Ukraine has alarmed officials in Brussels.",
            "trump",
        ),
    ],
)
def test_a_dated_position_is_its_holders(extractor: Extractor, text: str, speaker: str) -> None:
    lead = "The talks on the ceasefire resumed in Geneva.\n"
    found = [s for s in extractor.extract(lead + text).statements if s.kind == "reported"]
    assert [s.actor_id for s in found] == [speaker]
