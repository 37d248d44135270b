"""Reading TOML config files and checking their values; errors name the file and the key."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from bot.errors import ConfigError


def read(path: Path) -> dict[str, Any]:
    """A TOML file as a dict; a missing or broken file is a ConfigError naming it."""
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError(str(path), "(file)", "not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(str(path), "(file)", f"invalid TOML: {exc}") from None


def text(file: Path, key: str, value: Any, *, required: bool = True) -> str:
    """A string value, stripped; empty only when not required."""
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise ConfigError(str(file), key, "must be a non-empty string")
    return value.strip()


def texts(file: Path, key: str, value: Any) -> tuple[str, ...]:
    """A list of non-empty strings, stripped."""
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(str(file), key, "must be a list of non-empty strings")
    return tuple(v.strip() for v in value)


def words(path: Path, key: str, value: Any) -> tuple[str, ...]:
    """A word list written as one white-space separated string or as a list."""
    if isinstance(value, str):
        return tuple(value.split())
    return texts(path, key, value)
