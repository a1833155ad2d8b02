"""A big dataset file's checked dataset, kept in the cache folder so that the next start from the same file
reads it back instead of parsing and checking it again (at 100,000 events 0.4-0.5 s instead of 2.5-3 s).

An entry is keyed like the page data (``explorer/disk_cache.py``): by the file as it was when read (absolute
path, size, modification time in ns), this package's version and every file of the model code, which reads
and checks a dataset. So a file that changed in any way a stat can tell, or a new version of the code,
misses the cache and is checked in full; an entry is made only of a file that has not changed for a few
seconds (``disk_cache.RACY_S``). ``explorer validate`` and ``explorer import`` never use it: they check
the file itself.

What is kept is the dataset's objects, written by :mod:`pickle` (the standard library's, which writes and
reads a million small objects far faster than anything built here from text). Reading a pickle can call
any function it names, so the entry is read by an unpickler that finds only the dataset's own classes
(``_ALLOWED``) and refuses any other name: an entry that names anything else, or does not match its digest,
is not used, and the file is checked as if there were no entry. Each object is written as its class and
its fields in order and read back by calling the class with them, as the loader builds it.

An entry is written by a helper process (:func:`keep_beside`), at the lowest priority, which reads and
checks the file itself: the app's start is not slowed by writing it, and nothing the app has not checked
is kept.
"""

from __future__ import annotations

import copyreg
import dataclasses
import io
import logging
import os
import pickle
import sys
from operator import attrgetter
from pathlib import Path
from types import MappingProxyType

from explorer import __version__
from explorer.disk_cache import cache_dir, cache_key, read_entry, settled, write_entry
from explorer.model import dataset as model
from explorer.model.dates import HistDate
from explorer.model.rule_structures import NO_TRANSLATIONS

log = logging.getLogger(__name__)

#: Files from this size on have their checked dataset kept (about 3,500 events: a load of 0.1 s and more;
#: under it a helper process would cost more than it saves).
CACHE_FROM_BYTES = 4 * 2**20
#: Checked datasets kept (70 MB each at 100,000 events).
KEEP = 2
SUFFIX = ".dataset"
_PROTOCOL = 5
#: The value classes a dataset is made of, each written as (class, its fields in order).
_VALUES = (model.Place, model.Party, model.Signatory, model.Source, model.Media, model.Event, model.Link,
           model.Era, model.View, HistDate)
#: The Dataset's own fields, in order (``file_stamp`` is set from the file, not kept).
_DATASET_FIELDS = tuple(f.name for f in dataclasses.fields(model.Dataset) if f.init)


def _proxy(mapping: dict) -> MappingProxyType:
    """A read-only view of a translations mapping, as the loader gives it."""
    return MappingProxyType(mapping)


def _no_translations() -> MappingProxyType:
    """The one empty translations mapping the loader gives every item without translations."""
    return NO_TRANSLATIONS


def _dataset(*fields) -> model.Dataset:
    return model.Dataset(*fields, events_in_order=True)


#: Every name an entry may hold, as (module, name).
_ALLOWED = frozenset({(cls.__module__, cls.__qualname__) for cls in _VALUES}
                     | {("datetime", "date")}
                     | {(__name__, "_proxy"), (__name__, "_no_translations"), (__name__, "_dataset")})


def _reducer(cls):
    fields = attrgetter(*(f.name for f in dataclasses.fields(cls) if f.init))
    return lambda value: (cls, fields(value))


class _Pickler(pickle.Pickler):
    dispatch_table = copyreg.dispatch_table.copy()
    dispatch_table.update({cls: _reducer(cls) for cls in _VALUES})
    dispatch_table[MappingProxyType] = (
        lambda mapping: (_no_translations, ()) if mapping is NO_TRANSLATIONS else (_proxy, (dict(mapping),)))


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        if (module, name) not in _ALLOWED:
            raise pickle.UnpicklingError(f"an entry names {module}.{name}, which no dataset holds")
        return super().find_class(module, name)


def dumps(dataset: model.Dataset) -> bytes:
    """The dataset's objects as an entry's bytes."""
    out = io.BytesIO()
    fields = tuple(getattr(dataset, name) for name in _DATASET_FIELDS)
    _Pickler(out, protocol=_PROTOCOL).dump((_dataset, fields))
    return out.getvalue()


def loads(data: bytes) -> model.Dataset:
    """The dataset from an entry's bytes; pickle.UnpicklingError (or another error of unpickling) for bytes
    that are not such an entry or name anything else than a dataset's classes."""
    build, fields = _Unpickler(io.BytesIO(data)).load()
    if build is not _dataset or type(fields) is not tuple:
        raise pickle.UnpicklingError("not a dataset")
    dataset = build(*fields)
    if type(dataset) is not model.Dataset:
        raise pickle.UnpicklingError("not a dataset")
    return dataset


