"""Article text cleaning, and reading seed files into articles. Pure functions of text.

Cleaning drops what is not article text: embedded posts ("— Name (@handle) December 15, 2025" and
the lines that repeat the post above it), "pic.twitter.com" links, bylines, "Comments", "Subscribe
to ...", "Read more", photo captions, e-mail addresses, "(With assistance from ...)" and copyright
lines. Paragraphs stay one per line.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from bot.model import Article

_EMBED_SIGNATURE = re.compile(r"^\s*[—–-]\s*[^()]{2,80}\(@\w{1,30}\)\s+\w+ \d{1,2}, \d{4}\s*$")
_JUNK_LINE = re.compile(
    r"""^\s*(?:
        comments?|share(?:\ this(?:\ article)?)?|advertisement|related(?:\ articles?)?:?.*
      | read\ (?:more|also):.*|subscribe\ to\ .*|sign\ up\ for\ .*|follow\ us\ on\ .*
      | by\ [A-Z][\w.'-]+(?:\ [A-Z][\w.'-]+){0,3}
      | published\ in\ .*|_+|[-–—*]{3,}
      | \(with\ assistance\ from\ .*\)\.?
      | (?:©|\(c\)|copyright)\s*(?:\d{4})?.*
      | .*\[photo(?:/[^\]]*)?\]\s*
      | (?:photo|image|file\ photo):.*
      | [\w.+-]+@[\w-]+\.[\w.-]+
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b")
_PIC_LINK = re.compile(r"\s*pic\.twitter\.com/\w+")
_HEADER_KEY = re.compile(r"^(title|source|url|published)\s*:\s*(.*)$", re.IGNORECASE)
_OUTLET_HINTS = (
    (
        re.compile(r"©\s*\d{4}\s+([A-Z][\w.]*(?: [A-Z][\w.]*)*?)(?: L\.P\.| Inc\.| Ltd\.|\.|,)"),
        None,
    ),
    (re.compile(r"Subscribe to ([A-Z][\w.]+)"), None),
    (re.compile(r"@mail\.chinadaily", re.IGNORECASE), "China Daily"),
    (re.compile(r"\bBy [A-Z]\w+ [A-Z]\w+\s*$", re.MULTILINE), None),
)


def clean_text(text: str) -> str:
    """Article text without embeds, bylines, captions and other clutter."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out: list[str] = []
    after_embed = False
    for line in lines:
        if after_embed and line.rstrip().endswith(("…", "...")):
            after_embed = False
            continue  # the embed's truncated continuation
        after_embed = False
        if _EMBED_SIGNATURE.match(line):
            after_embed = True
            # the embedded post's text stands on the line(s) just above its signature
            while out and out[-1].strip() and not out[-1].rstrip().endswith(("”", '"')):
                out.pop()
                break
            continue
        line = _PIC_LINK.sub("", line)
        if "pic.twitter.com" in line or _JUNK_LINE.match(line):
            continue
        line = _EMAIL.sub("", line).rstrip()
        if line.strip():
            out.append(line)
    return "\n".join(out)


def _guess_outlet(text: str) -> str:
    for pattern, name in _OUTLET_HINTS:
        m = pattern.search(text)
        if m and name:
            return name
        if m and pattern.pattern.startswith("©"):
            return m.group(1).strip()
        if m and pattern.pattern.startswith("Subscribe"):
            return m.group(1).strip()
    return ""


def parse_text_file(path: str | Path, text: str) -> Article:
    """A text file as an Article: an optional header block of ``key: value`` lines (title, source,
    url, published) and a blank line; without one, the first line is the title and the file path
    the URL."""
    text = text.lstrip("\ufeff")
    lines = text.split("\n")
    header: dict[str, str] = {}
    body_start = 0
    for n, line in enumerate(lines):
        if not line.strip():
            if header:
                body_start = n + 1
            break
        m = _HEADER_KEY.match(line)
        if not m:
            header = {}
            break
        header[m.group(1).lower()] = m.group(2).strip()
    body = "\n".join(lines[body_start:]) if header else text
    first = next((ln.strip() for ln in body.split("\n") if ln.strip()), "")
    published = None
    if header.get("published"):
        try:
            published = datetime.fromisoformat(header["published"])
            published = published if published.tzinfo else published.replace(tzinfo=UTC)
        except ValueError:
            published = None
    return Article(
        url=header.get("url") or str(path),
        title=header.get("title") or first,
        text=body,
        source=header.get("source") or _guess_outlet(body) or Path(path).stem,
        published=published,
    )
