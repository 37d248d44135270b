"""A speaker's name followed by a party in brackets ("Oksana Petrenko (Servant of the People),
who sits on ...") or preceded by a long title joined by "with" ("Special Representative for
Cooperation with Foreign Countries Kirill Dmitriev"). Every text here was written for this
test."""

from __future__ import annotations

import pytest

from bot.extract.statements import Extractor

LEAD = "The ceasefire talks in Geneva ended on Friday without a deal on territory.\n"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Member of Parliament Halyna Moroz (European Solidarity), who sits on the defence"
            " committee, told the Lviv Courier that parliament would never ratify a deal that"
            " gave up territory.",
            "halyna_moroz",
        ),
        (
            "Special Presidential Representative for Trade and Cooperation with Foreign"
            " Countries Kirill Dmitriev, for his part, noted that sanctions relief would follow"
            " any ceasefire.",
            "dmitriev",
        ),
    ],
)
def test_brackets_and_long_titles_keep_the_speaker(
    extractor: Extractor, text: str, speaker: str
) -> None:
    found = extractor.extract(LEAD + text).statements
    assert [s.actor_id for s in found if s.kind == "reported"] == [speaker]


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        ("Ukraine's General Staff", "ukraine_s_general_staff"),
        ("Ukraine's air force", "ukraine_s_air_force"),
    ],
)
def test_a_military_body_not_in_the_config_speaks(
    extractor: Extractor, body: str, speaker: str
) -> None:
    text = f"{body} said Russia had launched 60 drones overnight despite the energy truce."
    found = extractor.extract(LEAD + text).statements
    assert [s.actor_id for s in found if s.kind == "reported"] == [speaker]


def test_a_long_relative_clause_with_commas_keeps_the_speaker(extractor: Extractor) -> None:
    text = (
        "Sybiha, who spoke as the delegations of Russia, Ukraine and the United States met in a"
        " lakeside villa outside the city, said the question of Donbas would not be traded for"
        " a ceasefire."
    )
    found = extractor.extract(LEAD + text).statements
    assert [s.actor_id for s in found if s.kind == "reported"] == ["sybiha"]
