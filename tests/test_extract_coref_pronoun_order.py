"""A pronoun with no subject of its gender before it in its paragraph takes the last person of
that gender the paragraph named (after "than", "with"), before the previous paragraph's speaker.
Every text here was written for this test."""

from __future__ import annotations

from bot.extract.statements import Extractor
from tests.extracting import reported_speakers


def test_a_pronoun_takes_the_last_person_of_its_gender_named_before_it(
    extractor: Extractor,
) -> None:
    text = (
        "Donald Trump said on Wednesday that Vladimir Putin wanted a quick peace deal.\n"
        "Kaja Kallas sounded far more cautious than Marco Rubio. He told reporters the"
        " sanctions on Russia would stay until a signed peace deal."
    )
    assert reported_speakers(extractor, text)[-1] == "rubio"


def test_a_subject_of_its_gender_still_comes_first(extractor: Extractor) -> None:
    text = (
        "Andrii Sybiha sounded far more cautious than Marco Rubio. He told reporters the"
        " sanctions on Russia must stay until the last soldier has left."
    )
    assert reported_speakers(extractor, text) == ["sybiha"]
