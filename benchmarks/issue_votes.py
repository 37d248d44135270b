"""How a development's shown issues score against the gold, under other voting rules.

    python benchmarks/issue_votes.py [--corpus DIR ...] [--cache FILE] [--tags]

The scorer compares a gold row's issues with those of the development its mention belongs to;
those come from a vote over the development's mentions (``bot.store.tally.shown_issues``).
Grouping reads each mention's own issues, never the shown ones, so one ingest per tune folder
gives every development's mentions (their issues, in the order stored, and which the first
named) and the gold rows matched to them; each rule below is then scored on the same rows,
pooled over the folders: tags right (tp), extra (fp), missed (fn) and F1, plus per issue.
"""

from __future__ import annotations

import argparse
import pickle
import sys
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# one development as the rules see it: its mention count, per issue [mentions naming it,
# whether the first did], each mention's issues in the order stored
Dev = dict[str, Any]
Rule = Callable[[Dev], set[str]]


def collect(folders: list[Path]) -> list[tuple[str, list[Dev], list[tuple[set[str], int, int]]]]:
    """Per folder: its developments and its matched gold rows (issues, development index)."""
    from bot.app.ingest import ingest_seeds
    from bot.app.scoring import article_files, development_record, match, read_gold
    from bot.config import load_config
    from bot.model import Statement
    from bot.store import Store
    from bot.store.tally import first_holds

    config = load_config(ROOT / "config", {})
    now = datetime.now(UTC)
    out = []
    for folder in folders:
        store = Store()
        try:
            ingest_seeds(store, config, folder / "articles", now)
            files = article_files(store)
            found = store.developments()
            records = [development_record(d, files) for d in found]
            by_dev: dict[int | None, list[Statement]] = {}
            for st in store.statements():  # in the order stored: a development's first first
                by_dev.setdefault(st.development_id, []).append(st)
            devs: list[Dev] = []
            for d in found:
                own = by_dev.get(d.id, [])
                first = own[0] if own else None
                holds = first is not None and first_holds(first.kind, first.issues)
                counts: dict[str, list[int]] = {}
                for st in own:
                    for i in st.issues:
                        counts.setdefault(i, [0, int(holds and st is first)])[0] += 1
                order = [st.id for st in own]
                devs.append(
                    {
                        "n": len(own),
                        "counts": counts,
                        "mentions": [st.issues for st in own],
                        "kinds": [st.kind for st in own],
                        "texts": [st.text for st in own],
                        "articles": [st.article_id for st in own],
                        "shown": set(d.issues),
                        "at": [order.index(m.statement_id) for m in d.mentions],
                    }
                )
        finally:
            store.close()
        texts = {
            p.name: p.read_text(encoding="utf-8") for p in (folder / "articles").glob("*.txt")
        }
        matched = match(read_gold(folder / "gold.jsonl"), texts, records).matched()
        # gold issues, the development, which of its mentions (in the order stored)
        rows = [
            (set(g["issues"]) - {"other"}, p.development, devs[p.development]["at"][p.mention])
            for g, p in matched
        ]
        out.append((folder.name, devs, rows))
    return out


def _current(d: Dev) -> set[str]:
    return {i for i, (n, f) in d["counts"].items() if f or n >= 0.5 * d["n"]}


def _any_first(d: Dev) -> set[str]:
    # every first mention keeps its issues, whatever its kind (before tally.first_holds)
    first = set(d["mentions"][0]) if d["mentions"] else set()
    return {i for i, (n, _) in d["counts"].items() if n and (i in first or n >= 0.5 * d["n"])}


def _share(share: float, first: bool = True, strict: bool = False) -> Rule:
    def rule(d: Dev) -> set[str]:
        cut = share * d["n"]
        return {
            i
            for i, (n, f) in d["counts"].items()
            if (first and f) or (n > cut if strict else n >= cut)
        }

    return rule


RULES: dict[str, Rule] = {
    "as stored": lambda d: d["shown"] - {"other"},
    "first (if it holds) or half": _current,
    "any first or half": _any_first,
    "union": lambda d: {i for i, (n, _) in d["counts"].items() if n > 0},
    "first only": lambda d: {i for i, (_, f) in d["counts"].items() if f},
    "half": _share(0.5, first=False),
    "first or a third": _share(1 / 3),
    "first or >half": _share(0.5, strict=True),
}


def score(data: list, rule: Rule, per_tag: Counter | None = None) -> tuple[int, int, int]:
    """Pooled tp, fp, fn of a rule (per issue into ``per_tag`` when given)."""
    tp = fp = fn = 0
    for _, devs, rows in data:
        shown = [rule(d) - {"other"} for d in devs]
        for gold, dev, _ in rows:
            s = shown[dev]
            tp, fp, fn = tp + len(gold & s), fp + len(s - gold), fn + len(gold - s)
            if per_tag is not None:
                for i in gold & s:
                    per_tag[i, "tp"] += 1
                for i in s - gold:
                    per_tag[i, "fp"] += 1
                for i in gold - s:
                    per_tag[i, "fn"] += 1
    return tp, fp, fn


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def main() -> None:
    """Print the table."""
    from bot.app.scoring import corpus_folders

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", action="append", type=Path, help="a corpus folder")
    parser.add_argument("--cache", type=Path, help="keep the ingested rows in this file")
    parser.add_argument("--tags", action="store_true", help="per-issue counts of each rule")
    args = parser.parse_args()
    if args.cache and args.cache.exists():
        data = pickle.loads(args.cache.read_bytes())
    else:
        folders = args.corpus or corpus_folders(ROOT / "tests" / "data" / "corpus", False)
        data = collect(folders)
        if args.cache:
            args.cache.write_bytes(pickle.dumps(data))
    print("| rule | tp | fp | fn | F1 |")
    print("|---|---:|---:|---:|---:|")
    for name, rule in RULES.items():
        tags: Counter = Counter()
        tp, fp, fn = score(data, rule, tags)
        print(f"| {name} | {tp} | {fp} | {fn} | {_f1(tp, fp, fn):.4f} |")
        if args.tags:
            for issue in sorted({i for i, _ in tags}):
                c = [tags[issue, k] for k in ("tp", "fp", "fn")]
                print(f"|   {issue} | {c[0]} | {c[1]} | {c[2]} | {_f1(*c):.3f} |")


if __name__ == "__main__":
    main()
