"""A language's words (``config/lang/<code>.toml``) for every stage of the statement engine.

Language is data: quote pairs, speech verbs, pronouns, abbreviations, stopwords and the words each
stage keys on come from the file, so adding a language is a file plus tests.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from bot.errors import ConfigError
from bot.tomlfile import read, texts, words


@dataclass(frozen=True)
class Language:
    """One language's words (``config/lang/<code>.toml``): a list per concept, for each stage."""

    code: str = "en"
    neutral_verbs: tuple[str, ...] = ()  # say only that something was said
    loaded_verbs: tuple[str, ...] = ()  # also say how: a denial, a warning
    verb_phrases: tuple[str, ...] = ()
    abbreviations: frozenset[str] = frozenset()
    stopwords: frozenset[str] = frozenset()
    fold: tuple[tuple[str, str], ...] = ()  # same-length character replacements
    quote_pairs: tuple[str, ...] = ("“”", '""', "«»", "„“", "‘’", "''")  # opening + closing mark
    pronouns_male: frozenset[str] = frozenset({"he", "him"})
    pronouns_female: frozenset[str] = frozenset({"she", "her"})
    pronouns_thing: frozenset[str] = frozenset()  # "it": an institution or its document
    pronouns_plural: frozenset[str] = frozenset()  # "they": unnamed sources or a body
    possessives_male: frozenset[str] = frozenset({"his"})
    possessives_female: frozenset[str] = frozenset({"her"})
    possessives_thing: frozenset[str] = frozenset()  # "its spokesman": the institution's
    determiners: frozenset[str] = frozenset({"the"})  # "the minister": a role anaphor
    role_nouns: frozenset[str] = frozenset()  # "the minister said": the last person named
    role_prefixes: frozenset[str] = frozenset()  # "the ex-president": still the role
    anonymous_nouns: frozenset[str] = frozenset()  # "the diplomat said": the last unnamed source
    unnamed_nouns: frozenset[str] = frozenset()  # "a Ukrainian negotiator": an unnamed source
    document_nouns: frozenset[str] = frozenset()  # "the readout says": the last institution
    title_words: frozenset[str] = frozenset()  # start a capitalised run but are not a name
    name_particles: frozenset[str] = frozenset()  # "de", "van": inside a name
    not_name_words: frozenset[str] = frozenset()  # "ministry", "council": a body, not a person
    question_labels: frozenset[str] = frozenset({"Q"})  # transcript turns
    answer_labels: frozenset[str] = frozenset({"A"})
    document_markers: tuple[str, ...] = ()  # "full text of the statement": a document follows
    passive_speech: tuple[str, ...] = ()  # "it was noted that": the document's author speaks
    anonymity: tuple[str, ...] = ()  # "who asked not to be named": the speaker is unnamed
    question_verbs: frozenset[str] = frozenset()  # "asked whether": a question, not a claim
    narrative_verbs: frozenset[str] = frozenset()  # "met", "discussed": actions, not statements
    first_person: frozenset[str] = frozenset()  # "we", "our": a paragraph laid out as speech
    noun_markers: frozenset[str] = frozenset()  # "a say", "the claims": the verb is a noun
    negations: frozenset[str] = frozenset()  # "did not say when": a neutral verb, negated
    infinitive_markers: frozenset[str] = frozenset()  # "sought to signal": no statement
    refusals: frozenset[str] = frozenset()  # "declined to confirm that": no statement
    adverbs: frozenset[str] = frozenset()  # "had not yet answered": between negation and verb
    copulas: frozenset[str] = frozenset()  # "are said to want": hearsay, no statement
    naming_verbs: frozenset[str] = frozenset()  # 'called it "a trap"': speech with a name given
    position_nouns: frozenset[str] = frozenset()  # "Peskov's line is that": a stated position
    intent_nouns: frozenset[str] = frozenset()  # "Zelensky's pledge to bring back ..."
    position_links: frozenset[str] = frozenset()  # "is", "remains": link that noun to its clause
    body_nouns: frozenset[str] = frozenset()  # "the Emirati foreign ministry": a body
    institution_heads: frozenset[str] = frozenset()  # "The Federal Ministry of Finance notes"
    release_labels: tuple[str, ...] = ()  # "Press release", "Statement — Doha": a release
    release_links: frozenset[str] = frozenset()  # "Joint statement on the outcome of ..."
    present_endings: frozenset[str] = frozenset()  # "notes", "expresses": a release's verbs
    issuing_verbs: frozenset[str] = frozenset()  # "the statement issued by X": X's words
    account_nouns: frozenset[str] = frozenset()  # "according to the ministry's account"
    joint_heads: frozenset[str] = frozenset()  # "the US, Ukrainian and Russian delegations"
    body_links: frozenset[str] = frozenset({"of"})  # "The Ministry for Foreign Affairs of Finland"
    prepositions: frozenset[str] = frozenset()  # "to Zelensky": not a verb's subject
    # "Tusk said X, while Kallas wrote": open a clause of its own, not one a speaker reports
    clause_openers: frozenset[str] = frozenset()
    source_articles: frozenset[str] = frozenset()  # "a Downing Street source": one unnamed
    agent_words: frozenset[str] = frozenset()  # "pressed by presenter X": X asks, not answers
    process_words: frozenset[str] = frozenset()  # "talks", "deal": the process in passing
    plan_words: frozenset[str] = frozenset()  # "the draft", "progress": the plan, never in passing
    # "the agreement would keep millions warm": a deal pointed at, the one its context names
    deal_determiners: frozenset[str] = frozenset()
    deal_nouns: frozenset[str] = frozenset()
    topic_words: frozenset[str] = frozenset()  # "negotiations", "ceasefire": the talks, the war
    topic_places: frozenset[str] = frozenset()  # "Kyiv", "Ukrainian": the country they are about
    # the issues stage: clauses setting a remark in time or place (", as talks began", but not
    # ", as well as"); stems for a pause in strikes; "this is ..." points back; "on": the
    # subject of a plan term ("an agreement on the loan"); "until", "before": the plan named as
    # the time of something else ("sanctions stay until there is a signed deal")
    scene_openers: tuple[str, ...] = ()
    scene_closers: tuple[str, ...] = ()
    speech_scene_closers: tuple[str, ...] = ()  # "said on Tuesday as talks opened": no comma
    not_scene: tuple[str, ...] = ()
    truce_words: tuple[str, ...] = ()
    timing_words: tuple[str, ...] = ()
    verb_links: tuple[str, ...] = ()  # "went to Ohio and told": a second verb, the same subject
    pointing_words: frozenset[str] = frozenset()
    pointing_links: frozenset[str] = frozenset()
    subject_links: frozenset[str] = frozenset()
    topic_phrases: tuple[str, ...] = ()  # "not on the agenda": said of a topic, not the process
    # "X, who is part of the delegation, said", "people familiar with the talks said": open a
    # speaker's description, not what was said; a relative pronoun only after a comma or a role
    speaker_descriptions: tuple[str, ...] = ()
    relative_pronouns: frozenset[str] = frozenset()
    # 'X said ..., saying that "..."': a second verb that restates, so the quotation is all
    restating_verbs: frozenset[str] = frozenset()
    pair_conjunctions: frozenset[str] = frozenset()  # "Witkoff and Kushner ... They said"
    # "After meeting Witkoff, Umerov flew home. He said": an opening adjunct names no subject
    adjunct_openers: frozenset[str] = frozenset()
    source_prepositions: frozenset[str] = frozenset()  # "an aide to Zelensky": his side's source
    latter_nouns: frozenset[str] = frozenset()  # "the latter said": the last person named
    former_nouns: frozenset[str] = frozenset()  # "the former said": the one named before him
    source_phrases: frozenset[str] = frozenset({"according to"})  # the speaker follows
    inverted_verbs: frozenset[str] = frozenset({"said", "says"})  # 'said Peskov'; "*": all
    inversion_gap: int = 0  # words allowed between an inverted verb and its subject
    grouping: tuple[tuple[str, tuple[str, ...]], ...] = ()  # bot/diff's: dates, "he added"
    # "X commented on the results on his channel": a verb of saying with nothing said
    event_nouns: frozenset[str] = frozenset()  # "the message", "an update": what was said, unsaid
    audience_nouns: frozenset[str] = frozenset()  # "told reporters", "informed the deputies"
    occasion_words: frozenset[str] = frozenset()  # "in his address", "after the session"
    occasion_nouns: frozenset[str] = frozenset()  # "on his channel", "on social media"
    occasion_prepositions: frozenset[str] = frozenset()  # "on" his channel
    addressee_prepositions: frozenset[str] = frozenset()  # "spoke to the press", "to Zelensky"
    topic_prepositions: frozenset[str] = frozenset()  # "commented on the results of the round"
    object_determiners: frozenset[str] = frozenset()  # "the message", "his remarks"
    said_pronouns: frozenset[str] = frozenset()  # "He stated this on Telegram"
    clause_words: frozenset[str] = frozenset()  # "said that", "said not": a clause follows
    auxiliaries: frozenset[str] = frozenset()  # "said the talks had moved": a clause follows
    date_prepositions: frozenset[str] = frozenset()  # "on 10 December": a date, not a figure
    place_prepositions: frozenset[str] = frozenset()  # "the round held in Ankara": a place
    absolute_prepositions: frozenset[str] = frozenset()  # "with Kallas saying": her clause
    credit_prepositions: frozenset[str] = frozenset()  # "That was the message from Rubio"
    second_person: frozenset[str] = frozenset()  # "Q: You said in Oslo ...": the interviewee
    verb_particles: frozenset[str] = frozenset()  # "blasted out the message": part of the verb
    sourcing_verbs: frozenset[str] = frozenset()  # "..., the agency's correspondent reports"
    honorifics: frozenset[str] = frozenset()  # "said His Excellency Adel ...": before a name
    delivery_verbs: frozenset[str] = frozenset()  # "Moscow's answer, delivered by Ushakov, was"
    channel_prepositions: frozenset[str] = frozenset()  # "Moscow said, through Zakharova, that"
    question_words: frozenset[str] = frozenset()  # "asked whether": a question
    question_particles: frozenset[str] = frozenset()  # "спросил, готов ли": one word, then "ли"
    adverb_endings: frozenset[str] = frozenset()  # "asked directly whether"
    # "A video shared 40,000 times since Monday says": a participle after an unnamed subject
    participle_endings: frozenset[str] = frozenset()
    gerund_endings: frozenset[str] = frozenset()  # "rather than commenting": no finite verb
    # "launched another furious tirade at Europe": a verb, a few words, a noun of speech
    speech_act_verbs: frozenset[str] = frozenset()
    speech_act_nouns: frozenset[str] = frozenset()
    # "The words were Macron's": a quotation's words, named after it
    utterance_nouns: frozenset[str] = frozenset()
    owner_links: tuple[str, ...] = ()  # "The words belong to Sybiha"
    inversion_openers: frozenset[str] = frozenset()  # "So said Sybiha in Kyiv"
    inversion_articles: frozenset[str] = frozenset()  # '"...," said a beaming Witkoff'
    comment_requests: tuple[str, ...] = ()  # "asked the Kremlin for comment": no statement
    hedges: tuple[str, ...] = ()  # "Kushner is understood to have told": still his words
    sourcing_openers: tuple[str, ...] = ()  # "As Kyiv Bulletin reported, ...": the writer's source
    moderator_cues: tuple[str, ...] = ()  # "go ahead", "let's move on": a briefing's procedure
    another_source: tuple[str, ...] = ()  # "Another said ...": one more of the unnamed sources
    pair_phrases: tuple[str, ...] = ()  # "Putin met Witkoff and Kushner. The two envoys said"
    recap_openers: tuple[str, ...] = ()  # "In short: ...": the writer's recap, nobody's words
    concessive_openers: tuple[str, ...] = ()  # "While both sides stress unity, ...": a contrast
    term_markers: tuple[str, ...] = ()  # 'the so-called "reassurance force"': a term, no quote
    # "gave a high assessment to the envoy's work": a speech phrase that says what was said
    evaluations: tuple[str, ...] = ()

    @property
    def speech_verbs(self) -> tuple[str, ...]:
        """Every single-word speech verb form."""
        return self.neutral_verbs + self.loaded_verbs

    def fold_table(self) -> dict[int, str]:
        """The folding as a ``str.translate`` table."""
        return str.maketrans(dict(self.fold))


