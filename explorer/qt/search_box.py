"""The search field (Ctrl+F): full-text results as one types, with the matched words marked and the field they
were found in; choosing a result selects the event.

The index (:class:`explorer.model.search.SearchIndex`) is built once, off the main thread (seconds at 100,000
events; even NumPy and RapidFuzz are imported there): until it is ready the list says so, and the query typed
meanwhile is answered when it is.
Up/Down move through the results, Return chooses one (the first when none is highlighted), Escape closes the
list (a second Escape empties the field); Escape here never clears the map's selection.

Latest wins: a key is answered at once unless an answer was already built in this pass of the event loop;
the keys after it that arrive together (typed while the window was busy) only note the text, and one
answer for the last text is built on the next pass, so a burst of typing costs two answers, not one per
key. Reading the results (``hit_ids``, ``notes``, Return) builds any answer still owed first, so what one
reads is always the text's.

Each row is laid out once (a ``QTextDocument`` at the list's width, less a scroll bar's whether it shows or
not) and its size is the item's size hint, so the list's dozens of size questions per answer stay in C++.
An answer lays out the rows in sight at once and the rest on the next pass of the event loop; the rows go
into the model in one insertion. A wider or narrower list, or another font, lays them out again quietly (a
change of the model's data would make the completer reset the list). A row is drawn once into an image, kept
for its repaints and for the next answers that show it again; a selected row is drawn all in the highlighted
text's colour, its greys too.
"""

from __future__ import annotations

import gc
import threading
import time
from collections import OrderedDict
from html import escape

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAbstractTextDocumentLayout, QColor, QFont, QImage, QPainter, QPalette, QStandardItem, QStandardItemModel, QTextDocument,
)
from PySide6.QtWidgets import QApplication, QCompleter, QLineEdit, QStyle, QStyledItemDelegate

from explorer.model.collector import give_back_memory
from explorer.model.i18n import language_name, tr
from explorer.model.state import ExplorerState
from explorer.qt.evented import listen
from explorer.qt.plain_text import tooltip_text

if TYPE_CHECKING:
    from explorer.model.search import SearchIndex, SearchResults

EVENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
HTML_ROLE = Qt.ItemDataRole.UserRole + 2
RESULT_LIMIT = 15
MIN_POPUP_WIDTH = 560
MIN_ROW_WIDTH = 200
#: The rows' greys (context, matched line, notes); a selected row is drawn all in the highlighted text's colour.
ROW_STYLE = ".context, .note { color: #666; } .detail { color: #555; }"
#: The builder thread's pause between two small batches of events.
BUILD_PAUSE_S = 0.0002


def _document(html: str, font: QFont, width: int, style: str) -> QTextDocument:
    """``html`` laid out in ``font`` at ``width``, with ``style`` as its style sheet."""
    doc = QTextDocument()
    doc.setDefaultFont(font)
    doc.setDefaultStyleSheet(style)
    doc.setDocumentMargin(4)
    doc.setHtml(html)
    doc.setTextWidth(width)
    return doc


