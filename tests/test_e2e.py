"""End to end, every part real: seeds + a local feed -> /subscribe nato -> a NATO article appears
-> exactly one alert; the same statement from a second outlet -> no new alert; the next digest
lists it with both sources.

The parts are wired as bot/process.py wires them (the schedule, the outbox sender and the
python-telegram-bot Application on one loop, against the fake Bot API server), but the jobs are
run directly instead of waiting for their triggers."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

from bot import process as app
from bot.adapters import telegram
from bot.adapters.delivery import Sender
from bot.config import Config, Feed
from bot.scheduler import Schedule
from bot.store import Store
from tests.conftest import SEEDS
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


def _now() -> str:
    """An RSS date for now: entries published long before they are seen are back-fill."""
    return format_datetime(datetime.now(UTC))


@contextlib.asynccontextmanager
async def process(config: Config, store: Store) -> AsyncIterator[Schedule]:
    """The process's parts, started and stopped in bot/process.py's order; yields the schedule."""
    bot = app.sender_bot(config)
    await bot.initialize()
    sender = Sender(store, config.settings, bot, concurrency=4)
    schedule = Schedule(config, store, on_owed=sender.wake)
    await schedule.ingest_seeds()
    application = telegram.build_application(
        config, store, on_chat_changed=schedule.reschedule_chat
    )
    await telegram.start(application, poll_timeout=1)
    sending = asyncio.create_task(sender.run())
    try:
        yield schedule
    finally:
        await schedule.stop()
        await sender.stop()
        sending.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await sending
        await bot.shutdown()
        await telegram.stop(application)


async def test_subscribe_alert_once_then_digest_with_both_sources(
    bot_config: Config, store: Store, fake_api: FakeBotAPI, feed_server: FeedServer
) -> None:
    wire = Feed(name="Geneva Wire", url=feed_server.url("/wire"), interval_minutes=5)
    other = Feed(name="Other Outlet", url=feed_server.url("/other"), interval_minutes=5)
    settings = replace(bot_config.settings, seeds_dir=str(SEEDS), fetch_linked_pages=False)
    config = replace(bot_config, feeds=(wire, other), settings=settings)
    feed_server.routes["/wire"] = Route(rss([]))
    feed_server.routes["/other"] = Route(rss([]))

    async with process(config, store) as schedule:
        assert store.development_count() > 0  # the seeds
        # each feed's first poll is a back-fill (never alerted): here both were empty then
        await schedule.poll_feed(wire)
        await schedule.poll_feed(other)
        fake_api.command(CHAT, "/subscribe nato")
        await fake_api.wait_for(lambda: any("Following" in s.text for s in fake_api.sent_to(CHAT)))
        fake_api.command(CHAT, "/digest")  # today's news so far: the next digest starts here
        await fake_api.wait_for(
            lambda: any("talkwatch digest" in s.text for s in fake_api.sent_to(CHAT))
        )
        replies = len(fake_api.sent_to(CHAT))

        feed_server.routes["/wire"] = Route(
            rss(
                [
                    {
                        "title": "Geneva",
                        "link": feed_server.url("/1"),
                        "content": FIRST,
                        "pubDate": _now(),
                    }
                ]
            )
        )
        await schedule.poll_feed(wire)
        await fake_api.wait_for(lambda: len(fake_api.sent_to(CHAT)) == replies + 1)
        alert = fake_api.sent_to(CHAT)[-1]
        assert "New development" in alert.text
        assert "Rustem Umerov" in alert.text
        assert "Geneva Wire" in alert.text

        feed_server.routes["/other"] = Route(
            rss(
                [
                    {
                        "title": "Day two",
                        "link": feed_server.url("/2"),
                        "content": SECOND,
                        "pubDate": _now(),
                    }
                ]
            )
        )
        await schedule.poll_feed(other)
        await schedule.poll_feed(wire)  # unchanged: nothing new either
        (dev,) = [d for d in store.developments(issue="nato") if "in the coming years" in d.text]
        assert dev.outlets == 2  # the second outlet joined the development...
        assert await schedule.announce() == 0  # ...which owes no second alert
        assert store.outbox_counts() == {"sent": 1}
        assert len(fake_api.sent_to(CHAT)) == replies + 1

        store.update_chat(
            CHAT, datetime.now(UTC), next_digest_at=datetime.now(UTC) - timedelta(minutes=1)
        )
        assert await schedule.digest_tick() == 1
        await fake_api.wait_for(lambda: len(fake_api.sent_to(CHAT)) == replies + 2)
        digest = fake_api.sent_to(CHAT)[-1]
        assert "talkwatch digest" in digest.text
        assert "\n1 new development\n" in digest.text
        line = next(ln for ln in digest.text.split("\n") if "Ukraine will not join NATO" in ln)
        assert "reported by 2 outlets" in line
        assert f'<a href="{feed_server.url("/1")}">Geneva Wire</a>' in line
        assert f'<a href="{feed_server.url("/2")}">Other Outlet</a>' in line
        assert digest.disable_preview
        assert await schedule.digest_tick() == 0  # not twice
    assert store.outbox_counts() == {"sent": 2}
    assert not [r for r in fake_api.rejected if r[0] == 400]


KREMLIN_FIRST = (
    "<p>Moscow reacted on Thursday to the proposal for a pause in strikes on power plants.</p>"
    "<p>“We do not rule out a truce in the energy sphere, but it must be mutual and verifiable,"
    " and Kyiv has so far shown no sign of that,” Kremlin spokesman Dmitry Peskov told"
    " reporters.</p>"
)
KREMLIN_AGAIN = (
    "<p>Russia answered the energy proposal on Thursday.</p>"
    "<p>The Kremlin said a truce in the energy sphere must be mutual and verifiable, adding"
    " that Kyiv had so far shown no sign of that.</p>"
)


async def test_a_re_report_attributed_to_the_institution_sends_no_second_alert(
    bot_config: Config, store: Store, fake_api: FakeBotAPI, feed_server: FeedServer
) -> None:
    """Peskov's remark, then a second outlet carrying it trimmed, as reported speech, and
    attributed to the Kremlin: one development, one alert."""
    wire = Feed(name="Wire", url=feed_server.url("/wire"), interval_minutes=5)
    other = Feed(name="Other", url=feed_server.url("/other"), interval_minutes=5)
    settings = replace(bot_config.settings, seeds_dir=str(SEEDS), fetch_linked_pages=False)
    config = replace(bot_config, feeds=(wire, other), settings=settings)
    feed_server.routes["/wire"] = Route(rss([]))
    feed_server.routes["/other"] = Route(rss([]))
    async with process(config, store) as schedule:
        await schedule.poll_feed(wire)
        await schedule.poll_feed(other)
        fake_api.command(CHAT, "/subscribe peskov")
        await fake_api.wait_for(lambda: any("Following" in s.text for s in fake_api.sent_to(CHAT)))
        replies = len(fake_api.sent_to(CHAT))
        feed_server.routes["/wire"] = Route(rss([
            {"title": "Energy truce", "link": feed_server.url("/k1"), "content": KREMLIN_FIRST,
             "pubDate": _now()}]))  # fmt: skip
        await schedule.poll_feed(wire)
        await fake_api.wait_for(lambda: len(fake_api.sent_to(CHAT)) == replies + 1)
        assert "Peskov" in fake_api.sent_to(CHAT)[-1].text
        feed_server.routes["/other"] = Route(rss([
            {"title": "Kremlin on energy", "link": feed_server.url("/k2"),
             "content": KREMLIN_AGAIN, "pubDate": _now()}]))  # fmt: skip
        await schedule.poll_feed(other)
        assert await schedule.announce() == 0
        (dev,) = [d for d in store.developments() if "energy sphere" in d.text]
        assert {m.source for m in dev.mentions} == {"Wire", "Other"}
        assert len(fake_api.sent_to(CHAT)) == replies + 1  # no second alert
