"""Layouts that carry statements beyond prose: briefing transcripts with honorific labels,
reaction lines, ticker entries, ministry releases; and furniture that never does. Every text
here was written for this test."""

from __future__ import annotations

from bot.extract.statements import Extraction, Extractor
from bot.model import Statement


def _one(extraction: Extraction, fragment: str) -> Statement:
    found = [s for s in extraction.statements if fragment in s.text]
    assert len(found) == 1, f"{fragment!r} in {[s.text for s in extraction.statements]}"
    return found[0]


def test_briefing_turns_with_honorifics_and_a_spokesperson_not_in_the_config(
    extractor: Extractor,
) -> None:
    found = extractor.extract(
        "Ministry briefing, excerpts on Ukraine\n"
        "Deputy Spokesperson Hanna Lindgren took questions in Stockholm on the ceasefire talks.\n"
        "QUESTION: Will Sweden send troops if a ceasefire is signed?\n"
        "MS. LINDGREN: We will not speculate about troops. Security guarantees come first.\n"
        "QUESTION: And the frozen assets?\n"
        "MS. LINDGREN: That is a decision for the whole Union."
    )
    troops = _one(found, "speculate about troops")
    assert (troops.actor_id, troops.kind) == ("hanna_lindgren", "direct")
    assert _one(found, "whole Union").actor_id == "hanna_lindgren"
    assert not [s for s in found.statements if "Will Sweden" in s.text]


def test_a_configured_speaker_behind_an_honorific_label(extractor: Extractor) -> None:
    found = extractor.extract(
        "Weekly briefing in Moscow on the ceasefire\n"
        "MS. ZAKHAROVA: Kyiv has once again refused to discuss the territorial question.\n"
        "QUESTION: Will Russia accept European peacekeepers?\n"
        "MS. ZAKHAROVA: Any foreign troops in Ukraine would be a legitimate target."
    )
    assert {s.actor_id for s in found.statements} == {"zakharova"}
    assert len(found.statements) == 2


def test_a_ministry_release_in_the_first_person_plural_after_a_dateline(
    extractor: Extractor,
) -> None:
    found = extractor.extract(
        "Statement of the Ministry of Foreign Affairs of Ukraine on the energy truce\n"
        "3 March 2026, 11:00\n"
        "We welcome the agreement of the Russian side to halt strikes on power plants.\n"
        "The Ministry stresses that the energy truce must be verified by independent monitors.\n"
        "Speaking in Kyiv, Minister of Foreign Affairs of Ukraine Andrii Sybiha said:"
        ' "A truce that nobody checks is only a pause before the next strike."'
    )
    assert _one(found, "We welcome").actor_id == "ukraine_mfa"
    assert _one(found, "The Ministry stresses").actor_id == "ukraine_mfa"
    assert _one(found, "nobody checks").actor_id == "sybiha"


def test_reaction_lines_name_then_role_then_a_colon(extractor: Extractor) -> None:
    found = extractor.extract(
        "How the capitals reacted to the ceasefire deal\n"
        "Leaders weighed the deal on Tuesday.\n"
        "Petra Hovland, Norway's defence minister, speaking in Oslo: \"Our engineers are ready"
        ' to help rebuild the power grid."\n'
        'Jonas Berg, a security analyst in Kyiv: "The truce buys time for both armies,'
        ' nothing more."\n'
        "Kaja Kallas, the EU's foreign policy chief, on X: \"Sanctions stay until Russia pays"
        ' for the damage."\n'
        'Umerov on X: the two days of talks on the ceasefire were "hard but honest".'
    )
    assert _one(found, "Our engineers").actor_id == "petra_hovland"
    assert _one(found, "buys time").actor_id == "jonas_berg"  # not Kyiv, named in his role
    assert _one(found, "Sanctions stay").actor_id == "kallas"
    umerov = _one(found, "Umerov on X")
    assert (umerov.actor_id, umerov.kind) == ("umerov", "reported")


def test_one_issue_word_among_many_remarks_does_not_make_an_article_on_topic(
    extractor: Extractor,
) -> None:
    found = extractor.extract(
        "Rubio tours flooded towns in the Carolinas\n"
        "Secretary of State Marco Rubio said on Saturday that the federal response was on track.\n"
        '"I have seen worse floods, but never this fast," Rubio told volunteers in a church.\n'
        "Rubio added that more boats would arrive from Virginia by the evening.\n"
        "Mayor Dana Whitfield said the water had reached the second floor of the school.\n"
        '"We need pumps, not speeches," Whitfield told reporters outside the town hall.\n'
        "She said that about 4,000 homes were still without electricity on Sunday.\n"
        "Rubio said he would come back to the region within two weeks."
    )
    assert found.statements == ()


