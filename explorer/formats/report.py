"""What an import found: every problem (file, row or JSON path, field, what is wrong) and every note
(which gazetteer match was chosen, what was left out), as plain objects a dialog can list and the CLI prints."""

from __future__ import annotations

from dataclasses import dataclass, field

ERROR = "error"      # the row, feature or item was left out (or, in our own format, nothing opened)
WARNING = "warning"  # the item opened, but something in it was dropped or guessed
INFO = "info"        # how something was read: a place resolved, a title taken from the overview slide


@dataclass(frozen=True)
class ImportProblem:
    """One thing an import has to say about a file, located as precisely as the file allows.

    ``row`` is a spreadsheet row number (1 is the header row), ``path`` a JSON path in the *source* file such as
    ``events[3].start_date``, ``line`` a line of a JSON file; ``field`` names the column or JSON key."""

    file: str
    message: str
    severity: str = ERROR
    row: int | None = None
    path: str | None = None
    line: int | None = None
    item: str | None = None
    field: str | None = None
    sheet: str | None = None

    def _parts(self) -> list[str]:
        parts = []
        if self.sheet:
            parts.append(f"sheet '{self.sheet}'")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.path:
            parts.append(self.path)
        if self.item and self.row is None and not self.path:
            parts.append(self.item)
        return parts

    def _head(self, parts: list[str]) -> str:
        place = self.file + (f":{self.line}" if self.line else "")
        return f"{place}: {', '.join(parts)}" if parts else place

    @property
    def location(self) -> str:
        """``timeline.csv: row 7`` or ``data.json:12: event 'rapallo-1922'``: where, without the message."""
        return self._head(self._parts())

    def __str__(self) -> str:
        """One line, in the form ``explorer validate`` has always used:
        ``file[:line]: item or row, field 'x': message``."""
        parts = self._parts() + ([f"field '{self.field}'"] if self.field else [])
        label = "" if self.severity == ERROR else f"{self.severity}: "
        return f"{self._head(parts)}: {label}{self.message}"


@dataclass
class ImportReport:
    """Everything an import found in one file. ``format`` is the detected format's name (``"TimelineJS
    sheet (CSV)"``); ``counts`` how many events, places and links opened; ``credits`` whom to thank."""

    file: str
    format: str | None = None
    problems: list[ImportProblem] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    credits: list[str] = field(default_factory=list)
    opened: bool = False
    #: the file as it was read (``Dataset.file_stamp``), where it could be read
    file_stamp: tuple[str, int, int] | None = field(default=None, compare=False, repr=False)

    def add(self, message: str, severity: str = ERROR, **where) -> ImportProblem:
        """Record a problem or note and return it."""
        problem = ImportProblem(where.pop("file", self.file), message, severity, **where)
        self.problems.append(problem)
        return problem

    def credit(self, text: str) -> None:
        """Thank a data source once (the gazetteer, when it was used)."""
        if text not in self.credits:
            self.credits.append(text)

    @property
    def errors(self) -> list[ImportProblem]:
        """Problems that left something out."""
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[ImportProblem]:
        """Problems where something opened with a part dropped or guessed."""
        return [p for p in self.problems if p.severity == WARNING]

    @property
    def notes(self) -> list[ImportProblem]:
        """How things were read (places resolved and the like)."""
        return [p for p in self.problems if p.severity == INFO]

    @property
    def ok(self) -> bool:
        """True when everything in the file opened (notes and warnings allowed)."""
        return self.opened and not self.errors

    def summary(self) -> str:
        """One line: ``timeline.csv (TimelineJS sheet (CSV)): 12 events, 9 places, 0 links; 2 problems``."""
        counts = ", ".join(f"{n} {what}" for what, n in self.counts.items())
        head = f"{self.file}" + (f" ({self.format})" if self.format else "")
        if not self.opened:
            return f"{head}: nothing opened; {_plural(len(self.errors), 'problem')}"
        tail = f"; {_plural(len(self.errors), 'problem')}" if self.errors else ""
        tail += f"; {_plural(len(self.warnings), 'warning')}" if self.warnings else ""
        return f"{head}: {counts}{tail}"

    def problem_lines(self, notes: bool = True) -> list[str]:
        """Every problem (and note) as one line each, errors first, then warnings, then notes."""
        order = {ERROR: 0, WARNING: 1, INFO: 2}
        shown = [p for p in self.problems if notes or p.severity != INFO]
        return [str(p) for p in sorted(shown, key=lambda p: order[p.severity])]

    def lines(self, notes: bool = True) -> list[str]:
        """:meth:`problem_lines`, then the summary and the credits."""
        out = self.problem_lines(notes)
        out.append(self.summary())
        out += [f"places: {c}" for c in self.credits]
        return out


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"
