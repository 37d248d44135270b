"""The one rate budget: every message the process sends - outbox alerts and digests (the Sender
in bot/adapters/delivery.py) and the bot's command replies (python-telegram-bot's requests,
through ``SharedLimiter``) - is paced by one ``Pacer`` under Telegram's limits: about 30
messages/s overall, 1/s per private chat, 20/min per group. Paced rather than discovered
(python-telegram-bot's AIORateLimiter has no per-private-chat limit, and it would keep a budget of
its own beside the outbox's); a 429 still holds the chat and is honoured.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from collections.abc import Callable, Coroutine
from datetime import timedelta
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

from bot.config import Settings

log = logging.getLogger(__name__)

JSONDict = dict[str, Any]  # what a Bot API call answers

SAFETY = 0.95  # pace a little under the published limits: the server counts arrivals, not sends
# overall: never more than this share of the limit in any one-second window (29 of 30). At 28 a
# broadcast cannot come within 5% of N/30 s (30/28 = 1.07); at 29, arrival jitter lets the fake
# count 30 now and then, which is still within the limit (benchmarks/broadcast.py: zero 429s)
GLOBAL_SHARE = 0.97
STALL_SECONDS = 0.05  # the loop did not run for this long: requests granted before may be late
REPLY_RETRIES = 3  # a reply Telegram answered with 429 is tried again this many times
# the Bot API methods that put a message in a chat: they count against Telegram's limits
MESSAGE_METHODS = ("send", "edit", "copy", "forward")


class Pacer:
    """Spaces sends so no limit is ever hit: a global rate, and a gap per chat (1 s in private
    chats, 3 s in groups: 20 a minute)."""

    def __init__(self, settings: Settings, clock: Callable[[], float] = time.monotonic) -> None:
        self.global_gap = 1.0 / (settings.global_rate_per_second * GLOBAL_SHARE)
        self.private_gap = 1.0 / (settings.private_rate_per_second * SAFETY)
        self.group_gap = 60.0 / (settings.group_rate_per_minute * SAFETY)
        self.clock = clock
        self.window_limit = max(1, int(settings.global_rate_per_second * GLOBAL_SHARE))
        self._next_global = 0.0
        self._next_chat: dict[int, float] = {}
        self._recent: deque[float] = deque()  # slots given in the last second
        self._alive: float | None = None  # the sender's heartbeat: when the loop last ran

    def alive(self) -> None:
        """The event loop is running (the sender's heartbeat calls this every few ms)."""
        self._alive = self.clock()

    def _check_stall(self, now: float) -> None:
        """A long synchronous job blocked the loop (a big digest run, an ingest): requests granted
        just before it may reach Telegram only now, together with the next ones. Count them as
        sent now, so the limits hold at arrival, not only at grant."""
        since = self._alive
        if since is None or now - since <= STALL_SECONDS:
            return
        self._recent = deque(now if t > since - 1.0 else t for t in self._recent)
        for chat_id, ready in self._next_chat.items():
            if ready > since:
                self._next_chat[chat_id] = now + self.gap(chat_id)
        self._alive = now

    def gap(self, chat_id: int) -> float:
        """The least time between two messages to this chat (negative ids are groups)."""
        return self.private_gap if chat_id > 0 else self.group_gap

    def idle(self) -> None:
        """No sends are under way and the heartbeat sleeps: a gap since the last beat is not a
        stall (a reply sent now must not mistake the quiet for one)."""
        self._alive = None

    async def acquire(self, chat_id: int, *, urgent: bool = False) -> None:
        """Wait for this chat's turn, and then for a global slot. ``urgent`` (a reply to a
        command) does not queue behind the slots handed out to the outbox, only behind the
        one-second window every message counts in."""
        while True:
            now = self.clock()
            self._check_stall(now)
            ready = self._next_chat.get(chat_id, 0.0)
            if ready > now:
                await asyncio.sleep(ready - now)
                continue
            slot = now if urgent else max(now, self._next_global)
            if not urgent:
                self._next_global = slot + self.global_gap
            self._next_chat[chat_id] = slot + self.gap(chat_id)
            if len(self._next_chat) > 50_000:  # forget chats whose gap has passed
                self._next_chat = {c: t for c, t in self._next_chat.items() if t > now}
            if slot > now:
                await asyncio.sleep(slot - now)
            await self._window()
            # the window may have held it: the chat's gap counts from when it really leaves
            left = self.clock()
            self._next_chat[chat_id] = max(
                self._next_chat.get(chat_id, 0.0), left + self.gap(chat_id)
            )
            return

    async def _window(self) -> None:
        """Never more than ``window_limit`` sends in any second, counted at the moment of
        sending: after a stall (a slow commit), tasks that overslept must not leave as a burst."""
        while True:
            now = self.clock()
            self._check_stall(now)
            while self._recent and self._recent[0] <= now - 1.0:
                self._recent.popleft()
            if len(self._recent) < self.window_limit:
                self._recent.append(now)
                return
            await asyncio.sleep(self._recent[0] + 1.0 - now)

    def hold(self, chat_id: int, seconds: float) -> None:
        """Telegram said wait (429): nothing more to this chat for that long, and nothing to
        anyone for up to a second (the answer does not say which limit was hit; the global one
        is counted per second)."""
        now = self.clock()
        self._next_chat[chat_id] = max(self._next_chat.get(chat_id, 0.0), now + seconds)
        self._next_global = max(self._next_global, now + min(seconds, 1.0))


class SharedLimiter(BaseRateLimiter[None]):
    """python-telegram-bot's rate limiter for the bot's own requests (command replies, edited
    menus), drawing on the same ``Pacer`` as the outbox: one budget for every message the
    process sends. Replies are urgent: they wait for the window, not behind queued alerts."""

    def __init__(self, pacer: Pacer) -> None:
        self.pacer = pacer

    async def initialize(self) -> None:
        """Nothing to set up: the pacer lives as long as the process."""

    async def shutdown(self) -> None:
        """Nothing to release."""

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | JSONDict | list[JSONDict]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: None,
    ) -> bool | JSONDict | list[JSONDict]:
        """Wait for the chat's turn if the request puts a message in a chat, then send it;
        a 429 holds the chat (and everyone for up to a second) and is tried again."""
        chat = data.get("chat_id")
        paced = endpoint.startswith(MESSAGE_METHODS) and chat is not None
        chat_id = int(str(chat)) if paced and str(chat).lstrip("-").isdigit() else -1
        for attempt in range(REPLY_RETRIES + 1):
            if paced:
                await self.pacer.acquire(chat_id, urgent=True)
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as exc:
                if attempt == REPLY_RETRIES:
                    raise
                wait = seconds(exc.retry_after)
                self.pacer.hold(chat_id, wait)
                log.warning("Telegram asked to wait %.1f s before %s", wait, endpoint)
                await asyncio.sleep(wait)
        raise AssertionError("unreachable")


def seconds(value: float | timedelta) -> float:
    """A retry_after as seconds (python-telegram-bot gives a timedelta or a number)."""
    return value.total_seconds() if isinstance(value, timedelta) else float(value)
