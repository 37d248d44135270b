"""The only code that touches SQLite (via sqlite-utils), split by concern:

    db.py        opening the database (WAL), schema and migrations, iso/parse_dt, transactions
    articles.py  articles, actors, statements
    developments.py  developments (grouped statements) read back, mentions, the full-text index
    placements.py    the diff engine's decisions written down: new developments, mentions, merges
    tally.py     what those writes keep of the rows they read, for one write transaction
    chats.py     chats, subscriptions, what each chat was told, digest slots
    feeds.py     feed state (as :class:`bot.model.FeedState`)
    outbox.py    the outbox and the deliveries log

:class:`Store` is all of them at once: each concern is a small class over the one shared
``Database`` (:class:`~bot.store.db.StoreBase`), and ``Store`` inherits them as mixins. Mixins
rather than attributes (``store.chats.chat(...)``) because every call site keeps reading
``store.chat(...)``, and because a use case's transaction often spans concerns (an alert decision
marks developments announced, records what chats were told and owes outbox rows in one
``store.transaction()``), which one object with one connection makes obvious. The concerns share
no state but the connection, and no method name is defined twice (a test checks).

Every method returns model objects or plain values; callers never see rows or SQL.
"""

from __future__ import annotations

from bot.store.articles import ArticleStore
from bot.store.chats import ChatStore
from bot.store.db import StoreBase, iso, migrations, parse_dt
from bot.store.developments import DevelopmentStore
from bot.store.feeds import FeedStore
from bot.store.outbox import OutboxStore
from bot.store.placements import PlacementStore

__all__ = ["Store", "StoreBase", "iso", "migrations", "parse_dt"]


class Store(ArticleStore, DevelopmentStore, PlacementStore, ChatStore, FeedStore, OutboxStore):
    """A talkwatch database: a real SQLite file (WAL) or an in-memory one for tests."""
