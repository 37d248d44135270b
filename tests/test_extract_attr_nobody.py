"""Sentences with a verb of saying that are nobody's statement: an impersonal infinitive ("It is
easy to say that ..."), a request for comment ("X asked the Kremlin for comment"). Every text
here was written for this test."""

from __future__ import annotations

import pytest

from bot.extract.statements import Extractor

LEAD = (
    "The Kremlin said on Monday that the ceasefire talks in Geneva would go on for a third day.\n"
)


@pytest.mark.parametrize(
    "text",
    [
        "It is easy to say that the Geneva round on the ceasefire failed.",
        "It would be fair to say that nobody expected a ceasefire in Geneva.",
        "The Baltic Courier asked the Kremlin for comment on the ceasefire talks.",
    ],
)
def test_nobody_speaks(extractor: Extractor, text: str) -> None:
    found = extractor.extract(LEAD + text).statements
    assert [s for s in found if s.position >= len(LEAD)] == []


def test_an_answer_after_a_request_for_comment_speaks(extractor: Extractor) -> None:
    text = "Peskov, asked for comment, said that the ceasefire talks would go on next week."
    found = extractor.extract(LEAD + text).statements
    assert [s.actor_id for s in found if s.position >= len(LEAD)] == ["peskov"]