def test_ticker_entries_are_read_but_a_live_blogs_entry_titles_are_not(
    extractor: Extractor,
) -> None:
    ticker = extractor.extract(
        "TICKER: ceasefire talks in Oslo\n"
        "14:10 BREAKING: Peskov says a ceasefire is possible only after a deal on territory\n"
        '14:02 - "We are not in a hurry to sign anything on territory," Peskov told reporters.\n'
        "13:40 JUST IN: delegations leave the venue"
    )
    entry = _one(ticker, "Peskov says a ceasefire")
    assert (entry.actor_id, entry.kind) == ("peskov", "reported")
    assert entry.text.startswith("Peskov")  # not the time stamp or the label
    assert _one(ticker, "not in a hurry").actor_id == "peskov"
    live = extractor.extract(
        "Live: ceasefire talks in Oslo, day two\n"
        "14:10 GMT - Peskov says a ceasefire is possible only after a deal on territory\n"
        "The Kremlin spokesman spoke to reporters by phone from Moscow about the ceasefire.\n"
        '"We are not in a hurry to sign anything on territory," Peskov said.'
    )
    assert [s.text[:6] for s in live.statements] == ["We are"]


def test_a_paragraph_ending_in_a_colon_introduces_its_speakers_words(
    extractor: Extractor,
) -> None:
    found = extractor.extract(
        "Ceasefire talks in Oslo, day two\n"
        "Hakan Demir, Turkey's envoy, was quick to offer his country as host for the talks."
        " Speaking to reporters from Ankara, he made the offer in so many words:\n"
        "Istanbul is ready to host the next round at any moment, with all three delegations.\n"
        "Kirill Dmitriev developed his proposal on frozen assets to reporters. In our"
        " translation:\n"
        "The frozen money should work for peace instead of gathering dust in Brussels."
    )
    assert _one(found, "Istanbul is ready").actor_id == "hakan_demir"
    assert _one(found, "frozen money").actor_id == "dmitriev"


def test_a_signed_post_answers_the_line_that_introduced_it(extractor: Extractor) -> None:
    found = extractor.extract(
        "What each side said after the ceasefire round\n"
        "Rustem Umerov summed up the two days on X:\n"
        "Two days of hard work on the ceasefire. Details later.\n"
        "— Rustem Umerov\n"
        "President Volodymyr Zelensky went further in a post late on Wednesday:\n"
        "We will not withdraw from Donbas for a ceasefire.\n"
        "— Volodymyr Zelensky"
    )
    assert [(s.actor_id, s.text[:9]) for s in found.statements] == [
        ("umerov", "Two days "),
        ("zelensky", "We will n"),
    ]


def test_the_deck_under_the_headline_can_attribute_a_statement(extractor: Extractor) -> None:
    found = extractor.extract(
        "Sybiha: no vote under fire\n"
        "Ukraine's foreign minister rules out elections before a lasting ceasefire, in an"
        " interview with our Sunday programme\n"
        "Andrii Sybiha spoke to us in Kyiv on the eve of the next round of ceasefire talks.\n"
        "Pressed on Washington's pressure, the minister pauses before answering.\n"
        "“Our partners are honest brokers when they are firm with Moscow on the ceasefire.”"
    )
    deck = _one(found, "rules out elections")
    assert (deck.actor_id, deck.kind) == ("sybiha", "reported")
    assert _one(found, "honest brokers").actor_id == "sybiha"
    assert not [s for s in found.statements if s.text.startswith("Sybiha: no vote")]


def test_a_headline_under_a_menu_bar_is_no_deck(extractor: Extractor) -> None:
    found = extractor.extract(
        "Home | World | Europe | Ukraine war\n"
        "Talks in Oslo: Kaja Kallas sets out her conditions for a ceasefire deal\n"
        "Kallas said on Monday that sanctions must stay until a ceasefire is signed."
    )
    assert [s.text[:6] for s in found.statements] == ["Kallas"]
    assert found.statements[0].text.startswith("Kallas said")
