"""Telegram HTML of developments: one line each (actor, statement, outlets, linked sources),
titled lists, alerts (ranked and capped) and the daily digest (ranked, grouped by issue, made to
fit one message)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime

from bot.model import Actor, Development, Mention
from bot.render.rank import gist, rank, score, speaker_label
from bot.render.text import LIMIT, attr, esc, split_sections, trim, visible

STATEMENT_CHARS = 280  # a development's text in a list is trimmed to this
MAX_LINKS = 4  # sources linked per development; the rest are counted
ALSO_LINKS = 2  # a digest line links its first reporter and at most this many more
ALERT_CAP = 5  # developments in one alert; the rest are one command away
DIGEST_CHARS = 3500  # a normal day's digest fits one message of this many visible characters
PER_ISSUE = 3  # digest lines per issue at most, before the budget trims further
NAME_CHARS = 80  # a speaker's name as a line shows it, at most (names come from article text)
OUTLET_CHARS = 60  # an outlet's name likewise (from feeds)


def _link(mention: Mention) -> str:
    name = esc(trim(mention.source, OUTLET_CHARS) or "unknown outlet")
    if mention.url.startswith(("http://", "https://")):
        return f'<a href="{attr(mention.url)}">{name}</a>'
    return name


def _by_outlet(dev: Development) -> list[Mention]:
    """One mention per outlet, the earliest published first (undated ones keep their order)."""
    seen: dict[str, Mention] = {}
    for mention in dev.mentions:
        seen.setdefault(mention.source, mention)
    never = datetime.max.replace(tzinfo=UTC)
    return sorted(seen.values(), key=lambda m: m.published or never)


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
    name = esc(trim(dev.actor_name, NAME_CHARS))
    return f"• <b>{name}</b>: {said}{count} — {sources(dev)}"


def brief_line(dev: Development, speakers: Mapping[str, Actor] | None = None) -> str:
    """A development as a digest line: the speaker, the gist, who reported it first and how many
    outlets did, linked."""
    actor = (speakers or {}).get(dev.actor_id)
    text = gist(dev.text)
    said = f"“{esc(text)}”" if dev.kind == "direct" else esc(text)
    outlets = _by_outlet(dev)
    if not outlets:
        credit = ""
    elif len(outlets) == 1:
        credit = f" — {_link(outlets[0])}"
    else:
        also = [_link(m) for m in outlets[1 : 1 + ALSO_LINKS]]
        more = len(outlets) - 1 - ALSO_LINKS
        credit = (
            f" — reported by {len(outlets)} outlets, first by {_link(outlets[0])}"
            f" · also {', '.join(also)}" + (f" +{more}" if more > 0 else "")
        )
    return f"• <b>{esc(trim(speaker_label(dev, actor), NAME_CHARS))}</b>: {said}{credit}"


def developments_message(title: str, devs: Sequence[Development], empty: str) -> list[str]:
    """A titled list of developments (for /issue, /actor, /latest), split as needed; every part
    after the first starts with the title again."""
    head = f"<b>{esc(trim(title, 200))}</b>"
    if not devs:
        return [f"{head}\n{esc(empty)}"]
    lines = [development_line(d) for d in devs]
    return split_sections("", [(head, lines)], measure=visible)


def alert(
    devs: Sequence[Development],
    speakers: Mapping[str, Actor] | None = None,
    *,
    cap: int = ALERT_CAP,
) -> list[str]:
    """One alert for several new developments at once: ranked, at most ``cap`` of them, the
    rest one command away."""
    ranked = rank(devs, speakers or {})
    title = "New development" if len(devs) == 1 else f"{len(devs)} new developments"
    lines = [development_line(d) for d in ranked[:cap]]
    if len(ranked) > cap:
        lines.append(f"+{len(ranked) - cap} more: /latest")
    return split_sections("", [(f"🔔 <b>{title}</b>", lines)], measure=visible)


def _section_key(dev: Development, order: Sequence[str]) -> str:
    return next((i for i in order if i and i in dev.issues), "")


def digest(
    devs: Sequence[Development],
    issue_titles: Mapping[str, str],
    *,
    day: datetime | None = None,
    issue: str | None = None,
    per_issue: int = PER_ISSUE,
    speakers: Mapping[str, Actor] | None = None,
    budget: int | None = DIGEST_CHARS,
) -> list[str]:
    """The daily digest: ranked, grouped by issue (the issue of the best line first), one short
    line per development, the rest of each issue one command away; kept to ``budget`` visible
    characters by showing fewer lines (None: everything up to ``per_issue``, split as needed).

    A development on several issues is listed under the first one it has that the digest shows.
    """
    date = f" — {day:%a %d %b %Y}" if day else ""
    header = f"📰 <b>talkwatch digest{esc(date)}</b>"
    if not devs:
        return [f"{header}\nNothing new since your last digest."]
    order = [issue] if issue else [*issue_titles, ""]
    ranked = rank(devs, speakers or {})
    groups: dict[str, list[Development]] = {}
    for dev in ranked:
        key = _section_key(dev, order)
        if issue and key != issue:
            continue
        groups.setdefault(key, []).append(dev)
    # the section of the best line first; sections whose best lines are alike in config order
    points = {r.development.id: (r.score, r.outlets) for r in score(devs, speakers or {})}
    place = {key: n for n, key in enumerate(order)}
    groups = dict(
        sorted(groups.items(), key=lambda kv: (*(-p for p in points[kv[1][0].id]), place[kv[0]]))
    )
    count = sum(len(v) for v in groups.values())
    header += f"\n{count} new development{'s' if count != 1 else ''}"
    shown = {key: min(len(v), per_issue) for key, v in groups.items()}

    def build() -> list[tuple[str, list[str]]]:
        sections = []
        for key, group in groups.items():
            if not shown[key]:
                continue
            title = issue_titles.get(key, "Other statements")
            lines = [brief_line(d, speakers) for d in group[: shown[key]]]
            rest = len(group) - shown[key]
            if rest:
                more = f"/issue {key}" if key else "/latest"
                lines.append(f"  +{rest} more on {esc(title)}: {more}")
            sections.append((f"\n<b>{esc(title)}</b>", lines))
        hidden = sum(len(g) for k, g in groups.items() if not shown[k])
        if hidden:
            sections.append(("", [f"\n+{hidden} more on other issues: /latest"]))
        return sections

    if budget is not None:
        position = {d.id: n for n, d in enumerate(ranked)}
        # the lowest-ranked shown line goes first, until the digest fits one message
        while _size(header, build()) > min(budget, LIMIT) and any(shown.values()):
            worst = max(
                (k for k in shown if shown[k]), key=lambda k: position[groups[k][shown[k] - 1].id]
            )
            shown[worst] -= 1
    return split_sections(header, build(), measure=visible)


def _size(header: str, sections: Sequence[tuple[str, Sequence[str]]]) -> int:
    parts = [header] + [p for head, lines in sections for p in ([head] if head else []) + [*lines]]
    return visible("\n".join(parts))
