"""Every validation rule, on the broken files kept in tests/data/broken: each names file, line, item, field."""

import json
import subprocess
import sys
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
