"""The worker thread (bot/worker.py): heavy jobs run on their own loop and SQLite connection, the
bot's loop keeps running meanwhile, results and cancellation cross between the two."""

from __future__ import annotations

import asyncio
import threading
import time
from datetime import UTC, datetime

import pytest

from bot.model import Chat
from bot.store import Store
from bot.worker import Worker


async def test_a_job_runs_on_its_own_thread_and_connection(store: Store) -> None:
    worker = Worker(store)
    worker.start()
    try:
        here = threading.get_ident()

        def write(own: Store) -> tuple[int, bool]:
            own.ensure_chat(Chat(id=77), datetime.now(UTC))
            return threading.get_ident(), own is store

        thread, same = await worker.call(write)
        assert thread != here
        assert not same
        assert store.chat(77) is not None  # committed there, visible here
    finally:
        await worker.stop()
    assert not worker.running


async def test_the_bot_loop_keeps_running_while_a_job_computes(store: Store) -> None:
    worker = Worker(store)
    worker.start()
    try:
        gaps: list[float] = []

        async def ticks(until: asyncio.Event) -> None:
            last = time.monotonic()
            while not until.is_set():
                await asyncio.sleep(0.01)
                now = time.monotonic()
                gaps.append(now - last)
                last = now

        def compute(_: Store) -> int:
            deadline = time.monotonic() + 1.0
            n = 0
            while time.monotonic() < deadline:  # a second of pure-Python work
                n += sum(i * i for i in range(500))
            return n

        done = asyncio.Event()
        ticking = asyncio.create_task(ticks(done))
        assert await worker.call(compute) > 0
        done.set()
        await ticking
        assert len(gaps) > 20  # the loop ran throughout, not once at the end
        assert max(gaps) < 0.5
    finally:
        await worker.stop()


async def test_cancelling_the_wait_cancels_the_job(store: Store) -> None:
    worker = Worker(store)
    worker.start()
    started, cancelled = threading.Event(), threading.Event()

    async def long_job(_: Store) -> None:
        started.set()
        try:
            await asyncio.sleep(30)
        except asyncio.CancelledError:
            cancelled.set()
            raise

    try:
        task = asyncio.create_task(worker.run(long_job))
        await asyncio.to_thread(started.wait, 10)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        assert await asyncio.to_thread(cancelled.wait, 10)
    finally:
        await worker.stop()


async def test_an_error_in_a_job_reaches_the_caller(store: Store) -> None:
    worker = Worker(store)
    worker.start()
    try:

        def broken(_: Store) -> None:
            raise ValueError("bad entry")

        with pytest.raises(ValueError, match="bad entry"):
            await worker.call(broken)
    finally:
        await worker.stop()


async def test_an_in_memory_store_runs_jobs_inline() -> None:
    memory = Store()
    try:
        worker = Worker(memory)
        worker.start()
        assert not worker.running
        used = await worker.call(lambda own: (own is memory, threading.get_ident()))
        assert used == (True, threading.get_ident())
    finally:
        memory.close()
