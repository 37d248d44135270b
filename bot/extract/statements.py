"""The statement engine's attribution and coreference stages, and its entry point.

``Extractor.extract(text)`` runs the stages in order: segment (blocks and sentences, headings and
clutter marked as not text) → quotes → mentions (gazetteer, role phrases, pronouns, unknown names)
→ attribution (who says each quote or reported sentence) → coreference ("he", "the minister", a
surname after its first mention, "it" for an institution) → issues (read in context). Beyond
prose it reads embedded posts ("text" above "— Name"), interview transcripts ("ZELENSKY: ...",
"Q:"/"A:"), paragraphs laid out as a speaker's words, and documents reproduced in full
(readouts, joint statements: their sentences are the author's). Headlines are never statements,
and an article that is not about the talks (bot/extract/topic.py) yields nothing.

Pure functions of text + config.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from bot.config import Language
from bot.extract.actors import ActorIndex, ActorMention, slug
from bot.extract.attribution import MIN_QUOTE_WORDS, Attributor
from bot.extract.candidates import Candidates
from bot.extract.casing import recased
from bot.extract.coreference import Context, Coreference
from bot.extract.institutions import Institutions, is_body
from bot.extract.issues import IssueReader, IssueTagger
from bot.extract.quotes import Quote, QuoteFinder, all_quote, mask, outside_quotes
from bot.extract.segment import HEADING_MAX_WORDS, Block, Segmenter
from bot.extract.topic import TopicGate
from bot.language import CaselessPattern, longest_first
from bot.model import Actor, Statement

MIN_REPORTED_WORDS = 6
ITEM_MIN_WORDS = (
    4  # a key-point item says it in few words: "• Zelensky: no withdrawal from Donbas"
)
FRAGMENT_MIN_WORDS = 2  # a quoted fragment inside a statement is a row; one word is not
TURN_MIN_WORDS = 4  # "Yes. FEMA is pre-positioned" answers; "Thank you, guys." does not
CUE_MAX_WORDS = 12  # a moderator's cue is short: "I'll come back to you."
CUE_ALONE_WORDS = 2  # a one-word cue is one only nearly alone: "Next question.", "Thanks."
DOCUMENT_LOOKAHEAD = 4  # a document marker is looked for in an article's first blocks
LIVE_BLOG_TIMES = 2  # time-stamped entries that make an article a live blog
DECK_MIN_WORDS = 8  # a shorter line under the headline is a byline or a label
LABEL_WORDS = 3  # 'CLAIM 1: "..."': a label this short before a quotation names no one
KICKER_MAX_WORDS = 3  # "FACT CHECK" above the headline is a label, not the headline
_ANAPHORIC_TOPIC = re.compile(
    r"\b(?:this|that|these|the) "
    r"(?:issue|question|matter|point|topic|problem|demand|proposal|idea)s?\b",
    re.IGNORECASE,
)
_STAMPED = re.compile(r"\s*\d{1,2}[:.]\d{2}")
_QUOTED_BLOCK = re.compile(r"\s*[\"“«„][^\"“”«»„]+[\"”»][.!?]?\s*")  # a paragraph all quotation
_ANAPHORIC_START = re.compile(r"(?:That|This|Those|These|So|Such|Thus)\b")
# "— Marco Rubio, in Riyadh": a dash opens the line that signs the quotation above it
_SIGNATURE = re.compile(r"\s*[-—–]\s*(?=[A-Z])")
_POSSESSIVE_SPOKES = re.compile(
    r"\b(?P<p>[Hh]is|[Hh]er) (?:spokes(?:man|woman|person)|(?P<office>office))\b"
)
_JOURNALIST = re.compile(
    r"(?:'s\s+(?:[\w-]+\s+){0,2}$)|\b(?:editor|correspondent|reporter|journalist|host|anchor|"
    r"interviewer|columnist)[\w-]*\s+(?:[\w-]+\s+){0,1}$",
    re.IGNORECASE,
)
_WORD = re.compile(r"[\w'’-]+")
_VOCATIVE = re.compile(r"\s*[A-Z][\w'’-]+[.!?]?\s*")  # "Zeke.": the next reporter called on
_ITEM = re.compile(r"\s*[•▪◦*-]\s")  # an item of a list of key points
_SINGLE_OPEN = frozenset("'‘‹")  # single quotation marks
_CLOSING = frozenset("\"”»“’'‹›")  # a quotation's closing mark
_TOKEN = re.compile(r"[\w'’]+")
# a lower-case word right after a role, other than its "of" phrase: the role's own verb
_OWN_VERB = re.compile(r"\s+(?!of\b)[a-z][\w'’-]*")


Resolve = Callable[[ActorMention], str]


@dataclass(frozen=True)
class _Draft:
    """A statement found, and where its issues come from when its own words name none."""

    statement: Statement
    own: bool  # its text or sentence names an issue
    fallback: tuple[tuple[str, ...], ...] = ()
    block: int = -1  # which paragraph it is in


@dataclass(frozen=True)
class _Document:
    """A document an article reproduces in full: its author, where it starts, who it names."""

    author: str
    start: int  # index of the first block of the document
    principals: frozenset[str]
    # a release known by its label only: a sentence of it without a verb of saying is what
    # happened ("The session concluded today"), not its author's words
    speech_only: bool = False


@dataclass(frozen=True)
class Extraction:
    """Statements of one article and the actors not in the config that it named."""

    statements: tuple[Statement, ...]
    new_actors: tuple[Actor, ...]


class Extractor:
    """Extracts statements from article text, given the configured actors and issues."""

    def __init__(self, index: ActorIndex, tagger: IssueTagger, language: Language) -> None:
        self.index = index
        self.tagger = tagger
        self.language = language
        self.abbreviations = language.abbreviations
        self.segmenter = Segmenter(language)
        self.coref = Coreference(index, language)
        self.reader = IssueReader(tagger, language)
        self.topic = TopicGate(index, tagger, language)
        self.quotes = QuoteFinder(language.quote_pairs)
        self.attribution = Attributor(index, language, self.segmenter)
        self.candidates = Candidates(language)
        self.institutions = Institutions(language, index)
        self._first_person_word = CaselessPattern(
            r"(?<![\w'’])(?:" + longest_first(language.first_person) + r")(?![\w'’])"
        )
        self._markers = tuple(m.lower() for m in language.document_markers)
        # "You said in Oslo that ...": the addressee speaking, in an interviewer's question
        self._you_said = (
            re.compile(
                rf"(?<![\w'’])(?i:{longest_first(language.second_person)})"
                rf"(?=\s+(?:{longest_first(language.speech_verbs)})(?![\w'’]))"
            )
            if language.second_person and language.speech_verbs
            else None
        )
        # "That was the message from ...": a sentence crediting the one before it
        nouns = longest_first(language.position_nouns | language.event_nouns)
        copulas = longest_first(language.copulas) or "(?!)"
        self._credit = re.compile(
            rf"(?:That|This)\s+(?i:{copulas})\s+"
            rf"(?:(?:[\w'’-]+\s+){{0,2}}?(?i:{nouns or '(?!)'})\s+"
            rf"(?i:{longest_first(language.credit_prepositions) or '(?!)'})"
            # "This was stated by Kremlin spokesman Dmitry Peskov to journalists."
            rf"|(?i:{longest_first(language.neutral_verbs) or '(?!)'})\s+"
            rf"(?i:{longest_first(language.agent_words) or '(?!)'}))\s"
        )
        # "Trump ... His envoy said": a role of the man the possessive stands for
        owners = {p: "m" for p in language.possessives_male}
        owners.update({p: "f" for p in language.possessives_female})
        self._possessor_gender = {p.lower(): g for p, g in owners.items()}
        self._possessed_role = (
            re.compile(
                rf"(?<![\w'’-])(?P<p>(?i:{longest_first(owners)}))\s+(?P<r>(?:[a-z][\w-]*\s+)"
                rf"{{0,2}}?(?P<w>(?i:{longest_first(language.role_nouns)}))(?:\s+of\s+\w+)?)"
                r"(?![\w'’-])"
            )
            if owners and language.role_nouns
            else None
        )
        # "foreign", "minister", "secretary": words of a title before a name
        self._label_titles = language.title_words - language.stopwords - language.prepositions
        # "Ukraine's chief negotiator Rustem Umerov": the words between a role and the name
        self._name_titles = self._label_titles | language.role_nouns
        self._before_source = language.source_articles | language.determiners
        # "..., and Merz said", "..., while Kallas wrote": a new speaker's clause
        self._coordinators = frozenset(
            w for w in language.clause_openers if w not in language.clause_words
        )
        cues = longest_first(language.moderator_cues)
        self._cue = re.compile(rf"(?<!\w)(?:{cues or '(?!)'})(?!\w)", re.IGNORECASE)
        # 'the so-called "reassurance force"': a term in quotation marks, nobody's words
        terms = longest_first(language.term_markers)
        self._term_before = re.compile(rf"(?i:{terms or '(?!)'})\W*$")
        # "QUESTION:", "Question:", "Q:" are one label
        self._question_labels = {label.lower() for label in language.question_labels}
        self._answer_labels = {label.lower() for label in language.answer_labels}
        self._passive = (
            re.compile(
                r"(?<!\w)(?:"
                + "|".join(re.escape(p) for p in language.passive_speech)
                + r")(?!\w)",
                re.IGNORECASE,
            )
            if language.passive_speech
            else None
        )

    def extract(self, text: str) -> Extraction:
        """Every statement in an article, in text order."""
        printed = text
        text = recased(text, self.index.name_words, self.language.stopwords, HEADING_MAX_WORDS)
        blocks = self.segmenter.blocks(text)
        ctx = Context()
        ctx.live_blog = sum(1 for b in blocks if b.label == "time") >= LIVE_BLOG_TIMES
        drafts: list[_Draft] = []
        new_actors: dict[str, Actor] = {}
        counts: Counter[str] = Counter()
        document = self._document(blocks, ctx)
        interviewee = ""
        if any(b.kind == "turn" for b in blocks):
            interviewee = self._interviewee(blocks, ctx)
        in_document = False
        # "I have no reason to doubt his arithmetic", "whom I quoted here": the writer speaks
        # in the first person, so a paragraph in it is the writer's, not the last speaker's
        writer_speaks = not ctx.live_blog and any(
            b.kind == "text" and self._writer_speaks(b.text) for b in blocks
        )
        for i, block in enumerate(blocks):
            if document is not None and i == document.start:
                in_document = True
            if i == 1 and block.kind == "heading" and _is_deck(block.text, blocks[0]):
                # the deck under the headline: "Ukraine's foreign minister rules out a vote
                # before a ceasefire, in an interview with ..." attributes a statement
                block = replace(block, kind="text")
            if not block.is_prose:
                signed = self._signature(block, ctx) if block.kind == "heading" else None
                if signed is not None:
                    # '"..."' then '— Marco Rubio, in Riyadh': the line under a quotation
                    # signs it
                    drafts.append(replace(signed, block=i - 1))
                    actor = ctx.unknown.get(signed.statement.actor_id)
                    if actor is not None:
                        new_actors.setdefault(actor.id, actor)
                if block.kind == "heading":
                    # a section head or live-blog entry title: what follows is a new entry
                    in_document = False
                    # ... and the person the last entry named does not speak its quotation
                    ctx.prev_para_speaker = ctx.pending_speaker = ctx.prev_first_person = ""
                    ctx.orphan_quote = None
                continue
            block_issues = self.tagger.tags(block.text)
            for issue in block_issues:
                counts[issue] += 1
            if block.kind == "post":
                found = self._post(block, ctx)
                ctx.pending_speaker = ""  # 'X posted on X:' introduced the post, signed
            elif block.kind == "turn":
                found = self._turn(block, ctx, interviewee)
            else:
                author = document if in_document else None
                ctx.credited = ""
                found = self._paragraph(
                    block.text, block.start, ctx, author, laid_out=not writer_speaks
                )
                if ctx.credited and i and _QUOTED_BLOCK.fullmatch(blocks[i - 1].text):
                    # a paragraph all quotation, then "This was stated by Iryna Savchuk during
                    # a briefing": hers, not the speaker before it
                    drafts = [
                        replace(d, statement=replace(d.statement, actor_id=ctx.credited))
                        if d.block == i - 1 and d.statement.kind == "direct"
                        else d
                        for d in drafts
                    ]
                    credited = ctx.unknown.get(ctx.credited)
                    if credited is not None:
                        new_actors.setdefault(credited.id, credited)
            drafts.extend(replace(d, block=i) for d in found)
            for draft in found:
                actor = ctx.unknown.get(draft.statement.actor_id)
                if actor is not None:
                    new_actors.setdefault(actor.id, actor)
            ctx.prev_para = outside_quotes(block.text, self.quotes.find(block.text))
            ctx.prev_issues = block_issues
        if not self._on_topic(drafts, blocks):
            return Extraction((), ())
        statements = self.reader.settle(
            [(d.statement, d.fallback, d.block) for d in drafts], counts, text
        )
        statements.sort(key=lambda s: s.position)
        if text is not printed:  # shouted lines were read in ordinary case: show them as printed
            statements = [_as_printed(s, text, printed) for s in statements]
        return Extraction(tuple(statements), tuple(new_actors.values()))

    def _on_topic(self, drafts: Sequence[_Draft], blocks: Sequence[Block]) -> bool:
        """Whether an article is about the talks (bot/extract/topic.py): its prose and its
        statements name the issues, the talks and the country they are about, again and again;
        an item too short to judge is, when a tracked actor speaks in it."""
        tracked = any(
            (actor := self.index.actor(d.statement.actor_id)) is not None
            and actor.kind != "anonymous"
            for d in drafts
        )
        return self.topic.on_topic(
            blocks,
            # a remark names an issue in its own words or its sentence ("He said so on Donbas")
            lambda: any(d.own or self.topic.names_talks(d.statement.text) for d in drafts),
            tracked,
        )

    # --- blocks that are not plain prose ------------------------------------------------------

    def _post(self, block: Block, ctx: Context) -> list[_Draft]:
        """An embedded post: its text is a direct statement by the author its signature names."""
        speaker = self._named(block.label, ctx)
        if not speaker:
            return []
        start, end = _trim(block.text, 0, len(block.text))
        quotes = self.quotes.find(block.text)
        if len(quotes) == 1 and all_quote(block.text, quotes[0]):
            # a pull quote signed "— Name": the words inside the marks
            start, end = _trim(block.text, quotes[0].start, quotes[0].end)
        text = block.text[start:end]
        issues = self.tagger.tags(text)
        ctx.prev_para_speaker = ctx.last_speaker = speaker
        return [
            _Draft(
                Statement(speaker, "direct", text, issues, block.start + start),
                own=bool(issues),
                fallback=(self.tagger.tags(ctx.prev_para),),
            )
        ]

    def _turn(self, block: Block, ctx: Context, interviewee: str) -> list[_Draft]:
        """A transcript turn: an answer is a direct statement by whoever gives it."""
        body = block.text[block.body :]
        label = block.label
        if self.institutions.place_turn(label, self.index.find(label.title(), unknown=False)):
            # "BRUSSELS: EU foreign policy chief Kaja Kallas told reporters": a dateline
            return self._paragraph(body, block.start + block.body, ctx, None)
        if label.lower() in self._question_labels:
            speaker = ""
        elif label.lower() in self._answer_labels:
            speaker = interviewee
        elif any(c.islower() for c in label):
            # "Shevchuk:", "Andrii Sybiha:": a label in ordinary case names its speaker (the
            # interviewer's turns are questions, marked as such by the segmenter)
            speaker = self._named(label, ctx)
        else:
            speaker = self._named(label.title(), ctx, create=False)
            if speaker != interviewee and self.index.actor(speaker) is None:
                speaker = ""  # the interviewer, not in the config
            words = label.lower().split()
            if not speaker and len(words) > 2 and any(w in self._label_titles for w in words[:2]):
                # "FOREIGN MINISTER FAISAL BIN FARHAN:", "SAUDI FOREIGN MINISTER ...": an
                # official by title and name, not the interviewer (one the config lacks)
                speaker = self._named(label.title(), ctx)
        if not speaker:
            # a question names the issue its answer is about; one that names none follows up
            named = self.tagger.tags(body)
            ctx.question_named = bool(named)
            ctx.question_issues = named or ctx.question_issues
            # "Moscow says the force would be a NATO deployment. Is it?": speech in a question;
            # "You said in Oslo that ...": the one interviewed
            ctx.addressee = interviewee
            found = self._paragraph(body, block.start + block.body, ctx, None, laid_out=False)
            ctx.prev_para_speaker = ctx.addressee = ""
            return found
        start, end = _trim(block.text, block.body, len(block.text))
        text = block.text[start:end]
        if len(_WORD.findall(text)) < TURN_MIN_WORDS or self._only_cues(text):
            return []  # "Thank you, guys.", "Next. Go ahead.": a pleasantry or a cue, no answer
        # the question's issues and the answer's own ("No. And the force needs a ceasefire
        # first"), else those of the question it follows up
        own = self.tagger.tags(text)
        issues = self.reader.ordered({*(ctx.question_issues if ctx.question_named else ()), *own})
        ctx.prev_para_speaker = ctx.last_speaker = speaker
        return [
            _Draft(
                Statement(speaker, "direct", text, issues, block.start + start),
                own=bool(issues),
                fallback=(ctx.question_issues,),
            )
        ]

    def _only_cues(self, text: str) -> bool:
        """Whether a briefing turn only runs the room: every sentence a cue ("I'll come back to
        you. Let's move on.", "And with that, I'll take your questions. Zeke.") or a deflection
        ("I don't have a call to preview for you at this time")."""
        spans = self.segmenter.sentences(text, mask(len(text), self.quotes.find(text)))
        return all(self._is_cue(text, a, b) for a, b in spans)

    def _is_cue(self, text: str, start: int, end: int) -> bool:
        """Whether one sentence of a turn is a cue: a phrase of the room ("go ahead", "come
        back to you"), a one-word cue alone ("Next question."), or a name called ("Anna.")."""
        words = len(_WORD.findall(text[start:end]))
        if words > CUE_MAX_WORDS:
            return False
        if _VOCATIVE.fullmatch(text, start, end):
            return True
        cue = self._cue.search(text, start, end)
        # "Norway is ready for the next round" is no cue for all its "next"
        return cue is not None and (" " in cue.group(0) or words <= CUE_ALONE_WORDS)

    def _named(self, name: str, ctx: Context, *, create: bool = True) -> str:
        """The actor a bare name stands for ("Andrii Sybiha", "ZELENSKY"), or a new one."""
        for m in self.index.find(name):
            if m.kind in ("person", "institution", "anonymous"):
                return m.actor_id
            if m.kind == "unknown" and create:
                return self._register(name, m, ctx)
        word = name.strip().split()[-1] if name.strip() else ""
        if word in ctx.surnames:
            return ctx.surnames[word]
        return ""

    def _register(self, text: str, mention: ActorMention, ctx: Context) -> str:
        """Remember a name not in the config, so its surname alone resolves later."""
        actor = ctx.unknown.setdefault(mention.actor_id, self.index.unknown_actor(text, mention))
        if actor.kind == "person":  # a body has no surname
            ctx.surnames.setdefault(actor.name.split()[-1], actor.id)
        return actor.id

    def _interviewee(self, blocks: Sequence[Block], ctx: Context) -> str:
        """Who answers in a transcript: the first person the introduction names who is not a
        journalist ("Nordic Signal's Erik Halvorsen met him")."""
        for block in blocks:
            if block.kind == "turn":
                break
            folded = self.index.fold(block.text)
            for m in self.index.find(block.text):
                if m.kind not in ("person", "unknown"):
                    continue
                if _JOURNALIST.search(folded[max(0, m.start - 40) : m.start]):
                    continue
                if m.kind == "unknown":
                    return self._register(block.text, m, ctx)
                return m.actor_id
        return ""

    def _document(self, blocks: Sequence[Block], ctx: Context) -> _Document | None:
        """A document the article reproduces ("The full text of the statement of ..."), if any."""
        found = None
        for i, block in enumerate(blocks[:DOCUMENT_LOOKAHEAD]):
            low = self.index.fold(block.text).lower()
            if any(m in low for m in self._markers):
                found = i
        if found is None:
            # "Statement — Doha, 11 November": a release's label, its author the body that
            # names itself in the present tense ("The Ministry of Foreign Affairs expresses")
            return self._release(blocks, ctx)
        # the author is named in the marker, above it, or in the release's opening line; a
        # capital named as a place ("the round held in Ankara") is none
        author = self._institution((blocks[found], *reversed(blocks[:found])))
        if not author:
            # "The Ministry of Foreign Affairs notes that ...": a body naming itself as the
            # subject of its own release, before the bodies its opening line names in passing
            # ("The delegations of ... met in Riyadh" did not write it)
            author = self._own_author(blocks[found + 1 : found + 1 + DOCUMENT_LOOKAHEAD], ctx)
            if author:
                # a body that names itself in its own voice does not speak for the people its
                # headline names ("Statement by Minister X": his words are quoted as his)
                return replace(self._document_at(blocks, found, author), principals=frozenset())
        if not author:
            author = self._institution(blocks[found + 1 : found + 3])
        return self._document_at(blocks, found, author) if author else None

    def _release(self, blocks: Sequence[Block], ctx: Context) -> _Document | None:
        """A release under its label ("Press release", "Joint statement on ..."), if its author
        names itself in its first paragraphs."""
        labels = [
            i
            for i, block in enumerate(blocks[:DOCUMENT_LOOKAHEAD])
            if not block.is_prose and self.institutions.release_label(block.text)
        ]
        if not labels:
            return None
        found = labels[-1]
        following = blocks[found + 1 : found + 1 + DOCUMENT_LOOKAHEAD]
        author = self._own_author(following, ctx, present=True)
        if not author:
            return None
        document = self._document_at(blocks, found, author)
        return replace(document, principals=frozenset(), speech_only=True)

    def _document_at(self, blocks: Sequence[Block], found: int, author: str) -> _Document:
        """The document under its marker at block ``found``, by ``author``."""
        principals = {
            m.actor_id
            for block in blocks[: found + 2]
            for m in self.index.find(block.text, unknown=False)
            if m.kind == "person"
        }
        # the document starts at the first paragraph of prose after its marker (not at a dateline)
        start = next((j for j in range(found + 1, len(blocks)) if blocks[j].is_prose), found + 1)
        return _Document(author, start, frozenset(principals))

    def _institution(self, blocks: Sequence[Block]) -> str:
        """The first institution these blocks name other than as a place; "" if none."""
        for block in blocks:
            for m in self.index.find(block.text):
                if m.kind == "institution" and not self._place(block.text, m.start):
                    return m.actor_id
        return ""

    def _place(self, text: str, start: int) -> bool:
        """Whether the name at ``start`` is a place: "held in Ankara", "at the Kremlin"."""
        before = _WORD.findall(text[max(0, start - 20) : start])
        while before and before[-1].lower() in self.language.determiners:
            before.pop()
        return bool(before) and before[-1].lower() in self.language.place_prepositions

    def _own_author(self, blocks: Sequence[Block], ctx: Context, *, present: bool = False) -> str:
        """The body a release names as the subject of its own sentences ("The Ministry of
        Foreign Affairs notes ..."), as a new actor; "" if it names none by its full name."""
        for block in blocks:
            if not block.is_prose:
                continue
            found = self.institutions.own_body(block.text, present=present)
            if found is None:
                continue
            start, end = found
            known = next(
                (
                    k.actor_id
                    for k in self.index.find(block.text, unknown=False)
                    if k.kind == "institution" and k.start <= start < k.end
                ),
                "",
            )
            if known:  # a body the config has, by its full name
                return known
            name = block.text[start:end]
            mention = ActorMention(start, end, slug(name), "unknown", noun="body")
            return self._register(block.text, mention, ctx)
        return ""

    # --- one paragraph --------------------------------------------------------------------------

    def _paragraph(
        self,
        para: str,
        base: int,
        ctx: Context,
        document: _Document | None,
        *,
        laid_out: bool = True,
    ) -> list[_Draft]:
        """The statements of one paragraph of prose; ``laid_out``: whether a paragraph without
        quotation marks may be the previous speaker's words."""
        quotes = self.quotes.find(para)
        inside = mask(len(para), quotes)
        ctx.para = para  # pronouns read their antecedents' places in it
        found_mentions = self.index.find(para)
        for m in found_mentions:
            if m.kind == "unknown" and not inside[m.start]:
                self._register(para, m, ctx)
        found_mentions = self._with_surnames(para, found_mentions, ctx)
        mentions = [m for m in found_mentions if not inside[m.start]]
        mentions = _merge_adjacent(mentions, para, self._name_titles)
        # no dateline's place or venue speaks; a document with its issuer named is the issuer's
        mentions, bodies = self.institutions.mentions(para, mentions)
        for body in bodies:
            self._register(para, body, ctx)
        for spokes in _POSSESSIVE_SPOKES.finditer(para):
            gender = "m" if spokes.group("p").lower() == "his" else "f"
            # "his office said": the office of the man he stands for, when it is tracked
            noun = "office" if spokes.group("office") else ""
            mentions.append(
                ActorMention(spokes.start(), spokes.end(), "", "pronoun", gender, noun=noun)
            )
        if self._possessed_role is not None:
            mentions.extend(self._possessed_roles(para, mentions, inside))
        if ctx.addressee and self._you_said is not None:
            mentions.extend(
                ActorMention(m.start(), m.end(), ctx.addressee, "person")
                for m in self._you_said.finditer(para)
                if not inside[m.start()]
            )
        mentions.sort(key=lambda m: m.start)
        for m in mentions:
            if m.kind == "unknown":
                self._register(para, m, ctx)
        sentences = self.segmenter.sentences(para, inside)
        attribution_only: set[int] = set()
        speakers_here: list[str] = []
        attributed_sentences: set[int] = set()
        quote_speakers: dict[int, set[str]] = {}
        last_quote_speaker = ""
        asked = ""  # who asks a question in this paragraph
        # what the paragraph and the one before are about, for statements that name nothing
        para_issues = self.tagger.tags(para)
        prev_issues = ctx.prev_issues
        pending, ctx.pending_speaker = ctx.pending_speaker, ""

        def resolve(mention: ActorMention) -> str:
            return self.coref.resolve(mention, ctx, speakers_here, mentions)

        if pending and not quotes:
            # the paragraph after 'He told reporters outside:' is his words
            return [self._whole(para, base, pending, ctx, para_issues, prev_issues)]
        if document is not None and not quotes and self._first_person(para):
            # "We welcome ... We reject ...": a reproduced document speaking in its own voice,
            # the paragraph its author's words
            return [self._whole(para, base, document.author, ctx, para_issues, prev_issues)]
        orphan, ctx.orphan_quote = ctx.orphan_quote, None
        out: list[_Draft] = []
        if orphan is None and sentences:
            # "This was stated by Ushakov to journalists in the lobby.": the paragraph before
            # had its speaker, or is the words of the one named here; this one only says
            # where they were said
            ctx.credited = self._credited(para, sentences[0], mentions, resolve)
            if ctx.credited:
                attribution_only.add(0)
        if orphan is not None and sentences and not any(inside[: sentences[0][1]]):
            # a paragraph of quotation nobody was named for, then 'That was how Zelensky put
            # it': the next paragraph's first sentence names its speaker
            s_start, s_end = sentences[0]
            found = self.attribution.reported(para, s_start, s_end, mentions, inside, resolve)
            if not found:
                # 'CLAIM 1: "..."' then 'Who said it: Donald Trump, at a rally': a label that
                # says who spoke, then the name
                named = self.attribution.named_after_label(
                    para, s_start, s_end, mentions
                ) or self.attribution.named_owner(para, s_start, s_end, mentions, resolve)
                found = (named, s_start) if named else None
            if found:
                out.append(replace(orphan, statement=replace(orphan.statement, actor_id=found[0])))
                if _ANAPHORIC_START.match(para, s_start):
                    attribution_only.add(0)  # only the quote is a statement, as in '"...," X said'

        for s_idx, (s_start, s_end) in enumerate(sentences):
            # quotes first, then - if no quote in the sentence was attributed - reported speech,
            # sentence by sentence, so "he" can refer to a speaker earlier in the paragraph
            for qi, quote in enumerate(quotes):
                if not s_start <= quote.start < s_end:
                    continue
                if quote.words(para) < MIN_QUOTE_WORDS:
                    if not para[s_start : quote.start].strip(" \"“«„‘'"):
                        # '"We made real progress," he told reporters. "The last ...": a short
                        # quote opening its sentence (a row of its own, as a fragment) names
                        # the speaker the quote after it continues
                        last_quote_speaker = (
                            self.attribution.quote_speaker(
                                para, quotes, qi, sentences, mentions, resolve
                            )
                            or last_quote_speaker
                        )
                    continue
                speaker = self.attribution.quote_speaker(
                    para, quotes, qi, sentences, mentions, resolve
                )
                if not speaker:
                    # a quote continuing the previous one ("A," X said. "B."), or a paragraph
                    # that is all quote, continuing the previous paragraph's speaker
                    if last_quote_speaker:
                        speaker = last_quote_speaker
                    elif all_quote(para, quote):
                        # '...spoke to reporters in Kyiv.' then a paragraph of his words
                        speaker = ctx.prev_para_speaker or pending or ctx.prev_first_person
                if not speaker:
                    speaker = self._introduced(para, quote, s_start, mentions, resolve)
                if not speaker:
                    speaker = self._attributed_next(
                        para, quote, s_idx, sentences, mentions, inside, resolve
                    )
                if not speaker:
                    speaker = self._described(para, quote, s_idx, sentences, mentions, resolve)
                if not speaker and document is not None:
                    speaker = document.author
                if not speaker:
                    if all_quote(para, quote) or _labelled(para, quote):
                        ctx.orphan_quote = self._orphan(para, base, quote, ctx, para_issues)
                    continue
                attributed_sentences.add(s_idx)
                quote_speakers.setdefault(s_idx, set()).add(speaker)
                last_quote_speaker = speaker
                speakers_here.append(speaker)
                text_start, text_end = _trim(para, quote.start, quote.end)
                # the quote read with the sentence it stands in
                issues = self._issues(
                    para, text_start, text_end, s_start, s_end, ctx.prev_para, quotes
                )
                out.append(
                    _Draft(
                        Statement(
                            actor_id=speaker,
                            kind="direct",
                            text=para[text_start:text_end],
                            issues=issues,
                            position=base + text_start,
                        ),
                        own=bool(issues),
                        fallback=(para_issues, prev_issues),
                    )
                )
            # a sentence whose quotation was attributed is also reported speech when the quote
            # sits inside its syntax, or when it reports someone else ("..., while Kallas wrote")
            quoted_by = quote_speakers.get(s_idx, set())
            also_other = bool(quoted_by) and not self.attribution.integrated(para, s_start, quotes)
            if (
                s_idx == len(sentences) - 1
                and para.rstrip().endswith(":")
                and not any(inside[s_start:s_end])
            ):
                # 'He told the small group of reporters outside:' introduces the next paragraph
                speaker = self.attribution.speaker_in(
                    para, s_start, s_end, mentions, resolve
                ) or self._introducer(mentions, s_start, s_end, resolve)
                if speaker:
                    ctx.pending_speaker = speaker
                    speakers_here.append(speaker)
                    if not self.candidates.states_clause(para[s_start:s_end].rstrip(" :")):
                        continue
                    # "The president said the truce would hold only as long as Russia kept its
                    # side:": it says something itself, besides introducing the next paragraph
            if s_idx in attribution_only:
                continue
            asker = self.attribution.asker(para, s_start, s_end, mentions, resolve)
            if asker:
                ctx.asker = asked = asker  # the answer that follows is not the asker's
            found = self.attribution.reported(para, s_start, s_end, mentions, inside, resolve)
            if found is None and s_idx + 1 < len(sentences) and not any(inside[s_start:s_end]):
                # "Nothing comes off until something is signed. That was the message from
                # Rubio.": the next sentence credits this one, and is no statement itself
                credited = self._credited(para, sentences[s_idx + 1], mentions, resolve)
                if credited:
                    found = credited, s_start
                    attribution_only.add(s_idx + 1)
            if document is not None and not (
                found is None and quoted_by and document.author not in quoted_by
            ):
                # ('"...," said His Excellency Adel Nasser.' is his quotation, not the release's)
                found = self._in_document(para, s_start, s_end, found, document, ctx.unknown)
            if not found or (
                also_other
                and found[0] in quoted_by
                and not self._said_before(para, s_start, found[0], mentions, inside, resolve)
            ):
                continue
            speaker, t_start = found
            if "," in para[s_start:t_start] and self.attribution.closes(para, t_start, s_end):
                t_start = s_start  # "The lists are ready, Umerov, who leads ..., announced."
            if any(inside[s_start:t_start]):
                t_start = s_start  # '"Russia destroyed, Russia pays," Zelensky said': all of it
            t_start, t_end = _trim(para, t_start, s_end)
            if item := _ITEM.match(para, t_start):
                t_start = item.end()  # the item's text, not its bullet
            t_start = _with_determiner(para, t_start)
            if len(_WORD.findall(para, t_start, t_end)) < (
                ITEM_MIN_WORDS if _ITEM.match(para) else MIN_REPORTED_WORDS
            ):
                continue  # a headline fragment ("Moscow asserts stance"), not a statement
            # the whole sentence is the statement ("Asked whether ..., Rubio said ..."); what it
            # says starts at its attribution, and grouping reads only that (Statement.core)
            core = t_start
            t_start = _trim(para, s_start, t_end)[0]
            if item := _ITEM.match(para, t_start):
                t_start = item.end()
            sentence = para[t_start:t_end]
            if self.candidates.says_nothing(para[s_start:s_end], found[1] - s_start):
                continue  # "Sybiha echoed the message on social media": nothing said
            if self.index.actor(speaker) is None and self.candidates.sourced(para[s_start:s_end]):
                continue  # "As Kyiv Bulletin reported, ...": an outlet's report, not a statement
            if self.candidates.recap(para[s_start:s_end]):
                continue  # "In short: ...; Moscow says no breakthrough": the writer's recap
            speakers_here.append(speaker)
            issues = self.reader.reported(para, t_start, core, t_end)
            out.append(
                _Draft(
                    Statement(
                        actor_id=speaker,
                        kind="reported",
                        text=sentence,
                        issues=issues,
                        position=base + t_start,
                        core=core - t_start,
                    ),
                    own=bool(issues),
                    fallback=(para_issues, prev_issues),
                )
            )
        if (
            laid_out
            and not out
            and not quotes
            and not ctx.pending_speaker
            and ctx.prev_para_speaker
            and (ctx.live_blog or self._first_person(para))
            and not any(m.kind in ("person", "unknown", "anonymous") for m in mentions)
            # "He did not take questions": narrative about the speaker, not his words
            # "I hope he is right": a writer on the speaker, not the speaker
            and not any(m.kind == "pronoun" for m in mentions)
        ):
            # a live-blog paragraph laid out as the previous paragraph's speaker's words
            out.append(
                self._whole(para, base, ctx.prev_para_speaker, ctx, para_issues, prev_issues)
            )
        out = self._with_fragments(
            para, base, quotes, sentences, out, ctx.prev_para, (mentions, resolve)
        )
        out.sort(key=lambda d: d.statement.position)
        # "Macron met Merz. Later Starmer called Zelensky." then "He said": the last sentence's
        # subject, resolved before this paragraph's memory replaces the previous one's
        last_subject = self._last_subject(para, sentences, mentions, resolve)
        # "Witkoff said a deal was close. Umerov was more cautious." then '"...," he said':
        # a new person the closing sentence, no statement, turns to
        closing = sentences[-1][0] if sentences else 0
        turned = (
            last_subject
            if out
            and last_subject != out[-1].statement.actor_id
            and all(d.statement.position < base + closing for d in out)
            else ""
        )
        # remember context for the next paragraph
        ctx.prev_para_speaker = out[-1].statement.actor_id if out else ctx.pending_speaker
        if out:
            ctx.last_speaker = out[-1].statement.actor_id
        # "the minister pauses before answering." names him for the quotation that follows
        people = [
            resolve(m)
            for m in mentions
            if m.kind in ("person", "unknown", "role") and not is_body(m)
        ]
        people = [p for p in people if p]
        ctx.prev_first_person = people[0] if people else ""
        ctx.prev_last_subject = last_subject
        ctx.prev_turned = turned
        ctx.prev_people = people
        ctx.asker = asked
        ctx.recent_people.extend(people)
        del ctx.recent_people[:-20]
        institutions = [m.actor_id for m in mentions if m.kind == "institution" or is_body(m)]
        ctx.prev_institutions = institutions
        if institutions:
            ctx.last_institution = institutions[-1]
            ctx.institutions.extend(institutions)
            del ctx.institutions[:-20]
        return out

    def _with_fragments(
        self,
        para: str,
        base: int,
        quotes: Sequence[Quote],
        sentences: Sequence[tuple[int, int]],
        found: list[_Draft],
        prev_para: str,
        named: tuple[Sequence[ActorMention], Resolve] = ((), lambda m: ""),
    ) -> list[_Draft]:
        """``found`` with the quoted fragments of two to four words inside a sentence that is
        someone's quotation ('"...," he said, adding that Kyiv had "no illusions"'), as direct
        statements of its speaker; a sentence that is reported speech already carries its
        fragments. A sentence that opens with one ('"Russia pays," he said') is the fragment
        alone, as '"...," X said' is the quotation alone. A short quote in a sentence nobody
        speaks in, one inside a longer quotation, one marked as a term ('the so-called
        "reassurance force"') or a title ("Sunday Forum") is no statement."""
        out = list(found)
        for s_idx, (s_start, s_end) in enumerate(sentences):
            short = [
                q
                for q in quotes
                if s_start <= q.start < s_end
                and FRAGMENT_MIN_WORDS <= q.words(para) < MIN_QUOTE_WORDS
                and not any(o.start < q.start and q.end <= o.end for o in quotes)
                and not self._term_before.search(para, 0, q.start)
                and not self._is_title(para[q.start : q.end])
            ]
            if not short:
                continue
            here = [d for d in out if base + s_start <= d.statement.position < base + s_end]
            speakers = [d.statement.actor_id for d in here if d.statement.actor_id]
            if not speakers and s_idx and _all_quote(para, s_start, s_end, short[0]):
                # '"..., we are not," he said. "Flexibility is not surrender."': the quotation
                # goes on after its attribution
                p_start = sentences[s_idx - 1][0]
                speakers = [
                    d.statement.actor_id
                    for d in found
                    if d.statement.kind == "direct"
                    and base + p_start <= d.statement.position < base + s_start
                ][-1:]
            if not speakers:
                continue
            reported = [d for d in here if d.statement.kind == "reported"]
            if not para[s_start : short[0].start].strip(" \"“”«»„‘’‹›'"):
                out = [d for d in out if d not in reported]
            elif reported:
                # the sentence carries its fragments, but a word in 'single quotes' is read
                # with its marks as another word, so such a fragment stands on its own too;
                # and one in another speaker's clause ("Tusk said ..., and Merz said any force
                # would need "a clear backstop"") is that speaker's words, not the sentence's
                owner = {d.statement.actor_id for d in reported}
                others = {
                    q.start: who
                    for q in short
                    if (who := self._clause_speaker(para, s_start, q, quotes, named))
                    and who not in owner
                }
                for quote in short:
                    if quote.start in others:
                        start, end = _trim(para, quote.start, quote.end)
                        issues = self._issues(para, start, end, s_start, s_end, prev_para, quotes)
                        out.append(
                            _Draft(
                                Statement(
                                    others[quote.start],
                                    "direct",
                                    para[start:end],
                                    issues,
                                    base + start,
                                ),
                                own=bool(issues),
                                fallback=(self.tagger.tags(para),),
                            )
                        )
                short = [
                    q
                    for q in short
                    if para[q.start - 1 : q.start] in _SINGLE_OPEN and q.start not in others
                ]
            else:
                # '"...," he said, adding that Kyiv had "no illusions"': the sentence reports
                # the fragments, and holds the quotation it goes on from
                start, end = _trim(para, s_start, s_end)
                issues = self.reader.own_in(para, start, end)
                out.append(
                    _Draft(
                        Statement(speakers[0], "reported", para[start:end], issues, base + start),
                        own=bool(issues),
                        fallback=(self.tagger.tags(para), self.tagger.tags(prev_para)),
                    )
                )
                continue
            for quote in short:
                start, end = _trim(para, quote.start, quote.end)
                issues = self._issues(para, start, end, s_start, s_end, prev_para, quotes)
                out.append(
                    _Draft(
                        Statement(speakers[0], "direct", para[start:end], issues, base + start),
                        own=bool(issues),
                        fallback=(self.tagger.tags(para),),
                    )
                )
        return out

    def _said_before(
        self,
        para: str,
        s_start: int,
        speaker: str,
        mentions: Sequence[ActorMention],
        inside: bytearray,
        resolve: Resolve,
    ) -> bool:
        """Whether what the speaker said comes before their name, unquoted ("Lavrov's warning
        has not stopped planning, one diplomat told me, "but ...""): the sentence reports it,
        besides the quotation after the name."""
        m = next((m for m in mentions if m.start >= s_start and resolve(m) == speaker), None)
        if m is None or any(inside[s_start : m.start]):
            return False
        head = para[s_start : m.start].rstrip()
        words = head.split()
        if words and words[0].lower() in self.language.question_verbs:
            return False  # "Asked later whether a deal was near, the president said:": a question
        if words and words[-1].lower() in self._before_source:
            head = head[: -len(words[-1])]  # "..., one European diplomat told me"
        # 'Asked about the round, he said: "..."' or '... he answered that "..."' introduce
        # the quotation: nothing said before it; '..., one diplomat told me, "..."' closes
        return (
            head.rstrip().endswith(",")
            and len(_WORD.findall(head)) >= MIN_REPORTED_WORDS
            and self.attribution.closes(para, m.start, len(para))
        )

    def _clause_speaker(
        self,
        para: str,
        s_start: int,
        quote: Quote,
        quotes: Sequence[Quote],
        named: tuple[Sequence[ActorMention], Resolve],
    ) -> str:
        """The speaker of the clause a quoted fragment stands in: the subject of the speech
        verb nearest before it, after any longer quotation earlier in its sentence."""
        mentions, resolve = named
        head = s_start
        for q in quotes:
            if s_start <= q.start and q.end < quote.start and q.words(para) >= MIN_QUOTE_WORDS:
                head = q.end + 1
        if head >= quote.start - 1:
            return ""
        who = self.attribution.speaker_in(
            para, head, quote.start - 1, mentions, resolve, nearest_last=True
        )
        # named, as the subject of a clause of its own ("; a European diplomat told us",
        # ", and Germany's Friedrich Merz said"), not a name inside the reported words ("said
        # Kyiv was ready") nor a "he" that may stand for the sentence's speaker
        subject = [
            m
            for m in mentions
            if head <= m.start < quote.start
            and m.kind in ("person", "unknown", "institution", "anonymous")
            and resolve(m) == who
        ]
        if not who or not subject or not self._opens_clause(para, head, subject[-1].start):
            return ""
        return who

    def _opens_clause(self, para: str, head: int, at: int) -> bool:
        """Whether the mention at ``at`` opens a clause of its own: after a semicolon, or after
        a conjunction that opens one ("and", "while"), with only its title words between."""
        window = para[max(head, at - 60) : at]
        cut = max(window.rfind(";"), window.rfind(","))
        words = [
            w
            for w in _WORD.findall(window[cut + 1 :])
            if not w[:1].isupper()
            and w.lower() not in self._name_titles
            and w.lower() not in self._before_source
        ]
        if cut != -1 and window[cut] == ";" and not words:
            return True
        return len(words) == 1 and words[0].lower() in self._coordinators

    def _introduced(
        self,
        para: str,
        quote: Quote,
        s_start: int,
        mentions: Sequence[ActorMention],
        resolve: Resolve,
    ) -> str:
        """The speaker of a quotation that a clause ending in a colon introduces without a verb
        of saying ("Klymenko, the committee's head, was blunt: "...""): the first person that
        clause names, as a paragraph ending in a colon introduces the next one."""
        if not para[s_start : quote.start - 1].rstrip().endswith(":"):
            return ""
        asked = self.coref.asked_about(para, quote.start)
        # "Asked whether he still trusted Putin, the President shrugged:": not Putin
        head = [m for m in mentions if s_start <= m.start < quote.start and m.start not in asked]
        # a name before "he" or "the minister", which stand for someone named earlier
        for kinds in (("person", "unknown", "anonymous", "institution"), ("pronoun", "role")):
            for m in head:
                if m.kind in kinds and (speaker := resolve(m)):
                    return speaker
        # "His words, via our correspondent:": the man the possessive stands for
        for word in _TOKEN.finditer(para, s_start, quote.start):
            low = word.group(0).lower()
            gender = (
                "m"
                if low in self.language.possessives_male
                else "f"
                if low in self.language.possessives_female
                else ""
            )
            if gender:
                return resolve(ActorMention(word.start(), word.end(), "", "pronoun", gender))
        return ""

    def _described(
        self,
        para: str,
        quote: Quote,
        s_idx: int,
        sentences: Sequence[tuple[int, int]],
        mentions: Sequence[ActorMention],
        resolve: Resolve,
    ) -> str:
        """The speaker of a sentence that is all quotation after one, without quotation, about
        one person ('On the Americans he is careful. "President Trump wants a deal..."'): that
        person. With two people named, or none, the quotation is nobody's yet."""
        if not s_idx or not _all_quote(para, *sentences[s_idx], quote):
            return ""
        p_start, p_end = sentences[s_idx - 1]
        if any(c in para[p_start:p_end] for c in '"“”«»„'):
            return ""
        here = [m for m in mentions if p_start <= m.start < p_end]
        for kinds in (("person", "unknown", "anonymous"), ("pronoun", "role")):
            speakers = {resolve(m) for m in here if m.kind in kinds}
            if speakers:
                return speakers.pop() if len(speakers) == 1 and "" not in speakers else ""
        return ""

    def _attributed_next(
        self,
        para: str,
        quote: Quote,
        s_idx: int,
        sentences: Sequence[tuple[int, int]],
        mentions: Sequence[ActorMention],
        inside: bytearray,
        resolve: Resolve,
    ) -> str:
        """The speaker of a quotation that ends its sentence ('"... and fast!" Trump wrote on
        his platform.'), named by the very next sentence when that sentence only says who
        spoke, and where: it is the quotation's attribution."""
        if s_idx + 1 >= len(sentences) or para[quote.end : quote.end + 1] not in _CLOSING:
            return ""
        n_start, n_end = sentences[s_idx + 1]
        if para[quote.end + 1 : n_start].strip() or not para[
            quote.start : quote.end
        ].rstrip().endswith((".", "!", "?", "…")):
            return ""
        found = self.attribution.reported(para, n_start, n_end, mentions, inside, resolve)
        if found and self.candidates.says_nothing(para[n_start:n_end], found[1] - n_start):
            return found[0]
        return ""

    def _credited(
        self,
        para: str,
        sentence: tuple[int, int],
        mentions: Sequence[ActorMention],
        resolve: Resolve,
    ) -> str:
        """Who a sentence credits with the one before it ("That was the message from Marco
        Rubio on Monday."), or ""."""
        credit = self._credit.match(para, sentence[0], sentence[1])
        if credit is None:
            return ""
        after = [m for m in mentions if credit.end() <= m.start < sentence[1]]
        named = after[0] if after else None
        if named is None or named.kind not in ("person", "institution", "anonymous", "unknown"):
            return ""
        if (
            len(after) > 1
            and after[1].kind in ("person", "unknown")
            and not para[named.end : after[1].start].strip()
        ):
            # "by Deputy Head of the Office of the President Iryna Savchuk": the person the
            # title names, not the office in it
            named = after[1]
        between = _WORD.findall(para[credit.end() : named.start])
        titles = self.language.title_words | self.language.role_nouns
        if not all(w[0].isupper() or w.lower() in titles for w in between):
            return ""  # "the message of the round for Rubio": not his
        return resolve(named)

    def _is_title(self, text: str) -> bool:
        """Whether quoted words are a name or a title ("Sunday Forum", "Coalition of the
        Willing"): every word but the small ones capitalised."""
        words = _WORD.findall(text)
        return all(w[0].isupper() or w.lower() in self.language.stopwords for w in words) and any(
            w[0].isupper() for w in words
        )

    def _signature(self, block: Block, ctx: Context) -> _Draft | None:
        """The quotation nobody was named for, signed by the line under it ('— Marco Rubio, in
        Riyadh on Saturday'), with its speaker; None when the line signs nothing."""
        orphan = ctx.orphan_quote
        dash = _SIGNATURE.match(block.text)
        if orphan is None or dash is None:
            return None
        named = next(
            (m for m in self.index.find(block.text) if m.start == dash.end()),
            None,
        )
        if named is None or named.kind not in ("person", "unknown"):
            return None
        if not self.attribution.signs(block.text, named.end):
            return None
        speaker = self._register(block.text, named, ctx) if named.kind == "unknown" else ""
        speaker = speaker or named.actor_id
        if not speaker:
            return None
        ctx.orphan_quote = None
        return replace(orphan, statement=replace(orphan.statement, actor_id=speaker))

    def _orphan(
        self, para: str, base: int, quote: Quote, ctx: Context, para_issues: tuple[str, ...]
    ) -> _Draft:
        """A quotation paragraph whose speaker may be named in the next paragraph."""
        start, end = _trim(para, quote.start, quote.end)
        text = para[start:end]
        issues = self.tagger.tags(text)
        return _Draft(
            Statement("", "direct", text, issues, base + start),
            own=bool(issues),
            fallback=(para_issues, ctx.prev_issues),
        )

    def _introducer(
        self, mentions: Sequence[ActorMention], s_start: int, s_end: int, resolve: Resolve
    ) -> str:
        """Who a paragraph ending in a colon introduces without a speech verb ("Umerov spoke
        briefly on his way out:", "he made the offer in so many words:", "In our translation:"):
        the first person its last sentence names, else the first the paragraph names."""
        kinds = ("person", "unknown", "pronoun", "role")
        last = [m for m in mentions if s_start <= m.start < s_end and m.kind in kinds]
        anywhere = [m for m in mentions if m.kind in ("person", "unknown")]
        # "Ukraine's lead negotiator has posted his verdict. We reproduce it in full:"
        roles = [m for m in mentions if m.kind == "role"]
        for m in (*last[:1], *anywhere[:1], *roles[:1]):
            speaker = resolve(m)
            if speaker:
                return speaker
        return ""

    def _whole(
        self,
        para: str,
        base: int,
        speaker: str,
        ctx: Context,
        para_issues: tuple[str, ...],
        prev_issues: tuple[str, ...],
    ) -> _Draft:
        """The whole paragraph as a direct statement by ``speaker``."""
        start, end = _trim(para, 0, len(para))
        ctx.last_speaker = ctx.prev_para_speaker = speaker
        return _Draft(
            Statement(speaker, "direct", para[start:end], para_issues, base + start),
            own=bool(para_issues),
            fallback=(prev_issues,),
        )

    def _writer_speaks(self, para: str) -> bool:
        """Whether a paragraph speaks in the first person about someone else ("I doubt his
        arithmetic"): a writer's voice, not a speaker's words laid out."""
        if not self._first_person_word.found(para):
            return False  # cheap: most paragraphs have no "I" or "we" at all
        outside = outside_quotes(para, self.quotes.find(para))
        words = {w.lower() for w in _TOKEN.findall(outside)}
        third = self.language.pronouns_male | self.language.pronouns_female
        third |= self.language.possessives_male | self.language.possessives_female
        return bool(words & third) and self._first_person(outside)

    def _possessed_roles(
        self, para: str, mentions: list[ActorMention], inside: bytearray
    ) -> list[ActorMention]:
        """ "His envoy", "her chief of staff": role mentions owned by the person the
        possessive stands for; not "his spokesman" or "his office", which are him."""
        assert self._possessed_role is not None
        lowered = para.lower()  # once, not once a possessive
        if not any(f"{p} " in lowered for p in self._possessor_gender):
            return []
        found = []
        for m in self._possessed_role.finditer(para):
            if inside[m.start()] or any(o.start < m.end() and m.start() < o.end for o in mentions):
                continue
            noun = m.group("w").lower()
            gender = self._possessor_gender[m.group("p").lower()]
            found.append(
                ActorMention(
                    m.start(),
                    m.end(),
                    "",
                    "role",
                    noun=noun,
                    phrase=m.group("r"),
                    possessor=gender,
                )
            )
        return found

    def _last_subject(
        self,
        para: str,
        sentences: Sequence[tuple[int, int]],
        mentions: Sequence[ActorMention],
        resolve: Resolve,
    ) -> str:
        """The person the last of several sentences opens on as its subject ("Later Starmer
        called Zelensky."), resolved; "" if it opens on no one, or on a possessor."""
        if len(sentences) < 2:
            return ""  # one sentence: its first person is the paragraph's, remembered anyway
        s_start, s_end = sentences[-1]
        first = next((m for m in mentions if s_start <= m.start < s_end), None)
        if first is None or first.kind not in ("person", "unknown", "pronoun") or is_body(first):
            return ""
        return "" if self.coref.oblique(para, first) else resolve(first)

    def _first_person(self, para: str) -> bool:
        words = {
            w.lower().replace("’", "'")
            for w in _TOKEN.findall(para)
            if w == "I" or not w.isupper()
        }
        return bool(words & self.language.first_person)

    def _in_document(self, para, s_start, s_end, found, document: _Document, discovered=None):
        """Inside a reproduced document, its sentences are its author's statements; a body
        named as the subject (tracked or ``discovered`` in the article) speaks through it."""
        sentence = para[s_start:s_end]
        if found is not None:
            speaker = found[0]
            if speaker in document.principals or speaker == document.author:
                return document.author, s_start
            actor = self.index.actor(speaker) or (discovered or {}).get(speaker)
            if actor is not None and actor.kind != "person":
                return document.author, s_start
            return found
        if self._passive is not None and self._passive.search(sentence):
            return document.author, s_start
        if document.speech_only and not self.institutions.speaks(sentence):
            return None
        quotes = self.quotes.find(sentence)
        if len(quotes) == 1 and all_quote(sentence, quotes[0]):
            return None  # a sentence that is one quotation: the words of whoever is quoted
        words = {w.lower() for w in _TOKEN.findall(sentence)}
        if words & self.language.narrative_verbs:
            return None  # "The leaders met in Paris": what happened, not what was said
        return document.author, s_start

    def _with_surnames(
        self, para: str, found: list[ActorMention], ctx: Context
    ) -> list[ActorMention]:
        """Add mentions of a surname alone, after its first full mention ("Zawadzki added")."""
        if not ctx.surnames:
            return found
        taken = [(m.start, m.end) for m in found]
        extra = []
        for surname, actor_id in ctx.surnames.items():
            i = para.find(surname)
            while i != -1:
                end = i + len(surname)
                bounded = (i == 0 or not para[i - 1].isalnum()) and (
                    end >= len(para) or not (para[end].isalnum() or para[end] == "-")
                )
                if bounded and not any(s < end and i < e for s, e in taken):
                    extra.append(ActorMention(i, end, actor_id, "unknown"))
                i = para.find(surname, end)
        if not extra:
            return found
        return sorted([*found, *extra], key=lambda m: m.start)

    def _issues(
        self,
        para: str,
        start: int,
        end: int,
        s_start: int,
        s_end: int,
        prev_para: str,
        quotes: Sequence[Quote],
    ) -> tuple[str, ...]:
        """A quote's issues: its own words and its sentence's, else the topic it points to."""
        issues = set(self.reader.own_in(para, min(start, s_start), max(end, s_end)))
        if not issues - {"peace_plan"} and _ANAPHORIC_TOPIC.search(para, start, end):
            # "this issue is a key one": the topic is named around the quote, not in it
            issues |= set(self.tagger.tags(outside_quotes(para, quotes)))
            if not issues - {"peace_plan"}:
                issues |= set(self.tagger.tags(prev_para))
        return self.reader.ordered(issues)


# --- text helpers -------------------------------------------------------------------------------


def _as_printed(statement: Statement, read: str, printed: str) -> Statement:
    """A statement found in the recased text, with its words as the article printed them."""
    start, end = statement.position, statement.position + len(statement.text)
    if read[start:end] != statement.text:
        return statement
    return replace(statement, text=printed[start:end])


def _all_quote(para: str, start: int, end: int, quote: Quote) -> bool:
    """Whether the sentence para[start:end] is nothing but the quotation."""
    marks = " \t\"“”«»„‘’‹›'"
    return not para[start : quote.start].strip(marks) and not para[quote.end : end].strip(marks)


def _is_deck(line: str, headline: Block) -> bool:
    """Whether the line under the headline is a deck (a sentence without its full stop), not
    a byline, dateline or menu."""
    return (
        headline.kind == "heading"
        # under a menu bar or a breadcrumb, the line is the headline itself
        and " | " not in headline.text
        and " > " not in headline.text
        # under a kicker ("FACT CHECK", "ANALYSIS"), the line is the headline itself
        and len(headline.text.split()) > KICKER_MAX_WORDS
        and len(line.split()) >= DECK_MIN_WORDS
        and " | " not in line
        and not _STAMPED.match(line)  # a live blog's first entry title
        and ":" not in line  # "Talks in Abu Dhabi: Kallas sets out terms", a headline's shape
        and "?" not in line  # "Did Zelensky say ...? No": a headline's question
        and any(c.islower() for c in line)
    )


def _labelled(para: str, quote: Quote) -> bool:
    """Whether the paragraph is a short label and this quotation ('CLAIM 1: "..."')."""
    head = para[: quote.start - 1].strip()
    return (
        head.endswith(":")
        and len(head.split()) <= LABEL_WORDS
        and not para[quote.end + 1 :].strip(" .,")
    )


def _trim(para: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) to drop spaces and a trailing comma."""
    while start < end and para[start].isspace():
        start += 1
    while end > start and (para[end - 1].isspace() or para[end - 1] in ",;:"):
        end -= 1
    return start, end


def _with_determiner(para: str, start: int) -> int:
    """Widen a span to take in the article before it: 'a U.S. official said'."""
    m = re.search(r"\b(?:[Aa]n?|[Tt]he)\s+$", para[max(0, start - 5) : start])
    return start - len(m.group(0)) if m else start


def _merge_adjacent(
    mentions: list[ActorMention], para: str, titles: frozenset[str] = frozenset()
) -> list[ActorMention]:
    """'Kremlin spokesman Dmitry Peskov' is one mention, not two; so is "Ukraine's chief
    negotiator Rustem Umerov" (a role, title words, the name)."""
    merged: list[ActorMention] = []
    for m in mentions:
        if merged:
            prev = merged[-1]
            gap = para[prev.end : m.start]
            if (
                prev.kind == "role"
                and m.kind in ("person", "unknown")
                and len(gap.split()) <= 2
                and all(w in titles for w in gap.lower().split())
                and gap[:1] in ("", " ")
            ):
                # the role's words stop short of the name: the name decides
                merged[-1] = ActorMention(prev.start, m.end, m.actor_id, m.kind, m.gender)
                continue
            if prev.actor_id == m.actor_id and prev.actor_id and re.fullmatch(r"[\s,]*", gap):
                merged[-1] = ActorMention(prev.start, m.end, m.actor_id, m.kind, m.gender)
                continue
            if (
                prev.kind in ("person", "institution", "anonymous")
                and m.kind == "person"
                and re.fullmatch(r"\s*", gap)
            ):
                # a role description right before a name: the name decides
                merged[-1] = ActorMention(prev.start, m.end, m.actor_id, m.kind, m.gender)
                continue
            if (
                prev.kind in ("person", "unknown")
                and m.kind == "role"
                and gap.strip() == ","
                and para[m.end : m.end + 2] not in ("'s", "’s")  # "the president's envoy"
                # "... whether he trusted Putin, the President shrugged": the role's own verb
                and not _OWN_VERB.match(para, m.end)
            ):
                # "Rustem Umerov, Ukraine's chief negotiator, ...": an appositive, the same man
                merged[-1] = ActorMention(prev.start, m.end, prev.actor_id, prev.kind, prev.gender)
                continue
        merged.append(m)
    return merged
