"""Inline-button callback data: the one place that builds it and parses it back.

Formats (Telegram allows 1-64 bytes; a longer button is left out of its Reply):
``sub:KIND:TARGET`` / ``unsub:KIND:TARGET`` (follow or stop following an issue or actor),
``more:KIND:TARGET:0`` (a listing from its newest) or ``more:KIND:TARGET:SECONDS-ID`` (the page
after the line said at that Unix time with that development id: a stable key, so a page never
repeats or skips a line however many arrive meanwhile), ``set:KEY[:VALUE]`` (a settings toggle).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Follow:
    """Follow (``on``) or stop following an issue or an actor."""

    kind: str
    target: str
    on: bool


Cursor = tuple[int, int]  # (when said, as Unix seconds; development id) of a page's last line


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
    return f"more:{kind}:{target}:" + (f"{after[0]}-{after[1]}" if after else "0")


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
        seconds, dash, dev_id = key.partition("-")
        if dash and seconds.lstrip("-").isdigit() and dev_id.isdigit():
            return Page(kind, target, (int(seconds), int(dev_id)))
        return Page(kind, target)  # from the newest (so are buttons from before cursors)
    if verb == "set":
        return Setting(rest.replace(":", " "))
    return None


def manages(data: str) -> bool:
    """Whether the button changes the chat (so, in a group, only its admins may press it)."""
    return isinstance(parse(data), Follow | Setting)
