"""The quick text tests of a big file, read by a helper process beside the parse (explorer.model.text_checks)."""

import json
import os

import pytest

from explorer.model import loader, text_checks


@pytest.fixture
def helper_for_any_size(monkeypatch):
    monkeypatch.setattr(text_checks, "HELPER_FROM_BYTES", 0)
    if len(os.sched_getaffinity(0)) < 2:
        pytest.skip("the helper runs only with a second processor")


TEXTS = {
    "plain": {"a": 1, "b": [{"c": "x:y"}]},
    "repeated key": '{"a": 1, "a" : 2}',
    "escaped key": '{"d\\u0061te": 1, "s": "say \\"no\\": x"}',
    "control character": '{"a": "bell\\u0007"}',
}


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_the_helper_finds_what_this_process_finds(tmp_path, helper_for_any_size, name):
    text = TEXTS[name] if isinstance(TEXTS[name], str) else json.dumps(TEXTS[name])
    path = tmp_path / "d.json"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    beside = text_checks.read_facts_beside(path)
    assert beside is not None
    beside.process.wait(timeout=120)        # done before it is asked (the loader waits at most 2 s)
    data = text.encode()
    facts = beside.facts(data)
    assert set(facts._known) == set(text_checks.FINDINGS), "every finding came from the helper"
    here = text_checks.TextFacts(data)
    assert {n: facts._get(n) for n in text_checks.FINDINGS} == {n: here._get(n) for n in text_checks.FINDINGS}


def test_a_file_changed_while_it_was_read_is_read_again_here(tmp_path, helper_for_any_size):
    path = tmp_path / "d.json"
    path.write_text('{"a": 1}')
    beside = text_checks.read_facts_beside(path)
    beside.process.wait()
    path.write_text('{"a": 1, "a": 2}')        # another size and time: the helper's reading is of the old file
    facts = beside.facts(path.read_bytes())
    assert facts._known == {}
    assert facts.may_repeat_keys(1)


def test_validate_with_the_helper_reports_repeated_keys_and_bad_characters(tmp_path, helper_for_any_size):
    doc = json.loads((loader.Path(__file__).parent / "data" / "mini.json").read_text())
    text = json.dumps(doc, indent=1)
    text = text.replace('"title": ', '"title": "x",\n "title": ', 1)
    text = text.replace('"summary": "', '"summary": "\\u0007', 1)
    path = tmp_path / "d.json"
    path.write_text(text)
    messages = [p.message for p in loader.validate_file(path)]
    assert any("written twice" in m for m in messages) and any("control character" in m for m in messages)


def test_the_helper_is_asked_once_and_its_findings_given_again(tmp_path, helper_for_any_size, monkeypatch):
    """The app's way in asks for the findings where it reads in pieces, and the loader again if it must
    parse whole: the second answer is the first, not a read of the whole text here (the helper has stopped)."""
    path = tmp_path / "d.json"
    path.write_text('{"a": 1, "b": "x"}')
    beside = text_checks.read_facts_beside(path)
    beside.process.wait(timeout=120)
    data = path.read_bytes()
    first = beside.facts(data)
    assert set(first._known) == set(text_checks.FINDINGS)
    monkeypatch.setattr(text_checks, "TextFacts", None)    # a read here would fail
    assert beside.facts(data) is first
    other = path.read_bytes()                                # other bytes (a read again): not these findings
    monkeypatch.undo()
    assert beside.facts(other) is not first
