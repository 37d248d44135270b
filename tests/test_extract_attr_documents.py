"""Documents and their authors, and subjects shared by two verbs: 'A statement from the Kremlin
later read: "..."'; "President Zelensky's office" is the office; "Peskov's hint that ..." is his
stated position; "the vice president flew to Ohio and told a crowd that ..." has one subject.
Every text here was written for this test."""

from __future__ import annotations

import pytest

from bot.extract.statements import Extractor

_SCENE = "The peace talks in Valletta ended on Friday without a date for the next round.\n\n"


@pytest.mark.parametrize(
    ("text", "fragment", "speaker"),
    [
        (
            'A statement from the Kremlin later read: "The talks in Valletta were useful, but'
            ' the territorial question remains open."',
            "The talks in Valletta were useful",
            "kremlin",
        ),
        (
            "A statement from President Volodymyr Zelensky's office read: \"Ukraine came to"
            ' Valletta to end the war, not to pause it."',
            "Ukraine came to Valletta",
            "ukraine_presidency",
        ),
        (
            "Peskov's latest hint that only an elected parliament in Kyiv could ratify a deal"
            " shows how far apart the sides remain on the peace plan.",
            "latest hint",
            "peskov",
        ),
        (
            "Two days later the vice president flew to Ohio and told supporters that Europe"
            " would have to pay for rebuilding Ukraine after the peace deal.",
            "flew to Ohio",
            "vance",
        ),
    ],
)
def test_a_document_or_a_shared_subject_names_the_speaker(
    extractor: Extractor, text: str, fragment: str, speaker: str
) -> None:
    found = [s for s in extractor.extract(_SCENE + text).statements if fragment in s.text]
    assert found, text
    assert {s.actor_id for s in found} == {speaker}


def test_a_subject_shares_no_verb_across_a_quotation(extractor: Extractor) -> None:
    text = (
        _SCENE + 'According to Zelensky, the Ukrainian delegation in Valletta worked "with'
        ' dignity and patience" and reported to him on the results of the talks.'
    )
    found = extractor.extract(text).statements
    assert {s.actor_id for s in found} == {"zelensky"}
