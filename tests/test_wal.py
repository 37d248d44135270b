"""Opening a database file that another process is creating at the same moment (CI saw the bot's
first write and a reader's WAL switch collide: "database is locked", no busy wait)."""

from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path

import pytest
from sqlite_utils import Database

from bot.store import Store
from bot.store.wal import enable_wal
from tests.conftest import wait_until


def _writer_creating(path: Path) -> sqlite3.Connection:
    """Another connection in the middle of creating the file: rollback journal, write lock held."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("CREATE TABLE first_write (x)")
    return conn


def test_store_opens_once_the_creating_writer_commits(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "talkwatch.db"
    writer = _writer_creating(path)
    caplog.set_level(logging.DEBUG, logger="bot.store.wal")
    seen: list[tuple[str, list[str]]] = []  # journal mode and tables, as the opened store saw them
    failed: list[BaseException] = []

    def open_store() -> None:
        try:
            store = Store(path)  # a connection is used in the thread that opened it
            mode = store.db.execute("PRAGMA journal_mode").fetchone()[0]
            seen.append((mode, store.db.table_names()))
            store.close()
        except BaseException as error:  # reported to the test below
            failed.append(error)

    thread = threading.Thread(target=open_store)
    thread.start()
    wait_until(lambda: bool(failed) or "retrying" in caplog.text, 30, "the WAL switch to wait")
    writer.execute("COMMIT")
    writer.close()
    thread.join(30)
    assert not failed, failed
    mode, tables = seen[0]
    assert mode == "wal"
    assert "first_write" in tables  # the writer's work is kept
    assert "articles" in tables  # and the store migrated after it


def test_a_lock_held_past_the_deadline_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "talkwatch.db"
    writer = _writer_creating(path)
    db = Database(str(path))
    try:
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            enable_wal(db, seconds=0.1)
        assert db.execute("PRAGMA journal_mode").fetchone()[0] != "wal"
    finally:
        db.close()
        writer.execute("ROLLBACK")
        writer.close()
