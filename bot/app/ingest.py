"""Ingest: articles in, statements extracted, each placed in a development (bot/diff decides
where), all stored. Seeds are a folder of text files; feed polling is bot/app/poll.py.

A :class:`Pipeline` (bot/app/pipeline.py) holds what is built once from a config; it keeps
nothing about any database, so one pipeline serves every store. What a batch reads from a
database (its candidates) lives in the batch and dies with it; the pipeline only memoises values
built from what was read (a parsed signature, a candidate), keyed by all of it.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

from bot.app.pipeline import Pipeline
from bot.config import Config
from bot.diff import (
    Candidate,
    CandidatePool,
    pieces_of_one,
    place,
    said_context,
    same_utterance,
    says_more,
    takes_text,
)
from bot.diff.place import CANDIDATES, NEIGHBOURS, WINDOW
from bot.diff.when import (
    Days,
    carried_days,
    interview_days,
    report_days,
    section_days,
    utterance_days,
)
from bot.extract.clean import clean_text, parse_text_file
from bot.model import Actor, Article, IngestReport, Statement
from bot.store import Store

__all__ = ["Pipeline", "ingest_articles", "ingest_seeds"]  # Pipeline: its callers' import

log = logging.getLogger(__name__)

COMMIT_EVERY = 50  # articles per commit in a batch ingest
FILE_GUID = "file:"  # a seed file's guid is its file URI


def content_hash(text: str) -> str:
    """A hash of an article's text that ignores white space and case."""
    # its words joined by one space: what collapsing every run of white space (re's \s, the
    # characters str.split() splits on) and stripping the ends gave, at half the cost
    return hashlib.sha256(" ".join(text.split()).lower().encode()).hexdigest()


def ingest_articles(
    store: Store,
    config: Config,
    articles: Iterable[Article],
    now: datetime,
    *,
    pipeline: Pipeline | None = None,
    progress: Callable[[int], None] | None = None,
    backfill: bool | None = False,
) -> IngestReport:
    """Store new articles, extract their statements and group them into developments.

    Re-ingesting an article already stored (same URL, guid or text) is a no-op. Each article is one
    savepoint: its row, its statements and their developments land together or not at all. A
    long-running caller passes its ``pipeline``; without one, one is built for this call.

    Developments an article starts are a *back-fill* (stored, searchable, never alerted nor in a
    digest) when ``backfill`` is True (a feed's first poll) or, unless ``backfill`` is None (the
    bundled seeds), when the article was published more than ``backfill_hours`` before ``now``.
    """
    with _collector_paused():
        return _ingest(store, config, articles, now, pipeline, progress, backfill)


