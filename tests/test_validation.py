"""Every validation rule, on the broken files kept in tests/data/broken: each names file, line, item, field."""

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from explorer.model.loader import DatasetError, check_text, load_dataset, validate_file

BROKEN = Path(__file__).parent / "data" / "broken"

CASES = {
    "impossible_date": ("event 'rapallo-1922'", "date", "February 1922 has 28 days"),
    "unknown_place": ("event 'genoa-1922'", "place", "unknown place 'atlantis'"),
    "unknown_link_target": ("link 1 (genoa-1922 → rapallo-1923)", "to", "unknown event 'rapallo-1923'"),
    "duplicate_id": ("event 'rapallo-1922'", "id", "duplicate event id"),
    "end_before_start": ("event 'genoa-1922'", "end_date", "ends (1922-03-01) before it starts (1922-04-10)"),
    "latitude_out_of_range": ("place 'berlin'", "lat", "152.52 is out of range"),
    "missing_field": ("event 'berlin-1926'", "title", "missing required field"),
    "self_link": ("link 5 (berlin-1926 → berlin-1926)", "to", "cannot link to itself ('supersedes')"),
    "link_cycle": ("link", "relation", "cycle that makes no sense: rapallo-1922 → genoa-1922 → rapallo-1922"),
    "unknown_relation": ("link 2 (berlin-1926 → rapallo-1922)", "relation", "unknown relation 'loves'"),
    "no_source": ("event 'brest-1918'", "sources", "at least one source"),
}


def line_of(path: Path, needle: str, after: str | None = None) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    start = 0
    if after:
        start = next(i for i, l in enumerate(lines) if after in l)
    return next(i for i in range(start, len(lines)) if needle in lines[i]) + 1


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_rule_names_file_item_field_and_line(name):
    path = BROKEN / f"{name}.json"
    problems = validate_file(path)
    item, field, words = CASES[name]
    matching = [p for p in problems if p.field == field and words in p.message and p.item.startswith(item)]
    assert matching, [str(p) for p in problems]
    problem = matching[0]
    assert problem.file == str(path)
    assert problem.line is not None and problem.line > 1
    if "missing" not in problem.message:   # a missing field has no line of its own: its object's first line
        assert f'"{field.split("[")[0]}"' in path.read_text().splitlines()[problem.line - 1]
    assert str(problem).startswith(f"{path}:{problem.line}: {item}")


def test_impossible_date_points_at_the_right_line():
    path = BROKEN / "impossible_date.json"
    (problem,) = validate_file(path)
    assert problem.line == line_of(path, '"1922-02-30"')


def test_every_problem_is_reported_not_just_the_first():
    problems = validate_file(BROKEN / "many_problems.json")
    fields = sorted((p.item, p.field) for p in problems)
    assert fields == sorted([("place 'moscow'", "lon"), ("event 'rapallo-1922'", "date"),
                             ("event 'rapallo-1920'", "place"), ("event 'lipetsk-1925'", "kind")])


def test_malformed_json_names_line_and_column():
    (problem,) = validate_file(BROKEN / "malformed.json")
    assert "not valid JSON" in problem.message and "column" in problem.message
    assert problem.line == line_of(BROKEN / "malformed.json", '"kind": "conference"') + 1


def test_missing_and_unreadable_files(tmp_path):
    (problem,) = validate_file(tmp_path / "nope.json")
    assert problem.message == "file not found"
    bad = tmp_path / "latin1.json"
    bad.write_bytes(b"{\"a\": \"\xe9\"}")
    assert "cannot read" in validate_file(bad)[0].message


def test_unknown_fields_catch_typos(mini_path):
    doc = json.loads(mini_path.read_text())
    doc["events"][0]["titel"] = "typo"
    _, problems = check_text(json.dumps(doc, indent=1), "typo.json")
    assert [(p.item, p.field) for p in problems] == [("event 'brest-1918'", "titel")]


def test_wrong_types_are_problems_not_crashes(mini_path):
    doc = json.loads(mini_path.read_text())
    doc["events"][0]["parties"] = "Germany"
    doc["events"][1]["date"] = 1922
    doc["places"][0]["lat"] = "52"
    doc["links"][0] = ["not", "an", "object"]
    doc["dataset"]["default_view"] = None
    _, problems = check_text(json.dumps(doc, indent=1), "types.json")
    fields = {p.field for p in problems}
    assert {"parties", "date", "lat", "default_view"} <= fields
    assert any(p.item == "link 1" for p in problems)


