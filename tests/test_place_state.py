"""The state a place belonged to on an event's date (model/place_state.py) and the details panel's start
page. No Qt."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from explorer.model import load_dataset
from explorer.model.dates import HistDate
from explorer.model.details import details_html
from explorer.model.place_state import place_state
from explorer.resources import DEFAULT_DATASET


@pytest.fixture(scope="module")
def shipped():
    return load_dataset(DEFAULT_DATASET)


def at_brest(shipped, day: dt.date):
    """An event at Brest-Litovsk on ``day`` with no place_state of its own."""
    event = next(e for e in shipped.events if e.place_id == "brest-litovsk")
    return dataclasses.replace(event, date=HistDate(day), place_state=None, translations={})


@pytest.mark.parametrize("day, english, german", [
    (dt.date(1921, 6, 1), "Poland", "Polen"),
    (dt.date(1939, 10, 1), "Polish territory under Soviet occupation (Soviet Union)",
     "Sowjetisch besetztes Polen (Sowjetunion)"),
    (dt.date(1941, 7, 1), "Byelorussian SSR (Soviet Union)", None),
])
def test_brest_litovsk_belongs_to_the_state_of_the_day(shipped, day, english, german):
    event = at_brest(shipped, day)
    state = place_state(shipped, event)
    assert state.source == "borders" and state.text == english and state.precision in (1, 2, 3)
    if german:
        assert place_state(shipped, event, "de").text == german


def test_the_event_s_own_place_state_overrides_the_borders(shipped):
    event = shipped.event("brest-litovsk-1918")
    state = place_state(shipped, event)
    assert state.source == "data" and state.text.startswith("German-occupied")
    assert place_state(shipped, event, "de").text.startswith("Deutsch besetzt")


def test_outside_the_borders_years_the_place_s_country_is_the_answer(shipped):
    event = at_brest(shipped, dt.date(1946, 1, 1))
    state = place_state(shipped, event)
    assert state.source == "place" and state.text == shipped.places["brest-litovsk"].country


def test_details_say_the_state_of_the_day(shipped):
    html = details_html(shipped, shipped.event("molotov-ribbentrop-1939"))
    assert "Moscow" in html and "Russian SFSR (Soviet Union)" in html


def test_details_before_a_selection_say_what_the_dataset_is_and_how_to_begin(shipped):
    english = details_html(shipped, None)
    assert shipped.title in english and shipped.description[:60] in english
    assert "How to begin" in english and "timeline" in english
    german = details_html(shipped, None, "de")
    assert shipped.text("title", "de") in german and "So geht es los" in german
    assert "How to begin" not in german
