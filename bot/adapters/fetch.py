"""Fetching feeds and pages: httpx conditional GET with a timeout and a body cap (redirects
followed within both), feedparser on the bytes, trafilatura for linked pages whose feed entry
carries only a summary. An entry that names its outlet (RSS ``<source>``, as Google News does) is
credited to that outlet, not to the feed that relayed it.

Errors are ``bot.errors.FetchError`` subclasses with a message fit for the feed's status line.
"""

from __future__ import annotations

import asyncio
import calendar
import html
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

import feedparser
import httpx
import trafilatura

from bot.app import poll
from bot.app.ingest import Pipeline
from bot.config import Config, Feed, Settings
from bot.errors import BodyTooLarge, FetchError, FetchTimeout, HTTPStatusError
from bot.model import Article, FeedResult, FeedState, IngestReport
from bot.store import Store

log = logging.getLogger(__name__)

SUMMARY_ONLY_CHARS = 600  # an entry with less text than this is a teaser: fetch the page
FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.8"
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
_TAG = re.compile(r"<[^>]+>")
# bozo flags that say nothing about the XML being broken (feedparser still parsed it)
_HARMLESS_BOZO = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)


def client(settings: Settings) -> httpx.AsyncClient:
    """An HTTP client with talkwatch's timeout and user agent."""
    return httpx.AsyncClient(
        timeout=httpx.Timeout(settings.fetch_timeout_seconds),
        headers={"User-Agent": settings.user_agent},
        follow_redirects=True,
    )


@dataclass(frozen=True)
class Fetched:
    """A response whose body was read up to the cap."""

    status: int
    headers: httpx.Headers
    content: bytes
    url: str = ""  # where the body came from, after redirects


async def get(
    http: httpx.AsyncClient, url: str, settings: Settings, headers: dict[str, str] | None = None
) -> Fetched:
    """GET with the body read up to the cap; a 304 is returned as is, other errors raise.

    The timeout bounds the whole exchange, body included: httpx's own timeouts are per network
    operation, and a server dripping a byte at a time would never trip them."""
    try:
        async with asyncio.timeout(settings.fetch_timeout_seconds):
            return await _get(http, url, settings, headers or {})
    except (TimeoutError, httpx.TimeoutException):
        raise FetchTimeout(f"timed out after {settings.fetch_timeout_seconds:g}s") from None
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        raise FetchError(f"{type(exc).__name__}: {exc}") from None


async def _get(
    http: httpx.AsyncClient, url: str, settings: Settings, headers: dict[str, str]
) -> Fetched:
    async with http.stream("GET", url, headers=headers) as response:
        if response.status_code == 304:
            return Fetched(304, response.headers, b"")
        if response.status_code >= 400:
            raise HTTPStatusError(response.status_code, url)
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > settings.max_body_bytes:
            raise BodyTooLarge(f"body of {declared} bytes exceeds {settings.max_body_bytes}")
        body = bytearray()
        # decoded bytes are counted, so a small gzip bomb is stopped at the cap as well
        async for chunk in response.aiter_bytes():
            body.extend(chunk)
            if len(body) > settings.max_body_bytes:
                raise BodyTooLarge(f"body exceeds {settings.max_body_bytes} bytes")
        return Fetched(response.status_code, response.headers, bytes(body), str(response.url))


