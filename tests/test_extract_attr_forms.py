"""Speech verbs in their participle forms ("she went further, sneering:", "joined in, blasting
the Europeans as ..."), and a writer's "it is worth recalling that" that is nobody's statement.
Every text here was written for this test."""

from __future__ import annotations

import pytest

from bot.extract.statements import Extractor

_SCENE = "Lavrov and Kallas traded barbs over the peace talks in Geneva this week.\n\n"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            'On Thursday she went further, sneering: "Moscow wants the talks to fail so it can'
            ' blame everyone else."',
            "kallas",
        ),
        (
            "Lavrov, back from Geneva, joined in on television, blasting the Europeans as"
            ' spoilers of the peace talks and "guests nobody invited".',
            "lavrov",
        ),
    ],
)
def test_a_participle_speech_verb_attributes(
    extractor: Extractor, text: str, speaker: str
) -> None:
    found = extractor.extract(_SCENE + "Kallas spoke first.\n\n" + text).statements
    assert {s.actor_id for s in found} == {speaker}


def test_worth_recalling_is_the_writers_phrase(extractor: Extractor) -> None:
    text = (
        _SCENE + "It is worth recalling that after the summit in June, Kallas said the peace"
        ' talks had "run out of road".'
    )
    found = extractor.extract(text).statements
    assert {s.actor_id for s in found} == {"kallas"}
