"""``benchmarks/errors.py``: each remaining error in the bucket of the stage that caused it, with
counts that add up to the scorer's figures. A tiny corpus written for the test: one article on the
talks, one aside, one on football, one on a city budget."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.app.pipeline import Pipeline
from bot.app.stage_errors import STAGES, Tally, stage_errors
from bot.config import Config
from tests.conftest import INGEST_TIME, ROOT

HEADER = "title: {title}\nsource: Test Wire\nurl: https://testwire.example/{name}\n"
HEADER += "published: {day}T09:00:00Z\n\n"
ARTICLES = {
    "e01_geneva": (
        "2026-05-04",
        'Zelensky says "no frozen front" as Geneva round opens\n'
        "GENEVA, May 4 (Test Wire) - Ukrainian and Russian negotiators met in Geneva on Monday "
        "for a new round of talks on a ceasefire.\n"
        '"We will not accept any ceasefire that simply freezes the front line," Ukrainian '
        "President Volodymyr Zelensky told reporters on Monday.\n"
        "Kremlin spokesman Dmitry Peskov said on Monday that Moscow was ready to discuss a "
        "ceasefire but that sanctions relief had to come first.\n"
        "The delegations broke for lunch after three hours and resumed the ceasefire talks in "
        "the afternoon.\n",
    ),
    "e03_football": (
        "2026-05-05",
        "Late goal lifts the home side\n"
        "ZURICH, May 5 (Test Wire) - The home side won the derby with a goal in the last minute "
        "on Tuesday night.\n"
        '"My players never stopped running and the crowd carried us to the end," coach Anton '
        "Berger told reporters after the match.\n",
    ),
    "e04_budget": (
        "2026-05-06",
        "City budget vote delayed\n"
        "BERN, May 6 (Test Wire) - The city council postponed its budget vote by a week on "
        "Wednesday.\n"
        '"We need more time to look at the energy bills of the schools before we vote on '
        'anything," council leader Petra Muster said on Wednesday, adding that sanctions on late '
        "payers would stay in place.\n",
    ),
}
PESKOV = (
    "Kremlin spokesman Dmitry Peskov said on Monday that Moscow was ready to discuss a ceasefire "
    "but that sanctions relief had to come first."
)
GOLD = [
    # in the headline: never read as a statement
    ("e01", "Volodymyr Zelensky", ["ceasefire"], "no frozen front", "zel-front-0504"),
    # a wrong label on purpose: the system's speaker is named in the quote's own sentence
    ("e01", "Kaja Kallas", ["ceasefire", "territory"],
     "We will not accept any ceasefire that simply freezes the front line,", "zel-front-0504"),
    # labelled without sanctions, which its own words name: an extra tag from its own term
    ("e01", "Dmitry Peskov|Kremlin", ["ceasefire"], PESKOV, "zel-front-0504"),
    # narrative labelled as a statement: no frame finds it
    ("e01", "unnamed Ukrainian official", ["ceasefire"],
     "The delegations broke for lunch after three hours and resumed the ceasefire talks in the "
     "afternoon.", "ua-lunch-0504"),
    # labelled on an article the topic gate drops
    ("e03", "Anton Berger", ["peace_plan"],
     "My players never stopped running and the crowd carried us to the end,", "berger-0505"),
    ("e04", "", ["off_topic"], "", ""),
]  # fmt: skip


def _write(folder: Path, articles: dict[str, tuple[str, str]], gold: list[tuple]) -> Path:
    """A corpus folder: articles/ and gold.jsonl."""
    (folder / "articles").mkdir(parents=True)
    for name, (day, body) in articles.items():
        head = HEADER.format(title=body.split("\n")[0], name=name, day=day)
        (folder / "articles" / f"{name}.txt").write_text(head + body, encoding="utf-8")
    rows = [
        # a whole sentence is a reported row here, anything shorter a quotation
        {"article": a, "speaker": s, "kind": "reported" if t.endswith(".") else "direct",
         "issues": i, "text": t, "cluster": c}
        for a, s, i, t, c in gold
    ]  # fmt: skip
    (folder / "gold.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    return folder


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny corpus folder."""
    return _write(tmp_path_factory.mktemp("corpus") / "tiny", ARTICLES, GOLD)


