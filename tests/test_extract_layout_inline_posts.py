"""An embedded post whose signature stands on the same line ("... — Name (@handle) date") is the
author's direct statement, as one signed on the line below is. Every text here was written for
this test."""

from __future__ import annotations

from bot.extract.statements import Extractor

LEAD = "The ceasefire talks in Geneva ended on Friday without a deal on the frozen assets.\n"


def test_a_post_signed_on_its_own_line(extractor: Extractor) -> None:
    text = (
        "12:05 - Envoy upbeat\n"
        "The US envoy posted a short note on the ceasefire talks:\n"
        "Real progress in Geneva today with both delegations. More tomorrow!"
        " — Steve Witkoff (@SEWitkoff) March 4, 2026\n"
    )
    found = extractor.extract(LEAD + text).statements
    assert [(s.kind, s.actor_id, s.text) for s in found] == [
        (
            "direct",
            "witkoff",
            "Real progress in Geneva today with both delegations. More tomorrow!",
        )
    ]


def test_a_dash_in_prose_is_no_signature(extractor: Extractor) -> None:
    blocks = extractor.segmenter.blocks(
        LEAD + "The talks went on late — Witkoff (who flew in on Monday) stayed to the end.\n"
    )
    assert [b.kind for b in blocks][1:] == ["text"]
