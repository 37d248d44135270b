"""Institutions the config lacks as speakers (bot/extract/institutions.py): a release known by its
label whose author names itself in the present tense, a body named with capitals before its head
noun ("The Federal Ministry of Finance, as host, notes"), a document with its issuer named, and
the places that are never speakers: a roundup's datelines ("ROME:") and a venue. Every text here
was written for this test."""

from __future__ import annotations

from bot.extract.statements import Extractor

_LABELLED = (
    "Joint statement on the close of the Lisbon talks on energy infrastructure\n\n"
    "Statement — Lisbon, 4 April 2027\n\n"
    "From 2 to 4 April the Portuguese Republic hosted talks between the delegations on the"
    " protection of power plants and the grid.\n\n"
    "The parties further agreed that any strike on a power plant will be reported to a joint"
    " commission within a day.\n\n"
    "The Ministry of Foreign Affairs thanks both delegations for their work and urges all parties"
    " to keep the pause in strikes on energy facilities.\n\n"
    "The delegations visited the harbour on the evening of 3 April.\n"
)


def test_a_labelled_release_speaks_for_the_body_that_names_itself(extractor: Extractor) -> None:
    found = extractor.extract(_LABELLED)
    body = next(a for a in found.new_actors if a.kind == "institution")
    assert body.name == "Ministry of Foreign Affairs"
    by_text = {s.text: s.actor_id for s in found.statements}
    thanks = next(t for t in by_text if t.startswith("The Ministry of Foreign Affairs thanks"))
    agreed = next(t for t in by_text if t.startswith("The parties further agreed"))
    assert by_text[thanks] == by_text[agreed] == body.id
    # what happened, without a verb of saying, is nobody's statement
    assert not any(t.startswith(("From 2 to 4", "The delegations visited")) for t in by_text)


def test_a_news_headline_on_a_joint_statement_makes_no_release(extractor: Extractor) -> None:
    text = (
        "Joint statement on energy truce expected within hours\n\n"
        "Negotiators in Lisbon were finishing the text of a pause in strikes on power plants on"
        " Tuesday, two diplomats said.\n\n"
        "The Ministry of Foreign Affairs of Portugal said it would publish the text once the"
        " delegations had signed it.\n"
    )
    found = extractor.extract(text).statements
    # no release: the diplomats' sentence is theirs, not a ministry's
    negotiators = [s for s in found if s.text.startswith("Negotiators in Lisbon")]
    assert negotiators
    assert not any("ministry" in s.actor_id for s in negotiators)


_PRESS = (
    "Press release\n\n"
    "Working group on frozen assets ends its second session\n\n"
    "Lisbon, 5 May 2027\n\n"
    "Experts of the delegations took part in the work. The National Ministry of Economy, as"
    " host, notes that every delegation stayed for the whole session on the frozen assets.\n\n"
    "The Ministry welcomes the decision to set up a legal sub-group on the frozen assets.\n\n"
    '"Nobody expected the experts to stay for three days on the frozen assets," said State'
    " Secretary Joana Ferreira, who chaired the session.\n"
)


def test_a_body_with_capitals_before_its_head_noun_is_the_author(extractor: Extractor) -> None:
    found = extractor.extract(_PRESS)
    body = next(a for a in found.new_actors if a.kind == "institution")
    assert body.name == "National Ministry of Economy"
    by_text = {s.text: s.actor_id for s in found.statements}
    notes = next(t for t in by_text if t.startswith("The National Ministry of Economy"))
    welcomes = next(t for t in by_text if t.startswith("The Ministry welcomes"))
    assert by_text[notes] == by_text[welcomes] == body.id


def test_a_title_between_an_inverted_verb_and_a_name(extractor: Extractor) -> None:
    found = extractor.extract(_PRESS).statements
    quote = next(s for s in found if s.text.startswith("Nobody expected"))
    assert quote.actor_id == "joana_ferreira"


def test_a_document_with_its_issuer_named_speaks_as_the_issuer(extractor: Extractor) -> None:
    text = (
        "The talks on the energy truce ended in Lisbon on Friday, and Donald Trump hailed them"
        " on his platform.\n\n"
        "The communique issued by Portugal's foreign ministry says the sides will refrain from"
        " strikes on power plants for sixty days.\n"
    )
    found = extractor.extract(text).statements
    row = next(s for s in found if s.text.startswith("The communique issued"))
    assert row.actor_id == "portugal_s_foreign_ministry"


