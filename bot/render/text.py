"""Telegram-HTML mechanics: escaping, trimming at words or lines, splitting under Telegram's
4,096-character limit (a part never starts without its heading, a link is never cut), and back
to plain text for a terminal."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Sequence

LIMIT = 4096  # Telegram's limit on a message's text after entity parsing (UTF-16 units)
CAPTION_LIMIT = 1024  # the same for a photo's caption
CONTINUED = " (continued)"


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


def units(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units (an emoji outside the BMP is two)."""
    return len(text.encode("utf-16-le")) // 2


def visible(html_text: str) -> int:
    """The length Telegram limits: the text of a Telegram-HTML message after entity parsing."""
    return units(strip_tags(html_text))


def split(
    blocks: Iterable[str], limit: int = LIMIT, *, measure: Callable[[str], int] = units
) -> list[str]:
    """Join blocks (a header, a development line, ...) into messages under ``limit``, never
    splitting a block unless it alone is too long (then at a line, then hard). ``measure`` is
    the markup's own length by default (never more than Telegram counts, so always safe)."""
    messages: list[str] = []
    current = ""
    for block in blocks:
        for piece in _fit(block, limit) if measure(block) > limit else [block]:
            candidate = f"{current}\n{piece}" if current else piece
            if measure(candidate) <= limit:
                current = candidate
            else:
                messages.append(current)
                current = piece
    if current:
        messages.append(current)
    return messages


def split_sections(
    header: str,
    sections: Sequence[tuple[str, Sequence[str]]],
    limit: int = LIMIT,
    *,
    measure: Callable[[str], int] = units,
) -> list[str]:
    """Messages of a header and titled sections of lines, split under ``limit`` at lines: a
    part that starts inside a section starts with its heading again, marked as continued, and
    no part ends on a heading with nothing under it."""
    messages: list[str] = []
    current, under = header, 0  # the message so far; lines of this section in it

    def join(*parts: str) -> str:
        return "\n".join(p for p in parts if p)

    for head, lines in sections:
        current, under = join(current, head), 0
        again = f"{head}{CONTINUED}" if head else ""
        room = limit - (measure(again) + 1 if again else 0)
        for line in lines:
            for piece in _fit(line, room) if measure(line) > room else [line]:
                candidate = join(current, piece)
                if measure(candidate) <= limit:
                    current, under = candidate, under + 1
                    continue
                if under:
                    messages.append(current)
                    current = join(again, piece)
                else:  # the heading moves down with its first line
                    kept = current[: len(current) - len(head)].rstrip("\n") if head else current
                    if kept.strip():
                        messages.append(kept)
                    current = join(head, piece)
                under = 1
    if current.strip():
        messages.append(current)
    return [m.lstrip("\n") for m in messages]


def _fit(block: str, limit: int) -> list[str]:
    if units(block) <= limit:
        return [block]
    # only plain text is ever cut hard (a development line is trimmed before it gets this long):
    # at lines, then at spaces, then anywhere; measured escaped (escaping is per character)
    pieces: list[str] = []
    current: list[str] = []
    size = 0
    for line in strip_tags(block).split("\n"):
        for word in re.split(r"(?<= )", line + "\n"):
            for part in word if units(esc(word)) > limit else (word,):
                if size + units(esc(part)) > limit:
                    pieces.append(esc("".join(current).rstrip()))
                    current, size = [], 0
                current.append(part)
                size += units(esc(part))
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
