"""The issues stage: tagging text with the issues of the talks (NATO, territory, ...) from
config/issues.toml terms, and reading a statement's issues in context - a statement that names
none takes them from its paragraph, the one before, the question it answers or the article; the
pieces of one remark share theirs; peace_plan, the catch-all, yields to a named issue."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from functools import lru_cache
from typing import NamedTuple

from bot.config import Language
from bot.extract.regex_source import class_end, first_letters, group_end, split_top
from bot.language import CaselessPattern, any_word
from bot.model import Issue, Statement

CATCH_ALL = "peace_plan"  # talks and process: kept only when no other issue is named
ENERGY, TRUCE = "energy", "ceasefire"
ENERGY_TRUCE_MENTIONS = 3  # paragraphs on energy that make an article's truce an energy truce

# A statement found, the issue sources to fall back on when it names none, and its paragraph
Found = tuple[Statement, tuple[tuple[str, ...], ...], int]


class IssueTagger:
    """One compiled pattern per issue; ``tags(text)``: the issue ids found, in config order.

    Where terms of two issues overlap, the longest wins, so a phrase names its own issue rather
    than that of a word inside it: "the NATO summit" is a meeting (peace_plan), not NATO;
    "the Zaporizhzhia nuclear plant" is energy, not territory; "on Ukrainian territory" says
    where troops would stand (security_guarantees), not which land is disputed.
    """

    def __init__(self, issues: tuple[Issue, ...]) -> None:
        self.issues = issues
        # one pass over the text finds where a term starts: an alternation of every issue's
        # terms; terms in a non-Latin script get their own pattern, run only on text in it
        self._scans = [
            (script, pattern, each)
            for script, keep in (
                (None, lambda t: not _CYRILLIC.search(t)),
                (_CYRILLIC, lambda t: bool(_CYRILLIC.search(t))),
            )
            if (pattern := _any_term(issues, keep)) is not None
            for each in [_each_issue(issues, keep)]
        ]

    @lru_cache(maxsize=8192)  # noqa: B019 - one tagger per config; outlets repeat the same quotes
    def tags(self, text: str) -> tuple[str, ...]:
        """The ids of the issues this text is about, in config order."""
        return self.ordered(i for hit in self.hits(text) for i in hit.issues)

    def tags_in(self, text: str, start: int, end: int) -> tuple[str, ...]:
        """The issues named in ``text[start:end]``, from the terms found in the whole text:
        a paragraph is read once, its sentences and quotes from what was found in it."""
        return self.ordered(
            i
            for hit in self.hits(text)
            if start <= hit.start and hit.end <= end
            for i in hit.issues
        )

    def ordered(self, issues: Iterable[str]) -> tuple[str, ...]:
        """Issue ids in config order."""
        wanted = set(issues)
        return tuple(i.id for i in self.issues if i.id in wanted)

    def terms(self, text: str) -> list[tuple[str, frozenset[str]]]:
        """Each issue term found in the text (lower-cased), with the issues it names."""
        lowered = _lower(text)
        return [(lowered[hit.start : hit.end], hit.issues) for hit in self.hits(text)]

    @lru_cache(maxsize=8192)  # noqa: B019 - one tagger per config
    def hits(self, text: str) -> tuple[Hit, ...]:
        """Where each issue term stands in the text, and the issues it names."""
        out = []
        lowered = _lower(text)
        for script, pattern, (by_char, anywhere) in self._scans:
            if script is not None and not script.search(lowered):
                continue
            next_start, pos = pattern.starts(lowered), 0
            while (start := next_start(pos)) is not None:
                # the longest term starting here decides; a term two issues share
                # ("Article 5") names both
                ends = [
                    (m.end(), issue)
                    for issue, p in by_char.get(lowered[start], anywhere)
                    if (m := p.match(lowered, start))
                ]
                longest = max(end for end, _issue in ends)
                named = frozenset(i for end, i in ends if end == longest)
                out.append(Hit(start, longest, named))
                pos = max(longest, start + 1)
        return tuple(sorted(out, key=lambda h: h.start))


class Hit(NamedTuple):
    """An issue term found in a text: where it stands, the issues it names."""

    start: int
    end: int
    issues: frozenset[str]


def _lower(text: str) -> str:
    """Lower-cased, one character for one ("İstanbul" keeps its length), so offsets hold; a
    curly apostrophe is the plain one the terms are written with ("Ukraine’s borders")."""
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(ch.lower()[:1] for ch in text)
    return lowered.translate(_APOSTROPHES) if "’" in lowered or "‘" in lowered else lowered


_APOSTROPHES = str.maketrans("’‘", "''")


_CYRILLIC = re.compile("[\u0400-\u04ff]")
_BOUNDED = r"(?<!\w)(?:{})(?!\w)"


class _Scan:
    """Finds where a term starts: one pattern over the terms that open on a plain character or
    on a few ("\\d+-point"), and one for each term that can open on most letters ("[a-z]+ty per
    cent", tried at every word start) and holds literals it cannot match without ("cent",
    "figure"): searched only in text that holds them."""

    def __init__(self, forms: list[str]) -> None:
        gated = [(needs, f) for f in forms if _at_most_words(f) and (needs := _needs(f))]
        always = [f for f in forms if not any(f == g for _, g in gated)]
        self._always = _combined(always) if always else None
        # the most telling literals first: a text without them is turned down soonest
        self._gated = [
            (sorted(needs, key=_worst, reverse=True), re.compile(_BOUNDED.format(f)))
            for needs, f in gated
        ]

    def starts(self, lowered: str) -> Callable[[int], int | None]:
        """Where, from a position on, the next term starts in this (lower-cased) text."""
        patterns = [self._always] if self._always is not None else []
        patterns += [
            p
            for needs, p in self._gated
            if all(any(n in lowered for n in choice) for choice in needs)
        ]
        if len(patterns) == 1:
            search = patterns[0].search

            def one(pos: int) -> int | None:
                m = search(lowered, pos)
                return None if m is None else m.start()

            return one
        found = [p.search(lowered) for p in patterns]

        def first(pos: int) -> int | None:
            for k, m in enumerate(found):
                if m is not None and m.start() < pos:
                    found[k] = patterns[k].search(lowered, pos)
            return min((m.start() for m in found if m is not None), default=None)

        return first


GATED_LETTERS = 16  # a term that can open on more characters than this is tried at most words


def _at_most_words(form: str) -> bool:
    """Whether a form is tried at most word starts: it opens on a class of letters or on
    anything (not on a plain character, nor only on digits)."""
    if _plain(form):
        return False
    letters = first_letters(form)
    return letters is None or len(letters) > GATED_LETTERS


def _any_term(issues: tuple[Issue, ...], keep: Callable[[str], bool]) -> _Scan | None:
    """The scan over the terms ``keep`` selects of every issue: where a term starts."""
    # each term as the forms it can take that open on a plain character, where it has them
    # ("(?:oil )?refiner" is "oil refiner" or "refiner"): at most positions a term's branch
    # is then turned down on its first character, not tried whole (the scan a third faster)
    terms = [f for issue in issues for t in issue.terms if keep(t) for f in _forms(t.lower())]
    return _Scan(terms) if terms else None


def _plain(form: str) -> bool:
    """Whether a form opens on a plain character and has no top-level alternation."""
    return bool(_PLAIN_START.match(form)) and _one_branch(form)


def _combined(terms: list[str]) -> re.Pattern[str]:
    """One pattern over the terms: where one of them starts."""
    # terms that open with a plain character are grouped under it, so that at each position
    # the engine tries a few dozen branches, not every term (a third faster); it only says
    # where a term starts, the issues' own patterns measure it
    # ... and by the plain characters they open with after it, as a trie (one "nato" for
    # "nato", "nato (?:troops|...)" and the rest): a smaller pattern, each prefix tried once
    trie: _Node = {}
    # the other terms under each character they can open with, where their source tells
    # (regex_source.first_letters): tried only where the text has that character
    opening: dict[str, list[str]] = {}
    rest = []
    for t in dict.fromkeys(terms):  # a term two issues share is one branch
        if _plain(t):
            node = trie
            tokens, tail = _literal_start(t)
            for token in tokens:
                node = node.setdefault(token, {})
            node.setdefault("", {})[tail] = {}
        elif (letters := first_letters(t)) is not None:
            for letter in sorted(letters):
                opening.setdefault(letter, []).append(t)
        else:
            rest.append(t)
    branches = [
        _opening_with(first, [_emit(trie[first])] if first in trie else [], opening.get(first, []))
        for first in dict.fromkeys([*trie, *opening])
    ] + [f"(?:{t})" for t in rest]
    # matched against lower-cased text: much faster than a case-insensitive pattern
    return re.compile(_BOUNDED.format("|".join(branches)))


_Node = dict[str, "_Node"]  # a trie: the next literal of a term's source, "" its tails
_SPECIAL = frozenset("\\()[]|.^$?*+{}")


def _literal_start(form: str) -> tuple[list[str], str]:
    """The literal characters a form's source opens with (each as written: "a", "\\."), none
    of them quantified, and the rest of the source."""
    tokens, i = [], 0
    while i < len(form):
        if form[i] == "\\" and not form[i + 1 : i + 2].isalnum():
            token = form[i : i + 2]
        elif form[i] not in _SPECIAL:
            token = form[i]
        else:
            break
        if _QUANTIFIED.match(form, i + len(token)):
            break  # "points?": the "s" is the rest's
        tokens.append(token)
        i += len(token)
    return tokens, form[i:]


def _emit(node: _Node) -> str:
    """A trie's source: each literal then what follows it, and the tails that end there."""
    branches = [token + _emit(child) for token, child in node.items() if token]
    branches += list(node.get("", {}))
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def _opening_with(first: str, tails: list[str], others: list[str]) -> str:
    """The branch of the terms that open with ``first``: the plain ones by their tails after
    it, the others whole behind a look at it."""
    plain = [re.escape(first) + "(?:" + "|".join(f"(?:{t})" for t in tails) + ")"] * bool(tails)
    if not others:
        return plain[0]
    return f"(?={re.escape(first)})(?:" + "|".join(plain + [f"(?:{t})" for t in others]) + ")"


