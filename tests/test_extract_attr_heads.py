"""Whose words a sentence carries when its first name is not the speaker: an outlet not in the
config passing on the main clause's ("..., Harbour Post reports."); someone told ("Putin has
been informed of ..."); the names inside a document's "of" phrase ("the Kremlin's readout of a
call between A and B said"); a name that only qualifies an unnamed source ("a Downing Street
source told ..."). Every text here was written for this test."""

from __future__ import annotations

import pytest

from bot.extract.statements import Extractor

_SCENE = "The peace talks on the energy truce resumed in Geneva on Monday.\n\n"


@pytest.mark.parametrize(
    ("text", "fragment", "speaker"),
    [
        (
            "President Volodymyr Zelensky has again insisted that Ukraine will not pull its"
            " troops out of Donbas for a ceasefire, Harbour Post reports.",
            "Zelensky has again insisted",
            "zelensky",
        ),
        (
            "According to the Kremlin spokesman, President Vladimir Putin has been informed of"
            " the results of the first day of the talks on the energy truce.",
            "According to the Kremlin spokesman",
            "peskov",
        ),
        (
            "The Kremlin's readout of a phone call between Vladimir Putin and Recep Tayyip"
            ' Erdogan said the two leaders had "welcomed the progress on the energy truce in'
            ' Geneva."',
            "welcomed the progress",
            "kremlin",
        ),
        (
            'A Downing Street source told the Clarion: "The Prime Minister backs the energy'
            ' truce, and nothing has changed."',
            "The Prime Minister backs",
            "anon_source",
        ),
        (
            "Two Erdogan aides said the energy truce talks could move to Istanbul next month.",
            "Two Erdogan aides",
            "anon_source",
        ),
    ],
)
def test_the_speaker_is_not_the_first_name_in_the_sentence(
    extractor: Extractor, text: str, fragment: str, speaker: str
) -> None:
    found = [s for s in extractor.extract(_SCENE + text).statements if fragment in s.text]
    assert found, text
    assert {s.actor_id for s in found} == {speaker}
