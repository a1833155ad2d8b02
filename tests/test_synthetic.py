"""The synthetic dataset generator (no Qt): valid, deterministic, realistic enough, and its command."""

import json
import subprocess
import sys

import pytest

from explorer.bench.synthetic import dumps, generate
from explorer.model.loader import check_text
from explorer.model.relations import RELATIONS


@pytest.mark.parametrize("n", [1, 40, 1000])
def test_generated_datasets_pass_every_validation_rule(n):
    dataset, problems = check_text(dumps(generate(n, seed=3)), f"synthetic-{n}.json")
    assert problems == []
    assert len(dataset.events) == n


def test_same_seed_same_dataset_other_seed_other_dataset():
    assert dumps(generate(300, seed=5)) == dumps(generate(300, seed=5))
    assert generate(300, seed=5)["events"] != generate(300, seed=6)["events"]


def test_dataset_has_links_eras_capitals_and_spread_in_space_and_time():
    data = generate(2000, seed=1)
    dataset, problems = check_text(dumps(data), "synthetic.json")
    assert problems == []
    assert len(dataset.links) > 1000
    assert {link.relation for link in dataset.links} == set(RELATIONS)
    assert len(dataset.eras) >= 5
    parties = {p for e in dataset.events for p in e.parties}
    assert len(parties) > 20
    assert parties <= set(dataset.capitals_by_party), "every party has a capital to draw a line to"
    assert {e.kind for e in dataset.events} == set(dataset.kinds) and len(dataset.kinds) == 7
    years = [e.start.year for e in dataset.events]
    assert min(years) < 1905 and max(years) > 1995
    lats = [dataset.place_of(e).lat for e in dataset.events]
    lons = [dataset.place_of(e).lon for e in dataset.events]
    assert 34 <= min(lats) and max(lats) <= 72 and -25 <= min(lons) and max(lons) <= 45
    precisions = {e.date.precision for e in dataset.events}
    assert precisions == {"day", "month", "year"}
    assert any(e.end_date for e in dataset.events)
    assert sum(bool(dataset.links_of(e.id)) for e in dataset.events) > len(dataset.events) / 2


def test_generate_command_writes_a_file_that_validate_accepts(tmp_path):
    out = tmp_path / "synthetic.json"
    run = subprocess.run([sys.executable, "-m", "explorer", "generate", "--events", "250", "--seed", "9",
                          "--out", str(out)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert len(json.loads(out.read_text(encoding="utf-8"))["events"]) == 250
    assert [p.name for p in tmp_path.iterdir()] == ["synthetic.json"]   # written atomically, nothing left over
    check = subprocess.run([sys.executable, "-m", "explorer", "validate", str(out)], capture_output=True,
                           text=True, timeout=120)
    assert check.returncode == 0, check.stderr
    assert check.stdout.strip() == f"{out}: ok"


def test_generate_command_refuses_a_nonsense_count(tmp_path):
    run = subprocess.run([sys.executable, "-m", "explorer", "generate", "--events", "0", "--out",
                          str(tmp_path / "x.json")], capture_output=True, text=True, timeout=120)
    assert run.returncode == 2
    assert "at least 1" in run.stderr
    assert not (tmp_path / "x.json").exists()
