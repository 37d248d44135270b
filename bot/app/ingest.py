"""The use cases: ingest articles and feeds, answer queries, build digests. No Telegram imports."""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from functools import cached_property
from pathlib import Path

import httpx

from bot.adapters import fetch
from bot.config import Config, Feed, Settings
from bot.diff import Lexicon, Signature, matches, names_pattern, signature
from bot.errors import FetchError
from bot.extract.actors import ActorIndex
from bot.extract.clean import clean_text, parse_text_file
from bot.extract.issues import IssueTagger
from bot.extract.statements import Extractor
from bot.model import Actor, Article, IngestReport, Statement
from bot.store import Store

log = logging.getLogger(__name__)

MATCH_THRESHOLD = 0.45  # similarity at which two statements are one development (see bot/diff.py)
COMMIT_EVERY = 50  # articles per commit in a batch ingest
SIGNATURE_CACHE = 200_000  # statements whose signatures stay parsed in memory
BRIDGE_THRESHOLD = 0.5  # a statement this close to two developments shows they are one


@dataclass
class Pipeline:
    """The extraction and diff machinery built once from the config."""

    config: Config
    # statement id -> (issues, signature) of stored statements: parsed once per process
    signatures: dict[int, tuple[tuple[str, ...], Signature]] = field(default_factory=dict)
    # actor id -> compiled pattern of the names left out of that actor's signatures
    _names: dict[str, re.Pattern[str] | None] = field(default_factory=dict)
    # (actor id, text) -> signature: outlets repeat the same quotes
    _signed: dict[tuple[str, str], Signature] = field(default_factory=dict)

    @cached_property
    def index(self) -> ActorIndex:
        """Actor names and descriptions, compiled."""
        return ActorIndex(self.config.actors, self.config.media)

    @cached_property
    def extractor(self) -> Extractor:
        """The statement extractor."""
        return Extractor(self.index, IssueTagger(self.config.issues))

    @cached_property
    def lexicon(self) -> Lexicon:
        """The diff engine's synonyms."""
        return Lexicon(self.config.lexicon, self.config.decisive)

    def signature(self, statement: Statement) -> Signature:
        """The diff signature of a statement, leaving out its speaker's names."""
        key = (statement.actor_id, statement.text)
        if key not in self._signed:
            if len(self._signed) > SIGNATURE_CACHE:
                self._signed.clear()
            self._signed[key] = self._signature(statement)
        return self._signed[key]

    def _signature(self, statement: Statement) -> Signature:
        if statement.actor_id not in self._names:
            actor = self.index.actor(statement.actor_id)
            forms = (actor.name, *actor.aliases, *actor.descriptions) if actor else ()
            self._names[statement.actor_id] = names_pattern(forms)
        return signature(statement.text, self.lexicon, self._names[statement.actor_id])


_pipelines: dict[int, Pipeline] = {}


def pipeline_for(config: Config) -> Pipeline:
    """The (cached) pipeline for a config."""
    key = id(config)
    if key not in _pipelines or _pipelines[key].config is not config:
        _pipelines[key] = Pipeline(config)
    return _pipelines[key]


def content_hash(text: str) -> str:
    """A hash of an article's text that ignores white space and case."""
    return hashlib.sha256(re.sub(r"\s+", " ", text).strip().lower().encode()).hexdigest()


