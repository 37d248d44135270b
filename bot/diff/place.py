"""Placing a statement among the developments: join one, start a new one, or show that two are
one (a bridge). The thresholds and the candidate window live here, with the code they tune.

Pure given the candidates (one ingest batch's candidates per speaker: bot/diff/pool.py).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta

from bot.diff.score import (
    Candidate,
    Shortlist,
    issues_agree,
    latest_first,
    matches,
    one_day,
    other_days,
)
from bot.diff.signature import Signature, content
from bot.diff.when import Calendar, alternation
from bot.model import Actor, Statement

MATCH_THRESHOLD = 0.45  # similarity at which two statements are one development
BRIDGE_THRESHOLD = 0.5  # a statement this close to two developments shows they are one
CANDIDATES = 150  # an actor's most recent mentions compared with a new statement
NEIGHBOURS = 4  # statements back in an article that may be pieces of the same utterance
WINDOW = timedelta(days=14)  # a statement joins a development seen at most this long before


@dataclass(frozen=True)
class Placement:
    """Where a statement goes: an existing development (or ``None`` for a new one), and the
    developments it showed to be that same one, to be folded into it."""

    development_id: int | None
    merged: tuple[int, ...] = ()


def place(
    statement: Statement,
    sig: Signature,
    candidates: list[Candidate],
    decisive: frozenset[str] = frozenset(),
    neighbours: Sequence[Candidate] = (),
    *,
    lean: bool = True,
    sharing: Shortlist | None = None,
    unleaned: Collection[int] = frozenset(),
) -> Placement:
    """The placement of one statement among its speaker's candidate mentions.

    ``neighbours`` are the statements before it in the same article that are pieces of the same
    utterance (:func:`same_utterance`): the pieces of a split quote, or a quote and the sentence
    paraphrasing it, are one utterance whatever their words - unless they are on different
    specific issues or said on days that cannot meet. ``lean``: whether the statement may lean to
    its speaker's one development on its issue that day (see :func:`bot.diff.score.matches`);
    ``sharing``: its shortlist among the candidates, as matches() takes it; ``unleaned``:
    the developments its article started with a statement of its kind, which it may not lean
    to (matches() says why)."""
    # the developments it cannot join (a pass over every candidate): asked once, for both
    elsewhen = other_days(sig, candidates)
    found = matches(
        statement,
        sig,
        candidates,
        MATCH_THRESHOLD,
        decisive,
        lean=lean,
        sharing=sharing,
        unleaned=unleaned,
        elsewhen=elsewhen,
    )
    found = latest_first(found, sig, candidates)
    pieces = [
        n.development_id
        for n in neighbours
        if issues_agree(statement.issues, n.issues) and n.development_id not in elsewhen
    ]
    bridged = [m.development_id for m in found[1:] if m.score >= BRIDGE_THRESHOLD]
    # the pieces of its utterance in the article, the best match, then the bridges: those said
    # on days that cannot meet the ones before them are another remark (score.one_day)
    linked = set(one_day(pieces + [m.development_id for m in found[:1]] + bridged, candidates))
    if not linked:
        return Placement(None)
    keep = min(linked)  # the oldest development survives
    return Placement(keep, tuple(sorted(linked - {keep})))


def takes_text(development_kind: str, statement_kind: str) -> bool:
    """Whether a development's shown text becomes this new mention's: a development reads best as
    a direct quote, so the first direct mention replaces reported speech."""
    return statement_kind == "direct" and development_kind != "direct"


def claim_markers(words: Iterable[str]) -> re.Pattern[str]:
    """The language's words that say what follows is another claim by the same speaker ("adding
    that", "he added", "also said"); without words, nothing does."""
    return re.compile(rf"\b(?:{alternation(words, trie=False)})\b", re.IGNORECASE)


