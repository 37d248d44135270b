"""Article text cleaning, and reading seed files (and the metadata sidecar beside each) into
articles. Pure functions of text, apart from reading that sidecar.

Cleaning drops what is not article text: the clutter of embedded posts ("— Name (@handle)
December 15, 2025" becomes "— Name" under the post's text, which goes too when the article quotes
it; its truncated continuation below goes), "pic.twitter.com"
and t.co links, bylines, "Comments", "Subscribe to ...", "Read more", photo captions (not those
written as sentences: they may attribute a statement), e-mail addresses, "(With assistance
from ...)" and copyright lines. Paragraphs stay one per line.
"""

from __future__ import annotations

import logging
import re
import tomllib
from datetime import UTC, datetime
from pathlib import Path

from bot.model import Article

log = logging.getLogger(__name__)

TITLE_CHARS = 200  # a headline-less file's first paragraph is cut to this for its title
UNKNOWN_OUTLET = "unknown outlet"  # what a file's outlet is called when nothing says
SIDECAR_SUFFIX = ".meta.toml"  # beside a seed file: what is known about it, its text untouched
_META_KEYS = ("title", "source", "url", "published")

_MONTH_DATE = r"(?:[A-Z][a-z]+\.? \d{1,2}, \d{4}|\d{1,2} [A-Z][a-z]+ \d{4})"
# "— Rustem Umerov (@rustem_umerov) December 15, 2025": the signature line of an embedded post
_EMBED_SIGNATURE = re.compile(rf"^\s*[—–-]\s*[^()\n]{{2,80}}\(@\w{{1,30}}\)\s*{_MONTH_DATE}\s*$")
_POST_LINK = re.compile(r"\s*(?:https?://)?(?:pic\.twitter\.com|t\.co)/\w+")
_ELLIPSIS = ("…", "...")
_CLOSING_QUOTE = ("”", '"', "’", "'")

