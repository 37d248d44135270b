"""The segment stage and the choice of candidate sentences: what is article text, what is page
furniture, and which sentences may be statements at all. Original probe sentences, one per
phenomenon."""

from __future__ import annotations

import pytest

from bot.extract.statements import Extraction, Extractor
from bot.model import Statement


def _one(extraction: Extraction, words: str) -> Statement:
    found = [s for s in extraction.statements if words in s.text]
    assert len(found) == 1, [s.text for s in extraction.statements]
    return found[0]


def _none(extraction: Extraction, words: str) -> None:
    assert not [s for s in extraction.statements if words in s.text], [
        s.text for s in extraction.statements
    ]


# --- headlines and menus ---------------------------------------------------------------------


def test_a_long_first_line_without_a_full_stop_is_the_headline(extractor: Extractor) -> None:
    found = extractor.extract(
        "Foreign Minister Andrii Sybiha told the parliamentary committee on Tuesday that the"
        " ceasefire talks in Muscat had produced no agreement on the front line and that the"
        " delegation would return to the Gulf within a fortnight for another round\n"
        "Andrii Sybiha told the committee that Ukraine would not accept a ceasefire without"
        " monitors on the line."
    )
    _none(found, "parliamentary committee on Tuesday")
    assert _one(found, "without monitors").actor_id == "sybiha"


def test_the_line_under_a_breadcrumb_is_the_headline_not_a_deck(extractor: Extractor) -> None:
    found = extractor.extract(
        "Home > World > Europe\n"
        "Rubio says sanctions stay until Moscow signs; Kallas vows frozen assets stay frozen\n"
        "Marco Rubio said on Monday that sanctions on Russia would stay until a deal is signed."
    )
    _none(found, "Kallas vows")
    assert _one(found, "until a deal is signed").actor_id == "rubio"


# --- interview transcripts -------------------------------------------------------------------


def test_a_transcript_with_labels_in_ordinary_case(extractor: Extractor) -> None:
    found = extractor.extract(
        "Andrii Sybiha spoke to the Harbour Review in Kyiv ahead of the Oslo round.\n"
        "Harbour Review: What do you expect from Oslo?\n"
        "Andrii Sybiha: Movement on prisoners first, and an honest talk about the ceasefire.\n"
        "Harbour Review: And if Moscow says no?\n"
        "Sybiha: Then we will ask our partners for more air defence before the winter."
    )
    answers = [s for s in found.statements if s.actor_id == "sybiha"]
    assert [s.text[:8] for s in answers] == ["Movement", "Then we "]
    _none(found, "Harbour Review:")
    _none(found, "What do you expect")


def test_one_label_in_ordinary_case_is_no_transcript(extractor: Extractor) -> None:
    found = extractor.extract(
        "Umerov said the talks in Oslo would resume on Monday after a pause for consultations.\n"
        "Update: Umerov said later that the prisoner lists had been exchanged in full.\n"
        "Note: this story has been updated."
    )
    assert _one(found, "prisoner lists").actor_id == "umerov"


def test_a_pleasantry_in_a_transcript_is_no_statement(extractor: Extractor) -> None:
    found = extractor.extract(
        "Karoline Leavitt briefed reporters at the White House on the Oslo talks.\n"
        "Q: Will the President call Putin this week about the ceasefire?\n"
        "MS. LEAVITT: The President wants a ceasefire and he will talk to anyone who helps.\n"
        "Q: Thanks.\n"
        "MS. LEAVITT: Thanks, everyone."
    )
    assert _one(found, "talk to anyone").actor_id == "leavitt"
    _none(found, "Thanks, everyone")


# --- page furniture --------------------------------------------------------------------------


FURNITURE = {
    "a writer's bio and a newsletter's sign-off": (
        "The Oslo round ended without a ceasefire on Friday.\n"
        '"We will come back in a fortnight," Umerov said of the ceasefire talks.\n'
        "We will have more on the ceasefire talks tomorrow. That's all for today. Reply to this"
        " email with your questions.\n"
        "Marit Olsen is a senior fellow at the Fjord Institute. Her views are her own."
    ),
    "a list of sources and a rating key": (
        "Umerov said on Monday that the ceasefire talks would resume in Oslo next week.\n"
        "Sources: the grid operator's daily reports; the air force; the ministry's statement.\n"
        "Our ratings: True / Mostly true / Misleading / False. Corrections: desk@example.org"
    ),
    "a programme's air time in the first person": (
        'Umerov spoke to our programme about the ceasefire. "The guns must fall silent first,"'
        " he said.\n"
        "Evening Round is broadcast at 19:00 on our main channel and online."
    ),
}


