"""Crash tests: the real process (`python -m bot run`) killed with SIGKILL at several points and
restarted; every chat must get its digest exactly once, and a feed poll must lose and duplicate
nothing. The fake Bot API server and the feed server run in this test process."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.app.ingest import ingest_seeds
from bot.config import Settings, load_config
from bot.model import Chat
from bot.store import Store
from tests.conftest import BOT_TOKEN, CONFIG_DIR, ROOT, SEEDS, wait_until
from tests.fakebot import FakeBotAPI
from tests.feedserver import FeedServer, Route, rss
from tests.procconfig import process_config

CHATS = 200
FIRST_CHAT = 10_000
IN_FLIGHT = Settings().send_in_flight  # the sender's bound on requests on their way at once


def _config_dir(tmp: Path, feeds: str = "feeds = []\n") -> Path:
    return process_config(
        tmp,
        feeds=feeds,
        settings="global_rate_per_second = 300.0\n"
        "private_rate_per_second = 50.0\n"
        "jitter_seconds = 0\n"
        "alert_batch_seconds = 0\n"  # alerts decided at once: the tests stop the process soon
        "retry_base_seconds = 0.1\n",
    )


_RUNNING: list[subprocess.Popen[bytes]] = []


@pytest.fixture(autouse=True)
def _no_orphans() -> Iterator[None]:
    """A failing test must not leave a talkwatch process behind."""
    yield
    while _RUNNING:
        proc = _RUNNING.pop()
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)


class Bot:
    """The talkwatch process under test."""

    def __init__(self, tmp: Path, config_dir: Path, api_url: str = "") -> None:
        self.env = {
            **os.environ,
            "TALKWATCH_DB": str(tmp / "talkwatch.db"),
            "TALKWATCH_CONFIG": str(config_dir),
            "TELEGRAM_API_URL": api_url,
            "TELEGRAM_BOT_TOKEN": BOT_TOKEN if api_url else "",
        }
        self.log = tmp / "bot.log"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "bot", "run"],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=log,
            )
        _RUNNING.append(self.proc)

    def kill(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)

    def stop(self) -> int:
        assert self.proc is not None
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            return self.proc.wait(30)
        return self.proc.returncode


def _prepare(db: Path) -> None:
    """200 subscribed chats whose digest is due now, and something new for them."""
    config = load_config(CONFIG_DIR, {})
    store = Store(db)
    now = datetime.now(UTC)
    ingest_seeds(store, config, SEEDS, now - timedelta(hours=1))
    with store.transaction():
        store.mark_announced(store.unannounced(limit=10_000), now)
        for n in range(CHATS):
            chat_id = FIRST_CHAT + n
            store.ensure_chat(Chat(id=chat_id), now)
            store.subscribe(chat_id, "actor", "peskov", now)
            store.update_chat(
                chat_id,
                now,
                last_digest_at=now - timedelta(days=1),
                next_digest_at=now - timedelta(minutes=1),
            )
    store.close()


def _count(db: Path, sql: str) -> int:
    store = Store(db)
    try:
        return int(store.db.execute(sql).fetchone()[0])
    finally:
        store.close()


@pytest.fixture
def api() -> Iterator[FakeBotAPI]:
    fake = FakeBotAPI(limits=False).start_in_thread()
    yield fake
    fake.release()
    fake.stop_thread()


def _digests(fake: FakeBotAPI) -> Counter[int]:
    return Counter(s.chat_id for s in list(fake.sent) if "talkwatch digest" in s.text)


def _finish(bot: Bot, fake: FakeBotAPI, db: Path) -> Counter[int]:
    fake.accept_limit = fake.hang_after = fake.swallow_after = None
    fake.release()
    bot.start()
    wait_until(
        lambda: (
            len(_digests(fake)) == CHATS
            and _count(db, "select count(*) from outbox where status != 'sent'") == 0
        ),
        120,
        "every digest to be delivered after the restart",
    )
    assert bot.stop() == 0, bot.log.read_text()
    return _digests(fake)


@pytest.mark.parametrize("point", ["while-deciding", "after-deciding", "mid-sending"])
def test_digest_reaches_every_chat_exactly_once_across_a_kill(
    tmp_path: Path, api: FakeBotAPI, point: str
) -> None:
    db = tmp_path / "talkwatch.db"
    _prepare(db)
    bot = Bot(tmp_path, _config_dir(tmp_path), api.url)
    if point == "while-deciding":
        # killed as soon as the first digests are decided, most likely before the last
        api.hold_sends = True
        bot.start()
        wait_until(lambda: _count(db, "select count(*) from outbox") > 0, 60, "a first digest")
    elif point == "after-deciding":
        api.hold_sends = True  # Telegram accepts nothing yet
        bot.start()
        wait_until(
            lambda: _count(db, "select count(*) from outbox") == CHATS,
            60,
            "all digests to be decided",
        )
    else:
        api.accept_limit = 60  # then hold every further send
        bot.start()
        wait_until(
            lambda: _count(db, "select count(*) from outbox where status = 'sent'") == 60,
            60,
            "60 digests to be sent and marked",
        )
    bot.kill()
    before = _digests(api)
    assert sum(before.values()) == (60 if point == "mid-sending" else 0)
    received = _finish(bot, api, db)
    assert sorted(received) == list(range(FIRST_CHAT, FIRST_CHAT + CHATS))
    assert set(received.values()) == {1}, [c for c, n in received.items() if n > 1]


def test_sigterm_while_sending_records_every_answer_and_sends_the_rest_after_restart(
    tmp_path: Path, api: FakeBotAPI
) -> None:
    """A clean stop waits for answers already on their way: no ambiguity, no duplicate."""
    db = tmp_path / "talkwatch.db"
    _prepare(db)
    bot = Bot(tmp_path, _config_dir(tmp_path), api.url)
    api.delay = 0.5  # slow answers: several requests are always on their way
    bot.start()
    wait_until(lambda: len(api.sent) >= 30, 60, "30 digests to be accepted")
    assert bot.stop() == 0, bot.log.read_text()
    accepted = len(api.sent)
    assert accepted < CHATS
    assert _count(db, "select count(*) from outbox where status = 'sending'") == 0
    assert _count(db, "select count(*) from outbox where status = 'sent'") == accepted
    api.delay = 0.0
    received = _finish(bot, api, db)
    assert sorted(received) == list(range(FIRST_CHAT, FIRST_CHAT + CHATS))
    assert set(received.values()) == {1}


def _duplicates(received: Counter[int]) -> int:
    return sum(n - 1 for n in received.values())


def test_kill_after_telegram_accepted_but_before_marking_is_the_one_window(
    tmp_path: Path, api: FakeBotAPI
) -> None:
    """The documented window (bot/adapters/delivery.py): Telegram accepted a message but the
    process died before recording it. Nothing is lost; what is sent again is bounded by what was
    in flight: the unanswered message, and any answered ones whose 'sent' mark had not
    committed yet when the kill came."""
    db = tmp_path / "talkwatch.db"
    _prepare(db)
    bot = Bot(tmp_path, _config_dir(tmp_path), api.url)
    api.hang_after = 30
    bot.start()
    wait_until(lambda: len(api.sent) == 31, 60, "the 31st message to be accepted")
    bot.kill()
    received = _finish(bot, api, db)
    assert sorted(received) == list(range(FIRST_CHAT, FIRST_CHAT + CHATS))
    assert 1 <= _duplicates(received) <= IN_FLIGHT
    assert max(received.values()) == 2


def test_the_duplicate_bound_is_the_in_flight_count_and_is_reached(
    tmp_path: Path, api: FakeBotAPI
) -> None:
    """The worst case: every request on its way was accepted and none answered. Exactly the
    in-flight count is sent twice, never more (the sender claims no new row while all its
    slots wait for Telegram), and nothing is lost."""
    db = tmp_path / "talkwatch.db"
    _prepare(db)
    bot = Bot(tmp_path, _config_dir(tmp_path), api.url)
    api.swallow_after = 30
    bot.start()
    wait_until(lambda: len(api.sent) == 30 + IN_FLIGHT, 60, "every slot to hold a swallowed send")
    assert _count(db, "select count(*) from outbox where status = 'sent'") == 30
    bot.kill()
    received = _finish(bot, api, db)
    assert sorted(received) == list(range(FIRST_CHAT, FIRST_CHAT + CHATS))
    assert _duplicates(received) == IN_FLIGHT
    assert set(received.values()) == {1, 2}


ENTRIES = 30


SPEAKERS = [a.name for a in load_config(CONFIG_DIR, {}).actors if a.kind == "person"]


def _feed_text(n: int) -> str:
    speaker = SPEAKERS[n % len(SPEAKERS)]
    return (
        f"<p>Round {n} of the talks.</p><p>“We will present our proposal on the territory of"
        f" the Donbas to the other side this week,” {speaker} told reporters.</p>"
    )


def _ingest_once(db: Path, url: str) -> None:
    import asyncio
    from dataclasses import replace

    from bot.adapters.fetch import ingest_feeds
    from bot.config import Feed

    config = load_config(CONFIG_DIR, {})
    config = replace(config, feeds=(Feed(name="Slow", url=url, interval_minutes=1),))
    store = Store(db)
    asyncio.run(ingest_feeds(store, config, datetime.now(UTC)))
    store.close()


def _count_text(db: Path, sql: str) -> str:
    store = Store(db)
    try:
        return str(store.db.execute(sql).fetchone()[0])
    finally:
        store.close()


def test_kill_during_a_feed_poll_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    server = FeedServer().start()
    try:
        items = [
            {"title": f"Round {n}", "link": server.url(f"/a/{n}"), "description": "teaser"}
            for n in range(ENTRIES)
        ]
        for n in range(ENTRIES):
            # summary-only entries: each needs its page, served slowly, so the poll takes a while
            server.routes[f"/a/{n}"] = Route(
                f"<html><body><article>{_feed_text(n)}</article></body></html>".encode(),
                content_type="text/html",
                delay=0.15,
            )
        server.routes["/feed"] = Route(rss(items), etag='"v1"')
        feeds = f'[[feeds]]\nname = "Slow"\nurl = "{server.url("/feed")}"\ninterval_minutes = 1\n'
        bot = Bot(tmp_path, _config_dir(tmp_path, feeds))
        db = tmp_path / "talkwatch.db"
        bot.start()
        wait_until(
            lambda: db.exists() and _count(db, "select count(*) from articles") >= 8,
            60,
            "part of the feed to be ingested",
        )
        bot.kill()
        partial = _count(db, "select count(*) from articles")
        assert partial < ENTRIES
        bot.start()
        wait_until(
            lambda: _count(db, "select count(*) from articles") == ENTRIES,
            90,
            "the rest of the feed after the restart",
        )
        wait_until(
            lambda: (
                _count(db, "select count(*) from feeds where last_success_at is not null") == 1
            ),
            30,
            "the poll to finish",
        )
        assert bot.stop() == 0, bot.log.read_text()
        assert _count(db, "select count(distinct url) from articles") == ENTRIES
        # the same as one uninterrupted ingest of the same feed
        reference = tmp_path / "reference.db"
        _ingest_once(reference, server.url("/feed"))
        for table in ("statements", "developments", "development_issues"):
            expected = _count(reference, f"select count(*) from {table}")
            assert expected >= ENTRIES
            assert _count(db, f"select count(*) from {table}") == expected, table
        texts = "select group_concat(text, '|') from (select text from developments order by text)"
        assert _count_text(db, texts) == _count_text(reference, texts)
        assert (
            _count(
                db,
                "select count(*) from (select article_id, position, count(*) n from "
                "statements group by 1, 2 having n > 1)",
            )
            == 0
        )
        # every development's alerts were decided (in no-token mode: printed)
        assert _count(db, "select count(*) from developments where announced_at is null") == 0
    finally:
        server.stop()
