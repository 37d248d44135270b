"""Coreference across sentences: "its <role>" after a body is the tracked holder of that role
in the latest body named that has one, even when another body was named in between; a role
phrase with a side word ("the Ukrainian minister") is the person whose role has that word; a
leader's role ("Putin's foreign minister", "his foreign minister") is the one person whose role
is that phrase of his country. Every text here was written for this test."""

from __future__ import annotations

from bot.extract.statements import Extractor
from tests.extracting import reported_speakers


def test_its_role_is_the_holder_in_the_body_that_has_it(extractor: Extractor) -> None:
    # "foreign ministers" names the EU last, but only NATO has a secretary general
    text = (
        "NATO gathered its foreign ministers in Oslo on Wednesday. Its secretary general said"
        " the allies would send more air defence before the winter."
    )
    assert reported_speakers(extractor, text) == ["rutte"]


def test_a_role_with_a_side_word_is_the_person_whose_role_has_it(extractor: Extractor) -> None:
    # two foreign ministers named; "the Ukrainian minister" is Sybiha, though Rasmussen was last
    text = (
        "Andrii Sybiha met Lars Lokke Rasmussen in Kyiv on Monday. The Ukrainian minister"
        " said the frozen assets should pay for the reconstruction of the power grid."
    )
    assert reported_speakers(extractor, text) == ["sybiha"]


def test_its_role_reads_the_bodies_of_the_paragraph_before(extractor: Extractor) -> None:
    # the paragraph before ends on Brussels (the EU); NATO opened it and has the role
    text = (
        "NATO defence ministers met in Brussels on Thursday.\n\n"
        "Its secretary general said the allies would send more air defence before the winter."
    )
    assert reported_speakers(extractor, text) == ["rutte"]


def test_a_leaders_minister_is_the_one_of_his_side_in_that_role(extractor: Extractor) -> None:
    text = (
        "Vladimir Putin's foreign minister said on Sunday that the peace plan ignored the"
        " root causes of the war."
    )
    assert reported_speakers(extractor, text) == ["lavrov"]


def test_his_role_is_the_holder_for_the_man_his_stands_for(extractor: Extractor) -> None:
    text = (
        "Vladimir Putin stayed away from the summit in Istanbul. His foreign minister said the"
        " peace plan ignored the root causes of the war."
    )
    assert reported_speakers(extractor, text) == ["lavrov"]
