"""Coreference across paragraphs: a paragraph opening on "He said" after a paragraph with no
statement is the person its last sentence opens on, not the first person it named. Every text
here was written for this test."""

from __future__ import annotations

from bot.extract.statements import Extractor

LEAD = "The ceasefire talks in Geneva ended on Friday without a deal on the frozen assets.\n"


def _reported(extractor: Extractor, text: str) -> list[str]:
    found = extractor.extract(LEAD + text).statements
    return [s.actor_id for s in found if s.kind == "reported"]


def test_he_opening_a_paragraph_is_the_subject_of_the_last_sentence(
    extractor: Extractor,
) -> None:
    text = (
        "Emmanuel Macron had lunch with Friedrich Merz in Berlin. Hours later Keir Starmer"
        " phoned Volodymyr Zelensky.\n\n"
        "He said any ceasefire would need European troops on the ground to hold."
    )
    assert _reported(extractor, text) == ["starmer"]
