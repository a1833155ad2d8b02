"""What a snapshot shows and how big it is, free of Qt: sizes, centres, formats and the caption's content."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from pathlib import Path

from explorer.model.dataset import Dataset
from explorer.model.dates import HistDate

#: The on-screen size whose framing a snapshot reproduces when nothing else is said.
DEFAULT_VIEW_SIZE = (1280, 720)

#: Paper sizes, landscape (ISO 216): millimetres, and PDF points (1/72 inch) as PDF viewers report them.
PAPER_MM = {"a4": (297, 210), "a3": (420, 297)}
PAPER_POINTS = {"a4": (842, 595), "a3": (1191, 842)}
#: The resolution of a PNG on paper: sharp in print, and what the PNG file says (its pHYs chunk).
PAPER_DPI = 300


def paper_pixels(paper: str, dpi: int = PAPER_DPI) -> tuple[int, int]:
    """A paper size in pixels at ``dpi``: A4 landscape at 300 dpi is 3508 × 2480."""
    width, height = PAPER_MM[paper]
    return round(width / 25.4 * dpi), round(height / 25.4 * dpi)


#: Output sizes offered by the dialog: a size in pixels, a paper name, or ``None`` for the window's size.
SIZE_PRESETS: dict[str, tuple[int, int] | str | None] = {
    "Window size": None,
    "Full HD 1920×1080": (1920, 1080),
    "4K 3840×2160": (3840, 2160),
    "A4 landscape": "a4",
    "A3 landscape": "a3",
}
_NAMED_SIZES = {"hd": (1920, 1080), "fullhd": (1920, 1080), "4k": (3840, 2160),
                "a4": paper_pixels("a4"), "a3": paper_pixels("a3")}


def paper_named(text: str) -> str | None:
    """``"a4"`` for ``--size A4`` (a paper size), None for anything else."""
    name = str(text).strip().lower()
    return name if name in PAPER_MM else None


FORMATS = {".png": "png", ".pdf": "pdf", ".html": "html", ".htm": "html"}
MIN_SIDE, MAX_SIDE = 64, 8000
#: QtWebEngine accepts page zoom factors in this range; the output/view ratio must stay inside it.
MIN_ZOOM_FACTOR, MAX_ZOOM_FACTOR = 0.25, 5.0

_SIZE_RE = re.compile(r"^\s*(\d+)\s*[x×X*]\s*(\d+)\s*$")


def parse_size(text: str) -> tuple[int, int]:
    """``"3840x2160"`` (or a name: hd, 4k, a4, a3) → ``(3840, 2160)``; ValueError saying what is wrong."""
    named = _NAMED_SIZES.get(str(text).strip().lower())
    if named:
        return named
    m = _SIZE_RE.match(str(text))
    if not m:
        raise ValueError(f"'{text}' is not a size; write WIDTHxHEIGHT in pixels, e.g. 1920x1080 "
                         f"(or one of {', '.join(sorted(_NAMED_SIZES))})")
    width, height = int(m.group(1)), int(m.group(2))
    for side, value in (("width", width), ("height", height)):
        if not MIN_SIDE <= value <= MAX_SIDE:
            raise ValueError(f"'{text}': the {side} must be between {MIN_SIDE} and {MAX_SIDE} pixels")
    return width, height


def parse_center(text: str) -> tuple[float, float]:
    """``"44.3,9.2"`` → ``(44.3, 9.2)`` (latitude, longitude); ValueError saying what is wrong."""
    parts = str(text).replace(" ", "").split(",")
    try:
        lat, lon = (float(p) for p in parts)
    except ValueError:
        raise ValueError(f"'{text}' is not a centre; write LAT,LON in degrees, e.g. 44.35,9.23") from None
    if not -90 <= lat <= 90:
        raise ValueError(f"'{text}': latitude {lat:g} is outside -90..90")
    if not -180 <= lon <= 180:
        raise ValueError(f"'{text}': longitude {lon:g} is outside -180..180")
    return lat, lon


def format_for(path: str | Path) -> str:
    """The export format a file name asks for: ``png``, ``pdf`` or ``html``; ValueError for anything else."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(f"'{path}': cannot tell the format from the extension; use .png, .pdf or .html")
    return FORMATS[suffix]


