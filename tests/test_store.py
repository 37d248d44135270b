"""The store's own contract: one class per concern composed into Store, typed values in and out."""

from __future__ import annotations

import ast
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.config import Config
from bot.model import Actor, Article, Chat, FeedState, Statement
from bot.store import Store
from bot.store.articles import ArticleStore
from bot.store.chats import ChatStore
from bot.store.db import CACHE_KIB, StoreBase
from bot.store.developments import DevelopmentStore
from bot.store.feeds import FeedStore
from bot.store.outbox import OutboxStore
from bot.store.placements import PlacementStore

CONCERNS = (ArticleStore, DevelopmentStore, PlacementStore, ChatStore, FeedStore, OutboxStore)
ROOT = Path(__file__).resolve().parent.parent


def test_each_method_has_one_home() -> None:
    homes: dict[str, list[str]] = {}
    for concern in CONCERNS:
        for name in vars(concern):
            if callable(getattr(concern, name)) and not name.startswith("__"):
                homes.setdefault(name, []).append(concern.__name__)
    shared = {name: owners for name, owners in homes.items() if len(owners) > 1}
    assert shared == {}
    assert not set(homes) & set(vars(StoreBase))
    assert all(issubclass(Store, concern) for concern in CONCERNS)
    assert [name for name in vars(Store) if not name.startswith("__")] == []  # only composes


def test_feed_state_is_typed_and_a_save_changes_only_what_it_names(store: Store) -> None:
    polled = datetime(2025, 12, 16, 9, 0, tzinfo=UTC)
    assert store.feed_state("Wire") == FeedState("Wire")  # never polled: blank, not an error
    store.save_feed_state(
        "Wire",
        url="https://wire.example/rss",
        interval_minutes=10,
        etag='"v1"',
        last_polled_at=polled,
        last_success_at=polled,
        consecutive_failures=0,
        next_poll_at=polled + timedelta(minutes=10),
        entries_seen=3,
    )
    store.save_feed_state("Wire", removed=True)  # an admin's removal keeps the poll's outcome
    assert store.feed_state("Wire") == FeedState(
        name="Wire",
        url="https://wire.example/rss",
        interval_minutes=10,
        etag='"v1"',
        last_polled_at=polled,
        last_success_at=polled,
        next_poll_at=polled + timedelta(minutes=10),
        entries_seen=3,
        removed=True,
    )
    store.save_feed_state("Added", url="https://added.example/rss", origin="admin")
    assert [s.name for s in store.feed_states()] == ["Added", "Wire"]
    assert store.feed_states()[0].origin == "admin"
    assert store.feed_states()[0].last_success_at is None


def test_update_chat_changes_only_the_settings_it_names(store: Store) -> None:
    now = datetime(2025, 12, 16, 9, 0, tzinfo=UTC)
    store.ensure_chat(Chat(id=7, timezone="Europe/Kyiv", digest_time="07:30"), now)
    later = now + timedelta(hours=1)
    store.update_chat(7, later, paused=True, next_digest_at=now + timedelta(days=1))
    store.update_chat(7, later, alerts=False, last_digest_at=now)
    chat = store.chat(7)
    assert chat is not None
    assert (chat.timezone, chat.digest_time) == ("Europe/Kyiv", "07:30")
    assert (chat.paused, chat.alerts, chat.active) == (True, False, True)
    assert (chat.last_digest_at, chat.next_digest_at) == (now, now + timedelta(days=1))
    with pytest.raises(TypeError):
        store.update_chat(7, later, title="not a setting")  # type: ignore[call-arg]


def test_candidates_are_newest_first_with_issue_tuples_and_stems(seeded_store: Store) -> None:
    since = datetime(2025, 1, 1, tzinfo=UTC)
    rows = seeded_store.candidate_mentions("peskov", since)
    assert rows
    statements = {s.id: s for s in seeded_store.statements()}
    for sid, dev_id, issues, signature, kind in rows:
        assert kind == seeded_store.development_kind(dev_id)
        assert statements[sid].development_id == dev_id
        assert issues == statements[sid].issues
        counted = {
            r[0]
            for r in seeded_store.db.execute(
                "select issue_id from development_issue_mentions where development_id = ?",
                [dev_id],
            )
        }
        assert set(issues) <= counted  # every mention's issues are counted for its development
        assert signature.split()  # space-separated stems
    assert any(issues for _, _, issues, _, _ in rows)
    assert len(seeded_store.candidate_mentions("peskov", since, limit=2)) == 2


