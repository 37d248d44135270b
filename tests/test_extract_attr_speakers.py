"""Who speaks: appositives and relative clauses between a speaker and the verb, bodies named
inside an appositive, collective and anonymous speakers. Every text here was written for this
test."""

from __future__ import annotations

import pytest

from bot.extract.statements import Extraction, Extractor
from bot.model import Statement


def _one(extraction: Extraction, fragment: str) -> Statement:
    found = [s for s in extraction.statements if fragment in s.text]
    assert len(found) == 1, f"{fragment!r} in {[s.text for s in extraction.statements]}"
    return found[0]


def test_a_body_named_in_an_appositive_is_not_the_subject(extractor: Extractor) -> None:
    found = extractor.extract(
        "Maria Zakharova, spokeswoman for the Russian Foreign Ministry, said on Thursday that"
        " any NATO contingent in Ukraine would be treated as an invasion."
    )
    s = _one(found, "NATO contingent")
    assert s.actor_id == "zakharova"
    assert s.text.startswith("Maria Zakharova")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a relative clause holding commas and names of its own
        (
            "The U.S. side, which has shuttled between Kyiv, Moscow and Doha all winter, called"
            " the result a step towards a ceasefire.",
            "us_delegation",
        ),
        # a parenthesis between dashes naming countries
        (
            "The coalition of the willing - a group led by Britain and France - said it was ready"
            " to deploy troops after a ceasefire.",
            "coalition_willing",
        ),
        # an appositive the mention took in, then an auxiliary and an adverb
        (
            "Rustem Umerov, the secretary of the Security and Defence Council, had earlier told"
            " reporters that the prisoner lists were ready.",
            "umerov",
        ),
        # the subject of a relative clause speaks in it
        (
            "Sybiha spoke about sanctions, which he says must stay until a ceasefire is signed.",
            "sybiha",
        ),
        # countries speak through their governments
        (
            "Britain has said its planning for a reassurance force is well advanced.",
            "british_government",
        ),
        ("Turkey, which hosted the round, said it was ready to host the next talks.", "turkey"),
    ],
)
def test_what_stands_between_a_speaker_and_the_verb(
    extractor: Extractor, text: str, speaker: str
) -> None:
    assert [s.actor_id for s in extractor.extract(text).statements if s.kind == "reported"] == [
        speaker
    ]


def test_a_place_name_as_a_modifier_is_not_the_subject(extractor: Extractor) -> None:
    found = extractor.extract(
        "Peskov complained about the pace of the Berlin discussions on the ceasefire,"
        ' saying that "once they finish their part of the work, we expect to see the text".'
    )
    assert {s.actor_id for s in found.statements} == {"peskov"}


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # the antecedent of "who" speaks, even after a preposition
        (
            "Then it was the turn of Kyrylo Budanov, the intelligence chief, who wrote that the"
            " next prisoner exchange would come within days.",
            "budanov",
        ),
        # a passive with its agent, as translated state media write it
        (
            "It was stated at the Russian Foreign Ministry that the second stage of the prisoner"
            " exchange would follow in June.",
            "russia_mfa",
        ),
        (
            "Umerov briefed the committee. It was also stated by Umerov that the prisoner lists"
            " had been agreed.",
            "umerov",
        ),
        # a phrase that begins with a verb of naming is not one ('called on')
        (
            "Melnyk Petrenko, an opposition MP, spoke first. Petrenko, for his part, called on"
            " the government to publish the peace plan in full.",
            "melnyk_petrenko",
        ),
    ],
)
def test_relative_passive_and_phrasal_speakers(
    extractor: Extractor, text: str, speaker: str
) -> None:
    found = [s for s in extractor.extract(text).statements if s.kind == "reported"]
    assert [s.actor_id for s in found][-1:] == [speaker]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Negotiators say the draft on security guarantees is nearly finished.", "anon_source"),
        (
            "Ukrainian negotiators said the territory chapter had been left to the leaders.",
            "anon_ukrainian_official",
        ),
        ("The Russians say the next round on territory will be held in Doha.", "kremlin"),
        # a stated position of its possessor, whatever stands between
        (
            "Peskov's line, via the Kremlin pool, is that a ceasefire can only follow a deal.",
            "peskov",
        ),
        ("The Kremlin's position remains that any ceasefire must follow a settlement.", "kremlin"),
        # a participle after a comma belongs to the main clause's subject
        (
            "Lavrov went on to say that the Americans had not been told, adding that the"
            " ceasefire talks were stalled.",
            "lavrov",
        ),
    ],
)
def test_collective_speakers_and_stated_positions(
    extractor: Extractor, text: str, speaker: str
) -> None:
    assert {s.actor_id for s in extractor.extract(text).statements} == {speaker}


def test_hearsay_and_a_negated_answer_are_not_statements(extractor: Extractor) -> None:
    found = extractor.extract(
        "The Americans are said to want Ukraine to pull back from the Donetsk region.\n"
        "Two people familiar with the talks said Moscow wanted sanctions on the agenda, a"
        " request the Americans had not yet answered."
    )
    assert [s.actor_id for s in found.statements] == ["anon_source"]


def test_a_quotation_paragraph_takes_its_speaker_from_the_paragraph_before_or_after(
    extractor: Extractor,
) -> None:
    before = extractor.extract(
        "Zelensky spoke to reporters in Kyiv about the ceasefire talks on Monday.\n"
        '"No Ukrainian will accept giving away Donbas for a promise of a ceasefire."'
    )
    assert _one(before, "giving away Donbas").actor_id == "zelensky"
    after = extractor.extract(
        "Ceasefire talks stall over energy\n"
        '"There will be no ceasefire while the strikes on our power plants continue."\n'
        "That was how Zelensky put it to reporters in Kyiv, as the energy truce talks stalled."
    )
    # the quotation is his; the sentence naming him only attributes it
    assert [(s.actor_id, s.kind) for s in after.statements] == [("zelensky", "direct")]


def test_a_ministry_not_in_the_config_speaks_as_a_new_body(extractor: Extractor) -> None:
    found = extractor.extract(
        "The Norwegian Foreign Ministry said the ceasefire monitors would be ready by March.\n"
        "Qatar's Defence Ministry said its officers would join the ceasefire monitors.\n"
        "A spokesman at the Foreign Ministry, Lars Eide, said the monitors would report weekly"
        " on the ceasefire."
    )
    assert [s.actor_id for s in found.statements] == [
        "norwegian_foreign_ministry",
        "qatar_s_defence_ministry",
        "lars_eide",
    ]
    assert {a.kind for a in found.new_actors if "ministry" in a.id} == {"institution"}
