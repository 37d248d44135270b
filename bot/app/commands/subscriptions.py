"""Following issues and people: /start (the one-tap issue menu), /subscribe, /unsubscribe,
/subscriptions, and the buttons that do the same."""

from __future__ import annotations

import bot.app.commands.callbacks as callbacks
from bot import render
from bot.app.commands.context import Caller, Env
from bot.app.commands.resolve import could_be_a_name, label, labels, not_a_name, resolve
from bot.model import Button, Code, Notice, Reply, Strong, SubscriptionsView, Welcome

Keyboard = tuple[tuple[Button, ...], ...]


def _rows(buttons: list[Button]) -> Keyboard:
    """Buttons two to a row."""
    return tuple(tuple(buttons[i : i + 2]) for i in range(0, len(buttons), 2))


def issue_toggles(env: Env, caller: Caller) -> Keyboard:
    """Every issue as a button: tap to follow, or (✅) to stop following."""
    followed = {s.target for s in env.store.subscriptions(caller.chat_id) if s.kind == "issue"}
    return _rows(
        [
            Button(f"✅ {i.title}", callbacks.unfollow("issue", i.id))
            if i.id in followed
            else Button(i.title, callbacks.follow("issue", i.id))
            for i in env.config.issues
        ]
    )


def start(env: Env, caller: Caller, args: str) -> Reply:
    """/start: what the bot does, with the issue menu; a chat that had blocked us is back."""
    chat = env.store.chat(caller.chat_id)
    if chat is not None and not chat.active:
        env.store.update_chat(caller.chat_id, env.now, active=True)  # back after blocking us
    s = env.config.settings
    return Reply.of(Welcome(s.digest_time, s.timezone), issue_toggles(env, caller))


def _unknown(env: Env, text: str, suggestions: list[tuple[str, str]], verb: str) -> Reply:
    shown = render.trim(text, 60)
    if not could_be_a_name(text):
        return Reply.of(not_a_name(text))
    if not suggestions:
        return Reply.of(Notice(f"I don't know “{shown}”. Send /{verb} to pick from a list."))
    make = callbacks.follow if verb == "subscribe" else callbacks.unfollow
    buttons = tuple((Button(label(env, kind, t), make(kind, t)),) for kind, t in suggestions)
    names = labels(env, suggestions)
    return Reply.of(Notice(f"I don't know “{shown}”. Did you mean: {names}?"), buttons)


def subscribe(env: Env, caller: Caller, args: str) -> Reply:
    """/subscribe [name]: follow an issue or a person, or pick from a keyboard."""
    if not args:
        actors = [a for a in env.store.actors() if a[2] > 0][:8]
        people = [
            Button(name, callbacks.follow("actor", actor_id)) for actor_id, name, _ in actors
        ]
        return Reply.of(
            Notice("What do you want to follow? Tap one, or send ", Code("/subscribe name"), "."),
            issue_toggles(env, caller) + _rows(people),
        )
    found, suggestions = resolve(env, args)
    if found is None:
        return _unknown(env, args, suggestions, "subscribe")
    return follow(env, caller, *found)


def follow(env: Env, caller: Caller, kind: str, target: str) -> Reply:
    """Follow one issue or actor."""
    known = (
        env.config.issue(target) is not None
        if kind == "issue"
        else target in env.store.actor_names() or env.config.actor(target) is not None
    )
    if kind not in ("issue", "actor") or not known:
        return Reply.of(
            Notice("That is no longer something I track. Send /subscribe to pick again.")
        )
    name = Strong(label(env, kind, target))
    if not env.store.subscribe(caller.chat_id, kind, target, env.now):
        return Reply.of(Notice("You already follow ", name, "."))
    what = "anything new on it" if kind == "issue" else "anything new they say"
    return Reply.of(
        Notice(
            "✅ Following ",
            name,
            f". You'll get an alert for {what}, and it all "
            "goes into your daily digest. /subscriptions lists what you follow.",
        )
    )


def unsubscribe(env: Env, caller: Caller, args: str) -> Reply:
    """/unsubscribe [name]: stop following, by name or from a list of what the chat follows."""
    subs = env.store.subscriptions(caller.chat_id)
    if not args:
        if not subs:
            return Reply.of(Notice("You don't follow anything yet. Try /subscribe."))
        rows = tuple(
            (Button(f"✖ {label(env, s.kind, s.target)}", callbacks.unfollow(s.kind, s.target)),)
            for s in subs
        )
        return Reply.of(Notice("Tap what to stop following:"), rows)
    found, suggestions = resolve(env, args)
    followed: list[tuple[str, str]] = [(s.kind, s.target) for s in subs]
    if found is None or found not in followed:
        # only what the chat follows is worth suggesting
        close = [s for s in ([found] if found else []) + suggestions if s in followed]
        if found is not None and not close:
            return unfollow(env, caller, *found)  # "You weren't following ..."
        return _unknown(env, args, close, "unsubscribe")
    return unfollow(env, caller, *found)


def unfollow(env: Env, caller: Caller, kind: str, target: str) -> Reply:
    """Stop following one issue or actor."""
    name = Strong(label(env, kind, target))
    if env.store.unsubscribe(caller.chat_id, kind, target):
        return Reply.of(Notice("Stopped following ", name, "."))
    return Reply.of(Notice("You weren't following ", name, "."))


def subscriptions(env: Env, caller: Caller, args: str) -> Reply:
    """/subscriptions: what this chat follows."""
    subs = env.store.subscriptions(caller.chat_id)
    names = {
        kind: tuple(label(env, s.kind, s.target) for s in subs if s.kind == kind)
        for kind in ("issue", "actor")
    }
    return Reply.of(SubscriptionsView(names["issue"], names["actor"]))


def toggle(env: Env, caller: Caller, action: callbacks.Follow) -> Reply:
    """A follow/unfollow button; on an issue menu the menu stays, so several issues take several
    taps, not commands."""
    done = (follow if action.on else unfollow)(env, caller, action.kind, action.target)
    if action.kind != "issue":
        return done
    return Reply(done.messages, issue_toggles(env, caller))
