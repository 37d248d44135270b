"""More verbs of saying ("swore", "blamed", "offered to host"), and a scene that opens a sentence
("A day after X offered ..., his spokesman said"): its verb is not the sentence's. Every text
here was written for this test."""

from __future__ import annotations

import pytest

from bot.extract.statements import Extractor
from tests.extracting import reported_speakers


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Kallas swore that not a single euro of the frozen Russian assets would go back to"
            " Moscow before reparations are paid.",
            "kallas",
        ),
        (
            "Zakharova blamed European capitals for stalling the ceasefire talks with leaks and"
            " threats.",
            "zakharova",
        ),
        (
            "President Erdogan has offered to host the next round of the ceasefire talks.",
            "erdogan",
        ),
    ],
)
def test_more_verbs_report_speech(extractor: Extractor, text: str, speaker: str) -> None:
    assert reported_speakers(extractor, text) == [speaker]


def test_a_scene_opening_the_sentence_does_not_speak(extractor: Extractor) -> None:
    text = (
        "A day after Chancellor Friedrich Merz offered German troops for a ceasefire line, his"
        " spokesman Stefan Kornelius said no decision would be taken before a deal is signed."
    )
    assert reported_speakers(extractor, text) == ["kornelius"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Sybiha was cited by the Baltic Courier as saying a vote could follow within months"
            " of a lasting ceasefire.",
            "sybiha",
        ),
        (
            "Lavrov called the asset plan robbery in a legal costume and promised a firm reply"
            " to the European Union.",
            "lavrov",
        ),
    ],
)
def test_a_cited_speaker_and_a_second_verb_of_one_subject(
    extractor: Extractor, text: str, speaker: str
) -> None:
    assert reported_speakers(extractor, text) == [speaker]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Kallas was quick to point out that the sanctions would stay until a ceasefire.",
            "kallas",
        ),
        (
            "Merz made it clear that German troops would only deploy after a ceasefire.",
            "merz",
        ),
        (
            "Sybiha has gone on record saying that elections will follow a lasting ceasefire.",
            "sybiha",
        ),
    ],
)
def test_phrases_and_an_infinitive_before_a_clause(
    extractor: Extractor, text: str, speaker: str
) -> None:
    assert reported_speakers(extractor, text) == [speaker]


@pytest.mark.parametrize(
    "text",
    [
        "Umerov declined to say which countries had offered to mediate, but said the lists for"
        " the exchange were ready.",
        "Umerov did not give a date for the exchange but said that the lists had been agreed.",
    ],
)
def test_a_refusal_then_but_keeps_the_subject(extractor: Extractor, text: str) -> None:
    assert reported_speakers(extractor, text) == ["umerov"]