def _uses_of_the_connection(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and node.attr in ("db", "conn", "execute")
    ]


def test_only_the_store_touches_the_database() -> None:
    outside = [
        p
        for p in [*(ROOT / "bot").rglob("*.py"), *(ROOT / "benchmarks").rglob("*.py")]
        if "store" not in p.relative_to(ROOT).parts
    ]
    assert len(outside) > 20
    assert [use for p in outside for use in _uses_of_the_connection(p)] == []
    assert _uses_of_the_connection(ROOT / "bot" / "store" / "chats.py")  # the check sees uses


def _counts(store: Store, dev_id: int) -> tuple[int, int]:
    row = store.db.execute(
        "select mention_count, outlet_count from developments where id = ?", [dev_id]
    ).fetchone()
    return (row[0], row[1])


def test_outlet_counts_follow_mentions_and_merges(store: Store) -> None:
    now = datetime(2025, 12, 16, 9, 0, tzinfo=UTC)
    store.upsert_actors([Actor("umerov", "Rustem Umerov")])

    def article(k: int, outlet: str) -> int:
        return store.insert_article(
            Article(url=f"https://x.example/{k}", title="", text="", source=outlet), f"h{k}", now
        )

    def mention(dev_id: int | None, article_id: int, position: int = 0) -> int:
        statement = Statement("umerov", "direct", "the talks went well", (), position, article_id)
        dev_id = dev_id or store.create_development(statement, now)
        store.add_statement(statement, dev_id, now, "talk went well")
        return dev_id

    first = mention(None, article(1, "Wire"))
    mention(first, article(2, "Wire"))  # the same outlet again: one more mention, no outlet
    mention(first, article(3, "Post"))
    assert _counts(store, first) == (3, 2)
    second = mention(None, article(4, "Post"), 0)
    mention(second, article(5, "Radio"), 0)
    assert _counts(store, second) == (2, 2)
    store.merge_developments(first, second)
    assert _counts(store, first) == (5, 3)  # Wire, Post, Radio
    mention(first, article(6, "Radio"))
    mention(first, article(7, "Daily"))
    assert _counts(store, first) == (7, 4)


def test_an_older_database_gets_the_outlets_of_its_developments(tmp_path: Path) -> None:
    from sqlite_utils import Database

    from bot.store import migrations

    path = tmp_path / "old.db"
    db = Database(path)
    migrations.apply(db, stop_before="m004_development_sources")
    db["actors"].insert({"id": "umerov", "name": "Rustem Umerov"})
    outlets = [(1, "Wire"), (2, "Wire"), (3, "Post")]
    db["articles"].insert_all(
        {"id": k, "url": f"u{k}", "content_hash": f"h{k}", "source": src} for k, src in outlets
    )
    db["developments"].insert({"id": 9, "actor_id": "umerov"})
    db["statements"].insert_all(
        {"article_id": k, "actor_id": "umerov", "position": 0, "development_id": 9}
        for k, _ in outlets
    )
    db.close()
    store = Store(path)
    assert {tuple(r) for r in store.db.execute("select * from development_sources")} == {
        (9, "Wire"),
        (9, "Post"),
    }
    store.close()


def test_ingesting_and_merging_scan_no_table(seeded_store: Store, config: Config) -> None:
    # a table scan in the ingest path is a cost that grows with everything stored
    from bot.app.ingest import ingest_articles

    seen: list[str] = []
    seeded_store.db.conn.set_trace_callback(seen.append)
    report = ingest_articles(
        seeded_store,
        config,
        [
            Article(
                url="https://wire.example/scan",
                title="",
                source="Wire",
                text="“The energy truce must hold through the winter,” Sybiha said in Geneva.",
            )
        ],
        datetime(2025, 12, 17, 9, 0, tzinfo=UTC),
    )
    (new,) = report.developments_new
    keep = seeded_store.developments(actor="peskov")[0].id
    with seeded_store.transaction():
        seeded_store.merge_developments(keep, new)
    seeded_store.db.conn.set_trace_callback(None)
    statements = [
        s for s in seen if s.lstrip().lower().startswith(("select", "insert", "update", "delete"))
    ]
    assert len(statements) > 20
    plans = {
        step[3]: " ".join(sql.split())[:80]
        for sql in statements
        for step in seeded_store.db.execute("explain query plan " + sql).fetchall()
    }
    assert "SEARCH s USING COVERING INDEX idx_statements_candidates (development_id=?)" in plans
    assert {
        step: sql
        for step, sql in plans.items()
        # a subquery's own rows and a select without a table are not tables
        if step.startswith("SCAN ") and not step.startswith(("SCAN (", "SCAN CONSTANT ROW"))
    } == {}


