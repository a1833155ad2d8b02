"""Helpers shared by the recipe modules: attribute sets, names of sovereigns, region clean-up."""

from __future__ import annotations

import shapely
from shapely.geometry.base import BaseGeometry

#: Sovereigns by key: (English, German).
SOVEREIGNS = {
    "uk": ("United Kingdom", "Vereinigtes Königreich"),
    "france": ("France", "Frankreich"),
    "italy": ("Italy", "Italien"),
    "spain": ("Spain", "Spanien"),
    "denmark": ("Denmark", "Dänemark"),
    "germany": ("Germany", "Deutsches Reich"),
    "ussr": ("Soviet Union", "Sowjetunion"),
    "league": ("League of Nations", "Völkerbund"),
    "allies": ("Allied Powers", "Alliierte Mächte"),
    "central": ("Germany and Austria-Hungary", "Deutsches Reich und Österreich-Ungarn"),
    "poland": ("Poland", "Polen"),
    "hungary": ("Hungary", "Ungarn"),
    "bulgaria": ("Bulgaria", "Bulgarien"),
    "lithuania": ("Lithuania", "Litauen"),
    "russia": ("Soviet Russia", "Sowjetrussland"),
    "axis": ("Germany and Italy", "Deutsches Reich und Italien"),
    "austria_hungary": ("Austria-Hungary", "Österreich-Ungarn"),
    "ah_bulgaria": ("Austria-Hungary and Bulgaria", "Österreich-Ungarn und Bulgarien"),
}

#: What a state was (the ``status`` field): one of these words.
STATUSES = ("independent", "dominion", "personal union", "union republic", "protectorate", "mandate", "colony",
            "free city", "League of Nations territory", "Allied administration", "occupied", "client state",
            "contested")


def st(name: str, de: str, sov: str | None = None, status: str = "independent", p: int = 2, note: str = "") -> dict:
    """The attributes of a state version. ``sov`` is a key of SOVEREIGNS; ``p`` the precision (1–3)."""
    if status not in STATUSES:
        raise ValueError(status)
    sovereign, sovereign_de = SOVEREIGNS[sov] if sov else (None, None)
    return {"name": name, "name_de": de, "sovereign": sovereign, "sovereign_de": sovereign_de, "status": status,
            "precision": p, "precision_note": note}


def clean(region: BaseGeometry, width: float = 0.01, min_area: float = 0.003) -> BaseGeometry:
    """A region without the slivers that two slightly different outlines leave between them.

    An opening (shrink then grow by ``width`` degrees) removes strips narrower than twice ``width``;
    parts smaller than ``min_area`` square degrees are dropped."""
    opened = region.buffer(-width, join_style="mitre").buffer(width, join_style="mitre").intersection(region)
    parts = [p for p in shapely.get_parts(opened) if p.area >= min_area]
    return shapely.union_all(parts) if parts else shapely.Polygon()
