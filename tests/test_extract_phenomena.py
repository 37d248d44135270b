"""One small original case per phenomenon the statement engine reads (issue 9): segmenting,
quotes, speech verbs, attribution, coreference, documents, posts, transcripts and issues in
context.
Every text here was written for this test."""

from __future__ import annotations

import pytest

from bot.config import Config
from bot.extract.clean import clean_text
from bot.extract.segment import Segmenter
from bot.extract.statements import Extraction, Extractor
from bot.model import Statement


def _one(extraction: Extraction, fragment: str) -> Statement:
    found = [s for s in extraction.statements if fragment in s.text]
    assert len(found) == 1, f"{fragment!r} in {[s.text for s in extraction.statements]}"
    return found[0]


def _none(extraction: Extraction, fragment: str) -> None:
    assert not [s for s in extraction.statements if fragment in s.text]


# --- segment ----------------------------------------------------------------------------------


def test_headlines_section_heads_and_time_stamps_are_not_text(config: Config) -> None:
    blocks = Segmenter(config.language).blocks(
        "Kremlin says truce talk premature as envoys meet\n"
        "WHAT THEY SAID\n"
        "09:15\n"
        "Peskov said on Monday that a truce was not on the agenda yet.\n"
        "Home | World | Europe | Video\n"
        "Enjoyed this issue? Subscribe to The Brief and get it every Saturday."
    )
    kinds = [b.kind for b in blocks]
    assert kinds == ["heading", "heading", "heading", "text", "heading", "heading"]


def test_a_headline_is_never_a_statement(extractor: Extractor) -> None:
    found = extractor.extract(
        "Peskov says ceasefire talk premature\n"
        "Kremlin spokesman Dmitry Peskov said on Monday that talk of a ceasefire was premature."
    )
    assert [s.text for s in found.statements] == [
        "Kremlin spokesman Dmitry Peskov said on Monday that talk of a ceasefire was premature."
    ]


# --- quotes -----------------------------------------------------------------------------------


def test_guillemets_in_english_copy(extractor: Extractor) -> None:
    s = _one(
        extractor.extract(
            "«A ceasefire without guarantees would only freeze the war», Lavrov told journalists."
        ),
        "freeze the war",
    )
    assert (s.actor_id, s.kind) == ("lavrov", "direct")
    assert s.text == "A ceasefire without guarantees would only freeze the war"


def test_scare_quotes_are_not_statements(extractor: Extractor) -> None:
    found = extractor.extract(
        'The so-called "coalition of the willing" met in Paris to plan a "reassurance force".'
    )
    assert found.statements == ()


# --- speech verbs in every tense and voice ------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Zelensky has repeatedly said that Ukraine will never recognise the occupation of Crimea.",
        "Zelensky was quoted as saying that Ukraine will not recognise the occupation of Crimea.",
        "Zelensky once again insisted that Ukraine will never recognise the occupation of Crimea.",
        "Zelensky on Tuesday firmly ruled out recognising the occupation of Crimea by Russia.",
    ],
)
def test_speech_verbs_with_auxiliaries_and_adverbs(extractor: Extractor, sentence: str) -> None:
    s = _one(extractor.extract(sentence), "Crimea")
    assert (s.actor_id, s.kind, s.issues) == ("zelensky", "reported", ("territory",))


# --- attribution ------------------------------------------------------------------------------


def test_a_relative_clause_between_speaker_and_verb(extractor: Extractor) -> None:
    s = _one(
        extractor.extract(
            "Peskov, who spoke to reporters in Moscow after a security council meeting, said the"
            " sanctions had failed."
        ),
        "sanctions had failed",
    )
    assert s.actor_id == "peskov"


def test_role_then_surname_and_an_unknown_name_resolving_later(extractor: Extractor) -> None:
    found = extractor.extract(
        "Moldova's foreign minister, Irina Bostan, said the truce should cover the Black Sea.\n"
        '"Ships must be able to sail without fear of drones," Bostan added.'
    )
    first = _one(found, "Black Sea")
    later = _one(found, "Ships must be able")
    assert first.actor_id == later.actor_id == "irina_bostan"
    assert [a.name for a in found.new_actors] == ["Irina Bostan"]


def test_a_pronoun_across_paragraphs(extractor: Extractor) -> None:
    found = extractor.extract(
        "Kaja Kallas told EU ministers the frozen assets would fund Ukraine's defence.\n"
        '"We will not hand back a single euro before Russia pays," she said.'
    )
    assert _one(found, "single euro").actor_id == "kallas"


def test_a_role_phrase_stands_for_the_person_named_before(extractor: Extractor) -> None:
    found = extractor.extract(
        "Sergey Lavrov met his Turkish counterpart in Antalya on Friday.\n"
        "The minister said any peace deal would have to reflect the situation on the ground."
    )
    assert _one(found, "any peace deal").actor_id == "lavrov"


