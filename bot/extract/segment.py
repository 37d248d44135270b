"""The segment stage: an article's text as blocks (paragraphs) of a kind, and sentences.

A block is prose (``text``), or not text: a headline, section head, live-blog entry title or time
stamp, byline or menu (``heading``); the signature under an embedded post (``signature``, naming
its author) and the post above it (``post``); a transcript turn (``turn``, "ZELENSKY: ..." or
"A: ...", with its label). Sentences never break inside a quotation or after an abbreviation.
Pure functions of text + language.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.config import Language
from bot.language import CaselessPattern

HEADING_MAX_WORDS = 30  # a longer line without a full stop is prose that lost its punctuation
TRANSCRIPT_MIN_TURNS = 3  # fewer labelled lines are datelines ("KYIV: ..."), not an interview
# "Sybiha: ..." in ordinary case is an interview's turn only when the labels recur: each of at
# least two speakers has this many turns ("Update: ..." or "Note: ..." once is a label)
NAMED_TURNS_EACH = 2
NAMED_LABEL_WORDS = 3  # "Nordic Review", "Andrii Sybiha": a speaker label is a short name
HEADLINE_MAX_WORDS = 60  # an article's first line without a full stop is its headline

_TERMINAL = tuple(".!?…:;")
_TRAILING = "\"'”’»“)] \t*"  # "[Image: ... vehicle.]": a caption in brackets
_CREDIT = re.compile(
    r"\s*(?:\((?:[^()]*\b(?:photo|image|picture|file)\b[^()]*)\)"
    r"|(?:(?:Photo|Image|Picture)s?(?: credit)?|(?<=[.!?] )Credits?):[^.]*"
    # "Photo: Lavrov said the troops would be targets. (Agency/Pool)": a caption's credit after
    # its full stop
    r"|(?<=[.!?\"”’])\s*\([^()]{1,40}\))\s*$",
    re.IGNORECASE,
)
FURNITURE_MAX_WORDS = 40
_FURNITURE = re.compile(
    r"\b(?:subscribe|unsubscribe|sign up|sign in|newsletter|forward this|upgrade to|read online"
    r"|manage preferences|cookies?|in your inbox|recommended for you|most read"
    # a newsletter's sign-off, a fact-checker's rating key, a programme's air time
    r"|reply to this e-?mail|thanks for reading|see you (?:tomorrow|next week|on \w+day)"
    r"|that's (?:it|all) for (?:today|now|this week)|how we rate|corrections?:"
    r"|(?:is|are) (?:broadcast|aired|streamed) (?:at|on|every|live)"
    # a writer's bio: "Views are his own", "The views expressed are her own"
    r"|views (?:expressed )?(?:here )?are (?:his|her|their|my|the author's) own)\b",
    re.IGNORECASE,
)
_IS_FURNITURE = CaselessPattern(_FURNITURE.pattern)  # the same, faster where it can be
_NAME_WORDS = r"(?:(?:Dr|Prof|Mr|Mrs|Ms)\.? )?[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){0,3}"
# "Jane Doe is a senior fellow at ...", "John Roe writes on European security.": who wrote the
# piece, at its foot - case matters, and the name opens the line
_BIO = re.compile(
    rf"^\s*{_NAME_WORDS} (?:is (?:an?|the) (?:[\w-]+ ){{0,3}}(?:fellow|columnist|correspondent"
    r"|editor|analyst|researcher|professor|lecturer|director|contributor|writer|author)\b"
    r"|(?:writes|reports) (?:on|about) [\w ,-]+\.)"
)
_BIO_HINT = re.compile(r" (?:is|writes|reports) ")  # cheap: most lines are no bio
# "Sources: Air Force reports; grid operator statements; ...": a list, not a sentence
_SOURCES = re.compile(r"^\s*(?i:sources?|sourcing):\s[^.;]{2,200}(?:;[^.;]{2,200}){1,}\.?\s*$")
_LOWER = re.compile(r"[^\W\d_A-ZÀ-ÞА-ЯЁІЇЄҐ]")  # a lower-case letter (any script)
_UPPER = re.compile(r"[A-ZÀ-ÞА-ЯЁІЇЄҐ]")
# '"..." - Volodymyr Zelensky', '"..." - Dmitry Peskov, Wednesday': a quote signed by its speaker
_QUOTE_THEN_NAME = re.compile(r"^\s*[\"“«].{10,}[\"”»]\s*[-—–]\s*[^\W\d_][\w'’., -]{2,60}$")
# "• US envoy says a pause is near", "- Round five: the hosts want it": an item of a list
_BULLET = re.compile(r"^\s*[•▪◦*-]\s+\S")
# "14:02", "25-NOV 14:02 GMT", "Nov 25, 14:02": a time stamp, perhaps after its date
_STAMP = (
    r"^\s*(?:\d{1,2}[- ][A-Za-z]{3,9}\.?,?\s+|[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+)?\d{1,2}[:.]\d{2}"
    r"(?:\s*(?:GMT|BST|CET|EET|MSK|UTC|ET|a\.m\.|p\.m\.|am|pm))?"
)
_TIME = re.compile(_STAMP + r"\s*$")
TICKER_MIN_WORDS = 4  # "16:05 Talks end" is an entry title
_TICKER = re.compile(
    _STAMP
    # a flash label after the time: "BREAKING:", "URGENT -", "UPDATE —"
    + r"(?:\s*(?:--|[-–—|])\s*|\s+)(?:[A-Z][A-Z ]{1,20}[A-Z]:\s*|[A-Z]{4,12}\s+[-–—]\s+)?"
    r"(?=[^\W\d_]|[\"“«‘])"
)
# "— Name (@handle) date", "— Name (Telegram), 21 January": the post's author, its account or
# platform, its date
_SIGNATURE = re.compile(
    r"^\s*[—–-]\s*(?P<name>[^()\n—–]{2,80}?)\s*"
    r"(?:\((?:@\w{1,30}|[^\W\d_][\w .'’-]{0,30})\)[^()\n]{0,40})?\s*$"
)
# "We are nearly there. — Steve Witkoff (@SEWitkoff) December 17, 2025": a post and its
# signature on one line, when the signature names an account
_INLINE_SIGNATURE = re.compile(
    r"^(?P<post>.*?[^\s—–-])\s+(?P<sig>[—–]\s*(?P<name>[^()\n—–]{2,80}?)\s*\(@\w{1,30}\)[^()\n]{0,40})"
    r"\s*$"
)
# "Andrii Sybiha @andrii_sybiha", "Donald J. Trump @realDonaldTrump · Truth Social": the header
# above an embedded post, naming its author
_POST_HEADER = re.compile(
    r"^\s*(?P<name>[^\W\d_][\w.'’ -]{1,60}?)\s+@\w{1,30}(?:\s*[·•|]\s*[^\n]{1,40})?\s*$"
)
_TURN = re.compile(
    # "ZELENSKY:", "MS. ZAKHAROVA:", "SAUDI FOREIGN MINISTER PRINCE FAISAL BIN FARHAN:" (title
    # and name, up to eight words), "Q:"
    r"^\s*(?P<label>[^\W\d_][^\W\d_'’. -]*(?:[ '’.-]{1,2}[^\W\d_]+){0,7}|Q|A)"
    r"\s*:\s+(?P<body>\S.*)$"
)


@dataclass(frozen=True)
class Block:
    """One paragraph of an article: text[start:end] of the article, of a kind."""

    start: int
    text: str
    kind: str  # text | heading | post | signature | turn
    label: str = ""  # a turn's speaker label, a signature's or a post's author
    body: int = 0  # where a turn's words begin, inside text

    @property
    def is_prose(self) -> bool:
        """Whether statements can be read from this block."""
        return self.kind in ("text", "post", "turn")


class Segmenter:
    """Splits an article into blocks and sentences, with one language's rules."""

    def __init__(self, language: Language) -> None:
        self.abbreviations = language.abbreviations
        self.labels = {
            label.lower() for label in language.question_labels | language.answer_labels
        }
        self.verbs = frozenset(language.speech_verbs)
        # what an interviewer's turn is called once known ("Q")
        self.question_label = min(language.question_labels, key=len, default="Q")

    def blocks(self, text: str) -> list[Block]:
        """The paragraphs of an article (one per line), each with its kind."""
        out: list[Block] = []
        offset = 0
        lines = [line for line in text.split("\n") if line.strip()]
        stamped = {i for i, line in enumerate(lines) if _TICKER.match(line)}
        n = 0
        for line in text.split("\n"):
            start = offset
            offset += len(line) + 1
            ticker = _TICKER.match(line) if line.strip() else None
            if line.strip():
                n += 1
            # "19:47 BREAKING: Witkoff says ...": an entry of a ticker (the next line is one
            # too, or a day's label, or the end), whole without a full stop; its time stamp
            # and label are not its text. A stamped line above prose is a live blog's entry
            # title.
            if (
                ticker
                and (n in stamped or n == len(lines) or self._kind(lines[n]) != "text")
                and len(line[ticker.end() :].split()) >= TICKER_MIN_WORDS
            ):
                out.append(Block(start + ticker.end(), line[ticker.end() :], "text"))
                continue
            inline = _INLINE_SIGNATURE.match(line) if "(@" in line else None
            if inline and _looks_like_name(inline["name"]):
                out.append(Block(start, inline["post"], "text"))
                out.append(Block(start + inline.start("sig"), inline["sig"], "signature"))
                continue
            if line.strip():
                kind = self._kind(line)
                label = "time" if kind == "heading" and _TIME.match(line) else ""
                out.append(Block(start, line, kind, label))
        if out and out[0].kind == "text" and _headline(out[0].text, out[1:2]):
            # the first line, long but without a full stop: a headline in sentence form
            out[0] = Block(out[0].start, out[0].text, "heading")
        named = self._named_labels(out)
        turns = [b for b in out if b.kind == "text" and self._turn(b.text, named)]
        if len(turns) >= TRANSCRIPT_MIN_TURNS:
            asking = self._askers(turns, named)
            for i, block in enumerate(out):
                m = self._turn(block.text, named) if block.kind == "text" else None
                if m:
                    label = self.question_label if m["label"] in asking else m["label"]
                    out[i] = Block(block.start, block.text, "turn", label, m.start("body"))
        for i, block in enumerate(out[:-1]):
            header = _POST_HEADER.match(block.text) if block.kind == "heading" else None
            if header and _looks_like_name(header["name"]) and out[i + 1].kind != "signature":
                # the post under its author's header is the author's
                after = out[i + 1]
                out[i + 1] = Block(after.start, after.text, "post", header["name"].strip())
        for i, block in enumerate(out):
            if block.kind != "signature":
                continue
            name = _SIGNATURE.match(block.text)
            assert name is not None
            out[i] = Block(block.start, block.text, "signature", name["name"].strip())
            if i and out[i - 1].kind in ("text", "heading"):
                prev = out[i - 1]
                out[i - 1] = Block(prev.start, prev.text, "post", name["name"].strip())
        return out

    def _says(self, line: str) -> bool:
        """Whether a line has a speaker's label ("Zelensky: ...") or a verb of saying."""
        return ": " in line or any(w in self.verbs for w in line.lower().split())

    def _turn(self, line: str, named: frozenset[str] = frozenset()) -> re.Match[str] | None:
        m = _turn_label(line)
        if m is None:
            return None
        label = m["label"]
        letters = [c for c in label if c.isalpha()]
        if (
            label.lower() in self.labels
            or (len(letters) >= 2 and all(c.isupper() for c in letters))
            or label in named
        ):
            return m
        return None

    def _askers(self, turns: Sequence[Block], named: frozenset[str]) -> frozenset[str]:
        """The labels in ordinary case whose turns are mostly questions ("Polissia Today: ...
        Is that right?"): the interviewer's, whoever the outlet is."""
        asked: dict[str, list[bool]] = {}
        for block in turns:
            m = self._turn(block.text, named)
            if m is not None and m["label"] in named:
                asked.setdefault(m["label"], []).append(block.text.rstrip().endswith("?"))
        return frozenset(k for k, v in asked.items() if sum(v) * 2 >= len(v))

    def _named_labels(self, blocks: Sequence[Block]) -> frozenset[str]:
        """Speaker labels in ordinary case ("Nordic Review:", "Sybiha:") that make the article
        an interview: short capitalised names, at least two of them with turns of their own
        again and again. A name's surname alone ("Sybiha:" after "Andrii Sybiha:") is the same
        speaker."""
        counts: dict[str, int] = {}
        for block in blocks:
            m = _turn_label(block.text) if block.kind == "text" else None
            if m is None:
                continue
            words = m["label"].split()
            if len(words) > NAMED_LABEL_WORDS or not all(w[:1].isupper() for w in words):
                continue
            counts[m["label"]] = counts.get(m["label"], 0) + 1
        speakers: dict[str, int] = {}
        for label, n in counts.items():
            surname = label.split()[-1]
            shared = any(o != label and o.split()[-1] == surname for o in counts)
            key = surname if shared else label
            speakers[key] = speakers.get(key, 0) + n
        if sum(1 for n in speakers.values() if n >= NAMED_TURNS_EACH) < 2:
            return frozenset()
        return frozenset(counts)

    def _kind(self, line: str) -> str:
        if _SIGNATURE.match(line) and _looks_like_name(_SIGNATURE.match(line)["name"]):  # type: ignore[index]
            return "signature"
        if line.count(" | ") >= 2 or line.count(" > ") >= 2:
            return "heading"  # a menu, a dateline bar or a breadcrumb ("Home > News > World")
        if line.count(" ") < FURNITURE_MAX_WORDS and _IS_FURNITURE.found(line):
            return "heading"  # "Enjoyed this issue? Subscribe to ...", cookie banners
        if line.count(" ") < FURNITURE_MAX_WORDS and (
            (_BIO_HINT.search(line) and _BIO.match(line)) or _SOURCES.match(line)
        ):
            return "heading"  # the writer's bio line, the list of sources under a piece
        if line.count(" / ") >= 3:
            return "heading"  # "Accurate / Partly true / Misleading / False": a key or a menu
        words = line.count(" ") + 1
        if words > HEADING_MAX_WORDS:
            return "text"
        if _TIME.match(line):
            return "heading"
        if words >= 2 and _LOWER.search(line) is None and _UPPER.search(line):
            return "heading"  # "TRUMP TO PUTIN: STOP THE BOMBS OR ELSE!", "THE BIG PICTURE"
        if _QUOTE_THEN_NAME.match(line):
            return "text"  # '"Nobody will hold elections under missiles." - Volodymyr Zelensky'
        if _BULLET.match(line) and words > TICKER_MIN_WORDS and self._says(line):
            return "text"  # "• US envoy says a pause is near": an item saying who said what
        stripped = _without_credit(line).rstrip(_TRAILING)
        if stripped and not stripped.endswith(_TERMINAL):
            return "heading"
        return "text"

    def sentences(self, para: str, inside: bytearray) -> list[tuple[int, int]]:
        """Sentence spans of a paragraph, never breaking inside a quotation; a dateline
        ("WASHINGTON (AP) — ") is a span of its own, not part of the sentence after it."""
        spans, start = [], 0
        dateline = _DATELINE.match(para)
        if dateline is not None:
            spans.append((0, dateline.end()))
            start = dateline.end()
        for m in _SENTENCE_END.finditer(para, start):
            end = m.end()
            if para[m.end() :].lstrip()[:1].islower():
                continue  # "the U.S. side", "500 vs. 400": a sentence starts with a capital
            closes = para[end - 1] in '"”»'
            if inside[m.start()] and not closes:
                continue
            if inside[m.start()] and inside[end - 1] and not closes:
                continue
            if para[m.start()] == "." and is_abbreviation(para, m.start(), self.abbreviations):
                continue
            spans.append((start, end))
            start = end
            while start < len(para) and para[start].isspace():
                start += 1
        if start < len(para):
            spans.append((start, len(para)))
        return spans or [(0, len(para))]

    def first_sentence_end(self, segment: str) -> int:
        """Where the first sentence of a segment ends (its length if it does not)."""
        for m in re.finditer(r"[.!?](?=\s|$)", segment):
            if segment[m.start()] == "." and is_abbreviation(
                segment, m.start(), self.abbreviations
            ):
                continue
            return m.end()
        return len(segment)


