"""Shared fixtures. Each area adds its own fixtures in its own section."""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.config import Config, load_config
from bot.extract.actors import ActorIndex
from bot.extract.issues import IssueTagger
from bot.extract.statements import Extractor
from bot.store import Store

os.environ.setdefault("PTB_TIMEDELTA", "1")  # python-telegram-bot 22's future retry_after type

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CONFIG_DIR = ROOT / "config"
INGEST_TIME = datetime(2025, 12, 16, 9, 0, tzinfo=UTC)


# --- core pipeline ---------------------------------------------------------------------------


@pytest.fixture(scope="session")
def config() -> Config:
    """The shipped configuration (no environment), except that alerts are decided at once: a
    test about batching sets its own window."""
    from dataclasses import replace

    shipped = load_config(CONFIG_DIR, {})
    return replace(shipped, settings=replace(shipped.settings, alert_batch_seconds=0))


@pytest.fixture(scope="session")
def extractor(config: Config) -> Extractor:
    """The statement engine over the shipped config, shared by the extraction tests."""
    return Extractor(
        ActorIndex(config.actors, config.media, config.language),
        IssueTagger(config.issues),
        config.language,
    )


@pytest.fixture(scope="session")
def ru(config: Config) -> Extractor:
    """The statement engine reading Russian copy (config/lang/ru.toml)."""
    from bot.config import load_language

    language = load_language(CONFIG_DIR / "lang" / "ru.toml")
    return Extractor(
        ActorIndex(config.actors, config.media, language), IssueTagger(config.issues), language
    )


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """An empty database in a real SQLite file."""
    db = Store(tmp_path / "talkwatch.db")
    yield db
    db.close()


@pytest.fixture
def seeded_store(store: Store, config: Config) -> Store:
    """A database holding the five seed articles, ingested by the real pipeline."""
    from bot.app.ingest import ingest_seeds

    ingest_seeds(store, config, SEEDS, INGEST_TIME)
    return store


@pytest.fixture
def config_dir(tmp_path: Path) -> Path:
    """A writable copy of the config folder, for tests that change it."""
    target = tmp_path / "config"
    shutil.copytree(CONFIG_DIR, target)
    return target


# --- feeds -------------------------------------------------------------------------------------


@pytest.fixture
def feed_server():
    """A real HTTP server on 127.0.0.1 serving the routes a test sets."""
    from tests.feedserver import FeedServer

    server = FeedServer().start()
    yield server
    server.stop()


# --- telegram ----------------------------------------------------------------------------------

ADMIN_ID = 777
BOT_TOKEN = "123456:TEST-token-for-the-fake-server-only"


@pytest.fixture
async def fake_api():
    """A fake Telegram Bot API server on 127.0.0.1, in the test's event loop."""
    from tests.fakebot import FakeBotAPI

    fake = await FakeBotAPI(limits=False).start()  # limits are the delivery tests' business
    yield fake
    await fake.stop()


@pytest.fixture
def bot_config(config: Config, fake_api) -> Config:
    """The shipped config pointed at the fake server, with one bot admin and no remote feeds."""
    from dataclasses import replace

    return replace(
        config, token=BOT_TOKEN, api_url=fake_api.url, admins=frozenset({ADMIN_ID}), feeds=()
    )


@pytest.fixture
def live_store(store: Store, config: Config) -> Store:
    """The seeds ingested an hour ago (so they are news for digests)."""
    from bot.app.ingest import ingest_seeds

    ingest_seeds(store, config, SEEDS, datetime.now(UTC) - timedelta(hours=1))
    return store


@pytest.fixture
async def running_bot(bot_config: Config, live_store: Store, fake_api):
    """The real python-telegram-bot application, polling the fake server. It reports each update
    it has finished with to the fake server (``fake_api.handled``), so a test can wait for a
    whole reply rather than for a guessed number of messages."""
    from telegram import Update
    from telegram.ext import TypeHandler

    from bot.adapters import telegram

    app = telegram.build_application(bot_config, live_store)

    async def handled(update: Update, context: object) -> None:
        fake_api.handled.add(update.update_id)

    # python-telegram-bot handles one update at a time, group after group, awaiting each handler
    # (and the error handler): a last group runs once the bot's answer has been sent
    app.add_handler(TypeHandler(Update, handled), group=1_000)
    await telegram.start(app, poll_timeout=1)
    yield app
    await telegram.stop(app)


# --- bot: developments built directly (commands, notify) ---------------------------------------


class News:
    """Developments written straight into a store (real SQLite), as the ingest would leave them:
    one article per outlet, one statement each, grouped in one development."""

    def __init__(self, store: Store, config: Config) -> None:
        self.store = store
        self.articles = 0
        store.upsert_actors(config.actors)

    def development(
        self,
        actor_id: str,
        text: str,
        issues: tuple[str, ...],
        at: datetime,
        sources: tuple[str, ...] = ("Reuters",),
        kind: str = "direct",
        quiet: bool = False,
    ) -> int:
        """A new development reported by these outlets (``quiet``: a back-fill); returns its id."""
        dev_id = 0
        for source in sources:
            statement = self._statement(actor_id, text, issues, source, at, kind)
            dev_id = dev_id or self.store.create_development(statement, at, quiet=quiet)
            self.store.add_statement(statement, dev_id, at)
        return dev_id

    def add_source(
        self, dev_id: int, source: str, at: datetime, actor_id: str | None = None
    ) -> None:
        """One more outlet reports an existing development (crediting ``actor_id``: the
        institution's spokesman where the first said "the Kremlin")."""
        (dev,) = self.store.developments(ids=[dev_id])
        speaker = actor_id or dev.actor_id
        statement = self._statement(speaker, dev.text, dev.issues, source, at, dev.kind)
        self.store.add_statement(statement, dev_id, at)

    def _statement(self, actor_id, text, issues, source, at, kind):  # type: ignore[no-untyped-def]
        from bot.model import Article, Statement

        self.articles += 1
        slug = "".join(c for c in source.lower() if c.isalnum())
        article = Article(
            url=f"https://{slug}.example/{self.articles}",
            title=text[:40],
            text=text,
            source=source,
            published=at,
        )
        article_id = self.store.insert_article(article, f"hash-{self.articles}", at)
        return Statement(actor_id, kind, text, issues, position=0, article_id=article_id)


@pytest.fixture
def news(store: Store, config: Config) -> News:
    """Write developments into the test's store."""
    return News(store, config)


def wait_until(predicate: Callable[[], bool], timeout: float, what: str) -> None:
    """Poll a condition until it holds; fail with ``what`` at the deadline."""
    deadline = time.monotonic() + timeout
    tick = threading.Event()
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        tick.wait(0.05)
