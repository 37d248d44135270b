"""Coreference across paragraphs: a paragraph opening on "He said" after a paragraph with no
statement is the person its last sentence opens on, not the first person it named; after a
paragraph whose speaker spoke and whose closing sentence then turned to a new person, it is that
person; so in one paragraph, after a sentence turning to a new person. Every text here was
written for this test."""

from __future__ import annotations

from bot.extract.statements import Extractor
from tests.extracting import LEAD, reported_speakers


def _speakers(extractor: Extractor, text: str) -> list[str]:
    return [s.actor_id for s in extractor.extract(LEAD + text).statements]


def test_he_opening_a_paragraph_is_the_subject_of_the_last_sentence(
    extractor: Extractor,
) -> None:
    text = (
        "Emmanuel Macron had lunch with Friedrich Merz in Berlin. Hours later Keir Starmer"
        " phoned Volodymyr Zelensky.\n\n"
        "He said any ceasefire would need European troops on the ground to hold."
    )
    assert reported_speakers(extractor, text) == ["starmer"]


def test_he_after_a_paragraph_closing_on_a_new_person_is_that_person(
    extractor: Extractor,
) -> None:
    # the paragraph before spoke with Witkoff, then closed on Umerov, no statement of his
    text = (
        "Steve Witkoff said on Sunday that the peace plan was all but agreed. Rustem Umerov,"
        " however, struck a more sober note.\n\n"
        '"We still have hard questions on the territory," he said.'
    )
    assert _speakers(extractor, text) == ["witkoff", "umerov"]


def test_a_weekday_ending_the_sentence_before_is_no_title(extractor: Extractor) -> None:
    # "on Sunday." ends the sentence before: Umerov after it is a subject, not "on Sunday Umerov"
    text = (
        '"The peace plan is all but agreed," Steve Witkoff said on Sunday. Rustem Umerov was'
        " more sober.\n\n"
        '"We still have hard questions on the territory," he said.'
    )
    assert _speakers(extractor, text) == ["witkoff", "umerov"]


def test_he_after_a_sentence_turning_to_a_new_person_in_one_paragraph(
    extractor: Extractor,
) -> None:
    text = (
        "Steve Witkoff said the peace plan was all but agreed. Rustem Umerov was more sober."
        " He said the hard questions on the territory were still open."
    )
    assert _speakers(extractor, text) == ["witkoff", "umerov"]
