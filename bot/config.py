"""Loading and validating ``config/*.toml`` and the environment into frozen dataclasses.

Errors name the file and the key. Nothing is read at import time; secrets come only from the
environment.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.errors import ConfigError
from bot.model import Actor, Issue

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
class Language:
    """One language's words (``config/lang/<code>.toml``): a list per concept, for each stage."""

    code: str = "en"
    neutral_verbs: tuple[str, ...] = ()  # say only that something was said
    loaded_verbs: tuple[str, ...] = ()  # also say how: a denial, a warning
    verb_phrases: tuple[str, ...] = ()
    abbreviations: frozenset[str] = frozenset()
    stopwords: frozenset[str] = frozenset()
    fold: tuple[tuple[str, str], ...] = ()  # same-length character replacements
    quote_pairs: tuple[str, ...] = ("“”", '""', "«»", "„“", "‘’", "''")  # opening + closing mark
    pronouns_male: frozenset[str] = frozenset({"he", "him"})
    pronouns_female: frozenset[str] = frozenset({"she", "her"})
    pronouns_thing: frozenset[str] = frozenset()  # "it": an institution or its document
    pronouns_plural: frozenset[str] = frozenset()  # "they": unnamed sources or a body
    possessives_male: frozenset[str] = frozenset({"his"})
    possessives_female: frozenset[str] = frozenset({"her"})
    determiners: frozenset[str] = frozenset({"the"})  # "the minister": a role anaphor
    role_nouns: frozenset[str] = frozenset()  # "the minister said": the last person named
    anonymous_nouns: frozenset[str] = frozenset()  # "the diplomat said": the last unnamed source
    document_nouns: frozenset[str] = frozenset()  # "the readout says": the last institution
    title_words: frozenset[str] = frozenset()  # start a capitalised run but are not a name
    name_particles: frozenset[str] = frozenset()  # "de", "van": inside a name
    not_name_words: frozenset[str] = frozenset()  # "ministry", "council": a body, not a person
    question_labels: frozenset[str] = frozenset({"Q"})  # transcript turns
    answer_labels: frozenset[str] = frozenset({"A"})
    document_markers: tuple[str, ...] = ()  # "full text of the statement": a document follows
    passive_speech: tuple[str, ...] = ()  # "it was noted that": the document's author speaks
    anonymity: tuple[str, ...] = ()  # "who asked not to be named": the speaker is unnamed
    question_verbs: frozenset[str] = (
        frozenset()
    )  # "asked whether": a question, no position or statement
    narrative_verbs: frozenset[str] = frozenset()  # "met", "discussed": actions, not statements
    first_person: frozenset[str] = frozenset()  # "we", "our": a paragraph laid out as speech
    noun_markers: frozenset[str] = frozenset()  # "a say", "the claims": the verb is a noun
    negations: frozenset[str] = frozenset()  # "did not say when": a neutral verb, negated
    infinitive_markers: frozenset[str] = frozenset()  # "sought to signal": no statement
    refusals: frozenset[str] = frozenset()  # "declined to confirm that": no statement
    adverbs: frozenset[str] = frozenset()  # "had not yet answered": between negation and verb
    copulas: frozenset[str] = frozenset()  # "are said to want": hearsay, no statement
    naming_verbs: frozenset[str] = frozenset()  # 'called it "a trap"': speech with a name given
    position_nouns: frozenset[str] = frozenset()  # "Peskov's line is that": a stated position
    position_links: frozenset[str] = frozenset()  # "is", "remains": link that noun to its clause
    body_nouns: frozenset[str] = frozenset()  # "the Emirati foreign ministry": a body
    prepositions: frozenset[str] = frozenset()  # "to Zelensky": not a verb's subject
    process_words: frozenset[str] = frozenset()  # "talks", "deal": the process in passing
    # the issues stage: clauses setting a remark in time or place (", as talks began", but not
    # ", as well as"); stems for a pause in strikes; "this is ..." points back; "on": the
    # subject of a plan term ("an agreement on the loan")
    scene_openers: tuple[str, ...] = ()
    scene_closers: tuple[str, ...] = ()
    not_scene: tuple[str, ...] = ()
    truce_words: tuple[str, ...] = ()
    pointing_words: frozenset[str] = frozenset()
    pointing_links: frozenset[str] = frozenset()
    subject_links: frozenset[str] = frozenset()
    source_phrases: frozenset[str] = frozenset({"according to"})  # the speaker follows
    inverted_verbs: frozenset[str] = frozenset({"said", "says"})  # 'said Peskov'; "*": all
    inversion_gap: int = 0  # words allowed between an inverted verb and its subject
    grouping: tuple[tuple[str, tuple[str, ...]], ...] = ()  # bot/diff's: dates, "he added"
    # "X commented on the results on his channel": a verb of saying with nothing said
    event_nouns: frozenset[str] = frozenset()  # "the message", "an update": what was said, unsaid
    audience_nouns: frozenset[str] = frozenset()  # "told reporters", "informed the deputies"
    occasion_words: frozenset[str] = frozenset()  # "in his address", "after the session"
    occasion_nouns: frozenset[str] = frozenset()  # "on his channel", "on social media"

    @property
    def speech_verbs(self) -> tuple[str, ...]:
        """Every single-word speech verb form."""
        return self.neutral_verbs + self.loaded_verbs

    def fold_table(self) -> dict[int, str]:
        """The folding as a ``str.translate`` table."""
        return str.maketrans(dict(self.fold))


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


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError(str(path), "(file)", "not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(str(path), "(file)", f"invalid TOML: {exc}") from None


def _str(file: Path, key: str, value: Any, *, required: bool = True) -> str:
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise ConfigError(str(file), key, "must be a non-empty string")
    return value.strip()


def _strs(file: Path, key: str, value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(str(file), key, "must be a list of non-empty strings")
    return tuple(v.strip() for v in value)


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


def _words(path: Path, key: str, value: Any) -> tuple[str, ...]:
    """A word list written as one white-space separated string or as a list."""
    if isinstance(value, str):
        return tuple(value.split())
    return _strs(path, key, value)


def load_language(path: Path) -> Language:
    """Read a language file (``config/lang/en.toml``)."""
    raw = _read(path)
    verbs = raw.get("speech_verbs", {})
    if not isinstance(verbs, dict):
        raise ConfigError(str(path), "speech_verbs", "must be a table")
    fold = raw.get("fold", {})
    if not isinstance(fold, dict):
        raise ConfigError(str(path), "fold", "must be a table of one-character strings")
    for key, value in fold.items():
        if not (isinstance(value, str) and len(key) == 1 and len(value) == 1):
            raise ConfigError(str(path), f"fold.{key}", "must map one character to one")
    return Language(
        code=path.stem,
        neutral_verbs=_words(path, "speech_verbs.neutral", verbs.get("neutral")),
        loaded_verbs=_words(path, "speech_verbs.loaded", verbs.get("loaded")),
        verb_phrases=_strs(path, "speech_verbs.phrases", verbs.get("phrases")),
        abbreviations=frozenset(_words(path, "abbreviations", raw.get("abbreviations"))),
        stopwords=frozenset(_words(path, "stopwords", raw.get("stopwords"))),
        fold=tuple(fold.items()),
        **_language_lists(path, raw),
    )


_LANGUAGE_SETS = tuple(
    """pronouns_male pronouns_female pronouns_thing pronouns_plural possessives_male
    possessives_female determiners role_nouns anonymous_nouns document_nouns title_words
    name_particles not_name_words question_labels answer_labels narrative_verbs first_person
    noun_markers negations infinitive_markers refusals adverbs copulas naming_verbs
    position_nouns position_links body_nouns prepositions process_words inverted_verbs
    pointing_words pointing_links subject_links question_verbs
    event_nouns audience_nouns occasion_words occasion_nouns""".split()
)
_LANGUAGE_LISTS = tuple(
    """document_markers passive_speech scene_openers scene_closers not_scene truce_words
    anonymity""".split()
)


def _language_lists(path: Path, raw: dict[str, Any]) -> dict[str, Any]:
    """The optional word lists of a language file; a missing key keeps the default."""
    out: dict[str, Any] = {}
    for key in _LANGUAGE_SETS:
        if key in raw:
            out[key] = frozenset(_words(path, key, raw[key]))
    for key in _LANGUAGE_LISTS:
        if key in raw:
            out[key] = _strs(path, key, raw[key])
    if "source_phrases" in raw:
        out["source_phrases"] = frozenset(_strs(path, "source_phrases", raw["source_phrases"]))
    if "inversion_gap" in raw:
        gap = raw["inversion_gap"]
        if not isinstance(gap, int) or isinstance(gap, bool) or gap < 0:
            raise ConfigError(str(path), "inversion_gap", "must be a whole number >= 0")
        out["inversion_gap"] = gap
    if not isinstance(grouping := raw.get("grouping", {}), dict):
        raise ConfigError(str(path), "grouping", "must be a table of word lists")
    out["grouping"] = tuple((k, _words(path, f"grouping.{k}", v)) for k, v in grouping.items())
    if "quote_pairs" in raw:
        pairs = _strs(path, "quote_pairs", raw["quote_pairs"])
        for n, pair in enumerate(pairs):
            if len(pair) != 2:
                raise ConfigError(str(path), f"quote_pairs[{n}]", "must be two characters")
        out["quote_pairs"] = pairs
    return out


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
