"""The interface strings of the app in English and German (event texts come from the dataset). Free of Qt.

Every string the app shows of its own lives in one gettext catalogue per language, shipped in the package:
``explorer/model/catalogues/en.po`` (the English source) and ``de.po`` (German). An entry's ``msgctxt`` is
the key the code asks for, its ``msgid`` the English text, its ``msgstr`` the translation, so a translator
edits a ``.po`` file with any text editor or a gettext tool, and an entry whose English changed later no
longer matches (``problems()`` names it; the tests fail on it). ``tr(language, key, **values)`` is how
every view gets a string. Catalogues are read with Babel the first time a language is asked for.
"""

from __future__ import annotations

import functools
import gettext
from dataclasses import dataclass

from explorer.resources import package_file

#: Each offered language's name, written in that language (a visitor looks for their own).
LANGUAGE_NAMES = {"en": "English", "de": "Deutsch"}

#: Languages the interface can be shown in (a catalogue each); English is the source language.
UI_LANGUAGES = tuple(LANGUAGE_NAMES)
SOURCE_LANGUAGE = "en"


@dataclass(frozen=True)
class Entry:
    """One catalogue entry: the English text (and plural) and this language's text(s); ``fuzzy`` when a
    translator marked it as needing review."""

    english: str
    english_plural: str | None
    texts: tuple[str, ...]
    fuzzy: bool = False


@dataclass(frozen=True)
class Catalogue:
    """The entries of one language by key, and its plural rule (the form's index for a count)."""

    language: str
    entries: dict[str, Entry]
    plural: object            # callable(n) -> index into Entry.texts

    def text(self, key: str, count: int | None = None) -> str | None:
        """The translation of ``key`` (the form for ``count`` when it has plurals); None when missing."""
        entry = self.entries.get(key)
        if entry is None or entry.fuzzy:
            return None
        if self.language == SOURCE_LANGUAGE:
            forms = (entry.english, entry.english_plural or entry.english)
            return forms[0 if count is None else min(self.plural(count), 1)]
        if not entry.texts or not all(entry.texts):
            return None
        index = 0 if count is None or len(entry.texts) == 1 else min(self.plural(count), len(entry.texts) - 1)
        return entry.texts[index]


def catalogue_path(language: str):
    """The ``.po`` file of a language, inside the package."""
    return package_file("model", "catalogues", f"{language}.po")


@functools.lru_cache(maxsize=None)
def catalogue(language: str) -> Catalogue:
    """The parsed catalogue of ``language`` (read once)."""
    from babel.messages.pofile import read_po

    with catalogue_path(language).open("rb") as stream:
        parsed = read_po(stream, locale=language)
    entries = {}
    for message in parsed:
        if not message.id or message.context is None:
            continue                                  # the header
        ids = message.id if isinstance(message.id, (list, tuple)) else (message.id,)
        strings = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
        entries[message.context] = Entry(ids[0], ids[1] if len(ids) > 1 else None,
                                         tuple(s or "" for s in strings), message.fuzzy)
    return Catalogue(language, entries, gettext.c2py(parsed.plural_expr or "(n != 1)"))


def _primary(language: str) -> str:
    """``de-AT`` and ``de_AT`` read as ``de``; a language without a catalogue as English."""
    if language in LANGUAGE_NAMES:
        return language
    primary = language.replace("_", "-").split("-")[0].lower()
    return primary if primary in LANGUAGE_NAMES else SOURCE_LANGUAGE


def tr(language: str, key: str, /, **values) -> str:
    """The interface string ``key`` in ``language`` (English where the language lacks it), with ``values``
    filled in (``{n}`` also picks the plural form). KeyError for a key no catalogue has."""
    count = values.get("n") if isinstance(values.get("n"), int) else None
    text = catalogue(_primary(language)).text(key, count)
    if text is None:
        text = catalogue(SOURCE_LANGUAGE).text(key, count)
        if text is None:
            raise KeyError(f"no interface string {key!r} in {catalogue_path(SOURCE_LANGUAGE).name}")
    return text.format(**values) if values else text


def has_key(key: str) -> bool:
    """Whether the catalogues know ``key``."""
    return key in catalogue(SOURCE_LANGUAGE).entries


def keys() -> list[str]:
    """Every key, in the English catalogue's order."""
    return list(catalogue(SOURCE_LANGUAGE).entries)


def language_name(code: str) -> str:
    """A language's name in its own language (the code itself for an unknown one)."""
    return LANGUAGE_NAMES.get(code, code)


def kind_name(kind: str, language: str = "en") -> str:
    """An event kind as a label: ``Treaty`` / ``Vertrag``; an unknown kind as itself, capitalised."""
    key = f"kind.{kind}"
    return tr(language, key) if has_key(key) else kind.capitalize()


def format_number(value: float, language: str = "en") -> str:
    """A whole number as the language writes it: ``1,234`` / ``1.234`` (Babel's locale data)."""
    from babel.numbers import format_decimal

    return format_decimal(round(value), locale="de_DE" if _primary(language) == "de" else "en_GB")


def strings(language: str) -> dict[str, str]:
    """Every key's text in ``language`` (English where it lacks one; plural entries in their singular)."""
    return {key: tr(language, key) for key in keys()}


def __getattr__(name: str):
    # ``STRINGS`` ({language: {key: text}}), read-only, for code written against the table this module held
    # before the catalogues ("key in STRINGS['en']"); strings are added to the .po files (tools/catalogue.py).
    if name == "STRINGS":
        return {language: strings(language) for language in UI_LANGUAGES}
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def problems() -> list[str]:
    """What keeps the catalogues from being complete: per language, keys with no translation, marked
    fuzzy, translated from an older English text, with other ``{placeholders}`` than the English, or not
    in the English catalogue at all. Empty when every key is translated."""
    import string

    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}

    source = catalogue(SOURCE_LANGUAGE).entries
    found = []
    for language in UI_LANGUAGES:
        if language == SOURCE_LANGUAGE:
            continue
        entries = catalogue(language).entries
        name = catalogue_path(language).name
        for key, english in source.items():
            entry = entries.get(key)
            if entry is None:
                found.append(f"{name}: {key}: no entry (English: {english.english!r})")
            elif entry.fuzzy:
                found.append(f"{name}: {key}: marked fuzzy (needs review)")
            elif not entry.texts or not all(entry.texts):
                found.append(f"{name}: {key}: not translated (English: {english.english!r})")
            elif (entry.english, entry.english_plural) != (english.english, english.english_plural):
                found.append(f"{name}: {key}: translated from an older English text {entry.english!r}; "
                             f"the English is now {english.english!r}")
            else:
                wanted = fields(english.english) | fields(english.english_plural or "")
                for text in entry.texts:
                    if fields(text) != wanted:
                        found.append(f"{name}: {key}: placeholders {sorted(fields(text))} differ from the "
                                     f"English {sorted(wanted)}")
        found += [f"{name}: {key}: not in {catalogue_path(SOURCE_LANGUAGE).name}" for key in entries
                  if key not in source]
    return found
