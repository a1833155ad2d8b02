"""Full-text search over every text of every event (and its translations), ranked, tolerant of typos and
accents. Free of Qt.

The index is an inverted index held in NumPy arrays: the folded words of the whole dataset, sorted, and for
each word the events it occurs in with the weight of the best field it occurs in there (see
:mod:`explorer.model.search_text`). A query word matches

- a word exactly (weight × 4),
- the start of a word (× 3: "chich" finds "Chicherin" while one types),
- a word one edit away, or two for words of eight letters or more (× 2: "Rapalo" finds "Rapallo"), found with
  RapidFuzz's optimal-string-alignment distance among the words of about the same length.

An event must match every word of the query (words like "of" and "der" are left out when there are others);
its score is the sum of its words' best matches, and ties go to the earlier event. Because the words are
sorted, a prefix is one contiguous slice of the arrays, so even a one-letter query is a handful of array
operations: at 100,000 events a keystroke answers in a few milliseconds. The few short prefixes ("c", "co")
whose slices hold more pairs than there are events are scored once, when the index is built; the best hits
are picked by the lowest score that makes the cut (scores are small integers), not by sorting every match;
the texts of the events shown last are kept folded and in field order for marking the next answer's hits.
Building the index takes longer (seconds at 100,000 events): the window builds it off the main thread.
"""

from __future__ import annotations

import bisect
from array import array
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA

from explorer.model.dataset import Dataset, Event
from explorer.model.search_text import (
    FIELD_WEIGHTS, SHORT_FIELDS, STOP_WORDS, event_texts, fold, links_by_event, marked, words_of,
)

EXACT, PREFIX, FUZZY = 4, 3, 2
#: Events indexed between two calls of the builder's ``pause`` (one or two milliseconds of work).
PAUSE_EVERY = 25
#: Words of a query that count (the rest of a pasted paragraph is ignored).
MAX_WORDS = 12
#: Shortest word looked up with one typo allowed, and with two.
FUZZY_ONE, FUZZY_TWO = 4, 8
#: Prefixes this short whose words occur in more (event, word) pairs than there are events have their scores
#: worked out once, when the index is built: "c" or "co" would otherwise scatter most of the index per key.
KEPT_PREFIX_LENGTH = 2
#: Events whose texts are kept ready for showing a hit (sorted by field, folded): the results of the last
#: few keystrokes, which are mostly the same events.
PREPARED_KEPT = 256


@dataclass(frozen=True)
class SearchHit:
    """One result: the event, a plain label that tells look-alikes apart, the field it matched best in, its
    score, and the matched text as escaped HTML with the matching words in ``<b>`` (``title_html`` always,
    ``detail_html`` when the best match is in another field; ``detail_language`` is that text's language)."""

    event_id: str
    title: str
    context: str
    matched: str
    score: int
    title_html: str = ""
    detail_html: str = ""
    detail_language: str = "en"

    @property
    def label(self) -> str:
        """``Treaty of Rapallo — 16 April 1922, Rapallo · Germany, Soviet Russia``."""
        return f"{self.title} — {self.context}"


@dataclass(frozen=True)
class SearchResults:
    """The best hits of a query, and how many events match it in all."""

    query: str
    hits: list[SearchHit] = field(default_factory=list)
    total: int = 0


@dataclass(frozen=True)
class _Word:
    """A query word and the index words it matches, for ranking and for marking them in the text."""

    text: str
    fuzzy: frozenset[str]

    def matches(self, word: str) -> bool:
        return word.startswith(self.text) or word in self.fuzzy

    def quality(self, word: str) -> int:
        """How well an index word matches: EXACT, PREFIX, FUZZY or 0."""
        if word == self.text:
            return EXACT
        return PREFIX if word.startswith(self.text) else FUZZY if word in self.fuzzy else 0


def _best(found: np.ndarray, scores: np.ndarray, limit: int) -> list[int]:
    """The ``limit`` events of ``found`` (ascending) with the highest ``scores``, best first; ties go to the
    earlier event. Scores are small integers: the lowest score that makes the cut is read off their counts,
    so no sort or partition of every match is needed."""
    if len(found) > limit:
        counts = np.bincount(scores)
        at_least = np.cumsum(counts[::-1])[::-1]             # at_least[s]: matches scoring s or more
        cut = int(np.flatnonzero(at_least >= limit)[-1])     # the lowest score some of the best have
        above = found[scores > cut]
        level = found[scores == cut][:limit - len(above)]   # the earliest of those at the cut
        found = np.concatenate((above, level))
        scores = np.concatenate((scores[scores > cut], np.full(len(level), cut, scores.dtype)))
    order = np.lexsort((found, -scores.astype(np.int32)))   # by score, highest first, then earliest
    return [int(i) for i in found[order]]


