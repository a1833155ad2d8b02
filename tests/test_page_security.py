"""A dataset is data, never code (issue 10): hostile text in every field shows literally in the page and in
Qt, the page's Content-Security-Policy lets nothing out, and WebRTC sends nothing."""

import copy
import json
import socket
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl

from explorer.model.loader import check_text
from explorer.model.state import ExplorerState

pytestmark = pytest.mark.gui

#: One text carrying every kind of payload the fuzzing found: Jinja (all three tag kinds, and the real
#: exploit), closing the script element, HTML with event handlers, a javascript: URL, line separators, the
#: page's own markers. If any of it ran, ``window.__pwned`` would be set or "uid=" / "42" would show.
PAYLOAD = ("{{ 6*7 }} {{ lipsum.__globals__.os.popen('id').read() }} {% raw %}{% endraw %} {# c #} "
           "</script><script>window.__pwned=1</script> <img src=x onerror=\"window.__pwned=2\"> "
           "<svg onload=\"window.__pwned=3\"></svg> javascript:window.__pwned=4 \u2028\u2029 "
           "@@treaty-map-initial-state@@ <!--treaty-map-data-slot-->")


def hostile_dataset(mini_path):
    """The mini dataset with the payload in every text field (each tagged with its field) and dataset ids
    and party names that are JavaScript prototype names."""
    raw = json.loads(mini_path.read_text(encoding="utf-8"))
    tag = lambda field: f"[{field}] {PAYLOAD}"                          # noqa: E731
    raw["dataset"]["title"] = tag("dataset.title")
    raw["dataset"]["description"] = tag("dataset.description")
    raw["dataset"]["credits"] = [tag("dataset.credits")]
    raw["dataset"]["eras"][0]["name"] = tag("era.name")
    for place in raw["places"]:
        place["name"] = tag(f"place.name {place['id']}")
        place["historical_name"] = tag(f"place.historical_name {place['id']}")
        place["country"] = tag("place.country")
    raw["places"][1]["capital_of"] = ["__proto__", "constructor", tag("capital_of")]
    # An event and a place whose ids are prototype names: only keys, never the prototype.
    raw["places"].append({**copy.deepcopy(raw["places"][3]), "id": "constructor", "capital": False})
    for event in raw["events"]:
        for field in ("title", "summary", "significance", "date_note"):
            event[field] = tag(f"event.{field} {event['id']}")
        event["key_points"] = [tag("event.key_points")]
        event["parties"] = ["__proto__", "constructor", tag("party")]
        event["signatories"] = [{"name": tag("signatory.name"), "office": tag("signatory.office")}]
        event["sources"] = [{"citation": tag("source.citation"), "url": "https://example.org/a?b=1&c=2"}]
        event["tags"] = [tag("tag")]
        event["translations"] = {"de": {"title": tag(f"de.title {event['id']}"), "summary": tag("de.summary")}}
    raw["events"][2]["id"] = "constructor"             # rapallo-1922, which has links
    raw["events"][2]["place"] = "constructor"
    for link in raw["links"]:
        link["from"] = "constructor" if link["from"] == "rapallo-1922" else link["from"]
        link["to"] = "constructor" if link["to"] == "rapallo-1922" else link["to"]
        link["note"] = tag("link.note")
    dataset, problems = check_text(json.dumps(raw), "hostile.json")
    assert not problems, problems
    return dataset


@pytest.fixture(scope="module")
def hostile():
    return hostile_dataset(Path(__file__).parent / "data" / "mini.json")


def test_hostile_text_shows_literally_in_the_map_and_nothing_runs(open_window, hostile, qtbot):
    win = open_window(hostile)
    view = win.map_view
    win.state.select("constructor")
    qtbot.waitUntil(lambda: view.page_state()["selected"] == "constructor", timeout=5000)
    state = view.page_state()
    assert state["linkCount"] == 4 and state["linkArcs"] >= 2         # the links of "constructor" are drawn
    view.call("setCaption", {"title": hostile.title, "date": "x", "event": hostile.event("constructor").title})
    qtbot.waitUntil(lambda: PAYLOAD in (view.evaluate("document.querySelector('.tm-caption').textContent") or ""),
                    timeout=5000)
    found = view.evaluate("""({
        pwned: window.__pwned === undefined ? null : window.__pwned,
        text: document.body.textContent,
        scripts: document.scripts.length,
        images: document.querySelectorAll('img').length,
        svgWithHandler: document.querySelectorAll('svg[onload]').length,
        handlers: Array.from(document.querySelectorAll('*')).filter(e => Array.from(e.attributes)
                    .some(a => a.name.startsWith('on'))).length})""")
    assert found["pwned"] is None
    assert found["images"] == 0 and found["svgWithHandler"] == 0 and found["handlers"] == 0
    text = found["text"]
    for field in ("[dataset.title]", "[event.title rapallo-1922]", "[event.title genoa-1922]",
                  "[place.historical_name rapallo]", "[place.historical_name berlin]"):
        assert f"{field} {PAYLOAD}" in text, field
    assert "uid=" not in text and " 42 " not in text
    # The page's scripts are the template's own (and Qt's channel): none came from the data.
    assert found["scripts"] == len(view.evaluate(
        "(Array.from(document.scripts).filter(s => s.src || s.type !== 'application/json')"
        ".map(s => s.src))")) + 1        # + the tm-boot data block
    assert view.page().console_errors == []


