"""The outbox sender against the fake Bot API server enforcing Telegram's limits and errors."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from telegram import Bot

from bot import commands
from bot.config import Config
from bot.delivery import Sender
from bot.model import Chat
from bot.store import Store
from tests.conftest import BOT_TOKEN
from tests.fakebot import FakeBotAPI


@pytest.fixture
async def limited_api():
    """The fake server enforcing Telegram's limits (429 + retry_after)."""
    fake = await FakeBotAPI(limits=True).start()
    yield fake
    await fake.stop()


@pytest.fixture
def fast(config: Config) -> Config:
    return replace(config, settings=replace(config.settings, retry_base_seconds=0.05))


async def _sender(store: Store, config: Config, fake: FakeBotAPI) -> Sender:
    bot = Bot(BOT_TOKEN, base_url=f"{fake.url}/bot")
    await bot.initialize()
    return Sender(store, config.settings, bot)


def _chats(store: Store, ids: list[int]) -> None:
    now = datetime.now(UTC)
    for chat_id in ids:
        store.ensure_chat(Chat(id=chat_id, type="private" if chat_id > 0 else "group"), now)


def _owe(store: Store, chat_id: int, key: str, text: str = "<b>Hello</b> &amp; welcome") -> int:
    with store.transaction():
        row = store.enqueue_outbox(chat_id, "alert", key, text, datetime.now(UTC))
    assert row is not None
    return row


async def _deliver(sender: Sender, fake: FakeBotAPI, until, timeout: float = 30.0) -> None:
    import asyncio

    task = asyncio.create_task(sender.run())
    try:
        await fake.wait_for(until, timeout)
    finally:
        await sender.stop()
        task.cancel()
        await sender.bot.shutdown()


def _statuses(store: Store) -> dict[str, int]:
    return store.outbox_counts()


async def test_every_message_is_delivered_once_within_limits(
    store: Store, fast: Config, limited_api: FakeBotAPI
) -> None:
    chats = list(range(1, 41)) + [-100, -101]
    _chats(store, chats)
    for chat_id in chats:
        for n in range(2):
            _owe(store, chat_id, f"k{n}")
    sender = await _sender(store, fast, limited_api)
    await _deliver(sender, limited_api, lambda: len(limited_api.sent) == 2 * len(chats))
    assert limited_api.too_many == 0
    per_chat = {c: [s.text for s in limited_api.sent_to(c)] for c in chats}
    assert all(len(v) == 2 for v in per_chat.values())
    assert _statuses(store) == {"sent": 2 * len(chats)}
    assert all(s.disable_preview for s in limited_api.sent)


async def test_429_is_honoured_and_nothing_is_dropped(
    store: Store, fast: Config, limited_api: FakeBotAPI
) -> None:
    # pace faster than the server allows, so it answers 429 with retry_after
    eager = replace(fast, settings=replace(fast.settings, private_rate_per_second=20.0))
    _chats(store, [7])
    for n in range(3):
        _owe(store, 7, f"k{n}", f"message {n}")
    sender = await _sender(store, eager, limited_api)
    await _deliver(sender, limited_api, lambda: len(limited_api.sent_to(7)) == 3)
    assert limited_api.too_many >= 1
    assert sorted(s.text for s in limited_api.sent_to(7)) == [
        "message 0",
        "message 1",
        "message 2",
    ]
    assert store.delivery_counts(datetime(2000, 1, 1, tzinfo=UTC)).get("retry_after", 0) >= 1
    assert _statuses(store) == {"sent": 3}


