"""Who speaks when a sentence names both a speaker and someone who passes the words on: an
agency's closing attribution ("..., the agency reported"), and a capital standing for its
government beside the person who spoke for it. Every text here was written for this test."""

from __future__ import annotations

import pytest

from bot.extract.statements import Extractor

_SCENE = "The ceasefire talks in Valletta ended on Friday without a date for the next round.\n\n"


@pytest.mark.parametrize(
    "sentence",
    [
        'In Moscow, Maria Zakharova called the monitoring plan "a NATO mission in a new coat",'
        " Russia's Northern Wire agency reported.",
        "Maria Zakharova said the monitoring plan was a NATO mission under a new flag, the"
        " agency reported.",
    ],
)
def test_an_agency_passing_on_a_persons_words_is_not_their_speaker(
    extractor: Extractor, sentence: str
) -> None:
    found = extractor.extract(_SCENE + sentence).statements
    rows = [s for s in found if s.position >= len(_SCENE)]
    assert rows
    assert {s.actor_id for s in rows} == {"zakharova"}


def test_the_person_who_delivered_a_capitals_answer_states_it(extractor: Extractor) -> None:
    text = (
        _SCENE + "Moscow's reply, delivered over coffee in the hotel lobby by Yuri Ushakov, was"
        " that any ceasefire line would follow the front."
    )
    found = extractor.extract(text).statements
    assert [s.actor_id for s in found] == ["ushakov"]


def test_a_capitals_answer_that_someone_else_welcomed_is_still_the_capitals(
    extractor: Extractor,
) -> None:
    text = (
        _SCENE + "Moscow's reply, welcomed over coffee in the hotel lobby by Steve Witkoff, was"
        " that any ceasefire line would follow the front."
    )
    found = extractor.extract(text).statements
    assert [s.actor_id for s in found] == ["kremlin"]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            "Moscow has made clear, through Maria Zakharova among others, that it sees any"
            " ceasefire monitors from Europe as a NATO deployment.",
            "zakharova",
        ),
        (
            "Moscow has said, via its embassy in Rome, that it sees any ceasefire monitors from"
            " Europe as a NATO deployment.",
            "kremlin",
        ),
    ],
)
def test_a_body_speaking_through_a_person_is_that_persons_statement(
    extractor: Extractor, sentence: str, speaker: str
) -> None:
    found = extractor.extract(_SCENE + sentence).statements
    assert [s.actor_id for s in found] == [speaker]


@pytest.mark.parametrize(
    "sentence",
    [
        "The ceasefire talks were businesslike, said Dmitry Peskov.",
        "The ceasefire talks were businesslike, but a deal is far off, says Kremlin spokesman"
        " Dmitry Peskov.",
    ],
)
def test_an_inverted_attribution_may_close_a_sentence_without_a_quotation(
    extractor: Extractor, sentence: str
) -> None:
    found = extractor.extract(_SCENE + sentence).statements
    assert [(s.actor_id, s.kind) for s in found] == [("peskov", "reported")]


def test_a_passive_attribution_names_its_agent_after_a_long_title(extractor: Extractor) -> None:
    text = (
        _SCENE + "The ceasefire round was useful, but it is too soon to speak of results, this was"
        " stated by Russian Presidential Press Secretary Dmitry Peskov on Saturday."
    )
    found = extractor.extract(text).statements
    assert [s.actor_id for s in found] == ["peskov"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Steve Witkoff is understood to have told the Russian side over lunch that a ceasefire"
        " line could be drawn by June.",
        "Steve Witkoff is believed to have assured his hosts that the ceasefire would hold.",
    ],
)
def test_a_hedge_between_a_subject_and_its_verb_keeps_the_subject(
    extractor: Extractor, sentence: str
) -> None:
    found = extractor.extract(_SCENE + sentence).statements
    assert [s.actor_id for s in found] == ["witkoff"]


def test_an_appositive_noun_with_a_relative_clause_of_many_commas_keeps_the_subject(
    extractor: Extractor,
) -> None:
    text = (
        _SCENE + "Kirill Dmitriev, the banker who has flown between Doha, Miami and Abu Dhabi all"
        " year, has been telling investors that ceasefire contracts could follow within weeks."
    )
    found = extractor.extract(text).statements
    assert [s.actor_id for s in found] == ["dmitriev"]


