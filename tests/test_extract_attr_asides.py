"""A question put to the speaker as an aside between commas ("Peskov, asked about the round,
said ...") is no question the sentence asks: the verb after it says what was said; nothing is
said when that verb is refused or negated. Every text here was written for this test."""

from __future__ import annotations

import pytest

from bot.extract.statements import Extractor
from tests.extracting import LEAD, reported_speakers


@pytest.mark.parametrize(
    "text",
    [
        "Dmitry Peskov, asked about the energy truce, said Russia saw no reason to hurry the"
        " ceasefire talks.",
        "The Kremlin spokesman, when asked about the energy truce, said Russia saw no reason to"
        " hurry the ceasefire talks.",
    ],
)
def test_a_question_aside_leaves_the_verb_after_it(extractor: Extractor, text: str) -> None:
    assert reported_speakers(extractor, text) == ["peskov"]


def test_a_question_aside_then_a_negated_verb_says_nothing(extractor: Extractor) -> None:
    text = (
        "Dmitry Peskov, asked about the energy truce, did not say when the ceasefire talks"
        " would resume."
    )
    assert reported_speakers(extractor, text) == []


def test_an_outlet_that_quotes_the_speaker_only_carries_it(extractor: Extractor) -> None:
    text = (
        "Yuri Ushakov was quoted by TASS as saying that the next round of the ceasefire talks"
        " could be held in Istanbul."
    )
    assert reported_speakers(extractor, text) == ["ushakov"]


def test_a_phrase_opening_on_a_preposition_is_no_title(extractor: Extractor) -> None:
    text = (
        "In a video posted on Telegram, Zelensky said Russia had launched 400 drones overnight"
        " despite the energy truce agreed at the ceasefire talks."
    )
    assert reported_speakers(extractor, text) == ["zelensky"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "An aide to Zelensky said the president would not travel to Istanbul for the"
            " ceasefire talks unless Putin came too.",
            "anon_ukrainian_official",
        ),
        (
            "Rustem Umerov, a senior adviser to Zelensky, said Kyiv would not sign any deal on"
            " territory at the ceasefire talks.",
            "umerov",
        ),
    ],
)
def test_an_aide_to_a_name_is_an_unnamed_source_of_its_side(
    extractor: Extractor, text: str, speaker: str
) -> None:
    assert reported_speakers(extractor, text) == [speaker]


def test_a_body_naming_its_document_speaks_through_it(extractor: Extractor) -> None:
    text = (
        "A Kremlin readout of the call said Putin had stressed the need to address the root"
        " causes of the conflict before any ceasefire."
    )
    assert reported_speakers(extractor, text) == ["kremlin"]


def test_a_place_as_a_modifier_still_does_not_speak(extractor: Extractor) -> None:
    text = (
        "The Berlin discussions on the ceasefire, Peskov said, had brought no progress on the"
        " frozen assets."
    )
    assert reported_speakers(extractor, text) == ["peskov"]


@pytest.mark.parametrize(
    "attribution",
    [
        "said the Ukrainian foreign minister, Andrii Sybiha.",
        "said the Ukrainian foreign minister.",
        "said the minister.",
    ],
)
def test_an_inverted_verb_before_the_role_of_its_speaker(
    extractor: Extractor, attribution: str
) -> None:
    text = (
        "Andrii Sybiha met his Polish counterpart in Warsaw to discuss the ceasefire talks.\n"
        '"Nobody will force us out of Zaporizhzhia, whatever Moscow demands," ' + attribution
    )
    found = extractor.extract(LEAD + text).statements
    assert [s.actor_id for s in found if s.kind == "direct"] == ["sybiha"]