MARKER_REACH = 60  # characters before a quoted fragment that may say it was added
SPLIT_GAP = 80  # characters between two quoted pieces that can only be their attribution
# characters of one attribution sentence between two quoted pieces that describes the speaker at
# length ('," said Ann Roe, a senior fellow at the Lund Institute, who has seen every round. "')
ATTRIBUTION_GAP = 160
SENTENCE_GAP = 160  # characters between two quoted fragments of one sentence


def pieces_of_one(
    before: Statement, after: Statement, text: str, another: re.Pattern[str]
) -> bool:
    """Whether two statements next to each other are pieces of one utterance: a quoted fragment
    inside the sentence that reports it, or a quote split around its attribution ("A," he said.
    "B."). Another sentence by the same speaker ("He added that ...": ``another``, from
    :func:`claim_markers`) is another claim."""
    if before.actor_id != after.actor_id:
        return False
    before, after = content(before), content(after)
    end = before.position + len(before.text)
    if after.position < end:  # one inside the other, unless it is what the speaker added
        # 'He added that the first group "...": the marker in the sentence's own attribution
        # is the sentence's (a further remark, of which the fragment is a piece)
        head = len(_CLAUSE_END.split(before.text, 1)[0]) if before.kind == "reported" else 0
        start = max(before.position + head, after.position - MARKER_REACH)
        return another.search(text[start : after.position]) is None
    gap = text[end : after.position]
    if before.kind != "direct" or after.kind != "direct" or "\n" in gap:
        return False
    # '," Peskov said. "' - nothing but the attribution: after its last stop, only the mark
    opens_next = re.split(r"[.,:;!?]", gap)[-1].strip(" \"“”«»'‘’") == ""
    if opens_next and (len(gap) <= SPLIT_GAP or _one_attribution(gap, another)):
        return True
    # 'X said that "A" and that "B."': quoted fragments of one reported sentence are pieces of
    # the remark it reports, unless the words between say the speaker added one
    return (
        len(gap) <= SENTENCE_GAP
        and not before.text.rstrip().endswith((".", "!", "?"))
        and _SENTENCE_END.search(gap) is None
        and another.search(gap) is None
    )


_CLAUSE_END = re.compile(r",|\bthat\b")


def _one_attribution(gap: str, another: re.Pattern[str]) -> bool:
    """Whether the words between two quoted pieces are one sentence, their attribution however
    long its description of the speaker, that does not say the speaker added a claim."""
    return (
        len(gap) <= ATTRIBUTION_GAP
        and len(_SENTENCE_END.findall(gap)) <= 1
        and another.search(gap) is None
    )


def says_more(text: str, statement: Statement, another: re.Pattern[str]) -> bool:
    """Whether the article presents the statement as a further remark of its speaker ("He added
    that ...", '"...," he added.', "X also said ..."): the marker in the words that attribute it,
    not in what it reports ("..., adding that ..." goes on with the same remark)."""
    statement = content(statement)
    start, end = statement.position, statement.position + len(statement.text)
    lead = text[max(0, start - MARKER_REACH) : start]
    lead = _SENTENCE_START.split(lead)[-1]
    if statement.kind == "reported":
        head = _CLAUSE_END.split(statement.text, 1)[0]
        return another.search(f"{lead} {head}") is not None
    tail = text[end : end + MARKER_REACH]
    stop = _SENTENCE_END.search(tail)
    return another.search(f"{lead} {tail[: stop.start()] if stop else tail}") is not None


# between a reported sentence and the quote that opens the next sentence or paragraph: nothing but
# the sentence's end and the opening mark
_QUOTE_FOLLOWS = re.compile(r"[\s.!?]*[\"“«„‘']?")
# or words that only attribute the quote opening it, in the same paragraph ('. In his words, "',
# '. He insisted: "', '. The constitution, the spokesman said, "')
_LEAD_IN = re.compile(r"[\s.!?]*(?P<lead>[^\n.!?\"“”«»„]{1,80}?)[,:]\s*[\"“«„‘']")
LEAD_IN_WORDS = 6


