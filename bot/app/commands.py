"""The bot's commands, apart from Telegram: one registry feeds the Telegram handlers,
setMyCommands, /help and the terminal chat. Each command is a plain function of (env, caller,
args) returning a Reply: Telegram-HTML text and an inline keyboard as plain data.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from rapidfuzz import fuzz, process

from bot import render
from bot.app import health, notify, poll
from bot.config import Config
from bot.model import Chat
from bot.render import esc
from bot.store import Store

PAGE = 8  # developments per page of /issue, /actor, /latest
MAX_ARG_CHARS = 120  # longer arguments are answered, trimmed, never processed
MAX_URL_CHARS = 2000  # /feeds takes a URL, and feed URLs can be long
ACCEPT_SCORE = 88  # fuzzy match score at which a name is taken without asking


@dataclass(frozen=True)
class Button:
    """An inline keyboard button: its label and its callback data (at most 64 bytes)."""

    text: str
    data: str


MAX_CALLBACK_BYTES = 64  # Telegram refuses a keyboard with longer callback data


@dataclass(frozen=True)
class Reply:
    """What the bot answers: one or more Telegram-HTML messages, with buttons under the last."""

    messages: tuple[str, ...]
    buttons: tuple[tuple[Button, ...], ...] = ()
    preview: bool = False

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
    def text(cls, html: str, buttons: tuple[tuple[Button, ...], ...] = ()) -> Reply:
        """A one-message reply."""
        return cls((html,), buttons)


@dataclass(frozen=True)
class Caller:
    """Who is asking, and from where."""

    chat_id: int
    chat_type: str = "private"
    user_id: int = 0
    title: str = ""
    is_bot_admin: bool = False  # in TALKWATCH_ADMINS
    is_chat_admin: bool = True  # may manage this chat (always, in a private chat)


@dataclass
class Env:
    """What commands work with."""

    store: Store
    config: Config
    now: datetime
    # called with a chat id after its digest time or zone changed (the scheduler listens)
    on_chat_changed: Callable[[int], None] | None = None
    # extra lines for /stats (figures only the sending process knows), shown after the stored ones
    stats: Callable[[], str] | None = None


Handler = Callable[[Env, Caller, str], Reply]


@dataclass(frozen=True)
class Command:
    """One command: its name, what it does, an example, and who may use it."""

    name: str
    summary: str
    example: str
    handler: Handler
    admin_only: bool = False  # bot admins (TALKWATCH_ADMINS)
    manages: bool = False  # changes the chat: group admins only, in groups
    max_args: int = MAX_ARG_CHARS


COMMANDS: list[Command] = []


def command(name: str, summary: str, example: str, **flags: Any) -> Callable[[Handler], Handler]:
    """Register a command."""

    def register(handler: Handler) -> Handler:
        COMMANDS.append(Command(name, summary, example, handler, **flags))
        return handler

    return register


def registry() -> dict[str, Command]:
    """Every command by name."""
    return {c.name: c for c in COMMANDS}


def public_commands() -> list[Command]:
    """The commands shown to everyone (setMyCommands, /help)."""
    return [c for c in COMMANDS if not c.admin_only]


# --- dispatch ---------------------------------------------------------------------------------


def dispatch(env: Env, caller: Caller, name: str, args: str) -> Reply:
    """Run a command by name for a caller; unknown names and bad input get a clear answer."""
    cmd = registry().get(name.lower())
    if cmd is None:
        return Reply.text(
            f"I don't know the command /{esc(render.trim(name, 40))}. "
            "Send /help to see what I can do."
        )
    if cmd.admin_only and not caller.is_bot_admin:
        return Reply.text("That command is for the bot's administrators only.")
    if cmd.manages and not caller.is_chat_admin:
        return Reply.text("In a group, only its administrators can change what it follows.")
    args = " ".join(args.split())
    if len(args) > cmd.max_args:
        return Reply.text(
            f"That argument is too long ({len(args):,} characters; the most is "
            f"{cmd.max_args}). Example: <code>{esc(cmd.example)}</code>"
        )
    chat = env.store.chat(caller.chat_id)
    if chat is None:
        chat = _ensure_chat(env, caller)
    return cmd.handler(env, caller, args)


def callback(env: Env, caller: Caller, data: str) -> Reply:
    """Run an inline button's action (``verb:kind:target[:offset]``)."""
    verb, _, rest = data.partition(":")
    if verb in ("sub", "unsub"):
        if not caller.is_chat_admin:
            return Reply.text("In a group, only its administrators can change what it follows.")
        kind, _, target = rest.partition(":")
        done = (_subscribe if verb == "sub" else _unsubscribe)(env, caller, kind, target)
        if kind != "issue":
            return done
        # a tap on an issue menu keeps the menu, so several issues take several taps, not commands
        return Reply(done.messages, _issue_toggles(env, caller))
    if verb == "more":
        kind, _, tail = rest.partition(":")
        target, _, offset = tail.rpartition(":")
        return _listing(env, kind, target, int(offset) if offset.isdigit() else 0)
    if verb == "set":
        if not caller.is_chat_admin:
            return Reply.text("In a group, only its administrators can change its settings.")
        return cmd_settings(env, caller, rest.replace(":", " "))
    return Reply.text("That button has expired. Send /help to start again.")


