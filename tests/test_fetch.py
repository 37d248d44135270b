"""Feed ingestion against a real HTTP server on 127.0.0.1: RSS, Atom, linked pages, validators,
and every failure recorded on its feed while the other feeds still ingest."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from bot.config import Config, Feed
from bot.extract.clean import clean_text, parse_text_file
from bot.service import ingest_feeds
from bot.store import Store
from tests.conftest import INGEST_TIME, SEEDS
from tests.feedserver import FeedServer, Route, atom, rss

NATO_ARTICLE = (
    "<p>Ukraine's president spoke in Geneva on Tuesday.</p>"
    "<p>“We will not give up our path to NATO until we have guarantees that work,” Zelensky said"
    " after meeting envoys in Geneva.</p>"
    "<p>Kremlin spokesman Dmitry Peskov said Moscow would study the new draft of the peace plan"
    " before commenting on it.</p>"
)
CEASEFIRE_ARTICLE = (
    "<p>Talks moved to Abu Dhabi.</p>"
    "<p>“An energy ceasefire could begin within days if both sides keep their word,” Witkoff"
    " told reporters in Abu Dhabi on Friday.</p>"
)
PAGE = (
    "<html><head><title>Miami round</title></head><body><nav>Home | World | Subscribe</nav>"
    "<article><h1>Umerov in Miami</h1>"
    "<p>Ukraine's delegation met the American team in Miami on Saturday for a third day of"
    " talks on the peace plan.</p>"
    "<p>“We discussed the territorial questions in detail and agreed on the next steps for the"
    " security guarantees,” Umerov told reporters after the meeting, adding that the talks"
    " would continue in Berlin.</p>"
    "<p>Both delegations described the atmosphere as businesslike and said the working groups"
    " would meet again next week to go through the remaining points of the framework.</p>"
    "</article><footer>Comments (12) · Share this article</footer></body></html>"
).encode()


def _config(config: Config, feeds: list[Feed], **settings: object) -> Config:
    return replace(
        config,
        feeds=tuple(feeds),
        settings=replace(config.settings, fetch_timeout_seconds=1.0, **settings),
    )


async def _ingest(store: Store, config: Config, when=INGEST_TIME):
    return await ingest_feeds(store, config, when)


def _feed(server: FeedServer, name: str, path: str) -> Feed:
    return Feed(name=name, url=server.url(path), interval_minutes=10)


async def test_rss_and_atom_entries_become_statements(
    feed_server: FeedServer, store: Store, config: Config
) -> None:
    feed_server.routes["/rss"] = Route(
        rss(
            [
                {
                    "title": "Geneva",
                    "link": feed_server.url("/a1"),
                    "description": "teaser",
                    "content": NATO_ARTICLE,
                }
            ]
        )
    )
    feed_server.routes["/atom"] = Route(
        atom(
            [{"title": "Abu Dhabi", "link": feed_server.url("/b2"), "content": CEASEFIRE_ARTICLE}]
        ),
        content_type="application/atom+xml",
    )
    cfg = _config(
        config, [_feed(feed_server, "Wire", "/rss"), _feed(feed_server, "Atom", "/atom")]
    )
    report = await _ingest(store, cfg)
    assert report.articles_new == 2
    assert report.errors == ()
    speakers = {d.actor_id for d in store.developments()}
    assert {"zelensky", "peskov", "witkoff"} <= speakers
    witkoff = store.developments(actor="witkoff")[0]
    assert witkoff.mentions[0].source == "Atom"
    assert witkoff.mentions[0].url == feed_server.url("/b2")
    # entries with full content need no page fetch
    assert {r.path for r in feed_server.requests} == {"/rss", "/atom"}
    assert "ceasefire" in witkoff.issues


async def test_summary_only_entry_fetches_and_extracts_the_linked_page(
    feed_server: FeedServer, store: Store, config: Config
) -> None:
    feed_server.routes["/page"] = Route(PAGE, content_type="text/html; charset=utf-8")
    feed_server.routes["/rss"] = Route(
        rss(
            [
                {
                    "title": "Umerov in Miami",
                    "link": feed_server.url("/page"),
                    "description": "Umerov spoke in Miami.",
                }
            ]
        )
    )
    report = await _ingest(store, _config(config, [_feed(feed_server, "Wire", "/rss")]))
    assert [r.path for r in feed_server.requests] == ["/rss", "/page"]
    assert report.articles_new == 1
    umerov = store.developments(actor="umerov")
    assert umerov
    assert "territorial questions" in umerov[0].text
    text = store.db.execute("select text from articles").fetchone()[0]
    assert "Subscribe" not in text
    assert "Comments" not in text


async def test_linked_page_failure_keeps_the_summary(
    feed_server: FeedServer, store: Store, config: Config
) -> None:
    feed_server.routes["/page"] = Route(status=500)
    feed_server.routes["/rss"] = Route(
        rss(
            [
                {
                    "title": "Short",
                    "link": feed_server.url("/page"),
                    "description": "Peskov said Moscow would study the new draft of the peace plan carefully.",
                }
            ]
        )
    )
    report = await _ingest(store, _config(config, [_feed(feed_server, "Wire", "/rss")]))
    assert report.articles_new == 1
    assert [d.actor_id for d in store.developments()] == ["peskov"]


@pytest.mark.parametrize("validator", ["etag", "last_modified"])
async def test_unchanged_feed_is_a_304_and_adds_nothing(
    feed_server: FeedServer, store: Store, config: Config, validator: str
) -> None:
    route = Route(
        rss([{"title": "Geneva", "link": feed_server.url("/a1"), "content": NATO_ARTICLE}])
    )
    if validator == "etag":
        route.etag = '"v1"'
    else:
        route.last_modified = "Mon, 15 Dec 2025 12:00:00 GMT"
    feed_server.routes["/rss"] = route
    cfg = _config(config, [_feed(feed_server, "Wire", "/rss")])
    first = await _ingest(store, cfg)
    rows = store.db["statements"].count
    second = await _ingest(store, cfg, INGEST_TIME + timedelta(minutes=10))
    assert first.articles_new == 1
    assert (second.articles_seen, second.articles_new) == (0, 0)
    assert store.db["statements"].count == rows
    conditional = feed_server.requests[-1]
    assert conditional.status == 304
    if validator == "etag":
        assert conditional.headers["if-none-match"] == '"v1"'
    else:
        assert conditional.headers["if-modified-since"] == route.last_modified
    state = store.feed_state("Wire")
    assert state["last_success_at"] == (INGEST_TIME + timedelta(minutes=10)).isoformat()


async def test_changed_feed_without_validators_skips_known_entries(
    feed_server: FeedServer, store: Store, config: Config
) -> None:
    items = [{"title": "Geneva", "link": feed_server.url("/gone"), "description": "teaser"}]
    feed_server.routes["/rss"] = Route(rss(items))
    cfg = _config(config, [_feed(feed_server, "Wire", "/rss")])
    await _ingest(store, cfg)
    await _ingest(store, cfg, INGEST_TIME + timedelta(minutes=10))
    # the linked page of an entry already stored is not fetched again
    assert len([r for r in feed_server.requests if r.path == "/gone"]) == 1
    assert store.article_count() == 1


@pytest.mark.parametrize(
    ("route", "settings", "error"),
    [
        (Route(status=500), {}, "HTTP 500"),
        (Route(rss([]), delay=3.0), {"fetch_timeout_seconds": 0.3}, "timed out"),
        (Route(b"<rss><channel><item><title>broken"), {}, "malformed feed"),
        (Route(b"<rss>" + b"x" * 50_000 + b"</rss>"), {"max_body_bytes": 10_000}, "exceeds"),
    ],
    ids=["http-500", "timeout", "malformed-xml", "oversized-body"],
)
async def test_a_failing_feed_is_recorded_and_the_others_still_ingest(
    feed_server: FeedServer,
    store: Store,
    config: Config,
    route: Route,
    settings: dict,
    error: str,
) -> None:
    feed_server.routes["/bad"] = route
    feed_server.routes["/good"] = Route(
        rss([{"title": "Geneva", "link": feed_server.url("/a1"), "content": NATO_ARTICLE}])
    )
    cfg = _config(config, [_feed(feed_server, "Bad", "/bad"), _feed(feed_server, "Good", "/good")])
    cfg = replace(cfg, settings=replace(cfg.settings, **settings))
    report = await _ingest(store, cfg)
    assert report.articles_new == 1
    assert len(report.errors) == 1
    assert report.errors[0].startswith("Bad:")
    bad, good = store.feed_state("Bad"), store.feed_state("Good")
    assert error in bad["last_error"]
    assert bad["consecutive_failures"] == 1
    assert bad["last_success_at"] is None
    assert good["last_success_at"] == INGEST_TIME.isoformat()
    assert good["consecutive_failures"] == 0
    # backoff: the failing feed's next poll is later than its interval
    assert bad["next_poll_at"] > good["next_poll_at"]


async def test_backoff_grows_while_failing_and_resets_on_success(
    feed_server: FeedServer, store: Store, config: Config
) -> None:
    feed_server.routes["/flaky"] = Route(status=503)
    cfg = _config(config, [_feed(feed_server, "Flaky", "/flaky")])
    gaps = []
    for n in range(3):
        when = INGEST_TIME + timedelta(hours=n)
        await _ingest(store, cfg, when)
        gaps.append(store.feed_state("Flaky")["next_poll_at"])
    assert store.feed_state("Flaky")["consecutive_failures"] == 3
    feed_server.routes["/flaky"] = Route(rss([]))
    await _ingest(store, cfg, INGEST_TIME + timedelta(hours=5))
    state = store.feed_state("Flaky")
    assert state["consecutive_failures"] == 0
    assert state["next_poll_at"] == (INGEST_TIME + timedelta(hours=5, minutes=10)).isoformat()
    assert gaps == sorted(gaps)


def test_clean_text_drops_embeds_bylines_and_clutter() -> None:
    raw = (SEEDS / "000_517e0d9ca24828b8.txt").read_text(encoding="utf-8")
    cleaned = clean_text(raw)
    assert "(@rustem_umerov)" not in cleaned
    assert "pic.twitter.com" not in cleaned
    assert "There is a lot of noise" not in cleaned
    assert "Rustem Umerov, secretary of Ukraine’s National Security" in cleaned
    other = clean_text((SEEDS / "001_11995b0a8a67bf74.txt").read_text(encoding="utf-8"))
    assert "Comments" not in other.split("\n")
    assert "With assistance from" not in other
    assert "©2025" not in other
    china = clean_text((SEEDS / "004_f673bc6566e3d930.txt").read_text(encoding="utf-8"))
    assert "@mail" not in china
    assert "[Photo/Agencies]" not in china


def test_parse_text_file_with_and_without_header(tmp_path) -> None:
    with_header = parse_text_file(
        "x.txt",
        "title: Talks in Geneva\nsource: Wire\nurl: https://w.example/1\n"
        "published: 2025-11-23T10:00:00+00:00\n\nBody line one.\n",
    )
    assert (with_header.title, with_header.source, with_header.url) == (
        "Talks in Geneva",
        "Wire",
        "https://w.example/1",
    )
    assert with_header.published is not None
    assert with_header.published.hour == 10
    assert with_header.text.strip() == "Body line one."
    seed = parse_text_file(
        "seeds/001_11995b0a8a67bf74.txt",
        (SEEDS / "001_11995b0a8a67bf74.txt").read_text(encoding="utf-8"),
    )
    assert seed.url == "seeds/001_11995b0a8a67bf74.txt"
    assert seed.title.startswith("Ukraine and US make 'real progress'")
    assert seed.source == "Bloomberg"
