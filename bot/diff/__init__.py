"""The diff engine: which statements say the same thing, and so belong to one development.

Two reports of one statement rarely match word for word: outlets trim quotes, translate them
differently ("a key one" / "one of the cornerstones") or paraphrase them as reported speech. A statement
is reduced to a *signature*: its content words, stemmed, with synonyms folded into concepts from
``config/lexicon.toml``, and without the speaker's name and the reporting verb. Two statements by the
same actor belong together when their signatures overlap enough and their issues do not disagree.

Pure and deterministic: the caller supplies the candidate developments (recent ones by the same actor,
found through an index), so the cost per statement does not grow with the number stored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from bot.model import Statement

# Issues so broad that sharing (or not sharing) them says little about sameness.
BROAD_ISSUES = frozenset({"peace_plan"})

_STOPWORDS = frozenset(
    """a an the and or but if of to in on at by for from with about as into than then that this these
    those there their they them we us our i you he she it its his her him is are was were be been being
    has have had do does did will would shall should can could may might must not no so such very also
    just only even still already now today who whom which what when where while how all any some each
    other others more most much many one ones up out over after before during because said says say
    saying told tell tells stated added adding noted wrote according which whose own per mr ms dr
    monday tuesday wednesday thursday friday saturday sunday dec december nov november jan january
    on_x post statement reporters""".split()
)
_FOLD = str.maketrans({"’": "'", "‘": "'", "–": "-", "—": " ", "“": " ", "”": " ", '"': " "})
# Reporting verbs say how something was said, not what: they are not part of the signature.
_REPORTING = re.compile(
    r"\b(?:said|says|told|stated|added|noted|wrote|posted|announced|declared|insisted|stressed"
    r"|emphasi[sz]ed|argued|claimed|suggested|signal+ed|indicated|confirmed|acknowledged|describing"
    r"|described|expressing|expressed|characteri[sz]ed)\b"
)


@dataclass(frozen=True)
class Signature:
    """What a statement says, as a set of concept and word stems."""

    tokens: frozenset[str]
    text: str  # normalised text, for fuzzy comparison


class Lexicon:
    """Synonyms folded into concepts: phrases first, then word stems."""

    def __init__(
        self, concepts: Mapping[str, Iterable[str]], decisive: Iterable[str] = ()
    ) -> None:
        self.decisive = frozenset("_" + c for c in decisive)
        phrases: list[tuple[str, str]] = []
        stems: list[tuple[str, str]] = []
        for concept, words in concepts.items():
            for word in words:
                word = word.lower().strip()
                (phrases if " " in word else stems).append((word, concept))
        phrases.sort(key=lambda p: len(p[0]), reverse=True)
        self._phrase_re = (
            re.compile(r"\b(?:" + "|".join(re.escape(p) for p, _ in phrases) + r")")
            if phrases
            else None
        )
        self._phrases = dict(phrases)
        self._stems = sorted(stems, key=lambda s: len(s[0]), reverse=True)

    def phrases(self, text: str) -> str:
        """Replace multi-word synonyms by their concept token."""
        if self._phrase_re is None:
            return text
        return self._phrase_re.sub(lambda m: " _" + self._phrases[m.group(0)] + " ", text)

    @lru_cache(maxsize=65536)  # noqa: B019 - one Lexicon per process, vocabulary is bounded
    def concept(self, token: str) -> str:
        """The concept a word belongs to, or its crude stem."""
        for stem, concept in self._stems:
            if token == stem or (len(stem) > 3 and token.startswith(stem)):
                return "_" + concept
        return _stem(token)


def _stem(token: str) -> str:
    for suffix in ("ations", "ation", "ings", "ing", "edly", "ed", "es", "s"):
        if len(token) > len(suffix) + 3 and token.endswith(suffix):
            return token[: -len(suffix)]
    return token


def names_pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    """One pattern matching any of these names (lowercase, longest first)."""
    forms = sorted({n.translate(_FOLD).lower() for n in names if n}, key=len, reverse=True)
    if not forms:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(f) for f in forms) + r")(?!\w)")


def signature(
    text: str, lexicon: Lexicon, names: Iterable[str] | re.Pattern[str] | None = ()
) -> Signature:
    """The signature of a statement's text, leaving out the given names (the speaker's)."""
    folded = text.translate(_FOLD).lower()
    pattern = names if isinstance(names, re.Pattern) or names is None else names_pattern(names)
    if pattern is not None:
        folded = pattern.sub(" ", folded)
    folded = _REPORTING.sub(" ", folded)
    folded = lexicon.phrases(folded)
    tokens = set()
    for raw in re.findall(r"_?[a-z0-9]+(?:[-.][a-z0-9]+)*", folded):
        if raw.startswith("_"):
            tokens.add(raw)
            continue
        raw = raw.strip(".")
        if raw in _STOPWORDS or len(raw) < 2 or raw.isdigit():
            continue
        tokens.add(lexicon.concept(raw))
    return Signature(frozenset(tokens), " ".join(sorted(tokens)))


DECISIVE_PENALTY = 0.7
MAX_SCORED = 24  # only the candidates sharing the most stems are scored in full


def similarity(a: Signature, b: Signature, decisive: frozenset[str] = frozenset()) -> float:
    """How surely two signatures say the same thing: 0 (not at all) to 1.

    Reports that differ in a decisive concept ("drop" the bid, or not) are penalised.
    """
    if not a.tokens or not b.tokens:
        return 0.0
    penalty = DECISIVE_PENALTY if (a.tokens ^ b.tokens) & decisive else 1.0
    return penalty * _overlap(a, b)


def _overlap(a: Signature, b: Signature) -> float:
    shared = len(a.tokens & b.tokens)
    smaller = min(len(a.tokens), len(b.tokens))
    containment = shared / smaller
    jaccard = shared / len(a.tokens | b.tokens)
    if shared < 3 and smaller > 3:
        return min(containment, jaccard)
    # a trimmed quote is (nearly) contained in the full one: containment alone then decides
    return max(0.6 * containment + 0.4 * jaccard, 0.8 * containment * containment)


def issues_agree(a: Sequence[str], b: Sequence[str]) -> bool:
    """Statements on different specific issues are different claims."""
    sa, sb = set(a) - BROAD_ISSUES, set(b) - BROAD_ISSUES
    return not sa or not sb or bool(sa & sb)


@dataclass(frozen=True)
class Match:
    """The development a statement joins, and how sure the engine is."""

    development_id: int
    score: float


def matches(
    statement: Statement,
    sig: Signature,
    candidates: Iterable[tuple[int, tuple[str, ...], Signature]],
    threshold: float,
    decisive: frozenset[str] = frozenset(),
) -> list[Match]:
    """The developments this statement belongs to, best first, from candidate mentions by the
    same actor given as (development id, issues, signature).

    More than one means the statement bridges developments that are really one: the first report
    quoted only the first half of a statement, a later one only the second, and this one both.
    """
    tokens = sig.tokens
    short = len(tokens) <= 4
    # cheap pass: how many stems each candidate shares; most share (almost) nothing
    overlapping = []
    for dev_id, issues, other_sig in candidates:
        shared = len(tokens.intersection(other_sig.tokens))
        if shared >= 3 or (shared == 2 and (short or len(other_sig.tokens) <= 4)):
            overlapping.append((shared, dev_id, issues, other_sig))
    overlapping.sort(key=lambda c: -c[0])
    best: dict[int, float] = {}
    for _, dev_id, issues, other_sig in overlapping[:MAX_SCORED]:
        if not issues_agree(statement.issues, issues):
            continue
        score = similarity(sig, other_sig, decisive)
        if score >= threshold and score > best.get(dev_id, 0.0):
            best[dev_id] = score
    ranked = sorted(best.items(), key=lambda item: (-item[1], item[0]))
    return [Match(dev_id, score) for dev_id, score in ranked]