_PLAIN_START = re.compile(r"[^\\()\[\]|.^$?*+{}][^?*+{]")


def _one_branch(term: str) -> bool:
    """Whether a term has no top-level alternation ("cede|ceding" has)."""
    depth, escaped = 0, False
    for ch in term:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            return False
    return True


FORMS_MAX = 64  # forms of one term, at most: past that it is scanned as written


def _forms(term: str) -> list[str]:
    """A term's source as alternatives that match where it matches, each opening on a plain
    character where that can be read: its top-level bars split it, a leading group is spread
    over what follows ("(?:oil )?refiner" -> "oil refiner", "refiner"), a leading lookbehind of
    plain characters moves behind the first character ("(?<!in )the zone" -> "t(?<!in t)he
    zone"). Only where a term starts counts (its issues' own patterns measure it), so the forms
    need not keep its order of alternatives. The term itself where its source is not read."""
    try:
        todo, out = split_top(term), list[str]()
        while todo:
            if len(out) + len(todo) > FORMS_MAX:
                return [term]
            form = todo.pop()
            spread = _spread(form)
            if spread is None:
                out.append(form)
            else:
                todo.extend(spread)
    except ValueError:  # a group or a class that does not close
        return [term]
    return out


_PLAIN_LITERAL = re.compile(r"(?:[^\\()\[\]|.^$?*+{}]|\\[^\w])*")