class SearchIndex:
    """Built once per dataset (slow at scale: build it off the main thread); ``find`` answers a keystroke."""

    def __init__(self, dataset: Dataset, pause: Callable[[], None] | None = None) -> None:
        """Index ``dataset``. ``pause`` is called every few events: a builder on another thread sleeps a moment
        there, handing the interpreter to the main thread so the window stays smooth."""
        self.dataset = dataset
        self._links = links_by_event(dataset)
        ids: dict[str, int] = {}
        terms, events, weights = array("i"), array("i"), array("B")
        cache: dict[str, tuple[int, ...]] = {}       # text -> its word ids (texts repeat: names, notes)
        for i, event in enumerate(dataset.events):
            if pause is not None and not i % PAUSE_EVERY:
                pause()
            best: dict[int, int] = {}
            for name, _lang, text in event_texts(dataset, event, self._links.get(event.id, ())):
                weight = FIELD_WEIGHTS[name]
                found = cache.get(text)
                if found is None:
                    found = cache[text] = tuple(ids.setdefault(word, len(ids)) for word in words_of(text))
                for tid in found:
                    if best.get(tid, 0) < weight:
                        best[tid] = weight
            terms.extend(best.keys())
            events.extend([i] * len(best))
            weights.extend(best.values())
        del cache
        self.words: list[str] = sorted(ids)
        rank = np.empty(len(ids), dtype=np.int32)
        rank[np.fromiter((ids[w] for w in self.words), dtype=np.int32, count=len(ids))] = np.arange(len(ids))
        by_rank = rank[np.frombuffer(terms, dtype=np.int32)] if terms else np.empty(0, np.int32)
        order = np.argsort(by_rank, kind="stable")              # stable: events stay in order within a word
        self._events = np.frombuffer(events, dtype=np.int32)[order] if events else np.empty(0, np.int32)
        w = np.frombuffer(weights, dtype=np.uint8)[order] if weights else np.empty(0, np.uint8)
        self._scored = {EXACT: w * EXACT, PREFIX: w * PREFIX, FUZZY: w * FUZZY}
        self._offsets = np.searchsorted(by_rank[order], np.arange(len(ids) + 1))
        self._by_length: dict[int, tuple[list[str], list[int]]] = {}
        for r, word in enumerate(self.words):
            if len(word) >= FUZZY_ONE - 1:
                bucket = self._by_length.setdefault(len(word), ([], []))
                bucket[0].append(word)
                bucket[1].append(r)
        self.size = len(dataset.events)
        self._prepared: OrderedDict[str, list[tuple[str, str, str, str]]] = OrderedDict()
        self._kept: dict[str, np.ndarray] = {}          # empty while the scores to keep are worked out
        self._kept = self._keep_big_prefixes(pause)

    def _keep_big_prefixes(self, pause: Callable[[], None] | None) -> dict[str, np.ndarray]:
        """The scores of each short prefix whose slice of the index holds more pairs than there are events
        (read-only: answers share them)."""
        kept, offsets = {}, self._offsets
        prefixes = sorted({w[:n] for w in self.words for n in range(1, KEPT_PREFIX_LENGTH + 1)})
        for prefix in prefixes:
            lo = bisect.bisect_left(self.words, prefix)
            hi = bisect.bisect_left(self.words, prefix + "\U0010ffff", lo)
            if offsets[hi] - offsets[lo] > self.size:
                if pause is not None:
                    pause()
                scores = self._score_word(prefix)[0]
                scores.flags.writeable = False
                kept[prefix] = scores
        return kept

    # --- answering ----------------------------------------------------------------------------------
    def search(self, query: str, limit: int = 20, language: str = "en") -> list[SearchHit]:
        """The best ``limit`` hits for ``query`` (see :meth:`find`)."""
        return self.find(query, limit, language).hits

    def find(self, query: str, limit: int = 20, language: str = "en") -> SearchResults:
        """Events matching every word of ``query``, best first, labelled in ``language``, with the total."""
        words = [w for w in fold(query).replace("_", " ").split() if w]
        kept = [w for w in words if w not in STOP_WORDS] or words
        kept = [w.strip(".,;:!?()[]\"'«»„“”") for w in kept]
        kept = [w for w in kept if w][:MAX_WORDS]          # a pasted page is not a query
        if not kept or self.size == 0:
            return SearchResults(query)
        total, alive, matched_words = None, None, []
        for text in dict.fromkeys(kept):                        # a word typed twice counts once
            scores, word = self._score_word(text)
            matched_words.append(word)
            if total is None:
                total, alive = scores.astype(np.uint16), scores > 0
            else:
                total += scores
                alive &= scores > 0
        found = np.flatnonzero(alive)
        if not len(found):
            return SearchResults(query)
        hits = [self._hit(self.dataset.events[int(i)], int(total[i]), matched_words, language)
                for i in _best(found, total[found], limit)]
        return SearchResults(query, hits, int(len(found)))

    def _score_word(self, text: str) -> tuple[np.ndarray, _Word]:
        """Each event's best match for one query word (0: none), and the index words it matched."""
        kept = self._kept.get(text)
        if kept is not None:                     # a short prefix of many words (no typos are looked for)
            return kept, _Word(text, frozenset())
        scores = np.zeros(self.size, dtype=np.uint8)
        lo = bisect.bisect_left(self.words, text)
        hi = bisect.bisect_left(self.words, text + "\U0010ffff", lo)
        offsets, events = self._offsets, self._events
        if hi > lo:
            a, b = offsets[lo], offsets[hi]
            np.maximum.at(scores, events[a:b], self._scored[PREFIX][a:b])
            if self.words[lo] == text:                           # the word itself beats its longer relatives
                a, b = offsets[lo], offsets[lo + 1]
                np.maximum.at(scores, events[a:b], self._scored[EXACT][a:b])
        fuzzy = set()
        if len(text) >= FUZZY_ONE:
            limit = 2 if len(text) >= FUZZY_TWO else 1
            for length in range(len(text) - limit, len(text) + limit + 1):
                bucket = self._by_length.get(length)
                if not bucket:
                    continue
                for word, _distance, at in process.extract(text, bucket[0], scorer=OSA.distance,
                                                           score_cutoff=limit, limit=None):
                    r = bucket[1][at]
                    if lo <= r < hi:
                        continue                                 # already matched as a prefix
                    fuzzy.add(word)
                    a, b = offsets[r], offsets[r + 1]
                    np.maximum.at(scores, events[a:b], self._scored[FUZZY][a:b])
        return scores, _Word(text, frozenset(fuzzy))

    # --- showing a hit -------------------------------------------------------------------------------
    def context(self, event: Event, language: str = "en") -> str:
        """What tells look-alikes apart after the title: ``16 April 1922, Rapallo · Germany, Soviet Russia``."""
        place = self.dataset.place_of(event)
        names = [self.dataset.party_name(p, language) for p in event.parties[:3]]
        parties = ", ".join(names) + (" …" if len(event.parties) > 3 else "")
        where = f", {place.display_name_in(language)}" if place is not None else ""
        return f"{event.date_label(language)}{where}" + (f" · {parties}" if parties else "")

    def warm_up(self) -> None:
        """Load what the first answer would otherwise load (date labels' locale data), e.g. while off the
        main thread, so the first keystroke is as quick as the others."""
        if self.dataset.events:
            for language in ("en", "de"):
                self.context(self.dataset.events[0], language)

    def _texts_of(self, event: Event) -> list[tuple[str, str, str, str]]:
        """Every text of ``event`` as (field, language, text, folded text), best fields first (stable: English
        first); kept for the last few hundred events shown."""
        key = event.id
        texts = self._prepared.get(key)
        if texts is not None:
            self._prepared.move_to_end(key)
            return texts
        texts = self._prepared[key] = [
            (name, lang, text, fold(text))
            for name, lang, text in sorted(event_texts(self.dataset, event, self._links.get(event.id, ())),
                                           key=lambda t: -FIELD_WEIGHTS[t[0]])]
        if len(self._prepared) > PREPARED_KEPT:
            self._prepared.popitem(last=False)
        return texts

    def _hit(self, event: Event, score: int, words: list[_Word], language: str) -> SearchHit:
        """The hit for ``event``: its label, the title marked, and the best other field's text marked."""
        def matches(word: str) -> bool:
            return any(w.matches(word) for w in words)

        # A text can match only if a query word (or a word it was taken for) is in it as a substring: a quick
        # test that spares splitting the event's other texts into words.
        needles = [(w.text, *w.fuzzy) for w in words]
        best = None                       # (words found, score, in the asked language, field, language, text)
        for name, lang, text, low in self._texts_of(event):
            if best is not None and best[0] == len(words) and best[1] >= FIELD_WEIGHTS[name] * EXACT * len(words):
                break                                              # no field further down can do better
            if not any(n in low for group in needles for n in group):
                continue
            present = words_of(text)
            qualities = [max((w.quality(p) for p in present), default=0) for w in words]
            found = sum(1 for q in qualities if q)
            if found:
                candidate = (found, FIELD_WEIGHTS[name] * sum(qualities), lang == language, name, lang, text)
                if best is None or candidate[:3] > best[:3]:
                    best = candidate
        title_html, _ = marked(event.text("title", language), matches, cut=False)
        matched, detail, detail_language = "title", "", language
        if best is not None:
            _found, _weight, _same, matched, detail_language, text = best
            if not (matched == "title" and detail_language == language):
                detail, _ = marked(text, matches, cut=matched not in SHORT_FIELDS)
        return SearchHit(event.id, event.text("title", language), self.context(event, language), matched, score,
                         title_html, detail, detail_language)
