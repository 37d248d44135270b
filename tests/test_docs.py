"""The README and the bot document what the code has: the one command registry feeds the Telegram
handlers, the command menu (setMyCommands) and /help, and the README's table lists every command;
the quickstart is what CI runs."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from telegram.ext import CommandHandler

from bot import render
from bot.adapters import telegram
from bot.app import commands
from bot.config import Config
from bot.store import Store
from tests.conftest import BOT_TOKEN, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_command_is_in_the_readme_table() -> None:
    for cmd in commands.COMMANDS:
        assert f"| `/{cmd.name}` |" in README, cmd.name


def test_handlers_menu_and_help_come_from_the_one_registry(config: Config, store: Store) -> None:
    app = telegram.build_application(replace(config, token=BOT_TOKEN), store)
    handled = [
        name
        for handlers in app.handlers.values()
        for h in handlers
        if isinstance(h, CommandHandler)
        for name in sorted(h.commands)
    ]
    assert handled == [c.name for c in commands.COMMANDS]  # one handler each, in order
    menu = [(c.command, c.description) for c in telegram.bot_commands()]
    public = [(c.name, c.summary) for c in commands.public_commands()]
    assert menu == public
    assert all(not c.admin_only for c in commands.public_commands())
    env = commands.Env(store=store, config=config, now=datetime.now(UTC))
    for is_admin, shown in (
        (False, public),
        (True, [(c.name, c.summary) for c in commands.COMMANDS]),
    ):
        caller = commands.Caller(chat_id=5, is_bot_admin=is_admin)
        help_text = render.reply_text(commands.dispatch(env, caller, "help", ""))
        listed = [line.split(" — ")[0][1:] for line in help_text.split("\n") if line[:1] == "/"]
        assert listed == [name for name, _ in shown]
        for name, summary in shown:
            assert f"/{name} — {summary}" in help_text


def test_ci_runs_the_readme_test_command() -> None:
    quickstart = README.split("```sh", 1)[1].split("```", 1)[0].strip().splitlines()
    assert len(quickstart) == 2
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert quickstart[1] in ci
    assert "talkwatch run --once" in quickstart[0]
