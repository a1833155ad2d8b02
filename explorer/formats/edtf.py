"""Dates from other tools written as the EDTF strings of our format (the loader checks them; we only write).

- TimelineJS and spreadsheet dates come as parts: year, optional month and day (``1925`` → ``1925``,
  ``1925, 9`` → ``1925-09``). A qualifier typed after the year (``1925~``, ``1925?``) is kept.
- Linked Places timespans give ``in`` or ``earliest``/``latest``: ``in`` is the date itself, a range of
  earliest and latest is "one of these dates", ``[earliest..latest]``.
- Free text (StoryMapJS slide dates, GeoJSON properties) is read in the common written forms: ISO and EDTF,
  ``16 April 1922``, ``April 16, 1922``, ``April 1922``, ``23–24 August 1939``, ``c. 1925`` / ``about 1925``, ``1920s`` (``[1920..1929]``).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS.update({"sept": 9, "januar": 1, "februar": 2, "märz": 3, "maerz": 3, "mai": 5, "juni": 6, "juli": 7,
                "oktober": 10, "dezember": 12, "janvier": 1, "février": 2, "mars": 3, "avril": 4, "juin": 6,
                "juillet": 7, "août": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12})
_QUALIFIERS = "~?%"
_EDTF_RE = re.compile(r"^\d{4}(-(\d{2}|XX)(-(\d{2}|XX))?)?[~?%]?$")
_ISO_TIME_RE = re.compile(r"^(-?\d{4}(?:-\d{2}(?:-\d{2})?)?)T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?$")
_APPROX_RE = re.compile(r"^(?:c\.|ca\.|circa|about|around|approx\.?|um|vers|etwa)\s*(.+)$", re.IGNORECASE)


def as_given(value) -> str:
    """A date we could not read, as plain text for the loader to quote in its message (markup removed)."""
    from explorer.formats.html_text import html_to_text

    return html_to_text(str(value), inline=True).text


def _int(value) -> int | None:
    """A whole number from a cell or JSON value (``1922``, ``"1922"``, ``1922.0``); None when there is none."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    if isinstance(value, int):
        return value
    text = str(value).strip()
    return int(text) if re.fullmatch(r"-?\d+", text) else None


def from_parts(year, month=None, day=None) -> str | None:
    """EDTF for a date given as parts, or None when there is no year. Values that are not numbers are passed
    through in place so that the loader names them (``1922-13`` is reported as having no month 13)."""
    qualifier = ""
    if isinstance(year, str) and year.strip() and year.strip()[-1] in _QUALIFIERS:
        qualifier, year = year.strip()[-1], year.strip()[:-1]
    y = _int(year)
    if y is None:
        text = as_given(year) if year not in (None, "") else ""
        return text or None
    out = f"{y:04d}" if y >= 0 else str(y)
    m, d = _int(month), _int(day)
    if month not in (None, "") and m is None:
        return f"{out}-{as_given(month)}"
    if m is not None:
        out += f"-{m:02d}"
        if day not in (None, "") and d is None:
            return f"{out}-{as_given(day)}"
        if d is not None:
            out += f"-{d:02d}"
    return out + qualifier


def from_text(text) -> str | None:
    """EDTF for a written date, or None when the text is not one of the forms this reads."""
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return from_parts(text)
    if not isinstance(text, str) or not text.strip():
        return None
    value = " ".join(text.strip().split())
    m = _ISO_TIME_RE.match(value)
    if m:
        value = m.group(1)
    if is_edtf_like(value):
        return value
    m = _APPROX_RE.match(value)
    if m:
        inner = from_text(m.group(1))
        return inner + "~" if inner and inner[-1] not in _QUALIFIERS else inner
    m = re.fullmatch(r"(\d{3})0s", value)
    if m:
        return one_of(f"{m.group(1)}0", f"{m.group(1)}9")
    m = re.fullmatch(r"(\d{1,2})\.?\s*[–-]\s*(\d{1,2})\.?\s+(\w+)\s+(\d{4})", value)
    if m and m.group(3).lower() in _MONTHS:     # "23–24 August 1939": an interval of days
        month, year = _MONTHS[m.group(3).lower()], int(m.group(4))
        return f"{from_parts(year, month, m.group(1))}/{from_parts(year, month, m.group(2))}"
    words = re.sub(r"[,.]", " ", value).split()
    day = month = year = None
    for word in words:
        lower = word.lower()
        if lower in _MONTHS and month is None:
            month = _MONTHS[lower]
        elif re.fullmatch(r"\d{1,2}(st|nd|rd|th)?", lower) and day is None:
            day = int(re.match(r"\d+", lower).group())
        elif re.fullmatch(r"\d{4}", lower) and year is None:
            year = int(lower)
        else:
            return None
    if year is None or (day is not None and month is None):
        return None
    return from_parts(year, month, day)


