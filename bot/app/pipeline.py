"""The extraction and diff machinery a process builds once from its config (the extractor, the
lexicon, the signer, memos of parsed candidates): see :class:`Pipeline`. Ingest (bot/app/ingest.py)
runs articles through it."""

from __future__ import annotations

import re
from functools import cached_property

from bot.config import Config
from bot.diff import (
    Calendar,
    Candidate,
    Lexicon,
    NumberWords,
    Signature,
    Signer,
    claim_markers,
    speaker_groups,
    speaker_of,
)
from bot.diff.pool import Spare
from bot.extract.actors import ActorIndex
from bot.extract.issues import IssueTagger
from bot.extract.statements import Extractor

PARSED_MEMO = 20_000  # parsed candidate signatures kept (a window holds CANDIDATES per speaker)


def calendar_for(config: Config) -> Calendar:
    """The language's words for when a remark was said (its ``[grouping]`` table)."""
    return Calendar(dict(config.language.grouping), config.language.neutral_verbs)


def lexicon_for(config: Config) -> Lexicon:
    """The diff engine's lexicon: the config's synonyms and the language's word lists."""
    lang = config.language
    words = dict(lang.grouping)
    numbers = NumberWords(
        words.get("number_units", ()),
        words.get("number_tens", ()),
        words.get("number_hundreds", ()),
        words.get("number_thousands", ()),
        words.get("number_pronouns", ()),
    )
    return Lexicon(
        config.lexicon,
        config.decisive,
        stopwords=lang.stopwords,
        reporting=lang.neutral_verbs,
        fold=lang.fold,
        calendar=calendar_for(config),
        numbers=numbers,
        suffixes=words.get("stem_suffixes", ()),
    )


class Pipeline:
    """The extraction and diff machinery built once from a config (about 30 ms): hold one per
    process and pass it on; it depends on the config only."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self._parsed: dict[str, Signature] = {}  # stored signature text -> parsed
        self._candidates: dict[tuple[int, tuple[str, ...], str], Candidate] = {}

    @cached_property
    def index(self) -> ActorIndex:
        """Actor names and descriptions, compiled."""
        return ActorIndex(self.config.actors, self.config.media, self.config.language)

    @cached_property
    def extractor(self) -> Extractor:
        """The statement extractor."""
        return Extractor(self.index, IssueTagger(self.config.issues), self.config.language)

    @cached_property
    def lexicon(self) -> Lexicon:
        """The diff engine's synonyms and word lists."""
        return lexicon_for(self.config)

    @cached_property
    def signer(self) -> Signer:
        """Signatures of statements without their speaker's names."""
        # a closure over the index, not a bound method: the pipeline holds the signer, and a
        # cycle back would leave a pipeline built for one call to the cyclic collector
        index = self.index

        def names_of(actor_id: str) -> tuple[str, ...]:
            actor = index.actor(actor_id)
            return (actor.name, *actor.aliases, *actor.descriptions) if actor else ()

        return Signer(self.lexicon, names_of)

    @cached_property
    def calendar(self) -> Calendar:
        """When a remark was said, in the language's words."""
        return calendar_for(self.config)

    @cached_property
    def another_claim(self) -> re.Pattern[str]:
        """The language's words that make a sentence another claim ("he added", "also")."""
        return claim_markers(dict(self.config.language.grouping).get("another_claim", ()))

    @cached_property
    def spare(self) -> Spare:
        """Candidate windows one ingest batch leaves for the next: a starting point only, each
        brought in line with what the next batch reads (see :class:`bot.diff.pool.Spare`)."""
        return Spare()

    @cached_property
    def speakers(self) -> dict[str, tuple[str, ...]]:
        """Grouping speaker -> the actors who speak as it (see :func:`bot.diff.speaker_groups`)."""
        return speaker_groups(self.config.actors)

    def stored(self, text: str) -> Signature:
        """A signature from its stored text, memoised by that text: every batch reads its
        speakers' candidates again, and they are mostly the ones the batch before read."""
        found = self._parsed.get(text)
        if found is None:
            if len(self._parsed) >= PARSED_MEMO:
                self._parsed.clear()
            found = self._parsed[text] = Signature.parse(text)
        return found

    def candidate(self, development_id: int, issues: tuple[str, ...], stored: str) -> Candidate:
        """A stored mention as a candidate, memoised by what it holds (the same reasons)."""
        key = (development_id, issues, stored)
        found = self._candidates.get(key)
        if found is None:
            if len(self._candidates) >= PARSED_MEMO:
                self._candidates.clear()
            found = self._candidates[key] = Candidate(development_id, issues, self.stored(stored))
        return found

    def remember(self, placed: Candidate) -> None:
        """A statement just placed, as the candidate its stored row will be read back as (the
        same development, issues and stored signature): the next batch's read then gives this
        very object, which the spare window already indexes (resetting the window keeps it),
        instead of a new one parsed from the same text, unindexed and indexed again. Its
        signature stands for its stored text only when none does yet (a signature parsed from
        that text is the same value; only one object stands for it)."""
        stored = placed.signature.stored
        found = self._parsed.get(stored)
        if found is None:
            if len(self._parsed) >= PARSED_MEMO:
                self._parsed.clear()
            found = self._parsed[stored] = placed.signature
        if found is not placed.signature:
            return
        key = (placed.development_id, placed.issues, stored)
        if key not in self._candidates:
            if len(self._candidates) >= PARSED_MEMO:
                self._candidates.clear()
            self._candidates[key] = placed

    def speaker(self, actor_id: str) -> str:
        """The grouping speaker an actor speaks as."""
        return speaker_of(self.index.actor(actor_id), actor_id)
