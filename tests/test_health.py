"""`talkwatch status` as the Docker HEALTHCHECK runs it: a real process over a real database file,
exiting 0 when healthy and non-zero, saying why, when feeds, the outbox or the sender are not."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.app import health
from bot.model import Chat
from bot.store import Store
from tests.conftest import BOT_TOKEN, ROOT, wait_until
from tests.fakebot import FakeBotAPI
from tests.procconfig import process_config

INTERVAL = 10  # minutes: the one feed's poll interval


@pytest.fixture
def setup(tmp_path: Path) -> Path:
    """A config folder with one (loopback, never polled here) feed and no seeds."""
    process_config(
        tmp_path,
        feeds=f'[[feeds]]\nname = "Wire"\nurl = "http://127.0.0.1:9/feed"\n'
        f"interval_minutes = {INTERVAL}\n",
        settings="outbox_max_age_minutes = 30\njitter_seconds = 0\n",
    )
    return tmp_path


def _db(tmp: Path) -> Path:
    return tmp / "talkwatch.db"


def _env(tmp: Path, api_url: str = "http://127.0.0.1:9") -> dict[str, str]:
    return {
        **os.environ,
        "TALKWATCH_DB": str(_db(tmp)),
        "TALKWATCH_CONFIG": str(tmp / "config"),
        "TELEGRAM_BOT_TOKEN": BOT_TOKEN,
        "TELEGRAM_API_URL": api_url,
    }


def _status(tmp: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "status"],
        cwd=ROOT,
        env=_env(tmp),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def _beat(tmp: Path, *, age: float = 1.0, sender: bool = True) -> None:
    now = datetime.now(UTC)
    health.write_heartbeat(
        health.heartbeat_path(_db(tmp)),
        health.Heartbeat(4242, now - timedelta(hours=2), now - timedelta(seconds=age), sender),
    )


def _feed_succeeded(tmp: Path, minutes_ago: float) -> None:
    store = Store(_db(tmp))
    at = datetime.now(UTC) - timedelta(minutes=minutes_ago)
    store.save_feed_state("Wire", url="http://127.0.0.1:9/feed", last_success_at=at)
    store.close()


def _owe(tmp: Path, minutes_ago: float, *, active: bool = True) -> None:
    store = Store(_db(tmp))
    at = datetime.now(UTC) - timedelta(minutes=minutes_ago)
    store.ensure_chat(Chat(id=31), at)
    if not active:
        store.update_chat(31, at, active=False)
    with store.transaction():
        store.enqueue_outbox(31, "alert", f"a{minutes_ago}", "news", at)
    store.close()


def _healthy(tmp: Path) -> None:
    _beat(tmp)
    _feed_succeeded(tmp, minutes_ago=INTERVAL)


def test_healthy_exits_zero(setup: Path) -> None:
    _healthy(setup)
    _owe(setup, minutes_ago=5)  # a fresh message in the queue is normal
    result = _status(setup)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "healthy" in result.stdout
    assert "unhealthy" not in result.stdout


def test_no_feed_success_for_three_intervals_fails(setup: Path) -> None:
    _beat(setup)
    _feed_succeeded(setup, minutes_ago=3 * INTERVAL + 1)
    result = _status(setup)
    assert result.returncode == 1
    assert "unhealthy: no feed has been polled successfully" in result.stdout
    # just inside three intervals it is still healthy
    _feed_succeeded(setup, minutes_ago=3 * INTERVAL - 1)
    assert _status(setup).returncode == 0


def test_a_feed_that_never_succeeded_fails_once_the_process_ran_three_intervals(
    setup: Path,
) -> None:
    _beat(setup)  # started two hours ago, and the feed never answered
    Store(_db(setup)).close()
    result = _status(setup)
    assert result.returncode == 1
    assert "none has ever succeeded" in result.stdout


def test_a_message_older_than_the_threshold_fails(setup: Path) -> None:
    _healthy(setup)
    _owe(setup, minutes_ago=31)
    result = _status(setup)
    assert result.returncode == 1
    assert "unhealthy: a message has waited in the outbox" in result.stdout
    assert "longer than 30 minutes" in result.stdout


def test_messages_held_for_a_chat_that_blocked_the_bot_do_not_fail(setup: Path) -> None:
    _healthy(setup)
    _owe(setup, minutes_ago=600, active=False)
    assert _status(setup).returncode == 0


def test_no_heartbeat_or_a_stale_one_fails(setup: Path) -> None:
    _feed_succeeded(setup, minutes_ago=1)
    result = _status(setup)
    assert result.returncode == 1
    assert "unhealthy: the bot is not running: no heartbeat" in result.stdout
    _beat(setup, age=health.HEARTBEAT_STALE_SECONDS + 5)
    result = _status(setup)
    assert result.returncode == 1
    assert "its last heartbeat was at" in result.stdout


def test_a_process_whose_sender_is_not_running_fails(setup: Path) -> None:
    _feed_succeeded(setup, minutes_ago=1)
    _beat(setup, sender=False)
    result = _status(setup)
    assert result.returncode == 1
    assert "unhealthy: the outbox sender is not running" in result.stdout


@pytest.fixture
def api() -> Iterator[FakeBotAPI]:
    fake = FakeBotAPI(limits=False).start_in_thread()
    yield fake
    fake.stop_thread()


def test_the_running_process_writes_the_heartbeat_and_removes_it_on_stop(
    setup: Path, api: FakeBotAPI
) -> None:
    _feed_succeeded(setup, minutes_ago=1)
    log = (setup / "bot.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "run"],
        cwd=ROOT,
        env=_env(setup, api.url),
        stdout=log,
        stderr=log,
    )
    try:
        beat_file = health.heartbeat_path(_db(setup))
        wait_until(
            lambda: (b := health.read_heartbeat(beat_file)) is not None and b.sender,
            60,
            "a heartbeat with the sender running",
        )
        beat = health.read_heartbeat(beat_file)
        assert beat is not None
        assert beat.pid == proc.pid
        _feed_succeeded(setup, minutes_ago=1)  # the loopback feed failed meanwhile: not the point
        result = _status(setup)
        assert result.returncode == 0, result.stdout
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(30) == 0
        assert not beat_file.exists()
        assert _status(setup).returncode == 1
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
        log.close()
