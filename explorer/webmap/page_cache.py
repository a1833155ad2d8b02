"""Rendered page templates kept between runs, so a start needs neither folium nor its rendering.

A template is keyed by everything it is made from: the page data, the page options, the package version and
the size and modification time of every file that goes into the page (our scripts, Leaflet, the base map,
this package's page code). Any change gives a new key; old entries are pruned. A cache that cannot be read
or written is only a slower start, never an error.
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path

log = logging.getLogger(__name__)

KEEP = 12                 # templates kept on disk (one per dataset and page kind in use)
_memory: dict[str, str] = {}


def cache_dir() -> Path | None:
    """Where templates live: ``$EXPLORER_CACHE_DIR``, else ``$XDG_CACHE_HOME/treaty-explorer/pages``;
    None when ``EXPLORER_CACHE_DIR`` is set empty (no disk cache)."""
    explicit = os.environ.get("EXPLORER_CACHE_DIR")
    if explicit is not None:
        return Path(explicit) if explicit else None
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "treaty-explorer" / "pages"


def cache_key(parts: list[str], files: list[Path]) -> str:
    """A digest of ``parts`` (text) and of each file's path, size and modification time."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    for path in files:
        stat = path.stat()
        digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}\0".encode())
    return digest.hexdigest()[:32]


def get(key: str) -> str | None:
    """The template stored under ``key`` (memory first, then disk), or None."""
    if key in _memory:
        return _memory[key]
    folder = cache_dir()
    if folder is None:
        return None
    try:
        text = (folder / f"{key}.html").read_text(encoding="utf-8")
    except OSError:
        return None
    _memory[key] = text
    return text


def put(key: str, text: str) -> None:
    """Keep ``text`` under ``key`` in memory and, where possible, on disk (atomically; old entries pruned)."""
    from explorer.safe_write import write_text_atomic

    if len(_memory) >= 4:
        _memory.pop(next(iter(_memory)))
    _memory[key] = text
    folder = cache_dir()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_text_atomic(folder / f"{key}.html", text)
        entries = sorted(folder.glob("*.html"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[KEEP:]:
            old.unlink(missing_ok=True)
    except OSError as exc:
        log.warning("cannot keep the map page in the cache %s: %s", folder, exc)


def clear_memory() -> None:
    """Forget the templates held in memory (tests; the disk cache stays)."""
    _memory.clear()
