"""The day a section heading carries: a live ticker's "YESTERDAY", a recap's "MONDAY 10 AUGUST"
are the likely day of the undated remarks under them, not the published day."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from bot.config import load_language
from bot.diff.when import (
    Calendar,
    Days,
    carried_days,
    interview_days,
    report_days,
    section_days,
    utterance_days,
)

LANG = Path(__file__).resolve().parent.parent / "config" / "lang"
ENGLISH = load_language(LANG / "en.toml")
EN = Calendar(dict(ENGLISH.grouping), ENGLISH.neutral_verbs)
WEDNESDAY = datetime(2026, 4, 15, 11, 0, tzinfo=UTC)
TUESDAY = Days(date(2026, 4, 14), date(2026, 4, 14))

TICKER = (
    "Wednesday, April 15, 2026\n"
    "10:40 - The ferry envoy says the harbour fees are still open.\n"
    "YESTERDAY\n"
    "18:05 - The port minister calls the timetable settled.\n"
    "Ferry talks resume on Friday\n"
    "17:30 - The envoy says nobody will sign in March.\n"
)


def test_a_section_heading_carries_its_day_to_the_remarks_under_it() -> None:
    sections = section_days(TICKER, WEDNESDAY, EN)
    # the date on top is the published day: it carries nothing; "on Friday" is a headline
    assert [days for _, days in sections] == [None, TUESDAY]
    envoy, minister = TICKER.index("10:40"), TICKER.index("18:05")
    assert carried_days(sections, envoy) is None
    assert carried_days(sections, minister) == TUESDAY
    assert carried_days(sections, TICKER.index("17:30")) == TUESDAY


def test_the_carried_day_replaces_the_published_day_as_the_likely_one() -> None:
    assert report_days(WEDNESDAY) == Days(date(2026, 4, 15), date(2026, 4, 15))
    assert report_days(WEDNESDAY, carried=TUESDAY) == TUESDAY
    # a remark the report recalls may be older than the section: the two weeks before still
    assert report_days(WEDNESDAY, recalled=True, carried=TUESDAY) == Days(
        date(2026, 4, 1), date(2026, 4, 15)
    )


def test_an_interview_introduction_gives_the_day_its_remarks_were_made() -> None:
    intro = (
        "Harbour talks: the ferry envoy on fees and timetables\n"
        "The ferry envoy spoke to the Quay Review in Tallinn on Monday, a day after the round "
        "ended. The interview has been edited for length.\n"
        "QUAY REVIEW: Are the fees settled?\n"
    )
    monday = date(2026, 4, 13)
    # said on Monday, published on Wednesday: re-reports carry either day
    assert interview_days(intro, WEDNESDAY, EN) == Days(monday, date(2026, 4, 15))
    news = "Ferry envoy says fees settled\nThe ferry envoy said on Monday the fees were settled.\n"
    assert interview_days(news, WEDNESDAY, EN) is None  # no interview: a report's own day


def test_said_last_year_is_last_year_and_a_comparison_is_no_day() -> None:
    assert utterance_days("the ombudswoman said last year the count", WEDNESDAY, EN) == Days(
        date(2025, 1, 1), date(2025, 12, 31)
    )
    comparison = "the ferry traffic, she said, was down on last year"
    assert utterance_days(comparison, WEDNESDAY, EN) is None
