"""Finding statements in article text: direct quotes and reported speech, attributed to actors.

Handles quotes split around the attribution ("A," Peskov said. "B."), attribution before or after the
quote, whole-paragraph quotes continuing the previous speaker, reported speech ("Zelensky said Kyiv was
willing ..."), sentence-final attribution ("..., a person familiar with the matter said."), "according
to ...", statements through a spokesperson or a post, and "he said" / "she said" resolved to the right
person. Scare quotes ("real progress") are not statements on their own.

Pure functions of text + config.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from bot.config import Language
from bot.extract.actors import ActorIndex, ActorMention
from bot.extract.issues import IssueTagger
from bot.model import Actor, Statement

MIN_QUOTE_WORDS = 5  # shorter quotes are scare quotes or fragments inside reported speech
MIN_REPORTED_WORDS = 6
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
_POSSESSIVE_SPOKES = re.compile(r"\b(?P<p>[Hh]is|[Hh]er) spokes(?:man|woman|person)\b")
_QUOTE_MARK = re.compile('["“”]')
_WORD = re.compile(r"[\w'’-]+")


@dataclass(frozen=True)
class Quote:
    """A quotation in a paragraph: content is para[start:end]; marks at start-1 and end."""

    start: int
    end: int

    def words(self, para: str) -> int:
        """How many words the quote holds."""
        return len(_WORD.findall(para[self.start : self.end]))


@dataclass
class _Context:
    """What the extractor remembers across paragraphs, for "he said" and continuing quotes."""

    last_speaker: str = ""
    prev_para_speaker: str = ""
    prev_first_person: str = ""
    recent_people: list[str] = field(default_factory=list)
    unknown: dict[str, Actor] = field(default_factory=dict)  # discovered names, by actor id
    relevant: bool = False  # a tracked actor or issue appeared


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
        self.abbreviations = language.abbreviations
        forms = sorted(set(language.speech_verbs), key=len, reverse=True)
        phrases = [re.escape(p) for p in language.verb_phrases]
        self._verbs = re.compile(r"\b(?:" + "|".join([*forms, *phrases]) + r")\b")

    def extract(self, text: str) -> Extraction:
        """Every statement in an article, in text order."""
        ctx = _Context()
        statements: list[Statement] = []
        new_actors: dict[str, Actor] = {}
        prev_para = ""  # the previous paragraph outside its quotes (issues taken from it lazily)
        offset = 0
        for line in text.split("\n"):
            start = offset
            offset += len(line) + 1
            if not line.strip():
                continue
            found = self._paragraph(line, start, ctx, prev_para, new_actors)
            statements.extend(found)
            if not ctx.relevant:
                ctx.relevant = bool(self.tagger.tags(line))
            prev_para = _outside_quotes(line, _find_quotes(line))
        if not ctx.relevant:
            # no tracked actor or issue anywhere: not about the talks
            return Extraction((), ())
        statements.sort(key=lambda s: s.position)
        return Extraction(tuple(statements), tuple(new_actors.values()))

    # --- one paragraph --------------------------------------------------------------------------

    def _paragraph(
        self,
        para: str,
        base: int,
        ctx: _Context,
        prev_para: str,
        new_actors: dict[str, Actor],
    ) -> list[Statement]:
        quotes = _find_quotes(para)
        inside = _mask(len(para), quotes)
        found_mentions = self.index.find(para)
        ctx.relevant = ctx.relevant or any(
            m.kind in ("person", "institution") for m in found_mentions
        )
        mentions = [m for m in found_mentions if not inside[m.start]]
        mentions = _merge_adjacent(mentions, para)
        for m in _POSSESSIVE_SPOKES.finditer(para):
            gender = "m" if m.group("p").lower() == "his" else "f"
            mentions.append(ActorMention(m.start(), m.end(), "", "pronoun", gender))
        mentions.sort(key=lambda m: m.start)
        sentences = _sentences(para, inside, self.abbreviations)
        out: list[Statement] = []
        speakers_here: list[str] = []
        attributed_sentences: set[int] = set()
        last_quote_speaker = ""

        unknown_speakers = ctx.unknown

        def resolve(mention: ActorMention) -> str:
            if mention.kind == "unknown":
                unknown_speakers.setdefault(
                    mention.actor_id, self.index.unknown_actor(para, mention)
                )
            return self._resolve(mention, para, ctx, speakers_here)

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
                    elif _all_quote(para, quote):
                        speaker = ctx.prev_para_speaker
                if not speaker:
                    continue
                attributed_sentences.add(s_idx)
                last_quote_speaker = speaker
                speakers_here.append(speaker)
                text_start, text_end = _trim(para, quote.start, quote.end)
                context = _outside_quotes(para[s_start:s_end], [])
                issues = self._issues(para[text_start:text_end], context, prev_para, para, quotes)
                out.append(
                    Statement(
                        actor_id=speaker,
                        kind="direct",
                        text=para[text_start:text_end],
                        issues=issues,
                        position=base + text_start,
                    )
                )
            if s_idx in attributed_sentences:
                continue
            found = self._reported(para, s_start, s_end, mentions, inside, resolve)
            if not found:
                continue
            speaker, t_start = found
            t_start, t_end = _trim(para, t_start, s_end)
            t_start = _with_determiner(para, t_start)
            sentence = para[t_start:t_end]
            if len(_WORD.findall(sentence)) < MIN_REPORTED_WORDS:
                continue  # a headline fragment ("Moscow asserts stance"), not a statement
            speakers_here.append(speaker)
            issues = self.tagger.tags(sentence)
            out.append(
                Statement(
                    actor_id=speaker,
                    kind="reported",
                    text=sentence,
                    issues=issues,
                    position=base + t_start,
                )
            )
        out.sort(key=lambda s: s.position)
        # remember context for the next paragraph
        ctx.prev_para_speaker = out[-1].actor_id if out else ""
        if out:
            ctx.last_speaker = out[-1].actor_id
        for statement in out:
            actor = unknown_speakers.get(statement.actor_id)
            if actor is not None and statement.actor_id not in new_actors:
                new_actors[statement.actor_id] = actor
        people = [resolve(m) for m in mentions if m.kind in ("person", "unknown")]
        people = [p for p in people if p]
        ctx.prev_first_person = people[0] if people else ""
        ctx.recent_people.extend(people)
        del ctx.recent_people[:-20]
        return out

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
            issues |= set(self.tagger.tags(_outside_quotes(para, quotes)))
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
        if tail.strip() and not (ends_sentence and tail.lstrip()[:1].isupper()):
            cut = _first_sentence_end(tail, self.abbreviations)
            speaker = self._speaker_in(
                para, tail_start, tail_start + cut, mentions, resolve, max_words_to_verb=12
            )
            if speaker:
                return speaker
        # 2. attribution before the quote, in the same sentence: 'Merz said: "..."'
        s_idx = _sentence_of(sentences, quote.start)
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
            if (
                max_words_to_verb is not None
                and len(segment[: verb.start()].split()) > max_words_to_verb
            ):
                return ""
            if verb.group(0).lower() == "according to":
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
                and not para[v_end : after[0].start].strip()
                and verb.group(0) in ("said", "says", "added", "asked", "wrote")
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
            if _preceding_word(para, m.start) in _PREPOSITIONS:
                continue
            if _in_relative_clause(para, clause_start, m.start):
                continue
            eligible.append(m)
        if not eligible:
            return None
        subject = eligible[-1]
        # "Putin has shown no sign of ... his demands": too far from the verb to be its subject
        gap = re.sub(r",[^,]*,", " ", para[subject.end : v_start])
        channel = (
            _CHANNEL_NOUNS.match(self.index.fold(para[subject.end : subject.end + 40])) is not None
        )
        # "Merz put the issue in starker terms, saying ...": a participle after a comma belongs
        # to the main clause's subject, however far away
        participle = para[v_start:].split(" ", 1)[0].endswith("ing") and para[
            :v_start
        ].rstrip().endswith(",")
        if len(gap.split()) > (8 if channel else 16 if participle else 3):
            return None
        return subject

    def _reported(self, para, s_start, s_end, mentions, inside, resolve):
        """(speaker, text start) for reported speech in a sentence, or None."""
        sentence = para[s_start:s_end]
        verbs = [
            v
            for v in self._verbs.finditer(sentence)
            if not inside[s_start + v.start()] and not sentence.startswith(" by ", v.end())
        ]
        if not verbs:
            return None
        # sentence-final attribution: '..., the person said.' / '..., Umerov said Dec. 15.'
        for verb in reversed(verbs):
            v_start = s_start + verb.start()
            comma = para.rfind(",", s_start, v_start)
            if comma == -1 or verb.group(0) not in ("said", "says", "told", "added", "wrote"):
                continue
            between = [m for m in mentions if comma < m.start and m.end <= v_start]
            gap = para[comma + 1 : v_start]
            rest = para[s_start + verb.end() : s_end]
            short_rest = len(rest.split(",")[0].split()) <= 4 and " that " not in f" {rest} "
            if between and short_rest and len(gap.split()) <= 9 and not self._verbs.search(gap):
                actor = resolve(between[0])
                if actor:
                    return actor, s_start
            break
        # "According to sources, Zelensky insisted ...": a speaking subject beats the source
        verbs.sort(key=lambda v: v.group(0).lower() == "according to")
        for verb in verbs:
            v_start = s_start + verb.start()
            v_end = s_start + verb.end()
            if verb.group(0).lower() == "according to":
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

    def _resolve(self, mention: ActorMention, para: str, ctx: _Context, here: list[str]) -> str:
        if mention.kind in ("person", "institution", "anonymous", "unknown"):
            return mention.actor_id
        if mention.kind == "anaphor":
            for actor_id in reversed([*here, ctx.last_speaker]):
                actor = self.index.actor(actor_id)
                if actor is not None and actor.kind == "anonymous":
                    return actor_id
            return "anon_source"
        # a pronoun: the speaker so far in this paragraph, the last speaker, the first person
        # named in the previous paragraph, then the most recent person - of the right gender
        candidates = [
            *reversed(here),
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


# --- text helpers ---------------------------------------------------------------------------------


def _find_quotes(para: str) -> list[Quote]:
    """Quotation spans: double quotes (straight or curly), else single quotes (curly, then
    straight) told apart from apostrophes by what surrounds them."""
    marks = [m.start() for m in _QUOTE_MARK.finditer(para)]
    if marks:
        return [Quote(marks[i] + 1, marks[i + 1]) for i in range(0, len(marks) - 1, 2)]
    for opening, closing in (("‘", "’"), ("'", "'")):
        quotes = _single_quotes(para, opening, closing)
        if quotes:
            return quotes
    return []


def _single_quotes(para: str, opening: str, closing: str) -> list[Quote]:
    out = []
    i = 0
    while True:
        open_at = para.find(opening, i)
        if open_at == -1:
            break
        if open_at > 0 and (para[open_at - 1].isalnum()):  # an apostrophe: "Ukraine's"
            i = open_at + 1
            continue
        close = open_at + 1
        while True:
            close = para.find(closing, close)
            # a closing mark is not followed by a letter ("Kyiv's", "don't")
            if close == -1 or close + 1 >= len(para) or not para[close + 1].isalpha():
                break
            close += 1
        if close == -1:
            break
        out.append(Quote(open_at + 1, close))
        i = close + 1
    return out


def _mask(n: int, quotes: Iterable[Quote]) -> bytearray:
    inside = bytearray(n + 1)
    for q in quotes:
        inside[q.start - 1 : q.end + 1] = b"\x01" * (q.end + 1 - (q.start - 1))
    return inside


def _outside_quotes(text: str, quotes: Sequence[Quote]) -> str:
    if not quotes:
        quotes = _find_quotes(text)
    parts, last = [], 0
    for q in quotes:
        parts.append(text[last : q.start - 1])
        last = q.end + 1
    parts.append(text[last:])
    return " ".join(parts)


def _all_quote(para: str, quote: Quote) -> bool:
    return not para[: quote.start - 1].strip() and not para[quote.end + 1 :].strip(" .,")


def _is_abbreviation(para: str, dot: int, abbreviations: frozenset[str]) -> bool:
    word = re.search(r"([\w.]+)$", para[:dot])
    if not word:
        return False
    token = word.group(1)
    if re.fullmatch(r"(?:[A-Za-z]\.)*[A-Za-z]", token):  # U.S, initials
        return True
    return token.lower() in abbreviations


def _sentences(
    para: str, inside: bytearray, abbreviations: frozenset[str]
) -> list[tuple[int, int]]:
    """Sentence spans of a paragraph, never breaking inside a quotation."""
    spans, start = [], 0
    for m in re.finditer(r"[.!?…]+[\"”’)]*(?=\s+[\"“‘(A-Z0-9])", para):
        end = m.end()
        if inside[m.start()] and not (end - 1 < len(para) and para[end - 1] in '"”'):
            continue
        if inside[m.start()] and inside[end - 1] and para[end - 1] not in '"”':
            continue
        if para[m.start()] == "." and _is_abbreviation(para, m.start(), abbreviations):
            continue
        spans.append((start, end))
        start = end
        while start < len(para) and para[start].isspace():
            start += 1
    if start < len(para):
        spans.append((start, len(para)))
    return spans or [(0, len(para))]


def _sentence_of(sentences: Sequence[tuple[int, int]], pos: int) -> int:
    for i, (start, end) in enumerate(sentences):
        if start <= pos < end:
            return i
    return len(sentences) - 1


def _first_sentence_end(segment: str, abbreviations: frozenset[str]) -> int:
    for m in re.finditer(r"[.!?](?=\s|$)", segment):
        if segment[m.start()] == "." and _is_abbreviation(segment, m.start(), abbreviations):
            continue
        return m.end()
    return len(segment)


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
