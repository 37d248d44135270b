"""Every text a user sees, and nothing else: Telegram HTML of alerts, digests, development lists
and command replies, plain text for the terminal, escaping and splitting under Telegram's
4,096-character limit. Pure: imports the model only (callers pass issue titles and the like).

- ``text``: escaping, trimming, splitting, back to plain text
- ``rank``: what a reader should see first (a pure ranking), gists, unnamed-source labels
- ``messages``: developments, alerts, digests
- ``replies``: command replies (typed ``Reply`` content) as Telegram HTML
- ``terminal``: plain text for the command line and the terminal chat
- ``chart``: the /timeline chart as a PNG (matplotlib, loaded only to draw) and its caption
"""

from __future__ import annotations

from bot.model import Reply
from bot.render.chart import timeline_caption, timeline_png
from bot.render.messages import (
    ALERT_CAP,
    DIGEST_CHARS,
    MAX_LINKS,
    STATEMENT_CHARS,
    alert,
    brief_line,
    development_line,
    developments_message,
    digest,
    sources,
)
from bot.render.rank import gist, rank, said_at, speaker_label
from bot.render.replies import APOLOGY, ago, reply_html
from bot.render.terminal import development_text, ingest_text, problem_text, status_text
from bot.render.text import (
    CAPTION_LIMIT,
    LIMIT,
    attr,
    esc,
    plain,
    split,
    split_sections,
    strip_tags,
    trim,
    trim_lines,
    visible,
)


def reply_text(reply: Reply) -> str:
    """A reply as plain text for a terminal (the same words as in Telegram, markup dropped)."""
    return plain(reply_html(reply))


__all__ = [
    "ALERT_CAP",
    "APOLOGY",
    "CAPTION_LIMIT",
    "DIGEST_CHARS",
    "LIMIT",
    "MAX_LINKS",
    "STATEMENT_CHARS",
    "ago",
    "alert",
    "attr",
    "brief_line",
    "development_line",
    "development_text",
    "developments_message",
    "digest",
    "esc",
    "gist",
    "ingest_text",
    "plain",
    "problem_text",
    "rank",
    "reply_html",
    "reply_text",
    "said_at",
    "sources",
    "speaker_label",
    "split",
    "split_sections",
    "status_text",
    "strip_tags",
    "timeline_caption",
    "timeline_png",
    "trim",
    "trim_lines",
    "visible",
]
