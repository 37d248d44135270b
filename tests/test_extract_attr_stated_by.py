"""'This was stated by X to journalists' credits the sentence or the paragraph before it: that is
X's statement, and the crediting sentence is no statement of its own. Every text here was
written for this test."""

from __future__ import annotations

from bot.extract.statements import Extractor

LEAD = "The ceasefire talks in Geneva ended on Friday without a deal on the frozen assets.\n"


def _speakers(extractor: Extractor, text: str) -> list[tuple[str, str, str]]:
    found = extractor.extract(LEAD + text).statements
    return [(s.kind, s.actor_id, s.text[:20]) for s in found]


def test_the_sentence_before_is_the_credited_speakers(extractor: Extractor) -> None:
    text = (
        "The Geneva round on the ceasefire was useful, but it is too early to speak of results."
        " This was stated by Kremlin spokesman Dmitry Peskov to journalists on Monday."
    )
    assert _speakers(extractor, text) == [("reported", "peskov", "The Geneva round on ")]


def test_a_crediting_paragraph_is_no_statement(extractor: Extractor) -> None:
    text = (
        "Ushakov noted that the Russian side had raised ceasefire guarantees for Russia itself.\n"
        "This was stated by Ushakov to journalists outside the hotel on Monday evening.\n"
    )
    assert _speakers(extractor, text) == [("reported", "ushakov", "Ushakov noted that t")]


def test_a_quotation_paragraph_credited_by_the_next_one(extractor: Extractor) -> None:
    text = (
        'Budanov warned that Russia would use the ceasefire to rearm. "They will stock up on'
        ' missiles," Budanov said.\n'
        '"We are not naive. A pause in strikes is not yet peace, and we will judge Moscow by its'
        ' nights."\n'
        "This was stated by Deputy Head of the Office of the President of Ukraine Olha Marchuk"
        " during a briefing in Kyiv.\n"
    )
    found = extractor.extract(LEAD + text)
    assert [(s.kind, s.actor_id) for s in found.statements][-1] == ("direct", "olha_marchuk")
    assert "olha_marchuk" in {a.id for a in found.new_actors}
