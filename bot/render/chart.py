"""The timeline chart of an issue or an actor: who spoke when over the last weeks (for an
actor: on which issue), each development a dot sized by how many outlets reported it, as a PNG
(matplotlib, Agg backend: no display needed), with its one-line caption."""

from __future__ import annotations

import io
from collections import Counter
from datetime import timedelta

from bot.model import Development, TimelineView
from bot.render.rank import said_at
from bot.render.text import CAPTION_LIMIT, esc, trim

WIDTH_PX, HEIGHT_PX, DPI = 1000, 560, 100  # the PNG's size, fixed (Telegram shows it whole)
MAX_ROWS = 12  # speakers shown; the rest are one row, "others"
OTHERS = "others"


def in_window(view: TimelineView) -> list[Development]:
    """The developments of a view said within its last weeks, oldest first."""
    start = view.now - timedelta(weeks=view.weeks)
    return sorted(
        (d for d in view.developments if start <= said_at(d) <= view.now),
        key=lambda d: (said_at(d), d.id),
    )


def _row(view: TimelineView, dev: Development) -> str:
    """An issue's chart has a row per speaker; an actor's, a row per issue spoken on."""
    if view.kind == "issue":
        return dev.actor_name
    return dev.issues[0].replace("_", " ") if dev.issues else "other topics"


def _rows(view: TimelineView, devs: list[Development]) -> list[str]:
    counts = Counter(_row(view, d) for d in devs)
    names = [name for name, _ in counts.most_common(MAX_ROWS)]
    if len(counts) > MAX_ROWS:
        names[-1] = OTHERS
    return names[::-1]  # the most frequent speaker on top


def timeline_png(view: TimelineView) -> bytes:
    """The chart as PNG bytes, WIDTH_PX x HEIGHT_PX."""
    # imported when a chart is drawn (matplotlib takes a while to load): Agg, never a display
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    devs = in_window(view)
    rows = _rows(view, devs)
    fig, ax = plt.subplots(figsize=(WIDTH_PX / DPI, HEIGHT_PX / DPI), dpi=DPI)
    try:
        y = {name: n for n, name in enumerate(rows)}
        xs = [float(mdates.date2num(said_at(d))) for d in devs]
        ys = [y.get(_row(view, d), y.get(OTHERS, 0)) for d in devs]
        sizes = [40 + 60 * min(d.outlets, 8) for d in devs]
        ax.scatter(xs, ys, s=sizes, alpha=0.6, color="#1f6fb2", edgecolors="#0b3d66")
        for x, yy, dev in zip(xs, ys, devs, strict=True):
            if dev.outlets > 1:
                ax.annotate(str(dev.outlets), (x, yy), ha="center", va="center", fontsize=8)
        ax.set_yticks(range(len(rows)), rows)
        ax.set_ylim(-0.7, max(len(rows), 1) - 0.3)
        start, end = view.now - timedelta(weeks=view.weeks), view.now + timedelta(hours=12)
        ax.set_xlim(float(mdates.date2num(start)), float(mdates.date2num(end)))
        ax.xaxis.set_major_locator(mdates.AutoDateLocator(maxticks=8))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%d %b"))
        ax.grid(axis="x", alpha=0.3)
        what = "who said what, when" if view.kind == "issue" else "what was said, when"
        ax.set_title(f"{view.name}: {what} (dot size: outlets reporting it)")
        if not devs:
            ax.text(0.5, 0.5, "nothing said in these weeks", transform=ax.transAxes, ha="center")
        fig.subplots_adjust(left=0.22, right=0.97, top=0.92, bottom=0.1)
        out = io.BytesIO()
        fig.savefig(out, format="png", dpi=DPI)  # no tight bbox: the size stays fixed
        return out.getvalue()
    finally:
        plt.close(fig)


def timeline_caption(view: TimelineView) -> str:
    """The chart's one-line caption (Telegram HTML, within the caption limit)."""
    devs = in_window(view)
    speakers = len({d.actor_id for d in devs})
    what = "on" if view.kind == "issue" else "from"
    name = trim(view.name, 200)
    caption = (
        f"📈 <b>{esc(name)}</b>: {len(devs)} development{'s' if len(devs) != 1 else ''}"
        + (
            f" from {speakers} speaker{'s' if speakers != 1 else ''}"
            if view.kind == "issue"
            else ""
        )
        + f" in the last {view.weeks} weeks · /{view.kind} {esc(view.target)} lists them"
    )
    if len(caption) > CAPTION_LIMIT:  # only a monstrous name gets here
        caption = f"📈 {len(devs)} developments {what} this in the last {view.weeks} weeks"
    return caption
