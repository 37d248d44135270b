"""The thin python-telegram-bot layer: one handler per command in the registry of
``bot.app.commands`` (it reads the chat and arguments, runs the command, sends the reply as
``bot.render`` writes it), the same registry for setMyCommands, and buttons and chat events.
Alerts and digests never go through here (see delivery).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Coroutine
from datetime import UTC, datetime
from typing import Any

from telegram import (
    BotCommand,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    Update,
)
from telegram.constants import ChatMemberStatus, ChatType, ParseMode
from telegram.error import BadRequest, TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    BaseRateLimiter,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot import render
from bot.app import commands
from bot.config import Config
from bot.model import Reply, TimelineView
from bot.store import Store

log = logging.getLogger(__name__)


def build_application(
    config: Config,
    store: Store,
    *,
    on_chat_changed: Callable[[int], None] | None = None,
    stats: Callable[[], str] | None = None,
    rate_limiter: BaseRateLimiter[Any] | None = None,
) -> Application:
    """The bot: one handler per registered command, buttons, unknown commands, errors.
    ``rate_limiter``: the process passes the one shared with the outbox (delivery.py)."""
    builder = (
        Application.builder()
        .token(config.token)
        .rate_limiter(rate_limiter or AIORateLimiter(max_retries=3))
        .job_queue(None)  # one scheduler for the process: bot/scheduler.py
    )
    if config.api_url:
        base = config.api_url.rstrip("/")
        builder = builder.base_url(f"{base}/bot").base_file_url(f"{base}/file/bot")
    app = builder.build()
    app.bot_data.update(store=store, config=config, on_chat_changed=on_chat_changed, stats=stats)
    for cmd in commands.COMMANDS:
        app.add_handler(CommandHandler(cmd.name, command_handler(cmd)))
    app.add_handler(MessageHandler(filters.COMMAND, on_other_command))
    app.add_handler(CallbackQueryHandler(on_button))
    app.add_handler(ChatMemberHandler(on_membership, ChatMemberHandler.MY_CHAT_MEMBER))
    app.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, on_migrate))
    app.add_error_handler(on_error)
    return app


async def start(app: Application, *, poll_timeout: int = 30) -> None:
    """Initialise the bot, register its commands with Telegram and start polling, on the running
    event loop (shared with the scheduler)."""
    await app.initialize()
    await app.bot.set_my_commands(bot_commands())
    await app.start()
    assert app.updater is not None
    await app.updater.start_polling(
        poll_interval=0.0, timeout=poll_timeout, drop_pending_updates=False
    )


def bot_commands() -> list[BotCommand]:
    """The command menu Telegram shows (setMyCommands): the registry's public commands."""
    return [BotCommand(c.name, c.summary) for c in commands.public_commands()]


async def stop(app: Application) -> None:
    """Stop polling and shut the bot down cleanly."""
    if app.updater is not None and app.updater.running:
        await app.updater.stop()
    if app.running:
        await app.stop()
    await app.shutdown()


def _env(context: ContextTypes.DEFAULT_TYPE) -> commands.Env:
    data = context.bot_data
    return commands.Env(
        store=data["store"],
        config=data["config"],
        now=datetime.now(UTC),
        on_chat_changed=data.get("on_chat_changed"),
        stats=data.get("stats"),
    )


async def _caller(
    update: Update, context: ContextTypes.DEFAULT_TYPE, manages: bool
) -> commands.Caller:
    chat, user = update.effective_chat, update.effective_user
    assert chat is not None
    user_id = user.id if user else 0
    chat_admin = True
    message = update.effective_message
    anonymous_admin = bool(message and message.sender_chat and message.sender_chat.id == chat.id)
    if manages and chat.type != ChatType.PRIVATE and not anonymous_admin:
        chat_admin = await _is_chat_admin(context, chat.id, user_id)
    return commands.Caller(
        chat_id=chat.id,
        chat_type=chat.type,
        user_id=user_id,
        title=chat.title or "",
        is_bot_admin=user_id in context.bot_data["config"].admins,
        is_chat_admin=chat_admin,
    )


async def _is_chat_admin(context: ContextTypes.DEFAULT_TYPE, chat_id: int, user_id: int) -> bool:
    """Whether a user administers a group (asked of Telegram; no answer counts as no)."""
    try:
        member = await context.bot.get_chat_member(chat_id, user_id)
    except TelegramError as exc:
        log.warning("could not check the admins of chat %d: %s", chat_id, exc)
        return False
    return member.status in (ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER)


