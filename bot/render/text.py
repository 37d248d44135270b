"""Telegram-HTML mechanics: escaping, trimming at words or lines, splitting under Telegram's
4,096-character limit, and back to plain text for a terminal."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence

LIMIT = 4096


def esc(text: str) -> str:
    """Text made safe for Telegram HTML: <, > and & escaped (quotes need no escaping)."""
    return html.escape(text, quote=False)


def attr(text: str) -> str:
    """Text made safe inside an HTML attribute value."""
    return html.escape(text, quote=True)


def trim(text: str, limit: int) -> str:
    """Text cut at a word boundary to at most ``limit`` characters, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def trim_lines(text: str, limit: int) -> str:
    """Text kept to at most ``limit`` characters escaped, cut at a line, with an ellipsis line."""
    if len(esc(text)) <= limit:
        return text
    kept: list[str] = []
    size = 2  # the ellipsis line
    for line in text.split("\n"):
        size += len(esc(line)) + 1
        if size > limit:
            break
        kept.append(line)
    return "\n".join([*kept, "…"])


def split(blocks: Iterable[str], limit: int = LIMIT) -> list[str]:
    """Join blocks (a header, a development line, ...) into messages under ``limit``, never
    splitting a block unless it alone is too long (then at a line, then hard)."""
    messages: list[str] = []
    current = ""
    for block in blocks:
        for piece in _fit(block, limit):
            candidate = f"{current}\n{piece}" if current else piece
            if len(candidate) <= limit:
                current = candidate
            else:
                messages.append(current)
                current = piece
    if current:
        messages.append(current)
    return messages


def _fit(block: str, limit: int) -> list[str]:
    if len(block) <= limit:
        return [block]
    # only plain text is ever cut hard (a development line is trimmed before it gets this long):
    # at lines, then at spaces, then anywhere; measured escaped (escaping is per character)
    pieces: list[str] = []
    current: list[str] = []
    size = 0
    for line in strip_tags(block).split("\n"):
        for word in re.split(r"(?<= )", line + "\n"):
            for part in word if len(esc(word)) > limit else (word,):
                if size + len(esc(part)) > limit:
                    pieces.append(esc("".join(current).rstrip()))
                    current, size = [], 0
                current.append(part)
                size += len(esc(part))
    pieces.append(esc("".join(current).rstrip()))
    return [p for p in pieces if p]


_TAG = re.compile(r"<[^>]+>")


def strip_tags(text: str) -> str:
    """Telegram HTML as plain text (tags dropped, entities decoded)."""
    return html.unescape(_TAG.sub("", text))


def plain(messages: str | Sequence[str]) -> str:
    """Telegram HTML message(s) as text for a terminal."""
    if isinstance(messages, str):
        messages = [messages]
    return "\n\n".join(strip_tags(m) for m in messages)
