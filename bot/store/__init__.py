"""The only module that touches SQLite (via sqlite-utils): schema, migrations, queries.

Tables (pleasant to explore with Datasette):
    articles            every article ingested, seed file or feed entry
    actors              who speaks: configured and discovered actors
    statements          quotes and reported speech found in articles, each in one development
    developments        the same statement by the same actor, grouped across outlets
    development_issues  which issues a development is about (for /issue queries)
    mentions            (view) one row per outlet report of a development, with the article
    feeds               feed state: validators, last success/error, backoff
    chats, subscriptions, chat_developments, outbox, deliveries   the bot side

Every function returns model objects or plain values; callers never see rows or SQL.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from bot.model import (
    Actor,
    Article,
    Chat,
    Development,
    Mention,
    OutboxMessage,
    Statement,
    Subscription,
)

migrations = Migrations("talkwatch")


def iso(dt: datetime | None) -> str | None:
    """A UTC datetime as stored: ISO 8601 with offset, sortable as text."""
    if dt is None:
        return None
    if dt.tzinfo is None:
        raise ValueError("naive datetime")
    return dt.astimezone(UTC).isoformat(timespec="seconds")


def parse_dt(value: str | None) -> datetime | None:
    """The inverse of :func:`iso`."""
    if not value:
        return None
    dt = datetime.fromisoformat(value)
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


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


class _Database(Database):
    """sqlite-utils' Database whose outermost ``atomic()`` takes the write lock at BEGIN
    (``BEGIN IMMEDIATE``). Two connections write to one file (the bot's loop and the worker
    thread, bot/worker.py): a deferred transaction that reads and then writes fails at once with
    "database is locked" if the other connection committed in between (WAL cannot upgrade a
    stale snapshot, and the busy timeout does not apply); an immediate one waits its turn."""

    @contextmanager
    def atomic(self) -> Iterator[Database]:  # type: ignore[override]
        """One transaction (nested: a savepoint), holding the write lock from its start."""
        if self.conn.in_transaction:
            with super().atomic():
                yield self
            return
        self.conn.execute("BEGIN IMMEDIATE")
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


class Store:
    """A talkwatch database: a real SQLite file (WAL) or an in-memory one for tests."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else None  # None: in memory
        if path is None:
            self.db = _Database(memory=True)
        else:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            self.db = _Database(str(path))
            self.db.execute("PRAGMA busy_timeout = 10000")
            self.db.enable_wal()
        self.db.execute("PRAGMA foreign_keys = ON")
        self.db.execute("PRAGMA busy_timeout = 10000")
        # WAL + NORMAL: a commit survives a process crash; only a power cut may lose the last ones
        self.db.execute("PRAGMA synchronous = NORMAL")
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

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """One atomic unit of work; nests as a savepoint."""
        with self.db.atomic():
            yield self

    # --- actors -----------------------------------------------------------------------------

    def upsert_actors(self, actors: Iterable[Actor]) -> None:
        """Record actors (configured or discovered); existing rows are updated."""
        with self.db.atomic():
            self._upsert_actors(actors)

    def _upsert_actors(self, actors: Iterable[Actor]) -> None:
        self.db.conn.executemany(
            """insert into actors (id, name, kind, role, side, known) values (?, ?, ?, ?, ?, ?)
               on conflict (id) do update set name = excluded.name, kind = excluded.kind,
               role = excluded.role, side = excluded.side, known = excluded.known""",
            [(a.id, a.name, a.kind, a.role, a.side, int(a.known)) for a in actors],
        )

    def actor_names(self) -> dict[str, str]:
        """Every actor id -> display name."""
        return {r["id"]: r["name"] for r in self.db.table("actors").rows}

    # --- articles ---------------------------------------------------------------------------

    def find_article(self, url: str, content_hash: str, guid: str = "") -> int | None:
        """The id of an article already stored with this URL, guid or text, if any."""
        sql = "select id from articles where url = ? or content_hash = ?"
        params: list[Any] = [url, content_hash]
        if guid:
            sql += " or guid = ?"
            params.append(guid)
        row = self.db.execute(sql + " limit 1", params).fetchone()
        return row[0] if row else None

    def known_article_keys(self, urls: Sequence[str], guids: Sequence[str]) -> set[str]:
        """Which of these URLs or guids are already stored (one query per batch of entries)."""
        found: set[str] = set()
        for column, values in (("url", list(urls)), ("guid", [g for g in guids if g])):
            for i in range(0, len(values), 500):
                chunk = values[i : i + 500]
                marks = ",".join("?" * len(chunk))
                sql = f"select {column} from articles where {column} in ({marks})"
                found.update(r[0] for r in self.db.execute(sql, chunk))
        return found

    def insert_article(self, article: Article, content_hash: str, fetched_at: datetime) -> int:
        """Store a new article; returns its id."""
        cursor = self.db.execute(
            """insert into articles (url, guid, source, title, published, fetched_at, content_hash,
               feed, text) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [
                article.url,
                article.guid,
                article.source,
                article.title,
                iso(article.published),
                iso(fetched_at),
                content_hash,
                article.feed,
                article.text,
            ],
        )
        return int(cursor.lastrowid or 0)

    def article_count(self) -> int:
        """How many articles are stored."""
        return self.db.table("articles").count

    # --- statements and developments ----------------------------------------------------------

    def candidate_mentions(
        self, actor_id: str, since: datetime, limit: int = 150
    ) -> list[tuple[int, int]]:
        """Recent statements by this actor as (statement id, development id): the diff engine's
        candidates.

        Bounded by the (actor_id, last_seen) index and the limit, so the cost does not grow with the
        number of stored developments.
        """
        sql = """
            select s.id, s.development_id
            from developments d join statements s on s.development_id = d.id
            where d.actor_id = ? and d.last_seen >= ?
            order by d.last_seen desc limit ?
        """
        return self.db.execute(sql, [actor_id, iso(since), limit]).fetchall()

    def statement_signatures(self, ids: Sequence[int]) -> dict[int, tuple[tuple[str, ...], str]]:
        """Statement id -> (issues, diff signature) for these statements."""
        out: dict[int, tuple[tuple[str, ...], str]] = {}
        for i in range(0, len(ids), 500):
            chunk = list(ids[i : i + 500])
            marks = ",".join("?" * len(chunk))
            sql = f"select id, issues, signature from statements where id in ({marks})"
            out.update(
                (r[0], (tuple(json.loads(r[1])), r[2])) for r in self.db.execute(sql, chunk)
            )
        return out

    def create_development(self, statement: Statement, now: datetime) -> int:
        """A new development whose first mention is this statement; returns its id."""
        cursor = self.db.execute(
            """insert into developments (actor_id, kind, text, issues, first_seen, last_seen,
               mention_count, outlet_count) values (?, ?, ?, ?, ?, ?, 0, 0)""",
            [
                statement.actor_id,
                statement.kind,
                statement.text,
                json.dumps(list(statement.issues)),
                iso(now),
                iso(now),
            ],
        )
        dev_id = int(cursor.lastrowid or 0)
        self._add_development_issues(dev_id, statement.issues, now)
        return dev_id

    def _add_development_issues(self, dev_id: int, issues: Iterable[str], now: datetime) -> None:
        self.db.conn.executemany(
            """insert or ignore into development_issues (development_id, issue_id, first_seen)
               values (?, ?, ?)""",
            [(dev_id, i, iso(now)) for i in issues],
        )

    def add_statement(
        self, statement: Statement, development_id: int, now: datetime, signature: str = ""
    ) -> int:
        """Store a statement as a mention of a development and refresh the development's counts."""
        cursor = self.db.execute(
            """insert into statements (article_id, actor_id, kind, text, issues, position,
               development_id, signature, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [
                statement.article_id,
                statement.actor_id,
                statement.kind,
                statement.text,
                json.dumps(list(statement.issues)),
                statement.position,
                development_id,
                signature,
                iso(now),
            ],
        )
        self._add_development_issues(development_id, statement.issues, now)
        # one statement refreshes the development: issues, counts, and - a development reads best
        # as a direct quote - its text when this is the first direct one
        self.db.execute(
            """update developments set
                 last_seen = ?,
                 issues = (select json_group_array(issue_id) from (select issue_id
                           from development_issues where development_id = developments.id
                           order by issue_id)),
                 mention_count = mention_count + 1,
                 outlet_count = (select count(distinct a.source) from statements s
                                 join articles a on a.id = s.article_id
                                 where s.development_id = developments.id),
                 text = case when ? = 'direct' and kind != 'direct' then ? else text end,
                 kind = case when ? = 'direct' then 'direct' else kind end
               where id = ?""",
            [iso(now), statement.kind, statement.text, statement.kind, development_id],
        )
        return int(cursor.lastrowid or 0)

    def unannounced(self, limit: int = 500) -> list[int]:
        """Developments whose alerts have not been decided yet, oldest first."""
        rows = self.db.execute(
            "select id from developments where announced_at is null order by id limit ?", [limit]
        ).fetchall()
        return [r[0] for r in rows]

    def mark_announced(self, development_ids: Sequence[int], now: datetime) -> None:
        """Alerts for these developments are decided (call in the deciding transaction)."""
        self.db.conn.executemany(
            "update developments set announced_at = ? where id = ?",
            [(iso(now), d) for d in development_ids],
        )

    def merge_developments(self, keep: int, drop: int) -> None:
        """Fold development ``drop`` into ``keep``: its mentions, issues and what chats were told."""
        self.db.execute(
            "update statements set development_id = ? where development_id = ?", [keep, drop]
        )
        self.db.execute(
            """insert or ignore into development_issues (development_id, issue_id, first_seen)
               select ?, issue_id, first_seen from development_issues where development_id = ?""",
            [keep, drop],
        )
        self.db.execute("delete from development_issues where development_id = ?", [drop])
        self.db.execute(
            """insert or ignore into chat_developments (chat_id, development_id, via, told_at)
               select chat_id, ?, via, told_at from chat_developments where development_id = ?""",
            [keep, drop],
        )
        self.db.execute("delete from chat_developments where development_id = ?", [drop])
        kept, dropped = (
            self.db.execute(
                "select first_seen, last_seen, issues from developments where id = ?", [d]
            ).fetchone()
            for d in (keep, drop)
        )
        issues = sorted(set(json.loads(kept[2])) | set(json.loads(dropped[2])))
        counts = self.db.execute(
            """select count(*), count(distinct a.source) from statements s
               join articles a on a.id = s.article_id where s.development_id = ?""",
            [keep],
        ).fetchone()
        self.db.execute(
            """update developments set first_seen = ?, last_seen = ?, issues = ?,
               mention_count = ?, outlet_count = ? where id = ?""",
            [
                min(kept[0], dropped[0]),
                max(kept[1], dropped[1]),
                json.dumps(issues),
                counts[0],
                counts[1],
                keep,
            ],
        )
        self.db.execute("delete from developments where id = ?", [drop])

    def index_statements(self) -> None:
        """Add statements stored since the last call to the full-text index. (The index is an
        external-content FTS5 table: its own rowids are the statements'; the docsize shadow
        table says which rows are indexed.)"""
        self.db.execute(
            """insert into statements_fts (rowid, text) select id, text from statements
               where id > (select coalesce(max(id), 0) from statements_fts_docsize) order by id"""
        )

    def development_count(self) -> int:
        """How many developments are stored."""
        return self.db.table("developments").count

    def developments(
        self,
        *,
        actor: str | None = None,
        issue: str | None = None,
        since: datetime | None = None,
        ids: Sequence[int] | None = None,
        limit: int | None = None,
        offset: int = 0,
        newest_first: bool = True,
    ) -> list[Development]:
        """Developments matching every filter given, with their mentions."""
        where: list[str] = []
        params: list[Any] = []
        if actor:
            where.append("d.actor_id = ?")
            params.append(actor)
        if issue:
            where.append(
                "d.id in (select development_id from development_issues where issue_id = ?)"
            )
            params.append(issue)
        if since:
            where.append("d.first_seen >= ?")
            params.append(iso(since))
        if ids is not None:
            if not ids:
                return []
            where.append(f"d.id in ({','.join('?' * len(ids))})")
            params.extend(ids)
        sql = """select d.id, d.actor_id, coalesce(ac.name, d.actor_id), d.kind, d.text, d.issues,
                 d.first_seen from developments d left join actors ac on ac.id = d.actor_id"""
        if where:
            sql += " where " + " and ".join(where)
        order = "desc" if newest_first else "asc"
        sql += f" order by d.first_seen {order}, d.id {order}"
        if limit is not None:
            sql += " limit ? offset ?"
            params.extend([limit, offset])
        rows = self.db.execute(sql, params).fetchall()
        mentions = self._mentions([r[0] for r in rows])
        return [
            Development(
                id=r[0],
                actor_id=r[1],
                actor_name=r[2],
                kind=r[3],
                text=r[4],
                issues=tuple(json.loads(r[5])),
                first_seen=parse_dt(r[6]) or datetime.min.replace(tzinfo=UTC),
                mentions=tuple(mentions.get(r[0], ())),
            )
            for r in rows
        ]

    def _mentions(self, dev_ids: Sequence[int]) -> dict[int, list[Mention]]:
        out: dict[int, list[Mention]] = {}
        for i in range(0, len(dev_ids), 500):
            chunk = list(dev_ids[i : i + 500])
            marks = ",".join("?" * len(chunk))
            sql = f"""select development_id, source, url, text, published, statement_id
                      from mentions where development_id in ({marks})
                      order by coalesce(published, ''), statement_id"""
            for r in self.db.execute(sql, chunk):
                out.setdefault(r[0], []).append(
                    Mention(
                        source=r[1],
                        url=r[2],
                        text=r[3],
                        published=parse_dt(r[4]),
                        statement_id=r[5],
                    )
                )
        return out

    # --- feeds ------------------------------------------------------------------------------

    def feed_state(self, name: str) -> dict[str, Any]:
        """The stored state of a feed (empty dict if never polled)."""
        rows = list(self.db.table("feeds").rows_where("name = ?", [name]))
        return dict(rows[0]) if rows else {}

    def feed_states(self) -> list[dict[str, Any]]:
        """Every feed's stored state."""
        return [dict(r) for r in self.db.table("feeds").rows_where(order_by="name")]

    def save_feed_state(self, name: str, **fields: Any) -> None:
        """Update (or create) a feed's state row with these fields."""
        self.db.table("feeds").upsert({"name": name, **fields}, pk="name")

    # --- chats and subscriptions (bot) ----------------------------------------------------------

    def chat(self, chat_id: int) -> Chat | None:
        """A chat's settings, if the chat is known."""
        row = self.db.execute("select * from chats where id = ?", [chat_id]).fetchone()
        return _chat(row, self._columns("chats")) if row else None

    def _columns(self, table: str) -> list[str]:
        return [c.name for c in self.db[table].columns]

    def ensure_chat(self, chat: Chat, now: datetime) -> Chat:
        """The stored chat, creating it with these defaults if new. Reactivates an inactive one."""
        with self.db.atomic():
            self.db.execute(
                """insert into chats (id, type, title, timezone, digest_time, alerts, paused,
                   active, empty_digest, next_digest_at, created_at, updated_at)
                   values (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)
                   on conflict (id) do update set type = excluded.type,
                   title = excluded.title""",
                [
                    chat.id,
                    chat.type,
                    chat.title,
                    chat.timezone,
                    chat.digest_time,
                    int(chat.alerts),
                    int(chat.paused),
                    int(chat.empty_digest),
                    iso(chat.next_digest_at),
                    iso(now),
                    iso(now),
                ],
            )
        stored = self.chat(chat.id)
        assert stored is not None
        return stored

    def update_chat(self, chat_id: int, now: datetime, **fields: Any) -> None:
        """Change a chat's settings (bools as bools, datetimes as datetimes)."""
        values = {
            k: (iso(v) if isinstance(v, datetime) else int(v) if isinstance(v, bool) else v)
            for k, v in fields.items()
        }
        values["updated_at"] = iso(now)
        sets = ", ".join(f"{k} = ?" for k in values)
        with self.db.atomic():
            self.db.execute(f"update chats set {sets} where id = ?", [*values.values(), chat_id])

    def subscribe(self, chat_id: int, kind: str, target: str, now: datetime) -> bool:
        """Follow an issue or actor; False if the chat already did."""
        with self.db.atomic():
            cursor = self.db.execute(
                """insert or ignore into subscriptions (chat_id, kind, target, created_at)
                   values (?, ?, ?, ?)""",
                [chat_id, kind, target, iso(now)],
            )
        return cursor.rowcount > 0

    def unsubscribe(self, chat_id: int, kind: str, target: str) -> bool:
        """Stop following; False if the chat did not follow it."""
        with self.db.atomic():
            cursor = self.db.execute(
                "delete from subscriptions where chat_id = ? and kind = ? and target = ?",
                [chat_id, kind, target],
            )
        return cursor.rowcount > 0

    def subscriptions(self, chat_id: int) -> list[Subscription]:
        """What a chat follows."""
        rows = self.db.execute(
            "select kind, target from subscriptions where chat_id = ? order by kind, target",
            [chat_id],
        ).fetchall()
        return [Subscription(chat_id, r[0], r[1]) for r in rows]

    def followers(self, development: Development) -> list[int]:
        """Active chats with alerts on that follow this development's actor or one of its issues."""
        marks = ",".join("?" * len(development.issues)) or "''"
        rows = self.db.execute(
            f"""select distinct s.chat_id from subscriptions s join chats c on c.id = s.chat_id
                where c.active = 1 and c.alerts = 1 and c.paused = 0 and (
                  (s.kind = 'actor' and s.target = ?) or
                  (s.kind = 'issue' and s.target in ({marks})))
                order by s.chat_id""",
            [development.actor_id, *development.issues],
        ).fetchall()
        return [r[0] for r in rows]

    def told(self, chat_id: int, development_ids: Iterable[int], via: str, now: datetime) -> None:
        """Record that a chat was told about these developments."""
        self.db.conn.executemany(
            """insert or ignore into chat_developments (chat_id, development_id, via, told_at)
               values (?, ?, ?, ?)""",
            [(chat_id, d, via, iso(now)) for d in development_ids],
        )

    def untold(self, chat_id: int, development_ids: Sequence[int], via: str) -> list[int]:
        """Which of these developments the chat was not yet told about this way."""
        if not development_ids:
            return []
        marks = ",".join("?" * len(development_ids))
        told = {
            r[0]
            for r in self.db.execute(
                f"""select development_id from chat_developments where chat_id = ? and via = ?
                    and development_id in ({marks})""",
                [chat_id, via, *development_ids],
            )
        }
        return [d for d in development_ids if d not in told]

    def unannounced_among(self, development_ids: Sequence[int]) -> list[int]:
        """Which of these developments have not had their alerts decided yet."""
        out: list[int] = []
        ids = list(dict.fromkeys(development_ids))
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            out.extend(
                r[0]
                for r in self.db.execute(
                    f"""select id from developments where announced_at is null
                        and id in ({marks}) order by id""",
                    chunk,
                )
            )
        return out

    def outbox_has(self, chat_id: int, kind: str, dedupe_key: str) -> bool:
        """Whether a chat was already owed this message (whatever became of it since)."""
        row = self.db.execute(
            "select 1 from outbox where chat_id = ? and kind = ? and dedupe_key = ?",
            [chat_id, kind, dedupe_key],
        ).fetchone()
        return row is not None

    def due_digests(self, now: datetime, limit: int = 1000) -> list[Chat]:
        """Active, unpaused chats whose next digest time has come."""
        rows = self.db.execute(
            """select * from chats where active = 1 and paused = 0 and next_digest_at is not null
               and next_digest_at <= ? order by next_digest_at limit ?""",
            [iso(now), limit],
        ).fetchall()
        columns = self._columns("chats")
        return [_chat(r, columns) for r in rows]

    def chat_count(self, *, active: bool | None = None) -> int:
        """How many chats (optionally only active or inactive ones)."""
        if active is None:
            return self.db.table("chats").count
        return self.db.execute(
            "select count(*) from chats where active = ?", [int(active)]
        ).fetchone()[0]

    def move_chat(self, old_id: int, new_id: int, now: datetime) -> None:
        """A group became a supergroup: its settings, subscriptions and history move to the new id."""
        with self.db.atomic():
            old = self.chat(old_id)
            if old is None:
                return
            if self.chat(new_id) is None:
                self.db.execute(
                    """insert into chats (id, type, title, timezone, digest_time, alerts, paused,
                       active, empty_digest, last_digest_at, next_digest_at, created_at,
                       updated_at)
                       select ?, 'supergroup', title, timezone, digest_time, alerts, paused, 1,
                       empty_digest, last_digest_at, next_digest_at, created_at, ?
                       from chats where id = ?""",
                    [new_id, iso(now), old_id],
                )
            for table in ("subscriptions", "chat_developments"):
                self.db.execute(
                    f"update or ignore {table} set chat_id = ? where chat_id = ?", [new_id, old_id]
                )
                self.db.execute(f"delete from {table} where chat_id = ?", [old_id])
            self.db.execute(
                "update chats set active = 0, updated_at = ? where id = ?", [iso(now), old_id]
            )

    def actors(self) -> list[tuple[str, str, int]]:
        """Every actor as (id, name, number of developments), most active first."""
        return self.db.execute(
            """select a.id, a.name, count(d.id) n from actors a
               left join developments d on d.actor_id = a.id
               group by a.id order by n desc, a.name"""
        ).fetchall()

    # --- outbox and delivery ----------------------------------------------------------------

    def enqueue_outbox(
        self,
        chat_id: int,
        kind: str,
        dedupe_key: str,
        text: str,
        now: datetime,
        preview: bool = False,
    ) -> int | None:
        """Owe a chat a message; None if one with this (chat, kind, key) is already owed or sent.

        Call inside the transaction that decides the message is owed.
        """
        cursor = self.db.execute(
            """insert or ignore into outbox (chat_id, kind, dedupe_key, text, status, attempts,
               not_before, created_at, preview) values (?, ?, ?, ?, 'pending', 0, ?, ?, ?)""",
            [chat_id, kind, dedupe_key, text, iso(now), iso(now), int(preview)],
        )
        return int(cursor.lastrowid or 0) if cursor.rowcount else None

    def claim_outbox(self, now: datetime, limit: int = 100) -> list[OutboxMessage]:
        """Pending messages due now, marked 'sending' (committed before any HTTP call, so a crash
        leaves a trace). Each comes back with its new attempt number: the claim's token."""
        with self.db.atomic():
            rows = self.db.execute(
                """select o.* from outbox o left join chats c on c.id = o.chat_id
                   where o.status = 'pending' and o.not_before <= ? and coalesce(c.active, 1) = 1
                   order by o.not_before, o.id limit ?""",
                [iso(now), limit],
            ).fetchall()
            columns = self._columns("outbox")
            messages = [_outbox(r, columns) for r in rows]
            self.db.conn.executemany(
                """update outbox set status = 'sending', claimed_at = ?, attempts = attempts + 1
                   where id = ? and status = 'pending'""",
                [(iso(now), m.id) for m in messages],
            )
        return [replace(m, status="sending", attempts=m.attempts + 1) for m in messages]

    def finish_outbox(
        self,
        message: OutboxMessage,
        status: str,
        now: datetime,
        *,
        telegram_message_id: int | None = None,
        error: str = "",
        outcome: str = "",
        not_before: datetime | None = None,
        attempts_back: bool = False,
    ) -> bool:
        """Record the outcome of one claimed send: 'sent', 'failed', or 'pending' again (a retry;
        with ``attempts_back`` the attempt does not count, as for a 429).

        Only the claim that is still current may change the row (its attempt number is the
        token), except 'sent': Telegram accepted it, which is the truth whatever happened since.
        Every outcome is logged in ``deliveries``. False if the row had moved on.
        """
        with self.db.atomic():
            if status == "sent":
                cursor = self.db.execute(
                    """update outbox set status = 'sent', sent_at = ?, error = '',
                       telegram_message_id = ? where id = ? and status != 'sent'""",
                    [iso(now), telegram_message_id, message.id],
                )
            else:
                cursor = self.db.execute(
                    """update outbox set status = ?, error = ?,
                       not_before = coalesce(?, not_before), attempts = attempts - ?
                       where id = ? and status = 'sending' and attempts = ?""",
                    [
                        status,
                        error,
                        iso(not_before),
                        int(attempts_back),
                        message.id,
                        message.attempts,
                    ],
                )
            self.db.execute(
                """insert into deliveries (outbox_id, chat_id, at, outcome, detail)
                   values (?, ?, ?, ?, ?)""",
                [message.id, message.chat_id, iso(now), outcome or status, error[:500]],
            )
        return cursor.rowcount > 0

    def release_claimed(self, now: datetime) -> int:
        """Messages left 'sending' (after a crash, or claimed but not sent at shutdown) go back
        to 'pending' (see bot/adapters/delivery.py on the one ambiguous case)."""
        with self.db.atomic():
            cursor = self.db.execute(
                "update outbox set status = 'pending', not_before = ? where status = 'sending'",
                [iso(now)],
            )
        return cursor.rowcount

    def reassign_outbox(self, old_chat: int, new_chat: int) -> int:
        """Owed messages of a migrated chat go to its new id; one the new chat already has (same
        kind and key) is dropped, not sent twice. Returns how many moved."""
        with self.db.atomic():
            moved = self.db.execute(
                """update or ignore outbox set chat_id = ?, status = 'pending' where chat_id = ?
                   and status in ('pending', 'sending')""",
                [new_chat, old_chat],
            ).rowcount
            self.db.execute(
                """update outbox set status = 'dropped', error = ?, sent_at = null
                   where chat_id = ? and status in ('pending', 'sending')""",
                [f"chat migrated to {new_chat}, which is already owed this message", old_chat],
            )
        return moved

    def next_outbox_due(self) -> datetime | None:
        """When the earliest pending message becomes due."""
        row = self.db.execute(
            """select min(o.not_before) from outbox o left join chats c on c.id = o.chat_id
               where o.status = 'pending' and coalesce(c.active, 1) = 1"""
        ).fetchone()
        return parse_dt(row[0]) if row and row[0] else None

    def oldest_unsent_at(self) -> datetime | None:
        """When the oldest message still owed to a reachable chat was written (health: a queue
        that does not drain). Messages held for chats that blocked the bot do not count."""
        row = self.db.execute(
            """select min(o.created_at) from outbox o left join chats c on c.id = o.chat_id
               where o.status in ('pending', 'sending') and coalesce(c.active, 1) = 1"""
        ).fetchone()
        return parse_dt(row[0]) if row and row[0] else None

    def outbox_message(self, message_id: int) -> OutboxMessage | None:
        """One outbox row."""
        row = self.db.execute("select * from outbox where id = ?", [message_id]).fetchone()
        return _outbox(row, self._columns("outbox")) if row else None

    def outbox_counts(self) -> dict[str, int]:
        """Messages by status."""
        return dict(
            self.db.execute("select status, count(*) from outbox group by status").fetchall()
        )

    def waiting_for_inactive(self) -> int:
        """Pending messages held for chats that blocked the bot (sent if they come back)."""
        return int(
            self.db.execute(
                """select count(*) from outbox o join chats c on c.id = o.chat_id
                   where o.status = 'pending' and c.active = 0"""
            ).fetchone()[0]
        )

    def delivery_counts(self, since: datetime) -> dict[str, int]:
        """Send outcomes since a time, by kind."""
        return dict(
            self.db.execute(
                "select outcome, count(*) from deliveries where at >= ? group by outcome",
                [iso(since)],
            ).fetchall()
        )

    def last_sent_at(self) -> datetime | None:
        """When a message was last accepted by Telegram."""
        row = self.db.execute("select max(sent_at) from outbox where status = 'sent'").fetchone()
        return parse_dt(row[0]) if row and row[0] else None

    def chat_active(self, chat_id: int) -> bool:
        """Whether messages may go to this chat now (an unknown chat counts as active)."""
        row = self.db.execute("select active from chats where id = ?", [chat_id]).fetchone()
        return row is None or bool(row[0])

    def chats_without_digest_time(self) -> list[Chat]:
        """Active chats whose next digest time was never computed."""
        rows = self.db.execute(
            "select * from chats where active = 1 and next_digest_at is null"
        ).fetchall()
        columns = self._columns("chats")
        return [_chat(r, columns) for r in rows]

    def digest_slots(self) -> set[tuple[str, str]]:
        """Every (time zone, HH:MM) at which some active, unpaused chat wants its digest."""
        rows = self.db.execute(
            """select distinct coalesce(timezone, 'UTC'), coalesce(digest_time, '08:00')
               from chats where active = 1 and paused = 0"""
        ).fetchall()
        return {(r[0], r[1]) for r in rows}


def _row(row: Sequence[Any], columns: Sequence[str]) -> dict[str, Any]:
    return dict(zip(columns, row, strict=True))


def _chat(row: Sequence[Any], columns: Sequence[str]) -> Chat:
    r = _row(row, columns)
    return Chat(
        id=r["id"],
        type=r["type"] or "private",
        title=r["title"] or "",
        timezone=r["timezone"] or "UTC",
        digest_time=r["digest_time"] or "08:00",
        alerts=bool(r["alerts"]),
        paused=bool(r["paused"]),
        active=bool(r["active"]),
        empty_digest=bool(r["empty_digest"]),
        last_digest_at=parse_dt(r["last_digest_at"]),
        next_digest_at=parse_dt(r["next_digest_at"]),
        created_at=parse_dt(r["created_at"]),
    )


def _outbox(row: Sequence[Any], columns: Sequence[str]) -> OutboxMessage:
    r = _row(row, columns)
    return OutboxMessage(
        id=r["id"],
        chat_id=r["chat_id"],
        kind=r["kind"],
        dedupe_key=r["dedupe_key"],
        text=r["text"],
        status=r["status"],
        attempts=r["attempts"],
        not_before=parse_dt(r["not_before"]),
        created_at=parse_dt(r["created_at"]),
        sent_at=parse_dt(r["sent_at"]),
        error=r["error"] or "",
        telegram_message_id=r["telegram_message_id"],
        preview=bool(r["preview"]),
    )
