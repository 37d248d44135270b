"""The errors that remain after scoring, bucketed by the stage that caused them (issue 9).

:func:`stage_errors` ingests a corpus folder as ``talkwatch eval`` does, pairs gold rows with
system mentions by the scorer's own matching (:func:`bot.app.scoring.match`, so every count agrees
with the figures) and puts each error in one bucket:

- a missed gold row: its article yielded nothing (the on-topic gate), its block is not text to
  the segmenter (a headline, caption, link or clutter line), no statement touches its words, or
  one does but overlaps too little (trimmed, or running past it);
- an extra mention: in a block that is not prose (or the headline), a question, a scare quote,
  in an article with no on-topic gold, on the words of a gold row another mention matched, other;
- a wrong speaker: anonymous vs named, institution vs person, an unknown actor vs a tracked one,
  the nearest name in the same sentence, a name in an earlier sentence (coreference: by a pronoun
  of the sentence's own words or not, the name in the same paragraph or an earlier one), other;
- an issue tag missed or extra, by where its term is: the statement's own words, its context,
  another mention of its development (or cluster), nowhere;
- a grouping error (a split gold pair, a wrong merge), by what tells the pair apart.

Read-only: it re-runs the segmenter on the stored text, never changes what the engine does.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import combinations
from pathlib import Path
from typing import Any

from bot.app.ingest import ingest_seeds
from bot.app.pipeline import Pipeline
from bot.app.scoring import (
    MATCH_MIN,
    Matching,
    Placed,
    Report,
    _overlap,
    article_files,
    article_of,
    development_record,
    match,
    read_gold,
    score,
    speaker_ok,
)
from bot.config import Config
from bot.extract.casing import recased
from bot.extract.quotes import mask
from bot.extract.segment import HEADING_MAX_WORDS, Block
from bot.model import Actor, Article, Statement
from bot.store import Store

# The rows of the table, in the order printed: (stage, cause).
STAGES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("missed", ("article dropped whole", "not text: headline", "not text: caption",
                "not text: link", "not text: clutter", "no frame found: direct",
                "no frame found: reported, speech verb", "no frame found: reported, no verb",
                "trimmed (too short)",
                "merged (runs past it)", "not in the text read")),
    ("extra", ("headline/caption/clutter block", "question", "scare quote",
               "off-topic article", "on a matched gold row", "other: direct",
               "other: reported")),
    ("speaker", ("anonymous vs named", "institution vs person", "unknown vs tracked actor",
                 "nearest name (same sentence)", "coreference: pronoun, same paragraph",
                 "coreference: pronoun, earlier paragraph", "coreference: other, same paragraph",
                 "coreference: other, earlier paragraph", "other")),
    ("issue missed", ("tagged, lost to its development", "own term", "term in context",
                      "term in another mention", "no term")),
    ("issue extra", ("own term", "inherited from context", "from another mention")),
    ("split pair", ("same article", "other article", "speaker differs", "days differ",
                    "issues differ", "words overlap low", "words overlap high")),
    ("wrong merge", ("same article", "other article", "speaker differs", "days differ",
                     "issues differ", "words overlap low", "words overlap high")),
)  # fmt: skip
SCARE_WORDS = 4  # a direct mention this short that no gold row matched is a term in quotes
OVERLAP_HIGH = 0.5  # two statements sharing this share of their words say much the same
_CAPTION = re.compile(
    r"\b(?:photo|image|picture|pictured|caption|credit|getty|afp|reuters|ap photo|pool)\b",
    re.IGNORECASE,
)
# "Photo: ...", "Pictured: ...": a caption the segmenter read as prose
_CAPTION_LINE = re.compile(r"\s*\(?(?:photo|image|picture|pictured|caption)s?\b", re.I)
_LINK = re.compile(r"^\s*(?:read more|related|see also|more on|watch|listen|live:)", re.I)
_WORDS = re.compile(r"[^\W\d_]+")
_ANON_GOLD = ("unnamed", "person familiar", "people familiar")


@dataclass
class Tally:
    """Counts per (stage, cause), per issue for tags, and a few examples of each."""

    counts: Counter[tuple[str, str]] = field(default_factory=Counter)
    issues: Counter[tuple[str, str, str]] = field(default_factory=Counter)  # stage, issue, cause
    examples: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    totals: Counter[str] = field(default_factory=Counter)  # what the figures count

    def add(self, stage: str, cause: str, example: str = "") -> None:
        """Count one error."""
        self.counts[stage, cause] += 1
        if example:
            self.examples.setdefault((stage, cause), []).append(example)

    def update(self, other: Tally) -> None:
        """Add another corpus's counts (examples are not summed)."""
        self.counts.update(other.counts)
        self.issues.update(other.issues)
        self.totals.update(other.totals)


