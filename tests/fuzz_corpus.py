"""A corpus of malformed and edge-case datasets, made the same way every time, for tests/test_fuzz_datasets.py.

Each case is a file's bytes and what it should give: ``"problems"`` (a clear problem list), ``"load"`` (a clean
load) or ``"either"``. The cases start from tests/data/full.json, which uses every field of the format, and:

- put a value of the wrong type in every field (and every list element) of it, one case each;
- break the file itself: deep nesting, huge numbers, NaN, bad UTF-8, repeated keys, a BOM, odd top levels;
- break the rules between items: unknown references, cycles, self links, renames in a circle;
- put each kind of injection payload (Jinja, ``</script>``, event handlers, ``javascript:``, U+2028, the page's
  own marker, prototype names ...) in every text field at once, and in ids and party names where they fit;
- push values to their edges: 9999-12-31, the poles, zoom 0 and 20, every date form, unicode tricks.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from pathlib import Path

BASE = Path(__file__).parent / "data" / "full.json"

#: Marks a payload that ran: it can only appear in a page if a template evaluated the payload.
EVALUATED = "zqjv"

#: Payload kinds, each a text that must be shown literally and never run.
PAYLOADS = {
    "jinja-expression": '{{ "zq" ~ "jv" }}',
    "jinja-python": "{{ lipsum.__globals__.os.popen(dict(id=1)|join).read() }}",
    "jinja-statement": '{% for x in "ab" %}zq{% endfor %}',
    "jinja-raw": "{% raw %} unclosed",
    "jinja-comment": "{# unclosed comment",
    "script-close": "</script><script>window.zqjv=1</script>",
    "img-onerror": '<img src=x onerror="window.zqjv=1">',
    "svg-onload": '<svg onload="window.zqjv=1"></svg>',
    "javascript-url": "javascript:window.zqjv=1",
    "line-separators": "before\u2028middle\u2029after",
    "page-marker": "@@treaty-map-initial-state@@",
    "quoted-page-marker": '"@@treaty-map-initial-state@@"',
    "json-breakout": '"}]};window.zqjv=1;//',
    "template-literal": "${window.zqjv=1}",
    "format-string": "{0.__class__} %s %n {}",
    "html-entities": "&lt;b&gt; &amp;amp; &#60;script&#62;",
    "backslashes": "\\u003cscript\\u003e \\\\ \\n",
    "rtl-override": "\u202eevil\u202c text",
}

_WRONG = {str: [5, [], {}, None, True, ["x"]], int: ["4", True, None, [4], {}], float: ["52.5", False, None, [1.5]],
          bool: [1, "true", None, []], list: ["x", {}, 5, None], dict: [[], "x", 5, None]}


@dataclass(frozen=True)
class Case:
    """One file of the corpus."""

    name: str
    data: bytes
    expect: str = "either"          # "problems", "load" or "either"
    #: a payload kind (PAYLOADS) whose text is in the dataset, for the page and details checks
    payload: str | None = None


def base() -> dict:
    """The full dataset as a document to change."""
    return json.loads(BASE.read_text(encoding="utf-8"))


def _encode(doc) -> bytes:
    return json.dumps(doc, indent=1, ensure_ascii=False).encode("utf-8")


def _paths(doc) -> list[tuple]:
    """Every path in the document to a value, in document order (a loop with its own stack)."""
    out, stack = [], [((), doc)]
    while stack:
        path, node = stack.pop()
        if path:
            out.append(path)
        if isinstance(node, dict):
            stack.extend(reversed([(path + (k,), v) for k, v in node.items()]))
        elif isinstance(node, list):
            stack.extend(reversed([(path + (i,), v) for i, v in enumerate(node)]))
    return out


def _get(doc, path):
    for step in path:
        doc = doc[step]
    return doc


def _set(doc, path, value):
    _get(doc, path[:-1])[path[-1]] = value


def wrong_types() -> list[Case]:
    """A value of the wrong type in every field and list element of the full dataset, one case each."""
    doc, cases = base(), []
    for n, path in enumerate(_paths(doc)):
        if path[0] == "$schema":
            continue
        value = _get(doc, path)
        choices = _WRONG[type(value)]
        wrong = choices[n % len(choices)]
        changed = copy.deepcopy(doc)
        _set(changed, path, wrong)
        name = "wrong-type:" + ".".join(str(p) for p in path) + f"={json.dumps(wrong)}"
        cases.append(Case(name, _encode(changed), "problems"))
    return cases


def broken_files() -> list[Case]:
    """Files broken as files: syntax, encoding, nesting, numbers, top level, repeated keys."""
    text = BASE.read_text(encoding="utf-8")
    data = text.encode("utf-8")
    deep = "[" * 100_000 + "]" * 100_000
    cases = [
        Case("empty", b"", "problems"),
        Case("only-whitespace", b"  \n\t ", "problems"),
        Case("top-level-list", b"[]", "problems"),
        Case("top-level-string", b'"dataset"', "problems"),
        Case("top-level-number", b"1", "problems"),
        Case("top-level-null", b"null", "problems"),
        Case("empty-object", b"{}", "problems"),
        Case("deep-nesting-100k", ('{"format": 1, "dataset": ' + deep + "}").encode(), "problems"),
        Case("deep-nesting-in-title", text.replace('"Treaty of Brest-Litovsk"', "[" * 1000 + "]" * 1000).encode(),
             "problems"),
        Case("number-5000-digits", text.replace("52.52", "5" * 5000).encode(), "problems"),
        Case("number-300-digits", text.replace("52.52", "5" * 300).encode(), "problems"),
        Case("number-1e999", text.replace("52.52", "1e999").encode(), "problems"),
        Case("number-nan", text.replace("52.52", "NaN").encode(), "problems"),
        Case("number-infinity", text.replace("52.52", "-Infinity").encode(), "problems"),
        Case("trailing-comma", text.replace('"Written for the tests"]', '"Written for the tests",]').encode(),
             "problems"),
        Case("single-quotes", text.replace('"zoom": 4', "'zoom': 4").encode(), "problems"),
        Case("comment", text.replace('"zoom": 4', '"zoom": 4 /* four */').encode(), "problems"),
        Case("truncated", data[: len(data) // 2], "problems"),
        Case("latin-1", text.replace("Gründung", "Gr\udcfcndung").encode("utf-8", "surrogateescape"), "problems"),
        Case("lone-surrogate-escape", text.replace('"Peace in the east."', '"\\ud800 peace"').encode(), "problems"),
        Case("nul-escape", text.replace('"Peace in the east."', '"pe\\u0000ace"').encode(), "problems"),
        Case("control-escape", text.replace('"Two days."', '"two\\u001bdays"').encode(), "problems"),
        Case("raw-delete", text.replace('"Two days."', '"two\x7fdays"').encode(), "problems"),
        Case("bom", b"\xef\xbb\xbf" + data, "load"),
        Case("crlf-lines", text.replace("\n", "\r\n").encode(), "load"),
        Case("one-line", json.dumps(json.loads(text)).encode(), "load"),
        Case("key-twice-in-event", text.replace('"kind": "treaty",', '"kind": "treaty", "kind": "military",', 1)
             .encode(), "problems"),
        Case("key-twice-spaced", text.replace('"kind": "treaty",', '"kind" : "treaty", "kind": "military",', 1)
             .encode(), "problems"),
        Case("key-twice-top-level", text.replace('"format": 1,', '"format": 1, "format": 1,').encode(), "problems"),
        Case("key-twice-escaped", text.replace('"kind": "treaty",', '"kind": "treaty", "\\u006bind": "event",', 1)
             .encode(), "problems"),
        Case("key-twice-in-translation", text.replace('"de": {"office": "Vorsitzender"}',
                                                      '"de": {"office": "Vorsitzender", "office": "X"}').encode(),
             "problems"),
        Case("escaped-quote-colon-text", text.replace('"Two days."', '"He said \\": yes\\"."').encode(), "load"),
    ]
    return cases


def broken_rules() -> list[Case]:
    """Documents whose fields are fine one by one but break the rules between items, or the ones beyond types."""
    def case(name, change, expect="problems"):
        doc = base()
        change(doc)
        return Case(name, _encode(doc), expect)

    def chain(doc, n, loop):
        event = doc["events"][0]
        doc["events"] = [dict(event, id=f"e-{i}") for i in range(n + 1)]
        doc["links"] = [{"from": f"e-{i}", "to": f"e-{i + 1}", "relation": "led_to", "note": "n"} for i in range(n)]
        if loop:
            doc["links"].append({"from": f"e-{n}", "to": "e-0", "relation": "led_to", "note": "closes it"})

    return [
        case("no-places-list", lambda d: d.pop("places")),
        case("no-events-list", lambda d: d.pop("events")),
        case("no-dataset", lambda d: d.pop("dataset")),
        case("eras-a-number", lambda d: d["dataset"].__setitem__("eras", 5)),
        case("era-colour-list", lambda d: d["dataset"]["eras"][0].__setitem__("color", [1, 2])),
        case("era-colour-name", lambda d: d["dataset"]["eras"][0].__setitem__("color", "red")),
        case("era-colour-four-digits", lambda d: d["dataset"]["eras"][0].__setitem__("color", "#abcd")),
        case("era-ends-before-start", lambda d: d["dataset"]["eras"][0].__setitem__("end", "1900")),
        case("unknown-top-level-key", lambda d: d.__setitem__("extra", 1)),
        case("unknown-era-key", lambda d: d["dataset"]["eras"][0].__setitem__("colour", "#fff")),
        case("unknown-view-key", lambda d: d["dataset"]["default_view"].__setitem__("bearing", 0)),
        case("unknown-signatory-key", lambda d: d["events"][2]["signatories"][0].__setitem__("born", "1875")),
        case("view-date-not-a-day", lambda d: d["dataset"]["default_view"].__setitem__("date", "1922")),
        case("view-centre-three", lambda d: d["dataset"]["default_view"].__setitem__("center", [1, 2, 3])),
        case("view-zoom-21", lambda d: d["dataset"]["default_view"].__setitem__("zoom", 21)),
        case("format-true", lambda d: d.__setitem__("format", True)),
        case("format-float", lambda d: d.__setitem__("format", 1.0)),
        case("format-2", lambda d: d.__setitem__("format", 2)),
        case("id-trailing-newline", lambda d: d["events"][0].__setitem__("id", "brest-1918\n")),
        case("id-a-list", lambda d: d["events"][0].__setitem__("id", ["brest-1918"])),
        case("id-cyrillic-a", lambda d: d["events"][0].__setitem__("id", "brest-19\u04318")),
        case("id-zero-width", lambda d: d["events"][0].__setitem__("id", "brest\u200b-1918")),
        case("id-proto", lambda d: d["events"][0].__setitem__("id", "__proto__")),
        case("place-id-upper", lambda d: d["places"][0].__setitem__("id", "Moscow")),
        case("date-arabic-digits", lambda d: d["events"][0].__setitem__("date", "\u0661\u0669\u0661\u0668")),
        case("date-fullwidth-digits", lambda d: d["events"][0].__setitem__("date", "\uff11\uff19\uff11\uff18")),
        case("date-impossible", lambda d: d["events"][0].__setitem__("date", "1918-02-29")),
        case("date-year-0", lambda d: d["events"][0].__setitem__("date", "0000")),
        case("date-season", lambda d: d["events"][0].__setitem__("date", "1918-21")),
        case("date-multiple", lambda d: d["events"][0].__setitem__("date", "{1918,1919}")),
        case("date-open-interval", lambda d: d["events"][0].__setitem__("date", "1918/..")),
        case("date-with-time", lambda d: d["events"][0].__setitem__("date", "1918-03-03T12:00:00")),
        case("end-before-start", lambda d: d["events"][0].__setitem__("end_date", "1917")),
        case("unknown-place", lambda d: d["events"][0].__setitem__("place", "atlantis")),
        case("duplicate-event-id", lambda d: d["events"][1].__setitem__("id", "brest-1918")),
        case("duplicate-place-id", lambda d: d["places"][1].__setitem__("id", "moscow")),
        case("duplicate-party", lambda d: d["parties"].append({"name": "Italy"})),
        case("empty-parties-table", lambda d: d.__setitem__("parties", [])),
        case("parties-table-not-a-list", lambda d: d.__setitem__("parties", {"Germany": {}})),
        case("party-not-in-table", lambda d: d["events"][0]["parties"].append("Narnia")),
        case("signatory-party-not-in-table", lambda d: d["events"][2]["signatories"][0].__setitem__("party", "X")),
        case("capital-party-not-in-table", lambda d: d["places"][0]["capital_of"].append("Tsardom")),
        case("rename-unknown", lambda d: d["parties"][0].__setitem__("renamed_to", "Reich")),
        case("rename-self", lambda d: d["parties"][0].__setitem__("renamed_to", "Germany")),
        case("rename-circle", lambda d: d["parties"][2].__setitem__("renamed_to", "Soviet Russia")),
        case("link-unknown-event", lambda d: d["links"][0].__setitem__("to", "nowhere-1999")),
        case("link-to-itself", lambda d: d["links"][0].__setitem__("to", "genoa-1922")),
        case("link-unknown-relation", lambda d: d["links"][0].__setitem__("relation", "loves")),
        case("link-twice", lambda d: d["links"].append(dict(d["links"][0]))),
        case("parallels-both-ways", lambda d: d["links"].append(
            {"from": "munich-1938", "to": "genoa-1922", "relation": "parallels", "note": "again"})),
        case("link-cycle", lambda d: d["links"].append(
            {"from": "pact-1939", "to": "talks-1925", "relation": "prompted", "note": "loops"})),
        case("chain-of-2000-links", lambda d: chain(d, 2000, False), "load"),
        case("loop-of-2001-links", lambda d: chain(d, 2000, True)),
        case("no-sources", lambda d: d["events"][0].__setitem__("sources", [])),
        case("source-javascript-url", lambda d: d["events"][0]["sources"][0].__setitem__("url", "javascript:x()")),
        case("media-data-url", lambda d: d["events"][1]["media"][0].__setitem__("url", "data:text/html,<b>")),
        case("media-without-url", lambda d: d["events"][1]["media"][0].pop("url")),
        case("translation-english", lambda d: d["events"][0]["translations"].__setitem__("en", {"title": "x"})),
        case("translation-bad-language", lambda d: d["events"][0]["translations"].__setitem__("DE", {"title": "x"})),
        case("translation-of-an-id", lambda d: d["events"][0]["translations"]["de"].__setitem__("place", "x")),
        case("translation-key-points-count", lambda d: d["events"][2]["translations"]["de"].__setitem__(
            "key_points", ["one"])),
        case("translation-without-english", lambda d: d["events"][0]["translations"]["de"].__setitem__(
            "significance", "x")),
        case("blank-title", lambda d: d["events"][0].__setitem__("title", " \u2028 ")),
        case("title-null", lambda d: d["events"][0].__setitem__("title", None)),
        case("missing-summary", lambda d: d["events"][0].pop("summary")),
    ]


def payloads() -> list[Case]:
    """Each payload kind in every text field at once; and in party names, and prototype names as ids."""
    doc, cases = base(), []
    text_paths = [p for p in _paths(doc) if isinstance(_get(doc, p), str) and _is_free_text(p)]
    for kind, payload in PAYLOADS.items():
        changed = copy.deepcopy(doc)
        for path in text_paths:
            _set(changed, path, f"{_get(doc, path)} {payload}")
        cases.append(Case(f"payload:{kind}", _encode(changed), "load", kind))
        named = _encode(doc).decode("utf-8").replace('"Germany"', json.dumps(f"Germany {payload}"))
        cases.append(Case(f"payload-in-party-name:{kind}", named.encode("utf-8"), "load", kind))
    exact = copy.deepcopy(doc)              # the page's marker as a whole text, as the page writes it
    exact["dataset"]["title"] = exact["events"][0]["title"] = PAYLOADS["page-marker"]
    cases.append(Case("payload-alone:page-marker", _encode(exact), "load", "page-marker"))
    for name in ("constructor", "prototype", "hasownproperty", "tostring", "valueof", "length", "0", "1e3",
                 "null", "undefined", "nan"):
        changed = _encode(doc).decode("utf-8").replace('"moscow"', json.dumps(name)).replace(
            '"pact-1939"', json.dumps(name))
        cases.append(Case(f"prototype-id:{name}", changed.encode("utf-8"), "load"))
    return cases


def _is_free_text(path: tuple) -> bool:
    """Text a curator writes freely (not ids, kinds, relations, dates, colours, urls or party names)."""
    fixed = {"id", "kind", "relation", "from", "to", "place", "date", "end_date", "start", "end", "color",
             "url", "$schema", "renamed_to", "party", "parties", "capital_of", "country"}
    names = [p for p in path if isinstance(p, str)]
    if path[:1] == ("parties",) and names[-1] == "name":
        return False
    return not (set(names) & fixed) or names[-1] == "country" and "translations" in names


def edges() -> list[Case]:
    """Values at the edges of what the format allows; each should load."""
    def case(name, change):
        doc = base()
        change(doc)
        return Case(name, _encode(doc), "load")

    def only_placeless(doc):
        for event in doc["events"]:
            event.pop("place", None)

    return [
        case("date-9999-12-31", lambda d: d["events"][0].__setitem__("date", "9999-12-31")),
        case("date-0001-01-01", lambda d: d["events"][0].__setitem__("date", "0001-01-01")),
        case("era-0001-to-9999", lambda d: d["dataset"]["eras"].append({"name": "All", "start": "0001",
                                                                          "end": "9999", "color": "#000"})),
        case("poles-and-antimeridian", lambda d: d["places"][0].update(lat=90, lon=-180)),
        case("south-pole", lambda d: d["places"][1].update(lat=-90.0, lon=180.0)),
        case("zoom-0", lambda d: d["dataset"]["default_view"].__setitem__("zoom", 0)),
        case("zoom-20", lambda d: d["dataset"]["default_view"].__setitem__("zoom", 20)),
        case("every-date-form", lambda d: [e.__setitem__("date", form) for e, form in zip(d["events"], [
            "1918", "1922-04", "1925~", "1926-09?", "1926-09%", "1939-XX", "[1925..1926]", "1938-09-29/1938-09-30"])]),
        case("no-places-at-all", lambda d: (only_placeless(d), d.__setitem__("places", []),
                                            d["events"][2].pop("signatories"), d.pop("parties"))),
        case("no-links", lambda d: d.pop("links")),
        case("no-parties-table", lambda d: d.pop("parties")),
        case("one-event", lambda d: (d.__setitem__("events", d["events"][:1]), d.__setitem__("links", []))),
        case("no-events", lambda d: (d.__setitem__("events", []), d.__setitem__("links", []))),
        case("thousand-key-points", lambda d: (d["events"][2].__setitem__("key_points", ["point"] * 1000),
                                               d["events"][2]["translations"]["de"].pop("key_points"))),
        case("title-of-100k-characters", lambda d: d["events"][0].__setitem__("title", "long " * 20_000)),
        case("emoji-and-combining", lambda d: d["events"][0].__setitem__("title", "Tr\u0065\u0301aty \U0001f54a\ufe0f")),
        case("zero-width-joiners", lambda d: d["events"][0].__setitem__("title", "a\u200db\u200cc\ufeffd")),
        case("many-languages", lambda d: d["events"][0]["translations"].update(
            {lang: {"title": f"title {lang}"} for lang in ("fr", "pt-BR", "zh-Hant", "sr-Latn", "ru", "ar")})),
        case("escaped-everything", lambda d: d["events"][0].__setitem__("summary", "\t tab \n newline \r return")),
        case("dollar-schema-elsewhere", lambda d: d.__setitem__("$schema", "https://example.org/s.json")),
    ]


def cases() -> list[Case]:
    """The whole corpus, in a fixed order."""
    return wrong_types() + broken_files() + broken_rules() + payloads() + edges()
