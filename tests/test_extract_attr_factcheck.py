"""Fact checks: a viral post or clip speaks for whoever posted it, not for the person it claims
said something; the people the check quotes speak for themselves. Every text here was written
for this test."""

from __future__ import annotations

import pytest

from bot.extract.statements import Extractor

LEAD = "Fact check: the energy truce agreed in Riyadh did not cede any territory.\n"


def _speakers(extractor: Extractor, text: str, words: str) -> set[str]:
    found = [s for s in extractor.extract(LEAD + text).statements if words in s.text]
    assert found, text
    return {s.actor_id for s in found}


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            'CLAIM: A post shared thousands of times on Telegram since Friday claims: "Umerov'
            ' handed Crimea to Moscow in Riyadh. The press is silent."',
            "handed Crimea",
        ),
        (
            "CLAIM: A clip viewed more than 90,000 times on X since Sunday says Foreign Minister"
            ' Andrii Sybiha announced that Ukraine "will cancel the elections for good."',
            "cancel the elections",
        ),
        (
            "The same post claimed that Lavrov had promised to hand back the occupied territory"
            " before the ceasefire.",
            "hand back the occupied territory",
        ),
    ],
)
def test_a_viral_post_speaks_for_its_unnamed_poster(
    extractor: Extractor, text: str, words: str
) -> None:
    assert _speakers(extractor, text, words) == {"anon_social"}


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        (
            "In a post on Telegram, Zelensky wrote that the energy truce would be judged by"
            " whether the strikes on substations stop.",
            "judged by",
            "zelensky",
        ),
        (
            "In a video released on Sunday, Umerov said the prisoners held since 2022 would"
            " come home in the next exchange.",
            "come home",
            "umerov",
        ),
    ],
)
def test_a_named_poster_keeps_the_post(
    extractor: Extractor, text: str, words: str, speaker: str
) -> None:
    assert _speakers(extractor, text, words) == {speaker}
