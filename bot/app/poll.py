"""Feed polling: each feed polled through a :class:`Fetcher` (the HTTP one is
bot/adapters/fetch.py), its new entries ingested one at a time, its state (validators, failures,
backoff) recorded. No HTTP here: a test or another transport supplies its own Fetcher.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Protocol

from bot.app.ingest import Pipeline, ingest_articles
from bot.config import Config, Feed, Settings
from bot.errors import FetchError
from bot.model import Article, FeedResult, FeedState, IngestReport
from bot.store import Store

log = logging.getLogger(__name__)

Known = Callable[[Sequence[str], Sequence[str]], set[str]]


class Fetcher(Protocol):
    """What polling needs from a transport."""

    async def poll(self, feed: Feed, state: FeedState, known: Known) -> FeedResult:
        """One poll of a feed with its stored validators; entries ``known`` says are stored are
        left out. Raises FetchError on failure."""
        ...

    async def page_text(self, article: Article) -> Article:
        """The article with its linked page's text, or as it was when the page cannot be had."""
        ...


def backoff_minutes(feed: Feed, failures: int, settings: Settings) -> float:
    """Minutes to the next poll: the feed's interval, doubled per consecutive failure, capped."""
    if failures <= 0:
        return feed.interval_minutes
    return min(
        feed.interval_minutes * 2**failures,
        max(settings.max_backoff_minutes, feed.interval_minutes),
    )


async def ingest_feed(
    store: Store,
    config: Config,
    feed: Feed,
    now: datetime,
    fetcher: Fetcher,
    *,
    pipeline: Pipeline | None = None,
) -> IngestReport:
    """Poll one feed and ingest its new entries; a failure is recorded on the feed, not raised."""
    outcome, report = await _poll_and_ingest(store, config, feed, now, fetcher, pipeline)
    log.info("feed %s: %s; %s", feed.name, outcome, _summary(report))
    return report


async def ingest_feeds(
    store: Store,
    config: Config,
    now: datetime,
    fetcher: Fetcher,
    *,
    feeds: Iterable[Feed] | None = None,
    pipeline: Pipeline | None = None,
) -> IngestReport:
    """Poll every feed (configured or admin-added, unless removed) once; one failing feed never
    stops the others. One summary log line per round."""
    polled = list(feeds) if feeds is not None else effective_feeds(store, config)
    pipeline = pipeline or Pipeline(config)
    outcomes: list[str] = []
    reports = []
    for feed in polled:
        outcome, report = await _poll_and_ingest(store, config, feed, now, fetcher, pipeline)
        outcomes.append(outcome)
        reports.append(report)
    report = merge_reports(reports)
    log.info(
        "feeds: %d polled (%d failed, %d unchanged); %s",
        len(polled),
        outcomes.count("failed"),
        outcomes.count("unchanged"),
        _summary(report),
    )
    return report


def _summary(report: IngestReport) -> str:
    return (
        f"{report.articles_seen} new entries, {report.articles_new} articles stored, "
        f"{report.statements_new} statements, {len(report.developments_new)} new developments"
    )


