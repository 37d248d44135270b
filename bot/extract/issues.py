"""The issues stage: tagging text with the issues of the talks (NATO, territory, ...) from
config/issues.toml terms, and reading a statement's issues in context - a statement that names
none takes them from its paragraph, the one before, the question it answers or the article; the
pieces of one remark share theirs; peace_plan, the catch-all, yields to a named issue."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from functools import lru_cache

from bot.config import Language
from bot.model import Issue, Statement

CATCH_ALL = "peace_plan"  # talks and process: kept only when no other issue is named
ENERGY, TRUCE = "energy", "ceasefire"
ENERGY_TRUCE_MENTIONS = 3  # paragraphs on energy that make an article's truce an energy truce

# A statement found, the issue sources to fall back on when it names none, and its paragraph
Found = tuple[Statement, tuple[tuple[str, ...], ...], int]


class IssueTagger:
    """One compiled pattern per issue; ``tags(text)``: the issue ids found, in config order."""

    def __init__(self, issues: tuple[Issue, ...]) -> None:
        self.issues = issues
        # one pass over the text: an alternation with a named group per issue; terms in a
        # non-Latin script get their own pattern, run only on text in that script
        self._patterns = [
            (script, pattern)
            for script, pattern in (
                (None, _grouped(issues, lambda t: not _CYRILLIC.search(t))),
                (_CYRILLIC, _grouped(issues, lambda t: bool(_CYRILLIC.search(t)))),
            )
            if pattern is not None
        ]
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
        lowered = text.lower()
        for script, pattern in self._patterns:
            if script is not None and not script.search(lowered):
                continue
            for m in pattern.finditer(lowered):
                if m.lastgroup:
                    found.add(self._ids[m.lastgroup])
                    found.update(self._also(m[0].lower()))
        return tuple(issue.id for issue in self.issues if issue.id in found)


_CYRILLIC = re.compile("[\u0400-\u04ff]")


def _grouped(issues: tuple[Issue, ...], keep: Callable[[str], bool]) -> re.Pattern[str] | None:
    """One pattern, a named group per issue, over the terms ``keep`` selects."""
    groups = [
        f"(?P<i{n}>" + "|".join(f"(?:{t.lower()})" for t in terms) + ")"
        for n, issue in enumerate(issues)
        if (terms := [t for t in issue.terms if keep(t)])
    ]
    if not groups:
        return None
    # matched against lower-cased text: much faster than a case-insensitive pattern
    return re.compile(rf"(?<!\w)(?:{'|'.join(groups)})(?!\w)")


class IssueReader:
    """Settles the issues of an article's statements, read in their context."""

    def __init__(self, tagger: IssueTagger, language: Language) -> None:
        self.tagger = tagger
        self._process_words = (
            re.compile(
                r"(?<!\w)(?:" + "|".join(map(re.escape, language.process_words)) + r")(?!\w)",
                re.IGNORECASE,
            )
            if language.process_words
            else None
        )

    def ordered(self, issues: Iterable[str]) -> tuple[str, ...]:
        """Issue ids in config order."""
        wanted = set(issues)
        return tuple(i.id for i in self.tagger.issues if i.id in wanted)

    def settle(self, found: Sequence[Found], counts: Counter[str]) -> list[Statement]:
        """The statements with their final issues; ``counts``: paragraphs naming each issue."""
        dominant = _dominant(counts)
        statements: list[Statement] = []
        for statement, fallback, _block in found:
            if not statement.issues:
                # the rest of a quote whose first part named the issue is about it too; else
                # the paragraph, the one before, the question answered, the article
                previous = statements[-1] if statements else None
                same = previous is not None and previous.actor_id == statement.actor_id
                chain = ((previous.issues,) if same and previous else ()) + fallback
                issues = next((f for f in (*chain, dominant) if f), ())
                statement = replace(statement, issues=self.ordered(issues))
            statements.append(statement)
        statements = self._shared(statements, [block for _s, _f, block in found])
        if counts[ENERGY] >= ENERGY_TRUCE_MENTIONS and counts[TRUCE]:
            # in coverage of an energy truce, "the truce" is that truce
            statements = [
                replace(s, issues=self.ordered({*s.issues, ENERGY})) if TRUCE in s.issues else s
                for s in statements
            ]
        return statements

    def _names_plan(self, group: Sequence[Statement]) -> bool:
        """Whether a remark names the plan or the process itself ("the peace plan", "the fifth
        round"), not only "the talks" or "a deal" in passing."""
        if self._process_words is None:
            return False
        return any(
            CATCH_ALL in self.tagger.tags(self._process_words.sub(" ", s.text)) for s in group
        )

    def _shared(self, statements: list[Statement], blocks: list[int]) -> list[Statement]:
        """The pieces of one speaker's remark in one paragraph (a split quote, the sentence
        reporting it) are one utterance, about the same issues."""
        out: list[Statement] = []
        i = 0
        while i < len(statements):
            j = i + 1
            while (
                j < len(statements)
                and blocks[j] == blocks[i]
                and statements[j].actor_id == statements[i].actor_id
                and _pieces(statements[j - 1], statements[j])
            ):
                j += 1
            group = statements[i:j]
            issues = self.ordered({issue for s in group for issue in s.issues})
            if CATCH_ALL in issues and len(issues) > 1 and not self._names_plan(group):
                # the talks named in passing by a remark about a named issue
                issues = tuple(i for i in issues if i != CATCH_ALL)
            out.extend(replace(s, issues=issues) for s in group)
            i = j
        return out


def _pieces(a: Statement, b: Statement) -> bool:
    """Whether two statements are pieces of one remark: a quote split around its attribution,
    or a reported sentence and the quotation inside it."""
    if a.kind == b.kind == "direct":
        return True
    first, second = sorted((a, b), key=lambda s: s.position)
    return first.kind == "reported" and second.position < first.position + len(first.text)


def _dominant(counts: Counter[str]) -> tuple[str, ...]:
    """The issue an article is mostly about, for statements that name none themselves."""
    if not counts:
        return ()
    return (counts.most_common(1)[0][0],)