_ROUNDUP = (
    "Who said what as the talks on the frozen assets ended\n\n"
    "The talks on Russia's frozen assets ended on Thursday with two new expert panels.\n\n"
    "MOSCOW: Kremlin spokesman Dmitry Peskov said any use of the frozen assets would be theft.\n\n"
    "WASHINGTON: Secretary of State Marco Rubio said the frozen assets should rebuild Ukraine.\n\n"
    "BRUSSELS: EU foreign policy chief Kaja Kallas said the freeze on the frozen assets would"
    " stay until Russia pays.\n\n"
    "BERLIN: Chancellor Friedrich Merz said Germany would share the legal risk of a loan from"
    " the frozen assets.\n"
)


def test_a_dateline_label_is_no_speaker(extractor: Extractor) -> None:
    found = extractor.extract(_ROUNDUP).statements
    assert {s.actor_id for s in found} == {"peskov", "rubio", "kallas", "merz"}


def test_one_dateline_label_before_a_sentence_is_no_speaker(extractor: Extractor) -> None:
    text = (
        "The talks on Russia's frozen assets ended on Thursday with two new expert panels.\n\n"
        "BRUSSELS: EU foreign policy chief Kaja Kallas said the freeze on the frozen assets would"
        " stay until Russia pays.\n"
    )
    found = extractor.extract(text).statements
    assert [s.actor_id for s in found] == ["kallas"]


def test_a_venue_is_no_speaker(extractor: Extractor) -> None:
    text = (
        "Delegations from Ukraine and Russia ended two days of talks at the Marble Pavilion on"
        " Tuesday having agreed the outline of a prisoner exchange, according to three"
        " delegates who took part.\n"
    )
    found = extractor.extract(text)
    assert not any(s.actor_id == "marble_pavilion" for s in found.statements)


def test_a_body_by_its_full_name_opening_a_sentence_speaks(extractor: Extractor) -> None:
    text = (
        "Talks on the energy truce went on in Lisbon on Tuesday.\n\n"
        "The Ministry of Foreign Affairs of Portugal said it would publish the text of the energy"
        " truce once the delegations had signed it.\n\n"
        "The Ministry added that strikes on power plants had stopped on Monday.\n"
    )
    found = extractor.extract(text)
    body = next(a for a in found.new_actors if a.kind == "institution")
    assert body.name == "Ministry of Foreign Affairs of Portugal"
    assert [s.actor_id for s in found.statements] == [body.id, body.id]


def test_a_body_in_a_persons_description_is_no_new_speaker(extractor: Extractor) -> None:
    text = (
        "Talks on the energy truce went on in Lisbon on Tuesday.\n\n"
        "Joana Ferreira, State Secretary at the National Ministry of Economy, said strikes on"
        " power plants had stopped on Monday.\n"
    )
    found = extractor.extract(text).statements
    assert [s.actor_id for s in found] == ["joana_ferreira"]


def test_a_body_named_by_its_portfolio_is_a_new_speaker(extractor: Extractor) -> None:
    text = (
        "The talks on the frozen assets in Lisbon ended on Thursday.\n\n"
        "The Kremlin said the talks were useful. The justice ministry says the frozen assets"
        " are a matter for the courts.\n"
    )
    found = extractor.extract(text)
    said = next(s for s in found.statements if s.text.startswith("The justice ministry"))
    body = next(a for a in found.new_actors if a.id == said.actor_id)
    assert body.kind == "institution"
    assert body.name.lower() == "justice ministry"


def test_a_portfolio_names_the_tracked_body_that_holds_it(extractor: Extractor) -> None:
    text = (
        "The talks on the frozen assets in Lisbon ended on Thursday.\n\n"
        "The Russian Defence Ministry reported strikes on Monday. The Kremlin said the talks"
        " were useful. The defence ministry says the frozen assets are a matter for the courts.\n"
    )
    found = extractor.extract(text).statements
    said = next(s for s in found if s.text.startswith("The defence ministry"))
    assert said.actor_id == "russia_mod"


_TRUCE = "Talks on the energy truce ended in Geneva on Friday with a deal on power plants.\n\n"


def test_a_document_issued_by_bodies_the_config_lacks_is_theirs(extractor: Extractor) -> None:
    text = (
        _TRUCE + "A joint communique issued by the Maltese and Omani foreign ministries said the"
        " truce on energy facilities would be reviewed after a month.\n"
    )
    found = extractor.extract(text)
    body = next(a for a in found.new_actors if a.kind == "institution")
    assert body.name == "Maltese and Omani foreign ministries"
    assert [s.actor_id for s in found.statements] == [body.id]


