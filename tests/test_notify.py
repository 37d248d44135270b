"""What each chat is owed: alerts for new developments it follows (one message per chat per
round, never twice, none for a development that only gained a source) and its daily digest (once
per chat-local day, nothing lost when the digest time moves), decided and written to the outbox
in one transaction. Real SQLite; outbox rows are read back as the sender would find them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from bot.app import notify
from bot.config import Config
from bot.model import Chat
from bot.store import Store
from tests.conftest import News
from tests.fakebot import check_html

NOW = datetime(2025, 12, 16, 9, 0, tzinfo=UTC)
NATO_CHAT, PESKOV_CHAT, BOTH_CHAT, IDLE_CHAT = 11, 12, 13, 14


def chat(store: Store, chat_id: int, *follows: tuple[str, str], **settings: Any) -> None:
    store.ensure_chat(Chat(id=chat_id, **settings), NOW - timedelta(days=1))
    for kind, target in follows:
        store.subscribe(chat_id, kind, target, NOW - timedelta(days=1))


def outbox(store: Store, chat_id: int | None = None) -> list[dict[str, Any]]:
    rows = [dict(r) for r in store.db["outbox"].rows_where(order_by="id")]
    return [r for r in rows if chat_id is None or r["chat_id"] == chat_id]


@pytest.fixture
def chats(store: Store) -> Store:
    chat(store, NATO_CHAT, ("issue", "nato"))
    chat(store, PESKOV_CHAT, ("actor", "peskov"))
    chat(store, BOTH_CHAT, ("issue", "nato"), ("actor", "peskov"))
    chat(store, IDLE_CHAT, ("issue", "elections"))
    return store


# --- alerts ------------------------------------------------------------------------------------


def test_each_follower_gets_one_alert_for_several_new_developments(
    chats: Store, config: Config, news: News
) -> None:
    nato = news.development("zelensky", "Ukraine will not join NATO", ("nato",), NOW)
    peskov = news.development("peskov", "Moscow <b>welcomes</b> that & more", ("peace_plan",), NOW)
    owed = notify.enqueue_alerts(chats, config, [nato, peskov], NOW)
    assert owed == 3
    (to_nato,) = outbox(chats, NATO_CHAT)
    assert "Ukraine will not join NATO" in to_nato["text"]
    assert "Moscow" not in to_nato["text"]
    (to_peskov,) = outbox(chats, PESKOV_CHAT)
    assert "Moscow <b>welcomes</b> that & more" in check_html(to_peskov["text"])
    (to_both,) = outbox(chats, BOTH_CHAT)
    assert "2 new developments" in to_both["text"]
    assert to_both["status"] == "pending"
    assert to_both["kind"] == "alert"
    assert not outbox(chats, IDLE_CHAT)


def test_alerts_are_owed_once_and_not_for_a_development_that_gained_a_source(
    chats: Store, config: Config, news: News
) -> None:
    dev = news.development("zelensky", "Ukraine will not join NATO", ("nato",), NOW)
    assert notify.enqueue_alerts(chats, config, [dev], NOW) == 2
    assert notify.enqueue_alerts(chats, config, [dev], NOW + timedelta(minutes=1)) == 0
    news.add_source(dev, "AP", NOW + timedelta(minutes=5))
    assert notify.enqueue_alerts(chats, config, [dev], NOW + timedelta(minutes=5)) == 0
    assert notify.announce(chats, config, NOW + timedelta(minutes=6)) == 0
    assert len(outbox(chats)) == 2


def test_quiet_chats_get_no_alert(store: Store, config: Config, news: News) -> None:
    chat(store, 21, ("issue", "nato"), alerts=False)
    chat(store, 22, ("issue", "nato"), paused=True)
    chat(store, 23, ("issue", "nato"))
    store.update_chat(23, NOW, active=False)  # blocked the bot
    chat(store, 24, ("issue", "nato"))
    dev = news.development("zelensky", "Ukraine will not join NATO", ("nato",), NOW)
    assert notify.enqueue_alerts(store, config, [dev], NOW) == 1
    assert [r["chat_id"] for r in outbox(store)] == [24]


def test_announce_decides_every_unannounced_development(
    chats: Store, config: Config, news: News
) -> None:
    first = news.development("peskov", "The plan is a basis", ("peace_plan",), NOW)
    second = news.development("peskov", "No troops from NATO", ("nato",), NOW)
    seen: list[int] = []
    owed = notify.announce(chats, config, NOW, lambda devs: seen.extend(d.id for d in devs))
    assert owed == 3  # PESKOV_CHAT and BOTH_CHAT one each, NATO_CHAT for the second
    assert seen == [first, second]
    assert notify.announce(chats, config, NOW) == 0


class FailingStore(Store):
    """A store whose disk 'fails' after the first outbox row of a round."""

    def enqueue_outbox(self, *args: Any, **kwargs: Any) -> int | None:
        if self.db["outbox"].count >= 1:
            raise OSError("disk I/O error")
        return super().enqueue_outbox(*args, **kwargs)


def test_a_failure_mid_decision_leaves_nothing_half_done(tmp_path: Any, config: Config) -> None:
    failing = FailingStore(tmp_path / "t.db")
    chat(failing, NATO_CHAT, ("issue", "nato"))
    chat(failing, BOTH_CHAT, ("issue", "nato"))
    dev = News(failing, config).development("zelensky", "Not joining NATO", ("nato",), NOW)
    with pytest.raises(OSError, match="disk"):
        notify.enqueue_alerts(failing, config, [dev], NOW)
    failing.close()
    store = Store(tmp_path / "t.db")  # as after a restart
    assert not outbox(store)
    assert store.db["chat_developments"].count == 0
    assert store.unannounced() == [dev]
    assert notify.announce(store, config, NOW) == 2
    store.close()


def test_an_alert_too_long_for_one_message_is_split_and_every_part_parses(
    chats: Store, config: Config, news: News
) -> None:
    ids = [
        news.development(
            "zelensky", f"Point {n} on NATO & <security> " + "x " * 120, ("nato",), NOW
        )
        for n in range(40)
    ]
    owed = notify.enqueue_alerts(chats, config, ids, NOW)
    rows = outbox(chats, NATO_CHAT)
    assert len(rows) == 1  # alerts are capped (issue 10): the rest are one command away
    assert owed == 2 * len(rows)  # NATO_CHAT and BOTH_CHAT
    assert len({r["dedupe_key"] for r in rows}) == len(rows)
    for row in rows:
        assert len(check_html(row["text"])) <= 4096
    assert sum(r["text"].count("• ") for r in rows) == 5
    assert "+35 more: /latest" in rows[0]["text"]


def test_a_spokesman_credited_by_a_second_outlet_reaches_his_followers(
    chats: Store, config: Config, news: News
) -> None:
    # one outlet credits the institution, the next its spokesman: one development, led by the
    # institution, that is still Peskov's remark for whoever follows him
    kremlin = news.development("kremlin", "The draft needs more work", ("peace_plan",), NOW)
    news.add_source(kremlin, "AP", NOW, actor_id="peskov")
    assert [d.id for d in chats.developments(actor="peskov")] == [kremlin]
    assert chats.developments(actor="ushakov") == []
    assert notify.enqueue_alerts(chats, config, [kremlin], NOW) == 2  # Peskov's two followers
    assert {r["chat_id"] for r in outbox(chats)} == {PESKOV_CHAT, BOTH_CHAT}
    assert chats.owed_digest(PESKOV_CHAT, NOW - timedelta(hours=1), NOW) == [kremlin]
    assert chats.owed_digest(NATO_CHAT, NOW - timedelta(hours=1), NOW) == []


# --- digests -----------------------------------------------------------------------------------


def test_digest_lists_what_is_new_grouped_by_issue_with_every_source(
    chats: Store, config: Config, news: News
) -> None:
    chats.update_chat(BOTH_CHAT, NOW, last_digest_at=NOW - timedelta(days=1))
    old = news.development("zelensky", "An old NATO remark", ("nato",), NOW - timedelta(days=2))
    chats.told(BOTH_CHAT, [old], "digest", NOW - timedelta(days=1))  # yesterday's digest had it
    news.development("zelensky", "Not joining NATO", ("nato",), NOW, sources=("Reuters", "AP"))
    news.development("peskov", "The plan is a basis", ("peace_plan",), NOW)
    news.development("merz", "Elections are Ukraine's business", ("elections",), NOW)
    at = NOW + timedelta(hours=1)
    assert notify.enqueue_digest(chats, config, BOTH_CHAT, at) is True
    (row,) = outbox(chats, BOTH_CHAT)
    text = check_html(row["text"])
    assert row["kind"] == "digest"
    assert row["preview"] == 0  # no link previews in digests
    assert "2 new developments" in text
    assert "An old NATO remark" not in text
    assert "Elections" not in text  # not followed
    assert text.index("NATO membership") < text.index("Peace plan and talks")
    line = next(ln for ln in row["text"].split("\n") if "Not joining NATO" in ln)
    assert "reported by 2 outlets" in line
    assert 'href="https://reuters.example/' in line
    assert 'href="https://ap.example/' in line
    stored = chats.chat(BOTH_CHAT)
    assert stored is not None
    assert stored.last_digest_at == at
    assert stored.next_digest_at == datetime(2025, 12, 17, 8, 0, tzinfo=UTC)


def test_nothing_new_means_no_digest_unless_the_chat_wants_quiet_days(
    store: Store, config: Config
) -> None:
    chat(store, 31)
    chat(store, 32, empty_digest=True)
    assert notify.enqueue_digest(store, config, 31, NOW) is False
    assert notify.enqueue_digest(store, config, 32, NOW) is True
    assert [r["chat_id"] for r in outbox(store)] == [32]
    assert "Nothing new" in outbox(store)[0]["text"]


def test_one_digest_per_local_day_and_nothing_lost_when_the_time_moves_later(
    chats: Store, config: Config, news: News
) -> None:
    news.development("zelensky", "Morning NATO remark", ("nato",), NOW - timedelta(hours=2))
    assert notify.enqueue_digest(chats, config, NATO_CHAT, NOW) is True
    news.development("zelensky", "Afternoon NATO remark", ("nato",), NOW + timedelta(hours=3))
    # the chat moves its digest to the evening: the same day is not owed twice...
    evening = NOW + timedelta(hours=10)
    assert notify.enqueue_digest(chats, config, NATO_CHAT, evening) is False
    assert len(outbox(chats, NATO_CHAT)) == 1
    # ...and the afternoon's news is in the next day's digest, not marked as told
    next_day = NOW + timedelta(days=1)
    assert notify.enqueue_digest(chats, config, NATO_CHAT, next_day) is True
    last = outbox(chats, NATO_CHAT)[-1]["text"]
    assert "Afternoon NATO remark" in last
    assert "Morning NATO remark" not in last


def test_a_digest_sent_late_after_local_midnight_counts_for_its_own_day(
    store: Store, config: Config, news: News
) -> None:
    chat(store, 41, ("issue", "nato"), timezone="Europe/Kyiv", digest_time="23:30")
    due = datetime(2025, 12, 16, 21, 30, tzinfo=UTC)  # 23:30 in Kyiv
    store.update_chat(41, NOW, next_digest_at=due)
    news.development("zelensky", "Late NATO remark", ("nato",), due - timedelta(hours=1))
    late = due + timedelta(minutes=45)  # 00:15 the next day in Kyiv, within the grace period
    assert notify.run_due_digests(store, config, late) == 1
    assert outbox(store, 41)[0]["dedupe_key"].startswith("digest:2025-12-16")
    news.development("zelensky", "Next day NATO remark", ("nato",), due + timedelta(hours=12))
    assert notify.run_due_digests(store, config, due + timedelta(days=1)) == 1
    assert "Next day NATO remark" in outbox(store, 41)[-1]["text"]


def test_paused_or_inactive_chats_owe_no_digest(store: Store, config: Config) -> None:
    chat(store, 51, empty_digest=True, paused=True)
    chat(store, 52, empty_digest=True)
    store.update_chat(52, NOW, active=False)
    assert notify.enqueue_digest(store, config, 51, NOW) is False
    assert notify.enqueue_digest(store, config, 52, NOW) is False
    assert notify.enqueue_digest(store, config, 999, NOW) is False  # unknown chat
    assert not outbox(store)


def test_digest_now_answers_directly_and_counts_as_the_digest(
    chats: Store, config: Config, news: News
) -> None:
    news.development("zelensky", "Not joining NATO", ("nato",), NOW - timedelta(hours=1))
    (text,) = notify.digest_now(chats, config, NATO_CHAT, NOW)
    assert "Not joining NATO" in text
    assert not outbox(chats)  # a reply, not an outbox message
    assert notify.enqueue_digest(chats, config, NATO_CHAT, NOW + timedelta(minutes=5)) is False


def test_a_development_from_the_second_of_the_last_digest_is_not_repeated(
    chats: Store, config: Config, news: News
) -> None:
    news.development("zelensky", "Same-second NATO remark", ("nato",), NOW)
    assert notify.enqueue_digest(chats, config, NATO_CHAT, NOW + timedelta(seconds=0.5)) is True
    news.development("zelensky", "Next day NATO remark", ("nato",), NOW + timedelta(hours=20))
    assert notify.enqueue_digest(chats, config, NATO_CHAT, NOW + timedelta(days=1)) is True
    first, second = (r["text"] for r in outbox(chats, NATO_CHAT))
    assert "Same-second NATO remark" in first
    assert "Same-second NATO remark" not in second
    assert "Next day NATO remark" in second


def test_a_development_that_becomes_about_an_issue_alerts_its_followers_once(
    store: Store, config: Config, news: News
) -> None:
    chat(store, 31, ("issue", "prisoners"))
    chat(store, 32, ("actor", "budanov"))
    chat(store, 33, ("issue", "prisoners"), ("actor", "budanov"))
    dev = news.development("budanov", "We are working on it", ("peace_plan",), NOW)
    assert notify.announce(store, config, NOW, batch=timedelta(0)) == 2  # Budanov's followers
    shown = []
    for minutes, issues in ((5, ("prisoners",)), (10, ("peace_plan",)), (15, ("prisoners",))):
        at = NOW + timedelta(minutes=minutes)
        statement = news._statement("budanov", "We are working on it", issues, "AP", at, "direct")
        with store.transaction():
            store.add_statement(statement, dev, at)
        notify.announce(store, config, at, batch=timedelta(0))
        shown.append(store.developments(ids=[dev])[0].issues)
    # prisoners: 1 of 2 mentions, then 1 of 3, then 2 of 4 - it came, went and came back
    assert shown == [("peace_plan", "prisoners"), ("peace_plan",), ("peace_plan", "prisoners")]
    # the issue's follower heard of it once, when it first became about prisoners; the chat
    # already told of it (it follows Budanov too) and the actor's follower never again
    assert [r["chat_id"] for r in outbox(store)] == [32, 33, 31]


def test_a_development_a_digest_already_told_is_not_alerted_when_it_gains_an_issue(
    store: Store, config: Config, news: News
) -> None:
    chat(store, 41, ("issue", "nato"), ("issue", "prisoners"), alerts=False)
    dev = news.development("budanov", "Kyiv will not give up the alliance", ("nato",), NOW)
    notify.announce(store, config, NOW, batch=timedelta(0))
    assert notify.enqueue_digest(store, config, 41, NOW + timedelta(hours=1)) is True
    store.update_chat(41, NOW + timedelta(hours=1), alerts=True)
    at = NOW + timedelta(hours=2)
    statement = news._statement(
        "budanov", "and on the exchange", ("prisoners",), "AP", at, "direct"
    )
    with store.transaction():
        store.add_statement(statement, dev, at)
    assert "prisoners" in store.developments(ids=[dev])[0].issues
    assert notify.announce(store, config, at, batch=timedelta(0)) == 0
    assert outbox(store, 41)[-1]["kind"] == "digest"
