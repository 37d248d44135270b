"""The talkwatch command line, run as a real process against a real database file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


def _run(
    tmp_path: Path, *args: str, config_dir: Path | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "TALKWATCH_DB": str(tmp_path / "cli.db"),
        "TALKWATCH_CONFIG": str(config_dir or ROOT / "config"),
    }
    env.pop("TELEGRAM_BOT_TOKEN", None)
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def no_feeds_config(config_dir: Path) -> Path:
    """The shipped config without remote feeds (tests never leave loopback)."""
    (config_dir / "feeds.toml").write_text("feeds = []\n", encoding="utf-8")
    return config_dir


def test_ingest_prints_a_summary_and_is_idempotent(tmp_path: Path) -> None:
    first = _run(tmp_path, "ingest", "--seeds", "seeds")
    assert first.returncode == 0, first.stderr
    assert "articles: 5 seen, 5 new" in first.stdout
    second = _run(tmp_path, "ingest", "--seeds", "seeds")
    assert "articles: 5 seen, 0 new" in second.stdout
    assert "developments: 0 new, 0 gained sources" in second.stdout


def test_statements_json_has_the_documented_shape(tmp_path: Path) -> None:
    _run(tmp_path, "ingest", "--seeds", "seeds")
    result = _run(tmp_path, "statements", "--actor", "peskov", "--issue", "nato", "--json")
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)
    assert items
    for item in items:
        assert set(item) >= {
            "id",
            "actor",
            "actor_name",
            "kind",
            "issues",
            "text",
            "first_seen",
            "mentions",
        }
        assert item["actor"] == "peskov"
        assert "nato" in item["issues"]
        for mention in item["mentions"]:
            # every seed is a file, so every mention names the one it was read from
            assert set(mention) == {"source", "url", "text", "published", "article"}
    urls = {m["url"] for item in items for m in item["mentions"]}
    assert "seeds/002_1c71d3537f0efed3.txt" in urls
    files = {m["article"] for item in items for m in item["mentions"]}
    assert files <= {p.name for p in (ROOT / "seeds").glob("*.txt")}
    assert "002_1c71d3537f0efed3.txt" in files


def test_statements_since_in_the_future_is_empty(tmp_path: Path) -> None:
    _run(tmp_path, "ingest", "--seeds", "seeds")
    result = _run(tmp_path, "statements", "--since", "2999-01-01", "--json")
    assert json.loads(result.stdout) == []


def test_bad_since_is_a_clear_error(tmp_path: Path) -> None:
    result = _run(tmp_path, "statements", "--since", "yesterday-ish")
    assert result.returncode == 2
    assert "not an ISO date" in result.stderr


def test_run_once_without_token_prints_the_developments(
    tmp_path: Path, no_feeds_config: Path
) -> None:
    result = _run(tmp_path, "run", "--once", config_dir=no_feeds_config)
    assert result.returncode == 0, result.stderr
    assert "Dmitry Peskov" in result.stdout
    assert "Naturally" in result.stdout
    assert "articles: 5 seen, 5 new" in result.stdout


def test_config_error_names_file_and_key(tmp_path: Path, config_dir: Path) -> None:
    (config_dir / "feeds.toml").write_text(
        '[[feeds]]\nname = "x"\nurl = "ftp://nope"\n', encoding="utf-8"
    )
    result = _run(tmp_path, "statements", config_dir=config_dir)
    assert result.returncode == 2
    assert "feeds.toml" in result.stderr
    assert "feeds[0].url" in result.stderr


def test_eval_prints_precision_and_recall() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "eval"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "TALKWATCH_CONFIG": str(ROOT / "config")},
    )
    assert result.returncode == 0, result.stderr
    rows = {line.split("  ")[0]: line for line in result.stdout.splitlines()}
    assert "attribution" in rows
    assert "grouping (pairs)" in rows
    attribution = rows["attribution"].split()
    precision, recall = float(attribution[1]), float(attribution[2])
    assert precision >= 0.9
    assert recall >= 0.9


def test_chat_runs_the_same_commands_in_the_terminal(tmp_path: Path) -> None:
    _run(tmp_path, "ingest", "--seeds", "seeds")
    session = "/start\n/subscribe peskow\n1\n/subscriptions\n/issue nato\n/nonsense <b>\n/quit\n"
    result = _run(tmp_path, "chat", stdin=session)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Did you mean: Dmitry Peskov" in out
    assert "Following Dmitry Peskov" in out  # button 1 pressed by number
    assert "People: Dmitry Peskov" in out
    assert "Latest on NATO membership" in out
    assert "reported by 2 outlets" in out
    assert "I don't know the command /nonsense" in out
    assert "<b>" not in out  # HTML is rendered as plain text


def test_status_reports_queue_and_feed_health(tmp_path: Path) -> None:
    _run(tmp_path, "ingest", "--seeds", "seeds")
    result = _run(tmp_path, "status")
    # the figures are printed either way; no bot is running here, so it is not healthy
    assert result.returncode == 1, result.stderr
    assert "unhealthy: the bot is not running" in result.stdout
    assert "queue pending" in result.stdout
    assert "developments" in result.stdout
