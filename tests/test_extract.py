"""Statement extraction: attribution, kinds, issues — on the seeds and on phenomena beyond them."""

from __future__ import annotations

import pytest

from bot.extract.statements import Extractor
from bot.model import Statement
from bot.store import Store


def _speaker_of(statements: tuple[Statement, ...], fragment: str) -> str:
    found = [s for s in statements if fragment in s.text]
    assert found, f"no statement contains {fragment!r}: {[s.text[:60] for s in statements]}"
    return found[0].actor_id


def _stored_speaker(store: Store, fragment: str) -> tuple[str, str]:
    found = [s for s in store.statements() if fragment.lower() in s.text.lower()]
    assert found, f"no stored statement contains {fragment!r}"
    return found[0].actor_id, found[0].kind


@pytest.mark.parametrize(
    ("fragment", "actor", "kind"),
    [
        ("If relevant amendments are made", "ushakov", "direct"),
        ("There will be provisions which are completely unacceptable", "ushakov", "direct"),
        ("I think we are at a critical moment", "stubb", "direct"),
        ("the EU’s ability to act will be severely damaged", "merz", "direct"),
        ("The issue of security in particular", "kornelius", "direct"),
        ("He is dragging out negotiations", "metreweli", "direct"),
        ("The American team led by Steve Witkoff", "umerov", "direct"),
        ("The most important thing for us is now to ensure", "rasmussen", "direct"),
        ("We must take a decision", "rasmussen", "direct"),
        ("once they complete their part of the work", "peskov", "direct"),
        ("Trying to predict a potential time frame", "peskov", "direct"),
        ("Zelensky said Kyiv was willing to drop its bid", "zelensky", "reported"),
        ("He emphasized that any alternative security arrangement", "zelensky", "reported"),
        ("consensus was reached on an estimated 90%", "anon_us_official", "reported"),
        ("Zelenskyy repeatedly rejected the demand", "anon_source", "reported"),
        ("Kallas confirmed that Ukraine's NATO membership", "kallas", "reported"),
    ],
)
def test_seed_statements_are_attributed_to_the_right_person(
    seeded_store: Store, fragment: str, actor: str, kind: str
) -> None:
    assert _stored_speaker(seeded_store, fragment) == (actor, kind)


def test_statement_text_is_exact_text_of_the_article(seeded_store: Store) -> None:
    articles = {a.id: a.text for a in seeded_store.articles()}
    statements = seeded_store.statements()
    assert len(statements) > 50
    for s in statements:
        assert articles[s.article_id][s.position : s.position + len(s.text)] == s.text


def test_scare_quotes_are_not_statements(extractor: Extractor) -> None:
    text = (
        "Zelensky met European leaders in Berlin on Monday.\n"
        # (not 'Officials called the mood "..."': officials characterising it do speak)
        "The mood was “cautiously upbeat” and the venue “historic” as NATO diplomats arrived."
    )
    assert extractor.extract(text).statements == ()


def test_quote_split_around_the_attribution_keeps_one_speaker(extractor: Extractor) -> None:
    text = (
        "Talks on NATO resumed.\n"
        "“We are not going to give up our territory under any circumstances,” Sybiha said on"
        " Tuesday. “Nobody has the right to trade Ukrainian land behind our backs.”"
    )
    found = extractor.extract(text).statements
    assert [s.actor_id for s in found] == ["sybiha", "sybiha"]
    assert "territory" in found[1].issues


def test_he_said_two_names_later_resolves_to_the_speaker(extractor: Extractor) -> None:
    text = (
        "Kremlin aide Yuri Ushakov met Steve Witkoff and Jared Kushner in Moscow on Tuesday.\n"
        "“We have agreed on some points of the peace plan, but the territorial question remains"
        " open,” he said."
    )
    found = extractor.extract(text).statements
    assert [s.actor_id for s in found] == ["ushakov"]
    assert {"territory", "peace_plan"} <= set(found[0].issues)


def test_she_said_skips_men(extractor: Extractor) -> None:
    text = (
        "Kaja Kallas spoke after Sergey Lavrov's remarks on the ceasefire.\n"
        "“Russia is not serious about a ceasefire while its drones keep hitting cities,” she said."
    )
    assert _speaker_of(extractor.extract(text).statements, "Russia is not serious") == "kallas"


