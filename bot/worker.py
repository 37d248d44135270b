"""The worker thread: the process's heavy jobs (feed polls with their page text and feed parsing,
extraction, grouping, alert and digest decisions, the seeds) run on a second event loop in a
thread of their own, with their own SQLite connection, so the bot's loop stays free to answer
commands and pace the outbox while 2,000 articles are ingested.

Why a thread with its own loop rather than ``asyncio.to_thread`` per call: a feed poll is itself
async (httpx) with CPU-bound steps between awaits, and sqlite3 connections belong to the thread
that opened them. Both loops share the database file through WAL: readers never wait, and the
worker commits one article (or one chat's digest) at a time, so a write on the bot's loop waits
at most for one short transaction. A store without a file (``Store()``, tests) has no second
connection to open: its jobs run inline on the caller's loop, as before.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Awaitable, Callable
from typing import TypeVar

from bot.store import Store

log = logging.getLogger(__name__)

T = TypeVar("T")


class Worker:
    """One thread, one event loop, one Store over the same database file as ``store``."""

    def __init__(self, store: Store) -> None:
        self.main_store = store
        self.store: Store | None = None  # the worker's own connection, opened in its thread
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        """The thread is up (False before start, after stop, and for a store without a file)."""
        return self._loop is not None

    def start(self) -> None:
        """Start the thread and open its connection (blocks until both are ready)."""
        if self._thread is not None or self.main_store.path is None:
            return
        ready = threading.Event()
        failure: list[BaseException] = []

        def run() -> None:
            loop = asyncio.new_event_loop()
            asyncio.set_event_loop(loop)
            try:
                assert self.main_store.path is not None
                self.store = Store(self.main_store.path)
            except BaseException as exc:  # reported to start()'s caller
                failure.append(exc)
                ready.set()
                loop.close()
                return
            self._loop = loop
            ready.set()
            try:
                loop.run_forever()
            finally:
                # a job cancelled from the bot's loop may still be unwinding: let it finish
                # before its connection closes
                left = asyncio.all_tasks(loop)
                for task in left:
                    task.cancel()
                if left:
                    loop.run_until_complete(asyncio.gather(*left, return_exceptions=True))
                loop.run_until_complete(loop.shutdown_asyncgens())
                self.store.close()
                loop.close()

        self._thread = threading.Thread(target=run, name="talkwatch-worker", daemon=True)
        self._thread.start()
        ready.wait()
        if failure:
            self._thread = None
            raise failure[0]

    async def run(self, job: Callable[[Store], Awaitable[T]]) -> T:
        """Run ``job(store)`` on the worker's loop with the worker's store and wait for it
        without blocking this loop; cancelling the wait cancels the job."""
        loop, store = self._loop, self.store
        if loop is None or store is None:
            return await job(self.main_store)
        future = asyncio.run_coroutine_threadsafe(_call(job, store), loop)
        return await asyncio.wrap_future(future)

    async def call(self, job: Callable[[Store], T]) -> T:
        """Run a plain function ``job(store)`` on the worker (a batch of SQLite work)."""

        async def wrapped(store: Store) -> T:
            return job(store)

        return await self.run(wrapped)

    async def stop(self) -> None:
        """Stop the loop once its jobs are done or cancelled, close the connection, join."""
        loop, thread = self._loop, self._thread
        if loop is None or thread is None:
            return
        self._loop = None
        loop.call_soon_threadsafe(loop.stop)
        await asyncio.to_thread(thread.join)
        self._thread = None


async def _call(job: Callable[[Store], Awaitable[T]], store: Store) -> T:
    return await job(store)
