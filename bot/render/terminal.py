"""Plain text for a terminal: developments for `talkwatch statements` and the no-token mode, and
the health figures for `talkwatch status` (and, inside <pre>, /stats). Command replies for
`talkwatch chat` are ``bot.render.reply_text``: the Telegram text with its markup dropped."""

from __future__ import annotations

from collections.abc import Mapping

from bot.model import Development, IngestReport, Problem


def development_text(dev: Development) -> str:
    """A development as plain text for the terminal."""
    quote = f"“{dev.text}”" if dev.kind == "direct" else dev.text
    issues = f" [{', '.join(dev.issues)}]" if dev.issues else ""
    outlets = sorted({m.source for m in dev.mentions})
    lines = [f"#{dev.id} {dev.actor_name}{issues}", f"  {quote}"]
    lines.append(
        f"  reported by {len(outlets)} outlet{'s' if len(outlets) != 1 else ''}: "
        + ", ".join(outlets)
    )
    return "\n".join(lines)


def status_text(figures: Mapping[str, object]) -> str:
    """Health figures as aligned text."""
    lines = []
    for key, value in figures.items():
        if isinstance(value, dict):
            value = ", ".join(f"{k}={v}" for k, v in value.items()) or "none"
        elif isinstance(value, list):
            value = ", ".join(value) or "none"
        lines.append(f"{key.replace('_', ' '):<28} {value}")
    return "\n".join(lines)


def problem_text(problem: Problem) -> str:
    """One sentence for the operator why `talkwatch status` fails."""
    since = problem.since.isoformat(timespec="seconds") if problem.since else None
    minutes = int(problem.limit.total_seconds() // 60) if problem.limit else 0
    if problem.kind == "feeds":
        when = f"the last success was at {since}" if since else "none has ever succeeded"
        return f"no feed has been polled successfully for 3 of its intervals ({when})"
    if problem.kind == "outbox":
        return f"a message has waited in the outbox since {since}, longer than {minutes} minutes"
    if problem.kind == "sender":
        return "the outbox sender is not running (the process runs without sending)"
    if since:
        return f"the bot is not running: its last heartbeat was at {since}"
    return "the bot is not running: no heartbeat beside the database"


def ingest_text(report: IngestReport) -> str:
    """What one ingest round did, for the terminal."""
    lines = [
        f"articles: {report.articles_seen} seen, {report.articles_new} new",
        f"statements: {report.statements_new} new",
        f"developments: {len(report.developments_new)} new, "
        f"{len(report.developments_updated)} gained sources",
    ]
    lines += [f"error: {e}" for e in report.errors]
    return "\n".join(lines)
