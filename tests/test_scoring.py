"""``talkwatch eval --gold X.jsonl`` scores as the team's scorer does."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from bot.app.scoring import Report, evaluate_corpus, read_gold, score
from bot.config import Config
from tests.conftest import INGEST_TIME, ROOT

TUNE = ROOT / "tests" / "data" / "corpus" / "tune"
TEAM_SCORER = ROOT.parent / "shared" / "eval" / "score.py"


def _perfect(gold: list[dict], stems: list[str] | None = None) -> list[dict]:
    """A system output that is the gold itself: one development per cluster, each mention
    naming its article (as a URL would); ``stems``: the article files' names (tune's)."""
    stems = stems or [p.stem for p in (TUNE / "articles").glob("*.txt")]
    devs: dict[str, dict] = {}
    for g in gold:
        if "off_topic" in g["issues"]:
            continue
        dev = devs.setdefault(
            g["cluster"],
            {"actor": "", "actor_name": g["speaker"].split("|")[0], "issues": g["issues"],
             "mentions": []},
        )  # fmt: skip
        stem = next(s for s in stems if s.startswith(g["article"] + "_"))
        dev["mentions"].append({"text": g["text"], "url": f"file:///{stem}.txt", "source": ""})
    return list(devs.values())


def _articles() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in (TUNE / "articles").glob("*.txt")}


def test_the_gold_itself_scores_one_everywhere() -> None:
    gold = read_gold(TUNE / "gold.jsonl")
    report = score(gold, _articles(), _perfect(gold))
    assert report.gold > 200
    figures = (report.recall, report.precision, report.attribution, report.issue_f1,
               report.group_f1)  # fmt: skip
    assert figures == (1.0, 1.0, 1.0, 1.0, 1.0)


def test_each_kind_of_error_costs_its_own_figure() -> None:
    gold = read_gold(TUNE / "gold.jsonl")
    devs = _perfect(gold)
    devs[0] = {**devs[0], "actor_name": "Somebody Else", "issues": ["other"]}
    merged = {**devs[1], "mentions": devs[1]["mentions"] + devs[2]["mentions"]}
    devs = [devs[0], merged, *devs[3:]]
    report = score(gold, _articles(), devs)
    assert report.recall == 1.0
    assert report.attribution < 1.0
    assert report.issue_r < 1.0
    assert report.group_p < 1.0


def _flawed(folder: Path, tag: str) -> tuple[list[dict], dict[str, str], list[dict]]:
    """A folder's gold, articles and a system output with a wrong speaker, a wrong issue, a
    wrong merge and a missed statement; every name prefixed by ``tag`` so two folders can be
    scored as one corpus."""
    gold = [
        {**g, "article": tag + g["article"], "cluster": tag + str(g.get("cluster") or "")}
        for g in read_gold(folder / "gold.jsonl")
    ]
    articles = {
        tag + p.name: p.read_text(encoding="utf-8") for p in (folder / "articles").glob("*.txt")
    }
    devs = _perfect(gold, [Path(name).stem for name in articles])
    devs[0] = {**devs[0], "actor_name": "Somebody Else", "issues": ["other"]}
    merged = {**devs[1], "mentions": devs[1]["mentions"] + devs[2]["mentions"]}
    return gold, articles, [devs[0], merged, *devs[4:]]


def test_pooled_reports_score_as_one_corpus() -> None:
    corpus = ROOT / "tests" / "data" / "corpus"
    first, second = _flawed(corpus / "tune", "a-"), _flawed(corpus / "tune2", "b-")
    apart = [score(*first), score(*second)]
    together = score(first[0] + second[0], first[1] | second[1], first[2] + second[2])
    pooled = Report.pooled(apart)
    counted = ("gold", "mentions", "matched", "used", "attributed", "issue_tp", "issue_fp",
               "issue_fn", "pair_tp", "pair_fp", "pair_fn")  # fmt: skip
    assert [getattr(pooled, c) for c in counted] == [getattr(together, c) for c in counted]
    assert pooled.group_f1 == together.group_f1 < 1.0
    # not the mean of the two folders' figures: each statement weighs the same
    assert pooled.recall != (apart[0].recall + apart[1].recall) / 2


@pytest.mark.skipif(not TEAM_SCORER.exists(), reason="the team's scorer is not beside the repo")
def test_eval_agrees_with_the_team_scorer(tmp_path: Path, config: Config) -> None:
    from bot.app.ingest import ingest_seeds
    from bot.app.scoring import article_files, development_record
    from bot.store import Store

    store = Store(tmp_path / "t.db")
    ingest_seeds(store, config, TUNE / "articles", INGEST_TIME)
    out = tmp_path / "system.json"
    files = article_files(store)  # as `talkwatch statements --json` prints them
    out.write_text(json.dumps([development_record(d, files) for d in store.developments()]))
    store.close()
    team = subprocess.run(
        [sys.executable, str(TEAM_SCORER), str(TUNE / "gold.jsonl"), str(TUNE / "articles"),
         str(out)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    ours = evaluate_corpus(config, TUNE / "gold.jsonl", TUNE / "articles", INGEST_TIME)
    assert ours.lines() == team.stdout.strip().splitlines()


def test_off_topic_rows_are_not_gold(config: Config) -> None:
    gold = read_gold(TUNE / "gold.jsonl")
    off = {g["article"] for g in gold if "off_topic" in g["issues"]}
    assert off  # the corpus has off-topic articles
    report = score(gold, _articles(), [])
    assert report.gold == sum(1 for g in gold if g["article"] not in off)
    assert replace(report).missed  # everything is missed by an empty system


_WIRE = """title: Envoy says the text is nearly ready
source: {outlet}
url: https://{host}.example/world/envoy-text
published: 2026-03-02T10:00:00Z

{lead}
"The text is nearly ready, and the last questions are about the border," the envoy Steve \
Witkoff told reporters on Monday.
"""


def test_a_quote_two_files_carry_word_for_word_is_placed_in_each(
    tmp_path: Path, config: Config
) -> None:
    """A mention names the file it was read from, so the scorer places a wire quote two outlets
    print identically in both articles, not twice in the first that holds it."""
    from bot.app.ingest import ingest_seeds
    from bot.app.scoring import article_files, development_record
    from bot.store import Store

    folder = tmp_path / "articles"
    folder.mkdir()
    for name, outlet, host, lead in (
        ("a1_first.txt", "First Wire", "first", "Talks on the peace plan resumed in Geneva."),
        ("a2_second.txt", "Second Post", "second", "Negotiators met again on the peace plan."),
    ):
        (folder / name).write_text(_WIRE.format(outlet=outlet, host=host, lead=lead))
    quote = "The text is nearly ready, and the last questions are about the border,"
    gold = [
        {"article": a, "speaker": "Steve Witkoff", "kind": "direct", "issues": ["peace_plan"],
         "text": quote, "cluster": "witkoff-text"}
        for a in ("a1", "a2")
    ]  # fmt: skip
    store = Store(tmp_path / "t.db")
    ingest_seeds(store, config, folder, INGEST_TIME)
    files = article_files(store)
    devs = [development_record(d, files) for d in store.developments()]
    store.close()
    said = [m for d in devs for m in d["mentions"] if m["text"] in quote]
    placed = sorted(m.get("article", "") for m in said)
    assert placed == ["a1_first.txt", "a2_second.txt"]
    texts = {p.name: p.read_text(encoding="utf-8") for p in folder.glob("*.txt")}
    report = score(gold, texts, devs)
    assert (report.recall, report.precision) == (1.0, 1.0)
