"""Institutions as speakers: a press release's or joint statement's author, a document named with
its issuer, and the labels at a paragraph's start that name a place, not a speaker.

- A release opens on a label ("Press release", "Statement — Doha, 11 November", "Joint statement
  on the outcome of ..."); its author names itself as the subject of its own sentences, by its full
  name and in the present tense ("The Federal Ministry of Finance, as host, notes ...", "The
  Ministry of Foreign Affairs expresses ..."): that body is the author of the document, a new
  actor when the config lacks it.
- "The joint statement issued by Qatar's foreign ministry says": a document with its issuer named
  speaks as the issuer.
- "BRUSSELS: EU foreign policy chief Kaja Kallas told reporters": a place in capitals before a
  colon is a dateline, never the speaker; nor is a venue ("at the Kuleli Pavilion").

Pure functions of text + the language's words (``config/lang/<code>.toml``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from bot.config import Language
from bot.extract.actors import ActorIndex, ActorMention, slug
from bot.extract.candidates import speech_pattern
from bot.language import CaselessPattern, any_word, longest_first
from bot.model import Actor

ACCOUNT_GAP = 6  # words between a sentence's subject and "according to the ministry's account"
# "BRUSSELS:", "ISTANBUL/MOSCOW:": a place in capitals, a colon, then ordinary prose
_CAP = "A-ZÀ-ÞА-ЯЁІЇЄҐ"
_PLACE_LABEL = re.compile(
    rf"\s*[{_CAP}][{_CAP}'’.-]+(?:[ /-]{{1,3}}[{_CAP}][{_CAP}'’.-]+){{0,2}}\s*:\s+"
    rf"(?=[\"“«‘]?[{_CAP}][a-zà-ÿа-яё'’])"
)
_NAME_WORD = r"[A-Z][\w'’-]+"
# ", as host,", ", for its part,": a short aside between a subject and its verb
_ASIDE = r"(?:,\s+[^,.;:\"“”]{1,30},)?"


class Institutions:
    """The language's words for institutions that speak, compiled."""

    def __init__(self, language: Language, index: ActorIndex | None = None) -> None:
        self.language = language
        self._index = index
        # "the US, Ukrainian and Russian delegations": several sides' bodies speaking together
        joint = longest_first(language.joint_heads)
        self._joint = re.compile(
            rf"(?<![\w'’-])(?:[Tt]he\s+)?(?P<name>[A-Z][\w.'’-]*(?:(?:,\s+|,?\s+and\s+)"
            rf"[A-Z][\w.'’-]*){{1,4}}\s+(?P<head>(?i:{joint or '(?!)'})))(?![\w'’-])"
        )
        heads = longest_first(language.body_nouns | language.institution_heads)
        # "of Portugal", "for Foreign Affairs of Finland": the rest of a body's full name
        joins = longest_first(language.body_links) or "of"
        rest = rf"(?P<of>(?:\s+(?:{joins})(?:\s+(?:the\s+|and\s+)?{_NAME_WORD})+)*)"
        labels = longest_first(language.release_labels)
        links = longest_first(language.release_links)
        # "Press release", "Statement — Doha, 11 November 2026", "Joint statement on the ..."
        self._release = re.compile(
            rf"\s*(?i:{labels or '(?!)'})(?:\s*$|\s*[-–—:|,]|\s+(?i:{links or '(?!)'})\s)"
        )
        # "The Federal Ministry of Finance, as host, notes", "The Ministry of Foreign Affairs
        # expresses": a body by its full name (capitalised words before its head noun, or an
        # "of" phrase after it) opening a sentence, then its verb in the present tense
        self._own = re.compile(
            rf"(?:^|(?<=[.!?]\s))(?:[Tt]he\s+)?(?P<name>(?P<pre>(?:{_NAME_WORD}\s+){{0,3}})"
            rf"(?i:{heads or '(?!)'}){rest})"
            rf"{_ASIDE}\s+(?P<verb>[a-z][\w'’-]*)"
        )
        # the same name anywhere: "said the Ministry of Foreign Affairs of Portugal"
        # (a portfolio in lower case before the head too: "The foreign ministry of Hungary")
        portfolios = longest_first({w.lower() for w in language.not_name_words}) or "(?!)"
        body = (
            rf"(?:[Tt]he\s+)?(?P<name>(?P<pre>(?:(?:{_NAME_WORD}|{portfolios})\s+){{0,3}})"
            rf"(?i:{heads or '(?!)'}){rest})"
            r"(?![\w'’-])(?=,|\s+[a-z])"
        )
        self._named = re.compile(rf"(?:^|(?<=[.!?]\s)|(?<=[.!?][\"”’]\s)){body}")
        self._body = re.compile(body)
        # "a statement from the Finnish Presidency": a document's source, named after it
        credit = longest_first(language.credit_prepositions) or "(?!)"
        documents = longest_first(language.document_nouns - language.role_nouns) or "(?!)"
        self._credited = re.compile(
            rf"(?<![\w-])(?i:{documents})\s+(?i:{credit})\s+(?=(?:the\s+)?[A-Z])"
        )
        self._stop = language.stopwords | language.noun_markers
        self._roles = language.role_nouns | language.anonymous_nouns
        self._heads = language.body_nouns | language.institution_heads
        present = longest_first(language.present_endings)
        self._present = re.compile(rf"\w+(?:{present or '(?!)'})")
        # "the joint statement issued by", "a readout published by": a document and its issuer
        documents = longest_first(language.document_nouns - language.role_nouns)
        issuing = longest_first(language.issuing_verbs)
        determiners = longest_first(language.determiners | language.source_articles)
        self._issued = re.compile(
            rf"(?<![\w-])(?i:{determiners or '(?!)'}|its|their)\s+(?:[\w-]+\s+){{0,2}}?"
            rf"(?i:{documents or '(?!)'})\s*,?\s+(?i:{issuing or '(?!)'})\s+"
            rf"(?i:{longest_first(language.agent_words) or '(?!)'})\s+"
        )
        self._places = language.place_prepositions
        accounts = longest_first(language.account_nouns)
        self._account = (
            re.compile(rf"['’]s\s+(?:[\w-]+\s+)?(?i:{accounts})(?![\w-])") if accounts else None
        )
        sources = longest_first(language.source_phrases) or "(?!)"
        self._source_before = re.compile(rf",\s+(?i:{sources})\s+(?:the\s+)?$")
        # the words of an issuer the config lacks, up to its head noun before the verb
        self._issuer = re.compile(
            rf"(?:(?i:the)\s+)?(?P<name>(?:[\w'’-]+\s+){{0,4}}?(?i:{heads or '(?!)'}))"
            r"(?![\w'’-])(?=\s*,|\s+[a-z])"
        )
        self._speech = speech_pattern(language)
        self._determiners = language.determiners
        # cheap: whether a paragraph holds the word a pattern cannot match without (most
        # paragraphs hold none): a head noun for a body's full name, a plural head for several
        # bodies, an issuing verb for a document's issuer
        self._any_head = _any_of(language.body_nouns | language.institution_heads)
        self._any_joint = _any_of(language.joint_heads)
        self._any_issuing = _any_of(language.issuing_verbs)

    # --- releases -------------------------------------------------------------------------

    def release_label(self, line: str) -> bool:
        """Whether a heading labels the text under it as a release or a statement ("Press
        release", "Statement — Doha, 11 November 2026", "Joint statement on the outcome of")."""
        return self._release.match(line) is not None

    def own_body(self, text: str, *, present: bool = False) -> tuple[int, int] | None:
        """Where a body names itself by its full name as a sentence's subject ("The Federal
        Ministry of Finance, as host, notes"); ``present``: only with a verb in the present
        tense, as a release speaks of itself."""
        for m in self._own.finditer(text):
            if not (m.group("pre").strip() or m.group("of")):
                continue  # "The Ministry welcomes": the body named before, not its name
            verb = m.group("verb")
            if verb in self.language.stopwords or verb in self.language.role_nouns:
                continue  # "The Foreign Ministry spokeswoman": no verb
            if present and not self._present.fullmatch(verb):
                continue
            return m.start("name"), m.end("name")
        return None

    def speaks(self, sentence: str) -> bool:
        """Whether a sentence has a verb of saying ("The parties further agreed that ...")."""
        return self._speech.search(sentence) is not None

    def place_turn(self, label: str, mentions: Sequence[ActorMention]) -> bool:
        """Whether a transcript-like label in capitals is a dateline ("MOSCOW:", "BRUSSELS:"
        opening a roundup's paragraphs): it names only a body (a capital standing for its
        government), never a person, and no interview's speaker is a body."""
        return (
            label.isupper()
            and bool(mentions)
            and all(m.kind == "institution" for m in mentions)
            and not label.title()[: mentions[0].start].strip()
        )

    # --- mentions -------------------------------------------------------------------------

    def mentions(
        self, para: str, mentions: list[ActorMention]
    ) -> tuple[list[ActorMention], list[ActorMention]]:
        """The paragraph's mentions without a dateline's place or a venue, and with a document
        whose issuer is named standing for the issuer; and the bodies not in the config it
        names, each at its own name (to register)."""
        label = _PLACE_LABEL.match(para)
        out = []
        for m in mentions:
            if label is not None and m.end <= label.end() and m.kind == "institution":
                continue  # "BRUSSELS: EU foreign policy chief Kaja Kallas told reporters"
            if m.kind == "unknown" and self._venue(para, m):
                continue  # "talks at the Kuleli Pavilion": a place, not a speaker
            out.append(m)
        found = self._joints(para, self._bodies(para, out))
        bodies = [m for m in found if is_body(m) and m not in mentions]
        return self._accounts(para, self._issuers(para, found, bodies)), bodies

    def _joints(self, para: str, mentions: list[ActorMention]) -> list[ActorMention]:
        """ "the US, Ukrainian and Russian delegations": the configured body of that plural
        ("the delegations") if there is one, else a body the config lacks."""
        if not self._any_joint.found(para) or self._joint.search(para) is None:
            return mentions
        out = list(mentions)
        for m in self._joint.finditer(para):
            inside = [k for k in out if m.start() <= k.start and k.end <= m.end()]
            if any(k.start < m.start() < k.end or k.start < m.end() < k.end for k in out):
                continue  # part of a longer name
            head = m.group("head").lower()
            known = self._index.find("the " + head, unknown=False) if self._index else []
            if known and known[0].kind == "institution":
                joint = ActorMention(m.start(), m.end(), known[0].actor_id, "institution")
            else:
                name = m.group("name")
                joint = ActorMention(m.start("name"), m.end(), slug(name), "unknown", noun="body")
            out = [k for k in out if k not in inside]
            out.append(joint)
        return sorted(out, key=lambda k: k.start)

    def _accounts(self, para: str, mentions: list[ActorMention]) -> list[ActorMention]:
        """ "Rubio at the closing session, according to the foreign ministry's account: ...":
        the words are those of the person the sentence opens on; the body whose account
        relays them is the channel, as an outlet would be."""
        if self._account is None or ("'" not in para and "’" not in para):
            return mentions
        out = list(mentions)
        for i, m in enumerate(out):
            if m.kind not in ("institution", "unknown") or not self._account.match(para, m.end):
                continue
            opener = self._source_before.search(para, max(0, m.start - 40), m.start)
            if opener is None:
                continue
            subject = next(
                (
                    k
                    for k in reversed(out[:i])
                    if k.kind in ("person", "unknown") and not is_body(k)
                ),
                None,
            )
            if subject is None or not _opens_sentence(para, subject.start):
                continue
            between = para[subject.end : opener.start()]
            if len(between.split()) > ACCOUNT_GAP or any(c in between for c in ".!?;:"):
                continue
            out[i] = ActorMention(m.start, m.end, subject.actor_id, subject.kind, subject.gender)
        return out

    def _bodies(self, para: str, mentions: list[ActorMention]) -> list[ActorMention]:
        """Add the bodies named by their full names as a sentence's first words that nothing
        else claimed ("The Federal Ministry of Finance said", "The Ministry of Foreign Affairs
        of Portugal notes"), as names not in the config; inside a sentence a body is mostly
        part of a person's description ("deputy chairman of Russia's Security Council")."""
        if not self._any_head.found(para):
            return mentions  # a credited document counts only with a body's name after it
        found = [*self._named.finditer(para)]
        for credit in self._credited.finditer(para):
            named = self._body.match(para, credit.end())
            if named is not None:
                found.append(named)
        if not found:
            return mentions
        added = []
        for m in found:
            pre = m.group("pre").split()
            if not m.group("of") and not any(w[:1].isupper() for w in pre):
                continue  # "the ministry", "the finance ministry": a role, resolved in context
            if any(w.lower() in self._stop for w in pre):
                continue  # "Your government", "This Ministry"
            after = para[m.end() :].split(None, 1)
            if after and after[0].lower().strip(",") in self._roles:
                continue  # "The foreign ministry mouthpiece said": a person's description
            start, end = m.start(), m.end()
            overlapping = [k for k in mentions if k.start < end and start < k.end]
            if any(
                k.start < m.start("of") and (k.kind != "role" or k.noun not in self._heads)
                for k in overlapping
            ):
                continue  # a body the config has, or a name found otherwise
            # "The Federal Ministry" read as a role, "the EU" in "The Presidency of the Council
            # of the EU": the body's full name instead
            mentions = [k for k in mentions if k not in overlapping]
            name_start = m.start("name")
            name = para[name_start:end]
            added.append(ActorMention(name_start, end, slug(name), "unknown", noun="body"))
        if not added:
            return mentions
        return sorted([*mentions, *added], key=lambda k: k.start)

    def _venue(self, para: str, m: ActorMention) -> bool:
        """Whether a name not in the config stands right after a preposition of place."""
        words = para[max(0, m.start - 16) : m.start].split()
        if words and words[-1].lower() in self._determiners:
            words.pop()
        return bool(words) and words[-1].lower() in self._places

    def _issuers(
        self, para: str, mentions: list[ActorMention], bodies: list[ActorMention]
    ) -> list[ActorMention]:
        """ "The joint statement issued by Qatar's foreign ministry": one mention of the issuer,
        from the document's first word (the subject of the sentence's verb)."""
        if not self._any_issuing.found(para) or self._issued.search(para) is None:
            return mentions
        out = list(mentions)
        for doc in self._issued.finditer(para):
            issuer = next((m for m in out if m.start == doc.end()), None)
            if issuer is None:
                # "issued by the Swiss and Qatari foreign ministries": bodies the config lacks
                words = self._issuer.match(para, doc.end())
                if words is None or any(doc.end() <= m.start < words.end() for m in out):
                    continue
                start = words.start("name")
                name = para[start : words.end()]
                issuer = ActorMention(start, words.end(), slug(name), "unknown", noun="body")
                bodies.append(issuer)
            out = [m for m in out if not (doc.start() <= m.start < doc.end()) and m is not issuer]
            out.append(
                ActorMention(
                    doc.start(),
                    issuer.end,
                    issuer.actor_id,
                    issuer.kind,
                    issuer.gender,
                    noun=issuer.noun,
                    owner=issuer.owner,
                    phrase=issuer.phrase,
                )
            )
        return sorted(out, key=lambda m: m.start)


