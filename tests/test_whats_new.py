"""What is new to a chat, exactly once: the ledger against random schedules (hypothesis), and one
named regression test per defect issue 8 listed.

The property: for every chat and every development it follows and that is news for it at the
time of one of its digests, the development is in exactly one of its digests (by then or at that
one), never in two, never a back-fill; and the ledger records exactly what the digests carried.
The test keeps its own model of follows and issues; it never asks the code under test what is due.
"""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.app import commands, notify
from bot.config import Config
from bot.model import Chat
from bot.store import Store
from tests.conftest import News

T0 = datetime(2025, 12, 15, 6, 0, tzinfo=UTC)
ISSUES = ("nato", "ceasefire", "territory")
ACTORS = ("zelensky", "peskov")
CHATS = {
    1: ("issue", "nato"),
    2: ("actor", "peskov"),
    3: None,  # follows nothing: everything
}

op = st.one_of(
    st.tuples(st.just("advance"), st.integers(1, 2 * 24 * 60)),
    st.tuples(st.just("news"), st.sampled_from(ACTORS),
              st.sets(st.sampled_from(ISSUES), min_size=1), st.booleans()),
    st.tuples(st.just("gain"), st.integers(0, 50), st.sampled_from(ISSUES)),
    st.tuples(st.just("merge"), st.integers(0, 50), st.integers(0, 50)),
    st.tuples(st.just("tick")),
    st.tuples(st.just("digest_now"), st.sampled_from(list(CHATS))),
    st.tuples(st.just("settings"), st.sampled_from(list(CHATS)),
              st.sampled_from(["time 07:30", "time 23:50", "time 08:00", "zone Europe/Kyiv",
                               "zone America/New_York", "zone UTC", "pause", "resume"])),
    st.tuples(st.just("follow"), st.sampled_from(list(CHATS)), st.sampled_from(ISSUES)),
    st.tuples(st.just("unfollow"), st.sampled_from(list(CHATS)), st.sampled_from(ISSUES)),
    st.tuples(st.just("restart")),
)  # fmt: skip


def shown(mentions: list[set[str]]) -> set[str]:
    """The issues a development is shown with, from its mentions' issues (its first first):
    those its first mention names and those at least half of them name."""
    counts = Counter(i for issues in mentions for i in issues)
    return set(mentions[0]) | {i for i, n in counts.items() if 2 * n >= len(mentions)}


@dataclass
class Model:
    """The test's own account: each development's actor, its mentions' issues (the first
    first), when first seen, back-fill."""

    devs: dict[int, tuple[str, list[set[str]], datetime, bool]] = field(default_factory=dict)
    follows: dict[int, set[tuple[str, str]]] = field(default_factory=dict)
    arrived: datetime = T0

    def news_for(self, chat_id: int, at: datetime, window: timedelta) -> set[int]:
        """Developments the chat follows and that are news for it at ``at``."""
        since = max(self.arrived - timedelta(days=1), at - window)
        subs = self.follows[chat_id]
        return {
            d
            for d, (actor, mentions, seen, quiet) in self.devs.items()
            if not quiet
            and since <= seen <= at
            and (
                not subs
                or ("actor", actor) in subs
                or any(("issue", i) in subs for i in shown(mentions))
            )
        }


