"""The quotes stage: quotation spans in a paragraph, from the language's quote pairs.

Guillemets («», ‹›) and low-high quotes („“) pair strictly, opening then closing; straight and
curly double quotes are read as one kind, since copy mixes them, and a last mark left open opens a
quotation that goes on in the next paragraph; single quotes come last and are told apart from
apostrophes ("Ukraine's", "don't") by what surrounds them. Pure functions of text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

_WORD = re.compile(r"[\w'’-]+")
_DOUBLE = frozenset('"“”')


@dataclass(frozen=True)
class Quote:
    """A quotation in a paragraph: content is para[start:end]; marks at start-1 and end."""

    start: int
    end: int

    def words(self, para: str) -> int:
        """How many words the quote holds."""
        return len(_WORD.findall(para, self.start, self.end))


class QuoteFinder:
    """Finds quotation spans with one language's quote pairs (``Language.quote_pairs``)."""

    def __init__(self, pairs: Sequence[str]) -> None:
        self._strict: list[tuple[str, str]] = []
        self._single: list[tuple[str, str]] = []
        double = False
        for pair in pairs:
            opening, closing = pair[0], pair[1]
            if opening in _DOUBLE and closing in _DOUBLE:
                double = True
            elif opening in "'‘’" and closing in "'‘’":
                self._single.append((opening, closing))
            else:
                self._strict.append((opening, closing))
        self._double = re.compile('["“”]') if double else None
        # the last paragraph read and its quotes: the extractor asks for them again after
        # reading the paragraph, for the context of the next one
        self._seen: tuple[str, tuple[Quote, ...]] = ("", ())

    def find(self, para: str) -> list[Quote]:
        """Quotation spans of a paragraph, in text order."""
        seen = self._seen
        if seen[0] is not para:
            seen = self._seen = (para, tuple(self._find(para)))
        return list(seen[1])

    def _find(self, para: str) -> list[Quote]:
        for opening, closing in self._strict:
            if opening in para:
                quotes = _strict(para, opening, closing)
                if quotes:
                    return quotes
        if self._double is not None:
            marks = [m.start() for m in self._double.finditer(para)]
            if marks:
                quotes = [Quote(marks[i] + 1, marks[i + 1]) for i in range(0, len(marks) - 1, 2)]
                if len(marks) % 2 and _opens(para, marks[-1]):
                    # a quotation that goes on in the next paragraph: its closing mark comes
                    # only where it ends, and each paragraph of it opens with a mark again
                    quotes.append(Quote(marks[-1] + 1, len(para.rstrip())))
                return quotes
        for opening, closing in self._single:
            quotes = _single_quotes(para, opening, closing)
            if quotes:
                return quotes
        return []


def _opens(para: str, mark: int) -> bool:
    """Whether the double quotation mark at ``mark`` opens a quotation: a curly opening mark,
    or a straight one at the start or after a space, with a word right after it."""
    after = para[mark + 1 : mark + 2]
    if para[mark] == "”" or not after or not (after.isalnum() or after in "‘'…"):
        return False
    return para[mark] == "“" or mark == 0 or para[mark - 1].isspace() or para[mark - 1] in "(—–-"


def _strict(para: str, opening: str, closing: str) -> list[Quote]:
    """Spans between an opening mark and its closing mark; nested pairs stay inside."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(para):
        if ch == opening and (opening != closing or depth == 0):
            if depth == 0:
                start = i + 1
            depth += 1
        elif ch == closing and depth:
            depth -= 1
            if depth == 0:
                out.append(Quote(start, i))
    return out


def _single_quotes(para: str, opening: str, closing: str) -> list[Quote]:
    out = []
    i = 0
    while True:
        open_at = para.find(opening, i)
        if open_at == -1:
            break
        if open_at > 0 and (para[open_at - 1].isalnum()):  # an apostrophe: "Ukraine's"
            i = open_at + 1
            continue
        close = open_at + 1
        while True:
            close = para.find(closing, close)
            # a closing mark is not followed by a letter ("Kyiv's", "don't")
            if close == -1 or close + 1 >= len(para) or not para[close + 1].isalpha():
                break
            close += 1
        if close == -1:
            break
        out.append(Quote(open_at + 1, close))
        i = close + 1
    return out


def mask(n: int, quotes: Iterable[Quote]) -> bytearray:
    """One byte per character of the paragraph: 1 inside a quotation (marks included)."""
    inside = bytearray(n + 1)
    for q in quotes:
        inside[q.start - 1 : q.end + 1] = b"\x01" * (q.end + 1 - (q.start - 1))
    return inside


def outside_quotes(text: str, quotes: Sequence[Quote]) -> str:
    """The text with its quotations taken out."""
    parts, last = [], 0
    for q in quotes:
        parts.append(text[last : q.start - 1])
        last = q.end + 1
    parts.append(text[last:])
    return " ".join(parts)


def all_quote(para: str, quote: Quote) -> bool:
    """Whether the paragraph is nothing but this quotation."""
    return not para[: quote.start - 1].strip() and not para[quote.end + 1 :].strip(" .,")