@pytest.mark.parametrize("text", FURNITURE.values(), ids=FURNITURE.keys())
def test_page_furniture_is_no_statement(extractor: Extractor, text: str) -> None:
    found = extractor.extract(text)
    assert [s.actor_id for s in found.statements] == ["umerov"]


# --- a verb of saying with nothing said ------------------------------------------------------


def test_a_verb_of_saying_with_nothing_said_is_no_statement(extractor: Extractor) -> None:
    found = extractor.extract(
        "The ceasefire talks in Oslo ended on Friday.\n"
        "Foreign Minister Andrii Sybiha echoed the message on social media.\n"
        "Dmitry Medvedev commented on the Oslo results on his Telegram channel.\n"
        "Zelensky answered in his evening address.\n"
        "Rustem Umerov informed the President about the results of the fifth round.\n"
        "Mark Rutte set out the limits in a television interview on 10 May.\n"
        "Lavrov warned of a new escalation if European troops were sent to Ukraine.\n"
        "Zelensky insisted on a full ceasefire before any vote on territory."
    )
    assert [s.actor_id for s in found.statements] == ["lavrov", "zelensky"]


def test_a_sentence_final_attribution_keeps_its_statement(extractor: Extractor) -> None:
    found = extractor.extract(
        "The ceasefire talks in Oslo ended on Friday.\n"
        "Not before the shooting stops and the monitors are in place, Umerov said.\n"
        "Sybiha said on Saturday the ceasefire talks had moved forward."
    )
    assert _one(found, "shooting stops").actor_id == "umerov"
    assert _one(found, "had moved forward").actor_id == "sybiha"


def test_a_question_is_no_statement(extractor: Extractor) -> None:
    found = extractor.extract(
        "Andrii Sybiha took questions on the ceasefire from the studio audience.\n"
        "The presenter, Ola Berg, then asked whether Kyiv would accept a ceasefire on the line.\n"
        "He is asked whether Ukraine’s road to NATO has been closed by the American plan.\n"
        "Asked about a summit, Sybiha said there were no plans for a ceasefire summit yet."
    )
    _none(found, "then asked")
    _none(found, "He is asked")
    assert _one(found, "no plans").actor_id == "sybiha"


# --- datelines -------------------------------------------------------------------------------


def test_a_dateline_is_not_part_of_the_sentence_after_it(extractor: Extractor) -> None:
    found = extractor.extract(
        "OSLO, May 4 (Fjord Wire) — Foreign Minister Andrii Sybiha said the ceasefire would"
        ' hold only "if the monitors are there from the first day."\n'
        "GENEVA — Secretary of State Marco Rubio said sanctions on Russia would stay until a"
        " ceasefire deal is signed."
    )
    assert _one(found, "said the ceasefire would hold").actor_id == "sybiha"
    assert _one(found, "sanctions on Russia would stay").actor_id == "rubio"


# --- live blogs and tickers ------------------------------------------------------------------


def test_the_last_entry_of_a_ticker_before_a_days_label_is_an_entry(extractor: Extractor) -> None:
    found = extractor.extract(
        "OSLO TALKS TICKER\n"
        "18:05 — Sybiha says the ceasefire must be monitored from the first day\n"
        "09:40 — Umerov: the prisoner lists for the exchange are complete\n"
        "MONDAY 4 MAY\n"
        "21:15 URGENT - Peskov says the ceasefire offer still stands for the Oslo round\n"
        "Ticker ends. More on our website"
    )
    assert [s.actor_id for s in found.statements] == ["sybiha", "umerov", "peskov"]
    assert _one(found, "offer still stands").text.startswith("Peskov says")


def test_a_stamped_line_above_prose_is_an_entry_title(extractor: Extractor) -> None:
    found = extractor.extract(
        "Oslo talks live\n"
        "18:05 Sybiha says the ceasefire must be monitored\n"
        "Andrii Sybiha told reporters that monitors had to be on the line from the first day of"
        " any ceasefire.\n"
        "17:30 Umerov arrives\n"
        "Rustem Umerov said the prisoner lists were complete and the exchange would follow."
    )
    _none(found, "must be monitored")
    assert [s.actor_id for s in found.statements] == ["sybiha", "umerov"]


