"""Grouping by speaker, issue and day: a re-translation or paraphrase of a remark shares its gist
more than its words, so a statement leans to its speaker's one development on the same specific
issue around the same day; two such developments, another day, or "he added" turn the lean off.
Sentences written for these tests."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from bot.app.ingest import ingest_articles
from bot.config import Config
from bot.diff import Candidate, Placement, Signature, matches, place
from bot.diff.when import Days, report_days
from bot.model import Article, Statement
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


def test_two_quotes_an_article_gives_apart_do_not_lean_to_each_other(config: Config) -> None:
    # two quotes by Lavrov on prisoners in one article, with narrative between: two passages,
    # though they share their gist's words; another outlet's paraphrase of the first still leans
    both = (
        '"Every wounded prisoner we hold can go home before Easter," Lavrov told journalists '
        "in Minsk.\n\nThe next round opens in Geneva next month, the organisers said.\n\n"
        '"The lists of wounded prisoners still wait for the Red Cross to check each name," '
        "Lavrov said."
    )
    paraphrase = (
        "Lavrov said Moscow was ready to let all injured POWs it holds return home ahead of "
        "the spring holiday."
    )
    articles = [_article(1, both, WEDNESDAY)]
    assert _lavrov_developments(config, articles) == [1, 1]
    articles.append(_article(2, paraphrase, WEDNESDAY + timedelta(hours=5)))
    assert _lavrov_developments(config, articles) == [1, 2]


def test_the_likely_days_survive_the_store() -> None:
    near = report_days(WEDNESDAY)
    assert near == Days(date(2026, 5, 13), date(2026, 5, 13))
    sig = Signature(frozenset({"_prisoner", "wound"}), "_prisoner wound", near=near)
    assert Signature.parse(sig.stored).likely == near
    dated = Days(date(2026, 5, 11), date(2026, 5, 11))
    assert Signature(sig.tokens, sig.text, days=dated, near=near).likely == dated


def test_undated_reports_days_apart_need_more_words_in_common() -> None:
    def sig(words: str, published: datetime) -> Signature:
        return Signature(frozenset(words.split()), words, near=report_days(published))

    # four of seven stems shared: enough on one day, not for reports five days apart
    first = sig("grain corridor ship insur port odessa convoy", WEDNESDAY)
    said = Statement("envoy", "reported", "x", ("peace_plan",), 0)
    again = "grain corridor ship insur bosporus escort tanker"
    same_day = matches(said, sig(again, WEDNESDAY), [Candidate(1, ("peace_plan",), first)], 0.45)
    assert [m.development_id for m in same_day] == [1]
    later = sig(again, WEDNESDAY + timedelta(days=5))
    assert matches(said, later, [Candidate(1, ("peace_plan",), first)], 0.45) == []
    word_for_word = sig("grain corridor ship insur port odessa convoy", WEDNESDAY + timedelta(5))
    found = matches(said, word_for_word, [Candidate(1, ("peace_plan",), first)], 0.45)
    assert [m.development_id for m in found] == [1]  # carried days later: still the remark


def test_the_same_quoted_words_days_later_are_still_the_remark() -> None:
    quoted = frozenset({"\u201chard+honest"})
    first = Signature(
        frozenset("round hard honest minist geneva".split()), "", quotes=quoted,
        near=report_days(WEDNESDAY),
    )  # fmt: skip
    profile = Signature(
        frozenset("call hard honest time verdict revis".split()), "", quotes=quoted,
        near=report_days(WEDNESDAY + timedelta(days=20)),
    )  # fmt: skip
    said = Statement("minister", "reported", "x", ("peace_plan",), 0)
    found = matches(said, profile, [Candidate(1, ("peace_plan",), first)], 0.45)
    assert [m.development_id for m in found] == [1]


def test_a_remark_days_after_the_first_report_does_not_join_through_reports_in_between() -> None:
    def sig(words: str, days_after: int) -> Signature:
        published = WEDNESDAY + timedelta(days=days_after)
        return Signature(frozenset(words.split()), words, near=report_days(published))

    # a development first reported on Wednesday, carried again on Friday; a remark published on
    # Sunday shares four of seven stems with Friday's report: two days from it, four from the
    # remark the development is
    friday = Candidate(1, ("peace_plan",), sig("truce energi strike halt month grid repair", 2))
    wednesday = Candidate(1, ("peace_plan",), sig("truce nuclear plant zaporizh inspector", 0))
    sunday = sig("truce energi strike halt drone refineri summer", 4)
    said = Statement("envoy", "reported", "x", ("peace_plan",), 0)
    assert [m.development_id for m in matches(said, sunday, [friday], 0.45)] == [1]
    assert matches(said, sunday, [friday, wednesday], 0.45) == []  # newest first


def test_the_lean_is_to_the_remark_not_to_what_leaned_to_it() -> None:
    def sig(words: str) -> Signature:
        return Signature(frozenset(words.split()), words, near=report_days(WEDNESDAY))

    # the development is Lavrov's remark on prisoners; a second remark on prisoners leaned to it
    # (two stems in common with it); a third shares two stems with the second only: joining it
    # through the second chains remarks, one lean after another
    remark = Candidate(1, ("prisoners",), sig("wound prison hand easter minsk"))
    leaned = Candidate(1, ("prisoners",), sig("wound prison red cross list check"))
    said = Statement("lavrov", "reported", "x", ("prisoners",), 0)
    third = sig("red cross visit camp soon")
    assert matches(said, third, [leaned, remark], 0.45) == []  # newest first
    gist = sig("wound easter captiv home holiday")
    assert [m.development_id for m in matches(said, gist, [leaned, remark], 0.45)] == [1]


def test_reports_weeks_apart_are_two_remarks_whatever_their_words() -> None:
    def sig(words: str, days_after: int) -> Signature:
        published = WEDNESDAY + timedelta(days=days_after)
        return Signature(frozenset(words.split()), words, near=report_days(published))

    said = Statement("host", "direct", "x", ("peace_plan",), 0)
    first = Candidate(1, ("peace_plan",), sig("willing host leader summit", 0))
    again = "willing host leader summit palace"
    assert [m.development_id for m in matches(said, sig(again, 5), [first], 0.45)] == [1]
    assert matches(said, sig(again, 30), [first], 0.45) == []  # a month on: the offer renewed


def test_weeks_apart_two_quoted_words_among_a_paraphrase_are_not_the_remark() -> None:
    def sig(words: str, days_after: int, quotes: frozenset[str] = frozenset()) -> Signature:
        published = WEDNESDAY + timedelta(days=days_after)
        return Signature(
            frozenset(words.split()), words, quotes=quotes, near=report_days(published)
        )

    said = Statement("host", "reported", "x", ("peace_plan",), 0)
    # the September remark: the Lisbon format was useful, no quick deal
    first = Candidate(1, ("peace_plan",), sig("lisbon format useful quick deal illusion", 0))
    # six weeks on, a report quotes "more useful than Lisbon" of another round
    later = sig("oslo round useful lisbon basis next step", 42, frozenset({"\u201clisbon+useful"}))
    assert matches(said, later, [first], 0.45) == []
    # the same two words days later are still enough: the quote ties them then
    soon = sig("oslo round useful lisbon basis next step", 4, frozenset({"\u201clisbon+useful"}))
    assert [m.development_id for m in matches(said, soon, [first], 0.45)] == [1]


def test_an_undated_report_fitting_two_remarks_days_apart_joins_the_later() -> None:
    def sig(words: str, days: Days | None = None, near: Days | None = None) -> Signature:
        return Signature(frozenset(words.split()), words, days=days, near=near)

    tuesday = Days(date(2026, 4, 14), date(2026, 4, 14))
    thursday = Days(date(2026, 4, 16), date(2026, 4, 16))
    # Tuesday's offer of a truce, Thursday's "no answer yet" to it: two remarks
    offer = Candidate(
        1, ("energy",), sig("truce energi strike halt drone refineri possibl", tuesday)
    )
    no_answer = Candidate(2, ("energy",), sig("truce energi offer answer halt strike", thursday))
    said = Statement("envoy", "reported", "x", ("energy",), 0)
    # an undated round-up that evening reads a little more like Tuesday's words
    roundup = sig("truce energi strike halt drone refineri answer", near=thursday)
    found = matches(said, roundup, [no_answer, offer], 0.45, lean=False)
    assert [m.development_id for m in found] == [1, 2]
    # ... yet it most likely carries the latest remark, and never folds the two
    assert place(said, roundup, [no_answer, offer], lean=False) == Placement(2)
    # a report that names its day is read by its words alone
    dated = sig("truce energi strike halt drone refineri answer", thursday)
    assert place(said, dated, [no_answer, offer], lean=False).development_id == 2


def test_reports_days_apart_sharing_only_the_topic_s_concepts_are_two_remarks() -> None:
    def sig(words: str, days_after: int) -> Signature:
        published = WEDNESDAY + timedelta(days=days_after)
        return Signature(frozenset(words.split()), words, near=report_days(published))

    said = Statement("envoy", "reported", "x", ("energy",), 0)
    # a week on, the same concepts of the issue ("truce", "energy", "strikes", "Russia")
    first = Candidate(1, ("energy",), sig("_ceasefire _energy _strike _russia _possible", 0))
    later = sig("_ceasefire _energy _strike _russia observ", 7)
    assert matches(said, later, [first], 0.45) == []
    # the same day they are the speaker's one remark on it; a week on, a word of its own ties them
    assert [m.development_id for m in matches(said, sig(later.text, 0), [first], 0.45)] == [1]
    words = "_ceasefire _energy _strike _russia _possible refineri"
    worded = Candidate(1, ("energy",), sig(words, 0))
    assert [m.development_id for m in matches(said, sig(words, 7), [worded], 0.45)] == [1]


def test_the_piece_of_its_utterance_outweighs_a_closer_remark_of_another_day() -> None:
    tuesday = Days(date(2026, 4, 14), date(2026, 4, 14))
    thursday = Days(date(2026, 4, 16), date(2026, 4, 16))
    # "The envoy said on Tuesday that ..." then its quote, undated: the quote is Tuesday's words
    # even when its wording is closer to a remark of Thursday
    sentence = Candidate(1, ("energy",), Signature(frozenset({"grid", "repair"}), "", tuesday))
    thursday_words = "truce energi strike halt winter grid"
    other = Candidate(2, ("energy",), Signature(frozenset(thursday_words.split()), "", thursday))
    quote = Signature(frozenset("truce energi strike halt winter".split()), "")
    said = Statement("envoy", "direct", "x", ("energy",), 0)
    candidates = [sentence, other]
    assert [m.development_id for m in matches(said, quote, candidates, 0.45)] == [2]
    assert place(said, quote, candidates, neighbours=[sentence]) == Placement(1)


def test_of_two_remarks_on_the_issue_that_day_one_far_closer_in_words_is_leaned_to() -> None:
    def sig(words: str) -> Signature:
        return Signature(frozenset(words.split()), words, near=report_days(WEDNESDAY))

    # two remarks of the envoy on prisoners that day: the wounded to go home before the holiday,
    # and the Red Cross checking the lists; a paraphrase shares three stems with the first and
    # none with the second, yet too few of its words to reach the bar on words alone
    holiday = Candidate(1, ("prisoners",), sig("wound _prisoner home holiday minsk custodi"))
    lists = Candidate(2, ("prisoners",), sig("red cross list check name camp"))
    said = Statement("envoy", "reported", "x", ("prisoners",), 0)
    gist = sig("wound _prisoner home spring return sick soldier famili")
    assert [m.development_id for m in matches(said, gist, [lists, holiday], 0.45)] == [1]
    # one stem more than the other is no lead: the lean stays off, the words decide
    close = sig("wound _prisoner spring return sick soldier list famili")
    assert matches(said, close, [lists, holiday], 0.45) == []


def test_another_outlets_undated_report_of_that_day_needs_the_same_day_bar_only() -> None:
    def sig(words: str, published: datetime) -> Signature:
        return Signature(frozenset(words.split()), words, near=report_days(published))

    # three of six stems in common: under the threshold, over the same-day bar
    first = Candidate(1, ("peace_plan",), sig("round format vienna illus settl singl", WEDNESDAY))
    said = Statement("envoy", "reported", "x", ("peace_plan",), 0)
    words = "round format vienna expect daily brief"
    same_day = sig(words, WEDNESDAY + timedelta(hours=6))
    assert [m.development_id for m in matches(said, same_day, [first], 0.45)] == [1]
    # published the next day, it may be another remark: the threshold decides
    assert matches(said, sig(words, WEDNESDAY + timedelta(days=1)), [first], 0.45) == []
    # two passages of one article are not two outlets' reports of that day's news
    assert matches(said, same_day, [first], 0.45, unleaned={1}) == []


def test_one_days_reports_tagged_apart_join_at_the_plain_threshold() -> None:
    def sig(words: str, published: datetime) -> Signature:
        return Signature(frozenset(words.split()), words, near=report_days(published))

    afternoon = WEDNESDAY + timedelta(hours=5)
    # one outlet tagged the remark as the energy truce, another as a ceasefire
    first = Candidate(1, ("energy",), sig("pause strik grid thirty day hold winter", afternoon))
    said = Statement("envoy", "reported", "x", ("ceasefire",), 0)
    words = "pause strik grid thirty hope last long"  # four of seven stems: about 0.5
    found = matches(said, sig(words, afternoon + timedelta(hours=3)), [first], 0.45)
    assert [m.development_id for m in found] == [1]
    # reported the next afternoon it may be another remark: the tags then tell them apart
    later = sig(words, afternoon + timedelta(days=1))
    assert matches(said, later, [first], 0.45) == []
    # on one day still, fewer words in common stay under the threshold
    fewer = sig("pause strik grid hope last long calm", afternoon + timedelta(hours=3))
    assert matches(said, fewer, [first], 0.45) == []