def _spread(form: str) -> list[str] | None:
    """One step of ``_forms`` on an alternative: what it becomes, or None where it already
    opens on a plain character or cannot be rewritten."""
    behind, i = [], 0
    while form.startswith(("(?<!", "(?<="), i):
        end = group_end(form, i)
        if not _PLAIN_LITERAL.fullmatch(form, i + 4, end - 1):
            return None  # a lookbehind of alternatives or classes keeps its place
        behind.append(form[i + 3 : end - 1])  # "!near " of "(?<!near )"
        i = end
    rest = form[i:]
    if rest.startswith("(?:"):
        end = group_end(rest, 0)
        quantifier = rest[end : end + 2]
        if quantifier[:1] in ("*", "+", "{") or quantifier in ("??", "?+"):
            return None
        optional = quantifier[:1] == "?"
        tail = rest[end + optional :]
        lead = form[:i]
        return [lead + a + tail for a in split_top(rest[3 : end - 1])] + [lead + tail] * optional
    if behind and _PLAIN_START.match(rest):
        first = re.escape(rest[0])
        return [rest[0] + "".join(f"(?<{b}{first})" for b in behind) + rest[1:]]
    return None


_QUANTIFIED = re.compile(r"(?:[?*+]|\{\d*(?:,\d*)?\})[?+]?")


def _needs(form: str) -> tuple[frozenset[str], ...]:
    """What every match of a form holds, as sets of literals each of which must have one in
    the text: the runs of plain characters it cannot match without, and for a group it cannot
    skip, one of each alternative's. Empty where its source tells none."""
    try:
        return _required(form)
    except ValueError:
        return ()


def _required(source: str) -> tuple[frozenset[str], ...]:
    """``_needs`` for an alternation: one literal of each alternative's."""
    alternatives = split_top(source)
    if len(alternatives) == 1:
        return _in_sequence(source)
    each = [_in_sequence(a) for a in alternatives]
    return (frozenset(w for a in each for w in max(a, key=_worst)),) if all(each) else ()


def _in_sequence(seq: str) -> tuple[frozenset[str], ...]:
    """``_needs`` for one alternative."""
    choices: list[frozenset[str]] = []
    run, i = "", 0
    while i < len(seq):
        ch, literal = seq[i], ""
        if ch == "(":
            end = group_end(seq, i)
            inner = seq[i + 1 : end - 1]
            quantifier = _QUANTIFIED.match(seq, end)
            if inner.startswith("?:") and (quantifier is None or quantifier.group()[0] == "+"):
                choices.extend(_required(inner[2:]))  # a group it cannot skip
        elif ch == "[":
            end = class_end(seq, i)
        elif ch == "\\":
            end = i + 2
            literal = seq[i + 1 : end] if not seq[i + 1 : end].isalnum() else ""
        else:
            end = i + 1
            literal = ch if ch not in ".^$|)" else ""
        quantifier = _QUANTIFIED.match(seq, end)
        if quantifier is not None:
            end, literal = quantifier.end(), ""  # an optional or repeated part breaks a run
        if literal:
            run += literal
        elif run:
            choices.append(frozenset([run]))
            run = ""
        i = end
    if run:
        choices.append(frozenset([run]))
    return tuple(choices)


def _worst(choice: frozenset[str]) -> int:
    """How telling a set of literals is: the length of its shortest."""
    return min(map(len, choice))