@dataclass(frozen=True)
class SnapshotSpec:
    """One snapshot: output size, the on-screen size whose framing it reproduces, and what the map shows.

    Without ``center``/``zoom`` the map is framed on the selected event (or the dataset's default view);
    with them, that view is kept. ``date`` defaults to the event's date (or the dataset's default date).
    """

    size: tuple[int, int] = (1920, 1080)
    view_size: tuple[int, int] = DEFAULT_VIEW_SIZE
    event: str | None = None
    date: dt.date | None = None
    center: tuple[float, float] | None = None
    zoom: float | None = None
    caption: bool = True
    kinds: tuple[str, ...] | None = None
    parties: tuple[str, ...] | None = None
    window_days: int | None = None
    language: str = "en"
    #: "a4" or "a3": the output is that paper (a PDF of its size in points, a PNG at 300 dpi of it).
    paper: str | None = None
    borders: str = "period"          # "period": the borders of the date; "present": today's

    def __post_init__(self) -> None:
        if self.paper is not None:
            if self.paper not in PAPER_MM:
                raise ValueError(f"unknown paper size {self.paper!r}; use one of {', '.join(PAPER_MM)}")
            object.__setattr__(self, "size", paper_pixels(self.paper))
        for name in ("size", "view_size"):
            width, height = getattr(self, name)
            if width <= 0 or height <= 0:
                raise ValueError(f"{name} must be positive, got {width}x{height}")
        if self.borders not in ("period", "present"):
            raise ValueError(f"borders must be 'period' or 'present', not {self.borders!r}")

    @property
    def zoom_factor(self) -> float:
        """How much bigger the output is than the view: the page is zoomed by this, so framing is kept.

        Kept within what QtWebEngine allows: an output more than 5 times the view shows a wider area instead.
        """
        (width, height), (w0, h0) = self.size, self.view_size
        return min(max(min(width / w0, height / h0), MIN_ZOOM_FACTOR), MAX_ZOOM_FACTOR)

    @property
    def dpi(self) -> int | None:
        """The resolution the image is for (on paper), or None for a screen image."""
        return PAPER_DPI if self.paper else None

    @property
    def pdf_points(self) -> tuple[float, float]:
        """The PDF page in points: the paper's, or the page's CSS viewport at 96 px per inch."""
        if self.paper:
            return PAPER_POINTS[self.paper]
        width, height = self.css_size
        return width * 72 / 96, height * 72 / 96

    @property
    def css_size(self) -> tuple[float, float]:
        """The page's viewport in CSS pixels at that zoom (≈ view_size; larger along the other aspect)."""
        factor = self.zoom_factor
        return self.size[0] / factor, self.size[1] / factor

    def shown_date(self, dataset: Dataset) -> dt.date:
        """The date the map shows: the explicit date, else the event's, else the dataset's default."""
        if self.date is not None:
            return self.date
        if self.event is not None:
            return dataset.event(self.event).start
        return dataset.default_view.date

    def initial_state(self, dataset: Dataset) -> dict:
        """The page's start state for this spec (``PageOptions.initial``), e.g. for the standalone HTML."""
        initial = {"date": self.shown_date(dataset).isoformat(), "selected": self.event,
                   "window_days": self.window_days, "kinds": list(self.kinds) if self.kinds else None,
                   "parties": list(self.parties) if self.parties else None, "language": self.language,
                   "borders": self.borders}
        if self.center is not None or self.zoom is not None or self.event is None:
            view = dataset.default_view
            initial["center"] = list(self.center or view.center)
            initial["zoom"] = self.zoom if self.zoom is not None else view.zoom
        if self.caption:
            initial["caption"] = caption_for(dataset, self)
        return initial


def caption_for(dataset: Dataset, spec: SnapshotSpec) -> dict:
    """The caption block's content: dataset title, date shown, selected event, kinds legend, attribution."""
    from explorer.webmap.page import BASEMAP_ATTRIBUTION

    caption = {"title": dataset.text("title", spec.language),
               "date": HistDate(spec.shown_date(dataset)).label(spec.language), "event": None,
               "kinds": [k for k in dataset.kinds if not spec.kinds or k in spec.kinds],
               "credit": BASEMAP_ATTRIBUTION,
               # With a selection the page puts the caption where it hides least of it; else bottom-left,
               # so that it stays put through an animation.
               "position": "auto" if spec.event else "bottomleft"}
    if spec.event is not None:
        event = dataset.event(spec.event)
        place = dataset.place_of(event)
        caption["event"] = " · ".join([event.text('title', spec.language), event.date_label(spec.language)]
                                      + ([place.display_name_in(spec.language)] if place else []))
    return caption


def snapshot_title(dataset: Dataset, spec: SnapshotSpec) -> str:
    """A title for the file (the PDF's document title): the event, its date and place, or the dataset and
    the date shown."""
    if spec.event is not None:
        return caption_for(dataset, replace(spec, caption=True))["event"]
    return f"{dataset.text('title', spec.language)} · {HistDate(spec.shown_date(dataset)).label(spec.language)}"
