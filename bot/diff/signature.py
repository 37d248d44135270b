"""A statement reduced to what it says: its *signature*.

Two reports of one statement rarely match word for word: outlets trim quotes, translate them
differently ("a key one" / "one of the cornerstones") or paraphrase them as reported speech. A
signature is the statement's content words, stemmed, with synonyms folded into concepts (from
``config/lexicon.toml``), and without the speaker's names and the neutral speech verbs (from the
language file). Pure and deterministic.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache, partial
from itertools import chain
from typing import Any, Generic, TypeVar, overload

from bot.diff.when import Calendar, Days, alternation, literal_trie
from bot.model import Statement

NEAR_MARK = "~"  # opens the days a statement was most likely said on, in its stored form
QUOTE_MARK = "“"  # opens a quoted phrase's key in a signature's stored form
# content words of a quoted phrase that keys it (fewer is a word, more rare); a quoted span of one
# content word keys it too (signature())
QUOTED_PHRASE = (2, 8)

_QUOTED_SPAN = re.compile(r"[“\"«„]([^“”\"«»„\n]{3,200})[”\"»“]")
# (actor, text) pairs whose signatures are kept: outlets repeat a quote within days, and 200,000
# of them held about 30 MB of a 5,000-article ingest's peak (201 -> 172 MB at 20,000)
SIGNATURE_MEMO = 20_000

_T = TypeVar("_T")


class _cached(Generic[_T]):
    """functools.cached_property without its lock: Python 3.11's takes one at every first read,
    and a signature's properties are read first once per statement placed."""

    def __init__(self, func: Callable[[Any], _T]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> _cached[_T]: ...
    @overload
    def __get__(self, obj: object, owner: type | None = None) -> _T: ...
    def __get__(self, obj: object, owner: type | None = None) -> _T | _cached[_T]:
        if obj is None:
            return self
        # kept in the instance's dict, which attribute lookup reads before this descriptor
        value = obj.__dict__[self.name] = self.func(obj)
        return value


@dataclass(frozen=True)
class Signature:
    """What a statement says, as a set of concept and word stems."""

    tokens: frozenset[str]
    text: str  # normalised text, for fuzzy comparison
    days: Days | None = None  # when it was said, as well as the text tells
    # undated, when it was most likely said: around the article's date (when.report_days)
    near: Days | None = None
    # the short quoted phrases it carries, each as its stems ("“concrete+constructive"): outlets
    # that quote the same words of a remark report the same remark
    quotes: frozenset[str] = frozenset()

    @classmethod
    def parse(cls, text: str) -> Signature:
        """A signature from its stored text form (its tokens, its quoted phrases, then the days
        it was said on, or those it most likely was)."""
        words = text.split()
        near = Days.parse(words[-1][1:]) if words and words[-1].startswith(NEAR_MARK) else None
        if near is not None:
            words.pop()
        days = Days.parse(words[-1]) if words and words[-1].startswith("@") else None
        if days is not None:
            words.pop()
        quotes = frozenset(w for w in words if w.startswith(QUOTE_MARK))
        if quotes:
            words = [w for w in words if not w.startswith(QUOTE_MARK)]
        # interned: a stem shared by two signatures is then one object, and set lookups
        # between them compare identities instead of reading both strings
        return cls(frozenset(map(sys.intern, words)), " ".join(words), days, near, quotes)

    def on(self, days: Days | None, near: Days | None) -> Signature:
        """The same words said on these days (``replace(self, days=..., near=...)``), with what
        was worked out from the words alone carried over."""
        moved = Signature(self.tokens, self.text, days, near, self.quotes)
        for name in _OF_WORDS:
            if name in self.__dict__:
                moved.__dict__[name] = self.__dict__[name]
        return moved

    @_cached  # read for every candidate scored
    def likely(self) -> Days | None:
        """The days it was most likely said on: the ones its text gives, else its guess."""
        return self.days if self.days is not None else self.near

    @_cached
    def figures(self) -> frozenset[str]:
        """Its stems that are figures ("90", "1200"): a shared one counts twice (score.py)."""
        return frozenset(filter(_is_figure, self.tokens))

    @_cached
    def quoted_stems(self) -> tuple[frozenset[str], ...]:
        """The stems of each quoted phrase it carries."""
        return tuple(
            frozenset(map(sys.intern, q[len(QUOTE_MARK) :].split("+"))) for q in self.quotes
        )

    @_cached  # compared for every candidate in the same development: built once
    def stored(self) -> str:
        """The text form kept in the store: the tokens, the quoted phrases, then the days (or
        the likely days)."""
        parts = [self.text, *sorted(self.quotes)]
        if self.days is not None:
            parts.append(self.days.stored())
        if self.near is not None and self.days is None:
            parts.append(NEAR_MARK + self.near.stored())
        return " ".join(p for p in parts if p)


_OF_WORDS = ("figures", "quoted_stems")  # Signature's cached properties of its words alone


class Lexicon:
    """Synonyms folded into concepts (phrases first, then word stems), and the language's words
    that carry no content: stopwords and neutral speech verbs."""

    def __init__(
        self,
        concepts: Mapping[str, Iterable[str]],
        decisive: Iterable[str] = (),
        *,
        stopwords: Iterable[str] = (),
        reporting: Iterable[str] = (),
        fold: Iterable[tuple[str, str]] = (),
        calendar: Calendar | None = None,
        numbers: NumberWords | None = None,
        suffixes: Sequence[str] = (),
    ) -> None:
        # dates say when, not what: "on March 12" and "in 2026" are left out of what is said
        self.dates = (calendar or Calendar()).dates
        self.decisive = frozenset("_" + c for c in decisive)
        self.numbers = numbers or NumberWords()
        self.suffixes = tuple(suffixes)
        self.stopwords = frozenset(stopwords)
        self.fold = str.maketrans(dict(fold))
        verbs = sorted(set(reporting), key=len, reverse=True)
        # as tries (when.literal_trie): these run over every signature's text
        self._reporting = re.compile(r"\b(?:" + literal_trie(verbs) + r")\b") if verbs else None
        phrases: list[tuple[str, str]] = []
        stems: list[tuple[str, str]] = []
        for concept, words in concepts.items():
            for word in words:
                word = word.lower().strip()
                # a phrase, or a sign ("%") that no word holds
                phrase = " " in word or _SIGN.fullmatch(word) is not None
                (phrases if phrase else stems).append((word, concept))
        # "pull * out": a phrase whose "*" stands for up to two words ("pull its forces out")
        # each with its first word: a text without it cannot match (tested first, in C)
        self._gapped = [
            (
                p.split(" * ")[0],
                re.compile(r"\b" + r"((?:\s+\S+){0,2})\s+".join(map(re.escape, p.split(" * ")))),
                c,
            )
            for p, c in phrases
            if " * " in p
        ]
        phrases = [(p, c) for p, c in phrases if " * " not in p]
        phrases.sort(key=lambda p: len(p[0]), reverse=True)
        self._phrase_re = (
            re.compile(r"\b(?:" + literal_trie(p for p, _ in phrases) + r")") if phrases else None
        )
        self._phrases = dict(phrases)
        self._stems = sorted(stems, key=lambda s: len(s[0]), reverse=True)
        # a word's stems (signature.word_stems), memoised per lexicon and bounded
        self.word_stems: Callable[[str], tuple[str, ...]] = lru_cache(maxsize=65536)(
            partial(word_stems, lexicon=self)
        )

    def phrases(self, text: str) -> str:
        """Replace multi-word synonyms by their concept token."""
        for head, pattern, concept in self._gapped:  # the words in the gap stay
            if head in text:
                text = pattern.sub(f" _{concept} \\1 ", text)
        if self._phrase_re is None:
            return text
        return self._phrase_re.sub(lambda m: " _" + self._phrases[m.group(0)] + " ", text)

    def without_reporting(self, text: str) -> str:
        """The text without neutral speech verbs (they say how, not what)."""
        return text if self._reporting is None else self._reporting.sub(" ", text)

    @lru_cache(maxsize=65536)  # noqa: B019 - a Lexicon lives as long as its config; bounded
    def concept(self, token: str) -> str:
        """The concept a word belongs to, or its crude stem."""
        for start, concept in self._stems:
            if token == start or (len(start) > 3 and token.startswith(start)):
                return "_" + concept
        return stem(token, self.suffixes)

    def names_pattern(self, names: Iterable[str]) -> re.Pattern[str] | None:
        """One pattern matching any of these names (folded, lowercase, longest first)."""
        forms = sorted({n.translate(self.fold).lower() for n in names if n}, key=len, reverse=True)
        if not forms:
            return None
        return re.compile(r"(?<!\w)(?:" + literal_trie(forms) + r")(?!\w)")


class NumberWords:
    """A language's number words, read as digits so that "ninety percent" and "90 percent" are
    the same words: the units from zero (to nineteen), the tens from twenty, the words for a
    hundred and a thousand, and the number words that alone are mostly a pronoun ("one of the
    cornerstones"). Without words, only digit groups are joined ("1,200" -> "1200")."""

    def __init__(
        self,
        units: Sequence[str] = (),
        tens: Sequence[str] = (),
        hundreds: Iterable[str] = (),
        thousands: Iterable[str] = (),
        pronouns: Iterable[str] = (),
    ) -> None:
        self.values = {w: n for n, w in enumerate(units)} | {
            w: 10 * n for n, w in enumerate(tens, 2)
        }
        self.scales = dict.fromkeys(hundreds, 100) | dict.fromkeys(thousands, 1000)
        self.pronouns = frozenset(pronouns)
        words = alternation(self.values)
        scales = alternation(self.scales)
        self._pattern = re.compile(rf"\b(?:({words}|\d+)(?:[- ]({words}))?(?:\s+({scales}))?)\b")
        self._scale = re.compile(rf"\b(?:{scales})\b")  # "a thousand": a scale word alone

    def as_digits(self, text: str) -> str:
        """Number words in lowercase text as digits ("ninety" -> "90", "five hundred" -> "500",
        "1,200" -> "1200")."""
        text = self._pattern.sub(self._digits, _THOUSANDS.sub("", text))
        return self._scale.sub(lambda m: str(self.scales[m.group(0)]), text)

    def _digits(self, m: re.Match[str]) -> str:
        first, second, scale = m.groups()
        if (first.isdigit() or first in self.pronouns) and second is None and scale is None:
            return first
        n = int(first) if first.isdigit() else self.values[first]
        if second is not None:
            if n < 20 or self.values[second] >= 10:  # "five six" are two numbers
                if scale is None:
                    return m.group(0)
                return f"{self._value_of(first)} {second} {scale}"
            n += self.values[second]
        return str(n * self.scales[scale]) if scale else str(n)

    def _value_of(self, word: str) -> str:
        return word if word.isdigit() else str(self.values[word])


_SIGN = re.compile(r"[^\w\s]+")
_THOUSANDS = re.compile(r"(?<=\d)[,\u2009\u202f](?=\d{3}\b)")  # "1,200", "1 200"
FIGURE = 2  # digits of a figure in a hyphenated word that stand alone too ("30-day", not "2-day")
MIN_STEM = 4  # letters a word keeps when a suffix is cut ("tests" -> "test", "uses" stays)


def stem(token: str, suffixes: Sequence[str]) -> str:
    """A word without the first of the language's suffixes it ends with (crude, but the same
    cut for every report of a remark), keeping at least :data:`MIN_STEM` letters."""
    for suffix in suffixes:
        if len(token) >= len(suffix) + MIN_STEM and token.endswith(suffix):
            return token[: -len(suffix)]
    return token


def signature(
    text: str, lexicon: Lexicon, names: Iterable[str] | re.Pattern[str] | None = ()
) -> Signature:
    """The signature of a statement's text, leaving out the given names (the speaker's)."""
    folded = text.translate(lexicon.fold).lower()
    if isinstance(names, re.Pattern) or names is None:
        pattern = names
    else:
        pattern = lexicon.names_pattern(names)
    if pattern is not None:
        folded = pattern.sub(" ", folded)
    folded = lexicon.dates.sub(" ", folded)
    tokens = _tokens(folded, lexicon)
    # the quoted phrases inside it, and the whole text when it is itself a short quote
    phrases = [_tokens(m.group(1), lexicon) for m in _QUOTED_SPAN.finditer(folded)]
    # a quoted span of one content word ('"no illusions"', '"a test"') keys the remark too when
    # that word is the speaker's own: a concept stands for every word folded into it
    ones = [p for p in phrases if len(p) == 1 and not next(iter(p)).startswith("_")]
    phrases.append(tokens)
    low, high = QUOTED_PHRASE
    quotes = frozenset(
        QUOTE_MARK + "+".join(sorted(p)) for p in phrases if low <= len(p) <= high
    ).union(QUOTE_MARK + next(iter(p)) for p in ones)
    # interned, as parsed ones are (Signature.parse)
    return Signature(frozenset(map(sys.intern, tokens)), " ".join(sorted(tokens)), quotes=quotes)


# a word in any script (its letters and digits, "u.s", "20-point"), or a concept token ("_nato")
_WORD = re.compile(r"_?[^\W_]+(?:[-.][^\W_]+)*")


def _tokens(folded: str, lexicon: Lexicon) -> set[str]:
    # phrases before the speech verbs go: "united states" is a phrase, "states" a speech verb
    folded = lexicon.numbers.as_digits(lexicon.without_reporting(lexicon.phrases(folded)))
    # each word's stems memoised (lexicon.word_stems): the same words recur in every report
    return set(chain.from_iterable(map(lexicon.word_stems, _WORD.findall(folded))))


def word_stems(raw: str, lexicon: Lexicon) -> tuple[str, ...]:
    """The stems one word of folded text stands for in a signature: none for a stopword, its
    concept or stem, and the figures of a hyphenated figure ("20-point": "20")."""
    if raw.startswith("_"):
        return (raw,)
    raw = raw.strip(".")
    if raw in lexicon.stopwords or (len(raw) < 2 and not raw.isdigit()):
        return ()
    stems = [lexicon.concept(raw)]
    if "-" in raw and _is_figured(raw):  # "1000-for-1000", "20-point": the figure itself
        stems.extend(p for p in raw.split("-") if p.isdigit() and len(p) >= FIGURE)
    return tuple(stems)


def _is_figured(word: str) -> bool:
    return any(ch.isdigit() for ch in word)


def content(statement: Statement) -> Statement:
    """The statement as grouping reads it: from where what it says begins, without the intro
    phrase before its attribution ("Asked whether ..., Ushakov said ..." from "Ushakov")."""
    if not statement.core:
        return statement
    return replace(
        statement,
        text=statement.text[statement.core :],
        position=statement.position + statement.core,
        core=0,
    )


@lru_cache(maxsize=65536)  # few distinct stems, asked of every signature
def _is_figure(token: str) -> bool:
    return any(ch.isdigit() for ch in token)


@dataclass
class Signer:
    """Signatures of statements, leaving out each speaker's own names; built once per config.

    ``names_of`` gives the forms an actor is named by (name, aliases, role phrases). What it keeps
    depends only on the config, never on a database: it is safe to share between stores.
    """

    lexicon: Lexicon
    names_of: Callable[[str], Iterable[str]]
    _patterns: dict[str, re.Pattern[str] | None] = field(default_factory=dict)
    _memo: dict[tuple[str, str], Signature] = field(default_factory=dict)

    def __call__(self, statement: Statement) -> Signature:
        """The signature of what this statement says (its text from ``core`` on)."""
        text = statement.text[statement.core :]
        key = (statement.actor_id, text)
        found = self._memo.get(key)
        if found is None:
            if len(self._memo) > SIGNATURE_MEMO:
                self._memo.clear()
            if statement.actor_id not in self._patterns:
                self._patterns[statement.actor_id] = self.lexicon.names_pattern(
                    self.names_of(statement.actor_id)
                )
            found = signature(text, self.lexicon, self._patterns[statement.actor_id])
            self._memo[key] = found
        return found
