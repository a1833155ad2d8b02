"""File → Open and files dropped on the window (issue 16): any format, problems in a dialog, a new window."""

import json
import shutil

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication

from desktop_window import DATA, page

pytestmark = pytest.mark.gui

# --- opening files --------------------------------------------------------------------------------------
TIMELINEJS = {"title": {"text": {"headline": "A curator's timeline"}}, "events": [
    {"start_date": {"year": 1925, "month": 10, "day": 16}, "text": {"headline": "Locarno <i>initialled</i>",
                                                               "text": "<p>Treaties initialled.</p>"},
     "location": {"lat": 46.17, "lon": 8.8}, "unique_id": "locarno"},
    {"start_date": {"year": 1926}, "text": {"headline": "A year only"}},
]}


def test_file_open_replaces_the_window_with_the_new_dataset(window, qtbot, tmp_path):
    path = tmp_path / "timeline.json"
    path.write_text(json.dumps(TIMELINEJS), encoding="utf-8")
    window.state.select("berlin-1926")
    with qtbot.waitSignal(window.opener.opened, timeout=20000) as blocker:
        window.opener.open_path(path)
    new = blocker.args[0]
    qtbot.addWidget(new)
    assert new is not window and new.state.dataset.title == "A curator's timeline"
    assert {e.title for e in new.state.dataset.events} >= {"Locarno initialled"}
    assert new.isVisible() and not window.isVisible()
    assert new.state.selected_id is None
    if not new.map_view.is_ready:
        with qtbot.waitSignal(new.map_view.ready, timeout=20000):
            pass
    assert page(new)["visibleCount"] >= 0 and new.windowTitle().startswith("A curator's timeline")
    qtbot.waitUntil(lambda: new.search_box.is_ready, timeout=10000)
    assert new.search_box.index.search("locarno")[0].title == "Locarno initialled"
    new.close()


def test_a_file_that_does_not_open_leaves_the_window_and_lists_the_problems(window, qtbot, tmp_path):
    bad = tmp_path / "broken.json"
    bad.write_text('{"format": 1, "dataset": {"title": "x"}, "events": [', encoding="utf-8")
    with qtbot.waitSignal(window.opener.failed, timeout=20000):
        window.opener.open_path(bad)
    dialog = window.opener.dialog
    assert dialog is not None and dialog.isVisible()
    assert "broken.json" in dialog.summary.text() and "nothing was changed" in dialog.summary.text()
    assert dialog.problems.toPlainText().strip()
    assert window.isVisible() and window.state.dataset.title == "Mini test dataset"
    dialog.close()


def test_a_file_with_some_bad_rows_opens_the_rest_and_says_which(window, qtbot, tmp_path):
    data = json.loads((DATA / "mini.json").read_text(encoding="utf-8"))
    data["events"][0]["date"] = "not a date"
    path = tmp_path / "partly.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with qtbot.waitSignal(window.opener.opened, timeout=20000) as blocker:
        window.opener.open_path(path)
    new = blocker.args[0]
    qtbot.addWidget(new)
    assert len(new.state.dataset.events) == len(data["events"]) - 1
    dialog = new.opener.dialog
    assert dialog.isVisible() and "brest-1918" in dialog.problems.toPlainText()
    dialog.close()
    new.close()


def test_dropping_a_file_on_the_map_opens_it(window, qtbot, tmp_path):
    path = tmp_path / "dropped.json"
    shutil.copy(DATA / "full.json", path)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    target = window.map_view.focusProxy()
    point = QPointF(100, 100)
    from PySide6.QtGui import QDragEnterEvent

    enter = QDragEnterEvent(point.toPoint(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted()
    drop = QDropEvent(point, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.opener.opened, timeout=20000) as blocker:
        QApplication.sendEvent(target, drop)
    new = blocker.args[0]
    qtbot.addWidget(new)
    assert new.state.dataset.path.endswith("dropped.json")
    new.close()


def test_a_drag_of_two_files_or_a_web_link_is_refused(window):
    from explorer.desktop.qt.open_files import DatasetOpener

    mime = QMimeData()
    mime.setUrls([QUrl("https://example.org/data.json")])
    assert DatasetOpener.dropped_file(mime) is None
    mime.setUrls([QUrl.fromLocalFile(str(DATA / "mini.json")), QUrl.fromLocalFile(str(DATA / "full.json"))])
    assert DatasetOpener.dropped_file(mime) is None


def test_a_file_dragged_over_the_details_panel_is_taken_by_the_window(window):
    from PySide6.QtGui import QDragEnterEvent

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(DATA / "full.json"))])
    for target in (window.details.viewport(), window.timeline):
        enter = QDragEnterEvent(QPoint(30, 30), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                                Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(target, enter)
        assert enter.isAccepted(), target
