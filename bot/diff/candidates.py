"""A speaker's candidate mentions as the diff engine reads them: a :class:`Candidate`, and a
statement's :class:`Shortlist` among them (those sharing stems with it, by development, on its
issues), counted from the candidates (:func:`shortlist`; bot/diff/pool.py keeps indexes that give
the same). Scoring them is bot/diff/score.py. Pure."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from operator import attrgetter

from bot.diff.signature import Signature
from bot.model import Statement

# Issues so broad that sharing (or not sharing) them says little about sameness.
BROAD_ISSUES = frozenset({"peace_plan"})
SHARED = 2  # stems a candidate shares with a statement before matches() looks at it
_TOKENS = attrgetter("signature.tokens")


@dataclass(frozen=True)
class Candidate:
    """A stored mention a new statement may join: its development, issues and signature."""

    development_id: int
    issues: tuple[str, ...]
    signature: Signature


@dataclass(frozen=True)
class Shortlist:
    """What :func:`bot.diff.score.matches` reads of a speaker's candidates for one statement:
    those sharing :data:`SHARED` stems or more with it, in candidate order, with how many each
    shares; each development's candidates, newest first (the last is its first mention); and
    the candidates on one of the statement's specific issues, in any order. :func:`shortlist`
    counts them from the candidates; bot/diff/pool.py keeps indexes that give the same."""

    counts: Sequence[int]
    sharers: Sequence[Candidate]
    by_development: Mapping[int, Sequence[Candidate]]
    on_issues: Sequence[Candidate] = ()


def shortlist(statement: Statement, sig: Signature, candidates: Sequence[Candidate]) -> Shortlist:
    """A statement's shortlist, counted from its speaker's candidates (newest first)."""
    tokens = sig.tokens
    # counted in C through map: this pass runs over every candidate
    counts = list(map(len, map(tokens.intersection, map(_TOKENS, candidates))))
    pairs = [(n, c) for n, c in zip(counts, candidates, strict=True) if n >= SHARED]
    specific = set(statement.issues) - BROAD_ISSUES
    return Shortlist(
        [n for n, _ in pairs],
        [c for _, c in pairs],
        by_development(candidates),
        [c for c in candidates if not specific.isdisjoint(c.issues)] if specific else [],
    )


def by_development(candidates: Iterable[Candidate]) -> dict[int, list[Candidate]]:
    """Each development's candidates, in the order given."""
    out: dict[int, list[Candidate]] = {}
    for c in candidates:
        found = out.get(c.development_id)
        if found is None:
            out[c.development_id] = [c]
        else:
            found.append(c)
    return out
