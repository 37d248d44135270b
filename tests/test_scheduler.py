"""Digests at each chat's local time (the database's due times and the CronTrigger jobs), the grace
period for missed digests, feed poll scheduling, and the process (bot/process.py) with and without
a token."""

from __future__ import annotations

import asyncio
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from bot import process as app
from bot.app import commands, notify
from bot.app.ingest import ingest_seeds
from bot.config import Config, Feed
from bot.model import Chat
from bot.scheduler import Schedule
from bot.store import Store
from tests.conftest import SEEDS
from tests.feedserver import Route, rss


def test_next_digest_follows_the_chat_local_time_across_dst() -> None:
    winter = datetime(2025, 12, 16, 5, 0, tzinfo=UTC)
    assert notify.next_digest_at("Europe/Kyiv", "08:00", winter) == winter.replace(hour=6)
    summer = datetime(2026, 7, 1, 6, 0, tzinfo=UTC)
    assert notify.next_digest_at("Europe/Kyiv", "08:00", summer) == datetime(
        2026, 7, 2, 5, 0, tzinfo=UTC
    )
    # the night Kyiv moves its clocks forward
    before = datetime(2026, 3, 28, 23, 0, tzinfo=UTC)
    assert notify.next_digest_at("Europe/Kyiv", "08:00", before) == datetime(
        2026, 3, 29, 5, 0, tzinfo=UTC
    )
    assert notify.next_digest_at("America/New_York", "21:30", winter) == datetime(
        2025, 12, 17, 2, 30, tzinfo=UTC
    )


def _chat(store: Store, chat_id: int, now: datetime, **fields) -> None:
    store.ensure_chat(
        Chat(
            id=chat_id,
            timezone=fields.pop("timezone", "UTC"),
            digest_time=fields.pop("digest_time", "08:00"),
        ),
        now,
    )
    if fields:
        store.update_chat(chat_id, now, **fields)


def test_settings_change_recomputes_the_next_digest(store: Store, config: Config) -> None:
    now = datetime(2025, 12, 16, 5, 0, tzinfo=UTC)
    env = commands.Env(store=store, config=config, now=now)
    caller = commands.Caller(chat_id=21)
    commands.dispatch(env, caller, "settings", "tz Europe/Kyiv")
    assert store.chat(21).next_digest_at == datetime(2025, 12, 16, 6, 0, tzinfo=UTC)
    commands.dispatch(env, caller, "settings", "time 07:30")
    assert store.chat(21).next_digest_at == datetime(2025, 12, 16, 5, 30, tzinfo=UTC)


def test_due_digest_is_owed_once_per_local_day(seeded_store: Store, config: Config) -> None:
    now = datetime(2025, 12, 16, 9, 5, tzinfo=UTC)
    _chat(
        seeded_store,
        22,
        now,
        next_digest_at=now - timedelta(minutes=5),
        last_digest_at=now - timedelta(days=1),
    )
    assert notify.run_due_digests(seeded_store, config, now) == 1
    assert notify.run_due_digests(seeded_store, config, now + timedelta(minutes=1)) == 0
    chat = seeded_store.chat(22)
    assert chat.next_digest_at == datetime(2025, 12, 17, 8, 0, tzinfo=UTC)
    # even if the schedule were reset, the outbox key (the local date) refuses a second one
    seeded_store.update_chat(22, now, next_digest_at=now, last_digest_at=now - timedelta(days=1))
    parts = seeded_store.outbox_counts()["pending"]
    assert notify.run_due_digests(seeded_store, config, now + timedelta(minutes=2)) == 0
    assert seeded_store.outbox_counts() == {"pending": parts}
    keys = [r[0] for r in seeded_store.db.execute("select dedupe_key from outbox")]
    assert all(k.startswith("digest:2025-12-16:") for k in keys)


def test_digest_missed_beyond_grace_is_skipped(seeded_store: Store, config: Config) -> None:
    now = datetime(2025, 12, 16, 20, 0, tzinfo=UTC)
    grace = config.settings.digest_grace_minutes
    _chat(seeded_store, 23, now, next_digest_at=now - timedelta(minutes=grace + 1))
    _chat(
        seeded_store,
        24,
        now,
        next_digest_at=now - timedelta(minutes=grace - 1),
        last_digest_at=now - timedelta(days=1),
    )
    assert notify.run_due_digests(seeded_store, config, now) == 1
    owed = seeded_store.db.execute("select distinct chat_id from outbox").fetchall()
    assert owed == [(24,)]
    assert seeded_store.chat(23).next_digest_at == datetime(2025, 12, 17, 8, 0, tzinfo=UTC)


