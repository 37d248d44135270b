"""Where extraction's time goes, stage by stage: the generated corpus of benchmarks/ingest.py
extracted once, with a timer around each stage's entry points (the cleaner, recasing, the
segmenter, quotes, actor mentions, institutions, attribution, coreference, issues, the topic
gate). A stage's time is its own, less the stages it calls; "rest" is the extractor's own code.
Far lighter than cProfile, which times every call and so inflates Python-heavy stages.

    python benchmarks/extract_stages.py [--articles 1000]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import bot.extract.statements as statements_module  # noqa: E402
from bot.app.ingest import Pipeline  # noqa: E402
from bot.extract import clean  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks"))
from ingest import _load, corpus  # noqa: E402

# (stage, object path under the extractor, method names)
STAGES = [
    ("segment", "segmenter", ("blocks", "sentences")),
    ("quotes", "quotes", ("find",)),
    ("actors", "index", ("find",)),
    ("institutions", "institutions", ("mentions",)),
    ("attribution", "attribution", ("reported", "quote_speaker", "asker", "speaker_in")),
    ("coreference", "coref", ("resolve",)),
    ("issues.tags", "tagger", ("tags", "tags_in", "hits")),
    ("issues.settle", "reader", ("settle", "own_in", "reported")),
    ("topic", "topic", ("on_topic",)),
]

totals: dict[str, float] = defaultdict(float)
calls: dict[str, int] = defaultdict(int)
stack: list[list[Any]] = []  # [stage, time spent in stages it called]


def timed(stage: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    """fn, its own time (less the timed stages it calls) added to the stage's."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        frame = [stage, 0.0]
        stack.append(frame)
        start = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            spent = time.process_time() - start
            stack.pop()
            totals[stage] += spent - frame[1]
            calls[stage] += 1
            if stack:
                stack[-1][1] += spent

    return wrapper


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args()
    config = _load()
    articles = corpus(config, args.articles)
    extractor = Pipeline(config).extractor
    extractor.extract(clean.clean_text(articles[0].text))  # compile what is compiled lazily
    for stage, path, names in STAGES:
        owner = getattr(extractor, path)
        for name in names:
            setattr(owner, name, timed(stage, getattr(owner, name)))
    statements_module.recased = timed("recase", statements_module.recased)
    clean_text = timed("clean", clean.clean_text)
    extract = timed("rest", extractor.extract)
    start = time.process_time()
    for article in articles:
        extract(clean_text(article.text))
    used = time.process_time() - start
    whole = sum(totals.values())
    print(f"{args.articles} articles, {used:.2f} CPU-s ({args.articles / used:.0f}/s, timed)")
    for stage, spent in sorted(totals.items(), key=lambda kv: -kv[1]):
        share = spent / whole
        print(f"{stage:14} {spent:7.3f} s {share:6.1%} {calls[stage]:8d} calls")


if __name__ == "__main__":
    main()
