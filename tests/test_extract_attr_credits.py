"""A paraphrase credited by the sentence after it ("... That was the message from X."), and a name
in a relative clause on a speech verb's object ('said the "plan" Lavrov outlined "..."') that does
not speak the quotation; "cast doubt on" states a position. Every text here was written for this
test."""

from __future__ import annotations

from bot.extract.statements import Extractor

_SCENE = "The peace talks in Valletta ended on Friday without a date for the next round.\n\n"


def test_a_sentence_credited_by_the_next_is_the_credited_speakers(extractor: Extractor) -> None:
    text = (
        _SCENE + "No sanctions will be eased before a ceasefire holds for a month. That was the"
        " message from Secretary of State Marco Rubio on Tuesday.\n"
    )
    found = extractor.extract(text).statements
    assert [(s.actor_id, s.text) for s in found] == [
        ("rubio", "No sanctions will be eased before a ceasefire holds for a month.")
    ]


def test_a_sentence_about_a_message_credits_nobody(extractor: Extractor) -> None:
    text = (
        _SCENE + "No sanctions will be eased before a ceasefire holds for a month. That was the"
        " message of the round for Kyiv.\n"
    )
    assert extractor.extract(text).statements == ()


def test_the_name_in_a_clause_on_the_object_does_not_speak(extractor: Extractor) -> None:
    text = (
        _SCENE + 'The Kremlin answered on Saturday: a spokesman said the "plan" Zelensky'
        ' outlined "cannot be the basis of any ceasefire talks."\n'
    )
    found = [s for s in extractor.extract(text).statements if s.kind == "direct"]
    assert [s.actor_id for s in found] == ["kremlin"]


def test_casting_doubt_is_a_stated_position(extractor: Extractor) -> None:
    text = (
        _SCENE + "Sergey Lavrov has cast doubt on the neutrality of Malta as a host of the"
        " ceasefire talks.\n"
    )
    found = extractor.extract(text).statements
    assert [s.actor_id for s in found] == ["lavrov"]
