"""The use cases: ingest articles and feeds, answer queries, build digests. No Telegram imports."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime

from bot.config import Config
from bot.model import Article, IngestReport
from bot.store import Store

log = logging.getLogger(__name__)


def ingest_articles(
    store: Store, config: Config, articles: Iterable[Article], now: datetime
) -> IngestReport:
    """Store new articles, extract their statements and group them into developments."""
    raise NotImplementedError
