"""The candidate pool's stem index (bot/diff/pool.py): a statement placed with the stem counts the
index gives goes where it goes among all its speaker's candidates, however the window changed."""

from __future__ import annotations

import random
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.diff.place import CANDIDATES, Placement, place
from bot.diff.pool import SPARE_CANDIDATES, CandidatePool, Spare
from bot.diff.score import Candidate, Shortlist, shortlist
from bot.diff.signature import QUOTE_MARK, Signature
from bot.diff.when import Days
from bot.model import Statement

# few stems, so that random statements share none, some or most of them
STEMS = ["talk", "truce", "grain", "port", "_nato", "guarante", "20", "border", "envoy", "deal"]
ISSUES = ["nato", "territory", "peace_plan"]


@st.composite
def remarks(draw: st.DrawFn) -> tuple[Statement, Signature]:
    """A statement on random issues and its signature: random stems, maybe a quoted phrase, maybe
    the day it was said or most likely was."""
    words = draw(st.lists(st.sampled_from(STEMS), min_size=1, max_size=7, unique=True))
    quoted = draw(st.booleans()) and len(words) >= 2
    quotes = frozenset({QUOTE_MARK + "+".join(sorted(words[:2]))}) if quoted else frozenset()

    def days() -> Days | None:
        day = draw(st.none() | st.integers(1, 6))
        return None if day is None else Days(date(2026, 3, day), date(2026, 3, day + 1))

    sig = Signature(
        frozenset(words), " ".join(sorted(words)), days=days(), near=days(), quotes=quotes
    )
    issues = tuple(draw(st.lists(st.sampled_from(ISSUES), max_size=2, unique=True)))
    return Statement("peskov", draw(st.sampled_from(["direct", "reported"])), "x", issues, 0), sig


def _facts(short: Shortlist) -> tuple[object, ...]:
    """What a shortlist says, its issue candidates as a set (the index keeps neither their order
    nor their copies)."""
    return (
        list(short.counts),
        list(short.sharers),
        dict(short.by_development),
        set(short.on_issues),
    )


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(remarks(), st.integers(1, 9)), max_size=40),
    st.lists(remarks(), min_size=1, max_size=30),
    st.booleans(),
)
def test_placing_with_the_index_is_placing_among_every_candidate(
    stored: list[tuple[tuple[Statement, Signature], int]],
    incoming: list[tuple[Statement, Signature]],
    lean: bool,
) -> None:
    loaded = [Candidate(dev, s.issues, sig) for (s, sig), dev in stored]
    # the same stored mention twice, as the store can hand it
    pool = CandidatePool(lambda speaker: loaded + loaded[:2])
    next_dev = 100
    for statement, sig in incoming:
        candidates = pool.of("peskov")
        counted = pool.shortlist("peskov", statement, sig)
        # the indexes give what a pass over every candidate counts
        assert _facts(counted) == _facts(shortlist(statement, sig, list(candidates)))
        every = place(statement, sig, list(candidates), lean=lean)
        indexed = place(statement, sig, list(candidates), lean=lean, sharing=counted)
        assert indexed == every
        # and the index stays exact as the window changes: joins, merges, new developments
        if every.development_id is None:
            next_dev += 1
            dev_id = next_dev
        else:
            dev_id = every.development_id
        pool.placed("peskov", statement, sig, every, dev_id)


