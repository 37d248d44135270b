"""The coreference stage: what a pronoun ("he said"), a role phrase ("the minister", "the
diplomat"), a document noun ("the readout") or "it" (an institution) stands for, from what an
article has named so far. ``Context`` is that memory, carried from paragraph to paragraph.

Pure functions of text + config.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise
from typing import Any

from bot.config import Language
from bot.extract.actors import ActorIndex, ActorMention, slug
from bot.extract.institutions import is_body, new_body, portfolio
from bot.model import Actor


@dataclass
class Context:
    """What the extractor remembers across paragraphs, for "he said" and continuing quotes."""

    last_speaker: str = ""
    prev_para_speaker: str = ""
    prev_first_person: str = ""
    prev_people: list[str] = field(default_factory=list)  # the previous paragraph's, in order
    prev_turned: str = ""  # the previous paragraph closed on a new person, after its speaker
    prev_last_subject: str = ""  # the person opening the previous paragraph's last sentence
    last_institution: str = ""
    institutions: list[str] = field(default_factory=list)  # named so far, latest last
    prev_institutions: list[str] = field(default_factory=list)  # the previous paragraph's
    pending_speaker: str = ""  # 'He told reporters:' - the next paragraph is his words
    recent_people: list[str] = field(default_factory=list)
    unknown: dict[str, Actor] = field(default_factory=dict)  # discovered names, by actor id
    surnames: dict[str, str] = field(default_factory=dict)  # "Zawadzki" -> "marek_zawadzki"
    question_issues: tuple[str, ...] = ()  # the last transcript question's issues
    question_named: bool = False  # whether the last question named them itself
    para: str = ""  # the paragraph being read
    asker: str = ""  # who asked the question last reported: "he said" after it is another
    prev_para: str = ""  # the previous paragraph outside its quotes
    prev_issues: tuple[str, ...] = ()  # the issues the previous paragraph names
    live_blog: bool = False  # entries under time stamps: quote paragraphs go without marks
    orphan_quote: Any = None  # a quotation paragraph still without a speaker (a _Draft)
    addressee: str = ""  # in an interviewer's question, who "you" is
    credited: str = ""  # "This was stated by X" opening the paragraph: X said the one before


class Coreference:
    """Resolves mentions that are not names to the actors they stand for."""

    def __init__(self, index: ActorIndex, language: Language) -> None:
        self.index = index
        self.language = language
        self._titles = (language.title_words - language.prepositions) | {"people's"}
        self._question_words = language.question_words - language.prepositions
        # cheap: most sentences hold no question verb at all, even inside a word (a test of the
        # text lower-cased, exact where the verbs are ASCII: their letters lower-case alone)
        verbs = language.question_verbs
        self._asking = tuple(verbs) if all(v.isascii() for v in verbs) else None
        self._portfolios = frozenset(w.lower() for w in language.not_name_words)
        self._heads = language.body_nouns | language.institution_heads

    def resolve(
        self,
        mention: ActorMention,
        ctx: Context,
        here: list[str],
        mentions: Sequence[ActorMention] = (),
    ) -> str:
        if mention.kind in ("person", "institution", "anonymous", "unknown"):
            return mention.actor_id
        if mention.kind == "plural" and mention.noun == "pair":
            return self._named_pair(ctx, mention, mentions)
        if mention.kind == "plural":
            # "they said": the unnamed sources or the body that spoke last
            for actor_id in reversed([*here, ctx.last_speaker]):
                actor = self.index.actor(actor_id)
                if actor is not None and actor.kind in ("anonymous", "institution"):
                    return actor_id
            found = self._pair(ctx.para, mention, mentions)
            if found or not ctx.prev_para or any(m.end <= mention.start for m in mentions):
                return found
            # "Witkoff and Kushner flew to Moscow." then a paragraph opening "They said": the
            # pair opening the previous paragraph's last sentences
            end = ActorMention(len(ctx.prev_para), len(ctx.prev_para), "", "plural")
            return self._pair(ctx.prev_para, end, self.index.find(ctx.prev_para))
        if mention.kind == "another":
            # "A person familiar with the talks said ... Another said": one more of the unnamed
            # sources that spoke last
            for actor_id in reversed([*here, ctx.last_speaker]):
                actor = self.index.actor(actor_id)
                if actor is not None and actor.kind == "anonymous":
                    return actor_id
            return ""
        if mention.kind == "thing":
            # "It says Putin confirmed ...": the institution (or its readout) named last
            before = [
                m.actor_id for m in mentions if m.kind == "institution" and m.end <= mention.start
            ]
            lang = self.language
            if mention.noun in lang.role_nouns - lang.document_nouns:
                # "NATO held a meeting of foreign ministers. Its secretary general said": the
                # tracked holder of that role in the latest body this paragraph (else the one
                # before) named that has one; a spokesman's words are his body's ("Its
                # spokesman said": the Kremlin)
                for body in reversed(before or ctx.prev_institutions):
                    holder = self.index.actor(self._holder(replace(mention, owner=body), ctx, []))
                    if holder is not None:
                        return body if holder.speaks_for == body else holder.id
            owner = before[-1] if before else self._institution(mention.noun, ctx)
            if mention.phrase and mention.noun in lang.document_nouns - lang.role_nouns:
                # "Kyiv has not given a number, but its foreign ministry says": Kyiv's
                return self.index.owned(owner, mention.phrase) or owner
            return owner
        asked = self.asked_about(ctx.para, mention.start)
        people_before = [
            m.actor_id
            for m in mentions
            if m.kind in ("person", "unknown")
            and m.end <= mention.start
            # "Asked whether he still trusted Putin, the President shrugged": not Putin
            and m.start not in asked
        ]
        if mention.kind == "role" and mention.possessor:
            # "His envoy said": the role of the man "his" stands for
            him = replace(mention, kind="pronoun", gender=mention.possessor, possessor="")
            owner = self.resolve(him, ctx, here, mentions)
            if not owner:
                return ""
            mention = replace(mention, owner=owner, possessor="")
        if mention.kind == "role":
            return self._role(mention.noun, ctx, here, people_before, mentions, mention)
        # a pronoun: the speaker so far in this paragraph, the first person named before it in
        # this paragraph, the last speaker, the first person named in the previous paragraph,
        # then the most recent person - of the right gender
        # the first person named as a subject, not after a preposition ("a question about his
        # golf games with the U.S. president. Stubb laughs") nor as a possessor ("Putin's aide")
        subjects = [
            m.actor_id
            for m in mentions
            if m.kind in ("person", "unknown")
            and m.end <= mention.start
            and not self.oblique(ctx.para, m)
        ]
        # "Pressed by presenter Kessler on whether ..., he replied": the asker after "by" is
        # not who answers; a possessor may be ("Zelensky's aide said ... he")
        agents = {
            m.actor_id
            for m in mentions
            if m.kind in ("person", "unknown")
            and m.end <= mention.start
            and _after_agent_word(ctx.para, m, self.language.agent_words)
        }
        subjects = [p for p in subjects if p not in agents]
        candidates = [
            self._turned(ctx.para, mention, mentions, here),
            *reversed(here),
            *subjects[:1],
            *[p for p in people_before[:1] if p not in agents],
            *subjects[1:],  # "Sybiha and Kallas met. She said": the next of the right gender
            # "Kallas was more cautious than Rubio. He told reporters": the last person this
            # paragraph named before the pronoun, when no subject before it fits
            *[p for p in reversed(people_before) if p not in agents],
            ctx.prev_turned,
            ctx.prev_para_speaker,
            ctx.prev_last_subject,
            ctx.prev_first_person,
            ctx.last_speaker,
            *reversed(ctx.recent_people),
        ]
        for actor_id in candidates:
            if not actor_id or actor_id == ctx.asker:
                continue
            actor = self.index.actor(actor_id)
            if actor is None:  # a discovered name: gender unknown, accept
                return actor_id
            if actor.kind == "person" and actor.gender in ("", mention.gender):
                return self._office(actor) if mention.noun == "office" else actor_id
        return ""

    def _turned(
        self, para: str, mention: ActorMention, mentions: Sequence[ActorMention], here: list[str]
    ) -> str:
        """ "Witkoff said a deal was close. Umerov was more cautious. He said": the person the
        sentence before opens on, when the paragraph's speaker so far is not named in it and
        the pronoun opens its own sentence; else ""."""
        if not here:
            return ""
        lo = max(0, mention.start - 600)  # two sentences back at most: bound the search
        ends = [lo, *(e.end() for e in _SENTENCE_END.finditer(para, lo, mention.start))]
        if len(ends) < 2:
            return ""
        before: list[ActorMention] = []
        for m in reversed(mentions):  # in text order: from the pronoun back
            if m.start >= mention.start:
                continue
            if m.start >= ends[-1]:
                return ""  # a name opens the pronoun's sentence before it
            if m.start < ends[-2]:
                break
            before.append(m)
        if not before:
            return ""
        first = before[-1]
        if first.kind not in ("person", "unknown") or self.oblique(para, first):
            return ""
        return "" if any(m.actor_id == here[-1] for m in before) else first.actor_id

    def _pair(self, para: str, mention: ActorMention, mentions: Sequence[ActorMention]) -> str:
        """ "Witkoff and Kushner flew to Moscow. They said ...": the first of two people joined
        by a conjunction who open the sentence before the pronoun's (or the pronoun's own)."""
        start = _sentence_start(para, mention.start)
        start = _sentence_start(para, max(start - 1, 0))
        named = [m for m in mentions if start <= m.start and m.end <= mention.start]
        for i, (first, second) in enumerate(pairwise(named)):
            sentence = _sentence_start(para, first.start)
            if (
                first.kind in ("person", "unknown")
                and second.kind in ("person", "unknown")
                and para[first.end : second.start].strip().lower()
                in self.language.pair_conjunctions
                and not any(sentence <= m.start for m in named[:i])
                and not self.oblique(para, first)
            ):
                return first.actor_id
        return ""

    def _named_pair(
        self, ctx: Context, mention: ActorMention, mentions: Sequence[ActorMention]
    ) -> str:
        """ "Putin met Witkoff and Kushner. The two envoys said": the first of the last two
        people joined by a conjunction, in this paragraph before the phrase, else in the
        previous one - subjects or not, the phrase says there are two."""
        for para, named in (
            (ctx.para, [m for m in mentions if m.end <= mention.start]),
            (ctx.prev_para, list(self.index.find(ctx.prev_para)) if ctx.prev_para else []),
        ):
            people = [m for m in named if m.kind in ("person", "unknown")]
            for first, second in reversed(list(pairwise(people))):
                joined = para[first.end : second.start].strip().lower()
                if joined in self.language.pair_conjunctions:
                    return first.actor_id
            if people:
                # "Trump met Zelensky. The two leaders said": the first of two people the last
                # sentence naming anyone named
                start = _sentence_start(para, people[-1].start)
                last = list(dict.fromkeys(m.actor_id for m in people if m.start >= start))
                return last[0] if len(last) > 1 else ""
        return ""

    def asked_about(self, para: str, at: int) -> range:
        """Where a question the sentence before ``at`` reports stands ("Asked whether ...,"),
        up to its comma: the names inside it are what was asked about, not who answers."""
        start = _sentence_start(para, at, ".!?\n")
        if self._asking is not None:
            lowered = para[start:at].lower()
            if not any(verb in lowered for verb in self._asking):
                return range(0)
        words = list(_WORDS.finditer(para, start, at))
        for i, word in enumerate(words):
            if word.group(0).lower() not in self.language.question_verbs:
                continue
            # "Asked by reporters on Air Force One whether ...": the asker may stand between
            for nxt in words[i + 1 : i + 10]:
                if "," in para[word.end() : nxt.start()]:
                    break
                if nxt.group(0).lower() in self._question_words:
                    comma = para.find(",", nxt.end(), at)
                    return range(nxt.start(), comma if comma != -1 else at)
        return range(0)

    def _office(self, person: Actor) -> str:
        """The tracked office of a person ("his office" -> "Zelensky's office"), else himself."""
        forms = {f"{form}'s office" for form in (person.name.split()[-1], *person.aliases)}
        for actor in self.index.actors.values():
            if actor.kind == "institution" and forms & {
                a.replace("’", "'") for a in actor.aliases
            }:
                return actor.id
        return person.id

    def oblique(self, para: str, m: ActorMention) -> bool:
        """Whether a mention is no clause's subject: a possessor ("Putin's aide") or after a
        preposition ("with the U.S. president")."""
        if para[m.end : m.end + 2] in ("'s", "’s"):
            return True
        start = _sentence_start(para, m.start, ".!?\n")
        opener = _WORDS.search(para, start, m.start)
        if (
            opener is not None
            and opener.group(0).lower() in self.language.adjunct_openers
            and "," not in para[opener.end() : m.start]
        ):
            return True  # "After meeting Witkoff in Miami, Umerov flew home"
        # within its sentence: "... said on Friday. Umerov was more cautious" - "Friday", a
        # title word, and "on" belong to the sentence before
        ends = [e.end() for e in _SENTENCE_END.finditer(para, max(0, m.start - 40), m.start)]
        window = para[max(0, m.start - 40, *ends[-1:]) : m.start]
        words = [w.lower() for w in _WORDS.findall(window)]
        while len(words) > 1 and words[-1] in self._titles:
            words.pop()  # "asked by People's Deputy Hrytsenko": the title is no preposition
        return bool(words) and words[-1] in self.language.prepositions

    def _institution(
        self, noun: str, ctx: Context, *, strict: bool = False, also: Sequence[str] = ()
    ) -> str:
        """The institution a noun stands for ("the coalition"): the latest whose name holds
        it (of ``also`` named in this paragraph, then the earlier ones), else (unless
        ``strict``) the latest named."""
        for actor_id in (*reversed(also), *reversed(ctx.institutions)):
            # a body the config lacks too: "the Federal Ministry of Finance ... The Ministry"
            actor = self.index.actor(actor_id) or ctx.unknown.get(actor_id)
            if noun and actor is not None and noun in actor.name.lower():
                return actor_id
        return "" if strict else ctx.last_institution

    def _role(
        self,
        noun: str,
        ctx: Context,
        here: list[str],
        people_before: list[str],
        mentions: Sequence[ActorMention],
        mention: ActorMention,
    ) -> str:
        """ "the minister", "the diplomat", "the readout": the actor the role phrase stands for."""
        lang = self.language
        if noun in lang.latter_nouns | lang.former_nouns:
            if _CAPITAL_NEXT.match(ctx.para, mention.end):
                return ""  # "the former Soviet republics": an adjective, not the anaphor
            # "Merz and Macron disagreed. The former said": by order, among those just named
            # (or, when this paragraph named nobody before it, among the previous one's)
            order = people_before or ctx.prev_people
            named = [p for i, p in enumerate(order) if p not in order[:i]]
            back = 1 if noun in lang.latter_nouns else 2
            return named[-back] if len(named) >= back else ""
        if noun in lang.document_nouns and noun not in lang.role_nouns:
            before = [
                m.actor_id
                for m in mentions
                if (m.kind == "institution" or is_body(m)) and m.end <= mention.start
            ]
            held = portfolio(mention, self._portfolios, self._heads)
            if held:
                # "the finance ministry says": the body whose name holds it, else a new one
                found = self._institution(held, ctx, strict=True, also=before)
                return found or ctx.unknown.setdefault(slug(held), new_body(held)).id
            return before[-1] if before else self._institution(mention.noun, ctx)
        if noun in lang.anonymous_nouns:
            # "One European diplomat was more blunt. The diplomat said": the unnamed source
            # this paragraph named before, whether or not it spoke yet
            named = [
                m.actor_id
                for m in mentions
                if m.kind == "anonymous" and m.end <= mention.start and not mention.owner
            ]
            for actor_id in reversed([*here, ctx.last_speaker, *named[-1:]]):
                actor = self.index.actor(actor_id)
                if actor is not None and actor.kind == "anonymous":
                    return actor_id
            if noun not in lang.role_nouns:
                return "anon_source"
        candidates = [
            *reversed(here),
            *reversed(people_before),
            ctx.prev_para_speaker,
            ctx.last_speaker,
            ctx.prev_first_person,
            *reversed(ctx.recent_people),
        ]
        holder = self._holder(mention, ctx, candidates)
        if holder:
            return holder
        owner = self.index.actor(mention.owner) if mention.owner else None
        if owner is not None and owner.kind != "person":
            return mention.owner  # "the bloc's envoy" nobody holds: the body speaks
        if owner is not None:
            return ""  # "Zelensky's chief of staff" nobody tracked holds: not Zelensky
        first = open_ = ""
        noun = self._head(mention.phrase) or _words(noun)
        fitting = self._fitting(mention.phrase, noun, candidates)
        if fitting:
            return fitting
        # a name this paragraph introduced, or the one who spoke just before: "Deputy Minister
        # Ryabkov noted ..." then '"...," the diplomat added' is him, not a tracked diplomat
        # named further back
        local = {*here, *people_before, ctx.prev_para_speaker}
        further = len(here) + len(people_before) + 1  # past the previous paragraph's speaker
        for i, actor_id in enumerate(candidates):
            if open_ and i >= further:
                return open_
            if not actor_id:
                continue
            actor = self.index.actor(actor_id)
            if actor is not None and actor.kind != "person":
                continue
            if not first:
                first = actor_id
            if actor is None or not _described(actor):
                # a name this paragraph introduced: its role is not known to differ
                if actor_id in local:
                    open_ = open_ or actor_id
            elif noun in _described(actor):
                return actor_id
        # "the chair of the committee said" after a quote of the U.S. president: not him;
        # "Russia's lead negotiator" is someone's role its owner pins down, not whoever spoke
        # last, if their role is known to differ
        if _words(ctx.para[mention.start : mention.end]).split()[1:2] == ["s"]:
            known = self.index.actor(first) if first else None
            return open_ or ("" if known is not None and _described(known) else first)
        return open_ or first

    def _fitting(self, phrase: str, head: str, candidates: list[str]) -> str:
        """ "Sybiha met Rasmussen. The Ukrainian minister said": the first person whose known
        role holds the head and every word before it, when the phrase has such words."""
        words = _words(phrase.split(" of ", 1)[0]).split()
        modifiers = words[: len(words) - len(head.split())]
        if not modifiers or words[len(modifiers) :] != head.split():
            return ""
        for actor_id in candidates:
            actor = self.index.actor(actor_id) if actor_id else None
            if actor is None or actor.kind != "person":
                continue
            described = f" {_described(actor)} "
            if f" {head} " in described and all(f" {w} " in described for w in modifiers):
                return actor_id
        return ""

    def _head(self, phrase: str) -> str:
        """The role nouns a phrase ends on, as words: "deputy minister" in "the deputy
        minister" (not any minister), "minister" in "the foreign minister"."""
        words = _words(phrase.split(" of ", 1)[0]).split()
        head: list[str] = []
        while words and words[-1] in self.language.role_nouns:
            head.insert(0, words.pop())
        return " ".join(head)

    def _possessed(self, span: str, noun: str) -> str:
        """The one tracked person a possessed role describes, whatever its adjective: "Ukraine's
        lead negotiator" for "Ukraine's top negotiator"; "" if none or several."""
        words = _words(span).split()
        if len(words) < 4 or words[1] != "s" or words[-1] != _words(noun):
            return ""  # not "<owner>'s <adjective> <noun>"
        head, tail = f"{words[0]} s ", f" {words[-1]}"
        held = {
            a.id
            for a in self.index.actors.values()
            if a.kind == "person"
            and any(
                (d := _words(form)).startswith(head) and d.endswith(tail)
                for form in a.descriptions
            )
        }
        if not held:
            # "America's chief diplomat" for "America's top diplomat": the owner and the noun
            # in one of the person's descriptions, whatever stands between
            held = {
                a.id
                for a in self.index.actors.values()
                if a.kind == "person"
                and any(
                    f" {words[0]} " in f" {d} " and d.endswith(tail)
                    for d in map(_words, a.descriptions)
                )
            }
        return held.pop() if len(held) == 1 else ""

    def _holder(self, mention: ActorMention, ctx: Context, candidates: list[str]) -> str:
        """Who holds a role its words or its owner pin down: "the alliance's secretary-general"
        (a role of NATO), "the secretary of state" (one tracked person's role) - first among the
        people named so far, else the one tracked person it fits."""
        phrase = _words(mention.phrase)
        if not mention.owner and len(phrase.split()) < 2:
            return ""  # "the minister": any minister, the context decides
        owner = mention.owner
        if owner and self.index.actor(owner) is None:
            # "the ministry's": the ministry named last, else any whose role names one
            owner = self._institution(owner, ctx, strict=True) or owner
        body = self.index.actor(owner)
        forms = (
            {_words(f).removeprefix("the ") for f in (body.name, *body.aliases)}
            if body is not None
            else {owner}
        )

        # "Zelensky's chief of staff": the noun with its complement, not any chief of his
        head = _words(mention.noun)
        if owner and f"{head} of " in phrase:
            head = phrase[phrase.index(f"{head} of ") :]

        def fits(actor: Actor) -> bool:
            described = _described(actor)
            if (phrase if not owner else head) not in described:
                return False
            if not owner:
                return True
            return actor.speaks_for == owner or any(
                f and f" {f} " in f" {described} " for f in forms
            )

        for actor_id in candidates:
            actor = self.index.actor(actor_id) if actor_id else None
            if actor is not None and actor.kind == "person" and fits(actor):
                return actor_id
        tracked = [a.id for a in self.index.actors.values() if a.kind == "person" and fits(a)]
        if len(tracked) == 1:
            return tracked[0]
        country = _words(body.role).rpartition(" of ")[2] if body is not None else ""
        if body is not None and body.kind == "person" and " of " in _words(body.role):
            # "Putin's foreign minister": the one tracked person whose role is that phrase of
            # his country (the "Russia" of "President of Russia")
            side = [
                a.id
                for a in self.index.actors.values()
                if a.kind == "person"
                and f" {country} " in f" {_described(a)} "
                and a.id != body.id
                and f" {phrase} " in f" {_described(a)} "
            ]
            if len(side) == 1:
                return side[0]
        return self._possessed(ctx.para[mention.start : mention.end], mention.noun)


