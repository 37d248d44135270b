"""Writing the diff engine's decisions down: a new development, a statement joining one (its issue
counts, the issues it is shown with, its outlets, its text and kind), two developments folded into
one (a bridge). Which development a statement joins is decided by bot/diff; this module only
writes the decision down.

What a statement's placement needs to know of its development is read once per write
transaction into a :class:`~bot.store.tally.Tally` and kept up to date here (bot/store/tally.py
says why that is safe): read per statement, it was a query with two joins.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime
from functools import lru_cache

from bot.model import Statement
from bot.store.db import StoreBase, iso, parse_dt
from bot.store.tally import Scope, Tally, first_holds, shown_issues


@lru_cache(maxsize=1024)
def _as_json(issues: tuple[str, ...]) -> str:
    # issue ids as stored (a JSON list), twice a statement: few distinct values
    return json.dumps(list(issues))


class PlacementStore(StoreBase):
    """Developments written as the diff engine places statements."""

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
                _as_json(statement.issues),
                iso(now),
                iso(now),
                iso(said_at),
                int(quiet),
            ],
        )
        dev_id = int(cursor.lastrowid or 0)
        self._add_development_issues(dev_id, statement.issues, now)
        first = int(first_holds(statement.kind, statement.issues))
        self._scope().keep(
            dev_id, Tally(0, {i: [0, first] for i in statement.issues}, set(statement.issues))
        )
        # its first mention's issues, counted when that mention is stored (add_statement)
        self.db.conn.executemany(
            """insert into development_issue_mentions (development_id, issue_id, mentions,
               by_first) values (?, ?, 0, ?)""",
            [(dev_id, i, first) for i in statement.issues],
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

    def _scope(self) -> Scope:
        """What this transaction kept of the rows it read; outside ``atomic()`` (in a
        transaction sqlite3 began by itself, which anyone may commit) a new, empty one."""
        return self.db.scope if self.db.depth else Scope()

    def _tally(self, dev_id: int, scope: Scope) -> Tally:
        """What this transaction knows of a development, read on first use."""
        tally = scope.tallies.get(dev_id)
        if tally is None:
            rows = self.db.conn.execute(
                """select 0, issue_id, mentions, by_first from development_issue_mentions
                   where development_id = ?
                   union all select 1, issue_id, 0, 0 from development_issues
                   where development_id = ?
                   union all select 2, '', mention_count, 0 from developments where id = ?""",
                [dev_id, dev_id, dev_id],
            ).fetchall()
            tally = scope.keep(
                dev_id,
                Tally(
                    next((r[2] for r in rows if r[0] == 2), 0),
                    {r[1]: [r[2], r[3]] for r in rows if r[0] == 0},
                    {r[1] for r in rows if r[0] == 1},
                ),
            )
        return tally

    def _show_issues(
        self, dev_id: int, tally: Tally, mentions: int, now: datetime
    ) -> tuple[list[str], bool]:
        """Bring the issues a development is shown with (:func:`bot.store.tally.shown_issues`)
        in line with its counts, given its mention count; returns them (sorted) and whether it
        gained one."""
        if not tally.counts:  # no mention names an issue: none shown, none was
            return [], False
        shown = shown_issues(((i, n[0], n[1]) for i, n in tally.counts.items()), mentions)
        # what it showed: only the issues its mentions name count (as they always did)
        before = {i for i in tally.shown if i in tally.counts}
        gone = before.difference(shown)
        if gone:
            self.db.conn.executemany(
                "delete from development_issues where development_id = ? and issue_id = ?",
                [(dev_id, i) for i in gone],
            )
            tally.shown.difference_update(gone)
        new = [i for i in shown if i not in before]
        if not new:
            return shown, False
        tally.shown.update(new)
        return shown, self._add_development_issues(dev_id, new, now) > 0

    def _outlet(self, article_id: int | None, scope: Scope) -> str | None:
        """The outlet of a stored article ('' when it names none; None: no such article)."""
        if article_id in scope.outlets:
            return scope.outlets[article_id]
        row = self.db.conn.execute(
            "select coalesce(source, '') from articles where id = ?", [article_id]
        ).fetchone()
        return scope.keep_outlet(article_id, row[0] if row else None)

    def _credit(self, dev_id: int, tally: Tally, outlet: str | None) -> int:
        """Record an outlet as one that carried a development; returns 1 when it is new for
        it, else 0."""
        if outlet is None or outlet in tally.sources:
            return 0
        cursor = self.db.conn.execute(
            "insert or ignore into development_sources (development_id, source) values (?, ?)",
            [dev_id, outlet],
        )
        tally.sources.add(outlet)
        return cursor.rowcount

    def start_development(
        self,
        statement: Statement,
        now: datetime,
        signature: str = "",
        *,
        said_at: datetime | None = None,
        quiet: bool = False,
    ) -> int:
        """A new development with this statement stored as its first mention: the rows
        :meth:`create_development` then :meth:`add_statement` write, in fewer writes (a third
        of the statements an ingest stores start a development); returns its id."""
        conn = self.db.conn
        if not conn.in_transaction:  # its rows land together
            with self.transaction():
                return self.start_development(
                    statement, now, signature, said_at=said_at, quiet=quiet
                )
        scope = self._scope()
        outlet = self._outlet(statement.article_id, scope)
        issues = statement.issues
        # its first mention names them: all shown (tally.shown_issues), sorted as shown
        cursor = conn.execute(
            """insert into developments (actor_id, kind, text, issues, first_seen, last_seen,
               mention_count, outlet_count, said_at, quiet)
               values (?, ?, ?, ?, ?, ?, 1, ?, ?, ?)""",
            [
                statement.actor_id,
                statement.kind,
                statement.text,
                _as_json(tuple(sorted(issues))),
                iso(now),
                iso(now),
                int(outlet is not None),
                iso(said_at),
                int(quiet),
            ],
        )
        dev_id = int(cursor.lastrowid or 0)
        self._add_development_issues(dev_id, issues, now)
        first = int(first_holds(statement.kind, issues))
        conn.executemany(
            """insert into development_issue_mentions (development_id, issue_id, mentions,
               by_first) values (?, ?, 1, ?)""",
            [(dev_id, i, first) for i in issues],
        )
        self._insert_statement(statement, dev_id, now, signature)
        tally = scope.keep(dev_id, Tally(1, {i: [1, first] for i in issues}, set(issues)))
        self._credit(dev_id, tally, outlet)
        return dev_id

    def _insert_statement(
        self, statement: Statement, development_id: int, now: datetime, signature: str
    ) -> int:
        # the connection's own execute: sqlite-utils' wrapper cost more than these one-row
        # statements (about four a statement)
        cursor = self.db.conn.execute(
            """insert into statements (article_id, actor_id, kind, text, issues, position,
               development_id, signature, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [
                statement.article_id,
                statement.actor_id,
                statement.kind,
                statement.text,
                _as_json(statement.issues),
                statement.position,
                development_id,
                signature,
                iso(now),
            ],
        )
        return int(cursor.lastrowid or 0)

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
        statement_id = self._insert_statement(statement, development_id, now, signature)
        scope = self._scope()
        tally = self._tally(development_id, scope)
        if statement.issues:
            self._count_issues(development_id, statement.issues)
            tally.count(statement.issues)
        issues, gained = self._show_issues(development_id, tally, tally.mentions + 1, now)
        new_outlet = self._credit(development_id, tally, self._outlet(statement.article_id, scope))
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
                _as_json(tuple(issues)),
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
        tally.mentions += 1
        return statement_id

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
        scope = self._scope()
        scope.tallies.pop(drop, None)
        scope.tallies.pop(keep, None)  # read again, as merged
        tally = self._tally(keep, scope)
        issues, _ = self._show_issues(keep, tally, counts[0], seen)
        tally.mentions = counts[0]  # as written below
        again = bool(set(issues) - before) or dropped[4] is None
        execute(
            """update developments set first_seen = ?, last_seen = ?, issues = ?,
               mention_count = ?, outlet_count = ?, said_at = ?, quiet = ?,
               announced_at = case when ? then null else announced_at end where id = ?""",
            [
                min(kept[0], dropped[0]),
                max(kept[1], dropped[1]),
                _as_json(tuple(issues)),
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