_Measures = tuple[tuple[str, re.Pattern[str]], ...]  # (issue, the pattern measuring its term)


def _each_issue(
    issues: tuple[Issue, ...], keep: Callable[[str], bool]
) -> tuple[dict[str, _Measures], _Measures]:
    """The patterns that measure a term found at a character: by that character, for each issue
    whose terms can open with it, over those that can; and for any other character, for each
    issue with terms whose source does not tell where they open, over those."""
    each = _per_issue(issues, keep)
    chars = {ch for _issue, by_char, _anywhere in each for ch in by_char}
    by_char = {
        ch: tuple(
            (issue, p)
            for issue, patterns, anywhere in each
            if (p := patterns.get(ch, anywhere)) is not None
        )
        for ch in sorted(chars)
    }
    anywhere = tuple((issue, p) for issue, _by_char, p in each if p is not None)
    return by_char, anywhere


def _per_issue(
    issues: tuple[Issue, ...], keep: Callable[[str], bool]
) -> list[tuple[str, dict[str, re.Pattern[str]], re.Pattern[str] | None]]:
    """A pattern per issue over its terms ``keep`` selects, to measure the term found: for each
    character its terms can open with, over those that can (in the same order, so the same
    alternative wins), and for any other character over those whose source does not tell
    (None where there are none): tried only where it can match, on the terms that can."""
    out = []
    for issue in issues:
        # longest alternative first, so a shorter term does not cut a longer one short
        terms = sorted((t.lower() for t in issue.terms if keep(t)), key=len, reverse=True)
        opens = [(t, first_letters(t)) for t in terms]
        chars = sorted({ch for _, letters in opens for ch in letters or ()})
        by_char = {
            ch: _measure([t for t, letters in opens if letters is None or ch in letters])
            for ch in chars
        }
        anywhere = [t for t, letters in opens if letters is None]
        if terms:
            out.append((issue.id, by_char, _measure(anywhere) if anywhere else None))
    return out


def _measure(terms: list[str]) -> re.Pattern[str]:
    """The pattern that measures a term found: its terms in order, bounded."""
    return re.compile(_BOUNDED.format("|".join(f"(?:{t})" for t in terms)))


