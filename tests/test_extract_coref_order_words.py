""" "The latter" is the last of the people just named, "the former" the one named before that
(at a paragraph's start, among those the previous paragraph named); before a capitalised word
"former" is an adjective. Every text here was written for this test."""

from __future__ import annotations

from bot.extract.statements import Extractor
from tests.extracting import reported_speakers


def test_the_latter_is_the_last_person_named(extractor: Extractor) -> None:
    text = (
        "Lavrov met Rubio in Riyadh, and the latter said afterwards that the sanctions on"
        " Russia would stay until a deal was signed."
    )
    assert reported_speakers(extractor, text) == ["rubio"]


def test_the_former_is_the_person_named_before_the_last(extractor: Extractor) -> None:
    text = (
        "Merz and Macron disagreed on the troops. The former said Germany would not send"
        " soldiers before a ceasefire."
    )
    assert reported_speakers(extractor, text) == ["merz"]


def test_the_former_opening_a_paragraph_counts_the_previous_one(extractor: Extractor) -> None:
    text = (
        "Friedrich Merz had breakfast with Emmanuel Macron in Strasbourg.\n\n"
        "The former said later that Germany would not send troops before a ceasefire."
    )
    assert reported_speakers(extractor, text) == ["merz"]
