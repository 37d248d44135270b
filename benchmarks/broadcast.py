"""Broadcast benchmark: one alert to N subscribed chats through the real process.

The talkwatch process (`python -m bot run`, with a token) sends to a fake Bot API server on
127.0.0.1 that enforces Telegram's limits (30 messages/s overall, 1/s per private chat) with 429 +
retry_after. Prints the delivery time against the ideal N/30 s, the 429s, duplicates and losses,
and the process's memory sampled every second while it sends.

    python benchmarks/broadcast.py [--chats 10000] [--digest] [--in-flight N] [--latency 0.25]
    python benchmarks/broadcast.py --sweep 4,8,16,32,48 [--chats 1500]

With ``--digest`` every chat's daily digest also falls due about a minute into the run (an 08:00
rush on top of a breaking alert): 2N messages, and the digest decisions run on the same event
loop as the sends.

The fake answers each send after ``--latency`` seconds (a round trip to Telegram's servers;
0.25 s by default), so the number of sends on their way at once (``send_in_flight``, which also
bounds the duplicates after a kill -9: see bot/adapters/delivery.py) limits throughput to about
in_flight / latency. ``--sweep`` runs one broadcast per in-flight count and prints how each
trades against the ideal, then the smallest within 5% of N/30 s.

Targets: within 5% of the ideal, zero 429s, zero duplicates, zero losses, flat memory.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import signal
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.app import notify  # noqa: E402
from bot.app.ingest import ingest_articles  # noqa: E402
from bot.config import load_config  # noqa: E402
from bot.model import Article, Chat  # noqa: E402
from bot.store import Store  # noqa: E402
from tests.fakebot import FakeBotAPI  # noqa: E402
from tests.procconfig import process_config  # noqa: E402

TOKEN = "123456:benchmark-token-for-the-fake-server"
RATE = 30.0


def prepare(db: Path, chats: int, digest_at: datetime | None) -> None:
    """N chats following NATO, and one new NATO development: N alerts owed. Their digests fall
    due at ``digest_at`` (None: not during the run)."""
    config = load_config(ROOT / "config", {})
    store = Store(db)
    now = datetime.now(UTC)
    due = digest_at or now + timedelta(days=1)
    with store.transaction():
        for n in range(chats):
            chat_id = 1_000_000 + n
            store.ensure_chat(Chat(id=chat_id, digest_time=due.strftime("%H:%M")), now)
            store.subscribe(chat_id, "issue", "nato", now)
            store.update_chat(
                chat_id, now, next_digest_at=due, last_digest_at=now - timedelta(days=1)
            )
    article = Article(
        url="https://bench.example/nato",
        title="NATO",
        source="Bench Wire",
        text="“Ukraine will not give up its path to NATO without guarantees,” Zelensky said.",
    )
    ingest_articles(store, config, [article], now)
    owed = notify.announce(store, config, now, batch=timedelta(0))
    assert owed == chats, owed
    store.close()


def config_dir(tmp: Path, in_flight: int | None) -> Path:
    return process_config(tmp, settings=f"send_in_flight = {in_flight}\n" if in_flight else "")


def rss_mb(pid: int) -> float:
    """Resident memory of a process, MB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


