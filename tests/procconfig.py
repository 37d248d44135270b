"""A config folder for a real talkwatch process (crash, health and secret tests; the benchmarks):
the shipped actors, issues, lexicon and language files, the given feeds, no seeds, the given
settings. One place, so a new config file reaches every process test at once."""

from __future__ import annotations

import shutil
from pathlib import Path

CONFIG_DIR = Path(__file__).resolve().parent.parent / "config"
SHIPPED = ("actors.toml", "issues.toml", "lexicon.toml")


def process_config(tmp: Path, *, feeds: str = "feeds = []\n", settings: str = "") -> Path:
    """Write ``tmp/config`` (and an empty ``tmp/no-seeds``); returns the config folder.
    ``settings`` holds extra ``key = value`` lines for ``[settings]``."""
    target = tmp / "config"
    target.mkdir()
    for name in SHIPPED:
        shutil.copy(CONFIG_DIR / name, target / name)
    shutil.copytree(CONFIG_DIR / "lang", target / "lang")
    (target / "feeds.toml").write_text(feeds, encoding="utf-8")
    (tmp / "no-seeds").mkdir()
    (target / "settings.toml").write_text(
        f'[settings]\nseeds_dir = "{tmp / "no-seeds"}"\n{settings}', encoding="utf-8"
    )
    return target
