"""Role phrases that name their holder: a body's role ("the alliance's secretary-general", "the
bloc's top diplomat", "the ministry's spokeswoman") and a role only one tracked person holds ("the
secretary of state"). Every text here was written for this test."""

from __future__ import annotations

import pytest

from bot.extract.statements import Extractor


@pytest.mark.parametrize(
    ("text", "fragment", "speaker"),
    [
        # the alliance is NATO; its secretary-general is Rutte, though Stubb spoke last
        (
            "Alexander Stubb said Finland would keep its border closed until a ceasefire. "
            '"Nobody outside the alliance decides who may knock on its door," the alliance\'s'
            " secretary-general told reporters in Vilnius.",
            "Nobody outside the alliance",
            "rutte",
        ),
        # the bloc is the EU; its top diplomat is Kallas, not the EU itself
        (
            "EU ministers met in Luxembourg on the frozen assets. Sanctions on Russia will stay"
            " until the last Russian soldier has left, the bloc's top diplomat said on Monday.",
            "Sanctions on Russia will stay",
            "kallas",
        ),
        # the ministry named before: the Russian foreign ministry, whose spokeswoman speaks
        (
            "The Russian Foreign Ministry summoned the Finnish ambassador on Monday. The"
            " ministry's spokeswoman said separately that any seizure of frozen Russian assets"
            " would be answered in kind.",
            "seizure of frozen Russian assets",
            "zakharova",
        ),
        # one tracked person is the secretary of state, though nobody named him
        (
            'The peace talks resume in Geneva. Sanctions relief "comes at the end of the deal,'
            ' not at its start," the secretary of state said on Friday.',
            "comes at the end of the deal",
            "rubio",
        ),
    ],
)
def test_a_role_phrase_resolves_to_its_holder(
    extractor: Extractor, text: str, fragment: str, speaker: str
) -> None:
    found = [s for s in extractor.extract(text).statements if fragment in s.text]
    assert found, text
    assert {s.actor_id for s in found} == {speaker}


def test_a_role_of_a_body_nobody_holds_is_the_bodys(extractor: Extractor) -> None:
    found = extractor.extract(
        "The European Commission met on the frozen assets. The Commission's chief spokesman said"
        " on Monday that using the frozen assets for reconstruction was lawful."
    )
    speakers = {s.actor_id for s in found.statements if "lawful" in s.text}
    assert speakers == {"european_commission"}


def test_who_was_asked_about_is_not_who_answers(extractor: Extractor) -> None:
    found = extractor.extract(
        "Emmanuel Macron was blunt about the ceasefire talks. Asked by a reporter in Lyon"
        ' whether he still believed Putin, the president smiled: "I believe what the ceasefire'
        ' lines show, nothing else." He added that he would "not wait forever" for the talks.'
    )
    assert {s.actor_id for s in found.statements} == {"macron"}
