"""Map snapshots, checked on real pixels: PNG, PDF and standalone HTML, the CLI, animation and the dialog."""

import datetime as dt
import json
import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl

from explorer.snapshot.spec import SnapshotSpec, caption_for, format_for, parse_center, parse_size
from explorer.webmap.page import KIND_COLORS, js_call

ROOT = Path(__file__).parents[1]
BERLIN, MOSCOW, ROME = (52.52, 13.405), (55.7558, 37.6173), (41.9028, 12.4964)
TEXT_DARK = 80       # the caption's text is #111; anti-aliased glyph cores stay well below this


# --- the spec (no Qt) -------------------------------------------------------------------------------------
def test_parse_size_and_center():
    assert parse_size("3840x2160") == (3840, 2160)
    assert parse_size(" 1920 × 1080 ") == (1920, 1080)
    assert parse_size("A4") == (3508, 2480) and parse_size("a3") == (4961, 3508)
    for bad in ("12x", "axb", "0x100", "100000x100", ""):
        with pytest.raises(ValueError, match="size|between"):
            parse_size(bad)
    assert parse_center("44.3, 9.2") == (44.3, 9.2)
    for bad, words in (("44.3", "LAT,LON"), ("x,y", "LAT,LON"), ("91,0", "latitude"), ("0,181", "longitude")):
        with pytest.raises(ValueError, match=words):
            parse_center(bad)
    assert [format_for(p) for p in ("a.png", "b.PDF", "c.html")] == ["png", "pdf", "html"]
    with pytest.raises(ValueError, match=r"\.png, \.pdf or \.html"):
        format_for("x.jpg")


def test_zoom_factor_keeps_the_view_framing():
    assert SnapshotSpec(size=(3840, 2160)).zoom_factor == 3
    assert SnapshotSpec(size=(3840, 2160)).css_size == (1280, 720)
    a4 = SnapshotSpec(size=(3508, 2480))
    assert a4.css_size[0] == pytest.approx(1280) and a4.css_size[1] > 720      # taller page: more north-south
    assert SnapshotSpec(size=(8000, 8000), view_size=(640, 360)).zoom_factor == 5  # QtWebEngine's limit


def test_caption_content(mini):
    spec = SnapshotSpec(event="rapallo-1922", kinds=("treaty", "military"))
    caption = caption_for(mini, spec)
    assert caption["title"] == "Mini test dataset"
    assert caption["date"] == "16 April 1922"
    assert caption["event"].startswith("Treaty of Rapallo") and "16 April 1922" in caption["event"]
    assert caption["event"].endswith("Rapallo")
    assert caption["kinds"] == ["treaty", "military"]
    assert "Natural Earth" in caption["credit"]
    assert caption_for(mini, SnapshotSpec(date=dt.date(1925, 1, 1)))["date"] == "1 January 1925"


# --- rendering ------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def renderer(web_context):
    from explorer.model import load_dataset
    from explorer.snapshot.qt.renderer import SnapshotRenderer

    r = SnapshotRenderer(load_dataset(ROOT / "tests" / "data" / "mini.json"), web_context)
    yield r
    r.close()


def project(renderer, lat, lon, factor):
    """Where a place is in the last rendered image, in image pixels."""
    x, y = renderer.view.evaluate(f"TreatyMap.project({lat}, {lon})")
    return x * factor, y * factor


def near_colour(image, x, y, colour, radius, tolerance=28) -> int:
    """How many pixels within ``radius`` of (x, y) are within ``tolerance`` of ``colour`` in each channel."""
    from PySide6.QtGui import QColor

    want = QColor(colour)
    found = 0
    for py in range(max(0, int(y - radius)), min(image.height(), int(y + radius) + 1)):
        for px in range(max(0, int(x - radius)), min(image.width(), int(x + radius) + 1)):
            c = image.pixelColor(px, py)
            if (abs(c.red() - want.red()) <= tolerance and abs(c.green() - want.green()) <= tolerance
                    and abs(c.blue() - want.blue()) <= tolerance):
                found += 1
    return found


def land_colours(renderer) -> set[str]:
    """The base map's land colour and the period states' fills."""
    return {"#f2ede1", *renderer.view.evaluate(
        "TreatyMap._.BORDER_PALETTE.concat(TreatyMap._.BORDER_PALE, [TreatyMap._.LAND_BEYOND])")}


def colours(image, step=23) -> set[str]:
    return {image.pixelColor(x, y).name() for x in range(0, image.width(), step) for y in range(0, image.height(), step)}