def test_nothing_new_means_no_digest_unless_asked(store: Store, config: Config) -> None:
    now = datetime(2025, 12, 16, 8, 0, tzinfo=UTC)
    _chat(store, 25, now, next_digest_at=now)
    _chat(store, 26, now, next_digest_at=now, empty_digest=True)
    assert notify.run_due_digests(store, config, now) == 1
    text = store.db.execute("select chat_id, text from outbox").fetchall()
    assert text[0][0] == 26
    assert "Nothing new" in text[0][1]


def test_paused_and_inactive_chats_get_no_digest(seeded_store: Store, config: Config) -> None:
    now = datetime(2025, 12, 16, 9, 0, tzinfo=UTC)
    _chat(seeded_store, 27, now, next_digest_at=now, paused=True)
    _chat(seeded_store, 28, now, next_digest_at=now, active=False)
    assert notify.run_due_digests(seeded_store, config, now) == 0


async def test_feed_polls_are_scheduled_from_stored_state_with_jitter(
    store: Store,
    config: Config,
) -> None:
    now = datetime(2025, 12, 16, 9, 0, tzinfo=UTC)
    feed = Feed(name="Wire", url="http://127.0.0.1:9/rss", interval_minutes=10)
    cfg = replace(config, feeds=(feed,), settings=replace(config.settings, jitter_seconds=30))
    store.save_feed_state(
        "Wire",
        url=feed.url,
        consecutive_failures=2,
        next_poll_at=now + timedelta(minutes=40),
    )
    runtime = Schedule(cfg, store, clock=lambda: now)
    runtime.scheduler.start(paused=True)
    try:
        await runtime.sync_feeds()
        job = runtime.scheduler.get_job("feed:Wire")
        assert job is not None
        due = now + timedelta(minutes=40)
        assert due <= job.next_run_time <= due + timedelta(seconds=30)
        # an admin removed it: the job goes
        store.save_feed_state("Wire", removed=True, origin="config")
        await runtime.sync_feeds()
        assert runtime.scheduler.get_job("feed:Wire") is None
    finally:
        runtime.scheduler.shutdown(wait=False)
        await runtime._fetcher.aclose()


@pytest.mark.parametrize("failures", [0, 1, 3, 10])
def test_backoff_doubles_and_is_capped(config: Config, failures: int) -> None:
    from bot.app.poll import backoff_minutes as _backoff_minutes

    feed = Feed(name="x", url="http://127.0.0.1/", interval_minutes=10)
    minutes = _backoff_minutes(feed, failures, config.settings)
    assert minutes == min(10 * 2**failures, config.settings.max_backoff_minutes)


async def test_digest_jobs_fire_at_each_chat_local_time(store: Store, config: Config) -> None:
    now = datetime(2025, 12, 16, 5, 0, tzinfo=UTC)
    _chat(store, 31, now, timezone="Europe/Kyiv", digest_time="08:00")
    _chat(store, 32, now, timezone="Europe/Kyiv", digest_time="08:00")
    _chat(store, 33, now, timezone="America/New_York", digest_time="21:30")
    _chat(store, 34, now, timezone="Asia/Tokyo", digest_time="07:00", paused=True)
    schedule = Schedule(config, store, clock=lambda: now)
    schedule.scheduler.start(paused=True)
    try:
        assert schedule.sync_digests() == {
            "digest:Europe/Kyiv:08:00",
            "digest:America/New_York:21:30",
        }
        # each job's trigger agrees with the due time the database keeps, across DST
        for job_id, (zone, hhmm) in {
            "digest:Europe/Kyiv:08:00": ("Europe/Kyiv", "08:00"),
            "digest:America/New_York:21:30": ("America/New_York", "21:30"),
        }.items():
            trigger = schedule.scheduler.get_job(job_id).trigger
            for when in (now, datetime(2026, 7, 1, 12, 0, tzinfo=UTC)):
                fire = trigger.get_next_fire_time(None, when)
                assert fire == notify.next_digest_at(zone, hhmm, when)
    finally:
        schedule.scheduler.shutdown(wait=False)
        await schedule.stop()