def test_load_raises_with_every_problem_and_never_writes(tmp_path):
    path = tmp_path / "broken.json"
    original = (BROKEN / "many_problems.json").read_bytes()
    path.write_bytes(original)
    with pytest.raises(DatasetError) as info:
        load_dataset(path)
    assert len(info.value.problems) == 4
    assert path.read_bytes() == original


def test_validate_command_exit_status_and_messages():
    run = subprocess.run([sys.executable, "-m", "explorer", "validate", str(BROKEN / "impossible_date.json"),
                          str(BROKEN / "unknown_place.json")], capture_output=True, text=True)
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert "impossible_date.json:" in run.stderr and "February 1922 has 28 days" in run.stderr
    assert "unknown place 'atlantis'" in run.stderr


def test_validate_command_passes_on_the_shipped_data():
    run = subprocess.run([sys.executable, "-m", "explorer", "validate"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip().endswith(": ok")


def test_schema_matches_the_loader(mini_path):
    jsonschema = pytest.importorskip("jsonschema")
    from explorer.model.dataset import KINDS
    from explorer.model.relations import RELATIONS

    schema = json.loads((Path(__file__).parents[1] / "explorer" / "model" / "dataset.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    assert schema["properties"]["events"]["items"]["properties"]["kind"]["enum"] == list(KINDS)
    assert schema["properties"]["links"]["items"]["properties"]["relation"]["enum"] == list(RELATIONS)
    from explorer.resources import DEFAULT_DATASET
    for good in (mini_path, DEFAULT_DATASET):
        assert list(validator.iter_errors(json.loads(good.read_text()))) == []
    for structural in ("missing_field", "unknown_relation", "latitude_out_of_range", "no_source"):
        assert list(validator.iter_errors(json.loads((BROKEN / f"{structural}.json").read_text())))


# --- the format of this wave -----------------------------------------------------------------------------
FULL = Path(__file__).parent / "data" / "full.json"


def _mini():
    return json.loads((Path(__file__).parent / "data" / "mini.json").read_text())


def _check(doc, text: str | None = None):
    return check_text(text if text is not None else json.dumps(doc, indent=1), "case.json")


def test_every_field_of_the_format_loads():
    dataset = load_dataset(FULL)
    assert dataset.text("title", "de") == "Jedes Feld des Formats"
    assert dataset.party_table["Soviet Russia"].renamed_to == "Soviet Union"
    talks = dataset.event("talks-1925")
    assert talks.place_id is None and dataset.place_of(talks) is None
    assert dataset.event("brest-1918").sources[0].note == "Gives the hour of signing."
    assert [m.caption for m in dataset.event("genoa-1922").media] == ["The delegates", None]
    assert {link.relation for link in dataset.links} >= {"preceded", "challenged_by"}


@pytest.mark.parametrize("mutate, field, words", [
    (lambda d: d["events"][0].__setitem__("id", "brest-1918\n"), "id", "is not an id"),
    (lambda d: d["events"][0].__setitem__("date", "\u0661\u0669\u0661\u0668"), "date", "not a date"),
    (lambda d: d.__setitem__("format", True), "format", "must be the number 1"),
    (lambda d: d.__setitem__("format", 2), "format", "unsupported format 2"),
    (lambda d: d.pop("places"), "places", "missing required field"),
    (lambda d: d["dataset"]["eras"][0].__setitem__("colour", "#fff"), "colour", "unknown field"),
    (lambda d: d["dataset"]["default_view"].__setitem__("pitch", 1), "default_view.pitch", "unknown field"),
    (lambda d: d["events"][2]["signatories"][0].__setitem__("role", "x"), "signatories[0].role", "unknown field"),
    (lambda d: d["dataset"]["eras"][0].__setitem__("color", "red"), "color", "#rgb or #rrggbb"),
    (lambda d: d["dataset"]["eras"][0].__setitem__("color", [1, 2]), "color", "#rgb or #rrggbb"),
    (lambda d: d["events"][2]["signatories"][0].__setitem__("office", 5), "signatories[0].office", "must be text"),
    (lambda d: d["events"][2]["translations"]["de"].__setitem__("title", 5), "translations.de.title", "must be text"),
    (lambda d: d["dataset"].__setitem__("eras", 5), "eras", "must be a list"),
    (lambda d: d["events"][0].__setitem__("id", ["brest"]), "id", "must be an id"),
    (lambda d: d["events"][0].__setitem__("title", "a\x00b"), "title", "control character"),
    (lambda d: d["events"][0].__setitem__("title", " \t"), "title", "must not be empty"),
    (lambda d: d["events"][0].__setitem__("end_date", None), "end_date", "got null"),
    (lambda d: d["places"][0].__setitem__("lat", True), "lat", "must be a number"),
    (lambda d: d["events"][2]["translations"].__setitem__("en", {"title": "x"}), "translations.en", "English"),
    (lambda d: d["events"][2]["translations"]["de"].__setitem__("place", "x"), "translations.de.place",
     "cannot be translated"),
    (lambda d: d["events"][2]["translations"]["de"].__setitem__("key_points", ["a", "b"]),
     "translations.de.key_points", "has 2 key points, the English text 1"),
    (lambda d: d["events"][0].__setitem__("translations", {"de": {"significance": "x"}}),
     "translations.de.significance", "does not have in English"),
    (lambda d: d["events"][0]["sources"][0].__setitem__("url", "javascript:alert(1)"), "sources[0].url", "http"),
    (lambda d: d["events"][0].__setitem__("media", [{"caption": "x"}]), "media[0].url", "missing required field"),
    (lambda d: d["links"].append(dict(d["links"][3], to="rapallo-1922", **{"from": "rapallo-1920"})),
     "relation", "duplicate link"),
    (lambda d: d.__setitem__("parties", [{"name": "Germany"}]), "parties[1]", "not in the parties table"),
    (lambda d: d.__setitem__("parties", [{"name": "A", "renamed_to": "B"}]), "renamed_to", "not in the parties table"),
])
def test_each_documented_rule_is_a_problem_with_item_field_and_line(mutate, field, words):
    doc = _mini()
    mutate(doc)
    dataset, problems = _check(doc)
    assert dataset is None
    matching = [p for p in problems if p.field == field and words in p.message]
    assert matching, [str(p) for p in problems]
    assert all(p.file == "case.json" and p.line and p.item for p in matching)


def test_a_key_written_twice_is_a_problem_even_with_spaces():
    text = json.dumps(_mini(), indent=1)
    for repeated in ('"title": "X",', '"title" : "X",', '"title"\n: "X",'):
        broken = text.replace('"title": "Treaty of Brest-Litovsk",', '"title": "Treaty of Brest-Litovsk", '
                              + repeated, 1)
        _, problems = _check(None, broken)
        assert [(p.item, p.field) for p in problems] == [("event 'brest-1918'", "title")]
        assert "written twice" in problems[0].message and problems[0].line
    _, problems = _check(None, text.replace('"zoom": 4', '"zoom": 4, "zoom": 5'))
    assert [p.field for p in problems] == ["default_view.zoom"]


@pytest.mark.parametrize("text, words", [
    ('{"format": 1, "dataset": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested more than 1024"),
    ('{"a": ' + "5" * 5000 + "}", "too large"),
    ('{"a": NaN}', "not valid JSON"),
    ("", "not valid JSON"),
    ("[1, 2]", "must hold one JSON object"),
])
def test_hostile_files_are_one_clear_problem(text, words):
    start = time.perf_counter()
    dataset, problems = check_text(text, "hostile.json")
    assert time.perf_counter() - start < 1
    assert dataset is None and len(problems) == 1 and words in problems[0].message
    assert problems[0].line == 1


def test_a_chain_of_2000_links_loads_and_a_loop_of_2001_is_one_problem():
    doc = _mini()
    base = doc["events"][0]
    doc["events"] = [dict(base, id=f"e-{i}") for i in range(2001)]
    doc["links"] = [{"from": f"e-{i}", "to": f"e-{i + 1}", "relation": "led_to", "note": "n"} for i in range(2000)]
    dataset, problems = _check(doc)
    assert problems == [] and len(dataset.links) == 2000
    doc["links"].append({"from": "e-2000", "to": "e-0", "relation": "supersedes", "note": "n"})
    _, problems = _check(doc)
    (problem,) = problems
    assert problem.path == ("links", 2000, "relation") and "e-0 → e-1 → e-2 → … (2001 links) …" in problem.message


def test_a_byte_order_mark_is_allowed(tmp_path):
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + (Path(__file__).parent / "data" / "mini.json").read_bytes())
    assert validate_file(path) == []


def test_check_document_gives_paths_for_importers():
    from explorer.model.loader import check_document

    doc = _mini()
    doc["events"][3]["sources"][0]["url"] = "ftp://x"
    doc["events"][1]["title"] = "\ud800"                  # a lone surrogate, possible only in a dict
    dataset, problems = check_document(doc, "import.csv")
    assert dataset is None
    assert {p.path for p in problems} == {("events", 3, "sources", 0, "url"), ("events", 1, "title")}
    assert all(p.line is None and p.file == "import.csv" for p in problems)
    dataset, problems = check_document(_mini(), "import.csv")
    assert problems == [] and len(dataset.events) == 6


def test_100000_problems_are_all_reported_at_their_lines(tmp_path):
    """Every one of 100,000 problems, each at its own line (the time it takes, linear in the file and the
    problems, is measured by `explorer bench`: validate_problems_ms_100000)."""
    doc = _mini()
    event = dict(doc["events"][0], date="1922-02-30")
    doc["events"] = [dict(event, id=f"e-{i}") for i in range(100_000)]
    doc["links"] = []
    path = tmp_path / "many.json"
    path.write_text(json.dumps(doc, indent=1))
    problems = validate_file(path)
    assert len(problems) == 100_000
    assert problems[-1].item == "event 'e-99999'" and problems[-1].line > 1_000_000
    assert len({p.line for p in problems}) == 100_000, "each problem at its own line"
    assert all(p.field == "date" and "February 1922 has 28 days" in p.message for p in problems)


def test_problems_in_scalar_fields_are_reported_column_by_column_exactly_as_the_careful_walk_reports_them():
    """Bad dates, kinds and titles in some events: the fast path reports them itself (no chunk walked event
    by event) and says exactly what the careful walk says, in the same order; a problem between fields
    (an end before the start) still hands its chunk to the careful walk."""
    import random

    import orjson

    from explorer.model.checker import Checker, check_root
    from explorer.resources import DEFAULT_DATASET

    doc = orjson.loads(DEFAULT_DATASET.read_bytes())
    rng = random.Random(1)
    events = []
    for i in range(3000):
        event = dict(doc["events"][i % len(doc["events"])], id=f"e-{i}")
        roll = rng.random()
        if roll < 0.3:
            event["date"] = "1922-02-30"
        elif roll < 0.35:
            event["kind"] = "nonsense"
        elif roll < 0.4:
            event["date"], event["title"] = 5, ""
        events.append(event)
    doc["events"], doc["links"] = events, []
    fast, careful = Checker("x"), Checker("x", fast=False)
    assert check_root(fast, doc) is None and check_root(careful, doc) is None
    assert len(fast.problems) > 1000
    assert fast.problems == careful.problems
    assert fast.chunks_walked == 0, "the scalar problems were walked event by event"
    assert fast.keys_seen == careful.keys_seen
    good = next(e for e in events[2048:] if e["date"] != "1922-02-30" and e["title"] and e["kind"] != "nonsense")
    good["end_date"] = "1900-01-01"                     # before its start: a check across fields
    fast, careful = Checker("x"), Checker("x", fast=False)
    check_root(fast, doc), check_root(careful, doc)
    assert fast.problems == careful.problems and fast.chunks_walked == 1


def test_the_fast_path_checks_valid_files_without_the_careful_walk(mini_path):
    import orjson

    from explorer.model.checker import Checker, check_root
    from explorer.resources import DEFAULT_DATASET

    for path in (mini_path, FULL, DEFAULT_DATASET):
        checker = Checker(str(path))
        assert check_root(checker, orjson.loads(path.read_bytes())) is not None
        assert (checker.chunks_walked, checker.fast_failures) == (0, 0)


def test_the_schema_file_is_what_the_rules_generate():
    from explorer.model.schema import SCHEMA_PATH, schema_text

    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(), \
        "run: python -m explorer.model.schema --write"


def test_a_check_keeps_nothing_of_the_document_it_checked():
    """Once a check returns, nothing refers to the parsed document: no frame held by a stored exception's
    traceback, no other cycle. (With the collector paused and the result frozen, as the loader does for a big
    file, such a cycle kept the whole document, 1.5 GB at 100,000 events, for as long as the app ran.)"""
    import gc

    import orjson

    from tests.fuzz_corpus import cases

    checked = 0
    was_enabled = gc.isenabled()
    gc.disable()                        # a cycle must not be collected before it is counted
    try:
        for case in cases():
            try:
                root = orjson.loads(case.data)
            except orjson.JSONDecodeError:
                continue
            if type(root) is not dict or not root:
                continue
            parts = [value for value in root.values() if type(value) in (list, dict)]
            before = [sys.getrefcount(part) for part in parts]
            check_text(None, case.name, root=root, data=case.data)
            after = [sys.getrefcount(part) for part in parts]
            assert after == before, case.name
            checked += 1
    finally:
        if was_enabled:
            gc.enable()
    assert checked >= 150