def load_language(path: Path) -> Language:
    """Read a language file (``config/lang/en.toml``)."""
    raw = read(path)
    verbs = raw.get("speech_verbs", {})
    if not isinstance(verbs, dict):
        raise ConfigError(str(path), "speech_verbs", "must be a table")
    fold = raw.get("fold", {})
    if not isinstance(fold, dict):
        raise ConfigError(str(path), "fold", "must be a table of one-character strings")
    for key, value in fold.items():
        if not (isinstance(value, str) and len(key) == 1 and len(value) == 1):
            raise ConfigError(str(path), f"fold.{key}", "must map one character to one")
    return Language(
        code=path.stem,
        neutral_verbs=words(path, "speech_verbs.neutral", verbs.get("neutral")),
        loaded_verbs=words(path, "speech_verbs.loaded", verbs.get("loaded")),
        # an evaluation is a speech phrase too
        verb_phrases=texts(path, "speech_verbs.phrases", verbs.get("phrases"))
        + texts(path, "evaluations", raw.get("evaluations")),
        abbreviations=frozenset(words(path, "abbreviations", raw.get("abbreviations"))),
        stopwords=frozenset(words(path, "stopwords", raw.get("stopwords"))),
        fold=tuple(fold.items()),
        **_language_lists(path, raw),
    )


