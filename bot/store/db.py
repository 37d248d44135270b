"""The database itself: opening it (WAL, pragmas), the schema and its migrations, how datetimes
are stored, and transactions. Every concern of the store builds on :class:`StoreBase`.

Migrations are sqlite-utils ``Migrations`` named ``talkwatch``; their function names are recorded
in each database, so they are never renamed or edited once released - a change is a new one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, Self

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from bot.store.tally import Scope
from bot.store.wal import BUSY_SECONDS, enable_wal

migrations = Migrations("talkwatch")
CACHE_KIB = 16_384  # the page cache of a connection (PRAGMA cache_size), in KiB


@lru_cache(maxsize=1024)  # a batch writes its one `now` several times a statement
def iso(dt: datetime | None) -> str | None:
    """A UTC datetime as stored: ISO 8601 with offset, sortable as text."""
    if dt is None:
        return None
    if dt.tzinfo is None:
        raise ValueError("naive datetime")
    # microseconds: two rows written in one second still order (a digest and the development
    # stored just after it must not tie); every value has the same width, so text order holds
    return dt.astimezone(UTC).isoformat(timespec="microseconds")


def parse_dt(value: str | None) -> datetime | None:
    """The inverse of :func:`iso`."""
    if not value:
        return None
    dt = datetime.fromisoformat(value)
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def row_dict(row: Sequence[Any], columns: Sequence[str]) -> dict[str, Any]:
    """A fetched row by column name (for the row-to-model functions only)."""
    return dict(zip(columns, row, strict=True))


@migrations()
def m001_initial(db: Database) -> None:
    db.table("articles").create(
        {
            "id": int,
            "url": str,
            "guid": str,
            "source": str,
            "title": str,
            "published": str,
            "fetched_at": str,
            "content_hash": str,
            "feed": str,
            "text": str,
        },
        pk="id",
        not_null={"url", "content_hash"},
    )
    db.table("articles").create_index(["url"], unique=True)
    db.table("articles").create_index(["content_hash"], unique=True)
    db.table("articles").create_index(["guid"])
    db.table("articles").create_index(["feed"])

    db.table("actors").create(
        {"id": str, "name": str, "kind": str, "role": str, "side": str, "known": int},
        pk="id",
    )

    db.table("developments").create(
        {
            "id": int,
            "actor_id": str,
            "kind": str,
            "text": str,
            "issues": str,  # JSON list, for reading; development_issues is for querying
            "first_seen": str,
            "last_seen": str,
            "mention_count": int,
            "outlet_count": int,
            "announced_at": str,  # when alerts for it were decided (null: not yet)
        },
        pk="id",
        foreign_keys=[("actor_id", "actors", "id")],
    )
    db.table("developments").create_index(["announced_at"])
    db.table("developments").create_index(["actor_id", "last_seen"])
    db.table("developments").create_index(["first_seen"])

    db.table("development_issues").create(
        {"development_id": int, "issue_id": str, "first_seen": str},
        pk=("development_id", "issue_id"),
        foreign_keys=[("development_id", "developments", "id")],
    )
    db.table("development_issues").create_index(["issue_id", "first_seen"])

    db.table("statements").create(
        {
            "id": int,
            "article_id": int,
            "actor_id": str,
            "kind": str,
            "text": str,
            "issues": str,
            "position": int,
            "development_id": int,
            "created_at": str,
        },
        pk="id",
        foreign_keys=[
            ("article_id", "articles", "id"),
            ("actor_id", "actors", "id"),
            ("development_id", "developments", "id"),
        ],
    )
    db.table("statements").create_index(["article_id", "position"], unique=True)
    db.table("statements").create_index(["development_id"])
    db.table("statements").create_index(["actor_id"])
    # filled in bulk after each ingest batch (Store.index_statements): per-row triggers cost more
    db.table("statements").enable_fts(["text"], create_triggers=False)

    db.create_view(
        "mentions",
        """
        select s.id as statement_id, s.development_id, s.actor_id, s.kind, s.text,
               a.source, a.url, a.title, a.published, a.id as article_id
        from statements s join articles a on a.id = s.article_id
        """,
    )

    db.table("feeds").create(
        {
            "name": str,
            "url": str,
            "interval_minutes": int,
            "etag": str,
            "last_modified": str,
            "last_polled_at": str,
            "last_success_at": str,
            "last_error": str,
            "last_error_at": str,
            "consecutive_failures": int,
            "next_poll_at": str,
            "entries_seen": int,
            "origin": str,  # 'config' or 'admin' (added with /feeds add)
            "removed": int,  # 1 once an admin removed it
        },
        pk="name",
        defaults={"consecutive_failures": 0, "entries_seen": 0, "origin": "config", "removed": 0},
    )

    db.table("chats").create(
        {
            "id": int,
            "type": str,
            "title": str,
            "timezone": str,
            "digest_time": str,
            "alerts": int,
            "paused": int,
            "active": int,
            "empty_digest": int,
            "last_digest_at": str,
            "next_digest_at": str,  # UTC; recomputed whenever time, zone or last digest change
            "created_at": str,
            "updated_at": str,
        },
        pk="id",
        defaults={"alerts": 1, "paused": 0, "active": 1, "empty_digest": 0},
    )
    db.table("chats").create_index(["active", "next_digest_at"])
    db.table("subscriptions").create(
        {"chat_id": int, "kind": str, "target": str, "created_at": str},
        pk=("chat_id", "kind", "target"),
        foreign_keys=[("chat_id", "chats", "id")],
    )
    db.table("subscriptions").create_index(["kind", "target"])

    # Which developments each chat has been told about (alert or digest), so nothing is told twice.
    db.table("chat_developments").create(
        {"chat_id": int, "development_id": int, "via": str, "told_at": str},
        pk=("chat_id", "development_id", "via"),
    )

    db.table("outbox").create(
        {
            "id": int,
            "chat_id": int,
            "kind": str,
            "dedupe_key": str,
            "text": str,
            "status": str,
            "attempts": int,
            "not_before": str,
            "created_at": str,
            "sent_at": str,
            "error": str,
            "telegram_message_id": int,
            "claimed_at": str,
            "preview": int,  # link previews on (1) or off (0)
        },
        pk="id",
        defaults={"status": "pending", "attempts": 0, "preview": 0},
    )
    db.table("outbox").create_index(["chat_id", "kind", "dedupe_key"], unique=True)
    db.table("outbox").create_index(["status", "not_before"])

    # One row per send attempt's outcome: sends per minute and failures by kind for /stats.
    db.table("deliveries").create(
        {"id": int, "outbox_id": int, "chat_id": int, "at": str, "outcome": str, "detail": str},
        pk="id",
    )
    db.table("deliveries").create_index(["at"])


@migrations()
def m002_statement_signatures(db: Database) -> None:
    # The diff engine's view of each statement (space-separated stems), stored so candidates need
    # no re-analysis. Older rows get theirs lazily: an empty signature matches nothing.
    db.table("statements").add_column("signature", str, not_null_default="")


@migrations()
def m003_whats_new(db: Database) -> None:
    # What each chat is owed comes from its ledger (chat_developments), not from time windows:
    # developments know when they were said and whether they are a back-fill; messages know
    # which developments they tell; a chat knows from when developments are news for it.
    db.table("developments").add_column("said_at", str)
    db.table("developments").add_column("quiet", int, not_null_default=0)
    db.table("outbox").add_column("development_ids", str, not_null_default="[]")
    db.table("chats").add_column("news_since", str)  # when the chat arrived
    db.execute("update chats set news_since = created_at")
    db.table("developments").create_index(["quiet", "first_seen"])


@migrations()
def m004_development_sources(db: Database) -> None:
    # The outlets that carried each development, one row each: a new mention's outlet is news
    # for outlet_count by one key probe, and a merge counts outlets without reading every
    # mention (both used to scan a development's mentions: a remark carried hundreds of times
    # made each further mention and merge cost more).
    db.table("development_sources").create(
        {"development_id": int, "source": str},
        pk=("development_id", "source"),
        foreign_keys=[("development_id", "developments", "id")],
    )
    db.execute(
        """insert or ignore into development_sources (development_id, source)
           select s.development_id, coalesce(a.source, '') from statements s
           join articles a on a.id = s.article_id"""
    )
    # a merge moves what chats were told of a development; that table's key starts with the chat
    db.table("chat_developments").create_index(["development_id"])
    # The diff engine's candidates (Store.candidate_mentions) are read every ingest batch: an
    # index that holds what they need reads them without visiting each statement's row (with
    # its text), in the same order (by id within a development). It serves every lookup by
    # development the one it replaces served.
    db.execute(
        """create index idx_statements_candidates
           on statements (development_id, id, issues, signature)"""
    )
    db.execute("drop index idx_statements_development_id")


@migrations()
def m005_development_issue_mentions(db: Database) -> None:
    # How many mentions of each development name each issue, and whether its first mention did:
    # a development is shown with the issues its first mention names or at least half of its
    # mentions name (bot/store/tally.py), so one outlet's incidental tag does not spread
    # to every report of a remark. development_issues keeps only the issues shown.
    db.table("development_issue_mentions").create(
        {"development_id": int, "issue_id": str, "mentions": int, "by_first": int},
        pk=("development_id", "issue_id"),
        foreign_keys=[("development_id", "developments", "id")],
        defaults={"mentions": 0, "by_first": 0},
    )
    db.execute(
        """insert into development_issue_mentions (development_id, issue_id, mentions, by_first)
           select s.development_id, j.value, count(*), max(s.id = f.first)
           from statements s join json_each(s.issues) j
           join (select development_id, min(id) as first from statements
                 group by development_id) f on f.development_id = s.development_id
           group by s.development_id, j.value"""
    )
    # what an older database showed beyond that rule is no longer shown; nothing is gained, so
    # no alert is decided again
    db.execute(
        """delete from development_issues where not exists (
             select 1 from development_issue_mentions m join developments d
             on d.id = m.development_id
             where m.development_id = development_issues.development_id
               and m.issue_id = development_issues.issue_id
               and (m.by_first = 1 or 2 * m.mentions >= (select count(*) from statements s
                                                          where s.development_id = d.id)))
           and exists (select 1 from statements s
                       where s.development_id = development_issues.development_id)"""
    )
    db.execute(
        """update developments set issues = (select json_group_array(issue_id) from (
             select issue_id from development_issues where development_id = developments.id
             order by issue_id))
           where exists (select 1 from statements s where s.development_id = developments.id)"""
    )


class _Database(Database):
    """sqlite-utils' Database whose outermost ``atomic()`` takes the write lock at BEGIN
    (``BEGIN IMMEDIATE``). Two connections write to one file (the bot's loop and the worker
    thread, bot/worker.py): a deferred transaction that reads and then writes fails at once with
    "database is locked" if the other connection committed in between (WAL cannot upgrade a
    stale snapshot, and the busy timeout does not apply); an immediate one waits its turn.

    ``scope`` is what the store's writes keep of the rows they read inside ``atomic()``, where
    the write lock is held (bot/store/tally.py): dropped when such a block begins or ends a
    transaction, when one begins or ends inside a transaction sqlite3 opened by itself (before
    a write outside ``atomic()``, which anyone may commit), and when a savepoint rolls back; so
    it never describes rows another connection may have changed or a rollback undid. Outside
    ``atomic()`` (``depth`` 0) nothing is kept."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.scope = Scope()
        self.depth = 0  # atomic() blocks open

    @contextmanager
    def atomic(self) -> Iterator[Database]:  # type: ignore[override]
        """One transaction (nested: a savepoint), holding the write lock from its start."""
        if self.conn.in_transaction:
            foreign = not self.depth  # in a transaction sqlite3 began by itself
            if foreign:
                self.scope.clear()
            self.depth += 1
            # named by its depth, not at random as sqlite-utils names them: the same three
            # statements every time, prepared once (SQLite allows a name open twice; the
            # innermost is meant)
            savepoint = f"talkwatch_{self.depth}"
            try:
                self.conn.execute(f"SAVEPOINT {savepoint}")
                try:
                    yield self
                except BaseException:
                    # an error may have ended the whole transaction, savepoints included:
                    # cleaning up then would hide it behind "no such savepoint"
                    if self.conn.in_transaction:
                        self.conn.execute(f"ROLLBACK TO SAVEPOINT {savepoint}")
                        self.conn.execute(f"RELEASE SAVEPOINT {savepoint}")
                    raise
                self.conn.execute(f"RELEASE SAVEPOINT {savepoint}")
            except BaseException:
                self.scope.clear()
                raise
            finally:
                self.depth -= 1
                if foreign:
                    self.scope.clear()
            return
        self.scope.clear()
        self.conn.execute("BEGIN IMMEDIATE")
        self.depth += 1
        try:
            try:
                yield self
            except BaseException:
                self.rollback()
                raise
            try:
                self.conn.execute("COMMIT")
            except BaseException:
                self.rollback()
                raise
        finally:
            self.depth -= 1
            self.scope.clear()


