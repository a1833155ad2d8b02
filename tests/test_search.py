"""Full-text search (Qt-free): every field, typos, accents, translations, ranking, marking, escaping."""

import pytest

from explorer.model.search import SearchIndex


@pytest.fixture(scope="module")
def index():
    from explorer.model import load_dataset
    from tests.conftest import MINI

    return SearchIndex(load_dataset(MINI))


@pytest.fixture(scope="module")
def shipped():
    from explorer.model import load_dataset
    from explorer.resources import DEFAULT_DATASET

    return SearchIndex(load_dataset(DEFAULT_DATASET))


def test_a_word_only_in_key_points_finds_the_event_and_says_where(index):
    hits = index.search("reparations")
    assert [h.event_id for h in hits] == ["rapallo-1922"]
    assert hits[0].matched == "key_points"
    assert hits[0].detail_html == "No <b>reparations</b> claims"


@pytest.mark.parametrize("typo", ["reparatons", "reparationz", "rpearations", "Rapalo", "Chicherni"])
def test_a_one_letter_typo_still_finds_it(index, typo):
    ids = [h.event_id for h in index.search(typo)]
    assert "rapallo-1922" in ids[:3], ids


def test_two_typos_only_in_long_words(index):
    assert [h.event_id for h in index.search("rpearatoins")] == ["rapallo-1922"]   # 11 letters, 2 edits
    assert [h.event_id for h in index.search("reparashuns")] == []                # 3 edits: too far
    assert "berlin-1926" in [h.event_id for h in index.search("berlni")]           # 6 letters, 1 edit
    assert [h.event_id for h in index.search("brelni")] == []                     # 6 letters, 2 edits


def test_accents_and_case_do_not_matter(index):
    assert index.search("RAPÀLLO")[0].event_id in {"rapallo-1920", "rapallo-1922"}
    assert index.search("chícherin")[0].event_id == "rapallo-1922"


def test_german_texts_are_searched_and_marked_as_german(index):
    hit = index.search("Verzicht")[0]
    assert hit.event_id == "rapallo-1922" and hit.matched == "summary" and hit.detail_language == "de"
    assert "<b>Verzicht</b>" in hit.detail_html


def test_link_notes_places_parties_and_people(index):
    built = index.find("built")
    assert {h.event_id for h in built.hits} == {"berlin-1926", "rapallo-1922"}
    assert all(h.matched == "link_note" for h in built.hits)
    assert index.search("genova")[0].matched == "place"
    assert index.search("stresemann")[0].matched == "person"
    assert index.search("commissar")[0].matched == "office"


def test_titles_rank_first_and_the_others_say_why(index):
    hits = index.search("rapallo")
    assert {h.event_id for h in hits[:2]} == {"rapallo-1920", "rapallo-1922"}
    berlin = next(h for h in hits if h.event_id == "berlin-1926")
    assert berlin.matched == "link_note" and berlin.detail_html == "Built on <b>Rapallo</b>."


def test_every_word_must_match_and_stop_words_are_left_out(index):
    assert [h.event_id for h in index.search("rapallo italy")] == ["rapallo-1920"]
    assert [h.event_id for h in index.search("treaty of berlin")][0] == "berlin-1926"
    assert index.search("") == [] and index.search("   ") == []
    nothing = index.find("zzzqqq")
    assert nothing.hits == [] and nothing.total == 0


def test_dataset_text_is_escaped_and_only_our_marks_are_markup(index):
    hit = index.search("restored")[0]
    assert hit.detail_html == "Renounced claims and &lt;b&gt;<b>restored</b>&lt;/b&gt; relations."


def test_the_total_counts_every_match_and_the_hits_are_limited(index):
    found = index.find("t", limit=2)
    assert len(found.hits) == 2 and found.total > 2


def test_the_issue_examples_on_the_shipped_dataset(shipped):
    chicherin = {h.event_id: h for h in shipped.search("Chicherin", limit=50)}
    assert "genoa-1922" in chicherin and chicherin["genoa-1922"].matched == "key_points"
    assert "<b>Chicherin</b>" in chicherin["genoa-1922"].detail_html
    assert shipped.search("Rapalo")[0].event_id.startswith("rapallo")
    assert "genoa-1922" in [h.event_id for h in shipped.search("Tschitscherin")]
    de = shipped.search("Genua", language="de")[0]
    assert de.event_id == "genoa-1922" and de.title == "Konferenz von Genua"


def test_the_builder_is_offered_pauses(mini):
    calls = []
    index = SearchIndex(mini, pause=lambda: calls.append(1))
    # once per 25 events (the first one, for six events), and once before each short prefix scored ahead
    assert index._kept and len(calls) == 1 + len(index._kept)
    assert index.search("stresemann")[0].event_id == "berlin-1926"


def test_odd_queries_answer_with_nothing_or_with_their_first_words(index):
    assert index.search("...") == [] and index.search("*") == []
    long = " ".join(["reparations"] * 5000)                     # a pasted page: its first words count
    assert [h.event_id for h in index.search(long)] == ["rapallo-1922"]


def test_an_empty_dataset_has_an_empty_index():
    from explorer.model.dataset import Dataset, View
    import datetime as dt

    empty = Dataset("Empty", "", View((50.0, 10.0), 4, dt.date(1920, 1, 1)), {}, [], [])
    assert SearchIndex(empty).find("anything").total == 0


# --- answering many matches ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def many(tmp_path_factory):
    from explorer.bench.synthetic import dumps, generate
    from explorer.model import load_dataset

    path = tmp_path_factory.mktemp("search") / "synthetic-3000.json"
    path.write_text(dumps(generate(3000)), encoding="utf-8")
    return SearchIndex(load_dataset(path))


def test_the_best_of_many_matches_are_the_highest_scores_then_the_earliest():
    import numpy as np

    from explorer.model.search import _best

    rng = np.random.default_rng(4)
    for size, limit in ((5000, 15), (40, 15), (15, 15), (3, 15), (2000, 1)):
        found = np.sort(rng.choice(100000, size, replace=False))
        scores = rng.integers(1, 12, size).astype(np.uint16)            # few values: ties everywhere
        expected = sorted(zip(found.tolist(), scores.tolist()), key=lambda fs: (-fs[1], fs[0]))[:limit]
        assert _best(found, scores, limit) == [f for f, _s in expected]


def test_short_prefixes_scored_ahead_answer_as_a_fresh_scoring_would(many):
    assert "t" in many._kept and not any(len(p) > 2 for p in many._kept)
    kept = many._kept
    answers = {q: many.find(q, 15) for q in ("t", "tr", "c", "co", "t treaty", "protocol")}
    many._kept = {}
    try:
        for query, answer in answers.items():
            fresh = many.find(query, 15)
            assert answer.total == fresh.total and answer.total > 15
            assert answer.hits == fresh.hits
    finally:
        many._kept = kept
    assert not kept["t"].flags.writeable              # shared by every answer: nobody may change it
