"""Grouping + storage alone: the part of ingest after extraction (placing each statement in a
development, writing it down), on the corpus of benchmarks/ingest.py.

    python benchmarks/placing.py [--articles 2000] [--repeat 3] [--profile]

Each article's extraction is run once before the clock starts and replayed from a memo, so
the CPU time measured is ingest's own: cleaning, the storage key, signatures, candidates,
placing and the SQL. It runs in poll rounds of 50 articles as the ingest phase does, into a
fresh database file. Printed: articles per CPU-second of grouping + storage, its first and last
tenth (a gap means the cost grows with what is stored), and SQL statements per article (the
connection's trace callback). ``--profile`` prints cProfile's top entries of one run instead.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from ingest import NOW, ROUND, _load, corpus  # noqa: E402

from bot.app.ingest import Pipeline, ingest_articles  # noqa: E402
from bot.extract.clean import clean_text  # noqa: E402
from bot.store import Store  # noqa: E402


class _Replay:
    """An extractor that answers from a memo of the real one's results."""

    def __init__(self, results: dict[str, object]) -> None:
        self.results = results

    def extract(self, text: str) -> object:
        return self.results[text]


def run(n: int, profile: bool = False) -> dict:
    """One run over n articles: rates of grouping + storage and SQL statements per article."""
    config = _load()
    articles = corpus(config, n)
    pipe = Pipeline(config)
    real = pipe.extractor
    memo = {}
    for article in articles:
        text = clean_text(article.text)
        memo[text] = real.extract(text)
    pipe.__dict__["extractor"] = _Replay(memo)
    statements = [0]
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "bench.db")

        def trace(_sql: str) -> None:
            statements[0] += 1

        store.trace(trace)
        rounds: list[float] = []
        profiler = cProfile.Profile() if profile else None
        if profiler is not None:
            profiler.enable()
        cpu = time.process_time()
        for k in range(0, n, ROUND):
            chunk = articles[k : k + ROUND]
            ingest_articles(store, config, chunk, chunk[-1].published or NOW, pipeline=pipe)
            rounds.append(time.process_time())
        if profiler is not None:
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumtime").print_stats(60)
            pstats.Stats(profiler).sort_stats("tottime").print_stats(40)
        used = rounds[-1] - cpu
        tenth = max(1, len(rounds) // 10)
        result = {
            "articles": n,
            "rate": n / used,
            "ms_per_article": 1000 * used / n,
            "first_rate": tenth * ROUND / (rounds[tenth - 1] - cpu),
            "last_rate": tenth * ROUND / (rounds[-1] - rounds[-tenth - 1]),
            "sql_per_article": statements[0] / n,
            "developments": store.development_count(),
        }
        store.close()
    return result


def main() -> None:
    """Run `--repeat` child processes and print each run and the median."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child or args.profile:
        print(json.dumps(run(args.articles, args.profile)))
        return
    runs = []
    for _ in range(args.repeat):
        out = subprocess.run(
            [sys.executable, __file__, "--child", "--articles", str(args.articles)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        runs.append(json.loads(out.strip().splitlines()[-1]))
        print(json.dumps(runs[-1]))
    for key in ("rate", "ms_per_article", "first_rate", "last_rate", "sql_per_article"):
        print(f"{key}: median {statistics.median(r[key] for r in runs):.2f}")


if __name__ == "__main__":
    main()
