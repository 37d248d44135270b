"""The bot's commands, apart from Telegram. Each command is a plain function of (env, caller,
args) returning a :class:`bot.model.Reply` of typed content (no markup: bot.render writes the
text). One explicit table (``registry``) feeds the Telegram handlers, setMyCommands, /help and the
terminal chat.

- ``registry``: the command table, dispatch, buttons, authorisation, membership events
- ``callbacks``: the one place that builds and parses inline-button data
- ``context``: the caller and the environment commands work with
- ``resolve``: forgiving issue and actor names
- ``subscriptions``, ``lists``, ``settings``, ``admin``: the commands themselves
"""

from __future__ import annotations

from bot.app.commands.callbacks import manages as button_manages
from bot.app.commands.context import Caller, Env
from bot.app.commands.lists import PAGE
from bot.app.commands.registry import (
    COMMANDS,
    Command,
    callback,
    chat_migrated,
    dispatch,
    find,
    membership_changed,
    public_commands,
    registry,
)
from bot.app.commands.resolve import resolve

__all__ = [
    "COMMANDS",
    "PAGE",
    "Caller",
    "Command",
    "Env",
    "button_manages",
    "callback",
    "chat_migrated",
    "dispatch",
    "find",
    "membership_changed",
    "public_commands",
    "registry",
    "resolve",
]
