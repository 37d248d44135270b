"""Finding actors in text: configured names and role descriptions, unnamed sources, institutions,
named speakers not in the config, and pronouns ("he said") resolved by the caller.

Pure functions of text + config.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from bot.config import Language
from bot.language import Caseless, CaselessPattern, any_word, longest_first, trie_source, word_trie
from bot.model import Actor

EN = Language()  # no folding: pass the configured language
FOUND_CACHE = 4096  # texts whose mentions an index keeps (a few MB)


# A capitalised word, in any script: "Aydın", "Zawadzki", "Песков"
_CAP_WORD = re.compile(r"(?<![\w'’-])[^\W\d_][\w'’-]*")
# Two or more capitalised words in a row (a particle may join them): where names can be
_UPPER = "A-ZÀ-ÖØ-ÞĀ-ſƀ-ɏА-ЯЁІЇЄҐ"
# "Khalid al-Harthi", "Abu-Zeid": a particle joined by a hyphen to the capitalised name
_HYPHENED = r"(?:al|el|ad|an|ar|as|ash|at|az|ibn|bin|abu|bint)-"
# (the boundary test after the first capital, so that re skips ahead to capitals: "(?<![\w'’-])"
# before it, as a test of the two characters before the one after it)
_CAP_RUN = re.compile(
    rf"[{_UPPER}](?<![\w'’-].)[\w'’-]*(?:\s(?:(?:de|da|van|von|der|al|bin|el)\s)?"
    rf"(?:{_HYPHENED})?[{_UPPER}][\w'’-]*)+"
)
_PARTICLE_NAME = re.compile(rf"{_HYPHENED}[{_UPPER}]")


# what completes a role noun: "the secretary of state", "the minister of defence"
_OF_PHRASE = re.compile(r" of (?:the )?[a-z]+(?= |[,.;:]|$)")
# a word that starts after a space, inside a match
_INNER_WORD = re.compile(r"(?<= )\w")
# the capitalised word right after a name ("Kyiv Bulletin")
_NEXT_CAP = re.compile(rf" ([{_UPPER}][\w'’-]*)")
# what follows "her" when it is a subject ("her, said"), not a possessive ("her office")
_SUBJECT_AFTER = re.compile(r"\s*(?:said|added|,|\.)")


@dataclass(frozen=True)
class ActorMention:
    """An actor named (or described, or referred to) at [start, end) of a text."""

    start: int
    end: int
    actor_id: str
    kind: str  # person | institution | anonymous | pronoun | thing | plural | role | unknown
    # | another ("Another said": one more of the unnamed sources)
    gender: str = ""
    noun: str = ""  # a role anaphor's noun: "minister" in "the minister said"
    # whose role it is: "the bloc's foreign policy chief" -> "eu" (an actor id), "the ministry's
    # spokeswoman" -> "ministry" (a noun the context resolves)
    owner: str = ""
    phrase: str = ""  # a role's words: "secretary of state", "top diplomat"
    possessor: str = ""  # "his envoy": the gender of the pronoun that owns the role


# Cyrillic letters in Latin, for ids of names not in the config ("Алексей Чепа" -> alexei_chepa)
_LATIN = "a b v g d e e zh z i i k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya i yi ye g"
_CYRILLIC = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґ",
        _LATIN.split(),
        strict=True,
    )
)


def slug(name: str) -> str:
    """A stable actor id for a name not in the config: 'Hakan Fidan' -> 'hakan_fidan'."""
    name = "".join(_CYRILLIC.get(ch, ch) for ch in name.lower())
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_name.lower()).strip("_") or "unknown"


class ActorIndex:
    """Every way the configured actors appear in copy, compiled into two regular expressions."""

    def __init__(
        self, actors: tuple[Actor, ...], media: tuple[str, ...] = (), language: Language = EN
    ) -> None:
        self._fold = language.fold_table()
        self._fold_pairs = _replacements(self._fold)
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
        self._name_re = alternation(names, flags=0, skip_ahead=True)
        self._desc_re = alternation(described, flags=re.IGNORECASE)
        self._media = {fold(m).lower() for m in media}
        self._media_re = alternation({fold(m): m for m in media}, flags=0, skip_ahead=True)
        # All known surnames and name words: "Stubb" inside "Alexander Stubb" is no new person.
        self._known_words = {w for form in names for w in form.split()}
        # the same, lower-cased: the words a shouted line keeps capitalised ("PESKOV SAYS")
        self.name_words = frozenset(
            w.lower()
            for w in self._known_words
            if w[:1].isupper() and w.lower() not in language.stopwords
        )
        self.language = language
        self._title_words = language.title_words | language.stopwords
        self._particles = language.name_particles
        self._not_name = language.not_name_words
        nouns = language.role_nouns | language.anonymous_nouns | language.document_nouns
        self._bodies = language.document_nouns - language.role_nouns
        # each side's adjective ("Ukrainian", "U.S.") from its unnamed actor's descriptions
        self._unnamed_sides: dict[str, str] = {}
        for actor in actors:
            if actor.kind == "anonymous":
                for desc in actor.descriptions:
                    words = desc.split()
                    if (
                        len(words) == 2
                        and words[0][:1].isupper()
                        and words[1] in ("official", "diplomat", "source")
                    ):
                        self._unnamed_sides.setdefault(fold(words[0]).lower(), actor.id)
        singular = sorted(language.unnamed_nouns, key=len, reverse=True)
        # "President Volodymyr Zelensky's office": the tracked office a person's aliases name
        # ("Zelensky's office"), for a mention of the person that a longer name claimed first
        self._office_of: dict[str, str] = {}
        for actor in actors:
            for alias in actor.aliases if actor.kind == "institution" else ():
                owner = fold(alias)
                if owner.endswith("'s office"):
                    person = names.get(owner[: -len("'s office")])
                    if person is not None and self.actors[person].kind == "person":
                        self._office_of.setdefault(person, actor.id)
        # each side's unnamed actor ("" for the side-less one), for "a Downing Street source"
        self._anonymous_of: dict[str, str] = {}
        for actor in actors:
            if actor.kind == "anonymous":
                self._anonymous_of.setdefault(actor.side, actor.id)
        sources = sorted(language.unnamed_nouns | language.anonymous_nouns, key=len, reverse=True)
        self._source_of = (
            re.compile(
                r"\s+(?:senior\s+)?(?:" + "|".join(map(re.escape, sources)) + r")(?![\w-])",
                re.IGNORECASE,
            )
            if sources
            else None
        )
        # "an aide to Zelensky", "a senior adviser to the Kremlin": an unnamed source's noun,
        # then one of the language's source prepositions, right before a name
        self._source_before = (
            re.compile(
                r"(?<![\w-])(?i:"
                + longest_first(language.source_articles)
                + r")\s+(?:(?i:senior|top|close)\s+)?(?i:"
                + longest_first(language.unnamed_nouns)
                + r")\s+(?i:"
                + longest_first(language.source_prepositions)
                + r")\s+(?:(?i:the)\s+)?$"
            )
            if language.source_articles and language.unnamed_nouns and language.source_prepositions
            else None
        )
        self._source_article = re.compile(
            r"(?<![\w-])(?:"
            + "|".join(map(re.escape, sorted(language.source_articles, key=len, reverse=True)))
            + r")\s+$"
            if language.source_articles
            else r"(?!)",
            re.IGNORECASE,
        )
        self._unnamed_re = (
            re.compile(
                r"(?<![\w-])(?:[Aa]n?|[Oo]ne)\s+(?:senior\s+|top\s+|high-ranking\s+)?(?P<side>"
                + any_word(self._unnamed_sides, caseless=True)
                + r")\s+(?:senior\s+)?(?:"
                + any_word(singular, caseless=True)
                + r")(?![\w-])",
                re.IGNORECASE,
            )
            if self._unnamed_sides and singular
            else None
        )
        # "a Whitehall source", "an Elysee adviser": a place or body the config lacks, named
        # before an unnamed source's noun, is that source's (side-less) unnamed actor
        self._named_source_re = (
            re.compile(
                r"(?<![\w-])(?i:"
                + any_word(language.source_articles, caseless=True)
                + rf")\s+(?:senior\s+|top\s+)?[{_UPPER}][\w'’-]+(?:\s+[{_UPPER}][\w'’-]+)?\s+(?i:"
                + any_word(language.unnamed_nouns, caseless=True)
                + r")s?(?![\w-])"
            )
            if language.source_articles and language.unnamed_nouns
            else None
        )
        # "the words of the delegation" is no role: no stopword inside one
        filler = any_word(language.stopwords, caseless=True)
        filler_word = rf"(?!(?i:{filler})\s)[\w'-]+" if filler else r"[\w'-]+"
        role_nouns = any_word(language.role_nouns, caseless=True)
        # "the ex-president": a prefix joined by a hyphen keeps the role noun the head
        prefix = any_word(language.role_prefixes, caseless=True) if language.role_prefixes else ""
        prefixed = rf"(?:(?:{prefix})-)?" if prefix else ""
        self._role_re = (
            re.compile(
                # "the minister", "our source", "Ukraine's lead negotiator"
                r"(?<![\w-])(?:(?i:"
                + any_word(language.determiners, caseless=True)
                + r")|[A-Z][\w-]*'s)\s+"
                # the last of consecutive role nouns is the head: "America's chief diplomat"
                # (not after a body's noun: "the delegation head" is the delegation)
                rf"(?:{filler_word}\s+){{0,3}}?{prefixed}(?P<w>(?:(?i:{role_nouns})"
                r"(?:-[a-z]+)?\s+)*(?i:"
                + any_word(nouns, caseless=True)
                + r")(?:-[a-z]+)?)(?![\w-])"
            )
            if nouns and language.determiners
            else None
        )
        # "Its spokesman had said": the institution named last speaks through its role
        self._its_role_re = (
            re.compile(
                r"(?<![\w-])(?i:"
                + any_word(language.possessives_thing, caseless=True)
                + rf")\s+(?P<p>(?:{filler_word}\s+){{0,2}}?(?P<w>(?i:"
                + any_word(language.role_nouns | language.document_nouns, caseless=True)
                + r")))(?![\w-])"
            )
            if language.possessives_thing and language.role_nouns
            else None
        )
        # "Lehtonen, the Finnish foreign minister, said": one capitalised word, then a role
        # between commas, is a surname the article gave no first name for
        articles = any_word(language.source_articles | language.determiners, caseless=True)
        self._surname_re = (
            re.compile(
                rf"(?<![\w'’-])(?P<n>[{_UPPER}][\w'’-]+),\s+(?i:{articles})\s+"
                rf"(?:[\w'’-]+\s+){{0,4}}?(?i:{role_nouns})(?:\s+of\s+[^,.;:]{{1,40}})?,"
            )
            if language.role_nouns and language.determiners
            else None
        )
        # "Turkey's Korkmaz: Istanbul can host the swap": a ticker's label, a place's surname
        self._label_surname_re = re.compile(
            rf"(?<![\w'’-])[{_UPPER}][\w-]*['’]s\s+(?P<n>[{_UPPER}][\w'’-]+)(?=:\s)"
        )
        # the possessives as printed, a cheap test before the pattern ("its", "Its")
        self._its_words = tuple(
            f for w in language.possessives_thing for f in (w, w[:1].upper() + w[1:])
        )
        # "Kyiv's foreign ministry" -> its id, lower-cased: what "its foreign ministry" is
        self._owned_names = {form.lower(): actor_id for form, actor_id in names.items()}
        # "the alliance's secretary-general", "the bloc's top diplomat": a role of the body before
        # the longest role: "the Kremlin's chief foreign policy aide", over words that are no
        # part of it ("the ministry's spokeswoman told the envoy")
        plain = longest_first(language.stopwords | set(language.speech_verbs))
        self._owned_re = (
            re.compile(
                rf"['’]s\s+(?:(?!(?i:{plain})(?![\w'-]))[\w'-]+\s+){{0,3}}(?P<w>(?i:"
                + longest_first(language.role_nouns)
                + r")(?:-[a-z]+)?)(?![\w-])"
            )
            if language.role_nouns
            else None
        )
        heads = "|".join(map(re.escape, sorted(language.body_nouns)))
        self._body_re = (
            re.compile(
                # a country or nationality, a portfolio, the head noun: not "the Foreign
                # Ministry", which is whichever ministry the article is about
                rf"(?<![\w-])(?!(?i:the)\s)[{_UPPER}][\w-]+(?:['’]s)?\s+[\w-]+\s+"
                rf"(?i:{heads})(?![\w-])"
            )
            if heads
            else None
        )
        # the body nouns alone, a cheap test before the full pattern
        self._body_hint = CaselessPattern(heads or "(?!)")
        pronouns = {p: "m" for p in language.pronouns_male}
        pronouns.update({p: "f" for p in language.pronouns_female})
        pronouns.update({p: "" for p in language.pronouns_thing})
        pronouns.update({p: "p" for p in language.pronouns_plural})
        # "the two envoys": "they" for two people just named
        self._pair_phrases = frozenset(p.lower() for p in language.pair_phrases)
        pronouns.update({p: "p" for p in self._pair_phrases})
        self._pronoun_gender = pronouns
        self._pronoun_re = (
            re.compile(r"(?<![\w-])(?P<p>(?i:" + longest_first(pronouns) + r"))(?![\w-])")
            if pronouns
            else None
        )
        # "Another said", "a second told Reuters": one more of the unnamed sources, before a verb
        self._another_re = (
            re.compile(
                r"(?<![\w-])(?P<a>(?i:"
                + any_word(language.another_source, caseless=True)
                + r"))\s+(?:"
                + any_word(language.speech_verbs)
                + r")(?![\w-])"
            )
            if language.another_source and language.speech_verbs
            else None
        )
        # The case-insensitive searches below done over lower-cased text (see Caseless). The
        # hints are the words a match must end on (a role's noun, an unnamed source's noun): a
        # cheap test before the full pattern.
        lower_nouns, lower_singular = _lowered(nouns), _lowered(singular)
        another = _lowered(language.another_source)
        self._caseless = Caseless([*described, *pronouns, *lower_nouns, *lower_singular, *another])
        self._desc_low = alternation(described, flags=0)
        self._pronoun_low = (
            re.compile(r"(?<![\w-])(?P<p>" + any_word(_lowered(pronouns)) + r")(?![\w-])")
            if pronouns
            else None
        )
        self._role_hint = (
            re.compile(r"[\s-](?:" + any_word(lower_nouns) + r")(?:-[a-z]+)?(?![\w-])")
            if self._role_re is not None
            else None
        )
        self._unnamed_hint = (
            re.compile(r"\s(?:" + any_word(lower_singular) + r")(?![\w-])")
            if self._unnamed_re is not None
            else None
        )
        # ... "another", "a second" for one more unnamed source (before its verb)
        self._another_hint = (
            re.compile(any_word(another)) if self._another_re is not None else None
        )
        # ... and a source's noun, perhaps plural ("a Whitehall source", "Elysee advisers"),
        # which both patterns of unnamed sources end on
        self._source_hint = (
            re.compile(r"\s(?:" + any_word(lower_singular) + r")s?(?![\w-])")
            if lower_singular
            else None
        )

    def owned(self, owner_id: str, phrase: str) -> str:
        """The configured body a possessed phrase names ("foreign ministry" of Kyiv: "Kyiv's
        foreign ministry"), else ""."""
        owner = self.actors.get(owner_id)
        if owner is None:
            return ""
        for form in (owner.name, *owner.aliases):
            found = self._owned_names.get(self.fold(f"{form}'s {phrase}").lower())
            if found:
                return found
        return ""

    def fold(self, text: str) -> str:
        """Text with the language's typographic characters folded, same length as the input."""
        if self._fold_pairs is None:
            return text.translate(self._fold)
        for old, new in self._fold_pairs:
            if old in text:
                text = text.replace(old, new)
        return text

    def actor(self, actor_id: str) -> Actor | None:
        """The configured actor, if any."""
        return self.actors.get(actor_id)

    def media_spans(self, text: str) -> list[tuple[int, int]]:
        """Where news outlets are named in text."""
        if self._media_re is None:
            return []
        return [(m.start(), m.end()) for m in self._media_re.finditer(self.fold(text))]

    def is_media(self, text: str) -> bool:
        """Whether this name is a news outlet ("Reuters reported" is not a statement)."""
        return self.fold(text).strip().lower() in self._media

    def find(self, text: str, *, unknown: bool = True) -> list[ActorMention]:
        """Every actor mention in text, longest match first where they overlap, in text order."""
        return list(self._found(text, unknown))

    @lru_cache(maxsize=FOUND_CACHE)  # noqa: B019 - one index per config, its state fixed
    def _found(self, text: str, unknown: bool) -> tuple[ActorMention, ...]:
        """``find``, kept for the texts read last: a paragraph is read again by later stages,
        and outlets reprint the same wire copy and the same boilerplate."""
        folded = self.fold(text)
        lowered = self._caseless.text(folded)
        found: list[ActorMention] = []
        taken = bytearray(len(text))

        def claim(start: int, end: int) -> bool:
            if taken.find(1, start, end) >= 0:
                return False
            taken[start:end] = b"\x01" * (end - start)
            return True

        if self._media_re is not None:
            # "The Kyiv Post reported": an outlet, not the Ukrainian government
            for m in self._media_re.finditer(folded):
                claim(m.start(), m.end())
        candidates = []
        # descriptions are case-insensitive: searched in the lower-cased text where that finds
        # the same (see Caseless)
        desc = (self._desc_low, lowered) if lowered is not None else (self._desc_re, folded)
        for (regex, searched), table, lower in (
            ((self._name_re, folded), self._names, False),
            (desc, self._described, True),
        ):
            if regex is None:
                continue
            for found_m in regex.finditer(searched):
                # a longer form may start inside a shorter one: "The Coordination Headquarters
                # for the Treatment of Prisoners of War" holds "Coordination Headquarters ..."
                inner = (
                    regex.match(searched, w.start())
                    for w in _INNER_WORD.finditer(searched, found_m.start() + 1, found_m.end())
                )
                for m in (found_m, *(i for i in inner if i is not None)):
                    actor_id = table.get(m.group(0).lower() if lower else m.group(0))
                    if actor_id is not None and not self._inside_name(folded, m, actor_id):
                        candidates.append((m.start(), m.end(), actor_id))
        # the longest form wins: "Zelenskyy's top security official" over "Zelenskyy"
        for start, end, actor_id in sorted(candidates, key=lambda c: (c[0] - c[1], c[0])):
            if claim(start, end):
                actor = self.actors[actor_id]
                found.append(ActorMention(start, end, actor_id, actor.kind, actor.gender))
        no_source = _hinted_out(self._source_hint, lowered)
        if (
            self._unnamed_re is not None
            and not no_source
            and not _hinted_out(self._unnamed_hint, lowered)
        ):
            # "a Ukrainian negotiator", "one senior Russian diplomat": an unnamed source of the
            # side its adjective names (with "the", the same words are a role anaphor)
            for m in self._unnamed_re.finditer(folded):
                actor_id = self._unnamed_sides.get(m.group("side").lower())
                if actor_id is not None and claim(m.start(), m.end()):
                    found.append(ActorMention(m.start(), m.end(), actor_id, "anonymous"))
        if self._named_source_re is not None and "" in self._anonymous_of and not no_source:
            for m in self._named_source_re.finditer(folded):
                if claim(m.start(), m.end()):
                    found.append(
                        ActorMention(m.start(), m.end(), self._anonymous_of[""], "anonymous")
                    )
        if unknown and self._body_re is not None and self._body_hint.found(folded):
            # "the Emirati foreign ministry", "Norway's Defence Ministry": a body not in the
            # config speaks as itself
            for m in self._body_re.finditer(folded):
                if claim(m.start(), m.end()):
                    found.append(
                        ActorMention(m.start(), m.end(), slug(m.group(0)), "unknown", noun="body")
                    )
        if self._role_re is not None and not _hinted_out(self._role_hint, lowered):
            for m in self._role_re.finditer(folded):
                noun = m.group("w").lower().split()[-1]
                # "the Russian Defence Ministry" is a name, found above; a capitalised noun
                # after a capitalised word is part of one
                if claim(m.start(), m.end()):
                    phrase = folded[m.start() : m.end()].split(None, 1)[-1]
                    of = _OF_PHRASE.match(folded, m.end())
                    if of is not None:  # "the secretary of state"
                        phrase += of.group(0)
                    found.append(
                        ActorMention(m.start(), m.end(), "", "role", noun=noun, phrase=phrase)
                    )
        if self._its_role_re is not None and any(f"{w} " in folded for w in self._its_words):
            for m in self._its_role_re.finditer(folded):
                if claim(m.start(), m.end()):
                    noun, phrase = m.group("w").lower(), m.group("p")
                    found.append(
                        ActorMention(m.start(), m.end(), "", "thing", noun=noun, phrase=phrase)
                    )
        pronoun_re, searched = (
            (self._pronoun_low, lowered) if lowered is not None else (self._pronoun_re, folded)
        )
        if pronoun_re is not None:
            for m in pronoun_re.finditer(searched):
                word = m.group("p").lower()
                gender = self._pronoun_gender[word]
                if word == "her" and not _SUBJECT_AFTER.match(folded, m.end()):
                    continue  # "her boss", "her office": a possessive, not a subject
                if claim(m.start(), m.end()):
                    kind = {"": "thing", "p": "plural"}.get(gender, "pronoun")
                    noun = "pair" if word in self._pair_phrases else ""
                    found.append(ActorMention(m.start(), m.end(), "", kind, gender, noun=noun))
        if self._another_re is not None and not _hinted_out(self._another_hint, lowered):
            for m in self._another_re.finditer(folded):
                if claim(m.start("a"), m.end("a")):
                    found.append(ActorMention(m.start("a"), m.end("a"), "", "another"))
        if unknown:
            for start, end, name in self._names_in(folded):
                if taken.find(1, start, end) >= 0:
                    # "the Office of the President of Ukraine Iryna Savchuk": the body's name
                    # took the run's first word; the two words after it are the person's
                    last = taken.rfind(1, start, end)
                    rest = folded[last + 1 : end]
                    words = rest.split()
                    if len(words) < 2 or not rest.startswith(" ") or taken[start] != 1:
                        continue
                    start, name = end - len(rest.lstrip()), rest.strip()
                if self.is_media(name) or all(w in self._known_words for w in name.split()):
                    continue
                claim(start, end)
                found.append(ActorMention(start, end, slug(name), "unknown"))
            surnames = [*self._label_surname_re.finditer(folded)] if ": " in folded else []
            if self._surname_re is not None:
                if not _hinted_out(self._role_hint, lowered):  # it ends on a role noun
                    surnames.extend(self._surname_re.finditer(folded))
                for m in surnames:
                    word = m.group("n")
                    low = word.lower()
                    if (
                        taken.find(1, m.start("n"), m.end("n")) >= 0
                        or low in self._title_words
                        or low in self._not_name
                        or word in self._known_words
                        or word.isupper()
                        or self.is_media(word)
                    ):
                        continue
                    claim(m.start("n"), m.end("n"))
                    found.append(ActorMention(m.start("n"), m.end("n"), slug(word), "unknown"))
        found.sort(key=lambda mention: mention.start)
        if self._owned_re is not None and "'s" in folded:
            found = self._owned(folded, found)
        if self._source_of is not None:
            found = [self._source_of_name(folded, m) for m in found]
        if self._office_of:
            found = [self._office(folded, m) for m in found]
        return tuple(found)

    def _office(self, folded: str, m: ActorMention) -> ActorMention:
        """ "President Volodymyr Zelensky's office" is the office, not the man."""
        office = self._office_of.get(m.actor_id)
        if office is None or not folded.startswith("'s office", m.end):
            return m
        return ActorMention(m.start, m.end + len("'s office"), office, "institution")

    def _source_of_name(self, folded: str, m: ActorMention) -> ActorMention:
        """ "a Downing Street source", "an Erdogan aide", "an aide to Zelensky": not the name,
        an unnamed source of its side (any side for a name not in the config)."""
        if self._source_of is None or m.kind not in ("person", "institution", "unknown"):
            return m
        noun = self._source_of.match(folded, m.end)
        article = self._source_article.search(folded, max(0, m.start - 8), m.start)
        if noun is None or article is None:
            aide = (
                self._source_before.search(folded, max(0, m.start - 40), m.start)
                if self._source_before is not None
                else None
            )
            if aide is None or folded.startswith("'s", m.end):
                return m
            article, noun = aide, None  # "an aide to Zelensky": the source before the name
        if noun is None:
            start, end = article.start(), m.end
        else:
            start, end = article.start(), noun.end()
        actor = self.actors.get(m.actor_id)
        side = actor.side if actor is not None else ""
        anonymous = self._anonymous_of.get(side) or self._anonymous_of.get("")
        if anonymous is None:
            return m
        return ActorMention(start, end, anonymous, "anonymous")

    def _owned(self, folded: str, found: list[ActorMention]) -> list[ActorMention]:
        """A body's mention followed by a role of it ("the alliance's secretary-general") is
        one role mention, owned by the body; the role resolves to its holder."""
        assert self._owned_re is not None
        out: list[ActorMention] = []
        for i, m in enumerate(found):
            body = m.kind in ("institution", "person") or (
                m.kind == "role" and m.noun in self._bodies
            )
            # "The Kremlin's" may be the alias itself: its role follows the possessive
            at = m.end - 2 if folded[m.end - 2 : m.end] == "'s" else m.end
            owned = self._owned_re.match(folded, at) if body else None
            nxt = found[i + 1].start if i + 1 < len(found) else len(folded)
            if owned is None or owned.end() > nxt:
                out.append(m)
                continue
            noun = owned.group("w").lower()
            owner = m.actor_id or m.noun
            phrase = folded[at : owned.end()].split(None, 1)[-1]
            of = _OF_PHRASE.match(folded, owned.end())
            if of is not None:  # "Zelensky's chief of staff"
                phrase += of.group(0)
            out.append(
                ActorMention(
                    m.start, owned.end(), "", "role", noun=noun, owner=owner, phrase=phrase
                )
            )
        return out

    def _inside_name(self, folded: str, m: re.Match[str], actor_id: str) -> bool:
        """Whether a one-word place that stands for a body begins a longer proper name: "the
        Kyiv Bulletin informs", "the Moscow Herald reported" are outlets, not governments."""
        if " " in m.group(0) or self.actors[actor_id].kind != "institution":
            return False
        after = _NEXT_CAP.match(folded, m.end())
        if after is None:
            return False
        word = after.group(1)
        return word not in self._known_words and word.lower() not in self._title_words

    def _names_in(self, folded: str) -> list[tuple[int, int, str]]:
        """Runs of two to four capitalised words that look like a person's name."""
        out: list[tuple[int, int, str]] = []
        run: list[re.Match[str]] = []

        def flush() -> None:
            words = list(run)
            while words and (
                words[0].group(0).lower() in self._title_words
                or words[0].group(0).endswith("'s")
                or not words[0].group(0)[0].isupper()
            ):
                words.pop(0)
            while words and not (
                words[-1].group(0)[0].isupper() or _PARTICLE_NAME.match(words[-1].group(0))
            ):
                words.pop()
            # "International Affairs Alexei Chepa": a body's name before the person's
            cut = [i for i, w in enumerate(words) if w.group(0).lower() in self._not_name]
            if cut:
                words = words[cut[-1] + 1 :]
            # "Principal Deputy Spokesperson Tommy Pigott": the name follows the last title word
            titled = [i for i, w in enumerate(words) if w.group(0).lower() in self._title_words]
            if titled:
                words = words[titled[-1] + 1 :]
            if not 2 <= len(words) <= 4:
                return
            if any(w.group(0).isupper() for w in words):
                return
            if words[-1].group(0).endswith("'s"):
                return
            start, end = words[0].start(), words[-1].end()
            out.append((start, end, folded[start:end]))

        for run_m in _CAP_RUN.finditer(folded):
            run = []
            # "Baltic Ledger's Erik Halvorsen": a possessive ends one name and starts another
            for word in _CAP_WORD.finditer(folded, run_m.start(), run_m.end()):
                run.append(word)
                if word.group(0).endswith("'s"):
                    flush()
                    run = []
            if run:
                flush()
        return out

    def unknown_actor(self, text: str, mention: ActorMention) -> Actor:
        """An Actor record for a named speaker not in the config."""
        name = text[mention.start : mention.end]
        if mention.noun == "body":
            return Actor(id=mention.actor_id, name=name, kind="institution", known=False)
        return Actor(id=mention.actor_id, name=name, kind="person", known=False)


FOLD_REPLACE_MAX = 24  # characters folded: up to so many, a replace each beats one translate


def _replacements(table: dict[int, str]) -> tuple[tuple[str, str], ...] | None:
    """A fold table as one ``str.replace`` per character (about ten times faster than
    ``str.translate`` with a dict table), or None where the two could differ: a character
    folded into another that is folded too."""
    pairs = tuple((chr(k), v) for k, v in table.items())
    if len(pairs) > FOLD_REPLACE_MAX or not all(
        isinstance(v, str) and len(v) == 1 and ord(v) not in table for _, v in pairs
    ):
        return None
    return pairs


def _lowered(words: Iterable[str]) -> set[str]:
    return {word.lower() for word in words}


def _hinted_out(hint: re.Pattern[str] | None, lowered: str | None) -> bool:
    """Whether the hint, searched in the lower-cased text, says the full pattern cannot match."""
    return hint is not None and lowered is not None and hint.search(lowered) is None


def alternation(
    table: dict[str, str], flags: int, *, skip_ahead: bool = False
) -> re.Pattern[str] | None:
    """One pattern for every form, as a trie (shared prefixes factored out): much faster than a
    flat alternation of hundreds of names, and still longest-first. ``skip_ahead``: each form's
    first character comes before the test that no word runs into it, so that re skips ahead to
    the characters forms open with - faster where those are few (names open with capitals),
    slower where they are most letters (verbs)."""
    if not table:
        return None
    trie = word_trie(form.lower() if flags & re.IGNORECASE else form for form in table)
    if skip_ahead and "" not in trie:
        # "(?<![\w-])" before a character, tested after it: the two characters before the
        # position after it are not a word character (or "-") and that character
        body = "|".join(
            re.escape(ch) + r"(?<![\w-].)" + trie_source(child)
            for ch, child in sorted(trie.items())
        )
        return re.compile(rf"(?:{body})(?![\w-])", flags)
    return re.compile(rf"(?<![\w-])(?:{trie_source(trie)})(?![\w-])", flags)
