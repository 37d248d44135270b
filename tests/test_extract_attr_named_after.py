"""A quotation whose speaker is named only after it: under a section head the person the last
entry named does not speak it; 'The words were X's' in the next paragraph names its owner.
Every text here was written for this test."""

from __future__ import annotations

import pytest

from bot.extract.statements import Extractor

REACTIONS = """How leaders reacted to the Geneva round on the ceasefire
POLAND
Prime Minister Donald Tusk posted on X an hour after the talks ended:
Geneva is a start, but no deal on Ukraine's territory can be made without Ukraine.
FRANCE
"The coalition will be ready to deploy on the first morning of a ceasefire, not a week later."
{naming}
"""


@pytest.mark.parametrize(
    "naming",
    [
        "The words were Emmanuel Macron's, spoken in Paris after a call with the Irish leader.",
        "Those remarks were Emmanuel Macron's, made at a press conference in Paris.",
    ],
)
def test_the_owner_named_after_a_quotation_speaks_it(extractor: Extractor, naming: str) -> None:
    text = REACTIONS.format(naming=naming)
    found = [s for s in extractor.extract(text).statements if "first morning" in s.text]
    assert [s.actor_id for s in found] == ["macron"]


def test_a_section_head_parts_a_quotation_from_the_last_person_named(
    extractor: Extractor,
) -> None:
    text = REACTIONS.format(naming="The French government published no readout of the call.")
    found = [s for s in extractor.extract(text).statements if "first morning" in s.text]
    assert all(s.actor_id != "tusk" for s in found)


@pytest.mark.parametrize(
    "naming",
    [
        "This was stated by Emmanuel Macron at a press conference in Paris on Monday.",
        "So said Emmanuel Macron in Paris on Monday, a day before the Geneva round.",
        "The words belong to Emmanuel Macron, who spoke in Paris on Monday.",
    ],
)
def test_the_next_paragraph_names_the_speaker(extractor: Extractor, naming: str) -> None:
    text = REACTIONS.format(naming=naming)
    found = [s for s in extractor.extract(text).statements if "first morning" in s.text]
    assert [s.actor_id for s in found] == ["macron"]
