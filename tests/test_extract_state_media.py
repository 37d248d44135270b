"""Reported speech in the verb habits of translated state media (config/lang/en.toml): an
assessment given, a view held "in his assessment". Sentences written for this test."""

from __future__ import annotations

import pytest

from bot.extract.statements import Extractor

LEAD = "The second round of talks on the peace plan ended in Ankara on Thursday.\n"


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            "Speaking about the mediators, Ushakov gave a high assessment to the work of the "
            "Turkish hosts in the talks.",
            "ushakov",
        ),
        (
            "Peskov gave a positive assessment of the pace of the talks on the prisoner lists.",
            "peskov",
        ),
        ("In his assessment, Ankara had been a more useful venue for the talks than Vienna.", ""),
    ],
)
def test_an_assessment_is_reported_speech(
    extractor: Extractor, sentence: str, speaker: str
) -> None:
    text = LEAD + "Dmitry Peskov spoke to reporters in Moscow on Friday.\n" + sentence
    found = [s for s in extractor.extract(text).statements if s.text == sentence]
    assert [(s.actor_id, s.kind) for s in found] == [(speaker or "peskov", "reported")]


def test_a_russian_assessment_is_reported_speech(ru: Extractor) -> None:
    sentence = "Ушаков дал высокую оценку работе турецких посредников на переговорах."
    text = "Переговоры о мирном плане завершились в Анкаре в четверг.\n" + sentence
    found = [(s.actor_id, s.text) for s in ru.extract(text).statements]
    assert found == [("ushakov", sentence)]
