"""The real bot (python-telegram-bot) against a fake Bot API server: every command, buttons,
groups, bad input. Assertions are on what the server received."""

from __future__ import annotations

import pytest

from bot.app import commands
from tests.conftest import ADMIN_ID
from tests.fakebot import FakeBotAPI, Sent

pytestmark = pytest.mark.usefixtures("running_bot")
CHAT = 1001
GROUP = -2002


async def ask(
    fake: FakeBotAPI, chat_id: int, text: str, *, replies: int = 1, user_id: int | None = None
) -> list[Sent]:
    """Send a message as a user and return the bot's replies to it."""
    before = len(fake.sent_to(chat_id))
    fake.command(chat_id, text, user_id=user_id, kind="private" if chat_id > 0 else "group")
    await fake.wait_for(lambda: len(fake.sent_to(chat_id)) >= before + replies)
    return fake.sent_to(chat_id)[before:]


async def press(fake: FakeBotAPI, chat_id: int, data: str, user_id: int | None = None) -> Sent:
    before = len(fake.sent_to(chat_id))
    fake.press(chat_id, data, user_id=user_id, kind="private" if chat_id > 0 else "group")
    await fake.wait_for(lambda: len(fake.sent_to(chat_id)) > before)
    return fake.sent_to(chat_id)[-1]


def buttons(sent: Sent) -> list[tuple[str, str]]:
    rows = (sent.reply_markup or {}).get("inline_keyboard", [])
    return [(b["text"], b["callback_data"]) for row in rows for b in row]


async def test_commands_are_registered_and_documented_alike(fake_api: FakeBotAPI) -> None:
    await fake_api.wait_for(lambda: fake_api.commands)
    registered = [c["command"] for c in fake_api.commands]
    assert registered == [c.name for c in commands.public_commands()]
    help_text = (await ask(fake_api, CHAT, "/help"))[0].text
    for name in registered:
        assert f"/{name} " in help_text
    assert "/stats" not in help_text  # admin commands only for admins
    admin_help = (await ask(fake_api, ADMIN_ID, "/help"))[0].text
    assert "/stats" in admin_help
    assert "/feeds" in admin_help


async def test_start_welcomes_with_one_tap_issue_buttons(fake_api: FakeBotAPI) -> None:
    reply = (await ask(fake_api, CHAT, "/start"))[0]
    assert "peace talks" in reply.text
    assert ("NATO membership", "sub:issue:nato") in buttons(reply)
    menu = await press(fake_api, CHAT, "sub:issue:nato")
    assert menu.edited
    assert "Following <b>NATO membership</b>" in menu.text
    # the menu stays for the next tap, marking what the chat follows
    assert ("✅ NATO membership", "unsub:issue:nato") in buttons(menu)
    menu = await press(fake_api, CHAT, "sub:issue:territory")
    assert ("✅ Territory", "unsub:issue:territory") in buttons(menu)
    menu = await press(fake_api, CHAT, "unsub:issue:nato")
    assert "Stopped following <b>NATO membership</b>" in menu.text
    assert ("NATO membership", "sub:issue:nato") in buttons(menu)
    listing = (await ask(fake_api, CHAT, "/subscriptions"))[0]
    assert "Issues: Territory" in listing.text


@pytest.mark.parametrize(
    ("argument", "label"),
    [
        ("NATO", "NATO membership"),
        ("zelenskyy", "Volodymyr Zelensky"),
        ("security guarantees", "Security guarantees"),
        ("Dmitry Peskov", "Dmitry Peskov"),
    ],
)
async def test_subscribe_matches_names_forgivingly(
    fake_api: FakeBotAPI, argument: str, label: str
) -> None:
    reply = (await ask(fake_api, CHAT, f"/subscribe {argument}"))[0]
    assert f"Following <b>{label}</b>" in reply.text
    listing = (await ask(fake_api, CHAT, "/subscriptions"))[0]
    assert label in listing.text


