"""The schedule: one APScheduler (AsyncIOScheduler) on the bot's event loop, rebuilt from the
database at every start.

Jobs:
    feed:<name>           poll one feed at its stored next_poll_at (the interval, or exponential
                          backoff while it fails; kept in the ``feeds`` table) plus jitter, then
                          decide alerts for what it brought
    digest:<zone>:<HH:MM> a CronTrigger in that time zone, one per (zone, time) some chat wants:
                          owes every chat whose digest is due its digest
    digests               a safety net every few minutes (and once at start: a digest missed while
                          the process was down is owed once if still within the grace period)
    announce, feeds       decide alerts nobody decided yet; pick up feeds added or removed

The database is the truth: each chat's next_digest_at (UTC) says when its digest is due, and the
digest's outbox key is the chat-local date, so however often a job runs, a chat gets one digest a
day. ``reschedule_chat(chat_id)`` is what the bot calls after /settings.

Every job is a coroutine the asyncio scheduler runs on the bot's event loop; the heavy part of
each (polling and ingesting, deciding alerts and digests, the seeds) is handed to the worker
thread (bot/worker.py: its own loop and SQLite connection), so the bot's loop never stalls.
What the bot calls directly (``reschedule_chat``, building the digest jobs) stays on its loop.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from functools import wraps
from typing import Any, Concatenate, ParamSpec, TypeVar
from zoneinfo import ZoneInfo

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger

from bot.adapters.fetch import HttpFetcher
from bot.app import ingest, notify, poll
from bot.config import Config, Feed
from bot.model import Development
from bot.store import Store
from bot.worker import Worker

log = logging.getLogger(__name__)

DIGEST_SAFETY_MINUTES = 5
ANNOUNCE_TICK_SECONDS = 60
FEED_SYNC_SECONDS = 300

T = TypeVar("T")
P = ParamSpec("P")


def _tracked(
    method: Callable[Concatenate[Schedule, P], Awaitable[T]],
) -> Callable[Concatenate[Schedule, P], Awaitable[T]]:
    """Run a job as a task the schedule knows about, so a shutdown can wait for (or cancel) it
    before the database closes."""

    @wraps(method)
    async def job(self: Schedule, *args: P.args, **kwargs: P.kwargs) -> T:
        task = asyncio.current_task()
        if task is not None:
            self._jobs.add(task)
        try:
            return await method(self, *args, **kwargs)
        finally:
            if task is not None:
                self._jobs.discard(task)

    return job


class Schedule:
    """Every job the process runs, as methods the scheduler (or a test) calls."""

    def __init__(
        self,
        config: Config,
        store: Store,
        *,
        on_owed: Callable[[], None] | None = None,
        on_new: Callable[[list[Development]], None] | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.config = config
        self.store = store
        self.on_owed = on_owed  # new outbox rows: wake the sender
        self.on_new = on_new  # new developments (printed when there is no bot)
        self.clock = clock
        self.scheduler = AsyncIOScheduler(timezone=UTC)
        self.pipeline = ingest.Pipeline(config)  # built once: every poll and ingest uses it
        self._fetcher = HttpFetcher(config.settings)  # used on the worker's loop only
        self.worker = Worker(store)
        self._polling: set[str] = set()
        self._jobs: set[asyncio.Task[Any]] = set()

    # --- jobs ---------------------------------------------------------------------------------

    @_tracked
    async def poll_feed(self, feed: Feed) -> None:
        """Poll one feed, decide alerts for what it brought, and schedule its next poll."""
        if feed.name in self._polling:
            return
        self._polling.add(feed.name)
        started = self.clock()
        try:
            self.worker.start()

            async def poll_and_announce(store: Store) -> int:
                await poll.ingest_feed(
                    store, self.config, feed, started, self._fetcher, pipeline=self.pipeline
                )
                return notify.announce(store, self.config, self.clock(), self.on_new)

            self._owed(await self.worker.run(poll_and_announce))
        except Exception:  # a job must never take the process down; logged with traceback
            log.exception("polling feed %s failed unexpectedly", feed.name)
        finally:
            self._polling.discard(feed.name)
        self._schedule_feed(feed, polled_at=started)
        self._announce_after_batch()

    def _announce_after_batch(self) -> None:
        """What a poll brought is alerted once its batch window has passed (one alert for
        everything that came in that window), not only at the next regular tick."""
        window = notify.batch_window(self.config)
        if window and self.scheduler.running:
            self.scheduler.add_job(
                self.announce,
                "date",
                run_date=self.clock() + window + timedelta(seconds=1),
                id="announce-batch",
                replace_existing=True,
            )

    @_tracked
    async def announce(self) -> int:
        """Decide alerts for new developments (each one once: see notify.announce)."""
        self.worker.start()
        now = self.clock()
        owed = await self.worker.call(
            lambda store: notify.announce(store, self.config, now, self.on_new)
        )
        self._owed(owed)
        return owed

    def _owed(self, owed: int) -> None:
        """New outbox rows were committed: wake the sender (on this loop)."""
        if owed and self.on_owed is not None:
            self.on_owed()

    @_tracked
    async def digest_tick(self) -> int:
        """Owe every chat whose digest time has come its digest."""
        self.worker.start()
        now = self.clock()
        owed = await self.worker.call(
            lambda store: notify.run_due_digests(store, self.config, now)
        )
        self._owed(owed)
        return owed

    @_tracked
    async def safety_tick(self) -> int:
        """Re-read the digest slots and owe whatever is due (a DST edge or a clock jump)."""
        self.sync_digests()
        return await self.digest_tick()

    async def ingest_seeds(self) -> None:
        """Ingest the seed folder (a no-op for files already stored), then decide alerts."""
        self.worker.start()
        now = self.clock()
        await self.worker.call(
            lambda store: ingest.ingest_seeds(
                store, self.config, self.config.settings.seeds_dir, now, pipeline=self.pipeline
            )
        )
        await self.announce()

    def reschedule_chat(self, chat_id: int) -> None:
        """A chat changed its digest time or zone (or came back): make sure its (zone, time) has
        a job, drop slots nobody uses, and owe at once what the change made due."""
        chat = self.store.chat(chat_id)
        if chat is not None and chat.active and chat.next_digest_at is None:
            self.store.update_chat(
                chat_id,
                self.clock(),
                next_digest_at=notify.next_digest_at(
                    chat.timezone, chat.digest_time, self.clock()
                ),
            )
        self.sync_digests()
        if self.scheduler.running:
            self.scheduler.add_job(self.digest_tick, id="digest-now", replace_existing=True)
        if self.on_owed is not None:
            self.on_owed()  # a chat back after /start: what it was owed can go now

    # --- building the schedule ------------------------------------------------------------------

    def sync_digests(self) -> set[str]:
        """One CronTrigger job per (time zone, HH:MM) in use; returns the job ids."""
        now = self.clock()
        for chat in self.store.chats_without_digest_time():
            self.store.update_chat(
                chat.id,
                now,
                next_digest_at=notify.next_digest_at(chat.timezone, chat.digest_time, now),
            )
        wanted: dict[str, tuple[str, str]] = {}
        for zone, hhmm in self.store.digest_slots():
            wanted[f"digest:{zone}:{hhmm}"] = (zone, hhmm)
        for job in self.scheduler.get_jobs():
            if job.id.startswith("digest:") and job.id not in wanted:
                job.remove()
        for job_id, (zone, hhmm) in wanted.items():
            if self.scheduler.get_job(job_id) is not None:
                continue
            hour, minute = hhmm.split(":")
            try:
                trigger = CronTrigger(hour=int(hour), minute=int(minute), timezone=ZoneInfo(zone))
            except (ValueError, KeyError) as exc:  # a zone the system no longer knows
                log.warning("cannot schedule digests at %s %s: %s", hhmm, zone, exc)
                continue
            self.scheduler.add_job(
                self.digest_tick,
                trigger,
                id=job_id,
                coalesce=True,
                misfire_grace_time=None,
            )
        return set(wanted)

    def _schedule_feed(self, feed: Feed, polled_at: datetime | None = None) -> None:
        state = self.store.feed_state(feed.name)
        now = self.clock()
        due = state.next_poll_at or now
        if polled_at is not None and due <= polled_at:
            # the poll recorded no next time (it broke early): do not spin
            due = polled_at + timedelta(minutes=feed.interval_minutes)
        jitter = random.uniform(0, self.config.settings.jitter_seconds)
        self.scheduler.add_job(
            self.poll_feed,
            "date",
            run_date=max(due, now) + timedelta(seconds=jitter),
            args=[feed],
            id=f"feed:{feed.name}",
            replace_existing=True,
            misfire_grace_time=None,
        )

    @_tracked
    async def sync_feeds(self) -> None:
        """Schedule every effective feed (config + admin-added) and drop removed ones."""
        feeds = poll.effective_feeds(self.store, self.config)
        wanted = {f"feed:{f.name}" for f in feeds}
        for job in self.scheduler.get_jobs():
            if job.id.startswith("feed:") and job.id not in wanted:
                job.remove()
        for feed in feeds:
            if self.scheduler.get_job(f"feed:{feed.name}") is None and feed.name not in (
                self._polling
            ):
                self._schedule_feed(feed)

    # --- life cycle ---------------------------------------------------------------------------

    def start(self) -> None:
        """Build the schedule from the database and start it; missed digests are looked at once
        at once (within the grace period: owed; beyond it: skipped)."""
        self.scheduler.start()
        now = self.clock()
        self.sync_digests()
        self.scheduler.add_job(
            self.safety_tick,
            "interval",
            minutes=DIGEST_SAFETY_MINUTES,
            id="digests",
            next_run_time=now,
            coalesce=True,
        )
        self.scheduler.add_job(
            self.announce, "interval", seconds=ANNOUNCE_TICK_SECONDS, id="announce", coalesce=True
        )
        self.scheduler.add_job(
            self.sync_feeds,
            "interval",
            seconds=FEED_SYNC_SECONDS,
            id="feeds",
            next_run_time=now,
            coalesce=True,
        )

    async def stop(self, grace: float = 5.0) -> None:
        """No new jobs; running ones get ``grace`` seconds, then are cancelled (ingest commits
        in chunks and fetches between transactions, so a cancelled poll loses nothing)."""
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)
        if self._jobs:
            await asyncio.wait(set(self._jobs), timeout=grace)
        for task in list(self._jobs):
            task.cancel()
        if self._jobs:
            await asyncio.wait(set(self._jobs))
        if self.worker.running:
            await self.worker.run(lambda _: self._fetcher.aclose())  # its client lives there
        else:
            await self._fetcher.aclose()
        await self.worker.stop()
