"""Historical dates with a precision: ``1922-04-16`` (day), ``1922-04`` (month) or ``1922`` (year)."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

PRECISIONS = ("day", "month", "year")


@dataclass(frozen=True, order=True)
class HistDate:
    """A date as the sources give it. ``start`` is the first day it can mean, ``end`` the last."""

    start: dt.date
    precision: str = "day"

    @property
    def end(self) -> dt.date:
        """The last day this date covers (the month's or year's end for coarser precisions)."""
        if self.precision == "day":
            return self.start
        if self.precision == "month":
            last = calendar.monthrange(self.start.year, self.start.month)[1]
            return self.start.replace(day=last)
        return self.start.replace(month=12, day=31)

    def iso(self) -> str:
        """The date in the form it was written in the dataset."""
        if self.precision == "day":
            return self.start.isoformat()
        if self.precision == "month":
            return f"{self.start.year:04d}-{self.start.month:02d}"
        return f"{self.start.year:04d}"

    def label(self) -> str:
        """A readable label, e.g. ``16 April 1922``, ``April 1922`` or ``1922``."""
        if self.precision == "day":
            return f"{self.start.day} {calendar.month_name[self.start.month]} {self.start.year}"
        if self.precision == "month":
            return f"{calendar.month_name[self.start.month]} {self.start.year}"
        return str(self.start.year)

    def __str__(self) -> str:
        return self.iso()


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _days_in_month(year: int, month: int) -> int:
    """Days in the month (what calendar.monthrange gives, without working out the weekday too)."""
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _MONTH_DAYS[month - 1]


def parse_hist_date(text: str) -> HistDate:
    """Parse ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``; raise ValueError naming what is wrong."""
    if not isinstance(text, str):
        raise ValueError(f"expected a date string, got {type(text).__name__}")
    m = _DATE_RE.match(text.strip())
    if not m:
        raise ValueError(f"'{text}' is not a date of the form YYYY-MM-DD, YYYY-MM or YYYY")
    year, month, day = m.group(1), m.group(2), m.group(3)
    y = int(year)
    if month is None:
        return HistDate(dt.date(y, 1, 1), "year")
    mo = int(month)
    if not 1 <= mo <= 12:
        raise ValueError(f"'{text}' has no month {mo}")
    if day is None:
        return HistDate(dt.date(y, mo, 1), "month")
    d = int(day)
    last = _days_in_month(y, mo)
    if not 1 <= d <= last:
        raise ValueError(f"'{text}' is impossible: {calendar.month_name[mo]} {y} has {last} days")
    return HistDate(dt.date(y, mo, d), "day")


def parse_day(text: str) -> dt.date:
    """Parse a full ``YYYY-MM-DD`` date (for the command line); raise ValueError otherwise."""
    hd = parse_hist_date(text)
    if hd.precision != "day":
        raise ValueError(f"'{text}' must be a full date YYYY-MM-DD")
    return hd.start
