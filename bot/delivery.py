"""The outbox sender: every alert and digest reaches Telegram through here, within Telegram's limits,
with retries, and exactly once as far as Telegram allows.

How a message travels: the transaction that decides a chat is owed a message writes an outbox row
('pending'). The sender claims due rows ('sending', committed before any HTTP call), sends each, and
marks it 'sent' (or 'failed', or 'pending' again with a later not_before).

The one unavoidable window: Telegram has no idempotency key. If the process dies after Telegram
accepted a message but before the 'sent' mark is committed (the few milliseconds of one HTTP
response), the row is still 'sending' at the next start; it is sent again, so that chat may see
that one message twice. Everything else — a crash after deciding, while rows wait, between sends,
during a send Telegram did not accept — loses nothing and duplicates nothing. A network timeout
on a send is the same window at runtime, and is treated the same way (retried).

Limits: about 30 messages/s overall, 1/s per private chat, 20/min per group, paced rather than
discovered; a 429 is honoured through ``retry_after`` and never drops the message. Errors are
mapped in this order (``BadRequest`` is a subclass of ``NetworkError`` in python-telegram-bot):
RetryAfter, Forbidden, ChatMigrated, BadRequest, then TimedOut / NetworkError.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import deque
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

from bot.config import Settings
from bot.model import OutboxMessage
from bot.store import Store

log = logging.getLogger(__name__)

MAX_BACKOFF_SECONDS = 600
SAFETY = 0.95  # pace a little under the published limits: the server counts arrivals, not sends
WINDOW_SHARE = 0.97  # and never more than this share of the limit in any one-second window


class Pacer:
    """Spaces sends so no limit is ever hit: a global rate, and a gap per chat (1 s in private
    chats, 3 s in groups: 20 a minute)."""

    def __init__(self, settings: Settings, clock: Callable[[], float] = time.monotonic) -> None:
        self.global_gap = 1.0 / (settings.global_rate_per_second * SAFETY)
        self.private_gap = 1.0 / (settings.private_rate_per_second * SAFETY)
        self.group_gap = 60.0 / (settings.group_rate_per_minute * SAFETY)
        self.clock = clock
        self.window_limit = max(1, int(settings.global_rate_per_second * WINDOW_SHARE))
        self._next_global = 0.0
        self._next_chat: dict[int, float] = {}
        self._recent: deque[float] = deque()  # slots given in the last second

    def gap(self, chat_id: int) -> float:
        """The least time between two messages to this chat (negative ids are groups)."""
        return self.private_gap if chat_id > 0 else self.group_gap

    async def acquire(self, chat_id: int) -> None:
        """Wait for this chat's turn, and then for a global slot."""
        while True:
            now = self.clock()
            ready = self._next_chat.get(chat_id, 0.0)
            if ready > now:
                await asyncio.sleep(ready - now)
                continue
            slot = max(now, self._next_global)
            self._next_global = slot + self.global_gap
            self._next_chat[chat_id] = slot + self.gap(chat_id)
            if len(self._next_chat) > 50_000:  # forget chats whose gap has passed
                self._next_chat = {c: t for c, t in self._next_chat.items() if t > now}
            if slot > now:
                await asyncio.sleep(slot - now)
            await self._window()
            return

    async def _window(self) -> None:
        """Never more than ``window_limit`` sends in any second, counted at the moment of
        sending: after a stall (a slow commit), tasks that overslept must not leave as a burst."""
        while True:
            now = self.clock()
            while self._recent and self._recent[0] <= now - 1.0:
                self._recent.popleft()
            if len(self._recent) < self.window_limit:
                self._recent.append(now)
                return
            await asyncio.sleep(self._recent[0] + 1.0 - now)

    def hold(self, chat_id: int, seconds: float) -> None:
        """Telegram said wait (429): nothing more to this chat for that long."""
        self._next_chat[chat_id] = max(self._next_chat.get(chat_id, 0.0), self.clock() + seconds)


def _seconds(value: float | timedelta) -> float:
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


