"""Reading a regex source without compiling it: the characters a match can begin with
(:func:`first_letters`), its top-level alternatives (:func:`split_top`) and where a group or a
class closes. Only plain sources are read; anything else is reported as unread and the caller
falls back to trying the pattern everywhere.

Pure functions of the source text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator


def first_letters(pattern: str) -> frozenset[str] | None:
    """The characters a match of a regex source can begin with, read from the source alone:
    literals, ``(?:...)`` groups and their alternatives, simple classes (``[a-z]``, ``\\d``),
    optional parts (``?``, ``*``, ``{0,n}``) and the zero-width lookarounds they may follow.
    None where the source holds anything else, or may match the empty string: the caller then
    tries the pattern everywhere. Case-sensitive: meant for patterns run without flags."""
    try:
        letters, empty = _alternatives(pattern)
    except _Unread:
        return None
    return None if empty or not letters else frozenset(letters)


class _Unread(ValueError):
    """A part of a regex source first_letters does not read."""


_DIGITS = frozenset("0123456789")
_QUANTIFIER = re.compile(r"[?*+]|\{(\d*)(?:,\d*)?\}")
_LOOKAROUND = ("?<!", "?<=", "?=", "?!")


def _alternatives(source: str) -> tuple[set[str], bool]:
    """(first characters, whether it may match empty) of an alternation."""
    letters: set[str] = set()
    empty = False
    for part in split_top(source):
        first, may_be_empty = _sequence(part)
        letters |= first
        empty |= may_be_empty
    return letters, empty


def _walk(source: str, i: int = 0) -> Iterator[tuple[int, str, int]]:
    """(position, character, bracket depth after it) of each character of a source from ``i``
    on that is neither escaped nor inside a class."""
    depth = 0
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            i = class_end(source, i)
            continue
        depth += (ch == "(") - (ch == ")")
        yield i, ch, depth
        i += 1


def split_top(source: str) -> list[str]:
    """The alternatives of a source, split at its top-level bars."""
    parts, start = [], 0
    for i, ch, depth in _walk(source):
        if ch == "|" and depth == 0:
            parts.append(source[start:i])
            start = i + 1
    parts.append(source[start:])
    return parts


def group_end(source: str, i: int) -> int:
    """Where the group opening at ``source[i]`` ends (past its closing bracket); ValueError
    where it does not close."""
    for j, _, depth in _walk(source, i):
        if depth == 0:
            return j + 1
    raise _Unread(source)


def class_end(source: str, i: int) -> int:
    """Where the class opening at ``source[i]`` ends (past its closing bracket)."""
    j = i + 1 + (source[i + 1 : i + 2] == "]")
    while j < len(source) and source[j] != "]":
        j += 2 if source[j] == "\\" else 1
    if j >= len(source):
        raise _Unread(source)
    return j + 1


def _class_letters(body: str) -> set[str]:
    """The characters a simple class (no negation, no categories but ``\\d``) matches."""
    if body.startswith("^"):
        raise _Unread(body)
    out: set[str] = set()
    i = 0
    while i < len(body):
        if body[i] == "\\":
            out |= _escaped(body[i + 1 : i + 2])
            i += 2
        elif i + 2 < len(body) and body[i + 1] == "-":
            low, high = ord(body[i]), ord(body[i + 2])
            if high - low > CLASS_RANGE_MAX:
                raise _Unread(body)
            out |= {chr(c) for c in range(low, high + 1)}
            i += 3
        else:
            out.add(body[i])
            i += 1
    return out


CLASS_RANGE_MAX = 512  # a wider range ("[^...]" in effect) is not worth listing


def _escaped(ch: str) -> set[str]:
    if ch == "d":
        return set(_DIGITS)
    if not ch or ch.isalnum():  # a category (\w, \s, \b) or a reference: not read
        raise _Unread(ch)
    return {ch}


def _sequence(source: str) -> tuple[set[str], bool]:
    """(first characters, whether it may match empty) of a concatenation."""
    letters: set[str] = set()
    i = 0
    while i < len(source):
        ch = source[i]
        if ch == "(":
            end = group_end(source, i)
            inner = source[i + 1 : end - 1]
            if inner.startswith(_LOOKAROUND):
                i = end  # zero width: it only narrows what follows
                continue
            if inner.startswith("?:"):
                first, empty = _alternatives(inner[2:])
            elif inner.startswith("?"):
                raise _Unread(source)  # a flag, a named group, a conditional
            else:
                first, empty = _alternatives(inner)
        elif ch == "[":
            end = class_end(source, i)
            first, empty = _class_letters(source[i + 1 : end - 1]), False
        elif ch == "\\":
            end = i + 2
            first, empty = _escaped(source[i + 1 : end]), False
        elif ch in ".^$)|*+?{}":
            raise _Unread(source)
        else:
            end = i + 1
            first, empty = {ch}, False
        quantifier = _QUANTIFIER.match(source, end)
        if quantifier is not None:
            if quantifier.group(0) in "?*" or quantifier.group(1) in ("", "0"):
                empty = True
            end = quantifier.end() + (source[quantifier.end() : quantifier.end() + 1] == "?")
        letters |= first
        if not empty:
            return letters, False
        i = end
    return letters, True
