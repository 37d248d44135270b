"""Ingest: idempotence, reports of new and updated developments, the store's schema and
migrations."""

from __future__ import annotations

import gc
from datetime import timedelta
from pathlib import Path

from sqlite_utils import Database

from bot.app.ingest import content_hash, ingest_articles, ingest_seeds
from bot.config import Config
from bot.model import Article
from bot.store import Store, migrations
from tests.conftest import INGEST_TIME, SEEDS

TABLES = ("articles", "statements", "developments", "development_issues", "actors")


def _counts(store: Store) -> dict[str, int]:
    return {t: store.db[t].count for t in TABLES}


def test_ingesting_the_seeds_twice_leaves_the_same_rows(store: Store, config: Config) -> None:
    first = ingest_seeds(store, config, SEEDS, INGEST_TIME)
    before = _counts(store)
    second = ingest_seeds(store, config, SEEDS, INGEST_TIME + timedelta(hours=1))
    assert first.articles_new == 5
    assert len(first.developments_new) > 20
    assert second.articles_new == 0
    assert second.statements_new == 0
    assert second.developments_new == second.developments_updated == ()
    assert _counts(store) == before


def test_same_text_from_the_same_outlet_under_another_url_is_a_no_op(
    seeded_store: Store, config: Config
) -> None:
    text = (SEEDS / "004_f673bc6566e3d930.txt").read_text(encoding="utf-8")
    (seed,) = [a for a in seeded_store.articles() if a.url.endswith("004_f673bc6566e3d930.txt")]
    copy = Article(url="https://mirror.example/copy", title="copy", text=text, source=seed.source)
    report = ingest_articles(seeded_store, config, [copy], INGEST_TIME)
    assert report.articles_new == 0


def test_the_same_text_from_another_outlet_credits_it_on_every_development(
    seeded_store: Store, config: Config
) -> None:
    text = (SEEDS / "004_f673bc6566e3d930.txt").read_text(encoding="utf-8")
    copy = Article(url="https://mirror.example/copy", title="copy", text=text, source="Mirror")
    before = seeded_store.development_count()
    report = ingest_articles(seeded_store, config, [copy], INGEST_TIME + timedelta(hours=1))
    assert report.articles_new == 1
    assert report.developments_new == ()  # a re-report, not news
    assert seeded_store.development_count() == before
    credited = seeded_store.developments(ids=list(report.developments_updated))
    assert credited
    assert all("Mirror" in {m.source for m in d.mentions} for d in credited)
    again = ingest_articles(seeded_store, config, [copy], INGEST_TIME + timedelta(hours=2))
    assert again.articles_new == 0


def test_a_second_outlet_only_adds_a_source(seeded_store: Store, config: Config) -> None:
    article = Article(
        url="https://wire.example/peskov",
        title="Kremlin on NATO",
        source="Wire",
        text=(
            "Journalists gathered at the Kremlin on Monday.\n"
            "“Naturally, this issue is a key one, and it deserves special consideration compared"
            " to the others,” Kremlin spokesman Dmitry Peskov told journalists."
        ),
    )
    before = seeded_store.development_count()
    report = ingest_articles(seeded_store, config, [article], INGEST_TIME + timedelta(hours=2))
    assert report.developments_new == ()
    assert len(report.developments_updated) == 1
    assert seeded_store.development_count() == before
    dev = seeded_store.developments(ids=list(report.developments_updated))[0]
    assert "Wire" in {m.source for m in dev.mentions}


def test_a_new_statement_is_a_new_development(seeded_store: Store, config: Config) -> None:
    article = Article(
        url="https://wire.example/geneva",
        title="Geneva round",
        source="Wire",
        text=(
            "Talks moved to Geneva.\n"
            "“The ceasefire must start with energy infrastructure, and it must be verified by"
            " international monitors,” Sybiha said in Geneva."
        ),
    )
    report = ingest_articles(seeded_store, config, [article], INGEST_TIME + timedelta(days=1))
    assert len(report.developments_new) == 1
    dev = seeded_store.developments(ids=list(report.developments_new))[0]
    assert (dev.actor_id, dev.kind) == ("sybiha", "direct")
    assert "ceasefire" in dev.issues
    assert dev.first_seen == INGEST_TIME + timedelta(days=1)


