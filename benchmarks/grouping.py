"""Grouping on the tune corpora: the pairs behind each folder's grouping F1, and the days grouping
gave each statement against the day its gold cluster names.

    python benchmarks/grouping.py [--corpus DIR ...] [--days] [--verbose]

The pair counts (together, split, wrongly merged) are the scorer's own (``bot/app/scoring.py``),
printed to three places and summed over the folders, so that a change of a few pairs shows.
``--days``: a cluster id ends with the MMDD of its utterance (LABELLING.md); for each gold row
matched, the days its statement was stored with (stated by the text, or guessed: the report's
likely days, when.report_days) are compared with that day, and the misses counted by kind
(guessed before the day, after it, stated wrong). ``--verbose`` prints the guessed misses. The
held-out folders are never read here.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _f1(tp: int, fn: int, fp: int) -> float:
    return 2 * tp / (2 * tp + fn + fp) if tp else 0.0


def _gold_day(cluster: str, published: date) -> date | None:
    tail = cluster.rsplit("-", 1)[-1]
    if len(tail) != 4 or not tail.isdigit():
        return None
    try:
        day = date(published.year, int(tail[:2]), int(tail[2:]))
    except ValueError:
        return None
    if day > published.replace(month=12, day=31) or (day - published).days > 180:
        day = day.replace(year=day.year - 1)
    return day


def _statement_rows(store: Any) -> list[tuple[str, str, str, str]]:
    """Each stored statement as (article URL, its published time, text, stored signature), read
    through the store's own queries."""
    from bot.store import Store

    assert isinstance(store, Store)
    articles = {a.id: a for a in store.articles()}
    statements = store.statements()
    signatures: dict[int, str] = {}
    # a development's statements are read by its actor, which may be another than theirs
    for actor in {s.actor_id for s in statements} | {d.actor_id for d in store.developments()}:
        every = store.candidate_mentions(actor, datetime.min.replace(tzinfo=UTC), len(statements))
        signatures.update((sid, sig) for sid, _, _, sig, _ in every)
    rows = []
    for st in statements:
        article = articles[st.article_id] if st.article_id is not None else None
        if article is None or article.published is None or st.id is None:
            continue
        rows.append(
            (article.url, article.published.isoformat(), st.text, signatures.get(st.id, ""))
        )
    return rows


def main() -> None:
    """Print the tables."""
    from bot.app.ingest import ingest_seeds
    from bot.app.scoring import (
        _overlap,
        article_files,
        corpus_folders,
        development_record,
        match,
        pair_counts,
        read_gold,
    )
    from bot.config import load_config
    from bot.diff.signature import Signature
    from bot.diff.when import EARLY_HOUR
    from bot.store import Store

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", action="append", type=Path, help="a corpus folder")
    parser.add_argument("--days", action="store_true", help="audit the days against gold")
    parser.add_argument("--verbose", action="store_true", help="print the guessed misses")
    args = parser.parse_args()
    folders = args.corpus or corpus_folders(ROOT / "tests" / "data" / "corpus", False)
    folders = [f for f in folders if not f.name.startswith("heldout")]
    config = load_config(ROOT / "config", {})
    now = datetime.now(UTC)
    total = [0, 0, 0]
    days: Counter[str] = Counter()
    print("| corpus | together | split | merged | grouping F1 |")
    print("|---|---:|---:|---:|---:|")
    for folder in folders:
        store = Store()
        ingest_seeds(store, config, folder / "articles", now)
        files = article_files(store)
        devs = [development_record(d, files) for d in store.developments()]
        rows = _statement_rows(store)
        store.close()
        texts = {
            p.name: p.read_text(encoding="utf-8") for p in (folder / "articles").glob("*.txt")
        }
        found = match(read_gold(folder / "gold.jsonl"), texts, devs)
        matched = [(g, p.development) for g, p in found.matched()]
        tp, fp, fn = pair_counts(matched)
        for i, n in enumerate((tp, fn, fp)):
            total[i] += n
        print(f"| {folder.name} | {tp} | {fn} | {fp} | {_f1(tp, fn, fp):.3f} |")
        if not args.days:
            continue
        by_file: dict[str, list[tuple[str, str, str]]] = {}
        for url, published, text, sig in rows:
            by_file.setdefault(files.get(url, ""), []).append((published, text, sig))
        for g, p in found.matched():
            stored = by_file.get(p.article, [])
            if not stored:
                continue
            published, _, sig_text = max(stored, key=lambda r: _overlap(g["text"], r[1]))
            when = datetime.fromisoformat(published)
            gold = _gold_day(g.get("cluster") or "", when.date())
            if gold is None:
                continue
            sig = Signature.parse(sig_text)
            if sig.days is not None:
                right = sig.days.first <= gold <= sig.days.last
                kind = "stated " + ("right" if right else "wrong")
            elif sig.near is None:
                kind = "no day"
            elif sig.near.first <= gold <= sig.near.last:
                kind = "guessed right"
            else:
                late = sig.near.first > gold
                kind = "guessed " + ("late" if late else "early")
                if when.hour < EARLY_HOUR:  # the day before publication was guessed
                    kind += " (published early)"
                if args.verbose:
                    print(
                        f"   {folder.name}/{p.article[:3]} {when:%m%d %H:%M} near "
                        f"{sig.near.stored()} gold {gold:%m%d}: {g['text'][:80]}"
                    )
            days[kind] += 1
    print(f"| all | {total[0]} | {total[1]} | {total[2]} | {_f1(*total):.3f} |")
    if args.days:
        print("\n| day given | rows |\n|---|---:|")
        for kind, n in sorted(days.items()):
            print(f"| {kind} | {n} |")


if __name__ == "__main__":
    main()
