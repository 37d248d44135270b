"""Who speaks: appositives and relative clauses between a speaker and the verb, bodies named
inside an appositive, collective and anonymous speakers. Every text here was written for this
test."""

from __future__ import annotations

import pytest

from bot.config import Config
from bot.extract.actors import ActorIndex
from bot.extract.issues import IssueTagger
from bot.extract.statements import Extraction, Extractor
from bot.model import Statement


@pytest.fixture(scope="module")
def extractor(config: Config) -> Extractor:
    return Extractor(
        ActorIndex(config.actors, config.media, config.language),
        IssueTagger(config.issues),
        config.language,
    )


def _one(extraction: Extraction, fragment: str) -> Statement:
    found = [s for s in extraction.statements if fragment in s.text]
    assert len(found) == 1, f"{fragment!r} in {[s.text for s in extraction.statements]}"
    return found[0]


def test_a_body_named_in_an_appositive_is_not_the_subject(extractor: Extractor) -> None:
    found = extractor.extract(
        "Maria Zakharova, spokeswoman for the Russian Foreign Ministry, said on Thursday that"
        " any NATO contingent in Ukraine would be treated as an invasion."
    )
    s = _one(found, "NATO contingent")
    assert s.actor_id == "zakharova"
    assert s.text.startswith("Maria Zakharova")
