"""Articles, actors, statements and developments: what the news said and how it was grouped.

Tables: ``articles`` (every article ingested), ``actors`` (who speaks), ``statements`` (quotes and
reported speech, each in one development, with the diff engine's signature), ``developments`` (the
same statement grouped across outlets), ``development_issues`` (for /issue queries),
``development_sources`` (the outlets that carried each development), the ``mentions`` view
(one row per outlet report) and the full-text index ``statements_fts``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from bot.model import Actor, Article, Statement
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

    def sources_of_text(self, content_hash: str) -> set[str]:
        """The outlets an article with this text was stored from (its own, and re-reports')."""
        # a range on the unique index ('|' < '}'), not LIKE, which would scan every article
        rows = self.db.execute(
            """select source from articles where content_hash = ?
               or (content_hash > ? and content_hash < ?)""",
            [content_hash, content_hash + "|", content_hash + "}"],
        ).fetchall()
        return {r[0] or "" for r in rows}

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
