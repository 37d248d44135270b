"""A fact-check's question headline is no statement, and a sentence that goes on past its quotation
('said that "..." and that ...') is a reported statement as well as the quote; a bracketed caption
ending on its credit is read. Every text here was written for this test."""

from __future__ import annotations

from bot.extract.statements import Extractor

_SCENE = "The peace talks in Valletta ended on Friday without a date for the next round.\n\n"


def test_a_question_headline_above_a_byline_bar_is_a_headline(extractor: Extractor) -> None:
    text = (
        "Verified: Did Lavrov say the ceasefire talks in Valletta were over?\n\n"
        "CheckDesk | Verifications | Europe\n\n"
        "Sergey Lavrov said on Friday that the ceasefire talks would resume in the spring.\n"
    )
    found = extractor.extract(text).statements
    assert [s.text for s in found] == [
        "Sergey Lavrov said on Friday that the ceasefire talks would resume in the spring."
    ]


def test_a_sentence_going_on_past_its_quotation_is_reported_too(extractor: Extractor) -> None:
    text = (
        _SCENE + "Asked about the ceasefire, the Kremlin said that"
        ' "the door to talks remains open" and that the next round would be held in the spring.\n'
    )
    found = extractor.extract(text).statements
    assert {(s.kind, s.actor_id) for s in found} == {
        ("direct", "kremlin"),
        ("reported", "kremlin"),
    }


def test_a_sentence_that_is_only_its_quotation_is_not(extractor: Extractor) -> None:
    text = _SCENE + 'The Kremlin said that "the door to a ceasefire remains open".\n'
    found = extractor.extract(text).statements
    assert [s.kind for s in found] == ["direct"]


def test_a_bracketed_caption_with_a_credit_is_read(extractor: Extractor) -> None:
    text = (
        _SCENE + "[Image: Sergey Lavrov in Valletta. Lavrov said the ceasefire talks would"
        " resume in the spring. Credit: Pool]\n\n"
        "The delegations left Valletta on Saturday.\n"
    )
    found = extractor.extract(text).statements
    assert [(s.actor_id, s.text) for s in found] == [
        ("lavrov", "Lavrov said the ceasefire talks would resume in the spring.")
    ]
