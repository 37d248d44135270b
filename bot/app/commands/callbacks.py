"""Inline-button callback data: the one place that builds it and parses it back.

Formats (Telegram allows 1-64 bytes; a longer button is left out of its Reply):
``sub:KIND:TARGET`` / ``unsub:KIND:TARGET`` (follow or stop following an issue or actor),
``more:KIND:TARGET:0`` (a listing from its newest) or ``more:KIND:TARGET:WHEN-ID-SHOWN`` (the
page after the line said at WHEN, in microseconds since 1970, with development id ID, SHOWN
lines having come before; WHEN and ID in base 36): a stable key, so a page never repeats or skips
a line however many arrive meanwhile. ``set:KEY[:VALUE]`` is a settings toggle.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Follow:
    """Follow (``on``) or stop following an issue or an actor."""

    kind: str
    target: str
    on: bool


Cursor = tuple[
    int, int, int
]  # a page's last line: (when said in µs since 1970, its id, lines so far)


@dataclass(frozen=True)
class Page:
    """A page of a listing (``kind`` issue, actor or latest): from the newest, or the lines
    after ``after``."""

    kind: str
    target: str
    after: Cursor | None = None


@dataclass(frozen=True)
class Setting:
    """A settings change, as the words of ``/settings KEY VALUE``."""

    args: str


Action = Follow | Page | Setting


def follow(kind: str, target: str) -> str:
    """The data of a button that follows an issue or actor."""
    return f"sub:{kind}:{target}"


def unfollow(kind: str, target: str) -> str:
    """The data of a button that stops following an issue or actor."""
    return f"unsub:{kind}:{target}"


def page(kind: str, target: str, after: Cursor | None = None) -> str:
    """The data of a button that shows a listing from its newest line, or after ``after``."""
    if after is None:
        return f"more:{kind}:{target}:0"
    return f"more:{kind}:{target}:{_b36(after[0])}-{_b36(after[1])}-{after[2]}"


def _b36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = digits[r] + out
        if not n:
            return out


def setting(*words: str) -> str:
    """The data of a button that changes a setting (``setting("alerts", "off")``)."""
    return "set:" + ":".join(words)


def parse(data: str) -> Action | None:
    """The action a button's data stands for; None for data we never made (or no longer do)."""
    verb, _, rest = data.partition(":")
    if verb in ("sub", "unsub"):
        kind, _, target = rest.partition(":")
        return Follow(kind, target, on=verb == "sub")
    if verb == "more":
        kind, _, tail = rest.partition(":")
        target, _, key = tail.rpartition(":")
        parts = key.split("-")
        if (
            len(parts) == 3
            and all(p.isalnum() and p.isascii() for p in parts)
            and parts[2].isdigit()
        ):
            return Page(kind, target, (int(parts[0], 36), int(parts[1], 36), int(parts[2])))
        return Page(kind, target)  # from the newest (so are buttons from before cursors)
    if verb == "set":
        return Setting(rest.replace(":", " "))
    return None


def manages(data: str) -> bool:
    """Whether the button changes the chat (so, in a group, only its admins may press it)."""
    return isinstance(parse(data), Follow | Setting)
