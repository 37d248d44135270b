"""How surely two signatures say the same thing, and which candidate developments a statement
matches. Pure: the caller supplies the candidates."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from operator import itemgetter

# the candidates' types, kept in bot/diff/candidates.py, named here as they always were
from bot.diff.candidates import BROAD_ISSUES as BROAD_ISSUES
from bot.diff.candidates import SHARED as SHARED
from bot.diff.candidates import Candidate as Candidate
from bot.diff.candidates import Shortlist as Shortlist
from bot.diff.candidates import by_development as by_development
from bot.diff.candidates import shortlist as shortlist
from bot.diff.signature import Signature
from bot.diff.when import Days
from bot.model import Statement

DECISIVE_PENALTY = 0.7  # reports that differ in a decisive concept ("drop" the bid, or not)
QUOTED_SCORE = 0.48  # the same quoted phrase: enough to join (not to bridge two developments)
# tagged with different issues, yet this close: the tags are what differ (said on one day, the
# plain threshold: see matches())
ISSUES_DIFFER_BAR = 0.6
# said on one day (or, another article's report, most likely said on it): the threshold times this
SAME_DAY_BAR = 0.8
# the one development of this speaker on this specific issue around this day: this bar, from two
# shared stems (a paraphrase or re-translation of the remark shares its gist, not its words)
TOPIC_DAY_BAR = 0.1
# of two remarks or more on it that day, one whose first mention shares this many stems more with
# the statement than any other's is still the one it leans to
LEAN_AHEAD = 3
# most likely said days apart (undated, published days apart): another utterance, unless the words
# say it is the same (an outlet carries a remark days later, mostly in its own words)
FAR_APART = 2  # days between them
FAR_APART_BAR = 0.55
# most likely said this many days apart or more, they are two remarks unless they quote the same
# words (a report recalling a remark weeks old names its day: "in May")
NEVER_APART = 14
LONG_QUOTE = 3  # stems of a quoted phrase found in another report's words that still tie them then
# an undated report scoring this share of its best match with another, later remark: its rival
RIVAL_SCORE = 0.8
MAX_SCORED = 24  # only the candidates sharing the most stems are scored in full
_SHARED = itemgetter(0)
_THREE_OR_MORE = (2).__lt__  # a count of shared stems of three or more


@dataclass(frozen=True)
class Match:
    """The development a statement joins, and how sure the engine is."""

    development_id: int
    score: float


def similarity(a: Signature, b: Signature, decisive: frozenset[str] = frozenset()) -> float:
    """How surely two signatures say the same thing: 0 (not at all) to 1."""
    if not a.tokens or not b.tokens:
        return 0.0
    # the reports differ in a decisive concept: one carries it and the other does not
    penalty = DECISIVE_PENALTY if decisive and a.tokens & decisive != b.tokens & decisive else 1.0
    both = len(a.tokens & b.tokens)
    score = penalty * _ratio(len(a.tokens), len(b.tokens), both, len(a.figures & b.figures))
    if quoted_alike(a, b):
        # the same quoted words: the same remark, however it is framed; or words one report
        # quotes from the other's full quote ('told reporters that "not a single euro" ...'),
        # whatever concept the writer's own framing adds ("a hint that Moscow would reject")
        score = max(score, QUOTED_SCORE)
    return score


def quoted_alike(a: Signature, b: Signature) -> bool:
    """Whether two reports quote the same words, or one quotes words of the other's quote."""
    return not a.quotes.isdisjoint(b.quotes) or _quoted_within(a, b) or _quoted_within(b, a)


def quoted_the_same(a: Signature, b: Signature) -> bool:
    """Whether two reports quote the same words, or one quotes a phrase of :data:`LONG_QUOTE`
    stems or more that is all in the other's words."""
    return (
        not a.quotes.isdisjoint(b.quotes)
        or any(len(q) >= LONG_QUOTE and q <= b.tokens for q in a.quoted_stems)
        or any(len(q) >= LONG_QUOTE and q <= a.tokens for q in b.quoted_stems)
    )


def _quoted_within(a: Signature, b: Signature) -> bool:
    """Whether a phrase ``a`` quotes is all in ``b``'s words."""
    return any(map(b.tokens.issuperset, a.quoted_stems))  # in C: asked of most pairs scored


def _ratio(size_a: int, size_b: int, both: int, figures: int) -> float:
    """How much two stem sets of these sizes overlap, sharing ``both`` stems of which
    ``figures`` are figures."""
    # a shared figure ("90", "1200", "20-point") is as telling as two shared words
    shared = both + figures
    smaller = min(size_a, size_b) + figures
    containment = shared / smaller
    jaccard = shared / (size_a + size_b - both + figures)  # the union's
    if shared < 3 and smaller > 3:
        return min(containment, jaccard)
    # a trimmed quote is (nearly) contained in the full one: containment alone then decides
    return max(0.6 * containment + 0.4 * jaccard, 0.8 * containment * containment)