async def test_unknown_name_gets_suggestions_with_buttons(fake_api: FakeBotAPI) -> None:
    reply = (await ask(fake_api, CHAT, "/subscribe peskow"))[0]
    assert "Did you mean" in reply.text
    assert "Dmitry Peskov" in reply.text
    assert ("Dmitry Peskov", "sub:actor:peskov") in buttons(reply)
    chosen = await press(fake_api, CHAT, "sub:actor:peskov")
    assert "Following <b>Dmitry Peskov</b>" in chosen.text


async def test_subscribe_without_argument_offers_a_keyboard(fake_api: FakeBotAPI) -> None:
    reply = (await ask(fake_api, CHAT, "/subscribe"))[0]
    data = [d for _, d in buttons(reply)]
    assert "sub:issue:territory" in data
    assert any(d.startswith("sub:actor:") for d in data)


async def test_unsubscribe_by_name_and_by_button(fake_api: FakeBotAPI) -> None:
    await ask(fake_api, CHAT, "/subscribe nato")
    await ask(fake_api, CHAT, "/subscribe peskov")
    assert (
        "Stopped following <b>NATO membership</b>"
        in (await ask(fake_api, CHAT, "/unsubscribe nato"))[0].text
    )
    menu = (await ask(fake_api, CHAT, "/unsubscribe"))[0]
    assert [d for _, d in buttons(menu)] == ["unsub:actor:peskov"]
    done = await press(fake_api, CHAT, "unsub:actor:peskov")
    assert "Stopped following <b>Dmitry Peskov</b>" in done.text
    assert "don't follow anything" in (await ask(fake_api, CHAT, "/subscriptions"))[0].text


async def test_issue_lists_newest_first_with_sources_and_a_more_button(
    fake_api: FakeBotAPI,
) -> None:
    reply = (await ask(fake_api, CHAT, "/issue nato"))[0]
    lines = [ln for ln in reply.text.split("\n") if ln.startswith("•")]
    assert len(lines) == commands.PAGE
    assert any("reported by 2 outlets" in ln for ln in lines)
    assert "Latest on NATO membership" in reply.text
    ((_label, data),) = buttons(reply)
    assert data == f"more:issue:nato:{commands.PAGE}"
    page2 = await press(fake_api, CHAT, data)
    assert "(from #9)" in page2.text
    assert "reported by 5 outlets" in page2.text


async def test_actor_and_latest(fake_api: FakeBotAPI) -> None:
    peskov = (await ask(fake_api, CHAT, "/actor peskov"))[0]
    assert peskov.text.count("• <b>Dmitry Peskov</b>") >= 5
    assert "one of the cornerstones" not in peskov.text or "2 outlets" in peskov.text
    latest = (await ask(fake_api, CHAT, "/latest"))[0]
    assert "Latest developments" in latest.text
    assert latest.text.count("•") == commands.PAGE
    unknown = (await ask(fake_api, CHAT, "/actor nobody-at-all"))[0]
    assert "I don't know" in unknown.text


async def test_digest_lists_what_is_new_then_nothing(fake_api: FakeBotAPI) -> None:
    first = await ask(fake_api, CHAT, "/digest")
    assert "talkwatch digest" in first[0].text
    assert "<b>NATO membership</b>" in first[0].text
    assert first[0].disable_preview
    # the first digest may run to several messages: the answer to the second is the last one
    before = len(fake_api.sent_to(CHAT))
    await ask(fake_api, CHAT, "/digest")
    await fake_api.wait_for(
        lambda: any(
            "Nothing new since your last digest" in s.text for s in fake_api.sent_to(CHAT)[before:]
        )
    )
    assert "Nothing new since your last digest" in fake_api.sent_to(CHAT)[-1].text