def _issue_mention(store: Store, dev_id: int | None, k: int, issues: tuple[str, ...]) -> int:
    """One more outlet's mention of a Budanov remark, naming these issues; the development."""
    now = datetime(2026, 3, 16, 9, k, tzinfo=UTC)
    article = Article(url=f"https://o{k}.example/a", title="", text="", source=f"Outlet {k}")
    statement = Statement(
        "budanov",
        "direct",
        "we are working on it",
        issues,
        0,
        store.insert_article(article, f"h{k}", now),
    )
    dev_id = dev_id or store.create_development(statement, now)
    store.add_statement(statement, dev_id, now)
    return dev_id


def _shown(store: Store, dev_id: int) -> tuple[tuple[str, ...], set[str]]:
    (dev,) = store.developments(ids=[dev_id])
    queried = {
        r[0]
        for r in store.db.execute(
            "select issue_id from development_issues where development_id = ?", [dev_id]
        )
    }
    return dev.issues, queried


def test_a_development_shows_what_its_first_mention_or_half_its_mentions_name(
    store: Store,
) -> None:
    store.upsert_actors([Actor("budanov", "Kyrylo Budanov")])
    dev = _issue_mention(store, None, 1, ("prisoners",))
    _issue_mention(store, dev, 2, ("peace_plan", "prisoners"))
    assert _shown(store, dev) == (("peace_plan", "prisoners"), {"peace_plan", "prisoners"})
    _issue_mention(store, dev, 3, ("prisoners",))
    # peace_plan: 1 of 3, and not the first mention's
    assert _shown(store, dev) == (("prisoners",), {"prisoners"})
    _issue_mention(store, dev, 4, ("peace_plan", "sanctions"))
    # peace_plan: 2 of 4; sanctions: 1 of 4
    assert _shown(store, dev) == (("peace_plan", "prisoners"), {"peace_plan", "prisoners"})
    _issue_mention(store, dev, 5, ("prisoners",))
    assert _shown(store, dev) == (("prisoners",), {"prisoners"})
    # what the issue's followers query finds is what the development shows
    assert [d.id for d in store.developments(issue="peace_plan")] == []
    assert [d.id for d in store.developments(issue="prisoners")] == [dev]


def test_a_merge_adds_up_the_counts_and_keeps_the_first_mention_of_the_kept_one(
    store: Store,
) -> None:
    store.upsert_actors([Actor("budanov", "Kyrylo Budanov")])
    keep = _issue_mention(store, None, 1, ("prisoners",))
    _issue_mention(store, keep, 2, ("prisoners",))
    drop = _issue_mention(store, None, 3, ("sanctions",))
    _issue_mention(store, drop, 4, ("peace_plan", "sanctions"))
    _issue_mention(store, drop, 5, ("peace_plan",))
    store.merge_developments(keep, drop)
    # of five mentions: prisoners 2 (and the first), peace_plan 2, sanctions 2 - none half
    assert _shown(store, keep) == (("prisoners",), {"prisoners"})
    _issue_mention(store, keep, 6, ("peace_plan",))
    assert _shown(store, keep) == (("peace_plan", "prisoners"), {"peace_plan", "prisoners"})


