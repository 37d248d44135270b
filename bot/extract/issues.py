"""Tagging text with the issues of the talks (NATO, territory, ...), from config/issues.toml terms."""

from __future__ import annotations

import re
from functools import lru_cache

from bot.model import Issue


class IssueTagger:
    """One compiled pattern per issue; ``tags(text)`` returns the issue ids found, in config order."""

    def __init__(self, issues: tuple[Issue, ...]) -> None:
        self.issues = issues
        # one pass over the text: an alternation with a named group per issue
        groups = "|".join(
            f"(?P<i{n}>" + "|".join(f"(?:{t})" for t in issue.terms) + ")"
            for n, issue in enumerate(issues)
        )
        self._pattern = re.compile(rf"(?<!\w)(?:{groups})(?!\w)", re.IGNORECASE)
        self._ids = {f"i{n}": issue.id for n, issue in enumerate(issues)}
        # a term two issues share ("Article 5") is claimed by the first: check the others too
        self._each = [
            (issue.id, re.compile("|".join(f"(?:{t})" for t in issue.terms), re.IGNORECASE))
            for issue in issues
        ]

    @lru_cache(maxsize=4096)  # noqa: B019 - one tagger per config, few distinct terms
    def _also(self, term: str) -> frozenset[str]:
        return frozenset(i for i, p in self._each if p.fullmatch(term))

    @lru_cache(maxsize=8192)  # noqa: B019 - one tagger per config; outlets repeat the same quotes
    def tags(self, text: str) -> tuple[str, ...]:
        """The ids of the issues this text is about, in config order."""
        found = set()
        for m in self._pattern.finditer(text):
            if m.lastgroup:
                found.add(self._ids[m.lastgroup])
                found.update(self._also(m[0].lower()))
        return tuple(issue.id for issue in self.issues if issue.id in found)
