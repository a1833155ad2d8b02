"""The details of an event: what is said about it (``event_details``), and that as a small HTML document with
every dataset text escaped (``details_html``). Free of Qt.

The desktop's panel shows the HTML; the kiosk builds large type and touch-sized link buttons from the same
``EventDetails``, so both say the same things. Every label comes from the interface catalogues
(``explorer.model.i18n``), every text from the dataset in the chosen language where it has one.

In the HTML, links to other events are ``event:<id>`` anchors, sources ``source:<n>`` and media ``media:<n>``
(the n-th of the event's); the view looks the URL up in the event and decides whether clicking it opens a
browser (desktop) or not (kiosk).
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from explorer.model.dataset import Dataset, Event
from explorer.model.i18n import format_number, kind_name, tr
from explorer.model.place_state import place_state


@dataclass(frozen=True)
class Fact:
    """One row of the facts table: a label and its lines, each a text with an aside shown muted (an office,
    a date's precision); ``note`` rows (the date note) have no label and are set in italics."""

    label: str
    lines: tuple[tuple[str, str], ...]
    note: bool = False


@dataclass(frozen=True)
class LinkItem:
    """A link to another event as the details list it: that event, how far away, and the link's note."""

    event_id: str
    title: str
    when: str
    where: str                # "350 km away", "same place", or "" when either has no place
    note: str


@dataclass(frozen=True)
class EventDetails:
    """Everything the details say about one event, in one language, as plain text."""

    event_id: str
    title: str
    kind: str                 # the kind's id: its colour, shape and letter are in explorer.model.kinds
    kind_label: str
    facts: tuple[Fact, ...]
    summary: str
    key_points: tuple[str, ...]
    significance: str
    links: tuple[tuple[str, tuple[LinkItem, ...]], ...]     # (how they read from here, the links), in order
    sources: tuple                                          # the event's Source objects
    media: tuple                                            # the event's Media objects


def distance_km(dataset: Dataset, a: Event, b: Event) -> float | None:
    """Great-circle (geodesic, WGS84) distance between two events' places, in kilometres (None without both)."""
    pa, pb = dataset.place_of(a), dataset.place_of(b)
    if pa is None or pb is None:
        return None
    from geopy.distance import geodesic   # geopy's import pulls in every geocoder: only when first needed

    return geodesic((pa.lat, pa.lon), (pb.lat, pb.lon)).kilometers


def event_details(dataset: Dataset, event: Event, language: str = "en") -> EventDetails:
    """What the details of ``event`` say, in ``language``."""
    place = dataset.place_of(event)
    aside = ""
    if event.date.precision != "day" and event.date.is_exact and not event.display_date:
        aside = tr(language, "details.precision", p=tr(language, f"details.precision.{event.date.precision}"))
    if event.date.is_one_of_set and not event.display_date:
        aside = tr(language, "details.sources_differ")
    facts = [Fact(tr(language, "details.date"), ((event.date_label(language), aside),))]
    if event.date_note:
        facts.append(Fact("", ((event.text("date_note", language), ""),), note=True))
    if place is not None:
        state = place_state(dataset, event, language).text     # on the event's date, from the period borders
        facts.append(Fact(tr(language, "details.place"), ((f"{place.display_name_in(language)}, {state}", ""),)))
    parties = ", ".join(dataset.party_name(p, language) for p in event.parties)
    facts.append(Fact(tr(language, "details.parties"), ((parties or tr(language, "details.none"), ""),)))
    if event.signatories:
        facts.append(Fact(tr(language, "details.signatories"),
                          tuple((s.name, s.text("office", language) if s.office else "") for s in event.signatories)))
    return EventDetails(event.id, event.text("title", language), event.kind, kind_name(event.kind, language),
                        tuple(facts), event.text("summary", language), tuple(event.text("key_points", language)),
                        event.text("significance", language), link_groups(dataset, event, language),
                        tuple(event.sources), tuple(event.media))


def link_groups(dataset: Dataset, event: Event, language: str = "en") -> tuple[tuple[str, tuple[LinkItem, ...]], ...]:
    """The event's links grouped by how they read from it (``Led to``, ``Followed from`` ...), in a stable
    order, each with the other event's title and date and how far away it happened."""
    groups = []
    for views in dataset.grouped_links(event.id).values():
        items = []
        for view in views:
            other = dataset.event(view.other_id)
            km = distance_km(dataset, event, other)
            where = ("" if km is None else tr(language, "details.same_place") if km < 1
                     else tr(language, "details.distance", km=format_number(km, language)))
            items.append(LinkItem(other.id, other.text("title", language), other.date_label(language), where,
                                  view.note_in(language)))
        label = views[0].label_in(language)
        groups.append((label[:1].upper() + label[1:], tuple(items)))
    return tuple(groups)


# --- HTML (the desktop's details panel) --------------------------------------------------------------------

def details_html(dataset: Dataset, event: Event | None, language: str = "en", base_pt: int = 10) -> str:
    """The details panel's document for ``event`` (or a hint when nothing is selected)."""
    if event is None:
        return start_html(dataset, language, base_pt)
    d = event_details(dataset, event, language)
    parts = [f"<h2 style='margin:0 0 4px 0; font-size:{base_pt + 6}pt'>{escape(d.title)}</h2>",
             f"<p style='margin:0; color:#555'>{escape(d.kind_label)}</p>",
             "<table cellspacing='0' cellpadding='2'>" + "".join(_fact_row(f) for f in d.facts) + "</table>",
             f"<h3>{escape(tr(language, 'details.summary'))}</h3><p>{escape(d.summary)}</p>"]
    if d.key_points:
        parts.append(f"<h3>{escape(tr(language, 'details.key_points'))}</h3><ul>"
                     + "".join(f"<li>{escape(p)}</li>" for p in d.key_points) + "</ul>")
    if d.significance:
        parts.append(f"<h3>{escape(tr(language, 'details.significance'))}</h3><p>{escape(d.significance)}</p>")
    parts.append(_links_html(d.links, language))
    # A source's link is ``source:<n>``: the view looks the URL up in the event (so no URL is ever parsed back
    # out of HTML, where "&" would come back as "&amp;") and opens only http and https.
    parts.append(f"<h3>{escape(tr(language, 'details.sources'))}</h3><ol>" + "".join(
        f"<li>{escape(s.citation)}" + (f"<br><a href='source:{i}'>{escape(s.url)}</a>" if s.url else "")
        + (f"<br><i>{escape(s.note)}</i>" if s.note else "") + "</li>" for i, s in enumerate(d.sources)) + "</ol>")
    if d.media:
        parts.append(f"<h3>{escape(tr(language, 'details.media'))}</h3><ul>" + "".join(
            f"<li><a href='media:{i}'>{escape(m.caption or m.url)}</a>"
            + (f" <span style='color:#555'>({escape(m.credit)})</span>" if m.credit else "") + "</li>"
            for i, m in enumerate(d.media)) + "</ul>")
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


def _fact_row(fact: Fact) -> str:
    if fact.note:
        value = "<br>".join(f"<i>{escape(text)}</i>" for text, _ in fact.lines)
    else:
        value = "<br>".join(escape(text) + (f" <span style='color:#555'>({escape(aside)})</span>" if aside else "")
                            for text, aside in fact.lines)
    return (f"<tr><td valign='top' style='color:#555; padding-right:8px'><b>{escape(fact.label)}</b></td>"
            f"<td>{value}</td></tr>")


def links_html(dataset: Dataset, event: Event, language: str = "en") -> str:
    """The event's links grouped by how they read from it, each an ``event:`` anchor with its distance."""
    return _links_html(link_groups(dataset, event, language), language)


def _links_html(groups, language: str) -> str:
    out = [f"<h3>{escape(tr(language, 'details.links'))}</h3>"]
    if not groups:
        out.append(f"<p style='color:#555'>{escape(tr(language, 'details.none'))}</p>")
        return "".join(out)
    for label, items in groups:
        out.append(f"<p style='margin:6px 0 2px 0'><b>{escape(label)}</b></p><ul style='margin-top:0'>")
        for item in items:
            where = f"; {item.where}" if item.where else ""
            out.append(f"<li><a href='event:{escape(item.event_id, quote=True)}'>{escape(item.title)}</a>"
                       f" ({escape(item.when)}{escape(where)})"
                       f"<br><span style='color:#444'>{escape(item.note)}</span></li>")
        out.append("</ul>")
    return "".join(out)
