"""A tabloid's epithets for the person just named ("the firebrand", "the ex-president") and a
loud verb ("boomed") still say who spoke. Every text here was written for this test."""

from __future__ import annotations

import pytest

from bot.extract.statements import Extractor

LEAD = "The ceasefire talks in Geneva ended on Friday without a deal on the frozen assets.\n"


def _speakers(extractor: Extractor, text: str) -> list[tuple[str, str]]:
    found = extractor.extract(LEAD + text).statements
    return [(s.kind, s.actor_id) for s in found]


@pytest.mark.parametrize(
    "second",
    [
        "The ex-president, 61, wrote in a midnight post that the ceasefire talks were a circus.",
        '"The talks are a circus for the cameras and nothing more," the firebrand posted.',
    ],
)
def test_an_epithet_stands_for_the_person_just_named(extractor: Extractor, second: str) -> None:
    text = "Medvedev mocked the ceasefire talks on Thursday night.\n" + second
    assert {actor for _, actor in _speakers(extractor, text)} == {"medvedev"}


def test_a_loud_verb_reports_speech(extractor: Extractor) -> None:
    text = (
        "Trump was in a cheerful mood. He boomed on his own platform that the ceasefire talks"
        " would end with a deal by the spring."
    )
    assert _speakers(extractor, text) == [("reported", "trump")]


def test_its_spokesman_is_the_institution_named_last(extractor: Extractor) -> None:
    text = (
        "The Kremlin again refused to set a date for the next round of ceasefire talks. Its"
        " spokesman had told reporters on Tuesday that any timetable was a fantasy."
    )
    assert _speakers(extractor, text) == [("reported", "kremlin")]


def test_its_ministry_is_the_ministry_of_the_body_named_last(extractor: Extractor) -> None:
    text = (
        "Kyiv has published no figure for the prisoner exchange, but its foreign ministry says"
        " the aim of the ceasefire talks is still an exchange of all for all."
    )
    assert _speakers(extractor, text) == [("reported", "ukraine_mfa")]


def test_its_spokesmen_are_the_institution_named_last(extractor: Extractor) -> None:
    text = (
        "The Kremlin has learned to keep its options open. Russia kept a junior minister at the"
        " ceasefire talks all week, while its spokesmen insisted that his presence meant nothing."
    )
    assert _speakers(extractor, text) == [("reported", "kremlin")]
