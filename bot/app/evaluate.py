"""Scoring extraction and grouping against a hand-labelled gold file
(``tests/data/gold_seeds.json``).

Runs the real pipeline on the seed folder into an in-memory store, matches each gold statement to
the extracted statement overlapping its anchor, and reports precision and recall of attribution,
issue tags and grouping (pairwise: two statements in one development).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import combinations
from pathlib import Path
from typing import Any

from bot.app.ingest import ingest_seeds
from bot.config import Config
from bot.store import Store


@dataclass(frozen=True)
class Score:
    """Precision and recall of one aspect."""

    name: str
    tp: int
    predicted: int
    expected: int

    @property
    def precision(self) -> float:
        """Share of predictions that are right."""
        return self.tp / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        """Share of the gold found."""
        return self.tp / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class Evaluation:
    """Every score, plus the gold statements that found no match (for reading)."""

    scores: tuple[Score, ...]
    missed: tuple[str, ...]
    spurious: tuple[str, ...]
    misattributed: tuple[str, ...]


def evaluate(config: Config, seeds: Path, gold_path: Path) -> Evaluation:
    """Run the pipeline on the seeds and score it against the gold file."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))["statements"]
    store = Store()
    ingest_seeds(store, config, seeds, datetime(2025, 12, 16, tzinfo=UTC))
    stored = {a.id: a for a in store.articles()}
    statements = store.statements()
    # a seed file is known by its three-digit prefix, as in the gold file
    file_of = {a.id: Path(a.url).name[:3] for a in stored.values()}
    articles = {file_of[s.article_id]: stored[s.article_id].text for s in statements}
    for a in stored.values():
        articles.setdefault(file_of[a.id], a.text)
    predicted: list[dict[str, Any]] = [
        {
            "id": s.id,
            "actor": s.actor_id,
            "kind": s.kind,
            "issues": set(s.issues),
            "dev": s.development_id,
            "file": file_of[s.article_id],
            "start": s.position,
            "end": s.position + len(s.text),
            "text": s.text,
        }
        for s in statements
    ]
    matches: list[tuple[dict, dict]] = []
    used: set[int] = set()
    missed = []
    for g in gold:
        text = articles.get(g["file"], "")
        at = text.find(g["anchor"])
        if at == -1:
            missed.append(f"{g['file']} anchor not in text: {g['anchor']!r}")
            continue
        span = (at, at + len(g["anchor"]))
        best, overlap = None, 0
        for p in predicted:
            if p["file"] != g["file"] or p["id"] in used:
                continue
            o = min(span[1], p["end"]) - max(span[0], p["start"])
            if o > overlap:
                best, overlap = p, o
        if best is None:
            missed.append(f"{g['file']} {g['actor']}: {g['anchor']!r}")
            continue
        used.add(best["id"])
        matches.append((g, best))
    spurious = tuple(
        f"{p['file']} {p['actor']}: {p['text'][:70]!r}" for p in predicted if p["id"] not in used
    )
    right_actor = sum(1 for g, p in matches if g["actor"] == p["actor"])
    right_kind = sum(1 for g, p in matches if g["kind"] == p["kind"])
    misattributed = tuple(
        f"{g['file']} {g['anchor'][:50]!r}: {p['actor']} (gold {g['actor']})"
        for g, p in matches
        if g["actor"] != p["actor"]
    )
    issue_tp = sum(len(set(g["issues"]) & p["issues"]) for g, p in matches)
    issue_pred = sum(len(p["issues"]) for _, p in matches)
    issue_gold = sum(len(g["issues"]) for g, _ in matches)
    gold_pairs = {
        (a[1]["id"], b[1]["id"])
        for a, b in combinations(matches, 2)
        if a[0]["development"] == b[0]["development"]
    }
    pred_pairs = {
        (a[1]["id"], b[1]["id"]) for a, b in combinations(matches, 2) if a[1]["dev"] == b[1]["dev"]
    }
    scores = (
        Score("statements found", len(matches), len(predicted), len(gold)),
        Score("attribution", right_actor, len(predicted), len(gold)),
        Score("kind (direct/reported)", right_kind, len(matches), len(matches)),
        Score("issue tags (matched)", issue_tp, issue_pred, issue_gold),
        Score("grouping (pairs)", len(gold_pairs & pred_pairs), len(pred_pairs), len(gold_pairs)),
    )
    return Evaluation(scores, tuple(missed), spurious, misattributed)


def format_scores(ev: Evaluation) -> str:
    """A table of the scores, then what was missed, spurious or misattributed."""
    lines = [f"{'aspect':<24} {'precision':>9} {'recall':>7} {'f1':>6}   counts (tp/pred/gold)"]
    for s in ev.scores:
        lines.append(
            f"{s.name:<24} {s.precision:>9.3f} {s.recall:>7.3f} {s.f1:>6.3f}   "
            f"{s.tp}/{s.predicted}/{s.expected}"
        )
    for title, items in (
        ("missed", ev.missed),
        ("spurious", ev.spurious),
        ("misattributed", ev.misattributed),
    ):
        if items:
            lines.append(f"\n{title} ({len(items)}):")
            lines += [f"  {item}" for item in items]
    return "\n".join(lines)