def test_an_older_database_shows_what_its_mentions_agree_on(tmp_path: Path) -> None:
    from sqlite_utils import Database

    from bot.store import migrations

    path = tmp_path / "old.db"
    db = Database(path)
    migrations.apply(db, stop_before="m005_development_issue_mentions")
    db["actors"].insert({"id": "budanov", "name": "Kyrylo Budanov"})
    db["articles"].insert_all(
        {"id": k, "url": f"u{k}", "content_hash": f"h{k}", "source": f"S{k}"} for k in (1, 2, 3)
    )
    db["developments"].insert(
        {"id": 9, "actor_id": "budanov", "issues": '["ceasefire", "prisoners"]'}
    )
    db["development_issues"].insert_all(
        {"development_id": 9, "issue_id": i} for i in ("ceasefire", "prisoners")
    )
    db["statements"].insert_all(
        {"article_id": k, "actor_id": "budanov", "position": 0, "development_id": 9,
         "issues": issues}
        for k, issues in ((1, '["prisoners"]'), (2, '["prisoners"]'), (3, '["ceasefire"]'))
    )  # fmt: skip
    db.close()
    store = Store(path)
    assert _shown(store, 9) == (("prisoners",), {"prisoners"})
    assert sorted(store.db.execute("select * from development_issue_mentions")) == [
        (9, "ceasefire", 1, 0),
        (9, "prisoners", 2, 1),
    ]
    store.close()


def test_savepoint_journals_stay_in_memory(store: Store) -> None:
    # an article's savepoint journal is no temporary file (2: MEMORY)
    assert store.db.execute("pragma temp_store").fetchone()[0] == 2


def test_nested_savepoints_roll_back_only_their_own_writes(store: Store) -> None:
    # savepoints are named by their depth: a rolled-back inner one undoes its writes only, and
    # the one around it, at another depth, keeps its own
    def names() -> list[str]:
        return [r[0] for r in store.db.execute("select id from actors order by id")]

    def failing(actor: str) -> None:
        with store.transaction():
            store.upsert_actors([Actor(actor, actor.upper())])
            raise RuntimeError(actor)

    with store.transaction():
        store.upsert_actors([Actor("a", "A")])
        with store.transaction():
            store.upsert_actors([Actor("b", "B")])
            with pytest.raises(RuntimeError):
                failing("c")
            assert names() == ["a", "b"]
        with pytest.raises(RuntimeError):
            failing("d")
    assert names() == ["a", "b"]


def _stored_tally(store: Store, dev_id: int) -> tuple[int, int, tuple[str, ...]]:
    """A development's mention and outlet counts and shown issues, counted from its rows."""
    row = store.db.execute(
        """select (select count(*) from statements where development_id = ?),
                  (select count(distinct a.source) from statements s join articles a
                   on a.id = s.article_id where s.development_id = ?)""",
        [dev_id, dev_id],
    ).fetchone()
    (dev,) = store.developments(ids=[dev_id])
    return row[0], row[1], dev.issues


def test_mentions_written_in_one_transaction_count_as_written_one_by_one(store: Store) -> None:
    # one transaction keeps what it read of a development (bot/store/tally.py); a savepoint
    # rolled back inside it, and what it had kept, leave no trace
    store.upsert_actors([Actor("budanov", "Kyrylo Budanov")])

    def failing_article(dev: int) -> None:
        with store.transaction():
            _issue_mention(store, dev, 3, ("peace_plan",))
            _issue_mention(store, dev, 4, ("peace_plan",))
            raise RuntimeError("the article failed")

    with store.transaction():
        dev = _issue_mention(store, None, 1, ("prisoners",))
        _issue_mention(store, dev, 2, ("peace_plan",))
        with pytest.raises(RuntimeError):
            failing_article(dev)
        _issue_mention(store, dev, 5, ("sanctions",))
        # peace_plan: 1 of 3 (the rolled-back two are gone), sanctions 1 of 3
        assert _stored_tally(store, dev) == (3, 3, ("prisoners",))
        _issue_mention(store, dev, 6, ("peace_plan",))
    assert _counts(store, dev) == (4, 4)
    assert _stored_tally(store, dev) == (4, 4, ("peace_plan", "prisoners"))


