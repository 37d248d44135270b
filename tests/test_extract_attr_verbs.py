"""Speech verbs in every tense, voice and person, the verbs of stating beyond "say", and the
forms that say nothing was said (a negated "say", an infinitive). Every text here was written
for this test."""

from __future__ import annotations

import pytest

from bot.extract.statements import Extraction, Extractor


def _speakers(extraction: Extraction) -> list[str]:
    return [s.actor_id for s in extraction.statements]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Peskov is saying the ceasefire must wait for a deal on territory.", "peskov"),
        ("Lavrov has said that any ceasefire without guarantees would be a trap.", "lavrov"),
        ("Umerov had told his colleagues that the territory question was open.", "umerov"),
        ("Putin was quoted as saying that NATO troops in Ukraine would be a target.", "putin"),
        ("Zelensky tells me the ceasefire has to come before any talk of elections.", "zelensky"),
        ("Rubio, once again, warned that sanctions would follow if the talks stalled.", "rubio"),
        ("Kallas firmly denied that the EU had blocked the frozen assets fund.", "kallas"),
        ("Peskov called it a provocation designed to derail the ceasefire talks.", "peskov"),
        (
            "Zelensky put the figure at a fifth of Ukrainian territory under occupation.",
            "zelensky",
        ),
        ("Stubb welcomed the prisoner exchange as a first step towards a ceasefire.", "stubb"),
        ("In the words of Lavrov, the European plan for peacekeepers is a trap.", "lavrov"),
    ],
)
def test_a_speech_verb_in_any_tense_voice_or_person(
    extractor: Extractor, text: str, speaker: str
) -> None:
    assert _speakers(extractor.extract(text)) == [speaker]


def test_present_plural_and_base_forms_are_speech(extractor: Extractor) -> None:
    found = extractor.extract(
        "European officials warn that the frozen assets loan could collapse before June."
    )
    assert _speakers(found) == ["anon_european_official"]


def test_a_negated_say_or_an_infinitive_says_nothing(extractor: Extractor) -> None:
    found = extractor.extract(
        '"We are closer than ever to a ceasefire on the front," Witkoff said after the talks.\n'
        "He did not say when the envoys would meet again on the territory question.\n"
        "Witkoff declined to confirm that the next round would be held in Geneva.\n"
        "Rubio has sought to signal openness to a compromise on territory for weeks."
    )
    assert [s.text[:10] for s in found.statements] == ["We are clo"]


def test_an_infinitive_with_its_clause_is_still_speech(extractor: Extractor) -> None:
    found = extractor.extract(
        "Zelensky stood up to warn that a ceasefire without guarantees would fail."
    )
    assert _speakers(found) == ["zelensky"]


def test_a_verb_of_naming_needs_the_name_it_gives(extractor: Extractor) -> None:
    found = extractor.extract(
        'Zelensky called the exchange of prisoners "a long overdue first step" to a ceasefire.\n'
        "Lavrov branded the European plan a recipe for war over territory.\n"
        "Zelensky called Trump on Tuesday to discuss the ceasefire and the prisoners."
    )
    assert [(s.actor_id, s.text[:12]) for s in found.statements if s.kind == "reported"] == [
        ("zelensky", "Zelensky cal"),
        ("lavrov", "Lavrov brand"),
    ]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Dmitriev proposed that frozen Russian assets finance a reconstruction fund.",
            "dmitriev",
        ),
        (
            "The Kremlin had let it be known, through an aide, that the ceasefire talks go on.",
            "kremlin",
        ),
        (
            "Two officials briefed us on the ceasefire. One of them, who asked not to be named,"
            " insisted that the territory question was solvable.",
            "anon_source",
        ),
    ],
)
def test_more_ways_of_stating(extractor: Extractor, text: str, speaker: str) -> None:
    assert _speakers(extractor.extract(text))[-1:] == [speaker]


def test_a_writers_first_person_about_the_speaker_is_not_the_speakers(
    extractor: Extractor,
) -> None:
    found = extractor.extract(
        "Witkoff told reporters the ceasefire deal was ninety percent done.\n"
        "I hope he is right. I suspect the last ten percent of the ceasefire is all of it."
    )
    assert _speakers(found) == ["witkoff"]
