"""Forgiving name matching: "zelenskyy", "NATO membership" or "territry" find the actor or issue
meant (rapidfuzz), or come back with a few suggestions; and the display name of either."""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from bot.app.commands.context import Env
from bot.model import Code, Notice
from bot.render.text import trim

ACCEPT_SCORE = 88  # fuzzy match score at which a name is taken without asking
# names here are written in Latin or Cyrillic letters: text without any (emoji, Arabic, Hebrew)
# is no name we know, and fuzzy matching would only suggest noise
_NAME_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f\u0400-\u04ff]")


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[_@#\-.’']+", " ", text.lower()).split())


def _choices(env: Env) -> dict[str, tuple[str, str]]:
    """Every way to name an issue or actor -> (kind, id)."""
    names: dict[str, tuple[str, str]] = {}
    for issue in env.config.issues:
        for form in (issue.id, issue.title):
            names.setdefault(_norm(form), ("issue", issue.id))
    for actor in env.config.actors:
        for form in (actor.id, actor.name, *actor.aliases):
            names.setdefault(_norm(form), ("actor", actor.id))
    for actor_id, name, _ in env.store.actors():
        for form in (actor_id, name):
            names.setdefault(_norm(form), ("actor", actor_id))
    return names


def resolve(
    env: Env, text: str, kinds: tuple[str, ...] = ("issue", "actor")
) -> tuple[tuple[str, str] | None, list[tuple[str, str]]]:
    """(kind, id) for a name, forgivingly; else None and up to four suggestions."""
    if not could_be_a_name(text):
        return None, []
    choices = {k: v for k, v in _choices(env).items() if v[0] in kinds}
    query = _norm(text)
    if query in choices:
        return choices[query], []
    ranked = process.extract(query, list(choices), scorer=fuzz.WRatio, limit=12)
    suggestions: list[tuple[str, str]] = []
    for name, _score, _ in ranked:
        if choices[name] not in suggestions:
            suggestions.append(choices[name])
    if ranked and ranked[0][1] >= ACCEPT_SCORE:
        best = choices[ranked[0][0]]
        rivals = [r for r in ranked[1:] if choices[r[0]] != best and r[1] >= ranked[0][1] - 3]
        if not rivals:
            return best, []
    return None, suggestions[:4]


def could_be_a_name(text: str) -> bool:
    """Whether text could name an issue or actor at all (it has a Latin or Cyrillic letter)."""
    return bool(_NAME_LETTER.search(text))


def not_a_name(text: str) -> Notice:
    """The short answer to text that is no name we know (emoji, another script)."""
    return Notice(
        f"“{trim(text, 30)}” is not a name I know. Try a name in Latin letters, e.g. ",
        Code("nato"),
        " or ",
        Code("zelensky"),
        ".",
    )


def label(env: Env, kind: str, target: str) -> str:
    """The display name of an issue (its title) or an actor (its name); the id if unknown."""
    if kind == "issue":
        issue = env.config.issue(target)
        return issue.title if issue else target
    names = {a.id: a.name for a in env.config.actors}
    return names.get(target) or env.store.actor_names().get(target, target)


def labels(env: Env, found: list[tuple[str, str]]) -> str:
    """Display names, comma-separated."""
    return ", ".join(label(env, kind, target) for kind, target in found)
