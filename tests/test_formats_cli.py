"""The commands: import, export-data in every format (never over its input or another file without --force),
validate on folders, and --data in any format; problems in words, never a raw errno or a traceback."""

import builtins
import json
import shutil
from pathlib import Path

import pytest

from explorer.cli import main
from explorer.resources import DEFAULT_DATASET

DATA = Path(__file__).parent / "data" / "formats"


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "Errno" not in err, err
    return code, out, err


def test_import_writes_our_format_and_lists_what_it_left_out(capsys, tmp_path):
    out = tmp_path / "sheet.json"
    code, _, err = run(capsys, "import", DATA / "timeline.csv", "--out", out)
    assert code == 1                               # rows were left out: the rest is written all the same
    assert "row 9, field 'Year'" in err and "February 1922 has 28 days" in err
    assert "row 10, field 'Year': missing required field" in err or "row 10, field 'Year'" in err
    assert f"wrote {out}" in err and "without what is listed above" in err
    assert "GeoNames" in err
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["dataset"]["title"] == "Rapallo und danach: Deutschland & die Sowjetunion"
    assert "Impossible date" not in {e["title"] for e in doc["events"]}
    code, stdout, _ = run(capsys, "validate", out)
    assert code == 0 and stdout.startswith(f"{out}: ok")


def test_import_of_a_clean_file_exits_zero(capsys, tmp_path):
    out = tmp_path / "copy.json"
    code, _, err = run(capsys, "import", DEFAULT_DATASET, "--out", out)
    assert code == 0, err
    assert json.loads(out.read_text(encoding="utf-8")) == json.loads(DEFAULT_DATASET.read_text(encoding="utf-8"))


def test_import_never_overwrites_without_force_and_never_its_input(capsys, tmp_path):
    out = tmp_path / "taken.json"
    out.write_text("precious", encoding="utf-8")
    code, _, err = run(capsys, "import", DEFAULT_DATASET, "--out", out)
    assert code == 2 and "exists; use --force" in err and out.read_text(encoding="utf-8") == "precious"
    code, _, _ = run(capsys, "import", DEFAULT_DATASET, "--out", out, "--force")
    assert code == 0 and json.loads(out.read_text(encoding="utf-8"))["dataset"]
    source = shutil.copy(DATA / "timeline.json", tmp_path / "timeline.json")
    before = Path(source).read_bytes()
    code, _, err = run(capsys, "import", source, "--out", source, "--force")
    assert code == 2 and "is what this command reads" in err and Path(source).read_bytes() == before


def test_import_of_an_unreadable_or_foreign_file(capsys, tmp_path):
    code, _, err = run(capsys, "import", tmp_path / "missing.csv", "--out", tmp_path / "x.json")
    assert code == 1 and "missing.csv: file not found" in err
    (tmp_path / "notes.txt").write_text("just some notes\nnothing tabular", encoding="utf-8")
    code, _, err = run(capsys, "import", tmp_path / "notes.txt", "--out", tmp_path / "x.json")
    assert code == 1 and "not a format this app reads" in err and not (tmp_path / "x.json").exists()


@pytest.mark.parametrize("fmt, check", [
    ("xlsx", lambda p: p.read_bytes()[:2] == b"PK"),
    ("kml", lambda p: "<kml" in p.read_text(encoding="utf-8")),
    ("timelinejs", lambda p: json.loads(p.read_text(encoding="utf-8"))["events"]),
    ("geojson", lambda p: json.loads(p.read_text(encoding="utf-8"))["type"] == "FeatureCollection"),
    ("json", lambda p: json.loads(p.read_text(encoding="utf-8"))["events"]),
])
def test_export_data_formats(capsys, tmp_path, fmt, check):
    out = tmp_path / f"out.{fmt}"
    code, _, err = run(capsys, "export-data", "--format", fmt, "--out", out)
    assert code == 0, err
    assert check(out)
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]      # no temporary file left behind


def test_export_csv_writes_the_sheets_beside_each_other_and_they_reopen(capsys, tmp_path):
    out = tmp_path / "interwar.csv"
    code, _, err = run(capsys, "export-data", "--format", "csv", "--out", out)
    assert code == 0, err
    assert len(list(tmp_path.iterdir())) == 9 and (tmp_path / "interwar.links.csv").exists()
    code, stdout, _ = run(capsys, "validate", tmp_path)            # one dataset, not nine files
    assert code == 0 and stdout.splitlines() == [f"{out}: ok (Treaty Explorer sheets (CSV))"]
    (tmp_path / "interwar.places.csv").unlink()
    (tmp_path / "again.places.csv").write_text("taken", encoding="utf-8")
    code, _, err = run(capsys, "export-data", "--format", "csv", "--out", tmp_path / "again.csv")
    assert code == 2 and "again.places.csv exists" in err and not (tmp_path / "again.csv").exists()
    code, _, err = run(capsys, "export-data", "--format", "csv")
    assert code == 2 and "give --out" in err


