"""How big things are on a given kiosk screen: one unit for every size, the touch minimum, text sizes. Free of Qt.

The kiosk is designed on a 1920 × 1080 landscape (or 1080 × 1920 portrait) screen; every length in the
kiosk's code is in those design pixels and becomes screen pixels through ``KioskMetrics.px``, so a 4K screen
shows the same layout twice as sharp and a 1366 × 768 one the same layout smaller. Where the screen's
physical density is known and the screen is dense (a small screen with many pixels, seen from close by),
the unit grows so that text and buttons keep a readable physical size, but never so far that the layout
would need more room than a 1280 × 720 screen gives. Touch targets are never below 48 px, nor below 48
design px, nor below 9 mm where the density is known.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

DESIGN_LANDSCAPE = (1920, 1080)
DESIGN_PORTRAIT = (1080, 1920)
#: The most room the layout needs, in design px: the unit never makes the screen smaller than this.
SMALLEST_LANDSCAPE = (1280, 720)
SMALLEST_PORTRAIT = (720, 1280)
#: The density (dots per inch) at which one design pixel is one screen pixel (a 20" 1080p screen).
REFERENCE_DPI = 110.0
#: Densities outside this range are not believed (virtual screens, broken EDID data).
BELIEVABLE_DPI = (40.0, 600.0)
MIN_TOUCH_PX = 48
MIN_TOUCH_MM = 9.0
#: How much the visitor's "larger text" button enlarges the text.
LARGE_TEXT_FACTOR = 1.3


@dataclass(frozen=True)
class KioskMetrics:
    """Sizes for one screen: ``unit`` screen px per design px, ``text`` the text factor (the configured
    ``text_scale``, times ``LARGE_TEXT_FACTOR`` in large-text mode), ``touch`` the smallest touch target."""

    width: int
    height: int
    unit: float
    text: float
    touch: int
    portrait: bool
    dpi: float | None = None

    @classmethod
    def for_screen(cls, width: int, height: int, text_scale: float = 1.0, dpi: float | None = None,
                   large_text: bool = False) -> KioskMetrics:
        """The metrics of a ``width`` × ``height`` screen (physical density ``dpi`` where known)."""
        width, height = max(1, int(width)), max(1, int(height))
        portrait = height > width
        design = DESIGN_PORTRAIT if portrait else DESIGN_LANDSCAPE
        smallest = SMALLEST_PORTRAIT if portrait else SMALLEST_LANDSCAPE
        by_pixels = min(width / design[0], height / design[1])
        most = max(by_pixels, min(width / smallest[0], height / smallest[1]))
        believed = dpi if dpi is not None and BELIEVABLE_DPI[0] <= dpi <= BELIEVABLE_DPI[1] else None
        unit = by_pixels if believed is None else max(by_pixels, min(believed / REFERENCE_DPI, most))
        touch = max(MIN_TOUCH_PX, MIN_TOUCH_PX * by_pixels, MIN_TOUCH_PX * unit)
        if believed is not None:
            touch = max(touch, MIN_TOUCH_MM / 25.4 * believed)
        text = text_scale * (LARGE_TEXT_FACTOR if large_text else 1.0)
        return cls(width, height, unit, text, math.ceil(touch), portrait, believed)

    @property
    def screen_scale(self) -> float:
        """The screen's size against the design screen (what "48 px at 1080p" is measured against)."""
        design = DESIGN_PORTRAIT if self.portrait else DESIGN_LANDSCAPE
        return min(self.width / design[0], self.height / design[1])

    def px(self, design: float) -> int:
        """A length in screen pixels."""
        return max(1, round(design * self.unit))

    def font_px(self, design: float) -> int:
        """A text size in screen pixels (grows with the text factor)."""
        return max(9, round(design * self.unit * self.text))

    def button_height(self, font_design: float) -> int:
        """The height of a button whose text is ``font_design`` px: room for the text and never below touch."""
        return max(self.touch, round(self.font_px(font_design) * 1.9))

    # --- the parts of the layout, in screen px ---------------------------------------------------------
    @property
    def side_width(self) -> int:
        """The details column beside the map (landscape): wider for larger text, never more than 42 % of
        the screen nor less than 30 %."""
        wanted = self.px(560) * math.sqrt(self.text)
        return round(min(max(wanted, self.width * 0.30), self.width * 0.42))

    @property
    def details_height(self) -> int:
        """The details' height below the timeline (portrait)."""
        return round(self.height * 0.40)

    @property
    def timeline_height(self) -> int:
        """The timeline's height: its rows of marks, the axis labels and the date, and touch-sized marks."""
        return max(round(self.touch * 2.8), round(self.px(150) + self.font_px(18) * 1.6))