class IssueReader:
    """Settles the issues of an article's statements, read in their context."""

    def __init__(self, tagger: IssueTagger, language: Language) -> None:
        self.tagger = tagger
        self._passing = language.process_words - language.plan_words
        # searched in the text lower-cased where that finds the same (CaselessPattern): these
        # are read in every paragraph and statement
        self._process_words = _caseless(_any_word(language.process_words))
        self._plan_words = _caseless(_any_word(language.plan_words))
        self._topic = _any_word(language.topic_phrases)
        self._scene = _caseless(_scene(language))
        self._described = _caseless(_descriptions(language))
        self._relatives = language.relative_pronouns
        self._antecedents = language.role_nouns | language.anonymous_nouns
        # "until there is a signed deal": a timing word, then up to three words
        self._timing = (
            re.compile(
                rf"(?<!\w){_alternation(language.timing_words)}{_GAP}(?:[\w'’-]+{_GAP}){{0,3}}$",
                re.IGNORECASE,
            )
            if language.timing_words
            else None
        )
        # in coverage of an energy truce, "the truce" is that truce (stems, inside a word)
        self._a_truce = _caseless(_any_word(language.truce_words, whole=False))
        self._pointing = (
            re.compile(
                rf"{_alternation(language.pointing_words)}\s+{_alternation(language.pointing_links)}"
                r"(?!\w)",
                re.IGNORECASE,
            )
            if language.pointing_words and language.pointing_links
            else None
        )
        # "the agreement", "the American paper": a determiner, at most one other word, the noun
        self._deal = (
            re.compile(
                rf"(?<!\w){_alternation(language.deal_determiners)}\s+"
                rf"(?:(?!{_alternation(language.object_determiners)}\s)[\w'’-]+\s+)?"
                rf"{_alternation(language.deal_nouns)}(?!\w)",
                re.IGNORECASE,
            )
            if language.deal_determiners and language.deal_nouns
            else None
        )
        self._about = (
            re.compile(rf"\s+{_alternation(language.subject_links)}\s+")
            if language.subject_links
            else None
        )

    def own(self, text: str) -> tuple[str, ...]:
        """The issues a statement's own words name, leaving out the circumstances a reporter
        sets it in ("..., as negotiators began a fourth round of talks"; "After the NATO
        summit, ..."); when only those name one, they are what it is about. Who the speaker is
        ("Dmitriev, the envoy for economic cooperation, said") is never what was said."""
        return self.own_in(text, 0, len(text))

    def own_in(
        self, para: str, start: int, end: int, *, scene_only: bool = True
    ) -> tuple[str, ...]:
        """``own`` for the span [start, end) of a paragraph (a sentence, a quote with it);
        ``scene_only``: when only the circumstances name an issue, it is the span's."""
        hits = [h for h in self.tagger.hits(para) if start <= h.start and h.end <= end]
        if not hits:
            return ()
        scene = self._scene.finditer(para[start:end]) if self._scene is not None else ()
        aside = [(start + m.start(), start + m.end()) for m in scene]
        kept = [h for h in hits if not any(h.start < b and a < h.end for a, b in aside)]
        described = [(start + a, start + b) for a, b in self.descriptions(para[start:end])]
        # who speaks is never what is said, even when nothing else names an issue
        return self.ordered(
            i
            for h in (kept or hits * scene_only)
            if not any(h.start < b and a < h.end for a, b in described)
            for i in h.issues
        )

    def reported(self, para: str, start: int, core: int, end: int) -> tuple[str, ...]:
        """The issues of a reported sentence ``para[start:end]`` whose attribution starts at
        ``core``: what is said from there on names them; when it names none, the words before
        it do - the question it answers ("Asked whether sanctions could be eased, Rubio said
        it was too early") or the subject it is said of ("The reparations loan, which Merz
        called overdue, ..."); when it names only the catch-all ("the talks"), those words
        join it and the pieces' catch-all check (``_shared``) decides whether the talks stay -
        replacing the catch-all outright was measured to add more wrong tags than it fixed,
        joining fixed four tune statements and broke none. The circumstances of the
        attribution ("..., Lavrov said on Monday as talks opened") name its issues only when
        nothing else does."""
        if core <= start:
            return self.own_in(para, core, end)
        said = self.own_in(para, core, end, scene_only=False)
        if said and set(said) != {CATCH_ALL}:
            return said
        before = self.own_in(para, start, core, scene_only=False)
        return self.ordered({*said, *before}) or self.own_in(para, core, end)

    def ordered(self, issues: Iterable[str]) -> tuple[str, ...]:
        """Issue ids in config order."""
        return self.tagger.ordered(issues)

    def descriptions(self, text: str) -> list[tuple[int, int]]:
        """Where the text describes its speaker ("Budanov, who is part of the delegation,
        said"; "two people familiar with the talks said"): spans outside quotation marks."""
        if self._described is None:
            return []
        out = []
        for m in self._described.finditer(text):
            before = text[: m.start()]
            if _quoted(before):
                continue  # inside a quote, it is what was said
            if text[m.start(1) : m.end(1)].lower() in self._relatives:
                last = before.rstrip()
                word = last.split()[-1:]
                if not last.endswith(",") and not (word and word[0].lower() in self._antecedents):
                    continue  # "those who want war", "on who would monitor it": no speaker's
            out.append((m.start(), m.end()))
        return out

    def settle(
        self, found: Sequence[Found], counts: Counter[str], text: str = ""
    ) -> list[Statement]:
        """The statements with their final issues; ``counts``: paragraphs naming each issue;
        ``text``: the article they were found in (what stands between two quotes)."""
        dominant = _dominant(counts)
        statements: list[Statement] = []
        blocks: list[int] = []
        named: list[bool] = []  # whether its own words named its issues (not its context)
        terms: list[bool] = []  # whether its own words name an issue term
        fallbacks = self._theirs_left_out(found, text)
        for (statement, _, block), fallback in zip(found, fallbacks, strict=True):
            terms.append(bool(statement.issues))
            named.append(bool(statement.issues) or self._names_process(statement.text))
            # "he said Kyiv would honour every line of the deal": the talks named only as a
            # deal pointed at, whether or not "deal" is a term of theirs
            deal = set(statement.issues) <= {CATCH_ALL} and self._names_a_deal(statement.text)
            if deal:
                statement = replace(statement, issues=())
            if not statement.issues and not deal and self._names_process(statement.text):
                # "the call lasted two hours": in coverage of the talks, a remark on their
                # process, not on whatever its paragraph is about
                statement = replace(statement, issues=(CATCH_ALL,))
            elif not statement.issues:
                # the rest of a quote whose first part named the issue is about it too; else
                # the paragraph, the one before, the question answered; else what the speaker
                # said last, in the paragraph before ("Merz put it starkly. / 'If we fail...'");
                # else the article
                previous = statements[-1] if statements else None
                same = previous is not None and previous.actor_id == statement.actor_id
                last = (previous.issues,) if same and previous else ()
                chain = last + fallback if blocks and blocks[-1] == block else fallback + last
                if deal:
                    # "the agreement would keep millions warm": on what its context names, the
                    # deal's issue (else a remark on the talks)
                    on = next((f for f in (*chain, dominant) if set(f) - {CATCH_ALL}), ())
                    chain = (tuple(i for i in on if i != CATCH_ALL) or (CATCH_ALL,),)
                elif (
                    fallback and not fallback[0] and self._names_process(_around(text, statement))
                ):
                    # its paragraph names no issue but speaks of the talks ("The next round has
                    # not been scheduled. Officials said they expected it in the summer."): a
                    # remark on their process, not on the paragraph before or the article's issue
                    chain = ((CATCH_ALL,),)
                issues = next((f for f in (*chain, dominant) if f), ())
                statement = replace(statement, issues=self.ordered(issues))
            statements.append(statement)
            blocks.append(block)
        statements = self._shared(statements, blocks, named, terms, text)
        statements = self._pointing_back(statements, blocks)
        if self._a_truce is None:
            return statements
        coverage = self._energy_truce_coverage(counts, text)
        out = []
        for s in statements:
            if self._a_truce.found(s.text):
                if ENERGY in s.issues:
                    # "a pause on strikes against power plants": an energy truce is a truce
                    s = replace(s, issues=self.ordered({*s.issues, TRUCE}))
                elif coverage and TRUCE in s.issues:
                    # in coverage of an energy truce, "the truce" is that truce
                    s = replace(s, issues=self.ordered({*s.issues, ENERGY}))
            out.append(s)
        return out

    def _theirs_left_out(
        self, found: Sequence[Found], text: str
    ) -> list[tuple[tuple[str, ...], ...]]:
        """Each statement's issue sources, with those of its paragraph and the one before read
        from the reporter's words there, not the other speakers' remarks, when those words name
        an issue: in "Lavrov said NATO soldiers would be targets. The guarantees are still being
        drafted. Starmer said the plans were nearly complete", Starmer speaks of the guarantees,
        not of NATO. When the reporter's words name none ("Kallas said the assets must pay.
        Merz was blunter: ..."), the other remark is the topic, and the paragraph's issues stay
        (measured: leaving the others' words out whatever remains broke as many tune tags as it
        fixed, and two of the seeds')."""
        if not text:
            return [fallback for _, fallback, _ in found]
        said: dict[int, list[tuple[int, int, str]]] = {}  # paragraph start -> remarks in it
        for s, _, _ in found:
            said.setdefault(_para_start(text, s.position), []).append(
                (s.position, s.position + len(s.text), s.actor_id)
            )
        out = []
        for s, fallback, _ in found:
            if s.issues or not fallback:
                out.append(fallback)
                continue
            start = _para_start(text, s.position)
            paras = [start, *[p for p in [_para_before(text, start)] if p is not None]]
            sources = list(fallback)
            for k, a in enumerate(paras[: len(sources)]):
                para = _para_at(text, a)
                if sources[k] != self.tagger.tags(para):
                    break  # not this paragraph's issues (a question's, a post's): kept
                theirs = [(x - a, y - a) for x, y, actor in said.get(a, []) if actor != s.actor_id]
                if theirs:
                    narrative = self.ordered(
                        i
                        for h in self.tagger.hits(para)
                        if not any(h.start < y and x < h.end for x, y in theirs)
                        for i in h.issues
                    )
                    if set(narrative) - {CATCH_ALL}:
                        sources[k] = narrative
            out.append(tuple(sources))
        return out

    def _energy_truce_coverage(self, counts: Counter[str], text: str) -> bool:
        """Whether an article covers an energy truce: it keeps coming back to energy while
        naming a truce, or one of its paragraphs names the truce with energy ("a moratorium on
        strikes on power plants"), so that "the moratorium" elsewhere in it is that one."""
        if counts[ENERGY] >= ENERGY_TRUCE_MENTIONS and counts[TRUCE]:
            return True
        if self._a_truce is None or not counts[ENERGY]:
            return False
        return any(
            self._a_truce.found(para) and ENERGY in self.tagger.tags(para)
            for para in text.split("\n")
        )

    def _names_a_deal(self, text: str) -> bool:
        """Whether a remark points at a deal ("the agreement", "this Ukrainian paper")."""
        return self._deal is not None and self._deal.search(text) is not None

    def _names_process(self, text: str) -> bool:
        """Whether a remark speaks of the talks or their process ("the call", "the meeting"),
        not only of a topic being "on the agenda" of them."""
        if self._process_words is None:
            return False
        if self._topic is not None:
            text = self._topic.sub(" ", text)
        for a, b in reversed(self.descriptions(text)):
            # "who is part of the delegation": the speaker's part in the talks, not the remark's
            text = text[:a] + " " + text[b:]
        return self._process_words.found(text)

    def _names_plan(self, group: Sequence[Statement]) -> bool:
        """Whether a remark names the plan or the process itself ("the peace plan", "rounds of
        talks"), not only "the talks" or "a deal" in passing."""
        return any(self._plan_term(s.text) for s in group)

    def _says_progress(self, group: Sequence[Statement]) -> bool:
        """Whether a remark says a plan word ("closer", "concrete"): how far the talks have
        come, which no issue term names."""
        if self._plan_words is None:
            return False
        return any(self._plan_words.found(s.text) for s in group)

    def _plan_term(self, text: str) -> bool:
        """Whether the text names the plan or process itself: a catch-all term not said in
        passing, nor one whose subject another issue names ("an agreement on the reparations
        loan", "a deal over prisoner exchanges" are about the loan and the exchanges)."""
        hits = self.tagger.hits(text)
        lowered = _lower(text)
        described = self.descriptions(text)
        scene = [m.span() for m in self._scene.finditer(text)] if self._scene is not None else []
        for k, hit in enumerate(hits):
            if CATCH_ALL not in hit.issues or lowered[hit.start : hit.end] in self._passing:
                continue
            if any(a <= hit.start and hit.end <= b for a, b in described):
                continue  # "a source familiar with the negotiations": who speaks
            if any(a <= hit.start and hit.end <= b for a, b in scene):
                continue  # "..., as a new round of talks opened": when it was said
            if self._timing is not None and self._timing.search(
                lowered, max(0, hit.start - _TIMING_REACH), hit.start
            ):
                continue  # the plan as the time of what is said ("until a peace deal is signed")
            on = self._about.match(lowered, hit.end) if self._about is not None else None
            if on is not None and any(
                h.start < on.end() + _SUBJECT_REACH and CATCH_ALL not in h.issues
                for h in hits[k + 1 :]
            ):
                continue
            return True
        return False

    def _shared(
        self,
        statements: list[Statement],
        blocks: list[int],
        named: list[bool],
        terms: list[bool],
        text: str,
    ) -> list[Statement]:
        """The pieces of one speaker's remark in one paragraph (a split quote, the sentence
        reporting it) are one utterance, about the same issues: those its words name, when a
        piece names any, not the paragraph's that a bare piece fell back on."""
        out: list[Statement] = []
        i = 0
        while i < len(statements):
            j = i + 1
            while (
                j < len(statements)
                and blocks[j] == blocks[i]
                and statements[j].actor_id == statements[i].actor_id
                and _pieces(statements[j - 1], statements[j])
                and not (terms[j] and _introduced(statements[j - 1], statements[j], text))
            ):
                j += 1
            group = statements[i:j]
            own = [s for s, n in zip(group, named[i:j], strict=True) if n] or group
            issues = self.ordered({issue for s in own for issue in s.issues})
            if CATCH_ALL in issues and len(issues) > 1 and not self._names_plan(group):
                # the talks named in passing by a remark about a named issue
                issues = tuple(i for i in issues if i != CATCH_ALL)
            elif issues and CATCH_ALL not in issues and self._says_progress(group):
                # "we are closer on the prisoner lists than ever": how far the talks have come
                issues = self.ordered({*issues, CATCH_ALL})
            # (a statement whose issues stay is kept as it is: replace() is costly)
            out.extend(s if s.issues == issues else replace(s, issues=issues) for s in group)
            i = j
        return out

    def _pointing_back(self, statements: list[Statement], blocks: list[int]) -> list[Statement]:
        """A remark that opens on a demonstrative ("this is precisely what the talks are
        about", "That is not true") is about what it points back to - the speaker's remark
        just before - besides the process it names."""
        out: list[Statement] = []
        for k, s in enumerate(statements):
            previous = out[-1] if out else None
            if (
                previous is not None
                and previous.actor_id == s.actor_id
                and blocks[k] - blocks[k - 1] <= 1
                and set(s.issues) <= {CATCH_ALL}
                and self._pointing is not None
                and self._pointing.match(s.text)
            ):
                s = replace(s, issues=self.ordered({*s.issues, *previous.issues}))
            out.append(s)
        return out


