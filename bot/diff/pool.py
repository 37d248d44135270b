"""One ingest batch's candidate pool: each speaker's recent mentions, loaded through a function the
caller supplies (the store), then kept up to date as statements are placed, so the cost per
statement does not grow with the number of developments stored.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.diff.place import CANDIDATES, Placement
from bot.diff.score import Candidate
from bot.diff.signature import Signature
from bot.model import Statement


class CandidatePool:
    """One batch's candidates, per speaker and newest first: read through ``load`` once per
    speaker, then kept up to date as statements are placed. A speaker is the grouping key: a
    spokesperson and the institution he speaks for are one."""

    def __init__(self, load: Callable[[str], list[Candidate]]) -> None:
        self._load = load
        self._by_actor: dict[str, list[Candidate]] = {}

    def of(self, speaker: str) -> list[Candidate]:
        """This speaker's candidates."""
        if speaker not in self._by_actor:
            self._by_actor[speaker] = self._load(speaker)[:CANDIDATES]
        return self._by_actor[speaker]

    def placed(
        self, speaker: str, statement: Statement, sig: Signature, placement: Placement, dev_id: int
    ) -> Candidate:
        """Record where a statement went (``dev_id``: the development it is now in); returns it
        as a candidate."""
        gone = set(placement.merged)
        recent = self.of(speaker)
        if gone:  # most placements merge nothing: no copy then
            recent = [
                Candidate(dev_id, c.issues, c.signature) if c.development_id in gone else c
                for c in recent
            ]
        # the same words in the same development need comparing once: keep the newest copy (a
        # development just started has no copy yet)
        if placement.development_id is not None:
            stored = sig.stored
            recent = [
                c for c in recent if c.development_id != dev_id or c.signature.stored != stored
            ]
        placed = Candidate(dev_id, statement.issues, sig)
        recent.insert(0, placed)
        self._by_actor[speaker] = recent[:CANDIDATES]
        return placed

    def forget(self) -> None:
        """Drop everything read (after a rollback, ids may be reused)."""
        self._by_actor.clear()