def test_a_full_window_stays_the_shortlist_counted_afresh() -> None:
    """More candidates than a window holds: each statement placed pushes the oldest out, the
    oldest mention of a development among them (the one its lean and its day are read from)."""
    rng = random.Random(9)

    def remark() -> tuple[Statement, Signature]:
        words = rng.sample(STEMS, rng.randint(1, 5))
        day = rng.choice([None, 1, 2, 5])
        days = None if day is None else Days(date(2026, 3, day), date(2026, 3, day + 1))
        sig = Signature(frozenset(words), " ".join(sorted(words)), days=days, near=days)
        issues = tuple(rng.sample(ISSUES, rng.randint(0, 2)))
        return Statement("peskov", "direct", "x", issues, 0), sig

    loaded = [
        Candidate(rng.randint(1, 30), s.issues, sig)
        for s, sig in (remark() for _ in range(CANDIDATES + 10))
    ]
    pool = CandidatePool(lambda speaker: list(loaded))
    for n in range(300):
        statement, sig = remark()
        candidates = list(pool.of("peskov"))
        short = pool.shortlist("peskov", statement, sig)
        assert _facts(short) == _facts(shortlist(statement, sig, candidates))
        placement = place(statement, sig, candidates)
        assert place(statement, sig, candidates, sharing=short) == placement
        pool.placed("peskov", statement, sig, placement, placement.development_id or 100 + n)
    assert len(pool.of("peskov")) == CANDIDATES


def test_a_merge_moves_the_merged_candidates_to_the_kept_development() -> None:
    statement = Statement("peskov", "direct", "x", (), 0)
    sig = Signature(frozenset({"grain", "port", "deal"}), "deal grain port")
    pool = CandidatePool(lambda speaker: [Candidate(2, (), sig), Candidate(1, (), sig)])
    pool.placed("peskov", statement, sig, Placement(1, (2,)), 1)
    short = pool.shortlist("peskov", statement, sig)
    assert [c.development_id for c in short.sharers] == [1]  # one copy of the same words kept
    assert list(short.counts) == [3]
    assert list(short.by_development) == [1]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.tuples(remarks(), st.integers(1, 9)), max_size=30),
    st.lists(st.tuples(remarks(), st.integers(1, 9)), max_size=30),
    st.lists(st.integers(0, 29), max_size=30),
    st.lists(remarks(), min_size=1, max_size=10),
)
def test_a_window_handed_on_to_the_next_batch_is_the_window_it_reads(
    before: list[tuple[tuple[Statement, Signature], int]],
    fresh: list[tuple[tuple[Statement, Signature], int]],
    kept: list[int],
    incoming: list[tuple[Statement, Signature]],
) -> None:
    first = [Candidate(dev, s.issues, sig) for (s, sig), dev in before]
    # what the next batch reads: some of the same candidate objects (the pipeline's memo hands
    # them out again), in another order and with copies, and new ones
    again = [first[i] for i in kept if i < len(first)]
    second = again + [Candidate(dev, s.issues, sig) for (s, sig), dev in fresh] + again[:1]
    spare = Spare()
    one = CandidatePool(lambda speaker: list(first), spare)
    for statement, sig in incoming[:3]:
        placed = place(statement, sig, list(one.of("peskov")))
        one.placed("peskov", statement, sig, placed, placed.development_id or 50)
    one.release()
    handed = CandidatePool(lambda speaker: list(second), spare)
    afresh = CandidatePool(lambda speaker: list(second))
    # the same index as built afresh: nothing the first batch held stays indexed
    assert handed._window("peskov").postings == afresh._window("peskov").postings
    for statement, sig in incoming:
        assert handed.of("peskov") == afresh.of("peskov")
        assert spare.take("peskov") is None  # the next batch took it
        assert _facts(handed.shortlist("peskov", statement, sig)) == _facts(
            afresh.shortlist("peskov", statement, sig)
        )
        placement = place(statement, sig, list(afresh.of("peskov")))
        dev_id = placement.development_id or 60
        handed.placed("peskov", statement, sig, placement, dev_id)
        afresh.placed("peskov", statement, sig, placement, dev_id)


def test_the_spare_windows_keep_the_speakers_seen_last_within_their_bound() -> None:
    sig = Signature(frozenset({"grain", "port"}), "grain port")
    per_window = 150
    speakers = [f"s{i}" for i in range(SPARE_CANDIDATES // per_window + 2)]
    spare = Spare()
    for speaker in speakers:
        pool = CandidatePool(lambda s: [Candidate(k, (), sig) for k in range(per_window)], spare)
        pool.of(speaker)
        pool.release()
    assert spare.take(speakers[0]) is None  # seen longest ago: dropped
    assert spare.take(speakers[-1]) is not None