def ingest_articles(
    store: Store,
    config: Config,
    articles: Iterable[Article],
    now: datetime,
    *,
    progress: Callable[[int], None] | None = None,
) -> IngestReport:
    """Store new articles, extract their statements and group them into developments.

    Re-ingesting an article already stored (same URL, guid or text) is a no-op. Each article is one
    transaction: its row, its statements and their developments land together or not at all.
    """
    batch = _Batch(store, config, now)
    store.upsert_actors(config.actors)
    seen = new = statements = 0
    for chunk in _chunks(articles, COMMIT_EVERY):
        # one commit per chunk (each article is still its own savepoint): a crash loses at most
        # the uncommitted chunk, which the next round ingests again
        with store.transaction():
            for article in chunk:
                seen += 1
                if progress is not None:
                    progress(1)
                text = clean_text(article.text)
                digest = content_hash(text)
                if store.find_article(article.url, digest, article.guid) is not None:
                    continue
                statements += batch.add(article, text, digest)
                new += 1
            store.index_statements()
    report = IngestReport(
        articles_seen=seen,
        articles_new=new,
        statements_new=statements,
        developments_new=tuple(batch.created),
        developments_updated=tuple(batch.updated),
    )
    # one entry of a feed poll is DEBUG: the poll logs its own summary line
    log.log(
        logging.INFO if seen > 1 else logging.DEBUG,
        "ingest: %d articles seen, %d new, %d statements, %d new developments, %d gained sources",
        seen,
        new,
        statements,
        len(batch.created),
        len(batch.updated),
    )
    return report


def _chunks(items: Iterable[Article], size: int) -> Iterable[list[Article]]:
    chunk: list[Article] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class _Batch:
    """One ingest call: its pipeline, what it created and updated, and each actor's recent
    statements (the diff engine's candidates) as (statement id, development id), newest first —
    read from the store once per actor, then kept up to date in memory."""

    CANDIDATES = 150

    def __init__(self, store: Store, config: Config, now: datetime) -> None:
        self.store = store
        self.config = config
        self.now = now
        self.pipe = pipeline_for(config)
        self.since = now - timedelta(days=config.settings.development_window_days)
        self.created: dict[int, None] = {}  # insertion-ordered sets
        self.updated: dict[int, None] = {}
        self._recent: dict[str, list[tuple[int, tuple[str, ...], Signature]]] = {}

    def add(self, article: Article, text: str, digest: str) -> int:
        """Store one article with its statements, in one transaction; returns the statement
        count."""
        extraction = self.pipe.extractor.extract(text)
        try:
            with self.store.transaction():
                article_id = self.store.insert_article(
                    replace(article, text=text), digest, self.now
                )
                if extraction.new_actors:
                    self.store.upsert_actors(_not_configured(extraction.new_actors, self.config))
                for statement in extraction.statements:
                    self._statement(replace(statement, article_id=article_id))
        except BaseException:
            # ids of rolled-back statements may be reused: forget what was cached
            self.pipe.signatures.clear()
            self._recent.clear()
            raise
        return len(extraction.statements)

    def _statement(self, statement: Statement) -> None:
        sig = self.pipe.signature(statement)
        dev_id, merged = self._place(statement, sig)
        for gone in merged:  # folded into dev_id: report dev_id only
            self.created.pop(gone, None)
            self.updated.pop(gone, None)
        sid = self.store.add_statement(statement, dev_id, self.now, sig.text)
        self.pipe.signatures[sid] = (statement.issues, sig)
        recent = self._candidates(statement.actor_id)
        # the same words in the same development need comparing once: keep the newest copy
        recent[:] = [c for c in recent if c[0] != dev_id or c[2].text != sig.text]
        recent.insert(0, (dev_id, statement.issues, sig))
        del recent[self.CANDIDATES :]
        if dev_id not in self.created:
            self.updated[dev_id] = None

    def _candidates(self, actor_id: str) -> list[tuple[int, tuple[str, ...], Signature]]:
        """An actor's recent statements as (development id, issues, signature), newest first."""
        if actor_id in self._recent:
            return self._recent[actor_id]
        rows = self.store.candidate_mentions(actor_id, self.since, limit=self.CANDIDATES)
        known = self.pipe.signatures
        missing = [r[0] for r in rows if r[0] not in known]
        if missing:
            if len(known) > SIGNATURE_CACHE:
                known.clear()  # bounded memory; a cold cache costs one query
            for sid, (issues, tokens) in self.store.statement_signatures(missing).items():
                known[sid] = (issues, Signature(frozenset(tokens.split()), tokens))
        candidates = [(r[1], *known[r[0]]) for r in rows if r[0] in known]
        self._recent[actor_id] = candidates
        return candidates

    def _place(self, statement: Statement, sig: Signature) -> tuple[int, list[int]]:
        """The development a statement belongs to (an existing one it matches, or a new one),
        and the developments it showed to be the same one (merged into it)."""
        candidates = self._candidates(statement.actor_id)
        found = matches(statement, sig, candidates, MATCH_THRESHOLD, self.pipe.lexicon.decisive)
        if not found:
            dev_id = self.store.create_development(statement, self.now)
            self.created[dev_id] = None
            return dev_id, []
        keep = found[0].development_id
        bridged = [m.development_id for m in found[1:] if m.score >= BRIDGE_THRESHOLD]
        if not bridged:
            return keep, []
        keep = min(keep, *bridged)  # the oldest development survives
        gone = sorted({found[0].development_id, *bridged} - {keep})
        for dev_id in gone:
            self.store.merge_developments(keep, dev_id)
        self._recent[statement.actor_id] = [
            (keep if dev in gone else dev, issues, other) for dev, issues, other in candidates
        ]
        return keep, gone


