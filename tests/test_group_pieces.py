"""The pieces of one utterance in an article: a quote split around a long attribution, and the
quote after the sentence that starts a development."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.app.ingest import _Batch
from bot.app.pipeline import Pipeline
from bot.config import Config
from bot.diff import claim_markers, pieces_of_one, same_utterance
from bot.model import Article, Statement
from bot.store import Store

NOW = datetime(2026, 5, 4, 15, 0, tzinfo=UTC)


def test_a_quote_split_around_a_long_description_of_its_speaker_is_one_remark(
    config: Config,
) -> None:
    claim = claim_markers(dict(config.language.grouping)["another_claim"])
    text = (
        '"The ferry deal is the easy half," said Mira Tallis, a senior fellow at the Lund '
        'Institute for Baltic Affairs, who has watched every round since the spring. "The '
        'harbour fees are the half nobody wants to touch." Tallis thinks "the clock is '
        'running," she said in the lobby. The ministers of both sides left the venue before '
        'noon. "Nobody will sign in March," she also told reporters in the lobby of the hotel, '
        'where the delegations of both sides had waited since the morning. "They will not come."'
    )

    def at(fragment: str) -> Statement:
        return Statement("tallis", "direct", fragment, (), position=text.index(fragment))  # type: ignore[arg-type]

    easy, fees = at("The ferry deal is the easy half,"), at("The harbour fees are")
    clock, sign = at("the clock is running,"), at("Nobody will sign in March,")
    come = at("They will not come.")
    assert pieces_of_one(easy, fees, text, claim)  # one sentence between: its attribution
    assert not pieces_of_one(clock, sign, text, claim)  # two sentences between them
    assert not pieces_of_one(sign, come, text, claim)  # "she also told": another claim


def test_a_development_started_after_a_fold_is_not_taken_for_the_folded_one(
    config: Config,
) -> None:
    # a bridge folds a development away and the store deletes it; the next development may be
    # given its id again, and the quote after the sentence starting it is still its piece
    store = Store()
    store.upsert_actors(config.actors)
    batch = _Batch(store, config, Pipeline(config), NOW, None)
    batch.folded.update(range(1, 100))  # every id the store may hand out: folded earlier
    text = (
        "Harbour talks\n"
        "Kremlin spokesman Dmitry Peskov said the ferry timetable was settled. "
        '"Nobody in Tallinn should count on a quick signature," he told reporters.\n'
    )
    article = Article("https://example.org/ferry", "Harbour talks", text, "Example", NOW)
    batch.add(article, text, "ferry")
    devs = {d.id for d in store.developments() if d.actor_id == "peskov"}
    store.close()
    assert len(devs) == 1


def test_a_quote_after_words_that_only_attribute_it_is_the_sentence_before_it(
    config: Config,
) -> None:
    claim = claim_markers(dict(config.language.grouping)["another_claim"])
    text = (
        "The port minister said the ferry timetable was settled. In her words, "
        '"the boats sail in May." The ministry said the fees were still open. Then the hall '
        'emptied and the crews went home, "nobody is sure of June." She said the tolls would '
        'wait. She also noted: "the tolls are last."'
    )

    def at(fragment: str, kind: str) -> Statement:
        return Statement("minister", kind, fragment, (), position=text.index(fragment))  # type: ignore[arg-type]

    timetable = at("The port minister said the ferry timetable was settled.", "reported")
    may = at("the boats sail in May.", "direct")
    fees = at("The ministry said the fees were still open.", "reported")
    june = at("nobody is sure of June.", "direct")
    tolls, last = (
        at("She said the tolls would wait.", "reported"),
        at("the tolls are last.", "direct"),
    )
    assert same_utterance(timetable, may, text, claim)  # "In her words,": the attribution
    assert not same_utterance(fees, june, text, claim)  # a narrative sentence between
    assert not same_utterance(tolls, last, text, claim)  # "She also noted": another claim