async def test_settings_change_reschedules_the_digest_jobs(store: Store, config: Config) -> None:
    now = datetime(2025, 12, 16, 5, 0, tzinfo=UTC)
    schedule = Schedule(config, store, clock=lambda: now)
    schedule.scheduler.start(paused=True)
    try:
        env = commands.Env(
            store=store, config=config, now=now, on_chat_changed=schedule.reschedule_chat
        )
        caller = commands.Caller(chat_id=41)
        commands.dispatch(env, caller, "start", "")
        schedule.sync_digests()
        commands.dispatch(env, caller, "settings", "tz Asia/Tokyo")
        digest_jobs = {j.id for j in schedule.scheduler.get_jobs() if j.id.startswith("digest:")}
        assert digest_jobs == {f"digest:Asia/Tokyo:{config.settings.digest_time}"}
        commands.dispatch(env, caller, "settings", "time 06:45")
        digest_jobs = {j.id for j in schedule.scheduler.get_jobs() if j.id.startswith("digest:")}
        assert digest_jobs == {"digest:Asia/Tokyo:06:45"}
        # and whatever the change made due is looked at straight away
        assert schedule.scheduler.get_job("digest-now") is not None
    finally:
        await schedule.stop()


async def test_a_chat_without_a_due_time_gets_one(store: Store, config: Config) -> None:
    now = datetime(2025, 12, 16, 5, 0, tzinfo=UTC)
    store.ensure_chat(Chat(id=42, timezone="Europe/Kyiv", digest_time="09:00"), now)
    assert store.chat(42).next_digest_at is None
    schedule = Schedule(config, store, clock=lambda: now)
    schedule.sync_digests()
    assert store.chat(42).next_digest_at == datetime(2025, 12, 16, 7, 0, tzinfo=UTC)
    await schedule.stop()


# --- the process (bot/process.py), in this test's event loop -------------------------------------


async def _run_until(config: Config, store: Store, condition, within: float = 30.0) -> None:
    stop = asyncio.Event()
    task = asyncio.create_task(app.run(config, store, stop_event=stop))
    deadline = time.monotonic() + within
    try:
        while not condition():
            if task.done():
                task.result()
                raise AssertionError("the process stopped by itself")
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out after {within}s")
            await asyncio.sleep(0.05)
    finally:
        stop.set()
        await asyncio.wait_for(task, 30)


async def test_without_a_token_it_ingests_and_prints_new_developments(
    store: Store, config: Config, capsys: pytest.CaptureFixture[str]
) -> None:
    cfg = replace(config, feeds=(), settings=replace(config.settings, seeds_dir=str(SEEDS)))
    await _run_until(
        cfg,
        store,
        lambda: (
            store.development_count() > 0
            and store.db.execute(
                "select count(*) from developments where announced_at is null"
            ).fetchone()[0]
            == 0
        ),
    )
    printed = [line for line in capsys.readouterr().out.splitlines() if line.startswith("#")]
    assert len(printed) == store.development_count()
    assert store.outbox_counts() == {}


async def test_with_a_token_due_digests_reach_every_chat_once(
    store: Store, bot_config: Config, fake_api
) -> None:
    now = datetime.now(UTC)
    ingest_seeds(store, bot_config, SEEDS, now - timedelta(hours=1))
    chats = list(range(500, 510))
    for chat_id in chats:
        _chat(
            store,
            chat_id,
            now,
            next_digest_at=now - timedelta(minutes=1),
            last_digest_at=now - timedelta(days=1),
        )
    await _run_until(
        bot_config,
        store,
        lambda: len({s.chat_id for s in fake_api.sent if "digest" in s.text}) == len(chats),
    )
    digests = [s.chat_id for s in fake_api.sent if "talkwatch digest" in s.text]
    assert sorted(digests) == chats
    assert set(store.outbox_counts()) <= {"sent", "pending"}
    assert "sending" not in store.outbox_counts()


async def test_a_failing_feed_backs_off_and_returns_to_its_interval(
    store: Store, config: Config, feed_server
) -> None:
    now = datetime(2025, 12, 16, 9, 0, tzinfo=UTC)
    feed = Feed(name="Flaky", url=feed_server.url("/flaky"), interval_minutes=10)
    cfg = replace(config, feeds=(feed,), settings=replace(config.settings, jitter_seconds=0))
    schedule = Schedule(cfg, store, clock=lambda: now)
    schedule.scheduler.start(paused=True)
    try:
        feed_server.routes["/flaky"] = Route(b"oops", status=500)
        for failures in (1, 2):
            await schedule.poll_feed(feed)
            assert store.feed_state("Flaky").consecutive_failures == failures
            job = schedule.scheduler.get_job("feed:Flaky")
            assert job.trigger.run_date == now + timedelta(minutes=10 * 2**failures)
        feed_server.routes["/flaky"] = Route(rss([]))
        await schedule.poll_feed(feed)
        assert store.feed_state("Flaky").consecutive_failures == 0
        job = schedule.scheduler.get_job("feed:Flaky")
        assert job.trigger.run_date == now + timedelta(minutes=10)
    finally:
        await schedule.stop()
