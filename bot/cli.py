"""The ``talkwatch`` command line: process set-up, logging, and one function per subcommand."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bot import render
from bot.config import Config, load_config
from bot.errors import ConfigError
from bot.model import Development, IngestReport
from bot.store import Store

log = logging.getLogger(__name__)

PROGRESS_MIN = 50  # show a progress bar from this many articles on
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def _since(value: str) -> datetime:
    try:
        dt = datetime.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO date: {value!r}") from None
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    parser = argparse.ArgumentParser(
        prog="talkwatch",
        description=(
            "Follows diplomatic talks and tells you, briefly and with sources, what is new."
        ),
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug detail")
    sub = parser.add_subparsers(dest="command", required=True)

    ingest = sub.add_parser("ingest", help="ingest seed files and/or feeds, print a summary")
    ingest.add_argument("--seeds", metavar="DIR", help="a folder of .txt articles to ingest")
    ingest.add_argument("--feeds", action="store_true", help="poll the configured feeds")

    statements = sub.add_parser("statements", help="list developments")
    statements.add_argument("--actor", help="an actor, forgivingly: peskov, zelenskyy")
    statements.add_argument("--issue", help="an issue, forgivingly: nato, territory")
    statements.add_argument("--since", type=_since, help="first seen at or after (ISO 8601)")
    statements.add_argument("--json", action="store_true", help="print a JSON array")

    digest = sub.add_parser("digest", help="print the digest a subscriber would read")
    digest.add_argument("--since", type=_since, help="developments first seen since (ISO 8601)")
    digest.add_argument("--issue", help="only this issue")

    timeline = sub.add_parser("timeline", help="the /timeline chart of an issue or actor, as PNG")
    timeline.add_argument("name", help="an issue or actor, forgivingly: nato, zelenskyy")
    timeline.add_argument("-o", "--output", metavar="FILE", help="where to write (NAME.png)")

    run = sub.add_parser("run", help="the main job: ingest on a schedule, serve the bot")
    run.add_argument("--once", action="store_true", help="one round (seeds + feeds), then exit")

    ev = sub.add_parser(
        "eval",
        help="score extraction and grouping against a gold file",
        description="With a .jsonl gold file (../shared/LABELLING.md), --articles is ingested into"
        " a fresh in-memory store and scored as the team's scorer does; with the seeds' .json"
        " gold file, the older anchor-based report.",
    )
    ev.add_argument("--gold", default="tests/data/gold_seeds.json", help="gold file")
    ev.add_argument(
        "--seeds",
        "--articles",
        dest="seeds",
        default="seeds",
        help="the folder of articles the gold file labels",
    )
    ev.add_argument("--verbose", action="store_true", help="list misses and extras")

    sub.add_parser("chat", help="try the bot's commands in the terminal, no token needed")
    sub.add_parser("status", help="queue depth, send rates, failures, feed health")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``talkwatch`` console script."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format=LOG_FORMAT,
        stream=sys.stderr,
    )
    logging.captureWarnings(True)  # warnings go through the (redacting) log handler too
    # httpx logs request URLs, and Bot API URLs contain the token
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    from dotenv import load_dotenv

    load_dotenv(Path.cwd() / ".env", override=False)  # the token may live in .env, never in git
    try:
        config = load_config(None, os.environ)
    except ConfigError as exc:
        print(f"talkwatch: configuration error: {exc}", file=sys.stderr)
        return 2
    redact_logs(config.token)
    handler = globals()[f"cmd_{args.command}"]
    if args.command == "eval":
        return int(handler(config, args) or 0)
    store = Store(config.db_path)
    try:
        code = int(handler(config, store, args) or 0)
        sys.stdout.flush()  # a closed pipe is found here, not in Python's own flush at exit
        return code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # the reader went away (`talkwatch statements | head`): stop quietly, and keep Python
        # from complaining again when it flushes stdout at exit
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    finally:
        store.close()


class RedactingFormatter(logging.Formatter):
    """Formats a record, traceback included, with every secret replaced: python-telegram-bot
    and httpx put the token in URLs and messages (``The token `...` was rejected``)."""

    def __init__(self, secrets: Sequence[str], fmt: str) -> None:
        super().__init__(fmt)
        # the longest first: the whole token before its secret half
        self.secrets = sorted({s for s in secrets if len(s) >= 8}, key=len, reverse=True)

    def format(self, record: logging.LogRecord) -> str:
        """The usual line, redacted."""
        return redact(super().format(record), self.secrets)


def redact(text: str, secrets: Sequence[str]) -> str:
    """The text with each secret replaced by a placeholder."""
    for secret in secrets:
        text = text.replace(secret, "[redacted]")
    return text


def redact_logs(token: str) -> None:
    """Every handler of the root logger redacts the token (and its secret part after ':')."""
    if not token:
        return
    secrets = [token, token.partition(":")[2]]
    for handler in logging.getLogger().handlers:
        handler.setFormatter(RedactingFormatter(secrets, LOG_FORMAT))


def _progress(total: int) -> Any:
    if total < PROGRESS_MIN or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="article", file=sys.stderr)


def _ingest(config: Config, store: Store, seeds: str | None, feeds: bool) -> IngestReport:
    from bot.adapters.fetch import ingest_feeds
    from bot.app import ingest as service
    from bot.app.poll import merge_reports

    now = datetime.now(UTC)
    reports = []
    if seeds:
        folder = Path(seeds)
        bar = _progress(len(list(folder.glob("*.txt")))) if folder.is_dir() else None
        try:
            reports.append(
                service.ingest_seeds(
                    store, config, folder, now, progress=bar.update if bar else None
                )
            )
        finally:
            if bar is not None:
                bar.close()
    if feeds and config.feeds:
        import asyncio

        reports.append(asyncio.run(ingest_feeds(store, config, now)))
    return merge_reports(reports)


def cmd_ingest(config: Config, store: Store, args: argparse.Namespace) -> int:
    """talkwatch ingest [--seeds DIR] [--feeds]"""
    if not args.seeds and not args.feeds:
        print("talkwatch ingest: nothing to do: give --seeds DIR and/or --feeds", file=sys.stderr)
        return 2
    print(render.ingest_text(_ingest(config, store, args.seeds, args.feeds)))
    return 0


def development_json(dev: Development, files: Mapping[str, str] | None = None) -> dict[str, Any]:
    """A development as the --json output shows it (the shape the scorer reads)."""
    from bot.app.scoring import development_record

    return development_record(dev, files)


def _named(config: Config, store: Store, kind: str, name: str | None) -> str | None:
    """The id an --actor or --issue names, as forgivingly as the bot; ValueError if unknown."""
    if not name:
        return None
    from bot.app import commands

    env = commands.Env(store=store, config=config, now=datetime.now(UTC))
    found, suggestions = commands.resolve(env, name, (kind,))
    if found is None:
        close = ", ".join(target for _, target in suggestions)
        raise ValueError(
            f"unknown {kind} {name!r}" + (f"; did you mean: {close}?" if close else "")
        )
    return found[1]


def cmd_statements(config: Config, store: Store, args: argparse.Namespace) -> int:
    """talkwatch statements [--actor NAME] [--issue NAME] [--since ISO-DATE] [--json]"""
    try:
        actor = _named(config, store, "actor", args.actor)
        issue = _named(config, store, "issue", args.issue)
    except ValueError as exc:
        print(f"talkwatch statements: {exc}", file=sys.stderr)
        return 2
    devs = store.developments(actor=actor, issue=issue, since=args.since)
    if args.json:
        from bot.app.scoring import article_files

        files = article_files(store)
        print(json.dumps([development_json(d, files) for d in devs], ensure_ascii=False, indent=2))
        return 0
    if not devs:
        print("no developments match")
    for dev in devs:
        print(render.development_text(dev))
    return 0


def cmd_digest(config: Config, store: Store, args: argparse.Namespace) -> int:
    """talkwatch digest [--since ISO-DATE] [--issue NAME]"""
    try:
        issue = _named(config, store, "issue", args.issue)
    except ValueError as exc:
        print(f"talkwatch digest: {exc}", file=sys.stderr)
        return 2
    devs = store.developments(issue=issue, since=args.since, newest_first=False)
    titles = {i.id: i.title for i in config.issues}
    speakers = {a.id: a for a in config.actors}
    print(render.plain(render.digest(devs, titles, issue=issue, speakers=speakers)))
    return 0


def cmd_timeline(config: Config, store: Store, args: argparse.Namespace) -> int:
    """talkwatch timeline ISSUE|ACTOR [-o FILE]: the /timeline chart written to a PNG file."""
    from bot.app import commands
    from bot.app.commands.lists import timeline_view

    env = commands.Env(store=store, config=config, now=datetime.now(UTC))
    found, suggestions = commands.resolve(env, args.name)
    if found is None:
        names = ", ".join(target for _, target in suggestions) or "none close"
        print(
            f"talkwatch timeline: unknown name {args.name!r}; did you mean: {names}?",
            file=sys.stderr,
        )
        return 2
    view = timeline_view(env, *found)
    output = Path(args.output or f"{found[1]}.png")
    output.write_bytes(render.timeline_png(view))
    print(f"{render.plain(render.timeline_caption(view))}\nwrote {output}")
    return 0


def _print_developments(devs: Sequence[Development]) -> None:
    for dev in devs:
        print(render.development_text(dev))


def cmd_run(config: Config, store: Store, args: argparse.Namespace) -> int:
    """talkwatch run [--once]"""
    if args.once:
        from bot.app import notify

        report = _ingest(config, store, config.settings.seeds_dir, True)
        # what is new: developments whose alerts were not decided yet (a second run prints none)
        notify.announce(store, config, datetime.now(UTC), _print_developments, batch=timedelta(0))
        print(render.ingest_text(report))
        return 0
    import asyncio

    from bot import process

    try:
        asyncio.run(process.run(config, store))
    except KeyboardInterrupt:
        raise
    except Exception as exc:  # boundary: logged (redacted), then one sentence and exit 1
        sentence = process.explain_failure(exc, config)
        if sentence is None:
            log.error("talkwatch stopped on an unexpected error", exc_info=exc)
            sentence = "talkwatch stopped on an unexpected error (logged above)"
        else:  # a known cause: the sentence says it all; the traceback only with --verbose
            log.debug("talkwatch could not start", exc_info=exc)
        print(f"talkwatch: {sentence}", file=sys.stderr)
        return 1
    return 0


def cmd_eval(config: Config, args: argparse.Namespace) -> int:
    """talkwatch eval: precision and recall against the gold-labelled seeds."""
    if args.gold.endswith(".jsonl"):
        from bot.app.scoring import evaluate_corpus

        report = evaluate_corpus(config, Path(args.gold), Path(args.seeds), datetime.now(UTC))
        print("\n".join(report.lines(verbose=args.verbose)))
        return 0
    from bot.app.evaluate import evaluate, format_scores

    print(format_scores(evaluate(config, Path(args.seeds), Path(args.gold))))
    return 0


def cmd_chat(config: Config, store: Store, args: argparse.Namespace) -> int:
    """talkwatch chat: the bot's commands in the terminal."""
    from bot.adapters.terminal import run_chat

    run_chat(config, store)
    return 0


def cmd_status(config: Config, store: Store, args: argparse.Namespace) -> int:
    """talkwatch status: delivery and feed health; exits 1 and says why when unhealthy."""
    from bot.app import health

    now = datetime.now(UTC)
    print(render.status_text(health.status(store, now)))
    beat = health.read_heartbeat(health.heartbeat_path(config.db_path))
    problems = health.checks(store, config, now, beat)
    if not problems:
        print("healthy")
        return 0
    for problem in problems:
        print(f"unhealthy: {render.problem_text(problem)}")
    return 1