_LANGUAGE_SETS = tuple(
    """pronouns_male pronouns_female pronouns_thing pronouns_plural possessives_male
    possessives_female possessives_thing determiners role_nouns anonymous_nouns document_nouns
    title_words role_prefixes name_particles not_name_words question_labels answer_labels
    narrative_verbs first_person noun_markers negations infinitive_markers refusals adverbs
    copulas naming_verbs position_nouns position_links body_nouns prepositions process_words
    inverted_verbs pointing_words pointing_links subject_links question_verbs clause_openers
    source_articles agent_words event_nouns audience_nouns occasion_words occasion_nouns
    unnamed_nouns occasion_prepositions addressee_prepositions topic_prepositions
    object_determiners said_pronouns clause_words auxiliaries date_prepositions
    place_prepositions absolute_prepositions credit_prepositions second_person verb_particles
    sourcing_verbs question_words question_particles adverb_endings relative_pronouns
    restating_verbs pair_conjunctions adjunct_openers source_prepositions latter_nouns former_nouns
    plan_words
    participle_endings gerund_endings speech_act_verbs speech_act_nouns utterance_nouns
    inversion_openers inversion_articles honorifics delivery_verbs channel_prepositions
    topic_words topic_places institution_heads release_links present_endings issuing_verbs
    account_nouns joint_heads body_links deal_determiners deal_nouns intent_nouns""".split()
)
_LANGUAGE_LISTS = tuple(
    """document_markers passive_speech scene_openers scene_closers speech_scene_closers
    not_scene truce_words
    timing_words anonymity verb_links term_markers moderator_cues sourcing_openers
    topic_phrases evaluations speaker_descriptions another_source recap_openers owner_links
    pair_phrases
    comment_requests hedges release_labels concessive_openers""".split()
)


