"""One article that cannot be ingested (a bug somewhere in extraction or storage) costs only
itself: the others in its batch or feed are stored, the report says which failed and lists only
developments that exist, and the failed article is ingested by the next round (nothing lost)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from functools import cached_property
from typing import Any

from bot.adapters.fetch import ingest_feeds
from bot.app.ingest import Pipeline, ingest_articles
from bot.config import Config, Feed
from bot.extract.clean import clean_text
from bot.model import Article
from bot.store import Store
from tests.conftest import INGEST_TIME
from tests.feedserver import FeedServer, Route, rss

FAULT = "Lisbon"  # the faulty extractor breaks on any article that names it

GOOD = (
    "Kremlin spokesman Dmitry Peskov said on Monday that Moscow would study the new draft of"
    " the peace plan carefully before giving any answer to Washington."
)
BAD = (
    "“We will not give up our path to NATO until we have guarantees that work,” Zelensky said"
    " in Lisbon on Tuesday.\n\nUmerov said the delegation would stay in Lisbon for another"
    " round of talks on the security guarantees, and that the working groups would meet daily."
)


class _FaultyExtractor:
    """The real extractor, plus, for a text naming FAULT, a last statement by an actor the store
    has never heard of: writing it breaks a foreign key after the article's real statements
    have started their developments."""

    def __init__(self, real: Any) -> None:
        self.real = real

    def extract(self, text: str) -> Any:
        found = self.real.extract(text)
        if FAULT not in text:
            return found
        broken = replace(found.statements[-1], actor_id="nobody-we-know")
        return replace(found, statements=(*found.statements, broken))


class _FaultyPipeline(Pipeline):
    @cached_property
    def extractor(self) -> Any:  # type: ignore[override]
        return _FaultyExtractor(Pipeline(self.config).extractor)


def _article(url: str, text: str, source: str) -> Article:
    return Article(url=url, title="Talks", text=text, source=source, published=INGEST_TIME)


def test_a_failing_article_costs_only_itself_and_is_ingested_next_round(
    store: Store, config: Config
) -> None:
    # the failure must come after the bad article's real statements were written, or there is
    # nothing to roll back
    assert len(Pipeline(config).extractor.extract(clean_text(BAD)).statements) >= 2
    first = _article("https://one.example/a", GOOD, "One Wire")
    bad = _article("https://two.example/b", BAD, "Two Daily")
    copy = _article("https://three.example/c", GOOD, "Three Post")  # a re-report of the first
    report = ingest_articles(
        store, config, [first, bad, copy], INGEST_TIME, pipeline=_FaultyPipeline(config)
    )
    assert report.articles_new == 2
    assert len(report.errors) == 1
    assert bad.url in report.errors[0]
    assert store.find_article(bad.url, "", "") is None
    assert store.find_article(copy.url, "", "") is not None
    # the report names exactly the developments that exist: none of the rolled-back article's
    stored = {d.id for d in store.developments()}
    assert set(report.developments_new) == stored
    assert store.db["statements"].count == report.statements_new

    again = ingest_articles(store, config, [first, bad, copy], INGEST_TIME)
    assert (again.articles_new, again.errors) == (1, ())
    assert store.find_article(bad.url, "", "") is not None
    assert {"zelensky", "umerov"} <= {d.actor_id for d in store.developments()}


async def test_a_failing_feed_entry_keeps_the_validators_so_the_next_poll_retries_it(
    feed_server: FeedServer, store: Store, config: Config
) -> None:
    items = [
        {"title": "Moscow", "link": feed_server.url("/good"), "content": f"<p>{GOOD}</p>"},
        {"title": "Lisbon", "link": feed_server.url("/bad"), "content": f"<p>{BAD}</p>"},
    ]
    feed_server.routes["/rss"] = Route(rss(items), etag='"v1"')
    feed = Feed(name="Wire", url=feed_server.url("/rss"), interval_minutes=10)
    cfg = replace(config, feeds=(feed,))

    report = await ingest_feeds(store, cfg, INGEST_TIME, pipeline=_FaultyPipeline(cfg))
    assert report.articles_new == 1
    assert any(feed_server.url("/bad") in e for e in report.errors)
    state = store.feed_state("Wire")
    assert (state.etag, state.consecutive_failures) == ("", 1)
    assert feed_server.url("/bad") in state.last_error

    again = await ingest_feeds(store, cfg, INGEST_TIME + timedelta(hours=1))
    assert (again.articles_new, again.errors) == (1, ())
    assert store.find_article(feed_server.url("/bad"), "", "") is not None
    assert store.feed_state("Wire").etag == '"v1"'
