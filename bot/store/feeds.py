"""Feed state: validators, last success and error, backoff, admin additions and removals.

Table: ``feeds``, one row per feed that was ever polled, added or removed, read back as
:class:`bot.model.FeedState`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from bot.model import FeedState
from bot.store.db import StoreBase, iso, parse_dt, row_dict


class FeedStore(StoreBase):
    """What the store remembers about each feed between polls."""

    def feed_state(self, name: str) -> FeedState:
        """The stored state of a feed (a blank one if it was never polled, added or removed)."""
        row = self.db.execute("select * from feeds where name = ?", [name]).fetchone()
        return _feed(row, self._columns("feeds")) if row else FeedState(name)

    def feed_states(self) -> list[FeedState]:
        """Every feed's stored state, by name."""
        rows = self.db.execute("select * from feeds order by name").fetchall()
        columns = self._columns("feeds")
        return [_feed(r, columns) for r in rows]

    def save_feed_state(
        self,
        name: str,
        *,
        url: str | None = None,
        interval_minutes: int | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
        last_polled_at: datetime | None = None,
        last_success_at: datetime | None = None,
        last_error: str | None = None,
        last_error_at: datetime | None = None,
        consecutive_failures: int | None = None,
        next_poll_at: datetime | None = None,
        entries_seen: int | None = None,
        origin: str | None = None,
        removed: bool | None = None,
    ) -> None:
        """Update (or create) a feed's row: the values given change, those left None stay as
        stored, so a poll's outcome and an admin's removal never undo each other."""
        given: dict[str, Any] = {
            "url": url,
            "interval_minutes": interval_minutes,
            "etag": etag,
            "last_modified": last_modified,
            "last_polled_at": iso(last_polled_at),
            "last_success_at": iso(last_success_at),
            "last_error": last_error,
            "last_error_at": iso(last_error_at),
            "consecutive_failures": consecutive_failures,
            "next_poll_at": iso(next_poll_at),
            "entries_seen": entries_seen,
            "origin": origin,
            "removed": None if removed is None else int(removed),
        }
        values = {column: value for column, value in given.items() if value is not None}
        self.db.table("feeds").upsert({"name": name, **values}, pk="name")


def _feed(row: Sequence[Any], columns: Sequence[str]) -> FeedState:
    r = row_dict(row, columns)
    return FeedState(
        name=r["name"],
        url=r["url"] or "",
        interval_minutes=r["interval_minutes"],
        etag=r["etag"] or "",
        last_modified=r["last_modified"] or "",
        last_polled_at=parse_dt(r["last_polled_at"]),
        last_success_at=parse_dt(r["last_success_at"]),
        last_error=r["last_error"] or "",
        last_error_at=parse_dt(r["last_error_at"]),
        consecutive_failures=r["consecutive_failures"] or 0,
        next_poll_at=parse_dt(r["next_poll_at"]),
        entries_seen=r["entries_seen"] or 0,
        origin=r["origin"] or "config",
        removed=bool(r["removed"]),
    )
