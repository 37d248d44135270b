"""The outbox sender: every alert and digest reaches Telegram through here, within Telegram's
limits, with retries, and exactly once as far as Telegram allows.

How a message travels: the transaction that decides a chat is owed a message writes an outbox row
('pending'). The sender claims due rows ('sending', attempt number + 1, committed before any HTTP
call), waits for the row's turn under the limits, sends it, and marks it 'sent' in its own commit
right after Telegram's answer (or 'failed', or 'pending' again with a later not_before). The
attempt number is the claim's token: a late answer to an old claim cannot undo a newer one.

The one unavoidable window: Telegram has no idempotency key, and a bot cannot ask whether a
message arrived. Between the moment the request leaves and the moment the 'sent' mark commits,
a crash leaves the row 'sending' without knowing whether Telegram accepted it. The policy: at the
next start every 'sending' row goes back to 'pending' and is sent again - never lose, at the cost
that a message in that window may arrive twice. The bound is what was in flight: at most
``send_in_flight`` messages (settings.toml, default 8) are sent twice after a ``kill -9``,
because the sender never has more requests on their way (or answered but not yet marked) than
that; rows claimed but still waiting for their turn are not in the window. tests/test_crash.py
reaches the bound exactly (every request on its way accepted, none answered) and shows the
common case (one request hung) stays within it. Everything else - a crash after deciding, while
rows wait for their turn, between sends, during a send Telegram did not accept - loses nothing
and duplicates nothing; the crash tests kill the process at each point. A timeout at run time
is the same window, handled the same way (retried with backoff); on SIGTERM the sender waits for
answers already on their way so a clean stop adds no duplicate. benchmarks/broadcast.py measures
how the in-flight count trades against throughput; the default is the smallest that keeps a
broadcast within 5% of N/30 s at a 250 ms round trip to Telegram.

Any exception in a send (a database that stays locked, a bug) is logged with its traceback and
the row goes back to 'pending' with backoff; a send Telegram accepted is recorded as 'sent' even
if the first attempt to record it fails. Nothing stays 'sending' while the process runs.

One rate budget: the outbox and the bot's command replies (python-telegram-bot's requests, through
``SharedLimiter``) draw on the same ``Pacer`` (bot/adapters/pacing.py), so together they stay under
Telegram's limits.

Limits: about 30 messages/s overall, 1/s per private chat, 20/min per group, paced rather than
discovered (python-telegram-bot's AIORateLimiter has no per-private-chat limit); a 429 is
honoured through ``retry_after`` and never drops the message. Errors are mapped in this order
(``BadRequest`` is a subclass of ``NetworkError`` in python-telegram-bot): RetryAfter, Forbidden
(chat marked inactive, message kept), ChatMigrated (chat moved, message re-sent to the new id),
BadRequest (failed, never retried), then TimedOut / NetworkError / 5xx (retried with exponential
backoff up to ``max_send_attempts``).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from telegram import Bot, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)

from bot.adapters.pacing import Pacer, seconds
from bot.config import Settings
from bot.model import OutboxMessage
from bot.store import Store

log = logging.getLogger(__name__)

MAX_BACKOFF_SECONDS = 600
HEARTBEAT_SECONDS = 0.01
PERSIST_FIRST_RETRY_SECONDS = 0.05  # a write the database refused is tried again after this
MAX_PERSIST_RETRY_SECONDS = 5.0
CLAIM_RETRY_SECONDS = 1.0  # the claim failed (database locked): look again after this


class Sender:
    """Sends due outbox rows until stopped; ``wake()`` after enqueuing to send at once."""

    def __init__(
        self,
        store: Store,
        settings: Settings,
        bot: Bot,
        *,
        concurrency: int | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        pacer: Pacer | None = None,
    ) -> None:
        self.store = store
        self.settings = settings
        self.bot = bot
        self.pacer = pacer or Pacer(settings)  # shared with the bot's replies (SharedLimiter)
        # sends on their way at once: the bound on duplicates after kill -9 (see above)
        self.concurrency = concurrency or settings.send_in_flight
        self.clock = clock
        self._wake = asyncio.Event()
        self._stopping = False
        self._waiting: set[asyncio.Task[None]] = set()  # claimed, waiting for their turn
        self._in_http: set[asyncio.Task[None]] = set()  # the request is on its way
        self._busy = asyncio.Event()  # sends under way: the heartbeat runs
        self.sent = 0

    def wake(self) -> None:
        """New rows may be due: look now."""
        self._wake.set()

    async def run(self) -> None:
        """The send loop: claim due rows, send them paced, repeat; sleep until woken or due."""
        slots = asyncio.Semaphore(self.concurrency)
        heartbeat = asyncio.create_task(self._heartbeat())
        try:
            await self._loop(slots)
        finally:
            heartbeat.cancel()

    async def _heartbeat(self) -> None:
        """While sends are under way, tell the pacer every few ms that the loop is running, so
        it can tell when a long job blocked it."""
        while True:
            if not (self._waiting or self._in_http):
                self._busy.clear()
                self.pacer.idle()
                await self._busy.wait()
            self.pacer.alive()
            await asyncio.sleep(HEARTBEAT_SECONDS)

    async def _loop(self, slots: asyncio.Semaphore) -> None:
        while not self._stopping:
            self._wake.clear()
            try:
                batch = self.store.claim_outbox(self.clock(), limit=self.concurrency * 4)
            except Exception:  # boundary: a locked database must not stop the sender
                log.exception("could not claim due messages; trying again shortly")
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), CLAIM_RETRY_SECONDS)
                continue
            if batch and not self._busy.is_set():
                self.pacer.alive()  # idle until now, not stalled
                self._busy.set()
            for message in batch:
                await slots.acquire()
                if self._stopping:  # the rest stay claimed; stop() releases them
                    slots.release()
                    break
                task = asyncio.create_task(self._send(message))
                self._waiting.add(task)
                task.add_done_callback(self._done(slots))
            if batch:
                continue
            try:
                due = self.store.next_outbox_due()
            except Exception:  # boundary: as above; look again soon
                log.exception("could not read when the next message is due")
                due = self.clock() + timedelta(seconds=CLAIM_RETRY_SECONDS)
            timeout = 30.0 if due is None else max(0.05, (due - self.clock()).total_seconds())
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), min(timeout, 30.0))

    def _done(self, slots: asyncio.Semaphore) -> Callable[[asyncio.Task[None]], None]:
        def done(task: asyncio.Task[None]) -> None:
            self._waiting.discard(task)
            self._in_http.discard(task)
            slots.release()
            if not task.cancelled() and task.exception() is not None:
                log.error("send task failed", exc_info=task.exception())

        return done

    async def stop(self, grace: float = 10.0) -> int:
        """Stop claiming; sends not yet on their way are cancelled, those waiting for Telegram's
        answer get ``grace`` seconds to be recorded; whatever is still claimed after that goes
        back to 'pending'. Returns how many were released."""
        self._stopping = True
        self._wake.set()
        for task in list(self._waiting):
            task.cancel()
        pending = self._waiting | self._in_http
        if self._in_http:
            await asyncio.wait(set(self._in_http), timeout=grace)
        for task in list(self._in_http):
            task.cancel()  # no answer in time: the ambiguous case, released and sent again
        if pending:
            await asyncio.wait(pending)
        return self.store.release_claimed(self.clock())

    async def _send(self, message: OutboxMessage) -> None:
        try:
            await self._send_once(message)
        except Exception as exc:  # boundary: a bug must not leave the row claimed until restart
            log.exception("sending message %d to chat %d failed", message.id, message.chat_id)
            error = f"{type(exc).__name__}: {exc}"
            await self._persist(
                lambda: self._retry(message, self._backoff(message), "failed", error),
                f"return message {message.id} to the queue",
            )

    async def _persist(self, write: Callable[[], object], what: str) -> None:
        """Run one outbox write until the database takes it (it may be locked for a while, or
        refuse once): a row must never stay 'sending' while the process runs."""
        delay = PERSIST_FIRST_RETRY_SECONDS
        while True:
            try:
                write()
                return
            except Exception:  # boundary: logged, and tried again after a pause
                log.exception("could not %s; trying again in %.1f s", what, delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, MAX_PERSIST_RETRY_SECONDS)

    async def _send_once(self, message: OutboxMessage) -> None:
        await self.pacer.acquire(message.chat_id)
        if not self.store.chat_active(message.chat_id):
            # blocked or migrated while this one waited its turn: keep it, send nothing
            self.store.finish_outbox(
                message, "pending", self.clock(), outcome="held", attempts_back=True
            )
            return
        task = asyncio.current_task()
        assert task is not None
        self._waiting.discard(task)
        self._in_http.add(task)
        try:
            sent = await self.bot.send_message(
                message.chat_id,
                message.text,
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=not message.preview),
            )
        # the order matters: BadRequest (and so ChatMigrated) is a NetworkError subclass
        except RetryAfter as exc:
            wait = seconds(exc.retry_after)
            self.pacer.hold(message.chat_id, wait)
            self._retry(message, wait, "retry_after", str(exc), count=False)
        except Forbidden as exc:
            # blocked, kicked, or the user deactivated: keep what is owed, send nothing more
            # until they come back with /start (which sets the chat active again)
            now = self.clock()
            self.store.update_chat(message.chat_id, now, active=False)
            self.store.finish_outbox(
                message, "pending", now, error=str(exc), outcome="forbidden", attempts_back=True
            )
            log.info("chat %d is unreachable (%s); marked inactive", message.chat_id, exc)
        except ChatMigrated as exc:
            now = self.clock()
            self.store.finish_outbox(
                message, "pending", now, error=str(exc), outcome="migrated", attempts_back=True
            )
            self.store.move_chat(message.chat_id, exc.new_chat_id, now)
            moved = self.store.reassign_outbox(message.chat_id, exc.new_chat_id)
            log.info(
                "chat %d migrated to %d; %d messages follow",
                message.chat_id,
                exc.new_chat_id,
                moved,
            )
            self.wake()
        except BadRequest as exc:
            self.store.finish_outbox(
                message, "failed", self.clock(), error=str(exc), outcome="bad_request"
            )
            log.warning("message %d to chat %d refused: %s", message.id, message.chat_id, exc)
        except (TimedOut, NetworkError) as exc:
            # a timeout is ambiguous (Telegram may have accepted it): resending may duplicate,
            # not resending may lose; the outbox never loses
            self._retry(message, self._backoff(message), "network", str(exc))
        except TelegramError as exc:
            self._retry(message, self._backoff(message), "failed", str(exc))
        else:
            # Telegram has it: what must be recorded is 'sent', never a retry (that would be
            # a duplicate the user sees)
            await self._persist(
                lambda: self.store.finish_outbox(
                    message, "sent", self.clock(), telegram_message_id=sent.message_id
                ),
                f"record message {message.id} as sent",
            )
            self.sent += 1

    def _backoff(self, message: OutboxMessage) -> float:
        """Seconds before the next attempt: the base, doubled per attempt made, capped."""
        base = self.settings.retry_base_seconds
        return min(base * 2.0 ** max(message.attempts - 1, 0), MAX_BACKOFF_SECONDS)

    def _retry(
        self,
        message: OutboxMessage,
        seconds: float,
        outcome: str,
        error: str,
        *,
        count: bool = True,
    ) -> None:
        now = self.clock()
        if count and message.attempts >= self.settings.max_send_attempts:
            self.store.finish_outbox(message, "failed", now, error=error, outcome=outcome)
            log.warning(
                "message %d to chat %d failed %d times; giving up: %s",
                message.id,
                message.chat_id,
                message.attempts,
                error,
            )
            return
        self.store.finish_outbox(
            message,
            "pending",
            now,
            error=error,
            outcome=outcome,
            not_before=now + timedelta(seconds=seconds),
            attempts_back=not count,
        )
        self.wake()
