"""The details of an event as a small HTML document, with every dataset text escaped. Free of Qt.

Links to other events are ``event:<id>`` anchors, sources ``source:<n>`` and media ``media:<n>`` (the n-th
of the event's); the view looks the URL up in the event and decides whether clicking it opens a browser
(desktop) or not (kiosk).
"""

from __future__ import annotations

from html import escape

from explorer.model.dataset import Dataset, Event
from explorer.model.i18n import tr
from explorer.model.place_state import place_state

LABELS = {
    "en": {"date": "Date", "place": "Place", "parties": "Parties", "signatories": "Signatories",
           "summary": "Summary", "key_points": "Key points", "significance": "Why it matters",
           "sources": "Sources", "links": "Links to other agreements", "none": "None recorded",
           "distance": "{km:,.0f} km away", "same_place": "same place", "precision": "precise to the {p}",
           "media": "Pictures and documents", "nothing": "Select an event on the map or the timeline."},
    "de": {"date": "Datum", "place": "Ort", "parties": "Vertragsparteien", "signatories": "Unterzeichner",
           "summary": "Zusammenfassung", "key_points": "Kernpunkte", "significance": "Bedeutung",
           "sources": "Quellen", "links": "Verbindungen zu anderen Abkommen", "none": "Keine verzeichnet",
           "distance": "{km:,.0f} km entfernt", "same_place": "gleicher Ort", "precision": "genau auf {p}",
           "media": "Bilder und Dokumente", "nothing": "Wählen Sie ein Ereignis auf der Karte oder der Zeitleiste."},
}
PRECISION_WORDS = {"en": {"day": "day", "month": "month", "year": "year"},
                   "de": {"day": "den Tag", "month": "den Monat", "year": "das Jahr"}}


def distance_km(dataset: Dataset, a: Event, b: Event) -> float | None:
    """Great-circle (geodesic, WGS84) distance between two events' places, in kilometres (None without both)."""
    pa, pb = dataset.place_of(a), dataset.place_of(b)
    if pa is None or pb is None:
        return None
    from geopy.distance import geodesic   # geopy's import pulls in every geocoder: only when first needed

    return geodesic((pa.lat, pa.lon), (pb.lat, pb.lon)).kilometers


def details_html(dataset: Dataset, event: Event | None, language: str = "en", base_pt: int = 10) -> str:
    """The details panel's document for ``event`` (or a hint when nothing is selected)."""
    t = LABELS.get(language, LABELS["en"])
    if event is None:
        return start_html(dataset, language, base_pt)
    place = dataset.place_of(event)
    parts = [f"<h2 style='margin:0 0 4px 0; font-size:{base_pt + 6}pt'>{escape(event.text('title', language))}</h2>",
             f"<p style='margin:0; color:#555'>{escape(event.kind.capitalize())}</p>"]
    precision = PRECISION_WORDS.get(language, PRECISION_WORDS["en"])[event.date.precision]
    date_line = escape(event.date_label(language))
    if event.date.precision != "day" and event.date.is_exact and not event.display_date:
        date_line += f" <span style='color:#666'>({escape(t['precision'].format(p=precision))})</span>"
    rows = [(t["date"], date_line)]
    if event.date_note:
        rows.append(("", f"<i>{escape(event.text('date_note', language))}</i>"))
    if place is not None:
        state = place_state(dataset, event, language)     # on the event's date, from the period borders
        rows.append((t["place"], escape(f"{place.display_name_in(language)}, {state.text}")))
    parties = ", ".join(dataset.party_name(p, language) for p in event.parties)
    rows.append((t["parties"], escape(parties) or escape(t["none"])))
    if event.signatories:
        rows.append((t["signatories"], "<br>".join(
            escape(s.name) + (f" <span style='color:#555'>({escape(s.text('office', language))})</span>"
                              if s.office else "")
            for s in event.signatories)))
    parts.append("<table cellspacing='0' cellpadding='2'>" + "".join(
        f"<tr><td valign='top' style='color:#555; padding-right:8px'><b>{escape(k)}</b></td><td>{v}</td></tr>"
        for k, v in rows) + "</table>")
    parts.append(f"<h3>{escape(t['summary'])}</h3><p>{escape(event.text('summary', language))}</p>")
    key_points = event.text("key_points", language)
    if key_points:
        parts.append(f"<h3>{escape(t['key_points'])}</h3><ul>"
                     + "".join(f"<li>{escape(p)}</li>" for p in key_points) + "</ul>")
    significance = event.text("significance", language)
    if significance:
        parts.append(f"<h3>{escape(t['significance'])}</h3><p>{escape(significance)}</p>")
    parts.append(links_html(dataset, event, language))
    # A source's link is ``source:<n>``: the view looks the URL up in the event (so no URL is ever parsed back
    # out of HTML, where "&" would come back as "&amp;") and opens only http and https.
    parts.append(f"<h3>{escape(t['sources'])}</h3><ol>" + "".join(
        f"<li>{escape(s.citation)}" + (f"<br><a href='source:{i}'>{escape(s.url)}</a>" if s.url else "")
        + (f"<br><i>{escape(s.note)}</i>" if s.note else "") + "</li>" for i, s in enumerate(event.sources)) + "</ol>")
    if event.media:
        parts.append(f"<h3>{escape(t['media'])}</h3><ul>" + "".join(
            f"<li><a href='media:{i}'>{escape(m.caption or m.url)}</a>"
            + (f" <span style='color:#555'>({escape(m.credit)})</span>" if m.credit else "") + "</li>"
            for i, m in enumerate(event.media)) + "</ul>")
    return "".join(parts)


def start_html(dataset: Dataset, language: str = "en", base_pt: int = 10) -> str:
    """What the panel shows before anything is selected: the dataset's title and description, and how to
    begin."""
    steps = "".join(f"<li>{escape(tr(language, key))}</li>"
                    for key in ("details_start_map", "details_start_time", "details_start_search"))
    description = dataset.text("description", language)
    return (f"<h2 style='margin:0 0 6px 0; font-size:{base_pt + 5}pt'>{escape(dataset.text('title', language))}</h2>"
            + (f"<p>{escape(description)}</p>" if description else "")
            + f"<h3>{escape(tr(language, 'details_start'))}</h3><ul>{steps}</ul>")


def links_html(dataset: Dataset, event: Event, language: str = "en") -> str:
    """The event's links grouped by how they read from it, each an ``event:`` anchor with its distance."""
    t = LABELS.get(language, LABELS["en"])
    groups = dataset.grouped_links(event.id)
    out = [f"<h3>{escape(t['links'])}</h3>"]
    if not groups:
        out.append(f"<p style='color:#555'>{escape(t['none'])}</p>")
        return "".join(out)
    for label, views in groups.items():
        out.append(f"<p style='margin:6px 0 2px 0'><b>{escape(label.capitalize())}</b></p><ul style='margin-top:0'>")
        for view in views:
            other = dataset.event(view.other_id)
            km = distance_km(dataset, event, other)
            where = "" if km is None else "; " + (t["same_place"] if km < 1 else t["distance"].format(km=km))
            out.append(f"<li><a href='event:{escape(other.id, quote=True)}'>{escape(other.text('title', language))}</a>"
                       f" ({escape(other.date_label(language))}{escape(where)})"
                       f"<br><span style='color:#444'>{escape(view.note_in(language))}</span></li>")
        out.append("</ul>")
    return "".join(out)
