"""A real HTTP server on 127.0.0.1 serving feeds and pages for tests and benchmarks.

Routes are set per test: a body with a content type, optional ETag / Last-Modified (answered with
304 on a matching conditional request), a status, a redirect, a delay before answering, a body
dripped a byte at a time, or no Content-Length. Every request is recorded, with its headers and
the status it got.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    """What the server answers on one path."""

    body: bytes = b""
    content_type: str = "application/rss+xml; charset=utf-8"
    status: int = 200
    etag: str = ""
    last_modified: str = ""
    delay: float = 0.0  # seconds before answering (for timeouts)
    drip: float = 0.0  # seconds between the body's bytes (a server that never quite stalls)
    content_length: bool = True  # False: no Content-Length, the body ends when the server closes
    redirect: str = ""  # answer 302 to this address (a path on this server, or a full URL)


@dataclass
class Request:
    """A request as the server received it."""

    path: str
    headers: dict[str, str]
    status: int = 0


@dataclass
class FeedServer:
    """The running server: set routes, read requests."""

    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[Request] = field(default_factory=list)
    host: str = "127.0.0.1"
    port: int = 0
    _server: ThreadingHTTPServer | None = None
    _stop: threading.Event = field(default_factory=threading.Event)

    def url(self, path: str) -> str:
        """The full URL of a path on this server."""
        return f"http://{self.host}:{self.port}{path}"

    def start(self) -> FeedServer:
        """Start serving in a daemon thread."""
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                route = server.routes.get(self.path)
                request = Request(self.path, {k.lower(): v for k, v in self.headers.items()})
                server.requests.append(request)
                if route is None:
                    request.status = 404
                    self.send_error(404)
                    return
                if route.delay:
                    server._stop.wait(route.delay)
                if route.redirect:
                    target = route.redirect
                    request.status = 302
                    self.send_response(302)
                    self.send_header("Location", target if "://" in target else server.url(target))
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if route.status != 200:
                    request.status = route.status
                    self.send_error(route.status)
                    return
                if (route.etag and request.headers.get("if-none-match") == route.etag) or (
                    route.last_modified
                    and request.headers.get("if-modified-since") == route.last_modified
                ):
                    request.status = 304
                    self.send_response(304)
                    self.end_headers()
                    return
                request.status = 200
                self.send_response(200)
                self.send_header("Content-Type", route.content_type)
                if route.content_length:
                    self.send_header("Content-Length", str(len(route.body)))
                if route.etag:
                    self.send_header("ETag", route.etag)
                if route.last_modified:
                    self.send_header("Last-Modified", route.last_modified)
                self.end_headers()
                try:
                    if not route.drip:
                        self.wfile.write(route.body)
                    for n in range(len(route.body) if route.drip else 0):
                        self.wfile.write(route.body[n : n + 1])
                        self.wfile.flush()
                        if server._stop.wait(route.drip):
                            break
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client stopped reading (body cap, timeout)

            def log_message(self, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer((self.host, 0), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        # a short poll interval: stop() returns at once instead of after half a second
        threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        ).start()
        return self

    def stop(self) -> None:
        """Stop serving; delayed answers are released."""
        self._stop.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def wait_for_requests(self, path: str, count: int, timeout: float = 10.0) -> list[Request]:
        """The requests to a path, once there are at least ``count`` (or fail at the deadline)."""
        deadline = time.monotonic() + timeout
        while True:
            found = [r for r in self.requests if r.path == path]
            if len(found) >= count or time.monotonic() > deadline:
                return found
            self._stop.wait(0.01)


def rss(items: list[dict[str, str]], title: str = "Test feed") -> bytes:
    """An RSS 2.0 document with these items (title, link, guid, description, pubDate, content,
    and source with source_url: the outlet, as Google News credits it)."""
    parts = []
    for item in items:
        content = (
            f"<content:encoded><![CDATA[{item['content']}]]></content:encoded>"
            if item.get("content")
            else ""
        )
        if item.get("source"):
            where = f' url="{item["source_url"]}"' if item.get("source_url") else ""
            content += f"<source{where}>{item['source']}</source>"
        parts.append(
            f"<item><title>{item['title']}</title><link>{item['link']}</link>"
            f"<guid>{item.get('guid', item['link'])}</guid>"
            f"<pubDate>{item.get('pubDate', 'Mon, 15 Dec 2025 12:00:00 GMT')}</pubDate>"
            f"<description><![CDATA[{item.get('description', '')}]]></description>{content}</item>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>{title}</title><link>http://example.invalid/</link>"
        f"<description>test</description>{''.join(parts)}</channel></rss>"
    ).encode()


def atom(entries: list[dict[str, str]], title: str = "Test Atom feed") -> bytes:
    """An Atom 1.0 document with these entries (title, link, id, content, updated)."""
    parts = []
    for entry in entries:
        parts.append(
            f'<entry><title>{entry["title"]}</title><link href="{entry["link"]}"/>'
            f"<id>{entry.get('id', entry['link'])}</id>"
            f"<updated>{entry.get('updated', '2025-12-15T12:00:00Z')}</updated>"
            f'<content type="html"><![CDATA[{entry.get("content", "")}]]></content></entry>'
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{title}</title><id>urn:test</id><updated>2025-12-15T12:00:00Z</updated>"
        f"{''.join(parts)}</feed>"
    ).encode()
