"""How a rule appears in the dataset's JSON Schema: as a ``$ref`` to a shared definition, or inline, with the
field's description (free of the rules themselves, which call these from their ``schema`` methods)."""

from __future__ import annotations


def checker_schema(rule) -> dict:
    """A rule's schema, as a ``$ref`` where the rule is a shared definition."""
    return {"$ref": f"#/$defs/{rule.def_name}"} if rule.def_name else rule.schema()


def with_doc(schema: dict, doc: str) -> dict:
    """``schema`` with a field's description (beside a ``$ref``, or first among its keys)."""
    if not doc:
        return schema
    if "$ref" in schema:
        return {"$ref": schema["$ref"], "description": doc}
    return {"description": doc, **schema}
