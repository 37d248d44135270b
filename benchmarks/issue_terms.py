"""Which issue terms earn their place: per term, how often it names an issue the gold gives the
statement and how often one the gold does not (tune folders only).

    python benchmarks/issue_terms.py [--corpus DIR ...] [--issue ID] [--misses] [--min N]

For each gold row the scorer matched, each issue term found in the system statement's own words is
counted ``right`` when the gold row carries its issue, ``wrong`` when it does not and the tag
reached the statement's development, ``silent`` when it does not and the tag was dropped on the
way. ``--misses`` prints, instead, the gold rows whose issue no term of their own words names,
with the issues found in their paragraph, to find the phrasings the vocabulary lacks.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_BOUNDED = r"(?<!\w)(?:{})(?!\w)"  # as the tagger bounds a term
sys.path.insert(0, str(ROOT))


def main() -> None:
    """Print the table (or the misses)."""
    from bot.app.pipeline import Pipeline
    from bot.app.scoring import corpus_folders
    from bot.app.stage_errors import _Corpus
    from bot.config import load_config

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", action="append", type=Path, help="a corpus folder")
    parser.add_argument("--issue", help="only this issue")
    parser.add_argument("--misses", action="store_true", help="gold issues no own term names")
    parser.add_argument("--verbose", action="store_true", help="each statement a probe finds")
    parser.add_argument("--min", type=int, default=2, help="terms with at least this many wrong")
    parser.add_argument("--term", help="print the statements this term tags wrongly")
    parser.add_argument(
        "--probe", action="append", default=[], metavar="ISSUE=REGEX",
        help="a candidate term: how many statements it finds, and whose gold has the issue",
    )  # fmt: skip
    args = parser.parse_args()
    base = ROOT / "tests" / "data" / "corpus"
    folders = args.corpus or corpus_folders(base, heldout=False)
    folders = [f for f in folders if not f.name.startswith("heldout")]
    config = load_config(ROOT / "config", {})
    pipe = Pipeline(config)
    tagger = pipe.extractor.tagger
    now = datetime.now(UTC)
    probes = [(i, re.compile(_BOUNDED.format(r), re.I)) for i, _, r in
              (p.partition("=") for p in args.probe)]  # fmt: skip
    found: Counter[tuple[int, str]] = Counter()
    right: Counter[tuple[str, str]] = Counter()
    wrong: Counter[tuple[str, str]] = Counter()
    silent: Counter[tuple[str, str]] = Counter()
    for folder in folders:
        c = _Corpus(config, pipe, folder / "gold.jsonl", folder / "articles", now)
        for g, p in c.found.matched():
            gi = set(g["issues"]) - {"other"}
            si = set(c.records[p.development].get("issues") or []) - {"other"}
            for k, (issue, pattern) in enumerate(probes):
                if pattern.search(p.text):
                    has = ("gold" if issue in gi else "not gold") + (
                        ", tagged" if issue in si else ", untagged"
                    )
                    found[k, has] += 1
                    if args.verbose:
                        print(f"  {k} {has} [{folder.name}/{g['article']}] {p.text[:160]}")
            if probes:
                continue
            if args.misses:
                own = set(tagger.tags(p.text)) | set(tagger.tags(g["text"]))
                for issue in sorted(gi - si - own):
                    if args.issue and issue != args.issue:
                        continue
                    t = c.texts.get(p.article)
                    s = c.statement(p)
                    para = ""
                    if s is not None and t is not None and (i := t.block_at(s.position)) >= 0:
                        para = t.blocks[i].text
                    where = f"[{folder.name}/{g['article']}]"
                    print(f"- {issue} {where} gold={sorted(gi)} sys={sorted(si)}")
                    print(f"    {g['text']}\n    para: {para[:400]}")
                continue
            for term, issues in tagger.terms(p.text):
                for issue in issues:
                    key = (issue, term)
                    if issue in gi:
                        right[key] += 1
                    elif issue in si:
                        wrong[key] += 1
                        if args.term and term == args.term.lower():
                            print(f"- {issue} [{folder.name}/{g['article']}] gold={sorted(gi)}"
                                  f" sys={sorted(si)}\n    {p.text}")  # fmt: skip
                    else:
                        silent[key] += 1
    for k, (issue, pattern) in enumerate(probes):
        counts = ", ".join(
            f"{has} {found[k, has]}" for has in sorted(h for j, h in found if j == k)
        )
        print(f"{issue} {pattern.pattern}: {counts or 'nothing'}")
    if args.misses or probes:
        return
    print("| issue | term | right | wrong | silent |")
    print("|---|---|---:|---:|---:|")
    for key, n in sorted(wrong.items(), key=lambda kv: (-kv[1], kv[0])):
        if n < args.min or (args.issue and key[0] != args.issue):
            continue
        print(f"| {key[0]} | {key[1]} | {right[key]} | {n} | {silent[key]} |")


if __name__ == "__main__":
    main()
