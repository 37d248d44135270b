"""Switching a database file to WAL when another process may be opening it at the same moment."""

from __future__ import annotations

import logging
import sqlite3
import time

from sqlite_utils import Database

log = logging.getLogger(__name__)
BUSY_SECONDS = 10.0  # how long a connection waits for another's lock (PRAGMA busy_timeout)


def enable_wal(db: Database, seconds: float = BUSY_SECONDS) -> None:
    """Put ``db`` in WAL mode, waiting up to ``seconds`` for another connection's lock.

    Changing the journal mode needs an exclusive lock, and SQLite does not call the busy handler
    for it: while another process is still creating the same new file (the bot starting as
    `talkwatch status` opens it), the pragma fails at once with "database is locked". It is
    retried here; a file already in WAL only needs a shared lock, which waits as usual.
    """
    deadline = time.monotonic() + seconds
    while True:
        if str(db.execute("PRAGMA journal_mode").fetchone()[0]).lower() == "wal":
            return
        try:
            db.enable_wal()
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() >= deadline:
                raise
            log.debug("database busy while switching to WAL; retrying")
            time.sleep(0.02)