@dataclass(frozen=True)
class _Text:
    """One stored article as the engine read it: its blocks, on the recased text."""

    article: Article
    name: str  # its file name
    blocks: tuple[Block, ...]

    def block_at(self, pos: int) -> int:
        """The index of the block holding a position (-1 if none)."""
        for i, b in enumerate(self.blocks):
            if b.start <= pos < b.start + len(b.text):
                return i
        return -1


class _Corpus:
    """One ingested corpus folder: the system's output, the gold, and the scorer's matching."""

    def __init__(self, config: Config, pipe: Pipeline, gold_path: Path, folder: Path,
                 now: datetime) -> None:  # fmt: skip
        store = Store()
        try:
            ingest_seeds(store, config, folder, now, pipeline=pipe)
            files = article_files(store)
            devs = store.developments()
            self.records = [development_record(d, files) for d in devs]
            self.statements = {s.id: s for s in store.statements()}
            articles = store.articles()
        finally:
            store.close()
        self.pipe = pipe
        ext = pipe.extractor
        self.texts: dict[str, _Text] = {}
        for a in articles:
            name = files.get(a.url)
            if name is None:
                continue
            shown = recased(a.text, ext.index.name_words, ext.language.stopwords,
                            HEADING_MAX_WORDS)  # fmt: skip
            self.texts[name] = _Text(a, name, tuple(ext.segmenter.blocks(shown)))
        self.devs = devs
        self.printed = {p.name: p.read_text(encoding="utf-8") for p in folder.glob("*.txt")}
        self.all_gold = read_gold(gold_path)
        self.report = score(self.all_gold, self.printed, self.records)
        self.found: Matching = match(self.all_gold, self.printed, self.records)

    def statement(self, p: Placed) -> Statement | None:
        """The stored statement a placed mention reports."""
        m = self.devs[p.development].mentions[p.mention]
        return self.statements.get(m.statement_id) if m.statement_id is not None else None

    def span(self, name: str, text: str) -> tuple[int, int] | None:
        """Where a gold row's words are in the stored text (in a prose block if twice)."""
        t = self.texts.get(name)
        if t is None:
            return None
        body = t.article.text
        spans = [(m.start(), m.start() + len(text)) for m in re.finditer(re.escape(text), body)]
        prose = [s for s in spans if t.block_at(s[0]) >= 0 and t.blocks[t.block_at(s[0])].is_prose]
        found = prose or spans
        return found[0] if found else None


def _not_text(t: _Text, i: int) -> str:
    """What a block that is not prose is: the headline, a caption, a link, else clutter."""
    block = t.blocks[i]
    if all(not b.is_prose for b in t.blocks[:i]):
        return "headline"
    if _CAPTION.search(block.text):
        return "caption"
    if _LINK.match(block.text):
        return "link"
    return "clutter"


def _missed(c: _Corpus, tally: Tally, g: Mapping[str, Any], example: str) -> None:
    name = article_of(g, c.printed)
    if not c.found.placed.get(name):
        tally.add("missed", "article dropped whole", example)
        return
    span = c.span(name, g["text"])
    if span is None:
        tally.add("missed", "not in the text read", example)
        return
    t = c.texts[name]
    i = t.block_at(span[0])
    if i < 0 or not t.blocks[i].is_prose:
        tally.add("missed", "not text: " + _not_text(t, i), example)
        return
    touching = [
        s
        for s in c.statements.values()
        if s.article_id == t.article.id
        and s.position < span[1]
        and span[0] < s.position + len(s.text)
    ]
    if not touching:
        if g.get("kind") == "direct":
            cause = "direct"
        else:  # a verb the language knows, or one it lacks ("signalled", "made clear")
            verbs = c.pipe.config.language.speech_verbs
            known = any(w in verbs for w in _WORDS.findall(g["text"].lower()))
            cause = "reported, speech verb" if known else "reported, no verb"
        tally.add("missed", "no frame found: " + cause, example)
    elif any(s.position < span[0] or s.position + len(s.text) > span[1] for s in touching):
        tally.add("missed", "merged (runs past it)", example)
    else:
        tally.add("missed", "trimmed (too short)", example)


def _extra(c: _Corpus, tally: Tally, p: Placed, on_topic: set[str], example: str) -> None:
    s = c.statement(p)
    t = c.texts.get(p.article)
    if p.article not in on_topic:
        tally.add("extra", "off-topic article", example)
        return
    if s is not None and t is not None:
        i = t.block_at(s.position)
        # the first line is the headline, whatever the segmenter made of it
        if i <= 0 or not t.blocks[i].is_prose or _CAPTION_LINE.match(t.blocks[i].text):
            tally.add("extra", "headline/caption/clutter block", example)
            return
    if p.text.rstrip(" \"'”’»").endswith("?"):
        tally.add("extra", "question", example)
    elif (s is None or s.kind == "direct") and len(p.text.split()) <= SCARE_WORDS:
        tally.add("extra", "scare quote", example)
    elif s is not None and t is not None and _on_gold(c, p.article, s):
        tally.add("extra", "on a matched gold row", example)
    else:
        kind = "direct" if s is None or s.kind == "direct" else "reported"
        tally.add("extra", "other: " + kind, example)