_INTRODUCED = re.compile(r":\s*\W?$")  # a colon just before the second quote's mark
_SPLIT_GAP = 120  # characters between the pieces of one split quote: its attribution
_GAP = r"[\s\"“”«»]+"  # between words: spaces, and quotation marks ('"one day before" a deal')
_TIMING_REACH = 60  # characters before a plan term within which its timing word stands
_SUBJECT_REACH = 30  # characters after "on" within which the subject's term starts


def _alternation(words: Iterable[str]) -> str:
    """A regex group matching any of these words or phrases, the longest first, written as a
    trie (``language.any_word``): the same matches, but one character decides each branch instead
    of every word being tried at every position (the scene pattern's ~300 speech verbs)."""
    return f"(?:{any_word(words)})"


def _any_word(words: Iterable[str], whole: bool = True) -> re.Pattern[str] | None:
    """A case-insensitive pattern for any of these words (``whole``: as whole words)."""
    words = tuple(words)
    if not words:
        return None
    body = _alternation(words)
    return re.compile(rf"(?<!\w){body}(?!\w)" if whole else body, re.IGNORECASE)


def _scene(language: Language) -> re.Pattern[str] | None:
    """A clause setting a remark in time or place, not part of what was said: one opening the
    sentence up to its comma, or one closing it after a comma or after the verb of saying."""
    parts = []
    if language.scene_openers:
        parts.append(rf"^{_alternation(language.scene_openers)}\b[^,;]{{0,120}},")
    unless = rf"(?!{_alternation(language.not_scene)}\b)" if language.not_scene else ""
    closers = (*language.scene_closers, *language.speech_scene_closers)
    if closers and language.speech_verbs:
        # "..., while urging Moscow to accept a truce": the speaker saying more, not a scene
        unless += rf"(?!{_alternation(closers)}\s+{_alternation(language.speech_verbs)}\b)"
    if language.scene_closers:
        # the comma may close a quotation first ('praised the talks as "very good," even as')
        parts.append(rf",[\"”’']?\s+{unless}{_alternation(language.scene_closers)}\b.*$")
    if language.speech_scene_closers and language.speech_verbs:
        # "the Kremlin said on Tuesday as delegations gathered": after the verb of saying and
        # when or where it was said, no comma needed
        when = _alternation(language.date_prepositions | language.place_prepositions)
        # ... and whom it was told to ("told reporters on Monday as ...")
        told = rf"(?:\s+(?:the\s+)?{_alternation(language.audience_nouns)})?" * bool(
            language.audience_nouns
        )
        parts.append(
            rf"(?<!\w){_alternation(language.speech_verbs)}{told}"
            rf"(?:\s+{when}(?:\s+[\w'’-]+){{1,2}}){{0,2}}\s+{unless}{_alternation(language.speech_scene_closers)}\b.*$"
        )
    return re.compile("|".join(parts), re.IGNORECASE) if parts else None


