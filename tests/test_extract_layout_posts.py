"""Statements laid out beyond plain prose (bot/extract/clean.py, segment.py, statements.py): a
post signed with its platform, a quotation continuing a short quote, a caption that attributes.
Sentences written for this test."""

from __future__ import annotations

import pytest

from bot.extract.clean import clean_text
from bot.extract.statements import Extractor
from bot.model import Statement

LEAD = "The ceasefire talks in Oslo ended on Friday without a deal on security guarantees.\n"


def _spoken(extractor: Extractor, text: str, words: str) -> Statement:
    found = [s for s in extractor.extract(text).statements if words in s.text]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    "signature",
    [
        "— Rustem Umerov (Telegram), 14 March 2026",
        "— Rustem Umerov (@umerov_example) March 14, 2026",
    ],
)
def test_a_post_signed_with_its_platform_is_the_signers(
    extractor: Extractor, signature: str
) -> None:
    text = (
        LEAD
        + "Ukraine's negotiator has just posted on his channel:\n"
        + "Oslo was hard but honest work. The ceasefire line must now be monitored.\n"
        + signature
    )
    post = _spoken(extractor, text, "Oslo was hard")
    assert (post.actor_id, post.kind) == ("umerov", "direct")


def test_a_quote_continues_the_short_quote_before_it(extractor: Extractor) -> None:
    text = (
        LEAD + "US envoy Steve Witkoff said on Friday that the sides agree on most of the text. "
        '"We moved a lot," he told reporters at his hotel. '
        '"The last part is always the hardest one."'
    )
    last = _spoken(extractor, text, "The last part")
    assert (last.actor_id, last.kind) == ("witkoff", "direct")


@pytest.mark.parametrize(
    ("caption", "found"),
    [
        # a caption in sentences that attributes a statement is one (LABELLING)
        ("Photo: Andrii Sybiha said the monitors would arrive within a week. (Pool/Agency)", True),
        ("Photo: Office of the President of Ukraine", False),  # a credit
        ("Photo: The delegations at the conference centre on 6 March. (Secretariat)", False),
    ],
)
def test_a_caption_that_attributes_is_a_statement(
    extractor: Extractor, caption: str, found: bool
) -> None:
    text = clean_text(LEAD + caption + "\nUmerov said the prisoner exchange would follow in May.")
    statements = extractor.extract(text).statements
    captions = [s for s in statements if s.text.startswith("Photo:")]
    assert [(s.actor_id, s.text) for s in captions] == (
        [("sybiha", caption[: caption.index(" (")])] if found else []
    )
