"""Short quotations and quotations without a verb (bot/extract/statements.py): fragments of two to
four words inside a speaker's sentence, a quotation that goes on after its attribution, one whose
attribution is the next sentence and one a clause ending in a colon introduces; scare quotes,
titles and nested quotes are nobody's words. Sentences written for this test."""

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
        # a fragment in single quotes stands on its own beside the sentence that reports it
        (
            "Peskov said work on the peace deal went on in a 'businesslike atmosphere' in Baku.",
            [
                (
                    "peskov",
                    "reported",
                    "Peskov said work on the peace deal went on in a 'businesslike atmosphere'"
                    " in Baku.",
                ),
                ("peskov", "direct", "businesslike atmosphere"),
            ],
        ),
        # a clause ending in a colon introduces the quotation: its first named person says it
        (
            "Rubio spoke after the ceasefire talks. The head of the Committee on Defence,"
            " People's Deputy Olena Marchuk, was blunt: \"A ceasefire without monitors is a"
            ' pause for rearming."',
            [("olena_marchuk", "direct", "A ceasefire without monitors is a pause for rearming.")],
        ),
        # ... or a document ("A statement from the ministry read:")
        (
            'A statement from the Kremlin later read: "The ceasefire talks will resume when'
            ' Kyiv is ready."',
            [("kremlin", "direct", "The ceasefire talks will resume when Kyiv is ready.")],
        ),
        # ... or the man a possessive stands for ("His words:")
        (
            "Steve Witkoff spoke to the press pool after the ceasefire talks. His words, via our"
            ' correspondent: "Substantial progress. Most of the text is agreed."',
            [("witkoff", "direct", "Substantial progress. Most of the text is agreed.")],
        ),
        # a quotation after a sentence about one person, without a verb of saying, is theirs
        (
            'Stubb spoke about the ceasefire talks. On the Americans he is careful. "President'
            ' Trump wants a peace deal, and he wants it fast."',
            [("stubb", "direct", "President Trump wants a peace deal, and he wants it fast.")],
        ),
        # ... but not after one naming two
        (
            'Zelensky met Trump in Paris for the ceasefire talks. "We will never give up our'
            ' land for a ceasefire."',
            [],
        ),
        # a pull quote signed with a name and where it was said
        (
            'The ceasefire talks in Oslo ended on Friday.\n"People first, then the lines on'
            ' the map of the ceasefire." — Rustem Umerov, to reporters in Oslo',
            [("umerov", "direct", "People first, then the lines on the map of the ceasefire.")],
        ),
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