def _descriptions(language: Language) -> re.Pattern[str] | None:
    """A speaker's description: one of its openers, up to the next comma, quotation mark or
    speech verb (at most 100 characters)."""
    openers = (*language.speaker_descriptions, *language.relative_pronouns)
    if not openers:
        return None
    # as tries of the words lower-cased ("CEO of"): the same matches, and a pattern in lower
    # case is searched in the text lower-cased (CaselessPattern)
    verbs = any_word(language.speech_verbs, caseless=True)
    end = rf"(?=[,;:\"“”«»]|\s+(?:{verbs})(?!\w)|$)" if verbs else r"(?=[,;:\"“”«»]|$)"
    return re.compile(
        rf"(?<!\w)({any_word(openers, caseless=True)})(?!\w)"
        rf"[^,;:\"“”«»]{{0,100}}?{end}",
        re.IGNORECASE,
    )


def _quoted(before: str) -> bool:
    """Whether a text ending here is inside quotation marks (one left open)."""
    return (
        before.count('"') % 2 == 1
        or before.count("“") > before.count("”")
        or before.count("«") > before.count("»")
    )


def _pieces(a: Statement, b: Statement) -> bool:
    """Whether two statements are pieces of one remark: a quote split around its attribution,
    or a reported sentence and the quotation inside it."""
    first, second = sorted((a, b), key=lambda s: s.position)
    if a.kind == b.kind == "direct":
        # a quote split around its attribution ('"...," he said. "..."'), not two quotes
        # a sentence or more apart, each answering its own question
        return second.position - (first.position + len(first.text)) <= _SPLIT_GAP
    return first.kind == "reported" and second.position < first.position + len(first.text)