async def main(
    chats: int,
    with_digest: bool,
    in_flight: int | None = None,
    latency: float = 0.25,
    quiet: bool = False,
) -> dict[str, float]:
    """Prepare, run the process against the fake, print the table (unless ``quiet``) and
    return the main figures."""
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        db = tmp / "talkwatch.db"
        digest_at = None
        if with_digest:
            soon = datetime.now(UTC) + timedelta(seconds=90)
            digest_at = soon.replace(second=0, microsecond=0)
        prepare(db, chats, digest_at)
        kinds = 2 if with_digest else 1
        expected = chats * kinds
        fake = await FakeBotAPI(limits=True, delay=latency).start()
        env = {
            **os.environ,
            "TALKWATCH_DB": str(db),
            "TALKWATCH_CONFIG": str(config_dir(tmp, in_flight)),
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_URL": fake.url,
        }
        log = (tmp / "bot.log").open("wb")
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", cwd=ROOT, env=env, stdout=log, stderr=log
        )
        memory: list[float] = []
        started = time.monotonic()
        deadline = started + expected / RATE * 3 + 60
        while (
            len(fake.sent) < expected and time.monotonic() < deadline and proc.returncode is None
        ):
            memory.append(rss_mb(proc.pid))
            await asyncio.sleep(1.0)
        proc.send_signal(signal.SIGTERM)
        await asyncio.wait_for(proc.wait(), 60)
        await fake.stop()
        log.close()
        store = Store(db)
        outbox = store.outbox_counts()
        store.close()
        counts = Counter((s.chat_id, _kind(s.text)) for s in fake.sent)
        times = fake_times(fake)
        span = times[-1] - times[0] if len(times) > 1 else float("nan")
        # with --digest the sender may sit idle until the digest minute: not delivery time
        idle = sum(b - a for a, b in itertools.pairwise(times) if b - a > 1.0)
        span -= idle
        ideal = expected / RATE
        figures = {
            "span": span,
            "ideal": ideal,
            "ratio": span / ideal,
            "rate": (len(times) - 1) / span if span else 0.0,
            "too_many": float(fake.too_many),
            "busiest": float(busiest_second(times)),
            "duplicates": float(sum(n - 1 for n in counts.values() if n > 1)),
            "losses": float(expected - len(counts)),
            "max_in_flight": float(fake.max_in_flight),
            "rss_peak": max(memory) if memory else 0.0,
        }
        if quiet:
            return figures
        print(
            f"chats: {chats}, messages: {expected}"
            f"{' (alert + digest each)' if with_digest else ''}"
            f"   (fake Bot API enforcing {RATE:.0f}/s overall, 1/s per chat;"
            f" {latency * 1000:.0f} ms per answer; in flight: {in_flight or 'default'})"
        )
        print()
        print(f"{'measure':<40} {'value':>12} {'target':>14}")
        print(f"{'delivery time, first to last (s)':<40} {span:>12.1f} {'':>14}")
        if idle:
            print(f"{'  (idle gaps > 1 s left out, s)':<40} {idle:>12.1f} {'':>14}")
        print(f"{'ideal N/30 (s)':<40} {ideal:>12.1f} {'':>14}")
        print(f"{'ratio to ideal':<40} {span / ideal:>12.3f} {'<= 1.05':>14}")
        print(f"{'messages/s':<40} {(len(times) - 1) / span if span else 0:>12.2f} {'':>14}")
        print(f"{'429 answers':<40} {fake.too_many:>12d} {'0':>14}")
        print(f"{'  of which for the overall limit':<40} {fake.too_many_global:>12d}")
        busiest = busiest_second(times)
        print(f"{'most accepted in any 1 s window':<40} {busiest:>12d} {'<= 30':>14}")
        print(f"{'duplicates':<40} {sum(n - 1 for n in counts.values() if n > 1):>12d} {'0':>14}")
        print(f"{'losses':<40} {expected - len(counts):>12d} {'0':>14}")
        print(f"{'outbox rows marked sent':<40} {outbox.get('sent', 0):>12d} {expected:>14d}")
        print(f"{'exit code after SIGTERM':<40} {proc.returncode:>12d} {'0':>14}")
        if len(memory) >= 8:
            # the first quarter includes start-up (imports); compare the second and the last
            quarter = len(memory) // 4
            second = memory[quarter : 2 * quarter]
            last = memory[-quarter:]
            print(
                f"{'RSS 2nd quarter of the run, mean (MB)':<40} {sum(second) / len(second):>12.1f}"
            )
            print(
                f"{'RSS last quarter of the run, mean (MB)':<40} {sum(last) / len(last):>12.1f}"
                f" {'~ 2nd quarter':>14}"
            )
            print(f"{'RSS peak (MB)':<40} {max(memory):>12.1f}")
        return figures


async def sweep(chats: int, counts: list[int], latency: float) -> None:
    """One broadcast per in-flight count; the table, and the smallest count within 5%."""
    ideal = chats / RATE
    print(
        f"in-flight sweep: {chats} chats, ideal {ideal:.1f} s, {latency * 1000:.0f} ms per answer"
    )
    print()
    header = (
        f"{'in flight':>9} {'time (s)':>9} {'ratio':>7} {'msg/s':>7} {'429s':>5}"
        f" {'max 1 s':>8} {'dups':>5} {'lost':>5} {'seen':>5} {'RSS MB':>7}"
    )
    print(header)
    chosen = None
    for count in counts:
        f = await main(chats, False, count, latency, quiet=True)
        print(
            f"{count:>9d} {f['span']:>9.1f} {f['ratio']:>7.3f} {f['rate']:>7.2f}"
            f" {f['too_many']:>5.0f} {f['busiest']:>8.0f} {f['duplicates']:>5.0f}"
            f" {f['losses']:>5.0f} {f['max_in_flight']:>5.0f} {f['rss_peak']:>7.1f}",
            flush=True,
        )
        ok = f["ratio"] <= 1.05 and not f["too_many"] and not f["losses"]
        if ok and chosen is None:
            chosen = count
    print()
    print(
        f"smallest in-flight count within 5% of N/30 s: {chosen}"
        if chosen
        else "no count kept delivery within 5% of N/30 s"
    )


def busiest_second(times: list[float]) -> int:
    """The most acceptances within any one-second window (times sorted)."""
    best, start = 0, 0
    for end, t in enumerate(times):
        while t - times[start] >= 1.0:
            start += 1
        best = max(best, end - start + 1)
    return best


def _kind(text: str) -> str:
    return "digest" if "talkwatch digest" in text else "alert"


def fake_times(fake: FakeBotAPI) -> list[float]:
    """Arrival times of accepted messages, recorded by the fake."""
    return sorted(fake.accepted_at)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chats", type=int, default=10_000)
    parser.add_argument("--digest", action="store_true", help="digests fall due mid-run too")
    parser.add_argument("--in-flight", type=int, help="send_in_flight (default: the setting's)")
    parser.add_argument("--latency", type=float, default=0.25, help="seconds per answer")
    parser.add_argument("--sweep", help="comma-separated in-flight counts, e.g. 4,8,16,32,48")
    args = parser.parse_args()
    if args.sweep:
        values = [int(v) for v in args.sweep.split(",")]
        asyncio.run(sweep(args.chats, values, args.latency))
    else:
        asyncio.run(main(args.chats, args.digest, args.in_flight, args.latency))