def _opens_sentence(para: str, start: int) -> bool:
    """Whether a sentence starts at ``start``."""
    before = para[:start].rstrip()
    return not before or before[-1] in '.!?"”'


def portfolio(mention: ActorMention, portfolios: frozenset[str], heads: frozenset[str]) -> str:
    """A body's role phrase by its portfolio ("the finance ministry" -> "finance ministry"), or
    "" for any other ("the ministry", "the same ministry")."""
    words = mention.phrase.lower().split()
    if len(words) != 2 or words[1] not in heads or words[0] not in portfolios:
        return ""
    return " ".join(words)


def new_body(name: str) -> Actor:
    """A body the config lacks, by the words the copy names it with ("finance ministry")."""
    return Actor(id=slug(name), name=name[:1].upper() + name[1:], kind="institution", known=False)


def is_body(mention: ActorMention) -> bool:
    """Whether a mention is of a body the config lacks ("the Emirati foreign ministry")."""
    return mention.kind == "unknown" and mention.noun == "body"


def release_start(institutions: Institutions, lines: Sequence[str]) -> int | None:
    """The index of the first line that labels a release, if any."""
    return next((i for i, line in enumerate(lines) if institutions.release_label(line)), None)


def _any_of(words: Iterable[str]) -> CaselessPattern:
    """Whether a text holds any of these words, whatever its case, even inside a longer word."""
    return CaselessPattern(any_word(words, caseless=True) or "(?!)")