def test_hostile_text_is_plain_text_in_qt(open_window, hostile, qtbot):
    """The details panel escapes it; tool tips, labels and the window title show it as text."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel

    win = open_window(hostile)
    win.state.select("constructor")
    doc = win.details.toPlainText()
    assert hostile.event("constructor").title[:60] in doc
    assert win.details.document().toHtml().count("<img") == 0
    assert PAYLOAD in win.windowTitle()
    for label in win.findChildren(QLabel):
        if label.text():
            assert label.textFormat() == Qt.TextFormat.PlainText or "{{" not in label.text(), label.objectName()
    # A source URL is opened exactly as the dataset wrote it ("&" not "&amp;"), and only http(s).
    assert win.details.source_url("0") == "https://example.org/a?b=1&c=2"
    assert win.details.source_url("7") is None and win.details.source_url("x") is None


def test_the_policy_refuses_every_request_outside_the_scheme(open_window, mini, qtbot, web_context):
    """A script in the page asks for a local server in every way a page can: nothing reaches it, and the
    policy (not only the request guard) refused each attempt."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    server.settimeout(0.1)
    port = server.getsockname()[1]
    arrived = []
    stop = threading.Event()

    def accept():
        while not stop.is_set():
            try:
                arrived.append(server.accept()[0])
            except OSError:
                pass

    threading.Thread(target=accept, daemon=True).start()
    win = open_window(mini)
    view = win.map_view
    base = f"http://127.0.0.1:{port}"
    view.page().runJavaScript(f"""
        window._done = [];
        const note = (what) => window._done.push(what);
        fetch('{base}/fetch').then(() => note('fetch ok'), () => note('fetch refused'));
        const x = new XMLHttpRequest(); x.onerror = () => note('xhr refused'); x.onload = () => note('xhr ok');
        try {{ x.open('GET', '{base}/xhr'); x.send(); }} catch (e) {{ note('xhr refused'); }}
        const i = new Image(); i.onerror = () => note('img refused'); i.onload = () => note('img ok'); i.src = '{base}/i.png';
        try {{ const w = new WebSocket('ws://127.0.0.1:{port}/ws'); w.onerror = () => note('ws refused'); }}
        catch (e) {{ note('ws refused'); }}
        const s = document.createElement('script'); s.onerror = () => note('script refused'); s.src = '{base}/s.js';
        document.head.appendChild(s);
        const l = document.createElement('link'); l.rel = 'stylesheet'; l.onerror = () => note('css refused');
        l.href = '{base}/c.css'; document.head.appendChild(l);
        try {{ navigator.sendBeacon('{base}/beacon', 'x') ? note('beacon queued') : note('beacon refused'); }}
        catch (e) {{ note('beacon refused'); }}
    """)
    qtbot.waitUntil(lambda: len(view.evaluate("(window._done)") or []) >= 7, timeout=5000)
    done = view.evaluate("(window._done)")
    stop.set()
    server.close()
    assert not any(d.endswith(" ok") for d in done), done
    assert arrived == []
    assert web_context.guard.blocked == []          # refused by the page's policy before any request was made
    assert sum("Content Security Policy" in e for e in view.page().console_errors) >= 5
    view.page().console_errors.clear()


def test_the_guard_still_blocks_a_page_without_our_policy(qapp, qtbot, web_context):
    """Behind the policy, the profile's request guard blocks and logs whatever a page asks of the network."""
    from PySide6.QtWebEngineCore import QWebEnginePage

    page = QWebEnginePage(web_context.profile)
    try:
        with qtbot.waitSignal(page.loadFinished, timeout=10000):
            page.setHtml("<img src='https://tile.example.org/1/1/1.png'>", QUrl("explorer://app/probe.html"))
        qtbot.waitUntil(lambda: bool(web_context.guard.blocked), timeout=5000)
        assert web_context.guard.blocked == ["https://tile.example.org/1/1/1.png"]
    finally:
        web_context.guard.blocked.clear()
        page.deleteLater()


