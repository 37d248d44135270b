"""Ranking: a pure function of developments and who their speakers are. Each factor —
corroboration, principal over commentator, on the record over unnamed, news over a repeat — moves
a line up on its own; the seeds' digest is one message that leads with the most corroborated."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot import cli, render
from bot.app import commands
from bot.app.commands import Caller, Env
from bot.config import Config
from bot.model import Actor, Development, Mention
from bot.render.rank import gist, is_principal, rank, score, speaker_label
from bot.store import Store
from tests.conftest import INGEST_TIME
from tests.fakebot import check_html

T0 = datetime(2025, 12, 16, 9, 0, tzinfo=UTC)
PUTIN = Actor("putin", "Vladimir Putin", role="President of Russia", side="russia")
PESKOV = Actor(
    "peskov", "Dmitry Peskov", role="Kremlin spokesman", side="russia", speaks_for="kremlin"
)
PUNDIT = Actor("pundit", "A. Pundit", role="Analyst at a think tank", side="other")
ANON = Actor("anon_us_official", "Unnamed US official", kind="anonymous", side="us")
OFFICIAL = Actor("official", "Named US official", role="Deputy assistant", side="us")
SPEAKERS = {a.id: a for a in (PUTIN, PESKOV, PUNDIT, ANON, OFFICIAL)}


def dev(n: int, actor: Actor, text: str, outlets: int = 1, minutes: int = 0) -> Development:
    at = T0 + timedelta(minutes=minutes or n)
    return Development(
        id=n,
        actor_id=actor.id,
        actor_name=actor.name,
        kind="direct",
        text=text,
        issues=("territory",),
        first_seen=at,
        mentions=tuple(
            Mention(f"Outlet {k}", f"https://o{k}.example/{n}", text, at) for k in range(outlets)
        ),
    )


def test_corroboration_moves_a_line_up() -> None:
    one, three = dev(1, PUNDIT, "Talks will fail", 1), dev(2, PUNDIT, "Borders are frozen", 3)
    assert rank([one, three], SPEAKERS) == [three, one]
    assert rank([three, one], SPEAKERS) == [three, one]


def test_a_principal_ranks_above_a_commentator() -> None:
    pundit, putin = dev(1, PUNDIT, "Talks will fail"), dev(2, PUTIN, "Borders are frozen")
    assert rank([pundit, putin], SPEAKERS) == [putin, pundit]
    assert is_principal(PESKOV)  # the Kremlin's voice
    assert is_principal(PUTIN)
    assert not is_principal(PUNDIT)
    assert not is_principal(Actor("x", "Someone", role="Adviser to the President of Ukraine"))
    assert not is_principal(None)  # not in actors.toml: a commentator


def test_on_the_record_ranks_above_unnamed() -> None:
    unnamed, named = dev(1, ANON, "Talks will fail"), dev(2, OFFICIAL, "Borders are frozen")
    assert rank([unnamed, named], SPEAKERS) == [named, unnamed]
    assert speaker_label(unnamed, ANON) == "a US official, unnamed"
    line = render.brief_line(unnamed, SPEAKERS)
    assert "a US official, unnamed" in check_html(line)


def test_news_ranks_above_a_repeat_of_what_the_speaker_said_before() -> None:
    before = dev(1, PUNDIT, "Russia will never give up Donetsk region", minutes=1)
    repeat = dev(2, PUNDIT, "Russia will never give up the Donetsk region, he repeated", minutes=5)
    other = dev(3, PUNDIT, "A ceasefire could come by spring", minutes=4)
    # alone, the repeat would lead (it is newer); said before, it falls behind the news
    assert rank([repeat, other], SPEAKERS)[0] == repeat
    assert rank([repeat, other], SPEAKERS, earlier=[before]) == [other, repeat]
    # within one batch, the later of two alike is the repeat
    scored = {r.development.id: r for r in score([before, repeat, other], SPEAKERS)}
    assert scored[1].news
    assert not scored[2].news
    assert scored[3].news


def test_gist_is_the_most_quotable_sentence_trimmed_at_a_word() -> None:
    text = (
        "The meeting took place on Dec. 15 in Berlin. We will never accept a deal that "
        "takes our land. Talks go on."
    )
    assert gist(text) == "We will never accept a deal that takes our land."
    long = gist("peace " * 100, 60)
    assert long.endswith("peace…")
    assert len(long) <= 60


# --- the seeds ---------------------------------------------------------------------------------


def _most_corroborated(store: Store) -> Development:
    devs = store.developments()
    return max(devs, key=lambda d: (d.outlets, -d.id))


def _first_line(plain: str) -> str:
    return next(ln for ln in plain.split("\n") if ln.startswith("• "))


def test_the_seeds_digest_is_one_message_led_by_the_most_corroborated(
    seeded_store: Store, config: Config
) -> None:
    env = Env(store=seeded_store, config=config, now=INGEST_TIME + timedelta(hours=1))
    reply = commands.dispatch(env, Caller(chat_id=5), "digest", "")
    (message,) = render.reply_html(reply)
    plain = check_html(message)
    assert render.visible(message) <= render.DIGEST_CHARS
    assert len(plain) <= 3500
    top = _most_corroborated(seeded_store)
    assert top.outlets == 5
    first = _first_line(plain)
    assert first.startswith(f"• {top.actor_name}: ")
    assert "reported by 5 outlets" in first
    assert "more on" in plain  # the rest is one command away
    assert "517e0d9ca24828b8" not in plain  # never a file hash as the outlet
    assert "1c71d3537f0efed3" not in plain


def test_talkwatch_digest_prints_the_same_one_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TALKWATCH_DB", str(tmp_path / "x.db"))
    assert cli.main(["ingest", "--seeds", "seeds"]) == 0
    capsys.readouterr()
    assert cli.main(["digest"]) == 0
    out = capsys.readouterr().out.rstrip("\n")
    assert len(out) <= 3500
    assert "\n\n📰" not in out  # one message
    assert _first_line(out).startswith("• Volodymyr Zelensky: ")
    assert "reported by 5 outlets" in _first_line(out)
