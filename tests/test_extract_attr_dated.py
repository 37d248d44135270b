"""A date opened by a preposition before the subject ("on Tuesday Kallas said", "On 3 March
Sybiha announced"): the name after it is the subject, not the preposition's object. Every text
here was written for this test."""

from __future__ import annotations

import pytest

from bot.extract.statements import Extractor
from tests.extracting import reported_speakers


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "On 3 March Sybiha announced that the next round of the ceasefire talks would be held"
            " in Istanbul.",
            "sybiha",
        ),
        (
            "Keep in mind that on Thursday Kallas said the frozen assets would stay frozen until"
            " the ceasefire holds.",
            "kallas",
        ),
        (
            "It was not the first warning: in April Zakharova said Europe was sabotaging the"
            " ceasefire talks.",
            "zakharova",
        ),
    ],
)
def test_a_date_before_the_subject(extractor: Extractor, text: str, speaker: str) -> None:
    assert reported_speakers(extractor, text) == [speaker]


def test_a_name_after_a_preposition_is_still_its_object(extractor: Extractor) -> None:
    # "to Kallas" is no date: the speaker is the subject before it
    text = "Sybiha said to Kallas on Thursday that the frozen assets should fund the ceasefire."
    assert reported_speakers(extractor, text) == ["sybiha"]
