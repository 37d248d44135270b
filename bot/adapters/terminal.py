"""`talkwatch chat`: the bot's commands in a terminal, through the same command code, for people
without a Telegram token. Buttons are listed under the reply and can be pressed by number."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from typing import TextIO

from bot import render
from bot.app import commands
from bot.config import Config
from bot.model import Button, Notice, Reply
from bot.store import Store

LOCAL_CHAT_ID = 1  # the terminal is one private chat


def run_chat(
    config: Config, store: Store, input: TextIO = sys.stdin, output: TextIO = sys.stdout
) -> None:
    """Read commands line by line until end of input or /quit; print the bot's replies."""
    caller = commands.Caller(chat_id=LOCAL_CHAT_ID, title="terminal", is_bot_admin=True)
    buttons: list[Button] = []
    print("talkwatch chat — type /help, a button number, or /quit.", file=output)
    for line in input:
        line = line.strip()
        if not line:
            continue
        if line in ("/quit", "/exit"):
            break
        env = commands.Env(store=store, config=config, now=datetime.now(UTC))
        if line.isdigit() and 0 < int(line) <= len(buttons):
            reply = commands.callback(env, caller, buttons[int(line) - 1].data)
        elif line.startswith("/"):
            name, _, args = line[1:].partition(" ")
            reply = commands.dispatch(env, caller, name.split("@")[0], args)
        else:
            reply = Reply.of(Notice("Commands start with /. Try /help."))
        print(render.reply_text(reply), file=output)
        buttons = [b for row in reply.buttons for b in row]
        for n, button in enumerate(buttons, 1):
            print(f"  [{n}] {button.text}", file=output)
        print(file=output)
