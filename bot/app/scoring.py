"""Scoring developments against a gold file of labelled statements (``shared/LABELLING.md``):
recall, precision, attribution, issue-tag F1, pairwise grouping F1, correctly-attributed recall.

The definitions are the team evaluation's (``shared/eval/score.py``), so ``talkwatch eval --gold``
agrees with it figure for figure: each system mention is placed in the article whose name its URL
or source carries (else whose text holds it); each gold statement is matched to the best-matching
mention of its article (score >= 0.5); off-topic gold rows only mark articles where nothing should
be found.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import datetime
from itertools import combinations
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from bot.app.ingest import FILE_GUID, ingest_seeds
from bot.config import Config
from bot.model import Development
from bot.store import Store

_ANON = re.compile(r"unnamed|anonym|official|source|person|familiar|unknown", re.I)
_INSTITUTIONS = {"kremlin", "us delegation", "kyiv post", "bloomberg", "white house", "moscow"}
_NORM = str.maketrans(
    {"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"}  # as the team's scorer folds
)
MATCH_MIN = 0.5


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower().translate(_NORM)
    return re.sub(r"[^a-z0-9' ]+", " ", text)


def _toks(text: str) -> list[str]:
    return _norm(text).split()


def _overlap(gold_text: str, sys_text: str) -> float:
    g, s = _toks(gold_text), set(_toks(sys_text))
    return sum(1 for t in g if t in s) / len(g) if g else 0.0


def speaker_ok(gold_speaker: str, actor: str, actor_name: str) -> bool:
    """Whether a system speaker is one of the gold row's fair labels (``A|B``)."""
    name = f"{actor_name} {actor}".lower()
    for g in (part.strip().lower() for part in gold_speaker.split("|")):
        if g.startswith(("unnamed", "person familiar")):
            if _ANON.search(name):
                return True
            continue
        if g in _INSTITUTIONS:
            key = g.split()[-1]
            if key in name or (
                g == "us delegation" and ("delegation" in name or "us" in name.split())
            ):
                return True
            continue
        last = g.split()[-1] if g.split() else g
        variants = {last, last.rstrip("y"), last.replace("y", "iy")}
        if last.startswith("zelensk"):
            variants |= {"zelensky", "zelenskyy", "zelenskiy", "zelenskyi"}
        if any(v and v in name for v in variants):
            return True
    return False


