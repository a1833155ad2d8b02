"""The Qt-free model: dates, the dataset, the link graph, search and the explorer state."""

import datetime as dt

import pytest

from explorer.model.dates import HistDate, parse_day, parse_hist_date
from explorer.model.search import SearchIndex
from explorer.model.state import ExplorerState


@pytest.mark.parametrize("text, start, precision, end", [
    ("1922-04-16", dt.date(1922, 4, 16), "day", dt.date(1922, 4, 16)),
    ("1922-02", dt.date(1922, 2, 1), "month", dt.date(1922, 2, 28)),
    ("1924-02", dt.date(1924, 2, 1), "month", dt.date(1924, 2, 29)),
    ("1925", dt.date(1925, 1, 1), "year", dt.date(1925, 12, 31)),
])
def test_dates_keep_their_precision(text, start, precision, end):
    d = parse_hist_date(text)
    assert (d.start, d.precision, d.end, d.iso()) == (start, precision, end, text)


@pytest.mark.parametrize("text, words", [
    ("1922-02-30", "February 1922 has 28 days"), ("1922-13", "no month 13"), ("16.04.1922", "not a date"),
    ("1900-02-29", "28 days"),
])
def test_impossible_dates_are_refused_with_a_reason(text, words):
    with pytest.raises(ValueError, match=words):
        parse_hist_date(text)


def test_date_labels():
    assert parse_hist_date("1922-04-16").label() == "16 April 1922"
    assert parse_hist_date("1922-12").label() == "December 1922"
    with pytest.raises(ValueError, match="full date"):
        parse_day("1922-04")


def test_dataset_is_sorted_and_indexed(mini):
    assert [e.id for e in mini.events][:2] == ["brest-1918", "rapallo-1920"]
    assert mini.event("rapallo-1922").title.startswith("Treaty of Rapallo")
    with pytest.raises(KeyError, match="no event 'nope'"):
        mini.event("nope")
    assert mini.place_of(mini.event("brest-1918")).display_name == "Brest-Litovsk (Brest)"
    assert mini.capitals_by_party["Soviet Russia"].id == "moscow"
    assert mini.capitals_by_party["Germany"].id == "berlin"
    assert mini.first_date == dt.date(1918, 3, 3)
    assert mini.last_date == dt.date(1933, 12, 31)


def test_links_read_from_both_ends(mini):
    from_rapallo = {(v.label, v.other_id) for v in mini.links_of("rapallo-1922")}
    assert ("reaffirmed by", "berlin-1926") in from_rapallo
    assert ("followed from", "genoa-1922") in from_rapallo
    assert ("led to", "lipetsk-1925") in from_rapallo
    assert ("parallels", "rapallo-1920") in from_rapallo
    assert {(v.label, v.other_id) for v in mini.links_of("berlin-1926")} == {("reaffirms", "rapallo-1922")}
    assert {(v.label, v.other_id) for v in mini.links_of("rapallo-1920")} == {("parallels", "rapallo-1922")}
    groups = mini.grouped_links("rapallo-1922")
    assert list(groups) == sorted(groups)


def test_every_event_has_each_of_its_links_once_from_its_own_side():
    """The ends of the links are kept as arrays grouped by event (views made on asking): every event of
    the shipped data and of a generated dataset (events on one day, links both ways, an event without
    links) reads exactly the views made from the links directly, with their notes and translations."""
    import dataclasses

    from explorer.bench.synthetic import dumps, generate
    from explorer.model.loader import check_text, load_dataset
    from explorer.model.relations import LinkView, label_for
    from explorer.resources import DEFAULT_DATASET

    def expected(dataset, event_id):
        views = []
        for link in dataset.links:
            for outgoing, here, other in ((True, link.source_id, link.target_id),
                                          (False, link.target_id, link.source_id)):
                if here == event_id:
                    views.append(LinkView(other, link.relation, label_for(link.relation, outgoing), outgoing,
                                          link.note, link.translations))
        return sorted(views, key=lambda v: (v.label, dataset.event(v.other_id).start, v.other_id, v.outgoing))

    def order(views):
        return [(v.label, v.other_id, v.outgoing, v.relation, v.note, v.translations)
                for v in sorted(views, key=lambda v: (v.label, v.other_id, v.outgoing))]

    shipped = load_dataset(DEFAULT_DATASET)
    generated, problems = check_text(dumps(generate(600, seed=5)), "synthetic-600.json")
    assert problems == []
    one_link = dataclasses.replace(shipped, links=shipped.links[:1])
    for dataset in (shipped, generated, one_link):
        linked = [e.id for e in dataset.events if dataset.links_of(e.id)]
        assert linked and (len(linked) == 2) == (dataset is one_link)
        for event in dataset.events:
            got = dataset.links_of(event.id)
            assert order(got) == order(expected(dataset, event.id)), event.id
            keys = [(v.label, dataset.event(v.other_id).start) for v in got]
            assert keys == sorted(keys)
    assert generated.links_of("no-such-event") == []
    assert len(shipped.links_of("rapallo-1922")) >= 4


def test_translations_fall_back_to_english(mini):
    rapallo = mini.event("rapallo-1922")
    assert rapallo.text("title", "de") == "Vertrag von Rapallo"
    assert rapallo.text("significance", "de") == "Broke isolation."
    assert mini.event("berlin-1926").text("title", "de") == "Treaty of Berlin"


def test_search_finds_and_tells_apart_both_rapallo_treaties(mini):
    hits = SearchIndex(mini).search("rapallo")
    assert {h.event_id for h in hits[:2]} == {"rapallo-1920", "rapallo-1922"}     # named so in their titles
    labels = [h.label for h in hits[:2]]
    assert len(set(labels)) == 2
    assert any("1920" in l and "Italian" in l for l in labels)
    assert any("1922" in l and "German" in l for l in labels)


