"""Issue-tag figures on the tune corpora, to three places and pooled over every folder.

    python benchmarks/issue_tags.py [--corpus DIR ...] [--heldout]

The per-folder issue F1 of ``benchmarks/quality.py`` moves in steps of .01 on ~200 statements;
a change to how issues are read in context fixes or breaks a handful of tags, which this table
shows as counts: tags right (tp), extra (fp) and missed (fn) for each folder and summed, from
the scorer's own matching (``bot/app/scoring.py``), so its F1 is the one ``quality.py`` rounds.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    """Print the table."""
    from bot.app.ingest import ingest_seeds
    from bot.app.scoring import (
        article_files,
        corpus_folders,
        development_record,
        issue_counts,
        match,
        read_gold,
    )
    from bot.config import load_config
    from bot.store import Store

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpus", action="append", type=Path, help="a corpus folder (repeatable)"
    )
    parser.add_argument("--heldout", action="store_true", help="include the held-out folders")
    args = parser.parse_args()
    base = ROOT / "tests" / "data" / "corpus"
    folders = args.corpus or corpus_folders(base, args.heldout)
    config = load_config(ROOT / "config", {})
    now = datetime.now(UTC)
    print("| corpus | tp | fp | fn | P | R | issue F1 |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    total = [0, 0, 0]
    for folder in folders:
        store = Store()
        try:
            ingest_seeds(store, config, folder / "articles", now)
            files = article_files(store)
            devs = [development_record(d, files) for d in store.developments()]
        finally:
            store.close()
        articles = (folder / "articles").glob("*.txt")
        texts = {p.name: p.read_text(encoding="utf-8") for p in articles}
        found = match(read_gold(folder / "gold.jsonl"), texts, devs)
        tp, fp, fn = issue_counts(((g, p.development) for g, p in found.matched()), devs)
        if not folder.name.startswith("heldout"):
            total = [total[0] + tp, total[1] + fp, total[2] + fn]
        print(_row(folder.name, tp, fp, fn))
    print(_row("all tune", *total))


def _row(name: str, tp: int, fp: int, fn: int) -> str:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return f"| {name} | {tp} | {fp} | {fn} | {p:.3f} | {r:.3f} | {f1:.3f} |"


if __name__ == "__main__":
    main()
