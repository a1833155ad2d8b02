"""Generate ``dataset.schema.json`` from the loader's rule set, so the schema and the loader never disagree.

``python -m explorer.model.schema --write`` writes the file; ``--check`` (the default) exits 1 when the
committed file differs from what the rules give. The schema describes each item's fields and types, for
editors and other tools; the loader also checks what a schema cannot say (calendar dates, unique ids,
references, link cycles).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from explorer.model.rule_types import LANGUAGE_PATTERN, checker_schema
from explorer.model.rules import DEFINITIONS, DOCUMENT

SCHEMA_PATH = Path(__file__).with_name("dataset.schema.json")


def build_schema() -> dict:
    """The JSON Schema (draft 2020-12) of a dataset document, from the rules."""
    top = DOCUMENT.schema()
    defs = {name: rule.schema() for name, rule in DEFINITIONS.items()}
    defs["language"] = {"type": "string", "pattern": f"^{LANGUAGE_PATTERN}$"}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "treaty-explorer/dataset.schema.json",
        "title": "Treaty Explorer dataset (format 1)",
        "description": ("Generated from the loader's rules (python -m explorer.model.schema --write); see "
                        "docs/data-format.md. explorer validate also checks calendar dates, unique ids, "
                        "references, renames and link cycles."),
        **{k: v for k, v in top.items()},
        "$defs": defs,
    }


def schema_text() -> str:
    """The schema as the committed file holds it."""
    return json.dumps(build_schema(), indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write or check the committed schema file."""
    parser = argparse.ArgumentParser(prog="python -m explorer.model.schema", description=__doc__.split("\n")[0])
    parser.add_argument("--write", action="store_true", help="write the schema file")
    args = parser.parse_args(argv)
    if args.write:
        SCHEMA_PATH.write_text(schema_text(), encoding="utf-8")
        print(f"wrote {SCHEMA_PATH}")
        return 0
    if SCHEMA_PATH.read_text(encoding="utf-8") != schema_text():
        print(f"{SCHEMA_PATH} differs from the rules; run python -m explorer.model.schema --write", file=sys.stderr)
        return 1
    print(f"{SCHEMA_PATH}: matches the rules")
    return 0


if __name__ == "__main__":
    sys.exit(main())