class Run:
    """One schedule against a real SQLite file."""

    def __init__(self, folder: Path, config: Config) -> None:
        self.path = folder / "talkwatch.db"
        self.config = config
        self.store = Store(self.path)
        self.news = News(self.store, config)
        self.now = T0
        self.model = Model()
        self.digests: dict[int, list[tuple[datetime, tuple[int, ...]]]] = {c: [] for c in CHATS}
        self.expected: list[tuple[int, datetime, set[int]]] = []
        self.collected: set[int] = set()  # outbox rows already read
        for chat_id, follow in CHATS.items():
            self.store.ensure_chat(Chat(id=chat_id), T0)
            self.model.follows[chat_id] = set()
            if follow:
                self.store.subscribe(chat_id, *follow, T0)
                self.model.follows[chat_id].add(follow)
            self.store.update_chat(
                chat_id, T0, next_digest_at=notify.next_digest_at("UTC", "08:00", T0)
            )

    def env(self) -> commands.Env:
        return commands.Env(store=self.store, config=self.config, now=self.now)

    def apply(self, step: tuple) -> None:
        kind, *args = step
        if kind == "advance":
            self.now += timedelta(minutes=args[0])
        elif kind == "news":
            actor, issues, quiet = args
            with self.store.transaction():  # as ingest writes: in a transaction
                dev = self.news.development(actor, f"remark {len(self.model.devs)}",
                                            tuple(issues), self.now, quiet=quiet)  # fmt: skip
            self.model.devs[dev] = (actor, [set(issues)], self.now, quiet)
        elif kind == "gain" and self.model.devs:
            dev = sorted(self.model.devs)[args[0] % len(self.model.devs)]
            actor, mentions, _, _ = self.model.devs[dev]
            statement = self.news._statement(actor, f"more on {dev}", (args[1],), "Wire",
                                             self.now, "direct")  # fmt: skip
            with self.store.transaction():
                self.store.add_statement(statement, dev, self.now)
            mentions.append({args[1]})
        elif kind == "merge" and len(self.model.devs) > 1:
            ids = sorted(self.model.devs)
            keep, drop = ids[args[0] % len(ids)], ids[args[1] % len(ids)]
            a_keep, a_drop = self.model.devs[keep][0], self.model.devs[drop][0]
            if keep != drop and a_keep == a_drop:  # the diff engine merges one speaker's only
                with self.store.transaction():
                    self.store.merge_developments(min(keep, drop), max(keep, drop))
                keep, drop = min(keep, drop), max(keep, drop)
                k, d = self.model.devs[keep], self.model.devs.pop(drop)
                # the kept one's first mention stays its first
                self.model.devs[keep] = (k[0], k[1] + d[1], min(k[2], d[2]), k[3] and d[3])
                # SQLite may give a later development the dropped one's id: what was owed of it
                # is owed of the development it went into
                self.expected = [
                    (c, at, {keep if d == drop else d for d in owed})
                    for c, at, owed in self.expected
                ]
                # two developments told apart, now found to be one: it was told once each
                for chat_digests in self.digests.values():
                    once = False
                    for n, (at, told) in enumerate(chat_digests):
                        renamed = [keep if t == drop else t for t in told]
                        if keep in renamed and once:
                            renamed = [t for t in renamed if t != keep]
                        once = once or keep in renamed
                        chat_digests[n] = (at, tuple(dict.fromkeys(renamed)))
        elif kind == "tick":
            before = {c: self.store.chat(c).last_digest_at for c in CHATS}
            notify.run_due_digests(self.store, self.config, self.now)
            for chat_id in CHATS:
                if self.store.chat(chat_id).last_digest_at != before[chat_id]:
                    self._digested(chat_id)
            self._collect()
        elif kind == "digest_now":
            _, devs = notify.take_digest(self.store, self.config, args[0], self.now)
            self.digests[args[0]].append((self.now, tuple(d.id for d in devs)))
            self._digested(args[0], direct=True)
        elif kind == "settings":
            commands.dispatch(self.env(), commands.Caller(chat_id=args[0]), "settings", args[1])
        elif kind in ("follow", "unfollow"):
            verb = "subscribe" if kind == "follow" else "unsubscribe"
            commands.dispatch(self.env(), commands.Caller(chat_id=args[0]), verb, args[1])
            (self.model.follows[args[0]].add if kind == "follow"
             else self.model.follows[args[0]].discard)(("issue", args[1]))  # fmt: skip
        elif kind == "restart":
            self.store.close()
            self.store = Store(self.path)
            self.news.store = self.store

    def _digested(self, chat_id: int, direct: bool = False) -> None:
        """A digest happened for this chat now: what was news and followed must be told by now."""
        window = timedelta(days=self.config.settings.news_window_days)
        self.expected.append((chat_id, self.now, self.model.news_for(chat_id, self.now, window)))

    def _collect(self) -> None:
        """The digests the outbox holds, by the developments each one tells."""
        for chat_id in CHATS:
            for message in self.store.outbox_messages(chat_id, "digest"):
                if message.id not in self.collected and message.created_at is not None:
                    self.collected.add(message.id)
                    self.digests[chat_id].append((message.created_at, message.development_ids))

    def check(self) -> None:
        for chat_id in CHATS:
            told = [d for _, ids in self.digests[chat_id] for d in ids]
            repeats = [d for d, n in Counter(told).items() if n > 1]
            assert repeats == [], f"chat {chat_id} told twice: {repeats}"
            quiet = {d for d, v in self.model.devs.items() if v[3]}
            assert not quiet & set(told), "a back-fill reached a digest"
            ledger = set(self.store.untold(chat_id, sorted(self.model.devs), "digest"))
            assert set(self.model.devs) - ledger == set(told), "the ledger and the digests differ"
        for chat_id, at, owed in self.expected:
            delivered = {d for when, ids in self.digests[chat_id] if when <= at for d in ids}
            missing = owed & set(self.model.devs) - delivered
            assert not missing, f"chat {chat_id} was owed {missing} by {at}"


