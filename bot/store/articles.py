"""Articles, actors, statements and developments: what the news said and how it was grouped.

Tables: ``articles`` (every article ingested), ``actors`` (who speaks), ``statements`` (quotes and
reported speech, each in one development, with the diff engine's signature), ``developments`` (the
same statement grouped across outlets), ``development_issues`` (for /issue queries), the
``mentions`` view (one row per outlet report) and the full-text index ``statements_fts``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from bot.model import Actor, Article, Development, Mention, Statement
from bot.store.db import StoreBase, iso, parse_dt


class ArticleStore(StoreBase):
    """Articles in, statements stored, developments grouped and read back."""

    # --- actors ---------------------------------------------------------------------------

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

    def actors(self) -> list[tuple[str, str, int]]:
        """Every actor as (id, name, number of developments), most active first."""
        return self.db.execute(
            """select a.id, a.name, count(d.id) n from actors a
               left join developments d on d.actor_id = a.id
               group by a.id order by n desc, a.name"""
        ).fetchall()

    # --- articles -------------------------------------------------------------------------

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

    def articles(self) -> list[Article]:
        """Every stored article, with its id, oldest first (for evaluation: it reads them all)."""
        rows = self.db.execute(
            """select id, url, title, text, source, published, guid, feed from articles
               order by id"""
        ).fetchall()
        return [
            Article(
                id=r[0],
                url=r[1],
                title=r[2] or "",
                text=r[3] or "",
                source=r[4] or "",
                published=parse_dt(r[5]),
                guid=r[6] or "",
                feed=r[7] or "",
            )
            for r in rows
        ]

    # --- statements and developments ------------------------------------------------------

    def candidate_mentions(
        self, actor_id: str, since: datetime, limit: int = 150
    ) -> list[tuple[int, int]]:
        """Recent statements by this actor as (statement id, development id): the diff engine's
        candidates.

        Bounded by the (actor_id, last_seen) index and the limit, so the cost does not grow with
        the number of stored developments.
        """
        sql = """
            select s.id, s.development_id
            from developments d join statements s on s.development_id = d.id
            where d.actor_id = ? and d.last_seen >= ?
            order by d.last_seen desc limit ?
        """
        return self.db.execute(sql, [actor_id, iso(since), limit]).fetchall()

    def statement_signatures(self, ids: Sequence[int]) -> dict[int, tuple[tuple[str, ...], str]]:
        """Statement id -> (issue ids, diff signature) for these statements."""
        out: dict[int, tuple[tuple[str, ...], str]] = {}
        for i in range(0, len(ids), 500):
            chunk = list(ids[i : i + 500])
            marks = ",".join("?" * len(chunk))
            sql = f"select id, issues, signature from statements where id in ({marks})"
            for r in self.db.execute(sql, chunk):
                out[r[0]] = (tuple(json.loads(r[1])), r[2])
        return out

    def statements(self) -> list[Statement]:
        """Every stored statement, with its ids, in the order stored (for evaluation)."""
        rows = self.db.execute(
            """select id, article_id, actor_id, kind, text, issues, position, development_id
               from statements order by id"""
        ).fetchall()
        return [
            Statement(
                id=r[0],
                article_id=r[1],
                actor_id=r[2],
                kind=r[3],
                text=r[4],
                issues=tuple(json.loads(r[5])),
                position=r[6],
                development_id=r[7],
            )
            for r in rows
        ]

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

    def mark_announced(self, development_ids: Sequence[int], now: datetime) -> None:
        """Alerts for these developments are decided (call in the deciding transaction)."""
        self.db.conn.executemany(
            "update developments set announced_at = ? where id = ?",
            [(iso(now), d) for d in development_ids],
        )

    def merge_developments(self, keep: int, drop: int) -> None:
        """Fold development ``drop`` into ``keep``: its mentions, issues, what chats were told."""
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