def days_meet(a: Signature, b: Signature) -> bool:
    """Whether two statements can have been said on the same day (unknown days always can)."""
    return a.days is None or b.days is None or a.days.meets(b.days)


def other_days(sig: Signature, candidates: Iterable[Candidate]) -> set[int]:
    """The developments a statement cannot join: one of their mentions was said on a day this
    one cannot have been (a development is one utterance, so one day)."""
    days = sig.days
    if days is None:
        return set()
    first, last = days.first, days.last
    # not days_meet(sig, c.signature), inline: a pass over every candidate
    return {
        c.development_id
        for c in candidates
        if (other := c.signature.days) is not None and (other.last < first or other.first > last)
    }


def one_day(developments: Iterable[int], candidates: Iterable[Candidate]) -> list[int]:
    """Of these developments (the surest first), those that can be one utterance together: each
    whose mentions' stated days meet every stated day of those kept before it. A statement can
    match two developments that each fit its own (unknown) day, yet were said days apart: folding
    them makes one remark of two (a speaker repeating a point on Thursday he made on Tuesday)."""
    order = list(dict.fromkeys(developments))
    if len(order) < 2:
        return order
    wanted = set(order)
    stated: dict[int, list[Days]] = {d: [] for d in order}
    for c in candidates:
        if c.development_id in wanted and (days := c.signature.days) is not None:
            stated[c.development_id].append(days)
    kept: list[int] = []
    seen: list[Days] = []
    for dev in order:
        mine = stated[dev]
        if all(a.meets(b) for a in mine for b in seen):
            kept.append(dev)
            seen += mine
    return kept


def latest_first(
    found: list[Match], sig: Signature, candidates: Iterable[Candidate]
) -> list[Match]:
    """The matches of an undated statement, best first - unless another scoring nearly as well
    (:data:`RIVAL_SCORE`) is a remark said later than the best one's and the two cannot be one
    (:func:`one_day`): of two remarks days apart that a report fits alike, it most likely
    carries the latest (news carries a remark at once); that one comes first then."""
    if sig.days is not None or len(found) < 2:
        return found
    rivals = [m for m in found[1:] if m.score >= RIVAL_SCORE * found[0].score]
    if not rivals:
        return found
    ids = {m.development_id for m in (found[0], *rivals)}
    last: dict[int, date] = {}  # the latest day each one's mentions state
    for c in candidates:
        dev, days = c.development_id, c.signature.days
        if dev in ids and days is not None and (dev not in last or days.last > last[dev]):
            last[dev] = days.last
    best = found[0]
    for m in rivals:
        mine, theirs = last.get(m.development_id), last.get(best.development_id)
        if mine is None or theirs is None or mine <= theirs:
            continue
        if len(one_day([best.development_id, m.development_id], candidates)) < 2:
            best = m
    if best is found[0]:
        return found
    return [best, *(m for m in found if m is not best)]


def far_apart(a: Signature, b: Signature, days: int = FAR_APART) -> bool:
    """Whether two statements were most likely said more than ``days`` days apart."""
    x, y = a.likely, b.likely
    return x is not None and y is not None and x.gap(y) > days


def same_day(a: Signature, b: Signature) -> bool:
    """Whether both statements are known to have been said on one and the same day."""
    return a.days is not None and b.days is not None and a.days.same_day(b.days)