@pytest.fixture(scope="module")
def tally(config: Config, corpus: Path) -> Tally:
    """The tiny corpus's errors."""
    pipe = Pipeline(config)
    return stage_errors(config, pipe, corpus / "gold.jsonl", corpus / "articles", INGEST_TIME)


def _bucket(tally: Tally, stage: str) -> dict[str, int]:
    return {cause: n for (s, cause), n in tally.counts.items() if s == stage and n}


def test_missed_rows_are_put_where_they_were_lost(tally: Tally) -> None:
    assert _bucket(tally, "missed") == {
        "not text: headline": 1,
        "no frame found: reported, no verb": 1,
        "article dropped whole": 1,
    }


def test_an_extra_in_an_article_without_gold_is_off_topic(tally: Tally) -> None:
    assert _bucket(tally, "extra") == {"off-topic article": 1}


def test_a_speaker_named_in_the_same_sentence_is_a_nearest_name_error(tally: Tally) -> None:
    assert _bucket(tally, "speaker") == {"nearest name (same sentence)": 1}


def test_a_tag_its_own_words_name_is_an_own_term_extra(tally: Tally) -> None:
    assert tally.issues["issue extra", "sanctions", "own term"] == 1


def test_a_gold_pair_across_speakers_is_split(tally: Tally) -> None:
    split = _bucket(tally, "split pair")
    assert split["same article"] == 1
    assert split["speaker differs"] == 1


def test_the_buckets_add_up_to_the_figures(tally: Tally) -> None:
    for stage, key in (("missed", "missed"), ("extra", "extra"), ("speaker", "speaker")):
        causes = dict(STAGES)[stage]
        assert sum(tally.counts[stage, c] for c in causes) == tally.totals[key] > 0
    for stage, key in (("split pair", "split pairs"), ("wrong merge", "wrong merges")):
        where = tally.counts[stage, "same article"] + tally.counts[stage, "other article"]
        assert where == tally.totals[key]


def test_a_heldout_folder_prints_counts_never_texts(corpus: Path, tmp_path: Path) -> None:
    heldout = tmp_path / "heldout_tiny"
    heldout.symlink_to(corpus, target_is_directory=True)
    run = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "errors.py"), "--corpus", str(heldout),
         "--verbose"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert "| missed | no frame found: reported, no verb | 1 | 1 |" in run.stdout
    assert "delegations" not in run.stdout
    assert "Zelensky" not in run.stdout


def test_a_speaker_named_before_is_a_coreference_error_of_its_shape(
    config: Config, tmp_path: Path
) -> None:
    # a wrong label on purpose: the system's speaker is the one "He" stands for, named in the
    # paragraph before; the bucket tells the shape (a pronoun, another paragraph), not the text
    articles = {
        "e05_miami": (
            "2026-05-07",
            "Envoys meet in Miami\n"
            "MIAMI, May 7 (Test Wire) - Rustem Umerov met Steve Witkoff in Miami on Thursday.\n"
            "He said the sides had narrowed their differences on the territorial question.\n",
        )
    }
    said = "He said the sides had narrowed their differences on the territorial question."
    gold = [("e05", "Steve Witkoff", ["territory"], said, "witkoff-narrowed-0507")]
    folder = _write(tmp_path / "miami", articles, gold)
    tally = stage_errors(
        config, Pipeline(config), folder / "gold.jsonl", folder / "articles", INGEST_TIME
    )
    assert _bucket(tally, "speaker") == {"coreference: pronoun, earlier paragraph": 1}
