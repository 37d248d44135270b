"""A sentence-final attribution ('..., the envoy said.') needs a finite verb: a gerund at the end
("... rather than commenting on it.") has no subject of its own before it, and the name in its
clause does not speak. Every text here was written for this test."""

from __future__ import annotations

import pytest

from bot.extract.statements import Extractor
from tests.extracting import reported_speakers


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Rustem Umerov said Ukraine had tabled a text. It was, the Ukrainian negotiator"
            " said, the first time Kyiv had written its own paper rather than commenting on"
            " a foreign one.",
            "umerov",
        ),
        (
            "It was, Dmitry Peskov said, a week in which Moscow had listened instead of"
            " commenting on the leaks.",
            "peskov",
        ),
    ],
)
def test_a_gerund_does_not_close_the_sentence_as_its_attribution(
    extractor: Extractor, text: str, speaker: str
) -> None:
    assert reported_speakers(extractor, text)[-1] == speaker


def test_a_finite_verb_still_closes_it(extractor: Extractor) -> None:
    text = "The freeze on the assets will stay until a deal is signed, Dmitry Peskov said."
    assert reported_speakers(extractor, text) == ["peskov"]


def test_a_possessed_gerund_is_a_noun_and_its_possessor_speaks(extractor: Extractor) -> None:
    text = (
        "The asset freeze, in Dmitry Peskov's telling, is a theft dressed up as a legal measure."
    )
    assert reported_speakers(extractor, text) == ["peskov"]
