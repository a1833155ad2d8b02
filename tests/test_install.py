"""The installed package, as pip, pipx and ``uv tool`` install it: a wheel is built from this tree, installed
into a fresh venv outside the source tree, and the ``explorer`` command there validates and exports the
shipped dataset, takes a headless snapshot and copies the kiosk example, finding everything through
``importlib.resources``. The test venv's site-packages are appended to the new venv's path (a ``.pth``
file) so that its dependencies need no download; the package itself comes only from the wheel."""

import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]

pytestmark = pytest.mark.slow


def _tracked_package_files() -> list[str]:
    """Every file of the package that is not Python source: what the wheel must carry."""
    try:
        listed = subprocess.run(["git", "ls-files", "explorer"], cwd=ROOT, capture_output=True, text=True,
                                check=True).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        listed = [str(p.relative_to(ROOT)) for p in (ROOT / "explorer").rglob("*") if p.is_file()]
    return sorted(name for name in listed if not name.endswith((".py", ".pyc")) and "__pycache__" not in name)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """A wheel built from this tree, as ``pip install .`` builds it."""
    out = tmp_path_factory.mktemp("wheel")
    run = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(ROOT)],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    (built,) = out.glob("treaty_explorer-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """A fresh venv outside the source tree with the wheel installed; its ``bin`` folder."""
    venv = tmp_path_factory.mktemp("venv") / "env"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    new_python = venv / "bin" / "python"
    site = Path(subprocess.run([str(new_python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    # The dependencies, from the test venv. A path line in a .pth file is only added to sys.path: the .pth
    # files inside that folder (the editable install of this tree among them) are not run.
    (site / "test-venv-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    run = subprocess.run([sys.executable, "-m", "pip", "--python", str(new_python), "install", "--no-deps",
                          "--no-index", "--quiet", str(wheel)], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    return venv / "bin"


def _env(**extra) -> dict:
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "PYTHONHOME")}
    env.update({"QT_QPA_PLATFORM": "offscreen", **extra})
    return env


def _explorer(bin_dir: Path, cwd: Path, *args, **env) -> subprocess.CompletedProcess:
    return subprocess.run([str(bin_dir / "explorer"), *args], cwd=cwd, capture_output=True, text=True,
                          env=_env(**env), timeout=180)


def test_the_wheel_carries_every_file_the_package_reads(wheel):
    """Every tracked non-Python file under explorer/ (dataset, base map, borders, scripts, schemas, icon,
    kiosk example, catalogues) is in the wheel: a new asset that the package-data patterns miss fails here."""
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = _tracked_package_files()
    assert "explorer/data/interwar.json" in expected and "explorer/kiosk/kiosk.example.toml" in expected
    assert [name for name in expected if name not in names] == []


def test_the_installed_package_is_the_wheel_not_the_source_tree(installed, tmp_path):
    """The ``explorer`` package and its files are found in the new venv, not in this checkout."""
    code = ("import explorer, explorer.resources as r; "
            "print(explorer.__file__); print(r.DEFAULT_DATASET); print(r.KIOSK_EXAMPLE.is_file())")
    run = subprocess.run([str(installed / "python"), "-c", code], cwd=tmp_path, capture_output=True, text=True,
                         env=_env())
    assert run.returncode == 0, run.stderr
    module, dataset, kiosk = run.stdout.split()
    venv = installed.parent
    assert Path(module).is_relative_to(venv) and Path(dataset).is_relative_to(venv), run.stdout
    assert not Path(module).is_relative_to(ROOT)
    assert kiosk == "True"


def test_validate_and_export_from_the_installed_command(installed, tmp_path):
    """``explorer validate`` passes on the shipped dataset and ``export-data --format geojson`` writes it."""
    run = _explorer(installed, tmp_path, "validate")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "interwar.json" in run.stdout + run.stderr
    run = _explorer(installed, tmp_path, "export-data", "--format", "geojson", "--out", "interwar.geojson")
    assert run.returncode == 0, run.stdout + run.stderr
    document = json.loads((tmp_path / "interwar.geojson").read_text(encoding="utf-8"))
    points = [f for f in document["features"] if f["geometry"]["type"] == "Point"]
    assert document["type"] == "FeatureCollection" and len(points) >= 80
    assert any(f["properties"].get("id") == "rapallo-1922" for f in points)


def test_headless_snapshot_from_the_installed_command(installed, tmp_path):
    """A snapshot from the installed command: a PNG of the map (base map and markers drawn, so the page's
    scripts and the base map were found in the installed package), and a quiet stderr."""
    from PIL import Image

    run = _explorer(installed, tmp_path, "snapshot", "--event", "rapallo-1922", "--size", "960x540", "--out", "r.png",
                    EXPLORER_CACHE_DIR=str(tmp_path / "cache"))
    assert run.returncode == 0, run.stdout + run.stderr
    image = Image.open(tmp_path / "r.png").convert("RGB")
    assert image.size == (960, 540)
    colours = image.getcolors(maxcolors=1 << 20)
    assert colours is not None and len(colours) > 200, "the snapshot is nearly blank"
    assert "GPUInfo" not in run.stderr and "QRhiGles2" not in run.stderr, run.stderr
    assert run.stderr.strip() == "" or "wrote" in run.stderr, run.stderr


def test_kiosk_example_from_the_installed_command(installed, tmp_path):
    """``explorer kiosk-example --out`` writes the shipped example; it never overwrites without --force."""
    run = _explorer(installed, tmp_path, "kiosk-example", "--out", "kiosk.toml")
    assert run.returncode == 0, run.stderr
    assert "[idle]" in (tmp_path / "kiosk.toml").read_text(encoding="utf-8")
    again = _explorer(installed, tmp_path, "kiosk-example", "--out", "kiosk.toml")
    assert again.returncode == 2 and "--force" in again.stderr


def test_the_bundle_entry_answers_like_python(tmp_path):
    """tools/build_bundle.py's entry script: ``-m module`` and ``-c program`` run as Python runs them (the
    doctor's probe and the stderr filter are started that way), anything else is the explorer command line."""
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import build_bundle
    finally:
        sys.path.remove(str(ROOT / "tools"))
    entry = tmp_path / "entry.py"
    entry.write_text(build_bundle.ENTRY, encoding="utf-8")

    def run(*args):
        done = subprocess.run([sys.executable, str(entry), *args], capture_output=True, text=True, cwd=tmp_path,
                              env=_env(), timeout=120)
        assert done.returncode == 0, done.stderr
        return done.stdout

    assert run("-c", "import sys; print(sys.argv)", "a", "b").strip() == "['-c', 'a', 'b']"
    assert run("-m", "explorer", "--version").startswith("explorer ")
    assert run("--version").startswith("explorer ")
    assert '"webengine"' in run("-m", "explorer.qt.doctor_probe")