def stamp_of(path: str | Path) -> tuple[str, int, int]:
    """The file's stamp as the loader takes it (``Dataset.file_stamp``); OSError if it cannot be read."""
    stat = os.stat(path)
    return os.path.abspath(path), stat.st_size, stat.st_mtime_ns


def entry_key(stamp: tuple[str, int, int]) -> str:
    """The key of the entry for a file with this stamp (OSError where the model's code cannot be read)."""
    path, size, mtime_ns = stamp
    code = sorted(Path(__file__).resolve().parent.glob("*.py"))
    return cache_key([__version__, "dataset", path, str(size), str(mtime_ns)], code)


def cached(path: str | Path) -> model.Dataset | None:
    """The dataset of the file at ``path`` as checked before, if an entry for the file as it is now is kept;
    else None (also for a small file, or where the cache cannot be read)."""
    if cache_dir() is None:
        return None
    try:
        stamp = stamp_of(path)
        if stamp[1] < CACHE_FROM_BYTES:
            return None
        data = read_entry(entry_key(stamp) + SUFFIX)
    except OSError:
        return None
    if data is None:
        return None
    from explorer.model.loader import building_dataset

    try:
        with building_dataset(len(data)):
            dataset = loads(data)
    except Exception as exc:  # noqa: BLE001 (any entry that cannot be read is only a slower start)
        log.warning("a checked dataset in the cache cannot be read (%s): the file is checked again", exc)
        return None
    dataset.path = str(path)
    dataset.file_stamp = stamp
    return dataset


def keep(dataset: model.Dataset) -> bool:
    """Keep the checked ``dataset`` (read from a file of CACHE_FROM_BYTES or more that has not changed since,
    nor in the last RACY_S seconds before it was read); whether an entry was written."""
    stamp = dataset.file_stamp
    if stamp is None or stamp[1] < CACHE_FROM_BYTES or cache_dir() is None or not settled(stamp[2]):
        return False
    try:
        if stamp_of(stamp[0]) != stamp:
            return False
        key = entry_key(stamp)
    except OSError:
        return False
    write_entry(key + SUFFIX, dumps(dataset), KEEP, "a checked dataset")
    return True


def wanted(dataset: model.Dataset) -> bool:
    """Whether a helper should keep this dataset, just read from its file: big enough, and not kept yet."""
    stamp = dataset.file_stamp
    if stamp is None or stamp[1] < CACHE_FROM_BYTES or not settled(stamp[2]):
        return False
    folder = cache_dir()
    try:
        return folder is not None and not (folder / (entry_key(stamp) + SUFFIX)).exists()
    except OSError:
        return False


_helpers: list = []


def keep_beside(dataset: model.Dataset):
    """Start a helper process, at the lowest priority, that reads and checks the dataset's file itself and
    keeps the checked dataset (:func:`main`), if it is wanted; the process (``subprocess.Popen``) or None."""
    import subprocess

    from explorer.resources import helper_command

    if not wanted(dataset):
        return None
    path, size, mtime_ns = dataset.file_stamp
    program = f"import sys; from {__name__} import main; sys.exit(main())"
    try:
        helper = subprocess.Popen(helper_command(program, path, str(size), str(mtime_ns)),
                                  stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except OSError:
        return None
    _helpers[:] = [h for h in _helpers if h.poll() is None] + [helper]     # the finished ones let go
    return helper


def wait_for_helper(timeout_s: float = 60.0) -> int | None:
    """Until every helper started is done (each at most ``timeout_s``, then it is stopped); the exit code of
    the last one started (0: an entry was written), or None where none was started or it was stopped. For
    whoever needs the entry next (the benchmark's next start, tests)."""
    import subprocess

    code = None
    while _helpers:
        helper = _helpers.pop(0)
        try:
            code = helper.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            helper.kill()
            helper.wait()
            code = None
    return code


def main(argv: list[str] | None = None) -> int:
    """The helper: ``PATH SIZE MTIME_NS``. Read and check the file; if it is valid and still the file the
    app read (same stamp), keep its dataset. 0 when an entry was written, 1 otherwise."""
    from explorer.model.loader import load_dataset
    from explorer.model.problems import DatasetError

    path, size, mtime_ns = (argv if argv is not None else sys.argv[1:])[:3]
    try:
        os.nice(19)
    except (AttributeError, OSError):
        pass
    try:
        dataset = load_dataset(path)
    except (DatasetError, OSError):
        return 1
    if dataset.file_stamp != (os.path.abspath(path), int(size), int(mtime_ns)):
        return 1
    return 0 if keep(dataset) else 1


__all__ = ["CACHE_FROM_BYTES", "cached", "dumps", "keep", "keep_beside", "loads", "main", "wait_for_helper", "wanted"]
