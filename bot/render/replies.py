"""Telegram HTML of command replies: every typed message a command returns (notices, help,
settings, lists, sources, stats) as the exact text the bot sends, split under the limit."""

from __future__ import annotations

from datetime import datetime
from functools import singledispatch

from bot.model import (
    Code,
    DevelopmentList,
    DigestView,
    HelpView,
    Notice,
    Reply,
    SettingsUsage,
    SettingsView,
    SourcesView,
    Span,
    StatsView,
    Strong,
    SubscriptionsView,
    TimelineView,
    Welcome,
)
from bot.render.chart import timeline_caption
from bot.render.messages import developments_message, digest
from bot.render.terminal import status_text
from bot.render.text import LIMIT, esc, split, trim, trim_lines

# sent as plain text (no parse mode) when a command failed on our side
APOLOGY = "Sorry, something went wrong on my side. Please try again."

_SETTINGS_HELP = (
    "\n\nChange with:\n<code>/settings time 08:30</code>\n<code>/settings tz Europe/Kyiv</code>\n"
    "<code>/settings alerts on|off</code>\n<code>/settings pause</code> · "
    "<code>/settings resume</code>\n<code>/settings empty on|off</code> (a one-line digest on "
    "quiet days)"
)


def reply_html(reply: Reply) -> list[str]:
    """A reply as the Telegram-HTML messages to send, in order (buttons go under the last)."""
    return [text for message in reply.messages for text in html(message)]


@singledispatch
def html(message: object) -> list[str]:
    """One typed message as one or more Telegram-HTML messages."""
    raise TypeError(f"no rendering for {type(message).__name__}")


def _span(span: Span) -> str:
    if isinstance(span, Strong):
        return f"<b>{esc(span.text)}</b>"
    if isinstance(span, Code):
        return f"<code>{esc(span.text)}</code>"
    return esc(span)


@html.register
def _notice(message: Notice) -> list[str]:
    return ["".join(_span(p) for p in message.parts)]


@html.register
def _welcome(message: Welcome) -> list[str]:
    return [
        "👋 <b>talkwatch</b> follows the Ukraine–US–Russia peace talks and tells you, briefly and"
        " with sources, what is <i>new</i>: who said what, on which issue, and which outlets"
        " reported it.\n\n"
        "Tap an issue below to get an alert when someone says something new about it, or follow"
        " a person: <code>/subscribe peskov</code>. Every day you also get a short digest"
        f" (at {esc(message.digest_time)} {esc(message.timezone)};"
        " change it with /settings).\n\nTry /latest, or /help for every command."
    ]


@html.register
def _help(message: HelpView) -> list[str]:
    lines = ["<b>Commands</b>"]
    for cmd in message.commands:
        admin = " (admins)" if cmd.admin_only else ""
        lines.append(
            f"/{cmd.name} — {esc(cmd.summary)}{admin}\n   e.g. <code>{esc(cmd.example)}</code>"
        )
    return split(lines)


@html.register
def _subscriptions(message: SubscriptionsView) -> list[str]:
    if not message.issues and not message.people:
        return [
            "You don't follow anything yet, so your digest covers everything. "
            "Try <code>/subscribe nato</code>."
        ]
    lines = ["<b>You follow</b>"]
    for label, names in (("Issues", message.issues), ("People", message.people)):
        if names:
            lines.append(f"{label}: {', '.join(esc(n) for n in names)}")
    return split(lines)


@html.register
def _development_list(message: DevelopmentList) -> list[str]:
    if message.kind == "issue":
        title = f"Latest on {message.name}"
    elif message.kind == "actor":
        title = f"Latest from {message.name}"
    else:
        title = "Latest developments"
    if message.offset:
        title += f" (from #{message.offset + 1})"
    return developments_message(title, message.developments, "Nothing yet.")


@html.register
def _digest(message: DigestView) -> list[str]:
    speakers = {a.id: a for a in message.speakers}
    return digest(
        message.developments, dict(message.issue_titles), day=message.day, speakers=speakers
    )


@html.register
def _timeline(message: TimelineView) -> list[str]:
    # the caption of the chart; in a terminal, where no picture is shown, it stands alone
    return [timeline_caption(message)]


@html.register
def _settings(message: SettingsView) -> list[str]:
    chat = message.chat
    state = "paused ⏸" if chat.paused else "active"
    return [
        f"<b>Settings</b>\nDigest: every day at {esc(chat.digest_time)} ({esc(chat.timezone)})\n"
        f"Instant alerts: {'on' if chat.alerts else 'off'}\nQuiet-day digest: "
        f"{'on' if chat.empty_digest else 'off'}\nDelivery: {state}" + _SETTINGS_HELP
    ]


@html.register
def _settings_usage(message: SettingsUsage) -> list[str]:
    return [esc(message.problem) + _SETTINGS_HELP]


def ago(then: datetime | None, now: datetime) -> str:
    """How long ago, roughly: "never", "just now", "12 min ago", "3 h ago"."""
    if then is None:
        return "never"
    minutes = int((now - then).total_seconds() // 60)
    if minutes < 1:
        return "just now"
    if minutes < 120:
        return f"{minutes} min ago"
    return f"{minutes // 60} h ago"


@html.register
def _sources(message: SourcesView) -> list[str]:
    if not message.feeds:
        return ["No feeds are tracked."]
    lines = ["<b>Sources</b>"]
    for feed in message.feeds:
        if feed.failures > 0:
            health = f"⚠️ failing: {esc(trim(feed.last_error, 80))}"
        else:
            health = "✅ healthy" if feed.last_success_at else "⏳ not read yet"
        read = ago(feed.last_success_at, message.now)
        lines.append(f"• <b>{esc(feed.name)}</b> — read {read} · {health}")
    return split(lines)


@html.register
def _stats(message: StatsView) -> list[str]:
    text = status_text(dict(message.figures))
    if message.extra:
        text += "\n" + message.extra
    return [f"<pre>{esc(trim_lines(text, LIMIT - 20))}</pre>"]
