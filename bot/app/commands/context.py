"""What every command works with: the caller (who asks, from where, with which rights) and the
environment (the store, the config, the time, and the hooks the running process listens on)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from bot.config import Config
from bot.model import Reply
from bot.store import Store


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

    def chat_changed(self, chat_id: int) -> None:
        """Tell the running process a chat's schedule may have changed."""
        if self.on_chat_changed is not None:
            self.on_chat_changed(chat_id)


Handler = Callable[[Env, Caller, str], Reply]
