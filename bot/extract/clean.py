"""PROVISIONAL stand-in (the feeds engineer owns and replaces this file): text cleaning and seed
file parsing."""

from __future__ import annotations

import re
from pathlib import Path

from bot.model import Article


def clean_text(text: str) -> str:
    """Drop embedded tweets and obvious clutter lines."""
    out: list[str] = []
    for line in text.split("\n"):
        if re.match(r"^— .*\(@\w+\)", line):
            if out:
                out.pop()
            continue
        if "pic.twitter.com" in line or line.strip() == "Comments":
            continue
        out.append(line)
    return "\n".join(out)


def parse_text_file(path: str | Path, text: str) -> Article:
    """A seed file as an Article; the first line is the title."""
    lines = [ln for ln in text.split("\n") if ln.strip()]
    return Article(url=str(path), title=lines[0] if lines else "", text=text,
                   source=Path(path).stem)
