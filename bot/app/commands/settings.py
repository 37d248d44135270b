"""/settings: a chat's digest time and zone, instant alerts, quiet-day digests, pause; and the
buttons that toggle them. A changed time or zone reschedules the chat's digest. A change is
answered in one line; the full settings and how to change them come with /settings alone."""

from __future__ import annotations

import re
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

import bot.app.commands.callbacks as callbacks
from bot import render
from bot.app import notify
from bot.app.commands.context import Caller, Env
from bot.model import Button, Chat, Code, Notice, Reply, SettingsView, Strong

# abbreviations people type for a zone: a few (EST, MST, HST) are zone names of their own, but a
# fixed offset with no daylight saving, seldom what was meant; the others are no zone at all
LIKELY_ZONES: dict[str, tuple[str, ...]] = {
    "est": ("America/New_York", "America/Toronto", "America/Panama"),
    "edt": ("America/New_York", "America/Toronto"),
    "cst": ("America/Chicago", "America/Mexico_City", "Asia/Shanghai"),
    "cdt": ("America/Chicago",),
    "mst": ("America/Denver", "America/Phoenix", "America/Edmonton"),
    "mdt": ("America/Denver",),
    "pst": ("America/Los_Angeles", "America/Vancouver"),
    "pdt": ("America/Los_Angeles",),
    "hst": ("Pacific/Honolulu",),
    "akst": ("America/Anchorage",),
    "gmt": ("Europe/London", "UTC"),
    "bst": ("Europe/London",),
    "cet": ("Europe/Berlin", "Europe/Paris", "Europe/Warsaw"),
    "cest": ("Europe/Berlin", "Europe/Paris"),
    "eet": ("Europe/Kyiv", "Europe/Helsinki", "Europe/Athens"),
    "eest": ("Europe/Kyiv", "Europe/Helsinki"),
    "msk": ("Europe/Moscow",),
    "ist": ("Asia/Kolkata", "Europe/Dublin"),
}


def _view(chat: Chat) -> Reply:
    buttons = (
        (
            Button(
                "Alerts off" if chat.alerts else "Alerts on",
                callbacks.setting("alerts", "off" if chat.alerts else "on"),
            ),
            Button(
                "Resume" if chat.paused else "Pause",
                callbacks.setting("resume" if chat.paused else "pause"),
            ),
        ),
    )
    return Reply.of(SettingsView(chat), buttons)


def _on_off(value: str) -> bool | None:
    return {"on": True, "yes": True, "off": False, "no": False}.get(value.lower())


def _more() -> str:
    return " /settings shows every setting."


def _changed(chat: Chat, changes: dict[str, object]) -> Notice:
    """A change, in one line."""
    if "digest_time" in changes or "timezone" in changes:
        return Notice(
            "✅ Digest every day at ",
            Strong(f"{chat.digest_time} ({chat.timezone})"),
            "." + _more(),
        )
    if "alerts" in changes:
        return Notice(f"✅ Instant alerts {'on' if chat.alerts else 'off'}." + _more())
    if "empty_digest" in changes:
        state = "on" if chat.empty_digest else "off"
        return Notice(f"✅ Quiet-day digest {state}." + _more())
    if chat.paused:
        return Notice("⏸ Delivery paused: no alerts or digests until ", Code("/settings resume"))
    return Notice("✅ Delivery resumed." + _more())


def settings(env: Env, caller: Caller, args: str) -> Reply:
    """/settings [key value]: show the chat's settings, or change one (answered in one line)."""
    return _apply(env, caller, args, view=False)


def toggle(env: Env, caller: Caller, args: str) -> Reply:
    """A settings button: the change, then the settings view it was pressed under, updated."""
    return _apply(env, caller, args, view=True)


def _apply(env: Env, caller: Caller, args: str, *, view: bool) -> Reply:
    chat = env.store.chat(caller.chat_id)
    assert chat is not None
    key, _, value = args.partition(" ")
    key, value = key.lower(), value.strip()
    changes: dict[str, Any] = {}  # keyword arguments of Store.update_chat
    if not key:
        return _view(chat)
    if key == "time":
        m = re.fullmatch(r"([01]?\d|2[0-3])[:.h]([0-5]\d)", value)
        if not m:
            return Reply.of(
                Notice("Give the time as HH:MM, e.g. ", Code("/settings time 08:30"), ".")
            )
        changes["digest_time"] = f"{int(m.group(1)):02d}:{m.group(2)}"
    elif key in ("tz", "timezone", "zone"):
        likely = LIKELY_ZONES.get(value.lower())
        if likely:
            return _question_zone(value, likely)
        zone = _zone(value)
        if zone is None:
            return Reply.of(
                Notice(
                    f"I don't know the time zone “{render.trim(value, 40)}”. Use a name like ",
                    Code("Europe/Kyiv"),
                    " or ",
                    Code("America/New_York"),
                    ".",
                )
            )
        changes["timezone"] = zone
    elif key in ("alerts", "empty"):
        on = _on_off(value)
        if on is None:
            shown = f"“{render.trim(value, 20)}”" if value else "nothing"
            return Reply.of(
                Notice(
                    f"{key.capitalize()} can be on or off, not {shown}: e.g. ",
                    Code(f"/settings {key} off"),
                    ".",
                )
            )
        changes["alerts" if key == "alerts" else "empty_digest"] = on
    elif key in ("pause", "resume"):
        changes["paused"] = key == "pause"
    else:
        return Reply.of(
            Notice(
                f"I don't know the setting “{render.trim(key, 20)}”. Settings: time, tz, alerts,"
                " empty, pause, resume." + _more()
            )
        )
    if "digest_time" in changes or "timezone" in changes:
        changes["next_digest_at"] = notify.next_digest_at(
            str(changes.get("timezone", chat.timezone)),
            str(changes.get("digest_time", chat.digest_time)),
            env.now,
        )
    env.store.update_chat(caller.chat_id, env.now, **changes)
    env.chat_changed(caller.chat_id)
    updated = env.store.chat(caller.chat_id)
    assert updated is not None
    return _view(updated) if view else Reply.of(_changed(updated, changes))


def _question_zone(value: str, likely: tuple[str, ...]) -> Reply:
    """An abbreviation is not set: the zones it likely stands for are offered instead."""
    fixed = " is a fixed offset with no daylight saving" if _zone(value) else " is no zone name"
    names = ", ".join(likely)
    return Reply.of(
        Notice(
            f"“{render.trim(value, 10)}”{fixed}. Did you mean {names}? Tap one, or send ",
            Code(f"/settings tz {likely[0]}"),
            ".",
        ),
        tuple((Button(z, callbacks.setting("tz", z)),) for z in likely),
    )


def _zone(value: str) -> str | None:
    if not value:
        return None
    try:
        ZoneInfo(value)
        return value
    except (ZoneInfoNotFoundError, ValueError):
        pass
    wanted = value.replace(" ", "_").lower()
    for zone in available_timezones():
        if zone.lower() == wanted or zone.lower().endswith("/" + wanted):
            return zone
    return None
