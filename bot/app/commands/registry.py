"""The command table, built explicitly in one place, and running it: who may use which command,
argument limits, unknown names, buttons, and the chat-membership events Telegram reports.

The one table feeds the Telegram handlers, setMyCommands, /help and the terminal chat."""

from __future__ import annotations

from dataclasses import dataclass, replace

import bot.app.commands.admin as admin
import bot.app.commands.callbacks as callbacks
import bot.app.commands.lists as lists
import bot.app.commands.settings as settings
import bot.app.commands.subscriptions as subscriptions
from bot import render
from bot.app import notify
from bot.app.commands.context import Caller, Env, Handler
from bot.model import Chat, Code, HelpEntry, HelpView, Notice, Reply

MAX_ARG_CHARS = 120  # longer arguments are answered, trimmed, never processed
GROUP_ADMINS_ONLY = "In a group, only its administrators can change what it follows."


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


def help_command(env: Env, caller: Caller, args: str) -> Reply:
    """/help: every command the caller may use, with an example."""
    return Reply.of(
        HelpView(
            tuple(
                HelpEntry(c.name, c.summary, c.example, c.admin_only)
                for c in COMMANDS
                if caller.is_bot_admin or not c.admin_only
            )
        )
    )


# in the order /help and Telegram's command menu show them
COMMANDS: tuple[Command, ...] = (
    Command("start", "What this bot does and how to begin", "/start", subscriptions.start),
    Command("help", "Every command, with an example", "/help", help_command),
    Command(
        "subscribe",
        "Follow an issue or a person",
        "/subscribe nato",
        subscriptions.subscribe,
        manages=True,
    ),
    Command(
        "unsubscribe",
        "Stop following an issue or a person",
        "/unsubscribe peskov",
        subscriptions.unsubscribe,
        manages=True,
    ),
    Command(
        "subscriptions", "What this chat follows", "/subscriptions", subscriptions.subscriptions
    ),
    Command("issue", "The latest developments on an issue", "/issue nato", lists.issue),
    Command("actor", "The latest from one person or institution", "/actor peskov", lists.actor),
    Command("latest", "The newest developments on anything", "/latest", lists.latest),
    Command("digest", "What is new for this chat since its last digest", "/digest", lists.digest),
    Command(
        "timeline",
        "A chart of who said what, when, on an issue or from a person",
        "/timeline nato",
        lists.timeline,
    ),
    Command(
        "settings",
        "Digest time and zone, alerts on/off, pause",
        "/settings time 08:30",
        settings.settings,
        manages=True,
    ),
    Command(
        "sources", "The feeds tracked and whether they are healthy", "/sources", admin.sources
    ),
    Command(
        "feeds",
        "Add or remove a feed",
        "/feeds add https://example.com/rss",
        admin.feeds,
        admin_only=True,
        max_args=admin.MAX_URL_CHARS,
    ),
    Command(
        "stats",
        "Queue depth, sends, failures, feed health",
        "/stats",
        admin.stats,
        admin_only=True,
    ),
)
_BY_NAME = {c.name: c for c in COMMANDS}


def registry() -> dict[str, Command]:
    """Every command by name."""
    return dict(_BY_NAME)


def public_commands() -> list[Command]:
    """The commands shown to everyone (setMyCommands, /help)."""
    return [c for c in COMMANDS if not c.admin_only]


def find(name: str) -> Command | None:
    """The command of that name (any case), if there is one."""
    return _BY_NAME.get(name.lower())


def dispatch(env: Env, caller: Caller, name: str, args: str) -> Reply:
    """Run a command by name for a caller; unknown names and bad input get a clear answer."""
    cmd = find(name)
    if cmd is None:
        return Reply.of(
            Notice(
                f"I don't know the command /{render.trim(name, 40)}. "
                "Send /help to see what I can do."
            )
        )
    if cmd.admin_only and not caller.is_bot_admin:
        return Reply.of(Notice("That command is for the bot's administrators only."))
    if cmd.manages and not caller.is_chat_admin:
        return Reply.of(Notice(GROUP_ADMINS_ONLY))
    args = " ".join(args.split())
    if len(args) > cmd.max_args:
        return Reply.of(
            Notice(
                f"That argument is too long ({len(args):,} characters; the most is "
                f"{cmd.max_args}). Example: ",
                Code(cmd.example),
            )
        )
    if env.store.chat(caller.chat_id) is None:
        _ensure_chat(env, caller)
    return cmd.handler(env, caller, args)


def callback(env: Env, caller: Caller, data: str) -> Reply:
    """Run an inline button's action (see :mod:`bot.app.commands.callbacks`)."""
    if env.store.chat(caller.chat_id) is None:
        _ensure_chat(env, caller)  # a button from before we knew the chat
    action = callbacks.parse(data)
    if isinstance(action, callbacks.Page):
        # a further page comes as a new message: the one above stays readable
        return lists.listing(env, action.kind, action.target, action.after)
    return replace(_pressed(env, caller, action), edits=True)


def _pressed(env: Env, caller: Caller, action: callbacks.Action | None) -> Reply:
    if isinstance(action, callbacks.Follow):
        if not caller.is_chat_admin:
            return Reply.of(Notice(GROUP_ADMINS_ONLY))
        return subscriptions.toggle(env, caller, action)
    if isinstance(action, callbacks.Setting):
        if not caller.is_chat_admin:
            return Reply.of(Notice("In a group, only its administrators can change its settings."))
        return settings.toggle(env, caller, action.args)
    return Reply.of(Notice("That button has expired. Send /help to start again."))


def membership_changed(env: Env, chat_id: int, present: bool) -> None:
    """The bot was blocked or removed from a chat (nothing more is sent there), or is back."""
    chat = env.store.chat(chat_id)
    if chat is None or chat.active == present:
        return
    env.store.update_chat(chat_id, env.now, active=present)
    if present:
        env.chat_changed(chat_id)  # its digest schedule (and anything held for it) resumes


def chat_migrated(env: Env, old_id: int, new_id: int) -> None:
    """A group became a supergroup: its settings, subscriptions and history follow it."""
    env.store.move_chat(old_id, new_id, env.now)
    env.chat_changed(new_id)


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
