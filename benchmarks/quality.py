"""Statement-engine quality on every labelled corpus in tests/data/corpus/, one table.

    python benchmarks/quality.py [--corpus DIR ...] [--heldout]

Each corpus folder holds `articles/` and `gold.jsonl`; each is ingested into a fresh in-memory
store and scored with the team scorer's definitions (`bot/app/scoring.py`: the same figures as
`talkwatch eval --gold ... --articles ...` and `shared/eval/score.py`). The held-out folders
(`heldout*`) are left out unless `--heldout` is given: they are scored, never read, and a table
that shows them at every run invites tuning on them.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

COLUMNS = ("recall", "precision", "attribution", "attributed recall", "issue F1", "grouping F1")


def main() -> None:
    """Print the per-corpus table."""
    from bot.app.scoring import corpus_folders, evaluate_corpus
    from bot.config import load_config

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
    print("| corpus | statements | " + " | ".join(COLUMNS) + " |")
    print("|---" * (len(COLUMNS) + 2) + "|")
    for folder in folders:
        r = evaluate_corpus(config, folder / "gold.jsonl", folder / "articles", now)
        figures = (
            r.recall,
            r.precision,
            r.attribution,
            r.attributed_recall,
            r.issue_f1,
            r.group_f1,
        )
        cells = " | ".join(f"{x:.2f}" for x in figures)
        print(f"| {folder.name} | {r.gold} | {cells} |")


if __name__ == "__main__":
    main()
