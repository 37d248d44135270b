"""Which span of a reported sentence is the statement (bot/extract/statements.py): the whole
sentence, intro phrase and all (LABELLING: "the whole sentence attributing speech"), while grouping
reads only what it says, from its attribution on (Statement.core, bot/diff/signature.py).
Sentences written for this test."""

from __future__ import annotations

import pytest

from bot.app.pipeline import Pipeline
from bot.config import Config
from bot.extract.statements import Extractor

CORE = "Foreign Minister Andrii Sybiha said the border crossings would reopen before the truce."


@pytest.mark.parametrize(
    "intro",
    [
        "Asked whether the talks in Ankara would resume in spring, ",  # a question put to him
        "In a call with reporters on Friday, ",  # where and when
        "Speaking after the second session, ",  # a participle clause
        "Meanwhile, ",  # a linking adverb
    ],
)
def test_reported_sentence_is_whole_and_signed_from_its_attribution(
    extractor: Extractor, config: Config, intro: str
) -> None:
    sentence = intro + CORE
    (found,) = extractor.extract(sentence).statements
    assert found.text == sentence
    assert found.text[found.core :] == CORE[CORE.index("Andrii") :]  # from its speaker on
    # the intro's words are not what he said: the same remark without them signs the same
    pipeline = Pipeline(config)
    (bare,) = pipeline.extractor.extract(CORE).statements
    assert pipeline.signer(found).tokens == pipeline.signer(bare).tokens


def test_content_before_the_attribution_is_all_core(extractor: Extractor) -> None:
    sentence = "The border crossings will reopen before the truce, Andrii Sybiha said on Friday."
    (found,) = extractor.extract(sentence).statements
    assert (found.text, found.core) == (sentence, 0)