def _not_configured(actors: Iterable[Actor], config: Config) -> list[Actor]:
    known = {a.id for a in config.actors}
    return [a for a in actors if a.id not in known]


def ingest_seeds(
    store: Store,
    config: Config,
    seeds_dir: str | Path,
    now: datetime,
    *,
    progress: Callable[[int], None] | None = None,
) -> IngestReport:
    """Ingest every ``*.txt`` file in a folder (sorted by name)."""
    folder = Path(seeds_dir)
    if not folder.is_dir():
        log.warning("seeds folder %s not found; nothing to ingest", folder)
        return IngestReport()
    articles = []
    for path in sorted(folder.glob("*.txt")):
        try:
            articles.append(parse_text_file(path, path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError) as exc:
            log.warning("cannot read seed %s: %s", path, exc)
    return ingest_articles(store, config, articles, now, progress=progress)


# --- feeds ---------------------------------------------------------------------------------------


def _backoff_minutes(feed: Feed, failures: int, settings: Settings) -> float:
    """Minutes to the next poll: the feed's interval, doubled per consecutive failure, capped."""
    if failures <= 0:
        return feed.interval_minutes
    return min(
        feed.interval_minutes * 2**failures,
        max(settings.max_backoff_minutes, feed.interval_minutes),
    )


async def ingest_feed(
    store: Store, config: Config, feed: Feed, now: datetime, client: httpx.AsyncClient
) -> IngestReport:
    """Poll one feed and ingest its new entries; a failure is recorded on the feed, not raised."""
    outcome, report = await _poll_and_ingest(store, config, feed, now, client)
    log.info("feed %s: %s; %s", feed.name, outcome, _summary(report))
    return report


async def ingest_feeds(
    store: Store,
    config: Config,
    now: datetime,
    *,
    client: httpx.AsyncClient | None = None,
    feeds: Iterable[Feed] | None = None,
) -> IngestReport:
    """Poll every feed (configured or admin-added, unless removed) once; one failing feed never
    stops the others. One summary log line per round."""
    polled = list(feeds) if feeds is not None else effective_feeds(store, config)
    own = client is None
    http = client or fetch.client(config.settings)
    outcomes: list[str] = []
    reports = []
    try:
        for feed in polled:
            outcome, report = await _poll_and_ingest(store, config, feed, now, http)
            outcomes.append(outcome)
            reports.append(report)
    finally:
        if own:
            await http.aclose()
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
    store: Store, config: Config, feed: Feed, now: datetime, client: httpx.AsyncClient
) -> tuple[str, IngestReport]:
    """One poll of one feed: ("failed" | "unchanged" | "polled", what it ingested). Network I/O
    happens between the store's transactions, never inside one."""
    state = store.feed_state(feed.name)
    failures = state.consecutive_failures
    try:
        result = await fetch.poll_feed(
            client, feed, state, config.settings, known=store.known_article_keys
        )
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
                article = await fetch.with_page_text(client, article, config.settings)
            reports.append(ingest_articles(store, config, [article], now))
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
    backoff = _backoff_minutes(feed, failures, config.settings)
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
