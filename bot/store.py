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
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from bot.model import Actor, Article, Development, Mention, Statement

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
    db["articles"].create(
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
    db["articles"].create_index(["url"], unique=True)
    db["articles"].create_index(["content_hash"], unique=True)
    db["articles"].create_index(["guid"])
    db["articles"].create_index(["feed"])

    db["actors"].create(
        {"id": str, "name": str, "kind": str, "role": str, "side": str, "known": int},
        pk="id",
    )

    db["developments"].create(
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
        },
        pk="id",
        foreign_keys=[("actor_id", "actors", "id")],
    )
    db["developments"].create_index(["actor_id", "last_seen"])
    db["developments"].create_index(["first_seen"])

    db["development_issues"].create(
        {"development_id": int, "issue_id": str, "first_seen": str},
        pk=("development_id", "issue_id"),
        foreign_keys=[("development_id", "developments", "id")],
    )
    db["development_issues"].create_index(["issue_id", "first_seen"])

    db["statements"].create(
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
    db["statements"].create_index(["article_id", "position"], unique=True)
    db["statements"].create_index(["development_id"])
    db["statements"].create_index(["actor_id"])
    db["statements"].enable_fts(["text"], create_triggers=True)

    db.create_view(
        "mentions",
        """
        select s.id as statement_id, s.development_id, s.actor_id, s.kind, s.text,
               a.source, a.url, a.title, a.published, a.id as article_id
        from statements s join articles a on a.id = s.article_id
        """,
    )

    db["feeds"].create(
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
        },
        pk="name",
        defaults={"consecutive_failures": 0, "entries_seen": 0},
    )

    db["chats"].create(
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
            "created_at": str,
            "updated_at": str,
        },
        pk="id",
    )
    db["subscriptions"].create(
        {"chat_id": int, "kind": str, "target": str, "created_at": str},
        pk=("chat_id", "kind", "target"),
        foreign_keys=[("chat_id", "chats", "id")],
    )
    db["subscriptions"].create_index(["kind", "target"])

    # Which developments each chat has been told about (alert or digest), so nothing is told twice.
    db["chat_developments"].create(
        {"chat_id": int, "development_id": int, "via": str, "told_at": str},
        pk=("chat_id", "development_id", "via"),
    )

    db["outbox"].create(
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
            "extra": str,
        },
        pk="id",
        defaults={"status": "pending", "attempts": 0},
    )
    db["outbox"].create_index(["chat_id", "kind", "dedupe_key"], unique=True)
    db["outbox"].create_index(["status", "not_before"])


@migrations()
def m002_statement_signatures(db: Database) -> None:
    # The diff engine's view of each statement (space-separated stems), stored so candidates need
    # no re-analysis. Older rows get theirs lazily: an empty signature matches nothing.
    db["statements"].add_column("signature", str, not_null_default="")


class Store:
    """A talkwatch database: a real SQLite file (WAL) or an in-memory one for tests."""

    def __init__(self, path: str | Path | None = None) -> None:
        if path is None:
            self.db = Database(memory=True)
        else:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            self.db = Database(str(path))
            self.db.enable_wal()
        self.db.execute("PRAGMA foreign_keys = ON")
        self.db.execute("PRAGMA busy_timeout = 10000")
        # WAL + NORMAL: a commit survives a process crash; only a power cut may lose the last ones
        self.db.execute("PRAGMA synchronous = NORMAL")
        migrations.apply(self.db)

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
        return {r["id"]: r["name"] for r in self.db["actors"].rows}

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
            [article.url, article.guid, article.source, article.title, iso(article.published),
             iso(fetched_at), content_hash, article.feed, article.text],
        )
        return int(cursor.lastrowid or 0)

    def article_count(self) -> int:
        """How many articles are stored."""
        return self.db["articles"].count

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

    def statement_signatures(self, ids: Sequence[int]) -> dict[int, tuple[str, str]]:
        """Statement id -> (issues JSON, diff signature) for these statements."""
        out: dict[int, tuple[str, str]] = {}
        for i in range(0, len(ids), 500):
            chunk = list(ids[i : i + 500])
            marks = ",".join("?" * len(chunk))
            sql = f"select id, issues, signature from statements where id in ({marks})"
            out.update((r[0], (r[1], r[2])) for r in self.db.execute(sql, chunk))
        return out

    def create_development(self, statement: Statement, now: datetime) -> int:
        """A new development whose first mention is this statement; returns its id."""
        cursor = self.db.execute(
            """insert into developments (actor_id, kind, text, issues, first_seen, last_seen,
               mention_count, outlet_count) values (?, ?, ?, ?, ?, ?, 0, 0)""",
            [statement.actor_id, statement.kind, statement.text,
             json.dumps(list(statement.issues)), iso(now), iso(now)],
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
            [statement.article_id, statement.actor_id, statement.kind, statement.text,
             json.dumps(list(statement.issues)), statement.position, development_id, signature,
             iso(now)],
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

    def merge_developments(self, keep: int, drop: int) -> None:
        """Fold development ``drop`` into ``keep``: its mentions, issues and what chats were told."""
        self.db.execute("update statements set development_id = ? where development_id = ?",
                        [keep, drop])
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
            self.db.execute("select first_seen, last_seen, issues from developments where id = ?",
                            [d]).fetchone()
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
            [min(kept[0], dropped[0]), max(kept[1], dropped[1]), json.dumps(issues), counts[0],
             counts[1], keep],
        )
        self.db.execute("delete from developments where id = ?", [drop])

    def development_count(self) -> int:
        """How many developments are stored."""
        return self.db["developments"].count

    def statement_count(self) -> int:
        """How many statements are stored."""
        return self.db["statements"].count

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
        where, params = [], []
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
                    Mention(source=r[1], url=r[2], text=r[3], published=parse_dt(r[4]),
                            statement_id=r[5])
                )
        return out

    # --- feeds ------------------------------------------------------------------------------

    def feed_state(self, name: str) -> dict[str, Any]:
        """The stored state of a feed (empty dict if never polled)."""
        rows = list(self.db["feeds"].rows_where("name = ?", [name]))
        return dict(rows[0]) if rows else {}

    def feed_states(self) -> list[dict[str, Any]]:
        """Every feed's stored state."""
        return [dict(r) for r in self.db["feeds"].rows_where(order_by="name")]

    def save_feed_state(self, name: str, **fields: Any) -> None:
        """Update (or create) a feed's state row with these fields."""
        self.db["feeds"].upsert({"name": name, **fields}, pk="name")
