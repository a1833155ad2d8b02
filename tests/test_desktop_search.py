"""The desktop window's search box (issue 19): every field, typos, marked matches, keys; and Back/Forward."""

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtTest import QTest

from desktop_window import page

pytestmark = pytest.mark.gui


# --- search ---------------------------------------------------------------------------------------------
def type_in_search(qtbot, win, text):
    box = win.search_box
    qtbot.keyClick(win, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(box.hasFocus, timeout=2000)
    box.clear()
    qtbot.keyClicks(box, text)
    return box


def test_search_finds_a_word_only_in_key_points_and_marks_it(window, qtbot):
    box = type_in_search(qtbot, window, "reparations")
    assert box.hit_ids() == ["rapallo-1922"]
    from explorer.qt.search_box import HTML_ROLE

    html = box.results.item(0).data(HTML_ROLE)
    assert "<b>reparations</b>" in html and "Key points" in html
    assert box.completer_.popup().isVisible()


def test_a_typo_still_finds_it_and_nonsense_says_no_results(window, qtbot):
    box = type_in_search(qtbot, window, "reparatons")
    assert box.hit_ids() == ["rapallo-1922"]
    box = type_in_search(qtbot, window, "qqxxzz")
    assert box.hit_ids() == [] and box.notes() == ["No results for “qqxxzz”."]


def test_a_search_before_the_index_is_ready_says_so_then_answers(qtbot, mini):
    from explorer.model.state import ExplorerState
    from explorer.qt.search_box import SearchBox

    box = SearchBox(ExplorerState(mini))
    qtbot.addWidget(box)
    box.show()
    box.setFocus()
    qtbot.waitUntil(box.hasFocus, timeout=2000)
    assert not box.is_ready
    with qtbot.waitSignal(box.index_ready, timeout=10000):
        qtbot.keyClicks(box, "stresemann")            # starts the build: the window starts it after its first paint
        assert box.notes() and "being built" in box.notes()[0]
    qtbot.waitUntil(lambda: box.hit_ids() == ["berlin-1926"], timeout=2000)


def test_result_rows_are_laid_out_once_and_again_for_a_new_text_size(window, qtbot):
    """Each row's layout is kept for its size and its repaints; a larger font (the kiosk's text scale) lays
    the rows out again, taller, and the painted list shows them."""
    box = type_in_search(qtbot, window, "treaty")
    popup = box.completer_.popup()
    qtbot.waitUntil(popup.isVisible, timeout=2000)
    delegate = popup.itemDelegate()
    rows = box.results.rowCount()
    popup.repaint()
    laid_out = len(delegate._docs)            # this answer's rows and the earlier keystrokes' answers
    popup.repaint()
    popup.repaint()
    assert len(delegate._docs) == laid_out
    small = popup.sizeHintForRow(0)
    font = popup.font()
    font.setPointSizeF(font.pointSizeF() * 1.6)
    popup.setFont(font)
    popup.repaint()
    assert popup.sizeHintForRow(0) > small * 1.3
    from explorer.qt.search_box import HTML_ROLE

    shown = {box.results.item(r).data(HTML_ROLE) for r in range(rows)}
    assert {html for html, _width in delegate._docs} <= shown    # the old size's layouts were dropped


def test_each_row_gets_its_own_size_the_rows_in_sight_at_once(open_window, qtbot):
    """An answer lays out the rows the list shows at once; the rows below them (seen when scrolled to) get
    their own sizes on the event loop's next pass; the list is as tall as the rows it shows."""
    from explorer.model import load_dataset
    from explorer.qt.search_box import HTML_ROLE
    from explorer.resources import DEFAULT_DATASET

    win = open_window(load_dataset(DEFAULT_DATASET))
    qtbot.waitUntil(lambda: win.search_box.is_ready, timeout=10000)
    box = type_in_search(qtbot, win, "treaty")
    box.hit_ids()                                      # the answer for the whole word is built
    popup = box.completer_.popup()
    delegate, shown, rows = popup.itemDelegate(), box.completer_.maxVisibleItems(), box.results.rowCount()
    assert rows > shown

    def own(r):
        return delegate.laid_out(box.results.item(r).data(HTML_ROLE), popup.font(), delegate.width)[1]

    assert all(box.results.item(r).sizeHint() == own(r) for r in range(shown))
    assert len({own(r).height() for r in range(rows)}) > 1           # rows of one line and of two
    qtbot.waitUntil(lambda: all(box.results.item(r).sizeHint() == own(r) for r in range(rows)), timeout=2000)
    height = sum(own(r).height() for r in range(shown)) + 2 * popup.frameWidth()
    qtbot.waitUntil(lambda: popup.height() == height, timeout=2000)


def test_a_selected_row_is_drawn_all_in_the_highlighted_colour_the_others_with_their_greys(window, qtbot):
    from PySide6.QtGui import QColor, QPalette

    box = type_in_search(qtbot, window, "treaty")
    popup = box.completer_.popup()
    qtbot.waitUntil(popup.isVisible, timeout=2000)
    popup.setCurrentIndex(popup.model().index(0, 0))

    def lightness(row):
        rect = popup.visualRect(popup.model().index(row, 0)).adjusted(3, 3, -3, -3)   # inside the focus frame
        image = popup.viewport().grab(rect).toImage()
        return [QColor(image.pixel(x, y)).lightness() for y in range(image.height()) for x in range(image.width())]

    selected, other = lightness(0), lightness(1)
    highlight = popup.palette().color(QPalette.ColorRole.Highlight).lightness()
    assert min(selected) >= highlight - 8                # light text on the highlight: nothing darker than it
    assert max(selected) > 230                           # and the text is there
    assert any(90 <= v <= 120 for v in other)           # the row's context in its grey (#666)


def test_keyboard_moves_through_results_and_return_chooses(window, qtbot):
    box = type_in_search(qtbot, window, "treaty")
    ids = box.hit_ids()
    assert len(ids) >= 3
    popup = box.completer_.popup()
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    assert popup.currentIndex().row() == 1
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert window.state.selected_id == ids[1]
    assert not popup.isVisible()


def test_escape_closes_the_list_not_the_selection(window, qtbot):
    window.state.select("berlin-1926")
    box = type_in_search(qtbot, window, "rapallo")
    popup = box.completer_.popup()
    assert popup.isVisible()
    qtbot.keyClick(popup, Qt.Key.Key_Escape)
    assert not popup.isVisible()
    assert window.state.selected_id == "berlin-1926"
    qtbot.keyClick(box, Qt.Key.Key_Escape)            # a second Escape empties the field, still no unselecting
    assert box.text() == "" and window.state.selected_id == "berlin-1926"
    window.map_view.setFocus()
    qtbot.keyClick(window.timeline, Qt.Key.Key_Escape)   # elsewhere Escape clears the selection as before
    assert window.state.selected_id is None


# --- back and forward -----------------------------------------------------------------------------------
def test_back_returns_to_the_previous_selection_by_keys_buttons_and_mouse(window, qtbot):
    state = window.state
    for url in ("event:rapallo-1922", "event:berlin-1926", "event:lipetsk-1925"):   # following links
        window.details.anchorClicked.emit(QUrl(url))
    window.details.setFocus()
    qtbot.waitUntil(window.details.hasFocus, timeout=2000)
    qtbot.keyClick(window.details, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert state.selected_id == "berlin-1926"
    assert window.actions.forward.isEnabled() and "Lipetsk" in window.actions.forward.toolTip()
    QTest.mouseClick(window.timeline, Qt.MouseButton.BackButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(20, 20))
    assert state.selected_id == "rapallo-1922"
    button = window.toolbar.widgetForAction(window.actions.forward)
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    assert state.selected_id == "berlin-1926"
    QTest.mouseClick(window.details.viewport(), Qt.MouseButton.ForwardButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(20, 20))
    assert state.selected_id == "lipetsk-1925"
    assert not window.actions.forward.isEnabled()
    qtbot.waitUntil(lambda: page(window)["selected"] == "lipetsk-1925", timeout=5000)


def test_the_window_module_leaves_the_search_imports_to_the_builder_thread():
    """NumPy and RapidFuzz (the index) are imported on the builder's thread, so a start does not pay for them."""
    import os
    import subprocess
    import sys

    code = ("import sys, explorer.desktop.qt.main_window; "
            "print(sorted(m for m in ('numpy', 'rapidfuzz', 'explorer.model.search') if m in sys.modules))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"
