"""How a parsed JSON value's type is named in messages. Free of Qt."""

from __future__ import annotations


def kind_of(value) -> str:
    """The JSON name of a value's type, for messages: ``a number``, ``a list``, ``true/false`` ..."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__
