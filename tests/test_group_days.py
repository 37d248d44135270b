"""Grouping by the utterance's day: read from the words around a statement against the article's
published date; two reports whose days cannot meet are two developments."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from bot.app.ingest import ingest_articles
from bot.config import Config, load_language
from bot.diff import claim_markers, said_context, same_utterance
from bot.diff.when import Calendar, Days, report_days, utterance_days
from bot.errors import ConfigError
from bot.model import Article, Statement
from bot.store import Store

THURSDAY = datetime(2026, 4, 16, 17, 0, tzinfo=UTC)
LANG = Path(__file__).resolve().parent.parent / "config" / "lang"
ENGLISH = dict(load_language(LANG / "en.toml").grouping)
EN = Calendar(ENGLISH)
CLAIM = claim_markers(ENGLISH["another_claim"])


@pytest.mark.parametrize(
    ("words", "first", "last"),
    [
        ("the minister said on Monday", date(2026, 4, 13), date(2026, 4, 13)),
        ("speaking on Thursday, she said", date(2026, 4, 16), date(2026, 4, 16)),
        ("he told reporters yesterday", date(2026, 4, 15), date(2026, 4, 15)),
        ("the envoy said on April 9", date(2026, 4, 9), date(2026, 4, 9)),
        ("in a speech on 2 April the chancellor said", date(2026, 4, 2), date(2026, 4, 2)),
        ("the aide said last week", date(2026, 4, 6), date(2026, 4, 12)),
        ("she said earlier this week", date(2026, 4, 13), date(2026, 4, 16)),
        ("three days ago the spokesman said", date(2026, 4, 13), date(2026, 4, 13)),
        ("on December 30, 2025, he wrote", date(2025, 12, 30), date(2025, 12, 30)),
        # a wire ticker's stamp: the day before the month, the clock time after it
        ("14-APR 09:40 GMT -- ENVOY SAYS", date(2026, 4, 14), date(2026, 4, 14)),
        ("Apr 14 09:40 GMT: the envoy says", date(2026, 4, 14), date(2026, 4, 14)),
        ("on 9-Apr-2026 the envoy said", date(2026, 4, 9), date(2026, 4, 9)),
    ],
)
def test_the_day_is_read_against_the_published_date(words: str, first: date, last: date) -> None:
    assert utterance_days(words, THURSDAY, EN) == Days(first, last)


def test_a_clock_time_after_a_month_is_not_its_day() -> None:
    # "Apr 16:05" is five past four on a day of April, not April 16
    assert utterance_days("APR 16:05 -- ENVOY SAYS", THURSDAY, EN) is None


@pytest.mark.parametrize(
    ("words", "day"),
    [
        # day words in a printed name: an outlet, a programme
        ("Harbour Today: the minister says the corridor opens", None),
        ("the envoy told the Sunday Chronicle that", None),
        ("the envoy told the Sunday edition that", date(2026, 4, 12)),
        ("On Sunday Peskov told reporters", date(2026, 4, 12)),
        ("Today, the envoy said", date(2026, 4, 16)),
        ("Peskov said. Today the envoy added", date(2026, 4, 16)),
    ],
)
def test_a_day_word_in_a_name_is_not_a_day(words: str, day: date | None) -> None:
    with_verbs = Calendar(ENGLISH, load_language(LANG / "en.toml").neutral_verbs)
    expected = None if day is None else Days(day, day)
    assert utterance_days(words, THURSDAY, with_verbs) == expected


def test_an_undated_report_says_nothing_of_its_day() -> None:
    # outlets carry a remark days later without its date: only a day the text gives can block
    assert utterance_days("the minister said", THURSDAY, EN) is None


def test_the_day_the_speech_verb_gives_is_when_it_was_said() -> None:
    words = "the corridor plan floated on Monday still stood, the envoy said on Wednesday, adding"
    with_verbs = Calendar(ENGLISH, load_language(LANG / "en.toml").neutral_verbs)
    wednesday = date(2026, 4, 15)
    assert utterance_days(words, THURSDAY, with_verbs) == Days(wednesday, wednesday)
    assert utterance_days(words, THURSDAY, EN) == Days(date(2026, 4, 13), date(2026, 4, 13))
    # no verb before any day: the first day the words give
    assert utterance_days("on Monday, as on Tuesday, he", THURSDAY, with_verbs) == Days(
        date(2026, 4, 13), date(2026, 4, 13)
    )


@pytest.mark.parametrize(
    "words",
    [
        "he said the delegations will meet again on Monday",
        # the plan's word five words before its day: a start time in between
        "the aide told reporters the pause would hold, starting at noon Kyiv time on Monday",
    ],
)
def test_a_planned_day_is_not_when_it_was_said(words: str) -> None:
    # "will meet on Monday" says when the meeting is, not when the words were said
    assert utterance_days(words, THURSDAY, EN) is None


@pytest.mark.parametrize(
    ("words", "recalls"),
    [
        ("the envoy had said then that", True),
        ("as the minister announced at the time,", True),
        ("a day later the aide made clear", True),
        ("the minister answered the following day by calling", True),
        # present perfect, a day of a meeting, a remark made before an event: all earlier
        ("the minister has said little since beyond her claim that", True),
        # a past remark in the present perfect, whatever the verb: "has called", "has warned"
        ("the ministry has called the corridor a lifeline for", True),
        ("the envoy has been telling investors that", True),
        ("the aide keeps telling anyone who asks that", True),
        # an agency's lede gives the day's news in the present perfect
        ("the corridor will open, the minister has stated.", False),
        ("the envoy told journalists on the second day that", True),
        ("in her pre-summit remarks the chancellor called", True),
        ("the envoy told reporters", False),
        ("the minister presented prepared remarks", False),
        # "had to" is what the words say must happen, not a remark made earlier
        ("any truce, the envoy said, had to be verified by", False),
        ("the envoy had said that any truce had to be verified", True),
    ],
)
def test_a_report_recalling_an_earlier_remark_is_dated_before(words: str, recalls: bool) -> None:
    assert EN.recalls(words) is recalls
    published = report_days(THURSDAY, EN.recalls(words))
    assert published is not None
    # undated and recalled: any day of the two weeks before; else the day it is published
    assert published.first == (date(2026, 4, 2) if recalls else date(2026, 4, 16))
    assert published.last == date(2026, 4, 16)


@pytest.mark.parametrize(
    ("words", "recalls"),
    [
        ("как посол тогда заявил", True),
        ("во второй день встречи министр сказал", True),
        ("в прошлый раз помощник говорил", True),
        ("спустя два дня посол добавил", True),
        ("посол заявил журналистам", False),
    ],
)
def test_a_russian_report_recalling_an_earlier_remark(words: str, recalls: bool) -> None:
    ru = Calendar(dict(load_language(LANG / "ru.toml").grouping))
    assert ru.recalls(words) is recalls


def test_the_days_survive_the_store() -> None:
    days = Days(date(2026, 4, 6), date(2026, 4, 12))
    assert Days.parse(days.stored()) == days
    assert Days.parse("_nato") is None


def test_the_context_leaves_out_the_quoted_words() -> None:
    text = 'The talks end on Friday. "We will sign on Sunday," the envoy said on Tuesday. Later.'
    quote = "We will sign on Sunday,"
    context = said_context(text, _at(text, quote, "direct"), EN)
    assert "Tuesday" in context
    assert "Sunday" not in context
    assert "Friday" not in context


def test_what_the_speaker_added_after_a_quote_does_not_date_the_quote() -> None:
    text = '"The corridor stays open," the envoy said, adding that Kyiv had sent no reply.'
    quote = "The corridor stays open,"
    context = said_context(text, _at(text, quote, "direct"), EN)
    assert "the envoy said" in context
    assert not EN.recalls(context)  # "had sent" is the added remark's tense


def _at(text: str, words: str, kind: str, actor: str = "envoy") -> Statement:
    return Statement(actor, kind, words, ("peace_plan",), text.index(words))  # type: ignore[arg-type]


def test_a_reported_sentence_and_the_quote_after_it_are_one_utterance() -> None:
    text = (
        "The envoy said the gap on the grain corridor had narrowed.\n"
        '"We are closer than last month," he said.\n'
        "Separately, the envoy praised the hosts."
    )
    lead = _at(text, "The envoy said the gap on the grain corridor had narrowed.", "reported")
    quote = _at(text, "We are closer than last month,", "direct")
    later = _at(text, "Separately, the envoy praised the hosts.", "reported")
    assert same_utterance(lead, quote, text, CLAIM)
    assert not same_utterance(quote, later, text, CLAIM)  # another sentence: another claim
    assert not same_utterance(
        lead, _at(text, "We are closer than last month,", "direct", "x"), text, CLAIM
    )


def _article(n: int, text: str, published: datetime) -> Article:
    return Article(
        url=f"https://example.test/{n}",
        title=f"t{n}",
        text=text,
        source=f"Outlet {n}",
        published=published,
    )


def test_the_same_words_on_another_day_are_another_development(config: Config) -> None:
    store = Store()
    said = "Kremlin spokesman Dmitry Peskov said{day} that an energy truce had to be mutual."
    articles = [
        _article(1, said.format(day=" on Monday"), THURSDAY),
        _article(2, said.format(day=""), THURSDAY),  # undated: joins Monday's
        _article(3, said.format(day=" on Thursday"), THURSDAY),  # cannot join a Monday remark
    ]
    ingest_articles(store, config, articles, THURSDAY)
    devs = store.developments(actor="peskov")
    assert sorted(len(d.mentions) for d in devs) == [1, 2]


def test_a_quote_the_speaker_added_is_another_claim() -> None:
    text = (
        "The envoy said the corridor talks had gone well.\n"
        '"The ships will sail by spring," he added.\n'
        'The envoy said the text was "nearly final", adding that the hosts were "very patient".'
    )
    lead = _at(text, "The envoy said the corridor talks had gone well.", "reported")
    added = _at(text, "The ships will sail by spring,", "direct")
    assert not same_utterance(lead, added, text, CLAIM)
    sentence = _at(text, text.split("\n")[2], "reported")
    assert same_utterance(sentence, _at(text, "nearly final", "direct"), text, CLAIM)
    assert not same_utterance(sentence, _at(text, "very patient", "direct"), text, CLAIM)


def test_a_day_in_what_was_reported_is_not_when_it_was_said() -> None:
    text = "The envoy said on Tuesday that the convoy leaves on Friday. Then he flew home."
    reported = _at(text, "The envoy said on Tuesday that the convoy leaves on Friday.", "reported")
    assert utterance_days(said_context(text, reported, EN), THURSDAY, EN) == Days(
        date(2026, 4, 14), date(2026, 4, 14)
    )
    other = "The envoy said that the convoy leaves on Friday."
    undated = _at(other, other, "reported")
    assert utterance_days(said_context(other, undated, EN), THURSDAY, EN) is None


def test_the_days_are_the_language_s_words() -> None:
    # a Russian wire: "вчера", "в понедельник", "12 апреля" - the same arithmetic, other words
    ru = Calendar(dict(load_language(LANG / "ru.toml").grouping))
    assert utterance_days("как заявил вчера посол", THURSDAY, ru) == Days(
        date(2026, 4, 15), date(2026, 4, 15)
    )
    assert utterance_days("министр сказал в понедельник", THURSDAY, ru) == Days(
        date(2026, 4, 13), date(2026, 4, 13)
    )
    assert utterance_days("посол заявил 9 апреля", THURSDAY, ru) == Days(
        date(2026, 4, 9), date(2026, 4, 9)
    )
    assert utterance_days("делегации встретятся в следующий понедельник", THURSDAY, ru) is None
    # without a language's words no day is read, English included
    assert utterance_days("the minister said on Monday", THURSDAY, Calendar()) is None


def test_another_claim_is_the_language_s_words() -> None:
    text = "«Мы готовы к диалогу», — заявил Песков. Он также добавил, что ответ ждут к пятнице."
    first = _at(text, "Мы готовы к диалогу", "direct", "peskov")
    added = _at(text, "Он также добавил, что ответ ждут к пятнице.", "reported", "peskov")
    ru = claim_markers(dict(load_language(LANG / "ru.toml").grouping)["another_claim"])
    assert not same_utterance(first, added, text, ru)
    assert not claim_markers(()).search("he added that")  # no words: nothing is another claim


def test_the_grouping_words_must_be_a_table(tmp_path: Path) -> None:
    bad = tmp_path / "xx.toml"
    bad.write_text('grouping = "monday"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="grouping"):
        load_language(bad)


def test_a_report_close_to_two_remarks_days_apart_does_not_make_them_one(config: Config) -> None:
    # Tuesday's offer and Thursday's "no reply yet" are two remarks; an undated round-up that
    # evening reads like both, and joins one of them without folding the two together
    evening = datetime(2026, 4, 16, 20, 0, tzinfo=UTC)
    articles = [
        _article(
            1,
            "Kremlin spokesman Dmitry Peskov said on Tuesday that a halt to strikes on power "
            "stations was possible if the drone raids on refineries stopped.",
            datetime(2026, 4, 14, 12, 0, tzinfo=UTC),
        ),
        _article(
            2,
            "Kremlin spokesman Dmitry Peskov said on Thursday that Kyiv had sent no reply to the "
            "offer of a halt to strikes on power stations.",
            THURSDAY,
        ),
        _article(
            3,
            "Dmitry Peskov says Kyiv has sent no reply to the offer of a halt to strikes on power "
            "stations, as long as drone raids on refineries go on.",
            evening,
        ),
    ]
    store = Store()
    ingest_articles(store, config, articles, evening)
    devs = store.developments(actor="peskov")
    assert sorted(len(d.mentions) for d in devs) == [1, 2]


def _peskov_after_monday(config: Config, later: str) -> list[int]:
    """The sizes of Peskov's developments after a Monday report of his remark on the monitors and
    ``later``, published on Thursday."""
    monday = datetime(2026, 4, 13, 15, 0, tzinfo=UTC)
    first = (
        "Kremlin spokesman Dmitry Peskov said the ceasefire monitors would have to come from "
        "neutral states and not from NATO members."
    )
    store = Store()
    ingest_articles(
        store, config, [_article(1, first, monday), _article(2, later, THURSDAY)], THURSDAY
    )
    return sorted(len(d.mentions) for d in store.developments(actor="peskov"))


@pytest.mark.parametrize(("lead_day", "joined"), [(" on Monday", True), ("", False)])
def test_an_undated_remark_may_be_from_the_day_its_article_gave_the_speaker(
    config: Config, lead_day: str, joined: bool
) -> None:
    # a Thursday article that says the spokesman spoke on Monday, then gives more of what he
    # said without a day: that may be Monday's remark too, not only the day's news
    later = (
        f"Kremlin spokesman Dmitry Peskov said{lead_day} that Moscow would send a delegation to "
        "Geneva for the talks.\n\nThe talks have stalled since March.\n\n"
        "Peskov ruled out monitors from alliance countries for the truce."
    )
    sizes = _peskov_after_monday(config, later)
    assert sizes == ([1, 2] if joined else [1, 1, 1])
    assert report_days(THURSDAY, dated=Days(date(2026, 4, 13), date(2026, 4, 13))) == Days(
        date(2026, 4, 13), date(2026, 4, 16)
    )


@pytest.mark.parametrize(
    ("published", "likely"),
    [
        # a morning edition carries what was said the evening before
        (datetime(2026, 4, 17, 6, 30, tzinfo=UTC), date(2026, 4, 16)),
        # the same hour written in another zone is read in UTC
        (datetime(2026, 4, 17, 10, 30, tzinfo=timezone(timedelta(hours=3))), date(2026, 4, 16)),
        (datetime(2026, 4, 17, 13, 0, tzinfo=UTC), date(2026, 4, 17)),
        (datetime(2026, 4, 17, 23, 50, tzinfo=UTC), date(2026, 4, 17)),
    ],
)
def test_an_undated_morning_report_most_likely_carries_the_day_before(
    published: datetime, likely: date
) -> None:
    assert report_days(published) == Days(likely, likely)
    # recalling an earlier remark, any day of the two weeks before is as likely
    assert report_days(published, recalled=True) == Days(
        published.date() - timedelta(days=14), published.date()
    )


@pytest.mark.parametrize(("lead_day", "joined"), [(" on Monday", True), ("", False)])
def test_an_undated_remark_may_be_from_the_day_its_article_opened_on(
    config: Config, lead_day: str, joined: bool
) -> None:
    # a Thursday article that dates its event by another speaker's remark ("Zelensky said on
    # Monday"), then gives the spokesman's words with no day: Monday is a likely day for them too
    later = (
        f"Ukrainian President Volodymyr Zelensky said{lead_day} that Kyiv would send a delegation"
        " to Geneva for the talks.\n\nThe talks have stalled since March.\n\n"
        "Kremlin spokesman Dmitry Peskov ruled out monitors from alliance countries for the truce."
    )
    sizes = _peskov_after_monday(config, later)
    assert sizes == ([2] if joined else [1, 1])
