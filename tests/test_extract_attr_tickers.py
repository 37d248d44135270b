"""Headline tickers and quotations that stand in a sentence's syntax: an institution's name as a
ticker line's label speaks ("KREMLIN: ..."); a sentence that goes on after a quotation it opened
with a comma is reported speech too. Every text here was written for this test."""

from __future__ import annotations

from bot.extract.statements import Extractor

TICKER = """GENEVA TALKS — LATEST HEADLINES
Updated every few minutes. All times GMT.
17:52 KREMLIN: TOO EARLY TO JUDGE RESULTS OF GENEVA ROUND ON THE CEASEFIRE
17:40 PESKOV SAYS ENERGY TRUCE MUST BE "CHECKED BY BOTH SIDES"
16:30 UKRAINE'S UMEROV: ENERGY PAUSE "MUST START ON TIME"
"""


def test_an_institution_labels_a_ticker_line(extractor: Extractor) -> None:
    found = [s for s in extractor.extract(TICKER).statements if "TOO EARLY" in s.text]
    assert [s.actor_id for s in found] == ["kremlin"]


def test_a_sentence_going_on_after_its_quotation_is_reported(extractor: Extractor) -> None:
    text = (
        "The Geneva round on the ceasefire ended late on Friday.\nWitkoff said the draft now"
        ' had 18 points, "three or four really hard issues" still open before any truce.'
    )
    kinds = {s.kind for s in extractor.extract(text).statements if s.actor_id == "witkoff"}
    assert kinds == {"direct", "reported"}


def test_a_quotation_ending_its_sentence_is_only_direct(extractor: Extractor) -> None:
    text = (
        "The Geneva round on the ceasefire ended late on Friday. As Witkoff put it, standing"
        ' on the hotel steps, "we moved further in one day than in the three months before."'
        " It was meant to sound like momentum."
    )
    kinds = [s.kind for s in extractor.extract(text).statements if s.actor_id == "witkoff"]
    assert kinds == ["direct"]


def test_a_speaker_after_an_outlet_in_the_opening_phrase_speaks(extractor: Extractor) -> None:
    text = (
        "The Geneva round on the ceasefire ended late on Friday.\nIn an interview with the BBC,"
        " Sybiha said Ukraine would never accept a ceasefire that froze the front line."
    )
    assert [s.actor_id for s in extractor.extract(text).statements] == ["sybiha"]


def test_an_inverted_verb_before_a_described_name(extractor: Extractor) -> None:
    text = (
        "The Geneva round on the ceasefire ended late on Friday.\n"
        '"We are closer than ever to a ceasefire," said a visibly relieved Witkoff after the'
        " session."
    )
    found = extractor.extract(text).statements
    assert [(s.actor_id, s.kind) for s in found] == [("witkoff", "direct")]
