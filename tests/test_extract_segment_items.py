"""Short items (bot/extract/statements.py): a key point says in few words who said what, so it is a
statement below the reported-speech minimum of prose; an item that never names the talks is not
about them. Sentences written for this test."""

from __future__ import annotations

from bot.extract.statements import Extractor


def test_a_short_key_point_item_is_a_statement(extractor: Extractor) -> None:
    found = extractor.extract(
        "Key points\n"
        "• Sybiha: no truce without monitors\n"
        "• Talks resume in Oslo\n"
        "The ceasefire talks in Oslo went on for a second day with no deal on the front line.\n"
        "Sybiha: no truce without monitors."
    )
    rows = [(s.actor_id, s.kind, s.text) for s in found.statements]
    # the item's text without its bullet; the same words as prose are too few for a statement
    assert rows == [("sybiha", "reported", "Sybiha: no truce without monitors")]


def test_an_item_that_never_names_the_talks_is_off_topic(extractor: Extractor) -> None:
    brief = (
        "IN BRIEF\n"
        "Council delays vote on harbour fees\n"
        'Council leader Marta Olsen said the vote would be held "after the summer break".\n'
        "Ferry timetable changes\n"
        "The morning ferry will leave at 7:15 from Monday, the operator said.\n"
        "Library hours\n"
        "The main library will stay open until nine on weekdays through August.\n"
        "Road works\n"
        "The coast road will close overnight on Thursday for resurfacing."
    )
    assert extractor.extract(brief).statements == ()
    # the same item naming the talks is about them
    talks = brief.replace("the vote would be held", "the vote on the peace talks would be held")
    assert [s.actor_id for s in extractor.extract(talks).statements] == ["marta_olsen"]


def test_a_briefing_turn_that_only_runs_the_room_is_no_statement(extractor: Extractor) -> None:
    found = extractor.extract(
        "Weekly briefing in Moscow on the ceasefire\n"
        "MS. ZAKHAROVA: Kyiv has once again refused to discuss the territorial question.\n"
        "QUESTION: Will the minister travel to Oslo? And the monitors?\n"
        "MS. ZAKHAROVA: I have nothing to announce on travel today. Next question. Go ahead.\n"
        "MS. ZAKHAROVA: Thank you. Foreign monitors on the line are out of the question.\n"
        "MS. ZAKHAROVA: I'll get back to you on that. Anna.\n"
    )
    texts = [s.text for s in found.statements]
    assert texts == [
        "Kyiv has once again refused to discuss the territorial question.",
        "Thank you. Foreign monitors on the line are out of the question.",
    ]


def test_a_transcript_label_with_a_title_and_a_name_not_in_the_config(
    extractor: Extractor,
) -> None:
    found = extractor.extract(
        "Transcript: joint press availability on the ceasefire talks\n"
        "MODERATOR: Good evening. The minister will give brief remarks, then take questions.\n"
        "FOREIGN MINISTER ELIN MARSTRAND HOLM: Norway is ready to host the next round of talks.\n"
        "QUESTION: Will Norway send monitors for the ceasefire?\n"
        "FOREIGN MINISTER ELIN MARSTRAND HOLM: Only if both sides ask us to, and not before."
    )
    rows = [(s.actor_id, s.text) for s in found.statements]
    assert [text for _, text in rows] == [
        "Norway is ready to host the next round of talks.",
        "Only if both sides ask us to, and not before.",
    ]
    assert len({speaker for speaker, _ in rows}) == 1
    assert rows[0][0].endswith("holm")
