"""The checked dataset kept for a big file (``explorer/model/dataset_cache.py``): read back equal to the file's
own load, used only for the file as it was, never for a file that changed or an entry that names anything
but a dataset's classes, and never by ``explorer validate``. Not timed (``explorer bench`` measures the
start)."""

import os
import pickle
import shutil
import time
from pathlib import Path

import pytest

from explorer import disk_cache
from explorer.formats import startup
from explorer.model import dataset_cache, load_dataset, validate_file
from explorer.model.rule_structures import NO_TRANSLATIONS
from explorer.resources import DEFAULT_DATASET

MINI = Path(__file__).parent / "data" / "mini.json"
AN_HOUR = 3600 * 10**9


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """A cache folder of the test's own, and every file counted as big (the shipped data is 200 KB)."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("EXPLORER_CACHE_DIR", str(folder))
    monkeypatch.setattr(dataset_cache, "CACHE_FROM_BYTES", 1)
    return folder


def _settled_copy(tmp_path, source=DEFAULT_DATASET, name="interwar.json"):
    """A copy of ``source`` last changed an hour ago (what is made of a file changed just now is not kept)."""
    path = tmp_path / name
    shutil.copyfile(source, path)
    past = time.time_ns() - AN_HOUR
    os.utime(path, ns=(past, past))
    return path


def _entries(folder):
    return sorted(folder.glob("*" + dataset_cache.SUFFIX)) if folder.exists() else []


@pytest.mark.parametrize("source", [DEFAULT_DATASET, MINI], ids=["shipped", "mini"])
def test_a_kept_dataset_is_read_back_equal_to_the_files_own_load(cache, tmp_path, source):
    path = _settled_copy(tmp_path, source)
    loaded = load_dataset(path)
    assert dataset_cache.cached(path) is None
    assert dataset_cache.keep(loaded)
    assert len(_entries(cache)) == 1

    again = dataset_cache.cached(path)
    assert again is not None and again is not loaded
    assert again == loaded              # title, description, view, places, events, links, eras, credits, ...
    assert again.file_stamp == loaded.file_stamp and again.path == str(path)
    for name in ("translations", "party_table"):
        assert getattr(again, name) == getattr(loaded, name)
    assert [e.translations for e in again.events] == [e.translations for e in loaded.events]
    assert [link.translations for link in again.links] == [link.translations for link in loaded.links]
    # Read as the loader gives them: translations of the same type, the one empty mapping shared, dates alike.
    event = next(e for e in again.events if e.translations)
    assert type(event.translations) is type(loaded.event(event.id).translations)
    assert event.text("title", "de") == loaded.event(event.id).text("title", "de")
    def empty(data):
        items = [*data.events, *data.links, *data.places.values(), *(s for e in data.events for s in e.signatories)]
        return [item.translations is NO_TRANSLATIONS for item in items]

    assert empty(again) == empty(loaded)
    assert any(empty(loaded)) == (source == MINI)         # the shipped data has every item translated
    assert [e.date_label("de") for e in again.events] == [e.date_label("de") for e in loaded.events]
    first = loaded.events[0].id
    assert again.links_of(first) == loaded.links_of(first)
    assert again.event(first) == loaded.event(first)


def test_a_file_changed_since_or_changed_just_now_is_not_read_from_the_cache(cache, tmp_path):
    path = _settled_copy(tmp_path)
    assert dataset_cache.keep(load_dataset(path))
    text = path.read_bytes()
    path.write_bytes(text.replace(b'"title": "', b'"title": "X', 1)[:-1])       # same size, changed now
    assert path.stat().st_size == len(text)
    assert dataset_cache.cached(path) is None
    fresh = load_dataset(path)
    assert not dataset_cache.keep(fresh) and not dataset_cache.wanted(fresh)    # changed within RACY_S
    assert len(_entries(cache)) == 1


def test_an_entry_that_names_anything_but_a_datasets_classes_is_refused_and_never_run(cache, tmp_path):
    path = _settled_copy(tmp_path)
    marker = tmp_path / "ran"

    class Crafted:
        def __reduce__(self):
            return os.mkdir, (str(marker),)

    key = dataset_cache.entry_key(dataset_cache.stamp_of(path))
    disk_cache.write_entry(key + dataset_cache.SUFFIX, pickle.dumps(Crafted()), 2, "a crafted entry")
    assert dataset_cache.cached(path) is None
    assert not marker.exists()
    with pytest.raises(pickle.UnpicklingError, match="posix.mkdir|os.mkdir"):
        dataset_cache.loads(pickle.dumps(Crafted()))


def test_an_entry_that_does_not_match_its_digest_is_not_used(cache, tmp_path):
    path = _settled_copy(tmp_path)
    assert dataset_cache.keep(load_dataset(path))
    (entry,) = _entries(cache)
    data = bytearray(entry.read_bytes())
    data[len(data) // 2] ^= 0xFF
    entry.write_bytes(bytes(data))
    assert dataset_cache.cached(path) is None


@pytest.fixture(scope="module")
def big_source(tmp_path_factory):
    """A synthetic dataset over CACHE_FROM_BYTES (as the helper process counts, with the real limit)."""
    from explorer.bench.synthetic import dumps, generate

    source = tmp_path_factory.mktemp("big") / "source.json"
    source.write_text(dumps(generate(3800)), encoding="utf-8")
    assert source.stat().st_size >= dataset_cache.CACHE_FROM_BYTES
    return source


def test_the_start_reads_a_file_opened_before_without_opening_it_again(tmp_path, monkeypatch, big_source):
    folder = tmp_path / "cache"
    monkeypatch.setenv("EXPLORER_CACHE_DIR", str(folder))
    path = _settled_copy(tmp_path, big_source, "big.json")
    dataset, report = startup.open_for_start(path)
    assert dataset_cache.wait_for_helper() == 0             # the first start had a helper keep it
    assert len(_entries(folder)) == 1

    def not_again(*args, **kwargs):
        raise AssertionError("the file was opened again")

    monkeypatch.setattr(startup, "open_document", not_again)
    again, again_report = startup.open_for_start(path)
    assert again == dataset and again.file_stamp == dataset.file_stamp
    assert again_report.format == report.format == "Treaty Explorer JSON"
    assert again_report.counts == report.counts and again_report.opened and not again_report.problems
    assert dataset_cache.wait_for_helper() is None          # nothing more to keep


def test_validate_checks_the_file_itself_even_where_an_entry_would_match(cache, tmp_path):
    path = _settled_copy(tmp_path)
    assert dataset_cache.keep(load_dataset(path))
    stat = path.stat()
    text = path.read_bytes()
    broken = text.replace(b'"date": "1922-04-16"', b'"date": "1922-04-31"', 1)
    assert broken != text and len(broken) == len(text)
    path.write_bytes(broken)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # a change a stat cannot tell
    assert dataset_cache.cached(path) is not None           # the start cannot tell either (as the page data)
    problems = validate_file(path)
    assert [p.field for p in problems] == ["default_view.date"] and "1922-04-31" in problems[0].message


def test_the_helper_keeps_only_the_file_the_app_read(cache, tmp_path):
    path = _settled_copy(tmp_path)
    stamp = dataset_cache.stamp_of(path)
    assert dataset_cache.main([str(path), str(stamp[1]), str(stamp[2] + 1)]) == 1    # another stamp
    assert _entries(cache) == []
    assert dataset_cache.main([str(path), str(stamp[1]), str(stamp[2])]) == 0
    assert dataset_cache.cached(path) == load_dataset(path)


def test_a_small_file_or_no_cache_folder_keeps_nothing(tmp_path, monkeypatch):
    path = _settled_copy(tmp_path)
    monkeypatch.setenv("EXPLORER_CACHE_DIR", str(tmp_path / "cache"))
    assert not dataset_cache.wanted(load_dataset(path))     # 200 KB: under CACHE_FROM_BYTES
    assert dataset_cache.keep_beside(load_dataset(path)) is None
    monkeypatch.setattr(dataset_cache, "CACHE_FROM_BYTES", 1)
    monkeypatch.setenv("EXPLORER_CACHE_DIR", "")
    assert not dataset_cache.keep(load_dataset(path)) and dataset_cache.cached(path) is None


def test_a_helper_that_keeps_nothing_says_so(tmp_path, monkeypatch, big_source):
    monkeypatch.setenv("EXPLORER_CACHE_DIR", str(tmp_path / "cache"))
    path = _settled_copy(tmp_path, big_source, "big.json")
    loaded = load_dataset(path)
    assert dataset_cache.keep_beside(loaded) is not None
    path.write_bytes(path.read_bytes())                     # changed after the app read it
    assert dataset_cache.wait_for_helper() == 1
    assert _entries(tmp_path / "cache") == []


def test_file_open_reads_a_file_opened_before_too(tmp_path, monkeypatch, big_source):
    from explorer.desktop.qt import open_files

    monkeypatch.setenv("EXPLORER_CACHE_DIR", str(tmp_path / "cache"))
    path = _settled_copy(tmp_path, big_source, "big.json")
    dataset, report = open_files.load(path)
    assert dataset is not None and not report.problems
    assert dataset_cache.wait_for_helper() == 0

    def not_again(*args, **kwargs):
        raise AssertionError("the file was opened again")

    monkeypatch.setattr(startup, "open_document", not_again)
    again, _report = open_files.load(path)
    assert again == dataset


def test_a_file_of_ours_opened_without_the_items_that_have_problems_is_not_kept(cache, tmp_path):
    path = _settled_copy(tmp_path)
    text = path.read_bytes()
    path.write_bytes(text.replace(b'"kind": "treaty"', b'"kind": "treatx"', 1))
    past = time.time_ns() - AN_HOUR
    os.utime(path, ns=(past, past))
    dataset, report = startup.open_as_before(path, partial=True)
    assert dataset is not None and report.errors
    assert dataset_cache.wait_for_helper() is None and _entries(cache) == []
