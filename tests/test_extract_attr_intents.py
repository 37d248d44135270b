"""A possessed intent with an infinitive ("Zelensky's pledge on Sunday to bring home ...") or a
position whose content follows a colon ("Umerov's message was the same as ever: ...") is the
possessor's reported statement. Every text here was written for this test."""

from __future__ import annotations

import pytest

from bot.extract.statements import Extractor

LEAD = "The ceasefire talks in Geneva ended on Friday without a deal on the frozen assets.\n"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Zelensky's pledge on Sunday night to bring home every prisoner before the winter is"
            " a goal rather than a schedule.",
            "zelensky",
        ),
        (
            "Umerov's message was the same on the last day as on the first: the ceasefire must"
            " come before any talk of the map.",
            "umerov",
        ),
    ],
)
def test_a_possessed_intent_or_position_is_a_statement(
    extractor: Extractor, text: str, speaker: str
) -> None:
    found = extractor.extract(LEAD + text).statements
    assert [(s.kind, s.actor_id) for s in found] == [("reported", speaker)]


def test_a_position_that_only_did_not_move_is_no_statement(extractor: Extractor) -> None:
    text = "Kyiv's line on the ceasefire talks has not moved an inch since the spring."
    assert extractor.extract(LEAD + text).statements == ()


def test_a_position_dated_with_an_article_before_that(extractor: Extractor) -> None:
    text = (
        "Peskov's cautious line the following day, that the ceasefire was a start but not yet"
        " peace, was aimed at Washington."
    )
    found = extractor.extract(LEAD + text).statements
    assert [(s.kind, s.actor_id) for s in found] == [("reported", "peskov")]


def test_in_the_words_of_one_official(extractor: Extractor) -> None:
    text = (
        "The monitoring annex of the ceasefire deal is still, in the words of one official who"
        ' has read it, "a shell waiting for its engine."'
    )
    found = extractor.extract(LEAD + text).statements
    assert {s.actor_id for s in found} == {"anon_source"}


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Dmitriev spent the week with American investors. His suggestion on Tuesday that the"
            " frozen assets could fund a joint venture drew no answer from Kyiv.",
            "dmitriev",
        ),
        (
            "Dmitriev spent the week with American investors. His pitch, posted on Monday: the"
            " sanctions hurt American firms most.",
            "dmitriev",
        ),
        (
            "Zelensky spent the week on the phone, and his message to Berlin has been the same:"
            " no ceasefire deal over Ukraine's head.",
            "zelensky",
        ),
    ],
)
def test_a_possessive_pronouns_position(extractor: Extractor, text: str, speaker: str) -> None:
    found = extractor.extract(LEAD + text).statements
    assert [(s.kind, s.actor_id) for s in found] == [("reported", speaker)]


def test_a_possessive_pronoun_inside_a_clause_states_nothing(extractor: Extractor) -> None:
    text = (
        "Zelensky's remark on the ceasefire marked a retreat from his earlier stance that Kyiv"
        " must first join the alliance."
    )
    found = extractor.extract(LEAD + text).statements
    assert found == ()


def test_a_speech_noun_after_its_adjective_is_no_verb(extractor: Extractor) -> None:
    text = (
        "Article 5 binds the allies. A bilateral pact modelled on it is a political promise,"
        " which is exactly what Umerov said in Geneva that Kyiv could not accept alone."
    )
    found = extractor.extract(LEAD + text).statements
    assert [(s.kind, s.actor_id) for s in found] == [("reported", "umerov")]


def test_a_position_that_was_an_intent(extractor: Extractor) -> None:
    text = (
        "Zelensky's reply, given in his nightly video on Monday, was a blunt refusal to pull"
        " back from any town before a ceasefire."
    )
    found = extractor.extract(LEAD + text).statements
    assert [(s.kind, s.actor_id) for s in found] == [("reported", "zelensky")]
