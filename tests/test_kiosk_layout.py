"""The kiosk on every gallery screen, checked from its layout report: each screen size of issue 14 at text
scale 1.0, 1.25 and 1.5 (and the visitor's large-text and high-contrast modes), at home, with the busiest
event open, during the tour and under the idle prompt; German without English; touch, scrolling, accessible
names. One window on the shipped dataset serves the whole module: it is resized, never rebuilt."""

import re
from dataclasses import replace

import pytest
from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QEvent, QEventLoop, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton

from explorer.kiosk.config import KioskConfig
from explorer.kiosk.interaction_log import InteractionLog
from explorer.kiosk.layout_check import layout_problems, touch_minimum
from explorer.model import i18n, load_dataset
from explorer.model.i18n import tr
from explorer.model.playback import ManualClock
from explorer.model.state import ExplorerState
from explorer.resources import DEFAULT_DATASET

pytestmark = pytest.mark.gui

SIZES = [(1280, 720), (1366, 768), (1920, 1080), (2560, 1440), (3840, 2160), (1080, 1920)]
SCALES = [1.0, 1.25, 1.5]
BUSY = "molotov-ribbentrop-1939"           # 15 links and the longest German title among the busy events
LONGEST = "italo-soviet-pact-1933"       # the longest German title


def settle(win, rounds: int = 3) -> None:
    """Let layouts, wrapping and paints catch up."""
    for _ in range(rounds):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)


def wait_until(condition, timeout_ms: int = 20000) -> None:
    deadline = QDeadlineTimer(timeout_ms)
    while not condition():
        assert not deadline.hasExpired(), "timed out"
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)


@pytest.fixture(scope="module")
def kiosk(qapp, web_context, tmp_path_factory):
    from explorer.kiosk.qt.window import KioskWindow

    dataset = load_dataset(DEFAULT_DATASET)
    logs = tmp_path_factory.mktemp("logs")
    config = KioskConfig(log_dir=logs, attract_events=(BUSY, "rapallo-1922"), prompt_after_s=600,
                         reset_after_s=600, attract_start_after_s=600, attract_dwell_s=600)
    win = KioskWindow(ExplorerState(dataset), config, web_context, InteractionLog(logs), clock=ManualClock(1000.0))
    win.resize(1920, 1080)
    win.show()
    wait_until(lambda: win.map_view.is_ready)
    win.start()
    yield win
    win.shutdown()
    win.close()
    win.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def at(win, size, scale=1.0, *, language="en", large=False, contrast=False):
    """The kiosk on a screen of ``size`` at ``scale``, in a language and the visitor's modes, at home."""
    win.show_home(reload=False)
    win.config = replace(win.config, text_scale=scale)
    win.large_text, win.high_contrast = large, contrast
    win.state.set_language(language)
    win.resize(*size)
    win.refit()
    settle(win)
    assert (win.width(), win.height()) == size
    return win


def report(win):
    from explorer.kiosk.qt.layout_report import layout_report

    settle(win)
    return layout_report(win)


def states(win):
    """Home, the busiest event open (its text scrolled to the end), the longest title, the tour, the prompt,
    the staff's PIN pad."""
    yield "home", report(win)
    win.state.select(BUSY)
    win.details.scroll_to_end_now()
    yield "busy event", report(win)
    win.state.select(LONGEST)
    yield "longest title", report(win)
    win.state.select(None)
    win.idle.tour_started.emit()
    yield "tour", report(win)
    win.idle.tour_ended.emit()
    win.idle.prompt_shown.emit(20)
    yield "prompt", report(win)
    win.idle.prompt_dismissed.emit()
    win.pin_pad.open()
    yield "staff PIN pad", report(win)
    win.pin_pad.hide()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_everything_fits_every_screen_at_every_text_scale(kiosk, size):
    found = []
    for scale in SCALES:
        at(kiosk, size, scale, language="de" if scale == 1.25 else "en")
        for name, rep in states(kiosk):
            assert rep["screen"] == list(size)
            names = {w["name"] for w in rep["widgets"]}
            assert {"title", "home_button", "language_en", "language_de", "timeline", "map"} <= names
            found += [f"{size} ×{scale} {name}: {p}" for p in layout_problems(rep)]
    assert found == []


