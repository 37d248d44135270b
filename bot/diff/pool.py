"""One ingest batch's candidate pool: each speaker's recent mentions, loaded through a function the
caller supplies (the store), then kept up to date as statements are placed, so the cost per
statement does not grow with the number of developments stored.

Each speaker's window keeps an index (stem -> the candidates carrying it), so the stems a new
statement shares with each candidate are counted over the index instead of intersecting its
stems with every candidate's: :func:`bot.diff.score.matches` scores only candidates sharing two
stems or more (``sharing``). tests/test_pool.py checks that placements agree with the count.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from itertools import chain, repeat

from bot.diff.place import CANDIDATES, Placement
from bot.diff.score import Candidate
from bot.diff.signature import Signature
from bot.model import Statement

SHARED = 2  # stems a candidate shares with a statement before matches() looks at it
_NONE: frozenset[int] = frozenset()


class _Window:
    """One speaker's candidates, newest first, and the stem -> candidates index over them.

    A candidate is keyed by identity: the same object may stand twice in the list (two stored
    mentions with the same words), so the index counts its copies."""

    __slots__ = ("copies", "items", "postings")

    def __init__(self, items: list[Candidate]) -> None:
        self.items = items
        self.postings: dict[str, set[int]] = {}
        self.copies: dict[int, int] = {}
        for c in items:
            self.add(c)

    def add(self, c: Candidate) -> None:
        key = id(c)
        n = self.copies.get(key, 0)
        self.copies[key] = n + 1
        if n:
            return
        postings = self.postings
        for token in c.signature.tokens:
            found = postings.get(token)
            if found is None:
                postings[token] = {key}
            else:
                found.add(key)

    def drop(self, c: Candidate) -> None:
        key = id(c)
        n = self.copies[key] - 1
        if n:
            self.copies[key] = n
            return
        del self.copies[key]
        postings = self.postings
        for token in c.signature.tokens:
            found = postings[token]
            found.discard(key)
            if not found:
                del postings[token]

    def sharing(self, sig: Signature) -> tuple[list[int], list[Candidate]]:
        # counted in C over the index: the stems each candidate shares with the statement
        shared = Counter(chain.from_iterable(map(self.postings.get, sig.tokens, repeat(_NONE))))
        sharers = [c for c in self.items if shared.get(id(c), 0) >= SHARED]
        return [shared[id(c)] for c in sharers], sharers


class CandidatePool:
    """One batch's candidates, per speaker and newest first: read through ``load`` once per
    speaker, then kept up to date as statements are placed. A speaker is the grouping key: a
    spokesperson and the institution he speaks for are one."""

    def __init__(self, load: Callable[[str], list[Candidate]]) -> None:
        self._load = load
        self._by_actor: dict[str, _Window] = {}

    def _window(self, speaker: str) -> _Window:
        window = self._by_actor.get(speaker)
        if window is None:
            window = self._by_actor[speaker] = _Window(self._load(speaker)[:CANDIDATES])
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
            same = [
                c for c in recent if c.development_id == dev_id and c.signature.stored == stored
            ]
            for c in same:
                window.drop(c)
            if same:
                recent = [
                    c for c in recent if c.development_id != dev_id or c.signature.stored != stored
                ]
        placed = Candidate(dev_id, statement.issues, sig)
        recent.insert(0, placed)
        window.add(placed)
        for c in recent[CANDIDATES:]:
            window.drop(c)
        window.items = recent[:CANDIDATES]
        return placed

    def forget(self) -> None:
        """Drop everything read (after a rollback, ids may be reused)."""
        self._by_actor.clear()
