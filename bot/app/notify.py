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


def enqueue_alerts(
    store: Store, config: Config, development_ids: Sequence[int], now: datetime
) -> int:
    """Owe alerts for these new developments: each chat following one of them (alerts on, not
    paused, active) gets ONE message however many there are. In one transaction: the outbox rows,
    what each chat was told (chat_developments) and the developments' 'announced' marks.

    Only developments not announced before count, so a development that merely gained a source,
    or a re-run with the same ids, owes nothing. Returns the number of messages owed."""
    with store.transaction():
        fresh = set(store.unannounced_among(development_ids))
        ids = [d for d in dict.fromkeys(development_ids) if d in fresh]
        if not ids:
            return 0
        devs = store.developments(ids=ids, newest_first=False)
        owed = _alert_followers(store, devs, now)
        store.mark_announced(ids, now)
    return owed


def announce(
    store: Store,
    config: Config,
    now: datetime,
    on_new: Callable[[list[Development]], None] | None = None,
) -> int:
    """Decide the alerts for every development not yet announced (see :func:`enqueue_alerts`).
    Ingest commits developments before this runs, so a crash between the two loses nothing: the
    next run decides them; a crash after the decision commits duplicates nothing. Returns the
    number of messages owed."""
    owed = 0
    while True:
        ids = store.unannounced(limit=500)
        if not ids:
            return owed
        devs = store.developments(ids=ids, newest_first=False) if on_new is not None else []
        owed += enqueue_alerts(store, config, ids, now)
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
    if subs:
        issues = {s.target for s in subs if s.kind == "issue"}
        actors = {s.target for s in subs if s.kind == "actor"}
        devs = [d for d in devs if d.actor_id in actors or issues & set(d.issues)]
    # times are stored to the second: one first seen in the second of the last digest is looked
    # at again, and left out if that digest already had it
    untold = set(store.untold(chat.id, [d.id for d in devs], "digest"))
    return [d for d in devs if d.id in untold]


def digest_messages(
    store: Store, config: Config, chat: Chat, devs: Sequence[Development], now: datetime
) -> list[str]:
    """The digest text for a chat, dated in its time zone."""
    return render.digest(devs, issue_titles(config), day=now.astimezone(ZoneInfo(chat.timezone)))


def enqueue_digest(store: Store, config: Config, chat_id: int, now: datetime) -> bool:
    """Owe a chat its daily digest, with its last_digest_at, in one transaction; True if owed.

    At most one per chat-local day: the outbox key is the local date of the slot the digest is
    for (its scheduled time, or now), so one sent late within the grace period still counts for
    its own day. If the day's digest was already owed (the digest time was moved later), what is
    new since waits for the next one rather than being marked as told."""
    with store.transaction():
        chat = store.chat(chat_id)
        if chat is None or not chat.active or chat.paused:
            return False
        due = chat.next_digest_at
        slot = due if due is not None and due <= now else now
        day = slot.astimezone(ZoneInfo(chat.timezone)).date().isoformat()
        next_at = next_digest_at(chat.timezone, chat.digest_time, now)
        if store.outbox_has(chat_id, "digest", f"digest:{day}:0"):
            store.update_chat(chat_id, now, next_digest_at=next_at)
            return False
        devs = digest_developments(store, chat, now)
        owed = False
        if devs or chat.empty_digest:
            for part, text in enumerate(digest_messages(store, config, chat, devs, now)):
                key = f"digest:{day}:{part}"
                row = store.enqueue_outbox(chat_id, "digest", key, text, now, preview=False)
                owed = owed or row is not None
            store.told(chat_id, [d.id for d in devs], "digest", now)
        store.update_chat(chat_id, now, last_digest_at=now, next_digest_at=next_at)
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


def take_digest(store: Store, chat_id: int, now: datetime) -> tuple[Chat, list[Development]]:
    """What is new for a chat since its last digest, marked as told: it counts as the chat's
    digest (the next one starts from here). For /digest, which answers directly."""
    with store.transaction():
        chat = store.chat(chat_id)
        assert chat is not None
        devs = digest_developments(store, chat, now)
        store.told(chat_id, [d.id for d in devs], "digest", now)
        store.update_chat(chat_id, now, last_digest_at=now)
    return chat, devs


def digest_now(store: Store, config: Config, chat_id: int, now: datetime) -> list[str]:
    """The /digest answer as text: what is new since the last digest (see :func:`take_digest`)."""
    chat, devs = take_digest(store, chat_id, now)
    return digest_messages(store, config, chat, devs, now)