@pytest.mark.parametrize("query, expected", [
    ("rathenau", "rapallo-1922"), ("chich", "rapallo-1922"), ("brest", "brest-1918"),
    ("genova", "genoa-1922"), ("stresemann", "berlin-1926"), ("vertrag", "rapallo-1922"),
])
def test_search_over_people_places_and_translations(mini, query, expected):
    assert SearchIndex(mini).search(query)[0].event_id == expected


def test_search_needs_every_word(mini):
    index = SearchIndex(mini)
    assert [h.event_id for h in index.search("rapallo italy")] == ["rapallo-1920"]
    assert index.search("") == []
    assert index.search("zzz") == []


def test_state_emits_only_on_real_change(mini):
    state = ExplorerState(mini)
    dates, selections = [], []
    state.events.date.connect(dates.append)
    state.events.selected_id.connect(selections.append)
    state.set_date(state.date)
    assert dates == []
    state.select("berlin-1926")
    state.select("berlin-1926")
    assert selections == ["berlin-1926"]
    assert dates == [dt.date(1926, 4, 24)]
    state.set_date(dt.date(1800, 1, 1))
    assert state.date == mini.first_date
    with pytest.raises(KeyError):
        state.select("unknown-event")
    assert state.selected_id == "berlin-1926"


def test_visibility_follows_date_filters_and_window(mini):
    state = ExplorerState(mini)
    state.set_date(dt.date(1922, 4, 16))
    assert {e.id for e in state.visible_events()} == {"brest-1918", "rapallo-1920", "genoa-1922", "rapallo-1922"}
    state.set_filters(kinds=frozenset({"conference"}))
    assert [e.id for e in state.visible_events()] == ["genoa-1922"]
    state.set_filters(kinds=frozenset(), parties=frozenset({"Italy"}))
    assert {e.id for e in state.visible_events()} == {"rapallo-1920", "genoa-1922"}
    state.set_filters(parties=frozenset(), window_days=30)
    assert {e.id for e in state.visible_events()} == {"genoa-1922", "rapallo-1922"}


def test_step_event_walks_in_date_order(mini):
    state = ExplorerState(mini)
    state.set_date(dt.date(1921, 1, 1))
    state.step_event(+1)
    assert state.selected_id == "genoa-1922"
    state.step_event(+1)
    assert state.selected_id == "rapallo-1922"
    state.step_event(-1)
    state.step_event(-1)
    assert state.selected_id == "rapallo-1920"
    state.set_filters(kinds=frozenset({"treaty"}))
    state.step_event(+1)
    assert state.selected_id == "rapallo-1922"


def test_hist_date_ordering():
    assert HistDate(dt.date(1922, 1, 1), "year") < HistDate(dt.date(1922, 4, 16), "day")


def test_every_translatable_text_has_an_accessor():
    from pathlib import Path

    from explorer.model import load_dataset

    full = load_dataset(Path(__file__).parent / "data" / "full.json")
    assert full.text("description", "de") == "Ein kleiner Datensatz." and full.text("title") == "Every field of the format"
    assert full.eras[0].text("name", "de") == "Weimarer Republik" and full.eras[1].text("name", "de") == "Short era"
    genoa = full.places["genoa"]
    assert (genoa.text("name", "de"), genoa.text("country", "de")) == ("Genua", "Italien")
    assert genoa.display_name == "Genova (Genoa)" and genoa.display_name_in("de") == "Genua"
    assert full.party_name("Soviet Russia", "de") == "Sowjetrussland"
    assert full.party_name("Nobody", "de") == "Nobody"
    ussr = full.event("ussr-1922")
    assert ussr.text("key_points", "de") == ("Vier Republiken", "Eine föderale Union")
    assert ussr.text("date_note", "de").startswith("Die Quellen")
    assert ussr.signatories[0].text("office", "de") == "Vorsitzender"
    brest = full.event("brest-1918")
    assert brest.text("place_state", "de") == "Deutsch besetzt (Ober Ost)"
    pact = full.event("pact-1939")
    assert pact.date_label() == "night of 23–24 August 1939"
    assert pact.date_label("de") == "Nacht vom 23. auf den 24. August 1939"
    link = next(l for l in full.links if l.relation == "preceded")
    assert link.text("note", "de") == "Kam zuerst."
    (view,) = [v for v in full.links_of("ussr-1922") if v.relation == "preceded"]
    assert (view.label, view.note_in("de"), view.note_in("en")) == ("followed", "Kam zuerst.", "Came first.")


def test_renamed_parties_are_one_family():
    from pathlib import Path

    from explorer.model import load_dataset

    full = load_dataset(Path(__file__).parent / "data" / "full.json")
    assert full.party_family("Soviet Union") == {"Soviet Russia", "Soviet Union"}
    assert full.party_family("Soviet Russia") == {"Soviet Russia", "Soviet Union"}
    assert full.party_family("Italy") == {"Italy"}


def test_events_without_a_place_are_in_search_details_and_exports():
    import json
    from pathlib import Path

    from explorer.model import load_dataset
    from explorer.model.details import details_html
    from explorer.model.export import to_csv, to_geojson, to_json

    full = load_dataset(Path(__file__).parent / "data" / "full.json")
    talks = full.event("talks-1925")
    assert SearchIndex(full).search("secret talks")[0].event_id == "talks-1925"
    html = details_html(full, talks)
    assert "about 1925" in html and "Secret talks" in html
    feature = next(f for f in json.loads(to_geojson(full))["features"] if f["id"] == "talks-1925")
    assert feature["geometry"] is None
    assert next(e for e in json.loads(to_json(full))["events"] if e["id"] == "talks-1925")["place"] is None
    assert "talks-1925" in to_csv(full)