async def test_settings_change_time_zone_alerts_and_pause(fake_api: FakeBotAPI) -> None:
    shown = (await ask(fake_api, CHAT, "/settings"))[0]
    assert "every day at 08:00 (UTC)" in shown.text
    assert "08:30" in (await ask(fake_api, CHAT, "/settings time 8:30"))[0].text
    assert "(Europe/Kyiv)" in (await ask(fake_api, CHAT, "/settings tz Europe/Kyiv"))[0].text
    assert "Instant alerts: off" in (await ask(fake_api, CHAT, "/settings alerts off"))[0].text
    assert "paused" in (await ask(fake_api, CHAT, "/settings pause"))[0].text
    resumed = await press(fake_api, CHAT, "set:resume")
    assert "Delivery: active" in resumed.text
    bad = (await ask(fake_api, CHAT, "/settings tz Mars/Olympus"))[0]
    assert "I don't know the time zone" in bad.text
    bad_time = (await ask(fake_api, CHAT, "/settings time 25:99"))[0]
    assert "HH:MM" in bad_time.text


async def test_sources_shows_feed_health(fake_api: FakeBotAPI, live_store) -> None:
    live_store.save_feed_state(
        "Wire",
        url="http://127.0.0.1:9/rss",
        origin="admin",
        consecutive_failures=2,
        last_error="HTTP 500 from wire",
    )
    reply = (await ask(fake_api, CHAT, "/sources"))[0]
    assert "<b>Wire</b>" in reply.text
    assert "failing: HTTP 500" in reply.text


async def test_admin_commands_check_the_admin_ids(fake_api: FakeBotAPI) -> None:
    refused = (await ask(fake_api, CHAT, "/feeds add https://example.org/rss"))[0]
    assert "administrators only" in refused.text
    added = (await ask(fake_api, ADMIN_ID, "/feeds add https://example.org/rss"))[0]
    assert "Added <b>example.org</b>" in added.text
    assert "example.org" in (await ask(fake_api, CHAT, "/sources"))[0].text
    removed = (await ask(fake_api, ADMIN_ID, "/feeds remove example.org"))[0]
    assert "Removed" in removed.text
    stats = (await ask(fake_api, ADMIN_ID, "/stats"))[0]
    assert "queue pending" in stats.text
    assert "developments" in stats.text
    assert "administrators only" in (await ask(fake_api, CHAT, "/stats"))[0].text


async def test_group_admins_manage_subscriptions(fake_api: FakeBotAPI) -> None:
    fake_api.admins[GROUP] = {55}
    member = (await ask(fake_api, GROUP, "/subscribe@talkwatch_bot nato", user_id=66))[0]
    assert "only its administrators" in member.text
    admin = (await ask(fake_api, GROUP, "/subscribe@talkwatch_bot nato", user_id=55))[0]
    assert "Following <b>NATO membership</b>" in admin.text
    anyone = (await ask(fake_api, GROUP, "/latest@talkwatch_bot", user_id=66))[0]
    assert "Latest developments" in anyone.text
    before = len(fake_api.sent_to(GROUP))
    fake_api.command(GROUP, "/latest@some_other_bot", user_id=66, kind="group")
    await ask(fake_api, GROUP, "/help", user_id=66)  # the next reply is to /help, not /latest
    assert "Commands" in fake_api.sent_to(GROUP)[before].text


async def test_group_buttons_and_anonymous_admins(fake_api: FakeBotAPI) -> None:
    fake_api.admins[GROUP] = {55}
    menu = (await ask(fake_api, GROUP, "/start", user_id=66))[0]
    assert ("NATO membership", "sub:issue:nato") in buttons(menu)
    refused = await press(fake_api, GROUP, "sub:issue:nato", user_id=66)
    assert "only its administrators" in refused.text
    assert fake_api.callback_answers  # the tap was answered (no spinner left)
    # an admin posting as the group: Telegram sends GroupAnonymousBot, with the group as sender
    before = len(fake_api.sent_to(GROUP))
    fake_api.command(GROUP, "/subscribe nato", kind="group", anonymous=True)
    await fake_api.wait_for(lambda: len(fake_api.sent_to(GROUP)) > before)
    assert "Following <b>NATO membership</b>" in fake_api.sent_to(GROUP)[-1].text


