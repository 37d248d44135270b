"""Shouted lines (tickers, wire flashes, a tabloid's first word) and ticker labels that name a
speaker after a role: each phenomenon one small original case."""

from __future__ import annotations

from bot.extract.casing import recased
from bot.extract.statements import Extractor

NAMES = frozenset({"peskov", "umerov", "vladimir", "putin"})
STOPWORDS = frozenset({"the", "for", "are", "is", "in", "on", "of", "must", "be", "a"})


def test_a_shouted_ticker_line_reads_in_ordinary_case_with_names_and_acronyms_kept() -> None:
    line = '10:40 - UMEROV SAYS THE EU AND FSB LISTS ARE "ALMOST READY"'
    read = recased(line, NAMES, STOPWORDS, heading_words=30)
    assert read == '10:40 - Umerov says the EU and FSB lists are "almost ready"'
    assert len(read) == len(line)  # every position still points into the printed text


def test_a_short_shouted_line_is_left_for_the_segmenter_to_call_a_heading() -> None:
    assert recased("PESKOV ON THE TALKS", NAMES, STOPWORDS, heading_words=30) == (
        "PESKOV ON THE TALKS"
    )


def test_a_tabloids_shouted_first_name_is_read_as_a_name_but_a_dateline_is_not() -> None:
    text = "VLADIMIR Putin's spokesman went on the attack last night.\nMOSCOW, May 3 (Wire) - Talk"
    read = recased(text, NAMES, STOPWORDS, heading_words=30)
    assert read.split("\n") == [
        "Vladimir Putin's spokesman went on the attack last night.",
        "MOSCOW, May 3 (Wire) - Talk",
    ]


def test_a_shouted_ticker_entry_is_a_statement_shown_as_printed(extractor: Extractor) -> None:
    found = extractor.extract(
        "Geneva talks: the ticker\n"
        "09:10 - UMEROV SAYS LISTS FOR THE NEXT PRISONER EXCHANGE ARE ALMOST AGREED\n"
        "09:40 - PESKOV: NO DATE YET FOR A MEETING OF THE LEADERS ON THE PEACE PLAN\n"
    ).statements
    assert [(s.actor_id, s.text[:12]) for s in found] == [
        ("umerov", "UMEROV SAYS "),
        ("peskov", "PESKOV: NO D"),
    ]
    assert "prisoners" in found[0].issues


def test_a_label_naming_the_speaker_after_a_role_or_an_institution(extractor: Extractor) -> None:
    found = extractor.extract(
        "Geneva talks: the ticker\n"
        "11:05 - Kremlin's Peskov: the sides remain far apart on the question of Donbas.\n"
        "11:20 - Ukraine's chief negotiator Rustem Umerov: the prisoner lists are agreed.\n"
    ).statements
    assert [s.actor_id for s in found] == ["peskov", "umerov"]
