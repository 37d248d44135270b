"""Health figures for `talkwatch status` and the admin /stats: queue depth, sends per minute,
failures by kind, feeds in backoff, last successful poll. Read from the outbox, the ``deliveries``
log (one row per send outcome) and the ``feeds`` table, so another process can read them. As
plain data: ``bot.render.status_text`` writes them as text."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from bot.store import Store

# outcomes in the deliveries log other than 'sent' (and 'held': waited while its chat went away)
FAILURE_OUTCOMES = ("retry_after", "forbidden", "migrated", "bad_request", "network", "failed")


def status(store: Store, now: datetime) -> dict[str, Any]:
    """Every figure, as plain data."""
    counts = store.outbox_counts()
    last_minute = store.delivery_counts(now - timedelta(minutes=1))
    last_hour = store.delivery_counts(now - timedelta(hours=1))
    feeds = store.feed_states()
    backoff = [f.name for f in feeds if f.consecutive_failures > 0 and not f.removed]
    successes = [f.last_success_at for f in feeds if f.last_success_at]
    return {
        "queue_pending": counts.get("pending", 0),
        "queue_sending": counts.get("sending", 0),
        "held_for_inactive_chats": store.waiting_for_inactive(),
        "sent_total": counts.get("sent", 0),
        "failed_total": counts.get("failed", 0),
        "last_sent_at": _iso(store.last_sent_at()),
        "sends_last_minute": last_minute.get("sent", 0),
        "sends_per_minute_last_hour": round(last_hour.get("sent", 0) / 60, 1),
        "failures_last_hour": {k: last_hour[k] for k in FAILURE_OUTCOMES if last_hour.get(k)},
        "chats_active": store.chat_count(active=True),
        "chats_inactive": store.chat_count(active=False),
        "feeds": len([f for f in feeds if not f.removed]),
        "feeds_in_backoff": backoff,
        "last_successful_poll": _iso(max(successes)) if successes else None,
        "articles": store.article_count(),
        "developments": store.development_count(),
    }


def _iso(dt: datetime | None) -> str | None:
    return dt.isoformat(timespec="seconds") if dt else None