def test_webrtc_reaches_no_one(open_window, mini, qtbot):
    """WebRTC is out of the page's reach, and even a constructor taken from a new frame gathers no candidate
    and sends no STUN packet (the profile's IP handling policy: no UDP without a proxy)."""
    stun = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    stun.bind(("127.0.0.1", 0))
    stun.setblocking(False)
    port = stun.getsockname()[1]
    win = open_window(mini)
    view = win.map_view
    assert view.evaluate("typeof window.RTCPeerConnection") == "undefined"
    view.page().runJavaScript(f"""
        window._rtc = {{candidates: [], state: 'new'}};
        const frame = document.createElement('iframe');
        document.body.appendChild(frame);
        const RTC = frame.contentWindow.RTCPeerConnection;      // a fresh frame's, before anything ran in it
        window._rtc.reached = typeof RTC;
        const pc = new RTC({{iceServers: [{{urls: 'stun:127.0.0.1:{port}'}}]}});
        pc.createDataChannel('x');
        pc.onicecandidate = (e) => {{ if (e.candidate) window._rtc.candidates.push(e.candidate.candidate); }};
        pc.onicegatheringstatechange = () => {{ window._rtc.state = pc.iceGatheringState; }};
        pc.createOffer().then((offer) => pc.setLocalDescription(offer));
    """)
    qtbot.waitUntil(lambda: view.evaluate("window._rtc.state") == "complete", timeout=10000)
    result = view.evaluate("(window._rtc)")
    assert result["reached"] == "function"            # the one way a constructor can still be reached
    assert result["candidates"] == []
    with pytest.raises(BlockingIOError):
        stun.recvfrom(2048)
    stun.close()


def test_standalone_html_export_carries_the_policy(mini, tmp_path):
    """An exported page runs in any browser: it carries the same policy, with nothing allowed from outside."""
    from explorer.webmap.page import PageOptions, build_page

    html = build_page(mini, PageOptions(inline=True, bridge=False))
    policy = html.split('http-equiv="Content-Security-Policy" content="', 1)[1].split('"', 1)[0]
    assert "connect-src 'none'" in policy and "'self'" not in policy and "unsafe" not in policy


def test_hostile_text_is_only_text_in_the_kiosk(qtbot, hostile, web_context, tmp_path):
    """The kiosk shows the same text (its details, title, banner) as plain text, and its page runs none."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel

    from explorer.kiosk.config import KioskConfig
    from explorer.kiosk.interaction_log import InteractionLog
    from explorer.kiosk.qt.widgets import FitLabel
    from explorer.kiosk.qt.window import KioskWindow
    from explorer.model.playback import ManualClock

    config = KioskConfig(log_dir=tmp_path / "logs", attract_events=("constructor",))
    win = KioskWindow(ExplorerState(hostile), config, web_context, InteractionLog(config.log_dir),
                      clock=ManualClock(1000.0))
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitUntil(lambda: win.map_view.is_ready, timeout=20000)
    try:
        win.state.select("constructor")
        qtbot.waitUntil(lambda: win.map_view.page_state()["selected"] == "constructor", timeout=5000)
        texts = [label.full_text() for label in win.findChildren(FitLabel) if label.isVisible()]
        assert any(f"[event.title rapallo-1922] {PAYLOAD}" in t for t in texts)
        for label in win.findChildren(QLabel):
            assert label.textFormat() == Qt.TextFormat.PlainText or "{{" not in label.text(), label.objectName()
        found = win.map_view.evaluate("({pwned: window.__pwned === undefined ? null : window.__pwned,"
                                      " text: document.body.textContent})")
        assert found["pwned"] is None and "uid=" not in found["text"] and PAYLOAD in found["text"]
    finally:
        win.shutdown()
        win.close()


def test_hostile_text_in_a_snapshot_is_text(hostile, web_context):
    """A standalone HTML export of the hostile dataset carries the text as JSON data, never as markup (no
    "uid=" from the template's second pass, no script or handler of the data's), and a PDF of it renders."""
    from explorer.snapshot.qt.renderer import SnapshotRenderer
    from explorer.snapshot.spec import SnapshotSpec

    renderer = SnapshotRenderer(hostile, web_context)
    try:
        spec = SnapshotSpec(size=(800, 500), event="constructor")
        page = renderer.render_html(spec)
        assert "uid=" not in page and "<script>window.__pwned" not in page and 'onerror="window' not in page
        assert "[event.title rapallo-1922]" in page
        assert renderer.render_pdf(spec).startswith(b"%PDF")
    finally:
        renderer.close()
