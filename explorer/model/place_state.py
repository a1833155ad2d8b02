"""Which state a place belonged to on the day of an event. Free of Qt.

A place's ``country`` field is one value for all time, so Brest-Litovsk read "Poland" for its 1918, 1939 and
1941 events alike. Here the answer comes, in this order, from:

1. the event's ``place_state`` in the dataset, an override for where the borders are too coarse or the
   situation needs words ("German-occupied (seat of the German Eastern Command, Ober Ost)");
2. the period borders (``explorer.model.borders``) at the place on the event's first day: "Poland",
   "Byelorussian SSR (Soviet Union)";
3. the place's ``country`` (outside the borders' years or region, or at sea).
"""

from __future__ import annotations

from dataclasses import dataclass

from explorer.model.dataset import Dataset, Event


@dataclass(frozen=True)
class PlaceState:
    """The state a place belonged to on a day, and where that answer came from."""

    text: str                  # in the language asked for
    source: str                # "data" (the event's place_state), "borders" or "place" (its country)
    precision: int | None = None   # the borders' precision there (1 approximate … 3 by law), if from them


def place_state(dataset: Dataset, event: Event, language: str = "en") -> PlaceState | None:
    """The state the event's place belonged to on the event's date, or None for an event without a place."""
    override = event.text("place_state", language)
    if override:
        return PlaceState(override, "data")
    place = dataset.place_of(event)
    if place is None:
        return None
    from explorer.model.borders import default_borders   # loaded on first use: the asset is 0.8 MB

    found = default_borders().state_at(place.lat, place.lon, event.start)
    if found is not None:
        return PlaceState(found.label(language), "borders", found.precision)
    return PlaceState(place.text("country", language), "place")
