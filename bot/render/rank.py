"""What a reader of the talks cares about first: a pure ranking of developments, and the short
forms a ranked line uses (the gist of a statement, the label of an unnamed source).

Factors, each worth a fixed number of points so that any one of them moves a line up:
corroboration (distinct outlets), who spoke (principals of the talks above commentators), on the
record above unnamed sources, and news for that speaker (not a repeat of what he said before).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.model import Actor, Development

MAX_OUTLET_POINTS = 8  # beyond this many outlets, more of them say little more
PRINCIPAL_POINTS = 2.0
ON_RECORD_POINTS = 1.5
NEWS_POINTS = 1.0
REPEAT_OVERLAP = 0.6  # share of words in common at which a statement repeats an earlier one
GIST_CHARS = 150

# heads of state or government, chief negotiators, envoys, the Kremlin's and White House's voices
_PRINCIPAL_ROLE = re.compile(
    r"^(?:federal )?(?:president|prime minister|chancellor) of\b|chief negotiator|\benvoy\b"
    r"|kremlin spokes|white house press secretary",
    re.IGNORECASE,
)
_PRINCIPAL_VOICE = {"kremlin", "white_house"}
_PARTIES = {"ukraine", "russia", "us"}  # the sides at the table
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_BOUNDARY = re.compile(r"[.!?…][”\"’']?(\s+)(?=[“\"‘'A-ZА-Я])")
_ABBREVIATION = re.compile(r"(?:\b[A-Z][a-z]{0,3}|\b(?:[A-Za-z]\.)+|\bNo|\bSt)\.$")
# what makes a sentence quotable: a commitment, a refusal, a stake
_QUOTABLE = re.compile(
    r"\b(?:will|won't|not|never|no|must|ready|agree\w*|reject\w*|demand\w*|refus\w*|red line"
    r"|guarantee\w*|we|our|i)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Ranked:
    """A development with the score it ranked by, and why."""

    development: Development
    score: float
    outlets: int
    principal: bool
    on_record: bool
    news: bool


def outlet_count(dev: Development) -> int:
    """Distinct outlets that reported a development."""
    return dev.outlets


def is_principal(actor: Actor | None) -> bool:
    """Whether a speaker is a principal of the talks (not a commentator)."""
    if actor is None or not actor.known or actor.kind == "anonymous":
        return False
    if actor.kind == "institution":
        return actor.side in _PARTIES
    return bool(_PRINCIPAL_ROLE.search(actor.role)) or actor.speaks_for in _PRINCIPAL_VOICE


def is_unnamed(dev: Development, actor: Actor | None) -> bool:
    """Whether a development comes from an unnamed source."""
    if actor is not None:
        return actor.kind == "anonymous"
    return dev.actor_id.startswith("anon_")


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text) if len(w) > 2}


def _repeats(text: str, earlier: Iterable[str]) -> bool:
    words = _words(text)
    if not words:
        return False
    for other in earlier:
        theirs = _words(other)
        if theirs and len(words & theirs) / min(len(words), len(theirs)) >= REPEAT_OVERLAP:
            return True
    return False


def said_at(dev: Development) -> datetime:
    """When a development was said: the earliest `published` of its mentions, else when it was
    first seen."""
    if dev.said_at is not None:
        return dev.said_at
    # a development built without it (not from the store) still has its mentions' dates
    published = [m.published for m in dev.mentions if m.published is not None]
    return min(published) if published else dev.first_seen


_when = said_at


def score(
    developments: Sequence[Development],
    speakers: Mapping[str, Actor],
    earlier: Sequence[Development] = (),
) -> list[Ranked]:
    """Each development scored (in the order given); ``earlier`` are what speakers said before,
    and an earlier development in ``developments`` counts as said before a later one too."""
    said: dict[str, list[str]] = {}
    for dev in earlier:
        said.setdefault(dev.actor_id, []).append(dev.text)
    out: list[Ranked] = []
    for dev in sorted(developments, key=lambda d: (_when(d), d.id)):
        actor = speakers.get(dev.actor_id)
        outlets = outlet_count(dev)
        principal = is_principal(actor)
        on_record = not is_unnamed(dev, actor)
        news = not _repeats(dev.text, said.get(dev.actor_id, ()))
        said.setdefault(dev.actor_id, []).append(dev.text)
        points = (
            min(outlets, MAX_OUTLET_POINTS)
            + PRINCIPAL_POINTS * principal
            + ON_RECORD_POINTS * on_record
            + NEWS_POINTS * news
        )
        out.append(Ranked(dev, points, outlets, principal, on_record, news))
    order = {d.id: n for n, d in enumerate(developments)}
    return sorted(out, key=lambda r: order[r.development.id])


def rank(
    developments: Sequence[Development],
    speakers: Mapping[str, Actor],
    earlier: Sequence[Development] = (),
) -> list[Development]:
    """Developments in the order a reader should see them: best first; ties go to the more
    corroborated, then the more recent."""
    scored = score(developments, speakers, earlier)
    scored.sort(
        key=lambda r: (-r.score, -r.outlets, -_when(r.development).timestamp(), r.development.id)
    )
    return [r.development for r in scored]


def speaker_label(dev: Development, actor: Actor | None = None) -> str:
    """The speaker as a line names them: "a US official, unnamed" for an unnamed source."""
    name = dev.actor_name
    if is_unnamed(dev, actor) and name.lower().startswith("unnamed "):
        return f"a {name[len('unnamed ') :]}, unnamed"
    if is_unnamed(dev, actor):
        return f"{name}, unnamed"
    return name


def _sentences(text: str) -> list[str]:
    """Sentences, not cut after an abbreviation ("Dec. 15", "Mr. Witkoff", "U.S. Congress")."""
    out, start = [], 0
    for m in _BOUNDARY.finditer(text):
        if _ABBREVIATION.search(text[start : m.start(1)]):
            continue
        out.append(text[start : m.start(1)])
        start = m.end(1)
    out.append(text[start:].strip())
    return out


def gist(text: str, limit: int = GIST_CHARS) -> str:
    """The most quotable sentence of a statement, trimmed cleanly at a word."""
    text = " ".join(text.split())
    sentences = [s for s in _sentences(text) if s.strip()]
    if len(sentences) > 1:
        best = max(
            enumerate(sentences),
            key=lambda p: (len(_QUOTABLE.findall(p[1])) + (len(p[1].split()) >= 5), -p[0]),
        )[1]
        text = best
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:—–- ") + "…"
