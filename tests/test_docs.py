"""The README documents what the code has: every command, the quickstart CI runs."""

from __future__ import annotations

from bot.app import commands
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_command_is_in_the_readme_table() -> None:
    for cmd in commands.COMMANDS:
        assert f"| `/{cmd.name}` |" in README, cmd.name


def test_ci_runs_the_readme_test_command() -> None:
    quickstart = README.split("```sh", 1)[1].split("```", 1)[0].strip().splitlines()
    assert len(quickstart) == 2
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert quickstart[1] in ci
    assert "talkwatch run --once" in quickstart[0]
