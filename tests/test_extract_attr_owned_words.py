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
