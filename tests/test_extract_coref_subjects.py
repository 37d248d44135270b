"""Pronouns find the subject they stand for, not a name after a preposition, a possessor or a
name inside an opening adjunct ("After meeting Witkoff, Umerov ..."); a named remark ("called the
question the main obstacle") and a speaker's claim ("Witkoff's claim that ...") are statements.
Every text here was written for this test."""

from __future__ import annotations

from bot.extract.statements import Extractor


def test_a_pronoun_skips_a_name_after_a_preposition(extractor: Extractor) -> None:
    found = extractor.extract(
        "The interviewer asks one last question about his tennis match with the U.S. president."
        " Stubb smiles. \u201cHe won, and the ceasefire talks were harder than the tennis,\u201d"
        " he says."
    )
    s = next(s for s in found.statements if "ceasefire talks were harder" in s.text)
    assert s.actor_id == "stubb"


def test_a_naming_verb_with_an_object_then_its_name(extractor: Extractor) -> None:
    found = extractor.extract(
        "On Tuesday Sybiha called the energy truce the only working part of the peace talks."
    )
    assert [s.actor_id for s in found.statements] == ["sybiha"]


def test_a_speakers_claim_that_is_a_statement(extractor: Extractor) -> None:
    found = extractor.extract(
        "The peace talks went on. Kallas's warning that the frozen assets would stay frozen"
        " until Russia paid for the damage was repeated in Brussels on Monday."
    )
    assert [s.actor_id for s in found.statements] == ["kallas"]


def test_words_echoed_by_a_speaker_who_said_are_his(extractor: Extractor) -> None:
    found = extractor.extract(
        "Zelensky's remarks on the ceasefire were echoed by Sybiha on Tuesday, who said no"
        " truce could hold without guarantees."
    )
    s = next(s for s in found.statements if "no truce could hold" in s.text)
    assert s.actor_id == "sybiha"
    assert s.text.startswith("Zelensky's remarks")


def test_the_answer_to_a_reported_question_is_not_the_askers(extractor: Extractor) -> None:
    found = extractor.extract(
        "Rubio spoke to the presenter Tom Ashcroft about the peace talks for half an hour.\n\n"
        "Ashcroft then asked whether Ukraine would have to give up land in the Donbas.\n\n"
        '"That is for Ukraine to decide, not for us and not for the Kremlin," he said.'
    )
    assert [(s.actor_id, s.kind) for s in found.statements] == [("rubio", "direct")]


def test_one_who_is_asked_answers(extractor: Extractor) -> None:
    found = extractor.extract(
        "Stubb took questions on the peace talks. He is asked whether the road to NATO is"
        ' closed.\n\n"No door in Europe is closed by a deal it did not sign," he says.'
    )
    s = next(s for s in found.statements if "No door in Europe" in s.text)
    assert s.actor_id == "stubb"


def test_a_title_before_a_name_is_no_preposition(extractor: Extractor) -> None:
    found = extractor.extract(
        "Asked by People's Deputy Mariia Koval about the energy truce, Sybiha was careful."
        ' "There is no agreement on the power plants yet, and none of the ideas suits us,"'
        " he said."
    )
    s = next(s for s in found.statements if "no agreement on the power plants" in s.text)
    assert s.actor_id == "sybiha"


def test_a_portfolio_is_no_part_of_a_name(extractor: Extractor) -> None:
    found = extractor.extract(
        "Deputy Minister of Energy Halyna Moroz said the repairs to the power plants hit in the"
        " strikes would take a month."
    )
    assert [s.actor_id for s in found.statements] == ["halyna_moroz"]


def test_a_pronoun_takes_the_next_subject_of_its_gender(extractor: Extractor) -> None:
    found = extractor.extract(
        "Sybiha and Kallas met in Brussels on the frozen assets. She said the assets would stay"
        " frozen until Russia paid for the damage."
    )
    assert [s.actor_id for s in found.statements] == ["kallas"]


def test_a_spokesperson_for_a_titled_leader_speaks_for_him(extractor: Extractor) -> None:
    found = extractor.extract(
        "A spokesperson for Prime Minister Keir Starmer said that Britain welcomed the prisoner"
        " exchange agreed in Geneva."
    )
    assert [s.actor_id for s in found.statements] == ["starmer"]


def test_his_office_is_the_tracked_office_of_the_man(extractor: Extractor) -> None:
    found = extractor.extract(
        "Zelensky returned to Kyiv from the peace talks on Tuesday. His office said on Wednesday"
        " that the position on territory had not changed."
    )
    assert [s.actor_id for s in found.statements] == ["ukraine_presidency"]


def test_a_name_in_an_opening_adjunct_is_no_subject(extractor: Extractor) -> None:
    found = extractor.extract(
        "After meeting Steve Witkoff for a long dinner, Rustem Umerov flew back to Kyiv. He"
        " said the talks on the territory were the hardest part of the peace plan."
    )
    assert [s.actor_id for s in found.statements] == ["umerov"]
