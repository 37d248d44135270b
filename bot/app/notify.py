"""Deciding what each chat is owed — alerts for new developments it follows, and its daily digest —
and writing it to the outbox in the same transaction as the decision.

"New to this chat" is read from a per-chat ledger (``chat_developments``), never from time
windows: a digest tells every development the chat follows at that moment that is news for it
and that no earlier digest told it, and records each in the ledger in the same transaction as
the outbox rows that carry them. So each followed development is in exactly one digest, whatever
happens between digests (late digests, moved times, zones, pauses, follows, restarts). Alerts
keep their own ledger: an alert does not take a development out of the next digest, which is the
day's summary. A development is news for a chat if it was first seen no earlier than a day
before the chat arrived, within the news window (``news_window_days``), and is not a back-fill.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot import render
from bot.config import Config
from bot.model import Actor, Chat, Development
from bot.store import Store

log = logging.getLogger(__name__)

DIGEST_LOOKBACK = timedelta(days=1)  # a chat's first digest covers the day before it arrived


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


def batch_window(config: Config) -> timedelta:
    """How long new developments wait so that those arriving together make one alert."""
    return timedelta(seconds=config.settings.alert_batch_seconds)


def speakers_of(config: Config) -> dict[str, Actor]:
    """Actor id -> actor, for ranking (principals above commentators)."""
    return {a.id: a for a in config.actors}


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
    or a re-run with the same ids, owes nothing; one that gained an issue is announced again, and
    the ledger lets only its new followers hear of it (a chat told of it before, by an alert or
    in a digest, is not told again). Back-fills are never alerted.
    Returns the number of messages owed."""
    with store.transaction():
        fresh = set(store.unannounced_among(development_ids))
        ids = [d for d in dict.fromkeys(development_ids) if d in fresh]
        if not ids:
            return 0
        # a back-fill is stored and searchable, never alerted
        devs = [d for d in store.developments(ids=ids, newest_first=False) if not d.quiet]
        owed = _alert_followers(store, config, devs, now)
        store.mark_announced(ids, now)
    return owed


def announce(
    store: Store,
    config: Config,
    now: datetime,
    on_new: Callable[[list[Development]], None] | None = None,
    *,
    batch: timedelta | None = None,
) -> int:
    """Decide the alerts for every development not yet announced (see :func:`enqueue_alerts`),
    once the oldest of them was first seen at least ``batch`` ago (``alert_batch_seconds``
    unless given): developments arriving within one window become one alert per chat. Ingest
    commits developments before this runs, so a crash between the two loses nothing: the next
    run decides them; a crash after the decision commits duplicates nothing. Returns the number
    of messages owed."""
    window = batch if batch is not None else batch_window(config)
    if window and not store.unannounced(limit=1, seen_by=now - window):
        return 0  # the window is still gathering
    owed = 0
    while True:
        ids = store.unannounced(limit=500)
        if not ids:
            return owed
        devs = store.developments(ids=ids, newest_first=False) if on_new is not None else []
        owed += enqueue_alerts(store, config, ids, now)
        if on_new is not None:
            on_new(devs)


def _alert_followers(
    store: Store, config: Config, devs: Sequence[Development], now: datetime
) -> int:
    speakers = speakers_of(config)
    per_chat: dict[int, list[Development]] = {}
    for dev in devs:
        for chat_id in store.followers(dev):
            per_chat.setdefault(chat_id, []).append(dev)
    owed = 0
    for chat_id, chat_devs in per_chat.items():
        # a development the chat was told of - by an alert, or in a digest before it became
        # about what the chat follows - is not news to it again
        fresh = set(store.untold(chat_id, [d.id for d in chat_devs], ("alert", "digest")))
        chat_devs = [d for d in chat_devs if d.id in fresh]
        if not chat_devs:
            continue
        key = "alert:" + ",".join(str(d.id) for d in chat_devs)
        ids = [d.id for d in chat_devs]
        for part, text in enumerate(render.alert(chat_devs, speakers)):
            told = ids if part == 0 else ()
            row = store.enqueue_outbox(
                chat_id, "alert", f"{key}:{part}", text, now, development_ids=told
            )
            owed += row is not None
        store.told(chat_id, [d.id for d in chat_devs], "alert", now)
    if owed:
        log.info("alerts: %d messages owed to %d chats", owed, len(per_chat))
    return owed


