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
        # a source who asked not to be named is an unnamed source, of the side it belongs to
        (
            "A member of the Russian delegation, who asked not to be named, said Moscow would"
            " accept a ceasefire along the current line of contact.",
            "accept a ceasefire",
            "anon_russian_official",
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


def test_asking_not_to_be_named_is_no_speech(extractor: Extractor) -> None:
    found = extractor.extract(
        "The Kremlin said on Monday that the talks had been useful.\n\n"
        "One member of the delegation, who asked not to be named, said Kyiv could accept a"
        " ceasefire along the current line of contact."
    )
    s = next(s for s in found.statements if "line of contact" in s.text)
    actor = extractor.index.actor(s.actor_id)
    assert actor is not None
    assert actor.kind == "anonymous"


def test_an_indefinite_official_of_a_side_is_an_unnamed_source(extractor: Extractor) -> None:
    found = extractor.extract(
        "A Ukrainian negotiator said the prisoner lists had been checked twice. The Ukrainian"
        " president said on Monday that the exchange would take place within days."
    )
    speakers = [s.actor_id for s in found.statements]
    assert speakers == ["anon_ukrainian_official", "zelensky"]


def test_a_long_name_inside_a_shorter_form_that_starts_first(extractor: Extractor) -> None:
    found = extractor.extract(
        "The Coordination Headquarters for the Treatment of Prisoners of War said in a statement"
        " that the lists for the prisoner exchange were being checked."
    )
    mentions = extractor.index.find(found.statements[0].text)
    assert [s.actor_id for s in found.statements] == ["ukraine_pow_hq"]
    assert mentions[0].end - mentions[0].start > len("The Coordination Headquarters")


def test_a_bodys_statement_speaks_for_the_body(extractor: Extractor) -> None:
    found = extractor.extract(
        "A Russian Defence Ministry statement on Monday said Moscow had handed over its list for"
        " the prisoner exchange."
    )
    assert [s.actor_id for s in found.statements] == ["russia_mod"]
