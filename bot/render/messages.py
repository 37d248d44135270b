"""Telegram HTML of developments: one line each (actor, statement, outlets, linked sources),
titled lists, alerts and the daily digest grouped by issue."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from bot.model import Development, Mention
from bot.render.text import attr, esc, split, trim

STATEMENT_CHARS = 280  # a development's text in a list is trimmed to this
MAX_LINKS = 4  # sources linked per development; the rest are counted


def _link(mention: Mention) -> str:
    if mention.url.startswith(("http://", "https://")):
        return f'<a href="{attr(mention.url)}">{esc(mention.source)}</a>'
    return esc(mention.source)


def sources(dev: Development) -> str:
    """The outlets that reported a development, linked, one link per outlet."""
    seen: dict[str, Mention] = {}
    for mention in dev.mentions:
        seen.setdefault(mention.source, mention)
    links = [_link(m) for m in list(seen.values())[:MAX_LINKS]]
    more = len(seen) - MAX_LINKS
    return ", ".join(links) + (f" +{more} more" if more > 0 else "")


def development_line(dev: Development, *, limit: int = STATEMENT_CHARS) -> str:
    """One development on one line: actor, statement (trimmed), outlets, sources."""
    text = trim(dev.text, limit)
    said = f"“{esc(text)}”" if dev.kind == "direct" else esc(text)
    outlets = dev.outlets
    count = f" · reported by {outlets} outlets" if outlets > 1 else ""
    return f"• <b>{esc(dev.actor_name)}</b>: {said}{count} — {sources(dev)}"


def developments_message(title: str, devs: Sequence[Development], empty: str) -> list[str]:
    """A titled list of developments (for /issue, /actor, /latest), split as needed."""
    if not devs:
        return [f"<b>{esc(title)}</b>\n{esc(empty)}"]
    return split([f"<b>{esc(title)}</b>", *(development_line(d) for d in devs)])


def alert(devs: Sequence[Development]) -> list[str]:
    """One alert for several new developments at once (more messages only past the limit)."""
    title = "New development" if len(devs) == 1 else f"{len(devs)} new developments"
    return split([f"🔔 <b>{title}</b>", *(development_line(d) for d in devs)])


def digest(
    devs: Sequence[Development],
    issue_titles: Mapping[str, str],
    *,
    day: datetime | None = None,
    issue: str | None = None,
    per_issue: int = 6,
) -> list[str]:
    """The daily digest: grouped by issue, one line per development, sources as links.

    A development on several issues is listed under the first one it has that the digest shows.
    """
    date = f" — {day:%a %d %b %Y}" if day else ""
    header = f"📰 <b>talkwatch digest{esc(date)}</b>"
    if not devs:
        return [f"{header}\nNothing new since your last digest."]
    groups: dict[str, list[Development]] = {}
    order = [issue] if issue else [*issue_titles, ""]
    for dev in devs:
        key = next((i for i in order if i and i in dev.issues), "")
        if issue and key != issue:
            continue
        groups.setdefault(key, []).append(dev)
    count = sum(len(v) for v in groups.values())
    blocks = [f"{header}\n{count} new development{'s' if count != 1 else ''}"]
    for key in order:
        if key not in groups:
            continue
        blocks.append(f"\n<b>{esc(issue_titles.get(key, 'Other statements'))}</b>")
        # concise: the most widely reported first, the rest one command away
        ranked = sorted(groups[key], key=lambda d: (-d.outlets, d.first_seen, d.id))
        blocks.extend(development_line(d) for d in ranked[:per_issue])
        if len(ranked) > per_issue:
            more = f"/issue {key}" if key else "/latest"
            blocks.append(f"  …and {len(ranked) - per_issue} more: {more}")
    return split(blocks)