async def poll_feed(
    http: httpx.AsyncClient,
    feed: Feed,
    state: FeedState,
    settings: Settings,
    known: Callable[[list[str], list[str]], set[str]] | None = None,
) -> FeedResult:
    """Poll one feed with its stored validators. Entries already stored (``known(urls, guids)``
    says which) are left out; ``teasers`` names the entries whose linked page should be read."""
    headers = {"Accept": FEED_ACCEPT}
    if state.etag:
        headers["If-None-Match"] = state.etag
    if state.last_modified:
        headers["If-Modified-Since"] = state.last_modified
    response = await get(http, feed.url, settings, headers)
    if response.status == 304:
        return FeedResult(
            not_modified=True,
            etag=state.etag,
            last_modified=state.last_modified,
        )
    result = parse_feed(response.content, feed, response.headers, settings)
    etag = response.headers.get("etag", "")
    last_modified = response.headers.get("last-modified", "")
    if known is None or not result.articles:
        return replace(result, etag=etag, last_modified=last_modified)
    articles = result.articles
    stored = known([a.url for a in articles], [a.guid for a in articles])
    fresh = tuple(a for a in articles if a.url not in stored and not (a.guid and a.guid in stored))
    return replace(
        result,
        articles=fresh,
        teasers=result.teasers & {a.url for a in fresh},
        etag=etag,
        last_modified=last_modified,
    )


def parse_feed(
    body: bytes, feed: Feed, headers: httpx.Headers | None = None, settings: Settings | None = None
) -> FeedResult:
    """An RSS or Atom document as articles. Raises FetchError when it is not a feed or is too
    broken to yield any entry; a broken feed that still yields entries is read, with a warning."""
    response_headers = {"content-location": feed.url}
    if headers is not None and headers.get("content-type"):
        response_headers["content-type"] = headers["content-type"]  # its charset, if any
    parsed = feedparser.parse(body, response_headers=response_headers)
    source = feed.name or html_to_text(parsed.feed.get("title", "")) or feed.url
    articles: dict[str, Article] = {}  # by URL: a feed listing an entry twice yields it once
    teasers = set()
    skipped = 0
    for entry in parsed.entries:
        article = entry_article(entry, feed, source)
        if article is None:
            skipped += 1
            continue
        if article.url in articles:
            continue
        articles[article.url] = article
        if not entry.get("content") or len(article.text) < SUMMARY_ONLY_CHARS:
            teasers.add(article.url)
    broken = parsed.bozo and not isinstance(parsed.get("bozo_exception"), _HARMLESS_BOZO)
    if not articles and (broken or not parsed.version):
        problem = parsed.get("bozo_exception") or "no RSS or Atom document found"
        raise FetchError(f"malformed feed: {problem}")
    warnings = []
    if broken:
        warnings.append(
            f"feed is not well-formed ({parsed.get('bozo_exception')}); "
            f"read {len(articles)} entries anyway"
        )
    if skipped:
        warnings.append(f"{skipped} entries without a link were skipped")
    fetch_pages = settings is None or settings.fetch_linked_pages
    return FeedResult(
        not_modified=False,
        articles=tuple(articles.values()),
        teasers=frozenset(teasers) if fetch_pages else frozenset(),
        warnings=tuple(warnings),
    )


async def with_page_text(http: httpx.AsyncClient, article: Article, settings: Settings) -> Article:
    """The article with its linked page's text, or as it was (with a warning logged) if the page
    cannot be had: the entry is never lost."""
    try:
        page = await get(http, article.url, settings, {"Accept": PAGE_ACCEPT})
    except FetchError as exc:
        log.warning("linked page %s: %s; kept the feed's summary", article.url, exc)
        return article
    kind = page.headers.get("content-type", "text/html").split(";")[0].strip().lower()
    if kind not in ("text/html", "application/xhtml+xml", ""):
        log.warning("linked page %s is %s, not HTML; kept the feed's summary", article.url, kind)
        return article
    # a redirect link (a news aggregator's) ends at the outlet's own page: that is the article
    final = page.url or article.url
    text = extract_page(page.content, final)
    if text and len(text) > len(article.text):
        # the outlet's address replaces the relay's where the entry has a guid to be known by
        url = final if article.guid and final.startswith(("http://", "https://")) else article.url
        return replace(article, text=f"{article.title}\n{text}", url=url)
    log.warning("linked page %s: no article text found; kept the feed's summary", article.url)
    return article