@dataclass(frozen=True)
class Report:
    """The figures, and what to read when they disappoint. Counts are kept, ratios derived: the
    reports of several folders pool into one (:meth:`pooled`) as if scored together."""

    gold: int
    mentions: int
    developments: int
    matched: int  # gold rows matched to a system mention
    used: int  # system mentions matched to a gold row
    attributed: int  # matched rows whose speaker is right
    issue_tp: int
    issue_fp: int
    issue_fn: int
    pair_tp: int  # pairs of matched clustered rows: together in gold and system
    pair_fp: int  # merged by the system, apart in gold
    pair_fn: int  # together in gold, split by the system
    missed: tuple[str, ...] = field(default=())
    extra: tuple[str, ...] = field(default=())
    wrong_speaker: tuple[str, ...] = field(default=())

    @classmethod
    def pooled(cls, reports: Iterable[Report]) -> Report:
        """Several folders' reports as one (micro-averaged: every count summed)."""
        rs = list(reports)
        counts = {
            f.name: sum(getattr(r, f.name) for r in rs)
            for f in fields(cls)
            if f.type in (int, "int")
        }
        return cls(**counts)

    @property
    def recall(self) -> float:
        """Gold statements found."""
        return _ratio(self.matched, self.gold)

    @property
    def precision(self) -> float:
        """System mentions that are gold statements."""
        return _ratio(self.used, self.mentions)

    @property
    def attribution(self) -> float:
        """Found statements given the right speaker."""
        return _ratio(self.attributed, self.matched)

    @property
    def issue_p(self) -> float:
        """Issue tags given that gold has."""
        return _ratio(self.issue_tp, self.issue_tp + self.issue_fp)

    @property
    def issue_r(self) -> float:
        """Gold issue tags given."""
        return _ratio(self.issue_tp, self.issue_tp + self.issue_fn)

    @property
    def group_p(self) -> float:
        """Pairs the system put together that gold has together."""
        return _ratio(self.pair_tp, self.pair_tp + self.pair_fp)

    @property
    def group_r(self) -> float:
        """Pairs gold has together that the system put together."""
        return _ratio(self.pair_tp, self.pair_tp + self.pair_fn)

    @property
    def gold_pairs(self) -> int:
        """Pairs of matched rows in one gold cluster."""
        return self.pair_tp + self.pair_fn

    @property
    def issue_f1(self) -> float:
        """Issue-tag F1 over matched statements ('other' ignored)."""
        return _f1(self.issue_p, self.issue_r)

    @property
    def group_f1(self) -> float:
        """Pairwise grouping F1 over matched statements with a cluster."""
        return _f1(self.group_p, self.group_r)

    @property
    def attributed_recall(self) -> float:
        """Recall times attribution accuracy."""
        return self.recall * self.attribution

    def lines(self, verbose: bool = False) -> list[str]:
        """The report as the team's scorer prints it (plus, verbose, what went wrong)."""
        out = [
            f"gold statements {self.gold}  system mentions {self.mentions}  "
            f"developments {self.developments}",
            f"recall {self.recall:.2f}  precision {self.precision:.2f}  attribution "
            f"{self.attribution:.2f}  issue-F1 {self.issue_f1:.2f} (P {self.issue_p:.2f} R "
            f"{self.issue_r:.2f})  grouping-F1 {self.group_f1:.2f} (P {self.group_p:.2f} R "
            f"{self.group_r:.2f}, {self.gold_pairs} gold pairs)",
            f"correctly attributed recall {self.attributed_recall:.2f}",
        ]
        if verbose:
            out += [f"MISSED  {m}" for m in self.missed]
            out += [f"WRONG SPEAKER {m}" for m in self.wrong_speaker]
            out += [f"EXTRA   {m}" for m in self.extra]
        return out


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def read_gold(path: Path) -> list[dict[str, Any]]:
    """The gold rows of a JSON-lines file."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@dataclass(frozen=True)
class Placed:
    """A system mention placed in an article: the development it is a mention of (an index
    into the developments scored), which of its mentions, and its text."""

    article: str
    development: int
    mention: int
    text: str


@dataclass(frozen=True)
class Matching:
    """How the scorer paired gold rows with system mentions (what the figures count):
    ``best[n]`` is gold row n's best-matching mention of its article and its score (a match
    when the score is at least ``MATCH_MIN``)."""

    gold: tuple[Mapping[str, Any], ...]  # the on-topic rows
    placed: Mapping[str, Sequence[Placed]]  # article file name -> its mentions, in order
    best: tuple[tuple[Placed | None, float], ...]

    def matched(self) -> list[tuple[Mapping[str, Any], Placed]]:
        """The gold rows matched, each with its mention."""
        return [
            (g, p)
            for g, (p, s) in zip(self.gold, self.best, strict=True)
            if p is not None and s >= MATCH_MIN
        ]

    def unused(self) -> list[Placed]:
        """The mentions no gold row matched (the extras)."""
        used = {(p.article, p.development, p.mention) for _, p in self.matched()}
        return [
            p
            for lst in self.placed.values()
            for p in lst
            if (p.article, p.development, p.mention) not in used
        ]


def article_of(gold_row: Mapping[str, Any], articles: Iterable[str]) -> str:
    """The article file a gold row names (by its prefix)."""
    name = next((a for a in articles if a.startswith(gold_row["article"])), None)
    if name is None:
        raise ValueError(f"no article for {gold_row['article']}")
    return name


def match(
    gold: Sequence[Mapping[str, Any]],
    articles: Mapping[str, str],
    developments: Sequence[Mapping[str, Any]],
) -> Matching:
    """Place each system mention in its article and find each gold row's best mention, as the
    team's scorer does."""
    gold = [g for g in gold if "off_topic" not in g.get("issues", [])]
    bodies = {name: " ".join(_norm(text).split()) for name, text in articles.items()}
    placed: dict[str, list[Placed]] = {}
    for i, dev in enumerate(developments):
        for j, m in enumerate(dev.get("mentions") or []):
            t = " ".join(_toks(m.get("text", "")))
            if not t:
                continue
            tag = f"{m.get('url') or ''} {m.get('source') or ''} {m.get('article') or ''}"
            where = [a for a in articles if Path(a).stem in tag]
            if not where:
                where = [a for a, body in bodies.items() if t[:120] in body]
            for a in where[:1]:
                placed.setdefault(a, []).append(Placed(a, i, j, m.get("text", "")))
    best_of: list[tuple[Placed | None, float]] = []
    for g in gold:
        name = article_of(g, articles)
        best, best_s = None, 0.0
        for p in placed.get(name, []):
            s = min(_overlap(g["text"], p.text), 1.0) * 0.7 + _overlap(p.text, g["text"]) * 0.3
            if s > best_s:
                best, best_s = p, s
        best_of.append((best, best_s))
    return Matching(tuple(gold), placed, tuple(best_of))


