"""Chats and what they follow: settings, subscriptions, which developments each chat was told,
and when digests are due.

Tables: ``chats`` (settings; ``next_digest_at`` in UTC, recomputed whenever the time, zone or last
digest changes), ``subscriptions`` and ``chat_developments`` (told once, by alert or digest).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from bot.model import Chat, Development, Subscription
from bot.store.db import StoreBase, iso, parse_dt, row_dict


class ChatStore(StoreBase):
    """The bot's side of the database: who is there and what they were told."""

    # --- chats ----------------------------------------------------------------------------

    def chat(self, chat_id: int) -> Chat | None:
        """A chat's settings, if the chat is known."""
        row = self.db.execute("select * from chats where id = ?", [chat_id]).fetchone()
        return _chat(row, self._columns("chats")) if row else None

    def ensure_chat(self, chat: Chat, now: datetime) -> Chat:
        """The stored chat, creating it with these defaults if new. Reactivates an inactive one."""
        with self.db.atomic():
            self.db.execute(
                """insert into chats (id, type, title, timezone, digest_time, alerts, paused,
                   active, empty_digest, next_digest_at, created_at, updated_at, news_since)
                   values (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?)
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
                    iso(chat.news_since or now),
                ],
            )
        stored = self.chat(chat.id)
        assert stored is not None
        return stored

    def update_chat(
        self,
        chat_id: int,
        now: datetime,
        *,
        timezone: str | None = None,
        digest_time: str | None = None,
        alerts: bool | None = None,
        paused: bool | None = None,
        active: bool | None = None,
        empty_digest: bool | None = None,
        last_digest_at: datetime | None = None,
        next_digest_at: datetime | None = None,
    ) -> None:
        """Change a chat's settings: the values given change, those left None stay as stored."""
        given: dict[str, Any] = {
            "timezone": timezone,
            "digest_time": digest_time,
            "alerts": alerts,
            "paused": paused,
            "active": active,
            "empty_digest": empty_digest,
            "last_digest_at": iso(last_digest_at),
            "next_digest_at": iso(next_digest_at),
        }
        values = {
            column: int(value) if isinstance(value, bool) else value
            for column, value in given.items()
            if value is not None
        }
        values["updated_at"] = iso(now)
        # the column names are the fixed keys above, never a caller's
        sets = ", ".join(f"{column} = ?" for column in values)
        with self.db.atomic():
            self.db.execute(f"update chats set {sets} where id = ?", [*values.values(), chat_id])

    def chat_active(self, chat_id: int) -> bool:
        """Whether messages may go to this chat now (an unknown chat counts as active)."""
        row = self.db.execute("select active from chats where id = ?", [chat_id]).fetchone()
        return row is None or bool(row[0])

    def chat_count(self, *, active: bool | None = None) -> int:
        """How many chats (optionally only active or inactive ones)."""
        if active is None:
            return self.db.table("chats").count
        return self.db.execute(
            "select count(*) from chats where active = ?", [int(active)]
        ).fetchone()[0]

    def move_chat(self, old_id: int, new_id: int, now: datetime) -> None:
        """A group became a supergroup: settings, subscriptions and history go to the new id."""
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

    # --- subscriptions and what chats were told -------------------------------------------

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
        """Active chats with alerts on following any of this development's speakers (whoever
        said one of its statements) or any of its issues."""
        marks = ",".join("?" * len(development.issues)) or "''"
        rows = self.db.execute(
            f"""select distinct s.chat_id from subscriptions s join chats c on c.id = s.chat_id
                where c.active = 1 and c.alerts = 1 and c.paused = 0 and (
                  (s.kind = 'actor' and (s.target = ? or s.target in
                    (select actor_id from statements where development_id = ?))) or
                  (s.kind = 'issue' and s.target in ({marks})))
                order by s.chat_id""",
            [development.actor_id, development.id, *development.issues],
        ).fetchall()
        return [r[0] for r in rows]

    def told(self, chat_id: int, development_ids: Iterable[int], via: str, now: datetime) -> None:
        """Record that a chat was told about these developments."""
        self.db.conn.executemany(
            """insert or ignore into chat_developments (chat_id, development_id, via, told_at)
               values (?, ?, ?, ?)""",
            [(chat_id, d, via, iso(now)) for d in development_ids],
        )

    def untold(
        self, chat_id: int, development_ids: Sequence[int], via: str | Sequence[str]
    ) -> list[int]:
        """Which of these developments the chat was not yet told about this way (or any of
        these ways)."""
        if not development_ids:
            return []
        ways = (via,) if isinstance(via, str) else tuple(via)
        marks = ",".join("?" * len(development_ids))
        told = {
            r[0]
            for r in self.db.execute(
                f"""select development_id from chat_developments where chat_id = ?
                    and via in ({",".join("?" * len(ways))}) and development_id in ({marks})""",
                [chat_id, *ways, *development_ids],
            )
        }
        return [d for d in development_ids if d not in told]

    def owed_digest(self, chat_id: int, since: datetime, now: datetime) -> list[int]:
        """The ledger's answer to "what does this chat's next digest tell": developments first
        seen in [since, now], not a back-fill, that the chat follows now (one of its speakers or
        issues; everything if it follows nothing) and that no digest of its has told yet - in the
        order they were said."""
        rows = self.db.execute(
            """select d.id from developments d
               where d.quiet = 0 and d.first_seen >= ? and d.first_seen <= ?
                 and not exists (select 1 from chat_developments t where t.chat_id = ?
                                 and t.development_id = d.id and t.via = 'digest')
                 and (not exists (select 1 from subscriptions s where s.chat_id = ?)
                      or exists (select 1 from statements st join subscriptions s
                                 on s.kind = 'actor' and s.target = st.actor_id
                                 where s.chat_id = ? and st.development_id = d.id)
                      or exists (select 1 from development_issues i join subscriptions s
                                 on s.kind = 'issue' and s.target = i.issue_id
                                 where s.chat_id = ? and i.development_id = d.id))
               order by coalesce(d.said_at, d.first_seen), d.id""",
            [iso(since), iso(now), chat_id, chat_id, chat_id, chat_id],
        ).fetchall()
        return [r[0] for r in rows]

    # --- digest slots ---------------------------------------------------------------------

    def due_digests(self, now: datetime, limit: int = 1000) -> list[Chat]:
        """Active, unpaused chats whose next digest time has come."""
        rows = self.db.execute(
            """select * from chats where active = 1 and paused = 0 and next_digest_at is not null
               and next_digest_at <= ? order by next_digest_at limit ?""",
            [iso(now), limit],
        ).fetchall()
        columns = self._columns("chats")
        return [_chat(r, columns) for r in rows]

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


def _chat(row: Sequence[Any], columns: Sequence[str]) -> Chat:
    r = row_dict(row, columns)
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
        news_since=parse_dt(r.get("news_since")),
    )
