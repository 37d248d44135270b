"""A verb of saying in a contrast clause that opens the sentence ("While both sides stress
unity, real gaps remain") with only a noun after it is the writer's contrast, not reported
speech; with a content clause ("While Peskov said that ...") it still says something. Every text
here was written for this test."""

from __future__ import annotations

import pytest

from bot.extract.statements import Extractor
from tests.extracting import reported_speakers


@pytest.mark.parametrize(
    "text",
    [
        "While both delegations stress goodwill, the gaps over the border line remain wide.",
        "Although the Kremlin insists on its maps, the mediators have kept the channel open.",
        "Whereas Kyiv emphasizes security guarantees, the monitors worry about the winter.",
    ],
)
def test_a_contrast_clause_with_only_a_noun_says_nothing(extractor: Extractor, text: str) -> None:
    assert reported_speakers(extractor, text) == []


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "While Dmitry Peskov said that a new round was possible, the date stayed open.",
            "peskov",
        ),
        (
            "Although Sergei Lavrov insisted the talks would go on, his team left the hall early.",
            "lavrov",
        ),
        (
            "While in Riyadh, Steve Witkoff said the deal on the frozen assets was close.",
            "witkoff",
        ),
    ],
)
def test_a_contrast_clause_with_a_content_clause_still_speaks(
    extractor: Extractor, text: str, speaker: str
) -> None:
    assert reported_speakers(extractor, text) == [speaker]
