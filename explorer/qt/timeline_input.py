"""What the timeline slider does with input: mouse, touch, pinch, wheel, keys and tool tips, written back
through the state's methods (and the playback's, for Space and the arrows). Mixed into ``TimelineSlider``,
which provides the geometry (``event_at``, ``date_at``, ``border_changes_at``, ``zoom_by`` ...).

A press decides by what it lands on: the pill (when the date is out of view: bring it back), the overview
strip (pan by its window), a mark (select on click), a border change (go to that day), the handle (scrub),
the axis (jump there and scrub), an era with a finger (show its name), or the background (jump on click,
pan on drag when zoomed in, scrub when not). A click is a press released before it moved
``startDragDistance``; a drag from a mark or the background is a drag of the background.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtWidgets import QApplication, QToolTip

from explorer.qt.plain_text import tooltip_text
from explorer.qt.timeline_labels import border_lines, density_text, span_label
from explorer.qt.timeline_paint import PAD_X, date_label
from explorer.qt.timeline_rows import grown
from explorer.model.i18n import tr

SCRUB_INTERVAL_MS = 16          # at most one date update per frame while dragging
MOUSE_HIT_RADIUS = 4
TOUCH_HIT_RADIUS = 24           # at 1080p; a hit area is then at least 48 px tall and wide
HANDLE_GRAB_PX = 7
MAX_TIP_CHANGES = 3             # a tool tip names this many border changes sharing a spot, then "and N more"


def _add_years(date: dt.date, years: int) -> dt.date:
    try:
        return date.replace(year=date.year + years)
    except ValueError:                          # 29 February in a common year
        return date.replace(year=date.year + years, day=28)


@dataclass
class PendingPress:
    """A press that becomes a click on release (``on_click``), or a drag once it moves far enough: of the
    background (pan or scrub), or of the handle when it was on the handle too (``handle_offset``)."""

    pos: QPointF
    on_click: Callable[[], None] | None
    handle_offset: float | None = None


@dataclass
class Drag:
    """A drag under way: "pan" (the view follows the pointer) or "overview" (its window does)."""

    mode: str
    x0: float
    view_start: float


class TimelineInput:
    """Pointer, touch, gesture, wheel, key and tool-tip handling of the timeline slider."""

    _drag: Drag | None = None

    # --- pointer (mouse and touch share this) -----------------------------------------------------
    def _pointer_press(self, pos: QPointF, radius: float, touch: bool = False) -> None:
        state, rows = self._state, self._rows()
        had_callout = self._callout is not None
        self.close_callout()
        hx = self.x_for_date(state.date)
        grab = max(HANDLE_GRAB_PX, radius)
        offset = pos.x() - hx if abs(pos.x() - hx) <= grab else None
        _, pill, side = self.pill()
        if grown(pill, self._sizes.min_target).contains(pos):
            if side:
                self._press = PendingPress(pos, self.show_date)
                return
            offset = pos.x() - hx                    # the pill is the handle's grip too
        if self.overview_zone().contains(pos):
            self._press_overview(pos.x())
            return
        hit = self.event_at(pos, radius)
        if hit is not None:
            if touch:
                state.select(hit.id)
                self._press = PendingPress(pos, None, offset)
            else:
                self._press = PendingPress(pos, lambda: state.select(hit.id), offset)
            return
        changes = self.border_changes_at(pos)
        if changes:
            self._press = PendingPress(pos, lambda: self.go_to_border_change(changes[0]), offset)
            return
        if offset is not None:
            self._begin_scrub(offset)
            return
        if pos.y() >= rows.axis_y - rows.label_h * 0.5:
            state.jump_to(self.date_at(pos.x()))     # a click on the axis is a jump; holding on scrubs
            self._begin_scrub(0.0)
            return
        era = self.era_at(pos) if touch and pos.y() <= rows.era_bottom + radius else None
        if era is not None and not had_callout:
            self._press = PendingPress(pos, lambda: self._show_era(era))
            return
        self._press = PendingPress(pos, lambda: state.jump_to(self.date_at(pos.x())))

    def _press_overview(self, x: float) -> None:
        overview = self.overview()
        window = overview.window(self._view_start, self._view_days)
        if not window.left() <= x <= window.right():       # beside the window: bring that part into view
            self._set_view(overview.ord_at(x) - self._view_days / 2, self._view_days)
        self._drag = Drag("overview", x, self._view_start)

    def _pointer_move(self, pos: QPointF) -> bool:
        press = self._press
        if press is not None and (pos - press.pos).manhattanLength() >= QApplication.startDragDistance():
            self._press = None
            if press.handle_offset is not None:
                self._begin_scrub(press.handle_offset)
            elif press.on_click == self.show_date:
                pass                                          # a drag off the pill does nothing
            elif self.is_zoomed:
                self._drag = Drag("pan", press.pos.x(), self._view_start)
            else:
                self._begin_scrub(0.0)
        drag = self._drag
        if drag is not None:
            if drag.mode == "pan":
                self._set_view(drag.view_start - (pos.x() - drag.x0) / self._px_per_day(), self._view_days)
                self.setCursor(Qt.CursorShape.ClosedHandCursor)
            else:
                overview = self.overview()
                days = (pos.x() - drag.x0) / max(overview.rect.width(), 1.0) * overview.days
                self._set_view(drag.view_start + days, self._view_days)
            return True
        if self._scrub_offset is None:
            return self._press is not None
        self._scrub_to(pos.x() - self._scrub_offset)
        return True

    def _pointer_release(self, pos: QPointF) -> None:
        if self._press is not None:
            on_click, self._press = self._press.on_click, None
            if on_click is not None:
                on_click()
        elif self._drag is not None:
            self._drag = None
            self.unsetCursor()
        elif self._scrub_offset is not None:
            self._scrub_timer.stop()
            self._pending_x = pos.x() - self._scrub_offset   # the final position always lands
            self._apply_scrub()
            self._scrub_offset = None

    def _begin_scrub(self, offset: float) -> None:
        if self.playback is not None:
            self.playback.pause()                   # taking the handle stops playing
        self._scrub_offset = offset

    def _scrub_to(self, x: float) -> None:
        """Move the date to ``x`` now, or at the end of the current frame if one update went already."""
        self._pending_x = x
        if not self._scrub_timer.isActive():
            self._apply_scrub()
            self._scrub_timer.start()

    def _on_scrub_timer_timeout(self) -> None:
        if self._pending_x is not None:
            self._apply_scrub()
            self._scrub_timer.start()

    def _apply_scrub(self) -> None:
        x = min(max(self._pending_x, PAD_X), self.width() - PAD_X)   # stay in view: no follow jumps
        self._pending_x = None
        self._state.set_date(self.date_at(x))

    # --- what clicks and taps do ------------------------------------------------------------------
    def go_to_border_change(self, change) -> None:
        """Jump to the day the map changed, and say what changed there."""
        self._state.jump_to(change.date)
        self.show_callout(border_lines(change, self._state.language), change.date.toordinal() + 0.5)

    def _show_era(self, era) -> None:
        language = self._state.language
        self.show_callout([era.text("name", language), span_label(era.start, era.end, language)],
                          (era.start.toordinal() + era.end.toordinal() + 1) / 2)

    # --- mouse ---------------------------------------------------------------------------------------
    def mousePressEvent(self, event) -> None:  # noqa: N802
        """Start a click or a drag (see the module's docstring for what a press lands on)."""
        if event.button() == Qt.MouseButton.LeftButton:
            self._pointer_press(event.position(), self.hit_radius)
            event.accept()
        else:
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        """Drag, or track the hovered mark and show what a press would do by the cursor."""
        pos = event.position()
        if self._pointer_move(pos):
            return
        hit = self.event_at(pos)
        hover = hit.id if hit else None
        if hover != self._hover_id:
            self._hover_id = hover
            self.update()
        hx = self.x_for_date(self._state.date)
        _, pill, side = self.pill()
        on_pill = pill.contains(pos)
        if hit is not None or self.border_changes_at(pos) or (on_pill and side):
            self.setCursor(Qt.CursorShape.PointingHandCursor)
        elif abs(pos.x() - hx) <= HANDLE_GRAB_PX or on_pill:
            self.setCursor(Qt.CursorShape.SizeHorCursor)
        elif self.is_zoomed and pos.y() < self._rows().axis_y - 4:
            self.setCursor(Qt.CursorShape.OpenHandCursor)
        else:
            self.setCursor(Qt.CursorShape.ArrowCursor)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        """Finish a click or a drag."""
        if event.button() == Qt.MouseButton.LeftButton:
            self._pointer_release(event.position())
            event.accept()
        else:
            super().mouseReleaseEvent(event)

    def leaveEvent(self, event) -> None:  # noqa: N802
        """Forget the hovered mark."""
        if self._hover_id is not None:
            self._hover_id = None
            self.update()
        super().leaveEvent(event)

    def wheelEvent(self, event) -> None:  # noqa: N802
        """Wheel zooms around the cursor; shift+wheel or a sideways wheel pans."""
        delta = event.angleDelta()
        sideways = abs(delta.x()) > abs(delta.y())
        steps = (delta.x() if sideways else delta.y()) / 120
        if sideways or event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.pan_by(-steps * 0.1 * self._view_days)
        elif steps:
            self.zoom_by(1.2 ** steps, event.position().x())
        event.accept()

    # --- keys ----------------------------------------------------------------------------------------
    def keyPressEvent(self, event) -> None:  # noqa: N802
        """Arrows step through events (through the playback, which names them), Shift+arrows go from border
        change to border change, Home/End jump, PageUp/PageDown move a year, +/- zoom, Space plays,
        Escape closes a callout."""
        key, state = event.key(), self._state
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and shift and self.border_changes:
            row = self._border_row
            change = row.after(state.date) if key == Qt.Key.Key_Right else row.before(state.date)
            if change is not None:
                self.go_to_border_change(change)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            direction = +1 if key == Qt.Key.Key_Right else -1
            self.playback.step(direction) if self.playback else state.step_event(direction)
        elif key == Qt.Key.Key_Home:
            state.jump_to(state.dataset.first_date)
        elif key == Qt.Key.Key_End:
            state.jump_to(state.dataset.last_date)
        elif key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            state.set_date(_add_years(state.date, 1 if key == Qt.Key.Key_PageUp else -1))
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(1.5)
        elif key == Qt.Key.Key_Minus:
            self.zoom_by(1 / 1.5)
        elif key == Qt.Key.Key_Space and self.playback is not None:
            self.playback.toggle()
        elif key == Qt.Key.Key_Escape and self._callout is not None:
            self.close_callout()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    # --- tool tips, touch and gestures ------------------------------------------------------------
    def tooltip_at(self, pos: QPointF) -> tuple[str, object] | None:
        """What hovering ``pos`` explains, as plain text, and the rectangle it is about (None: nothing)."""
        language = self._state.language
        _, pill, side = self.pill()
        if pill.contains(pos) and side:
            return tr(language, "timeline_show_date", date=date_label(self._state.date, language)), pill
        hit = self.event_at(pos)
        if hit is not None:
            return f"{hit.text('title', language)}\n{hit.date_label(language)}", self.mark_rect(hit.id)
        changes = self.border_changes_at(pos)
        if changes:
            lines = [line for change in changes[:MAX_TIP_CHANGES] for line in border_lines(change, language)]
            if len(changes) > MAX_TIP_CHANGES:
                lines.append(tr(language, "timeline_more", n=len(changes) - MAX_TIP_CHANGES))
            return "\n".join(lines), self.border_rect(changes[0])
        rows = self._rows()
        if rows.marks_top <= pos.y() <= rows.marks_bottom:
            found = self.density_bin_at(pos.x())
            if found and found[0]:
                count, lo, hi = found
                first, last = dt.date.fromordinal(int(lo)), dt.date.fromordinal(max(int(lo), int(hi) - 1))
                return density_text(count, first, last, language), None
        era = self.era_at(pos) if pos.y() <= rows.era_bottom else None
        if era is not None:
            return f"{era.text('name', language)}\n{span_label(era.start, era.end, language)}", None
        return None

    def event(self, event) -> bool:
        """Tool tips (marks, border changes, eras, the density strip, the arrow), touch (tap, drag) and
        pinch zoom."""
        kind = event.type()
        if kind == QEvent.Type.ToolTip:
            found = self.tooltip_at(QPointF(event.pos()))
            if found is None:
                QToolTip.hideText()
            else:
                text, rect = found
                area = rect.adjusted(-4, -4, 4, 4).toAlignedRect() if rect is not None else self.rect()
                QToolTip.showText(event.globalPos(), tooltip_text(text), self, area)
            return True
        if kind in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd,
                    QEvent.Type.TouchCancel):
            self._touch_event(event)
            return True
        if kind == QEvent.Type.Gesture:
            pinch = event.gesture(Qt.GestureType.PinchGesture)
            if pinch is not None:
                anchor = self.mapFromGlobal(pinch.centerPoint().toPoint()).x()
                self.zoom_by(pinch.scaleFactor(), anchor)
                event.accept(pinch)
                return True
        if (kind == QEvent.Type.NativeGesture
                and event.gestureType() == Qt.NativeGestureType.ZoomNativeGesture):
            self.zoom_by(1 + event.value(), event.position().x())
            event.accept()
            return True
        return super().event(event)

    def _touch_event(self, event) -> None:
        event.accept()
        points = event.points()
        kind = event.type()
        if kind == QEvent.Type.TouchCancel or len(points) != 1:
            self._press, self._scrub_offset, self._drag = None, None, None  # two fingers: the pinch takes over
            self._scrub_timer.stop()
            return
        pos = points[0].position()
        if kind == QEvent.Type.TouchBegin:
            self._pointer_press(pos, max(self.hit_radius, self._sizes.px(TOUCH_HIT_RADIUS)), touch=True)
        elif kind == QEvent.Type.TouchUpdate:
            self._pointer_move(pos)
        else:
            self._pointer_release(pos)