# Whole lines that are page furniture. The prefix patterns are bounded in length so that a real
# paragraph which happens to start "Related ..." or "Published in ..." is kept.
_JUNK_LINE = re.compile(
    r"""^\s*(?:
        comments?(?:\ \(\d+\))?|share(?:\ this(?:\ article|\ story)?)?|advertisement
      | (?:related(?:\ articles?|\ stories)?|read\ (?:more|also)|see\ also)\b\s*:.{0,120}
      | (?:read\ more|related\ articles?)
      | (?:subscribe|sign\ up)\ (?:to|for)\b.{0,120}|follow\ us\ on\b.{0,80}
      | published\ in\ [\w&\ ,-]{1,60}
      | _{3,}|[-–—*=]{3,}
      | \(with\ (?:additional\ )?(?:assistance|reporting)\ (?:from|by)\ [^)]*\)\.?
      | (?:©|\(c\)\ ?\d{4}|copyright\ (?:©|\(c\)|\d{4})).{0,200}
      | .{0,400}\[photos?(?:/[^\]]*|\ [^\]]*)?\]
      | (?:photo|image|file\ photo|picture)s?\ ?(?:credit)?:.{0,120}
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
# "Photo: Lavrov said the troops would be targets. (Agency/Pool)": a caption in sentences may
# attribute a statement (LABELLING labels those), unlike "Photo: Reuters" or "Photo credit: ..."
_CAPTION_SENTENCE = re.compile(
    r"^\s*(?:photo|image|picture)s?:\s*(?:\S+\s+){3,}\S*[.!?][\"”’]?\s*(?:\([^()\n]{1,60}\))?\s*$",
    re.IGNORECASE,
)
# "By Guy Birchall", "By Anna Smith and John Doe": case matters ("by then" is prose)
_NAME = r"[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3}"
_BYLINE = re.compile(rf"^\s*By {_NAME}(?:(?:,| and| &) {_NAME})*\s*$")
_EMAIL = re.compile(r"\b[\w.+-]+@((?:[\w-]+\.)+[A-Za-z]{2,})\b")

_HEADER_KEY = re.compile(r"^(title|source|url|published)\s*:\s*(.*)$", re.IGNORECASE)
_OUTLET_NAME = r"((?:The )?[A-Z][\w.&'-]*(?: [A-Z][\w.&'-]*){0,3})"
# "©2025 Bloomberg L.P.", "Copyright © 2024-2025 The Associated Press. All rights reserved."
_COPYRIGHT = re.compile(
    r"^\s*(?i:©|\(c\)|copyright)(?:\s*(?i:©|\(c\)|copyright))*\s*"
    rf"(?:\d{{4}}(?:\s*[-–]\s*\d{{4}})?)?,?\s*{_OUTLET_NAME}"
)
_SUBSCRIBE = re.compile(rf"(?i:subscribe to (?:the )?){_OUTLET_NAME}")
_CORPORATE = re.compile(
    r"\s+(?:L\.?P\.?|Inc\.?|Ltd\.?|LLC|plc|GmbH|Group|Limited|All|Corp\.?|Visit)(?:\W.*)?$"
)
_NOT_OUTLET = {"telegram", "facebook", "rss", "youtube", "twitter", "x", "instagram", "whatsapp"}
_WEBMAIL = {"gmail", "yahoo", "outlook", "hotmail", "proton", "protonmail", "icloud", "mail"}


def clean_text(text: str) -> str:
    """Article text without embeds, bylines, captions and other clutter."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out: list[str] = []
    after_embed = False
    for raw in lines:
        # cheap: a post link has ".co" in it ("t.co/", "pic.twitter.com/"), most lines none
        line = (_POST_LINK.sub("", raw) if ".co" in raw else raw).rstrip()
        if after_embed and line.endswith(_ELLIPSIS):
            after_embed = False
            continue  # the embedded post's truncated continuation
        if _EMBED_SIGNATURE.match(line):
            after_embed = True
            # The post's own text stands on the line just above its signature. A line ending in
            # a closing quote is the article quoting the post, and stays. A post the article
            # also quotes goes; any other post stays, signed "— Name" (its author's statement).
            if out and not out[-1].endswith(_CLOSING_QUOTE):
                post = out.pop()
                if not _quoted_elsewhere(post, out, lines):
                    out.append(post)
                    out.append(_signature(line))
            continue
        if line.strip():
            after_embed = False
        if (_JUNK_LINE.match(line) and not _CAPTION_SENTENCE.match(line)) or _BYLINE.match(line):
            continue
        if "@" in line:
            line = _EMAIL.sub("", line).rstrip()
        if line.strip():
            out.append(line)
    return "\n".join(out)


def _quoted_elsewhere(post: str, kept: list[str], lines: list[str]) -> bool:
    """Whether the article repeats the post's opening words in another paragraph."""
    probe = _squash(post)[:60]
    # cheap: each word of the probe is in a line's lower-cased text before the probe is in
    # the line squashed (squashing only turns runs of non-word characters into spaces)
    head = max(probe.split(" "), key=len)
    return bool(probe) and any(
        head in line.lower() and probe in _squash(line)
        for line in (*kept, *lines)
        if line.strip() and line.strip() != post.strip()
    )


def _squash(text: str) -> str:
    return _NOT_WORD.sub(" ", text.lower()).strip()


_NOT_WORD = re.compile(r"[^\w]+")


def _signature(line: str) -> str:
    """ "— Name (@handle) December 15, 2025" as "— Name": who posted, without the clutter."""
    name = line.strip().lstrip("—–-").split("(@", 1)[0].strip()
    return f"— {name}"


def guess_outlet(text: str, outlets: tuple[str, ...] = ()) -> str:
    """The outlet a text names as its own: a copyright line, a "Subscribe to ..." line or one of
    ``outlets`` (the config's media list) in an e-mail domain; '' when nothing says. Outlets
    merely mentioned ("Bloomberg reported") and embedded posts ("— Name (@handle)") do not
    count."""
    lines = text.split("\n")
    for pattern in (_COPYRIGHT, _SUBSCRIBE):
        for line in lines:
            m = pattern.search(line)
            if m and (name := _outlet_name(m.group(1))):
                return name
    squashed = {re.sub(r"[^a-z0-9]", "", o.lower()): o for o in outlets}
    for m in _EMAIL.finditer(text):
        labels = m.group(1).lower().split(".")[:-1]  # the domain without its top level
        for label in labels:
            if label in _WEBMAIL:
                continue
            for key, name in squashed.items():
                if len(key) >= 3 and label.startswith(key):
                    return name
    return ""


def _outlet_name(found: str) -> str:
    words = []
    for word in _CORPORATE.sub("", found).split():
        if word.lower().rstrip(".,!") in _NOT_OUTLET:
            break
        words.append(word)
    return " ".join(words).rstrip(".,!")


def _title(body: str) -> str:
    first = next((ln.strip() for ln in clean_text(body).split("\n") if ln.strip()), "")
    if len(first) <= TITLE_CHARS:
        return first
    cut = first[:TITLE_CHARS].rsplit(" ", 1)[0]
    return cut.rstrip(",;:—– ") + "…"


def _published(value: str) -> datetime | None:
    try:
        dt = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return dt.astimezone(UTC) if dt.tzinfo else dt.replace(tzinfo=UTC)


def sidecar_path(path: str | Path) -> Path:
    """Where a text file's metadata lives: ``NAME.meta.toml`` beside ``NAME.txt``."""
    path = Path(path)
    return path.with_name(path.stem + SIDECAR_SUFFIX)


def read_sidecar(path: str | Path) -> dict[str, str]:
    """The metadata beside a text file (title, source, url, published), or {} when there is
    none or it cannot be read (said in the log: the file is still read)."""
    meta = sidecar_path(path)
    if not meta.is_file():
        return {}
    try:
        data = tomllib.loads(meta.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        log.warning("ignoring %s: %s", meta, exc)
        return {}
    return {k: str(data[k]).strip() for k in _META_KEYS if str(data.get(k) or "").strip()}


def parse_text_file(path: str | Path, text: str, outlets: tuple[str, ...] = ()) -> Article:
    """A text file as an Article. What is known comes from, in order: a header block of
    ``key: value`` lines (title, source, url, published as ISO 8601) and a blank line at the top
    of the text; a sidecar file ``NAME.meta.toml`` beside it (same keys; the text stays as it
    was published); else the first paragraph of the cleaned text is the title, the file path the
    URL, and the outlet is guessed from the text or called "unknown outlet" — never the file's
    name."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    lines = text.split("\n")
    header: dict[str, str] = {}
    body = text
    for n, line in enumerate(lines):
        if not line.strip():
            if header:
                body = "\n".join(lines[n + 1 :])
            break
        m = _HEADER_KEY.match(line)
        if not m:
            header = {}
            break
        header[m.group(1).lower()] = m.group(2).strip()
    else:
        header = {}  # key: value lines and nothing after them: that is the text, not a header
    known = {**read_sidecar(path), **{k: v for k, v in header.items() if v}}
    return Article(
        url=known.get("url") or str(path),
        title=known.get("title") or _title(body),
        text=body,
        source=known.get("source") or guess_outlet(body, outlets) or UNKNOWN_OUTLET,
        published=_published(known["published"]) if known.get("published") else None,
    )
