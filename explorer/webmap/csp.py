"""The map page's Content-Security-Policy: only the app's own scheme, and the page's own inline code by hash.

Even a script that found its way into the page could then load nothing, send nothing and run no other inline
code: ``connect-src`` reaches only the app's scheme (nothing at all in a standalone export), inline event
handlers (``onerror=``, ``onload=``) never run, and ``javascript:`` URLs do nothing. The policy is a
``<meta>`` element at the top of ``<head>``, so an exported HTML file carries it too.
"""

from __future__ import annotations

import base64
import hashlib
import re

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
_INLINE_STYLE = re.compile(r"<style[^>]*>(?P<body>.*?)</style>", re.S | re.I)


NONE = ["'none'"]


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def inline_hashes(html: str) -> tuple[list[str], list[str]]:
    """The CSP hashes of the page's inline scripts (not data blocks, not ``src=`` scripts) and styles."""
    scripts = [_hash(m["body"]) for m in _INLINE_SCRIPT.finditer(html)
               if "src=" not in m["attrs"] and "application/json" not in m["attrs"]]
    styles = [_hash(m["body"]) for m in _INLINE_STYLE.finditer(html)]
    return sorted(set(scripts)), sorted(set(styles))


def policy(html: str, *, linked: bool) -> str:
    """The policy for a page: ``linked`` pages load their files and data from the app's scheme (and Qt's
    QWebChannel script from ``qrc:``); standalone pages have everything inline and may load nothing."""
    scripts, styles = inline_hashes(html)
    own = ["'self'"] if linked else []
    directives = {
        "default-src": ["'none'"],
        "script-src": own + (["qrc:"] if linked else []) + scripts,
        "style-src": own + styles,
        "img-src": own + ["data:"],
        "font-src": own,
        "connect-src": own,
        "base-uri": ["'none'"],
        "form-action": ["'none'"],
        "frame-src": ["'none'"],
        "worker-src": ["'none'"],
        "object-src": ["'none'"],
        "media-src": ["'none'"],
        "manifest-src": ["'none'"],
    }
    return "; ".join(f"{name} {' '.join(values or NONE)}" for name, values in directives.items())


def with_policy(html: str, *, linked: bool) -> str:
    """``html`` (a page template, before any data is put in) with its policy as the first element of
    ``<head>``. The hashes are taken from the template, so no data can ever add an allowed script."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html, linked=linked)}">'
    at = html.index("<head>") + len("<head>")
    return html[:at] + "\n    " + meta + html[at:]
