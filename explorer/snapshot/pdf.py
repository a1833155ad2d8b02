"""A printed map page made into the PDF a user asked for: the paper's exact size and the document's title and
author. Free of Qt (pypdf).

Chromium prints the page at one CSS pixel per 0.75 pt, so the framing stays that of the view; the page is
then scaled, as vectors, onto the paper (A4 landscape is 842 × 595 pt whatever the window's shape was).
"""

from __future__ import annotations

import io

from pypdf import PdfReader, PdfWriter
from pypdf.generic import RectangleObject

from explorer import __version__
from explorer.model.dataset import Dataset

#: PDF readers show a few hundred characters of an author at most.
MAX_AUTHOR_CHARS = 250


def pdf_metadata(dataset: Dataset, title: str) -> dict[str, str]:
    """The document information of a snapshot: its title, the dataset's credits as author, the app as creator."""
    author = "; ".join(dataset.credits) or "Treaty Explorer"
    if len(author) > MAX_AUTHOR_CHARS:
        author = author[:MAX_AUTHOR_CHARS - 1].rstrip() + "…"
    return {"/Title": title, "/Author": author, "/Subject": dataset.title,
            "/Creator": f"Treaty Explorer {__version__}"}


def finish_pdf(data: bytes, page_points: tuple[float, float], metadata: dict[str, str]) -> bytes:
    """``data`` (a one-page PDF) with its page scaled to ``page_points`` (width, height) and ``metadata`` set."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    target_w, target_h = page_points
    for page in writer.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        if abs(width - target_w) > 0.5 or abs(height - target_h) > 0.5:
            # One factor for both sides keeps the map's proportions; the page was printed in the paper's shape,
            # so at most a fraction of a point is cut or added at an edge.
            page.scale_by(min(target_w / width, target_h / height))
        box = RectangleObject([0, 0, target_w, target_h])
        page.mediabox = box
        page.cropbox = box
    writer.add_metadata(metadata)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