def test_according_to_and_an_office_speaking_for_its_head(extractor: Extractor) -> None:
    found = extractor.extract(
        "According to Ushakov, the two presidents did not discuss sanctions relief.\n"
        "Zelensky's office said a new prisoner exchange was being prepared."
    )
    assert _one(found, "sanctions relief").actor_id == "ushakov"
    assert _one(found, "prisoner exchange").actor_id == "ukraine_presidency"


def test_a_paragraph_introduced_with_a_colon_is_the_speakers_words(extractor: Extractor) -> None:
    found = extractor.extract(
        "Witkoff spoke briefly to reporters as he left the talks on the ceasefire. He said:\n"
        "We have made real progress today and we will be back next week."
    )
    s = _one(found, "real progress")
    assert (s.actor_id, s.kind) == ("witkoff", "direct")


def test_several_speakers_in_one_paragraph(extractor: Extractor) -> None:
    found = extractor.extract(
        'Rubio said the sanctions would stay until a deal was signed. "These sanctions are'
        ' illegal and they will fail," Lavrov replied. Kallas wrote on X that Europe would keep'
        " its sanctions too."
    )
    assert [s.actor_id for s in found.statements] == ["rubio", "lavrov", "kallas"]


def test_an_outlets_report_is_not_a_statement(extractor: Extractor) -> None:
    found = extractor.extract(
        "Bloomberg reported that Zelensky rejected a proposal to withdraw from Donetsk.\n"
        "Zelensky said on Monday that Ukraine would not withdraw from Donetsk."
    )
    _none(found, "Bloomberg")
    assert _one(found, "would not withdraw").actor_id == "zelensky"


# --- documents, posts, transcripts ---------------------------------------------------------------


def test_a_reproduced_readout_speaks_for_its_author(extractor: Extractor) -> None:
    found = extractor.extract(
        "Telephone conversation with the President of Finland\n"
        "The full text of the statement of the Presidential Press and Information Office.\n"
        "Vladimir Putin had a telephone conversation with President of Finland Alexander Stubb.\n"
        "It was noted that the lifting of sanctions would benefit trade in the Baltic region.\n"
        "The sides agreed to continue contacts on the exchange of prisoners."
    )
    _none(found, "had a telephone conversation")
    assert _one(found, "It was noted").actor_id == "kremlin"
    assert _one(found, "continue contacts").actor_id == "kremlin"


def test_an_embedded_post_is_its_authors_statement(extractor: Extractor) -> None:
    text = clean_text(
        "Sybiha thanked the partners after the ministers' meeting on the ceasefire.\n"
        "No ceasefire without guarantees. No guarantees without Europe.\n"
        "— Andrii Sybiha (@andrii_sybiha) April 2, 2026\n"
        "The ministers will meet again in May."
    )
    s = _one(extractor.extract(text), "No ceasefire without guarantees")
    assert (s.actor_id, s.kind) == ("sybiha", "direct")


def test_transcript_turns_and_the_question_they_answer(extractor: Extractor) -> None:
    found = extractor.extract(
        "Nordic Signal's Erik Halvorsen spoke to Alexander Stubb in Helsinki.\n"
        "Q: Should Ukraine hold elections before the war ends?\n"
        "A: That is for Ukrainians alone. Nobody abroad should decide it for them.\n"
        "Q: And the reassurance force?\n"
        "A: Finland will do its part when the time comes."
    )
    answer = _one(found, "Ukrainians alone")
    assert (answer.actor_id, answer.kind, answer.issues) == ("stubb", "direct", ("elections",))
    force = _one(found, "do its part")
    assert force.issues == ("security_guarantees",)
    _none(found, "Should Ukraine")


def test_named_transcript_turns(extractor: Extractor) -> None:
    found = extractor.extract(
        "Marta Jankowska's interview with Volodymyr Zelensky, in full.\n"
        "JANKOWSKA: Will you accept a ceasefire along the current line?\n"
        "ZELENSKY: Only with guarantees that Russia cannot attack again.\n"
        "JANKOWSKA: And if the guarantees never come?\n"
        "ZELENSKY: Then there will be no agreement from us."
    )
    assert [s.actor_id for s in found.statements] == ["zelensky", "zelensky"]


# --- issues in context ------------------------------------------------------------------------


def test_a_statement_without_an_issue_term_takes_its_paragraphs(extractor: Extractor) -> None:
    found = extractor.extract(
        'The prisoner exchange at the Belarus border ran late. "It took longer than we hoped,'
        ' but we got there in the end," Budanov said.'
    )
    assert _one(found, "took longer").issues == ("prisoners",)


def test_an_energy_truce_is_energy_and_ceasefire(extractor: Extractor) -> None:
    found = extractor.extract("Umerov said the energy truce had held for a week.")
    assert set(_one(found, "energy truce").issues) == {"energy", "ceasefire"}


def test_an_off_topic_article_yields_nothing(extractor: Extractor) -> None:
    found = extractor.extract(
        "Merz defends pension reform\n"
        "German Chancellor Friedrich Merz said on Wednesday the retirement age had to rise.\n"
        '"We cannot promise what we cannot pay for," Merz told the Bundestag.\n'
        "Opposition leaders said the plan would hurt workers in heavy industry.\n"
        "The cabinet is expected to approve the bill next month."
    )
    assert found.statements == ()


