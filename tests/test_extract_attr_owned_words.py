"""Words a sentence quotes after naming their owner with an owner link ("The framing came from
Ushakov on Monday: thirty days "on probation"") are the owner's reported statement; a link with no
quoted words ("The idea came from Washington") says nothing. Every text here was written for this
test."""

from __future__ import annotations

from bot.extract.statements import Extractor

LEAD = "The ceasefire talks in Geneva ended on Friday without a deal on the frozen assets.\n"


def test_words_that_came_from_a_named_speaker(extractor: Extractor) -> None:
    text = (
        "Moscow's framing of the ceasefire came first, and came from Yuri Ushakov on Monday:"
        ' thirty days "on probation", a probation "not a present".'
    )
    found = extractor.extract(LEAD + text).statements
    assert {(s.kind, s.actor_id) for s in found} == {("reported", "ushakov")}


def test_an_idea_that_came_from_a_capital_is_no_statement(extractor: Extractor) -> None:
    text = "The idea of a ceasefire line came from Washington, and Kyiv accepted it in March."
    assert extractor.extract(LEAD + text).statements == ()


def test_a_relative_clause_running_to_the_end_has_its_own_speaker(extractor: Extractor) -> None:
    text = (
        "The only deal on the table was a pause in strikes on power plants, which Secretary of"
        ' State Marco Rubio described on Monday as "a start, not peace."'
    )
    found = extractor.extract(LEAD + text).statements
    assert {(s.kind, s.actor_id) for s in found} == {("reported", "rubio")}


def test_a_relative_clause_before_the_main_verb_is_not_its_subject(extractor: Extractor) -> None:
    text = (
        "The Ukrainian leader, whose mandate Moscow says has lapsed, said the ceasefire talks"
        " could not wait for an election."
    )
    found = extractor.extract(LEAD + text).statements
    assert [(s.kind, s.actor_id) for s in found] == [("reported", "zelensky")]


def test_a_citys_police_speak_as_a_body(extractor: Extractor) -> None:
    text = "Geneva police said the roads around the venue of the ceasefire talks stay closed."
    found = extractor.extract(LEAD + text).statements
    assert [(s.kind, s.actor_id) for s in found] == [("reported", "geneva_police")]


def test_the_headquarters_is_the_body_named_before(extractor: Extractor) -> None:
    text = (
        "The Coordination Headquarters for the Treatment of Prisoners of War said the ceasefire"
        " swap freed 300 soldiers. Most of them had been held since 2023, the Headquarters added."
    )
    found = extractor.extract(LEAD + text).statements
    assert [(s.kind, s.actor_id) for s in found] == [
        ("reported", "ukraine_pow_hq"),
        ("reported", "ukraine_pow_hq"),
    ]
