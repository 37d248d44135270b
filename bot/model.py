"""The domain objects that flow through talkwatch: frozen dataclasses, stdlib only.

Data flows one way: Article text -> Statement -> Development (with its Mentions) -> what each Chat is
owed -> OutboxMessage. All datetimes are timezone-aware UTC.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

ActorKind = Literal["person", "institution", "anonymous"]
StatementKind = Literal["direct", "reported"]
SubscriptionKind = Literal["issue", "actor"]


@dataclass(frozen=True)
class Actor:
    """Someone (or something) that speaks: a named person, an institution, or an unnamed source."""

    id: str
    name: str
    kind: ActorKind = "person"
    aliases: tuple[str, ...] = ()
    descriptions: tuple[str, ...] = ()  # "the Ukrainian president", "Kremlin spokesman"
    role: str = ""
    side: str = ""
    gender: str = ""  # "m" / "f" / "" - resolves "he said" / "she said"
    speaks_for: str = ""  # a spokesperson's institution, e.g. peskov -> kremlin
    known: bool = True  # False for actors discovered in text, not in config/actors.toml


@dataclass(frozen=True)
class Issue:
    """A topic of the talks that statements are tagged with."""

    id: str
    title: str
    terms: tuple[str, ...] = ()  # regular expressions, matched case-insensitively on word bounds


@dataclass(frozen=True)
class Article:
    """One piece of coverage: a seed file or a feed entry."""

    url: str  # the article URL, or for a file without one, its path
    title: str
    text: str
    source: str  # outlet name
    published: datetime | None = None
    guid: str = ""
    feed: str = ""
    id: int | None = None


@dataclass(frozen=True)
class Statement:
    """A direct quote or reported speech, attributed to an actor, found in one article."""

    actor_id: str
    kind: StatementKind
    text: str  # exact text as in the article
    issues: tuple[str, ...]
    position: int  # character offset of the text in the article
    article_id: int | None = None
    id: int | None = None
    development_id: int | None = None


@dataclass(frozen=True)
class Mention:
    """One outlet's report of a development."""

    source: str
    url: str
    text: str
    published: datetime | None
    statement_id: int | None = None


@dataclass(frozen=True)
class Development:
    """The same statement by the same actor, grouped across outlets."""

    id: int
    actor_id: str
    actor_name: str
    kind: StatementKind
    text: str
    issues: tuple[str, ...]
    first_seen: datetime
    mentions: tuple[Mention, ...] = ()

    @property
    def outlets(self) -> int:
        """How many distinct outlets reported it."""
        return len({m.source for m in self.mentions})


@dataclass(frozen=True)
class IngestReport:
    """What one ingest round did."""

    articles_seen: int = 0
    articles_new: int = 0
    statements_new: int = 0
    developments_new: tuple[int, ...] = ()
    developments_updated: tuple[int, ...] = ()  # existing developments that gained a source
    errors: tuple[str, ...] = ()


@dataclass(frozen=True)
class Chat:
    """A Telegram chat (private or group) and its settings."""

    id: int
    type: str = "private"
    title: str = ""
    timezone: str = "UTC"
    digest_time: str = "08:00"  # HH:MM, chat-local
    alerts: bool = True
    paused: bool = False
    active: bool = True
    empty_digest: bool = False  # send "nothing new" when there is nothing
    last_digest_at: datetime | None = None
    next_digest_at: datetime | None = None
    created_at: datetime | None = None


@dataclass(frozen=True)
class Subscription:
    """A chat follows an issue or an actor."""

    chat_id: int
    kind: SubscriptionKind
    target: str


@dataclass(frozen=True)
class OutboxMessage:
    """A message owed to a chat, written in the same transaction that decided it is owed."""

    id: int
    chat_id: int
    kind: str  # "alert" | "digest"
    dedupe_key: str
    text: str
    status: str = "pending"  # pending | sending | sent | failed | dropped
    attempts: int = 0
    not_before: datetime | None = None
    created_at: datetime | None = None
    sent_at: datetime | None = None
    error: str = ""
    telegram_message_id: int | None = None
    preview: bool = False  # link previews


@dataclass(frozen=True)
class FeedResult:
    """One poll of a feed: its entries as articles (empty on 304) and the new validators."""

    not_modified: bool
    articles: tuple[Article, ...] = ()
    teasers: frozenset[str] = frozenset()  # URLs of entries that carry only a summary
    etag: str = ""
    last_modified: str = ""
    warnings: tuple[str, ...] = ()
