"""A role phrase that opens its clause, then an "of/at" phrase naming where the holder serves,
then the speech verb ("Russia's chief envoy at the Istanbul round of talks has said ..."): the
role is the subject however long the qualifier, as long as no comma or verb stands in it. Every
text here was written for this test."""

from __future__ import annotations

import pytest

from bot.extract.statements import Extractor

_SCENE = "The peace talks on the energy truce resumed in Geneva on Monday.\n\n"


@pytest.mark.parametrize(
    "text",
    [
        "Russia's chief envoy at the Istanbul round of talks has said that Moscow wants a"
        " written guarantee on the energy truce.",
        "Russia's chief envoy at the second day of the Geneva meetings said the energy truce"
        " needed monitors.",
    ],
)
def test_a_role_with_a_long_qualifier_is_the_subject(extractor: Extractor, text: str) -> None:
    found = [s for s in extractor.extract(_SCENE + text).statements if "energy truce" in s.text]
    assert found, text
    assert {s.actor_id for s in found} == {"dmitriev"}


def test_a_role_inside_a_clause_with_a_verb_is_not_the_subject(extractor: Extractor) -> None:
    # the qualifier holds a verb of its own: the role is not the subject of "said"
    text = (
        "Russia's chief envoy at the talks that opened on Monday in Istanbul, officials"
        " said, will stay for the energy truce round."
    )
    found = extractor.extract(_SCENE + text).statements
    assert all(s.actor_id != "dmitriev" for s in found)


def test_a_role_of_a_body_then_a_relative_clause_is_the_subject(extractor: Extractor) -> None:
    # the body in the role's "of" phrase is not the subject, nor is the relative clause a gap
    text = (
        "Former Russian president Dmitry Medvedev mocked the Geneva round on Tuesday. The"
        " deputy chairman of Russia's Security Council, who posts on his channel most nights,"
        " said the energy truce would not outlast the winter."
    )
    found = [s for s in extractor.extract(_SCENE + text).statements if "outlast" in s.text]
    assert found, text
    assert {s.actor_id for s in found} == {"medvedev"}
