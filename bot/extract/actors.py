"""Finding actors in text: configured names and role descriptions, unnamed sources, institutions,
named speakers not in the config, and pronouns ("he said") resolved by the caller.

Pure functions of text + config.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from bot.config import Language
from bot.model import Actor

EN = Language()  # no folding: pass the configured language


_NAME_WORD = r"[A-Z][a-zà-öø-ÿ]+(?:[-'][A-Z]?[a-zà-öø-ÿ]+)*"
_UNKNOWN_NAME = re.compile(
    rf"\b{_NAME_WORD}(?:\s+(?:(?:de|da|van|von|der|al|bin|el)\s+)?{_NAME_WORD}){{1,3}}"
)
_PRONOUN = re.compile(r"\b(?P<p>[Hh]e|[Ss]he|him|her(?= said| added|,|\.))\b")
_ANAPHOR = re.compile(
    r"\b[Tt]he (?P<w>person|people|source|sources|official|officials|diplomat|aide|spokes(?:man|woman|person))\b"
)

# Words that start a capitalised run but are not part of a name ("Finnish President Alexander Stubb").
_ROLE_WORDS = frozenset(
    """the a an on in at as by for of to from with and but or after before during while when since
    president prime minister foreign defence defense secretary chancellor spokesman spokeswoman
    spokesperson envoy special senior deputy chief head leader general chairman ambassador adviser
    advisor aide official lawmaker senator representative governor mayor commander minister's
    king queen prince sheikh mr mrs ms dr sir lord lady state national security council federal
    ukrainian russian american german french british finnish polish italian turkish danish european
    kremlin white house monday tuesday wednesday thursday friday saturday sunday january february march
    april may june july august september october november december christmas easter""".split()
)
# Capitalised words that make a run a place, body or event, not a person's name.
_NOT_NAME_WORDS = frozenset(
    """united states kingdom nations war world union council commission forces armed army navy
    ministry parliament congress senate house court bank fund agency group party committee
    european other new north south east west eastern western central republic federation
    university institute center centre capital region oblast city news press post times
    agency reuters tribune content media""".split()
)


@dataclass(frozen=True)
class ActorMention:
    """An actor named (or described, or referred to) at [start, end) of a text."""

    start: int
    end: int
    actor_id: str
    kind: str  # person | institution | anonymous | pronoun | unknown
    gender: str = ""


def slug(name: str) -> str:
    """A stable actor id for a name not in the config: 'Hakan Fidan' -> 'hakan_fidan'."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_name.lower()).strip("_") or "unknown"