# --- captions and the writer's own voice ------------------------------------------------------


def test_a_caption_in_brackets_is_text(extractor: Extractor) -> None:
    found = extractor.extract(
        "Oslo round ends without a ceasefire\n"
        "[Image: Rustem Umerov leaves the talks in Oslo. Umerov said the prisoner exchange would"
        " follow within a week.]\n"
        "The delegations will meet again in May."
    )
    assert _one(found, "prisoner exchange would follow").actor_id == "umerov"


def test_a_columnists_first_person_is_not_the_last_speakers(extractor: Extractor) -> None:
    found = extractor.extract(
        "Oslo, and the art of the deadline\n"
        '"The ceasefire must come before the vote, not after it," Zelensky said on Monday.\n'
        "I find the sequence persuasive. I fear the winter will test it.\n"
        "Umerov, whom I met in Oslo, told me he had the prisoner lists in his bag."
    )
    assert [s.actor_id for s in found.statements] == ["zelensky", "umerov"]


def test_a_documents_paragraph_in_its_own_voice_is_one_statement(extractor: Extractor) -> None:
    found = extractor.extract(
        "Statement of the Ministry of Foreign Affairs of Ukraine on the Oslo round\n"
        "We welcome the work of our partners in Oslo. We will return for the next round of"
        " talks on the ceasefire.\n"
        "The Ministry notes that the prisoner exchange agreed in Oslo must take place in May."
    )
    whole = _one(found, "We welcome")
    assert (whole.actor_id, whole.kind) == ("ukraine_mfa", "direct")
    assert whole.text.endswith("talks on the ceasefire.")
    assert _one(found, "The Ministry notes").kind == "reported"


# --- embedded posts --------------------------------------------------------------------------


def test_a_post_under_its_authors_header_is_the_authors(extractor: Extractor) -> None:
    found = extractor.extract(
        "The ceasefire talks in Oslo ended on Friday.\n"
        "The foreign minister posted a verdict on X:\n"
        "Andrii Sybiha @sybiha_example · X\n"
        "Oslo was hard work. The ceasefire must now be monitored on the whole line.\n"
        "Umerov said the prisoner exchange would follow in May."
    )
    post = _one(found, "Oslo was hard work")
    assert (post.actor_id, post.kind) == ("sybiha", "direct")
    _none(found, "@sybiha_example")


def test_a_signed_pull_quote_is_the_words_inside_its_marks(extractor: Extractor) -> None:
    found = extractor.extract(
        "The ceasefire talks in Oslo ended on Friday.\n"
        '"The ceasefire must be monitored on the whole line, or it is no ceasefire."\n'
        "— Andrii Sybiha\n"
        "Umerov said the prisoner exchange would follow in May."
    )
    post = _one(found, "monitored on the whole line")
    assert post.actor_id == "sybiha"
    assert post.text == "The ceasefire must be monitored on the whole line, or it is no ceasefire."


# --- off-topic articles ----------------------------------------------------------------------


def test_a_long_piece_naming_issues_in_few_words_is_off_topic(extractor: Extractor) -> None:
    found = extractor.extract(
        "Merz defends rail budget\n"
        "Chancellor Friedrich Merz said on Tuesday that the draft rail budget was fair to"
        " commuters and to the regions.\n"
        '"Nobody will pay more for a ticket next year," Merz told the Bundestag.\n'
        "Transport officials said the draft would add two billion euros for new tracks.\n"
        "Opposition leader Jana Keller said her party would vote against it unless the fare"
        " guarantee was written into law.\n"
        '"A promise in a speech is not a guarantee," Keller said.\n'
        "The budget committee will hold its vote on the package in March.\n"
        "Rail unions said they would wait for the final text before commenting."
    )
    assert found.statements == ()


def test_a_shouted_label_keeps_an_untracked_name_in_capitals(extractor: Extractor) -> None:
    from bot.extract.casing import recased

    line = '13:20 - NORWEGIAN ENVOY TORE HALVORSEN: TALKS "WILL RESUME ON MONDAY", VENUE OPEN'
    read = recased(line, extractor.index.name_words, extractor.language.stopwords, 30)
    assert read.startswith("13:20 - Norwegian Envoy Tore Halvorsen: Talks")
    assert len(read) == len(line)


