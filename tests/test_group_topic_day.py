"""Grouping by speaker, issue and day: a re-translation or paraphrase of a remark shares its gist
more than its words, so a statement leans to its speaker's one development on the same specific
issue around the same day; two such developments, another day, or "he added" turn the lean off.
Sentences written for these tests."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from bot.app.ingest import ingest_articles
from bot.config import Config
from bot.diff import Signature
from bot.diff.when import Days, report_days
from bot.model import Article
from bot.store import Store

WEDNESDAY = datetime(2026, 5, 13, 9, 0, tzinfo=UTC)

# one remark on prisoners by Lavrov, as two outlets put it: few words in common
FIRST = (
    "Russian Foreign Minister Sergey Lavrov said Moscow was ready to hand over every wounded "
    "prisoner of war it holds before the Orthodox Easter."
)
SECOND = (
    '"All injured POWs in our custody can go home ahead of the spring holiday," Lavrov told '
    "journalists in Minsk."
)


def _article(n: int, text: str, published: datetime) -> Article:
    return Article(
        url=f"https://outlet{n}.example/{n}",
        title=f"Report {n}",
        text=text,
        source=f"Outlet {n}",
        published=published,
    )


def _lavrov_developments(config: Config, articles: list[Article]) -> list[int]:
    store = Store()
    ingest_articles(store, config, articles, WEDNESDAY + timedelta(days=4))
    return sorted(len(d.mentions) for d in store.developments(actor="lavrov"))


def test_a_retranslation_joins_the_speakers_one_remark_on_the_issue_that_day(
    config: Config,
) -> None:
    articles = [_article(1, FIRST, WEDNESDAY), _article(2, SECOND, WEDNESDAY + timedelta(hours=5))]
    assert _lavrov_developments(config, articles) == [2]


def test_the_same_gist_days_later_does_not_lean(config: Config) -> None:
    articles = [_article(1, FIRST, WEDNESDAY), _article(2, SECOND, WEDNESDAY + timedelta(days=3))]
    assert _lavrov_developments(config, articles) == [1, 1]


def test_two_remarks_on_the_issue_that_day_leave_the_words_to_decide(config: Config) -> None:
    other = (
        "Lavrov said on Wednesday that the lists of prisoners for the next swap were "
        "still being checked by the Red Cross."
    )
    articles = [
        _article(1, FIRST, WEDNESDAY),
        _article(3, other, WEDNESDAY),
        _article(2, SECOND, WEDNESDAY + timedelta(hours=5)),
    ]
    assert _lavrov_developments(config, articles) == [1, 1, 1]


def test_a_remark_the_speaker_added_does_not_lean(config: Config) -> None:
    added = SECOND.replace("Lavrov told", "Lavrov added, telling")
    articles = [_article(1, FIRST, WEDNESDAY), _article(2, added, WEDNESDAY + timedelta(hours=5))]
    assert _lavrov_developments(config, articles) == [1, 1]


def test_the_likely_days_survive_the_store() -> None:
    near = report_days(WEDNESDAY)
    assert near == Days(date(2026, 5, 12), date(2026, 5, 13))
    sig = Signature(frozenset({"_prisoner", "wound"}), "_prisoner wound", near=near)
    assert Signature.parse(sig.stored).likely == near
    dated = Days(date(2026, 5, 11), date(2026, 5, 11))
    assert Signature(sig.tokens, sig.text, days=dated, near=near).likely == dated
