"""Responsiveness benchmark: command reply latency while the bot ingests 2,000 articles.

The real process (`python -m bot run`, with a token) talks to a fake Bot API server (in this
process, enforcing Telegram's limits) and polls one feed on a local feed server
(tests/feedserver.py). The feed answers only after ``--quiet-seconds``: meanwhile commands are
measured with nothing to ingest; then it delivers ``--entries`` new entries (half with their full
text in the feed, half summary-only, so their pages are fetched and run through trafilatura),
and commands are measured from that answer until every article is stored. A command (/help or
/latest, from 20 chats in turn) is sent every 100 ms; its latency is the time from the update
being available to the first message of the reply reaching the fake server.

    python benchmarks/responsiveness.py [--entries 2000] [--quiet-seconds 12]

Targets during the ingest: p95 <= 250 ms, max <= 1 s.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.config import load_config  # noqa: E402
from bot.store import Store  # noqa: E402
from tests.fakebot import FakeBotAPI  # noqa: E402
from tests.feedserver import FeedServer, Route, rss  # noqa: E402
from tests.procconfig import process_config  # noqa: E402

TOKEN = "123456:benchmark-token-for-the-fake-server"
CHATS = list(range(70_001, 70_021))
EVERY = 0.1  # seconds between commands
COMMANDS = ("/help", "/latest")


def config_dir(tmp: Path, feed_url: str) -> Path:
    """The shipped actors/issues/lexicon, one local feed, no seeds."""
    return process_config(
        tmp,
        feeds=f'[[feeds]]\nname = "Bench Wire"\nurl = "{feed_url}"\ninterval_minutes = 60\n',
        settings="jitter_seconds = 0\nfetch_timeout_seconds = 60.0\nmax_body_bytes = 50000000\n",
    )


def article(n: int, speakers: list[str]) -> str:
    """A short article with one quote and one reported statement, different for every n."""
    speaker = speakers[n % len(speakers)]
    other = speakers[(n * 7 + 3) % len(speakers)]
    return (
        f"<p>Round {n} of the talks opened in Geneva on day {n % 29 + 1}.</p>"
        f"<p>“We will present proposal number {n} on the territory of the Donbas and on the "
        f"ceasefire line to the other side this week,” {speaker} told reporters.</p>"
        f"<p>{other} said the delegation would study point {n % 17 + 1} of the plan before "
        f"the next meeting on security guarantees.</p>"
    )


def serve_feed(server: FeedServer, entries: int, quiet: float) -> None:
    """The feed (answered after ``quiet`` seconds) and the pages of its summary-only half."""
    speakers = [a.name for a in load_config(ROOT / "config", {}).actors if a.kind == "person"]
    items = []
    for n in range(entries):
        link = server.url(f"/a/{n}")
        text = article(n, speakers)
        if n % 2:
            server.routes[f"/a/{n}"] = Route(
                f"<html><head><title>Round {n}</title></head><body><article>{text}"
                "</article></body></html>".encode(),
                content_type="text/html",
            )
            items.append({"title": f"Round {n}", "link": link, "description": "teaser"})
        else:
            items.append({"title": f"Round {n}", "link": link, "description": "", "content": text})
    server.routes["/feed"] = Route(rss(items), delay=quiet)


def articles_stored(db: Path) -> int:
    """Articles in the process's database (read-only, from this process)."""
    if not db.exists():
        return 0
    try:
        store = Store(db)
    except sqlite3.OperationalError:  # not created yet, or being migrated
        return 0
    try:
        return store.article_count()
    finally:
        store.close()


