"""The outbox and its delivery log: messages owed to chats, claimed, sent, retried.

Tables: ``outbox`` (one row per message owed, UNIQUE on chat, kind and key so a re-run owes
nothing twice) and ``deliveries`` (one row per send outcome, for /stats).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from bot.model import OutboxMessage
from bot.store.db import StoreBase, iso, parse_dt, row_dict


class OutboxStore(StoreBase):
    """Messages owed, and what became of each send."""

    # --- outbox ---------------------------------------------------------------------------

    def enqueue_outbox(
        self,
        chat_id: int,
        kind: str,
        dedupe_key: str,
        text: str,
        now: datetime,
        preview: bool = False,
        development_ids: Sequence[int] = (),
    ) -> int | None:
        """Owe a chat a message (telling it about ``development_ids``); None if one with this
        (chat, kind, key) is already owed or sent.

        Call inside the transaction that decides the message is owed.
        """
        cursor = self.db.execute(
            """insert or ignore into outbox (chat_id, kind, dedupe_key, text, status, attempts,
               not_before, created_at, preview, development_ids)
               values (?, ?, ?, ?, 'pending', 0, ?, ?, ?, ?)""",
            [chat_id, kind, dedupe_key, text, iso(now), iso(now), int(preview),
             json.dumps(list(development_ids))],
        )  # fmt: skip
        return int(cursor.lastrowid or 0) if cursor.rowcount else None

    def outbox_messages(self, chat_id: int, kind: str | None = None) -> list[OutboxMessage]:
        """Every message owed to a chat (of one kind), in the order they were owed."""
        sql = "select * from outbox where chat_id = ?" + (" and kind = ?" if kind else "")
        rows = self.db.execute(sql + " order by id", [chat_id, *([kind] if kind else [])])
        columns = self._columns("outbox")
        return [_outbox(r, columns) for r in rows.fetchall()]

    def outbox_has(self, chat_id: int, kind: str, dedupe_key: str) -> bool:
        """Whether a chat was already owed this message (whatever became of it since)."""
        row = self.db.execute(
            "select 1 from outbox where chat_id = ? and kind = ? and dedupe_key = ?",
            [chat_id, kind, dedupe_key],
        ).fetchone()
        return row is not None

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

    # --- figures for /stats ---------------------------------------------------------------

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


def _outbox(row: Sequence[Any], columns: Sequence[str]) -> OutboxMessage:
    r = row_dict(row, columns)
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
        development_ids=tuple(json.loads(r.get("development_ids") or "[]")),
    )
