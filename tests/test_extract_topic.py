"""The on-topic gate (bot/extract/topic.py): an article is about the talks on the evidence of its
prose (issues, the talks and the war, the country they are about, a tracked actor speaking,
actors of two sides), never on one count of issue words. Articles written for this test."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.config import Config
from bot.extract.actors import ActorIndex
from bot.extract.issues import IssueTagger
from bot.extract.statements import Extractor
from bot.extract.topic import Evidence

# on the talks, in few issue words: the delegations, the envoy and Kyiv say what it is about
DELEGATIONS_LEAVE = (
    "Delegations leave Valletta after a second day\n"
    "The Ukrainian and Russian delegations left Valletta on Thursday evening after a second day"
    " of negotiations behind closed doors.\n"
    '"We listened more than we spoke, and that is not a bad thing," Andrii Sybiha told'
    " reporters at the harbour.\n"
    "The American envoy flew on to Rome without speaking to the press.\n"
    "Hotel staff said the conference wing would stay shut to guests until Sunday.\n"
    "In Kyiv, officials said a report on the two days would go to parliament next week.\n"
    "The weather stayed warm and still for the time of year."
)


def _extractor(config: Config, tagger: IssueTagger) -> Extractor:
    return Extractor(
        ActorIndex(config.actors, config.media, config.language), tagger, config.language
    )


def test_an_article_on_the_talks_in_few_issue_words_is_on_topic(extractor: Extractor) -> None:
    speakers = {s.actor_id for s in extractor.extract(DELEGATIONS_LEAVE).statements}
    assert "sybiha" in speakers


def test_an_article_on_the_talks_stays_on_topic_with_no_issue_lexicon(config: Config) -> None:
    # the gate reads the talks and the country as well as the issues: an issue lexicon that names
    # nothing in the article (a term changed, an issue dropped) does not throw it away
    bare = _extractor(config, IssueTagger(()))
    assert "sybiha" in {s.actor_id for s in bare.extract(DELEGATIONS_LEAVE).statements}


@pytest.mark.parametrize("dropped", ["peace_plan", "territory", "ceasefire", "energy"])
def test_dropping_one_issue_does_not_change_the_verdict(config: Config, dropped: str) -> None:
    issues = tuple(i for i in config.issues if i.id != dropped)
    text = (
        "Energy truce holds for a third night\n"
        "Ukrainian officials said on Monday that no Russian strikes on power plants had been"
        " recorded since the truce began.\n"
        '"The lights stayed on in Kharkiv for the first time in weeks," Zelensky said in his'
        " evening address.\n"
        "Negotiators are due to meet again in Geneva on the monitoring of the front line.\n"
        "Peskov said the Kremlin was keeping its side of the moratorium.\n"
        "Repair crews worked through the weekend at two substations near Odesa."
    )
    found = _extractor(config, IssueTagger(issues)).extract(text)
    assert {"zelensky", "peskov"} <= {s.actor_id for s in found.statements}


def test_a_tracked_actor_on_sport_is_off_topic_though_he_names_his_country(
    extractor: Extractor,
) -> None:
    # the country named twice and the actor speaking are three units over seven paragraphs
    found = extractor.extract(
        "Sybiha cheers on the national side\n"
        "Foreign Minister Andrii Sybiha watched Ukraine's footballers beat Iceland 2-1 in Warsaw"
        " on Tuesday night.\n"
        '"That second goal was worth the whole trip," Sybiha said as he left the stadium.\n'
        "The winner came four minutes from time, a header from a corner.\n"
        "More than 20,000 Ukrainian fans filled the stands behind the north goal.\n"
        "The coach said the squad would fly home on Wednesday morning.\n"
        "Iceland's captain said his side had run out of legs in the last half hour.\n"
        "The next qualifier is in Lisbon in October."
    )
    assert found.statements == ()


def test_two_sides_at_a_final_with_a_word_of_peace_in_passing_is_off_topic(
    extractor: Extractor,
) -> None:
    found = extractor.extract(
        "Rubio and Macron share a box at the rugby final\n"
        "Marco Rubio and Emmanuel Macron watched the rugby final together in Paris on Saturday.\n"
        '"The French crowd is the loudest I have ever heard," Rubio said at half time.\n'
        "Macron said the match had been a fine advert for the sport.\n"
        "The home side won 27-20 after a try in the last minute.\n"
        "Stewards said the night had passed in peace and the metro ran late.\n"
        "A choir sang before kick-off, as it does every year."
    )
    assert found.statements == ()


def test_a_storm_item_naming_power_twice_is_off_topic(extractor: Extractor) -> None:
    # two of four paragraphs name an energy word, and nothing names the talks or the country:
    # issue words alone do not make more than a short item about the talks
    found = extractor.extract(
        "Rubio offers help as storm hits the islands\n"
        "Secretary of State Marco Rubio said on Monday that consular teams were on their way to"
        " the islands, where the storm had cut power to the main hospital.\n"
        '"If you are stranded, call the embassy and we will find you a seat," Rubio said.\n'
        "Local officials said electricity would be back in the capital by Wednesday.\n"
        "Two cruise ships have delayed their arrival until the weekend."
    )
    assert found.statements == ()


def test_a_readout_of_a_call_between_two_sides_is_on_topic(extractor: Extractor) -> None:
    # no word of the talks or the country: a Russian and a European leader named together, and
    # the issues they spoke on, say what it is about
    found = extractor.extract(
        "Putin and Stubb speak by phone\n"
        "Vladimir Putin and Alexander Stubb spoke by telephone on Friday, the Kremlin said.\n"
        "The Kremlin said the two leaders discussed the lifting of sanctions on Baltic shipping.\n"
        "It said they also touched on the release of detained sailors held by each side.\n"
        "The call lasted about forty minutes."
    )
    assert [s.actor_id for s in found.statements][:1] == ["kremlin"]


def test_evidence_needs_more_than_issue_words_beyond_a_short_item() -> None:
    none = Evidence(5, issues=0, talks=0, places=0, sides=False, remarks=False, tracked=False)
    storm = replace(none, issues=4, remarks=True, tracked=True)
    assert not storm.enough
    assert replace(storm, prose=3).enough  # a short item with a tracked speaker
    assert replace(storm, talks=1).enough  # the talks named once with the issues
    # much evidence makes a long article about the talks, however long
    assert replace(none, prose=40, issues=2, talks=2, places=2).enough
    assert not replace(none, prose=9, issues=1, talks=1, places=1).enough


def test_an_off_topic_russian_piece_on_a_world_championship_yields_nothing(ru: Extractor) -> None:
    # "мира" (of the world) is not "мир" (peace): only the forms of "мирный" are evidence
    text = (
        "Песков рассказал, что президент будет смотреть финал чемпионата мира по хоккею.\n"
        "«Президент обязательно посмотрит матч, он следит за турниром», — сказал Песков.\n"
        "Он добавил, что глава государства желает команде удачи.\n"
        "Финал чемпионата мира пройдет в воскресенье в Праге.\n"
        "Билеты на матч были распроданы за несколько часов."
    )
    assert ru.extract(text).statements == ()