def _introduced(first: Statement, second: Statement, text: str) -> bool:
    """Whether a quote after another has an introduction of its own ('..., she said. Of Putin
    she said: "..."'): a new remark when its words name an issue, not the rest of the first."""
    gap = text[first.position + len(first.text) : second.position]
    return first.kind == second.kind == "direct" and _INTRODUCED.search(gap) is not None


def _dominant(counts: Counter[str]) -> tuple[str, ...]:
    """The issue an article is mostly about, for statements that name none themselves; in
    coverage of the talks that names no issue at all, the talks (the catch-all)."""
    if not counts:
        return (CATCH_ALL,)
    return (counts.most_common(1)[0][0],)


def _around(text: str, statement: Statement) -> str:
    """The rest of a statement's paragraph in the article: its other sentences, not the one
    holding the statement (whose attribution - "a readout of the call quoted him" - says where
    the words come from, not what they are about)."""
    start = text.rfind("\n", 0, statement.position) + 1
    end = text.find("\n", statement.position)
    end = len(text) if end < 0 else end
    before = max(text.rfind(mark, start, statement.position) for mark in _SENTENCE_ENDS)
    after = [
        i for mark in _SENTENCE_ENDS
        if (i := text.find(mark, statement.position + len(statement.text), end)) >= 0
    ]  # fmt: skip
    opens = before + 1 if before >= 0 else start
    closes = min(after) + 1 if after else end
    return f"{text[start:opens]} {text[closes:end]}"


_SENTENCE_ENDS = (". ", "? ", "! ")


def _para_start(text: str, position: int) -> int:
    """Where the paragraph holding a position starts."""
    return text.rfind("\n", 0, position) + 1


def _para_at(text: str, start: int) -> str:
    """The paragraph starting here."""
    end = text.find("\n", start)
    return text[start : end if end >= 0 else len(text)]


def _para_before(text: str, start: int) -> int | None:
    """Where the paragraph before the one starting here starts (blank lines skipped)."""
    end = start - 1
    while end > 0 and not text[_para_start(text, end) : end].strip():
        end = _para_start(text, end) - 1
    return _para_start(text, end) if end > 0 else None


def _caseless(pattern: re.Pattern[str] | None) -> CaselessPattern | None:
    """A case-insensitive pattern as a CaselessPattern: the same matches, found faster."""
    if pattern is None:
        return None
    assert pattern.flags & re.IGNORECASE, "only a case-insensitive pattern reads lower-cased text"
    return CaselessPattern(pattern.pattern)