def membership_changed(env: Env, chat_id: int, present: bool) -> None:
    """The bot was blocked or removed from a chat (nothing more is sent there), or is back."""
    chat = env.store.chat(chat_id)
    if chat is None or chat.active == present:
        return
    env.store.update_chat(chat_id, env.now, active=present)
    if present and env.on_chat_changed is not None:
        env.on_chat_changed(chat_id)  # its digest schedule (and anything held for it) resumes


def chat_migrated(env: Env, old_id: int, new_id: int) -> None:
    """A group became a supergroup: its settings, subscriptions and history follow it."""
    env.store.move_chat(old_id, new_id, env.now)
    if env.on_chat_changed is not None:
        env.on_chat_changed(new_id)


def _ensure_chat(env: Env, caller: Caller) -> Chat:
    s = env.config.settings
    chat = Chat(
        id=caller.chat_id,
        type=caller.chat_type,
        title=caller.title,
        timezone=s.timezone,
        digest_time=s.digest_time,
        alerts=s.alerts,
        empty_digest=s.empty_digest,
        next_digest_at=notify.next_digest_at(s.timezone, s.digest_time, env.now),
    )
    return env.store.ensure_chat(chat, env.now)


# --- names ------------------------------------------------------------------------------------


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[_@#\-.’']+", " ", text.lower()).split())


def _choices(env: Env) -> dict[str, tuple[str, str]]:
    """Every way to name an issue or actor -> (kind, id)."""
    names: dict[str, tuple[str, str]] = {}
    for issue in env.config.issues:
        for form in (issue.id, issue.title):
            names.setdefault(_norm(form), ("issue", issue.id))
    for actor in env.config.actors:
        for form in (actor.id, actor.name, *actor.aliases):
            names.setdefault(_norm(form), ("actor", actor.id))
    for actor_id, name, _ in env.store.actors():
        for form in (actor_id, name):
            names.setdefault(_norm(form), ("actor", actor_id))
    return names


def resolve(
    env: Env, text: str, kinds: tuple[str, ...] = ("issue", "actor")
) -> tuple[tuple[str, str] | None, list[tuple[str, str]]]:
    """(kind, id) for a name, forgivingly; else None and up to four suggestions."""
    choices = {k: v for k, v in _choices(env).items() if v[0] in kinds}
    query = _norm(text)
    if query in choices:
        return choices[query], []
    ranked = process.extract(query, list(choices), scorer=fuzz.WRatio, limit=12)
    suggestions: list[tuple[str, str]] = []
    for name, _score, _ in ranked:
        if choices[name] not in suggestions:
            suggestions.append(choices[name])
    if ranked and ranked[0][1] >= ACCEPT_SCORE:
        best = choices[ranked[0][0]]
        rivals = [r for r in ranked[1:] if choices[r[0]] != best and r[1] >= ranked[0][1] - 3]
        if not rivals:
            return best, []
    return None, suggestions[:4]


def _label(env: Env, kind: str, target: str) -> str:
    if kind == "issue":
        issue = env.config.issue(target)
        return issue.title if issue else target
    names = {a.id: a.name for a in env.config.actors}
    return names.get(target) or env.store.actor_names().get(target, target)


def _unknown(env: Env, text: str, suggestions: list[tuple[str, str]], verb: str) -> Reply:
    shown = esc(render.trim(text, 60))
    if not suggestions:
        return Reply.text(f"I don't know “{shown}”. Send /{verb} to pick from a list.")
    buttons = tuple(
        (
            Button(
                _label(env, kind, target),
                f"{'sub' if verb == 'subscribe' else 'unsub'}:{kind}:{target}",
            ),
        )
        for kind, target in suggestions
    )
    names = ", ".join(esc(_label(env, k, t)) for k, t in suggestions)
    return Reply.text(f"I don't know “{shown}”. Did you mean: {names}?", buttons)


# --- commands ---------------------------------------------------------------------------------


def _issue_keyboard(env: Env, verb: str = "sub") -> tuple[tuple[Button, ...], ...]:
    buttons = [Button(i.title, f"{verb}:issue:{i.id}") for i in env.config.issues]
    return tuple(tuple(buttons[i : i + 2]) for i in range(0, len(buttons), 2))


def _issue_toggles(env: Env, caller: Caller) -> tuple[tuple[Button, ...], ...]:
    """Every issue as a button: tap to follow, or (✅) to stop following."""
    followed = {s.target for s in env.store.subscriptions(caller.chat_id) if s.kind == "issue"}
    buttons = [
        Button(f"✅ {i.title}", f"unsub:issue:{i.id}")
        if i.id in followed
        else Button(i.title, f"sub:issue:{i.id}")
        for i in env.config.issues
    ]
    return tuple(tuple(buttons[i : i + 2]) for i in range(0, len(buttons), 2))


@command("start", "What this bot does and how to begin", "/start")
def cmd_start(env: Env, caller: Caller, args: str) -> Reply:
    chat = env.store.chat(caller.chat_id)
    if chat is not None and not chat.active:
        env.store.update_chat(caller.chat_id, env.now, active=True)  # back after blocking us
    return Reply.text(
        "👋 <b>talkwatch</b> follows the Ukraine–US–Russia peace talks and tells you, briefly and"
        " with sources, what is <i>new</i>: who said what, on which issue, and which outlets"
        " reported it.\n\n"
        "Tap an issue below to get an alert when someone says something new about it, or follow"
        " a person: <code>/subscribe peskov</code>. Every day you also get a short digest"
        f" (at {esc(env.config.settings.digest_time)} {esc(env.config.settings.timezone)};"
        " change it with /settings).\n\nTry /latest, or /help for every command.",
        _issue_toggles(env, caller),
    )


@command("help", "Every command, with an example", "/help")
def cmd_help(env: Env, caller: Caller, args: str) -> Reply:
    lines = ["<b>Commands</b>"]
    for cmd in COMMANDS:
        if cmd.admin_only and not caller.is_bot_admin:
            continue
        admin = " (admins)" if cmd.admin_only else ""
        lines.append(
            f"/{cmd.name} — {esc(cmd.summary)}{admin}\n   e.g. <code>{esc(cmd.example)}</code>"
        )
    return Reply.text("\n".join(lines))


@command("subscribe", "Follow an issue or a person", "/subscribe nato", manages=True)
def cmd_subscribe(env: Env, caller: Caller, args: str) -> Reply:
    if not args:
        actors = [a for a in env.store.actors() if a[2] > 0][:8]
        rows = list(_issue_toggles(env, caller))
        people = [Button(name, f"sub:actor:{actor_id}") for actor_id, name, _ in actors]
        rows += [tuple(people[i : i + 2]) for i in range(0, len(people), 2)]
        return Reply.text(
            "What do you want to follow? Tap one, or send <code>/subscribe name</code>.",
            tuple(rows),
        )
    found, suggestions = resolve(env, args)
    if found is None:
        return _unknown(env, args, suggestions, "subscribe")
    return _subscribe(env, caller, *found)


def _subscribe(env: Env, caller: Caller, kind: str, target: str) -> Reply:
    known = (
        env.config.issue(target) is not None
        if kind == "issue"
        else target in env.store.actor_names() or env.config.actor(target) is not None
    )
    if kind not in ("issue", "actor") or not known:
        return Reply.text("That is no longer something I track. Send /subscribe to pick again.")
    label = esc(_label(env, kind, target))
    if not env.store.subscribe(caller.chat_id, kind, target, env.now):
        return Reply.text(f"You already follow <b>{label}</b>.")
    what = "anything new on it" if kind == "issue" else "anything new they say"
    return Reply.text(
        f"✅ Following <b>{label}</b>. You'll get an alert for {what}, and it all "
        "goes into your daily digest. /subscriptions lists what you follow."
    )


@command("unsubscribe", "Stop following an issue or a person", "/unsubscribe peskov", manages=True)
def cmd_unsubscribe(env: Env, caller: Caller, args: str) -> Reply:
    subs = env.store.subscriptions(caller.chat_id)
    if not args:
        if not subs:
            return Reply.text("You don't follow anything yet. Try /subscribe.")
        rows = tuple(
            (Button(f"✖ {_label(env, s.kind, s.target)}", f"unsub:{s.kind}:{s.target}"),)
            for s in subs
        )
        return Reply.text("Tap what to stop following:", rows)
    found, suggestions = resolve(env, args)
    if found is None:
        return _unknown(env, args, suggestions, "unsubscribe")
    return _unsubscribe(env, caller, *found)


def _unsubscribe(env: Env, caller: Caller, kind: str, target: str) -> Reply:
    label = esc(_label(env, kind, target))
    if env.store.unsubscribe(caller.chat_id, kind, target):
        return Reply.text(f"Stopped following <b>{label}</b>.")
    return Reply.text(f"You weren't following <b>{label}</b>.")


@command("subscriptions", "What this chat follows", "/subscriptions")
def cmd_subscriptions(env: Env, caller: Caller, args: str) -> Reply:
    subs = env.store.subscriptions(caller.chat_id)
    if not subs:
        return Reply.text(
            "You don't follow anything yet, so your digest covers everything. "
            "Try <code>/subscribe nato</code>."
        )
    lines = ["<b>You follow</b>"]
    for kind in ("issue", "actor"):
        names = [esc(_label(env, s.kind, s.target)) for s in subs if s.kind == kind]
        if names:
            lines.append(f"{'Issues' if kind == 'issue' else 'People'}: {', '.join(names)}")
    return Reply.text("\n".join(lines))


def _listing(env: Env, kind: str, target: str, offset: int) -> Reply:
    store = env.store
    if kind == "issue":
        devs = store.developments(issue=target, limit=PAGE + 1, offset=offset)
        title = f"Latest on {_label(env, 'issue', target)}"
    elif kind == "actor":
        devs = store.developments(actor=target, limit=PAGE + 1, offset=offset)
        title = f"Latest from {_label(env, 'actor', target)}"
    else:
        devs = store.developments(limit=PAGE + 1, offset=offset)
        title = "Latest developments"
    if offset:
        title += f" (from #{offset + 1})"
    more = len(devs) > PAGE
    messages = render.developments_message(title, devs[:PAGE], "Nothing yet.")
    buttons = ((Button("More ▸", f"more:{kind}:{target}:{offset + PAGE}"),),) if more else ()
    return Reply(tuple(messages), buttons)


@command("issue", "The latest developments on an issue", "/issue nato")
def cmd_issue(env: Env, caller: Caller, args: str) -> Reply:
    if not args:
        rows = tuple(
            tuple(Button(b.text, f"{b.data}:0") for b in row)
            for row in _issue_keyboard(env, "more")
        )
        return Reply.text("Which issue? Tap one:", rows)
    found, suggestions = resolve(env, args, ("issue",))
    if found is None:
        names = ", ".join(esc(_label(env, k, t)) for k, t in suggestions) or "none close"
        return Reply.text(
            f"I don't know the issue “{esc(render.trim(args, 60))}”. Did you mean:"
            f" {names}? Issues: " + ", ".join(i.id for i in env.config.issues)
        )
    return _listing(env, "issue", found[1], 0)


@command("actor", "The latest from one person or institution", "/actor peskov")
def cmd_actor(env: Env, caller: Caller, args: str) -> Reply:
    if not args:
        return Reply.text("Whose statements? For example <code>/actor zelensky</code>.")
    found, suggestions = resolve(env, args, ("actor",))
    if found is None:
        names = ", ".join(esc(_label(env, k, t)) for k, t in suggestions) or "none close"
        return Reply.text(f"I don't know “{esc(render.trim(args, 60))}”. Did you mean: {names}?")
    return _listing(env, "actor", found[1], 0)


@command("latest", "The newest developments on anything", "/latest")
def cmd_latest(env: Env, caller: Caller, args: str) -> Reply:
    return _listing(env, "latest", "", 0)


@command("digest", "What is new for this chat since its last digest", "/digest")
def cmd_digest(env: Env, caller: Caller, args: str) -> Reply:
    messages = notify.digest_now(env.store, env.config, caller.chat_id, env.now)
    return Reply(tuple(messages))


_SETTINGS_HELP = (
    "\n\nChange with:\n<code>/settings time 08:30</code>\n<code>/settings tz Europe/Kyiv</code>\n"
    "<code>/settings alerts on|off</code>\n<code>/settings pause</code> · "
    "<code>/settings resume</code>\n<code>/settings empty on|off</code> (a one-line digest on "
    "quiet days)"
)


def _settings_text(chat: Chat) -> Reply:
    state = "paused ⏸" if chat.paused else "active"
    text = (
        f"<b>Settings</b>\nDigest: every day at {esc(chat.digest_time)} ({esc(chat.timezone)})\n"
        f"Instant alerts: {'on' if chat.alerts else 'off'}\nQuiet-day digest: "
        f"{'on' if chat.empty_digest else 'off'}\nDelivery: {state}" + _SETTINGS_HELP
    )
    buttons = (
        (
            Button(
                "Alerts off" if chat.alerts else "Alerts on",
                f"set:alerts:{'off' if chat.alerts else 'on'}",
            ),
            Button(
                "Resume" if chat.paused else "Pause", "set:resume" if chat.paused else "set:pause"
            ),
        ),
    )
    return Reply.text(text, buttons)


def _on_off(value: str) -> bool | None:
    return {"on": True, "yes": True, "off": False, "no": False}.get(value.lower())


@command(
    "settings", "Digest time and zone, alerts on/off, pause", "/settings time 08:30", manages=True
)
def cmd_settings(env: Env, caller: Caller, args: str) -> Reply:
    chat = env.store.chat(caller.chat_id)
    assert chat is not None
    key, _, value = args.partition(" ")
    key, value = key.lower(), value.strip()
    changes: dict[str, object] = {}
    if not key:
        return _settings_text(chat)
    if key == "time":
        m = re.fullmatch(r"([01]?\d|2[0-3])[:.h]([0-5]\d)", value)
        if not m:
            return Reply.text("Give the time as HH:MM, e.g. <code>/settings time 08:30</code>.")
        changes["digest_time"] = f"{int(m.group(1)):02d}:{m.group(2)}"
    elif key in ("tz", "timezone", "zone"):
        zone = _zone(value)
        if zone is None:
            return Reply.text(
                f"I don't know the time zone “{esc(render.trim(value, 40))}”. "
                "Use a name like <code>Europe/Kyiv</code> or "
                "<code>America/New_York</code>."
            )
        changes["timezone"] = zone
    elif key in ("alerts", "empty") and _on_off(value) is not None:
        changes["alerts" if key == "alerts" else "empty_digest"] = _on_off(value)
    elif key in ("pause", "resume"):
        changes["paused"] = key == "pause"
    else:
        return Reply.text("I don't know that setting." + _SETTINGS_HELP)
    if "digest_time" in changes or "timezone" in changes:
        changes["next_digest_at"] = notify.next_digest_at(
            str(changes.get("timezone", chat.timezone)),
            str(changes.get("digest_time", chat.digest_time)),
            env.now,
        )
    env.store.update_chat(caller.chat_id, env.now, **changes)
    if env.on_chat_changed is not None:
        env.on_chat_changed(caller.chat_id)
    updated = env.store.chat(caller.chat_id)
    assert updated is not None
    return _settings_text(updated)


def _zone(value: str) -> str | None:
    if not value:
        return None
    try:
        ZoneInfo(value)
        return value
    except (ZoneInfoNotFoundError, ValueError):
        pass
    wanted = value.replace(" ", "_").lower()
    for zone in available_timezones():
        if zone.lower() == wanted or zone.lower().endswith("/" + wanted):
            return zone
    return None


def _ago(env: Env, iso_time: str | None) -> str:
    if not iso_time:
        return "never"
    minutes = int((env.now - datetime.fromisoformat(iso_time)).total_seconds() // 60)
    if minutes < 1:
        return "just now"
    if minutes < 120:
        return f"{minutes} min ago"
    return f"{minutes // 60} h ago"


@command("sources", "The feeds tracked and whether they are healthy", "/sources")
def cmd_sources(env: Env, caller: Caller, args: str) -> Reply:
    states = {r["name"]: r for r in env.store.feed_states()}
    feeds = poll.effective_feeds(env.store, env.config)
    if not feeds:
        return Reply.text("No feeds are tracked.")
    lines = ["<b>Sources</b>"]
    for feed in feeds:
        st = states.get(feed.name, {})
        failing = (st.get("consecutive_failures") or 0) > 0
        health = (
            f"⚠️ failing: {esc(render.trim(st.get('last_error') or '', 80))}"
            if failing
            else ("✅ healthy" if st.get("last_success_at") else "⏳ not read yet")
        )
        lines.append(
            f"• <b>{esc(feed.name)}</b> — read {_ago(env, st.get('last_success_at'))} · {health}"
        )
    return Reply.text("\n".join(lines))


@command(
    "feeds",
    "Add or remove a feed",
    "/feeds add https://example.com/rss",
    admin_only=True,
    max_args=MAX_URL_CHARS,
)
def cmd_feeds(env: Env, caller: Caller, args: str) -> Reply:
    verb, _, rest = args.partition(" ")
    verb, rest = verb.lower(), rest.strip()
    feeds = poll.effective_feeds(env.store, env.config)
    if verb == "add" and re.fullmatch(r"https?://[^\s/]+\S*", rest):
        same = next((f for f in feeds if f.url == rest), None)
        if same is not None:
            return Reply.text(f"That feed is already tracked as <b>{esc(same.name)}</b>.")
        name = _feed_name(rest, {f.name.lower() for f in feeds})
        env.store.save_feed_state(name, url=rest, origin="admin", removed=0, interval_minutes=15)
        return Reply.text(f"Added <b>{esc(name)}</b>. It is polled from the next round on.")
    if verb == "remove" and rest:
        names = {f.name.lower(): f.name for f in feeds}
        if rest.lower() not in names:
            return Reply.text(f"No feed is named “{esc(render.trim(rest, 60))}”. See /sources.")
        env.store.save_feed_state(names[rest.lower()], removed=1)
        return Reply.text(f"Removed <b>{esc(names[rest.lower()])}</b>.")
    return Reply.text("Usage: <code>/feeds add URL</code> or <code>/feeds remove NAME</code>.")


def _feed_name(url: str, taken: set[str]) -> str:
    """A short name for a new feed: its host, numbered if another feed has that name."""
    host = re.sub(r"^https?://(www\.)?", "", url).split("/")[0].split("?")[0][:60]
    name, n = host, 2
    while name.lower() in taken:
        name, n = f"{host} ({n})", n + 1
    return name


@command("stats", "Queue depth, sends, failures, feed health", "/stats", admin_only=True)
def cmd_stats(env: Env, caller: Caller, args: str) -> Reply:
    text = health.format_status(health.status(env.store, env.now))
    extra = env.stats() if env.stats is not None else ""
    if extra:
        text += "\n" + extra
    return Reply.text(f"<pre>{esc(render.trim_lines(text, render.LIMIT - 20))}</pre>")
