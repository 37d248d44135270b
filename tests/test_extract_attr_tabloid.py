"""Tabloid copy: a speech act told as a noun ("launched another furious tirade at NATO"), an
epithet for the speaker ("the ex-Kremlin boss, 60,"). Every text here was written for this
test."""

from __future__ import annotations

import pytest

from bot.extract.statements import Extractor

LEAD = "The Geneva ceasefire talks broke up on Friday without a deal on security guarantees.\n"


def _speakers(extractor: Extractor, text: str, words: str) -> set[str]:
    return {s.actor_id for s in extractor.extract(LEAD + text).statements if words in s.text}


@pytest.mark.parametrize(
    "act",
    [
        "has launched another savage tirade at",
        "unleashed a furious broadside against",
        "has issued a stark warning to",
    ],
)
def test_a_speech_act_told_as_a_noun_is_reported_speech(extractor: Extractor, act: str) -> None:
    text = (
        f"VLADIMIR Putin's hot-headed sidekick Dmitry Medvedev {act} NATO - just hours after"
        " the ceasefire talks ended."
    )
    assert _speakers(extractor, text, "hours after") == {"medvedev"}


def test_a_military_attack_is_no_speech_act(extractor: Extractor) -> None:
    text = "Russia launched another massive attack on the power grid overnight, Ukrenergo said."
    assert _speakers(extractor, text, "massive attack") <= {"ukrenergo"}


def test_an_epithet_with_an_age_stands_for_the_last_person_named(extractor: Extractor) -> None:
    text = (
        "Dmitry Medvedev was in fighting form on Friday.\nThe ex-Kremlin boss, 60, blasted NATO"
        ' generals in a midnight Telegram rant, sneering that they were "begging for a lesson"'
        " over troops for Ukraine."
    )
    assert _speakers(extractor, text, "midnight Telegram rant") == {"medvedev"}