def news_since(chat: Chat, config: Config, now: datetime) -> datetime:
    """The earliest first-seen time that is still news for this chat."""
    arrived = chat.news_since or chat.created_at or now
    window = timedelta(days=config.settings.news_window_days)
    return max(arrived - DIGEST_LOOKBACK, now - window)


def digest_developments(
    store: Store, config: Config, chat: Chat, now: datetime
) -> list[Development]:
    """What the chat's digest at ``now`` tells: from its ledger (see the module docstring), in
    the order things were said."""
    ids = store.owed_digest(chat.id, news_since(chat, config, now), now)
    by_id = {d.id: d for d in store.developments(ids=ids)}
    return [by_id[i] for i in ids if i in by_id]


def digest_messages(
    store: Store, config: Config, chat: Chat, devs: Sequence[Development], now: datetime
) -> list[str]:
    """The digest text for a chat, dated in its time zone."""
    return render.digest(
        devs,
        issue_titles(config),
        day=now.astimezone(ZoneInfo(chat.timezone)),
        speakers=speakers_of(config),
    )


def enqueue_digest(store: Store, config: Config, chat_id: int, now: datetime) -> bool:
    """Owe a chat its digest: the outbox rows, the ledger entries of what they tell, and the
    chat's last and next digest times, in one transaction; True if a message was owed.

    At most one a chat-local day: the outbox key is the local date of the slot the digest is for
    (its scheduled time, or now), so a digest sent late within the grace period counts for its
    own day. When that day's digest was already owed (the time was moved later, or the zone
    changed), nothing is owed and nothing is marked: what a digest tells comes from the ledger,
    so it waits for the next one."""
    with store.transaction():
        chat = store.chat(chat_id)
        if chat is None or not chat.active or chat.paused:
            return False
        due = chat.next_digest_at
        slot = due if due is not None and due <= now else now
        next_at = next_digest_at(chat.timezone, chat.digest_time, now)
        key = f"digest:{slot.astimezone(ZoneInfo(chat.timezone)).date().isoformat()}"
        if store.outbox_has(chat_id, "digest", f"{key}:0"):
            store.update_chat(chat_id, now, next_digest_at=next_at)
            return False
        devs = digest_developments(store, config, chat, now)
        owed = False
        if devs or chat.empty_digest:
            ids = [d.id for d in devs]
            for part, text in enumerate(digest_messages(store, config, chat, devs, now)):
                row = store.enqueue_outbox(
                    chat_id, "digest", f"{key}:{part}", text, now, preview=False,
                    development_ids=ids if part == 0 else (),
                )  # fmt: skip
                owed = owed or row is not None
            store.told(chat_id, ids, "digest", now)
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


def take_digest(
    store: Store, config: Config, chat_id: int, now: datetime
) -> tuple[Chat, list[Development]]:
    """What is new for a chat since its last digest, marked as told: it counts as the chat's
    digest (the next one starts from here). For /digest, which answers directly."""
    with store.transaction():
        chat = store.chat(chat_id)
        assert chat is not None
        devs = digest_developments(store, config, chat, now)
        store.told(chat_id, [d.id for d in devs], "digest", now)
        store.update_chat(chat_id, now, last_digest_at=now)
    return chat, devs


def digest_now(store: Store, config: Config, chat_id: int, now: datetime) -> list[str]:
    """The /digest answer as text: what is new since the last digest (see :func:`take_digest`)."""
    chat, devs = take_digest(store, config, chat_id, now)
    return digest_messages(store, config, chat, devs, now)
