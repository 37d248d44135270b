"""No secret in any output: the real process (`python -m bot run`) against the fake Bot API, made
to fail at start-up (a rejected token, an unreachable API, answers that are not JSON) and while
running (sends refused with tracebacks logged); every byte it writes is scanned for the token."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.model import Chat
from bot.store import Store
from tests.conftest import ROOT, wait_until
from tests.fakebot import FakeBotAPI
from tests.procconfig import process_config

# a token shaped like a real one; its secret half must not appear either
TOKEN = "7654321:AAE-secretSECRETsecret_0123456789abcdef"
SECRET = TOKEN.partition(":")[2]


@pytest.fixture
def api() -> Iterator[FakeBotAPI]:
    fake = FakeBotAPI(limits=False).start_in_thread()
    yield fake
    fake.release()
    fake.stop_thread()


@pytest.fixture
def home(tmp_path: Path) -> Path:
    process_config(tmp_path, settings="retry_base_seconds = 0.1\nmax_send_attempts = 2\n")
    return tmp_path


def _env(home: Path, api_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "TALKWATCH_DB": str(home / "talkwatch.db"),
        "TALKWATCH_CONFIG": str(home / "config"),
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_URL": api_url,
    }


def _run_to_the_end(home: Path, api_url: str, *flags: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *flags, "run"],
        cwd=ROOT,
        env=_env(home, api_url),
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )


def _assert_clean(*outputs: str) -> None:
    for output in outputs:
        assert TOKEN not in output
        assert SECRET not in output


def _last_line(stderr: str) -> str:
    return stderr.strip().splitlines()[-1]


def test_a_rejected_token_ends_in_one_sentence(home: Path, api: FakeBotAPI) -> None:
    api.reject_token = True
    result = _run_to_the_end(home, api.url)
    assert result.returncode != 0
    assert (
        _last_line(result.stderr)
        == "talkwatch: Telegram rejected the bot token: check TELEGRAM_BOT_TOKEN"
    )
    assert "Traceback" not in result.stderr  # a sentence, not a traceback
    _assert_clean(result.stdout, result.stderr)


def test_the_verbose_traceback_of_a_rejected_token_is_redacted(
    home: Path, api: FakeBotAPI
) -> None:
    """python-telegram-bot's own message quotes the token (`The token ... was rejected`)."""
    api.reject_token = True
    result = _run_to_the_end(home, api.url, "--verbose")
    assert result.returncode != 0
    assert "Traceback" in result.stderr
    assert "The token `[redacted]` was rejected by the server" in result.stderr
    assert _last_line(result.stderr).endswith("check TELEGRAM_BOT_TOKEN")
    _assert_clean(result.stdout, result.stderr)


def test_an_unreachable_api_at_start_up_ends_in_one_sentence(home: Path) -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    result = _run_to_the_end(home, f"http://127.0.0.1:{port}")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert _last_line(result.stderr) == (
        f"talkwatch: could not reach the Telegram Bot API at http://127.0.0.1:{port}: "
        "check the network and TELEGRAM_API_URL"
    )
    _assert_clean(result.stdout, result.stderr)


def test_an_answer_that_is_not_json_ends_in_one_sentence(home: Path, api: FakeBotAPI) -> None:
    api.garbage = {"getMe"}
    result = _run_to_the_end(home, api.url)
    assert result.returncode != 0
    assert _last_line(result.stderr) == (
        f"talkwatch: the server at {api.url} does not answer like the Telegram Bot API: "
        "check TELEGRAM_API_URL"
    )
    _assert_clean(result.stdout, result.stderr)


def test_tracebacks_while_running_hold_no_token(home: Path, api: FakeBotAPI) -> None:
    """Sends answered with garbage and server errors, polls answered with garbage: the process
    logs the python-telegram-bot and httpx errors with their tracebacks, redacted."""
    store = Store(home / "talkwatch.db")
    now = datetime.now(UTC)
    for chat_id in (501, 502):
        store.ensure_chat(Chat(id=chat_id), now)
        with store.transaction():
            store.enqueue_outbox(chat_id, "alert", "a", "news", now)
    store.close()
    api.garbage = {"sendMessage", "getUpdates"}
    out, err = home / "out.log", home / "err.log"
    with out.open("wb") as stdout, err.open("wb") as stderr:
        proc = subprocess.Popen(
            [sys.executable, "-m", "bot", "run"],
            cwd=ROOT,
            env=_env(home, api.url),
            stdout=stdout,
            stderr=stderr,
        )
        try:
            wait_until(
                lambda: sum(1 for m, _ in list(api.calls) if m == "sendMessage") >= 4,
                60,
                "every send to be tried and retried",
            )
            wait_until(lambda: "Traceback" in err.read_text(), 30, "a traceback in the log")
            proc.send_signal(signal.SIGTERM)
            assert proc.wait(30) == 0
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait(10)
    _assert_clean(out.read_text(), err.read_text())
