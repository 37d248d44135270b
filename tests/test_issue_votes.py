"""The issues a development is shown with when its first mention is a crowded reported sentence."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.model import Actor, Article, Statement, StatementKind
from bot.store import Store
from bot.store.tally import first_holds


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """An empty database in a real SQLite file, with one speaker."""
    db = Store(tmp_path / "talkwatch.db")
    db.upsert_actors([Actor("halvorsen", "Ingrid Halvorsen")])
    yield db
    db.close()


def _mention(
    store: Store,
    dev_id: int | None,
    k: int,
    kind: StatementKind,
    text: str,
    issues: tuple[str, ...],
    *,
    start: bool = False,
) -> int:
    """One more outlet's mention of the envoy's remark; the development."""
    now = datetime(2026, 4, 7, 9, k, tzinfo=UTC)
    article = Article(url=f"https://o{k}.example/a", title="", text="", source=f"Outlet {k}")
    statement = Statement(
        "halvorsen", kind, text, issues, 0, store.insert_article(article, f"h{k}", now)
    )
    if dev_id is None and start:
        return store.start_development(statement, now)
    dev_id = dev_id or store.create_development(statement, now)
    store.add_statement(statement, dev_id, now)
    return dev_id


def _shown(store: Store, dev_id: int) -> tuple[tuple[str, ...], set[str]]:
    (dev,) = store.developments(ids=[dev_id])
    rows = store.db.execute(
        "select issue_id from development_issues where development_id = ?", [dev_id]
    )
    return dev.issues, {r[0] for r in rows}


LEAD = (
    "As the grain-corridor talks stalled over sanctions relief and a truce, envoy Ingrid "
    "Halvorsen said the ports would reopen once the drones stopped hitting the power lines."
)
QUOTE = "The ports reopen the day the drones stop hitting the power lines."


def test_a_first_mention_holds_its_issues_unless_reported_and_crowded() -> None:
    assert first_holds("direct", ("ceasefire", "energy", "sanctions"))
    assert first_holds("reported", ("ceasefire", "energy"))
    assert not first_holds("reported", ("ceasefire", "energy", "sanctions"))


@pytest.mark.parametrize("start", [False, True])
def test_a_crowded_reported_lead_does_not_keep_its_context_issues(
    store: Store, start: bool
) -> None:
    dev = _mention(
        store, None, 1, "reported", LEAD, ("ceasefire", "energy", "sanctions"), start=start
    )
    _mention(store, dev, 2, "direct", QUOTE, ("energy",))
    # two mentions: each issue is named by half of them
    assert _shown(store, dev) == (
        ("ceasefire", "energy", "sanctions"),
        {"ceasefire", "energy", "sanctions"},
    )
    _mention(store, dev, 3, "direct", QUOTE, ("energy",))
    # ceasefire and sanctions: 1 of 3, named only by the reporter's crowded sentence
    assert _shown(store, dev) == (("energy",), {"energy"})
    assert [d.id for d in store.developments(issue="sanctions")] == []


def test_the_speakers_own_words_first_keep_their_issues(store: Store) -> None:
    words = (
        "No truce, no sanctions relief: the ports reopen when the drones stop hitting the grid."
    )
    dev = _mention(store, None, 1, "direct", words, ("ceasefire", "energy", "sanctions"))
    _mention(store, dev, 2, "direct", QUOTE, ("energy",))
    _mention(store, dev, 3, "direct", QUOTE, ("energy",))
    assert _shown(store, dev) == (
        ("ceasefire", "energy", "sanctions"),
        {"ceasefire", "energy", "sanctions"},
    )
