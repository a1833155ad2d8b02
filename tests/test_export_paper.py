"""Exports that are what they say (issue 19): A4 and A3 PDFs of their real size with title and author, PNGs
that say 300 dpi, from the renderer, the command line and the dialog; the dialog remembers its choices,
proposes <event-id>-<date>.<ext> in the last folder and announces what it wrote."""

import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from explorer.snapshot.spec import SnapshotSpec, paper_pixels

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "data" / "mini.json"


def png_dpi(path: Path) -> tuple[float, float] | None:
    """The resolution a PNG declares in its pHYs chunk (None without one)."""
    data = path.read_bytes()
    at = data.find(b"pHYs")
    if at < 0:
        return None
    x, y, unit = struct.unpack(">IIB", data[at + 4:at + 13])
    assert unit == 1                                     # per metre
    return x * 0.0254, y * 0.0254


def test_paper_sizes_and_their_labels():
    assert paper_pixels("a4") == (3508, 2480) and paper_pixels("a3") == (4961, 3508)
    assert SnapshotSpec(paper="a4").size == (3508, 2480)
    assert SnapshotSpec(paper="a3").pdf_points == (1191, 842)
    assert SnapshotSpec(size=(1920, 1080)).pdf_points == (960, 540)
    with pytest.raises(ValueError):
        SnapshotSpec(paper="letter")


@pytest.fixture(scope="module")
def renderer(web_context):
    from explorer.model import load_dataset
    from explorer.snapshot.qt.renderer import SnapshotRenderer

    r = SnapshotRenderer(load_dataset(MINI), web_context)
    yield r
    r.close()


@pytest.mark.parametrize("paper, points", [("a4", (842, 595)), ("a3", (1191, 842))])
def test_paper_pdfs_measure_their_size_in_points_and_stay_vector(renderer, tmp_path, paper, points):
    import pypdf

    path = renderer.save(SnapshotSpec(paper=paper, event="rapallo-1922"), tmp_path / f"{paper}.pdf")
    reader = pypdf.PdfReader(path)
    box = reader.pages[0].mediabox
    assert float(box.width) == pytest.approx(points[0], abs=1)
    assert float(box.height) == pytest.approx(points[1], abs=1)
    meta = reader.metadata
    assert meta.title == "Treaty of Rapallo (German–Soviet) · 16 April 1922 · Rapallo"
    assert meta.author == "Written for the tests" and meta.subject == "Mini test dataset"
    assert meta.creator.startswith("Treaty Explorer")
    text = reader.pages[0].extract_text()
    assert "Treaty of Rapallo" in text and "Natural Earth" in text
    assert len(reader.pages[0].images) == 0, "the map should stay vector"
    # Scaled onto the paper, the map still fills the page: land and sea across it, the caption's text in it.
    from PySide6.QtCore import QSize
    from PySide6.QtPdf import QPdfDocument

    doc = QPdfDocument()
    doc.load(str(path))
    image = doc.render(0, QSize(842, 595))
    assert image.pixelColor(836, 300).name() != "#ffffff", "the right edge of the page is empty"
    assert image.pixelColor(421, 589).name() != "#ffffff", "the bottom edge of the page is empty"


def test_the_caption_is_opaque(renderer):
    renderer.render_image(SnapshotSpec(size=(1280, 720), event="rapallo-1922"))
    colour = renderer.view.evaluate("getComputedStyle(document.querySelector('.tm-caption')).backgroundColor")
    assert colour == "rgb(255, 255, 255)"


def test_a_paper_png_says_300_dpi_and_a_screen_png_does_not(renderer, tmp_path):
    paper = renderer.save(SnapshotSpec(paper="a4", caption=False), tmp_path / "a4.png")
    from PIL import Image

    with Image.open(paper) as image:
        assert image.size == (3508, 2480)
    assert png_dpi(paper) == pytest.approx((300, 300), abs=0.1)
    screen = renderer.save(SnapshotSpec(size=(640, 360), caption=False), tmp_path / "screen.png")
    assert png_dpi(screen) is None or png_dpi(screen)[0] < 150


def run_cli(*args):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "explorer", *args], capture_output=True, text=True, cwd=ROOT,
                          env=env, timeout=180)


def test_cli_a4_and_a3_pdfs_are_their_paper(tmp_path):
    import pypdf

    sizes = {}
    for paper in ("a4", "a3"):
        out = tmp_path / f"{paper}.pdf"
        run = run_cli("snapshot", "--data", str(MINI), "--event", "berlin-1926", "--size", paper.upper(),
                      "--out", str(out))
        assert run.returncode == 0, run.stderr
        box = pypdf.PdfReader(out).pages[0].mediabox
        sizes[paper] = (round(float(box.width)), round(float(box.height)))
        assert pypdf.PdfReader(out).metadata.title.startswith("Treaty of Berlin")
    assert sizes == {"a4": (842, 595), "a3": (1191, 842)}


# --- the dialog -----------------------------------------------------------------------------------------
@pytest.fixture
def window(open_window, mini):
    return open_window(mini, (1100, 760))


def test_the_dialog_exports_a4_pdf_remembers_and_proposes_a_name(window, qtbot, tmp_path):
    import pypdf

    from explorer.desktop.qt.export_dialog import ExportDialog

    window.state.select("rapallo-1922")
    dialog = ExportDialog(window.state, window.map_view, window, settings=window.settings)
    qtbot.addWidget(dialog)
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("pdf"))
    dialog.size_box.setCurrentIndex(dialog.size_box.findData("A4 landscape"))
    assert dialog.size_box.currentText() == "A4 landscape (297 × 210 mm)"
    assert not dialog.width_box.isEnabled()
    (tmp_path / "lesson").mkdir()
    dialog.path_edit.setText(str(tmp_path / "lesson" / "rapallo"))
    written = dialog.export()
    assert written == tmp_path / "lesson" / "rapallo.pdf"
    box = pypdf.PdfReader(written).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)
    # The next time: the same format and size, and <event-id>-<date>.pdf in the folder used last.
    window.state.select("berlin-1926")
    again = ExportDialog(window.state, window.map_view, window, settings=window.settings)
    qtbot.addWidget(again)
    assert again.fmt == "pdf" and again.size_box.currentData() == "A4 landscape"
    assert Path(again.path_edit.text()) == tmp_path / "lesson" / "berlin-1926-1926-04-24.pdf"
    window.state.select(None)
    assert again.default_name("png") == f"map-{window.state.date.isoformat()}.png"


def test_ctrl_e_then_export_announces_the_file_with_show_in_folder(window, qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QDesktopServices

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url) or True))
    window.state.select("berlin-1926")
    window.search_box.setFocus()
    qtbot.waitUntil(window.search_box.hasFocus, timeout=2000)
    qtbot.keyClick(window.search_box, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = window.export_dialog
    assert dialog.isVisible()
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("png"))
    dialog.size_box.setCurrentIndex(0)                     # window size: quick
    dialog.path_edit.setText(str(tmp_path / "berlin.png"))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=20000)
    assert (tmp_path / "berlin.png").exists()
    assert "berlin.png" in window.statusBar().currentMessage()
    button = window.show_in_folder
    assert button.isVisible() and button.text() == "Show in folder"
    button.click()
    assert opened and opened[0].toLocalFile() == str(tmp_path)
