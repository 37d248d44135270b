"""A speech verb in the passive: its agent after "by" speaks ("Reporters were told by the
spokesman that ...", "the plan was denounced by the minister as theft"), not a name inside a
relative clause, nor in "This was announced by ...", which credits the sentence before it. Every
text here was written for this test."""

from __future__ import annotations

import pytest

from bot.extract.statements import Extractor

LEAD = "The ceasefire talks in Geneva ended on Friday without a deal on the frozen assets.\n"


def _reported(extractor: Extractor, text: str) -> list[tuple[str, str]]:
    found = extractor.extract(LEAD + text).statements
    return [(s.actor_id, s.text) for s in found if s.kind == "reported"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Journalists were told by Peskov that no date had yet been set for the next round"
            " of the ceasefire talks.",
            "peskov",
        ),
        (
            "The European plan for the frozen assets was angrily denounced by Maria Zakharova as"
            " theft in broad daylight.",
            "zakharova",
        ),
        (
            "It was announced by the Kremlin on Monday that the next round of the ceasefire"
            " talks would be held in Istanbul.",
            "kremlin",
        ),
        (
            "The draft ceasefire text has been welcomed by Kaja Kallas as a first step towards a"
            " just and lasting peace.",
            "kallas",
        ),
    ],
)
def test_the_agent_of_a_passive_speech_verb_speaks(
    extractor: Extractor, text: str, speaker: str
) -> None:
    assert [who for who, _ in _reported(extractor, text)] == [speaker]


def test_a_passive_in_a_relative_clause_is_not_the_sentence_s(extractor: Extractor) -> None:
    text = (
        "Sybiha, who was praised by Rubio for his patience, said Kyiv would never trade land"
        " for a ceasefire."
    )
    assert [who for who, _ in _reported(extractor, text)] == ["sybiha"]


def test_a_passive_that_credits_the_sentence_before_is_no_statement(
    extractor: Extractor,
) -> None:
    text = (
        "The next round of the ceasefire talks will open in Istanbul on the fourth of June."
        " This was announced by Peskov on Monday."
    )
    assert all("This was announced" not in t for _, t in _reported(extractor, text))