def test_png_has_the_asked_size_base_map_and_selected_marker(renderer):
    spec = SnapshotSpec(size=(1920, 1080), event="berlin-1926", caption=False)
    image = renderer.render_image(spec)
    assert (image.width(), image.height()) == (1920, 1080)
    seen = colours(image)
    assert "#b7d0dc" in seen and len(land_colours(renderer) & seen) >= 3, "sea or land colour missing: no base map"
    assert len(seen) > 20
    assert renderer.view.page_state()["selected"] == "berlin-1926"
    factor = spec.zoom_factor
    x, y = project(renderer, *BERLIN, factor)
    assert near_colour(image, x, y, KIND_COLORS["treaty"], radius=8 * factor) > 20, "no treaty marker at Berlin"
    x, y = project(renderer, *ROME, factor)
    assert near_colour(image, x, y, KIND_COLORS["treaty"], radius=8 * factor) == 0, "a marker where none should be"


def test_4k_uses_the_same_framing_as_the_window_size(renderer):
    from PySide6.QtCore import Qt

    small_spec = SnapshotSpec(size=(1280, 720), event="rapallo-1922")
    small = renderer.render_image(small_spec)
    small_places = [project(renderer, *p, 1) for p in (BERLIN, MOSCOW)]
    big_spec = SnapshotSpec(size=(3840, 2160), event="rapallo-1922")
    big = renderer.render_image(big_spec)
    assert (big.width(), big.height()) == (3840, 2160)
    big_places = [project(renderer, *p, 3) for p in (BERLIN, MOSCOW)]
    for (xs, ys), (xb, yb) in zip(small_places, big_places):
        assert abs(xs * 3 - xb) <= 3 and abs(ys * 3 - yb) <= 3
    # And in the pixels: scaled down, the 4K picture is the 1280×720 one, only sharper.
    down = big.scaled(1280, 720, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation)
    assert mean_difference(small, down) < 12


def mean_difference(a, b, step=7) -> float:
    total = count = 0
    for y in range(0, a.height(), step):
        for x in range(0, a.width(), step):
            ca, cb = a.pixelColor(x, y), b.pixelColor(x, y)
            total += abs(ca.red() - cb.red()) + abs(ca.green() - cb.green()) + abs(ca.blue() - cb.blue())
            count += 3
    return total / count


def caption_rect(renderer, factor):
    r = renderer.view.evaluate("(document.querySelector('.tm-caption').getBoundingClientRect())")
    return [round(v * factor) for v in (r["left"], r["top"], r["right"], r["bottom"])]


def test_caption_is_drawn_sized_for_the_output(renderer):
    for size in ((1280, 720), (3840, 2160)):
        spec = SnapshotSpec(size=size, event="rapallo-1922")
        image = renderer.render_image(spec)
        left, top, right, bottom = caption_rect(renderer, spec.zoom_factor)
        assert right - left > 0.25 * size[0], "the caption should scale with the output"
        assert 0 <= left and right <= size[0] and 0 <= top and bottom <= size[1], "caption cut off"
        dark = sum(1 for y in range(top, bottom, 2) for x in range(left, right, 2)
                   if max(image.pixelColor(x, y).getRgb()[:3]) < TEXT_DARK)
        assert dark > 200 * spec.zoom_factor ** 2 / 4
        # It does not hide the selected event's place.
        x, y = project(renderer, 44.35, 9.23, spec.zoom_factor)
        assert not (left <= x <= right and top <= y <= bottom)
    renderer.render_image(SnapshotSpec(size=(1280, 720), event="rapallo-1922", caption=False))
    assert renderer.view.evaluate("getComputedStyle(document.querySelector('.tm-caption')).display") == "none"


def test_snapshot_is_not_stale_after_a_change(renderer):
    """Two snapshots in a row with different dates: the second shows the second date, never the first."""
    early = renderer.render_image(SnapshotSpec(size=(1280, 720), caption=False, date=dt.date(1918, 1, 1)))
    late = renderer.render_image(SnapshotSpec(size=(1280, 720), caption=False, date=dt.date(1926, 6, 1)))
    x, y = project(renderer, *BERLIN, 1)
    assert near_colour(early, x, y, KIND_COLORS["treaty"], radius=8) == 0
    assert near_colour(late, x, y, KIND_COLORS["treaty"], radius=8) > 10


