"""How surely two signatures say the same thing, and which candidate developments a statement
matches. Pure: the caller supplies the candidates."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter

from bot.diff.signature import Signature
from bot.model import Statement

# Issues so broad that sharing (or not sharing) them says little about sameness.
BROAD_ISSUES = frozenset({"peace_plan"})
DECISIVE_PENALTY = 0.7  # reports that differ in a decisive concept ("drop" the bid, or not)
QUOTED_SCORE = 0.48  # the same quoted phrase: enough to join (not to bridge two developments)
ISSUES_DIFFER_BAR = 0.6  # tagged with different issues, yet this close: the tags are what differ
SAME_DAY_BAR = 0.8  # said on the same day: the threshold times this
# the one development of this speaker on this specific issue around this day: this bar, from two
# shared stems (a paraphrase or re-translation of the remark shares its gist, not its words)
TOPIC_DAY_BAR = 0.1
# most likely said days apart (undated, published days apart): another utterance, unless the words
# say it is the same (an outlet carries a remark days later, mostly in its own words)
FAR_APART = 2  # days between them
FAR_APART_BAR = 0.55
# most likely said this many days apart or more, they are two remarks unless they quote the same
# words (a report recalling a remark weeks old names its day: "in May")
NEVER_APART = 14
MAX_SCORED = 24  # only the candidates sharing the most stems are scored in full
_TOKENS = attrgetter("signature.tokens")


@dataclass(frozen=True)
class Candidate:
    """A stored mention a new statement may join: its development, issues and signature."""

    development_id: int
    issues: tuple[str, ...]
    signature: Signature


@dataclass(frozen=True)
class Match:
    """The development a statement joins, and how sure the engine is."""

    development_id: int
    score: float


def similarity(a: Signature, b: Signature, decisive: frozenset[str] = frozenset()) -> float:
    """How surely two signatures say the same thing: 0 (not at all) to 1."""
    if not a.tokens or not b.tokens:
        return 0.0
    penalty = DECISIVE_PENALTY if decisive and (a.tokens ^ b.tokens) & decisive else 1.0
    score = penalty * _overlap(a, b)
    if quoted_alike(a, b):
        # the same quoted words: the same remark, however it is framed; or words one report
        # quotes from the other's full quote ('told reporters that "not a single euro" ...'),
        # whatever concept the writer's own framing adds ("a hint that Moscow would reject")
        score = max(score, QUOTED_SCORE)
    return score


def quoted_alike(a: Signature, b: Signature) -> bool:
    """Whether two reports quote the same words, or one quotes words of the other's quote."""
    return not a.quotes.isdisjoint(b.quotes) or _quoted_within(a, b) or _quoted_within(b, a)


def _quoted_within(a: Signature, b: Signature) -> bool:
    """Whether a phrase ``a`` quotes is all in ``b``'s words."""
    return any(q <= b.tokens for q in a.quoted_stems)


def _overlap(a: Signature, b: Signature) -> float:
    # a shared figure ("90", "1200", "20-point") is as telling as two shared words
    both = a.tokens & b.tokens
    figures = sum(map(_is_figure, both))
    shared = len(both) + figures
    smaller = min(len(a.tokens), len(b.tokens)) + figures
    containment = shared / smaller
    jaccard = shared / (len(a.tokens) + len(b.tokens) - len(both) + figures)  # the union's
    if shared < 3 and smaller > 3:
        return min(containment, jaccard)
    # a trimmed quote is (nearly) contained in the full one: containment alone then decides
    return max(0.6 * containment + 0.4 * jaccard, 0.8 * containment * containment)


@lru_cache(maxsize=65536)  # few distinct stems, asked for every pair scored
def _is_figure(token: str) -> bool:
    return any(ch.isdigit() for ch in token)


def days_meet(a: Signature, b: Signature) -> bool:
    """Whether two statements can have been said on the same day (unknown days always can)."""
    return a.days is None or b.days is None or a.days.meets(b.days)


def other_days(sig: Signature, candidates: Iterable[Candidate]) -> set[int]:
    """The developments a statement cannot join: one of their mentions was said on a day this
    one cannot have been (a development is one utterance, so one day)."""
    if sig.days is None:
        return set()
    return {c.development_id for c in candidates if not days_meet(sig, c.signature)}


def far_apart(a: Signature, b: Signature, days: int = FAR_APART) -> bool:
    """Whether two statements were most likely said more than ``days`` days apart."""
    x, y = a.likely, b.likely
    return x is not None and y is not None and x.gap(y) > days


def first_mentions(candidates: Sequence[Candidate]) -> dict[int, Signature]:
    """Each development's first mention among the candidates (they come newest first): the
    remark the development is, whose day later reports must be near."""
    return {c.development_id: c.signature for c in candidates}  # the oldest is written last


def same_day(a: Signature, b: Signature) -> bool:
    """Whether both statements are known to have been said on one and the same day."""
    return a.days is not None and b.days is not None and a.days.same_day(b.days)


