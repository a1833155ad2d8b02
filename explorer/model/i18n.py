"""The interface strings of the app in English and German (event texts come from the dataset). Free of Qt.

One catalogue per language; ``tr(language, key, **values)`` is how every view gets a string."""

from __future__ import annotations

#: Each offered language's name, written in that language (a visitor looks for their own).
LANGUAGE_NAMES = {"en": "English", "de": "Deutsch"}

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "home": "Home",
        "hint": "Touch a dot on the map or a mark on the timeline to read about an agreement.",
        "still_exploring": "Are you still exploring?",
        "countdown": "The exhibit starts over in {n} seconds.",
        "touch_to_continue": "Touch anywhere to continue.",
        "invite": "Touch the screen to explore",
        "close": "Close",
        "source_note": "Sources cannot be opened on this screen. The citation:",
        "loading": "Loading the map …",
        "pin_title": "Staff exit",
        "pin_prompt": "Enter the staff PIN",
        "pin_wrong": "Wrong PIN.",
        "pin_wait": "Too many attempts. Try again in {n} s.",
        "pin_disabled": "No staff PIN is configured; the exhibit cannot be closed here.",
        "cancel": "Cancel",
        "clear": "Clear",
        "ok": "OK",
        # the desktop window: search
        "search_placeholder": "Search every text: titles, people, places, key points … (Ctrl+F)",
        "search_building": "The search index is still being built; your results follow in a moment …",
        "search_none": "No results for “{query}”.",
        "search_more": "The best {shown} of {total} matching events; type more words to narrow it down.",
        "field_title": "Title", "field_person": "Signatory", "field_place": "Place", "field_party": "Party",
        "field_tag": "Tag", "field_key_points": "Key points", "field_summary": "Summary",
        "field_significance": "Why it matters", "field_year": "Year", "field_office": "Office",
        "field_date_note": "Date note", "field_link_note": "Link",
        # the desktop window: filters, play banner
        "kinds_filter": "Filter by kind", "parties_filter": "Filter by party", "time_window": "Time window",
        "kinds_all": "Kinds: all", "kinds_some": "Kinds: {names}", "kinds_count": "Kinds: {n} of {total}",
        "kinds_all_item": "All kinds",
        "parties_all": "Parties: all", "parties_some": "Parties: {names}", "parties_count": "Parties: {n} states",
        "parties_all_item": "All parties",
        "window_all": "All events up to the date", "window_6m": "Window: ±6 months", "window_1y": "Window: ±1 year",
        "window_5y": "Window: ±5 years",
        "shown_count": "{shown} of {total} events shown",
        "clear_filters": "Clear filters", "clear_filters_tip": "Show every kind and party, up to the date",
        "banner_playing": "▶ Now:", "banner_stepped": "Event:",
    },
    "de": {
        "home": "Start",
        "hint": "Berühren Sie einen Punkt auf der Karte oder eine Marke auf der Zeitleiste, um mehr über ein "
                "Abkommen zu lesen.",
        "still_exploring": "Sind Sie noch da?",
        "countdown": "Die Ausstellung beginnt in {n} Sekunden von vorn.",
        "touch_to_continue": "Berühren Sie den Bildschirm, um weiterzumachen.",
        "invite": "Berühren Sie den Bildschirm, um zu entdecken",
        "close": "Schließen",
        "source_note": "Quellen lassen sich an diesem Bildschirm nicht öffnen. Die Angabe:",
        "loading": "Die Karte wird geladen …",
        "pin_title": "Personal",
        "pin_prompt": "Personal-PIN eingeben",
        "pin_wrong": "Falsche PIN.",
        "pin_wait": "Zu viele Versuche. Erneut in {n} s.",
        "pin_disabled": "Keine Personal-PIN eingerichtet; die Ausstellung lässt sich hier nicht beenden.",
        "cancel": "Abbrechen",
        "clear": "Löschen",
        "ok": "OK",
        "search_placeholder": "Alle Texte durchsuchen: Titel, Personen, Orte, Kernpunkte … (Strg+F)",
        "search_building": "Der Suchindex wird noch aufgebaut; die Ergebnisse folgen gleich …",
        "search_none": "Keine Ergebnisse für „{query}“.",
        "search_more": "Die besten {shown} von {total} passenden Ereignissen; weitere Wörter grenzen ein.",
        "field_title": "Titel", "field_person": "Unterzeichner", "field_place": "Ort", "field_party": "Partei",
        "field_tag": "Schlagwort", "field_key_points": "Kernpunkte", "field_summary": "Zusammenfassung",
        "field_significance": "Bedeutung", "field_year": "Jahr", "field_office": "Amt",
        "field_date_note": "Anmerkung zum Datum", "field_link_note": "Verbindung",
        "kinds_filter": "Nach Art filtern", "parties_filter": "Nach Vertragspartei filtern", "time_window": "Zeitfenster",
        "kinds_all": "Arten: alle", "kinds_some": "Arten: {names}", "kinds_count": "Arten: {n} von {total}",
        "kinds_all_item": "Alle Arten",
        "parties_all": "Parteien: alle", "parties_some": "Parteien: {names}", "parties_count": "Parteien: {n} Staaten",
        "parties_all_item": "Alle Parteien",
        "window_all": "Alle Ereignisse bis zum Datum", "window_6m": "Fenster: ±6 Monate",
        "window_1y": "Fenster: ±1 Jahr", "window_5y": "Fenster: ±5 Jahre",
        "shown_count": "{shown} von {total} Ereignissen gezeigt",
        "clear_filters": "Filter zurücksetzen", "clear_filters_tip": "Alle Arten und Parteien zeigen, bis zum Datum",
        "banner_playing": "▶ Jetzt:", "banner_stepped": "Ereignis:",
    },
}

#: Languages the kiosk interface can be shown in.
UI_LANGUAGES = tuple(STRINGS)


def tr(language: str, key: str, **values) -> str:
    """The interface string ``key`` in ``language`` (English where the language lacks it), formatted."""
    text = STRINGS.get(language, {}).get(key) or STRINGS["en"][key]
    return text.format(**values) if values else text


def language_name(code: str) -> str:
    """A language's name in its own language (the code itself for an unknown one)."""
    return LANGUAGE_NAMES.get(code, code)
