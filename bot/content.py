"""The reflection content in ``content/``: where it is and the checked, cached copy.

The model lives in ``bot.model``, the reading and checking in ``bot.loader``. Content
is read once per process (and content folder), never per turn.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from bot.loader import load_content
from bot.model import Content
from bot.paths import CONTENT_DIR, CONTENT_DIR_ENV


def content_dir() -> Path:
    """The content folder: ``$BOUWGESPREK_CONTENT`` if set, else the project's ``content/``."""
    return Path(os.environ.get(CONTENT_DIR_ENV) or CONTENT_DIR)


@lru_cache(maxsize=4)
def _cached(root: Path) -> Content:
    return load_content(root)


@lru_cache(maxsize=4)
def _resolved(configured: Path) -> Path:
    return configured.resolve()  # system calls: once per folder, not on every call


def get_content() -> Content:
    """The checked content, read once per process and content folder."""
    return _cached(_resolved(content_dir()))


__all__ = ["content_dir", "get_content", "load_content"]
