"""A passive's agent is not the "he" who answers: "Pressed by presenter Lena Moss on whether
..., he replied" is the minister named before, not the presenter. Every text here was written
for this test."""

from __future__ import annotations

from bot.extract.statements import Extractor


def test_the_agent_of_a_question_is_not_the_answering_pronoun(extractor: Extractor) -> None:
    text = (
        "Foreign Minister Andrii Sybiha said elections could follow a lasting ceasefire.\n\n"
        "Pressed by presenter Lena Moss on whether Moscow would respect the vote, he replied"
        ' that this was "exactly why Ukraine needs security guarantees that hold."'
    )
    found = extractor.extract(text).statements
    assert {s.actor_id for s in found} == {"sybiha"}