def score(
    gold: Sequence[Mapping[str, Any]],
    articles: Mapping[str, str],
    developments: Sequence[Mapping[str, Any]],
) -> Report:
    """Score developments (as ``talkwatch statements --json`` prints them) against gold rows;
    ``articles`` maps each article file's name to its text."""
    found = match(gold, articles, developments)
    gold = found.gold
    pairs = found.matched()
    matched = [(g, p.development) for g, p in pairs]
    missed = [
        f"[{g['article']}] {g['speaker']}: {g['text'][:90]}"
        for g, (p, s) in zip(gold, found.best, strict=True)
        if p is None or s < MATCH_MIN
    ]
    used = {(p.article, p.development, p.mention) for _, p in pairs}
    n_sys = sum(len(v) for v in found.placed.values())
    attr = [
        speaker_ok(g["speaker"], str(developments[i].get("actor") or ""),
                   str(developments[i].get("actor_name") or ""))
        for g, i in matched
    ]  # fmt: skip
    wrong = [
        f"[{g['article']}] gold={g['speaker']} sys={developments[i].get('actor_name')}: "
        f"{g['text'][:70]}"
        for (g, i), ok in zip(matched, attr, strict=True)
        if not ok
    ]
    extra = [
        f"[{p.article[:3]}] {developments[p.development].get('actor_name')}: {p.text[:90]}"
        for p in found.unused()
    ]
    tp, fp, fn = issue_counts(matched, developments)
    ptp, pfp, pfn = pair_counts(matched)
    return Report(
        gold=len(gold),
        mentions=n_sys,
        developments=len(developments),
        matched=len(matched),
        used=len(used),
        attributed=sum(attr),
        issue_tp=tp,
        issue_fp=fp,
        issue_fn=fn,
        pair_tp=ptp,
        pair_fp=pfp,
        pair_fn=pfn,
        missed=tuple(missed),
        extra=tuple(extra),
        wrong_speaker=tuple(wrong),
    )


def issue_counts(
    matched: Iterable[tuple[Mapping[str, Any], int]], developments: Sequence[Mapping[str, Any]]
) -> tuple[int, int, int]:
    """Issue tags right, extra and missed: each matched gold row's issues against those of the
    development its mention is in (``other`` ignored)."""
    tp = fp = fn = 0
    for g, i in matched:
        gi = set(g["issues"]) - {"other"}
        si = set(developments[i].get("issues") or []) - {"other"}
        tp, fp, fn = tp + len(gi & si), fp + len(si - gi), fn + len(gi - si)
    return tp, fp, fn


def pair_counts(matched: Iterable[tuple[Mapping[str, Any], int]]) -> tuple[int, int, int]:
    """Pairs of matched gold rows with a cluster: together in both, merged by the system (gold
    apart), split by it (gold together) - grouping's true and false positives and negatives."""
    labelled = [(g["cluster"], i) for g, i in matched if g.get("cluster")]
    tp = fp = fn = 0
    for (c1, d1), (c2, d2) in combinations(labelled, 2):
        tp += c1 == c2 and d1 == d2
        fp += c1 != c2 and d1 == d2
        fn += c1 == c2 and d1 != d2
    return tp, fp, fn


def development_record(dev: Development, files: Mapping[str, str] | None = None) -> dict[str, Any]:
    """A development as ``talkwatch statements --json`` prints it (what the scorer reads);
    ``files``: article URL -> the name of the file it was read from (``article_files``)."""
    files = files or {}
    mentions = []
    for m in dev.mentions:
        mention = {
            "source": m.source,
            "url": m.url,
            "text": m.text,
            "published": m.published.isoformat(timespec="seconds") if m.published else None,
        }
        if m.url in files:
            # the scorer places a mention in the article it names; without it, in the first
            # article whose text holds it - a quote two outlets carry word for word would land
            # in one of them twice
            mention["article"] = files[m.url]
        mentions.append(mention)
    return {
        "id": dev.id,
        "actor": dev.actor_id,
        "actor_name": dev.actor_name,
        "kind": dev.kind,
        "issues": list(dev.issues),
        "text": dev.text,
        "first_seen": dev.first_seen.isoformat(timespec="seconds") if dev.first_seen else None,
        "mentions": mentions,
    }


def article_files(store: Store) -> dict[str, str]:
    """Article URL -> the name of the file it was read from, for articles ingested from files."""
    return {
        a.url: Path(unquote(urlparse(a.guid).path)).name
        for a in store.articles()
        if a.guid.startswith(FILE_GUID)
    }


def corpus_folders(base: Path, heldout: bool) -> list[Path]:
    """The labelled folders under ``base`` (those with a gold.jsonl), the held-out ones only when
    asked: held-out first, then tune, tune2 ... tune10 in their order, not as strings sort."""
    return sorted(
        (
            d
            for d in base.iterdir()
            if (d / "gold.jsonl").is_file() and (heldout or not d.name.startswith("heldout"))
        ),
        key=lambda d: (not d.name.startswith("heldout"), len(d.name), d.name),
    )


def evaluate_corpus(config: Config, gold_path: Path, articles_dir: Path, now: datetime) -> Report:
    """Ingest a folder of articles into a fresh in-memory store; score it against a gold file."""
    store = Store()
    try:
        ingest_seeds(store, config, articles_dir, now)
        files = article_files(store)
        devs = [development_record(d, files) for d in store.developments()]
    finally:
        store.close()
    # in the order the team scorer reads them: it places a quote carried word for word by two
    # articles in the first that holds it
    texts = {p.name: p.read_text(encoding="utf-8") for p in articles_dir.glob("*.txt")}
    return score(read_gold(gold_path), texts, devs)