def _sentence_start(para: str, at: int, marks: str = ".!?") -> int:
    """Where the sentence holding ``at`` starts: just after the last of ``marks`` before it."""
    return max(para.rfind(c, 0, at) for c in marks) + 1


_WORDS = re.compile(r"[\w'’]+")
_SENTENCE_END = re.compile(r"(?<=[^\W\d_][^\W\d_])[.!?][\"”’]?\s")  # not "U.S. envoy"
_CAPITAL_NEXT = re.compile(r"\s+[^\W\d_a-zа-яё]")  # a capitalised word next


def _after_agent_word(para: str, m: ActorMention, agent_words: frozenset[str]) -> bool:
    """Whether a mention is a passive's agent: "by" one or two words before it ("pressed by
    presenter Ruth Kessler")."""
    words = [w.lower() for w in _WORDS.findall(para[max(0, m.start - 40) : m.start])]
    return any(w in agent_words for w in words[-2:])


def _words(text: str) -> str:
    """Role words compared as lower-case words: "Secretary-General" -> "secretary general"."""
    return " ".join(text.lower().replace("-", " ").replace("'", " ").split())


def _described(actor: Actor) -> str:
    """An actor's role and descriptions, as words."""
    return _words(" ".join((actor.role, *actor.descriptions)).replace("’", "'"))
