"""What placing statements reads of the developments it writes, kept for one write transaction.

Inside a write transaction nobody else writes (the write lock is held from BEGIN IMMEDIATE:
bot/store/db.py), so what a statement joining a development needs to know of it - its mention
count, how many mentions name each issue and whether its first did, the issues it is shown with,
the outlets known to have carried it - is read once, then kept up to date by the store's own
writes (bot/store/placements.py) instead of being read again per statement. A :class:`Scope`
holds it, only inside ``atomic()`` blocks, and the transaction machinery (bot/store/db.py)
drops it whenever such a block begins or ends a transaction and whenever a savepoint rolls
back, so nothing in it outlives what it describes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

SHOWN_SHARE = 0.5  # a development shows an issue at least this share of its mentions name
# a first mention in reported speech naming this many issues or more does not keep them shown
# on its own (first_holds)
CROWDED = 3
# developments (and articles) one scope keeps at most: an ingest transaction touches a few
# hundred; one that writes far more (a bulk load) starts again past this, not growing with it
KEPT = 4096


@dataclass(slots=True)
class Tally:
    """One development as stored: ``mentions`` (its mention count), ``counts`` (issue ->
    [mentions naming it, whether its first mention did]), ``shown`` (its development_issues
    rows) and ``sources`` (outlets its development_sources rows are known to hold)."""

    mentions: int
    counts: dict[str, list[int]]
    shown: set[str]
    sources: set[str] = field(default_factory=set)

    def count(self, issues: Iterable[str]) -> None:
        """One more mention names these issues."""
        for issue in issues:
            found = self.counts.get(issue)
            if found is None:
                self.counts[issue] = [1, 0]
            else:
                found[0] += 1


@dataclass(slots=True)
class Scope:
    """What one write transaction has read and kept: a :class:`Tally` per development, and the
    outlet of each article (``None``: no such article)."""

    tallies: dict[int, Tally] = field(default_factory=dict)
    outlets: dict[int | None, str | None] = field(default_factory=dict)

    def clear(self) -> None:
        """Forget everything (the transaction began, ended or rolled back a savepoint)."""
        self.tallies.clear()
        self.outlets.clear()

    def keep(self, dev_id: int, tally: Tally) -> Tally:
        """Keep a development's tally (forgetting the others first when :data:`KEPT` are)."""
        if len(self.tallies) >= KEPT:
            self.tallies.clear()
        self.tallies[dev_id] = tally
        return tally

    def keep_outlet(self, article_id: int | None, outlet: str | None) -> str | None:
        """Keep an article's outlet (forgetting the others first when :data:`KEPT` are)."""
        if len(self.outlets) >= KEPT:
            self.outlets.clear()
        self.outlets[article_id] = outlet
        return outlet


def first_holds(kind: str, issues: Sequence[str]) -> bool:
    """Whether a development's first mention keeps the issues it names shown however few of
    its later mentions name them (``by_first``): not when it is reported speech naming
    ``CROWDED`` issues or more. Such a sentence is the reporter's, and a lead sentence packs
    the context around the remark into it ("talks broke up in Geneva with no date for another
    round, after the negotiator said ..."); the speaker's own words keep theirs. Measured on
    the tune corpora pooled (benchmarks/issue_votes.py): issue tags 3890 right, 569 extra,
    505 missed -> 3890/524/505; a reported first mention naming two or more 3868/521/527, any
    first mention naming three or more 3878/519/517, no first mention keeping its issues
    3814/500/581."""
    return kind != "reported" or len(issues) < CROWDED


def shown_issues(counts: Iterable[tuple[str, int, int]], mentions: int) -> list[str]:
    """The issues a development is shown with, sorted, from (issue, mentions naming it, whether
    its first mention did and holds them: :func:`first_holds`) and its mention count: those its
    first mention holds and those at least half of its mentions name (``SHOWN_SHARE``). One
    outlet's incidental tag ("... as prisoner swaps resumed") does not spread to a remark a
    dozen outlets carried, and the first report, which set what the development is, keeps its
    own. Measured on the tune corpora against the union of every mention's issues (issue F1,
    mean of tune..tune6): union .845, at least half .850, first or half .852, first or more
    than half .843, first or a third .850."""
    share = SHOWN_SHARE * mentions
    return sorted(issue for issue, named, first in counts if first or named >= share)
