"""Every text a user sees, and nothing else: Telegram HTML of alerts, digests, development lists
and command replies, plain text for the terminal, escaping and splitting under Telegram's
4,096-character limit. Pure: imports the model only (callers pass issue titles and the like).

- ``text``: escaping, trimming, splitting, back to plain text
- ``messages``: developments, alerts, digests
- ``replies``: command replies (typed ``Reply`` content) as Telegram HTML
- ``terminal``: plain text for the command line and the terminal chat
"""

from __future__ import annotations

from bot.model import Reply
from bot.render.messages import (
    MAX_LINKS,
    STATEMENT_CHARS,
    alert,
    development_line,
    developments_message,
    digest,
    sources,
)
from bot.render.replies import APOLOGY, ago, reply_html
from bot.render.terminal import development_text, status_text
from bot.render.text import LIMIT, attr, esc, plain, split, strip_tags, trim, trim_lines


def reply_text(reply: Reply) -> str:
    """A reply as plain text for a terminal (the same words as in Telegram, markup dropped)."""
    return plain(reply_html(reply))


__all__ = [
    "APOLOGY",
    "LIMIT",
    "MAX_LINKS",
    "STATEMENT_CHARS",
    "ago",
    "alert",
    "attr",
    "development_line",
    "development_text",
    "developments_message",
    "digest",
    "esc",
    "plain",
    "reply_html",
    "reply_text",
    "sources",
    "split",
    "status_text",
    "strip_tags",
    "trim",
    "trim_lines",
]
