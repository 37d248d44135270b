"""Shared fixtures. Each area adds its own fixtures in its own section."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.config import Config, load_config
from bot.store import Store

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CONFIG_DIR = ROOT / "config"
INGEST_TIME = datetime(2025, 12, 16, 9, 0, tzinfo=UTC)


# --- core pipeline ---------------------------------------------------------------------------


@pytest.fixture(scope="session")
def config() -> Config:
    """The shipped configuration (no environment)."""
    return load_config(CONFIG_DIR, {})


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """An empty database in a real SQLite file."""
    db = Store(tmp_path / "talkwatch.db")
    yield db
    db.close()


@pytest.fixture
def seeded_store(store: Store, config: Config) -> Store:
    """A database holding the five seed articles, ingested by the real pipeline."""
    from bot.service import ingest_seeds

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
