"""Pure-speed paths of the extractor find exactly what the plain ones find."""

from __future__ import annotations

import re

import pytest

from bot.extract.issues import IssueTagger
from bot.extract.statements import Extractor
from bot.language import Caseless, longest_first
from bot.model import Issue

_WORDS = ("envoy", "secretary", "minister")


@pytest.mark.parametrize(
    ("text", "fast"),
    [
        ("The ENVOY met the Secretary and the minister.", True),
        ("Ministers and envoys, secretary-general", True),
        ("the mınister (a dotless i) spoke", False),  # case-insensitive "i" matches "ı"
        ("a ſecretary (a long s) spoke", False),  # ... and "s" the long "ſ"
        ("İstanbul's envoy", False),  # "İ" lower-cases to two characters
        ("ΣΟΦΙΑΣ envoy", True),  # Greek: no case partner of the words' letters
    ],
)
def test_caseless_search_finds_what_a_case_insensitive_one_finds(text: str, fast: bool) -> None:
    pattern = r"(?<![\w-])(?:" + longest_first(_WORDS) + r")(?![\w-])"
    slow = [m.span() for m in re.finditer(pattern, text, re.IGNORECASE)]
    lowered = Caseless(_WORDS).text(text)
    assert (lowered is not None) == fast
    searched = [m.span() for m in re.finditer(pattern, lowered or text, re.I * (not lowered))]
    assert searched == slow


def test_mentions_in_text_the_fast_path_cannot_read_are_still_found(
    extractor: Extractor,
) -> None:
    # "mınister" with a dotless i is "minister" to a case-insensitive pattern
    plain = extractor.index.find("The minister said the talks would go on.")
    dotless = extractor.index.find("The mınister said the talks would go on.")
    assert [(m.kind, m.start, m.end) for m in dotless] == [(m.kind, m.start, m.end) for m in plain]
    assert [m.kind for m in plain] == ["role"]


# terms of every shape the grouped scan handles: plain, opening with a group, a class, a
# look-behind, a digit (ASCII or not), a word character, another script
_ISSUES = (
    Issue("grid", "Grid", ("power grid", "(?:the )?grid", "(?<=to )annex", "blackouts?")),
    Issue("plan", "Plan", ("\\d+-point", "[a-z]+ty per cent", "\\w+-party talks", "plan")),
    Issue("land", "Land", ("(?<!near )(?:donbas+|kherson)", "land", "территори\\w*", "annex\\w*")),
)


def _slow_hits(text: str) -> list[tuple[int, int, frozenset[str]]]:
    """Every issue's own pattern tried at every position, left to right."""
    lowered = text.lower()
    patterns = [
        (issue.id, re.compile(r"(?<!\w)(?:" + "|".join(f"(?:{t})" for t in terms) + r")(?!\w)"))
        for issue in _ISSUES
        for terms in [sorted((t.lower() for t in issue.terms), key=len, reverse=True)]
    ]
    out, pos = [], 0
    while pos < len(lowered):
        ends = [(m.end(), i) for i, p in patterns if (m := p.match(lowered, pos))]
        if ends:
            longest = max(end for end, _i in ends)
            out.append((pos, longest, frozenset(i for end, i in ends if end == longest)))
            pos = max(longest, pos + 1)
        else:
            pos += 1
    return out


@pytest.mark.parametrize(
    "text",
    [
        "The grid held; the power grid did not, and blackouts followed.",
        "A 12-point plan, then a ٣-point one (an Arabic-Indic digit), ninety per cent agreed.",
        "Moves to annex Kherson, near Donbass and in Donbass; annexation of land.",
        "Multi-party talks, the grid-tied plan, территория and Территории.",
    ],
)
def test_grouped_issue_scan_finds_what_every_term_everywhere_finds(text: str) -> None:
    found = [(h.start, h.end, h.issues) for h in IssueTagger(_ISSUES).hits(text)]
    assert found == _slow_hits(text)
    assert found  # each probe names an issue
