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
        # A start from the desktop menu with a dataset that has problems (explorer --gui-errors).
        "problems_title": "Treaty Explorer: problems in the dataset",
        "problems_not_opened": "{file} cannot be opened. The problems found in it are listed below; nothing was "
                               "changed.",
        "problems_opened": "{file} has problems, listed below. It was opened without the items that have them.",
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
        "problems_title": "Treaty Explorer: Fehler im Datensatz",
        "problems_not_opened": "{file} lässt sich nicht öffnen. Die darin gefundenen Fehler stehen unten; nichts "
                               "wurde geändert.",
        "problems_opened": "{file} enthält Fehler (unten aufgeführt). Die Datei wurde ohne die betroffenen Einträge "
                           "geöffnet.",
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
