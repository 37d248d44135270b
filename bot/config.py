"""Loading and validating ``config/*.toml`` and the environment into frozen dataclasses.

Errors name the file and the key. Nothing is read at import time; secrets come only from the
environment.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.errors import ConfigError
from bot.language import Language, load_language
from bot.model import Actor, Issue
from bot.tomlfile import read as _read
from bot.tomlfile import text as _str
from bot.tomlfile import texts as _strs

ACTOR_KINDS = ("person", "institution", "anonymous")
_ID_RE = re.compile(r"^[a-z0-9_]+$")
_TIME_RE = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


@dataclass(frozen=True)
class Feed:
    """An RSS/Atom feed to poll."""

    name: str
    url: str
    interval_minutes: int = 15


@dataclass(frozen=True)
class Settings:
    """Tunables from ``config/settings.toml``; every field has a sensible default."""

    digest_time: str = "08:00"
    timezone: str = "UTC"
    alerts: bool = True
    empty_digest: bool = False
    digest_grace_minutes: int = 180
    alert_batch_seconds: int = 60
    fetch_timeout_seconds: float = 20.0
    max_body_bytes: int = 5_000_000
    fetch_linked_pages: bool = True
    user_agent: str = "talkwatch/0.1 (+https://github.com/talkwatch)"
    seeds_dir: str = "seeds"
    max_backoff_minutes: int = 240
    jitter_seconds: int = 30
    global_rate_per_second: float = 30.0
    private_rate_per_second: float = 1.0
    group_rate_per_minute: float = 20.0
    max_send_attempts: int = 8
    retry_base_seconds: float = 2.0  # first retry after a network error; doubles each time
    backfill_hours: float = 24.0  # an entry published this long before it is seen is back-fill
    news_window_days: int = 7  # how long a development stays news for a digest
    send_in_flight: int = 8  # outbox sends on their way at once (the kill -9 duplicate bound)
    outbox_max_age_minutes: int = 30  # `talkwatch status` fails if a message waits longer


@dataclass(frozen=True)
class Config:
    """Everything talkwatch needs to run, validated."""

    actors: tuple[Actor, ...]
    issues: tuple[Issue, ...]
    feeds: tuple[Feed, ...]
    settings: Settings
    lexicon: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    media: tuple[str, ...] = ()
    decisive: tuple[str, ...] = ()
    language: Language = field(default_factory=Language)
    config_dir: Path = Path("config")
    db_path: Path = Path("data/talkwatch.db")
    token: str = field(default="", repr=False)
    admins: frozenset[int] = frozenset()
    api_url: str = ""

    def actor(self, actor_id: str) -> Actor | None:
        """The configured actor with this id, if any."""
        return next((a for a in self.actors if a.id == actor_id), None)

    def issue(self, issue_id: str) -> Issue | None:
        """The configured issue with this id, if any."""
        return next((i for i in self.issues if i.id == issue_id), None)


def _ident(file: Path, key: str, value: Any, seen: set[str]) -> str:
    ident = _str(file, key, value)
    if not _ID_RE.match(ident):
        raise ConfigError(str(file), key, f"{ident!r} must be lowercase letters, digits, _")
    if ident in seen:
        raise ConfigError(str(file), key, f"duplicate id {ident!r}")
    seen.add(ident)
    return ident


def load_actors(path: Path) -> tuple[Actor, ...]:
    """Read ``actors.toml``: ``[[actors]]`` tables."""
    data = _read(path)
    rows = data.get("actors")
    if not isinstance(rows, list) or not rows:
        raise ConfigError(str(path), "actors", "must be a non-empty array of tables [[actors]]")
    seen: set[str] = set()
    actors = []
    for n, row in enumerate(rows):
        key = f"actors[{n}]"
        if not isinstance(row, dict):
            raise ConfigError(str(path), key, "must be a table")
        kind = row.get("kind", "person")
        if kind not in ACTOR_KINDS:
            raise ConfigError(str(path), f"{key}.kind", f"must be one of {', '.join(ACTOR_KINDS)}")
        gender = row.get("gender", "")
        if gender not in ("", "m", "f"):
            raise ConfigError(str(path), f"{key}.gender", 'must be "m", "f" or ""')
        actors.append(
            Actor(
                id=_ident(path, f"{key}.id", row.get("id"), seen),
                name=_str(path, f"{key}.name", row.get("name")),
                kind=kind,
                aliases=_strs(path, f"{key}.aliases", row.get("aliases")),
                descriptions=_strs(path, f"{key}.descriptions", row.get("descriptions")),
                role=_str(path, f"{key}.role", row.get("role"), required=False),
                side=_str(path, f"{key}.side", row.get("side"), required=False),
                gender=gender,
                speaks_for=_str(path, f"{key}.speaks_for", row.get("speaks_for"), required=False),
            )
        )
    ids = {a.id for a in actors}
    for n, actor in enumerate(actors):
        if actor.speaks_for and actor.speaks_for not in ids:
            raise ConfigError(
                str(path), f"actors[{n}].speaks_for", f"unknown actor {actor.speaks_for!r}"
            )
    return tuple(actors)


def load_issues(path: Path) -> tuple[Issue, ...]:
    """Read ``issues.toml``: ``[[issues]]`` tables with regex ``terms``."""
    data = _read(path)
    rows = data.get("issues")
    if not isinstance(rows, list) or not rows:
        raise ConfigError(str(path), "issues", "must be a non-empty array of tables [[issues]]")
    seen: set[str] = set()
    issues = []
    for n, row in enumerate(rows):
        key = f"issues[{n}]"
        if not isinstance(row, dict):
            raise ConfigError(str(path), key, "must be a table")
        terms = _strs(path, f"{key}.terms", row.get("terms"))
        if not terms:
            raise ConfigError(str(path), f"{key}.terms", "must list at least one term")
        for t, term in enumerate(terms):
            try:
                re.compile(term)
            except re.error as exc:
                raise ConfigError(str(path), f"{key}.terms[{t}]", f"bad pattern: {exc}") from None
        issues.append(
            Issue(
                id=_ident(path, f"{key}.id", row.get("id"), seen),
                title=_str(path, f"{key}.title", row.get("title")),
                terms=terms,
            )
        )
    return tuple(issues)


def load_feeds(path: Path) -> tuple[Feed, ...]:
    """Read ``feeds.toml``: ``[[feeds]]`` tables with name, url, optional interval_minutes."""
    if not path.exists():
        return ()
    data = _read(path)
    rows = data.get("feeds", [])
    if not isinstance(rows, list):
        raise ConfigError(str(path), "feeds", "must be an array of tables [[feeds]]")
    names: set[str] = set()
    feeds = []
    for n, row in enumerate(rows):
        key = f"feeds[{n}]"
        if not isinstance(row, dict):
            raise ConfigError(str(path), key, "must be a table")
        name = _str(path, f"{key}.name", row.get("name"))
        if name in names:
            raise ConfigError(str(path), f"{key}.name", f"duplicate feed name {name!r}")
        names.add(name)
        url = _str(path, f"{key}.url", row.get("url"))
        if not url.startswith(("http://", "https://")):
            raise ConfigError(str(path), f"{key}.url", "must be an http(s) URL")
        interval = row.get("interval_minutes", 15)
        if not isinstance(interval, int) or isinstance(interval, bool) or interval < 1:
            raise ConfigError(str(path), f"{key}.interval_minutes", "must be a positive integer")
        feeds.append(Feed(name=name, url=url, interval_minutes=interval))
    return tuple(feeds)


def load_settings(path: Path) -> Settings:
    """Read ``settings.toml`` (optional): a ``[settings]`` table overriding the defaults."""
    if not path.exists():
        return Settings()
    data = _read(path).get("settings", {})
    if not isinstance(data, dict):
        raise ConfigError(str(path), "settings", "must be a table")
    defaults = Settings()
    values: dict[str, Any] = {}
    for key, value in data.items():
        if not hasattr(defaults, key):
            raise ConfigError(str(path), f"settings.{key}", "unknown setting")
        expected = type(getattr(defaults, key))
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if type(value) is not expected:
            raise ConfigError(str(path), f"settings.{key}", f"must be {expected.__name__}")
        values[key] = value
    settings = Settings(**values)
    if not _TIME_RE.match(settings.digest_time):
        raise ConfigError(str(path), "settings.digest_time", "must be HH:MM")
    try:
        ZoneInfo(settings.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(str(path), "settings.timezone", "unknown time zone") from None
    return settings


def load_lexicon(
    path: Path,
) -> tuple[dict[str, tuple[str, ...]], tuple[str, ...], tuple[str, ...]]:
    """Read ``lexicon.toml`` (optional): concept -> words that say the same thing, media names, and
    the decisive concepts."""
    if not path.exists():
        return {}, (), ()
    raw = _read(path)
    data = raw.get("concepts", {})
    if not isinstance(data, dict):
        raise ConfigError(str(path), "concepts", "must be a table of lists")
    concepts = {key: _strs(path, f"concepts.{key}", value) for key, value in data.items()}
    decisive = _strs(path, "decisive", raw.get("decisive"))
    for n, concept in enumerate(decisive):
        if concept not in concepts:
            raise ConfigError(str(path), f"decisive[{n}]", f"unknown concept {concept!r}")
    return concepts, _strs(path, "media", raw.get("media")), decisive


def _admins(raw: str) -> frozenset[int]:
    ids = set()
    for part in raw.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        try:
            ids.add(int(part))
        except ValueError:
            raise ConfigError(
                "environment", "TALKWATCH_ADMINS", f"{part!r} is not a chat id"
            ) from None
    return frozenset(ids)


def load_config(
    path: str | Path | None = None, environ: Mapping[str, str] | None = None
) -> Config:
    """Load the whole configuration from the config folder and the environment."""
    env = dict(environ or {})
    config_dir = Path(path or env.get("TALKWATCH_CONFIG") or "config")
    if not config_dir.is_dir():
        raise ConfigError(str(config_dir), "TALKWATCH_CONFIG", "is not a directory")
    lexicon, media, decisive = load_lexicon(config_dir / "lexicon.toml")
    return Config(
        actors=load_actors(config_dir / "actors.toml"),
        issues=load_issues(config_dir / "issues.toml"),
        feeds=load_feeds(config_dir / "feeds.toml"),
        settings=load_settings(config_dir / "settings.toml"),
        lexicon=lexicon,
        media=media,
        decisive=decisive,
        language=load_language(config_dir / "lang" / "en.toml"),
        config_dir=config_dir,
        db_path=Path(env.get("TALKWATCH_DB") or "data/talkwatch.db"),
        token=env.get("TELEGRAM_BOT_TOKEN", "").strip(),
        admins=_admins(env.get("TALKWATCH_ADMINS", "")),
        api_url=env.get("TELEGRAM_API_URL", "").strip(),
    )