@settings(
    max_examples=int(os.environ.get("TALKWATCH_SCHEDULES", "300")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(steps=st.lists(op, min_size=1, max_size=25))
def test_every_followed_development_is_in_exactly_one_digest(
    config: Config, steps: list[tuple]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        run = Run(Path(folder), config)
        try:
            for step in steps:
                run.apply(step)
            # then three quiet days with the bot up: every digest that falls due is owed
            for chat_id in CHATS:
                run.apply(("settings", chat_id, "resume"))
            for _ in range(3 * 8):
                run.apply(("advance", 3 * 60))
                run.apply(("tick",))
            run.check()
        finally:
            run.store.close()


# --- one named regression test per defect (issue 8) --------------------------------------------

NOW = datetime(2025, 12, 16, 8, 0, tzinfo=UTC)


def _chat(store: Store, chat_id: int, follow: str = "nato", **changes: object) -> None:
    store.ensure_chat(Chat(id=chat_id), NOW - timedelta(days=1))
    store.subscribe(chat_id, "issue", follow, NOW - timedelta(days=1))
    store.update_chat(chat_id, NOW - timedelta(days=1), **changes)  # type: ignore[arg-type]


def _told_in_digests(store: Store, chat_id: int) -> list[int]:
    return [d for m in store.outbox_messages(chat_id, "digest") for d in m.development_ids]


def test_a_late_digest_past_midnight_does_not_swallow_the_next_days(
    store: Store, config: Config, news: News
) -> None:
    due = datetime(2025, 12, 16, 23, 50, tzinfo=UTC)
    _chat(store, 5, digest_time="23:50", next_digest_at=due)
    first = news.development("zelensky", "Before midnight on NATO", ("nato",), due)
    late = due + timedelta(minutes=40)  # past midnight, within the grace period
    assert notify.run_due_digests(store, config, late) == 1
    second = news.development("zelensky", "The next day on NATO", ("nato",), late)
    assert notify.run_due_digests(store, config, due + timedelta(days=1)) == 1
    assert _told_in_digests(store, 5) == [first, second]


def test_a_zone_change_never_marks_what_it_did_not_send(
    store: Store, config: Config, news: News
) -> None:
    _chat(store, 6)
    first = news.development("zelensky", "Morning on NATO", ("nato",), NOW)
    assert notify.enqueue_digest(store, config, 6, NOW + timedelta(minutes=1)) is True
    second = news.development("zelensky", "Later on NATO", ("nato",), NOW + timedelta(hours=2))
    # now in New York, the same local date: that day's digest was owed, so nothing now...
    store.update_chat(6, NOW, timezone="America/New_York")
    assert notify.enqueue_digest(store, config, 6, NOW + timedelta(hours=5)) is False
    assert store.untold(6, [second], "digest") == [second]  # ...and nothing marked as told
    assert notify.enqueue_digest(store, config, 6, NOW + timedelta(days=1)) is True
    assert _told_in_digests(store, 6) == [first, second]


def test_a_development_stamped_before_a_digest_but_written_after_it_is_in_the_next(
    store: Store, config: Config, news: News
) -> None:
    _chat(store, 7)
    round_start = NOW - timedelta(minutes=1)  # a poll round began before the digest ran...
    assert notify.enqueue_digest(store, config, 7, NOW) is False  # nothing new yet
    dev = news.development("zelensky", "Stamped early on NATO", ("nato",), round_start)
    # ...and wrote its development after: the next digest has it
    assert notify.enqueue_digest(store, config, 7, NOW + timedelta(days=1)) is True
    assert _told_in_digests(store, 7) == [dev]


def test_a_development_seen_in_the_digests_own_microsecond_is_told_once(
    store: Store, config: Config, news: News
) -> None:
    _chat(store, 8)
    dev = news.development("zelensky", "Same instant on NATO", ("nato",), NOW)
    assert notify.enqueue_digest(store, config, 8, NOW) is True
    assert notify.enqueue_digest(store, config, 8, NOW + timedelta(days=1)) is False
    assert _told_in_digests(store, 8) == [dev]


def test_a_new_chat_whose_first_digest_fell_in_downtime_still_gets_its_news(
    store: Store, config: Config, news: News
) -> None:
    arrived = NOW - timedelta(days=3)
    store.ensure_chat(Chat(id=9), arrived)
    store.subscribe(9, "issue", "nato", arrived)
    early = news.development("zelensky", "Monday on NATO", ("nato",), arrived + timedelta(hours=1))
    # the bot was down over the chat's first digest: skipped beyond the grace period
    store.update_chat(9, NOW, next_digest_at=NOW - timedelta(days=1))
    notify.run_due_digests(store, config, NOW)
    assert store.outbox_messages(9) == []
    assert notify.enqueue_digest(store, config, 9, NOW + timedelta(days=1)) is True
    assert _told_in_digests(store, 9) == [early]


def test_old_articles_are_stored_but_never_alerted(store: Store, config: Config) -> None:
    from bot.app.ingest import ingest_articles
    from bot.model import Article

    store.ensure_chat(Chat(id=10), NOW)
    store.subscribe(10, "actor", "peskov", NOW)
    old = Article(
        url="https://archive.example/2020", title="2020", source="Archive",
        published=datetime(2020, 3, 1, tzinfo=UTC),
        text="“The Kremlin has nothing to add on this question today,” Dmitry Peskov said.",
    )  # fmt: skip
    report = ingest_articles(store, config, [old], NOW)
    assert report.developments_new  # stored and searchable...
    assert notify.announce(store, config, NOW) == 0  # ...never alerted
    assert notify.enqueue_digest(store, config, 10, NOW + timedelta(hours=1)) is False


def test_a_development_that_gains_a_followed_issue_alerts_its_new_followers_once(
    store: Store, config: Config, news: News
) -> None:
    store.ensure_chat(Chat(id=11), NOW)
    store.subscribe(11, "issue", "ceasefire", NOW)
    store.ensure_chat(Chat(id=12), NOW)
    store.subscribe(12, "issue", "territory", NOW)
    with store.transaction():
        dev = news.development("peskov", "A truce must be mutual", ("ceasefire",), NOW)
    assert notify.announce(store, config, NOW) == 1  # the ceasefire follower
    with store.transaction():
        news.add_source(dev, "Wire", NOW + timedelta(minutes=5))  # a source, no new issue
    assert notify.announce(store, config, NOW + timedelta(minutes=5)) == 0
    from bot.model import Statement

    # two more outlets carry it on the line of contact: half its mentions now name territory
    for outlet in ("TASS", "RIA"):
        later = news._statement("peskov", "and on the line of contact", ("territory",), outlet,
                                NOW + timedelta(minutes=9), "direct")  # fmt: skip
        with store.transaction():
            store.add_statement(later, dev, NOW + timedelta(minutes=9))
    assert isinstance(later, Statement)
    assert notify.announce(store, config, NOW + timedelta(minutes=10)) == 1  # the new follower
    assert [m.development_ids for m in store.outbox_messages(12, "alert")] == [(dev,)]
    assert len(store.outbox_messages(11, "alert")) == 1  # not told twice


async def test_a_feeds_backlog_never_floods_and_a_fresh_entry_alerts_once(
    store: Store, config: Config, feed_server: object
) -> None:
    """The harness case: a subscriber; a feed whose first poll holds 20 old entries (no alert);
    then one fresh entry (exactly one alert)."""
    from dataclasses import replace
    from email.utils import format_datetime

    from bot.adapters.fetch import ingest_feeds
    from bot.config import Feed
    from tests.feedserver import FeedServer, Route, rss

    assert isinstance(feed_server, FeedServer)
    now = datetime.now(UTC)
    feed = Feed(name="Wire", url=feed_server.url("/rss"), interval_minutes=5)
    cfg = replace(config, feeds=(feed,),
                  settings=replace(config.settings, fetch_linked_pages=False))  # fmt: skip
    store.ensure_chat(Chat(id=13), now)
    store.subscribe(13, "actor", "peskov", now)

    words = (
        "harvest bridge winter lantern orchard river marble violin compass meadow copper "
        "harbor falcon glacier velvet saddle canyon thunder pepper walnut ember"
    ).split()

    def item(n: int, published: datetime, own: str = "") -> dict[str, str]:
        own = own or " ".join(words[(n + 5 * k) % len(words)] for k in range(6))  # its words
        text = f"“On the talks: {own},” Kremlin spokesman Dmitry Peskov told reporters."
        return {"title": f"Peskov {n}", "link": feed_server.url(f"/{n}"), "content": text,
                "pubDate": format_datetime(published)}  # fmt: skip

    # recent enough to be news by date: only being on the first poll makes them back-fill
    backlog = [item(n, now - timedelta(hours=n)) for n in range(1, 21)]
    feed_server.routes["/rss"] = Route(rss(backlog))
    first = await ingest_feeds(store, cfg, now)
    assert first.articles_new == 20
    assert notify.announce(store, cfg, now) == 0
    fresh = item(99, now, "an energy truce needs guarantees from both sides first")
    feed_server.routes["/rss"] = Route(rss([fresh, *backlog]))
    later = now + timedelta(minutes=5)
    second = await ingest_feeds(store, cfg, later)
    assert second.articles_new == 1
    assert notify.announce(store, cfg, later) == 1
    assert len(store.outbox_messages(13, "alert")) == 1


def test_developments_arriving_within_the_batch_window_make_one_alert(
    store: Store, config: Config, news: News
) -> None:
    from dataclasses import replace

    batched = replace(config, settings=replace(config.settings, alert_batch_seconds=60))
    store.ensure_chat(Chat(id=14), NOW)
    store.subscribe(14, "actor", "peskov", NOW)
    with store.transaction():
        first = news.development("peskov", "The truce must be mutual", ("ceasefire",), NOW)
    assert notify.announce(store, batched, NOW + timedelta(seconds=10)) == 0  # still gathering
    with store.transaction():
        second = news.development("peskov", "Talks resume on Friday", ("peace_plan",),
                                  NOW + timedelta(seconds=30))  # fmt: skip
    # the first's window has passed: both go, as one alert
    assert notify.announce(store, batched, NOW + timedelta(seconds=65)) == 1
    assert notify.announce(store, batched, NOW + timedelta(seconds=200)) == 0
    told = [m.development_ids for m in store.outbox_messages(14, "alert")]
    assert told == [(first, second)]