def is_edtf_like(value: str) -> bool:
    """Whether the text is already written in an EDTF form our format reads (single, set or interval)."""
    value = value.strip()
    if _EDTF_RE.match(value):
        return True
    if value.startswith("[") and value.endswith("]"):
        parts = re.split(r"\.\.|,", value[1:-1])
        return len(parts) >= 2 and all(_EDTF_RE.match(p.strip()) for p in parts)
    if "/" in value:
        parts = value.split("/")
        return len(parts) == 2 and all(_EDTF_RE.match(p) for p in parts)
    return False


def one_of(earliest: str, latest: str) -> str:
    """EDTF for "some day between these two": ``[1922-04-10..1922-04-16]`` (the two alone if they agree)."""
    return earliest if earliest == latest else f"[{earliest}..{latest}]"


def earliest_day(value: str) -> dt.date | None:
    """The first day an EDTF string we wrote can mean (for the default view); None if it is not readable."""
    if not isinstance(value, str):
        return None
    value = value.strip().lstrip("[")
    first = re.split(r"\.\.|,|/|\]", value)[0].rstrip(_QUALIFIERS)
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}|XX)(?:-(\d{2}|XX))?)?", first)
    if not m:
        return None
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) and m.group(2) != "XX" else 1
    day = int(m.group(3)) if m.group(3) and m.group(3) != "XX" else 1
    try:
        return dt.date(max(year, 1), month, day)
    except ValueError:
        return None


# --- reading our EDTF back, for exports to formats that have only plain dates ----------------------------
_SINGLE_RE = re.compile(r"^(\d{4})(?:-(\d{2}|XX)(?:-(\d{2}|XX))?)?([~?%]?)$")


def parts(value: str) -> tuple[int, int | None, int | None, str] | None:
    """``(year, month, day, qualifier)`` of a single EDTF date (unknown parts None), or None."""
    m = _SINGLE_RE.match(value.strip()) if isinstance(value, str) else None
    if not m:
        return None
    month = int(m.group(2)) if m.group(2) and m.group(2) != "XX" else None
    day = int(m.group(3)) if month and m.group(3) and m.group(3) != "XX" else None
    return int(m.group(1)), month, day, m.group(4)


def bounds(value: str) -> tuple[str, str] | None:
    """The first and last single dates of an EDTF value: ``[1925..1926]`` -> ``("1925", "1926")``; a single
    date is both."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    if value.startswith("[") and value.endswith("]"):
        items = [p.strip() for p in re.split(r"\.\.|,", value[1:-1])]
        return (items[0], items[-1]) if items else None
    if "/" in value:
        a, b = value.split("/", 1)
        return a, b
    return value, value


def label(value: str) -> str:
    """How a person reads an EDTF date: ``about 1925``, ``between 1925 and 1926``, ``29 September 1938 –
    30 September 1938``, ``September 1926 (uncertain)``."""
    value = (value or "").strip()
    if value.startswith("[") and value.endswith("]"):
        items = [p.strip() for p in re.split(r"\.\.|,", value[1:-1])]
        joiner = " and " if ".." in value else " or "
        words = [label(i) for i in items]
        return ("between " if ".." in value else "") + joiner.join([", ".join(words[:-1]), words[-1]] if len(words) > 2 else words)
    if "/" in value:
        a, b = value.split("/", 1)
        return f"{label(a)} – {label(b)}"
    p = parts(value)
    if p is None:
        return value
    year, month, day, q = p
    text = str(year) if month is None else f"{calendar.month_name[month]} {year}" if day is None else \
        f"{day} {calendar.month_name[month]} {year}"
    if q in ("~", "%"):
        text = "about " + text
    if q in ("?", "%"):
        text += " (uncertain)"
    return text