def _language_lists(path: Path, raw: dict[str, Any]) -> dict[str, Any]:
    """The optional word lists of a language file; a missing key keeps the default."""
    out: dict[str, Any] = {}
    for key in _LANGUAGE_SETS:
        if key in raw:
            out[key] = frozenset(words(path, key, raw[key]))
    for key in _LANGUAGE_LISTS:
        if key in raw:
            out[key] = texts(path, key, raw[key])
    if "source_phrases" in raw:
        out["source_phrases"] = frozenset(texts(path, "source_phrases", raw["source_phrases"]))
    if "inversion_gap" in raw:
        gap = raw["inversion_gap"]
        if not isinstance(gap, int) or isinstance(gap, bool) or gap < 0:
            raise ConfigError(str(path), "inversion_gap", "must be a whole number >= 0")
        out["inversion_gap"] = gap
    if not isinstance(grouping := raw.get("grouping", {}), dict):
        raise ConfigError(str(path), "grouping", "must be a table of word lists")
    out["grouping"] = tuple((k, words(path, f"grouping.{k}", v)) for k, v in grouping.items())
    if "quote_pairs" in raw:
        pairs = texts(path, "quote_pairs", raw["quote_pairs"])
        for n, pair in enumerate(pairs):
            if len(pair) != 2:
                raise ConfigError(str(path), f"quote_pairs[{n}]", "must be two characters")
        out["quote_pairs"] = pairs
    return out


class Caseless:
    """A case-insensitive search for some words done as a case-sensitive search of the text
    lower-cased, several times faster: ``text(t)`` is ``t`` lower-cased, or None where the two
    searches could find different spans (the caller then searches case-insensitively)."""

    def __init__(self, words: Iterable[str]) -> None:
        letters = {ch for word in words for ch in word.lower()}
        # re also matches a letter's case partners that lower-case to another letter: "i" the
        # dotless "ı", "s" the long "ſ"; text holding one takes the case-insensitive search
        self._partners = "".join(
            sorted({chr(q) for ch in letters for q in _CASE_PARTNERS.get(ord(ch), ())})
        )
        self._usable = _CASE_PARTNERS is not _UNKNOWN
        # partners beyond ASCII ("ı", "ſ") cannot stand in text all in ASCII, most text: no
        # need to look for them there
        self._ascii_clear = not any(ch.isascii() for ch in self._partners)

    def text(self, text: str) -> str | None:
        """The text lower-cased, one character for one, if searching it finds what a
        case-insensitive search of ``text`` finds ("İ" lower-cases to two characters)."""
        lowered = lowered_text(text)
        if not self._usable or len(lowered) != len(text):
            return None
        if self._ascii_clear and lowered.isascii():
            return lowered
        for ch in self._partners:
            if ch in lowered:
                return None
        return lowered


