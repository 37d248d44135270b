"""The statement engine's attribution and coreference stages, and its entry point.

``Extractor.extract(text)`` runs the stages in order: segment (blocks and sentences, headings and
clutter marked as not text) → quotes → mentions (gazetteer, role phrases, pronouns, unknown names)
→ attribution (who says each quote or reported sentence) → coreference ("he", "the minister", a
surname after its first mention, "it" for an institution) → issues (read in context). Beyond
prose it reads embedded posts ("text" above "— Name"), interview transcripts ("ZELENSKY: ...",
"Q:"/"A:"), paragraphs laid out as a speaker's words, and documents reproduced in full
(readouts, joint statements: their sentences are the author's). Headlines are never statements,
and an article whose statements name no issue is not about the talks and yields nothing.

Pure functions of text + config.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from bot.config import Language
from bot.extract.actors import ActorIndex, ActorMention, alternation
from bot.extract.issues import IssueTagger
from bot.extract.quotes import Quote, QuoteFinder, all_quote, mask, outside_quotes
from bot.extract.segment import Block, Segmenter, sentence_of
from bot.model import Actor, Statement

MIN_QUOTE_WORDS = 5  # shorter quotes are scare quotes or fragments inside reported speech
MIN_REPORTED_WORDS = 6
DOCUMENT_LOOKAHEAD = 4  # a document marker is looked for in an article's first blocks
ENERGY, TRUCE = "energy", "ceasefire"
ENERGY_TRUCE_MENTIONS = 3  # paragraphs naming energy before a truce is taken for an energy truce
CATCH_ALL = "peace_plan"  # talks and process: kept only when no other issue is named
SHORT_ITEM_BLOCKS = 3  # an item this short is judged on-topic by its tracked speakers
_ANAPHORIC_TOPIC = re.compile(
    r"\b(?:this|that|these|the) (?:issue|question|matter|point|topic|problem|demand|proposal|idea)s?\b",
    re.IGNORECASE,
)

_ACCORDING_TO = re.compile(r"\baccording to\b", re.IGNORECASE)
_PREPOSITIONS = frozenset(
    "to for of from with by on at in about between among against toward towards into over under than"
    " like including involving".split()
)
_CHANNEL_NOUNS = re.compile(
    r"^'s?\s+(?:\w+\s+){0,3}?(?:post|posts|account|statement|spokes(?:man|woman|person)|office"
    r"|press service|channel|team)\b"
)
_SPOKES_FOR = re.compile(r"spokes(?:man|woman|person)\s+for\s+(?:the\s+)?$", re.IGNORECASE)
_POSSESSIVE_SPOKES = re.compile(r"\b(?P<p>[Hh]is|[Hh]er) spokes(?:man|woman|person)\b")
_DASH_NAME = re.compile(r"\s*[-—–]\s*")
_JOURNALIST = re.compile(
    r"(?:'s\s+(?:[\w-]+\s+){0,2}$)|\b(?:editor|correspondent|reporter|journalist|host|anchor|"
    r"interviewer|columnist)[\w-]*\s+(?:[\w-]+\s+){0,1}$",
    re.IGNORECASE,
)
_WORD = re.compile(r"[\w'’-]+")
# "Head of the Office of the President Andriy Yermak": a title, not a prepositional phrase
_TITLE_PHRASE = re.compile(
    r"\s*(?:[^\W\d_][\w'’.-]*)(?:,?\s+(?:[^\W\d_a-z][\w'’.-]*|of|the|and|for|on|to))*\s*"
)
_NEW_CLAUSE = re.compile(r"\s*(?:and|but|while|whereas|as|although|though)\s", re.IGNORECASE)
_DASHED = re.compile(r"\s[-–—]\s[^-–—]{1,120}?\s[-–—]\s")
_TOKEN = re.compile(r"[\w'’]+")


Resolve = Callable[[ActorMention], str]


@dataclass
class _Context:
    """What the extractor remembers across paragraphs, for "he said" and continuing quotes."""

    last_speaker: str = ""
    prev_para_speaker: str = ""
    prev_first_person: str = ""
    last_institution: str = ""
    pending_speaker: str = ""  # 'He told reporters:' - the next paragraph is his words
    recent_people: list[str] = field(default_factory=list)
    unknown: dict[str, Actor] = field(default_factory=dict)  # discovered names, by actor id
    surnames: dict[str, str] = field(default_factory=dict)  # "Zawadzki" -> "marek_zawadzki"
    question_issues: tuple[str, ...] = ()  # the last transcript question's issues
    question_named: bool = False  # whether the last question named them itself
    prev_para: str = ""  # the previous paragraph outside its quotes


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
        self.quotes = QuoteFinder(language.quote_pairs)
        # one trie-shaped pattern for every verb form: much faster than a flat alternation
        verbs = alternation({v: v for v in (*language.speech_verbs, *language.verb_phrases)}, 0)
        assert verbs is not None, "a language needs speech verbs"
        self._verbs = verbs
        self._final_verbs = frozenset(language.speech_verbs)
        self._process_words = (
            re.compile(
                r"(?<!\w)(?:" + "|".join(map(re.escape, language.process_words)) + r")(?!\w)",
                re.IGNORECASE,
            )
            if language.process_words
            else None
        )
        self._sources = frozenset(p.lower() for p in language.source_phrases)
        self._inverted = (
            language.inverted_verbs if language.inverted_verbs != {"*"} else self._final_verbs
        )
        self._complement_openers = self._final_verbs | {"that", "as", "saying", "calling", "it"}
        self._prepositions = language.prepositions or _PREPOSITIONS
        self._markers = tuple(m.lower() for m in language.document_markers)
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
        blocks = self.segmenter.blocks(text)
        ctx = _Context()
        drafts: list[_Draft] = []
        new_actors: dict[str, Actor] = {}
        counts: Counter[str] = Counter()
        document = self._document(blocks)
        interviewee = ""
        if any(b.kind == "turn" for b in blocks):
            interviewee = self._interviewee(blocks, ctx)
        in_document = False
        for i, block in enumerate(blocks):
            if document is not None and i == document.start:
                in_document = True
            if not block.is_prose:
                if block.kind == "heading":
                    # a section head or live-blog entry title: what follows is a new entry
                    in_document = False
                    ctx.prev_para_speaker = ctx.pending_speaker = ""
                continue
            for issue in self.tagger.tags(block.text):
                counts[issue] += 1
            if block.kind == "post":
                found = self._post(block, ctx)
            elif block.kind == "turn":
                found = self._turn(block, ctx, interviewee)
            else:
                author = document if in_document else None
                found = self._paragraph(block.text, block.start, ctx, author)
            drafts.extend(replace(d, block=i) for d in found)
            for draft in found:
                actor = ctx.unknown.get(draft.statement.actor_id)
                if actor is not None:
                    new_actors.setdefault(actor.id, actor)
            ctx.prev_para = outside_quotes(block.text, self.quotes.find(block.text))
        if not self._on_topic(drafts, blocks):
            return Extraction((), ())
        dominant = _dominant(counts)
        statements: list[Statement] = []
        for draft in drafts:
            statement = draft.statement
            if not statement.issues:
                # the rest of a quote whose first part named the issue is about it too; else
                # the paragraph, the one before, the question answered, the article
                previous = statements[-1] if statements else None
                same = previous is not None and previous.actor_id == statement.actor_id
                chain = ((previous.issues,) if same and previous else ()) + draft.fallback
                issues = next((f for f in (*chain, dominant) if f), ())
                statement = replace(statement, issues=self._ordered(issues))
            statements.append(statement)
        statements = self._shared_issues(statements, [d.block for d in drafts])
        if counts[ENERGY] >= ENERGY_TRUCE_MENTIONS and counts[TRUCE]:
            # in coverage of an energy truce, "the truce" is that truce
            statements = [
                replace(s, issues=self._ordered({*s.issues, ENERGY})) if TRUCE in s.issues else s
                for s in statements
            ]
        statements.sort(key=lambda s: s.position)
        return Extraction(tuple(statements), tuple(new_actors.values()))

    def _names_plan(self, group: Sequence[Statement]) -> bool:
        """Whether a remark names the plan or the process itself ("the peace plan", "the fifth
        round"), not only "the talks" or "a deal" in passing."""
        if self._process_words is None:
            return False
        return any(
            CATCH_ALL in self.tagger.tags(self._process_words.sub(" ", s.text)) for s in group
        )

    def _shared_issues(self, statements: list[Statement], blocks: list[int]) -> list[Statement]:
        """The pieces of one speaker's remark in one paragraph (a split quote, the sentence
        reporting it) are one utterance, about the same issues."""
        out: list[Statement] = []
        i = 0
        while i < len(statements):
            j = i + 1
            while (
                j < len(statements)
                and blocks[j] == blocks[i]
                and statements[j].actor_id == statements[i].actor_id
                and _pieces(statements[j - 1], statements[j])
            ):
                j += 1
            group = statements[i:j]
            issues = self._ordered({issue for s in group for issue in s.issues})
            if CATCH_ALL in issues and len(issues) > 1 and not self._names_plan(group):
                # the talks named in passing by a remark about a named issue
                issues = tuple(i for i in issues if i != CATCH_ALL)
            out.extend(replace(s, issues=issues) for s in group)
            i = j
        return out

    def _on_topic(self, drafts: Sequence[_Draft], blocks: Sequence[Block]) -> bool:
        """Whether an article is about the talks: one of its statements names an issue. A long
        article where none does is about something else (Peskov on hockey); a short item gives
        too little context to judge, and a tracked actor speaking in it is enough."""
        if any(d.own for d in drafts):
            return True
        prose = sum(1 for b in blocks if b.is_prose)
        return prose <= SHORT_ITEM_BLOCKS and any(
            (actor := self.index.actor(d.statement.actor_id)) is not None
            and actor.kind != "anonymous"
            for d in drafts
        )

    def _ordered(self, issues: Sequence[str]) -> tuple[str, ...]:
        wanted = set(issues)
        return tuple(i.id for i in self.tagger.issues if i.id in wanted)

    # --- blocks that are not plain prose ------------------------------------------------------

    def _post(self, block: Block, ctx: _Context) -> list[_Draft]:
        """An embedded post: its text is a direct statement by the author its signature names."""
        speaker = self._named(block.label, ctx)
        if not speaker:
            return []
        start, end = _trim(block.text, 0, len(block.text))
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

    def _turn(self, block: Block, ctx: _Context, interviewee: str) -> list[_Draft]:
        """A transcript turn: an answer is a direct statement by whoever gives it."""
        body = block.text[block.body :]
        label = block.label
        if label in self.language.question_labels:
            speaker = ""
        elif label in self.language.answer_labels:
            speaker = interviewee
        else:
            speaker = self._named(label.title(), ctx, create=False)
            if speaker != interviewee and self.index.actor(speaker) is None:
                speaker = ""  # the interviewer, not in the config
        if not speaker:
            # a question names the issue its answer is about; one that names none follows up
            named = self.tagger.tags(body)
            ctx.question_named = bool(named)
            ctx.question_issues = named or ctx.question_issues
            # "Moscow says the force would be a NATO deployment. Is it?": speech in a question
            found = self._paragraph(body, block.start + block.body, ctx, None, laid_out=False)
            ctx.prev_para_speaker = ""
            return found
        start, end = _trim(block.text, block.body, len(block.text))
        text = block.text[start:end]
        # the question's issues, else the answer's own, else those of the question it follows up
        own = self.tagger.tags(text)
        issues = (ctx.question_issues if ctx.question_named else ()) or own
        ctx.prev_para_speaker = ctx.last_speaker = speaker
        return [
            _Draft(
                Statement(speaker, "direct", text, issues, block.start + start),
                own=bool(issues),
                fallback=(ctx.question_issues,),
            )
        ]

    def _named(self, name: str, ctx: _Context, *, create: bool = True) -> str:
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

    def _register(self, text: str, mention: ActorMention, ctx: _Context) -> str:
        """Remember a name not in the config, so its surname alone resolves later."""
        actor = ctx.unknown.setdefault(mention.actor_id, self.index.unknown_actor(text, mention))
        surname = actor.name.split()[-1]
        ctx.surnames.setdefault(surname, actor.id)
        return actor.id

    def _interviewee(self, blocks: Sequence[Block], ctx: _Context) -> str:
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

    def _document(self, blocks: Sequence[Block]) -> _Document | None:
        """A document the article reproduces ("The full text of the statement of ..."), if any."""
        found = None
        for i, block in enumerate(blocks[:DOCUMENT_LOOKAHEAD]):
            low = self.index.fold(block.text).lower()
            if any(m in low for m in self._markers):
                found = i
        if found is None:
            return None
        author = ""
        for block in (blocks[found], *reversed(blocks[:found])):
            institutions = [m for m in self.index.find(block.text) if m.kind == "institution"]
            if institutions:
                author = institutions[0].actor_id
                break
        if not author:
            return None
        principals = {
            m.actor_id
            for block in blocks[: found + 2]
            for m in self.index.find(block.text, unknown=False)
            if m.kind == "person"
        }
        return _Document(author, found + 1, frozenset(principals))

    # --- one paragraph --------------------------------------------------------------------------

    def _paragraph(
        self,
        para: str,
        base: int,
        ctx: _Context,
        document: _Document | None,
        *,
        laid_out: bool = True,
    ) -> list[_Draft]:
        """The statements of one paragraph of prose; ``laid_out``: whether a paragraph without
        quotation marks may be the previous speaker's words."""
        quotes = self.quotes.find(para)
        inside = mask(len(para), quotes)
        found_mentions = self.index.find(para)
        for m in found_mentions:
            if m.kind == "unknown" and not inside[m.start]:
                self._register(para, m, ctx)
        found_mentions = self._with_surnames(para, found_mentions, ctx)
        mentions = [m for m in found_mentions if not inside[m.start]]
        mentions = _merge_adjacent(mentions, para)
        for m in _POSSESSIVE_SPOKES.finditer(para):
            gender = "m" if m.group("p").lower() == "his" else "f"
            mentions.append(ActorMention(m.start(), m.end(), "", "pronoun", gender))
        mentions.sort(key=lambda m: m.start)
        for m in mentions:
            if m.kind == "unknown":
                self._register(para, m, ctx)
        sentences = self.segmenter.sentences(para, inside)
        out: list[_Draft] = []
        speakers_here: list[str] = []
        attributed_sentences: set[int] = set()
        quote_speakers: dict[int, set[str]] = {}
        last_quote_speaker = ""
        para_issues = self.tagger.tags(outside_quotes(para, quotes))
        prev_issues = self.tagger.tags(ctx.prev_para)
        pending, ctx.pending_speaker = ctx.pending_speaker, ""

        def resolve(mention: ActorMention) -> str:
            return self._resolve(mention, para, ctx, speakers_here, mentions)

        if pending and not quotes:
            # the paragraph after 'He told reporters outside:' is his words
            return [self._whole(para, base, pending, ctx, para_issues, prev_issues)]

        for s_idx, (s_start, s_end) in enumerate(sentences):
            # quotes first, then - if no quote in the sentence was attributed - reported speech,
            # sentence by sentence, so "he" can refer to a speaker earlier in the paragraph
            for qi, quote in enumerate(quotes):
                if not s_start <= quote.start < s_end or quote.words(para) < MIN_QUOTE_WORDS:
                    continue
                speaker = self._quote_speaker(para, quotes, qi, sentences, mentions, resolve)
                if not speaker:
                    # a quote continuing the previous one ("A," X said. "B."), or a paragraph
                    # that is all quote, continuing the previous paragraph's speaker
                    if last_quote_speaker:
                        speaker = last_quote_speaker
                    elif all_quote(para, quote):
                        speaker = ctx.prev_para_speaker or pending
                if not speaker and document is not None:
                    speaker = document.author
                if not speaker:
                    continue
                attributed_sentences.add(s_idx)
                quote_speakers.setdefault(s_idx, set()).add(speaker)
                last_quote_speaker = speaker
                speakers_here.append(speaker)
                text_start, text_end = _trim(para, quote.start, quote.end)
                context = outside_quotes(para[s_start:s_end], [])
                issues = self._issues(
                    para[text_start:text_end], context, ctx.prev_para, para, quotes
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
            also_other = bool(quoted_by) and not self._integrated(para, s_start, quotes)
            if s_idx == len(sentences) - 1 and para.rstrip().endswith(":") and not quotes:
                # 'He told the small group of reporters outside:' introduces the next paragraph
                speaker = self._speaker_in(para, s_start, s_end, mentions, resolve)
                if speaker:
                    ctx.pending_speaker = speaker
                    speakers_here.append(speaker)
                    continue
            found = self._reported(para, s_start, s_end, mentions, inside, resolve)
            if document is not None:
                found = self._in_document(para, s_start, s_end, found, document)
            if not found or (also_other and found[0] in quoted_by):
                continue
            speaker, t_start = found
            if any(inside[s_start:t_start]):
                t_start = s_start  # '"Russia destroyed, Russia pays," Zelensky said': all of it
            t_start, t_end = _trim(para, t_start, s_end)
            t_start = _with_determiner(para, t_start)
            sentence = para[t_start:t_end]
            if len(_WORD.findall(sentence)) < MIN_REPORTED_WORDS:
                continue  # a headline fragment ("Moscow asserts stance"), not a statement
            speakers_here.append(speaker)
            issues = self.tagger.tags(sentence)
            out.append(
                _Draft(
                    Statement(
                        actor_id=speaker,
                        kind="reported",
                        text=sentence,
                        issues=issues,
                        position=base + t_start,
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
            and self._first_person(para)
            and not any(m.kind in ("person", "unknown", "anonymous") for m in mentions)
        ):
            # a live-blog paragraph laid out as the previous paragraph's speaker's words
            out.append(
                self._whole(para, base, ctx.prev_para_speaker, ctx, para_issues, prev_issues)
            )
        out.sort(key=lambda d: d.statement.position)
        # remember context for the next paragraph
        ctx.prev_para_speaker = out[-1].statement.actor_id if out else ctx.pending_speaker
        if out:
            ctx.last_speaker = out[-1].statement.actor_id
        people = [resolve(m) for m in mentions if m.kind in ("person", "unknown")]
        people = [p for p in people if p]
        ctx.prev_first_person = people[0] if people else ""
        ctx.recent_people.extend(people)
        del ctx.recent_people[:-20]
        institutions = [m.actor_id for m in mentions if m.kind == "institution"]
        if institutions:
            ctx.last_institution = institutions[-1]
        return out

    def _whole(
        self,
        para: str,
        base: int,
        speaker: str,
        ctx: _Context,
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

    def _integrated(self, para: str, s_start: int, quotes: Sequence[Quote]) -> bool:
        """Whether the sentence's first quotation is part of its syntax ('X sneered that
        threats "no longer ..."'), so the sentence is also a reported statement; not so for
        'X said: "..."' or a sentence that opens with the quotation."""
        first = next((q for q in quotes if q.start > s_start), None)
        if first is None:
            return False
        head = para[s_start : first.start - 1].rstrip()
        if not head or head.endswith((":", ",", "—", "-", "–")):
            return False
        words = _WORD.findall(head)
        # 'X said that "..."': the quotation is the whole of what was said
        return len(words) >= 3 and words[-1].lower() not in self._complement_openers

    def _first_person(self, para: str) -> bool:
        words = {
            w.lower().replace("’", "'")
            for w in _TOKEN.findall(para)
            if w == "I" or not w.isupper()
        }
        return bool(words & self.language.first_person)

    def _in_document(self, para, s_start, s_end, found, document: _Document):
        """Inside a reproduced document, its sentences are its author's statements."""
        sentence = para[s_start:s_end]
        if found is not None:
            speaker = found[0]
            if speaker in document.principals or speaker == document.author:
                return document.author, s_start
            if (
                self.index.actor(speaker) is not None
                and self.index.actor(speaker).kind != "person"
            ):
                return document.author, s_start
            return found
        if self._passive is not None and self._passive.search(sentence):
            return document.author, s_start
        words = {w.lower() for w in _TOKEN.findall(sentence)}
        if words & self.language.narrative_verbs:
            return None  # "The leaders met in Paris": what happened, not what was said
        return document.author, s_start

    def _with_surnames(
        self, para: str, found: list[ActorMention], ctx: _Context
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
        text: str,
        context: str,
        prev_para: str,
        para: str,
        quotes: Sequence[Quote],
    ) -> tuple[str, ...]:
        issues = set(self.tagger.tags(f"{text}\n{context}"))
        if not issues - {"peace_plan"} and _ANAPHORIC_TOPIC.search(text):
            # "this issue is a key one": the topic is named around the quote, not in it
            issues |= set(self.tagger.tags(outside_quotes(para, quotes)))
            if not issues - {"peace_plan"}:
                issues |= set(self.tagger.tags(prev_para))
        return tuple(i.id for i in self.tagger.issues if i.id in issues)

    # --- attribution ----------------------------------------------------------------------------

    def _quote_speaker(self, para, quotes, qi, sentences, mentions, resolve) -> str:
        quote = quotes[qi]
        content = para[quote.start : quote.end].rstrip()
        ends_sentence = content.endswith((".", "!", "?", "…")) or content.endswith(".)")
        # 1. attribution after the quote: ', Peskov said' / ', said Peskov' / ' he asked'
        tail_end = quotes[qi + 1].start - 1 if qi + 1 < len(quotes) else len(para)
        tail_start = quote.end + 1
        tail = para[tail_start:tail_end]
        new_clause = _NEW_CLAUSE.match(tail) is not None  # '"..." and Merz said ...'
        if tail.strip() and not new_clause and not (ends_sentence and tail.lstrip()[:1].isupper()):
            dash = _DASH_NAME.match(tail)
            if (dash and not ends_sentence) or (dash and quote.end + 1 + dash.end() < len(para)):
                # '"Nobody will hold elections under missiles." - Volodymyr Zelensky'
                after = [m for m in mentions if m.start == tail_start + dash.end()]
                if after and not para[after[0].end :].strip(" .,"):
                    speaker = resolve(after[0])
                    if speaker:
                        return speaker
            cut = self.segmenter.first_sentence_end(tail)
            speaker = self._speaker_in(
                para, tail_start, tail_start + cut, mentions, resolve, max_words_to_verb=12
            )
            if speaker:
                return speaker
        # 2. attribution before the quote, in the same sentence: 'Merz said: "..."'
        s_idx = sentence_of(sentences, quote.start)
        head_start = sentences[s_idx][0]
        if (
            qi > 0
            and quotes[qi - 1].end + 1 > head_start
            and quotes[qi - 1].words(para) >= MIN_QUOTE_WORDS
        ):
            head_start = quotes[qi - 1].end + 1
        if head_start < quote.start - 1:
            speaker = self._speaker_in(para, head_start, quote.start - 1, mentions, resolve)
            if speaker:
                return speaker
            # live blogs and headlines: 'Peskov: "..."'
            head = [m for m in mentions if head_start <= m.start and m.end < quote.start]
            if head and re.fullmatch(r"\s*:\s*", para[head[-1].end : quote.start - 1]):
                return resolve(head[-1])
        return ""

    def _speaker_in(self, para, start, end, mentions, resolve, max_words_to_verb=None) -> str:
        """The subject of the first speech verb in para[start:end] that has an actor subject."""
        segment = para[start:end]
        for verb in self._verbs.finditer(segment):
            v_start = start + verb.start()
            v_end = start + verb.end()
            if self._is_noun(para, v_start):
                continue
            if (
                max_words_to_verb is not None
                and len(segment[: verb.start()].split()) > max_words_to_verb
            ):
                return ""
            if verb.group(0).lower() in self._sources:
                after = [m for m in mentions if v_end <= m.start < end]
                for m in after[:1]:
                    actor = resolve(m)
                    if actor:
                        return actor
                continue
            before = [m for m in mentions if start <= m.start and m.end <= v_start]
            subject = self._subject(para, before, start, v_start)
            if subject is not None:
                actor = resolve(subject)
                if actor:
                    return actor
            # 'said Peskov' / 'said Denmark's Foreign Minister Lars Rasmussen'
            after = [m for m in mentions if v_end <= m.start < end]
            if (
                after
                and after[0].kind not in ("pronoun", "thing", "role")
                and self._inversion_gap(para[v_end : after[0].start])
                and verb.group(0) in self._inverted
                and not self.index.fold(para[after[0].end : after[0].end + 2]).startswith("'")
            ):
                actor = resolve(after[0])
                if actor:
                    return actor
        return ""

    def _subject(self, para, before, start, v_start) -> ActorMention | None:
        """Among mentions before a verb, the one that is its subject (or None)."""
        clause_start = start
        # an 'according to X,' phrase is a source, not the subject
        for m in _ACCORDING_TO.finditer(para, start, v_start):
            comma = para.find(",", m.end(), v_start)
            if comma != -1:
                clause_start = max(clause_start, comma + 1)
        eligible = []
        for m in before:
            if m.start < clause_start:
                continue
            following = self.index.fold(para[m.end : m.end + 40])
            if following.startswith("'s") or following.startswith("'"):
                if _CHANNEL_NOUNS.match(following):
                    eligible.append(m)  # "a post on Witkoff's account said"
                continue
            word = (
                _word_before(para, m.start)
                if m.kind in ("pronoun", "thing")
                else _preceding_word(para, m.start)
            )
            if word in self._prepositions and not _TITLE_PHRASE.fullmatch(
                para[clause_start : m.start]
            ):
                if _SPOKES_FOR.search(para[max(0, m.start - 30) : m.start]):
                    eligible.append(m)  # "a spokesperson for the Commission president said"
                continue
            if _in_relative_clause(para, clause_start, m.start):
                continue
            eligible.append(m)
        if not eligible:
            return None
        subject = eligible[-1]
        # "Putin has shown no sign of ... his demands": too far from the verb to be its subject
        # "Medvedev - famous for his rants - also mocked ...": a parenthesis between dashes
        gap = _DASHED.sub(" ", para[subject.end : v_start])
        gap = re.sub(r",[^,]*,", " ", gap)
        channel = (
            _CHANNEL_NOUNS.match(self.index.fold(para[subject.end : subject.end + 40])) is not None
        )
        # "Merz put the issue in starker terms, saying ...": a participle after a comma belongs
        # to the main clause's subject, however far away
        participle = para[v_start:].split(" ", 1)[0].endswith("ing") and para[
            :v_start
        ].rstrip().endswith(",")
        # "a Russian official familiar with the negotiating brief said"
        anonymous = subject.kind == "anonymous"
        if len(gap.split()) > (8 if channel else 16 if participle else 6 if anonymous else 3):
            return None
        return subject

    def _reported(self, para, s_start, s_end, mentions, inside, resolve):
        """(speaker, text start) for reported speech in a sentence, or None."""
        sentence = para[s_start:s_end]
        verbs = [
            v
            for v in self._verbs.finditer(sentence)
            if not inside[s_start + v.start()]
            and not sentence.startswith(" by ", v.end())
            and not self._is_noun(para, s_start + v.start())
        ]
        if not verbs:
            return None
        for _, m_end in self.index.media_spans(sentence):
            if any(0 <= v.start() - m_end <= 12 for v in verbs):
                return None  # "Bloomberg reported that ...": the outlet's account, at second hand
        # sentence-final attribution: '..., the person said.' / '..., Umerov said Dec. 15.'
        for verb in reversed(verbs):
            v_start = s_start + verb.start()
            comma = para.rfind(",", s_start, v_start)
            if comma == -1 or verb.group(0) not in self._final_verbs:
                continue
            between = [m for m in mentions if comma < m.start and m.end <= v_start]
            gap = para[comma + 1 : v_start]
            rest = para[s_start + verb.end() : s_end]
            short_rest = len(rest.split(",")[0].split()) <= 4 and " that " not in f" {rest} "
            if between and short_rest and len(gap.split()) <= 14 and not self._verbs.search(gap):
                actor = resolve(between[0])
                if actor:
                    return actor, s_start
            break
        # "According to sources, Zelensky insisted ...": a speaking subject beats the source
        verbs.sort(key=lambda v: v.group(0).lower() in self._sources)
        for verb in verbs:
            v_start = s_start + verb.start()
            v_end = s_start + verb.end()
            if verb.group(0).lower() in self._sources:
                after = [m for m in mentions if v_end <= m.start < s_end]
                if after and after[0].start - v_end < 40:
                    actor = resolve(after[0])
                    if actor:
                        return actor, s_start
                continue
            before = [m for m in mentions if s_start <= m.start and m.end <= v_start]
            subject = self._subject(para, before, s_start, v_start)
            if subject is None:
                continue
            actor = resolve(subject)
            if actor:
                return actor, subject.start
        return None

    def _inversion_gap(self, gap: str) -> bool:
        """Whether the words between an inverted verb and its subject allow the inversion:
        none in English ('said Peskov'), a few in Russian ('заявил журналистам Песков')."""
        words = gap.split()
        if any(w[:1].isupper() or not w.isalpha() for w in words):
            return False
        return len(words) <= self.language.inversion_gap

    def _is_noun(self, para: str, v_start: int) -> bool:
        """Whether the speech-verb form at v_start is a noun: "a say", "the claims"."""
        before = para[max(0, v_start - 20) : v_start].split()
        return bool(before) and before[-1].lower() in self.language.noun_markers

    def _resolve(
        self,
        mention: ActorMention,
        para: str,
        ctx: _Context,
        here: list[str],
        mentions: Sequence[ActorMention] = (),
    ) -> str:
        if mention.kind in ("person", "institution", "anonymous", "unknown"):
            return mention.actor_id
        if mention.kind == "thing":
            # "It says Putin confirmed ...": the institution (or its readout) named last
            before = [
                m.actor_id for m in mentions if m.kind == "institution" and m.end <= mention.start
            ]
            return before[-1] if before else ctx.last_institution
        people_before = [
            m.actor_id
            for m in mentions
            if m.kind in ("person", "unknown") and m.end <= mention.start
        ]
        if mention.kind == "role":
            return self._resolve_role(mention.noun, ctx, here, people_before, mentions, mention)
        # a pronoun: the speaker so far in this paragraph, the first person named before it in
        # this paragraph, the last speaker, the first person named in the previous paragraph,
        # then the most recent person - of the right gender
        candidates = [
            *reversed(here),
            *people_before[:1],
            ctx.prev_para_speaker,
            ctx.prev_first_person,
            ctx.last_speaker,
            *reversed(ctx.recent_people),
        ]
        for actor_id in candidates:
            if not actor_id:
                continue
            actor = self.index.actor(actor_id)
            if actor is None:  # a discovered name: gender unknown, accept
                return actor_id
            if actor.kind == "person" and actor.gender in ("", mention.gender):
                return actor_id
        return ""

    def _resolve_role(self, noun, ctx, here, people_before, mentions, mention) -> str:
        """ "the minister", "the diplomat", "the readout": the actor the role phrase stands for."""
        lang = self.language
        if noun in lang.document_nouns and noun not in lang.role_nouns:
            before = [
                m.actor_id for m in mentions if m.kind == "institution" and m.end <= mention.start
            ]
            return before[-1] if before else ctx.last_institution
        if noun in lang.anonymous_nouns:
            for actor_id in reversed([*here, ctx.last_speaker]):
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
        first = ""
        for actor_id in candidates:
            if not actor_id:
                continue
            actor = self.index.actor(actor_id)
            if actor is not None and actor.kind != "person":
                continue
            if not first:
                first = actor_id
            if actor is not None:
                described = " ".join((actor.role, *actor.descriptions)).lower()
                if noun in described:
                    return actor_id
        return first


def _pieces(a: Statement, b: Statement) -> bool:
    """Whether two statements are pieces of one remark: a quote split around its attribution,
    or a reported sentence and the quotation inside it."""
    if a.kind == b.kind == "direct":
        return True
    first, second = sorted((a, b), key=lambda s: s.position)
    return first.kind == "reported" and second.position < first.position + len(first.text)


def _dominant(counts: Counter[str]) -> tuple[str, ...]:
    """The issue an article is mostly about, for statements that name none themselves."""
    if not counts:
        return ()
    return (counts.most_common(1)[0][0],)


# --- text helpers -------------------------------------------------------------------------------


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


def _word_before(para: str, pos: int) -> str:
    """The word right before pos, lower-cased ("on Wednesday he" -> "wednesday")."""
    window = re.split(r"[,;:.!?\"“”«»(\[—–]", para[max(0, pos - 30) : pos])[-1]
    words = re.findall(r"[\w']+", window)
    return words[-1].lower() if words else ""


def _preceding_word(para: str, pos: int) -> str:
    window = para[max(0, pos - 60) : pos]
    window = re.split(r"[,;:.!?\"“”(\[—–]", window)[-1]
    words = re.findall(r"[A-Za-z']+", window)
    # skip title words: "to President Volodymyr Zelenskyy" -> "to"
    while words and words[-1][:1].isupper() and len(words) > 1:
        words.pop()
    return words[-1].lower() if words else ""


_RELATIVE = re.compile(r",\s+(?:who|which|whose|whom)\b")


def _in_relative_clause(para: str, clause_start: int, pos: int) -> bool:
    """Whether pos sits after ', who ...' or ', which ...' that has not closed with a comma."""
    segment = para[clause_start:pos]
    last = None
    for last in _RELATIVE.finditer(segment):  # noqa: B007 - the last match is the one wanted
        pass
    return last is not None and "," not in segment[last.end() :]


def _merge_adjacent(mentions: list[ActorMention], para: str) -> list[ActorMention]:
    """'Kremlin spokesman Dmitry Peskov' is one mention, not two."""
    merged: list[ActorMention] = []
    for m in mentions:
        if merged:
            prev = merged[-1]
            gap = para[prev.end : m.start]
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
        merged.append(m)
    return merged