class Sender:
    """Sends due outbox rows until stopped; ``wake()`` after enqueuing to send at once."""

    def __init__(
        self,
        store: Store,
        settings: Settings,
        bot: Bot,
        *,
        concurrency: int = 48,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.store = store
        self.settings = settings
        self.bot = bot
        self.pacer = Pacer(settings)
        self.concurrency = concurrency
        self.clock = clock
        self._wake = asyncio.Event()
        self._stopping = False
        self._inflight: set[asyncio.Task[None]] = set()
        self.sent = 0

    def wake(self) -> None:
        """New rows may be due: look now."""
        self._wake.set()

    async def run(self) -> None:
        """The send loop: claim due rows, send them paced, repeat; sleep until woken or due."""
        slots = asyncio.Semaphore(self.concurrency)
        while not self._stopping:
            self._wake.clear()
            batch = self.store.claim_outbox(self.clock(), limit=self.concurrency * 4)
            for message in batch:
                await slots.acquire()
                if self._stopping:
                    slots.release()
                    self.store.finish_outbox(
                        message.id, "pending", self.clock(), outcome="released"
                    )
                    continue
                task = asyncio.create_task(self._send(message))
                self._inflight.add(task)
                task.add_done_callback(self._done(slots))
            if batch:
                continue
            due = self.store.next_outbox_due()
            timeout = 30.0 if due is None else max(0.05, (due - self.clock()).total_seconds())
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), min(timeout, 30.0))

    def _done(self, slots: asyncio.Semaphore) -> Callable[[asyncio.Task[None]], None]:
        def done(task: asyncio.Task[None]) -> None:
            self._inflight.discard(task)
            slots.release()

        return done

    async def stop(self, grace: float = 10.0) -> None:
        """Stop claiming; let in-flight sends finish (up to ``grace`` seconds)."""
        self._stopping = True
        self._wake.set()
        if self._inflight:
            await asyncio.wait(set(self._inflight), timeout=grace)

    async def _send(self, message: OutboxMessage) -> None:
        await self.pacer.acquire(message.chat_id)
        try:
            sent = await self.bot.send_message(
                message.chat_id,
                message.text,
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=not message.preview),
            )
        except RetryAfter as exc:
            wait = _seconds(exc.retry_after)
            self.pacer.hold(message.chat_id, wait)
            self._retry(message, wait, "retry_after", str(exc), count=False)
        except Forbidden as exc:
            # blocked, kicked, or the user deactivated: stop until they come back with /start
            now = self.clock()
            self.store.update_chat(message.chat_id, now, active=False)
            self.store.finish_outbox(
                message.id, "pending", now, error=str(exc), outcome="forbidden"
            )
            log.info("chat %d is unreachable (%s); marked inactive", message.chat_id, exc)
        except ChatMigrated as exc:
            now = self.clock()
            self.store.move_chat(message.chat_id, exc.new_chat_id, now)
            self.store.reassign_outbox(message.chat_id, exc.new_chat_id)
            self.store.finish_outbox(
                message.id, "pending", now, error=str(exc), outcome="migrated"
            )
            log.info(
                "chat %d migrated to %d; its messages follow", message.chat_id, exc.new_chat_id
            )
            self.wake()
        except BadRequest as exc:
            self.store.finish_outbox(
                message.id, "failed", self.clock(), error=str(exc), outcome="bad_request"
            )
            log.warning("message %d to chat %d refused: %s", message.id, message.chat_id, exc)
        except (TimedOut, NetworkError) as exc:
            self._retry(message, self._backoff(message), "network", str(exc))
        except TelegramError as exc:
            self._retry(message, self._backoff(message), "failed", str(exc))
        else:
            self.store.finish_outbox(
                message.id, "sent", self.clock(), telegram_message_id=sent.message_id
            )
            self.sent += 1

    def _backoff(self, message: OutboxMessage) -> float:
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
            self.store.finish_outbox(message.id, "failed", now, error=error, outcome=outcome)
            log.warning(
                "message %d to chat %d failed %d times; giving up: %s",
                message.id,
                message.chat_id,
                message.attempts,
                error,
            )
            return
        self.store.finish_outbox(
            message.id,
            "pending",
            now,
            error=error,
            outcome=outcome,
            not_before=now + timedelta(seconds=seconds),
            attempts_back=not count,
        )
        self.wake()
