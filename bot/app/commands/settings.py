"""/settings: a chat's digest time and zone, instant alerts, quiet-day digests, pause; and the
buttons that toggle them. A changed time or zone reschedules the chat's digest."""

from __future__ import annotations

import re
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

import bot.app.commands.callbacks as callbacks
from bot import render
from bot.app import notify
from bot.app.commands.context import Caller, Env
from bot.model import Button, Chat, Code, Notice, Reply, SettingsUsage, SettingsView


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


def settings(env: Env, caller: Caller, args: str) -> Reply:
    """/settings [key value]: show the chat's settings, or change one."""
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
    elif key in ("alerts", "empty") and _on_off(value) is not None:
        changes["alerts" if key == "alerts" else "empty_digest"] = _on_off(value)
    elif key in ("pause", "resume"):
        changes["paused"] = key == "pause"
    else:
        return Reply.of(SettingsUsage("I don't know that setting."))
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
    return _view(updated)


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