def _on_gold(c: _Corpus, name: str, s: Statement) -> bool:
    """Whether a statement's words overlap a gold row of its article (a piece or a copy)."""
    for g in c.found.gold:
        if article_of(g, c.printed) != name:
            continue
        span = c.span(name, g["text"])
        if span and s.position < span[1] and span[0] < s.position + len(s.text):
            return True
    return False


def _speaker(c: _Corpus, tally: Tally, g: Mapping[str, Any], p: Placed, example: str) -> None:
    dev = c.records[p.development]
    actor_id, name = str(dev.get("actor") or ""), str(dev.get("actor_name") or "")
    index = c.pipe.index
    actor = index.actor(actor_id)
    labels = [x.strip().lower() for x in g["speaker"].split("|")]
    gold_anon = any(x.startswith(_ANON_GOLD) for x in labels)
    sys_anon = (actor is not None and actor.kind == "anonymous") or speaker_ok(
        "unnamed", actor_id, name
    )
    gold_actors = [a for a in c.pipe.config.actors if _names(a.name, a.aliases, labels)]
    if gold_anon != sys_anon:
        tally.add("speaker", "anonymous vs named", example)
    elif (
        actor is not None
        and any(_stands_for(a, actor) for a in gold_actors)
        and all(a.kind != actor.kind for a in gold_actors)
    ):
        tally.add("speaker", "institution vs person", example)
    elif (actor is None or not actor.known) != (not gold_actors):
        tally.add("speaker", "unknown vs tracked actor", example)
    else:
        tally.add("speaker", _where_named(c, p, actor_id, name), example)


def _stands_for(gold: Actor, system: Actor) -> bool:
    """Whether one of two actors is a person, the other an institution of theirs: the one
    the person speaks for, or of the same side (Peskov for the Kremlin, Kallas for the EU)."""
    kinds = {gold.kind, system.kind}
    if kinds != {"person", "institution"}:
        return False
    linked = system.id in (gold.speaks_for,) or gold.id in (system.speaks_for,)
    return linked or (bool(gold.side) and gold.side == system.side)


def _names(name: str, aliases: Sequence[str], labels: Sequence[str]) -> bool:
    """Whether a configured actor is one of a gold row's labels."""
    names = {name.lower(), *(a.lower() for a in aliases)}
    return any(label in names for label in labels)


def _where_named(c: _Corpus, p: Placed, actor_id: str, name: str) -> str:
    """Where the wrong speaker is named: in the statement's sentence, before it, or not."""
    s, t = c.statement(p), c.texts.get(p.article)
    if s is None or t is None:
        return "other"
    i = t.block_at(s.position)
    if i < 0:
        return "other"
    block = t.blocks[i]
    seg = c.pipe.extractor.segmenter
    inside = mask(len(block.text), c.pipe.extractor.quotes.find(block.text))
    at = s.position - block.start
    start, end = 0, at + len(s.text)
    for a, b in seg.sentences(block.text, inside):
        if a <= at < b:
            start = a
            end = max(b, at + len(s.text))
            if _named(c, block.text[start:end], actor_id, name):
                return "nearest name (same sentence)"
            break
    before = " ".join(b.text for b in t.blocks[:i]) + " " + block.text[:start]
    if not _named(c, before, actor_id, name):
        return "other"
    # the shape only (the held-out folders print counts, never texts): whether the sentence
    # points back with a pronoun of its own words, and how far back the wrong name stands
    lang = c.pipe.extractor.language
    pronouns = lang.pronouns_male | lang.pronouns_female | lang.pronouns_plural
    own = "".join(" " if inside[k] else ch for k, ch in enumerate(block.text[start:end], start))
    form = "pronoun" if pronouns & set(_WORDS.findall(own.lower())) else "other"
    where = (
        "same paragraph" if _named(c, block.text[:start], actor_id, name) else "earlier paragraph"
    )
    return f"coreference: {form}, {where}"


def _named(c: _Corpus, text: str, actor_id: str, name: str) -> bool:
    if any(m.actor_id == actor_id for m in c.pipe.index.find(text)):
        return True
    last = name.split()[-1] if name.split() else ""
    return bool(last) and last in text


