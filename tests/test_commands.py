"""The command code without Telegram: the registry, forgiving names, who may do what, paging,
settings, the /stats hook, and the terminal chat that runs the same commands. Every reply's text
is checked with the fake server's Telegram-HTML validator."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pytest

from bot import render
from bot.adapters import terminal
from bot.app import commands
from bot.app.commands import Caller, Env, callbacks
from bot.config import Config
from bot.model import Button, Notice, Reply
from bot.store import Store
from tests.conftest import News
from tests.fakebot import check_html

NOW = datetime(2025, 12, 16, 9, 0, tzinfo=UTC)
ME = Caller(chat_id=1001, user_id=1001)
ADMIN = Caller(chat_id=777, user_id=777, is_bot_admin=True)
GROUP_MEMBER = Caller(chat_id=-5, chat_type="group", user_id=66, is_chat_admin=False)


def run(env: Env, caller: Caller, line: str) -> Reply:
    name, _, args = line.lstrip("/").partition(" ")
    reply = commands.dispatch(env, caller, name, args)
    for text in render.reply_html(reply):
        assert len(check_html(text)) <= 4096
    return reply


def text(reply: Reply) -> str:
    return "\n".join(check_html(m) for m in render.reply_html(reply))


def data(reply: Reply) -> list[str]:
    return [b.data for row in reply.buttons for b in row]


@pytest.fixture
def env(store: Store, config: Config) -> Env:
    return Env(store=store, config=config, now=NOW)


# --- the registry ------------------------------------------------------------------------------


def test_registry_fits_telegrams_rules_and_help_lists_everything(env: Env) -> None:
    names = [c.name for c in commands.COMMANDS]
    assert len(set(names)) == len(names)
    for cmd in commands.COMMANDS:
        assert cmd.name.islower()
        assert 1 <= len(cmd.name) <= 32  # BotCommand limits
        assert 3 <= len(cmd.summary) <= 256
        assert cmd.example.startswith(f"/{cmd.name}")
    shown = text(run(env, ME, "/help"))
    for cmd in commands.public_commands():
        assert f"/{cmd.name} — {cmd.summary}" in shown
        assert cmd.example in shown
    assert "/feeds" not in shown
    assert "/feeds add https://example.com/rss" in text(run(env, ADMIN, "/help"))


# --- names -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "found"),
    [
        ("NATO", ("issue", "nato")),
        ("  nato ", ("issue", "nato")),
        ("NATO membership", ("issue", "nato")),
        ("security guarantees", ("issue", "security_guarantees")),
        ("Security_Guarantees", ("issue", "security_guarantees")),
        ("security-guarantees", ("issue", "security_guarantees")),
        ("zelenskyy", ("actor", "zelensky")),
        ("Zelenskiy", ("actor", "zelensky")),
        ("volodymyr zelensky", ("actor", "zelensky")),
        ("peskov", ("actor", "peskov")),
        ("Dmitry Peskov", ("actor", "peskov")),
        ("territry", ("issue", "territory")),  # a typo
        ("ceasfire", ("issue", "ceasefire")),
    ],
)
def test_names_are_matched_forgivingly(env: Env, name: str, found: tuple[str, str]) -> None:
    assert commands.resolve(env, name) == (found, [])


def test_an_unknown_name_gets_suggestions_as_buttons(env: Env) -> None:
    reply = run(env, ME, "/subscribe peskow & <b>co</b>")
    shown = text(reply)
    assert "I don't know “peskow & <b>co</b>”" in shown
    assert "Did you mean" in shown
    assert "sub:actor:peskov" in data(reply)
    assert env.store.subscriptions(ME.chat_id) == []


def test_nonsense_gets_no_false_match(env: Env) -> None:
    found, _ = commands.resolve(env, "qwxzv")
    assert found is None


# --- who may do what ---------------------------------------------------------------------------


def test_group_members_may_read_but_only_admins_change(env: Env) -> None:
    for line in ("/subscribe nato", "/unsubscribe nato", "/settings time 09:00"):
        assert "only its administrators" in text(run(env, GROUP_MEMBER, line))
    assert env.store.subscriptions(GROUP_MEMBER.chat_id) == []
    assert "Latest developments" in text(run(env, GROUP_MEMBER, "/latest"))
    refused = commands.callback(env, GROUP_MEMBER, "sub:issue:nato")
    assert "only its administrators" in text(refused)
    group_admin = Caller(chat_id=-5, chat_type="group", user_id=55, is_chat_admin=True)
    assert "Following" in text(run(env, group_admin, "/subscribe nato"))
    chat = env.store.chat(-5)
    assert chat is not None
    assert chat.type == "group"


def test_admin_commands_need_a_configured_admin(env: Env) -> None:
    for line in ("/feeds add https://example.org/rss", "/stats"):
        assert "administrators only" in text(run(env, ME, line))
    assert env.store.feed_states() == []


def test_unknown_commands_and_huge_arguments_get_a_clear_answer(env: Env) -> None:
    assert "I don't know the command /<b>x" in text(run(env, ME, "/<b>x"))
    huge = run(env, ME, "/subscribe " + "nato " * 1000)
    assert "too long (4,999 characters" in text(huge)
    assert env.store.subscriptions(ME.chat_id) == []


def test_buttons_telegram_would_refuse_are_left_out() -> None:
    ok, too_long = Button("ok", "sub:actor:x"), Button("long", "sub:actor:" + "x" * 60)
    reply = Reply.of(Notice("hi"), ((ok, too_long), (too_long,)))
    assert reply.buttons == ((ok,),)


def test_callback_data_is_built_and_parsed_in_one_place() -> None:
    made = {
        callbacks.follow("actor", "peskov"): callbacks.Follow("actor", "peskov", on=True),
        callbacks.unfollow("issue", "nato"): callbacks.Follow("issue", "nato", on=False),
        callbacks.page("issue", "nato", (1765875600123456, 16, 8)): callbacks.Page(
            "issue", "nato", (1765875600123456, 16, 8)
        ),
        callbacks.page("latest", ""): callbacks.Page("latest", ""),
        callbacks.setting("alerts", "off"): callbacks.Setting("alerts off"),
        callbacks.setting("pause"): callbacks.Setting("pause"),
    }
    for data, action in made.items():
        assert len(data.encode()) <= 64
        assert callbacks.parse(data) == action
        assert callbacks.manages(data) == (not isinstance(action, callbacks.Page))
    assert callbacks.parse("more:issue:nato:x") == callbacks.Page("issue", "nato")
    assert callbacks.parse("more:issue:nato:16") == callbacks.Page("issue", "nato")  # an old one
    assert callbacks.parse("what:ever") is None
    assert not callbacks.manages("what:ever")


# --- subscriptions -----------------------------------------------------------------------------


def test_subscribe_list_and_unsubscribe(env: Env) -> None:
    assert "Following NATO membership" in text(run(env, ME, "/subscribe NATO"))
    assert "already follow" in text(run(env, ME, "/subscribe nato membership"))
    assert "Following Dmitry Peskov" in text(run(env, ME, "/subscribe peskov"))
    listed = text(run(env, ME, "/subscriptions"))
    assert "Issues: NATO membership" in listed
    assert "People: Dmitry Peskov" in listed
    menu = run(env, ME, "/unsubscribe")
    assert sorted(data(menu)) == ["unsub:actor:peskov", "unsub:issue:nato"]
    assert "Stopped following" in text(commands.callback(env, ME, "unsub:issue:nato"))
    assert "weren't following" in text(run(env, ME, "/unsubscribe nato"))
    assert [s.target for s in env.store.subscriptions(ME.chat_id)] == ["peskov"]


def test_a_stale_button_gets_an_answer(env: Env) -> None:
    run(env, ME, "/start")
    assert "no longer something I track" in text(commands.callback(env, ME, "sub:issue:gone"))
    assert "expired" in text(commands.callback(env, ME, "what:ever"))


# --- listings ----------------------------------------------------------------------------------


def test_issue_pages_are_newest_first_and_do_not_overlap(env: Env, news: News) -> None:
    for n in range(commands.PAGE + 3):
        news.development("zelensky", f"NATO remark {n}", ("nato",), NOW + timedelta(minutes=n))
    news.development("peskov", "Off topic", ("sanctions",), NOW)
    first = run(env, ME, "/issue nato")
    lines = [ln for ln in text(first).split("\n") if ln.startswith("•")]
    assert [ln.split("NATO remark ")[1][0:2].strip("”") for ln in lines[:2]] == ["10", "9"]
    (more,) = data(first)
    # news arrives between the pages: the next page neither repeats nor skips a line
    for n in range(3):
        news.development(
            "zelensky", f"NATO news {n}", ("nato",), NOW + timedelta(hours=1, minutes=n)
        )
    second = commands.callback(env, ME, more)
    later = [ln for ln in text(second).split("\n") if ln.startswith("•")]
    assert len(lines) == commands.PAGE
    assert len(later) == 3
    assert not set(lines) & set(later)
    shown = [ln.split("NATO remark ")[1][0:2].strip("”") for ln in lines + later]
    assert shown == [str(n) for n in range(commands.PAGE + 2, -1, -1)]
    assert second.buttons == ()  # the last page
    assert "Off topic" not in text(first) + text(second)


def test_lists_are_in_the_order_things_were_said_not_seen(env: Env, news: News) -> None:
    from bot.model import Article, Statement

    def said(text: str, seen: datetime, when: datetime) -> None:
        article = Article(f"https://w.example/{text}", text, text, "Wire", published=when)
        article_id = env.store.insert_article(article, f"hash-{text}", seen)
        statement = Statement("zelensky", "direct", text, ("nato",), 0, article_id=article_id)
        dev_id = env.store.create_development(statement, seen, said_at=when)
        env.store.add_statement(statement, dev_id, seen, said_at=when)

    # seen last, but said first (its article was published a day earlier)
    said("Said just now", NOW, NOW)
    said("Said long ago", NOW + timedelta(hours=2), NOW - timedelta(days=1))
    for listing in ("/issue nato", "/latest", "/actor zelensky"):
        lines = [ln for ln in text(run(env, ME, listing)).split("\n") if ln.startswith("•")]
        assert "Said just now" in lines[0]
        assert "Said long ago" in lines[1]


def test_issue_without_argument_offers_the_issues(env: Env, config: Config) -> None:
    reply = run(env, ME, "/issue")
    assert data(reply) == [f"more:issue:{i.id}:0" for i in config.issues]  # from the newest
    unknown = text(run(env, ME, "/issue natto membershipp & co"))
    assert "I don't know the issue" in unknown


def test_actor_and_latest(env: Env, news: News) -> None:
    news.development("peskov", "The plan <is> a basis & more", ("peace_plan",), NOW)
    news.development("zelensky", "No NATO", ("nato",), NOW + timedelta(minutes=1))
    peskov = text(run(env, ME, "/actor peskov"))
    assert "Latest from Dmitry Peskov" in peskov
    assert "The plan <is> a basis & more" in peskov
    assert "No NATO" not in peskov
    latest = text(run(env, ME, "/latest")).split("\n")
    assert "No NATO" in latest[1]  # newest first
    assert "Nothing yet" in text(run(env, ME, "/actor umerov"))


# --- settings ----------------------------------------------------------------------------------


def test_settings_change_and_reschedule(env: Env, config: Config) -> None:
    changed: list[int] = []
    env.on_chat_changed = changed.append
    shown = text(run(env, ME, "/settings"))
    assert f"every day at {config.settings.digest_time} ({config.settings.timezone})" in shown
    assert "08:30" in text(run(env, ME, "/settings time 8.30"))
    assert "(Europe/Kyiv)" in text(run(env, ME, "/settings tz kyiv"))
    chat = env.store.chat(ME.chat_id)
    assert chat is not None
    # 08:30 in Kyiv (UTC+2 in December) is 06:30 UTC: tomorrow's, as 09:00 UTC has passed
    assert chat.next_digest_at == datetime(2025, 12, 17, 6, 30, tzinfo=UTC)
    assert changed == [ME.chat_id, ME.chat_id]
    run(env, ME, "/settings alerts off")
    run(env, ME, "/settings empty on")
    run(env, ME, "/settings pause")
    chat = env.store.chat(ME.chat_id)
    assert chat is not None
    assert (chat.alerts, chat.empty_digest, chat.paused) == (False, True, True)
    assert "Delivery: active" in text(commands.callback(env, ME, "set:resume"))


@pytest.mark.parametrize(
    ("line", "answer"),
    [
        ("/settings time 25:00", "Give the time as HH:MM"),
        ("/settings tz Mars/Olympus", "I don't know the time zone “Mars/Olympus”"),
        ("/settings alerts maybe", "Alerts can be on or off, not “maybe”"),
        ("/settings empty", "Empty can be on or off, not nothing"),
        ("/settings x", "I don't know the setting “x”"),
    ],
)
def test_bad_settings_change_nothing(env: Env, line: str, answer: str) -> None:
    run(env, ME, "/start")
    before = env.store.chat(ME.chat_id)
    reply = text(run(env, ME, line))
    assert answer in reply
    assert "\n" not in reply  # one line, not the whole help
    assert env.store.chat(ME.chat_id) == before


def test_settings_replies_are_one_line_and_the_help_comes_alone(env: Env) -> None:
    assert "Change with" in text(run(env, ME, "/settings"))
    for line, said in (
        ("/settings time 07:15", "Digest every day at 07:15 (UTC)"),
        ("/settings alerts off", "Instant alerts off"),
        ("/settings empty on", "Quiet-day digest on"),
        ("/settings pause", "Delivery paused"),
        ("/settings resume", "Delivery resumed"),
    ):
        reply = text(run(env, ME, line))
        assert said in reply
        assert "\n" not in reply
        assert "Change with" not in reply
    # a button under the settings keeps the settings in view
    assert "Instant alerts: on" in text(commands.callback(env, ME, "set:alerts:on"))


def test_an_abbreviated_zone_is_questioned_with_the_likely_zones(env: Env) -> None:
    run(env, ME, "/start")
    before = env.store.chat(ME.chat_id)
    reply = run(env, ME, "/settings tz EST")
    shown = text(reply)
    assert "“EST” is a fixed offset with no daylight saving" in shown
    assert "America/New_York" in shown
    assert "set:tz:America/New_York" in data(reply)
    assert env.store.chat(ME.chat_id) == before  # not set: asked
    assert "is no zone name" in text(run(env, ME, "/settings tz PST"))
    text(commands.callback(env, ME, "set:tz:America/New_York"))
    chat = env.store.chat(ME.chat_id)
    assert chat is not None
    assert chat.timezone == "America/New_York"


def test_unsubscribe_suggests_only_what_the_chat_follows(env: Env) -> None:
    run(env, ME, "/subscribe peskov")
    run(env, ME, "/subscribe nato")
    close = run(env, ME, "/unsubscribe peskow")
    assert data(close) == ["unsub:actor:peskov"]
    assert "weren't following" in text(run(env, ME, "/unsubscribe zelenskyy"))
    none_followed = run(env, ME, "/unsubscribe qwxzv")
    assert all(d in ("unsub:actor:peskov", "unsub:issue:nato") for d in data(none_followed))
    assert [s.target for s in env.store.subscriptions(ME.chat_id)] == ["peskov", "nato"]


@pytest.mark.parametrize("name", ["🙂🕊️", "שלום עליכם", "مرحبا", "🇺🇦"])
@pytest.mark.parametrize(
    "command", ["/subscribe", "/unsubscribe", "/issue", "/actor", "/timeline"]
)
def test_emoji_or_right_to_left_text_is_not_a_name(env: Env, command: str, name: str) -> None:
    reply = run(env, ME, f"{command} {name}")
    assert "is not a name I know" in text(reply)
    assert reply.buttons == ()


# --- sources, feeds, stats, start --------------------------------------------------------------


def test_feeds_add_and_remove_show_in_sources(env: Env) -> None:
    assert "Added example.org" in text(run(env, ADMIN, "/feeds add https://example.org/rss"))
    assert "example.org — read never · ⏳ not read yet" in text(run(env, ME, "/sources"))
    assert "No feed is named" in text(run(env, ADMIN, "/feeds remove nope"))
    assert "Removed example.org" in text(run(env, ADMIN, "/feeds remove EXAMPLE.org"))
    assert "example.org" not in text(run(env, ME, "/sources"))
    assert "Usage" in text(run(env, ADMIN, "/feeds add not-a-url"))


def test_feeds_get_distinct_names_and_long_urls_are_fine(env: Env) -> None:
    long_url = "https://news.example.org/rss/search?q=" + "peace+talks+" * 40
    assert "Added news.example.org" in text(run(env, ADMIN, f"/feeds add {long_url}"))
    other = "https://news.example.org/world.xml"
    assert "Added news.example.org (2)" in text(run(env, ADMIN, f"/feeds add {other}"))
    again = text(run(env, ADMIN, f"/feeds add {other}"))
    assert "already tracked as news.example.org (2)" in again
    urls = {f.name: f.url for f in env.store.feed_states()}
    assert urls == {"news.example.org": long_url, "news.example.org (2)": other}


def test_stats_shows_stored_figures_and_the_senders_hook(env: Env) -> None:
    env.stats = lambda: "sender in flight       3 <&>"
    shown = text(run(env, ADMIN, "/stats"))
    assert "queue pending" in shown
    assert "developments" in shown
    assert shown.rstrip().endswith("sender in flight       3 <&>")


def test_start_welcomes_and_brings_a_blocked_chat_back(env: Env) -> None:
    run(env, ME, "/help")
    env.store.update_chat(ME.chat_id, NOW, active=False)
    reply = run(env, ME, "/start")
    assert "peace talks" in text(reply)
    assert "sub:issue:nato" in data(reply)
    chat = env.store.chat(ME.chat_id)
    assert chat is not None
    assert chat.active


def test_digest_command_answers_with_whats_new_then_nothing(env: Env, news: News) -> None:
    env.now = datetime.now(UTC)
    news.development("zelensky", "No NATO & no <b>", ("nato",), env.now - timedelta(hours=1))
    first = text(run(env, ME, "/digest"))
    assert "No NATO & no <b>" in first
    assert "Nothing new since your last digest" in text(run(env, ME, "/digest"))


# --- the terminal ------------------------------------------------------------------------------


def test_terminal_chat_runs_the_same_commands_as_plain_text(
    store: Store, config: Config, news: News
) -> None:
    news.development("peskov", "Talks & <progress>", ("peace_plan",), datetime.now(UTC))
    session = io.StringIO(
        "/help\n/subscribe\n1\n/subscriptions\nhello\n/actor peskov\n/quit\n/help\n"
    )
    out = io.StringIO()
    terminal.run_chat(config, store, input=session, output=out)
    shown = out.getvalue()
    assert "/subscribe — Follow an issue or a person" in shown
    assert "[1] NATO membership" in shown
    assert "Following NATO membership" in shown  # button 1 pressed by number
    assert "Issues: NATO membership" in shown
    assert "Commands start with /" in shown
    assert "Talks & <progress>" in shown  # entities decoded, tags dropped
    assert "<b>" not in shown
    assert shown.count("/subscribe — ") == 1  # nothing read after /quit


# --- the command line takes the same forgiving names -------------------------------------------


def test_statements_take_forgiving_names_and_say_when_a_name_is_unknown(
    tmp_path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from bot import cli

    monkeypatch.setenv("TALKWATCH_DB", str(tmp_path / "x.db"))
    assert cli.main(["ingest", "--seeds", "seeds"]) == 0
    capsys.readouterr()
    assert cli.main(["statements", "--actor", "Zelenskyy"]) == 0
    out = capsys.readouterr().out
    assert "Volodymyr Zelensky" in out
    assert "Dmitry Peskov" not in out
    assert cli.main(["statements", "--issue", "NATO membership", "--json"]) == 0
    assert '"nato"' in capsys.readouterr().out
    assert cli.main(["statements", "--issue", "natoo"]) == 0  # a typo, forgiven
    assert cli.main(["statements", "--actor", "nobody-at-all"]) == 2
    err = capsys.readouterr().err
    assert "unknown actor 'nobody-at-all'" in err
    assert cli.main(["digest", "--issue", "no-such-issue"]) == 2
    assert "unknown issue" in capsys.readouterr().err


def test_piping_the_cli_into_a_reader_that_stops_ends_quietly(tmp_path) -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "TALKWATCH_DB": str(tmp_path / "x.db")}
    cmd = [sys.executable, "-m", "bot"]
    subprocess.run([*cmd, "ingest", "--seeds", "seeds"], env=env, check=True, capture_output=True)
    # the reader is gone before the first line is written (as `| head` is after its lines)
    proc = subprocess.Popen(
        [*cmd, "statements"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert proc.stdout is not None
    proc.stdout.close()
    _, err = proc.communicate(timeout=60)
    assert err.decode() == ""
    assert proc.returncode == 1