class StoreBase:
    """One talkwatch database, a real SQLite file (WAL) or an in-memory one for tests, opened and
    migrated; the concerns of the store (articles, chats, feeds, outbox) share it."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else None  # None: in memory
        if path is None:
            self.db = _Database(memory=True)
        else:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            self.db = _Database(str(path))
        self.db.execute(f"PRAGMA busy_timeout = {int(BUSY_SECONDS * 1000)}")
        if path is not None:
            enable_wal(self.db)
        self.db.execute("PRAGMA foreign_keys = ON")
        # WAL + NORMAL: a commit survives a process crash; only a power cut may lose the last ones
        self.db.execute("PRAGMA synchronous = NORMAL")
        # statement journals (what rolls one article's savepoint back) in memory, not in a
        # temporary file: an ingest batch wrote ~180 of them per article. Crash safety is the
        # WAL's; a statement journal only ever serves a rollback inside an open transaction
        self.db.execute("PRAGMA temp_store = MEMORY")
        # a page cache of 16 MB (SQLite's default is 2 MB): past 2 MB of database, every
        # statement inserted re-read index pages the cache had just dropped, and an ingest's
        # per-article cost grew with the store (cache only: what is written is the same)
        self.db.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        self._migrate()

    def _migrate(self) -> None:
        """Create or upgrade the schema. Two processes opening a new database at once (the bot
        and `talkwatch status`) must not both migrate it: the write lock is taken first."""
        if not migrations.pending(self.db):
            return
        self.db.execute("BEGIN IMMEDIATE")
        try:
            migrations.apply(self.db)  # nested: its transactions become savepoints
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def close(self) -> None:
        """Close the connection cleanly (checkpoints the WAL)."""
        self.db.close()

    def trace(self, callback: Callable[[str], None] | None) -> None:
        """Call ``callback`` with every SQL statement the connection runs (None: no longer);
        what benchmarks/placing.py counts."""
        self.db.conn.set_trace_callback(callback)

    @contextmanager
    def transaction(self) -> Iterator[Self]:
        """One atomic unit of work; nests as a savepoint."""
        with self.db.atomic():
            yield self

    def _columns(self, table: str) -> list[str]:
        return [c.name for c in self.db[table].columns]