async def test_blocked_chat_is_marked_inactive_and_resumes_after_start(
    store: Store, fast: Config, fake_api: FakeBotAPI
) -> None:
    _chats(store, [8, 9])
    _owe(store, 8, "a", "for the blocked chat")
    _owe(store, 9, "a", "for the other chat")
    fake_api.blocked.add(8)
    sender = await _sender(store, fast, fake_api)
    await _deliver(
        sender,
        fake_api,
        lambda: (
            len(fake_api.sent_to(9)) == 1
            and store.chat(8) is not None
            and not store.chat(8).active
        ),
    )
    assert fake_api.sent_to(8) == []
    assert _statuses(store) == {"sent": 1, "pending": 1}
    # the user unblocks and sends /start: the chat is active again and gets what it was owed
    fake_api.blocked.discard(8)
    env = commands.Env(store=store, config=fast, now=datetime.now(UTC))
    commands.dispatch(env, commands.Caller(chat_id=8), "start", "")
    assert store.chat(8).active
    sender = await _sender(store, fast, fake_api)
    await _deliver(sender, fake_api, lambda: len(fake_api.sent_to(8)) == 1)
    assert [s.text for s in fake_api.sent_to(8)] == ["for the blocked chat"]


async def test_migrated_group_moves_subscriptions_and_resends(
    store: Store, fast: Config, fake_api: FakeBotAPI
) -> None:
    _chats(store, [-300])
    store.subscribe(-300, "issue", "nato", datetime.now(UTC))
    _owe(store, -300, "a", "to the group")
    fake_api.migrated[-300] = -100300
    sender = await _sender(store, fast, fake_api)
    await _deliver(sender, fake_api, lambda: len(fake_api.sent_to(-100300)) == 1)
    assert [s.text for s in fake_api.sent_to(-100300)] == ["to the group"]
    assert [(s.kind, s.target) for s in store.subscriptions(-100300)] == [("issue", "nato")]
    assert store.subscriptions(-300) == []
    assert not store.chat(-300).active
    assert store.chat(-100300).active


async def test_other_bad_request_fails_the_row_without_retrying(
    store: Store, fast: Config, fake_api: FakeBotAPI
) -> None:
    _chats(store, [11, 12])
    _owe(store, 11, "a")
    _owe(store, 12, "a")
    fake_api.missing.add(11)
    sender = await _sender(store, fast, fake_api)
    await _deliver(sender, fake_api, lambda: _statuses(store) == {"failed": 1, "sent": 1})
    attempts = [c for c in fake_api.calls if c[0] == "sendMessage" and c[1]["chat_id"] == "11"]
    assert len(attempts) == 1
    row = store.db.execute("select error from outbox where chat_id = 11").fetchone()
    assert "chat not found" in row[0].lower()


async def test_server_errors_are_retried_with_backoff(
    store: Store, fast: Config, fake_api: FakeBotAPI
) -> None:
    _chats(store, [13])
    _owe(store, 13, "a", "eventually")
    fake_api.fail_next = 3
    sender = await _sender(store, fast, fake_api)
    await _deliver(sender, fake_api, lambda: len(fake_api.sent_to(13)) == 1)
    assert [s.text for s in fake_api.sent_to(13)] == ["eventually"]
    assert store.db.execute("select attempts from outbox").fetchone()[0] == 4
    assert store.delivery_counts(datetime(2000, 1, 1, tzinfo=UTC))["network"] == 3


async def test_gives_up_after_max_attempts(
    store: Store, fast: Config, fake_api: FakeBotAPI
) -> None:
    few = replace(fast, settings=replace(fast.settings, max_send_attempts=2))
    _chats(store, [14])
    _owe(store, 14, "a")
    fake_api.fail_next = 10
    sender = await _sender(store, few, fake_api)
    await _deliver(sender, fake_api, lambda: _statuses(store) == {"failed": 1})
    assert fake_api.sent_to(14) == []


async def test_the_same_message_is_never_owed_twice(store: Store) -> None:
    _chats(store, [15])
    now = datetime.now(UTC)
    with store.transaction():
        first = store.enqueue_outbox(15, "digest", "digest:2025-12-16:0", "x", now)
        again = store.enqueue_outbox(15, "digest", "digest:2025-12-16:0", "x", now)
    assert first is not None
    assert again is None