def test_pdf_is_vector_and_holds_the_caption(renderer, tmp_path):
    import pypdf

    path = renderer.save(SnapshotSpec(size=(3840, 2160), event="rapallo-1922"), tmp_path / "rapallo.pdf")
    assert [p.name for p in tmp_path.iterdir()] == ["rapallo.pdf"]
    reader = pypdf.PdfReader(path)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert float(box.width) / float(box.height) == pytest.approx(16 / 9, rel=0.01)
    text = reader.pages[0].extract_text()
    assert "Mini test dataset" in text and "Treaty of Rapallo" in text and "Natural Earth" in text
    assert len(reader.pages[0].images) == 0, "the map should stay vector"
    # And it renders: land and sea are there.
    from PySide6.QtCore import QSize
    from PySide6.QtPdf import QPdfDocument

    doc = QPdfDocument()
    doc.load(str(path))
    image = doc.render(0, QSize(960, 540))
    seen = colours(image, 11)
    assert "#b7d0dc" in seen and len(land_colours(renderer) & seen) >= 3


class _References(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("src", "href") and value:
                self.refs.append((tag, value))


def test_standalone_html_is_offline_and_shows_the_same_state(renderer, web_context, qtbot, tmp_path):
    from PySide6.QtWebEngineCore import QWebEnginePage
    from PySide6.QtWebEngineWidgets import QWebEngineView

    spec = SnapshotSpec(event="rapallo-1922", center=(47.0, 15.0), zoom=5)
    path = renderer.save(spec, tmp_path / "rapallo.html")
    html = path.read_text(encoding="utf-8")
    parser = _References()
    parser.feed(html)
    remote = [(tag, ref) for tag, ref in parser.refs if ref.startswith(("http:", "https:", "//"))]
    assert remote == []
    assert "qrc:" not in html and "explorer://" not in html
    # It opens with the network blocked and nothing tries to reach out.
    web_context.guard.blocked.clear()
    view = QWebEngineView()
    qtbot.addWidget(view)
    page = QWebEnginePage(web_context.profile, view)
    view.setPage(page)
    url = web_context.handler.add_page("standalone-test.html", html)
    with qtbot.waitSignal(view.loadFinished, timeout=20000):
        view.load(QUrl(url))
    state = {}

    def read(value):
        state.update(json.loads(value) if value else {})

    def ready() -> bool:
        page.runJavaScript("window.TreatyMap && TreatyMap.ready ? JSON.stringify(TreatyMap.state()) : ''", 0, read)
        return bool(state.get("ready"))

    qtbot.waitUntil(ready, timeout=10000)
    assert state["selected"] == "rapallo-1922" and state["date"] == "1922-04-16"
    assert state["zoom"] == 5 and abs(state["center"][0] - 47.0) < 0.01
    assert state["bridge"] is False
    caption = []
    page.runJavaScript("document.querySelector('.tm-caption').textContent", 0, caption.append)
    qtbot.waitUntil(lambda: bool(caption), timeout=5000)
    assert "Mini test dataset" in caption[0] and "Treaty of Rapallo" in caption[0]
    assert web_context.guard.blocked == []
    web_context.handler.remove_page("standalone-test.html")
    view.setPage(None)
    del page


# --- command line ---------------------------------------------------------------------------------------
def run_cli(*args, timeout=120):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "explorer", *args], capture_output=True, text=True, cwd=ROOT,
                          env=env, timeout=timeout)


MINI = str(ROOT / "tests" / "data" / "mini.json")


@pytest.mark.parametrize("args, words", [
    (["--event", "no-such-event", "--out", "{tmp}/x.png"], "no event 'no-such-event'"),
    (["--event", "rapallo-1922", "--size", "12x", "--out", "{tmp}/x.png"], "--size"),
    (["--center", "95,10", "--out", "{tmp}/x.png"], "--center"),
    (["--event", "rapallo-1922", "--out", "{tmp}/missing-folder/x.png"], "cannot write"),
    (["--event", "rapallo-1922", "--out", "{tmp}/file.txt/x.png"], "cannot write"),
    (["--event", "rapallo-1922", "--out", "{tmp}/x.jpg"], ".png, .pdf or .html"),
])
def test_cli_errors_are_clear(tmp_path, args, words):
    (tmp_path / "file.txt").write_text("a file, not a folder")
    run = run_cli("snapshot", "--data", MINI, *[a.format(tmp=tmp_path) for a in args])
    assert run.returncode == 2
    assert words in run.stderr and "Traceback" not in run.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.txt"]


def test_cli_snapshot_writes_a_png(tmp_path):
    from PIL import Image

    out = tmp_path / "rapallo.png"
    run = run_cli("snapshot", "--data", MINI, "--event", "rapallo-1922", "--size", "960x540", "--out", str(out))
    assert run.returncode == 0, run.stderr
    with Image.open(out) as image:
        assert image.size == (960, 540)
        assert len(image.convert("RGB").getcolors(maxcolors=1 << 20)) > 50