def test_a_mention_written_after_another_connection_counts_its_rows(tmp_path: Path) -> None:
    # sqlite3 opens a transaction by itself before a write outside atomic(); once that is
    # committed, another connection may write before the next one, and what the first kept
    # of the development must not be used
    path = tmp_path / "two.db"
    one, two = Store(path), Store(path)
    one.upsert_actors([Actor("budanov", "Kyrylo Budanov")])
    dev = _issue_mention(one, None, 1, ("prisoners",))
    one.mark_announced([dev], datetime(2026, 3, 16, 10, 0, tzinfo=UTC))  # begins one itself
    assert one.db.conn.in_transaction
    _issue_mention(one, dev, 2, ("peace_plan",))
    one.db.conn.commit()
    _issue_mention(two, dev, 3, ("peace_plan",))
    one.mark_announced([dev], datetime(2026, 3, 16, 11, 0, tzinfo=UTC))
    _issue_mention(one, dev, 4, ("sanctions",))
    one.db.conn.commit()
    assert _counts(one, dev) == (4, 4)
    assert _stored_tally(one, dev) == (4, 4, ("peace_plan", "prisoners"))
    one.close()
    two.close()


def test_ingested_developments_hold_the_counts_of_their_rows(seeded_store: Store) -> None:
    for dev in seeded_store.developments():
        mentions, outlets, issues = _stored_tally(seeded_store, dev.id)
        assert _counts(seeded_store, dev.id) == (mentions, outlets)
        assert dev.issues == issues


def test_starting_a_development_writes_what_creating_it_and_adding_its_mention_write(
    tmp_path: Path,
) -> None:
    said = datetime(2026, 3, 15, 18, 0, tzinfo=UTC)
    now = datetime(2026, 3, 16, 9, 0, tzinfo=UTC)
    dumps = []
    for start in (True, False):
        store = Store(tmp_path / f"{start}.db")
        store.upsert_actors([Actor("budanov", "Kyrylo Budanov")])
        for k, (issues, outlet) in enumerate(
            [(("sanctions", "prisoners"), "Wire"), ((), ""), (("energy",), "Post")]
        ):
            article = Article(url=f"https://o.example/{k}", title="", text="", source=outlet)
            statement = Statement(
                "budanov",
                "direct",
                f"remark {k}",
                issues,
                0,
                store.insert_article(article, f"h{k}", now),
            )
            with store.transaction():
                if start:
                    store.start_development(statement, now, "remark", said_at=said, quiet=k == 1)
                else:
                    dev = store.create_development(statement, now, said_at=said, quiet=k == 1)
                    store.add_statement(statement, dev, now, "remark", said_at=said)
        dumps.append(
            [
                list(store.db.execute(f"select * from {table} order by 1, 2"))
                for table in (
                    "developments",
                    "statements",
                    "development_issues",
                    "development_issue_mentions",
                    "development_sources",
                )
            ]
        )
        store.close()
    assert dumps[0] == dumps[1]
    assert dumps[0][0][0][2:4] == ("direct", "remark 0")


def test_a_transaction_writing_many_developments_keeps_a_bounded_tally(store: Store) -> None:
    from bot.store.tally import KEPT

    store.upsert_actors([Actor("budanov", "Kyrylo Budanov")])
    now = datetime(2026, 3, 16, 9, 0, tzinfo=UTC)
    with store.transaction():
        first = 0
        for k in range(KEPT + 10):
            statement = Statement("budanov", "direct", f"remark {k}", ("energy",), k, None)
            dev = store.start_development(statement, now)
            first = first or dev
            assert len(store.db.scope.tallies) <= KEPT
        # a development whose tally was let go is read again, as stored
        store.add_statement(Statement("budanov", "direct", "again", (), 0, None), first, now)
    assert _counts(store, first) == (2, 0)


def test_a_trace_sees_each_statement_the_store_runs() -> None:
    store = Store()
    seen: list[str] = []
    store.trace(seen.append)
    store.find_article("https://example.org/a", "", None)
    store.trace(None)
    store.find_article("https://example.org/b", "", None)
    assert len(seen) == 1
    assert "articles" in seen[0]


def test_a_file_store_keeps_a_page_cache_bigger_than_sqlites_default(tmp_path: Path) -> None:
    # SQLite's default cache is 2 MB (-2000): a store of a few thousand articles outgrew it and
    # re-read its index pages for every statement inserted
    store = Store(tmp_path / "cache.db")
    try:
        assert store.db.execute("pragma cache_size").fetchone()[0] == -CACHE_KIB
        assert CACHE_KIB > 2000
    finally:
        store.close()
