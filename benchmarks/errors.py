"""The errors that remain, per corpus folder and summed, by the stage that caused them.

    python benchmarks/errors.py [--corpus DIR ...] [--heldout] [--verbose]

Each gold row the scorer misses, each mention it finds no gold for, each wrong speaker, issue tag
and grouping pair is put in one bucket (``bot/app/stage_errors.py``); the counts come from the
scorer's own matching (``bot/app/scoring.py``), so they add up to what ``benchmarks/quality.py``
and ``talkwatch eval`` report. A second table splits the issue tags by issue. ``--heldout`` adds
the held-out folders, counts only (their texts are never printed), summed apart from the tune
folders. ``--verbose`` prints examples of each bucket for the tune folders.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

EXAMPLES = 5  # examples printed per bucket and folder with --verbose


def main() -> None:
    """Print the tables."""
    from bot.app.pipeline import Pipeline
    from bot.app.scoring import corpus_folders
    from bot.app.stage_errors import STAGES, Tally, stage_errors
    from bot.config import load_config

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpus", action="append", type=Path, help="a corpus folder (repeatable)"
    )
    parser.add_argument("--heldout", action="store_true", help="include the held-out folders")
    parser.add_argument("--verbose", action="store_true", help="examples (tune folders only)")
    args = parser.parse_args()
    base = ROOT / "tests" / "data" / "corpus"
    folders = args.corpus or corpus_folders(base, args.heldout)
    config = load_config(ROOT / "config", {})
    pipe = Pipeline(config)
    now = datetime.now(UTC)
    tallies: dict[str, Tally] = {}
    for folder in folders:
        tally = stage_errors(config, pipe, folder / "gold.jsonl", folder / "articles", now)
        tallies[folder.name] = tally
        if args.verbose and not folder.name.startswith("heldout"):
            for (stage, cause), lines in sorted(tally.examples.items()):
                print(f"## {folder.name} {stage}: {cause} ({len(lines)})")
                for line in lines[:EXAMPLES]:
                    print(f"   {line}")
    # held-out and tune folders are summed apart: one is scored, the other tuned on
    sums: dict[str, Tally] = {}
    for name, tally in tallies.items():
        group = "all held-out" if name.startswith("heldout") else "all"
        sums.setdefault(group, Tally()).update(tally)
    names = [*tallies, *sums]
    every = [*tallies.values(), *sums.values()]
    print("| stage | cause | " + " | ".join(names) + " |")
    print("|---|---|" + "---:|" * len(names))
    for key in ("gold", "mentions", "missed", "extra", "speaker", "split pairs",
                "wrong merges"):  # fmt: skip
        cells = " | ".join(str(t.totals[key]) for t in every)
        print(f"| (figures) | {key} | {cells} |")
    for stage, causes in STAGES:
        for cause in causes:
            cells = " | ".join(str(t.counts[stage, cause]) for t in every)
            print(f"| {stage} | {cause} | {cells} |")
    for group, total in sums.items():
        issues = sorted({issue for _, issue, _ in total.issues})
        for stage, causes in STAGES:
            if not stage.startswith("issue"):
                continue
            print(f"\n| {stage} ({group}) | " + " | ".join(causes) + " | total |")
            print("|---|" + "---:|" * (len(causes) + 1))
            for issue in issues:
                row = [total.issues[stage, issue, cause] for cause in causes]
                if any(row):
                    print(f"| {issue} | " + " | ".join(map(str, row)) + f" | {sum(row)} |")


if __name__ == "__main__":
    main()
