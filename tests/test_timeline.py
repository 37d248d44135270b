"""/timeline: a chart (PNG, matplotlib's Agg backend) of an issue's or actor's last weeks, sent
with sendPhoto and a one-line caption through the real bot to the fake Bot API; the same chart
written by `talkwatch timeline`. PNGs are checked by their header (no imaging library needed)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from bot import cli, render
from bot.app import commands
from bot.app.commands import Caller, Env
from bot.config import Config
from bot.model import TimelineView
from bot.render import chart
from bot.store import Store
from tests.conftest import INGEST_TIME, News
from tests.fakebot import FakeBotAPI, check_html, png_size

CHAT = 1001
SIZE = (chart.WIDTH_PX, chart.HEIGHT_PX)


@pytest.mark.usefixtures("running_bot")
async def test_timeline_sends_a_png_with_a_one_line_caption(fake_api: FakeBotAPI) -> None:
    before = len(fake_api.sent_to(CHAT))
    await fake_api.wait_handled(fake_api.command(CHAT, "/timeline nato", kind="private"))
    (sent,) = fake_api.sent_to(CHAT)[before:]
    assert sent.photo is not None
    assert png_size(sent.photo) == SIZE
    caption = check_html(sent.text)
    assert "\n" not in caption
    assert len(caption) <= 1024
    assert caption.startswith("📈 NATO membership: ")
    assert "developments" in caption
    assert [m for m, _ in fake_api.calls].count("sendPhoto") == 1


@pytest.mark.usefixtures("running_bot")
async def test_timeline_of_an_unknown_name_is_a_short_text_answer(fake_api: FakeBotAPI) -> None:
    before = len(fake_api.sent_to(CHAT))
    await fake_api.wait_handled(fake_api.command(CHAT, "/timeline peskow", kind="private"))
    (sent,) = fake_api.sent_to(CHAT)[before:]
    assert sent.photo is None
    assert "Did you mean" in sent.text
    assert "Dmitry Peskov" in sent.text


def test_the_chart_shows_the_last_weeks_sized_by_outlets(
    store: Store, config: Config, news: News
) -> None:
    now = INGEST_TIME
    news.development("zelensky", "No NATO now", ("nato",), now - timedelta(days=2), ("A", "B"))
    news.development("peskov", "NATO is the cause", ("nato",), now - timedelta(days=9))
    news.development("peskov", "Too old to show", ("nato",), now - timedelta(weeks=6))
    env = Env(store=store, config=config, now=now)
    (view,) = commands.dispatch(env, Caller(chat_id=5), "timeline", "nato").messages
    assert isinstance(view, TimelineView)
    shown = chart.in_window(view)
    assert [d.text for d in shown] == ["NATO is the cause", "No NATO now"]
    png = render.timeline_png(view)
    assert png_size(png) == SIZE
    caption = check_html(render.timeline_caption(view))
    assert "2 developments from 2 speakers in the last 4 weeks" in caption
    # an empty window is still a valid chart, and says so in its caption
    empty = TimelineView("actor", "umerov", "Rustem Umerov", (), now)
    assert png_size(render.timeline_png(empty)) == SIZE
    assert "0 developments" in check_html(render.timeline_caption(empty))
    # in a terminal (no picture), the caption stands alone
    assert render.reply_text(commands.dispatch(env, Caller(chat_id=5), "timeline", "")).startswith(
        "A chart of which issue or person?"
    )


def test_talkwatch_timeline_writes_the_same_chart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TALKWATCH_DB", str(tmp_path / "x.db"))
    assert cli.main(["ingest", "--seeds", "seeds"]) == 0
    out = tmp_path / "nato.png"
    assert cli.main(["timeline", "nato", "-o", str(out)]) == 0
    assert png_size(out.read_bytes()) == SIZE
    printed = capsys.readouterr().out
    assert "NATO membership" in printed
    assert f"wrote {out}" in printed
    assert cli.main(["timeline", "nobody-at-all", "-o", str(tmp_path / "x.png")]) == 2
    assert not (tmp_path / "x.png").exists()
    assert "unknown name" in capsys.readouterr().err
