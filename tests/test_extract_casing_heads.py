"""A ticker line whose attribution is shouted before a quotation in ordinary case ("17:38 BREAKING
- TRUMP POSTS ON GENEVA: "What a day! ..."") is read like a shouted line: its speaker found.
Every text here was written for this test."""

from __future__ import annotations

from bot.extract.statements import Extractor

TICKER = (
    "GENEVA TALKS - LATEST\n"
    '17:38 BREAKING - TRUMP POSTS ON GENEVA: "What a great day in Geneva! The ceasefire is'
    ' closer than ever, believe me!"\n'
    "13:55 - WITKOFF ARRIVES AT THE VILLA FOR THE SECOND DAY OF CEASEFIRE TALKS\n"
)


def test_a_shouted_attribution_before_a_quotation(extractor: Extractor) -> None:
    found = extractor.extract(TICKER).statements
    assert [(s.kind, s.actor_id) for s in found] == [("direct", "trump")]
    assert found[0].text.startswith("What a great day in Geneva!")


def test_a_ticker_line_signed_by_its_source(extractor: Extractor) -> None:
    text = (
        "GENEVA TALKS - LATEST\n"
        "15:02 CEASEFIRE TEXT EXPECTED BEFORE MIDNIGHT – SWISS FOREIGN MINISTRY\n"
        "14:47 DELEGATIONS RESUME CEASEFIRE TALKS FOR A SECOND DAY AT THE VILLA\n"
    )
    found = extractor.extract(text).statements
    assert [(s.kind, s.actor_id) for s in found] == [("reported", "swiss_foreign_ministry")]


def test_a_ticker_label_of_a_places_untracked_surname(extractor: Extractor) -> None:
    text = (
        "GENEVA TALKS - LATEST\n"
        "17:15 AUSTRIA'S HOLZNER: VIENNA CAN HOST THE NEXT CEASEFIRE ROUND BEFORE CHRISTMAS\n"
        "14:47 DELEGATIONS RESUME CEASEFIRE TALKS FOR A SECOND DAY AT THE VILLA\n"
    )
    found = extractor.extract(text).statements
    assert [(s.kind, s.actor_id) for s in found] == [("reported", "holzner")]