def same_likely_day(a: Signature, b: Signature) -> bool:
    """Whether both statements were most likely said on one and the same day (stated or
    guessed: :attr:`Signature.likely`)."""
    x, y = a.likely, b.likely
    return x is not None and y is not None and x.same_day(y)


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
    sharing: Shortlist | None = None,
    unleaned: Collection[int] = frozenset(),
    elsewhen: set[int] | None = None,
) -> list[Match]:
    """The developments this statement belongs to, best first, from candidate mentions by the
    same actor. ``sharing``: what :func:`shortlist` counts from the candidates, kept by
    bot/diff/pool.py's indexes instead; without it they are counted. ``elsewhen``: what
    :func:`other_days` gives for these candidates, when the caller has it already.

    More than one means the statement bridges developments that are really one: the first report
    quoted only the first half of a statement, a later one only the second, and this one both.

    When the speaker has one development on this specific issue around this day, the statement
    leans to it (:data:`TOPIC_DAY_BAR`, from its first mention): a speaker mostly makes one
    remark on an issue a day, and its re-reports share the gist more than the words. Not when
    ``lean`` is False (the article says the speaker said more that day: "he added"), nor when
    there are two or more such - unless one shares :data:`LEAN_AHEAD` stems more with it than
    any other (:func:`_clearly_closest`) - nor to the developments in ``unleaned``: those the
    article started with a statement of the same kind. Two quotes (or two reported sentences)
    of one speaker that a writer gives apart are two passages; the lean is for another outlet's
    re-report, or the sentence paraphrasing a quote.
    """
    candidates = candidates if isinstance(candidates, list) else list(candidates)
    short = sharing if sharing is not None else shortlist(statement, sig, candidates)
    by_development = short.by_development
    if elsewhen is None:
        elsewhen = other_days(sig, candidates)
    leaning: set[int] = set()
    specific = set(statement.issues) - BROAD_ISSUES
    day = sig.likely
    if lean and specific and day is not None:
        low, high = day.first, day.last
        leaning = {
            c.development_id
            for c in short.on_issues
            if (other := c.signature.likely) is not None
            and low <= other.last  # day.meets(other), inline: a pass over every one
            and other.first <= high
        } - elsewhen
        leaning.difference_update(unleaned)
        if len(leaning) > 1:  # two remarks on it that day: the words decide which
            leaning = _clearly_closest(leaning, sig, by_development)
    tokens = sig.tokens
    # the most shared first (a stable sort: in candidate order among equals), those sharing two
    # stems last: when the ones sharing three or more fill MAX_SCORED, they are never scored.
    # One sort of all of them: those sharing under three are then last, in candidate order
    ordered = sorted(zip(short.counts, short.sharers, strict=True), key=_SHARED, reverse=True)
    three = sum(map(_THREE_OR_MORE, short.counts))
    overlapping = ordered[:three]
    if three < MAX_SCORED:
        short_one = len(tokens) <= 4
        # a quoted phrase has two stems or more, so two reports sharing one share two at least
        quotes = sig.quotes
        # of its quoted phrases, those that can lie within a candidate sharing just two of its
        # stems: one of two stems, or one not all among its own stems (all a candidate shares)
        within = [q for q in sig.quoted_stems if len(q) <= 2 or not q <= tokens]
        superset = tokens.issuperset
        overlapping += [
            (shared, c)
            for shared, c in ordered[three:]
            if shared == 2
            and (
                short_one
                or len((theirs := c.signature).tokens) <= 4
                or (quotes and not quotes.isdisjoint(theirs.quotes))
                or (within and any(q <= theirs.tokens for q in within))
                or any(map(superset, theirs.quoted_stems))  # _quoted_within(theirs, sig)
                or c.development_id in leaning
            )
        ]
    if not overlapping:
        return []
    if day is not None:  # far_apart(sig, x) and far_apart(sig, x, NEVER_APART) as date bounds
        near_lo, near_hi = _bounds(day, FAR_APART)
        never_lo, never_hi = _bounds(day, NEVER_APART)
    mine = tokens & decisive if decisive else tokens
    # what same_day() and same_likely_day() ask of the statement, asked once: its one stated day
    # (None unless it states exactly one), its one likely day (likewise)
    days = sig.days
    one_stated = days.first if days is not None and days.first == days.last else None
    one_likely = day.first if day is not None and day.first == day.last else None
    figures = sig.figures
    size = len(tokens)
    # the lowest bar a candidate not leaned to can have (the plain one, or that of one day)
    floor = min(threshold * SAME_DAY_BAR, threshold)
    quotes, quoted_stems = sig.quotes, sig.quoted_stems
    best: dict[int, float] = {}
    for shared, c in overlapping[:MAX_SCORED]:
        dev_id = c.development_id
        if dev_id in elsewhen:
            continue
        other_sig = c.signature
        other_tokens = other_sig.tokens
        # how much the words overlap (_ratio(), inline: the same arithmetic in the same order)
        if tokens and other_tokens:
            other_size = len(other_tokens)
            both_figures = len(figures & other_sig.figures) if figures else 0
            total = shared + both_figures
            smaller = min(size, other_size) + both_figures
            containment = total / smaller
            jaccard = total / (size + other_size - shared + both_figures)
            if total < 3 and smaller > 3:
                ratio = min(containment, jaccard)
            else:
                ratio = max(0.6 * containment + 0.4 * jaccard, 0.8 * containment * containment)
        else:
            ratio = 0.0
        # the score is at most the overlap, raised only by the same quoted words: under the
        # lowest bar, not leaned to and quoting nothing alike (quoted_alike(), inline), it
        # cannot match (three in four of the candidates scored; the rest of the tests skipped)
        if (
            ratio < floor
            and dev_id not in leaning
            and quotes.isdisjoint(other_sig.quotes)
            and not any(map(other_tokens.issuperset, quoted_stems))
            and not any(map(tokens.issuperset, other_sig.quoted_stems))
        ):
            continue
        # said on one day; or, another article's, most likely said on it (undated, published
        # that day): one day's news carries a speaker's remark in each outlet's words. Not two
        # passages of this article (unleaned: see above), which may be two remarks that day
        # (same_day(sig, other_sig) or same_likely_day(sig, other_sig), inline)
        one = (
            one_stated is not None
            and (stated := other_sig.days) is not None
            and stated.first == one_stated == stated.last
        ) or (
            one_likely is not None
            and dev_id not in unleaned
            and (likely := other_sig.likely) is not None
            and likely.first == one_likely == likely.last
        )
        bar = threshold * SAME_DAY_BAR if one else threshold
        # the first mention: the oldest of the development's candidates
        first = by_development[dev_id][-1].signature
        # the lean is to the remark the development is (its first mention), not to a report
        # that joined it: leaning through those chains one remark on the issue to the next
        if dev_id in leaning and other_sig is first:
            bar = TOPIC_DAY_BAR
        # a development is one remark, said when it was first reported: a report days after
        # that must show it on its own words, not through reports published in between (a chain)
        quoted = None
        if day is not None:
            other = other_sig.likely
            apart = other is not None and (other.last < near_lo or other.first > near_hi)
            if not apart and (was := first.likely) is not None:
                apart = was.last < near_lo or was.first > near_hi
            if apart:
                quoted = quoted_alike(sig, other_sig)
                weeks = other is not None and (other.last < never_lo or other.first > never_hi)
                # weeks apart: another remark, unless both quote the same words (two stems of a
                # quote found among a paraphrase's words are not enough that far apart)
                if weeks and not (quoted and quoted_the_same(sig, other_sig)):
                    continue
                if not quoted:
                    # days apart, sharing only concepts (the issue's own words: "truce",
                    # "energy", "strikes") is sharing the topic; the remark shows in a word
                    if all(t[0] == "_" for t in tokens & other_sig.tokens):
                        continue
                    bar = max(bar, FAR_APART_BAR)
        # issues_agree(statement.issues, c.issues), inline (specific: the statement's)
        if specific and specific.isdisjoint(c.issues) and not BROAD_ISSUES.issuperset(c.issues):
            if one:
                # said on one day: the tags of one remark differ between outlets (one names the
                # energy truce, another the ceasefire): the words decide, at the plain threshold
                bar = max(bar, threshold)
            else:
                # sharing under 40% of the shorter one's stems, it cannot reach the higher bar
                if shared < 0.4 * min(size, len(other_tokens)):
                    continue
                bar = max(bar, ISSUES_DIFFER_BAR)
        # similarity(sig, other_sig, decisive), from what is known here
        if not tokens or not other_tokens:
            score = 0.0
        else:
            # differing in a decisive concept (without a set built when the statement has none)
            differ = decisive and (
                mine != other_tokens & decisive if mine else not other_tokens.isdisjoint(decisive)
            )
            score = (DECISIVE_PENALTY if differ else 1.0) * ratio
            # the same quoted words raise the score to QUOTED_SCORE: asked only when that can
            # change what the score decides
            if (
                score < QUOTED_SCORE
                and bar <= QUOTED_SCORE
                and (quoted if quoted is not None else quoted_alike(sig, other_sig))
            ):
                score = QUOTED_SCORE
        if score >= bar and score > best.get(dev_id, 0.0):
            best[dev_id] = score
    ranked = sorted(best.items(), key=lambda item: (-item[1], item[0]))
    return [Match(dev_id, score) for dev_id, score in ranked]


def _clearly_closest(
    leaning: set[int], sig: Signature, developments: Mapping[int, Sequence[Candidate]]
) -> set[int]:
    """Of two remarks or more on the issue that day, the one whose first mention shares
    :data:`LEAN_AHEAD` stems more with the statement than any other does; else none."""
    tokens = sig.tokens
    shares = sorted(
        ((len(tokens & developments[d][-1].signature.tokens), d) for d in leaning), reverse=True
    )
    if shares[0][0] - shares[1][0] >= LEAN_AHEAD:
        return {shares[0][1]}
    return set()


def _bounds(day: Days, gap: int) -> tuple[date, date]:
    """The days another statement's days must end before, or start after, to be more than
    ``gap`` days from these (far_apart)."""
    span = timedelta(days=gap)
    try:
        low = day.first - span
    except OverflowError:  # nothing ends before the first date there is
        low = date.min
    try:
        high = day.last + span
    except OverflowError:
        high = date.max
    return low, high
