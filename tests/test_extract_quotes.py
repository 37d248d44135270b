"""The quotes stage: quotation marks of every kind, quotations across paragraphs, quotations in
parentheses and in British single quotes. Original probe sentences, one per phenomenon."""

from __future__ import annotations

from bot.config import Config
from bot.extract.quotes import QuoteFinder
from bot.extract.statements import Extraction, Extractor
from bot.model import Statement


def _one(extraction: Extraction, words: str) -> Statement:
    found = [s for s in extraction.statements if words in s.text]
    assert len(found) == 1, [s.text for s in extraction.statements]
    return found[0]


def _spans(finder: QuoteFinder, para: str) -> list[str]:
    return [para[q.start : q.end] for q in finder.find(para)]


def test_single_guillemets_and_low_high_quotes(config: Config) -> None:
    finder = QuoteFinder(config.language.quote_pairs)
    assert _spans(finder, "Sybiha called the monitors ‹the only guarantee› of the truce.") == [
        "the only guarantee"
    ]
    assert _spans(finder, "Umerov said: „The exchange will take place in May.“") == [
        "The exchange will take place in May."
    ]


def test_a_quotation_left_open_goes_on_to_the_paragraphs_end(config: Config) -> None:
    finder = QuoteFinder(config.language.quote_pairs)
    para = '"The truce must be monitored," Sybiha said. "And the monitors must stay.'
    assert _spans(finder, para) == ["The truce must be monitored,", "And the monitors must stay."]
    # an inch mark opens nothing
    assert _spans(finder, 'The grid took a 5" shell overnight, Umerov said.') == []


def test_a_quotation_across_paragraphs_is_the_speakers_in_each(extractor: Extractor) -> None:
    found = extractor.extract(
        "The ceasefire talks in Oslo ended on Friday.\n"
        '"The ceasefire must be monitored from the first day," Sybiha said at the press'
        ' conference. "And the monitors must be on the whole line.\n'
        '"Nobody in Kyiv will accept a ceasefire that is only a pause to reload."\n'
        "Peskov said later that the Russian offer of a ceasefire still stood."
    )
    assert _one(found, "on the whole line").actor_id == "sybiha"
    assert _one(found, "pause to reload").actor_id == "sybiha"
    assert _one(found, "pause to reload").kind == "direct"


def test_quotations_in_single_quotes_and_in_parentheses(extractor: Extractor) -> None:
    found = extractor.extract(
        "The ceasefire talks in Oslo ended on Friday.\n"
        "'We will not sign a ceasefire that Russia can switch off,' Zelensky told the BBC.\n"
        "Kallas said the assets would stay frozen ('not one euro will go back before Russia"
        " pays for the damage')."
    )
    assert _one(found, "We will not sign").actor_id == "zelensky"
    fragment = [s for s in found.statements if s.text.startswith("not one euro")]
    assert [(s.actor_id, s.kind) for s in fragment] == [("kallas", "direct")]
