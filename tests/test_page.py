"""The map page (Qt-free): offline, deterministic, and rendered by folium once per dataset, then cached."""

import json
import os
import re

import pytest

from explorer.webmap import folium_page, page_cache
from explorer.webmap.page import PageOptions, build_page


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("EXPLORER_CACHE_DIR", str(tmp_path / "cache"))
    page_cache.clear_memory()
    yield tmp_path / "cache"
    page_cache.clear_memory()


def _initial(html: str) -> dict:
    """The ``initial`` part of the config passed to ``TreatyMap.init(map, data, config)``."""
    decoder = json.JSONDecoder()
    at = html.index("{", html.index("TreatyMap.init("))
    _data, end = decoder.raw_decode(html, at)
    config, _ = decoder.raw_decode(html, html.index("{", end))
    return config["initial"]


def test_linked_page_loads_nothing_from_the_internet(mini, cache_dir):
    html = build_page(mini)
    sources = re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="([^"]+)"', html)
    assert sources and all(s.startswith(("explorer://app/", "qrc:///")) for s in sources), sources
    assert "cdn" not in html.lower()


def test_same_state_renders_the_same_page(mini, cache_dir):
    options = PageOptions(initial={"date": "1922-04-16", "selected": "rapallo-1922"})
    first = build_page(mini, options, cache=False)
    assert build_page(mini, options, cache=False) == first
    assert build_page(mini, options) == first          # from a fresh template
    assert build_page(mini, options) == first          # and from the cached one


def test_a_cached_template_needs_no_folium(mini, cache_dir, monkeypatch):
    build_page(mini, PageOptions(initial={"date": "1922-04-16"}))
    assert len(list(cache_dir.glob("*.html"))) == 1
    page_cache.clear_memory()                          # a new process: only the disk cache is left

    def fail(*args, **kwargs):
        raise AssertionError("folium was asked to render a page that is in the cache")

    monkeypatch.setattr(folium_page, "render_page", fail)
    html = build_page(mini, PageOptions(initial={"date": "1926-04-24", "selected": "berlin-1926",
                                                 "center": [52.5, 13.4], "zoom": 6}))
    initial = _initial(html)
    assert initial["date"] == "1926-04-24" and initial["selected"] == "berlin-1926"
    assert initial["keepView"] and initial["center"] == [52.5, 13.4] and initial["zoom"] == 6


def test_other_data_or_options_get_their_own_template(mini, cache_dir):
    build_page(mini)
    build_page(mini, PageOptions(inline=True, bridge=False))
    build_page(mini, PageOptions(renderer="canvas"))
    assert len(list(cache_dir.glob("*.html"))) == 3


def test_cache_key_follows_the_files_that_make_the_page(tmp_path):
    source = tmp_path / "treaty_map.js"
    source.write_text("one")
    before = page_cache.cache_key(["data"], [source])
    assert page_cache.cache_key(["data"], [source]) == before
    source.write_text("two!")
    os.utime(source, ns=(1, 1))
    assert page_cache.cache_key(["data"], [source]) != before
    assert page_cache.cache_key(["other data"], [source]) != page_cache.cache_key(["data"], [source])


def test_initial_state_cannot_break_out_of_the_script(mini, cache_dir):
    caption = {"title": "</script><script>alert(1)</script>", "date": "x"}
    html = build_page(mini, PageOptions(initial={"caption": caption}))
    assert "<script>alert(1)" not in html
    assert _initial(html)["caption"]["title"] == caption["title"]


def test_an_unusable_cache_folder_only_costs_speed(mini, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("EXPLORER_CACHE_DIR", str(blocker / "pages"))
    page_cache.clear_memory()
    assert "TreatyMap.init" in build_page(mini)
    page_cache.clear_memory()