def test_export_never_writes_over_its_input_or_an_existing_file(capsys, tmp_path):
    book = tmp_path / "book.xlsx"
    assert run(capsys, "export-data", "--format", "xlsx", "--out", book)[0] == 0
    before = book.read_bytes()
    code, _, err = run(capsys, "export-data", "--format", "xlsx", "--out", book)
    assert code == 2 and "exists; use --force" in err
    code, _, err = run(capsys, "export-data", "--data", book, "--format", "xlsx", "--out", book, "--force")
    assert code == 2 and "is what this command reads" in err and book.read_bytes() == before
    code, _, err = run(capsys, "export-data", "--data", book, "--format", "kml", "--out", tmp_path / "x.kml")
    assert code == 0, err     # --data reads the workbook back
    code, _, err = run(capsys, "export-data", "--format", "json", "--out", tmp_path / "no-dir" / "x.json")
    assert code == 2 and "does not exist" in err


def test_export_from_a_timelinejs_sheet(capsys, tmp_path):
    code, stdout, err = run(capsys, "export-data", "--data", DATA / "timeline.csv", "--format", "timelinejs")
    assert code == 0
    slides = json.loads(stdout)["events"]
    assert {"Treaty of Rapallo", "Treaty of Berlin"} <= {s["text"]["headline"] for s in slides}
    assert "row 9" in err         # what was left out is said, on stderr


def test_validate_a_folder_names_each_file(capsys, tmp_path):
    shutil.copy(DEFAULT_DATASET, tmp_path / "good.json")
    shutil.copy(DATA / "timeline.csv", tmp_path / "sheet.csv")
    (tmp_path / "notes.md").write_text("not a dataset", encoding="utf-8")
    code, stdout, err = run(capsys, "validate", tmp_path)
    assert code == 1
    assert f"{tmp_path / 'good.json'}: ok" in stdout
    assert f"{tmp_path / 'sheet.csv'}: row 9, field 'Year'" in err and "notes.md" not in stdout + err


def _file(folder: Path, name: str, text: str) -> Path:
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


@pytest.mark.parametrize("make, words", [
    (lambda d: d / "missing.json", "missing.json: file not found"),
    (lambda d: d, "a folder with no dataset files"),
    (lambda d: _file(d, "empty.json", ""), "empty.json: the file is empty"),
    (lambda d: _file(d, "bad.json", '{\n  "a": \n}'), "bad.json:3: not valid JSON"),
])
def test_validate_says_in_words_what_is_wrong_with_a_path(capsys, tmp_path, make, words):
    code, _, err = run(capsys, "validate", make(tmp_path))
    assert code == 1 and words in err


def test_unreadable_file_in_words(capsys, tmp_path, monkeypatch):
    path = tmp_path / "locked.json"
    path.write_text("{}", encoding="utf-8")
    real = builtins.open

    def denied(file, *args, **kwargs):            # as root, a mode of 000 would not stop the read
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied", str(file))
        return real(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", denied)
    code, _, err = run(capsys, "validate", path)
    assert code == 1 and "locked.json: cannot be read: permission denied" in err


def test_data_of_a_folder_is_a_clear_error(capsys, tmp_path):
    code, _, err = run(capsys, "export-data", "--data", tmp_path)
    assert code == 2 and "is a folder, not a file" in err


def test_validate_still_reports_our_format_by_line(capsys):
    broken = Path(__file__).parent / "data" / "broken" / "impossible_date.json"
    code, _, err = run(capsys, "validate", broken)
    assert code == 1 and f"{broken}:" in err and "event 'rapallo-1922', field 'date'" in err


@pytest.mark.parametrize("name", ["timeline.csv", "timeline.json", "storymap.json", "events.geojson",
                                  "places.lpf.json", "full_format.json"])
def test_what_import_writes_is_valid_in_our_format(capsys, tmp_path, name):
    out = tmp_path / "imported.json"
    code, _, err = run(capsys, "import", DATA / name, "--out", out)
    assert code in (0, 1) and out.exists(), err
    code, stdout, err = run(capsys, "validate", out)
    assert code == 0 and stdout.strip() == f"{out}: ok", err


def test_the_json_reading_copy_says_what_it_is_and_what_to_open(capsys, tmp_path):
    copy = tmp_path / "copy.json"
    assert run(capsys, "export-data", "--format", "json", "--out", copy)[0] == 0
    code, out, err = run(capsys, "validate", copy)
    assert code == 1 and "reading copy" in out + err and "--format xlsx" in out + err


def test_validate_parses_a_broken_dataset_once(capsys, tmp_path, monkeypatch):
    """`explorer validate` on our format with problems: the file is parsed once (the format check's parse is
    the loader's too) and never a second time for a document nobody uses; every problem still has its line."""
    import orjson

    raw = json.loads(DEFAULT_DATASET.read_text("utf-8"))
    for event in raw["events"][:3]:
        event["date"] = "1931-02-30"
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(raw, indent=2, ensure_ascii=False), "utf-8")
    calls = []
    real = orjson.loads
    monkeypatch.setattr(orjson, "loads", lambda data: calls.append(len(data)) or real(data))
    monkeypatch.setattr(json, "loads", lambda *a, **k: pytest.fail("parsed a second time with json"))
    code, out, err = run(capsys, "validate", broken)
    assert code == 1 and err.count("is impossible: February 1931 has 28 days") == 3
    import re

    assert all(re.match(rf"{re.escape(str(broken))}:\d+: event ", line)
               for line in err.splitlines() if "impossible" in line)
    assert len(calls) == 1