def test_spelling_variants_resolve_to_one_actor(extractor: Extractor) -> None:
    for spelling in ("Zelensky", "Zelenskyy", "Zelenskiy", "Ukraine's president"):
        text = f"{spelling} said Ukraine would never recognise occupied territory as Russian."
        assert _speaker_of(extractor.extract(text).statements, "recognise") == "zelensky"


def test_unnamed_sources_stay_apart_from_named_people(extractor: Extractor) -> None:
    text = (
        "Witkoff flew to Abu Dhabi for talks on the peace plan.\n"
        "A senior U.S. official said the sides had agreed on a prisoner exchange of 300 people.\n"
        "A person familiar with the talks said Moscow rejected the ceasefire proposal outright."
    )
    found = extractor.extract(text).statements
    assert [s.actor_id for s in found] == ["anon_us_official", "anon_source"]


def test_institutions_speak(extractor: Extractor) -> None:
    text = "The Kremlin said it saw no basis for a ceasefire before a full peace settlement."
    assert _speaker_of(extractor.extract(text).statements, "ceasefire") == "kremlin"


def test_named_speaker_not_in_config_becomes_a_new_actor(extractor: Extractor) -> None:
    text = (
        "Turkey hosted the last round of peace talks in May.\n"
        "“Istanbul is ready to host a ceasefire signing at any moment,” Hakan Fidan told"
        " reporters in Ankara."
    )
    result = extractor.extract(text)
    assert [s.actor_id for s in result.statements] == ["hakan_fidan"]
    assert [(a.id, a.name, a.known) for a in result.new_actors] == [
        ("hakan_fidan", "Hakan Fidan", False)
    ]


def test_outlets_reporting_are_not_speakers(extractor: Extractor) -> None:
    text = "Reuters reported that the ceasefire talks in Geneva had stalled over territory."
    assert extractor.extract(text).statements == ()


def test_off_topic_article_has_no_statements(extractor: Extractor) -> None:
    text = (
        "The city council approved a new budget on Tuesday.\n"
        "“This budget funds schools, roads and libraries for the next five years,” Mayor Anna"
        " Berg said."
    )
    assert extractor.extract(text).statements == ()


def test_colon_attribution_and_reported_speech_in_one_paragraph(extractor: Extractor) -> None:
    text = (
        "Peskov told reporters on Wednesday that Moscow had not yet received the amended peace"
        " plan. He added: “We will study it carefully once it arrives in Moscow.”"
    )
    found = extractor.extract(text).statements
    assert [(s.actor_id, s.kind) for s in found] == [("peskov", "reported"), ("peskov", "direct")]


def test_live_blog_colon_attribution(extractor: Extractor) -> None:
    text = (
        "14:05 GMT\nPeskov: “There is no agreement yet on the territorial issue, work continues.”"
    )
    found = extractor.extract(text).statements
    assert [(s.actor_id, s.kind) for s in found] == [("peskov", "direct")]
    assert "territory" in found[0].issues


def test_straight_single_quotes_are_told_apart_from_apostrophes(extractor: Extractor) -> None:
    text = (
        "Kyiv's negotiators arrived in Miami on Saturday.\n"
        "'We won't sign anything that hands over Ukraine's land,' Umerov told the BBC."
    )
    found = extractor.extract(text).statements
    assert [(s.actor_id, s.kind) for s in found] == [("umerov", "direct")]
    assert found[0].text.startswith("We won't sign anything")


def test_attribution_in_the_middle_of_a_quote(extractor: Extractor) -> None:
    text = (
        "“We are ready for a ceasefire,” Zelensky said in Abu Dhabi, “but not at the price of"
        " our territory.”"
    )
    found = extractor.extract(text).statements
    assert [s.actor_id for s in found] == ["zelensky", "zelensky"]


def test_according_to_him_refers_back(extractor: Extractor) -> None:
    text = (
        "Kirill Dmitriev arrived in Miami for talks with Witkoff on the peace plan.\n"
        "According to him, the sides had narrowed their differences on sanctions relief and"
        " energy cooperation."
    )
    found = extractor.extract(text).statements
    assert [(s.actor_id, s.kind) for s in found] == [("dmitriev", "reported")]