def test_a_ticker_stamped_with_its_date_and_a_double_dash(extractor: Extractor) -> None:
    found = extractor.extract(
        "OSLO TALKS - WIRE FLASHES\n"
        "05-MAY 14:02 GMT -- UMEROV: PRISONER LISTS FOR THE OSLO EXCHANGE ARE COMPLETE\n"
        "05-MAY 11:40 GMT -- PESKOV SAYS THE CEASEFIRE OFFER STILL STANDS FOR THE OSLO ROUND\n"
        "More flashes on our website"
    )
    assert [s.actor_id for s in found.statements] == ["umerov", "peskov"]


def test_a_list_item_saying_who_said_what_is_text(extractor: Extractor) -> None:
    found = extractor.extract(
        "Oslo talks: what we know\n"
        "• Sybiha says the ceasefire must be monitored from the first day\n"
        "• Umerov: the prisoner lists for the exchange are complete\n"
        "• Next round date not yet set\n"
        "Rustem Umerov said the prisoner exchange would follow in May."
    )
    assert [s.actor_id for s in found.statements] == ["sybiha", "umerov", "umerov"]
    _none(found, "Next round")


def test_the_interviewer_is_the_label_whose_turns_are_questions(extractor: Extractor) -> None:
    found = extractor.extract(
        "Marta Lind, a member of the parliament's defence committee, spoke to the Fjord Post.\n"
        "Fjord Post: What did the delegation tell you about the ceasefire?\n"
        "Lind: That the monitors will be on the line from the first day of any ceasefire.\n"
        "Fjord Post: And the prisoner exchange? Is it agreed?\n"
        "Lind: The lists are agreed, and the first group of prisoners comes home in May."
    )
    answers = [s for s in found.statements if s.actor_id == "marta_lind"]
    assert [s.text[:8] for s in answers] == ["That the", "The list"]
    _none(found, "What did the delegation")


def test_a_quote_signed_with_name_and_day_is_the_speakers(extractor: Extractor) -> None:
    found = extractor.extract(
        "The ceasefire talks in Oslo ended on Friday.\n"
        '"It is too early to talk about a ceasefire. The delegations will report first."'
        " - Dmitry Peskov, Wednesday"
    )
    assert _one(found, "too early to talk").actor_id == "peskov"


def test_a_post_introduced_after_a_quote_in_the_same_paragraph(extractor: Extractor) -> None:
    found = extractor.extract(
        "The ceasefire talks in Oslo ended on Friday.\n"
        'Kallas called the ceasefire "a first step". Her words were echoed by Donald Tusk, who'
        " wrote on X:\n"
        "A ceasefire is good. Borders changed by force are never good. Europe must be at the"
        " table.\n"
    )
    assert _one(found, "Borders changed by force").actor_id == "tusk"
    _none(found, "were echoed")


def test_the_writers_sourcing_tag_says_nothing(extractor: Extractor) -> None:
    found = extractor.extract(
        "The ceasefire talks in Oslo ended on Friday.\n"
        "The talks were difficult but useful for the ceasefire, Rustem Umerov said.\n"
        "He stated this on Telegram, the Fjord Agency correspondent reports."
    )
    assert [s.actor_id for s in found.statements] == ["umerov"]


def test_the_line_under_a_kicker_is_the_headline(extractor: Extractor) -> None:
    found = extractor.extract(
        "FACT CHECK\n"
        'Did Umerov say the ceasefire talks are "over" for this year? No\n'
        "Rustem Umerov said on Monday that the ceasefire talks would resume in Oslo in May."
    )
    assert [s.actor_id for s in found.statements] == ["umerov"]
    _none(found, "Did Umerov")


@pytest.mark.parametrize(
    "label",
    ["FOREIGN MINISTER FAISAL BIN FARHAN", "SAUDI FOREIGN MINISTER PRINCE FAISAL BIN FARHAN"],
)
def test_a_long_shouted_label_of_title_and_name_is_a_turn(
    extractor: Extractor, label: str
) -> None:
    found = extractor.extract(
        "Transcript: joint press availability after the round\n"
        "MODERATOR: Good afternoon, each principal will speak briefly.\n"
        f"{label}: The Kingdom will keep hosting the delegations for as long as they need.\n"
        "SECRETARY RUBIO: The parties agreed on a moratorium on strikes against power plants.\n"
        "QUESTION: Will the Kingdom guarantee the moratorium?\n"
        f"{label}: We are a host for the talks, not a guarantor of any moratorium.\n"
    )
    assert [s.actor_id for s in found.statements] == [
        "faisal_bin_farhan",
        "rubio",
        "faisal_bin_farhan",
    ]
