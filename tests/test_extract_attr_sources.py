"""Source phrases and titles: "in his words", "in her view" name the speaker by a possessive;
abbreviated titles ("Deputy FM", "PM") stand before a new actor's name. Every text here was
written for this test."""

from __future__ import annotations

import pytest

from bot.extract.statements import Extractor


@pytest.mark.parametrize(
    ("text", "fragment", "speaker"),
    [
        (
            "Lavrov spoke for an hour about the energy truce. In his words, «a pause for the grid"
            " is no pause for the front», and the Europeans were not invited.",
            "a pause for the grid",
            "lavrov",
        ),
        (
            "Kallas took questions on the frozen assets. In her view, the reconstruction fund"
            ' proved that "the money can work for Ukraine without a single court case."',
            "reconstruction fund",
            "kallas",
        ),
        (
            "Peskov was gentler about the venue. Geneva, in his assessment, had been a better"
            ' host for the truce talks, and the pause was "a workable start" for the ceasefire.',
            "better host",
            "peskov",
        ),
    ],
)
def test_a_possessive_source_phrase_names_the_speaker(
    extractor: Extractor, text: str, fragment: str, speaker: str
) -> None:
    found = [s for s in extractor.extract(text).statements if fragment in s.text]
    assert found, text
    assert {s.actor_id for s in found} == {speaker}


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Russian Deputy FM Oleg Varentsov said the observers were welcome at the prisoner"
            " exchange talks.",
            "oleg_varentsov",
        ),
        (
            "PM Annika Strand said Sweden would join a reassurance force after a ceasefire.",
            "annika_strand",
        ),
        (
            "Dep. FM Taras Holub told reporters the prisoner exchange would happen on Friday.",
            "taras_holub",
        ),
    ],
)
def test_an_abbreviated_title_stands_before_a_new_name(
    extractor: Extractor, text: str, speaker: str
) -> None:
    found = extractor.extract(text)
    assert [s.actor_id for s in found.statements] == [speaker]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a source described by what it knows, not by its side
        (
            "Three people familiar with the drafts said the ceasefire text had a new annex.",
            "anon_source",
        ),
        # a member of a delegation, unnamed ...
        (
            "A member of the Ukrainian delegation told the Harbour Times that the ceasefire map"
            " was still open.",
            "anon_ukrainian_official",
        ),
        # ... and one who is named keeps the name
        (
            "Pavel Ostrov, a member of the Russian delegation, said the ceasefire map was still"
            " open.",
            "pavel_ostrov",
        ),
        # ... but a source phrase that names them leaves the subject after it speaking
        (
            "According to people familiar with the drafts, Umerov insisted that the ceasefire"
            " text needed a new annex.",
            "umerov",
        ),
        # a place the config lacks before a source's noun
        (
            "A Whitehall insider said ministers were calm about the ceasefire talks.",
            "anon_source",
        ),
    ],
)
def test_an_unnamed_source_is_read_from_its_description(
    extractor: Extractor, text: str, speaker: str
) -> None:
    found = extractor.extract(text)
    assert [s.actor_id for s in found.statements] == [speaker]


def test_a_role_after_a_new_speaker_is_that_speaker(extractor: Extractor) -> None:
    found = extractor.extract(
        "Sergey Lavrov has long said foreign troops would be targets. Deputy Foreign Minister"
        ' Pavel Ostrov, for his part, noted that Moscow "sees no reason to hurry" on the'
        ' ceasefire.\n"The next move on the ceasefire is for Washington to make," the diplomat'
        " added."
    )
    quote = [s for s in found.statements if "next move" in s.text]
    assert [s.actor_id for s in quote] == ["pavel_ostrov"]


def test_a_sentence_opening_on_his_account_is_his(extractor: Extractor) -> None:
    found = extractor.extract(
        "Zelensky spoke to the nation about the ceasefire talks on Sunday evening.\n"
        "According to him, the team led by Rustem Umerov briefed him in detail on the ceasefire"
        " talks in Geneva."
    )
    row = [s for s in found.statements if s.text.startswith("According to him")]
    assert [s.actor_id for s in row] == ["zelensky"]


@pytest.mark.parametrize(
    ("text", "fragment", "speaker"),
    [
        # a position, then a speaker's clause after a semicolon
        (
            "Peskov's claim that the truce was holding drew doubts in Kyiv; a Ukrainian official"
            " said the ceasefire was broken twice overnight.",
            "Peskov's claim",
            "anon_ukrainian_official",
        ),
        # a position, then a sentence-final speaker with a quotation after
        (
            "Lavrov's warning that foreign troops would be targets has not slowed the ceasefire"
            ' planning, one European diplomat told me, "but it has made it quieter."',
            "Lavrov's warning",
            "anon_european_official",
        ),
        # a speech noun after a possessive is no verb: the clause's speaker speaks
        (
            "The Kremlin's demand that the vote come first struck Kyiv as a delay, and Karoline"
            " Leavitt had said the ceasefire timing was a matter for Ukrainians.",
            "Kremlin's demand",
            "leavitt",
        ),
        # a position inside what a speaker before it reports is his report's topic
        (
            "A member of the Ukrainian delegation told us the ceasefire talks had stalled over"
            " the Kremlin's demand that its monitors stay at the line.",
            "Kremlin's demand",
            "anon_ukrainian_official",
        ),
        # a position alone stays its possessor's
        (
            "Peskov's line is that the ceasefire must follow a settlement of the talks.",
            "Peskov's line",
            "peskov",
        ),
    ],
)
def test_a_position_is_the_topic_of_the_clause_that_speaks_after_it(
    extractor: Extractor, text: str, fragment: str, speaker: str
) -> None:
    found = extractor.extract(text)
    row = [s for s in found.statements if fragment in s.text or s.kind == "reported"]
    assert row, [s.text for s in found.statements]
    assert {s.actor_id for s in row} == {speaker}
