"""A fact-check's claim: 'CLAIM 1: "..."' names no one, and the next line's label says who
spoke ('Who said it: Donald Trump, at a rally'). Every text here was written for this test."""

from __future__ import annotations

from bot.extract.statements import Extractor


def test_a_labelled_claim_takes_the_speaker_the_next_label_names(extractor: Extractor) -> None:
    text = (
        "Fact check: three claims about the peace talks\n\n"
        "Three claims were made this month about the peace talks and the energy truce.\n\n"
        'CLAIM 1: "We got 3,000 prisoners out in Muscat, three thousand, nobody thought it'
        ' could be done."\n\nWho said it: Donald Trump, at a rally in Ohio on 12 June.\n\n'
        "VERDICT: Misleading.\n"
    )
    found = [s for s in extractor.extract(text).statements if s.text.startswith("We got")]
    assert [s.actor_id for s in found] == ["trump"]
