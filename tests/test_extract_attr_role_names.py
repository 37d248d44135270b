"""A role that titles a name not in the config ("Oman's minister of state Salim al-Harbi",
"said Minister for Foreign Affairs Ilona Varga") is that person speaking, not the role nor the
body the title names. Every text here was written for this test."""

from __future__ import annotations

from bot.extract.statements import Extractor

LEAD = "The ceasefire talks in Geneva ended on Friday without a deal on the frozen assets.\n"


def _speakers(extractor: Extractor, text: str) -> list[tuple[str, str]]:
    found = extractor.extract(LEAD + text).statements
    return [(s.kind, s.actor_id) for s in found]


def test_a_role_and_its_of_phrase_before_a_name_title_it(extractor: Extractor) -> None:
    text = (
        "Oman's minister of state Salim al-Harbi said on Sunday that the ceasefire talks had"
        " moved further in one night than in a month."
    )
    assert _speakers(extractor, text) == [("reported", "salim_al_harbi")]


def test_a_long_title_after_an_inverted_verb(extractor: Extractor) -> None:
    text = (
        '"Our country offers the table and the coffee for the ceasefire talks, not the'
        ' answers," said Minister for Foreign Affairs Ilona Varga.'
    )
    assert _speakers(extractor, text) == [("direct", "ilona_varga")]


def test_an_appositive_and_a_relative_clause_before_the_verb(extractor: Extractor) -> None:
    text = (
        "Karim al-Sayegh, the Omani minister of state for foreign affairs, who opened the"
        " second session, was adamant that the ceasefire talks would resume within a week."
    )
    assert _speakers(extractor, text) == [("reported", "karim_al_sayegh")]


def test_a_title_after_a_colon_is_no_preposition(extractor: Extractor) -> None:
    text = (
        "Brussels has been quiet: Secretary of State Marco Rubio has said that Europe must lead"
        " any ceasefire force, and nobody has answered him."
    )
    assert ("reported", "rubio") in _speakers(extractor, text)


def test_a_person_close_to_a_delegation_is_an_unnamed_source(extractor: Extractor) -> None:
    text = (
        "The gas clause was the hardest part, and a person close to the Moldovan delegation says"
        " the ceasefire talks nearly broke down over it at midnight."
    )
    assert _speakers(extractor, text) == [("reported", "anon_source")]


def test_a_surname_alone_before_a_role_between_commas_is_a_person(extractor: Extractor) -> None:
    text = (
        "Virtanen, the Estonian defence minister, said only that the ceasefire talks had"
        ' "a long way still to go."'
    )
    assert {actor for _, actor in _speakers(extractor, text)} == {"virtanen"}


def test_an_adverb_before_a_role_is_no_surname(extractor: Extractor) -> None:
    text = "Meanwhile, the minister, speaking in Riga, said the ceasefire talks would resume."
    assert "meanwhile" not in {actor for _, actor in _speakers(extractor, text)}


def test_a_spokesman_for_a_body_then_his_name(extractor: Extractor) -> None:
    text = (
        "A spokesman for the Ukrainian delegation, Taras Hnatiuk, told reporters that the"
        " ceasefire talks had not touched the map at all."
    )
    assert _speakers(extractor, text) == [("reported", "taras_hnatiuk")]


def test_the_diplomat_is_the_unnamed_diplomat_just_described(extractor: Extractor) -> None:
    text = (
        "Rubio said the frozen assets would stay where they are. One European diplomat close to"
        " the file was less patient. The diplomat said three capitals would block any deal on"
        " the frozen assets."
    )
    assert _speakers(extractor, text) == [
        ("reported", "rubio"),
        ("reported", "anon_european_official"),
    ]
