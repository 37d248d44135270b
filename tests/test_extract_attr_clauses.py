"""Who speaks when a sentence holds more than one clause: another speaker's clause after a quote,
appositives that follow each other, relative clauses with abbreviations. Every text here was
written for this test."""

from __future__ import annotations

from bot.extract.statements import Extraction, Extractor
from bot.model import Statement


def _one(extraction: Extraction, fragment: str, kind: str = "") -> Statement:
    found = [s for s in extraction.statements if fragment in s.text and kind in ("", s.kind)]
    assert len(found) == 1, f"{fragment!r} in {[s.text for s in extraction.statements]}"
    return found[0]


def test_a_quote_before_another_speakers_clause_is_the_first_speakers(
    extractor: Extractor,
) -> None:
    found = extractor.extract(
        'Marco Rubio said the sanctions on Moscow would hold "until the last signature is dry",'
        " while EU foreign policy chief Kaja Kallas told reporters that Brussels would fund the"
        " logistics of any reassurance force."
    )
    assert _one(found, "until the last signature", "direct").actor_id == "rubio"


def test_a_relative_clause_with_an_abbreviation_stays_in_the_appositive(
    extractor: Extractor,
) -> None:
    found = extractor.extract(
        "Turkish President Recep Tayyip Erdogan, who sat on Monday between the Russian, Ukrainian"
        ' and U.S. negotiators, has said Turkey would host "every round the parties need" of'
        " the peace talks."
    )
    assert _one(found, "every round the parties need", "direct").actor_id == "erdogan"


def test_two_appositives_in_a_row_stand_between_the_speaker_and_the_verb(
    extractor: Extractor,
) -> None:
    found = extractor.extract(
        "Rustem Umerov, head of Ukraine's security council, who leads the delegation, said the"
        " prisoner exchange could take place within a week."
    )
    assert _one(found, "prisoner exchange").actor_id == "umerov"
