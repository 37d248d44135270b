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
from bot.language import longest_first

INTRO_MAX_WORDS = 4  # "By evening, officials had weighed in": an adverbial before the speaker
SUBJECT_MAX_WORDS = 10  # "Rustem Umerov, Ukraine's chief negotiator, posted": speaker to verb
_QUOTE_MARK = re.compile('["“”«»„‘‹›:;]')  # not ’, the apostrophe of "Ukraine’s"
_DIGIT = re.compile(r"\d")
_ASIDE_OPENS = re.compile(r",\s*(?:[\w'’]+\s+)?$")  # ", asked", ", when asked": an aside opens
_UPPER = "A-ZА-ЯЁ"  # a capital in the scripts of the language files: "to Zelensky", "Зеленскому"
_LOWER = "a-zа-яё"
_WORD = r"[\w'’-]+"


def _words(words: frozenset[str] | tuple[str, ...]) -> str:
    body = longest_first(words)
    return f"(?i:{body})" if body else "(?!)"  # "on Telegram", "on X"


SPEECH_ACT_GAP = 3  # "launched another furious tirade": words between the verb and the noun


def _speech_act(language: Language) -> str:
    """A pattern of the language's speech acts ("launched another furious tirade": a verb, up
    to a few words, a noun of speech), or "" when it has none."""
    if not (language.speech_act_verbs and language.speech_act_nouns):
        return ""
    return (
        rf"(?<![\w-])(?:{longest_first(language.speech_act_verbs)})"
        rf"(?:\s+{_WORD}){{0,{SPEECH_ACT_GAP}}}?\s+(?:{longest_first(language.speech_act_nouns)})"
        r"(?![\w-])"
    )


def speech_pattern(language: Language) -> re.Pattern[str]:
    """Every speech verb and phrase of the language as one pattern, with its speech acts."""
    forms = (*language.speech_verbs, *language.verb_phrases, *language.naming_verbs)
    verbs = alternation({v: v for v in forms}, 0)
    assert verbs is not None, "a language needs speech verbs"
    act = _speech_act(language)
    return re.compile(f"{act}|{verbs.pattern}") if act else verbs