def test_unrelated_article_is_stored_without_statements(store: Store, config: Config) -> None:
    article = Article(
        url="https://local.example/budget",
        title="Budget",
        source="Local",
        text="“The budget funds schools and roads for the next five years,” the mayor said.",
    )
    report = ingest_articles(store, config, [article], INGEST_TIME)
    assert report.articles_new == 1
    assert report.statements_new == 0
    assert store.article_count() == 1


def test_queries_by_actor_issue_and_since(seeded_store: Store) -> None:
    nato = seeded_store.developments(issue="nato")
    assert nato
    assert all("nato" in d.issues for d in nato)
    peskov = seeded_store.developments(actor="peskov")
    assert peskov
    # a development is its every speaker's: one of its statements is his, whoever spoke first
    his = {
        r[0]
        for r in seeded_store.db.execute(
            "select development_id from statements where actor_id = 'peskov'"
        )
    }
    assert {d.id for d in peskov} == his
    assert seeded_store.developments(since=INGEST_TIME + timedelta(seconds=1)) == []


def test_full_text_search_finds_statements(seeded_store: Store) -> None:
    hits = list(seeded_store.db["statements"].search("cornerstones"))
    assert [h["actor_id"] for h in hits] == ["peskov"]


def test_opening_an_older_database_upgrades_it(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = Database(path)
    migrations.apply(db, stop_before="m002_statement_signatures")
    db["articles"].insert({"url": "seeds/x.txt", "content_hash": "h", "text": "kept"})
    assert "signature" not in db["statements"].columns_dict
    db.close()
    store = Store(path)
    assert migrations.pending(store.db) == []
    assert "signature" in store.db["statements"].columns_dict
    assert [r["text"] for r in store.db["articles"].rows] == ["kept"]
    assert "mentions" in store.db.view_names()
    store.close()


def test_developments_carry_actor_names(seeded_store: Store) -> None:
    assert {d.actor_name for d in seeded_store.developments(actor="stubb")} == {"Alexander Stubb"}


def test_an_ingest_leaves_no_cyclic_garbage(seeded_store: Store, config: Config) -> None:
    # the candidates a batch reads die with it by reference counting: garbage kept for the
    # cyclic collector made its full passes slower the longer the process ran
    article = Article(
        url="https://wire.example/cycle",
        title="Cycle",
        source="Wire",
        text="“The energy truce must hold through the winter months,” Sybiha said in Geneva.",
    )
    gc.collect()
    gc.disable()
    try:
        report = ingest_articles(seeded_store, config, [article], INGEST_TIME + timedelta(days=1))
        left = gc.collect()
    finally:
        gc.enable()
    assert report.statements_new == 1
    assert left == 0


def test_a_development_shows_its_first_direct_mention(seeded_store: Store) -> None:
    # the batch remembers each development's kind instead of reading it back: a development
    # that started as reported speech shows its first direct quote, and no later one replaces it
    rows = seeded_store.db.execute("select id, kind, text from developments").fetchall()
    replaced = 0
    for dev_id, kind, text in rows:
        mentions = seeded_store.db.execute(
            "select kind, text from statements where development_id = ? order by id", [dev_id]
        ).fetchall()
        direct = [m for m in mentions if m[0] == "direct"]
        assert (kind, text) == tuple(direct[0] if direct else mentions[0])
        replaced += mentions[0][0] == "reported" and len(direct) > 1
    assert replaced > 0  # the seeds hold the case: reported first, then two direct quotes


def test_the_cyclic_collector_is_paused_during_an_ingest_and_resumed_after(
    store: Store, config: Config
) -> None:
    during: list[bool] = []
    article = Article(
        url="https://wire.example/pause",
        title="Pause",
        source="Wire",
        text="“The grain corridor must stay open all winter,” Sybiha said in Odesa.",
    )
    assert gc.isenabled()
    ingest_articles(
        store, config, [article], INGEST_TIME, progress=lambda _: during.append(gc.isenabled())
    )
    assert during == [False]
    assert gc.isenabled()
    # a caller that turned it off keeps it off
    gc.disable()
    try:
        ingest_articles(store, config, [article], INGEST_TIME)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_content_hash_ignores_white_space_of_any_kind_and_case() -> None:
    plain = content_hash("The ferry line reopens on Friday.")
    assert content_hash("  the ferry\u00a0line\n\treopens  on\u2009FRIDAY. \n") == plain
    assert content_hash("The ferry line reopens on Sunday.") != plain
    assert content_hash("Theferry line reopens on Friday.") != plain  # words still apart
