"""The store's own contract: one class per concern composed into Store, typed values in and out."""

from __future__ import annotations

from bot.store import Store
from bot.store.articles import ArticleStore
from bot.store.chats import ChatStore
from bot.store.db import StoreBase
from bot.store.feeds import FeedStore
from bot.store.outbox import OutboxStore

CONCERNS = (ArticleStore, ChatStore, FeedStore, OutboxStore)


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
