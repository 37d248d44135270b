"""Whether an article is about the talks, read as evidence from its prose.

An article about the talks says so paragraph after paragraph, in independent ways: it names the
issues they are about (issues.toml), the talks and the war themselves ("negotiations", "the
envoy", "a ceasefire", "troops": the language's ``topic_words``) and the country they are about
("Kyiv", "Ukrainian": ``topic_places``); its actors (actors.toml) speak, and it names actors of
more than one side. Each kind a paragraph names is one unit of evidence, and so is each of the
last two. An article on a storm, a budget or a hockey match has a unit or two in passing ("power
was restored", "a peace garden", "no truce on the ice", a minister of one side speaking); one on
the talks piles them up. No single count decides: a change to one issue term takes at most one
unit from each paragraph it named.

Pure functions of text + config.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from bot.config import Language
from bot.extract.actors import ActorIndex
from bot.extract.issues import IssueTagger
from bot.extract.segment import Block
from bot.language import CaselessPattern, longest_first

SHORT_ITEM_BLOCKS = 3  # an item this short is judged on-topic by its tracked speakers
TOPIC_ENOUGH = 6  # units of evidence that make an article of any length about the talks
TOPIC_DENSITY = 0.6  # ... or this many per prose paragraph, for a shorter one
PARTY_KINDS = ("person", "institution")  # mentions that name an actor of a side


@dataclass(frozen=True)
class Evidence:
    """How many prose paragraphs of an article name each kind of evidence, whether a tracked
    actor speaks in it and whether it names actors of two sides."""

    prose: int  # prose paragraphs
    issues: int  # naming an issue of the talks
    talks: int  # naming the talks or the war
    places: int  # naming the country the talks are about
    sides: bool  # actors of two sides (actors.toml) are named: Putin and Stubb, Rubio and Lavrov
    remarks: bool  # a statement names an issue, the talks or the country
    tracked: bool  # a tracked actor (actors.toml) speaks

    @property
    def units(self) -> int:
        """The evidence in all."""
        return self.issues + self.talks + self.places + self.sides + self.remarks

    @property
    def enough(self) -> bool:
        """Whether it makes the article about the talks: much of it, or a shorter one dense
        with it. Issue words alone are too little in more than a short item ("power", "a
        guarantee", "the vote" are said of a storm or a budget as well), and a tracked actor
        speaking is enough only in one too short to judge."""
        if self.prose <= SHORT_ITEM_BLOCKS and self.tracked:
            return True
        if self.prose > SHORT_ITEM_BLOCKS and not (self.talks or self.places or self.sides):
            return False
        return self.units >= min(TOPIC_ENOUGH, TOPIC_DENSITY * self.prose) and self.units > 0


class TopicGate:
    """Reads the evidence that an article is about the talks from its prose blocks."""

    def __init__(self, index: ActorIndex, tagger: IssueTagger, language: Language) -> None:
        self.index = index
        self.tagger = tagger
        self._talks = _any_word(language.topic_words)
        self._places = _any_word(language.topic_places)

    def on_topic(
        self, blocks: Sequence[Block], remarks: Callable[[], bool], tracked: bool
    ) -> bool:
        """Whether an article is about the talks, given whether a tracked actor speaks in it and
        a way to tell whether a statement found in it names the talks (:meth:`names_talks`)."""
        prose = [b for b in blocks if b.is_prose]
        evidence = self._read(prose, False, tracked)
        # the statements and actors of two sides are read only where the paragraphs are not
        # enough (a pass of the gazetteer over each): most articles on the talks are
        return (
            evidence.enough
            or (evidence := replace(evidence, remarks=remarks())).enough
            or replace(evidence, sides=self._two_sides(prose)).enough
        )

    def evidence(self, blocks: Sequence[Block], remarks: bool, tracked: bool) -> Evidence:
        """All the evidence in an article's prose blocks, given whether a statement found in it
        names the talks and whether a tracked actor speaks."""
        prose = [b for b in blocks if b.is_prose]
        return replace(self._read(prose, remarks, tracked), sides=self._two_sides(prose))

    def _read(self, prose: Sequence[Block], remarks: bool, tracked: bool) -> Evidence:
        """The evidence in prose blocks but for actors of two sides."""
        issues = talks = places = 0
        for block in prose:
            issues += bool(self.tagger.tags(block.text))
            talks += self._talks is not None and self._talks.found(block.text)
            places += self._places is not None and self._places.found(block.text)
        return Evidence(len(prose), issues, talks, places, False, remarks, tracked)

    def _two_sides(self, prose: Sequence[Block]) -> bool:
        """Whether prose blocks name actors of two sides."""
        sides: set[str] = set()
        for block in prose:
            sides.update(self._sides(block.text))
            if len(sides) >= 2:
                return True
        return False

    def names_talks(self, text: str) -> bool:
        """Whether a text names an issue, the talks or the country they are about."""
        return (
            (self._talks is not None and self._talks.found(text))
            or (self._places is not None and self._places.found(text))
            or bool(self.tagger.tags(text))
        )

    def _sides(self, text: str) -> set[str]:
        """The sides of the actors a text names."""
        return {
            actor.side
            for m in self.index.find(text, unknown=False)
            if m.kind in PARTY_KINDS
            and (actor := self.index.actor(m.actor_id)) is not None
            and actor.side
        }


def _any_word(words: frozenset[str]) -> CaselessPattern | None:
    """One of these words, whole; a hyphen may join it ("Russian-Ukrainian", "Kyiv-based")."""
    if not words:
        return None
    return CaselessPattern(rf"(?<!\w)(?:{longest_first(w.lower() for w in words)})(?!\w)")