# "KYIV — ", "RIYADH, June 3 (Gulf Meridian) - ", "ISTANBUL/MOSCOW, March 12 (Wire) - ": a place
# in capitals, perhaps a date and the agency, then a dash and a capital ("NATO - the alliance -"
# is a parenthesis)
_CAP = "A-ZÀ-ÞА-ЯЁІЇЄҐ"
_DATELINE = re.compile(
    rf"[{_CAP}][{_CAP}'’.-]+(?:[ /-]{{1,3}}[{_CAP}][{_CAP}'’.-]+){{0,3}}"
    r"(?:,\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}))?"
    rf"(?:\s*\([^()]{{1,40}}\))?\s*[-–—]\s+(?=[\"“«‘]?[{_CAP}])"
)
_SENTENCE_END = re.compile(r"[.!?…]+[\"”’»)]*(?=\s+[\"“‘«(\w])")


def _headline(line: str, below: Sequence[Block] = ()) -> bool:
    """Whether an article's first line is a headline: no full stop at its end, however long; or
    a question above the byline or menu bar (``below``: "Fact check: Did X say ...?")."""
    if below and below[0].kind == "heading" and line.rstrip().endswith("?"):
        return True
    stripped = _without_credit(line).rstrip(_TRAILING)
    return (
        line.count(" ") < HEADLINE_MAX_WORDS
        and bool(stripped)
        and not stripped.endswith(_TERMINAL)
        and _QUOTE_THEN_NAME.match(line) is None
    )


