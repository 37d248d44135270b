"""When a statement was made: the days it can have been said on, read from the words around it
("on Monday", "yesterday", "on March 12", "last week") against the article's published date.

A re-report carries the day of the utterance, not of the article: a newsletter of Friday that says
"Peskov said on Monday" reports Monday's remark. Two reports whose days cannot meet are two
utterances (the same speaker on the same issue on another day is another development). An undated
report says nothing about its day: outlets carry a remark days later without repeating when it
was made, so only a day the text gives can keep two reports apart. Pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

FUTURE_SLACK = timedelta(days=7)  # "on March 20" in an article of March 18 is still this year's

# English date words (a Russian file would add «в понедельник», «вчера»...)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january february march april may june july august september october november december"
).split()
_MONTH_OF = (
    {m: n for n, m in enumerate(MONTHS, 1)}
    | {m[:3]: n for n, m in enumerate(MONTHS, 1)}
    | {"sept": 9}
)
_MONTHS = "|".join(sorted(_MONTH_OF, key=len, reverse=True))
_YEAR = r"(?:,?\s+((?:19|20)\d\d))?"
# one alternative per kind of expression, each opening on a word of its own: matched on lowercase
# text, so that most positions fail on their first character
_EXPRESSIONS = re.compile(
    rf"""\b(?:
        (?P<m1>{_MONTHS})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?{_YEAR}
      | (?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MONTHS})\.?{_YEAR}
      | (?P<wd>{"|".join(WEEKDAYS)})
      | (?P<yesterday>yesterday)
      | (?P<today>today|tonight|this\s+(?:morning|afternoon|evening))
      | (?P<ago>\d{{1,2}}|two|three|four|five|six)\s+days\s+ago
      | (?P<lastweek>last\s+week|a\s+week\s+ago|the\s+previous\s+week)
      | (?P<thisweek>this\s+week)
      | (?P<weekend>weekend)
      | (?P<lastmonth>last\s+month)
      | (?P<thismonth>this\s+month)
    )\b""",
    re.VERBOSE,
)
# a day after these is a plan or a limit, not when the words were said ("will meet on Monday")
_NOT_SAID = re.compile(
    r"\b(?:will|would|next|until|till|by|from|starting|begin|began|start|due|expected|"
    r"scheduled|planned|held|set|ahead\s+of|before|after|deadline|within)\W+(?:\w+\W+){0,3}$",
)
_SMALL = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


@dataclass(frozen=True)
class Days:
    """The days a statement can have been said on, first to last (one day when the text says)."""

    first: date
    last: date

    def meets(self, other: Days) -> bool:
        """Whether the two can be the same day."""
        return self.first <= other.last and other.first <= self.last

    @property
    def exact(self) -> bool:
        """Whether the text gave the day itself."""
        return self.first == self.last

    def same_day(self, other: Days) -> bool:
        """Whether both are known to one day, and it is the same."""
        return self.exact and other.exact and self.first == other.first

    def stored(self) -> str:
        """The text form kept with a signature: ``@YYYYMMDD-YYYYMMDD``."""
        return f"@{self.first:%Y%m%d}-{self.last:%Y%m%d}"

    @classmethod
    def parse(cls, token: str) -> Days | None:
        """Days from their stored form, or None when it is not one."""
        m = re.fullmatch(r"@(\d{8})-(\d{8})", token)
        if m is None:
            return None
        first, last = (datetime.strptime(g, "%Y%m%d").date() for g in m.groups())  # noqa: DTZ007
        return cls(first, last)


def utterance_days(context: str, published: datetime | None) -> Days | None:
    """The days the words in ``context`` (a statement's sentence and its attribution, quoted text
    left out) say it was said on, against the article's ``published`` date; None when they do
    not say (or say a weekday and nothing tells which week)."""
    context = context.lower()
    for m in _EXPRESSIONS.finditer(context):
        if _NOT_SAID.search(context[max(0, m.start() - 40) : m.start()]):
            continue
        found = _resolve(m, published)
        if found is not None:
            return found
    return None


def _resolve(m: re.Match[str], published: datetime | None) -> Days | None:
    if m.group("m1") or m.group("m2"):
        return _calendar(m, published)
    if published is None:
        return None
    day = published.date()
    monday = day - timedelta(days=day.weekday())
    if m.group("wd"):
        back = (day.weekday() - WEEKDAYS.index(m.group("wd"))) % 7
        if back == 0 and m.string[max(0, m.start() - 5) : m.start()] == "last ":
            back = 7  # "last Monday", said on a Monday
        return _one(day - timedelta(days=back))
    if m.group("yesterday"):
        return _one(day - timedelta(days=1))
    if m.group("today"):
        return _one(day)
    if m.group("ago"):
        n = m.group("ago")
        return _one(day - timedelta(days=_SMALL.get(n) or int(n)))
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
    return None


def _calendar(m: re.Match[str], published: datetime | None) -> Days | None:
    month = _MONTH_OF[m.group("m1") or m.group("m2")]
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