def same_utterance(
    before: Statement, after: Statement, text: str, another: re.Pattern[str]
) -> bool:
    """Whether a statement is a piece of the same utterance as one before it in the article:
    the pieces of one quote (:func:`pieces_of_one`), or a reported sentence and the quote that
    opens the very next sentence or paragraph by the same speaker (the quote it reports), or
    follows in the same paragraph words that only attribute it ("In his words, ..."). Another
    sentence by the same speaker, or a quote after narrative, is another claim."""
    if before.actor_id != after.actor_id:
        return False
    before, after = content(before), content(after)
    if pieces_of_one(before, after, text, another):
        return True
    nested = after.position < before.position + len(before.text)
    if nested or before.kind != "reported" or after.kind != "direct":
        return False
    gap = text[before.position + len(before.text) : after.position]
    if gap.count("\n") > 1:
        return False
    if _QUOTE_FOLLOWS.fullmatch(gap) is None:
        lead = _LEAD_IN.fullmatch(gap)
        if (
            lead is None
            or len(lead.group("lead").split()) > LEAD_IN_WORDS
            or another.search(lead.group("lead")) is not None
        ):
            return False
    # '"...," he added.': the quote is a further claim, not the one the sentence reports
    end = after.position + len(after.text)
    tail = text[end : end + CONTEXT]
    m = _SENTENCE_END.search(tail)
    return another.search(tail[: m.start()] if m else tail) is None


_SENTENCE_START = re.compile(r"[.!?][\"”’»]?\s+|\n")
_SENTENCE_END = re.compile(r"[.!?](?=[\"”’»]?(?:\s|$))|\n")
_QUOTED = re.compile(r"[“\"«„][^“”\"«»„\n]*[”\"»“]")
_ATTRIBUTION_FOLLOWS = re.compile(r"[\"”’»]*\s*[a-z]")  # '." he said': the sentence goes on
CONTEXT = 240  # characters looked at either side of a statement for when it was said


def said_context(text: str, statement: Statement, calendar: Calendar) -> str:
    """The words that can tell when a statement was said: its sentence before it, the statement
    itself when reported, and its attribution after it, quoted words left out."""
    statement = content(statement)
    start, end = statement.position, statement.position + len(statement.text)
    before = text[max(0, start - CONTEXT) : start]
    cut = 0
    for brk in _SENTENCE_START.finditer(before):  # the last sentence break before it
        cut = brk.end()
    before = before[cut:]
    after = text[end : end + CONTEXT]
    stop = _SENTENCE_END.search(after)
    after = after[: stop.start()] if stop else after
    if statement.kind == "reported" or (
        statement.text.rstrip().endswith((".", "!", "?")) and not _ATTRIBUTION_FOLLOWS.match(after)
    ):
        after = ""  # the sentence ended with the statement: what follows is another sentence
    # '"...," Peskov said, adding that Moscow had not yet received ...': after "that" is what
    # else was said, and its tense or day is that content's, not when the quote was said
    after = calendar.what_was_said(after)
    own = " "
    if statement.kind == "reported":
        # "X said on Monday that talks resume on Friday": after "that" is what was said, and a
        # day there is the content's ("resume on Friday"), not the utterance's
        own = calendar.what_was_said(statement.text)
    return _QUOTED.sub(" ", f"{before} {own} {after}")


def speaker_groups(actors: Iterable[Actor]) -> dict[str, tuple[str, ...]]:
    """Grouping speaker -> the actors who speak as it: an institution and its spokespeople
    (``speaks_for``) are one speaker for grouping, so "the Kremlin said" joins Peskov's remark."""
    groups: dict[str, list[str]] = {}
    for actor in actors:
        groups.setdefault(actor.speaks_for or actor.id, []).append(actor.id)
    return {key: tuple(dict.fromkeys([key, *ids])) for key, ids in groups.items()}


def speaker_of(actor: Actor | None, actor_id: str) -> str:
    """The grouping speaker an actor speaks as (itself, or the institution it speaks for)."""
    return actor.speaks_for if actor is not None and actor.speaks_for else actor_id
