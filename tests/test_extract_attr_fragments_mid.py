"""A quoted fragment in the middle of a reported sentence that goes on after it with a comma
('An aide tells me the vote is set for May, "in Vilnius again", though ...') leaves the sentence
a reported statement of its own, beside the fragment. Every text here was written for this
test."""

from __future__ import annotations

from bot.extract.statements import Extractor

LEAD = "The ceasefire talks in Geneva ended on Friday without a deal on the frozen assets.\n"


def test_a_fragment_then_a_comma_inside_a_reported_clause(extractor: Extractor) -> None:
    text = (
        "A senior administration official tells me the next round of ceasefire talks is set for"
        ' March, "most likely in Vienna once more", though no date has been agreed.'
    )
    found = extractor.extract(LEAD + text).statements
    assert [(s.kind, s.actor_id) for s in found] == [
        ("reported", "anon_us_official"),
        ("direct", "anon_us_official"),
    ]


def test_said_and_a_quotation_after_a_comma_is_the_quotation_only(extractor: Extractor) -> None:
    text = 'Peskov said, "the ceasefire talks will go on in Geneva", and left the room.'
    found = extractor.extract(LEAD + text).statements
    assert [s.kind for s in found] == ["direct"]


def test_a_parenthetical_verb_before_a_quoted_complement(extractor: Extractor) -> None:
    text = (
        "Any seizure of the frozen assets, Lavrov said, would be treated as"
        ' "an act of open hostility against our state," and Moscow would answer it.'
    )
    found = extractor.extract(LEAD + text).statements
    assert [(s.kind, s.actor_id) for s in found] == [
        ("reported", "lavrov"),
        ("direct", "lavrov"),
    ]


def test_and_that_with_a_clause_of_its_own_before_another_quotation(
    extractor: Extractor,
) -> None:
    text = (
        'Umerov told reporters on Monday that "the lists are nearly ready" and that no exchange'
        ' would happen "before every name is checked."'
    )
    found = extractor.extract(LEAD + text).statements
    assert [(s.kind, s.actor_id) for s in found] == [
        ("reported", "umerov"),
        ("direct", "umerov"),
        ("direct", "umerov"),
    ]


def test_a_clause_between_the_verb_and_that(extractor: Extractor) -> None:
    text = (
        'Kallas said the ceasefire round proved that "pressure, not patience, moves Moscow",'
        " and asked for more sanctions."
    )
    found = extractor.extract(LEAD + text).statements
    assert [(s.kind, s.actor_id) for s in found] == [
        ("reported", "kallas"),
        ("direct", "kallas"),
    ]


def test_an_audience_between_the_verb_and_that_is_no_clause(extractor: Extractor) -> None:
    text = 'Umerov told reporters in Kyiv that "we are ready to sign the ceasefire tomorrow."'
    found = extractor.extract(LEAD + text).statements
    assert [(s.kind, s.actor_id) for s in found] == [("direct", "umerov")]


def test_a_charge_another_speaker_dismissed_as_a_quotation(extractor: Extractor) -> None:
    text = (
        "Zakharova accused European capitals of smuggling troops into the ceasefire deal, a"
        ' charge Stubb dismissed as "an old song from an old choir."'
    )
    found = extractor.extract(LEAD + text).statements
    assert [(s.kind, s.actor_id) for s in found] == [
        ("reported", "zakharova"),
        ("direct", "stubb"),
    ]