def _turn_label(line: str) -> re.Match[str] | None:
    """A line opening on a speaker's label ("ZELENSKY: ...", "Q: ..."), as a _TURN match."""
    # cheap: a label ends in a colon, and most lines have none
    return _TURN.match(line) if ":" in line else None


def _without_credit(line: str) -> str:
    """The line without a photo credit at its end."""
    # cheap: a credit ends the line on a closing bracket, or follows a colon with no full stop
    # after it; most lines end otherwise
    colon = line.rfind(":")
    if not line.rstrip().endswith(")") and (colon == -1 or "." in line[colon:]):
        return line
    return _CREDIT.sub("", line)


def _looks_like_name(name: str) -> bool:
    words = name.replace("/", " ").split()
    return 0 < len(words) <= 6 and all(w[:1].isupper() or w in _PARTICLES for w in words)


_PARTICLES = frozenset("de da van von der al bin el".split())


def is_abbreviation(para: str, dot: int, abbreviations: frozenset[str]) -> bool:
    """Whether the full stop at ``dot`` ends an abbreviation ("Mr.", "U.S.") not a sentence."""
    word = re.search(r"([\w.]+)$", para[:dot])
    if not word:
        return False
    token = word.group(1)
    if re.fullmatch(r"(?:[^\W\d_]\.)*[^\W\d_]", token):  # U.S, initials
        return True
    return token.lower() in abbreviations


def sentence_of(sentences: Sequence[tuple[int, int]], pos: int) -> int:
    """The index of the sentence holding position ``pos``."""
    for i, (start, end) in enumerate(sentences):
        if start <= pos < end:
            return i
    return len(sentences) - 1