def entry_article(entry: Any, feed: Feed, source: str) -> Article | None:
    """A feed entry as an Article (full content if the feed carries it, else the summary)."""
    link = (entry.get("link") or "").strip()
    if not link:
        return None
    url = urljoin(feed.url, link)  # relative links are relative to the feed
    content = ""
    for part in entry.get("content") or []:
        value = part.get("value", "")
        if len(value) > len(content):
            content = value
    text = html_to_text(content or entry.get("summary", ""))
    title = html_to_text(entry.get("title", ""))
    outlet = entry_outlet(entry)
    if outlet:
        source = outlet
        # Google News titles end " - Outlet": the outlet is credited, not repeated
        title = re.sub(rf"\s+[-–—|]\s+{re.escape(outlet)}\s*$", "", title)
    published = None
    for key in ("published_parsed", "updated_parsed"):
        if entry.get(key):
            published = datetime.fromtimestamp(calendar.timegm(entry[key]), tz=UTC)
            break
    return Article(
        url=url,
        title=title,
        text=f"{title}\n{text}" if title and not text.startswith(title) else text,
        source=source,
        published=published,
        guid=entry.get("id", "") or "",
        feed=feed.name,
    )


def entry_outlet(entry: Any) -> str:
    """The outlet an entry names as its origin (RSS ``<source>``), or ''."""
    found = entry.get("source")
    if not isinstance(found, dict):
        return ""
    return " ".join(html_to_text(found.get("title", "")).split())


def html_to_text(fragment: str) -> str:
    """Feed HTML (summary or content) as plain text, one paragraph a line."""
    fragment = re.sub(r"(?i)<\s*(?:br|/p|/div|/li|/h\d|/blockquote)\s*/?>", "\n", fragment)
    text = html.unescape(_TAG.sub("", fragment))
    lines = (re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def extract_page(body: bytes, url: str) -> str:
    """The article text of an HTML page (trafilatura, favouring precision), or ''."""
    try:
        text = trafilatura.extract(
            body,
            url=url,
            include_comments=False,
            include_tables=False,
            favor_precision=True,
        )
    except Exception:  # trafilatura raises many kinds on odd pages; a page is never fatal
        log.warning("could not extract text from %s", url, exc_info=True)
        return ""
    return text or ""


class HttpFetcher:
    """The :class:`bot.app.poll.Fetcher` over HTTP: conditional GETs with the body cap and one
    timeout per exchange; uses the caller's client or owns one."""

    def __init__(self, settings: Settings, http: httpx.AsyncClient | None = None) -> None:
        self.settings = settings
        self._own = http is None
        self.http = http or client(settings)

    async def poll(
        self, feed: Feed, state: FeedState, known: Callable[..., set[str]]
    ) -> FeedResult:
        """One poll of a feed with its stored validators."""
        return await poll_feed(self.http, feed, state, self.settings, known=known)

    async def page_text(self, article: Article) -> Article:
        """The article with its linked page's text."""
        return await with_page_text(self.http, article, self.settings)

    async def aclose(self) -> None:
        """Close the client if this fetcher made it."""
        if self._own:
            await self.http.aclose()

    async def __aenter__(self) -> HttpFetcher:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()


async def ingest_feeds(
    store: Store,
    config: Config,
    now: datetime,
    *,
    client: httpx.AsyncClient | None = None,
    feeds: Iterable[Feed] | None = None,
    pipeline: Pipeline | None = None,
) -> IngestReport:
    """Poll feeds over HTTP once (all effective feeds unless ``feeds`` is given) and ingest."""
    async with HttpFetcher(config.settings, client) as fetcher:
        return await poll.ingest_feeds(store, config, now, fetcher, feeds=feeds, pipeline=pipeline)


async def ingest_feed(
    store: Store,
    config: Config,
    feed: Feed,
    now: datetime,
    client: httpx.AsyncClient,
    *,
    pipeline: Pipeline | None = None,
) -> IngestReport:
    """Poll one feed over the caller's client and ingest its new entries."""
    fetcher = HttpFetcher(config.settings, client)
    return await poll.ingest_feed(store, config, feed, now, fetcher, pipeline=pipeline)
