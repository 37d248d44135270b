"""A paragraph ending in a colon that names its speaker only by role in an earlier sentence
("Ukraine's lead negotiator has posted his verdict. We reproduce it in full:") introduces that
person's words in the next paragraph. Every text here was written for this test."""

from __future__ import annotations

from bot.extract.statements import Extractor

LEAD = "The ceasefire talks in Geneva ended on Friday without a deal on the frozen assets.\n"


def test_a_role_in_an_intro_paragraph_speaks_the_next_one(extractor: Extractor) -> None:
    text = (
        "Umerov flew to Geneva on Sunday for the ceasefire talks.\n"
        "Ukraine's lead negotiator has just shared his summary of the week. Here it is in full:\n"
        "Three days in Geneva were long and honest. We held every line on the guarantees. The"
        " rest will be settled in Kyiv.\n"
    )
    found = extractor.extract(LEAD + text).statements
    assert [(s.kind, s.actor_id) for s in found if s.text.startswith("Three days")] == [
        ("direct", "umerov")
    ]


def test_an_intro_that_says_something_is_a_statement_too(extractor: Extractor) -> None:
    text = (
        "Zelensky said the ceasefire would last only as long as Russia kept its side of it:\n"
        '"We will keep every line of this ceasefire. But one strike on a substation ends it."\n'
    )
    found = extractor.extract(LEAD + text).statements
    assert [(s.kind, s.actor_id) for s in found] == [
        ("reported", "zelensky"),
        ("direct", "zelensky"),
    ]


def test_an_intro_that_names_only_the_occasion_is_no_statement(extractor: Extractor) -> None:
    text = (
        "Zelensky posted on X shortly after the ceasefire talks ended:\n"
        '"We will keep every line of this ceasefire. But one strike on a substation ends it."\n'
    )
    found = extractor.extract(LEAD + text).statements
    assert [(s.kind, s.actor_id) for s in found] == [("direct", "zelensky")]