async def measure(fake: FakeBotAPI, until: float | None, done: object = None) -> list[float]:
    """Send a command every 100 ms until the deadline (or ``done()`` is true); the latency of
    each reply, in ms."""
    latencies: list[float] = []
    waiting: dict[int, tuple[float, int]] = {}  # chat -> (sent at, replies before)
    n = 0
    next_at = time.monotonic()
    checked, finished = 0.0, False
    while True:
        now = time.monotonic()
        if until is not None:
            finished = now >= until
        elif callable(done) and now - checked > 0.25:  # a database read: not every tick
            checked, finished = now, bool(done())
        if finished and not waiting:
            return latencies
        for chat, (at, before) in list(waiting.items()):
            if len(fake.sent_to(chat)) > before:
                latencies.append((now - at) * 1000)
                del waiting[chat]
            elif now - at > 30:
                raise SystemExit(f"no reply to chat {chat} within 30 s")
        if not finished and now >= next_at:
            chat = CHATS[n % len(CHATS)]
            if chat not in waiting:
                waiting[chat] = (time.monotonic(), len(fake.sent_to(chat)))
                fake.command(chat, COMMANDS[n % len(COMMANDS)])
            n += 1
            next_at += EVERY
        await asyncio.sleep(0.002)


def row(label: str, values: list[float]) -> str:
    """One line of the table."""
    if not values:
        return f"{label:<26} {0:>8d}"
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return (
        f"{label:<26} {len(values):>8d} {statistics.median(values):>9.0f} {p95:>9.0f}"
        f" {max(values):>9.0f}"
    )


async def main(entries: int, quiet: float) -> None:
    """Run the process against the two servers and print the table."""
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        db = tmp / "talkwatch.db"
        feeds = FeedServer().start()
        serve_feed(feeds, entries, quiet)
        fake = await FakeBotAPI(limits=True).start()
        env = {
            **os.environ,
            "TALKWATCH_DB": str(db),
            "TALKWATCH_CONFIG": str(config_dir(tmp, feeds.url("/feed"))),
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_URL": fake.url,
        }
        log = (tmp / "bot.log").open("wb")
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", cwd=ROOT, env=env, stdout=log, stderr=log
        )
        try:
            while not any(m == "getUpdates" for m, _ in list(fake.calls)):
                if proc.returncode is not None:
                    raise SystemExit("the process stopped; see its log")
                await asyncio.sleep(0.05)
            # the feed's answer is held for `quiet` s from the poll's request: measure before
            # it, then from the moment it is answered (parsing the feed is part of the ingest)
            while not any(r.path == "/feed" for r in list(feeds.requests)):  # noqa: ASYNC110
                await asyncio.sleep(0.01)
            answered = time.monotonic() + quiet
            calm = await measure(fake, until=answered - 1.0)
            while time.monotonic() < answered:  # noqa: ASYNC110 - a fixed moment
                await asyncio.sleep(0.01)
            ingest_start = time.monotonic()
            busy = await measure(fake, until=None, done=lambda: articles_stored(db) >= entries)
            ingest_seconds = time.monotonic() - ingest_start
            stored = articles_stored(db)
        finally:
            proc.send_signal(signal.SIGTERM)
            await asyncio.wait_for(proc.wait(), 60)
            await fake.stop()
            feeds.stop()
            log.close()
        print(
            f"command replies (every {EVERY * 1000:.0f} ms, {len(CHATS)} chats, /help and "
            f"/latest) against the fake Bot API with limits on"
        )
        print(f"ingest: {stored} of {entries} articles stored in {ingest_seconds:.1f} s")
        print()
        print(f"{'':<26} {'replies':>8} {'p50 ms':>9} {'p95 ms':>9} {'max ms':>9}")
        print(row("no ingest running", calm))
        print(row("during the ingest", busy))
        print(f"{'target during the ingest':<26} {'':>8} {'':>9} {'<= 250':>9} {'<= 1000':>9}")
        print(f"429 answers: {fake.too_many}; exit code after SIGTERM: {proc.returncode}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=2000)
    parser.add_argument("--quiet-seconds", type=float, default=12.0)
    args = parser.parse_args()
    asyncio.run(main(args.entries, args.quiet_seconds))
