"""'The Russian side', like 'the Ukrainian side' and 'the American side', is that side's
delegation; inside a document a side publishes, it is the document's author. Every text here
was written for this test."""

from __future__ import annotations

import pytest

from bot.extract.statements import Extractor


@pytest.mark.parametrize(
    ("side", "speaker"),
    [
        ("the Russian side", "russia_delegation"),
        ("the Ukrainian side", "ukraine_delegation"),
        ("the American side", "us_delegation"),
    ],
)
def test_a_side_at_the_talks_is_its_delegation(
    extractor: Extractor, side: str, speaker: str
) -> None:
    text = (
        "The delegations met in Geneva for a second day of talks on the ceasefire.\n"
        f"It was also stated by {side} that the next round of talks could take place within"
        " a month if the energy truce holds."
    )
    found = [s for s in extractor.extract(text).statements if "next round" in s.text]
    assert [s.actor_id for s in found] == [speaker]


def test_a_side_in_its_own_document_is_the_author(extractor: Extractor) -> None:
    text = (
        "Full text of the statement of the Kremlin press service on the Geneva talks:\n"
        "The Russian side emphasised that a lasting settlement of the conflict is possible only"
        " once its root causes are removed, including the question of NATO expansion.\n"
        "The sides agreed to continue the talks on the ceasefire."
    )
    found = [s for s in extractor.extract(text).statements if "root causes" in s.text]
    assert [s.actor_id for s in found] == ["kremlin"]
