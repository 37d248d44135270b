"""Labels and source phrases: a fact-check's 'CLAIM 1: "..."' names no one, and the next line's
label says who spoke ('Who said it: Donald Trump, at a rally'); "In the words of the delegation
head" is a source phrase, not a role "the words of the delegation". Every text here was written
for this test."""

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


def test_a_source_phrase_is_no_role_and_the_role_after_it_speaks(extractor: Extractor) -> None:
    text = (
        "The prisoner exchange talks in Oslo ended on Friday.\n\nThe Russian delegation was"
        " headed by presidential aide Vladimir Medinsky. In the words of the delegation head,"
        ' the prisoner exchange was "worked through in detail and will go ahead."'
    )
    found = [s for s in extractor.extract(text).statements if "worked through" in s.text]
    assert found
    assert {s.actor_id for s in found} == {"russia_delegation"}
