"""Feeds and health: /sources (for everyone), and for the bot's administrators /feeds (add or
remove a feed) and /stats (queue, sends, failures, feed health)."""

from __future__ import annotations

import re

from bot import render
from bot.app import health, poll
from bot.app.commands.context import Caller, Env
from bot.model import Code, FeedHealth, FeedState, Notice, Reply, SourcesView, StatsView, Strong

MAX_URL_CHARS = 2000  # /feeds takes a URL, and feed URLs can be long


def sources(env: Env, caller: Caller, args: str) -> Reply:
    """/sources: the feeds tracked and whether they are healthy."""
    states = {s.name: s for s in env.store.feed_states()}
    feeds = []
    for feed in poll.effective_feeds(env.store, env.config):
        st = states.get(feed.name) or FeedState(feed.name)
        feeds.append(
            FeedHealth(
                feed.name,
                last_success_at=st.last_success_at,
                failures=st.consecutive_failures,
                last_error=st.last_error,
            )
        )
    return Reply.of(SourcesView(tuple(feeds), env.now))


def feeds(env: Env, caller: Caller, args: str) -> Reply:
    """/feeds add URL | remove NAME: change the feeds polled."""
    verb, _, rest = args.partition(" ")
    verb, rest = verb.lower(), rest.strip()
    tracked = poll.effective_feeds(env.store, env.config)
    if verb == "add" and re.fullmatch(r"https?://[^\s/]+\S*", rest):
        same = next((f for f in tracked if f.url == rest), None)
        if same is not None:
            return Reply.of(Notice("That feed is already tracked as ", Strong(same.name), "."))
        name = _feed_name(rest, {f.name.lower() for f in tracked})
        env.store.save_feed_state(
            name, url=rest, origin="admin", removed=False, interval_minutes=15
        )
        return Reply.of(Notice("Added ", Strong(name), ". It is polled from the next round on."))
    if verb == "remove" and rest:
        names = {f.name.lower(): f.name for f in tracked}
        if rest.lower() not in names:
            return Reply.of(Notice(f"No feed is named “{render.trim(rest, 60)}”. See /sources."))
        env.store.save_feed_state(names[rest.lower()], removed=True)
        return Reply.of(Notice("Removed ", Strong(names[rest.lower()]), "."))
    return Reply.of(
        Notice("Usage: ", Code("/feeds add URL"), " or ", Code("/feeds remove NAME"), ".")
    )


def _feed_name(url: str, taken: set[str]) -> str:
    """A short name for a new feed: its host, numbered if another feed has that name."""
    host = re.sub(r"^https?://(www\.)?", "", url).split("/")[0].split("?")[0][:60]
    name, n = host, 2
    while name.lower() in taken:
        name, n = f"{host} ({n})", n + 1
    return name


def stats(env: Env, caller: Caller, args: str) -> Reply:
    """/stats: the stored health figures, then the sending process's own."""
    figures = tuple(health.status(env.store, env.now).items())
    extra = env.stats() if env.stats is not None else ""
    return Reply.of(StatsView(figures, extra))
