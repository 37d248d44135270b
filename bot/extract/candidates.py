"""Which sentences of reported speech are statements: the ones that say something.

A verb of saying is not enough. "Sybiha echoed the message on social media", "Medvedev commented
on the results on his channel", "Zelensky answered in his evening address" and "officials had
weighed in" only tell that someone spoke; what was said is in the next sentence or nowhere.
After such a verb there is at most an audience ("told reporters"), a noun standing for what was
said ("the message", "a short update", "the results of the round") and phrases of occasion ("in
his address", "on Telegram", "after the session") - no clause, no quotation, no object of its
own. A question is no statement either: "The host then asked whether Kyiv would sign", "He is
asked whether the door is closed". The words come from the language file. Pure.
"""

from __future__ import annotations

import re

from bot.config import Language
from bot.extract.actors import alternation

INTRO_MAX_WORDS = 4  # "By evening, officials had weighed in": an adverbial before the speaker
SUBJECT_MAX_WORDS = 10  # "Rustem Umerov, Ukraine's chief negotiator, posted": speaker to verb
_QUOTE_MARK = re.compile('["“”«»„‘‹›:;]')  # not ’, the apostrophe of "Ukraine’s"
# a clause or a complement after the verb: something was said
_CONTENT = re.compile(
    r"\b(?:that|whether|if|how|what|why|when|where|who|whom|which|as|not|no|never"
    # a clause without "that": "said on Saturday the talks had moved forward"
    r"|is|are|was|were|will|would|could|should|can|may|might|must|had|has|have)\b"
    r"|\d|\bto\s+(?!the\b|a\b|an\b|his\b|her\b|its\b|their\b|our\b)[a-z]",
    re.IGNORECASE,
)
# "on 10 December", "on Dec. 15, 2026", "in 2024": a date is an occasion, not a figure said
_DATE = re.compile(
    r"\b(?:on|in|since|by|until)\s+(?:[A-Z][a-z]{2,8}\.?\s+)?\d{1,4}(?:st|nd|rd|th)?"
    r"(?:\s+[A-Z][a-z]{2,8})?(?:,?\s+\d{4})?\b"
)
# "..., the agency's correspondent reports": the writer's sourcing, not the speaker's words
_SOURCING = re.compile(r",\s+(?:the\s+)?[^,]{2,60}?\s(?:reports|informs|writes)\.?\s*$")
_DETERMINERS = r"(?:the|a|an|his|her|its|their|our|this|that|these|those)"
_QUESTION_WORDS = re.compile(r"\s+(?:\w+ly\s+)?(?:whether|if|what|how|why|when|where|who|about)\b")
_PASSIVE = re.compile(r"\b(?:is|was|were|are|been|being)\s+(?:\w+ly\s+)?$")


def _words(words: frozenset[str]) -> str:
    body = "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))
    return f"(?i:{body})" if body else "(?!)"  # "on Telegram", "on X"


class Candidates:
    """Tells reported sentences that say something from those that only say someone spoke."""

    def __init__(self, language: Language) -> None:
        forms = (*language.speech_verbs, *language.verb_phrases, *language.naming_verbs)
        verbs = alternation({v: v for v in forms}, 0)
        assert verbs is not None, "a language needs speech verbs"
        self._verbs = verbs
        self._questions = frozenset(language.question_verbs)
        audience = (
            rf"(?:{_DETERMINERS}\s+)?(?:[\w'’-]+\s+)?(?:{_words(language.audience_nouns)})\b"
            r"|[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3}"
        )
        said = (
            rf"(?:(?:about|on|of)\s+)?{_DETERMINERS}\s+(?:[\w'’-]+\s+){{0,3}}?"
            rf"(?:{_words(language.event_nouns)})\b(?:\s+(?:of|from|on|about)\s+[^,]*?)?"
            r"|(?:this|so|it)\b"  # "He stated this on Telegram": what was said is elsewhere
        )
        occasion = (
            rf"(?:{_words(language.occasion_words)})\b[^,]*?"
            rf"|on\s+(?:{_DETERMINERS}\s+)?(?:[\w'’-]+\s+){{0,2}}?"
            rf"(?:{_words(language.occasion_nouns)})\b[^,]*?"
            rf"|to\s+(?:{_DETERMINERS}\b|[A-Z])[^,]*?"
        )
        self._nothing = re.compile(
            rf"\s*(?:(?:{audience})\s*)?(?:(?:{said})\s*)?(?:,?\s*(?:{occasion})\s*)*[.!]?\s*"
        )

    def says_nothing(self, sentence: str, subject: int) -> bool:
        """Whether a sentence of reported speech, its speaker named at ``subject``, only tells
        that someone spoke (or asked a question), not what was said."""
        if _QUOTE_MARK.search(sentence):
            return False  # a quotation
        verb = next((v for v in self._verbs.finditer(sentence, subject)), None)
        if verb is None:
            return False
        head = sentence[: verb.start()]
        rest = sentence[verb.end() :]
        if verb.group(0).lower() in self._questions:
            # "He is asked whether ...", "X, a member of the committee, asked directly
            # whether ...": a question (in "Asked whether ..., X said" the verb is "said")
            return bool(_QUESTION_WORDS.match(rest) or _PASSIVE.search(head))
        if len(sentence[subject : verb.start()].split()) > SUBJECT_MAX_WORDS:
            return False  # the verb belongs to a clause of its own, not to the speaker's
        if "," in head and len(head[: head.find(",")].split()) > INTRO_MAX_WORDS:
            return False  # a clause before the speaker: '..., one of them said'
        rest = _SOURCING.sub("", rest)
        if _CONTENT.search(_DATE.sub(" ", rest)):
            return False
        return self._nothing.fullmatch(rest) is not None