def test_a_tracked_name_inside_a_bodys_of_phrase_is_part_of_it(extractor: Extractor) -> None:
    text = (
        _TRUCE
        + "The Presidency of the Council of the EU said the energy truce had to be verified.\n"
    )
    found = extractor.extract(text)
    assert [s.actor_id for s in found.statements] == ["presidency_of_the_council_of_the_eu"]


def test_a_portfolio_body_of_a_country_is_its_own_body(extractor: Extractor) -> None:
    text = (
        _TRUCE + "In a statement, the Turkish Foreign Ministry said the energy truce was a first"
        " step.\n\nThe foreign ministry of Estonia said the energy truce should lead to talks on"
        " sanctions.\n"
    )
    found = extractor.extract(text).statements
    said = next(s for s in found if s.text.startswith("The foreign ministry of Estonia"))
    assert said.actor_id == "foreign_ministry_of_estonia"


def test_the_body_a_statement_comes_from_speaks(extractor: Extractor) -> None:
    text = (
        _TRUCE + "According to a statement from the Icelandic Presidency, monitors will arrive on"
        " Monday for the energy truce.\n"
    )
    found = extractor.extract(text).statements
    assert [s.actor_id for s in found] == ["icelandic_presidency"]


def test_a_body_before_a_role_noun_is_a_persons_description(extractor: Extractor) -> None:
    text = (
        _TRUCE + "The Estonian foreign ministry spokeswoman said the energy truce was fragile.\n"
    )
    found = extractor.extract(text)
    assert not any(a.kind == "institution" for a in found.new_actors)


def test_a_bodys_account_relays_the_words_of_the_person_it_opens_on(
    extractor: Extractor,
) -> None:
    text = (
        _TRUCE + "Donald Trump at the closing dinner, according to the Maltese foreign ministry's"
        ' account: the United States will check the energy truce "and make public what it'
        ' finds".\n'
    )
    found = extractor.extract(text).statements
    assert found
    assert {s.actor_id for s in found} == {"trump"}


def test_a_bodys_account_of_an_event_stays_the_bodys(extractor: Extractor) -> None:
    text = (
        _TRUCE + "Donald Trump met the delegations on Monday. The talks on the energy truce were"
        " useful, according to the Maltese foreign ministry's account.\n"
    )
    found = extractor.extract(text).statements
    assert all(s.actor_id != "trump" for s in found)


def test_several_sides_delegations_are_the_delegations(extractor: Extractor) -> None:
    text = (
        _TRUCE + "In a joint statement released after the talks, the US, Ukrainian and Russian"
        " delegations said the energy truce would start on Monday.\n"
    )
    found = extractor.extract(text).statements
    assert [s.actor_id for s in found] == ["delegations"]


def test_two_governments_speaking_together_are_a_new_body(extractor: Extractor) -> None:
    text = (
        _TRUCE + "The Maltese and Omani governments said they stood ready to host monitors of the"
        " energy truce.\n"
    )
    found = extractor.extract(text)
    body = next(a for a in found.new_actors if a.kind == "institution")
    assert body.name == "Maltese and Omani governments"
    assert [s.actor_id for s in found.statements] == [body.id]


def test_a_discovered_body_inside_a_release_speaks_through_its_author(
    extractor: Extractor,
) -> None:
    text = (
        "Press release\n\n"
        "Working group on frozen assets ends its second session\n\n"
        "Lisbon, 5 May 2027\n\n"
        "The National Ministry of Economy notes that every delegation stayed for the whole"
        " session on the frozen assets.\n\n"
        "The justice ministry notes that no decision on the frozen assets was taken.\n"
    )
    found = extractor.extract(text)
    author = next(a for a in found.new_actors if a.name == "National Ministry of Economy")
    assert {s.actor_id for s in found.statements} == {author.id}


def test_a_body_joined_to_its_portfolio_by_for_names_itself(extractor: Extractor) -> None:
    text = (
        "Press release\n\n"
        "The Ministry for Foreign Relations of Norway announces that the talks on a pause in"
        " strikes on power plants, held in Bergen this week, have ended.\n\n"
        "The ministry notes that the parties will meet again in March.\n"
    )
    found = extractor.extract(text)
    body = next(a for a in found.new_actors if a.kind == "institution")
    assert body.name == "Ministry for Foreign Relations of Norway"
    announces = next(s for s in found.statements if s.text.startswith("The Ministry for"))
    assert announces.actor_id == body.id
