"""Deciding what each chat is owed — alerts for new developments it follows, and its daily digest —
and writing it to the outbox in the same transaction as the decision.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot import render
from bot.config import Config
from bot.model import Chat, Development
from bot.store import Store

log = logging.getLogger(__name__)

DIGEST_LOOKBACK = timedelta(days=1)  # a chat's first digest covers the day before it


def next_digest_at(timezone: str, digest_time: str, after: datetime) -> datetime:
    """The first moment strictly after ``after`` (UTC) when it is ``digest_time`` in the zone."""
    zone = ZoneInfo(timezone)
    hour, minute = (int(part) for part in digest_time.split(":"))
    local = after.astimezone(zone)
    for days in range(0, 3):
        day = (local + timedelta(days=days)).date()
        candidate = datetime.combine(day, time(hour, minute), tzinfo=zone)
        # a time skipped by a DST change resolves forward; compare in UTC
        if candidate.astimezone(after.tzinfo) > after:
            return candidate.astimezone(after.tzinfo)
    raise AssertionError("unreachable: a digest time comes within two days")


def issue_titles(config: Config) -> dict[str, str]:
    """Issue id -> title, in config order."""
    return {i.id: i.title for i in config.issues}


def announce(
    store: Store,
    config: Config,
    now: datetime,
    on_new: Callable[[list[Development]], None] | None = None,
) -> int:
    """Decide the alerts for every development not yet announced: each chat following one gets
    one message, however many developments. The outbox rows and the 'announced' marks are one
    transaction, so a crash before it commits loses nothing (the next run decides again) and a
    crash after it duplicates nothing. Returns the number of messages owed."""
    owed = 0
    while True:
        with store.transaction():
            ids = store.unannounced(limit=500)
            if not ids:
                return owed
            devs = store.developments(ids=ids, newest_first=False)
            owed += _alert_followers(store, devs, now)
            store.mark_announced(ids, now)
        if on_new is not None:
            on_new(devs)


def _alert_followers(store: Store, devs: Sequence[Development], now: datetime) -> int:
    per_chat: dict[int, list[Development]] = {}
    for dev in devs:
        for chat_id in store.followers(dev):
            per_chat.setdefault(chat_id, []).append(dev)
    owed = 0
    for chat_id, chat_devs in per_chat.items():
        fresh = set(store.untold(chat_id, [d.id for d in chat_devs], "alert"))
        chat_devs = [d for d in chat_devs if d.id in fresh]
        if not chat_devs:
            continue
        key = "alert:" + ",".join(str(d.id) for d in chat_devs)
        for part, text in enumerate(render.alert(chat_devs)):
            if store.enqueue_outbox(chat_id, "alert", f"{key}:{part}", text, now) is not None:
                owed += 1
        store.told(chat_id, [d.id for d in chat_devs], "alert", now)
    if owed:
        log.info("alerts: %d messages owed to %d chats", owed, len(per_chat))
    return owed


def digest_developments(store: Store, chat: Chat, now: datetime) -> list[Development]:
    """What is new for a chat since its last digest, limited to what it follows (everything if it
    follows nothing)."""
    since = chat.last_digest_at or (now - DIGEST_LOOKBACK)
    devs = [d for d in store.developments(since=since, newest_first=False) if d.first_seen <= now]
    subs = store.subscriptions(chat.id)
    if not subs:
        return devs
    issues = {s.target for s in subs if s.kind == "issue"}
    actors = {s.target for s in subs if s.kind == "actor"}
    return [d for d in devs if d.actor_id in actors or issues & set(d.issues)]


def digest_messages(
    store: Store, config: Config, chat: Chat, devs: Sequence[Development], now: datetime
) -> list[str]:
    """The digest text for a chat, dated in its time zone."""
    return render.digest(devs, issue_titles(config), day=now.astimezone(ZoneInfo(chat.timezone)))


def enqueue_digest(store: Store, config: Config, chat_id: int, now: datetime) -> bool:
    """Owe a chat its digest (once per chat-local day); True if a digest was owed."""
    with store.transaction():
        chat = store.chat(chat_id)
        if chat is None or not chat.active or chat.paused:
            return False
        day = now.astimezone(ZoneInfo(chat.timezone)).date().isoformat()
        devs = digest_developments(store, chat, now)
        owed = False
        if devs or chat.empty_digest:
            for part, text in enumerate(digest_messages(store, config, chat, devs, now)):
                if (
                    store.enqueue_outbox(chat_id, "digest", f"digest:{day}:{part}", text, now)
                    is not None
                ):
                    owed = True
            store.told(chat_id, [d.id for d in devs], "digest", now)
        store.update_chat(
            chat_id,
            now,
            last_digest_at=now,
            next_digest_at=next_digest_at(chat.timezone, chat.digest_time, now),
        )
    return owed


def run_due_digests(store: Store, config: Config, now: datetime) -> int:
    """Owe every chat whose digest time has come its digest. A digest missed by more than the
    grace period (the bot was down) is skipped, not sent late; the next one is scheduled."""
    grace = timedelta(minutes=config.settings.digest_grace_minutes)
    owed = 0
    while True:
        due = store.due_digests(now, limit=500)
        if not due:
            return owed
        for chat in due:
            assert chat.next_digest_at is not None
            if now - chat.next_digest_at <= grace:
                owed += enqueue_digest(store, config, chat.id, now)
            else:
                log.info(
                    "digest for chat %d missed by more than the grace period; skipped", chat.id
                )
                store.update_chat(
                    chat.id,
                    now,
                    next_digest_at=next_digest_at(chat.timezone, chat.digest_time, now),
                )


def digest_now(store: Store, config: Config, chat_id: int, now: datetime) -> list[str]:
    """The /digest command: what is new since the last digest, as a direct reply; it counts as the
    chat's digest (the next one starts from here)."""
    with store.transaction():
        chat = store.chat(chat_id)
        assert chat is not None
        devs = digest_developments(store, chat, now)
        store.told(chat_id, [d.id for d in devs], "digest", now)
        store.update_chat(chat_id, now, last_digest_at=now)
    return digest_messages(store, config, chat, devs, now)
