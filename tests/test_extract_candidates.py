"""Which sentences of reported speech are candidates (bot/extract/candidates.py): a verb of saying
with nothing said, and a question, are no statements; the words come from the language file, so
the rules work for Russian too. Sentences written for this test."""

from __future__ import annotations

import pytest

from bot.extract.statements import Extractor


@pytest.mark.parametrize(
    ("nothing", "something"),
    [
        # a verb of saying, what it was about and where: nothing said
        (
            "Песков высказался по этому поводу после переговоров в Стамбуле.",
            "Песков высказался за перемирие на время переговоров в Стамбуле.",
        ),
        # a question put by the speaker, not a position
        (
            "Ушаков спросил, готова ли Украина к перемирию на время переговоров.",
            "Ушаков заявил, что Украина готова к перемирию на время переговоров.",
        ),
    ],
)
def test_russian_speech_with_nothing_said(ru: Extractor, nothing: str, something: str) -> None:
    assert ru.extract(nothing).statements == ()
    found = ru.extract(something).statements
    assert [s.text for s in found] == [something]


@pytest.mark.parametrize(
    "sentence",
    [
        "Andrii Sybiha commented on the results of the round on his Telegram channel.",
        "Rustem Umerov asked directly whether the ceasefire monitors would be armed.",
        "Russia's Defence Ministry has not yet commented on the numbers of the ceasefire.",
        # the writer's recap of what others said
        "In short: a ceasefire in principle, monitors not agreed; Moscow says it brought nothing.",
        # a particle of the verb before what it was about
        "Dmitry Medvedev blasted out the message on his Telegram channel after midnight.",
        # an outlet named as the writer's source is not a speaker
        "As Kyiv Bulletin reported, the third round of ceasefire talks began in Ankara on 14 May.",
    ],
)
def test_english_speech_with_nothing_said(extractor: Extractor, sentence: str) -> None:
    said = "Rustem Umerov said the ceasefire on the front line would hold."
    found = extractor.extract(f"{sentence} {said}").statements
    assert [s.text for s in found] == [said]


def test_a_speaker_named_in_an_opening_clause_still_speaks(extractor: Extractor) -> None:
    found = extractor.extract(
        "As Ilse Brandt put it, the ceasefire talks in Doha moved the furniture but not the walls."
    ).statements
    assert [s.actor_id for s in found] == ["ilse_brandt"]
