"""The process behind ``talkwatch run``: wires the schedule, the outbox sender and (with a token)
the python-telegram-bot Application onto one event loop, and shuts them down in order on
SIGTERM/SIGINT.

Start: messages left 'sending' by a crash go back to 'pending' (bot/adapters/delivery.py explains
the one ambiguous case), the seeds folder is ingested, the bot starts polling, the schedule is
rebuilt from the database (missed digests within the grace period are owed once), the sender
starts. The sender and the bot's replies share one ``Pacer``: one rate budget for every message.
Without a token there is no bot and no sender: new developments are printed to stdout. While it
runs, the process rewrites a heartbeat file beside the database (bot/app/health.py) every 15 s.

Stop: no new jobs (running ones finish or are cancelled between transactions), the sender waits
for answers already on their way and releases the rest of its claims, the bot stops polling, the
heartbeat file is removed; the caller closes the database.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import socket
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import httpx
from telegram import Bot
from telegram.error import BadRequest, InvalidToken, NetworkError, TelegramError
from telegram.request import HTTPXRequest

from bot.adapters.delivery import Sender
from bot.adapters.pacing import Pacer, SharedLimiter
from bot.app import health
from bot.config import Config
from bot.model import Development
from bot.scheduler import Schedule
from bot.store import Store

log = logging.getLogger(__name__)

CONNECTIONS_SPARE = 8
HEARTBEAT_FILE_SECONDS = 15.0  # how often the running process says it is alive (health.py)


def sender_bot(config: Config) -> Bot:
    """The Bot the sender uses: the configured API URL, a connection per concurrent send (one
    shared connection would queue the paced sends and release them in bursts)."""
    base = config.api_url.rstrip("/") if config.api_url else "https://api.telegram.org"
    return Bot(
        config.token,
        base_url=f"{base}/bot",
        base_file_url=f"{base}/file/bot",
        request=HTTPXRequest(
            connection_pool_size=config.settings.send_in_flight + CONNECTIONS_SPARE,
            # headers and body go out as two writes: with Nagle's algorithm the body waits for
            # the server's delayed ACK, and paced sends leave in bunches (measured: up to 120 ms)
            socket_options=[(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)],
        ),
    )


def print_developments(devs: Sequence[Development]) -> None:
    """The no-token mode's output: each new development on stdout."""
    from bot import render

    for dev in devs:
        print(render.development_text(dev), flush=True)  # noqa: T201 - this mode's output


class App:
    """The running process's parts: the schedule, and with a token the sender and the bot."""

    def __init__(self, config: Config, store: Store) -> None:
        self.config = config
        self.store = store
        self.sender: Sender | None = None
        self.send_task: asyncio.Task[None] | None = None
        self.application: Any = None  # python-telegram-bot's Application, with a token
        self.beat_task: asyncio.Task[None] | None = None
        self.schedule = Schedule(
            config,
            store,
            on_owed=self._wake_sender,
            on_new=None if config.token else print_developments,
        )
        # what the scheduler's jobs do, callable directly (tests, the shell)
        self.poll_feed = self.schedule.poll_feed
        self.announce = self.schedule.announce
        self.digest_tick = self.schedule.digest_tick
        self.ingest_seeds = self.schedule.ingest_seeds

    async def _heartbeat(self, started_at: datetime) -> None:
        """Say every few seconds that the process runs, and whether its sender does (read by
        `talkwatch status`, so a stalled loop or a dead sender shows as unhealthy)."""
        if self.store.path is None:  # an in-memory database: nobody can read a heartbeat
            return
        path = health.heartbeat_path(self.store.path)
        while True:
            sending = self.send_task is not None and not self.send_task.done()
            beat = health.Heartbeat(os.getpid(), started_at, datetime.now(UTC), sending)
            try:
                await asyncio.to_thread(health.write_heartbeat, path, beat)
            except OSError as exc:  # a full disk must not stop the bot; status will say so
                log.warning("could not write the heartbeat %s: %s", path, exc)
            await asyncio.sleep(HEARTBEAT_FILE_SECONDS)

    def _wake_sender(self) -> None:
        if self.sender is not None:
            self.sender.wake()

    async def start(self) -> None:
        """Recover claims a crash left, ingest the seeds, start the bot and the sender, build the
        schedule from the database."""
        released = self.store.release_claimed(datetime.now(UTC))
        if released:
            log.warning(
                "%d messages were being sent when the process stopped; they are sent again "
                "(see bot/adapters/delivery.py on the one ambiguous case)",
                released,
            )
        await self.schedule.ingest_seeds()
        if self.config.token:
            await self._start_bot()
        self.schedule.start()
        self.beat_task = asyncio.create_task(self._heartbeat(datetime.now(UTC)), name="heartbeat")

    async def _start_bot(self) -> None:
        from bot.adapters import telegram

        settings = self.config.settings
        pacer = Pacer(settings)  # one budget: the outbox and the bot's replies draw on it
        bot = sender_bot(self.config)
        await bot.initialize()
        self.sender = Sender(
            self.store, settings, bot, concurrency=settings.send_in_flight, pacer=pacer
        )
        self.application = telegram.build_application(
            self.config,
            self.store,
            on_chat_changed=self.schedule.reschedule_chat,
            rate_limiter=SharedLimiter(pacer),
        )
        await telegram.start(self.application)
        self.send_task = asyncio.create_task(self.sender.run(), name="outbox-sender")

    async def stop(self) -> None:
        """No new jobs, then the sender (answers on their way are recorded, other claims
        released), then the bot. The caller closes the database."""
        if self.beat_task is not None:
            self.beat_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.beat_task
            if self.store.path is not None:  # stopped on purpose: nothing left looks alive
                health.heartbeat_path(self.store.path).unlink(missing_ok=True)
        await self.schedule.stop()
        if self.sender is not None:
            released = await self.sender.stop()
            if self.send_task is not None:
                self.send_task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await self.send_task
            await self.sender.bot.shutdown()
            log.info("sender stopped: %d sent, %d claims released", self.sender.sent, released)
        if self.application is not None:
            from bot.adapters import telegram

            await telegram.stop(self.application)