def _markup(reply: Reply) -> InlineKeyboardMarkup | None:
    if not reply.buttons:
        return None
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(b.text, callback_data=b.data) for b in row]
            for row in reply.buttons
        ]
    )


async def _send(context: ContextTypes.DEFAULT_TYPE, chat_id: int, reply: Reply) -> None:
    """Every message of a reply in order (a chart as a photo with its caption), buttons under
    the last."""
    parts: list[str | TimelineView] = []
    for message in reply.messages:
        if isinstance(message, TimelineView):
            parts.append(message)
        else:
            parts.extend(render.reply_html(Reply.of(message)))
    for n, part in enumerate(parts):
        markup = _markup(reply) if n == len(parts) - 1 else None
        if isinstance(part, TimelineView):
            await context.bot.send_photo(
                chat_id,
                render.timeline_png(part),
                caption=render.timeline_caption(part),
                parse_mode=ParseMode.HTML,
                reply_markup=markup,
            )
            continue
        await context.bot.send_message(
            chat_id,
            part,
            parse_mode=ParseMode.HTML,
            reply_markup=markup,
            link_preview_options=LinkPreviewOptions(is_disabled=not reply.preview),
        )


Callback = Callable[[Update, ContextTypes.DEFAULT_TYPE], Coroutine[object, object, None]]


def command_handler(cmd: commands.Command) -> Callback:
    """The handler of one registered command."""

    async def on_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if update.effective_chat is None:
            return
        caller = await _caller(update, context, manages=cmd.manages)
        args = " ".join(context.args or ())
        reply = commands.dispatch(_env(context), caller, cmd.name, args)
        await _send(context, update.effective_chat.id, reply)

    on_command.__doc__ = f"/{cmd.name}: {cmd.summary}."
    return on_command


async def on_other_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A /command with no handler of its own (unknown, or for another bot): answered or ignored."""
    message = update.effective_message
    if message is None or not message.text or update.effective_chat is None:
        return
    head, _, args = message.text.partition(" ")
    name, _, addressee = head[1:].partition("@")
    if addressee and addressee.lower() != (context.bot.username or "").lower():
        return  # a command for another bot in the same group
    cmd = commands.find(name)
    caller = await _caller(update, context, manages=bool(cmd and cmd.manages))
    reply = commands.dispatch(_env(context), caller, name, args)
    await _send(context, update.effective_chat.id, reply)


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An inline button: run its action; a one-message answer may replace the menu."""
    query = update.callback_query
    if query is None or update.effective_chat is None:
        return
    await query.answer()
    data = query.data or ""
    caller = await _caller(update, context, manages=commands.button_manages(data))
    reply = commands.callback(_env(context), caller, data)
    texts = render.reply_html(reply)
    if (
        reply.edits
        and len(texts) == 1
        and not any(isinstance(m, TimelineView) for m in reply.messages)
    ):
        await _replace(query, texts[0], _markup(reply))
    else:
        await _send(context, update.effective_chat.id, reply)


async def _replace(query: CallbackQuery, text: str, markup: InlineKeyboardMarkup | None) -> None:
    """Edit the message under the tapped button into the reply."""
    try:
        await query.edit_message_text(
            text,
            parse_mode=ParseMode.HTML,
            reply_markup=markup,
            link_preview_options=LinkPreviewOptions(is_disabled=True),
        )
    except BadRequest as exc:  # the same button tapped twice: nothing to change
        if "not modified" not in str(exc):
            raise


async def on_membership(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The bot was blocked, kicked or left a chat, or was let back in."""
    change = update.my_chat_member
    if change is None:
        return
    gone = (ChatMemberStatus.BANNED, ChatMemberStatus.LEFT)
    commands.membership_changed(
        _env(context), change.chat.id, change.new_chat_member.status not in gone
    )


async def on_migrate(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The service message in a group that became a supergroup (sent in the old chat)."""
    message = update.effective_message
    if message is not None and message.migrate_to_chat_id:
        commands.chat_migrated(_env(context), message.chat.id, message.migrate_to_chat_id)


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the failure with its traceback and, if it was ours (not Telegram refusing a send),
    tell the user; the bot carries on."""
    ours = not isinstance(context.error, TelegramError)
    level = logging.ERROR if ours else logging.WARNING
    log.log(level, "update %s failed", getattr(update, "update_id", "?"), exc_info=context.error)
    if ours and isinstance(update, Update) and update.effective_chat is not None:
        with contextlib.suppress(TelegramError):
            await context.bot.send_message(
                update.effective_chat.id,
                render.APOLOGY,
            )