class ResultDelegate(QStyledItemDelegate):
    """Paints a result row from its HTML (our own markup around escaped dataset text). A row's size is its
    item's size hint (:meth:`SearchBox._lay_out`), so the list's many size questions never reach Python."""

    #: laid-out rows kept (a list shows at most RESULT_LIMIT and a note; the rest are the last answers')
    KEPT = 64
    #: drawn rows kept (a row is drawn apart for its normal and its selected colour)
    KEPT_IMAGES = 40

    def __init__(self, parent) -> None:
        super().__init__(parent)
        # Each row is laid out once, at the width it is shown, and kept for its size hint and every repaint.
        self._docs: OrderedDict[tuple, tuple[QTextDocument, QSize]] = OrderedDict()
        self._images: OrderedDict[tuple, QImage] = OrderedDict()
        self._font = QFont()
        #: the width rows are laid out at (the search box sets it: :meth:`SearchBox._row_width`)
        self.width = MIN_POPUP_WIDTH

    def _use_font(self, font: QFont) -> None:
        """A new text size (the kiosk's) lays every row out, and draws it, again."""
        if font != self._font:
            self._docs.clear()
            self._images.clear()
            self._font = QFont(font)

    def laid_out(self, html: str, font: QFont, width: int) -> tuple[QTextDocument, QSize]:
        """The row ``html`` laid out in ``font`` at ``width``, and its size."""
        self._use_font(font)
        key = (html, width)
        kept = self._docs.get(key)
        if kept is not None:
            self._docs.move_to_end(key)
            return kept
        doc = _document(html, font, width, ROW_STYLE)
        kept = self._docs[key] = (doc, QSize(int(doc.idealWidth()), int(doc.size().height())))
        if len(self._docs) > self.KEPT:
            self._docs.popitem(last=False)
        return kept

    def _image(self, html: str, font: QFont, color: QColor, selected: bool, ratio: float) -> QImage:
        """The row ``html`` drawn in ``color`` (``selected``: all of it, greys too) on a transparent image at the
        screen's pixel ratio, kept: a row shown again (the next keystroke's answer often starts with the same
        rows) is one image copy."""
        self._use_font(font)
        key = (html, self.width, color.rgba(), selected, ratio)
        image = self._images.get(key)
        if image is not None:
            self._images.move_to_end(key)
            return image
        doc, size = self.laid_out(html, font, self.width)
        if selected:                               # colours do not change the layout: same size
            doc = _document(html, font, self.width, "")
        image = QImage(max(1, round(self.width * ratio)), max(1, round(size.height() * ratio)),
                       QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(ratio)
        image.fill(Qt.GlobalColor.transparent)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(QPalette.ColorRole.Text, color)
        painter = QPainter(image)
        doc.documentLayout().draw(painter, context)
        painter.end()
        self._images[key] = image
        if len(self._images) > self.KEPT_IMAGES:
            self._images.popitem(last=False)
        return image

    def paint(self, painter, option, index) -> None:  # noqa: D102 (Qt API)
        widget = option.widget
        style = widget.style() if widget else QApplication.style()
        # The view's own option carries no text (nothing asked the model for it): the style draws the row's
        # panel, selection and focus frame, and the text comes from the kept image.
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        color = option.palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        image = self._image(index.data(HTML_ROLE) or "", option.font, color, selected,
                            painter.device().devicePixelRatioF())
        painter.save()
        painter.setClipRect(option.rect)
        painter.drawImage(option.rect.topLeft(), image)
        painter.restore()


class SearchBox(QLineEdit):
    """A search field whose pop-up lists the best matching events, each with why it matched."""

    index_ready = Signal()
    #: the list now answers this text (emitted once per answer built)
    results_listed = Signal(str)
    _index_built = Signal(object)          # from the builder thread (queued to this one)

    def __init__(self, state: ExplorerState, parent=None) -> None:
        super().__init__(parent)
        self.state = state
        self.index: SearchIndex | None = None
        self.last_results: SearchResults | None = None
        self._building = False
        self._owed: str | None = None        # a text typed whose answer is not built yet
        self._answered_this_pass = False     # an answer was built since the event loop last went round
        #: answers built (one per burst of keys, not one per key), and the text the list last answered
        self.answers_built = 0
        self.listed_text = ""
        self._answer = QTimer(self)
        self._answer.setSingleShot(True)
        self._answer.setInterval(0)
        self._answer.timeout.connect(self._answer_owed)
        self.setClearButtonEnabled(True)
        # Narrow enough that the toolbar's filters fit beside it in a window 1024 px wide in German (at 320
        # they went behind the toolbar's » up to 1,100 px); its results list keeps a width of its own.
        self.setMinimumWidth(180)
        self.results = QStandardItemModel(self)
        self.completer_ = QCompleter(self.results, self)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer_.setMaxVisibleItems(9)
        self.completer_.setWidget(self)
        popup = self.completer_.popup()
        popup.setItemDelegate(ResultDelegate(popup))
        popup.setObjectName("search_results")
        popup.setMinimumWidth(MIN_POPUP_WIDTH)
        popup.setUniformItemSizes(False)
        self._laid_out_at: tuple[int, QFont] | None = None     # the width and font the rows' sizes are for
        self._rest_laid_out = True                             # no row borrows its size from another
        self._lay_out_rest = QTimer(self)
        self._lay_out_rest.setSingleShot(True)
        self._lay_out_rest.setInterval(0)
        self._lay_out_rest.timeout.connect(self._lay_out_later_rows)
        popup.installEventFilter(self)
        self.completer_.activated[QModelIndex].connect(self._on_result_activated)
        self.textEdited.connect(self._on_text_edited)
        self.returnPressed.connect(self._on_return_pressed)
        self._index_built.connect(self._on_index_built)
        listen(state.events.language, self._on_language_changed)
        self._on_language_changed(state.language)

    # --- the index ----------------------------------------------------------------------------------
    @property
    def is_ready(self) -> bool:
        """Whether the index is built (searches are answered)."""
        return self.index is not None

    def start_indexing(self) -> None:
        """Build the index on a thread of its own (once); ``index_ready`` is emitted when it is done."""
        if self._building or self.index is not None:
            return
        self._building = True
        threading.Thread(target=self._build, args=(self.state.dataset,), name="search-index", daemon=True).start()

    def _build(self, dataset) -> None:
        # Imported here, on the builder's thread: NumPy and RapidFuzz cost the start nothing.
        from explorer.model.search import SearchIndex

        # A short sleep every few events hands the interpreter to the main thread whenever it wants it (without
        # it, the main thread can wait the interpreter's whole switch interval, 5 ms, for each Python call).
        index = SearchIndex(dataset, pause=lambda: time.sleep(BUILD_PAUSE_S))
        index.warm_up()
        give_back_memory()                   # the build's temporary arrays and dicts are freed by now
        try:
            self._index_built.emit(index)
        except RuntimeError:                 # the box was closed meanwhile: nobody is waiting
            pass

    def _on_index_built(self, index: SearchIndex) -> None:
        if index.dataset is not self.state.dataset:
            return
        self.index = index
        # What lives as long as the dataset (the index's words and arrays) leaves the collector's passes:
        # otherwise a full collection set off by a keystroke walks it all (tens of milliseconds at 100,000).
        gc.freeze()
        self.index_ready.emit()
        if self.text().strip() and self.hasFocus():
            self._show_results(self.text())          # what was typed while it was being built

    # --- results ------------------------------------------------------------------------------------
    def _on_text_edited(self, text: str) -> None:
        if not text.strip():
            self._owed = None
            self._show_results(text)             # emptied: the list goes at once
            return
        if self._answered_this_pass:
            self._owed = text                    # the rest of a burst: answered once, on the next pass
            return
        self._show_results(text)

    def _answer_owed(self) -> None:
        """Build the answer still owed (for the latest text only); nothing if none is."""
        self._answer.stop()
        self._answered_this_pass = False
        if self._owed is not None:
            self._owed = None
            self._show_results(self.text())

    def _show_results(self, text: str) -> None:
        """Fill the list for ``text`` and show it (or hide it when the field is empty)."""
        self._owed = None
        self._answered_this_pass = True
        self._answer.start()                     # the next pass of the event loop ends this one
        self.answers_built += 1
        self.results.clear()
        language = self.state.language
        if not text.strip():
            self.last_results = None
            self.completer_.popup().hide()
            return
        rows: list[QStandardItem] = []
        if self.index is None:
            self.start_indexing()
            rows.append(self._note(tr(language, "search_building")))
        else:
            found = self.last_results = self.index.find(text, RESULT_LIMIT, language)
            for hit in found.hits:
                item = QStandardItem(hit.label)
                item.setData(hit.event_id, EVENT_ID_ROLE)
                item.setData(self._row_html(hit), HTML_ROLE)
                item.setToolTip(tooltip_text(hit.label))
                item.setEditable(False)
                rows.append(item)
            if not found.hits:
                rows.append(self._note(tr(language, "search_none", query=text.strip())))
            elif found.total > len(found.hits):
                rows.append(self._note(tr(language, "search_more", shown=len(found.hits), total=f"{found.total:,}")))
        popup = self.completer_.popup()
        self._lay_out(rows, self._row_width(max(self.width(), popup.minimumWidth())),
                      now=self.completer_.maxVisibleItems())
        self.results.invisibleRootItem().appendRows(rows)     # one insertion for the list, not one per row
        self.completer_.complete()
        self._fit_popup()
        self.listed_text = text
        self.results_listed.emit(text)

    def _row_width(self, popup_width: int) -> int:
        """The width rows are laid out at in a list ``popup_width`` wide: less its frame and a scroll bar's
        width, whether the scroll bar shows or not (so its coming and going never lays the rows out again)."""
        popup = self.completer_.popup()
        bar = popup.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, popup)
        return max(popup_width - 2 * popup.frameWidth() - bar, MIN_ROW_WIDTH)

    def _lay_out(self, rows, width: int, now: int | None = None) -> None:
        """Give each row its size at ``width`` in the list's font, as its item's size hint: the first ``now``
        rows (all when None) at once, the rest on the event loop's next pass unless another answer came
        first (laying out a row costs a few tenths of a millisecond, and only the first rows show at once);
        until then they borrow the size of the last row laid out."""
        popup = self.completer_.popup()
        delegate, font = popup.itemDelegate(), popup.font()
        delegate.width = width
        size = None
        for r, item in enumerate(rows):
            if now is not None and r >= now and size is not None:
                item.setSizeHint(size)
                continue
            size = delegate.laid_out(item.data(HTML_ROLE), font, width)[1]
            item.setSizeHint(size)
        self._laid_out_at = (width, QFont(font))
        self._rest_laid_out = now is None or len(rows) <= now
        if not self._rest_laid_out:
            self._lay_out_rest.start()

    def _lay_out_later_rows(self) -> None:
        """Lay out the rows an answer left for later (the list shows them when scrolled to)."""
        if self._rest_laid_out or not self.results.rowCount():
            return
        self._relay_out(self._laid_out_at[0])

    def _relay_out(self, width: int) -> None:
        """Lay every row out again at ``width`` (quietly: a change of the model's data would make the
        completer reset its list and lose the row the keys are on), and let the list place them again."""
        popup = self.completer_.popup()
        root = self.results.invisibleRootItem()
        blocked = self.results.blockSignals(True)
        try:
            self._lay_out([root.child(r) for r in range(root.rowCount())], width)
        finally:
            self.results.blockSignals(blocked)
        popup.doItemsLayout()
        if popup.isVisible():
            self._fit_popup()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt API)
        """The list made wider or narrower, or given another font (the kiosk's text size): lay its rows out
        again."""
        popup = self.completer_.popup()
        if watched is popup and event.type() in (QEvent.Type.Resize, QEvent.Type.FontChange):
            now = (self._row_width(popup.width()), popup.font())
            if self.results.rowCount() and now != self._laid_out_at:
                self._relay_out(now[0])
        return False

    def _fit_popup(self) -> None:
        """Make the list as tall as its first rows (the completer sizes it as if every row were as tall as the
        first, and rows with a matched line under the title are taller)."""
        popup = self.completer_.popup()
        rows = min(self.results.rowCount(), self.completer_.maxVisibleItems())
        if not rows:
            return
        height = sum(popup.sizeHintForRow(r) for r in range(rows)) + 2 * popup.frameWidth()
        popup.resize(popup.width(), height)

    def _row_html(self, hit) -> str:
        language = self.state.language
        html = f"{hit.title_html} <span class='context'>— {escape(hit.context)}</span>"
        if hit.detail_html:
            field = tr(language, f"field_{hit.matched}")
            if hit.detail_language != language:
                field += f" ({language_name(hit.detail_language)})"
            html += f"<br><span class='detail'><i>{escape(field)}:</i> {hit.detail_html}</span>"
        return html

    def _note(self, text: str) -> QStandardItem:
        """A line for the list that is not a result (no results, still indexing, more results)."""
        item = QStandardItem(text)
        item.setData(f"<i class='note'>{escape(text)}</i>", HTML_ROLE)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)            # shown, never chosen
        return item

    def hit_ids(self) -> list[str]:
        """The ids currently offered, best first."""
        self._answer_owed()
        ids = (self.results.item(r).data(EVENT_ID_ROLE) for r in range(self.results.rowCount()))
        return [i for i in ids if i]

    def notes(self) -> list[str]:
        """The list's lines that are not results ("No results for …", "Building the search index …")."""
        self._answer_owed()
        rows = (self.results.item(r) for r in range(self.results.rowCount()))
        return [item.text() for item in rows if not item.data(EVENT_ID_ROLE)]

    def close_results(self) -> None:
        """Hide the list (the text stays), and forget an answer still owed (it would show it again)."""
        self._owed = None
        self.completer_.popup().hide()

    # --- choosing -----------------------------------------------------------------------------------
    def _choose(self, event_id: str | None) -> None:
        if event_id and self.state.dataset.has_event(event_id):
            self.state.select(event_id)
            self.close_results()

    def _on_result_activated(self, index: QModelIndex) -> None:
        self._choose(index.data(EVENT_ID_ROLE))

    def _on_return_pressed(self) -> None:
        ids = self.hit_ids()
        if ids:
            self._choose(ids[0])

    # --- keys ---------------------------------------------------------------------------------------
    def event(self, event) -> bool:  # noqa: D102 (Qt API)
        # Escape belongs to the field while it has focus: the window's "clear selection" must not take it.
        if event.type() == QEvent.Type.ShortcutOverride and event.key() == Qt.Key.Key_Escape:
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """Escape closes the list, then empties the field; Down opens the list again."""
        if event.key() == Qt.Key.Key_Escape:
            if self.completer_.popup().isVisible():
                self.close_results()
            elif self.text():
                self.clear()
                self.results.clear()
            event.accept()
            return
        if event.key() == Qt.Key.Key_Down and not self.completer_.popup().isVisible() and self.text().strip():
            self._show_results(self.text())
            return
        super().keyPressEvent(event)

    def _on_language_changed(self, language: str) -> None:
        self.setPlaceholderText(tr(language, "search_placeholder"))
        self.setAccessibleName(tr(language, "search_name"))
        self.completer_.popup().setAccessibleName(tr(language, "search_results"))
        if self.completer_.popup().isVisible():
            self._show_results(self.text())            # the results' titles and dates in the new language