@lru_cache(maxsize=16)
def lowered_text(text: str) -> str:
    """``text.lower()``, kept for the texts lower-cased last: the stages' word searches each
    lower-case the same paragraph and sentence (see Caseless), now one lower-casing shared."""
    return text.lower()


class CaselessPattern:
    """A case-insensitive pattern, written in lower case, whose ``found(text)`` searches the
    lower-cased text case-sensitively where Caseless says that finds the same: several times
    faster (re compares each branch's first letter cheaply only when case matters)."""

    def __init__(self, pattern: str) -> None:
        self.pattern = re.compile(pattern, re.IGNORECASE)
        # a capital in the source would go unmatched in lower-cased text, and lower-casing
        # the source would change its escapes (\S, \W); an inline flag ("(?-i:...)") may make
        # case matter; a range of letters ("[a-z]") matches case partners of letters it does
        # not name ("ı" for "i"): such a pattern is always searched as it is
        plain = not any(c.isupper() for c in pattern) and not _INLINE_FLAGS.search(pattern)
        plain = plain and not _LETTER_RANGE.search(pattern)
        self._lowered = re.compile(pattern) if plain else None
        self._caseless = Caseless([pattern])

    def found(self, text: str) -> bool:
        """Whether the pattern matches anywhere in the text, whatever its case."""
        lowered = self._caseless.text(text) if self._lowered is not None else None
        if lowered is None or self._lowered is None:
            return self.pattern.search(text) is not None
        return self._lowered.search(lowered) is not None

    def search(self, text: str) -> re.Match[str] | None:
        """The pattern's first match in the text, whatever its case, found in the text
        lower-cased where that finds the same: read its span, and what it holds from the text."""
        lowered = self._caseless.text(text) if self._lowered is not None else None
        if lowered is None or self._lowered is None:
            return self.pattern.search(text)
        return self._lowered.search(lowered)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """The pattern's matches in the text, whatever its case, found in the text lower-cased
        where that finds the same: read their spans, and what they hold from the text itself."""
        lowered = self._caseless.text(text) if self._lowered is not None else None
        if lowered is None or self._lowered is None:
            return self.pattern.finditer(text)
        return self._lowered.finditer(lowered)


_INLINE_FLAGS = re.compile(r"\(\?[-aiLmsux]")
_LETTER_RANGE = re.compile(r"\[[^\]]*[^\W\d_]-[^\W\d_]")  # a class naming a range of letters
_UNKNOWN: dict[int, tuple[int, ...]] = {}
try:  # the table re itself matches case-insensitively by (Python 3.11 and later)
    from re._casefix import _EXTRA_CASES as _CASE_PARTNERS
except ImportError:  # pragma: no cover - another Python: always the case-insensitive search
    _CASE_PARTNERS = _UNKNOWN


def longest_first(words: Iterable[str]) -> str:
    """A regex alternation of these words or phrases, escaped, the longest first (a phrase wins
    over a shorter one it starts with); empty when there are none."""
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


def any_word(words: Iterable[str], *, caseless: bool = False) -> str:
    """The alternation ``longest_first(words)`` gives, as a trie: it matches the same (the
    longest word that lets the rest of the pattern match), each branch one character, and a
    case-insensitive one is much faster where re tries every branch at every position.
    ``caseless``: the words lower-cased, for a case-insensitive pattern."""
    forms = {w.lower() for w in words} if caseless else set(words)
    if caseless and not all(w.isascii() for w in forms):
        return longest_first(words)  # "ſ" and "s" would be two branches matching one "s"
    return trie_source(word_trie(forms))


def word_trie(forms: Iterable[str]) -> dict[str, Any]:
    """The forms as a trie of characters; ``""`` marks where a form ends."""
    trie: dict[str, Any] = {}
    for form in forms:
        node = trie
        for ch in form:
            node = node.setdefault(ch, {})
        node[""] = {}
    return trie


def trie_source(node: dict[str, Any]) -> str:
    """The regex source of a trie (:func:`word_trie`): one branch per next character, a form's
    end an optional tail, so the longest form that lets the rest match wins."""
    branches = [re.escape(ch) + trie_source(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body