class Candidates:
    """Tells reported sentences that say something from those that only say someone spoke."""

    def __init__(self, language: Language) -> None:
        self._verbs = speech_pattern(language)
        self._act = re.compile(_speech_act(language) or "(?!)")
        self._request = re.compile(
            rf"\b(?:{_words(language.comment_requests)})\b"
            if language.comment_requests
            else "(?!)"
        )
        self._questions = frozenset(language.question_verbs)
        self._evaluations = frozenset(e.lower() for e in language.evaluations)
        # "As Kyiv Bulletin reported, ...": a source named in an opening clause (not "As
        # Brandt put it, ...", which attributes what follows)
        self._opener = re.compile(
            rf"\s*(?:{_words(language.sourcing_openers)})\s+[{_UPPER}][^,]{{0,60}}?\s+"
            rf"(?:{_words(language.sourcing_verbs)})\s*,"
        )
        self._recap = (
            re.compile(rf"\s*(?i:{longest_first(language.recap_openers)})\s*[:,—–-]")
            if language.recap_openers
            else None
        )
        # "While both sides stress unity, ...": a contrast clause opening the sentence
        self._concessive = (
            re.compile(rf"\s*(?i:{longest_first(language.concessive_openers)})\s+[^,]*?,")
            if language.concessive_openers
            else None
        )
        grouping = dict(language.grouping)
        # a language without articles ("the", "a") has no determiner before what was said
        det = _words(language.object_determiners)
        det_before = rf"{det}\s+" if language.object_determiners else ""
        endings = _words(language.adverb_endings)
        adverb = rf"(?:\w+{endings}\s+)?" if language.adverb_endings else ""
        # a clause or a complement after the verb: something was said ("said on Saturday the
        # talks had moved forward": a clause without "that"), a figure, or an infinitive
        self._content = re.compile(
            rf"\b(?:{_words(language.clause_words)}|{_words(language.auxiliaries)})\b|\d"
            rf"|\b(?:{_words(language.infinitive_markers)})\s+(?!{det}\b)[{_LOWER}]",
            re.IGNORECASE,
        )
        # "on 10 December", "on Dec. 15, 2026", "in 2024", "12 декабря": a date is an
        # occasion, not a figure said
        months = tuple(f for forms in grouping.get("months", ()) for f in forms.split())
        ordinals = _words(grouping.get("ordinals", ()))
        self._date = re.compile(
            rf"\b(?:{_words(language.date_prepositions)})\s+(?:[{_UPPER}][{_LOWER}]{{2,8}}\.?\s+)?"
            rf"\d{{1,4}}(?:{ordinals})?(?:\s+[{_UPPER}][{_LOWER}]{{2,8}})?(?:,?\s+\d{{4}})?\b"
            rf"|\b\d{{1,2}}\s+(?:{_words(months)})\b"
        )
        # "..., the agency's correspondent reports": the writer's sourcing, not the speaker's
        self._sourcing = re.compile(
            rf",\s+[^,]{{2,60}}?\s(?:{_words(language.sourcing_verbs)})\.?\s*$"
        )
        self._asks = re.compile(
            rf"\s+{adverb}(?:{_words(language.question_words)})\b"
            rf"|,?\s+(?:\S+\s+)?(?:{_words(language.question_particles)})\b"
        )
        self._passive = re.compile(rf"\b(?:{_words(language.copulas)})\s+{adverb}$")
        # "has not yet commented", "did not elaborate": a verb of saying, negated
        self._negated = re.compile(
            rf"(?:{_words(language.negations)})\s+(?:(?:{_words(language.adverbs)})\s+)?{adverb}$"
        )
        topic = _words(language.topic_prepositions)
        audience = (
            rf"(?:{det}\s+)?(?:{_WORD}\s+)?(?:{_words(language.audience_nouns)})\b"
            rf"|[{_UPPER}]{_WORD}(?:\s+[{_UPPER}]{_WORD}){{0,3}}"
        )
        said = (
            rf"(?:{topic}\s+)?{det_before}(?:{_WORD}\s+){{0,3}}?"
            rf"(?:{_words(language.event_nouns)})\b(?:\s+{topic}\s+[^,]*?)?"
            # "He stated this on Telegram": what was said is elsewhere
            rf"|(?:{_words(language.said_pronouns)})\b"
        )
        occasion = (
            rf"(?:{_words(language.occasion_words)})\b[^,]*?"
            rf"|(?:{_words(language.occasion_prepositions)})\s+(?:{det}\s+)?(?:{_WORD}\s+){{0,2}}?"
            rf"(?:{_words(language.occasion_nouns)})\b[^,]*?"
            rf"|(?:{_words(language.addressee_prepositions)})\s+(?:{det}\b|[{_UPPER}])[^,]*?"
        )
        # "blasted out the message": a particle of the verb
        particle = (
            rf"(?:(?:{_words(language.verb_particles)})\s+)?" if language.verb_particles else ""
        )
        self._nothing = re.compile(
            rf"\s*{particle}(?:(?:{audience})\s*)?(?:(?:{said})\s*)?"
            rf"(?:,?\s*(?:{occasion})\s*)*[.!]?\s*"
        )

    def recap(self, sentence: str) -> bool:
        """Whether a sentence is the writer's recap ("In short: principles agreed; Moscow says
        no breakthrough"): what others said, summed up, is nobody's statement."""
        return self._recap is not None and self._recap.match(sentence) is not None

    def sourced(self, sentence: str) -> bool:
        """Whether a sentence opens on the writer's sourcing ("As Kyiv Bulletin reported, the
        round began on April 14"): who reported it is not who said it."""
        return self._opener.match(sentence) is not None

    def _undated(self, text: str) -> str:
        """The text without its dates ("on 10 December"), each a space; every date has a digit,
        and most texts have none (a cheap test first)."""
        return self._date.sub(" ", text) if _DIGIT.search(text) else text

    def states_clause(self, sentence: str) -> bool:
        """Whether a sentence's last verb of saying has a clause after it ("said the truce
        would hold"), not only an audience or an occasion ("posted on X", "echoed by Tusk, who
        wrote on X")."""
        verb = None
        for verb in self._verbs.finditer(sentence):  # noqa: B007 - the last one is wanted
            pass
        if verb is None or _QUOTE_MARK.search(sentence):
            return False
        return self._content.search(self._undated(sentence[verb.end() :])) is not None

    def says_nothing(self, sentence: str, subject: int) -> bool:
        """Whether a sentence of reported speech, its speaker named at ``subject``, only tells
        that someone spoke (or asked a question), not what was said."""
        if _QUOTE_MARK.search(sentence):
            return False  # a quotation
        verbs = list(self._verbs.finditer(sentence, subject))
        if not verbs:
            return False
        verb = verbs[0]
        if verb.group(0).lower() in self._questions and _ASIDE_OPENS.search(
            sentence, 0, verb.start()
        ):
            # "Peskov, asked about the round, said ...", "Peskov, when asked about it, said":
            # the question is an aside; the verb after it says what was said
            verb = next(
                (
                    v
                    for v in verbs[1:]
                    if v.group(0).lower() not in self._questions
                    and "," in sentence[verb.end() : v.start()]
                ),
                verb,
            )
            if self._negated.search(sentence, 0, verb.start()):
                return True  # "Peskov, asked about it, did not say when": nothing said
        head = sentence[: verb.start()]
        rest = sentence[verb.end() :]
        if verb.group(0).lower() in self._evaluations or self._act.fullmatch(verb.group(0)):
            # "gave a high assessment to the envoy's work", "launched a tirade at Europe": the
            # phrase says what was said
            return False
        if verb.group(0).lower() in self._questions:
            # "He is asked whether ...", "X, a member of the committee, asked directly
            # whether ...": a question (in "Asked whether ..., X said" the verb is "said")
            return bool(
                self._asks.match(rest)
                or self._passive.search(head)
                # "asked the Kremlin for comment on the round": a request, when no answer follows
                or (self._request.search(rest) is not None and not self._verbs.search(rest))
            )
        if len(sentence[subject : verb.start()].split()) > SUBJECT_MAX_WORDS:
            return False  # the verb belongs to a clause of its own, not to the speaker's
        if "," in head and len(head[: head.find(",")].split()) > INTRO_MAX_WORDS:
            return False  # a clause before the speaker: '..., one of them said'
        rest = self._sourcing.sub("", rest)
        contrast = self._concessive.match(sentence) if self._concessive else None
        if contrast and verb.end() < contrast.end():
            # "While both sides stress unity, real gaps remain": the verb has only a noun in
            # the contrast clause; "While Peskov said that ..., ..." says something
            return not self._content.search(self._undated(sentence[verb.end() : contrast.end()]))
        if self._content.search(self._undated(rest)):
            return False
        # "The ministry has not yet commented on the numbers": nothing said, whatever follows
        return self._negated.search(head) is not None or self._nothing.fullmatch(rest) is not None