@pytest.mark.parametrize("noun", ["pitch", "prediction", "forecast"])
def test_a_pitch_or_a_prediction_is_a_stated_position(extractor: Extractor, noun: str) -> None:
    text = (
        _SCENE + f"Steve Witkoff's {noun}, repeated to several visitors this week, is that a"
        " ceasefire could be signed before the summer."
    )
    found = extractor.extract(text).statements
    assert [s.actor_id for s in found] == ["witkoff"]


@pytest.mark.parametrize(
    ("signature", "speaker"),
    [("— Steve Witkoff, in Doha on Monday", "witkoff"), ("— Ines Varga, to reporters", None)],
)
def test_the_line_under_a_quotation_of_the_day_signs_it(
    extractor: Extractor, signature: str, speaker: str | None
) -> None:
    text = (
        _SCENE + "LINE OF THE WEEK\n"
        '"A ceasefire is a promise with a stopwatch attached."\n' + signature + "\nComing up\n"
    )
    found = extractor.extract(text)
    rows = [s for s in found.statements if s.text.startswith("A ceasefire is a promise")]
    assert len(rows) == 1
    if speaker is None:  # a name the config lacks speaks as a new actor
        assert {a.id for a in found.new_actors} == {rows[0].actor_id}
    else:
        assert rows[0].actor_id == speaker


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            "Kaja Kallas told ministers that the frozen assets would stay put"
            ' "until the last invoice is paid", according to three diplomats at the table.',
            "kallas",
        ),
        (
            'The frozen assets would stay put "until the last invoice is paid", according to'
            " Kaja Kallas.",
            "kallas",
        ),
    ],
)
def test_a_source_after_a_quotation_does_not_take_it_from_the_speaker_before_it(
    extractor: Extractor, sentence: str, speaker: str
) -> None:
    found = extractor.extract(_SCENE + sentence).statements
    quote = next(s for s in found if s.kind == "direct")
    assert quote.actor_id == speaker


def test_a_sentence_opening_on_a_roles_account_is_his_with_its_quotation(
    extractor: Extractor,
) -> None:
    text = (
        _SCENE + "Zelensky said the delegation had reported to him in detail.\n\n"
        "According to the President, the Ukrainian side argues that the ceasefire must be"
        ' monitored first, "before any word about maps."'
    )
    found = extractor.extract(text).statements
    rows = [s for s in found if s.text.startswith(("According", "before any"))]
    assert sorted((s.kind, s.actor_id) for s in rows) == [
        ("direct", "zelensky"),
        ("reported", "zelensky"),
    ]


def test_a_quotation_after_a_second_speech_verb_is_only_the_quotation(
    extractor: Extractor,
) -> None:
    text = (
        _SCENE + "Peskov went on to say that Moscow was not kept informed of the ceasefire drafts,"
        ' saying that, "once the Americans finish their part, we expect to see the text."'
    )
    found = extractor.extract(text).statements
    assert [s.kind for s in found if s.actor_id == "peskov"] == ["direct"]


def test_a_relative_clause_without_commas_stays_with_its_subject(extractor: Extractor) -> None:
    text = (
        _SCENE + "One European diplomat who has attended every briefing since March described the"
        " ceasefire plan as a timetable without a clock."
    )
    found = extractor.extract(text).statements
    assert [s.actor_id for s in found] == ["anon_european_official"]


@pytest.mark.parametrize("subject", ["A widely shared post", "A widely circulated video"])
def test_a_widely_shared_post_speaks_for_whoever_posted_it(
    extractor: Extractor, subject: str
) -> None:
    text = (
        _SCENE + f"{subject} on Telegram claimed on Sunday that Kyiv had accepted a ceasefire"
        " along the Dnipro."
    )
    found = extractor.extract(text).statements
    assert [s.actor_id for s in found] == ["anon_social"]


def test_a_question_before_a_quoted_answer_leaves_only_the_answer(extractor: Extractor) -> None:
    text = (
        _SCENE + "Donald Trump flew back to Florida on Sunday.\n\n"
        "Asked later by journalists at the airport whether a ceasefire was near, the president"
        ' said: "Closer than last week, not as close as I want."'
    )
    found = extractor.extract(text).statements
    rows = [s for s in found if "airport" in s.text or s.text.startswith("Closer")]
    assert [(s.kind, s.actor_id) for s in rows] == [("direct", "trump")]


def test_a_position_may_carry_its_occasion_between_commas(extractor: Extractor) -> None:
    text = (
        _SCENE + "Steve Witkoff's forecast, on the last night in Valletta, that a ceasefire"
        " would hold by June looked bold by the morning."
    )
    found = extractor.extract(text).statements
    assert [s.actor_id for s in found] == ["witkoff"]
