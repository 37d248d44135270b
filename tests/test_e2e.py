"""End to end: seeds + a local feed -> /subscribe nato -> a NATO article appears -> exactly one
alert; the same statement from a second outlet -> no new alert; the digest lists both sources."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from bot.config import Config, Feed
from bot.scheduler import Runtime
from bot.store import Store
from tests.fakebot import FakeBotAPI
from tests.feedserver import FeedServer, Route, rss

CHAT = 5005
FIRST = (
    "<p>Talks resumed in Geneva on Tuesday.</p>"
    "<p>“Ukraine will not join NATO in the coming years, and we have accepted that as the price of"
    " real guarantees,” Umerov told reporters in Geneva after the meeting.</p>"
)
SECOND = (
    "<p>Geneva round, day two.</p>"
    "<p>“Ukraine will not join NATO in the coming years, and we have accepted that as the price of"
    " real guarantees,” Rustem Umerov said.</p>"
)


async def test_subscribe_alert_once_then_digest_with_both_sources(
    bot_config: Config,
    store: Store,
    fake_api: FakeBotAPI,
    feed_server: FeedServer,
) -> None:
    feed = Feed(name="Geneva Wire", url=feed_server.url("/wire"), interval_minutes=5)
    other = Feed(name="Other Outlet", url=feed_server.url("/other"), interval_minutes=5)
    config = replace(bot_config, feeds=(feed, other))
    feed_server.routes["/wire"] = Route(rss([]))
    feed_server.routes["/other"] = Route(rss([]))
    runtime = Runtime(config, store)
    await runtime.ingest_seeds()
    await runtime._start_bot()
    try:
        fake_api.command(CHAT, "/subscribe nato")
        await fake_api.wait_for(lambda: any("Following" in s.text for s in fake_api.sent_to(CHAT)))
        replies = len(fake_api.sent_to(CHAT))

        feed_server.routes["/wire"] = Route(
            rss([{"title": "Geneva", "link": feed_server.url("/1"), "content": FIRST}])
        )
        await runtime.poll_feed(feed)
        await fake_api.wait_for(lambda: len(fake_api.sent_to(CHAT)) == replies + 1)
        alert = fake_api.sent_to(CHAT)[-1]
        assert "New development" in alert.text
        assert "Rustem Umerov" in alert.text
        assert "Geneva Wire" in alert.text

        feed_server.routes["/other"] = Route(
            rss([{"title": "Day two", "link": feed_server.url("/2"), "content": SECOND}])
        )
        await runtime.poll_feed(other)
        await runtime.poll_feed(feed)  # unchanged: nothing new either
        assert await runtime.announce() == 0
        assert store.outbox_counts() == {"sent": 1}
        assert len(fake_api.sent_to(CHAT)) == replies + 1

        store.update_chat(
            CHAT, datetime.now(UTC), next_digest_at=datetime.now(UTC) - timedelta(minutes=1)
        )
        assert await runtime.digest_tick() == 1
        await fake_api.wait_for(lambda: len(fake_api.sent_to(CHAT)) == replies + 2)
        digest = fake_api.sent_to(CHAT)[-1]
        assert "talkwatch digest" in digest.text
        line = next(ln for ln in digest.text.split("\n") if "Ukraine will not join NATO" in ln)
        assert "reported by 2 outlets" in line
        assert "Geneva Wire" in line
        assert "Other Outlet" in line
        assert digest.disable_preview
        assert await runtime.digest_tick() == 0  # not twice
    finally:
        await runtime.stop()
