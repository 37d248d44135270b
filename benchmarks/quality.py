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
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

if TYPE_CHECKING:
    from bot.app.scoring import Report

COLUMNS = ("recall", "precision", "attribution", "attributed recall", "issue F1", "grouping F1")


def main() -> None:
    """Print the per-corpus table."""
    from bot.app.scoring import Report, corpus_folders, evaluate_corpus
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
    reports = {
        f.name: evaluate_corpus(config, f / "gold.jsonl", f / "articles", now) for f in folders
    }
    for name, r in reports.items():
        _row(name, r)
    # pooled rows: each half's folders as one corpus (every count summed, so each statement and
    # pair weighs the same, whichever folder it is in); the held-out half only when asked for
    for half in ("heldout", "tune"):
        part = [r for name, r in reports.items() if name.startswith(half)]
        if len(part) > 1:
            _row(f"all {half} ({len(part)} folders)", Report.pooled(part))


def _row(name: str, r: Report) -> None:
    """One line of the table."""
    figures = (
        r.recall,
        r.precision,
        r.attribution,
        r.attributed_recall,
        r.issue_f1,
        r.group_f1,
    )
    cells = " | ".join(f"{x:.2f}" for x in figures)
    print(f"| {name} | {r.gold} | {cells} |")


if __name__ == "__main__":
    main()