def test_cli_all_writes_every_event_and_an_index(tmp_path, mini):
    from PIL import Image

    out_dir = tmp_path / "all"
    run = run_cli("snapshot", "--data", MINI, "--all", "--size", "640x360", "--out-dir", str(out_dir))
    assert run.returncode == 0, run.stderr
    index = json.loads((out_dir / "index.json").read_text(encoding="utf-8"))
    assert [row["id"] for row in index] == [e.id for e in mini.events]
    assert index[3] == {"id": "rapallo-1922", "title": "Treaty of Rapallo (German–Soviet)", "date": "1922-04-16",
                        "file": "rapallo-1922.png"}
    assert (out_dir / "index.csv").read_text(encoding="utf-8").splitlines()[0] == "id,title,date,file"
    for row in index:
        with Image.open(out_dir / row["file"]) as image:
            assert image.size == (640, 360)
    assert "100%" in run.stderr          # the progress bar


def test_cli_animate_gif_and_mp4(tmp_path):
    import imageio.v2 as imageio
    from PIL import Image

    gif, mp4 = tmp_path / "a.gif", tmp_path / "a.mp4"
    for out in (gif, mp4):
        run = run_cli("animate", "--data", MINI, "--from", "1918-01-01", "--to", "1926-12-31", "--fps", "3",
                      "--duration", "1", "--size", "640x360", "--out", str(out))
        assert run.returncode == 0, run.stderr
    with Image.open(gif) as image:
        assert image.n_frames == 3 and image.size == (640, 360)
        image.seek(0)
        first = image.convert("RGB")
        image.seek(2)
        assert first.tobytes() != image.convert("RGB").tobytes(), "the frames should move through time"
    reader = imageio.get_reader(mp4)
    frames = [frame for frame in reader]
    reader.close()
    assert len(frames) == 3 and frames[0].shape == (360, 640, 3)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.gif", "a.mp4"]


# --- the dialog -----------------------------------------------------------------------------------------
@pytest.fixture
def window(open_window, mini):
    return open_window(mini, (1100, 760))


def test_dialog_exports_the_windows_view(window, qtbot, tmp_path):
    from PySide6.QtGui import QImage

    from explorer.desktop.qt.export_dialog import ExportDialog

    window.state.select("berlin-1926")
    window.map_view.call("setView", 50.0, 20.0, 5)
    qtbot.waitUntil(lambda: window.state.camera is not None and window.state.camera.zoom == 5, timeout=5000)
    # What the window shows, proven current by the page's frame stamp (a plain grab can be a frame old).
    serial = window.map_view.evaluate(js_call("setSnapshotMode", True))
    on_screen = window.map_view.grab_frame(serial)
    window.map_view.call("setSnapshotMode", False)
    dialog = ExportDialog(window.state, window.map_view, window)
    qtbot.addWidget(dialog)
    dialog.size_box.setCurrentIndex(0)           # window size
    dialog.caption_box.setChecked(False)
    dialog.path_edit.setText(str(tmp_path / "view"))
    written = dialog.export()
    assert written == tmp_path / "view.png" and written.exists()
    image = QImage(str(written))
    assert (image.width(), image.height()) == (window.map_view.width(), window.map_view.height())
    # The picture is the window's view, pixel for pixel.
    assert mean_difference(on_screen, image) < 2
    spec = dialog.spec()
    assert spec.event == "berlin-1926" and spec.zoom == 5 and spec.center == pytest.approx((50.0, 20.0), abs=0.05)


def test_dialog_failure_says_why_and_leaves_no_file(window, qtbot, tmp_path, monkeypatch):
    from explorer.desktop.qt import export_dialog
    from explorer.desktop.qt.export_dialog import ExportDialog

    messages = []
    monkeypatch.setattr(export_dialog, "show_message", lambda parent, icon, title, text: messages.append(text))
    dialog = ExportDialog(window.state, window.map_view, window)
    qtbot.addWidget(dialog)
    dialog.path_edit.setText(str(tmp_path / "no-such-folder" / "x.png"))
    assert dialog.export() is None
    assert len(messages) == 1 and "no-such-folder" in messages[0] and "Nothing was written" in messages[0]
    # A disk that fills up at the last moment: the temporary file goes too.
    import explorer.safe_write

    def full(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(explorer.safe_write.os, "replace", full)
    dialog.path_edit.setText(str(tmp_path / "x.png"))
    dialog.accept()
    assert dialog.result() == 0 and "No space left" in messages[-1]
    assert [p.name for p in tmp_path.iterdir() if p.name != "settings.ini"] == []
