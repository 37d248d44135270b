"""Rendering: Telegram HTML that Telegram accepts whatever the article text holds, messages split
under 4,096 characters at development boundaries, digests grouped by issue. Every text is checked
with the fake server's HTML validator, the same one that answers the real bot."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from bot import render
from bot.model import (
    Code,
    Development,
    DevelopmentList,
    FeedHealth,
    Mention,
    Notice,
    Reply,
    SourcesView,
    Strong,
)
from tests.fakebot import check_html

T0 = datetime(2025, 12, 16, 9, 0, tzinfo=UTC)
HOSTILE = "He said <b>\"no\" & </a> <script>x</script> &amp; 5 < 6 > 4 'ok'"
TITLES = {"nato": "NATO membership", "territory": "Territory", "ceasefire": "Ceasefire"}


def dev(
    n: int,
    text: str = "We will not give up our land",
    *,
    actor: str = "Volodymyr Zelensky",
    issues: tuple[str, ...] = ("territory",),
    sources: tuple[str, ...] = ("Reuters",),
    kind: str = "direct",
) -> Development:
    mentions = tuple(
        Mention(source=s, url=f"https://{s.lower()}.example/a{n}?x=1&y=2", text=text, published=T0)
        for s in sources
    )
    return Development(
        id=n,
        actor_id=actor.split()[-1].lower(),
        actor_name=actor,
        kind=kind,  # type: ignore[arg-type]
        text=text,
        issues=issues,
        first_seen=T0 + timedelta(minutes=n),
        mentions=mentions,
    )


def test_development_line_escapes_every_piece_of_article_text() -> None:
    hostile = dev(
        1, HOSTILE, actor="Dr <i>Evil</i> & Co", sources=("A&B <News>", "Other\"Outlet'")
    )
    line = render.development_line(hostile)
    plain = check_html(line)  # Telegram would parse it
    assert 'He said <b>"no" & </a> <script>x</script> &amp; 5 < 6' in plain
    assert "Dr <i>Evil</i> & Co" in plain
    assert "A&B <News>" in plain
    assert 'href="https://a&amp;b &lt;news&gt;.example/a1?x=1&amp;y=2"' in line
    assert "<script>" not in line


def test_development_line_counts_outlets_and_links_each_once() -> None:
    one = render.development_line(dev(1))
    assert "reported by" not in one
    assert one.count("<a href=") == 1
    three = render.development_line(
        dev(2, sources=("Reuters", "AP", "Reuters", "Kyiv Independent"))
    )
    assert "reported by 3 outlets" in three
    assert three.count("<a href=") == 3
    many = render.development_line(dev(3, sources=tuple(f"Outlet{i}" for i in range(7))))
    assert many.count("<a href=") == render.MAX_LINKS
    assert f"+{7 - render.MAX_LINKS} more" in many
    assert "reported by 7 outlets" in many


def test_a_source_without_a_web_address_is_named_not_linked() -> None:
    seed = Development(
        id=1,
        actor_id="peskov",
        actor_name="Dmitry Peskov",
        kind="reported",
        text="Moscow wants a durable settlement",
        issues=("peace_plan",),
        first_seen=T0,
        mentions=(Mention("Seed & Co", "seeds/000.txt", "x", None),),
    )
    line = render.development_line(seed)
    assert "<a " not in line
    assert "Seed &amp; Co" in line
    assert "“" not in line  # reported speech is not shown as a quote


def test_long_statements_are_trimmed_at_a_word() -> None:
    long_text = "peace " * 200
    line = render.development_line(dev(1, long_text))
    quoted = check_html(line).split("“", 1)[1].split("”", 1)[0]
    assert len(quoted) <= render.STATEMENT_CHARS
    assert quoted.endswith("peace…")


@pytest.mark.parametrize("count", [1, 40, 200])
def test_split_keeps_every_message_under_the_limit_at_development_boundaries(count: int) -> None:
    devs = [dev(n, f"Statement number {n}: " + "talks & <progress> " * 20) for n in range(count)]
    lines = [render.development_line(d) for d in devs]
    messages = render.split(["<b>Header</b>", *lines])
    for message in messages:
        assert len(message) <= render.LIMIT
        check_html(message)
    # every development line lands whole in exactly one message, in order
    found = [ln for m in messages for ln in m.split("\n") if ln.startswith("•")]
    assert found == lines
    if count == 1:
        assert len(messages) == 1
    if count == 200:
        assert len(messages) > 1


@pytest.mark.parametrize(
    "block",
    ["&" * 5000, "word " * 2000, "a line of text\n" * 600, "<" * 4100, "x" * 9000],
    ids=["ampersands", "words", "lines", "angles", "one-word"],
)
def test_a_block_too_long_on_its_own_is_cut_without_losing_text(block: str) -> None:
    messages = render.split(["<b>Title</b>", render.esc(block)])
    assert all(len(m) <= render.LIMIT for m in messages)
    plain = "".join(check_html(m) for m in messages)
    assert "".join(plain.split()) == "Title" + "".join(block.split())


def test_alert_puts_several_developments_in_one_message() -> None:
    texts = render.alert([dev(1), dev(2, "Ceasefire first", issues=("ceasefire",))])
    assert len(texts) == 1
    assert "2 new developments" in texts[0]
    assert "We will not give up our land" in texts[0]
    assert "Ceasefire first" in texts[0]
    assert "New development<" in render.alert([dev(1)])[0]


def test_digest_groups_by_issue_in_config_order_each_development_once() -> None:
    devs = [
        dev(1, "On land", issues=("territory", "nato")),
        dev(2, "On NATO", issues=("nato",), sources=("Reuters", "AP")),
        dev(3, "Off topic", issues=()),
        dev(4, "On a truce", issues=("ceasefire",)),
    ]
    (text,) = render.digest(devs, TITLES, day=T0)
    plain = check_html(text)
    assert "Tue 16 Dec 2025" in plain
    assert "4 new developments" in plain
    order = [plain.index(h) for h in ("NATO membership", "Ceasefire", "Other statements")]
    assert order == sorted(order)
    assert "\nTerritory" not in plain  # "On land" is listed under NATO, its first shown issue
    assert plain.count("On land") == 1
    nato = plain.split("NATO membership", 1)[1].split("Ceasefire", 1)[0]
    assert nato.index("On NATO") < nato.index("On land")  # most widely reported first
    assert "reported by 2 outlets" in nato


def test_digest_caps_each_issue_and_points_to_the_rest() -> None:
    devs = [dev(n, f"Land statement {n}") for n in range(10)]
    (text,) = render.digest(devs, TITLES, per_issue=6)
    assert text.count("•") == 6
    assert "+4 more on Territory: /issue territory" in text


def test_empty_digest_says_so() -> None:
    (text,) = render.digest([], TITLES, day=T0)
    assert "Nothing new since your last digest" in check_html(text)


def test_a_huge_digest_is_split_and_each_part_parses() -> None:
    devs = [
        dev(n, "x & <y> " * 60, issues=(("nato", "territory", "ceasefire")[n % 3],))
        for n in range(120)
    ]
    texts = render.digest(devs, TITLES, per_issue=100, budget=None)
    assert len(texts) > 1
    for text in texts:
        assert render.visible(text) <= render.LIMIT
        check_html(text)
        # no part starts without its heading
        assert text.startswith(("📰", "\n<b>", "<b>")), text[:80]
    assert sum(t.count("•") for t in texts) == 120
    assert any("(continued)" in t.split("\n", 1)[0] for t in texts[1:])


def test_plain_text_for_the_terminal() -> None:
    html_text = render.developments_message("A & B", [dev(1, HOSTILE)], "none")[0]
    plain = render.plain([html_text, "<i>second</i> &lt;msg&gt;"])
    # the markup is gone, the article's own text comes back exactly as written
    assert plain == f"A & B\n• Volodymyr Zelensky: “{HOSTILE}” — Reuters\n\nsecond <msg>"


def test_trim() -> None:
    assert render.trim("  short   text ", 50) == "short text"
    cut = render.trim("one two three four five", 12)
    assert cut == "one two…"
    assert len(cut) <= 12
    lines = render.trim_lines("\n".join(f"row {n} &" for n in range(1000)), 200)
    assert len(render.esc(lines)) <= 200
    assert lines.endswith("\n…")


def test_a_notice_is_escaped_and_its_spans_marked() -> None:
    notice = Notice("5 < 6 & ", Strong("<Peskov & co>"), ": try ", Code("/subscribe <x>"), ".")
    (html_text,) = render.reply_html(Reply.of(notice))
    assert html_text == (
        "5 &lt; 6 &amp; <b>&lt;Peskov &amp; co&gt;</b>: try <code>/subscribe &lt;x&gt;</code>."
    )
    check_html(html_text)
    assert render.reply_text(Reply.of(notice)) == "5 < 6 & <Peskov & co>: try /subscribe <x>."


def test_every_message_of_a_reply_is_rendered_in_order() -> None:
    listing = DevelopmentList("actor", "Dr <i>Evil</i>", (dev(1, HOSTILE),), offset=8)
    reply = Reply((Notice("first"), listing, DevelopmentList("latest", "", ())))
    first, second, third = render.reply_html(reply)
    assert first == "first"
    assert check_html(second).startswith("Latest from Dr <i>Evil</i> (from #9)\n• ")
    assert check_html(third) == "Latest developments\nNothing yet."


def test_sources_say_how_long_ago_each_feed_was_read() -> None:
    feeds = (
        FeedHealth("Wire <1>", failures=2, last_error="HTTP 500 & <worse>"),
        FeedHealth("Fresh", last_success_at=T0 - timedelta(seconds=20)),
        FeedHealth("Older", last_success_at=T0 - timedelta(minutes=90)),
        FeedHealth("Stale", last_success_at=T0 - timedelta(hours=5)),
        FeedHealth("New"),
    )
    (text,) = render.reply_html(Reply.of(SourcesView(feeds, T0)))
    lines = check_html(text).split("\n")
    assert lines == [
        "Sources",
        "• Wire <1> — read never · ⚠️ failing: HTTP 500 & <worse>",
        "• Fresh — read just now · ✅ healthy",
        "• Older — read 90 min ago · ✅ healthy",
        "• Stale — read 5 h ago · ✅ healthy",
        "• New — read never · ⏳ not read yet",
    ]
    assert render.reply_html(Reply.of(SourcesView((), T0))) == ["No feeds are tracked."]


def test_content_without_a_renderer_is_an_error() -> None:
    with pytest.raises(TypeError, match="no rendering for str"):
        render.reply_html(Reply(("<b>raw markup</b>",)))  # type: ignore[arg-type]


# --- every message within Telegram's limits, whatever the text (property-based) ----------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from bot.model import TimelineView  # noqa: E402

# text heavy in what escaping lengthens (& < >), quotes, emoji (two UTF-16 units) and long words
HOSTILE_TEXT = st.lists(
    st.sampled_from([*"&<>\"' aé—“”.", "🙂", "&amp;", "<b>", "x" * 40, "\n", "word "]),
    max_size=400,
).map("".join)
NAMES = st.text(alphabet=st.sampled_from(list("&<> aZ🙂")), min_size=0, max_size=300)
URLS = st.one_of(
    st.just("seeds/000.txt"),
    st.builds(lambda n, q: f"https://o{n}.example/a?x={q}&y=<2>", st.integers(0, 9), NAMES),
    st.builds(lambda n: "https://long.example/" + "p" * n, st.integers(0, 3000)),
)


@st.composite
def developments(draw: st.DrawFn) -> list[Development]:
    count = draw(st.integers(1, 40))
    out = []
    for n in range(count):
        outlets = draw(st.integers(1, 7))
        text = draw(HOSTILE_TEXT)
        out.append(
            Development(
                id=n + 1,
                actor_id=draw(st.sampled_from(["zelensky", "anon_us_official", "x"])),
                actor_name=draw(NAMES) or "A",
                kind=draw(st.sampled_from(["direct", "reported"])),
                text=text or "&",
                issues=draw(st.lists(st.sampled_from(list(TITLES)), max_size=2, unique=True)),
                first_seen=T0 + timedelta(minutes=n),
                mentions=tuple(
                    Mention(draw(NAMES), draw(URLS), text, T0 + timedelta(minutes=k))
                    for k in range(outlets)
                ),
            )
        )
    return out


def _anchors(text: str) -> list[str]:
    return re.findall(r"<a href=[^>]*>.*?</a>", text)


def _within_limits(messages: list[str], limit: int = render.LIMIT) -> None:
    assert messages
    for message in messages:
        plain = check_html(message)  # Telegram would parse it
        assert plain.strip(), "a message that starts empty"
        assert not message.startswith(("\n", " ")), "a message that starts with blank space"
        assert len(plain.encode("utf-16-le")) // 2 <= limit


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(devs=developments())
def test_every_message_stays_within_telegrams_limits_and_keeps_its_links(
    devs: list[Development],
) -> None:
    listing = render.developments_message("Latest & <greatest>", devs, "none")
    _within_limits(listing)
    # split only between lines: every line's links arrive whole, once, in order
    wanted = [a for d in devs for a in _anchors(render.development_line(d))]
    assert [a for m in listing for a in _anchors(m)] == wanted
    for part in listing[1:]:
        assert part.startswith("<b>Latest &amp; &lt;greatest&gt;</b> (continued)\n• ")
    alert = render.alert(devs)
    _within_limits(alert)
    assert len(alert) == 1
    for budget in (render.DIGEST_CHARS, None):
        digest = render.digest(devs, TITLES, day=T0, budget=budget)
        _within_limits(digest)
        if budget is not None:
            assert len(digest) == 1
            assert render.visible(digest[0]) <= render.DIGEST_CHARS
    view = TimelineView("actor", "x", devs[0].actor_name, tuple(devs), T0 + timedelta(days=1))
    (caption,) = render.reply_html(Reply.of(view))
    _within_limits([caption], render.CAPTION_LIMIT)
    assert "\n" not in check_html(caption)