def test_a_tracked_actor_naming_one_issue_word_in_passing_is_off_topic(
    extractor: Extractor,
) -> None:
    # a storm story: "power" is an energy word, but one paragraph of eight is no talks coverage
    found = extractor.extract(
        "Rubio tours flooded towns\n"
        "Secretary of State Marco Rubio visited three flooded towns on Saturday.\n"
        '"Nobody in these streets will be left behind," Rubio told volunteers at a shelter.\n'
        "Crews worked through the night to restore power to about 40,000 homes.\n"
        "Rubio said federal money for temporary housing would arrive within a week.\n"
        "The river crested on Friday evening, two feet above the old record.\n"
        "Local officials said the school gym would stay open as a shelter until Tuesday.\n"
        '"We have done this before and we will do it again," the mayor said.\n'
        "More rain is forecast for the weekend."
    )
    assert found.statements == ()


def test_an_article_on_the_talks_keeps_its_statements_when_few_lines_name_an_issue(
    extractor: Extractor,
) -> None:
    found = extractor.extract(
        "Rubio upbeat after Geneva\n"
        "Secretary of State Marco Rubio said on Saturday the peace talks had moved forward.\n"
        "He spoke after a long dinner with both delegations.\n"
        '"We are closer than we were," Rubio told reporters.\n'
        "The next meeting is set for Tuesday."
    )
    assert [s.actor_id for s in found.statements] == ["rubio", "rubio"]


def test_a_countrys_role_phrase_stands_for_its_holder(extractor: Extractor) -> None:
    found = extractor.extract(
        "Rustem Umerov briefed the president after the first session in Geneva.\n"
        "Ukraine's lead negotiator added that the lists for the prisoner exchange were agreed."
    )
    assert _one(found, "lists for the prisoner exchange").actor_id == "umerov"


def test_they_said_is_the_unnamed_sources_named_before(extractor: Extractor) -> None:
    found = extractor.extract(
        "Two people familiar with the talks described the draft to us on Sunday.\n"
        "They said the text left the future of the Zaporizhzhia nuclear plant open."
    )
    assert _one(found, "future of the Zaporizhzhia").actor_id == "anon_source"


def test_a_live_blog_quote_paragraph_without_marks(extractor: Extractor) -> None:
    found = extractor.extract(
        "Geneva talks live\n"
        "14:05\n"
        "Rubio upbeat\n"
        "Marco Rubio has spoken to reporters. He said the ceasefire talks were going well.\n"
        "It was a long day and a good one. The ceasefire is within reach.\n"
        "He did not take questions on sanctions.\n"
        "13:30\n"
        "Welcome\n"
        "Welcome to our coverage of the ceasefire talks."
    )
    s = _one(found, "long day and a good one")
    assert (s.actor_id, s.kind) == ("rubio", "direct")
    _none(found, "did not take questions")
    _none(found, "Welcome to our coverage")


def test_a_tabloid_whose_remarks_name_the_talks_between_lines_of_colour_is_on_topic(
    extractor: Extractor,
) -> None:
    # three of its eleven short paragraphs name an issue, but its remarks do, in many words
    found = extractor.extract(
        "PEACE OR PANTOMIME?\n"
        "Rutte has told Moscow to stop stalling after a long week in Geneva.\n"
        "The former Dutch prime minister looked tired.\n"
        "He had flown in from Brussels at dawn.\n"
        "Photographers crowded the hotel steps.\n"
        '"A ceasefire on paper means nothing without guarantees behind it," Rutte said.\n'
        "Aides hurried him inside.\n"
        "Zelensky said Kyiv would never trade territory for a pause in the fighting.\n"
        "The rain did not let up all afternoon.\n"
        "Reporters waited outside until late.\n"
        '"Frozen assets must pay for the rebuilding of every town," Zelensky added.\n'
        "The hotel bar stayed open past midnight."
    )
    assert {s.actor_id for s in found.statements} == {"rutte", "zelensky"}


def test_an_item_whose_prose_names_the_talks_throughout_keeps_its_remarks_of_colour(
    extractor: Extractor,
) -> None:
    # one remark names an issue, the others are colour; the prose names the talks' issues in
    # four paragraphs and many words, so the item is about the talks
    found = extractor.extract(
        "Home | World | Europe\n"
        "Envoy: no deal without the east\n"
        "By Staff | 3 min read\n"
        "Witkoff said a deal would stall unless the question of territory in the east was"
        " settled first.\n"
        "Peskov said it was too early to judge.\n"
        "Lavrov told reporters that he had nothing to add.\n"
        "Rubio said he was hopeful.\n"
        "Macron said he would call Putin soon.\n"
        "Starmer said he had spoken to both men on Sunday.\n"
        "The ceasefire along the front line has held since Monday.\n"
        "Security guarantees for Kyiv were not on the agenda this week.\n"
        "Sanctions relief is expected to come up at the next round.\n"
        "Read more: The talks so far"
    )
    assert {"witkoff", "peskov", "starmer"} <= {s.actor_id for s in found.statements}
