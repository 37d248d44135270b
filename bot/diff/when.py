"""When a statement was made: the days it can have been said on, read from the words around it
("on Monday", "yesterday", "on March 12", "last week") against the article's published date.

A re-report carries the day of the utterance, not of the article: a newsletter of Friday that says
"Peskov said on Monday" reports Monday's remark. Two reports whose days cannot meet are two
utterances (the same speaker on the same issue on another day is another development). An undated
report says nothing about its day: outlets carry a remark days later without repeating when it
was made, so only a day the text gives can keep two reports apart. The words are the language's
(:class:`Calendar`, from config/lang); the arithmetic is here. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import Any

FUTURE_SLACK = timedelta(days=7)  # "on March 20" in an article of March 18 is still this year's
NEVER = "(?!)"  # the alternative for a kind of expression the language gives no words for
VERB_REACH = 25  # characters before a day that may hold the speech verb ("told reporters on")
# words between a plan's word and the day it names ("starting at midnight Moscow time on Sunday")
PLAN_REACH = 5


_LAST_WORD = re.compile(r"(\w[\w'’.-]*)[^\w\n]{0,3}$")  # the word before a day (its mark after)
_NEXT_WORD = re.compile(r"[\s-]+(\w[\w'’-]*)")


def alternation(words: Iterable[str], *, trie: bool = True) -> str:
    """An alternation of phrases, longest first, a space matching any white space: as a trie
    (:func:`literal_trie`) unless ``trie`` is False (a pattern matched ignoring case, where two
    different characters may match one)."""
    forms = sorted({w.lower() for w in words if w.strip()}, key=len, reverse=True)
    if not forms:
        return NEVER
    # spaced other than by single spaces: the flat alternation
    if not trie or any(" ".join(f.split()) != f for f in forms):
        return "|".join(r"\s+".join(map(re.escape, f.split())) for f in forms)
    return literal_trie(forms, r"\s+")


def literal_trie(forms: Iterable[str], space: str = r"\ ") -> str:
    """The regex source of an alternation of these literal forms, longest first, as a trie of
    characters (a space in a form stands for ``space``): it matches what the flat alternation
    does, at a few character tests where that tries every form in turn (hundreds of verbs at
    each word of every signature). The same, because the forms that can match at one place are
    each a prefix of the next (one character, or a space, never two different ones), and the
    trie tries the longer first, as the flat alternation does, backing off to the shorter when
    what follows fails."""
    trie: dict[str, Any] = {}
    for form in forms:
        node = trie
        for ch in form:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_source(trie, space)


def _trie_source(node: dict[str, Any], space: str) -> str:
    branches = [
        (space if ch == " " else re.escape(ch)) + _trie_source(child, space)
        for ch, child in sorted(node.items())
        if ch
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


class Calendar:
    """A language's words for when something was said: the ``[grouping]`` table of
    ``config/lang/<code>.toml`` (weekdays and months, each entry its forms; "yesterday", "last
    week", "N days ago"; the words before a day that make it a plan, "will meet on Monday").
    Without words it finds no days."""

    def __init__(
        self, words: Mapping[str, Sequence[str]] | None = None, verbs: Iterable[str] = ()
    ) -> None:
        words = words or {}
        # the language's neutral speech verbs: a day right after one is when it was said
        said = alternation(verbs)
        self.said = re.compile(rf"\b(?:{said})\b") if said != NEVER else None
        # "she said last year": the verb right before the words
        self.said_just = re.compile(rf"\b(?:{said})\s+$") if said != NEVER else None
        self.weekdays = tuple(tuple(e.lower().split()) for e in words.get("weekdays", ()))
        months = [tuple(e.lower().split()) for e in words.get("months", ())]
        self.month_of = {form: n for n, forms in enumerate(months, 1) for form in forms}
        self.numbers = {w.lower(): n for n, w in enumerate(words.get("numbers", ()), 1)}
        self.last = re.compile(rf"\b(?:{alternation(words.get('last', ()))})\s+$")
        # what follows these words in reported speech is what was said, not when
        self.that = tuple(f" {w} " for w in words.get("that", ()))
        month = alternation(self.month_of)
        self.month_names = month
        ordinal = f"(?:{alternation(words.get('ordinals', ()))})?"
        of = rf"(?:(?:{alternation(words.get('of', ()))})\s+)?"
        year = r"(?:(?:,?\s+|-)((?:19|20)\d\d))?"
        # "25-Nov 16:02": the digits after a month are a clock time, not its day
        clock = r"(?![:.]\d)"

        def kind(key: str) -> str:
            return alternation(words.get(key, ()))

        # one alternative per kind of expression, each opening on a word of its own: matched on
        # lowercase text, so that most positions fail on their first character
        self.expressions = re.compile(
            rf"""\b(?:
                (?P<m1>{month})\.?\s+(?P<d1>\d{{1,2}}){clock}{ordinal}{year}
              | (?P<d2>\d{{1,2}}){ordinal}(?:\s+|-){of}(?P<m2>{month})\.?{year}
              | (?P<wd>{alternation(f for forms in self.weekdays for f in forms)})
              | (?P<yesterday>{kind("yesterday")})
              | (?P<today>{kind("today")})
              | (?P<ago>\d{{1,2}}|{alternation(self.numbers)})\s+(?:{kind("days_ago")})
              | (?P<lastweek>{kind("last_week")})
              | (?P<thisweek>{kind("this_week")})
              | (?P<weekend>{kind("weekend")})
              | (?P<lastmonth>{kind("last_month")})
              | (?P<thismonth>{kind("this_month")})
              | (?P<lastyear>{kind("last_year")})
            )\b""",
            re.VERBOSE,
        )
        # a date anywhere, to leave out of what a statement says; years alone too ("in 2026")
        self.dates = re.compile(
            rf"\b(?:(?:{month})\.?(?:\s+\d{{1,2}}{clock}{ordinal}(?:,?\s+(?:19|20)\d\d)?"
            rf"|\s+(?:19|20)\d\d)|\d{{1,2}}{ordinal}(?:\s+|-){of}(?:{month})\b\.?"
            r"(?:,?\s+(?:19|20)\d\d)?|(?:19|20)\d\d)\b"
        )
        # a day after these is a plan or a limit, not when the words were said
        self.not_said = re.compile(rf"\b(?:{kind('not_said')})\W+(?:\w+\W+){{0,{PLAN_REACH}}}$")
        # "Peskov had said then", "announced at the time": a report recalls an earlier remark
        self.recalling = re.compile(rf"\b(?:{kind('recalling')})\b")
        # "had to take into account": a recalling word inside these says what was said, not when
        self.not_recalling = re.compile(rf"\b(?:{kind('not_recalling')})\b")
        # "the Sunday Times": a weekday after these and before a capitalised word names a title
        self.title = frozenset(w.lower() for w in words.get("title", ()))
        # "X spoke to the Review on 21 July": an interview's introduction gives its day
        self.interview = re.compile(rf"\b(?:{kind('interview')})\b")

    def in_a_name(self, printed: str, m: re.Match[str]) -> bool:
        """Whether the day words ``m`` found are part of a name in the printed text: a word the
        language writes in lowercase capitalised after a capitalised word ("Kyiv Today", "USA
        Today"), or a weekday between the language's ``title`` words and a capitalised word
        ("the Sunday Sit-down", "the Monday Briefing")."""
        word = printed[m.start() : m.end()]
        before = _LAST_WORD.search(printed, 0, m.start())
        after = _NEXT_WORD.match(printed, m.end())
        if m.group("wd"):
            return (
                before is not None
                and before.group(1).lower() in self.title
                and after is not None
                and after.group(1)[0].isupper()
                and after.group(1).lower() not in self.month_of
            )
        if not (m.group("today") or m.group("yesterday")):
            return False  # a month or a figure: capitalised or not, a date
        return (
            word[:1].isupper()
            and before is not None
            and before.group(1)[0].isupper()
            and not before.group(0).rstrip().endswith((".", ":", "!", "?"))
        )

    def recalls(self, context: str) -> bool:
        """Whether the words attributing a statement say it was said some time before the report
        ("had said", "at the time", "earlier"), on a day they do not give."""
        return self.recalling.search(self.not_recalling.sub(" ", context.lower())) is not None

    def weekday(self, word: str) -> int:
        """Monday's 0 to Sunday's 6, for a form of a weekday."""
        return next(n for n, forms in enumerate(self.weekdays) if word in forms)

    def what_was_said(self, reported: str) -> str:
        """Reported speech up to where what was said begins ("X said on Monday that ...")."""
        for word in self.that:
            reported = reported.split(word, 1)[0]
        return reported


@dataclass(frozen=True)
class Days:
    """The days a statement can have been said on, first to last (one day when the text says)."""

    first: date
    last: date

    def meets(self, other: Days) -> bool:
        """Whether the two can be the same day."""
        return self.first <= other.last and other.first <= self.last

    def gap(self, other: Days) -> int:
        """The days between the two (0 when they can be the same day)."""
        return max((self.first - other.last).days, (other.first - self.last).days, 0)

    @property
    def exact(self) -> bool:
        """Whether the text gave the day itself."""
        return self.first == self.last

    def spanning(self, other: Days) -> Days:
        """The days from the first of both to the last of both."""
        return Days(min(self.first, other.first), max(self.last, other.last))

    def same_day(self, other: Days) -> bool:
        """Whether both are known to one day, and it is the same."""
        return self.exact and other.exact and self.first == other.first

    def stored(self) -> str:
        """The text form kept with a signature: ``@YYYYMMDD-YYYYMMDD``."""
        return f"@{_ymd(self.first)}-{_ymd(self.last)}"

    @classmethod
    def parse(cls, token: str) -> Days | None:
        """Days from their stored form, or None when it is not one."""
        return _parse_days(token)


def _ymd(day: date) -> str:
    # what ``f"{day:%Y%m%d}"`` gives, without strftime (a statement's days are written with
    # every statement stored); before year 1000 the platform's %Y may not pad: asked of it then
    if day.year < 1000:
        return f"{day:%Y%m%d}"
    return f"{day.year}{day.month:02d}{day.day:02d}"


@lru_cache(maxsize=4096)  # few distinct spans, one per stored mention: parsed (and held) once
def _parse_days(token: str) -> Days | None:
    m = re.fullmatch(r"@(\d{8})-(\d{8})", token)
    if m is None:
        return None
    first, last = (datetime.strptime(g, "%Y%m%d").date() for g in m.groups())  # noqa: DTZ007
    return Days(first, last)


def utterance_days(context: str, published: datetime | None, calendar: Calendar) -> Days | None:
    """The days the words in ``context`` (a statement's sentence and its attribution, quoted text
    left out) say it was said on, against the article's ``published`` date, read with the
    language's ``calendar``; None when they do not say (or say a weekday and nothing tells which
    week)."""
    printed = context
    context = context.lower()
    cased = len(context) == len(printed)  # lowering kept every offset: the printed case is read
    first: Days | None = None
    for m in calendar.expressions.finditer(context):
        if calendar.not_said.search(context[max(0, m.start() - 40) : m.start()]):
            continue
        if cased and calendar.in_a_name(printed, m):
            continue
        found = _resolve(m, published, calendar)
        if found is None:
            continue
        # "the truce it floated on Tuesday ..., Peskov said on Thursday": the day the speech
        # verb gives is when it was said; without one, the first day the words give
        lead = context[max(0, m.start() - VERB_REACH) : m.start()]
        if m.group("lastyear"):
            # "down on last year": a comparison, unless the speech verb right before says when
            if calendar.said_just is not None and calendar.said_just.search(lead):
                return found
            continue
        if calendar.said is None or calendar.said.search(lead):
            return found
        first = first or found
    return first


def _resolve(m: re.Match[str], published: datetime | None, calendar: Calendar) -> Days | None:
    if m.group("m1") or m.group("m2"):
        return _calendar(m, published, calendar)
    if published is None:
        return None
    day = published.date()
    monday = day - timedelta(days=day.weekday())
    if m.group("wd"):
        back = (day.weekday() - calendar.weekday(m.group("wd"))) % 7
        if back == 0 and calendar.last.search(m.string[max(0, m.start() - 20) : m.start()]):
            back = 7  # "last Monday", said on a Monday
        return _one(day - timedelta(days=back))
    if m.group("yesterday"):
        return _one(day - timedelta(days=1))
    if m.group("today"):
        return _one(day)
    if m.group("ago"):
        n = m.group("ago")
        return _one(day - timedelta(days=int(n) if n.isdigit() else calendar.numbers[n]))
    if m.group("lastweek"):
        return Days(monday - timedelta(days=7), monday - timedelta(days=1))
    if m.group("thisweek"):
        return Days(monday, day)
    if m.group("weekend"):  # "at the weekend", "over the weekend", "last weekend"
        saturday = day - timedelta(days=(day.weekday() - 5) % 7)
        return Days(saturday, min(saturday + timedelta(days=1), day))
    first_of_month = day.replace(day=1)
    if m.group("lastmonth"):
        end = first_of_month - timedelta(days=1)
        return Days(end.replace(day=1), end)
    if m.group("thismonth"):
        return Days(first_of_month, day)
    if m.group("lastyear"):
        return Days(date(day.year - 1, 1, 1), date(day.year - 1, 12, 31))
    return None


def _calendar(m: re.Match[str], published: datetime | None, calendar: Calendar) -> Days | None:
    month = calendar.month_of[m.group("m1") or m.group("m2")]
    stated = next((g for g in m.groups() if g and len(g) == 4 and g.isdigit()), None)  # year
    year = int(stated) if stated else (published.year if published else None)
    if year is None:
        return None
    try:
        found = date(year, month, int(m.group("d1") or m.group("d2")))
    except ValueError:  # "February 30": not a date
        return None
    if not stated and published is not None and found > published.date() + FUTURE_SLACK:
        found = found.replace(year=year - 1)  # "on December 30" in a January article
    return _one(found)


def _one(day: date) -> Days:
    return Days(day, day)


RECALLED = timedelta(days=14)  # how long before a report a remark it recalls may have been said
# a report published before this hour (UTC) most likely carries the day before's remark: the
# morning's news is what was said the evening before (a scratch count over tune..tune15: of the
# undated reports published 05:00-08:00, ~60% carry the day before's remark; after 10:00, ~10%)
EARLY_HOUR = 8


# a line of at most this many words, all but this many of them day words, heads a section of
# the article ("YESTERDAY", "MONDAY, 9 FEBRUARY", "Tuesday 10 November")
SECTION_WORDS = 6
SECTION_OTHER_WORDS = 2
_WORDS = re.compile(r"\w+")


def section_days(
    text: str, published: datetime | None, calendar: Calendar
) -> list[tuple[int, Days | None]]:
    """Where the sections of an article headed by a day begin, and the day each heads, when it
    is before the article's ``published`` day: a live ticker's "YESTERDAY", a recap's "MONDAY 10
    AUGUST". A section headed by the published day itself (None) ends the one before; a day
    line at the top of a newsletter, its date, says nothing the published date does not."""
    if published is None:
        return []
    day = published.date()
    found: list[tuple[int, Days | None]] = []
    start = 0
    for line in text.split("\n"):
        at, start = start, start + len(line) + 1
        words = line.strip()
        if not words or len(words.split()) > SECTION_WORDS or words.endswith((".", ":", "?", "!")):
            continue
        low = words.lower()
        rest = calendar.expressions.sub(" ", low)
        if rest == low or len(_WORDS.findall(rest)) > SECTION_OTHER_WORDS:
            continue
        days = utterance_days(words, published, calendar)
        if days is not None:
            found.append((at, days if days.last < day else None))
    return found


INTRO_LINES = 4  # lines at the top of an article (its title among them) that introduce it
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")


def interview_days(text: str, published: datetime | None, calendar: Calendar) -> Days | None:
    """The days an article's introduction says its interview was held on ("X spoke to the
    Review in Warsaw on 21 July", "Recorded in Jeddah on 18 May"), before its ``published``
    day, to the published day (re-reports carry the remarks as said on either): the likely
    days of its undated remarks. None when the top of the article names no interview with an
    earlier day."""
    if published is None:
        return None
    top = "\n".join(text.split("\n", INTRO_LINES)[:INTRO_LINES])
    for m in _SENTENCE.finditer(top):
        sentence = m.group(0)
        if calendar.interview.search(sentence.lower()) is None:
            continue
        days = utterance_days(sentence, published, calendar)
        if days is not None:
            if days.last >= published.date():
                return None
            return days.spanning(Days(published.date(), published.date()))
    return None


def carried_days(sections: Sequence[tuple[int, Days | None]], position: int) -> Days | None:
    """The day of the section a statement at ``position`` stands in (:func:`section_days`)."""
    carried = None
    for at, days in sections:
        if at > position:
            break
        carried = days
    return carried


@lru_cache(maxsize=4096)  # an article's statements share it
def report_days(
    published: datetime | None,
    recalled: bool = False,
    dated: Days | None = None,
    carried: Days | None = None,
) -> Days | None:
    """The days an undated remark was most likely said on: the day it is published (news carries
    a remark at once), or any day of :data:`RECALLED` before it when the report recalls an
    earlier remark (:meth:`Calendar.recalls`); a guess that can join reports, never part them
    alone. Published before :data:`EARLY_HOUR`, the day before it is the likely one. ``dated``:
    the days its article said its speaker spoke on, before it ("X said on Monday that ..."): the
    words after may be more of that remark, so those days are likely too. ``carried``: the day
    of the article's section it stands in (:func:`section_days`), which it was likely said on
    instead of the published day."""
    if published is None:
        return dated
    day = published.date()
    if carried is not None and not recalled:
        return carried if dated is None else carried.spanning(dated)
    if recalled:
        near = Days(day - RECALLED, day)
    else:
        at = published.astimezone(UTC) if published.tzinfo is not None else published
        near = _one(at.date() - timedelta(days=1) if at.hour < EARLY_HOUR else day)
    return near if dated is None else near.spanning(dated)
