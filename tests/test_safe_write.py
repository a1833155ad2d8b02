"""No command writes over a file it reads, a read-only file, or an existing file without --force (issue 10)."""

import os
import shutil
import stat

import pytest

from explorer.cli import main
from explorer.safe_write import TargetRefused, check_target, write_text_atomic


@pytest.fixture
def dataset_copy(tmp_path, mini_path):
    path = tmp_path / "index.json"          # a dataset named like the index that snapshot --all writes
    shutil.copy(mini_path, path)
    return path


def test_an_input_is_refused_even_with_force(tmp_path, dataset_copy):
    for force in (False, True):
        with pytest.raises(TargetRefused, match="what this command reads"):
            check_target(dataset_copy, inputs=[dataset_copy], force=force)
    # ... also when written another way, or through a link.
    with pytest.raises(TargetRefused, match="what this command reads"):
        check_target(tmp_path / "." / "index.json", inputs=[dataset_copy], force=True)
    link = tmp_path / "link.json"
    link.symlink_to(dataset_copy)
    with pytest.raises(TargetRefused, match="what this command reads"):
        check_target(link, inputs=[dataset_copy], force=True)


def test_existing_read_only_folders_and_missing_folders(tmp_path):
    existing = tmp_path / "old.png"
    existing.write_bytes(b"mine")
    with pytest.raises(TargetRefused, match="use --force"):
        check_target(existing)
    check_target(existing, force=True)
    existing.chmod(stat.S_IRUSR)            # (as root too, who could write it: the user said read-only)
    with pytest.raises(TargetRefused, match="read-only"):
        check_target(existing, force=True)
    with pytest.raises(PermissionError):
        write_text_atomic(existing, "replaced")
    assert existing.read_bytes() == b"mine" and not existing.stat().st_mode & 0o222
    with pytest.raises(TargetRefused, match="is a folder"):
        check_target(tmp_path)
    with pytest.raises(TargetRefused, match="does not exist"):
        check_target(tmp_path / "nowhere" / "x.png")
    check_target(tmp_path / "new.png")


def _run(capsys, *argv):
    code = main(list(argv))
    return code, capsys.readouterr().err


def test_snapshot_never_writes_over_its_dataset(capsys, dataset_copy):
    before = dataset_copy.read_bytes()
    code, err = _run(capsys, "snapshot", "--data", str(dataset_copy), "--all", "--out-dir", str(dataset_copy.parent),
                     "--force")
    assert code == 2 and "index.json is what this command reads" in err
    # A dataset is recognised by its content, whatever its name: even one called like an HTML export.
    odd = dataset_copy.rename(dataset_copy.with_suffix(".html"))
    code, err = _run(capsys, "snapshot", "--data", str(odd), "--event", "rapallo-1922", "--out", str(odd), "--force")
    assert code == 2 and "is what this command reads" in err
    assert odd.read_bytes() == before


def test_snapshot_and_animate_keep_existing_files_without_force(capsys, mini_path, tmp_path):
    for name, command in (("old.png", ["snapshot", "--event", "rapallo-1922"]), ("old.gif", ["animate"])):
        target = tmp_path / name
        target.write_bytes(b"mine")
        code, err = _run(capsys, *command, "--data", str(mini_path), "--out", str(target))
        assert code == 2 and f"{target} exists; use --force" in err
        assert target.read_bytes() == b"mine"


def test_generate_keeps_an_existing_file(capsys, tmp_path):
    target = tmp_path / "data.json"
    target.write_text("mine")
    code, err = _run(capsys, "generate", "--events", "3", "--out", str(target))
    assert code == 2 and "use --force" in err and target.read_text() == "mine"
    assert _run(capsys, "generate", "--events", "3", "--out", str(target), "--force")[0] == 0
    assert target.read_text() != "mine"
