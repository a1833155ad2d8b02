"""HTML from other tools' files turned into our plain text, with a real HTML parser (``html.parser``).

TimelineJS and StoryMapJS keep their texts as HTML. We keep what the markup means and nothing that could run
or load: paragraphs become blank-line-separated paragraphs, ``<br>`` a line break, list items lines starting
with "• ", link text stays (an http(s) link target is returned so that it can become a source), emphasis is
kept as its text. Scripts, styles, images, frames, forms, event handlers, comments and every attribute other
than a link's ``href`` are dropped. Template syntax such as ``{{ 6*7 }}`` is just text and stays text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

# Elements whose whole content is dropped, not shown as text.
_DROP_CONTENT = {"script", "style", "template", "noscript", "iframe", "object", "embed", "svg", "math", "head",
                 "title", "textarea", "select", "canvas", "audio", "video", "applet", "frameset", "noembed"}
_BLOCK = {"p", "div", "section", "article", "blockquote", "header", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
          "ul", "ol", "table", "tr", "figure", "figcaption", "aside", "address", "pre", "hr", "dl", "main", "nav"}
_LINE = {"li", "dt", "dd"}
_VOID = {"br", "img", "hr", "input", "meta", "link", "area", "base", "col", "embed", "param", "source", "track", "wbr"}
_TAG_RE = re.compile(r"<\s*/?\s*[a-zA-Z!?]")
_URL_RE = re.compile(r"^https?://[^\s<>\"']+$", re.IGNORECASE)
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
_PARA = "\x00P"   # markers in the raw stream, turned into blank lines / line breaks at the end
_BR = "\x00B"


@dataclass(frozen=True)
class Link:
    """A link found in the text: what it said and where it pointed (http or https only)."""

    text: str
    url: str


@dataclass
class PlainText:
    """The text, the http(s) links it held, and what was dropped (tag names, bad link targets) for the report."""

    text: str
    links: list[Link] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)


def as_text(value) -> str | None:
    """A text field's value as a string: numbers are written out, anything else (objects, lists, true/false)
    counts as not given."""
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
    return None


def is_http_url(value: str) -> bool:
    """True for an absolute http:// or https:// URL without spaces."""
    return bool(_URL_RE.match(value.strip())) if isinstance(value, str) else False


def looks_like_html(text: str) -> bool:
    """Whether the text contains markup (a tag, comment or doctype) or an entity."""
    return bool(_TAG_RE.search(text)) or bool(re.search(r"&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);", text))


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.links: list[Link] = []
        self.dropped: list[str] = []
        self._skip: list[str] = []          # open elements whose content is dropped
        self._anchor: tuple[str | None, int] | None = None   # (href, where its text starts in out)
        self._list_depth = 0

    def handle_starttag(self, tag, attrs):
        if self._skip:
            if tag not in _VOID:
                self._skip.append(tag)
            return
        if tag in _DROP_CONTENT:
            self.dropped.append(f"<{tag}>")
            if tag not in _VOID:
                self._skip.append(tag)
            return
        if tag == "br":
            self.out.append(_BR)
        elif tag in _BLOCK:
            self.out.append(_PARA)
        elif tag in _LINE:
            self.out.append(_BR + "• ")
        elif tag == "a":
            href = dict(attrs).get("href") or ""
            self._anchor = (href.strip(), len(self.out))
        elif tag in _VOID:
            self.dropped.append(f"<{tag}>")
        if any(name.lower().startswith("on") for name, _ in attrs):
            self.dropped.append(f"<{tag} on…> handler")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and self._skip and self._skip[-1] == tag:
            self._skip.pop()

    def handle_endtag(self, tag):
        if self._skip:
            if tag in self._skip:
                while self._skip and self._skip.pop() != tag:
                    pass
            return
        if tag in _BLOCK:
            self.out.append(_PARA)
        elif tag == "a" and self._anchor is not None:
            href, start = self._anchor
            self._anchor = None
            text = _squash("".join(s for s in self.out[start:] if not s.startswith("\x00")))
            if href and is_http_url(href):
                self.links.append(Link(text or href, href))
            elif href and not href.startswith("#"):
                self.dropped.append(f"link target {href[:60]!r}")

    def handle_data(self, data):
        if not self._skip:
            self.out.append(data)

    def handle_comment(self, data):
        self.dropped.append("<!-- comment -->")


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def html_to_text(value: str, *, inline: bool = False) -> PlainText:
    """Our plain text for ``value`` (HTML or plain text); ``inline`` for one-line fields such as headlines."""
    value = _CONTROL_RE.sub("", value or "")
    if not looks_like_html(value):
        text = _plain(value, inline)
        return PlainText(text)
    parser = _TextParser()
    parser.feed(value)
    parser.close()
    raw = "".join(parser.out)
    paragraphs = []
    for para in raw.split(_PARA):
        lines = [_squash(line) for line in para.split(_BR)]
        lines = [line for line in lines if line and line != "•"]
        if lines:
            paragraphs.append("\n".join(lines))
    text = _squash(" ".join(paragraphs)) if inline else "\n\n".join(paragraphs)
    return PlainText(text, parser.links, parser.dropped)


def _plain(value: str, inline: bool) -> str:
    """Plain text as a person typed it in a cell: line breaks kept, paragraphs at most one blank line apart."""
    if inline:
        return _squash(value)
    lines = [line.rstrip() for line in value.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    text = "\n".join(lines).strip()
    return re.sub(r"\n{3,}", "\n\n", text)


def plain_tree(value):
    """Every string in a JSON value (lists and objects too) made plain with :func:`html_to_text`; for the
    fields a GeoJSON file carries in our own field names."""
    if isinstance(value, str):
        return html_to_text(value).text
    if isinstance(value, list):
        return [plain_tree(v) for v in value]
    if isinstance(value, dict):
        return {k: plain_tree(v) for k, v in value.items()}
    return value
