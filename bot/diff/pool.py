"""One ingest batch's candidate pool: each speaker's recent mentions, loaded through a function the
caller supplies (the store), then kept up to date as statements are placed, so the cost per
statement does not grow with the number of developments stored.

Each speaker's window keeps an index (stem -> the candidates carrying it), so the stems a new
statement shares with each candidate are counted over the index instead of intersecting its
stems with every candidate's: :func:`bot.diff.score.matches` scores only candidates sharing two
stems or more (``sharing``). tests/test_pool.py checks that placements agree with the count.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from itertools import chain, repeat

from bot.diff.place import CANDIDATES, Placement
from bot.diff.score import Candidate
from bot.diff.signature import Signature
from bot.model import Statement

SHARED = 2  # stems a candidate shares with a statement before matches() looks at it
# candidates in the windows a batch hands on to the next (Spare): most of a speaker's window is
# the same the next batch reads, and updating an index costs less than building it
SPARE_CANDIDATES = 6_000
_NONE: frozenset[int] = frozenset()


class _Window:
    """One speaker's candidates, newest first, and the stem -> candidates index over them.

    A candidate is keyed by identity: the same object may stand twice in the list (two stored
    mentions with the same words), so the index counts its copies. ``held`` keeps each indexed
    candidate alive, so no other object can take its identity while it is indexed."""

    __slots__ = ("copies", "held", "items", "postings")

    def __init__(self, items: list[Candidate]) -> None:
        self.items = items
        self.postings: dict[str, set[int]] = {}
        self.copies: dict[int, int] = {}
        self.held: dict[int, Candidate] = {}
        for c in items:
            self.add(c)

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
        postings = self.postings
        for token in c.signature.tokens:
            found = postings.get(token)
            if found is None:
                postings[token] = {key}
            else:
                found.add(key)

    def _unindex(self, key: int) -> None:
        postings = self.postings
        for token in self.held.pop(key).signature.tokens:
            found = postings[token]
            found.discard(key)
            if not found:
                del postings[token]

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

    def sharing(self, sig: Signature) -> tuple[list[int], list[Candidate]]:
        # counted in C over the index: the stems each candidate shares with the statement
        shared = Counter(chain.from_iterable(map(self.postings.get, sig.tokens, repeat(_NONE))))
        sharers = [c for c in self.items if shared.get(id(c), 0) >= SHARED]
        return [shared[id(c)] for c in sharers], sharers


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

    def sharing(self, speaker: str, sig: Signature) -> tuple[list[int], list[Candidate]]:
        """This speaker's candidates sharing two stems or more with a signature, in order, and
        how many each shares (what :func:`bot.diff.score.matches` takes as ``sharing``)."""
        return self._window(speaker).sharing(sig)

    def placed(
        self, speaker: str, statement: Statement, sig: Signature, placement: Placement, dev_id: int
    ) -> Candidate:
        """Record where a statement went (``dev_id``: the development it is now in); returns it
        as a candidate."""
        window = self._window(speaker)
        recent = window.items
        gone = set(placement.merged)
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
            # the same stored words are the same stems: only candidates carrying its first stem
            # (a statement without stems: every candidate) can be copies
            first = next(iter(sig.tokens), None)
            held = window.held
            maybe = (
                (held[k] for k in window.postings.get(first, _NONE))
                if first is not None and not gone
                else recent
            )
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
        placed = Candidate(dev_id, statement.issues, sig)
        recent.insert(0, placed)
        window.add(placed)
        for c in recent[CANDIDATES:]:
            window.drop(c)
        del recent[CANDIDATES:]
        window.items = recent
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