def _ingest(
    store: Store,
    config: Config,
    articles: Iterable[Article],
    now: datetime,
    pipeline: Pipeline | None,
    progress: Callable[[int], None] | None,
    backfill: bool | None,
) -> IngestReport:
    batch = _Batch(store, config, pipeline or Pipeline(config), now, backfill)
    store.upsert_actors(config.actors)
    seen = new = statements = 0
    errors: list[str] = []
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
                key = _storage_key(store, article, digest)
                if key is None:
                    continue
                digest = key
                try:
                    statements += batch.add(article, text, digest)
                except Exception as exc:  # boundary: one article's bug must not cost the rest
                    # its savepoint is rolled back, so it is not stored and the next ingest
                    # (the next poll, or the seeds at the next start) tries it again
                    name = article.url or article.guid or article.title
                    log.exception("ingest: could not ingest %s", name)
                    errors.append(f"{name}: {type(exc).__name__}: {exc}")
                    continue
                new += 1
            store.index_statements()
    batch.pool.release()
    report = IngestReport(
        articles_seen=seen,
        articles_new=new,
        statements_new=statements,
        developments_new=tuple(batch.created),
        developments_updated=tuple(batch.updated),
        errors=tuple(errors),
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


_paused = 0  # ingest calls running with the cyclic collector paused (threads may overlap)
_pause_lock = threading.Lock()


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector paused while a batch runs, and resumed after it (unless it
    was off already). A batch allocates about a hundred thousand containers, and every so often
    that set off a full collection, which walks every object the process holds (the pipeline's
    memos, the spare windows: ~200,000, 0.25 s each): 13 of them cost about 6 % of a 5,000-article
    ingest's CPU. Reference counting still frees what a batch drops; the few cycles it leaves
    are collected at the first collection after it, and the batch's survivors are then looked at
    once, as young objects."""
    global _paused
    with _pause_lock:
        pause = _paused > 0 or gc.isenabled()
        if pause:
            gc.disable()
            _paused += 1
    try:
        yield
    finally:
        if pause:
            with _pause_lock:
                _paused -= 1
                if not _paused:
                    gc.enable()


def _storage_key(store: Store, article: Article, digest: str) -> str | None:
    """The content key to store an article under, or None when it is already stored: the same
    URL or guid, or the same text from the same outlet. The same text from another outlet (wire
    copy carried word for word) is stored again under its own key, so that outlet is credited as
    a mention of every development the text holds."""
    if store.find_article(article.url, "", article.guid) is not None:
        return None
    sources = store.sources_of_text(digest)
    if not sources:
        return digest
    if article.source in sources:
        return None
    return f"{digest}|{article.source}"


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
    """One ingest call: what it created and updated, and the candidates it read from its store."""

    def __init__(
        self,
        store: Store,
        config: Config,
        pipeline: Pipeline,
        now: datetime,
        backfill: bool | None,
    ) -> None:
        self.store = store
        self.backfill = backfill
        self.old = now - timedelta(hours=config.settings.backfill_hours)
        self.config = config
        self.now = now
        self.pipe = pipeline
        self.since = now - WINDOW
        self.created: dict[int, None] = {}  # insertion-ordered sets
        self.updated: dict[int, None] = {}
        # the loader holds the store, not the batch: a batch -> pool -> bound method -> batch
        # cycle left every batch's candidates for the cyclic collector, whose full passes then
        # cost more the longer the process ran
        # the kind (direct or reported) of each development this batch wrote or read: read with
        # the candidates, and the batch writes every change to it, so it need not read it back
        # per statement
        self.kinds: dict[int, str] = {}
        self.pool = CandidatePool(_loader(store, pipeline, self.since, self.kinds), pipeline.spare)
        self.fresh: set[int] = set()  # the developments the article being added started
        # developments folded into another (bridges) in this batch: gone from the store, though
        # the article's earlier statements still name them
        self.folded: set[int] = set()

    def add(self, article: Article, text: str, digest: str) -> int:
        """Store one article with its statements, in one savepoint; returns the statement
        count."""
        extraction = self.pipe.extractor.extract(text)
        # what this batch reports, as it was before the article: a rolled-back article's
        # developments do not exist, and those it folded away exist again
        undo = (dict(self.created), dict(self.updated), set(self.folded))
        try:
            with self.store.transaction():
                article_id = self.store.insert_article(
                    replace(article, text=text), digest, self.now
                )
                if extraction.new_actors:
                    self.store.upsert_actors(_not_configured(extraction.new_actors, self.config))
                quiet = self.backfill is True or (
                    self.backfill is False
                    and article.published is not None
                    and article.published < self.old
                )
                earlier: list[tuple[Statement, Candidate]] = []
                dated: dict[str, Days] = {}  # speaker -> the days the article said it spoke on
                # the first day the article stated for anyone: the event it reports, a likely
                # day for the undated remarks of its other speakers too
                opened: Days | None = None
                # the days that head sections of the article ("YESTERDAY", "MONDAY 10 AUGUST")
                sections = section_days(text, article.published, self.pipe.calendar)
                # the day its introduction says an interview was held: the day of its remarks
                interview = interview_days(text, article.published, self.pipe.calendar)
                self.fresh.clear()
                for statement in extraction.statements:
                    neighbours = [
                        placed
                        for before, placed in earlier[-NEIGHBOURS:]
                        # a piece whose development a bridge folded away is not followed: the
                        # fold is a bigger one, and joining it through the piece chains remarks
                        # (tune5's grouping precision .91 -> .85 when followed)
                        if placed.development_id not in self.folded
                        and _joins(before, statement, text, placed, self.fresh, self.pipe)
                    ]
                    said = said_context(text, statement, self.pipe.calendar)
                    days = utterance_days(said, article.published, self.pipe.calendar)
                    speaker = self.pipe.speaker(statement.actor_id)
                    if days is not None:
                        dated[speaker] = (
                            dated[speaker].spanning(days) if speaker in dated else days
                        )
                        opened = opened or days
                    placed = self._statement(
                        replace(statement, article_id=article_id),
                        speaker,
                        neighbours,
                        article.published,
                        quiet,
                        days,
                        # "he added": the speaker said more that day than one remark
                        lean=not says_more(text, statement, self.pipe.another_claim),
                        recalled=days is None and self.pipe.calendar.recalls(said),
                        # "X said on Monday that ...": his words after it may be Monday's too
                        dated=dated.get(speaker, opened) if days is None else None,
                        carried=(carried_days(sections, statement.position) if sections else None)
                        or interview,
                    )
                    earlier.append((statement, placed))
        except BaseException:
            self.pool.forget()  # ids of rolled-back rows may be reused
            self.kinds.clear()
            self.created, self.updated, self.folded = undo
            raise
        return len(extraction.statements)

    def _statement(
        self,
        statement: Statement,
        speaker: str,
        neighbours: list[Candidate],
        said_at: datetime | None,
        quiet: bool,
        days: Days | None,
        *,
        lean: bool = True,
        recalled: bool = False,
        dated: Days | None = None,
        carried: Days | None = None,
    ) -> Candidate:
        near = report_days(said_at, recalled, dated, carried)
        sig = self.pipe.signer(statement).on(days, near)
        candidates = self.pool.of(speaker)
        placement = place(
            statement,
            sig,
            candidates,
            self.pipe.lexicon.decisive,
            neighbours,
            lean=lean,
            sharing=self.pool.shortlist(speaker, statement, sig),
            unleaned=[d for d in self.fresh if self.kinds.get(d) == statement.kind],
        )
        if placement.development_id is None:
            dev_id = self.store.start_development(
                statement, self.now, sig.stored, said_at=said_at, quiet=quiet
            )
            self.created[dev_id] = None
            self.fresh.add(dev_id)
            self.folded.discard(dev_id)
            self.kinds[dev_id] = statement.kind
        else:
            dev_id = placement.development_id
            for gone in placement.merged:  # folded into dev_id: report dev_id only
                self.folded.add(gone)
                self.store.merge_developments(dev_id, gone)
                self.created.pop(gone, None)
                self.updated.pop(gone, None)
                self.kinds.pop(gone, None)
            kind = self.kinds.get(dev_id)
            if kind is None:
                kind = self.store.development_kind(dev_id)
            shown = takes_text(kind, statement.kind)
            self.kinds[dev_id] = statement.kind if shown else kind
            self.store.add_statement(
                statement, dev_id, self.now, sig.stored, shown=shown, said_at=said_at
            )
        placed = self.pool.placed(speaker, statement, sig, placement, dev_id)
        self.pipe.remember(placed)
        if dev_id not in self.created:
            self.updated[dev_id] = None
        return placed


def _joins(
    before: Statement,
    after: Statement,
    text: str,
    placed: Candidate,
    fresh: set[int],
    pipe: Pipeline,
) -> bool:
    """Whether ``after`` joins the development of ``before``, a statement earlier in the same
    article: the pieces of one quote always do; the quote after a reported sentence only when
    that sentence started its development here (a sentence already carried by other outlets is
    their paraphrase, and the quote after it may be another claim)."""
    if pieces_of_one(before, after, text, pipe.another_claim):
        return True
    return placed.development_id in fresh and same_utterance(
        before, after, text, pipe.another_claim
    )


def _loader(
    store: Store, pipe: Pipeline, since: datetime, kinds: dict[int, str]
) -> Callable[[str], list[Candidate]]:
    """A function reading a speaker's recent mentions in this store, newest first, noting each
    one's development kind in ``kinds`` (unless the batch already knows it: what it wrote is
    newer than what it read)."""

    def load(speaker: str) -> list[Candidate]:
        actors = pipe.speakers.get(speaker, (speaker,))
        rows = store.candidate_mentions(actors, since, limit=CANDIDATES)
        for _, dev, _, _, kind in rows:
            kinds.setdefault(dev, kind)
        return [pipe.candidate(dev, issues, sig) for _, dev, issues, sig, _ in rows]

    return load


def _not_configured(actors: Iterable[Actor], config: Config) -> list[Actor]:
    known = {a.id for a in config.actors}
    return [a for a in actors if a.id not in known]


def ingest_seeds(
    store: Store,
    config: Config,
    seeds_dir: str | Path,
    now: datetime,
    *,
    pipeline: Pipeline | None = None,
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
            text = path.read_text(encoding="utf-8")
            article = parse_text_file(path, text, config.media)
            # the file it came from, kept as its guid (a file has none of its own)
            articles.append(replace(article, guid=article.guid or path.resolve().as_uri()))
        except (OSError, UnicodeDecodeError) as exc:
            log.warning("cannot read seed %s: %s", path, exc)
    # the bundled seeds are the demo's news, whatever their dates: never a back-fill
    return ingest_articles(
        store, config, articles, now, pipeline=pipeline, progress=progress, backfill=None
    )