async def _poll_and_ingest(
    store: Store,
    config: Config,
    feed: Feed,
    now: datetime,
    fetcher: Fetcher,
    pipeline: Pipeline | None,
) -> tuple[str, IngestReport]:
    """One poll of one feed: ("failed" | "unchanged" | "polled", what it ingested). Network I/O
    happens between the store's transactions, never inside one."""
    pipeline = pipeline or Pipeline(config)
    state = store.feed_state(feed.name)
    failures = state.consecutive_failures
    # everything a feed holds on its first good poll is back-fill: a new feed (or the first
    # start) never floods subscribers with its archive
    first = state.last_success_at is None and state.entries_seen == 0
    try:
        result = await fetcher.poll(feed, state, store.known_article_keys)
    except FetchError as exc:
        return "failed", _record_failure(store, config, feed, now, failures, str(exc))
    except Exception as exc:  # boundary: a bug reading one feed must not stop the others
        log.exception("feed %s: unexpected error", feed.name)
        problem = f"internal error: {type(exc).__name__}: {exc}"
        return "failed", _record_failure(store, config, feed, now, failures, problem)
    for warning in result.warnings:
        log.warning("feed %s: %s", feed.name, warning)
    reports = []
    failed: list[str] = []
    for article in result.articles:
        # one entry at a time: a crash mid-poll keeps what was ingested, and the next poll
        # (the feed's validators are saved only at the end) picks up the rest
        try:
            if article.url in result.teasers:
                article = await fetcher.page_text(article)
            ingested = ingest_articles(
                store, config, [article], now, pipeline=pipeline, backfill=first
            )
            reports.append(replace(ingested, errors=()))
            failed.extend(ingested.errors)  # logged where it failed
        except Exception as exc:  # boundary: one bad entry must not cost the feed's others
            log.exception("feed %s: could not ingest %s", feed.name, article.url)
            failed.append(f"{article.url}: {type(exc).__name__}: {exc}")
    report = merge_reports(reports)
    seen = state.entries_seen + len(result.articles)
    if failed:
        # the validators are not advanced, so the next poll reads the whole feed again and
        # retries the entries that failed (those stored are skipped)
        problem = f"{len(failed)} of {len(result.articles)} entries failed; first: {failed[0]}"
        errors = _record_failure(store, config, feed, now, failures, problem, entries_seen=seen)
        return "failed", replace(report, errors=report.errors + errors.errors)
    store.save_feed_state(
        feed.name,
        url=feed.url,
        interval_minutes=feed.interval_minutes,
        last_polled_at=now,
        etag=result.etag,
        last_modified=result.last_modified,
        last_success_at=now,
        consecutive_failures=0,
        entries_seen=seen,
        next_poll_at=now + timedelta(minutes=feed.interval_minutes),
        last_error=state.last_error,
    )
    return ("unchanged" if result.not_modified else "polled"), report


def _record_failure(
    store: Store,
    config: Config,
    feed: Feed,
    now: datetime,
    failures: int,
    problem: str,
    entries_seen: int | None = None,
) -> IngestReport:
    """Record one more failed poll on the feed's row (with backoff) and log it."""
    failures += 1
    backoff = backoff_minutes(feed, failures, config.settings)
    store.save_feed_state(
        feed.name,
        url=feed.url,
        interval_minutes=feed.interval_minutes,
        last_polled_at=now,
        last_error=problem,
        last_error_at=now,
        consecutive_failures=failures,
        next_poll_at=now + timedelta(minutes=backoff),
        entries_seen=entries_seen,
    )
    log.warning(
        "feed %s failed (%d in a row, next try in %g min): %s",
        feed.name,
        failures,
        backoff,
        problem,
    )
    return IngestReport(errors=(f"{feed.name}: {problem}",))


def merge_reports(reports: Iterable[IngestReport]) -> IngestReport:
    """Several ingest reports as one (a development new in one is not also 'updated')."""
    reports = list(reports)
    new = tuple(d for r in reports for d in r.developments_new)
    return IngestReport(
        articles_seen=sum(r.articles_seen for r in reports),
        articles_new=sum(r.articles_new for r in reports),
        statements_new=sum(r.statements_new for r in reports),
        developments_new=new,
        developments_updated=tuple(
            dict.fromkeys(d for r in reports for d in r.developments_updated if d not in new)
        ),
        errors=tuple(e for r in reports for e in r.errors),
    )


def effective_feeds(store: Store, config: Config) -> list[Feed]:
    """The configured feeds plus those admins added, minus those admins removed."""
    states = {s.name: s for s in store.feed_states()}
    feeds = [f for f in config.feeds if not (f.name in states and states[f.name].removed)]
    names = {f.name for f in feeds}
    for name, state in states.items():
        if state.origin == "admin" and not state.removed and name not in names:
            feeds.append(
                Feed(name=name, url=state.url, interval_minutes=state.interval_minutes or 15)
            )
    return feeds
