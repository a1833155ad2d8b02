"""The map page (Qt-free): offline, deterministic, one cached template for every dataset, data only as JSON."""

import dataclasses
import json
import os
import re

import pytest

from explorer.webmap import folium_page, page_cache
from explorer.webmap.csp import inline_hashes
from explorer.webmap.page import PageOptions, build_page

LINKED = PageOptions(data_url="explorer://app/map-1-data.json")


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("EXPLORER_CACHE_DIR", str(tmp_path / "cache"))
    page_cache.clear_memory()
    yield tmp_path / "cache"
    page_cache.clear_memory()


def _block(html: str, block_id: str):
    """The JSON of a ``<script type="application/json" id=...>`` block."""
    m = re.search(rf'<script type="application/json" id="{block_id}">(.*?)</script>', html, re.S)
    assert m, f"no {block_id} block"
    return json.loads(m.group(1))


def _retitled(dataset, title: str):
    """The dataset with its first event (and the dataset itself) titled ``title``."""
    first = dataclasses.replace(dataset.events[0], title=title)
    return dataclasses.replace(dataset, title=title, events=[first, *dataset.events[1:]])


def test_linked_page_loads_nothing_from_the_internet(mini, cache_dir):
    html = build_page(mini, LINKED)
    sources = re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="([^"]+)"', html)
    assert sources and all(s.startswith(("explorer://app/", "qrc:///")) for s in sources), sources
    assert "cdn" not in html.lower()
    assert _block(html, "tm-boot")["data"] == {"url": "explorer://app/map-1-data.json", "binary": True}


def test_same_state_renders_the_same_page(mini, cache_dir):
    options = dataclasses.replace(LINKED, initial={"date": "1922-04-16", "selected": "rapallo-1922"})
    first = build_page(mini, options, cache=False)
    assert build_page(mini, options, cache=False) == first
    assert build_page(mini, options) == first          # from a fresh template
    assert build_page(mini, options) == first          # and from the cached one


def test_a_cached_template_needs_no_folium(mini, cache_dir, monkeypatch):
    build_page(mini, LINKED)
    assert len(list(cache_dir.glob("*.html"))) == 1
    page_cache.clear_memory()                          # a new process: only the disk cache is left

    def fail(*args, **kwargs):
        raise AssertionError("folium was asked to render a page that is in the cache")

    monkeypatch.setattr(folium_page, "render_template", fail)
    html = build_page(mini, dataclasses.replace(LINKED, initial={
        "date": "1926-04-24", "selected": "berlin-1926", "center": [52.5, 13.4], "zoom": 6}))
    initial = _block(html, "tm-boot")["initial"]
    assert initial["date"] == "1926-04-24" and initial["selected"] == "berlin-1926"
    assert initial["keepView"] and initial["center"] == [52.5, 13.4] and initial["zoom"] == 6


def test_a_first_start_has_the_template_rendered_by_a_helper(mini, cache_dir, monkeypatch):
    """No template on disk: a helper process renders it while the start goes on, and the page build takes it
    from the cache (folium is not asked here); with the template on disk, no helper starts."""
    from explorer.webmap import page

    page.render_template_beside()
    helper = page._rendering
    assert helper is not None, "a helper was started"
    assert helper.wait(timeout=120) == 0
    assert len(list(cache_dir.glob("*.html"))) == 1

    def fail(*args, **kwargs):
        raise AssertionError("folium was asked to render a page the helper rendered")

    monkeypatch.setattr(folium_page, "render_template", fail)
    html = build_page(mini, LINKED)
    assert page._rendering is None, "the build took the helper's template and let it go"
    monkeypatch.undo()
    monkeypatch.setenv("EXPLORER_CACHE_DIR", str(cache_dir))
    page_cache.clear_memory()
    assert html == build_page(mini, LINKED, cache=False), "the helper's template is the one rendered here"
    page.render_template_beside()
    assert page._rendering is None, "no helper when the template is on disk"


def test_one_template_serves_every_dataset(mini, cache_dir):
    """The template holds no dataset text, so another dataset (or another title) needs no new one; only
    the page kind (linked or standalone) makes a template of its own."""
    build_page(mini, LINKED)
    build_page(_retitled(mini, "Another dataset"), LINKED)
    build_page(mini, dataclasses.replace(LINKED, renderer="canvas"))
    assert len(list(cache_dir.glob("*.html"))) == 1
    build_page(mini, PageOptions(inline=True, bridge=False))
    assert len(list(cache_dir.glob("*.html"))) == 2


@pytest.mark.parametrize("payload", [
    "{{ 6*7 }}", "{{ lipsum.__globals__.os.popen('id').read() }}", "{% raw %}", "{# x", "{{ foo() }}",
    "</script><script>window.pwned=1</script>", "<!--treaty-map-data-slot-->", "@@treaty-map-initial-state@@",
    "\u2028\u2029", "<img src=x onerror=alert(1)>"])
@pytest.mark.parametrize("inline", [False, True])
def test_dataset_text_reaches_the_page_only_as_data(mini, cache_dir, payload, inline):
    """No template ever sees dataset text: a Jinja payload stays literal, and nothing closes the script
    element or adds a slot (issue 10)."""
    options = PageOptions(inline=True, bridge=False) if inline else LINKED
    plain = build_page(mini, options)
    html = build_page(_retitled(mini, payload), options, cache=False)
    # Everything outside the JSON blocks is the same template, untouched by the payload ...
    head, tail = plain.split('<script type="application/json" id="tm-boot">')[0], plain.rsplit("</script>", 3)[-3:]
    assert html.startswith(head) and html.endswith("</script>".join(tail))
    assert "uid=" not in html and html.count("</script>") == plain.count("</script>")
    assert html.count(folium_page.DATA_SLOT) == 0
    # ... and the payload is in the data, literally.
    if inline:
        assert _block(html, "tm-data")["title"] == payload
        assert _block(html, "tm-data")["events"]["title"][0] == payload


def test_the_page_carries_its_content_security_policy(mini, cache_dir):
    """The policy is the first thing in <head>, allows our scheme only, and names every inline script and
    style of the page by hash (so no other inline code can run)."""
    for options, linked in ((LINKED, True), (PageOptions(inline=True, bridge=False), False)):
        html = build_page(mini, options)
        head = html[html.index("<head>") + 6:].lstrip()
        assert head.startswith('<meta http-equiv="Content-Security-Policy"')
        policy = re.search(r'content="([^"]+)"', head).group(1)
        directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
        scripts, styles = inline_hashes(html)
        assert scripts and all(h in directives["script-src"] for h in scripts)
        assert all(h in directives["style-src"] for h in styles)
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
        assert directives["default-src"] == "'none'"
        assert directives["connect-src"] == ("'self'" if linked else "'none'")
        assert "http" not in policy


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
    html = build_page(mini, dataclasses.replace(LINKED, initial={"caption": caption}))
    assert "<script>alert(1)" not in html
    assert _block(html, "tm-boot")["initial"]["caption"]["title"] == caption["title"]


def test_a_linked_page_must_say_where_its_data_is(mini, cache_dir):
    with pytest.raises(ValueError, match="data_url"):
        build_page(mini, PageOptions())


def test_an_unusable_cache_folder_only_costs_speed(mini, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("EXPLORER_CACHE_DIR", str(blocker / "pages"))
    page_cache.clear_memory()
    assert "TreatyMap.start" in build_page(mini, LINKED)
    page_cache.clear_memory()
