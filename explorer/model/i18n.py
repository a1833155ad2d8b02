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
        # The timeline (explorer/qt/timeline_*.py)
        "timeline": "Timeline",
        "timeline_now": "Current date: {date}.",
        "timeline_selected": "Selected: {title} ({date}).",
        "timeline_shown": "Showing {span}.",
        "timeline_keys": "Left and Right step through events, Shift with Left or Right goes to the previous or "
                         "next border change, Home and End go to the first and last date, plus and minus zoom, "
                         "Space plays.",
        "timeline_border_change": "Border change: {name}",
        "timeline_border_on": "Border change, {date}",
        "timeline_source": "Source: {source}",
        "timeline_density": "{n} events, {span}. Zoom in to pick one.",
        "timeline_density_mode": "Many events: drawn as a density strip; zoom in to see each one.",
        "timeline_window": "±{n} days",
        "timeline_window_note": "Time window: events within {n} days of the date are shown.",
        "timeline_show_date": "Show {date} on the timeline",
        "timeline_more": "and {n} more",
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
        # Die Zeitleiste (explorer/qt/timeline_*.py)
        "timeline": "Zeitleiste",
        "timeline_now": "Aktuelles Datum: {date}.",
        "timeline_selected": "Ausgewählt: {title} ({date}).",
        "timeline_shown": "Sichtbar: {span}.",
        "timeline_keys": "Pfeil links und rechts gehen von Ereignis zu Ereignis, mit der Umschalttaste zur vorigen "
                         "oder nächsten Grenzänderung, Pos1 und Ende springen zum ersten und letzten Datum, Plus "
                         "und Minus zoomen, die Leertaste spielt ab.",
        "timeline_border_change": "Grenzänderung: {name}",
        "timeline_border_on": "Grenzänderung, {date}",
        "timeline_source": "Quelle: {source}",
        "timeline_density": "{n} Ereignisse, {span}. Vergrößern Sie, um eines auszuwählen.",
        "timeline_density_mode": "Viele Ereignisse: als Dichtestreifen gezeichnet; vergrößern Sie, um jedes "
                                 "einzeln zu sehen.",
        "timeline_window": "±{n} Tage",
        "timeline_window_note": "Zeitfenster: gezeigt werden Ereignisse bis {n} Tage um das Datum.",
        "timeline_show_date": "{date} auf der Zeitleiste zeigen",
        "timeline_more": "und {n} weitere",
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
