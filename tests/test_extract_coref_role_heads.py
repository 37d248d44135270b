"""Role phrases with words between their owner and their noun: the owner's possessive inside an
alias ("The Kremlin's" chief spokesman), a person's role ("Putin's long-serving spokesman"), the
head of consecutive role nouns ("chief diplomat", "deputy minister"), and a possessed role nobody
tracked holds, which is not whoever spoke last. Every text here was written for this test."""

from __future__ import annotations

import pytest

from bot.extract.statements import Extractor
from tests.extracting import reported_speakers


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "The Kremlin's chief spokesman said on Monday that no date had yet been set for the"
            " next round of the ceasefire talks.",
            "peskov",
        ),
        (
            "Putin's long-serving spokesman said the Kremlin saw no reason to hurry the"
            " ceasefire talks in Geneva.",
            "peskov",
        ),
        (
            "The Kremlin's foreign-policy aide told reporters that the next round of talks could"
            " take place in Istanbul within weeks.",
            "ushakov",
        ),
        (
            "America's chief diplomat said the sanctions on Russia would stay until a peace"
            " deal was signed.",
            "rubio",
        ),
    ],
)
def test_a_role_between_owner_and_noun_names_its_holder(
    extractor: Extractor, text: str, speaker: str
) -> None:
    assert reported_speakers(extractor, text) == [speaker]


def test_a_possessed_role_nobody_holds_is_not_the_last_speaker(extractor: Extractor) -> None:
    text = (
        "Maria Zakharova said Europe was sabotaging the ceasefire talks with its asset plan.\n"
        "Russia's lead negotiator said there could be no peace deal unless Ukraine left the"
        " Donbas."
    )
    assert "zakharova" not in reported_speakers(extractor, text)[1:]


def test_a_person_s_role_nobody_tracked_holds_is_not_the_person(extractor: Extractor) -> None:
    text = (
        "Zelensky's chief of staff said the delegation would fly to Geneva for the ceasefire"
        " talks on Sunday."
    )
    assert "zelensky" not in reported_speakers(extractor, text)


def test_consecutive_role_nouns_need_their_holder_to_have_both(extractor: Extractor) -> None:
    text = (
        "Andrii Sybiha met the energy committee on Monday to discuss the ceasefire talks.\n"
        "Deputy Energy Minister Olena Marchuk also briefed the committee on the talks.\n"
        "It was stated by the deputy minister that repairs to two substations would take a"
        " month."
    )
    assert "sybiha" not in reported_speakers(extractor, text)[1:]