def issues_agree(a: Sequence[str], b: Sequence[str]) -> bool:
    """Statements on different specific issues are different claims."""
    sa, sb = set(a) - BROAD_ISSUES, set(b) - BROAD_ISSUES
    return not sa or not sb or bool(sa & sb)


def matches(
    statement: Statement,
    sig: Signature,
    candidates: Iterable[Candidate],
    threshold: float,
    decisive: frozenset[str] = frozenset(),
    *,
    lean: bool = True,
    sharing: tuple[Sequence[int], Sequence[Candidate]] | None = None,
    unleaned: Collection[int] = frozenset(),
) -> list[Match]:
    """The developments this statement belongs to, best first, from candidate mentions by the
    same actor. ``sharing``: how many stems each candidate sharing two or more shares, with them
    in candidate order (bot/diff/pool.py keeps an index for it); without it they are counted.

    More than one means the statement bridges developments that are really one: the first report
    quoted only the first half of a statement, a later one only the second, and this one both.

    When the speaker has one development on this specific issue around this day, the statement
    leans to it (:data:`TOPIC_DAY_BAR`, from its first mention): a speaker mostly makes one
    remark on an issue a day, and its re-reports share the gist more than the words. Not when
    ``lean`` is False (the article says the speaker said more that day: "he added"), nor when
    there are two or more such, nor to the developments in ``unleaned``: those the article
    started with a statement of the same kind. Two quotes (or two reported sentences) of one
    speaker that a writer gives apart are two passages; the lean is for another outlet's
    re-report, or the sentence paraphrasing a quote.
    """
    candidates = candidates if isinstance(candidates, list) else list(candidates)
    elsewhen = other_days(sig, candidates)
    leaning: set[int] = set()
    specific = set(statement.issues) - BROAD_ISSUES
    day = sig.likely
    if lean and specific and day is not None:
        leaning = {
            c.development_id
            for c in candidates
            if not specific.isdisjoint(c.issues)
            and (other := c.signature.likely) is not None
            and day.first <= other.last  # day.meets(other), inline: a pass over every one
            and other.first <= day.last
        } - elsewhen
        leaning.difference_update(unleaned)
        if len(leaning) > 1:  # two remarks on it that day: the words decide which
            leaning = set()
    tokens = sig.tokens
    short = len(tokens) <= 4
    # cheap pass: how many stems each candidate shares; most share (almost) nothing (counted
    # in C through map: this pass runs over every candidate of every statement)
    if sharing is None:
        counts: Iterable[int] = map(len, map(tokens.intersection, map(_TOKENS, candidates)))
        sharers: Sequence[Candidate] = candidates
    else:  # only a candidate sharing two stems or more passes the test below
        counts, sharers = sharing
    # a quoted phrase has two stems or more, so two reports sharing one share two stems at least
    quotes = sig.quotes
    # of its quoted phrases, those that can lie within a candidate sharing just two of its stems:
    # one of two stems, or one not all among its own stems (all a candidate can share)
    within = [q for q in sig.quoted_stems if len(q) <= 2 or not q <= tokens]
    overlapping = [
        (shared, c)
        for shared, c in zip(counts, sharers, strict=True)
        if shared >= 3
        or (
            shared == 2
            and (
                short
                or len(c.signature.tokens) <= 4
                or not quotes.isdisjoint(c.signature.quotes)
                or (within and any(q <= c.signature.tokens for q in within))
                or _quoted_within(c.signature, sig)
                or c.development_id in leaning
            )
        )
    ]
    if not overlapping:
        return []
    overlapping.sort(key=lambda item: -item[0])
    first = first_mentions(candidates) if day is not None else {}  # far_apart needs a day
    best: dict[int, float] = {}
    for shared, c in overlapping[:MAX_SCORED]:
        dev_id = c.development_id
        if dev_id in elsewhen:
            continue
        other_sig = c.signature
        bar = threshold * SAME_DAY_BAR if same_day(sig, other_sig) else threshold
        # the lean is to the remark the development is (its first mention), not to a report
        # that joined it: leaning through those chains one remark on the issue to the next
        if dev_id in leaning and other_sig is first[dev_id]:
            bar = TOPIC_DAY_BAR
        # a development is one remark, said when it was first reported: a report days after
        # that must show it on its own words, not through reports published in between (a chain)
        apart = day is not None and (far_apart(sig, other_sig) or far_apart(sig, first[dev_id]))
        if apart and not quoted_alike(sig, other_sig):
            if far_apart(sig, other_sig, NEVER_APART):  # weeks apart: another remark
                continue
            bar = max(bar, FAR_APART_BAR)
        if specific and not issues_agree(statement.issues, c.issues):
            # sharing under 40% of the shorter one's stems, it cannot reach the higher bar
            if shared < 0.4 * min(len(tokens), len(other_sig.tokens)):
                continue
            bar = max(bar, ISSUES_DIFFER_BAR)
        score = similarity(sig, other_sig, decisive)
        if score >= bar and score > best.get(dev_id, 0.0):
            best[dev_id] = score
    ranked = sorted(best.items(), key=lambda item: (-item[1], item[0]))
    return [Match(dev_id, score) for dev_id, score in ranked]
