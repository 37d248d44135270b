"""Developments: statements grouped as one utterance, their mentions, and whether their alerts
have been decided.

Columns that say *when*: ``first_seen`` (when talkwatch first stored it, microsecond precision),
``said_at`` (the earliest ``published`` of its mentions, when an outlet gave one) and
``announced_at`` (when its alerts were decided; set back to null when it gains an issue, so new
followers are told). ``quiet`` marks a back-fill: stored and searchable, never alerted and never
in a digest. This module reads them (and the diff engine's candidates); writing a placement
down is bot/store/placements.py.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from functools import lru_cache
from operator import itemgetter
from typing import Any, Literal

from bot.model import Development, Mention
from bot.store.db import StoreBase, iso, parse_dt


@lru_cache(maxsize=4096)
def _issue_ids(stored: str) -> tuple[str, ...]:
    # a statement's issues as stored (a JSON list): few distinct values, read again every batch
    return tuple(json.loads(stored))


class DevelopmentStore(StoreBase):
    """Developments read back: the diff engine's candidates, listings, what is not announced."""

    def candidate_mentions(
        self, actor_ids: str | Sequence[str], since: datetime, limit: int = 150
    ) -> list[tuple[int, int, tuple[str, ...], str, str]]:
        """Recent statements by these actors (one speaker for grouping: a spokesperson and the
        institution), newest first, as (statement id, development id, issue ids, diff signature,
        the development's kind): the diff engine's candidates, and whether each development is
        shown as a direct quote (read here, not once per statement placed in it).

        Bounded by the (actor_id, last_seen) index and the limit, so the cost does not grow with
        the number of stored developments.
        """
        ids = [actor_ids] if isinstance(actor_ids, str) else list(dict.fromkeys(actor_ids))
        # one indexed query per actor (an IN list would sort every row in the window), merged
        sql = """
            select d.last_seen, s.id, s.development_id, s.issues, s.signature, d.kind
            from developments d join statements s on s.development_id = d.id
            where d.actor_id = ? and d.last_seen >= ?
            order by d.last_seen desc limit ?
        """
        if not ids:
            return []
        execute, after = self.db.conn.execute, iso(since)
        rows = execute(sql, [ids[0], after, limit]).fetchall()
        if len(ids) > 1:
            rows += [r for a in ids[1:] for r in execute(sql, [a, after, limit]).fetchall()]
            rows.sort(key=itemgetter(0), reverse=True)
            del rows[limit:]
        return [(r[1], r[2], _issue_ids(r[3]), r[4], r[5]) for r in rows]

    def development_kind(self, development_id: int) -> str:
        """Whether a development is shown as a direct quote or as reported speech."""
        row = self.db.execute(
            "select kind from developments where id = ?", [development_id]
        ).fetchone()
        return str(row[0]) if row else ""

    def unannounced(self, limit: int = 500, seen_by: datetime | None = None) -> list[int]:
        """Developments whose alerts have not been decided yet (first seen by ``seen_by``, when
        given), oldest first."""
        sql = "select id from developments where announced_at is null"
        params: list[Any] = []
        if seen_by is not None:
            sql += " and first_seen <= ?"
            params.append(iso(seen_by))
        rows = self.db.execute(sql + " order by id limit ?", [*params, limit]).fetchall()
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
        order: Literal["seen", "said"] = "seen",
        after: tuple[datetime, int] | None = None,
    ) -> list[Development]:
        """Developments matching every filter given, with their mentions, ordered by when they
        were first seen or (``order="said"``) by when they were said (first seen if unknown).
        ``after`` (the order's time and the id of a page's last row) pages by a stable key:
        only rows past that one in the order come, however many were added meanwhile."""
        where: list[str] = []
        params: list[Any] = []
        if actor:
            # a spokesman's remark may join his institution's development ("the Kremlin said"
            # first): it is still his, so any statement of the development counts
            where.append(
                "(d.actor_id = ? or d.id in (select development_id from statements"
                " where actor_id = ?))"
            )
            params.extend([actor, actor])
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
        direction = "desc" if newest_first else "asc"
        key = "coalesce(d.said_at, d.first_seen)" if order == "said" else "d.first_seen"
        if after is not None:
            past = "<" if newest_first else ">"
            where.append(f"({key} {past} ? or ({key} = ? and d.id {past} ?))")
            params.extend([iso(after[0]), iso(after[0]), after[1]])
        sql = """select d.id, d.actor_id, coalesce(ac.name, d.actor_id), d.kind, d.text, d.issues,
                 d.first_seen, d.said_at, d.quiet
                 from developments d left join actors ac on ac.id = d.actor_id"""
        if where:
            sql += " where " + " and ".join(where)
        sql += f" order by {key} {direction}, d.id {direction}"
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
                said_at=parse_dt(r[7]),
                quiet=bool(r[8]),
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
