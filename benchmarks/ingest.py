"""Ingest benchmark: extraction + diff speed, how it scales with stored developments, peak memory.

Generates a synthetic corpus from the seed articles' sentence patterns (direct quotes with the
attribution after, before or split around them; reported speech; "he said"; anonymous sources;
institutions), with varied actors and issues, and about a third of the statements re-reported by
other "outlets" in other words, so the diff engine has real grouping to do.

    python benchmarks/ingest.py [--articles 5000] [--sizes 1000,100000] [--probe 300]

Each measurement runs in its own process (one core, its own peak RSS) and the table is printed at
the end. Targets: >= 200 articles/s, peak memory < 150 MB, and a per-article cost that does not
grow
with the number of stored developments.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.config import Config, load_config  # noqa: E402
from bot.model import Article, Statement  # noqa: E402
from bot.store import Store  # noqa: E402

NOW = datetime(2026, 1, 10, 12, 0, tzinfo=UTC)

CLAIMS = {
    "nato": [
        "Ukraine could {drop} its bid to join NATO if the partners offer {strong} security"
        " guarantees",
        "membership in the alliance remains {key} for {country} and cannot be traded away",
        "the question of NATO enlargement is {key} for any settlement",
    ],
    "security_guarantees": [
        "security guarantees must be legally binding and ratified by {country}",
        "Article 5-like guarantees from {country} would prevent another invasion",
        "any reassurance force must include troops from {country}",
    ],
    "territory": [
        "we will never {drop} our territory in {region}",
        "the withdrawal of troops from {region} is a {key} condition",
        "the line of contact in {region} must be the starting point",
    ],
    "ceasefire": [
        "a ceasefire along the front line must come before any other step",
        "an energy ceasefire could start within {days} days",
        "the truce must be monitored by observers from {country}",
    ],
    "frozen_assets": [
        "the frozen Russian assets must be used to finance Ukraine",
        "the reparations loan backed by frozen assets is {key} for {country}",
    ],
    "peace_plan": [
        "the {n}-point peace plan needs amendments on {region}",
        "we made {strong} progress on the peace plan over {days} days of talks",
        "the draft framework is {key} but several provisions are unacceptable",
    ],
    "sanctions": [
        "sanctions on Russian oil must stay until the war ends",
        "new tariffs on {country} would hurt the talks",
    ],
    "reconstruction": [
        "the reconstruction fund for {region} needs {n} billion dollars",
        "economic recovery depends on investment from {country}",
    ],
}
FILL = {
    "drop": ["drop", "abandon", "give up"],
    "strong": ["strong", "robust", "real"],
    "key": ["key", "fundamental", "a cornerstone"],
    "country": ["the United States", "Germany", "France", "Japan", "Canada", "Turkey", "Britain"],
    "region": ["Donetsk", "Zaporizhzhia", "Kherson", "Luhansk", "Crimea", "Donbas"],
    "days": ["two", "three", "five", "ten"],
    "n": ["20", "28", "12", "19"],
}
_SYLLABLES = ["ka", "ro", "mi", "te", "sun", "val", "dor", "ne", "li", "pra", "ost", "vek"]
VOCAB = sorted({a + b + c for a in _SYLLABLES for b in _SYLLABLES for c in ("n", "r", "s", "m")})
OUTLETS = ["Wire A", "Daily B", "Post C", "Herald D", "Agency E", "Times F", "Radio G", "Live H"]
FIRST = ["Anna", "Pavel", "Oksana", "James", "Marta", "Jan", "Elena", "Lukas", "Ivan", "Sofia"]
LAST = ["Kovalenko", "Brandt", "Novak", "Fischer", "Horvat", "Lindqvist", "Moreau", "Petrov"]


def _claim(rng: random.Random, issue: str) -> str:
    text = rng.choice(CLAIMS[issue])
    for key, values in FILL.items():
        text = text.replace("{" + key + "}", rng.choice(values))
    # details of its own, as real statements have (names, places, numbers, specifics): two claims
    # from one template by one speaker are different claims, as they would be in real copy
    detail = " ".join(rng.sample(VOCAB, 10))
    return f"{text}, and the {detail} question resumes on day {rng.randint(1, 400)}"


def _speakers(config: Config) -> list[tuple[str, str]]:
    people = [(a.id, a.name) for a in config.actors if a.kind == "person"]
    unknown = [(f"{f.lower()}_{last.lower()}", f"{f} {last}") for f in FIRST for last in LAST]
    return people + unknown


def _paragraph(rng: random.Random, name: str, claim: str) -> str:
    surname = name.split()[-1]
    form = rng.randrange(6)
    if form == 0:
        return (
            f"“{claim[0].upper()}{claim[1:]},” {name} said on {rng.choice(['Monday', 'Sunday'])}."
        )
    if form == 1:
        return f"{name} told reporters: “{claim[0].upper()}{claim[1:]}.”"
    if form == 2:
        half = claim.split(", and ")
        return f"“{half[0][0].upper()}{half[0][1:]},” {surname} said. “And {half[-1]}.”"
    if form == 3:
        return f"{name} said {claim}."
    if form == 4:
        return (
            f"{name} met envoys in Geneva on Tuesday.\n“{claim[0].upper()}{claim[1:]},” he said."
        )
    return f"A senior U.S. official said {claim}, according to people briefed on the talks."


def corpus(config: Config, n: int, seed: int = 7) -> list[Article]:
    """n synthetic articles; about a third of statements re-reported by another outlet."""
    rng = random.Random(seed)
    speakers = _speakers(config)
    issues = list(CLAIMS)
    reported: list[tuple[str, str]] = []
    articles = []
    for i in range(n):
        paras = [f"Peace talks continue as delegations meet in {rng.choice(FILL['region'])}"]
        for _ in range(rng.randint(4, 8)):
            if reported and rng.random() < 0.35:
                name, claim = rng.choice(reported)
            else:
                (_, name), claim = rng.choice(speakers), _claim(rng, rng.choice(issues))
                reported.append((name, claim))
            paras.append(_paragraph(rng, name, claim))
        paras.append(f"Subscribe to {rng.choice(OUTLETS)} for more.")
        articles.append(
            Article(
                url=f"https://bench.example/{i}",
                title=paras[0],
                text="\n".join(paras),
                source=rng.choice(OUTLETS),
                published=NOW - timedelta(minutes=n - i),
            )
        )
    return articles


def _populate(store: Store, size: int, config: Config) -> None:
    """Store `size` one-statement developments, spread over actors, all inside the window (through
    the store's own methods, in one transaction)."""
    rng = random.Random(size)
    speakers = [a.id for a in config.actors if a.kind == "person"]
    store.upsert_actors(config.actors)
    vocab = [f"w{i}" for i in range(4000)]
    with store.transaction():
        articles = [
            store.insert_article(
                Article(url=f"https://fill.example/{k}", title="", text="", source="Fill"),
                f"h{k}",
                NOW,
            )
            for k in range(size // 50 + 1)
        ]
        for k in range(size):
            actor = rng.choice(speakers)
            seen = NOW - timedelta(minutes=rng.randint(1, 60 * 24 * 10))
            sig = " ".join(sorted(rng.sample(vocab, 12)))
            statement = Statement(actor, "direct", f"filler {k}", (), k, articles[k // 50])
            dev_id = store.create_development(statement, seen)
            store.add_statement(statement, dev_id, seen, sig)


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def phase_throughput(n: int) -> dict:
    """Ingest n articles into a fresh database file: articles/s and peak memory."""
    from bot.app.ingest import Pipeline, ingest_articles

    config = load_config(ROOT / "config", {})
    articles = corpus(config, n)
    pipe = Pipeline(config)
    start = time.perf_counter()
    for article in articles[:1000]:
        pipe.extractor.extract(article.text)
    extract_rate = 1000 / (time.perf_counter() - start)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "bench.db")
        start = time.perf_counter()
        report = ingest_articles(store, config, articles, NOW, pipeline=pipe)
        elapsed = time.perf_counter() - start
        result = {
            "articles": n,
            "seconds": elapsed,
            "rate": n / elapsed,
            "extract_rate": extract_rate,
            "statements": report.statements_new,
            "developments": store.development_count(),
            "peak_mb": _rss_mb(),
        }
        store.close()
    return result


def phase_scale(size: int, probe: int) -> dict:
    """Per-article cost of ingesting `probe` articles into a database of `size` developments."""
    from bot.app.ingest import ingest_articles

    config = load_config(ROOT / "config", {})
    articles = [replace(a, url=a.url + "/scale") for a in corpus(config, probe, seed=size)]
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "bench.db")
        _populate(store, size, config)
        ingest_articles(store, config, articles[:20], NOW)  # warm caches
        start = time.perf_counter()
        ingest_articles(store, config, articles[20:], NOW)
        elapsed = time.perf_counter() - start
        result = {
            "size": size,
            "ms_per_article": 1000 * elapsed / (probe - 20),
            "peak_mb": _rss_mb(),
        }
        store.close()
    return result


def _child(*args: str) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, *args], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    """Run every phase in its own process and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--sizes", default="1000,100000")
    parser.add_argument("--probe", type=int, default=300)
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase == "throughput":
        print(json.dumps(phase_throughput(args.articles)))
        return
    if args.phase == "scale":
        print(json.dumps(phase_scale(args.size, args.probe)))
        return
    t = _child("--phase", "throughput", "--articles", str(args.articles))
    print(
        f"corpus: {t['articles']} synthetic articles -> {t['statements']} statements, "
        f"{t['developments']} developments"
    )
    print()
    print(f"{'measure':<44} {'value':>12} {'target':>12}")
    print(f"{'extraction only (articles/s)':<44} {t['extract_rate']:>12.0f} {'':>12}")
    print(f"{'extraction + diff + store (articles/s)':<44} {t['rate']:>12.0f} {'>= 200':>12}")
    print(f"{'peak memory, full ingest (MB)':<44} {t['peak_mb']:>12.1f} {'< 150':>12}")
    scales = [
        _child("--phase", "scale", "--size", s, "--probe", str(args.probe))
        for s in args.sizes.split(",")
    ]
    for s in scales:
        print(
            f"{'ms/article with {} stored developments'.format(s['size']):<44} "
            f"{s['ms_per_article']:>12.2f} {'':>12}"
        )
    if len(scales) > 1:
        ratio = scales[-1]["ms_per_article"] / scales[0]["ms_per_article"]
        last, first = scales[-1]["size"], scales[0]["size"]
        print(
            f"{f'cost ratio {last} vs {first} developments':<44} {ratio:>12.2f} {'~1 (flat)':>12}"
        )
        print(
            f"{'peak memory at {} developments (MB)'.format(scales[-1]['size']):<44} "
            f"{scales[-1]['peak_mb']:>12.1f} {'< 150':>12}"
        )


if __name__ == "__main__":
    main()
