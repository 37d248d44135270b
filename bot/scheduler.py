"""The process: one APScheduler on the bot's event loop, driving feed polls (interval, jitter,
exponential backoff while failing), alert decisions, digests at each chat's local time and the
outbox sender; the Telegram bot when a token is set; graceful shutdown on SIGTERM/SIGINT.

The schedule is rebuilt from the database at start: feed polls resume at each feed's stored
next_poll_at, digests are due by each chat's stored next_digest_at (recomputed whenever the chat
changes its time or zone), and a digest missed while the process was down is sent once at start if
still within the grace period (its outbox key is the chat-local date, so never twice).
"""

from __future__ import annotations

import asyncio
import logging
import random
import signal
import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from telegram import Bot
from telegram.request import HTTPXRequest

from bot import fetch, notify, service
from bot.config import Config, Feed
from bot.delivery import Sender
from bot.model import Development
from bot.store import Store, parse_dt

log = logging.getLogger(__name__)

DIGEST_TICK_SECONDS = 30
ANNOUNCE_TICK_SECONDS = 60
FEED_SYNC_SECONDS = 300
SEND_CONCURRENCY = 48


class Runtime:
    """Everything the running process does, as methods the scheduler (or a test) calls.

    Every job is a coroutine: APScheduler's asyncio scheduler runs coroutines on the event loop
    (plain functions would go to a thread pool, away from the one SQLite connection).
    """

    def __init__(
        self,
        config: Config,
        store: Store,
        *,
        printer: Callable[[str], None] | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.config = config
        self.store = store
        self.clock = clock
        self.printer = printer
        self.scheduler = AsyncIOScheduler(timezone=UTC)
        self.sender: Sender | None = None
        self.app: Any = None  # the python-telegram-bot Application, with a token
        self._send_task: asyncio.Task[None] | None = None
        self._http = fetch.client(config.settings)
        self._polling: set[str] = set()

    # --- jobs ---------------------------------------------------------------------------------

    async def poll_feed(self, feed: Feed) -> None:
        """Poll one feed, decide alerts for what it brought, and schedule its next poll."""
        if feed.name in self._polling:
            return
        self._polling.add(feed.name)
        try:
            await service.ingest_feed(self.store, self.config, feed, self.clock(), self._http)
            await self.announce()
        except Exception:  # a job must never take the process down; logged with traceback
            log.exception("polling feed %s failed unexpectedly", feed.name)
        finally:
            self._polling.discard(feed.name)
            self._schedule_feed(feed)

    async def announce(self) -> int:
        """Decide alerts for new developments (and print them without a bot)."""
        owed = notify.announce(self.store, self.config, self.clock(), self._print_new)
        if owed and self.sender is not None:
            self.sender.wake()
        return owed

    async def digest_tick(self) -> int:
        """Owe every chat whose digest time has come its digest."""
        owed = notify.run_due_digests(self.store, self.config, self.clock())
        if owed and self.sender is not None:
            self.sender.wake()
        return owed

    async def ingest_seeds(self) -> None:
        """Ingest the seed folder (a no-op for files already stored)."""
        service.ingest_seeds(self.store, self.config, self.config.settings.seeds_dir, self.clock())
        await self.announce()

    def chat_changed(self, chat_id: int) -> None:
        """A chat changed its digest time or zone: its next digest is already recomputed in the
        database; look for due digests at once in case the new time has just passed."""
        self.scheduler.add_job(self.digest_tick, id="digest-now", replace_existing=True)

    def _print_new(self, devs: list[Development]) -> None:
        if self.printer is None:
            return
        from bot.cli import format_development

        for dev in devs:
            self.printer(format_development(dev))

    def _schedule_feed(self, feed: Feed) -> None:
        state = self.store.feed_state(feed.name)
        due = parse_dt(state.get("next_poll_at")) or self.clock()
        jitter = random.uniform(0, self.config.settings.jitter_seconds)
        when = max(due, self.clock()) + timedelta(seconds=jitter)
        self.scheduler.add_job(
            self.poll_feed,
            "date",
            run_date=when,
            args=[feed],
            id=f"feed:{feed.name}",
            replace_existing=True,
            misfire_grace_time=None,
        )

    async def sync_feeds(self) -> None:
        """Schedule every effective feed (config + admin-added) and drop removed ones."""
        feeds = service.effective_feeds(self.store, self.config)
        wanted = {f"feed:{f.name}" for f in feeds}
        for job in self.scheduler.get_jobs():
            if job.id.startswith("feed:") and job.id not in wanted:
                job.remove()
        for feed in feeds:
            if self.scheduler.get_job(f"feed:{feed.name}") is None:
                self._schedule_feed(feed)

    # --- life cycle ---------------------------------------------------------------------------

    async def start(self) -> None:
        """Recover from a crash, ingest the seeds, start the scheduler, the sender and the bot."""
        released = self.store.release_claimed(self.clock())
        if released:
            log.warning(
                "%d messages were being sent when the process stopped; they are sent "
                "again (see bot/delivery.py on the one unavoidable window)",
                released,
            )
        await self.ingest_seeds()
        if self.config.token:
            await self._start_bot()
        self.scheduler.start()
        self.scheduler.add_job(
            self.digest_tick,
            "interval",
            seconds=DIGEST_TICK_SECONDS,
            id="digests",
            next_run_time=self.clock(),
        )
        self.scheduler.add_job(
            self.announce, "interval", seconds=ANNOUNCE_TICK_SECONDS, id="announce"
        )
        self.scheduler.add_job(
            self.sync_feeds,
            "interval",
            seconds=FEED_SYNC_SECONDS,
            id="feeds",
            next_run_time=self.clock(),
        )

    async def _start_bot(self) -> None:
        from bot import telegram

        self.app = telegram.build_application(
            self.config, self.store, on_chat_changed=self.chat_changed
        )
        await telegram.start(self.app)
        base = self.config.api_url.rstrip("/") if self.config.api_url else ""
        # a connection per concurrent send: one shared connection would queue the paced sends
        # and release them in bursts
        bot = Bot(
            self.config.token,
            base_url=f"{base}/bot" if base else "https://api.telegram.org/bot",
            request=HTTPXRequest(connection_pool_size=SEND_CONCURRENCY + 8),
        )
        await bot.initialize()
        self.sender = Sender(
            self.store, self.config.settings, bot, concurrency=SEND_CONCURRENCY, clock=self.clock
        )
        self._send_task = asyncio.create_task(self.sender.run())

    async def stop(self) -> None:
        """Graceful shutdown: no new jobs, in-flight sends finish, the bot stops, the db closes."""
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)
        if self.sender is not None:
            await self.sender.stop()
            if self._send_task is not None:
                self._send_task.cancel()
            await self.sender.bot.shutdown()
        if self.app is not None:
            from bot import telegram

            await telegram.stop(self.app)
        await self._http.aclose()
        self.store.release_claimed(self.clock())  # claimed but never sent: pending again


async def run(config: Config, store: Store, stop: asyncio.Event | None = None) -> None:
    """Run until SIGTERM/SIGINT (or ``stop`` is set)."""
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    runtime = Runtime(config, store, printer=None if config.token else _stdout)
    await runtime.start()
    log.info(
        "talkwatch running%s; %d feeds",
        " with the Telegram bot"
        if config.token
        else " without a Telegram token (printing new developments)",
        len(config.feeds),
    )
    try:
        await stop.wait()
    finally:
        log.info("stopping")
        await runtime.stop()


def _stdout(line: str) -> None:
    print(line, file=sys.stdout, flush=True)  # noqa: T201 - the no-token mode's output
