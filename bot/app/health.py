"""Health figures for `talkwatch status` and the admin /stats: queue depth, sends per minute,
failures by kind, feeds in backoff, last successful poll. Read from the outbox, the ``deliveries``
log (one row per send outcome) and the ``feeds`` table, so another process can read them.

And the checks that make `talkwatch status` (the Docker HEALTHCHECK) fail: no feed has succeeded
for 3x its interval, a message has waited in the outbox longer than ``outbox_max_age_minutes``, or
the running process's heartbeat (a small JSON file beside the database, rewritten every few
seconds while the outbox sender runs) is missing or stale. As plain data: ``bot.render``
writes them as text."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from bot.app.poll import effective_feeds
from bot.config import Config
from bot.model import Problem
from bot.store import Store, parse_dt

FEED_STALE_INTERVALS = 3  # no feed succeeded for this many of its intervals: unhealthy
HEARTBEAT_STALE_SECONDS = 60.0  # the process rewrites its heartbeat every 15 s

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


# --- the heartbeat --------------------------------------------------------------------------


@dataclass(frozen=True)
class Heartbeat:
    """What the running process last said about itself."""

    pid: int
    started_at: datetime
    beat_at: datetime
    sender: bool  # the outbox sender is running (False in no-token mode)


def heartbeat_path(db_path: Path) -> Path:
    """The heartbeat file beside the database."""
    return db_path.with_name(db_path.name + ".heartbeat")


def write_heartbeat(path: Path, beat: Heartbeat) -> None:
    """Replace the heartbeat file atomically (a reader never sees half of it)."""
    data = {
        "pid": beat.pid,
        "started_at": beat.started_at.isoformat(),
        "beat_at": beat.beat_at.isoformat(),
        "sender": beat.sender,
    }
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data), encoding="utf-8")
    os.replace(tmp, path)


def read_heartbeat(path: Path) -> Heartbeat | None:
    """The last heartbeat, or None when there is none (never started, or stopped cleanly)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        started, beat = parse_dt(data["started_at"]), parse_dt(data["beat_at"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if started is None or beat is None:
        return None
    return Heartbeat(int(data.get("pid", 0)), started, beat, bool(data.get("sender")))


# --- the checks -----------------------------------------------------------------------------


def checks(store: Store, config: Config, now: datetime, beat: Heartbeat | None) -> list[Problem]:
    """Every reason `talkwatch status` should fail; empty when healthy."""
    problems = []
    if beat is None or (now - beat.beat_at).total_seconds() > HEARTBEAT_STALE_SECONDS:
        problems.append(Problem("process", beat.beat_at if beat else None))
    elif config.token and not beat.sender:
        problems.append(Problem("sender", beat.beat_at))
    feed_problem = _feeds_problem(store, config, now, beat)
    if feed_problem is not None:
        problems.append(feed_problem)
    oldest = store.oldest_unsent_at()
    limit = timedelta(minutes=config.settings.outbox_max_age_minutes)
    if oldest is not None and now - oldest > limit:
        problems.append(Problem("outbox", oldest, limit))
    return problems


def _feeds_problem(
    store: Store, config: Config, now: datetime, beat: Heartbeat | None
) -> Problem | None:
    """A problem when there are feeds and none has succeeded within 3x its interval. A feed
    never polled yet counts from the process's start (a fresh start is not a failure)."""
    feeds = effective_feeds(store, config)
    if not feeds:
        return None
    states = {f.name: f for f in store.feed_states()}
    last: list[datetime] = []
    for feed in feeds:
        window = timedelta(minutes=feed.interval_minutes * FEED_STALE_INTERVALS)
        state = states.get(feed.name)
        success = state.last_success_at if state is not None else None
        reference = success or (beat.started_at if beat else None)
        if reference is not None and now - reference <= window:
            return None
        if success is not None:
            last.append(success)
    shortest = min(f.interval_minutes for f in feeds) * FEED_STALE_INTERVALS
    return Problem("feeds", max(last) if last else None, timedelta(minutes=shortest))
