"""Short quotations (bot/extract/statements.py): fragments of two to four words inside a speaker's
sentence, a quotation that goes on after its attribution, and one whose attribution is the next
sentence; scare quotes, titles and nested quotes are nobody's words. Sentences written for this
test."""

from __future__ import annotations

import pytest

from bot.extract.statements import Extractor


def _rows(extractor: Extractor, text: str) -> list[tuple[str, str, str]]:
    return [(s.actor_id, s.kind, s.text) for s in extractor.extract(text).statements]


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        # a fragment after the quotation of the same sentence: the sentence reports it
        (
            'Sybiha spoke after the round of peace talks in Oslo. "If Moscow keeps the truce'
            ' for a month, we will keep ours," he said in a short video, adding that Kyiv had'
            ' "no illusions" about the ceasefire.',
            [
                (
                    "sybiha",
                    "reported",
                    '"If Moscow keeps the truce for a month, we will keep ours," he said in a'
                    ' short video, adding that Kyiv had "no illusions" about the ceasefire.',
                ),
                ("sybiha", "direct", "If Moscow keeps the truce for a month, we will keep ours"),
            ],
        ),
        # a sentence that opens with a short quotation is that quotation, as '"...," X said'
        (
            '"Russia broke, Russia pays," Andrii Sybiha said of the frozen assets in Oslo.',
            [("sybiha", "direct", "Russia broke, Russia pays")],
        ),
        # a passive verb of saying before a quotation: the quotation is in the sentence's
        # syntax, so the sentence is reported speech too
        (
            "Kaja Kallas told reporters in Oslo that the frozen assets would be assessed"
            ' "by the end of the month".',
            [
                (
                    "kallas",
                    "reported",
                    "Kaja Kallas told reporters in Oslo that the frozen assets would be assessed"
                    ' "by the end of the month".',
                ),
                ("kallas", "direct", "by the end of the month"),
            ],
        ),
        # the quotation goes on after its attribution, in fewer words than a quote needs
        (
            '"We are ready for a ceasefire on the line," Sybiha said. "Not one step more."',
            [
                ("sybiha", "direct", "We are ready for a ceasefire on the line"),
                ("sybiha", "direct", "Not one step more."),
            ],
        ),
        # a quotation that ends its sentence, attributed by the next one
        (
            '"We will not trade land for a ceasefire!" Andrii Sybiha wrote on his channel late'
            " on Monday.",
            [("sybiha", "direct", "We will not trade land for a ceasefire!")],
        ),
        # ... but not by a sentence that tells something else
        ('"We will not trade land for a ceasefire!" Andrii Sybiha then flew to Paris.', []),
        # a term, a title and a quote inside a quotation are nobody's words
        (
            '"We will not accept foreign troops on our soil," Sergey Lavrov said of the'
            ' so-called "reassurance force".',
            [("lavrov", "direct", "We will not accept foreign troops on our soil")],
        ),
        (
            '"Sanctions stay until a peace deal is signed," Marco Rubio told "Evening Forum".',
            [("rubio", "direct", "Sanctions stay until a peace deal is signed")],
        ),
        (
            "“We are ready to exchange prisoners on the ‘all for all’ principle,” Sergey Lavrov"
            " said.",
            [
                (
                    "lavrov",
                    "direct",
                    "We are ready to exchange prisoners on the ‘all for all’ principle",
                )
            ],
        ),
    ],
)
def test_short_quotations(
    extractor: Extractor, text: str, rows: list[tuple[str, str, str]]
) -> None:
    assert _rows(extractor, text) == rows
