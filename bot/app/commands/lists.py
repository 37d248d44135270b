"""Reading: /issue, /actor and /latest (pages of developments, newest said first, with a "More"
button that pages by a stable key), /digest (what is new for the chat since its last digest) and
/timeline (a chart of an issue's or actor's last weeks)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

import bot.app.commands.callbacks as callbacks
from bot import render
from bot.app import notify
from bot.app.commands.context import Caller, Env
from bot.app.commands.resolve import could_be_a_name, label, labels, not_a_name, resolve
from bot.model import (
    Button,
    Code,
    DevelopmentList,
    DigestView,
    ListKind,
    Notice,
    Reply,
    TimelineView,
)

TIMELINE_WEEKS = 4

PAGE = 8  # developments per page of /issue, /actor, /latest


EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MICROSECOND = timedelta(microseconds=1)


def listing(env: Env, kind: str, target: str, after: callbacks.Cursor | None = None) -> Reply:
    """One page of developments on an issue, from an actor, or on anything (kind "latest"),
    newest said first; ``after`` is the key of the last line of the page before."""
    shown: ListKind = "issue" if kind == "issue" else "actor" if kind == "actor" else "latest"
    key = None if after is None else (EPOCH + after[0] * MICROSECOND, after[1])
    devs = env.store.developments(
        issue=target if shown == "issue" else None,
        actor=target if shown == "actor" else None,
        order="said",
        after=key,
        limit=PAGE + 1,
    )
    before = after[2] if after else 0
    page_devs = devs[:PAGE]
    name = label(env, kind, target) if shown != "latest" else ""
    page = DevelopmentList(shown, name, tuple(page_devs), before)
    buttons: tuple[tuple[Button, ...], ...] = ()
    if len(devs) > PAGE:
        last = page_devs[-1]
        cursor = ((last.when_said - EPOCH) // MICROSECOND, last.id, before + PAGE)
        buttons = ((Button("More ▸", callbacks.page(kind, target, cursor)),),)
    return Reply.of(page, buttons)


def issue(env: Env, caller: Caller, args: str) -> Reply:
    """/issue [name]: the latest on an issue, or a menu of the issues."""
    if not args:
        buttons = [Button(i.title, callbacks.page("issue", i.id)) for i in env.config.issues]
        rows = tuple(tuple(buttons[i : i + 2]) for i in range(0, len(buttons), 2))
        return Reply.of(Notice("Which issue? Tap one:"), rows)
    found, suggestions = resolve(env, args, ("issue",))
    if found is None and not could_be_a_name(args):
        return Reply.of(not_a_name(args))
    if found is None:
        names = labels(env, suggestions) or "none close"
        return Reply.of(
            Notice(
                f"I don't know the issue “{render.trim(args, 60)}”. Did you mean:"
                f" {names}? Issues: " + ", ".join(i.id for i in env.config.issues)
            )
        )
    return listing(env, "issue", found[1])


def actor(env: Env, caller: Caller, args: str) -> Reply:
    """/actor name: the latest from one person or institution."""
    if not args:
        return Reply.of(Notice("Whose statements? For example ", Code("/actor zelensky"), "."))
    found, suggestions = resolve(env, args, ("actor",))
    if found is None and not could_be_a_name(args):
        return Reply.of(not_a_name(args))
    if found is None:
        names = labels(env, suggestions) or "none close"
        return Reply.of(Notice(f"I don't know “{render.trim(args, 60)}”. Did you mean: {names}?"))
    return listing(env, "actor", found[1])


def latest(env: Env, caller: Caller, args: str) -> Reply:
    """/latest: the newest developments on anything."""
    return listing(env, "latest", "")


def digest(env: Env, caller: Caller, args: str) -> Reply:
    """/digest: what is new since the last digest; it counts as the chat's digest."""
    chat, devs = notify.take_digest(env.store, env.config, caller.chat_id, env.now)
    titles = tuple(notify.issue_titles(env.config).items())
    day = env.now.astimezone(ZoneInfo(chat.timezone))
    return Reply.of(DigestView(tuple(devs), titles, day, speakers=env.config.actors))


def timeline_view(env: Env, kind: str, target: str) -> TimelineView:
    """An issue's or actor's developments for the chart of its last weeks."""
    if kind == "issue":
        devs = env.store.developments(issue=target)
    else:
        devs = env.store.developments(actor=target)
    shown: Literal["issue", "actor"] = "issue" if kind == "issue" else "actor"
    name = label(env, kind, target)
    return TimelineView(shown, target, name, tuple(devs), env.now, TIMELINE_WEEKS)


def timeline(env: Env, caller: Caller, args: str) -> Reply:
    """/timeline name: a chart of who said what, when, on an issue or from a person."""
    if not args:
        return Reply.of(
            Notice("A chart of which issue or person? For example ", Code("/timeline nato"), ".")
        )
    found, suggestions = resolve(env, args)
    if found is None and not could_be_a_name(args):
        return Reply.of(not_a_name(args))
    if found is None:
        names = labels(env, suggestions) or "none close"
        return Reply.of(Notice(f"I don't know “{render.trim(args, 60)}”. Did you mean: {names}?"))
    return Reply.of(timeline_view(env, *found))
