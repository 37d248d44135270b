"""Reading: /issue, /actor and /latest (pages of developments, newest first, with a "More"
button) and /digest (what is new for the chat since its last digest)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import bot.app.commands.callbacks as callbacks
from bot import render
from bot.app import notify
from bot.app.commands.context import Caller, Env
from bot.app.commands.resolve import label, labels, resolve
from bot.model import Button, Code, DevelopmentList, DigestView, ListKind, Notice, Reply

PAGE = 8  # developments per page of /issue, /actor, /latest


def listing(env: Env, kind: str, target: str, offset: int) -> Reply:
    """One page of developments on an issue, from an actor, or on anything (kind "latest")."""
    store = env.store
    shown: ListKind
    if kind == "issue":
        devs = store.developments(issue=target, limit=PAGE + 1, offset=offset)
        shown = "issue"
    elif kind == "actor":
        devs = store.developments(actor=target, limit=PAGE + 1, offset=offset)
        shown = "actor"
    else:
        devs = store.developments(limit=PAGE + 1, offset=offset)
        shown = "latest"
    name = label(env, kind, target) if shown != "latest" else ""
    page = DevelopmentList(shown, name, tuple(devs[:PAGE]), offset)
    more = len(devs) > PAGE
    buttons = ((Button("More ▸", callbacks.page(kind, target, offset + PAGE)),),) if more else ()
    return Reply.of(page, buttons)


def issue(env: Env, caller: Caller, args: str) -> Reply:
    """/issue [name]: the latest on an issue, or a menu of the issues."""
    if not args:
        buttons = [Button(i.title, callbacks.page("issue", i.id, 0)) for i in env.config.issues]
        rows = tuple(tuple(buttons[i : i + 2]) for i in range(0, len(buttons), 2))
        return Reply.of(Notice("Which issue? Tap one:"), rows)
    found, suggestions = resolve(env, args, ("issue",))
    if found is None:
        names = labels(env, suggestions) or "none close"
        return Reply.of(
            Notice(
                f"I don't know the issue “{render.trim(args, 60)}”. Did you mean:"
                f" {names}? Issues: " + ", ".join(i.id for i in env.config.issues)
            )
        )
    return listing(env, "issue", found[1], 0)


def actor(env: Env, caller: Caller, args: str) -> Reply:
    """/actor name: the latest from one person or institution."""
    if not args:
        return Reply.of(Notice("Whose statements? For example ", Code("/actor zelensky"), "."))
    found, suggestions = resolve(env, args, ("actor",))
    if found is None:
        names = labels(env, suggestions) or "none close"
        return Reply.of(Notice(f"I don't know “{render.trim(args, 60)}”. Did you mean: {names}?"))
    return listing(env, "actor", found[1], 0)


def latest(env: Env, caller: Caller, args: str) -> Reply:
    """/latest: the newest developments on anything."""
    return listing(env, "latest", "", 0)


def digest(env: Env, caller: Caller, args: str) -> Reply:
    """/digest: what is new since the last digest; it counts as the chat's digest."""
    chat, devs = notify.take_digest(env.store, caller.chat_id, env.now)
    titles = tuple(notify.issue_titles(env.config).items())
    day = env.now.astimezone(ZoneInfo(chat.timezone))
    return Reply.of(DigestView(tuple(devs), titles, day, speakers=env.config.actors))
