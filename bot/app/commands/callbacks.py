"""Inline-button callback data: the one place that builds it and parses it back.

Formats (Telegram allows 1-64 bytes; a longer button is left out of its Reply):
``sub:KIND:TARGET`` / ``unsub:KIND:TARGET`` (follow or stop following an issue or actor),
``more:KIND:TARGET:OFFSET`` (a page of a listing), ``set:KEY[:VALUE]`` (a settings toggle).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Follow:
    """Follow (``on``) or stop following an issue or an actor."""

    kind: str
    target: str
    on: bool


@dataclass(frozen=True)
class Page:
    """A page of a listing (``kind`` issue, actor or latest), from ``offset``."""

    kind: str
    target: str
    offset: int


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


def page(kind: str, target: str, offset: int) -> str:
    """The data of a button that shows a listing from ``offset``."""
    return f"more:{kind}:{target}:{offset}"


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
        target, _, offset = tail.rpartition(":")
        return Page(kind, target, int(offset) if offset.isdigit() else 0)
    if verb == "set":
        return Setting(rest.replace(":", " "))
    return None


def manages(data: str) -> bool:
    """Whether the button changes the chat (so, in a group, only its admins may press it)."""
    return isinstance(parse(data), Follow | Setting)
