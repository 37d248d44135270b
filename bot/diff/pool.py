"""One ingest batch's candidate pool: each speaker's recent mentions, loaded through a function the
caller supplies (the store), then kept up to date as statements are placed, so the cost per
statement does not grow with the number of developments stored.

Each speaker's window keeps indexes: stem -> the candidates carrying it, so the stems a new
statement shares with each candidate are counted over the index instead of intersecting its
stems with every candidate's (:func:`bot.diff.score.matches` scores only candidates sharing two
stems or more); issue -> the candidates tagged with it; and each development's candidates. They
give a statement's :class:`~bot.diff.score.Shortlist` without a pass over every candidate in
Python. tests/test_pool.py checks that it is the shortlist counted from the candidates, and that
placements agree.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from itertools import chain, compress, repeat

from bot.diff.place import CANDIDATES, Placement
from bot.diff.score import BROAD_ISSUES, SHARED, Candidate, Shortlist, by_development
from bot.diff.signature import Signature
from bot.model import Statement

# candidates in the windows a batch hands on to the next (Spare): most of a speaker's window is
# the same the next batch reads, and updating an index costs less than building it
SPARE_CANDIDATES = 6_000
_NONE: frozenset[int] = frozenset()
_ENOUGH = (SHARED - 1).__lt__  # a count of shared stems that makes a candidate a sharer


class _Window:
    """One speaker's candidates, newest first, the stem -> candidates and issue -> candidates
    indexes over them, and each development's candidates (``developments``, newest first).

    A candidate is keyed by identity: the same object may stand twice in the list (two stored
    mentions with the same words), so the index counts its copies. ``held`` keeps each indexed
    candidate alive, so no other object can take its identity while it is indexed."""

    __slots__ = ("copies", "developments", "held", "issues", "items", "postings")

    def __init__(self, items: list[Candidate]) -> None:
        self.items = items
        self.postings: dict[str, set[int]] = {}
        self.issues: dict[str, set[int]] = {}
        self.copies: dict[int, int] = {}
        self.held: dict[int, Candidate] = {}
        for c in items:
            self.add(c)
        self.developments = by_development(items)

    def add(self, c: Candidate) -> None:
        key = id(c)
        n = self.copies.get(key, 0)
        self.copies[key] = n + 1
        if not n:
            self._index(key, c)

    def drop(self, c: Candidate) -> None:
        key = id(c)
        n = self.copies[key] - 1
        if n:
            self.copies[key] = n
            return
        del self.copies[key]
        self._unindex(key)

    def _index(self, key: int, c: Candidate) -> None:
        self.held[key] = c
        for postings, terms in ((self.postings, c.signature.tokens), (self.issues, c.issues)):
            for term in terms:
                found = postings.get(term)
                if found is None:
                    postings[term] = {key}
                else:
                    found.add(key)

    def _unindex(self, key: int) -> None:
        c = self.held.pop(key)
        for postings, terms in ((self.postings, c.signature.tokens), (self.issues, c.issues)):
            for term in terms:
                found = postings[term]
                found.discard(key)
                if not found:
                    del postings[term]

    def reset(self, items: list[Candidate]) -> None:
        """Hold these candidates instead: the index as built afresh from them, by indexing only
        the candidates it did not hold and unindexing the ones gone."""
        copies = Counter(map(id, items))
        for key in [k for k in self.held if k not in copies]:
            self._unindex(key)
        held = self.held
        for c in items:
            if id(c) not in held:
                self._index(id(c), c)
        self.copies = dict(copies)
        self.items = items
        self.developments = by_development(items)

    def placed(self, c: Candidate, dropped: list[Candidate]) -> None:
        """Bring ``developments`` in line with ``c`` put first and ``dropped`` cut from the end
        of the candidates (the oldest of their developments: the last of each's list)."""
        developments = self.developments
        found = developments.get(c.development_id)
        if found is None:
            developments[c.development_id] = [c]
        else:
            found.insert(0, c)
        for old in dropped:
            group = developments[old.development_id]
            group.pop()
            if not group:
                del developments[old.development_id]

    def shortlist(self, statement: Statement, sig: Signature) -> Shortlist:
        """The statement's shortlist, from the indexes (valid until the window changes)."""
        # counted in C over the index: the stems each candidate shares with the statement, then
        # the candidates sharing enough, in order
        shared = Counter(chain.from_iterable(map(self.postings.get, sig.tokens, repeat(_NONE))))
        items = self.items
        counts = list(map(shared.get, map(id, items), repeat(0)))
        enough = list(map(_ENOUGH, counts))
        specific = set(statement.issues) - BROAD_ISSUES
        on_issues: list[Candidate] = []
        if specific:
            held = self.held
            keys: set[int] = set().union(*(self.issues.get(i, _NONE) for i in specific))
            on_issues = [held[k] for k in keys]
        return Shortlist(
            list(compress(counts, enough)),
            list(compress(items, enough)),
            self.developments,
            on_issues,
        )


class CandidatePool:
    """One batch's candidates, per speaker and newest first: read through ``load`` once per
    speaker, then kept up to date as statements are placed. A speaker is the grouping key: a
    spokesperson and the institution he speaks for are one."""

    def __init__(self, load: Callable[[str], list[Candidate]], spare: Spare | None = None) -> None:
        self._load = load
        self._by_actor: dict[str, _Window] = {}
        self._spare = spare

    def _window(self, speaker: str) -> _Window:
        window = self._by_actor.get(speaker)
        if window is None:
            items = self._load(speaker)[:CANDIDATES]
            window = self._spare.take(speaker) if self._spare is not None else None
            if window is None:
                window = _Window(items)
            else:
                window.reset(items)
            self._by_actor[speaker] = window
        return window

    def of(self, speaker: str) -> list[Candidate]:
        """This speaker's candidates."""
        return self._window(speaker).items

    def shortlist(self, speaker: str, statement: Statement, sig: Signature) -> Shortlist:
        """A statement's shortlist among its speaker's candidates (what
        :func:`bot.diff.score.matches` takes as ``sharing``), valid until the next placement."""
        return self._window(speaker).shortlist(statement, sig)

    def placed(
        self, speaker: str, statement: Statement, sig: Signature, placement: Placement, dev_id: int
    ) -> Candidate:
        """Record where a statement went (``dev_id``: the development it is now in); returns it
        as a candidate."""
        window = self._window(speaker)
        recent = window.items
        gone = set(placement.merged)
        regroup = bool(gone)  # the developments' candidates counted afresh (when some moved)
        if gone:  # most placements merge nothing: no copy then
            renamed = []
            for c in recent:
                if c.development_id in gone:
                    window.drop(c)
                    c = Candidate(dev_id, c.issues, c.signature)
                    window.add(c)
                renamed.append(c)
            recent = renamed
        # the same words in the same development need comparing once: keep the newest copy (a
        # development just started has no copy yet)
        if placement.development_id is not None:
            stored = sig.stored
            # the same stored words are the same stems: only candidates carrying every one of
            # its stems can be copies, so those carrying its rarest one are enough to look at
            # (a statement without stems: every candidate)
            postings = window.postings
            held = window.held
            rarest = min((postings.get(t, _NONE) for t in sig.tokens), key=len, default=None)
            maybe = (held[k] for k in rarest) if rarest is not None and not gone else recent
            if any(c.development_id == dev_id and c.signature.stored == stored for c in maybe):
                same = [
                    c
                    for c in recent
                    if c.development_id == dev_id and c.signature.stored == stored
                ]
                for c in same:
                    window.drop(c)
                recent = [
                    c for c in recent if c.development_id != dev_id or c.signature.stored != stored
                ]
                regroup = True
        placed = Candidate(dev_id, statement.issues, sig)
        recent.insert(0, placed)
        window.add(placed)
        dropped = recent[CANDIDATES:]
        for c in dropped:
            window.drop(c)
        del recent[CANDIDATES:]
        window.items = recent
        if regroup:
            window.developments = by_development(recent)
        else:
            window.placed(placed, dropped)
        return placed

    def forget(self) -> None:
        """Drop everything read (after a rollback, ids may be reused)."""
        self._by_actor.clear()

    def release(self) -> None:
        """The batch is over: its windows go to the spare ones (when it was given them), for
        the next batch to start from."""
        if self._spare is not None:
            for speaker, window in self._by_actor.items():
                self._spare.give(speaker, window)
        self._by_actor.clear()


class Spare:
    """Windows one batch left for the next, by speaker: only ever a starting point, brought in
    line with what the next batch reads (``_Window.reset``), so what a batch sees is what it
    reads whatever the spare held (another store's windows, or none). Bounded by
    :data:`SPARE_CANDIDATES`, the speakers seen longest ago dropped first. A batch takes a window
    out while it uses it: two batches at once never share one."""

    def __init__(self) -> None:
        self._windows: dict[str, _Window] = {}
        self._held = 0  # candidates in them
        self._lock = threading.Lock()

    def take(self, speaker: str) -> _Window | None:
        """The spare window of a speaker, taken out, if there is one."""
        with self._lock:
            window = self._windows.pop(speaker, None)
            if window is not None:
                self._held -= len(window.items)
            return window

    def give(self, speaker: str, window: _Window) -> None:
        """Keep a speaker's window for the next batch."""
        with self._lock:
            old = self._windows.pop(speaker, None)
            if old is not None:
                self._held -= len(old.items)
            self._windows[speaker] = window
            self._held += len(window.items)
            while self._held > SPARE_CANDIDATES:
                gone = self._windows.pop(next(iter(self._windows)))
                self._held -= len(gone.items)
