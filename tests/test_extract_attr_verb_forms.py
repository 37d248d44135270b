"""A verb of saying in every form copy uses it in: the gerund ("spent the day explaining that"),
the base after a plural subject or a modal ("officials describe", "aides maintain") and the third
person ("reaffirms"), not only the past tense. Every text here was written for this test."""

from __future__ import annotations

import pytest

from bot.extract.statements import Extractor
from tests.extracting import LEAD, reported_speakers


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Dmitry Peskov spent Tuesday explaining that no date had yet been set for"
            " the next round of talks.",
            "peskov",
        ),
        (
            "Maria Zakharova, commenting on the round, accused Brussels of sabotaging the"
            " ceasefire talks with its asset plan.",
            "zakharova",
        ),
        (
            "The Kremlin is questioning whether the Ukrainian president can legally sign a"
            " peace deal at all.",
            "kremlin",
        ),
        (
            "Andrii Sybiha reaffirm that Kyiv will never trade occupied land for a ceasefire.",
            "sybiha",
        ),
        (
            "Kaja Kallas was clarifying on Monday that the frozen assets must pay for the"
            " reconstruction of Ukraine.",
            "kallas",
        ),
    ],
)
def test_every_form_of_a_speech_verb_reports(
    extractor: Extractor, text: str, speaker: str
) -> None:
    assert reported_speakers(extractor, text) == [speaker]


def test_a_plural_subject_with_the_base_form_reports(extractor: Extractor) -> None:
    text = (
        "European officials describe the draft as a workable basis for a ceasefire along the"
        " current front line."
    )
    assert len(reported_speakers(extractor, text)) == 1


def test_a_verb_inside_the_reported_clause_keeps_the_speaker(extractor: Extractor) -> None:
    text = (
        "Maria Zakharova told her weekly briefing that any seizure of the frozen assets would"
        " be theft and that Moscow would respond in kind."
    )
    assert reported_speakers(extractor, text) == ["zakharova"]


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        (
            'Peskov said the talks on the ceasefire had been useful, adding that "the process'
            ' cannot be rushed by anyone".',
            "the process cannot be rushed by anyone",
        ),
        (
            'Sybiha said Ukraine would never give up the Donbas, warning that "any concession'
            ' now would only invite another invasion".',
            "any concession now would only invite another invasion",
        ),
    ],
)
def test_a_reported_clause_before_an_added_quotation_is_reported_too(
    extractor: Extractor, text: str, quoted: str
) -> None:
    found = extractor.extract(LEAD + text).statements
    assert [s.kind for s in found] == ["reported", "direct"]
    assert found[1].text == quoted


def test_a_question_before_the_verb_is_no_reported_clause(extractor: Extractor) -> None:
    text = (
        'Peskov, asked about the timing of the next round of talks, said that "no date has'
        ' been agreed yet by anyone".'
    )
    found = extractor.extract(LEAD + text).statements
    assert [s.kind for s in found] == ["direct"]


@pytest.mark.parametrize(
    "text",
    [
        "Volodymyr Zelensky used his nightly video address to say that Kyiv would never trade"
        " land for a ceasefire.",
        "Zelensky took the opportunity of the joint press conference to warn that Kyiv would"
        " never trade land for a ceasefire.",
    ],
)
def test_a_verb_phrase_ending_in_to_before_the_speech_verb_keeps_its_subject(
    extractor: Extractor, text: str
) -> None:
    assert reported_speakers(extractor, text) == ["zelensky"]


def test_a_purpose_infinitive_without_a_clause_says_nothing(extractor: Extractor) -> None:
    text = (
        "Zelensky travelled all the way to Brussels on Monday to discuss the frozen assets with"
        " EU leaders."
    )
    assert reported_speakers(extractor, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Andrii Sybiha drew attention to the continuing Russian strikes on power plants despite"
        " the energy truce.",
        "Sergei Lavrov pointed to the need for a full settlement rather than a temporary"
        " ceasefire.",
        "Dmitry Peskov was adamant that the Donbas must be handed over in full before any"
        " ceasefire.",
    ],
)
def test_a_phrase_that_states_a_point_reports(extractor: Extractor, text: str) -> None:
    assert len(reported_speakers(extractor, text)) == 1
