"""Placing a statement among the developments: join one, start a new one, or show that two are
one (a bridge). The thresholds and the candidate window live here, with the code they tune.

Pure given the candidates; :class:`CandidatePool` keeps one ingest batch's candidates per actor,
loaded through a function the caller supplies (the store), so the cost per statement does not grow
with the number of developments stored.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from bot.diff.score import Candidate, matches
from bot.diff.signature import Signature
from bot.model import Statement

MATCH_THRESHOLD = 0.45  # similarity at which two statements are one development
BRIDGE_THRESHOLD = 0.5  # a statement this close to two developments shows they are one
CANDIDATES = 150  # an actor's most recent mentions compared with a new statement
WINDOW = timedelta(days=14)  # a statement joins a development seen at most this long before


@dataclass(frozen=True)
class Placement:
    """Where a statement goes: an existing development (or ``None`` for a new one), and the
    developments it showed to be that same one, to be folded into it."""

    development_id: int | None
    merged: tuple[int, ...] = ()


def place(
    statement: Statement,
    sig: Signature,
    candidates: list[Candidate],
    decisive: frozenset[str] = frozenset(),
) -> Placement:
    """The placement of one statement among its actor's candidate mentions."""
    found = matches(statement, sig, candidates, MATCH_THRESHOLD, decisive)
    if not found:
        return Placement(None)
    first = found[0].development_id
    bridged = [m.development_id for m in found[1:] if m.score >= BRIDGE_THRESHOLD]
    if not bridged:
        return Placement(first)
    keep = min(first, *bridged)  # the oldest development survives
    return Placement(keep, tuple(sorted({first, *bridged} - {keep})))


def takes_text(development_kind: str, statement_kind: str) -> bool:
    """Whether a development's shown text becomes this new mention's: a development reads best as
    a direct quote, so the first direct mention replaces reported speech."""
    return statement_kind == "direct" and development_kind != "direct"


class CandidatePool:
    """One batch's candidates, per actor and newest first: read through ``load`` once per actor,
    then kept up to date as statements are placed."""

    def __init__(self, load: Callable[[str], list[Candidate]]) -> None:
        self._load = load
        self._by_actor: dict[str, list[Candidate]] = {}

    def of(self, actor_id: str) -> list[Candidate]:
        """This actor's candidates."""
        if actor_id not in self._by_actor:
            self._by_actor[actor_id] = self._load(actor_id)[:CANDIDATES]
        return self._by_actor[actor_id]

    def placed(
        self, statement: Statement, sig: Signature, placement: Placement, dev_id: int
    ) -> None:
        """Record where a statement went (``dev_id``: the development it is now in)."""
        gone = set(placement.merged)
        recent = [
            Candidate(dev_id, c.issues, c.signature) if c.development_id in gone else c
            for c in self.of(statement.actor_id)
        ]
        # the same words in the same development need comparing once: keep the newest copy
        recent = [c for c in recent if c.development_id != dev_id or c.signature.text != sig.text]
        recent.insert(0, Candidate(dev_id, statement.issues, sig))
        self._by_actor[statement.actor_id] = recent[:CANDIDATES]

    def forget(self) -> None:
        """Drop everything read (after a rollback, ids may be reused)."""
        self._by_actor.clear()
