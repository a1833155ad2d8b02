"""Write files so that a failure never leaves a half-written file behind, and never over what the user has.

Every command that writes a file the user named checks it first with :func:`check_target`: an input of the
command is never overwritten (not even with ``--force``), a read-only file is never replaced, and any other
existing file only with ``--force``.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Iterable
from contextlib import contextmanager
from pathlib import Path


class TargetRefused(ValueError):
    """A file a command must not write; the message says why and what to do instead."""


def _same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file (also through links, or the same path written two ways)."""
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return a.resolve() == b.resolve()


def is_read_only(path: Path) -> bool:
    """Whether the user made ``path`` read-only: no write permission for us, or no write bit at all (which
    root, who may write anything, must respect too)."""
    try:
        return not os.access(path, os.W_OK) or not path.stat().st_mode & 0o222
    except OSError:
        return False


def check_target(path: str | Path, *, inputs: Iterable[str | Path] = (), force: bool = False) -> None:
    """Raise TargetRefused unless a command may write ``path``: it is none of ``inputs``, not a folder, its
    folder exists, and if it exists already it is writable and ``force`` is given."""
    path = Path(path)
    for source in inputs:
        if source is not None and _same_file(path, Path(source)):
            raise TargetRefused(f"{path} is what this command reads; write to another file")
    if path.is_dir():
        raise TargetRefused(f"{path} is a folder; give a file name")
    if not path.parent.is_dir():
        raise TargetRefused(f"cannot write {path}: the folder {path.parent} does not exist")
    if path.exists() or path.is_symlink():
        if is_read_only(path):
            raise TargetRefused(f"{path} is read-only; it was left as it is")
        if not force:
            raise TargetRefused(f"{path} exists; use --force to replace it")


def write_bytes_atomic(path: str | Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path`` and rename it into place."""
    with atomic_target(path) as tmp, open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())


def write_text_atomic(path: str | Path, text: str) -> None:
    """UTF-8 text version of :func:`write_bytes_atomic`."""
    write_bytes_atomic(path, text.encode("utf-8"))


def _umask() -> int:
    """The process's umask (reading it means setting it; set it straight back)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def atomic_target(path: str | Path):
    """A temporary path beside ``path`` with the same extension, for writers that need a file name (video
    encoders): renamed into place when the block succeeds, removed on any failure."""
    path = Path(path)
    if path.exists() and is_read_only(path):
        # A rename would replace it (and the new file would be writable): a read-only file is the user's word.
        raise PermissionError(errno.EACCES, "the file is read-only", str(path))
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=f".part{path.suffix}", dir=path.parent)
    os.close(fd)
    try:
        # mkstemp makes the file private (0600); give it the permissions a normally created file gets.
        os.chmod(tmp, 0o666 & ~_umask())
        yield Path(tmp)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
