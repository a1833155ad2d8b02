"""Add interface strings to the catalogues (explorer/model/catalogues/en.po and de.po).

    python tools/catalogue.py add KEY --en "English text" --de "Deutscher Text" [--comment "where it shows"]
    python tools/catalogue.py import-strings path/to/i18n.py      # keys of an old-style STRINGS table
    python tools/catalogue.py check                               # what is missing or out of date

``import-strings`` reads a module that still keeps its strings as ``STRINGS = {"en": {...}, "de": {...}}``
(as explorer/model/i18n.py did before the catalogues) and adds every key the catalogues lack, so strings
added on another branch can be carried over after a merge. Existing entries are never changed: edit the
.po files for that. Entries are appended in the files' own format (gettext PO, written by Babel).
"""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _catalogues():
    from babel.messages.pofile import read_po

    from explorer.model.i18n import UI_LANGUAGES, catalogue_path

    loaded = {}
    for language in UI_LANGUAGES:
        with catalogue_path(language).open("rb") as stream:
            loaded[language] = read_po(stream, locale=language)
    return loaded


def _write(catalogues) -> None:
    from babel.messages.pofile import write_po

    import io

    from explorer.model.i18n import catalogue_path
    from explorer.safe_write import write_bytes_atomic

    for language, parsed in catalogues.items():
        path = catalogue_path(language)
        head = "".join(line for line in path.read_text("utf-8").splitlines(keepends=True)
                       if line.startswith("#") and not line.startswith(("#.", "#,", "#:", "#|")))
        buffer = io.BytesIO()
        write_po(buffer, parsed, width=120, omit_header=False, sort_output=False)
        body = buffer.getvalue().decode("utf-8")
        body = body[body.index('msgid ""'):]           # our own header comment, not Babel's template one
        placeholders = ("Report-Msgid-Bugs-To", "POT-Creation-Date", "PO-Revision-Date", "Last-Translator",
                        "Generated-By")
        body = "".join(line for line in body.splitlines(keepends=True)
                       if not line.startswith(tuple(f'"{name}:' for name in placeholders)))
        write_bytes_atomic(path, (head + body).encode("utf-8"))


def add(catalogues, key: str, english: str, german: str, comment: str | None = None) -> bool:
    """Add ``key`` (English and German) unless the catalogues have it; whether it was added."""
    if any(message.context == key for message in catalogues["en"]):
        return False
    flags = ["python-brace-format"] if "{" in english else []
    comments = [comment] if comment else []
    catalogues["en"].add(english, "", context=key, auto_comments=comments, flags=flags)
    catalogues["de"].add(english, german, context=key, auto_comments=comments, flags=flags)
    return True


def strings_table(path: Path) -> dict[str, dict[str, str]]:
    """The ``STRINGS`` literal of a Python module, read without running it."""
    tree = ast.parse(path.read_text("utf-8"))
    for node in ast.walk(tree):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        if any(isinstance(t, ast.Name) and t.id == "STRINGS" for t in targets) and node.value is not None:
            return ast.literal_eval(node.value)
    raise SystemExit(f"{path}: no STRINGS table")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("add")
    p.add_argument("key")
    p.add_argument("--en", required=True)
    p.add_argument("--de", required=True)
    p.add_argument("--comment")
    p = sub.add_parser("import-strings")
    p.add_argument("module", type=Path)
    sub.add_parser("check")
    args = parser.parse_args()

    from explorer.model import i18n

    if args.command == "check":
        problems = i18n.problems()
        print("\n".join(problems) or "every key is translated")
        return 1 if problems else 0
    catalogues = _catalogues()
    if args.command == "add":
        added = [args.key] if add(catalogues, args.key, args.en, args.de, args.comment) else []
    else:
        table = strings_table(args.module)
        added = [key for key, english in table.get("en", {}).items()
                 if add(catalogues, key, english, table.get("de", {}).get(key, ""), f"from {args.module.name}")]
    if added:
        _write(catalogues)
    print(f"added {len(added)} key(s): {', '.join(added)}" if added else "nothing to add")
    i18n.catalogue.cache_clear()
    for problem in i18n.problems():
        print(problem)
    return 0


if __name__ == "__main__":
    sys.exit(main())
