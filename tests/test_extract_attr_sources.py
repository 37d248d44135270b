"""Source phrases and titles: "in his words", "in her view" name the speaker by a possessive;
abbreviated titles ("Deputy FM", "PM") stand before a new actor's name. Every text here was
written for this test."""

from __future__ import annotations

import pytest

from bot.extract.statements import Extractor


@pytest.mark.parametrize(
    ("text", "fragment", "speaker"),
    [
        (
            "Lavrov spoke for an hour about the energy truce. In his words, «a pause for the grid"
            " is no pause for the front», and the Europeans were not invited.",
            "a pause for the grid",
            "lavrov",
        ),
        (
            "Kallas took questions on the frozen assets. In her view, the reconstruction fund"
            ' proved that "the money can work for Ukraine without a single court case."',
            "reconstruction fund",
            "kallas",
        ),
    ],
)
def test_a_possessive_source_phrase_names_the_speaker(
    extractor: Extractor, text: str, fragment: str, speaker: str
) -> None:
    found = [s for s in extractor.extract(text).statements if fragment in s.text]
    assert found, text
    assert {s.actor_id for s in found} == {speaker}


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Russian Deputy FM Oleg Varentsov said the observers were welcome at the prisoner"
            " exchange talks.",
            "oleg_varentsov",
        ),
        (
            "PM Annika Strand said Sweden would join a reassurance force after a ceasefire.",
            "annika_strand",
        ),
        (
            "Dep. FM Taras Holub told reporters the prisoner exchange would happen on Friday.",
            "taras_holub",
        ),
    ],
)
def test_an_abbreviated_title_stands_before_a_new_name(
    extractor: Extractor, text: str, speaker: str
) -> None:
    found = extractor.extract(text)
    assert [s.actor_id for s in found.statements] == [speaker]
