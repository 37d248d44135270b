""" "They" after two people joined by "and" who open a sentence is the first of them, when no
unnamed source or body spoke before; not a pair inside a prepositional phrase. "The two envoys"
is the first of the pair just named, subjects or not; "They" opening a paragraph is the pair
the previous paragraph opened on. Every text here was written for this
test."""

from __future__ import annotations

from bot.extract.statements import Extractor
from tests.extracting import reported_speakers


def test_they_after_a_pair_of_people_is_the_first_of_them(extractor: Extractor) -> None:
    text = (
        "Steve Witkoff and Jared Kushner flew to Moscow on Thursday. They said afterwards that"
        " the Kremlin was ready to discuss a ceasefire on energy infrastructure."
    )
    assert reported_speakers(extractor, text) == ["witkoff"]


def test_a_pair_after_a_preposition_is_no_subject(extractor: Extractor) -> None:
    text = (
        "Putin met with Steve Witkoff and Jared Kushner on Thursday. They said afterwards that"
        " the Kremlin was ready to discuss a ceasefire on energy infrastructure."
    )
    assert "witkoff" not in reported_speakers(extractor, text)


def test_the_two_envoys_are_the_pair_just_named_even_as_objects(extractor: Extractor) -> None:
    text = (
        "Putin received Steve Witkoff and Jared Kushner at his residence on Thursday.\n\n"
        "The two envoys said afterwards that a ceasefire on energy infrastructure was close."
    )
    assert reported_speakers(extractor, text) == ["witkoff"]


def test_the_two_leaders_are_the_first_of_the_two_last_named(extractor: Extractor) -> None:
    text = (
        "Donald Trump hosted Volodymyr Zelensky for lunch on Friday. Both leaders said the"
        " security guarantees would be signed before the ceasefire."
    )
    assert reported_speakers(extractor, text) == ["trump"]


def test_they_opening_a_paragraph_is_the_pair_of_the_one_before(extractor: Extractor) -> None:
    text = (
        "Steve Witkoff and Jared Kushner landed in Moscow late on Thursday.\n\n"
        "They said the next morning that the Kremlin was ready to talk about an energy truce."
    )
    assert reported_speakers(extractor, text) == ["witkoff"]