def _issues(c: _Corpus, tally: Tally, g: Mapping[str, Any], p: Placed, example: str) -> None:
    tagger = c.pipe.extractor.tagger
    gi = set(g["issues"]) - {"other"}
    si = set(c.records[p.development].get("issues") or []) - {"other"}
    s = c.statement(p)
    own_tags = set(s.issues) if s is not None else si
    words = set(tagger.tags(p.text)) | set(tagger.tags(g["text"]))
    context = set()
    t = c.texts.get(p.article)
    if s is not None and t is not None and t.block_at(s.position) >= 0:
        i = t.block_at(s.position)
        context = set(tagger.tags(" ".join(b.text for b in t.blocks[max(0, i - 1) : i + 1])))
    mates = {
        issue
        for o in c.found.gold
        if o is not g and o.get("cluster") and o.get("cluster") == g.get("cluster")
        for issue in tagger.tags(o["text"])
    }
    for issue in sorted(si - gi):
        if issue not in own_tags:
            cause = "from another mention"
        elif issue in words:
            cause = "own term"
        else:
            cause = "inherited from context"
        tally.add("issue extra", cause, f"{issue}: {example}")
        tally.issues["issue extra", issue, cause] += 1
    for issue in sorted(gi - si):
        if issue in own_tags:
            cause = "tagged, lost to its development"
        elif issue in words:
            cause = "own term"
        elif issue in context:
            cause = "term in context"
        elif issue in mates:
            cause = "term in another mention"
        else:
            cause = "no term"
        tally.add("issue missed", cause, f"{issue}: {example}")
        tally.issues["issue missed", issue, cause] += 1


def _grouping(c: _Corpus, tally: Tally, pairs: Sequence[tuple[Mapping[str, Any], Placed]]) -> None:
    labelled = [(g, p) for g, p in pairs if g.get("cluster")]
    for (g1, p1), (g2, p2) in combinations(labelled, 2):
        same_cluster = g1["cluster"] == g2["cluster"]
        same_dev = p1.development == p2.development
        if same_cluster == same_dev:
            continue
        stage = "split pair" if same_cluster else "wrong merge"
        d1, d2 = c.records[p1.development], c.records[p2.development]
        causes = ["same article" if p1.article == p2.article else "other article"]
        if same_cluster:  # what the system saw differently
            speakers = d1.get("actor") != d2.get("actor")
            issues = set(d1.get("issues") or []) != set(d2.get("issues") or [])
        else:  # what the gold tells apart
            speakers = g1["speaker"].split("|")[0] != g2["speaker"].split("|")[0]
            issues = set(g1["issues"]) != set(g2["issues"])
        if speakers:
            causes.append("speaker differs")
        days = [c.texts[p.article].article.published for p in (p1, p2) if p.article in c.texts]
        if len(days) == 2 and days[0] and days[1] and days[0].date() != days[1].date():
            causes.append("days differ")
        if issues:
            causes.append("issues differ")
        shared = max(_overlap(g1["text"], g2["text"]), _overlap(g2["text"], g1["text"]))
        causes.append("words overlap " + ("high" if shared >= OVERLAP_HIGH else "low"))
        example = f"{g1['cluster']} / {g2['cluster']}: {g1['text'][:50]} / {g2['text'][:50]}"
        for cause in causes:
            tally.add(stage, cause, example)


def _pair_totals(r: Report) -> dict[str, int]:
    """The split gold pairs and wrong merges the grouping figures count."""
    return {"split pairs": r.pair_fn, "wrong merges": r.pair_fp}


def stage_errors(config: Config, pipe: Pipeline, gold_path: Path, folder: Path,
                 now: datetime) -> Tally:  # fmt: skip
    """Ingest one corpus folder and bucket its errors by stage."""
    c = _Corpus(config, pipe, gold_path, folder, now)
    tally = Tally()
    r = c.report
    tally.totals.update(
        gold=r.gold, mentions=r.mentions, missed=len(r.missed), extra=len(r.extra),
        speaker=len(r.wrong_speaker), **_pair_totals(r),
    )  # fmt: skip
    on_topic = {article_of(g, c.printed) for g in c.found.gold}
    for g, (p, s) in zip(c.found.gold, c.found.best, strict=True):
        if p is None or s < MATCH_MIN:
            _missed(c, tally, g, f"[{g['article']}] {g['speaker']}: {g['text'][:90]}")
    for p in c.found.unused():
        name = c.records[p.development].get("actor_name")
        _extra(c, tally, p, on_topic, f"[{p.article[:3]}] {name}: {p.text[:90]}")
    pairs = c.found.matched()
    for g, p in pairs:
        dev = c.records[p.development]
        example = f"[{g['article']}] gold={g['speaker']} sys={dev.get('actor_name')}: "
        example += g["text"][:70]
        if not speaker_ok(g["speaker"], str(dev.get("actor") or ""),
                          str(dev.get("actor_name") or "")):  # fmt: skip
            _speaker(c, tally, g, p, example)
        _issues(c, tally, g, p, example)
    _grouping(c, tally, pairs)
    return tally
