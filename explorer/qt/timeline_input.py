"""What the timeline slider does with input: mouse, touch, pinch, wheel and keys, written back through the
state's methods (and the playback's, for Space and the arrows). Mixed into ``TimelineSlider``, which
provides the geometry (``event_at``, ``date_at``, ``zoom_by``, ``pan_by`` ...)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtWidgets import QApplication, QToolTip

from explorer.qt.plain_text import tooltip_text
from explorer.qt.timeline_paint import PAD_X

SCRUB_INTERVAL_MS = 16          # at most one date update per frame while dragging
MOUSE_HIT_RADIUS = 4
TOUCH_HIT_RADIUS = 24
HANDLE_GRAB_PX = 7


def _add_years(date: dt.date, years: int) -> dt.date:
    try:
        return date.replace(year=date.year + years)
    except ValueError:                          # 29 February in a common year
        return date.replace(year=date.year + years, day=28)


@dataclass
class PendingPress:
    """A press on a mark that becomes a click on release, or a scrub once it moves far enough."""

    pos: QPointF
    event_id: str | None            # select on release; None when it was selected already (touch)
    handle_offset: float | None     # set when the press was on the handle too


class TimelineInput:
    """Pointer, touch, gesture, wheel and key handling of the timeline slider."""

    # --- pointer (mouse and touch share this) -----------------------------------------------------
    def _pointer_press(self, pos: QPointF, radius: float, select_now: bool) -> None:
        hit = self.event_at(pos, radius)
        handle_x = self.x_for_date(self._state.date)
        offset = pos.x() - handle_x if abs(pos.x() - handle_x) <= max(HANDLE_GRAB_PX, radius) else None
        if hit is not None:
            if select_now:
                self._state.select(hit.id)
            self._press = PendingPress(pos, None if select_now else hit.id, offset)
        else:
            self._begin_scrub(offset or 0.0)
            if offset is None:
                self._scrub_to(pos.x())

    def _pointer_move(self, pos: QPointF) -> bool:
        press = self._press
        if press is not None and (pos - press.pos).manhattanLength() >= QApplication.startDragDistance():
            self._press = None
            self._begin_scrub(press.handle_offset or 0.0)
        if self._scrub_offset is None:
            return False
        self._scrub_to(pos.x() - self._scrub_offset)
        return True

    def _pointer_release(self, pos: QPointF) -> None:
        if self._press is not None:
            event_id, self._press = self._press.event_id, None
            if event_id is not None:
                self._state.select(event_id)
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

    def mousePressEvent(self, event) -> None:  # noqa: N802
        """Start a click on a mark or a scrub."""
        if event.button() == Qt.MouseButton.LeftButton:
            self._pointer_press(event.position(), self.hit_radius, select_now=False)
            event.accept()
        else:
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        """Scrub, or track the hovered mark."""
        pos = event.position()
        if self._pointer_move(pos):
            return
        hit = self.event_at(pos)
        hover = hit.id if hit else None
        if hover != self._hover_id:
            self._hover_id = hover
            self.update()
        on_handle = abs(pos.x() - self.x_for_date(self._state.date)) <= HANDLE_GRAB_PX
        self.setCursor(Qt.CursorShape.PointingHandCursor if hit else
                       Qt.CursorShape.SizeHorCursor if on_handle else Qt.CursorShape.ArrowCursor)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        """Finish a click or a scrub."""
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

    def keyPressEvent(self, event) -> None:  # noqa: N802
        """Arrows step through events, Home/End jump, PageUp/PageDown move a year, +/- zoom, Space plays."""
        key, state = event.key(), self._state
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
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
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def event(self, event) -> bool:
        """Tool tips for marks, touch (tap a mark, drag to scrub) and pinch zoom."""
        kind = event.type()
        if kind == QEvent.Type.ToolTip:
            hit = self.event_at(QPointF(event.pos()))
            if hit is None:
                QToolTip.hideText()
            else:
                text = f"{hit.text('title', self._state.language)}\n{hit.date_label()}"
                rect = self.mark_rect(hit.id).adjusted(-4, -4, 4, 4).toAlignedRect()
                QToolTip.showText(event.globalPos(), tooltip_text(text), self, rect)
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
            self._press, self._scrub_offset = None, None    # two fingers: the pinch gesture takes over
            self._scrub_timer.stop()
            return
        pos = points[0].position()
        if kind == QEvent.Type.TouchBegin:
            self._pointer_press(pos, max(self.hit_radius, TOUCH_HIT_RADIUS), select_now=True)
        elif kind == QEvent.Type.TouchUpdate:
            self._pointer_move(pos)
        else:
            self._pointer_release(pos)
