"""Developments: statements grouped as one utterance, their mentions, and whether their alerts
have been decided.

Columns that say *when*: ``first_seen`` (when talkwatch first stored it, microsecond precision),
``said_at`` (the earliest ``published`` of its mentions, when an outlet gave one) and
``announced_at`` (when its alerts were decided; set back to null when it gains an issue, so new
followers are told). ``quiet`` marks a back-fill: stored and searchable, never alerted and never
in a digest. Which development a statement joins is decided by bot/diff; this module only writes
the decision down.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any, Literal

from bot.model import Development, Mention, Statement
from bot.store.db import StoreBase, iso, parse_dt

SHOWN_SHARE = 0.5  # a development shows an issue at least this share of its mentions name


@lru_cache(maxsize=4096)
def _issue_ids(stored: str) -> tuple[str, ...]:
    # a statement's issues as stored (a JSON list): few distinct values, read again every batch
    return tuple(json.loads(stored))


class DevelopmentStore(StoreBase):
    """Developments written as the diff engine places statements, and read back."""

    def candidate_mentions(
        self, actor_ids: str | Sequence[str], since: datetime, limit: int = 150
    ) -> list[tuple[int, int, tuple[str, ...], str]]:
        """Recent statements by these actors (one speaker for grouping: a spokesperson and the
        institution), newest first, as (statement id, development id, issue ids, diff signature):
        the diff engine's candidates.

        Bounded by the (actor_id, last_seen) index and the limit, so the cost does not grow with
        the number of stored developments.
        """
        ids = [actor_ids] if isinstance(actor_ids, str) else list(dict.fromkeys(actor_ids))
        # one indexed query per actor (an IN list would sort every row in the window), merged
        sql = """
            select d.last_seen, s.id, s.development_id, s.issues, s.signature
            from developments d join statements s on s.development_id = d.id
            where d.actor_id = ? and d.last_seen >= ?
            order by d.last_seen desc limit ?
        """
        rows = [r for a in ids for r in self.db.execute(sql, [a, iso(since), limit]).fetchall()]
        rows.sort(key=lambda r: r[0], reverse=True)
        return [(r[1], r[2], _issue_ids(r[3]), r[4]) for r in rows[:limit]]

    def create_development(
        self,
        statement: Statement,
        now: datetime,
        *,
        said_at: datetime | None = None,
        quiet: bool = False,
    ) -> int:
        """A new development whose first mention is this statement; returns its id."""
        if not self.db.conn.in_transaction:  # its rows land together (as in add_statement)
            with self.transaction():
                return self.create_development(statement, now, said_at=said_at, quiet=quiet)
        cursor = self.db.conn.execute(
            """insert into developments (actor_id, kind, text, issues, first_seen, last_seen,
               mention_count, outlet_count, said_at, quiet)
               values (?, ?, ?, ?, ?, ?, 0, 0, ?, ?)""",
            [
                statement.actor_id,
                statement.kind,
                statement.text,
                json.dumps(list(statement.issues)),
                iso(now),
                iso(now),
                iso(said_at),
                int(quiet),
            ],
        )
        dev_id = int(cursor.lastrowid or 0)
        self._add_development_issues(dev_id, statement.issues, now)
        # its first mention's issues, counted when that mention is stored (add_statement)
        self.db.conn.executemany(
            """insert into development_issue_mentions (development_id, issue_id, mentions,
               by_first) values (?, ?, 0, 1)""",
            [(dev_id, i) for i in statement.issues],
        )
        return dev_id

    def _add_development_issues(self, dev_id: int, issues: Iterable[str], now: datetime) -> int:
        """Record issues of a development; returns how many it did not have yet."""
        before = self.db.conn.total_changes
        self.db.conn.executemany(
            """insert or ignore into development_issues (development_id, issue_id, first_seen)
               values (?, ?, ?)""",
            [(dev_id, i, iso(now)) for i in issues],
        )
        return self.db.conn.total_changes - before

    def _count_issues(self, dev_id: int, issues: Iterable[str]) -> None:
        """One more mention of a development names these issues."""
        self.db.conn.executemany(
            """insert into development_issue_mentions
               (development_id, issue_id, mentions, by_first) values (?, ?, 1, 0)
               on conflict (development_id, issue_id) do update set mentions = mentions + 1""",
            [(dev_id, i) for i in issues],
        )

    def _show_issues(
        self, dev_id: int, mentions: int | None, now: datetime
    ) -> tuple[list[str], bool]:
        """Bring the issues a development is shown with in line with its counts; returns them
        (sorted) and whether it gained one. ``mentions``: its mention count, or None for the
        stored count plus the mention being added (read in the same query).

        Shown: the issues its first mention names and those at least half of its mentions name
        (``SHOWN_SHARE``). One outlet's incidental tag ("... as prisoner swaps resumed") does not
        spread to a remark a dozen outlets carried, and the first report, which set what the
        development is, keeps its own. Measured on the tune corpora against the union of every
        mention's issues (issue F1, mean of tune..tune6): union .845, at least half .850, first
        or half .852, first or more than half .843, first or a third .850."""
        rows = self.db.conn.execute(
            """select m.issue_id, m.mentions, m.by_first, i.issue_id is not null,
                      d.mention_count + 1
               from development_issue_mentions m join developments d on d.id = m.development_id
               left join development_issues i
               on i.development_id = m.development_id and i.issue_id = m.issue_id
               where m.development_id = ?""",
            [dev_id],
        ).fetchall()
        if not rows:  # no mention names an issue: none shown, none was
            return [], False
        share = SHOWN_SHARE * (rows[0][4] if mentions is None else mentions)
        shown = sorted(r[0] for r in rows if r[2] or r[1] >= share)
        before = {r[0] for r in rows if r[3]}
        gone = before.difference(shown)
        if gone:
            self.db.conn.executemany(
                "delete from development_issues where development_id = ? and issue_id = ?",
                [(dev_id, i) for i in gone],
            )
        new = [i for i in shown if i not in before]
        return shown, bool(new) and self._add_development_issues(dev_id, new, now) > 0

    def development_kind(self, development_id: int) -> str:
        """Whether a development is shown as a direct quote or as reported speech."""
        row = self.db.execute(
            "select kind from developments where id = ?", [development_id]
        ).fetchone()
        return str(row[0]) if row else ""

    def add_statement(
        self,
        statement: Statement,
        development_id: int,
        now: datetime,
        signature: str = "",
        *,
        shown: bool = False,
        said_at: datetime | None = None,
    ) -> int:
        """Store a statement as a mention of a development and refresh the development: its
        issues, counts, when it was said, and - when ``shown`` - its text and kind become this
        statement's. A development that gains an issue has its alerts decided again."""
        conn = self.db.conn
        if not conn.in_transaction:  # its writes land together (conn.execute never commits)
            with self.transaction():
                return self.add_statement(
                    statement, development_id, now, signature, shown=shown, said_at=said_at
                )
        # the connection's own execute: sqlite-utils' wrapper cost more than these one-row
        # statements (about six a statement)
        cursor = conn.execute(
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
        if statement.issues:
            self._count_issues(development_id, statement.issues)
        # the mention count is read with the issue counts: this mention is not counted yet
        issues, gained = self._show_issues(development_id, None, now)
        before = conn.total_changes
        conn.execute(
            """insert or ignore into development_sources (development_id, source)
               select ?, coalesce(source, '') from articles where id = ?""",
            [development_id, statement.article_id],
        )
        new_outlet = conn.total_changes - before
        conn.execute(
            """update developments set
                 last_seen = ?,
                 issues = ?,
                 mention_count = mention_count + 1,
                 outlet_count = outlet_count + ?,
                 said_at = case when said_at is null or ? < said_at then ? else said_at end,
                 text = case when ? then ? else text end,
                 kind = case when ? then ? else kind end,
                 announced_at = case when ? then null else announced_at end
               where id = ?""",
            [
                iso(now),
                json.dumps(issues),
                new_outlet,
                iso(said_at),
                iso(said_at),
                shown,
                statement.text,
                shown,
                statement.kind,
                gained,
                development_id,
            ],
        )
        return int(cursor.lastrowid or 0)

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

    def merge_developments(self, keep: int, drop: int) -> None:
        """Fold development ``drop`` into ``keep``: its mentions, issues, what chats were told.
        The result is news if either was; its alerts are decided again if it gained an issue or
        ``drop`` was not yet decided."""
        if not self.db.conn.in_transaction:  # all of it or nothing
            with self.transaction():
                return self.merge_developments(keep, drop)
        execute = self.db.conn.execute  # (see add_statement)
        before = {r[0] for r in self._issue_rows(keep)}
        execute("update statements set development_id = ? where development_id = ?", [keep, drop])
        execute(
            """insert or ignore into development_issues (development_id, issue_id, first_seen)
               select ?, issue_id, first_seen from development_issues where development_id = ?""",
            [keep, drop],
        )
        execute("delete from development_issues where development_id = ?", [drop])
        # the kept development's first mention stays its first
        execute(
            """insert into development_issue_mentions
               (development_id, issue_id, mentions, by_first)
               select ?, issue_id, mentions, 0 from development_issue_mentions
               where development_id = ?
               on conflict (development_id, issue_id)
               do update set mentions = mentions + excluded.mentions""",
            [keep, drop],
        )
        execute("delete from development_issue_mentions where development_id = ?", [drop])
        execute(
            """insert or ignore into development_sources (development_id, source)
               select ?, source from development_sources where development_id = ?""",
            [keep, drop],
        )
        execute("delete from development_sources where development_id = ?", [drop])
        execute(
            """insert or ignore into chat_developments (chat_id, development_id, via, told_at)
               select chat_id, ?, via, told_at from chat_developments where development_id = ?""",
            [keep, drop],
        )
        execute("delete from chat_developments where development_id = ?", [drop])
        kept, dropped = (
            execute(
                """select first_seen, last_seen, said_at, quiet, announced_at
                   from developments where id = ?""",
                [d],
            ).fetchone()
            for d in (keep, drop)
        )
        said = [s for s in (kept[2], dropped[2]) if s]
        counts = execute(
            """select (select count(*) from statements where development_id = ?),
                      (select count(*) from development_sources where development_id = ?)""",
            [keep, keep],
        ).fetchone()
        # an issue the dropped one showed and the merged one does not is shown no longer; one
        # it shows that the kept one did not is news for its followers
        seen = parse_dt(max(kept[1], dropped[1])) or datetime.min.replace(tzinfo=UTC)
        issues, _ = self._show_issues(keep, counts[0], seen)
        again = bool(set(issues) - before) or dropped[4] is None
        execute(
            """update developments set first_seen = ?, last_seen = ?, issues = ?,
               mention_count = ?, outlet_count = ?, said_at = ?, quiet = ?,
               announced_at = case when ? then null else announced_at end where id = ?""",
            [
                min(kept[0], dropped[0]),
                max(kept[1], dropped[1]),
                json.dumps(issues),
                counts[0],
                counts[1],
                min(said) if said else None,
                int(bool(kept[3]) and bool(dropped[3])),
                again,
                keep,
            ],
        )
        execute("delete from developments where id = ?", [drop])

    def _issue_rows(self, dev_id: int) -> list[tuple[str]]:
        return self.db.execute(
            "select issue_id from development_issues where development_id = ?", [dev_id]
        ).fetchall()

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