class ActorIndex:
    """Every way the configured actors appear in copy, compiled into two regular expressions."""

    def __init__(
        self, actors: tuple[Actor, ...], media: tuple[str, ...] = (), language: Language = EN
    ) -> None:
        self._fold = language.fold_table()
        fold = self.fold
        self.actors = {a.id: a for a in actors}
        names: dict[str, str] = {}  # surface form -> actor id (case-sensitive)
        described: dict[str, str] = {}  # lowercase description -> actor id (case-insensitive)
        for actor in actors:
            forms = list(actor.aliases)
            if actor.kind != "anonymous":
                forms.append(actor.name)
            for form in forms:
                names.setdefault(fold(form), actor.id)
                if form.lower().startswith("the "):
                    # "The Kremlin said" at a sentence start
                    names.setdefault(fold("The " + form[4:]), actor.id)
            for desc in actor.descriptions:
                described.setdefault(fold(desc).lower(), actor.id)
        self._names = names
        self._described = described
        self._name_re = _alternation(names, flags=0)
        self._desc_re = _alternation(described, flags=re.IGNORECASE)
        self._media = {fold(m).lower() for m in media}
        self._media_re = _alternation({fold(m): m for m in media}, flags=0)
        # All known surnames and name words, so "Stubb" inside "Alexander Stubb" is not a new person.
        self._known_words = {w for form in names for w in form.split()}

    def fold(self, text: str) -> str:
        """Text with the language's typographic characters folded, same length as the input."""
        return text.translate(self._fold)

    def actor(self, actor_id: str) -> Actor | None:
        """The configured actor, if any."""
        return self.actors.get(actor_id)

    def is_media(self, text: str) -> bool:
        """Whether this name is a news outlet ("Reuters reported" is not a statement)."""
        return self.fold(text).strip().lower() in self._media

    def find(self, text: str, *, unknown: bool = True) -> list[ActorMention]:
        """Every actor mention in text, longest match first where they overlap, in text order."""
        folded = self.fold(text)
        found: list[ActorMention] = []
        taken = bytearray(len(text))

        def claim(start: int, end: int) -> bool:
            if any(taken[start:end]):
                return False
            taken[start:end] = b"\x01" * (end - start)
            return True

        candidates = []
        for regex, table, lower in (
            (self._name_re, self._names, False),
            (self._desc_re, self._described, True),
        ):
            if regex is None:
                continue
            for m in regex.finditer(folded):
                actor_id = table.get(m.group(0).lower() if lower else m.group(0))
                if actor_id is not None:
                    candidates.append((m.start(), m.end(), actor_id))
        # the longest form wins: "Zelenskyy's top security official" over "Zelenskyy"
        for start, end, actor_id in sorted(candidates, key=lambda c: (c[0] - c[1], c[0])):
            if claim(start, end):
                actor = self.actors[actor_id]
                found.append(ActorMention(start, end, actor_id, actor.kind, actor.gender))
        if self._media_re is not None:
            for m in self._media_re.finditer(folded):
                claim(m.start(), m.end())
        for m in _ANAPHOR.finditer(folded):
            if claim(m.start(), m.end()):
                found.append(ActorMention(m.start(), m.end(), "", "anaphor"))
        for m in _PRONOUN.finditer(folded):
            if claim(m.start(), m.end()):
                gender = "m" if m.group("p").lower() in ("he", "him") else "f"
                found.append(ActorMention(m.start(), m.end(), "", "pronoun", gender))
        if unknown:
            for m in _UNKNOWN_NAME.finditer(folded):
                start, name = _strip_role_words(m.start(), m.group(0))
                end = start + len(name)
                if len(name.split()) < 2 or any(taken[start:end]):
                    continue
                if any(w.lower() in _NOT_NAME_WORDS for w in name.split()):
                    continue
                if self.is_media(name) or all(w in self._known_words for w in name.split()):
                    continue
                claim(start, end)
                found.append(ActorMention(start, end, slug(name), "unknown"))
        found.sort(key=lambda mention: mention.start)
        return found

    def unknown_actor(self, text: str, mention: ActorMention) -> Actor:
        """An Actor record for a named speaker not in the config."""
        name = text[mention.start : mention.end]
        return Actor(id=mention.actor_id, name=name, kind="person", known=False)


def _strip_role_words(start: int, run: str) -> tuple[int, str]:
    words = run.split()
    offset = 0
    while words and (words[0].lower() in _ROLE_WORDS or words[0].endswith("'s")):
        skipped = run.index(words[0], offset) + len(words[0])
        offset = skipped
        words = words[1:]
    rest = run[offset:].lstrip()
    return start + len(run) - len(rest), rest


def _alternation(table: dict[str, str], flags: int) -> re.Pattern[str] | None:
    """One pattern for every form, as a trie (shared prefixes factored out): much faster than a
    flat alternation of hundreds of names, and still longest-first."""
    if not table:
        return None
    trie: dict[str, Any] = {}
    for form in table:
        node = trie
        for ch in form.lower() if flags & re.IGNORECASE else form:
            node = node.setdefault(ch, {})
        node[""] = {}
    return re.compile(rf"(?<![\w-])(?:{_trie(trie)})(?![\w-])", flags)


def _trie(node: dict[str, Any]) -> str:
    branches = [re.escape(ch) + _trie(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body