def explain_failure(exc: BaseException, config: Config) -> str | None:
    """One sentence for a known cause of a failed start (a rejected token, an unreachable or
    garbled Bot API), None for anything else. Never the token: python-telegram-bot's and
    httpx's messages may hold it, so none is quoted."""
    api = config.api_url or "https://api.telegram.org"
    if isinstance(exc, InvalidToken) or (isinstance(exc, TelegramError) and _unauthorized(exc)):
        return "Telegram rejected the bot token: check TELEGRAM_BOT_TOKEN"
    if isinstance(exc, BadRequest):
        return None
    if isinstance(exc, (NetworkError, httpx.HTTPError, OSError)):
        return (
            f"could not reach the Telegram Bot API at {api}: "
            "check the network and TELEGRAM_API_URL"
        )
    if isinstance(exc, TelegramError) and "invalid server response" in exc.message.lower():
        return (
            f"the server at {api} does not answer like the Telegram Bot API: "
            "check TELEGRAM_API_URL"
        )
    return None


def _unauthorized(exc: TelegramError) -> bool:
    return "unauthorized" in exc.message.lower()


async def run(config: Config, store: Store, *, stop_event: asyncio.Event | None = None) -> None:
    """Run until SIGTERM/SIGINT (or ``stop_event`` is set)."""
    stop = stop_event or asyncio.Event()
    loop = asyncio.get_running_loop()
    signals = (signal.SIGTERM, signal.SIGINT)
    for sig in signals:
        with contextlib.suppress(NotImplementedError, RuntimeError):  # not the main thread
            loop.add_signal_handler(sig, stop.set)
    app = App(config, store)
    try:
        await app.start()
        log.info(
            "talkwatch running %s; %d feeds",
            "with the Telegram bot" if config.token else "without a token (printing news)",
            len(config.feeds),
        )
        await _until(stop, app.send_task)
    finally:
        log.info("stopping")
        for sig in signals:
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.remove_signal_handler(sig)
        await app.stop()


async def _until(stop: asyncio.Event, send_task: asyncio.Task[None] | None) -> None:
    """Wait for the stop signal; a sender that dies is an error, not a silent stall."""
    waiter = asyncio.create_task(stop.wait())
    tasks: set[asyncio.Task[None] | asyncio.Task[bool]] = {waiter}
    if send_task is not None:
        tasks.add(send_task)
    done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    waiter.cancel()
    if send_task is not None and send_task in done:
        send_task.result()  # raises what killed it
        raise RuntimeError("the outbox sender stopped unexpectedly")
