"""Lines in capitals read in ordinary case: a ticker's "PESKOV SAYS TRUCE MUST BE "VERIFIED"", a
wire flash, a tabloid's shouted first word ("VLADIMIR Putin's spokesman...").

Every later stage reads case: names are capitalised words, a sentence starts with a capital, a
speech verb is a lower-case word. A line whose letters are mostly capitals defeats all three, so
it is rewritten into ordinary case before the stages run. The rewrite is character for character
(the same length), so every position the stages report still points into the original text, and
statements are cut from the original: a subscriber sees what the outlet printed.

Pure; the words kept capitalised come from the caller (the tracked actors' names).
"""

from __future__ import annotations

import re
from collections.abc import Collection

SHOUTING_SHARE = 0.8  # share of a line's letters in capitals that makes it a shouted line
SHOUTING_MIN_LETTERS = 12  # "UPDATE 2" is a label, not a line to read
# A short shouted line is a headline or a section head ("WHAT WE'RE WATCHING"), which the segmenter
# knows by its capitals: left as it is, unless a time stamp makes it a ticker's entry.
_STAMPED = re.compile(
    r"^\s*(?:\d{1,2}[- ][A-Za-z]{3,9}\.?,?\s+|[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+)?\d{1,2}[:.]\d{2}\b"
)
# a word: letters, with inner apostrophes, dots ("U.S.") or hyphens ("NINETY-FIVE")
_WORD = re.compile(r"[^\W\d_]+(?:['’.\-][^\W\d_]+)*\.?")
# after these a new sentence (or a label's text) starts: capitalise its first word
_STARTS = re.compile(r"(?:^|[.!?:]\s+|[—–-]\s+|^\W+)$")
_DOTTED = re.compile(r"^(?:[^\W\d_]\.){2,}$")  # U.S., U.K.
_FIRST_TWO = re.compile(r"\s*([^\W\d_]{3,}) ([^\W\d_]+)")  # a line's first two words
# "13:20 - RUSSIAN DEPUTY FM SERGEI VORONTSOV: ...": a speaker's label, a few words before a colon
_LABEL = re.compile(
    r"^\s*(?:(?:\d{1,2}[- ][A-Z]{3,9}\s+)?\d{1,2}[:.]\d{2}(?:\s+[A-Z]{2,4})?\s*(?:--|[-–—|])?\s*"
    r"(?:[A-Z]{4,12}\s+[-–—:]\s+)?)?((?:[^\W\d_][\w'’.-]*\s+){0,5}[^\W\d_][\w'’.-]*)"
    r"\s*:\s"
)
_QUOTE_MARK = re.compile(r"[\"“«„]")  # where a quotation opens
_CAPS = re.compile(r"\b[A-ZÀ-ÞА-ЯЁІЇЄҐ]{3,}\b")  # a word in capitals: most lines have none


def recased(
    text: str, names: Collection[str], stopwords: Collection[str], heading_words: int
) -> str:
    """``text`` with its shouted lines (and shouted first words) in ordinary case, same length.

    ``names`` are lower-case words of tracked names (kept capitalised: "Peskov"); ``stopwords``
    lower-case function words (a short capitalised word that is not one is an acronym: "EU");
    a shouted line of at most ``heading_words`` words is a heading unless it is time-stamped."""
    if _CAPS.search(text) is None:
        return text
    lines = text.split("\n")
    changed = False
    for i, line in enumerate(lines):
        if _CAPS.search(line) is None:
            continue
        letters = [c for c in line if c.isalpha()]
        upper = sum(1 for c in letters if c.isupper())
        if (
            len(letters) >= SHOUTING_MIN_LETTERS
            and upper >= SHOUTING_SHARE * len(letters)
            and (len(line.split()) > heading_words or _STAMPED.match(line))
        ):
            lines[i] = _ordinary(line, names, stopwords)
            changed = True
        elif (head := _shouted_head(line)) is not None:
            # "17:38 BREAKING - TRUMP POSTS ON HELSINKI: "Helsinki was a great success! ..."":
            # a ticker's shouted attribution before a quotation in ordinary case
            lines[i] = _ordinary(line[:head], names, stopwords) + line[head:]
            changed = True
        else:
            first = _shouted_first_name(line, names)
            if first is not None:
                start, end = first.span(1)
                lines[i] = line[:start] + _capitalised(first.group(1)) + line[end:]
                changed = True
    return "\n".join(lines) if changed else text


def _ordinary(line: str, names: Collection[str], stopwords: Collection[str]) -> str:
    """One shouted line in ordinary case. A label before a colon ("RUSSIAN DEPUTY FM SERGEI
    VORONTSOV: ...") names someone, perhaps someone untracked: its words keep their capitals."""
    out: list[str] = []
    last = 0
    label = _LABEL.match(line)
    label_end = label.end(1) if label is not None else -1
    for m in _WORD.finditer(line):
        word = m.group(0)
        out.append(line[last : m.start()])
        last = m.end()
        bare = word.rstrip(".").lower()
        if _DOTTED.match(word) or _acronym(bare, stopwords):
            out.append(word)  # U.S., EU, FSB
        elif bare in names or _STARTS.search(line[: m.start()]):
            out.append(_capitalised(word))
        elif m.end() <= label_end and bare not in stopwords:
            out.append(_capitalised(word))  # a name or a title in the label
        else:
            out.append(word.lower())
    out.append(line[last:])
    return "".join(out)


def _shouted_head(line: str) -> int | None:
    """Where the quotation of a time-stamped line starts, when the words before it are shouted
    and the line as a whole is not (the quotation is in ordinary case); else None."""
    if not _STAMPED.match(line):
        return None
    quote = _QUOTE_MARK.search(line)
    if quote is None:
        return None
    letters = [c for c in line[: quote.start()] if c.isalpha()]
    upper = sum(1 for c in letters if c.isupper())
    if len(letters) < SHOUTING_MIN_LETTERS or upper < SHOUTING_SHARE * len(letters):
        return None
    return quote.start()


def _acronym(word: str, stopwords: Collection[str]) -> bool:
    """A shouted word that is letters, not a word: two letters that are no function word (EU,
    FM), or no vowel at all (FSB, NSDC)."""
    if word in stopwords:
        return False
    return len(word) == 2 or (len(word) <= 5 and not any(c in "aeiouy" for c in word))


def _shouted_first_name(line: str, names: Collection[str]) -> re.Match[str] | None:
    """A tabloid's first name in capitals before the surname ("VLADIMIR Putin's spokesman"):
    only a tracked name, so that a dateline ("MOSCOW, March 3") or a label stays as printed.
    The match's group 1 is the name."""
    m = _FIRST_TWO.match(line)
    if m is None or not m.group(1).isupper() or not m.group(2)[:1].isupper():
        return None
    if m.group(2).isupper() or m.group(1).lower() not in names:
        return None
    return m


def _capitalised(word: str) -> str:
    return word[:1].upper() + word[1:].lower()