@pytest.mark.parametrize("size", [(1280, 720), (1080, 1920), (3840, 2160)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_large_text_and_high_contrast_fit_too(kiosk, size):
    found = []
    for language in ("en", "de"):
        at(kiosk, size, 1.5, language=language, large=True, contrast=True)
        for name, rep in states(kiosk):
            assert rep["large_text"] and rep["high_contrast"]
            found += [f"{size} {language} {name}: {p}" for p in layout_problems(rep)]
    assert found == []


def test_sizes_follow_the_screen(kiosk):
    small = report(at(kiosk, (1366, 768)))
    big = report(at(kiosk, (3840, 2160)))
    assert big["min_touch"] >= 96 and small["min_touch"] >= 48
    assert small["min_touch"] >= touch_minimum((1366, 768)) and big["min_touch"] >= touch_minimum((3840, 2160))
    title = {rep["screen"][0]: next(w for w in rep["widgets"] if w["name"] == "title") for rep in (small, big)}
    assert title[3840]["text_width"] > 1.5 * title[1366]["text_width"]       # the same layout, sharper
    assert kiosk.map_view.zoomFactor() == pytest.approx(2.0)                  # the page too
    # Portrait: map above, timeline below it, details below that.
    at(kiosk, (1080, 1920)).state.select("rapallo-1922")
    settle(kiosk)
    map_rect, timeline, details = (w.geometry() for w in (kiosk.map_view, kiosk.layout_.timeline_frame, kiosk.details))
    assert map_rect.bottom() < timeline.top() and timeline.bottom() < details.top()
    assert details.width() == kiosk.width()


# --- two languages -------------------------------------------------------------------------------------

def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-zÄÖÜäöüß]{3,}", text)}


def _german_dataset_words(dataset) -> set[str]:
    """Every word the dataset itself says in German mode (its German texts, and names and citations it has
    in one language only): "President of the Board of Trade" is an office's name, not the interface."""
    from explorer.model.details import event_details

    texts = [dataset.text("title", "de")]
    for event in dataset.events:        # (citations are left out of the check itself, so not counted here)
        d = event_details(dataset, event, "de")
        texts += [d.title, d.summary, d.significance, *d.key_points]
        texts += [text + " " + aside for fact in d.facts for text, aside in fact.lines]
        texts += [f"{item.title} {item.when} {item.note}" for _, items in d.links for item in items]
    return _words(" ".join(texts))


def _filled(text: str, n: int) -> str:
    """``text`` with each of its placeholders filled: ``{n}`` with ``n``, the others with nothing."""
    import string

    names = {name for _, name, _, _ in string.Formatter().parse(text) if name}
    # The product's name is not translated ("Über Treaty Explorer"), so its words are nobody's English.
    return text.format(**{name: (n if name == "n" else "") for name in names}).replace("Treaty Explorer", "")


def _english_only_words(dataset) -> set[str]:
    """Words of the English interface that neither the German interface nor the German dataset uses."""
    english, german = set(), set()
    for key in i18n.keys():
        for n in (1, 2):
            english |= _words(_filled(i18n.catalogue("en").text(key, n) or "", n))
            german |= _words(_filled(i18n.catalogue("de").text(key, n) or "", n))
    # "English" names its button in every language.
    return english - german - _german_dataset_words(dataset) - {"english"}


def _texts(rep) -> str:
    skip = {"source"}                                # citations are bibliographic data, in the source's language
    return " ".join((w.get("full_text") or w.get("text") or "").replace("\n", " ")
                    for w in rep["widgets"] if w["name"] not in skip)


def _names(rep) -> str:
    # Each language button speaks its own language ("Show everything in English"), for whoever looks for it.
    return " ".join(w.get("accessible_name", "") for w in rep["widgets"] if not w["name"].startswith("language_"))


def _page_texts(win, selected) -> list[str]:
    """The map page's visible label texts (its layout report) and its legend's texts and title, once it
    shows ``selected`` in the window's language."""
    view = win.map_view

    def done():
        s = view.page_state()
        return (s.get("selected") == selected and s.get("language") == win.state.language
                and s["paintedSerial"] == s["serial"] and view._in_flight is None and not view._dirty)
    wait_until(done)
    legend = view.evaluate("TreatyMap.legend()")
    assert legend["open"] and legend["texts"]              # open at 1920 × 1080: every entry is read
    title = view.evaluate("document.querySelector('.tm-legend-toggle').textContent + ' ' +"
                          " document.querySelector('.tm-legend-toggle').getAttribute('aria-label')")
    return [label["text"] for label in view.layout_report()["labels"]] + legend["texts"] + [title]


def test_german_shows_no_english_for_any_event(kiosk):
    """Every event open in German: no word of the English interface (labels, kinds, relations, buttons,
    accessible names, and on the map page its labels and legend) and no English dataset text where the
    dataset has the German."""
    win = at(kiosk, (1920, 1080), language="de")
    dataset = win.state.dataset
    english_words = _english_only_words(dataset)
    assert {"home", "close", "date", "parties", "treaty", "followed", "reaffirmed", "away", "touch", "sources",
            "summary", "more", "larger", "contrast", "agreement", "conference"} <= english_words
    shown = []
    for name, rep in states(win):
        shown.append((name, rep))
    win.map_view.animate = False                 # each selection framed at once: its labels placed at once
    try:
        for event in dataset.events:
            win.state.select(event.id)
            shown.append((event.id, {**report(win), "page": _page_texts(win, event.id)}))
        win.state.select(None)
        shown.append(("home page", {**report(win), "page": _page_texts(win, None)}))
    finally:
        win.map_view.animate = True
    found = []
    for name, rep in shown:
        assert rep["language"] == "de"
        leaked = (_words(_texts(rep)) | _words(_names(rep))) & english_words
        found += [f"{name}: English word {w!r}" for w in sorted(leaked)]
        # The map page: its labels (places, states, the event's title, link labels) and its legend.
        page = " ".join(rep.get("page", []))
        found += [f"{name} (map): English word {w!r}" for w in sorted(_words(page) & english_words)]
        if name in dataset._by_id:
            event = dataset.event(name)
            text = _texts(rep)
            english = [event.title, event.summary, event.significance, *event.key_points]
            english += [dataset.place_of(event).name] if event.place_id else []
            english += list(event.parties)
            german = [event.text("title", "de"), event.text("summary", "de"), event.text("significance", "de"),
                      *event.text("key_points", "de")]
            german += [dataset.place_of(event).text("name", "de")] if event.place_id else []
            german += [dataset.party_name(p, "de") for p in event.parties]
            for en, de in zip(english, german):
                if en and en != de and en in text and en not in de and not any(en in g for g in german):
                    found.append(f"{name}: English text {en[:60]!r}")
    assert found == []


def test_every_control_has_an_accessible_name_in_the_language(kiosk):
    from explorer.qt.accessibility import unnamed_controls

    for language in ("en", "de"):
        win = at(kiosk, (1920, 1080), language=language)
        win.state.select("rapallo-1922")
        win.pin_pad.open()
        settle(win)
        assert unnamed_controls(win) == []
        names = {w.objectName(): w.accessibleName() for w in win.findChildren(QAbstractButton)}
        assert names["home_button"] == tr(language, "a11y.home")
        assert names["close_details"] == tr(language, "a11y.close")
        assert names["pin_7"] == tr(language, "a11y.digit", digit="7")
        assert win.map_view.accessibleName() == tr(language, "a11y.map")
        assert win.details.scroll.accessibleName() == tr(language, "a11y.details")
        win.pin_pad.hide()
    assert names["language_en"] == "Show everything in English" and names["language_de"] == "Alles auf Deutsch zeigen"


def test_states_are_not_told_by_colour_alone(kiosk):
    win = at(kiosk, (1920, 1080), language="de")
    assert win.language_buttons["de"].text().startswith("✓") and not win.language_buttons["en"].text().startswith("✓")
    QTest.mouseClick(win.layout_.contrast_button, Qt.MouseButton.LeftButton)
    assert win.high_contrast and win.layout_.contrast_button.text().startswith("✓")
    QTest.mouseClick(win.layout_.contrast_button, Qt.MouseButton.LeftButton)
    win.state.select("rapallo-1922")
    settle(win)
    assert win.details.kind_mark.kind == "treaty" and win.details.kind_label.full_text() == "Vertrag"


# --- touch ---------------------------------------------------------------------------------------------

def test_links_are_large_buttons_that_open_their_event(kiosk):
    win = at(kiosk, (1366, 768))
    win.state.select("rapallo-1922")
    settle(win)
    buttons = win.details.link_buttons
    assert len(buttons) == len(win.state.dataset.links_of("rapallo-1922"))
    assert all(b.height() >= win.metrics.touch and b.width() >= win.details.scroll.viewport().width() * 0.8
               for b in buttons)
    target = next(b for b in buttons if b.item.event_id == "genoa-1922")
    win.details.scroll.ensureWidgetVisible(target)
    settle(win)
    QTest.mouseClick(target, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(20, 10))
    assert win.state.selected_id == "genoa-1922"
    assert "Genoa" in win.details.details.title


def test_details_scroll_by_dragging_without_a_scroll_bar(kiosk):
    from PySide6.QtWidgets import QScroller

    win = at(kiosk, (1366, 768), 1.5)
    win.state.select(BUSY)
    settle(win)
    viewport = win.details.scroll.viewport()
    bar = win.details.scroll.verticalScrollBar()
    assert win.details.scroll.verticalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    assert QScroller.hasScroller(viewport) and bar.maximum() > 0 and bar.value() == 0
    assert win.details.more_button.isVisible()
    start = QPoint(viewport.width() // 2, viewport.height() - 20)
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for step in range(1, 13):
        QTest.mouseMove(viewport, start - QPoint(0, step * 25), 10)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start - QPoint(0, 300), 10)
    wait_until(lambda: bar.value() > 150, 3000)
    # "More below" scrolls on by most of a screen, and goes once the end is reached.
    before = bar.value()
    win.details.more_button.click()
    wait_until(lambda: bar.value() > before + viewport.height() // 2 or bar.value() == bar.maximum(), 3000)
    win.details.scroll_to_end_now()
    settle(win)
    assert not win.details.more_button.isVisible()


def test_the_home_screen_invites_touch_and_the_invitation_lets_touches_through(kiosk):
    win = at(kiosk, (1920, 1080))
    assert win.invitation.isVisible() and "Touch to explore" in win.invitation.title.full_text()
    assert win.invitation.testAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    card = win.invitation.card.geometry()
    assert win.map_view.rect().contains(card)
    win.state.select("rapallo-1922")
    assert not win.invitation.isVisible()
    win.state.select(None)
    win.idle.tour_started.emit()
    assert not win.invitation.isVisible() and win.banner.isVisible()
    win.idle.tour_ended.emit()


# --- large text and high contrast -------------------------------------------------------------------------

def test_large_text_and_high_contrast_switch_on_screen_and_reset_for_the_next_visitor(kiosk):
    from explorer.kiosk.qt import styles

    win = at(kiosk, (1920, 1080))
    win.state.select("rapallo-1922")
    settle(win)
    body = next(w for w in win.details.content.findChildren(type(win.details.kind_label)) if w.objectName() == "paragraph")
    before = body.font().pixelSize()
    QTest.mouseClick(win.layout_.large_text_button, Qt.MouseButton.LeftButton)
    settle(win)
    body = next(w for w in win.details.content.findChildren(type(win.details.kind_label)) if w.objectName() == "paragraph")
    assert body.font().pixelSize() == round(before * 1.3) and win.large_text
    QTest.mouseClick(win.layout_.contrast_button, Qt.MouseButton.LeftButton)
    settle(win)
    image = win.details.grab().toImage()
    corner = image.pixelColor(image.width() - 6, image.height() // 2)
    assert corner.lightness() < 20                                   # black paper in high contrast
    QTest.mouseClick(win.home_button, Qt.MouseButton.LeftButton)      # the visitor's own Home keeps them
    assert win.large_text and win.high_contrast
    win.idle.reset_requested.emit()                                   # the next visitor starts plain
    wait_until(lambda: win.map_view.is_ready)
    assert not win.large_text and not win.high_contrast
    assert not win.layout_.large_text_button.isChecked()
    for palette in (styles.NORMAL, styles.HIGH_CONTRAST):
        least = 7.0 if palette is styles.HIGH_CONTRAST else 4.5
        for what, text, background in styles.text_pairs(palette):
            assert styles.contrast_ratio(text, background) >= least, what

