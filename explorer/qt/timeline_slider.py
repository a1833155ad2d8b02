"""The timeline slider: a painted time axis with eras, border changes, event marks, a draggable date handle
and an overview of the whole span.

``TimelineSlider`` is a view of an ``ExplorerState``: it paints the state's dataset, date, selection, filters
(including the time window, drawn as a band) in the state's language, and writes what the user does (scrub,
click a mark, jump, keys, play) back through the state's methods, never by poking other widgets. This module
holds the view's state and geometry; what it does with input lives in ``timeline_input``, what each point
of it is (hit tests, the layout report) in ``timeline_targets``, how it paints in ``timeline_canvas`` (with
``timeline_paint``, ``timeline_marks``, ``timeline_borders`` and ``timeline_overview``), its rows in
``timeline_rows``, its index of the dataset in ``timeline_index``, its words in ``timeline_labels``.
docs/timeline.md shows what it draws.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAccessible, QAccessibleEvent, QFont, QFontMetricsF
from PySide6.QtWidgets import QWidget

from explorer.model import borders
from explorer.model.borders import BorderChange
from explorer.model.i18n import tr
from explorer.model.playback import Playback
from explorer.model.state import ExplorerState
from explorer.qt.evented import listen
from explorer.qt.timeline_canvas import TimelineCanvas
from explorer.qt.timeline_targets import TimelineTargets
from explorer.qt.timeline_borders import BorderRow
from explorer.qt.timeline_index import TimelineIndex, collector_paused
from explorer.qt.timeline_later import NO_EVENTS, IndexLater
from explorer.qt.timeline_input import MOUSE_HIT_RADIUS, SCRUB_INTERVAL_MS, TOUCH_HIT_RADIUS, TimelineInput
from explorer.qt.timeline_labels import border_name, span_label
from explorer.qt.timeline_marks import Drawn, place
from explorer.qt.timeline_paint import PAD_X, AxisView, date_label
from explorer.qt.timeline_rows import Rows, Sizes, needed_height, rows_for

log = logging.getLogger(__name__)

_LAST_ORDINAL = dt.date.max.toordinal()
MIN_SPAN_DAYS = 30              # the furthest one can zoom in
#: Marks are binned into a density strip when, on average, more than this many would share a mark's width.
DENSITY_CROWDING = 3.0
CALLOUT_MS = 8000               # how long a tapped era's or border change's callout stays


class TimelineSlider(IndexLater, TimelineInput, TimelineCanvas, TimelineTargets, QWidget):
    """A painted timeline of the state's dataset: eras, border changes, event marks, and the current date as a
    handle; an overview strip of the whole span below.

    Drag the handle to scrub; drag the background to pan when zoomed in (to scrub when not); click a mark to
    select it, the axis or the background to jump there, a border change to go to the day the map changed;
    wheel or pinch to zoom (shift+wheel pans); keys to step; Space plays and pauses the ``playback`` it is
    given (which steps through events as the arrow keys do, naming them). ``set_sizes`` sizes it for a
    touch screen, a text scale and a screen scale (the kiosk's API).
    """

    #: the index of the marks, built on a thread (``build_index_later``), is in place
    index_ready = Signal()
    _index_built = Signal(object)          # from the builder thread (queued to this one)

    def __init__(self, state: ExplorerState, parent: QWidget | None = None, *, playback: Playback | None = None,
                 border_changes: Sequence[BorderChange] | None = None, index_later: bool = False) -> None:
        """``index_later``: start without the marks' index (nothing drawn on the track yet) until
        ``build_index_later`` builds it on a thread; the main window does so once the map has painted,
        since at 100,000 events the index takes a good part of a second the first frame does not need."""
        super().__init__(parent)
        self._state = state
        self.playback = playback
        self._sizes = Sizes()
        self._hover_id: str | None = None
        self._press = None
        self._scrub_offset: float | None = None     # not None while scrubbing
        self._pending_x: float | None = None
        self._callout: tuple[tuple[str, ...], float] | None = None     # lines, anchor day ordinal
        self._density_key, self._density = None, False
        data = state.dataset
        self._index = TimelineIndex(data if not index_later else NO_EVENTS)
        self.index_pending = index_later          # build_index_later not called yet
        self._index_missing = index_later         # the placeholder is in place
        self._index_built.connect(self._on_index_built)
        if border_changes is None:
            with collector_paused():            # the asset is read once per process (for the details panel too)
                border_changes = borders.changes()
        self._border_row = BorderRow(border_changes, data.first_date, data.last_date)
        first, last = data.first_date.toordinal(), data.last_date.toordinal() + 1
        self._full_days = float(max(last - first, MIN_SPAN_DAYS))
        self._full_start = first - (self._full_days - (last - first)) / 2
        self._view_start, self._view_days = self._full_start, self._full_days
        self._init_painting()

        self._scrub_timer = QTimer(self)
        self._scrub_timer.setSingleShot(True)
        self._scrub_timer.setInterval(SCRUB_INTERVAL_MS)
        self._scrub_timer.timeout.connect(self._on_scrub_timer_timeout)
        self._callout_timer = QTimer(self)
        self._callout_timer.setSingleShot(True)
        self._callout_timer.setInterval(CALLOUT_MS)
        self._callout_timer.timeout.connect(self.close_callout)

        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.grabGesture(Qt.GestureType.PinchGesture)
        self._relayout()
        listen(state.events.date, self._on_date_changed)
        listen(state.events.selected_id, self._on_selection_changed)
        listen(state.events.filters, self._on_filters_changed)
        listen(state.events.language, self._on_language_changed)

    # --- sizes (what the kiosk sets) ------------------------------------------------------------------
    @property
    def sizes(self) -> Sizes:
        """What the slider is sized for (touch, text scale, screen scale)."""
        return self._sizes

    def set_sizes(self, *, touch: bool | None = None, text_scale: float | None = None,
                  scale: float | None = None) -> None:
        """Size the slider for a touch screen (tall marks, hit areas of at least 48 px at 1080p), larger text
        (``text_scale`` multiplies the widget's font; don't scale the font as well) and the screen
        (``scale``: screen px per 1080p px). The whole span is shown afterwards."""
        s = self._sizes
        self._sizes = Sizes(s.touch if touch is None else bool(touch),
                            s.text_scale if text_scale is None else float(text_scale),
                            s.scale if scale is None else float(scale))
        self.reset_view()
        self._relayout()

    @property
    def touch_mode(self) -> bool:
        """Whether marks are drawn tall with touch-sized hit areas (for a kiosk's touch screen)."""
        return self._sizes.touch

    @touch_mode.setter
    def touch_mode(self, on: bool) -> None:
        self.set_sizes(touch=on)

    @property
    def hit_radius(self) -> float:
        """How far (px) from a mark a click still hits it."""
        # Never below 24 px, a 48 px target (WCAG's minimum and a fingertip), however small the screen.
        return max(TOUCH_HIT_RADIUS, self._sizes.px(TOUCH_HIT_RADIUS)) if self._sizes.touch else MOUSE_HIT_RADIUS

    def _relayout(self) -> None:
        full = needed_height(self._sizes, self._label_metrics().height(), bool(self._border_row))
        self._needed_height = full
        self.setMinimumHeight(full - round(self._sizes.px(14 if self._sizes.touch else 8)))
        self.updateGeometry()
        self._invalidate()
        self._describe()

    # --- public geometry ----------------------------------------------------------------------------
    def x_for_date(self, date: dt.date) -> float:
        """The x (widget px) of the middle of ``date``'s day in the current view."""
        return self._x_at(date.toordinal() + 0.5)

    def date_at(self, x: float) -> dt.date:
        """The day under ``x``, clamped to the dataset's span."""
        data = self._state.dataset
        ordinal = math.floor(self._ord_at(x))
        return dt.date.fromordinal(min(max(ordinal, data.first_date.toordinal()), data.last_date.toordinal()))

    def visible_span(self) -> tuple[dt.date, dt.date]:
        """The first and last day shown."""
        # The view can reach half a span past the dataset's ends: keep within the calendar (years 1..9999).
        start = min(max(math.floor(self._view_start), 1), _LAST_ORDINAL)
        end = min(max(math.ceil(self._view_start + self._view_days) - 1, start), _LAST_ORDINAL)
        return dt.date.fromordinal(start), dt.date.fromordinal(end)

    @property
    def is_zoomed(self) -> bool:
        """Whether only part of the dataset's span is in view."""
        return self._view_days < self._full_days - 1e-6

    def zoom_by(self, factor: float, anchor_x: float | None = None) -> None:
        """Zoom in (factor > 1) or out, keeping the day under ``anchor_x`` in place (default: the handle)."""
        if anchor_x is None:
            anchor_x = self.x_for_date(self._state.date)
            if not PAD_X <= anchor_x <= self.width() - PAD_X:
                anchor_x = self.width() / 2
        anchor = self._ord_at(anchor_x)
        days = min(max(self._view_days / factor, MIN_SPAN_DAYS), self._full_days)
        self._set_view(anchor - (anchor_x - PAD_X) / self._track_width() * days, days)

    def pan_by(self, days: float) -> None:
        """Move the view ``days`` later (earlier when negative)."""
        self._set_view(self._view_start + days, self._view_days)

    def reset_view(self) -> None:
        """Show the whole span (the kiosk's home)."""
        self._set_view(self._full_start, self._full_days)

    def show_date(self) -> None:
        """Bring the current date into view, in the middle (what the arrow at the edge does)."""
        self._set_view(self._state.date.toordinal() + 0.5 - self._view_days / 2, self._view_days)

    @property
    def density_mode(self) -> bool:
        """Whether the marks in view are binned into a density strip (they would pile up at this scale)."""
        key = (self._view_start, self._view_days, self.width(), self._sizes)
        if self._density_key != key:
            self._density_key, self._density = key, self._crowded()
        return self._density

    def _crowded(self) -> bool:
        lo, hi = self._view_start, self._view_start + self._view_days
        n = self._index.count(lo, hi)
        slots = max(1, math.floor(self._track_width() / self._sizes.mark_px))
        if n <= slots:
            return False
        edges = [lo + i * self._view_days / slots for i in range(slots + 1)]
        occupied = sum(1 for c in self._index.counts(edges) if c)
        return n / max(occupied, 1) > DENSITY_CROWDING

    # --- geometry ----------------------------------------------------------------------------------
    def _track_width(self) -> float:
        return max(1.0, self.width() - 2 * PAD_X)

    def _px_per_day(self) -> float:
        return self._track_width() / self._view_days

    def _x_at(self, ordinal: float) -> float:
        return PAD_X + (ordinal - self._view_start) * self._px_per_day()

    def _x_mapper(self):
        """``_x_at`` for the view as it is now, as a plain function (placing thousands of marks calls it often)."""
        start, ppd = self._view_start, self._px_per_day()
        return lambda ordinal: PAD_X + (ordinal - start) * ppd

    def _ord_at(self, x: float) -> float:
        return self._view_start + (x - PAD_X) / self._px_per_day()

    def _rows(self) -> Rows:
        return rows_for(self.height(), self._sizes, self._label_metrics().height(), bool(self._border_row))

    def _label_font(self) -> QFont:
        font = QFont(self.font())
        factor = 0.85 * self._sizes.text_scale
        if font.pointSizeF() > 0:
            font.setPointSizeF(max(7.0, font.pointSizeF() * factor))
        else:
            font.setPixelSize(max(9, round(font.pixelSize() * factor)))
        return font

    def _label_metrics(self) -> QFontMetricsF:
        return QFontMetricsF(self._label_font())

    def _axis(self) -> AxisView:
        first, last = self.visible_span()
        return AxisView(PAD_X, self.width() - PAD_X, self.width(), self.height(), self._x_mapper(), self._px_per_day(),
                        first, last, self._state.language)

    def _place(self, mark) -> Drawn:
        return place(mark, self._x_at, self._rows(), self._sizes)

    def _drawn_between(self, left: float, right: float) -> list[Drawn]:
        """The marks that may show between x = ``left`` and ``right``, placed."""
        rows, x_at, sizes = self._rows(), self._x_mapper(), self._sizes
        return [place(m, x_at, rows, sizes) for m in self._index.in_span(self._ord_at(left - 1), self._ord_at(right + 1))]

    def _set_view(self, start: float, days: float) -> None:
        days = min(max(days, MIN_SPAN_DAYS), self._full_days)
        start = min(max(start, self._full_start), self._full_start + self._full_days - days)
        if (start, days) != (self._view_start, self._view_days):
            self._view_start, self._view_days = start, days
            self._describe()
            self.update()

    def _follow(self, date: dt.date) -> None:
        """Keep the handle in view: turn a page when it just left, centre it after a jump."""
        ordinal, view_end = date.toordinal() + 0.5, self._view_start + self._view_days
        if self._view_start <= ordinal <= view_end:
            return
        near = 0.1 * self._view_days
        if view_end < ordinal <= view_end + near:
            self._set_view(ordinal - 0.2 * self._view_days, self._view_days)
        elif self._view_start - near <= ordinal < self._view_start:
            self._set_view(ordinal - 0.8 * self._view_days, self._view_days)
        else:
            self._set_view(ordinal - 0.5 * self._view_days, self._view_days)

    # --- callouts (what a tap on an era or a border change shows) -------------------------------------
    def show_callout(self, lines: Sequence[str], anchor: float) -> None:
        """Show ``lines`` in a box at the day ordinal ``anchor`` for a few seconds (until a press elsewhere)."""
        self._callout = (tuple(lines), anchor)
        self._callout_timer.start()
        self.update()

    def close_callout(self) -> None:
        """Hide the callout, if one shows."""
        if self._callout is not None:
            self._callout = None
            self._callout_timer.stop()
            self.update()

    @property
    def callout_lines(self) -> tuple[str, ...]:
        """The lines of the callout showing now (empty when none)."""
        return self._callout[0] if self._callout else ()

    # --- model listeners -------------------------------------------------------------------------
    def _on_date_changed(self, date: dt.date) -> None:
        if self._scrub_offset is None and self._drag is None:     # not while the user holds the view
            self._follow(date)
        self._describe()
        self.update()

    def _on_selection_changed(self, event_id: str | None) -> None:
        self._describe()
        self.update()

    def _on_filters_changed(self, filters) -> None:
        self._describe()
        self.update()

    def _on_language_changed(self, language: str) -> None:
        self._relayout()            # labels change length (and the font may differ): rows and caches anew
        self.update()

    def _describe(self) -> None:
        """The accessible name and description, in the state's language: the date, the selection, what is
        in view, the time window, and how to use the keys."""
        state, language = self._state, self._state.language
        parts = [tr(language, "timeline_now", date=date_label(state.date, language))]
        event = state.selected_event
        if event is not None:
            parts.append(tr(language, "timeline_selected", title=event.text("title", language),
                            date=event.date_label(language)))
        parts.append(tr(language, "timeline_shown", span=span_label(*self.visible_span(), language)))
        changes = self._border_row.on(state.date)
        if changes:
            parts.append(". ".join(tr(language, "timeline_border_change", name=border_name(c, language))
                                   for c in changes) + ".")
        if state.filters.window_days is not None:
            parts.append(tr(language, "timeline_window_note", n=state.filters.window_days))
        if self.density_mode:
            parts.append(tr(language, "timeline_density_mode"))
        parts.append(tr(language, "timeline_keys"))
        description = " ".join(parts)
        self.setAccessibleName(tr(language, "timeline"))
        if description != self.accessibleDescription():
            self.setAccessibleDescription(description)
            if QAccessible.isActive():
                QAccessible.updateAccessibility(QAccessibleEvent(self, QAccessible.Event.DescriptionChanged))

    # --- Qt event handlers -------------------------------------------------------------------------
    def sizeHint(self) -> QSize:  # noqa: N802
        """800 wide, as tall as every row needs (taller in touch mode and with larger text)."""
        return QSize(800, self._needed_height)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        """Narrow is fine; the height keeps every row."""
        return QSize(200, self.minimumHeight())

    def changeEvent(self, event) -> None:  # noqa: N802
        """A new font or style changes the rows."""
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._relayout()
        super().changeEvent(event)

    def resizeEvent(self, event) -> None:  # noqa: N802
        """A new width can make the marks pile up (or no longer): the description says which."""
        super().resizeEvent(event)
        self._describe()

