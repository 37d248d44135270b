"""The domain objects that flow through talkwatch: frozen dataclasses, stdlib only.

Data flows one way: Article text -> Statement -> Development (with its Mentions) -> what each Chat
is owed -> OutboxMessage. FeedState is what is remembered about a feed between polls. All datetimes
are timezone-aware UTC. Commands answer with a Reply: typed content (Notice, DevelopmentList,
SettingsView, ...) that bot.render turns into text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
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
    # characters of the text before what it says: the intro phrase of a reported sentence
    # ("Asked whether ..., "), shown to readers but left out when grouping compares remarks
    core: int = 0


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
    first_seen: datetime  # when talkwatch first stored it
    mentions: tuple[Mention, ...] = ()
    said_at: datetime | None = None  # the earliest published date of its mentions, when known
    quiet: bool = False  # a back-fill: searchable, never alerted nor in a digest

    @property
    def when_said(self) -> datetime:
        """When it was said, as well as talkwatch knows: published, else first seen."""
        return self.said_at or self.first_seen

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
    news_since: datetime | None = None  # developments first seen before this are not its news


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
    development_ids: tuple[int, ...] = ()  # what this message tells the chat about


@dataclass(frozen=True)
class FeedState:
    """What is remembered about a feed between polls; a blank one for a feed never polled."""

    name: str
    url: str = ""
    interval_minutes: int | None = None  # as of the last poll or /feeds add
    etag: str = ""  # HTTP validators of the last successful poll
    last_modified: str = ""
    last_polled_at: datetime | None = None
    last_success_at: datetime | None = None
    last_error: str = ""
    last_error_at: datetime | None = None
    consecutive_failures: int = 0
    next_poll_at: datetime | None = None  # backoff included
    entries_seen: int = 0
    origin: str = "config"  # "config" | "admin" (added with /feeds add)
    removed: bool = False  # an admin removed it


@dataclass(frozen=True)
class FeedResult:
    """One poll of a feed: its entries as articles (empty on 304) and the new validators."""

    not_modified: bool
    articles: tuple[Article, ...] = ()
    teasers: frozenset[str] = frozenset()  # URLs of entries that carry only a summary
    etag: str = ""
    last_modified: str = ""
    warnings: tuple[str, ...] = ()


# --- command replies: typed content, never markup (bot/render turns them into text) ------------

MAX_CALLBACK_BYTES = 64  # Telegram refuses a keyboard with longer callback data


@dataclass(frozen=True)
class Button:
    """An inline keyboard button: its label and its callback data (at most 64 bytes)."""

    text: str
    data: str


@dataclass(frozen=True)
class Strong:
    """A span of a notice shown with emphasis (a name, a title)."""

    text: str


@dataclass(frozen=True)
class Code:
    """A span of a notice shown as something to type (a command, an example)."""

    text: str


Span = str | Strong | Code


@dataclass(frozen=True, init=False)
class Notice:
    """A short answer: plain text with emphasised or typeable spans, in order."""

    parts: tuple[Span, ...]

    def __init__(self, *parts: Span) -> None:
        object.__setattr__(self, "parts", parts)


@dataclass(frozen=True)
class Welcome:
    """The /start greeting, naming the default digest time."""

    digest_time: str
    timezone: str


@dataclass(frozen=True)
class HelpEntry:
    """One command as /help shows it."""

    name: str
    summary: str
    example: str
    admin_only: bool = False


@dataclass(frozen=True)
class HelpView:
    """Every command the caller may use."""

    commands: tuple[HelpEntry, ...]


@dataclass(frozen=True)
class SubscriptionsView:
    """What a chat follows, by name."""

    issues: tuple[str, ...]
    people: tuple[str, ...]


ListKind = Literal["issue", "actor", "latest"]


@dataclass(frozen=True)
class DevelopmentList:
    """One page of developments: on an issue, from an actor, or the latest on anything."""

    kind: ListKind
    name: str  # the issue's title or the actor's name ("" for the latest)
    developments: tuple[Development, ...]
    offset: int = 0  # how many newer ones came on earlier pages


@dataclass(frozen=True)
class DigestView:
    """What is new for a chat since its last digest, grouped by issue."""

    developments: tuple[Development, ...]
    issue_titles: tuple[tuple[str, str], ...]  # (id, title) in config order
    day: datetime | None = None
    speakers: tuple[Actor, ...] = ()  # who the speakers are, for ranking (principals first)


@dataclass(frozen=True)
class TimelineView:
    """An issue's or actor's developments over the last weeks, to be drawn as a chart."""

    kind: Literal["issue", "actor"]
    target: str  # the issue's or actor's id
    name: str  # its title or name
    developments: tuple[Development, ...]
    now: datetime
    weeks: int = 4


@dataclass(frozen=True)
class SettingsView:
    """A chat's settings, and how to change them."""

    chat: Chat


@dataclass(frozen=True)
class SettingsUsage:
    """How to change the settings, after what was wrong with the request."""

    problem: str


@dataclass(frozen=True)
class FeedHealth:
    """One tracked feed as /sources shows it."""

    name: str
    last_success_at: datetime | None = None
    failures: int = 0
    last_error: str = ""


@dataclass(frozen=True)
class SourcesView:
    """Every tracked feed and how healthy it is, as of ``now``."""

    feeds: tuple[FeedHealth, ...]
    now: datetime


@dataclass(frozen=True)
class StatsView:
    """Health figures (name -> value, in order) and lines only the sending process knows."""

    figures: tuple[tuple[str, object], ...]
    extra: str = ""


Content = (
    Notice
    | Welcome
    | HelpView
    | SubscriptionsView
    | DevelopmentList
    | DigestView
    | TimelineView
    | SettingsView
    | SettingsUsage
    | SourcesView
    | StatsView
)


@dataclass(frozen=True)
class Reply:
    """What the bot answers: typed messages, with buttons under the last."""

    messages: tuple[Content, ...]
    buttons: tuple[tuple[Button, ...], ...] = ()
    preview: bool = False
    edits: bool = False  # an answer to a button, which may replace the message it was under

    def __post_init__(self) -> None:
        # one button Telegram would refuse costs the whole message: such a button (an actor with
        # a very long generated id) is left out instead
        rows = tuple(
            kept
            for row in self.buttons
            if (kept := tuple(b for b in row if len(b.data.encode()) <= MAX_CALLBACK_BYTES))
        )
        object.__setattr__(self, "buttons", rows)

    @classmethod
    def of(cls, message: Content, buttons: tuple[tuple[Button, ...], ...] = ()) -> Reply:
        """A one-message reply."""
        return cls((message,), buttons)


@dataclass(frozen=True)
class Problem:
    """One reason the bot is unhealthy, as data (``bot.render.problem_text`` words it)."""

    kind: str  # 'feeds', 'outbox', 'process', 'sender'
    since: datetime | None = None  # feeds: the last success; outbox: the oldest message
    limit: timedelta | None = None  # the threshold it broke
