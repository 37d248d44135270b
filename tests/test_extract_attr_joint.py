"""Joint voices and whose account a quote is: "the co-chairs", "the mediators", "the
delegations" speak as one; a quote inside a clause a speaker reports ("He said both delegations
had asked for ...") is the teller's; a role named at length after a quote ("the chair of the
committee said") is not the last person quoted. Every text here was written for this test."""

from __future__ import annotations

import pytest

from bot.extract.statements import Extractor

_SCENE = "The second round of talks on the energy truce closed in Muscat on Thursday.\n\n"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "The co-chairs welcomed the frank tone of the talks and noted that every delegation"
            " had engaged on the energy truce.",
            "co_chairs",
        ),
        (
            "The mediators said the next round of talks on the energy truce would be in Oman.",
            "mediators",
        ),
        (
            "Both delegations said the exchange of prisoners agreed in the talks would go ahead.",
            "delegations",
        ),
    ],
)
def test_a_joint_voice_of_the_talks_speaks(extractor: Extractor, text: str, speaker: str) -> None:
    found = extractor.extract(_SCENE + text).statements
    assert [s.actor_id for s in found] == [speaker]


@pytest.mark.parametrize(
    ("text", "fragment", "speaker"),
    [
        (
            "Karel Vos, the Dutch envoy chairing the sessions, spoke to broadcasters. He said both"
            " delegations had asked for more time on the prisoner exchange and that a third round"
            ' could follow "within two or three weeks at the latest".',
            "within two",
            "karel_vos",
        ),
        (
            'Tusk said the energy truce was fragile, while the mediators said that "nothing is'
            ' agreed until everything is agreed".',
            "nothing is agreed",
            "mediators",
        ),
    ],
)
def test_a_quote_in_a_reported_clause_is_the_tellers(
    extractor: Extractor, text: str, fragment: str, speaker: str
) -> None:
    found = extractor.extract(_SCENE + text).statements
    quoted = [s.actor_id for s in found if s.kind == "direct" and s.text.startswith(fragment)]
    assert quoted == [speaker]


def test_a_role_named_at_length_after_a_quote_is_not_the_last_one_quoted(
    extractor: Extractor,
) -> None:
    text = (
        _SCENE + "Halyna Moroz, who chairs the foreign affairs committee, opened the hearing on"
        " the talks.\n\nMoroz answered a post by US President Donald Trump, who wrote that both"
        ' sides must "get the deal done by Christmas". "Christmas is a feast day, not a deadline'
        ' for Ukraine," the chair of the foreign affairs committee said.'
    )
    found = {s.text: s.actor_id for s in extractor.extract(text).statements if s.kind == "direct"}
    assert found == {
        "get the deal done by Christmas": "trump",
        "Christmas is a feast day, not a deadline for Ukraine": "halyna_moroz",
    }
