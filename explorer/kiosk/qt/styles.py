"""The kiosk's looks: two palettes (the exhibit's own, and high contrast) and the style sheet for a screen.

Sizes come from ``KioskMetrics`` (screen px); fonts are set on the widgets themselves (``fonts``), so the
widths the layout measures are the widths drawn. Colours of text on its background keep a WCAG contrast of
at least 4.5:1 in the normal palette and 7:1 in high contrast (tests/test_kiosk_layout.py checks them).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QPalette

from explorer.kiosk.metrics import KioskMetrics


@dataclass(frozen=True)
class Colours:
    """One palette of the kiosk."""

    chrome: str           # the top bar and the frame around the map
    chrome_text: str
    button: str
    button_text: str
    button_border: str
    accent: str           # checked and pressed buttons, the tour banner, the prompt's frame
    accent_text: str
    paper: str            # the details
    ink: str
    muted: str            # labels and asides in the details
    link: str             # link buttons in the details
    link_text: str
    link_border: str
    card: str             # the invitation and the prompt
    card_text: str
    border_px: int        # how thick outlines are


NORMAL = Colours(chrome="#15222b", chrome_text="#ffffff", button="#2c3e4a", button_text="#ffffff",
                 button_border="#5d7788", accent="#f5b700", accent_text="#111111", paper="#fdfbf6", ink="#111111",
                 muted="#4a4a4a", link="#e9eef2", link_text="#0b2f4a", link_border="#8aa3b5", card="#fdfbf6",
                 card_text="#15222b", border_px=2)
HIGH_CONTRAST = Colours(chrome="#000000", chrome_text="#ffffff", button="#000000", button_text="#ffffff",
                        button_border="#ffffff", accent="#ffff00", accent_text="#000000", paper="#000000",
                        ink="#ffffff", muted="#ffffff", link="#000000", link_text="#ffff00", link_border="#ffff00",
                        card="#000000", card_text="#ffffff", border_px=3)


def colours(high_contrast: bool) -> Colours:
    """The palette for the mode."""
    return HIGH_CONTRAST if high_contrast else NORMAL


#: Text sizes in design px (1920 × 1080 at text scale 1), by role.
FONT_SIZES = {"title": 30, "button": 24, "body": 22, "heading": 25, "fact_label": 18, "details_title": 34,
              "kind": 20, "link_title": 22, "link_meta": 18, "banner": 40, "banner_event": 26, "invite": 44,
              "invite_hint": 24, "prompt_title": 52, "prompt_body": 30, "loading": 32, "timeline": 17,
              "pin": 34}


def font(metrics: KioskMetrics, role: str, bold: bool = False) -> QFont:
    """The font for a role on this screen (pixel sized: the same on every screen density)."""
    f = QFont()
    f.setPixelSize(metrics.font_px(FONT_SIZES[role]))
    f.setBold(bold)
    return f


def _border(m: KioskMetrics, c: Colours) -> int:
    return max(c.border_px, m.px(c.border_px))


def button_padding(m: KioskMetrics) -> int:
    """The width a button's padding and border take beside its text, in either palette."""
    return 2 * (m.px(18) + max(_border(m, NORMAL), _border(m, HIGH_CONTRAST)))


def point_font(metrics: KioskMetrics, role: str, logical_dpi: float) -> QFont:
    """The same size as ``font`` in points, for widgets that scale their font's point size (the timeline
    paints its labels at a fraction of it)."""
    f = QFont()
    f.setPointSizeF(metrics.font_px(FONT_SIZES[role]) * 72.0 / (logical_dpi or 96.0))
    return f


def window_style(m: KioskMetrics, c: Colours) -> str:
    """The kiosk window's style sheet (colours, borders, padding; no font sizes)."""
    pad = m.px(18)
    radius = m.px(12)
    b = _border(m, c)
    return (
        f"#kiosk_window {{ background:{c.chrome}; }}"
        f"#top_bar, #top_bar QLabel {{ background:{c.chrome}; color:{c.chrome_text}; }}"
        f"QPushButton[kiosk='true'] {{ padding:0 {pad}px; border-radius:{radius}px; background:{c.button};"
        f" color:{c.button_text}; border:{b}px solid {c.button_border}; }}"
        f"QPushButton[kiosk='true']:checked {{ background:{c.accent}; color:{c.accent_text}; border-color:{c.accent}; }}"
        f"QPushButton[kiosk='true']:pressed {{ background:{c.accent}; color:{c.accent_text}; }}"
        f"#details_side {{ background:{c.paper}; }}"
        f"#details_side QLabel {{ color:{c.ink}; background:transparent; }}"
        f"#details_side QLabel[muted='true'] {{ color:{c.muted}; }}"
        f"#details_scroll, #details_content {{ background:{c.paper}; border:none; }}"
        f"QPushButton[link='true'] {{ background:{c.link}; border:{b}px solid {c.link_border};"
        f" border-radius:{radius}px; text-align:left; padding:0; }}"
        f"QPushButton[link='true']:pressed {{ background:{c.accent}; }}"
        f"QPushButton[link='true'] QLabel {{ color:{c.link_text}; background:transparent; }}"
        f"#attract_banner {{ background:{c.accent}; }}"
        f"#attract_banner QLabel {{ color:{c.accent_text}; background:transparent; }}"
        f"#invitation_card, #prompt_card {{ background:{c.card}; border:{m.px(4)}px solid {c.accent};"
        f" border-radius:{m.px(24)}px; }}"
        f"#invitation_card QLabel, #prompt_card QLabel {{ color:{c.card_text}; background:transparent; }}"
        f"#timeline_frame {{ background:{c.chrome}; }}"
    )


def timeline_palette(base: QPalette, c: Colours, high_contrast: bool) -> QPalette:
    """The timeline's colours for the mode (it paints with its palette)."""
    palette = QPalette(base)
    if high_contrast:
        for role, colour in ((QPalette.ColorRole.Window, "#000000"), (QPalette.ColorRole.Base, "#000000"),
                             (QPalette.ColorRole.AlternateBase, "#1a1a1a"), (QPalette.ColorRole.Text, "#ffffff"),
                             (QPalette.ColorRole.WindowText, "#ffffff"), (QPalette.ColorRole.Mid, "#ffffff"),
                             (QPalette.ColorRole.Highlight, "#ffff00"), (QPalette.ColorRole.HighlightedText, "#000000"),
                             (QPalette.ColorRole.ButtonText, "#ffffff"), (QPalette.ColorRole.Dark, "#ffffff")):
            palette.setColor(role, QColor(colour))
    return palette


def contrast_ratio(foreground: str, background: str) -> float:
    """The WCAG 2 contrast ratio of two colours (1 to 21)."""
    def luminance(colour: str) -> float:
        q = QColor(colour)
        channels = []
        for value in (q.redF(), q.greenF(), q.blueF()):
            channels.append(value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4)
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]

    a, b = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def text_pairs(c: Colours) -> list[tuple[str, str, str]]:
    """Every (what, text colour, background) pair the palette draws text with."""
    return [("chrome", c.chrome_text, c.chrome), ("button", c.button_text, c.button),
            ("checked", c.accent_text, c.accent), ("details", c.ink, c.paper), ("muted", c.muted, c.paper),
            ("link", c.link_text, c.link), ("card", c.card_text, c.card), ("banner", c.accent_text, c.accent)]
