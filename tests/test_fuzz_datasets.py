"""Issue 10's fuzz test: hundreds of malformed and edge-case datasets (tests/fuzz_corpus.py) through the loader,
and the ones that load through the map page and the details panel.

Each must be either a clear problem list (every problem names its file, its line or path, and its item and
field where it has them) or a clean load; none may raise, and none may take over 2 s. The loader's fast path
must agree with its careful walk on every case, and the generated JSON Schema with the loader.
"""

from __future__ import annotations

import json
import time

import pytest

import fuzz_corpus
from explorer.model.problems import item_path

CASES = fuzz_corpus.cases()
LOADING = [case for case in CASES if case.expect == "load"]
#: Text a payload leaves in a page only if a template evaluated it.
EVALUATED = {"jinja-expression": "zqjv", "jinja-statement": "zqzq", "jinja-python": "uid="}


def test_the_corpus_is_large_and_varied():
    assert len(CASES) >= 150
    assert len({case.name for case in CASES}) == len(CASES)
    assert {case.payload for case in LOADING} >= set(fuzz_corpus.PAYLOADS)
    assert sum(case.expect == "problems" for case in CASES) >= 150 and len(LOADING) >= 30


@pytest.mark.parametrize("case", CASES, ids=[case.name[:80] for case in CASES])
def test_each_case_is_a_clear_problem_list_or_a_clean_load(case, tmp_path):
    from explorer.model.loader import load_dataset, validate_file

    path = tmp_path / "case.json"
    path.write_bytes(case.data)
    start = time.perf_counter()
    problems = validate_file(path)
    dataset = load_dataset(path) if not problems else None
    assert time.perf_counter() - start < 2
    if case.expect == "problems":
        assert problems, "expected problems"
    elif case.expect == "load":
        assert not problems, [str(p) for p in problems[:5]]
        assert dataset is not None
    for problem in problems:
        text = str(problem)
        assert problem.file == str(path) and text.startswith(str(path))
        assert problem.line is not None or problem.path, text
        if problem.path:                                # a problem in the document, not in its syntax
            assert problem.item, text
            assert problem.field or problem.path == item_path(problem.path), text
        assert "Traceback" not in problem.message and "\n" not in text, text


def _load(case):
    from explorer.model.loader import check_text

    dataset, problems = check_text(case.data.decode("utf-8-sig"), "case.json")
    assert not problems, [str(p) for p in problems[:3]]
    return dataset


@pytest.mark.parametrize("case", LOADING, ids=[case.name for case in LOADING])
def test_each_loading_case_builds_its_page_with_the_text_as_data(case):
    """The standalone page carries the data inline (the app's own page fetches the same JSON): no template
    evaluates it and no markup of it is markup in the page (issue 10)."""
    from explorer.webmap.page import PageOptions, build_page, page_data_bytes

    dataset = _load(case)
    start = time.perf_counter()
    html = build_page(dataset, PageOptions(inline=True, bridge=False), cache=False)
    data = page_data_bytes(dataset)
    served = data[4:4 + int.from_bytes(data[:4], "little")].decode("utf-8")   # its JSON head: all its text
    assert time.perf_counter() - start < 2
    payload = fuzz_corpus.PAYLOADS.get(case.payload, "")
    for text in (html, served):
        if case.payload in EVALUATED:
            assert EVALUATED[case.payload] not in text, "a template evaluated the dataset's text"
        if "<" in payload:
            assert payload not in text, "markup from the dataset is in the page as markup"


@pytest.mark.parametrize("case", LOADING, ids=[case.name for case in LOADING])
def test_each_loading_case_shows_its_details_as_text(case):
    from explorer.model.details import details_html

    dataset = _load(case)
    payload = fuzz_corpus.PAYLOADS.get(case.payload, "")
    start = time.perf_counter()
    for event in dataset.events:
        for language in ("en", "de"):
            html = details_html(dataset, event, language)
            if "<" in payload:
                assert payload not in html
    details_html(dataset, None)
    assert time.perf_counter() - start < 2


@pytest.mark.parametrize("case", CASES, ids=[case.name[:80] for case in CASES])
def test_the_fast_path_agrees_with_the_careful_walk(case):
    import orjson

    from explorer.model.checker import Checker, check_root

    try:
        root = orjson.loads(case.data.removeprefix(b"\xef\xbb\xbf"))
    except orjson.JSONDecodeError:
        return
    if type(root) is not dict:
        return
    fast, careful = Checker("case.json"), Checker("case.json", fast=False)
    fast_dataset, careful_dataset = check_root(fast, root), check_root(careful, root)
    assert [str(p) for p in fast.problems] == [str(p) for p in careful.problems]
    assert fast.keys_seen == careful.keys_seen
    assert fast.fast_failures == 0
    assert (fast_dataset is None) == (careful_dataset is None)
    if fast_dataset is not None:
        assert fast_dataset.events == careful_dataset.events
        assert fast_dataset.places == careful_dataset.places and fast_dataset.links == careful_dataset.links
        assert fast_dataset.party_table == careful_dataset.party_table and fast_dataset.eras == careful_dataset.eras
        for a, b in zip(fast_dataset.events, careful_dataset.events):
            assert _plain(a.translations) == _plain(b.translations)
            assert [_plain(s.translations) for s in a.signatories] == [_plain(s.translations) for s in b.signatories]


def _plain(translations) -> dict:
    return {language: {k: list(v) if isinstance(v, (list, tuple)) else v for k, v in texts.items()}
            for language, texts in translations.items()}


@pytest.mark.parametrize("case", CASES, ids=[case.name[:80] for case in CASES])
def test_the_generated_schema_never_accepts_what_the_loader_refuses(case, tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    from explorer.model.loader import validate_file
    from explorer.model.schema import build_schema

    try:
        document = json.loads(case.data.decode("utf-8-sig"))
    except (ValueError, RecursionError):
        return                                          # not JSON at all: nothing for a schema to say
    path = tmp_path / "case.json"
    path.write_bytes(case.data)
    loads = not validate_file(path)
    try:
        schema_accepts = jsonschema.Draft202012Validator(build_schema()).is_valid(document)
    except RecursionError:
        return
    if loads:
        assert schema_accepts, "the loader accepts a document its own schema refuses"
