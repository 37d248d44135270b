"""Unnamed sources in a row ('A diplomat said ... Another said ...'), and a name inside a relative
clause at a sentence's end ('..., a proposal Kyiv rejected.') that is not its speaker, and a
possessed role ("Ukraine's lead negotiator") that one tracked person holds under another adjective.
Every text here was written for this test."""

from __future__ import annotations

from bot.extract.statements import Extractor

_SCENE = "The peace talks in Valletta ended on Friday without a date for the next round.\n\n"


def test_another_is_one_more_of_the_unnamed_sources(extractor: Extractor) -> None:
    text = (
        _SCENE + "A person familiar with the talks said the delegations had swapped maps of the"
        " front line. Another said a ceasefire draft would be ready within a month.\n"
    )
    found = extractor.extract(text).statements
    assert len(found) == 2
    speakers = {extractor.index.actor(s.actor_id).kind for s in found}  # type: ignore[union-attr]
    assert speakers == {"anonymous"}


def test_another_round_names_nobody(extractor: Extractor) -> None:
    text = _SCENE + "Another round of ceasefire talks is due in Valletta before the summer.\n"
    assert extractor.extract(text).statements == ()


def test_a_name_in_a_relative_clause_at_the_end_does_not_speak(extractor: Extractor) -> None:
    text = (
        _SCENE + "Two people close to the talks said the American side wanted ceasefire monitors"
        " from neutral states, a proposal Kyiv rejected on Friday.\n"
    )
    found = extractor.extract(text).statements
    assert len(found) == 1
    assert extractor.index.actor(found[0].actor_id).kind == "anonymous"  # type: ignore[union-attr]


def test_a_possessed_role_names_its_one_holder_whatever_its_adjective(
    extractor: Extractor,
) -> None:
    text = (
        "VALLETTA, March 3 (Wire) - The three sides closed a second day of talks in Valletta"
        " with a timetable for a prisoner exchange but no date, Ukraine's lead negotiator said.\n"
    )
    found = extractor.extract(text).statements
    assert [s.actor_id for s in found] == ["umerov"]


def test_a_name_after_a_verb_that_opens_what_was_said_is_not_inverted(
    extractor: Extractor,
) -> None:
    text = (
        _SCENE + "A Whitehall source said the ceasefire plan was “not worth the paper”, but"
        " insisted Britain would keep its troops ready “for as long as the truce needs.”\n"
    )
    found = extractor.extract(text).statements
    assert found
    kinds = {extractor.index.actor(s.actor_id).kind for s in found}  # type: ignore[union-attr]
    assert kinds == {"anonymous"}