async def test_an_unanswered_admin_check_counts_as_no(fake_api: FakeBotAPI) -> None:
    fake_api.fail_next = 1  # getChatMember answers 502
    reply = (await ask(fake_api, GROUP, "/subscribe nato", user_id=55))[0]
    assert "only its administrators" in reply.text
    assert ("getChatMember", {"chat_id": str(GROUP), "user_id": "55"}) in fake_api.calls


async def test_issue_menu_and_more_pages_come_as_new_messages(fake_api: FakeBotAPI) -> None:
    menu = (await ask(fake_api, CHAT, "/issue"))[0]
    assert ("Territory", "more:issue:territory:0") in buttons(menu)
    page = await press(fake_api, CHAT, "more:issue:territory:0")
    assert not page.edited  # the menu stays; the listing is a new message
    assert "Latest on Territory" in page.text


async def test_the_same_button_twice_changes_nothing_and_the_bot_carries_on(
    fake_api: FakeBotAPI, caplog: pytest.LogCaptureFixture
) -> None:
    await ask(fake_api, CHAT, "/settings")
    first = await press(fake_api, CHAT, "set:pause")
    assert "paused" in first.text
    fake_api.press(CHAT, "set:pause", kind="private")  # same text, same keyboard
    await fake_api.wait_for(lambda: any("not modified" in r[1] for r in fake_api.rejected))
    assert "Commands" in (await ask(fake_api, CHAT, "/help"))[0].text
    assert not [s for s in fake_api.sent_to(CHAT) if "went wrong" in s.text]
    assert not [
        r for r in caplog.records if r.name == "bot.adapters.telegram"
    ]  # not an error either


async def test_a_failure_on_our_side_gets_an_apology_not_silence(
    fake_api: FakeBotAPI, live_store
) -> None:
    live_store.close()  # the database goes away under the bot
    reply = (await ask(fake_api, CHAT, "/subscriptions"))[0]
    assert "something went wrong on my side" in reply.text


async def test_a_chat_that_blocks_the_bot_is_inactive_until_it_comes_back(
    fake_api: FakeBotAPI, live_store
) -> None:
    await ask(fake_api, CHAT, "/subscribe nato")
    fake_api.membership(CHAT, "kicked")
    await fake_api.wait_for(lambda: not live_store.chat(CHAT).active)
    fake_api.membership(CHAT, "member")
    await fake_api.wait_for(lambda: live_store.chat(CHAT).active)
    assert "NATO membership" in (await ask(fake_api, CHAT, "/subscriptions"))[0].text


async def test_a_group_that_becomes_a_supergroup_keeps_what_it_follows(
    fake_api: FakeBotAPI, live_store
) -> None:
    supergroup = -1009990001
    fake_api.admins[GROUP] = {55}
    await ask(fake_api, GROUP, "/subscribe nato", user_id=55)
    fake_api.migrate(GROUP, supergroup)
    await fake_api.wait_for(lambda: live_store.chat(supergroup) is not None)
    listing = (await ask(fake_api, supergroup, "/subscriptions", user_id=66))[0]
    assert "Issues: NATO membership" in listing.text
    assert not live_store.chat(GROUP).active


@pytest.mark.parametrize(
    "text",
    [
        "/frobnicate",
        "/subscribe " + "x" * 5000,
        "/subscribe <b>nato</b> & \"quotes\" 'x'",
        "/actor <script>alert(1)</script>",
        "/issue &amp; <i>",
        "/settings tz <b>&</b>",
    ],
    ids=["unknown", "5000-chars", "tags-and-amp", "script", "entities", "settings-html"],
)
async def test_bad_input_gets_a_clear_valid_answer(fake_api: FakeBotAPI, text: str) -> None:
    reply = (await ask(fake_api, CHAT, text))[0]
    assert reply.text
    assert "<script>" not in reply.text
    assert "<b>nato</b>" not in reply.text
    assert not [r for r in fake_api.rejected if r[0] == 400]
    # and the bot carries on
    assert "Commands" in (await ask(fake_api, CHAT, "/help"))[0].text
