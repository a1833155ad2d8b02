"""The interface catalogues (explorer/model/catalogues/*.po): complete, current, read by Babel, and used for
every label the model gives (details, kinds, relations). Free of Qt."""

import re
import shutil
from pathlib import Path

import pytest

from explorer.model import i18n
from explorer.model.i18n import kind_name, tr
from explorer.model.kinds import KINDS
from explorer.model.relations import RELATION_IDS, label_for, relation_labels

PACKAGE = Path(i18n.__file__).resolve().parents[1]


def test_every_key_is_translated_into_every_language():
    assert i18n.problems() == []
    assert set(i18n.UI_LANGUAGES) == {"en", "de"}


def test_every_key_the_code_asks_for_exists():
    """Literal keys in ``tr(language, "key")`` calls anywhere in the package, and the keys built from the
    vocabularies (kinds, relations, date precisions)."""
    asked = set()
    for path in PACKAGE.rglob("*.py"):
        for match in re.finditer(r"\btr\(\s*[^,()]+(?:\([^()]*\))?\s*,\s*[\"']([\w.]+)[\"']", path.read_text("utf-8")):
            asked.add(match.group(1))
    asked |= {f"kind.{k}" for k in KINDS} | {f"details.precision.{p}" for p in ("day", "month", "year")}
    asked |= {f"relation.{r}" for r in RELATION_IDS} | {f"relation.{r}.inverse" for r in RELATION_IDS}
    assert len(asked) > 60
    assert sorted(k for k in asked if not i18n.has_key(k)) == []


@pytest.fixture
def catalogue_copy(tmp_path, monkeypatch):
    """The catalogues copied to ``tmp_path`` and read from there (the cache emptied before and after)."""
    for language in i18n.UI_LANGUAGES:
        shutil.copy(i18n.catalogue_path(language), tmp_path / f"{language}.po")
    monkeypatch.setattr(i18n, "catalogue_path", lambda language: tmp_path / f"{language}.po")
    i18n.catalogue.cache_clear()
    yield tmp_path
    i18n.catalogue.cache_clear()


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_a_missing_stale_fuzzy_or_broken_translation_is_named(catalogue_copy):
    de = catalogue_copy / "de.po"
    _edit(de, 'msgstr "Schließen"', 'msgstr ""')                                  # not translated
    _edit(de, 'msgctxt "pin_wrong"\nmsgid "Wrong PIN."', 'msgctxt "pin_wrong"\nmsgid "Wrong PIN!"')  # stale
    _edit(de, 'msgctxt "cancel"', '#, fuzzy\nmsgctxt "cancel"')                    # needs review
    _edit(de, 'msgstr "Zu viele Versuche. Erneut in {n} s."', 'msgstr "Zu viele Versuche. Erneut in {m} s."')
    _edit(de, 'msgctxt "ok"', 'msgctxt "okay"')                                   # a key English lacks
    found = "\n".join(i18n.problems())
    for expected in ("de.po: close: not translated", "de.po: pin_wrong: translated from an older English text",
                     "de.po: cancel: marked fuzzy", "de.po: pin_wait: placeholders ['m'] differ",
                     "de.po: ok: no entry", "de.po: okay: not in en.po"):
        assert expected in found
    # On screen the untranslated ones fall back to English rather than showing nothing.
    assert tr("de", "close") == "Close" and tr("de", "cancel") == "Cancel"


def test_a_new_english_key_without_a_german_entry_is_named(catalogue_copy):
    with (catalogue_copy / "en.po").open("a", encoding="utf-8") as stream:
        stream.write('\nmsgctxt "new_button"\nmsgid "New button"\nmsgstr ""\n')
    assert i18n.problems() == ["de.po: new_button: no entry (English: 'New button')"]
    assert tr("de", "new_button") == "New button"


def test_tr_fills_values_picks_plurals_and_falls_back():
    assert tr("en", "countdown", n=1) == "The exhibit starts over in 1 second."
    assert tr("en", "countdown", n=20) == "The exhibit starts over in 20 seconds."
    assert tr("de", "countdown", n=1) == "Die Ausstellung beginnt in 1 Sekunde von vorn."
    assert tr("de", "countdown", n=0) == "Die Ausstellung beginnt in 0 Sekunden von vorn."
    assert tr("de-AT", "close") == tr("de_CH", "close") == "Schließen"
    assert tr("fr", "close") == "Close"
    with pytest.raises(KeyError, match="no_such_key"):
        tr("en", "no_such_key")


def test_kinds_and_relations_read_in_both_languages_from_both_ends():
    assert [kind_name(k, "de") for k in ("treaty", "conference", "military")] == ["Vertrag", "Konferenz", "Militär"]
    assert kind_name("treaty") == "Treaty" and kind_name("unheard-of") == "Unheard-of"
    assert label_for("led_to", True, "de") == "führte zu" and label_for("led_to", False, "de") == "folgte aus"
    assert label_for("reaffirms", False, "de") == "bekräftigt von"
    assert label_for("reaffirms", False) == "reaffirmed by"
    german = relation_labels("de")
    assert set(german) == set(RELATION_IDS)
    english = relation_labels("en")
    assert all(german[r] != english[r] for r in RELATION_IDS)        # every one is really translated


def test_the_old_english_relation_table_is_still_there_for_the_page():
    from explorer.model.relations import RELATIONS

    assert RELATIONS["led_to"] == ("led to", "followed from") and list(RELATIONS) == list(RELATION_IDS)


def test_numbers_follow_the_language():
    assert i18n.format_number(1234.4, "en") == "1,234"
    assert i18n.format_number(1234.4, "de") == "1.234"


def test_german_details_have_german_labels_kinds_relations_and_places(mini):
    from explorer.model.details import details_html, event_details

    event = mini.event("rapallo-1922")
    d = event_details(mini, event, "de")
    assert d.title == "Vertrag von Rapallo" and d.kind_label == "Vertrag"
    assert [f.label for f in d.facts] == ["Datum", "Ort", "Vertragsparteien", "Unterzeichner"]
    assert d.facts[0].lines[0][0] == "16. April 1922"
    labels = [label for label, _ in d.links]
    assert "Folgte aus" in labels and "Bekräftigt von" in labels and "Führte zu" in labels
    html = details_html(mini, event, "de")
    for english in ("Date", "Place", "Parties", "Summary", "Sources", "Links to other agreements", "Treaty<",
                    "led to", "followed from", "km away"):
        assert english not in html
    assert "km entfernt" in html and "Zusammenfassung" in html
    genoa = next(item for _, items in d.links for item in items if item.event_id == "genoa-1922")
    assert genoa.when.replace("\u2009", " ") == "10. April – 19. Mai 1922" and genoa.where.endswith("km entfernt")


def test_the_old_strings_table_reads_from_the_catalogues():
    from explorer.model.i18n import STRINGS

    assert set(STRINGS) == {"en", "de"} and STRINGS["de"]["home"] == "Start" and "kind.treaty" in STRINGS["en"]
    assert STRINGS["en"].keys() == STRINGS["de"].keys()
