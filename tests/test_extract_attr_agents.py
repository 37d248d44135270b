"""Speakers named out of the usual order: the agent of a stated position ("Moscow's position,
restated by Lavrov, is that"), a verb before its subject ("told reporters Ushakov"), a source who
asked not to be named, and a ministry's spokeswoman when no ministry was named. Every text here
was written for this test."""

from __future__ import annotations

import pytest

from bot.extract.statements import Extractor


@pytest.mark.parametrize(
    ("text", "fragment", "speaker"),
    [
        # the agent of the participle states the position, not the capital that holds it
        (
            "Kyiv's position, restated by Foreign Minister Andrii Sybiha on Monday, is that no"
            " ceasefire can come before security guarantees are signed.",
            "no ceasefire can come",
            "sybiha",
        ),
        # the verb before its subject, with its hearers between
        (
            "The prisoner lists are ready on both sides, told journalists Ushakov on Thursday in"
            " Minsk.",
            "prisoner lists are ready",
            "ushakov",
        ),
        # a source who asked not to be named is an unnamed source, whoever the phrase names
        (
            "A member of the Russian delegation, who asked not to be named, said Moscow would"
            " accept a ceasefire along the current line of contact.",
            "accept a ceasefire",
            "anon_source",
        ),
        # "the ministry" named nowhere before: the tracked ministry spokeswoman
        (
            "Sergey Lavrov said the frozen assets belonged to Russia. The ministry's spokeswoman"
            " added separately that any seizure of the frozen assets would be answered in kind.",
            "any seizure of the frozen assets",
            "zakharova",
        ),
    ],
)
def test_a_speaker_out_of_the_usual_order(
    extractor: Extractor, text: str, fragment: str, speaker: str
) -> None:
    found = [s for s in extractor.extract(text).statements if fragment in s.text]
    assert found, text
    assert {s.actor_id for s in found} == {speaker}


def test_a_verb_before_a_clause_subject_is_no_inversion(extractor: Extractor) -> None:
    found = extractor.extract(
        "A senior U.S. official, speaking on condition of anonymity, said Washington hoped the"
        " Geneva round would settle the energy truce."
    )
    assert [s.actor_id for s in found.statements] == ["anon_us_official"]
