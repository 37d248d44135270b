"""Feed state: validators, last success and error, backoff, admin additions and removals.

Table: ``feeds``, one row per feed that was ever polled, added or removed.
"""

from __future__ import annotations

from typing import Any

from bot.store.db import StoreBase


class FeedStore(StoreBase):
    """What the store remembers about each feed between polls."""

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
