"""Feed ingestion against a real HTTP server on 127.0.0.1: RSS, Atom, linked pages, validators,
every failure recorded on its feed while the other feeds still ingest; and the text cleaning and
seed parsing the feeds share with the seed files."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.adapters import fetch
from bot.adapters.fetch import ingest_feed, ingest_feeds
from bot.config import Config, Feed
from bot.extract.clean import clean_text, guess_outlet, parse_text_file
from bot.store import Store
from tests.conftest import INGEST_TIME, SEEDS
from tests.feedserver import FeedServer, Route, atom, rss

# Full articles: long enough (over fetch.SUMMARY_ONLY_CHARS) that their linked page is not read.
FILLER = (
    "<p>The delegations met behind closed doors for most of the day, and neither side gave"
    " details of the documents on the table. Officials from several European capitals followed"
    " the talks closely and were briefed in the evening by their own envoys, who described the"
    " mood as serious and the work as far from finished. A further round is expected next week,"
    " though no date has been set and the venue is still being discussed by the two teams.</p>"
    "<p>Diplomats said the hardest questions had been left for the leaders themselves.</p>"
)
NATO_ARTICLE = (
    "<p>Ukraine's president spoke in Geneva on Tuesday.</p>"
    "<p>“We will not give up our path to NATO until we have guarantees that work,” Zelensky said"
    " after meeting envoys in Geneva.</p>"
    "<p>Kremlin spokesman Dmitry Peskov said Moscow would study the new draft of the peace plan"
    " before commenting on it.</p>" + FILLER
)
CEASEFIRE_ARTICLE = (
    "<p>Talks moved to Abu Dhabi.</p>"
    "<p>“An energy ceasefire could begin within days if both sides keep their word,” Witkoff"
    " told reporters in Abu Dhabi on Friday.</p>" + FILLER
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
HTML = "text/html; charset=utf-8"


def _config(config: Config, feeds: list[Feed], **settings: object) -> Config:
    return replace(
        config,
        feeds=tuple(feeds),
        settings=replace(config.settings, **{"fetch_timeout_seconds": 1.0, **settings}),
    )


def _feed(server: FeedServer, name: str, path: str) -> Feed:
    return Feed(name=name, url=server.url(path), interval_minutes=10)


def _paths(server: FeedServer) -> list[str]:
    return [r.path for r in server.requests]


def _articles(store: Store) -> list[dict]:
    return [dict(r) for r in store.db["articles"].rows_where(order_by="id")]


# --- feeds into the pipeline ---------------------------------------------------------------------


async def test_rss_and_atom_entries_become_articles_and_statements(
    feed_server: FeedServer, store: Store, config: Config
) -> None:
    feed_server.routes["/rss"] = Route(
        rss(
            [
                {
                    "title": "Geneva &amp; after",
                    "link": feed_server.url("/a1"),
                    "guid": "urn:wire:1",
                    "pubDate": "Tue, 16 Dec 2025 09:30:00 +0200",
                    "description": "teaser",
                    "content": NATO_ARTICLE,
                }
            ]
        )
    )
    feed_server.routes["/atom"] = Route(
        atom(
            [
                {
                    "title": "Abu Dhabi",
                    "link": feed_server.url("/b2"),
                    "id": "tag:atom,2025:b2",
                    "updated": "2025-12-15T12:00:00Z",
                    "content": CEASEFIRE_ARTICLE,
                }
            ]
        ),
        content_type="application/atom+xml",
    )
    cfg = _config(
        config, [_feed(feed_server, "Wire", "/rss"), _feed(feed_server, "Atom", "/atom")]
    )
    report = await ingest_feeds(store, cfg, INGEST_TIME)
    assert (report.articles_new, report.errors) == (2, ())
    # entries with full content need no page fetch
    assert sorted(_paths(feed_server)) == ["/atom", "/rss"]
    wire, at = _articles(store)
    assert (wire["url"], wire["guid"], wire["title"]) == (
        feed_server.url("/a1"),
        "urn:wire:1",
        "Geneva & after",
    )
    assert (wire["source"], wire["feed"]) == ("Wire", "Wire")
    assert wire["published"] == "2025-12-16T07:30:00.000000+00:00"  # +0200 as UTC
    assert "path to NATO" in wire["text"]
    assert "<p>" not in wire["text"]
    assert (at["guid"], at["source"], at["published"]) == (
        "tag:atom,2025:b2",
        "Atom",
        "2025-12-15T12:00:00.000000+00:00",
    )
    speakers = {d.actor_id for d in store.developments()}
    assert {"zelensky", "peskov", "witkoff"} <= speakers
    witkoff = store.developments(actor="witkoff")[0]
    assert (witkoff.mentions[0].source, witkoff.mentions[0].url) == (
        "Atom",
        feed_server.url("/b2"),
    )
    assert "ceasefire" in witkoff.issues
    state = store.feed_state("Wire")
    assert (state.url, state.interval_minutes, state.entries_seen) == (
        feed_server.url("/rss"),
        10,
        1,
    )
    assert state.last_polled_at == state.last_success_at == INGEST_TIME


def test_the_feed_title_is_the_source_when_the_feed_has_no_name() -> None:
    body = rss([{"title": "T", "link": "http://w.example/1", "content": NATO_ARTICLE}], "Wire Co")
    result = fetch.parse_feed(body, Feed(name="", url="http://w.example/rss"))
    assert [a.source for a in result.articles] == ["Wire Co"]


async def test_summary_only_entry_fetches_and_extracts_the_linked_page(
    feed_server: FeedServer, store: Store, config: Config
) -> None:
    feed_server.routes["/page"] = Route(PAGE, content_type=HTML)
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
    report = await ingest_feeds(
        store, _config(config, [_feed(feed_server, "Wire", "/rss")]), INGEST_TIME
    )
    assert _paths(feed_server) == ["/rss", "/page"]
    assert report.articles_new == 1
    umerov = store.developments(actor="umerov")
    assert umerov
    assert "territorial questions" in umerov[0].text
    text = _articles(store)[0]["text"]
    assert text.startswith("Umerov in Miami\n")
    assert "businesslike" in text
    assert "Subscribe" not in text  # navigation and footer are not article text
    assert "Comments" not in text


async def test_a_google_news_entry_credits_its_outlet_and_follows_the_redirect(
    feed_server: FeedServer, store: Store, config: Config
) -> None:
    # the aggregator's link redirects (twice) to the outlet's own page
    feed_server.routes["/articles/CBMiabc"] = Route(redirect="/hop")
    feed_server.routes["/hop"] = Route(redirect="/world/umerov-in-miami")
    feed_server.routes["/world/umerov-in-miami"] = Route(PAGE, content_type=HTML)
    feed_server.routes["/rss"] = Route(
        rss(
            [
                {
                    "title": "Umerov in Miami - Kyiv Wire",
                    "link": feed_server.url("/articles/CBMiabc"),
                    "guid": "CBMiabc",
                    "description": "Umerov spoke in Miami. Kyiv Wire",
                    "source": "Kyiv Wire",
                    "source_url": "https://kyivwire.example",
                }
            ],
            title="Ukraine peace talks - Google News",
        )
    )
    feed = _feed(feed_server, "Reuters World (via Google News)", "/rss")
    report = await ingest_feeds(store, _config(config, [feed]), INGEST_TIME)
    assert report.articles_new == 1
    assert _paths(feed_server) == ["/rss", "/articles/CBMiabc", "/hop", "/world/umerov-in-miami"]
    (article,) = _articles(store)
    assert article["source"] == "Kyiv Wire"  # the outlet, not the feed that relayed it
    assert article["title"] == "Umerov in Miami"
    assert article["url"] == feed_server.url("/world/umerov-in-miami")  # the outlet's address
    assert "territorial questions" in article["text"]  # text from the page redirected to
    (umerov, *_) = store.developments(actor="umerov")
    assert {m.source for m in umerov.mentions} == {"Kyiv Wire"}
    # polled again: the entry is known by its guid, nothing is fetched or added twice
    await ingest_feeds(store, _config(config, [feed]), INGEST_TIME + timedelta(minutes=20))
    assert len(_articles(store)) == 1
    assert _paths(feed_server).count("/articles/CBMiabc") == 1


async def test_a_redirect_is_followed_within_the_body_cap(
    feed_server: FeedServer, config: Config
) -> None:
    feed_server.routes["/short"] = Route(redirect="/big")
    feed_server.routes["/big"] = Route(b"x" * 5000, content_type=HTML)
    settings = replace(config.settings, max_body_bytes=1000, fetch_timeout_seconds=2.0)
    async with fetch.client(settings) as http:
        with pytest.raises(fetch.FetchError, match="exceeds 1000"):
            await fetch.get(http, feed_server.url("/short"), settings)
        feed_server.routes["/big"] = Route(b"<p>ok</p>", content_type=HTML)
        got = await fetch.get(http, feed_server.url("/short"), settings)
    assert got.url == feed_server.url("/big")
    assert got.content == b"<p>ok</p>"


async def test_short_content_and_relative_links_fetch_the_page_too(
    feed_server: FeedServer, store: Store, config: Config
) -> None:
    feed_server.routes["/news/miami"] = Route(PAGE, content_type=HTML)
    feed_server.routes["/rss"] = Route(
        rss(
            [
                {"title": "Miami", "link": "/news/miami", "content": "<p>Umerov spoke.</p>"},
                {"title": "Miami again", "link": "/news/miami", "content": "<p>Repeat.</p>"},
            ]
        )
    )
    report = await ingest_feeds(
        store, _config(config, [_feed(feed_server, "Wire", "/rss")]), INGEST_TIME
    )
    assert _paths(feed_server) == ["/rss", "/news/miami"]  # the entry listed twice: one fetch
    assert report.articles_new == 1
    assert _articles(store)[0]["url"] == feed_server.url("/news/miami")
    assert "businesslike" in _articles(store)[0]["text"]


@pytest.mark.parametrize(
    "page",
    [Route(status=500), Route(b"%PDF-1.4", content_type="application/pdf"), Route(b"", delay=3)],
    ids=["http-500", "not-html", "timeout"],
)
async def test_linked_page_failure_keeps_the_summary_with_a_warning(
    feed_server: FeedServer,
    store: Store,
    config: Config,
    page: Route,
    caplog: pytest.LogCaptureFixture,
) -> None:
    feed_server.routes["/page"] = page
    feed_server.routes["/rss"] = Route(
        rss(
            [
                {
                    "title": "Short",
                    "link": feed_server.url("/page"),
                    "description": "Peskov said Moscow would study the new draft of the peace"
                    " plan carefully.",
                }
            ]
        )
    )
    cfg = _config(config, [_feed(feed_server, "Wire", "/rss")], fetch_timeout_seconds=0.3)
    with caplog.at_level(logging.WARNING, logger="bot.adapters.fetch"):
        report = await ingest_feeds(store, cfg, INGEST_TIME)
    assert feed_server.wait_for_requests("/page", 1)
    assert (report.articles_new, report.errors) == (1, ())
    assert [d.actor_id for d in store.developments()] == ["peskov"]
    assert store.feed_state("Wire").consecutive_failures == 0
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any(feed_server.url("/page") in w and "kept the feed's summary" in w for w in warnings)


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
    first = await ingest_feeds(store, cfg, INGEST_TIME)
    saved = store.feed_state("Wire")
    rows = store.db["statements"].count
    second = await ingest_feeds(store, cfg, INGEST_TIME + timedelta(minutes=10))
    assert first.articles_new == 1
    assert (saved.etag, saved.last_modified) == (route.etag, route.last_modified)
    assert (second.articles_seen, second.articles_new) == (0, 0)
    assert store.db["statements"].count == rows
    assert store.article_count() == 1
    initial, conditional = feed_server.requests
    assert "if-none-match" not in initial.headers
    assert conditional.status == 304
    if validator == "etag":
        assert conditional.headers["if-none-match"] == '"v1"'
    else:
        assert conditional.headers["if-modified-since"] == route.last_modified
    state = store.feed_state("Wire")
    assert state.last_success_at == INGEST_TIME + timedelta(minutes=10)
    assert state.entries_seen == 1
    assert (state.etag, state.last_modified) == (route.etag, route.last_modified)


async def test_changed_feed_without_validators_skips_known_entries(
    feed_server: FeedServer, store: Store, config: Config
) -> None:
    items = [{"title": "Geneva", "link": feed_server.url("/gone"), "description": "teaser"}]
    feed_server.routes["/rss"] = Route(rss(items))
    cfg = _config(config, [_feed(feed_server, "Wire", "/rss")])
    await ingest_feeds(store, cfg, INGEST_TIME)
    second = await ingest_feeds(store, cfg, INGEST_TIME + timedelta(minutes=10))
    # the linked page of an entry already stored is not fetched again
    assert _paths(feed_server) == ["/rss", "/gone", "/rss"]
    assert second.articles_seen == 0
    assert store.article_count() == 1


@pytest.mark.parametrize(
    ("route", "settings", "error"),
    [
        (Route(status=500), {}, "HTTP 500"),
        (Route(rss([]), delay=3.0), {"fetch_timeout_seconds": 0.3}, "timed out"),
        # every byte comes within the timeout, the whole body never does
        (Route(rss([]), drip=0.05), {"fetch_timeout_seconds": 0.5}, "timed out"),
        (Route(b"<rss><channel><item><title>broken"), {}, "malformed feed"),
        (
            Route(b"<html><body><p>Not a feed</p></body></html>", content_type=HTML),
            {},
            "malformed",
        ),
        (Route(b"<rss>" + b"x" * 50_000 + b"</rss>"), {"max_body_bytes": 10_000}, "exceeds"),
        (
            Route(b"<rss>" + b"x" * 50_000 + b"</rss>", content_length=False),
            {"max_body_bytes": 10_000},
            "exceeds",
        ),
    ],
    ids=[
        "http-500",
        "timeout",
        "slow-drip",
        "malformed-xml",
        "html-not-a-feed",
        "oversized-declared",
        "oversized-streamed",
    ],
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
    cfg = _config(
        config,
        [_feed(feed_server, "Bad", "/bad"), _feed(feed_server, "Good", "/good")],
        **settings,
    )
    report = await ingest_feeds(store, cfg, INGEST_TIME)
    assert report.articles_new == 1
    assert len(report.errors) == 1
    assert report.errors[0].startswith("Bad:")
    bad, good = store.feed_state("Bad"), store.feed_state("Good")
    assert error in bad.last_error
    assert bad.last_error_at == bad.last_polled_at == INGEST_TIME
    assert bad.consecutive_failures == 1
    assert bad.last_success_at is None
    assert good.last_success_at == INGEST_TIME
    assert good.consecutive_failures == 0
    assert good.last_error == ""
    # backoff: the failing feed's next poll is later than its interval
    assert bad.next_poll_at > good.next_poll_at


async def test_a_broken_feed_that_still_yields_entries_is_ingested_with_a_warning(
    feed_server: FeedServer, store: Store, config: Config, caplog: pytest.LogCaptureFixture
) -> None:
    # an unescaped "&" makes the XML not well-formed; feedparser still reads the entry
    body = rss(
        [{"title": "Peace & talks", "link": feed_server.url("/a1"), "content": NATO_ARTICLE}]
    )
    feed_server.routes["/rss"] = Route(body)
    with caplog.at_level(logging.WARNING):
        report = await ingest_feeds(
            store, _config(config, [_feed(feed_server, "Wire", "/rss")]), INGEST_TIME
        )
    assert (report.articles_new, report.errors) == (1, ())
    assert _articles(store)[0]["title"] == "Peace & talks"
    assert store.feed_state("Wire").consecutive_failures == 0
    assert any("not well-formed" in r.getMessage() for r in caplog.records)


async def test_backoff_grows_while_failing_and_resets_on_success(
    feed_server: FeedServer, store: Store, config: Config
) -> None:
    feed_server.routes["/flaky"] = Route(status=503)
    cfg = _config(config, [_feed(feed_server, "Flaky", "/flaky")])
    gaps = []
    for n in range(3):
        when = INGEST_TIME + timedelta(hours=n)
        await ingest_feeds(store, cfg, when)
        due = store.feed_state("Flaky").next_poll_at
        gaps.append(due - when)
    assert store.feed_state("Flaky").consecutive_failures == 3
    assert gaps[0] > timedelta(minutes=10)
    assert gaps == sorted(gaps)
    assert gaps[0] < gaps[2]
    feed_server.routes["/flaky"] = Route(rss([]))
    await ingest_feeds(store, cfg, INGEST_TIME + timedelta(hours=5))
    state = store.feed_state("Flaky")
    assert state.consecutive_failures == 0
    assert state.next_poll_at == INGEST_TIME + timedelta(hours=5, minutes=10)
    assert "503" in state.last_error  # the last error stays visible as history


async def test_one_feed_with_the_callers_client_and_one_summary_line_per_round(
    feed_server: FeedServer, store: Store, config: Config, caplog: pytest.LogCaptureFixture
) -> None:
    feed_server.routes["/a"] = Route(
        rss([{"title": "Geneva", "link": feed_server.url("/1"), "content": NATO_ARTICLE}])
    )
    feed_server.routes["/b"] = Route(status=404)
    feeds = [_feed(feed_server, "A", "/a"), _feed(feed_server, "B", "/b")]
    cfg = _config(config, feeds)
    async with fetch.client(cfg.settings) as client:
        one = await ingest_feed(store, cfg, feeds[0], INGEST_TIME, client)
        assert one.articles_new == 1
        assert not client.is_closed
        with caplog.at_level(logging.INFO, logger="bot.app.poll"):
            both = await ingest_feeds(store, cfg, INGEST_TIME, client=client, feeds=feeds)
        assert not client.is_closed  # the caller's client is the caller's to close
    assert (both.articles_new, both.errors) == (0, (f"B: HTTP 404 from {feed_server.url('/b')}",))
    rounds = [r.getMessage() for r in caplog.records if r.getMessage().startswith("feeds:")]
    assert rounds == ["feeds: 2 polled (1 failed, 0 unchanged); " + rounds[0].split("; ", 1)[1]]
    assert feed_server.requests[0].headers["user-agent"] == cfg.settings.user_agent


# --- cleaning and seed files -------------------------------------------------------------------


def _seed(name: str) -> str:
    return (SEEDS / name).read_text(encoding="utf-8")


def test_clean_text_drops_embedded_posts_but_keeps_the_article_quoting_them() -> None:
    cleaned = clean_text(_seed("000_517e0d9ca24828b8.txt"))
    assert "(@rustem_umerov)" not in cleaned
    assert "(@ZelenskyyUa)" not in cleaned
    assert "pic.twitter.com" not in cleaned
    assert "There is a lot of noise" not in cleaned  # the post's truncated continuation
    assert "I briefed the President on our work" not in cleaned  # ditto, with its picture link
    # the post's text repeated above its signature is gone; the article's quote of it stays
    assert cleaned.count("Over the past two days, Ukrainian-US negotiations") == 1
    assert "Rustem Umerov, secretary of Ukraine’s National Security" in cleaned
    assert "I briefed the president on our work" in cleaned  # the article's own quote


def test_clean_text_drops_bylines_captions_credits_and_furniture() -> None:
    bloomberg = clean_text(_seed("001_11995b0a8a67bf74.txt")).split("\n")
    assert "Comments" not in bloomberg
    assert not any("With assistance from" in ln or "©2025" in ln for ln in bloomberg)
    assert "Published in News & Features" not in bloomberg
    assert bloomberg[-1].startswith("“We all continue to face the menace")
    assert "By Guy Birchall" not in clean_text(_seed("002_1c71d3537f0efed3.txt"))
    assert "Subscribe to" not in clean_text(_seed("003_45b3a14a7448918b.txt"))
    china = clean_text(_seed("004_f673bc6566e3d930.txt"))
    assert "@mail" not in china
    assert "[Photo/Agencies]" not in china
    assert "family photo" not in china
    assert china.startswith("Following five hours of talks on Sunday")


def test_clean_text_keeps_prose_that_merely_starts_like_clutter() -> None:
    prose = [
        "Related to the talks, the Kremlin said it expected a briefing from Washington.",
        "By then the delegations had left Berlin.",
        "Published in full on Monday, the plan runs to twenty points, officials said in Kyiv.",
        "Copyright of the leaked draft is disputed.",
        "“We will see,” he said.",
    ]
    assert clean_text("\n".join(prose)) == "\n".join(prose)
    cleaned = clean_text("By Anna Smith and John Doe\nText. Write to desk@wire.example now.")
    assert cleaned == "Text. Write to  now."
    assert clean_text(clean_text(_seed("000_517e0d9ca24828b8.txt"))) == clean_text(
        _seed("000_517e0d9ca24828b8.txt")
    )


@pytest.mark.parametrize(
    ("name", "source", "title"),
    [
        (
            "000_517e0d9ca24828b8.txt",
            "unknown outlet (seed 000)",
            "Ukraine reports 'real progress'",
        ),
        ("001_11995b0a8a67bf74.txt", "Bloomberg", "Ukraine and US make 'real progress'"),
        ("002_1c71d3537f0efed3.txt", "unknown outlet (seed 002)", "‘We hope we will reach"),
        ("003_45b3a14a7448918b.txt", "Pravda.Ru", "The second round of negotiations"),
        ("004_f673bc6566e3d930.txt", "China Daily", "Following five hours of talks"),
    ],
)
def test_parse_text_file_on_the_seeds(config, name: str, source: str, title: str) -> None:
    path = f"seeds/{name}"
    article = parse_text_file(path, _seed(name), config.media)
    assert article.url == path
    assert article.source == source
    assert article.title.startswith(title)
    assert len(article.title) <= 201
    assert article.published is None
    assert article.text == _seed(name)  # the raw text: ingestion cleans it
    assert name.split("_")[1].removesuffix(".txt") not in article.source  # never a file hash
    # the sidecar says what is known; without it, the outlet is guessed or called unknown
    bare = parse_text_file(f"elsewhere/{name}", _seed(name), config.media)
    assert bare.source in (source, "unknown outlet")


def test_guess_outlet_ignores_mentions_and_embedded_posts() -> None:
    assert guess_outlet("Bloomberg reported that talks stalled.\nAxios said so too.") == ""
    assert guess_outlet("— Jane Doe (@janedoe) December 15, 2025") == ""
    assert guess_outlet("Write to press@kremlin.ru or me@gmail.com") == ""
    assert guess_outlet("Copyright © 2024-2025 The Associated Press. All rights reserved.") == (
        "The Associated Press"
    )
    assert guess_outlet("Subscribe to The Kyiv Independent newsletter!") == "Kyiv Independent"


def test_parse_text_file_with_a_header(tmp_path: Path) -> None:
    article = parse_text_file(
        tmp_path / "x.txt",
        "title: Talks in Geneva\nsource: Wire\nurl: https://w.example/1\n"
        "published: 2025-11-23T12:00:00+02:00\n\nBody line one.\n©2025 Bloomberg L.P.\n",
    )
    assert (article.title, article.source, article.url) == (
        "Talks in Geneva",
        "Wire",
        "https://w.example/1",
    )
    assert article.published == datetime(2025, 11, 23, 10, 0, tzinfo=UTC)
    assert article.published.utcoffset() == timedelta(0)
    assert article.text.startswith("Body line one.")
    partial = parse_text_file("y.txt", "published: 2025-11-23T10:00:00\n\nFirst line\nMore.\n")
    assert partial.published == datetime(2025, 11, 23, 10, 0, tzinfo=UTC)  # naive: UTC
    assert (partial.title, partial.url, partial.source) == (
        "First line",
        "y.txt",
        "unknown outlet",
    )
    # "key: value" lines that are the whole text are text, not a header
    plain = parse_text_file("z.txt", "Source: officials in Kyiv\nsaid nothing.")
    assert plain.source == "unknown outlet"
    assert plain.text.startswith("Source: officials")


def test_a_sidecar_beside_a_text_file_says_what_is_known(tmp_path: Path) -> None:
    text = "Talks resumed in Geneva on Monday.\nMore text.\n"
    (tmp_path / "a.meta.toml").write_text(
        'title = "Geneva talks resume"\nsource = "Wire & Co"\nurl = "https://w.example/a"\n'
        'published = "2025-11-23T12:00:00+02:00"\n',
        encoding="utf-8",
    )
    article = parse_text_file(tmp_path / "a.txt", text)
    assert (article.title, article.source, article.url) == (
        "Geneva talks resume",
        "Wire & Co",
        "https://w.example/a",
    )
    assert article.published == datetime(2025, 11, 23, 10, 0, tzinfo=UTC)
    assert article.text == text  # the text itself is untouched
    # a header in the text itself wins over the sidecar
    headed = parse_text_file(tmp_path / "a.txt", "source: Own Header\n\nBody.\n")
    assert headed.source == "Own Header"
    assert headed.title == "Geneva talks resume"
    # a broken sidecar is ignored, not fatal
    (tmp_path / "b.meta.toml").write_text("title = [unclosed", encoding="utf-8")
    broken = parse_text_file(tmp_path / "b.txt", text)
    assert (broken.title, broken.source) == (
        "Talks resumed in Geneva on Monday.",
        "unknown outlet",
    )


def test_the_seed_files_are_kept_as_they_were_copied() -> None:
    from tests.conftest import ROOT, SEEDS

    shared = ROOT.parent / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("no shared seeds beside this checkout")
    for path in sorted(SEEDS.glob("*.txt")):
        assert path.read_bytes() == (shared / path.name).read_bytes()
