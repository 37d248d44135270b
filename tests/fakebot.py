"""A fake Telegram Bot API server (aiohttp, 127.0.0.1) for tests and benchmarks.

It speaks the real HTTP protocol python-telegram-bot uses (``/bot<token>/<method>``, form-encoded
parameters, ``{"ok": ..., "result": ...}`` answers) and behaves like Telegram where it matters:

- getMe, deleteWebhook, getUpdates (long polling), setMyCommands/getMyCommands, sendMessage,
  sendPhoto (a PNG or JPEG upload, its caption validated and within 1,024 characters),
  editMessageText, answerCallbackQuery, getChatMember, and a few more start-up calls;
- sendMessage and editMessageText validate Telegram HTML (supported tags, balanced, escaped ``<``
  and ``&``), the 4,096-character limit and inline keyboards (callback data 1-64 bytes), and an
  edit that changes nothing is refused; all answered with 400 like Telegram does;
- limits: about 30 messages/s overall, 1/s per private chat, 20/min per group, answered with 429
  and ``retry_after`` (``limits=False`` turns them off; every 429 is counted);
- faults on demand: a chat that blocked the bot (403; ``forbidden`` for other reasons: kicked,
  user deactivated), a group migrated to a supergroup (400 with ``migrate_to_chat_id``), a chat
  not found (400), server errors (``fail_status``, 502) for the next N calls, slow answers
  (``delay``, for every send or the next ``slow_next``; the message is accepted even if the
  client stopped waiting, as Telegram does), holding replies (to kill a client mid-request), and
  accepting messages without ever answering (``hang_after``: one; ``swallow_after``: all);
  ``max_in_flight`` records the client's concurrency; a rejected token (401 to every call,
  ``reject_token``) and answers that are not JSON (``garbage``, per method).

Tests push updates with :meth:`FakeBotAPI.command`, :meth:`FakeBotAPI.press`,
:meth:`FakeBotAPI.membership` and :meth:`FakeBotAPI.migrate` (each returns the update's id), and
read what the bot sent from :attr:`FakeBotAPI.sent` (only messages Telegram accepted). A bot under
test that reports each update it has finished with into :attr:`FakeBotAPI.handled` (see
``running_bot`` in conftest.py) lets :meth:`FakeBotAPI.wait_handled` wait for a whole reply,
however many messages it has.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import itertools
import json
import re
import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from aiohttp import web

BOT_USER = {
    "id": 4242,
    "is_bot": True,
    "first_name": "talkwatch",
    "username": "talkwatch_bot",
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}
JSON_FIELDS = {
    "reply_markup",
    "link_preview_options",
    "commands",
    "entities",
    "allowed_updates",
    "reply_parameters",
    "scope",
}
ALLOWED_TAGS = {
    "b",
    "strong",
    "i",
    "em",
    "u",
    "ins",
    "s",
    "strike",
    "del",
    "a",
    "code",
    "pre",
    "span",
    "tg-spoiler",
    "blockquote",
    "tg-emoji",
}


class TelegramHTMLError(ValueError):
    """Text Telegram would refuse to parse."""


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            raise TelegramHTMLError(f'Unsupported start tag "{tag}"')
        if tag == "a" and not dict(attrs).get("href"):
            raise TelegramHTMLError('Tag "a" must have a href')
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            raise TelegramHTMLError(f'Unmatched end tag "{tag}"')
        self.stack.pop()


def check_html(text: str) -> str:
    """The plain text of a Telegram-HTML message; TelegramHTMLError if Telegram would refuse it."""
    if re.search(r"&(?!(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);)", text):
        raise TelegramHTMLError("Character '&' is reserved and must be escaped")
    if re.search(r"<(?![a-zA-Z/])", text):
        raise TelegramHTMLError("Character '<' is reserved and must be escaped")
    checker = _Checker()
    checker.feed(text)
    checker.close()
    if checker.stack:
        raise TelegramHTMLError(
            f'Can\'t find end tag corresponding to start tag "{checker.stack[-1]}"'
        )
    return html.unescape(re.sub(r"<[^>]+>", "", text))


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int]:
    """The width and height a PNG declares (its IHDR chunk); ValueError if it is no PNG."""
    if not data.startswith(PNG_SIGNATURE) or data[12:16] != b"IHDR":
        raise ValueError("not a PNG")
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


@dataclass
class Sent:
    """A message Telegram accepted."""

    chat_id: int
    message_id: int
    text: str
    reply_markup: dict[str, Any] | None = None
    disable_preview: bool = False
    edited: bool = False
    photo: bytes | None = None  # a photo's bytes (sendPhoto); ``text`` is then its caption


@dataclass
class FakeBotAPI:
    """The fake server. Start it in the running loop (``await start()``) or in its own thread
    (``start_in_thread()``)."""

    limits: bool = True
    global_per_second: int = 30
    private_per_second: int = 1
    group_per_minute: int = 20
    admins: dict[int, set[int]] = field(default_factory=dict)  # chat id -> admin user ids
    blocked: set[int] = field(default_factory=set)
    migrated: dict[int, int] = field(default_factory=dict)  # old group id -> supergroup id
    missing: set[int] = field(default_factory=set)
    fail_next: int = 0  # answer this many next calls with ``fail_status``
    fail_status: int = 502
    forbidden: dict[int, str] = field(default_factory=dict)  # chat id -> 403 reason (kicked, ...)
    delay: float = 0.0  # seconds before answering each sendMessage (then it is accepted)
    slow_next: int | None = None  # only the next N sendMessage calls are delayed (None: all)
    hold_sends: bool = False  # accept nothing and answer nothing until released
    accept_limit: int | None = None  # after accepting this many messages, hold the rest
    hang_after: int | None = None  # accept one more past this many, then never answer it
    swallow_after: int | None = None  # accept every message past this many, answer none
    reject_token: bool = False  # answer every call 401 Unauthorized (a revoked or wrong token)
    garbage: set[str] = field(default_factory=set)  # methods answered with a non-JSON body

    sent: list[Sent] = field(default_factory=list)
    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    commands: list[dict[str, str]] = field(default_factory=list)
    callback_answers: list[dict[str, Any]] = field(default_factory=list)
    rejected: list[tuple[int, str]] = field(default_factory=list)  # (status, description)
    too_many: int = 0  # 429s answered
    too_many_global: int = 0  # of which for the overall limit (the rest: a chat's limit)
    too_many_at: list[float] = field(default_factory=list)  # monotonic time of each 429
    accepted_at: list[float] = field(default_factory=list)  # monotonic time of each acceptance
    in_flight: int = 0  # sendMessage requests being answered right now
    max_in_flight: int = 0  # the most at once: the client's concurrency
    port: int = 0
    # update ids the bot under test has finished handling (every reply sent): the test's bot
    # reports them from a last handler group
    handled: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self._message_ids: dict[int, itertools.count] = defaultdict(lambda: itertools.count(1))
        self._window: deque[float] = deque()
        self._chat_windows: dict[int, deque[float]] = defaultdict(deque)
        self._new_update: asyncio.Event | None = None
        self._released: asyncio.Event | None = None
        self._runner: web.AppRunner | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._closing = False
        self._shown: dict[tuple[int, int], tuple[str, Any]] = {}  # (chat, message) -> as shown

    # --- running ----------------------------------------------------------------------------

    @property
    def url(self) -> str:
        """The base URL to give python-telegram-bot (TELEGRAM_API_URL)."""
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> FakeBotAPI:
        """Serve on 127.0.0.1 (port 0) in the running event loop."""
        self._loop = asyncio.get_running_loop()
        self._new_update = asyncio.Event()
        self._released = asyncio.Event()
        app = web.Application(client_max_size=10 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self

    async def stop(self) -> None:
        """Stop serving; held requests are released and long polls answered at once (the
        server's clean-up waits for every open request)."""
        self._closing = True
        if self._new_update is not None:
            self._new_update.set()
        if self._released is not None:
            self._released.set()
        if self._runner is not None:
            await self._runner.cleanup()

    def start_in_thread(self) -> FakeBotAPI:
        """Serve from a background thread with its own event loop (for subprocess tests)."""
        ready = threading.Event()

        def run() -> None:
            loop = asyncio.new_event_loop()
            asyncio.set_event_loop(loop)
            loop.run_until_complete(self.start())
            ready.set()
            loop.run_forever()
            loop.run_until_complete(self.stop())
            loop.close()

        self._thread = threading.Thread(target=run, daemon=True)
        self._thread.start()
        ready.wait(10)
        return self

    def stop_thread(self) -> None:
        """Stop a server started with start_in_thread."""
        if self._loop is not None and self._thread is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(10)

    def release(self) -> None:
        """Answer held requests again (thread-safe)."""
        self.hold_sends = False
        if self._loop is not None and self._released is not None:
            self._loop.call_soon_threadsafe(self._released.set)

    # --- updates from "users" -----------------------------------------------------------------

    def _push(self, update: dict[str, Any]) -> int:
        update["update_id"] = next(self._update_ids)
        with self._lock:
            self._updates.append(update)
        if self._loop is not None and self._new_update is not None:
            self._loop.call_soon_threadsafe(self._new_update.set)
        return int(update["update_id"])

    @staticmethod
    def chat(chat_id: int, kind: str = "private", title: str = "") -> dict[str, Any]:
        """A Chat object."""
        if kind == "private":
            return {"id": chat_id, "type": "private", "first_name": "Tester"}
        return {"id": chat_id, "type": kind, "title": title or f"Group {chat_id}"}

    def command(
        self,
        chat_id: int,
        text: str,
        *,
        user_id: int | None = None,
        kind: str = "private",
        anonymous: bool = False,
    ) -> int:
        """A user sends a message (a /command gets its bot_command entity). ``anonymous``: a
        group admin posting as the group (Telegram shows GroupAnonymousBot as the sender)."""
        user = {"id": user_id or abs(chat_id), "is_bot": False, "first_name": "Tester"}
        if anonymous:
            user = {
                "id": 1087968824,
                "is_bot": True,
                "first_name": "Group",
                "username": "GroupAnonymousBot",
            }
        message: dict[str, Any] = {
            "message_id": next(self._message_ids[chat_id]),
            "date": int(time.time()),
            "chat": self.chat(chat_id, kind),
            "from": user,
            "text": text,
        }
        if anonymous:
            message["sender_chat"] = self.chat(chat_id, kind)
        m = re.match(r"/[A-Za-z0-9_]+(?:@\w+)?", text)
        if m:
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": m.end()}]
        return self._push({"message": message})

    def press(
        self,
        chat_id: int,
        data: str,
        *,
        message_id: int = 1,
        user_id: int | None = None,
        kind: str = "private",
    ) -> int:
        """A user taps an inline button under one of the bot's messages."""
        user = {"id": user_id or abs(chat_id), "is_bot": False, "first_name": "Tester"}
        return self._push(
            {
                "callback_query": {
                    "id": str(next(self._update_ids) * 7),
                    "from": user,
                    "chat_instance": "ci",
                    "data": data,
                    "message": {
                        "message_id": message_id,
                        "date": int(time.time()),
                        "chat": self.chat(chat_id, kind),
                        "from": BOT_USER,
                        "text": "menu",
                    },
                }
            }
        )

    def membership(self, chat_id: int, status: str, *, kind: str = "private") -> None:
        """The bot's own membership changes: "kicked" (a user blocked it, or a group banned it),
        "left", or "member" again. Sends to a chat that blocked the bot are refused with 403."""
        user = {"id": abs(chat_id), "is_bot": False, "first_name": "Tester"}
        old, new = ("member", status) if status != "member" else ("kicked", "member")
        if status in ("kicked", "left"):
            self.blocked.add(chat_id)
        else:
            self.blocked.discard(chat_id)

        def member(state: str) -> dict[str, Any]:
            extra = {"until_date": 0} if state == "kicked" else {}
            return {"status": state, "user": BOT_USER, **extra}

        self._push(
            {
                "my_chat_member": {
                    "chat": self.chat(chat_id, kind),
                    "from": user,
                    "date": int(time.time()),
                    "old_chat_member": member(old),
                    "new_chat_member": member(new),
                }
            }
        )

    def migrate(self, group_id: int, supergroup_id: int) -> None:
        """A group becomes a supergroup: the service message arrives in the old chat, and sends
        to the old id are refused with ``migrate_to_chat_id`` from now on."""
        self.migrated[group_id] = supergroup_id
        self._push(
            {
                "message": {
                    "message_id": next(self._message_ids[group_id]),
                    "date": int(time.time()),
                    "chat": self.chat(group_id, "group"),
                    "from": {"id": 55, "is_bot": False, "first_name": "Admin"},
                    "migrate_to_chat_id": supergroup_id,
                }
            }
        )

    def sent_to(self, chat_id: int) -> list[Sent]:
        """Messages accepted for a chat, in order."""
        return [s for s in self.sent if s.chat_id == chat_id]

    async def wait_handled(self, update_id: int, within: float = 15.0) -> None:
        """Wait until the bot has finished handling an update: every message it sends in answer
        has then been accepted (or refused), however many there are."""
        await self.wait_for(lambda: update_id in self.handled, within)

    async def wait_for(self, predicate: Any, within: float = 15.0) -> None:
        """Wait (polling, with a deadline) until predicate() is true; fail at the deadline."""
        deadline = time.monotonic() + within
        while not predicate():
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out after {within}s waiting for the bot")
            await asyncio.sleep(0.02)

    # --- the API ------------------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params: dict[str, Any] = {}
        if request.can_read_body:
            if request.content_type == "application/json":
                params = await request.json()
            else:
                form = await request.post()
                for key, value in form.items():
                    if isinstance(value, web.FileField):  # an upload (sendPhoto): its bytes
                        params[key] = value.file.read()
                        continue
                    params[key] = json.loads(str(value)) if key in JSON_FIELDS else str(value)
        params.update({k: v for k, v in request.query.items() if k not in params})
        self.calls.append((method, params))
        if self.reject_token:
            return self._error(401, "Unauthorized")
        if method in self.garbage:
            return web.Response(text="<html><body>502 Bad Gateway</body></html>", status=200)
        if self.fail_next > 0 and method not in ("getMe", "getUpdates", "deleteWebhook"):
            self.fail_next -= 1
            return self._error(self.fail_status, "Bad Gateway")
        handler = getattr(self, f"_m_{method}", None)
        if handler is None:
            return self._ok(True)
        return await handler(params)

    @staticmethod
    def _ok(result: Any) -> web.Response:
        return web.json_response({"ok": True, "result": result})

    def _error(self, status: int, description: str, **parameters: Any) -> web.Response:
        self.rejected.append((status, description))
        body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
        if parameters:
            body["parameters"] = parameters
        return web.json_response(body, status=status)

    async def _m_getMe(self, params: dict[str, Any]) -> web.Response:
        return self._ok(BOT_USER)

    async def _m_getUpdates(self, params: dict[str, Any]) -> web.Response:
        offset = int(params.get("offset") or 0)
        timeout = min(float(params.get("timeout") or 0), 2.0)
        deadline = time.monotonic() + timeout
        while True:
            with self._lock:
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
                ready = list(self._updates)
            if ready or self._closing or time.monotonic() >= deadline:
                return self._ok(ready)
            assert self._new_update is not None
            self._new_update.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._new_update.wait(), deadline - time.monotonic())

    async def _m_setMyCommands(self, params: dict[str, Any]) -> web.Response:
        self.commands = list(params.get("commands") or [])
        return self._ok(True)

    async def _m_getMyCommands(self, params: dict[str, Any]) -> web.Response:
        return self._ok(self.commands)

    async def _m_answerCallbackQuery(self, params: dict[str, Any]) -> web.Response:
        self.callback_answers.append(params)
        return self._ok(True)

    async def _m_getChatMember(self, params: dict[str, Any]) -> web.Response:
        chat_id, user_id = int(params["chat_id"]), int(params["user_id"])
        status = "administrator" if user_id in self.admins.get(chat_id, set()) else "member"
        member: dict[str, Any] = {
            "status": status,
            "user": {"id": user_id, "is_bot": False, "first_name": "Tester"},
        }
        if status == "administrator":
            member.update(
                {
                    k: True
                    for k in (
                        "can_be_edited",
                        "is_anonymous",
                        "can_manage_chat",
                        "can_delete_messages",
                        "can_manage_video_chats",
                        "can_restrict_members",
                        "can_promote_members",
                        "can_change_info",
                        "can_invite_users",
                        "can_post_stories",
                        "can_edit_stories",
                        "can_delete_stories",
                    )
                }
            )
        return self._ok(member)

    def _limited(self, chat_id: int) -> int:
        """Seconds to wait if this send breaks a limit, else 0 (and the send is counted)."""
        now = time.monotonic()
        while self._window and now - self._window[0] >= 1.0:
            self._window.popleft()
        window = self._chat_windows[chat_id]
        span, allowed = (
            (1.0, self.private_per_second) if chat_id > 0 else (60.0, self.group_per_minute)
        )
        while window and now - window[0] >= span:
            window.popleft()
        if len(self._window) >= self.global_per_second:
            self.too_many_global += 1
            return 1
        if len(window) >= allowed:
            return max(1, int(span - (now - window[0])) + 1)
        self._window.append(now)
        window.append(now)
        return 0

    def _bad_markup(self, params: dict[str, Any]) -> web.Response | None:
        """Telegram refuses a whole message whose keyboard has a bad button."""
        rows = (params.get("reply_markup") or {}).get("inline_keyboard") or []
        for button in (b for row in rows for b in row):
            if not str(button.get("text", "")).strip():
                return self._error(
                    400, "Bad Request: text buttons are unallowed in the inline keyboard"
                )
            if not 1 <= len(str(button.get("callback_data", "")).encode()) <= 64:
                return self._error(400, "Bad Request: BUTTON_DATA_INVALID")
        return None

    def _refuse(self, chat_id: int) -> web.Response | None:
        if chat_id in self.blocked:
            return self._error(403, "Forbidden: bot was blocked by the user")
        if chat_id in self.forbidden:
            return self._error(403, f"Forbidden: {self.forbidden[chat_id]}")
        if chat_id in self.migrated:
            return self._error(
                400,
                "Bad Request: group chat was upgraded to a supergroup chat",
                migrate_to_chat_id=self.migrated[chat_id],
            )
        if chat_id in self.missing:
            return self._error(400, "Bad Request: chat not found")
        return None

    async def _m_sendMessage(self, params: dict[str, Any]) -> web.Response:
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            if self.delay and (self.slow_next is None or self.slow_next > 0):
                if self.slow_next is not None:
                    self.slow_next -= 1
                # slow, but it is accepted even if the client gave up waiting (as Telegram does)
                await asyncio.shield(asyncio.sleep(self.delay))
            return await self._send_message(params)
        finally:
            self.in_flight -= 1

    async def _send_message(self, params: dict[str, Any]) -> web.Response:
        chat_id = int(params["chat_id"])
        refused = self._refuse(chat_id) or self._bad_markup(params)
        if refused is not None:
            return refused
        text = str(params.get("text", ""))
        try:
            plain = check_html(text) if params.get("parse_mode") == "HTML" else text
        except TelegramHTMLError as exc:
            return self._error(400, f"Bad Request: can't parse entities: {exc}")
        if not plain.strip():
            return self._error(400, "Bad Request: message text is empty")
        if len(plain) > 4096:
            return self._error(400, "Bad Request: message is too long")
        if self.accept_limit is not None and len(self.sent) >= self.accept_limit:
            self.hold_sends = True
        if self.hang_after is not None and len(self.sent) >= self.hang_after:
            if len(self.sent) == self.hang_after:
                # Telegram accepted it, but its answer never reaches the bot
                self.sent.append(Sent(chat_id, next(self._message_ids[chat_id]), text))
            self.hold_sends = True
        if self.swallow_after is not None and len(self.sent) >= self.swallow_after:
            # accepted (the chat sees it), but the answer never reaches the bot
            self.sent.append(Sent(chat_id, next(self._message_ids[chat_id]), text))
            self.accepted_at.append(time.monotonic())
            self.hold_sends = True
        if self.hold_sends:
            assert self._released is not None
            self._released.clear()
            await self._released.wait()
            return self._error(502, "Bad Gateway")  # never accepted
        if self.limits:
            wait = self._limited(chat_id)
            if wait:
                self.too_many += 1
                self.too_many_at.append(time.monotonic())
                return self._error(429, f"Too Many Requests: retry after {wait}", retry_after=wait)
        preview = params.get("link_preview_options") or {}
        message_id = next(self._message_ids[chat_id])
        self._shown[(chat_id, message_id)] = (text, params.get("reply_markup"))
        self.accepted_at.append(time.monotonic())
        self.sent.append(
            Sent(
                chat_id,
                message_id,
                text,
                params.get("reply_markup"),
                bool(preview.get("is_disabled"))
                or params.get("disable_web_page_preview") in ("true", True),
            )
        )
        return self._message(chat_id, message_id, plain)

    def _message(self, chat_id: int, message_id: int, plain: str) -> web.Response:
        """Telegram's answer to a sent or edited message."""
        return self._ok(
            {
                "message_id": message_id,
                "date": int(time.time()),
                "chat": self.chat(chat_id, "private" if chat_id > 0 else "supergroup"),
                "from": BOT_USER,
                "text": plain,
            }
        )

    async def _m_sendPhoto(self, params: dict[str, Any]) -> web.Response:
        chat_id = int(params["chat_id"])
        refused = self._refuse(chat_id) or self._bad_markup(params)
        if refused is not None:
            return refused
        photo = params.get("photo")
        if not isinstance(photo, bytes) or not photo.startswith((PNG_SIGNATURE, b"\xff\xd8\xff")):
            return self._error(400, "Bad Request: IMAGE_PROCESS_FAILED")
        caption = str(params.get("caption", ""))
        try:
            plain = check_html(caption) if params.get("parse_mode") == "HTML" else caption
        except TelegramHTMLError as exc:
            return self._error(400, f"Bad Request: can't parse entities: {exc}")
        if len(plain) > 1024:
            return self._error(400, "Bad Request: message caption is too long")
        message_id = next(self._message_ids[chat_id])
        self.sent.append(
            Sent(chat_id, message_id, caption, params.get("reply_markup"), photo=photo)
        )
        width, height = png_size(photo) if photo.startswith(PNG_SIGNATURE) else (0, 0)
        size = {"file_id": f"photo{message_id}", "file_unique_id": f"u{message_id}"}
        return self._ok(
            {
                "message_id": message_id,
                "date": int(time.time()),
                "chat": self.chat(chat_id, "private" if chat_id > 0 else "supergroup"),
                "from": BOT_USER,
                "photo": [{**size, "width": width, "height": height}],
                "caption": plain,
            }
        )

    async def _m_editMessageText(self, params: dict[str, Any]) -> web.Response:
        chat_id = int(params["chat_id"])
        bad = self._bad_markup(params)
        if bad is not None:
            return bad
        text = str(params.get("text", ""))
        try:
            plain = check_html(text) if params.get("parse_mode") == "HTML" else text
        except TelegramHTMLError as exc:
            return self._error(400, f"Bad Request: can't parse entities: {exc}")
        if len(plain) > 4096:
            return self._error(400, "Bad Request: message is too long")
        message_id = int(params["message_id"])
        shown = (text, params.get("reply_markup"))
        if self._shown.get((chat_id, message_id)) == shown:
            return self._error(
                400,
                "Bad Request: message is not modified: specified new message content and reply "
                "markup are exactly the same as a current content and reply markup of the message",
            )
        self._shown[(chat_id, message_id)] = shown
        self.sent.append(Sent(chat_id, message_id, text, params.get("reply_markup"), edited=True))
        return self._message(chat_id, message_id, plain)
