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
        # the desktop window: search
        "search_placeholder": "Search titles, people, places, texts … (Ctrl+F)",
        "search_name": "Search events", "search_results": "Search results", "banner_name": "Event being passed",
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
        # the desktop window: menus
        "menu_file": "&File", "act_open": "&Open…", "act_export": "Export &snapshot…", "act_quit": "&Quit",
        "menu_go": "&Go", "act_back": "&Back", "act_forward": "&Forward", "act_find": "&Find…",
        "act_previous": "&Previous event", "act_next": "&Next event", "act_first": "&First date",
        "act_last": "&Last date", "act_clear": "&Clear selection",
        "menu_view": "&View", "act_play": "&Play / pause", "act_focus_map": "Focus &map",
        "act_focus_timeline": "Focus &timeline", "act_focus_details": "Focus &details",
        "act_reset": "&Reset to the dataset's view", "act_reload": "Re&load map", "menu_language": "&Language",
        "menu_help": "&Help", "act_about": "&About Treaty Explorer",
        "back_to": "Back to {title}", "back_none": "Back", "forward_to": "Forward to {title}",
        "forward_none": "Forward",
        "about_title": "About Treaty Explorer", "about_data": "Data:",
        "about_map": "Map: base map from Natural Earth (public domain), present-day borders; drawn with Leaflet "
                     "(BSD-2-Clause) via folium.",
        "about_sources": "Every event cites its sources in the details panel.",
        "play": "Play", "pause": "Pause", "play_speed": "Playback speed",
        "speed_0": "1 month/s", "speed_1": "6 months/s", "speed_2": "1 year/s", "speed_3": "2 years/s",
        # the desktop window: opening files, messages
        "open_title": "Open dataset", "opening": "Opening {name} …", "open_failed": "{name} could not be opened.",
        "open_failed_long": "{path} could not be opened, so nothing was changed: {summary}.",
        "open_partly": "{name} opened without what has problems: {summary}.",
        "map_error": "Map error: {text}", "map_reloading": "The map stopped unexpectedly; it is being loaded again.",
        "map_stopped": "The map keeps stopping; it was not loaded again. View → Reload map (Ctrl+R) tries once more.",
        # the export dialog
        "export_title": "Export snapshot", "export_format": "Format:", "export_size": "Size:",
        "export_custom": "Width × height:", "export_output": "Output:", "export_file": "File:",
        "export_browse": "Browse…", "export_button": "Export", "export_caption":
        "Include the caption (title, date, event, legend, credits)",
        "fmt_png": "PNG image", "fmt_pdf": "PDF document (vector)", "fmt_html": "Standalone HTML page",
        "size_window": "Window size", "size_custom": "Custom size", "size_a4": "A4 landscape", "size_a3": "A3 landscape",
        "out_html": "an interactive page that fills the browser window",
        "out_pdf": "a vector page of {w} × {h} pt", "out_paper": " (paper size)", "out_png": "{w} × {h} px",
        "out_dpi": " at {dpi} dpi", "paper_mm": "{label} ({w} × {h} mm)", "paper_px": "{label}, {dpi} dpi ({w} × {h} px)",
        "exporting": "Exporting the map …", "exported": "Exported {name} to {folder}",
        "show_in_folder": "Show in folder",
        "basemap_credit": "Base map: Natural Earth (public domain), present-day borders",
        "kind_treaty": "Treaty", "kind_conference": "Conference", "kind_agreement": "Agreement",
        "kind_protocol": "Protocol", "kind_declaration": "Declaration", "kind_event": "Event",
        "kind_military": "Military",
        "export_failed": "Could not write {path}:\n{reason}\n\nNothing was written.",
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
        "problems_title": "Treaty Explorer: Fehler im Datensatz",
        "problems_not_opened": "{file} lässt sich nicht öffnen. Die darin gefundenen Fehler stehen unten; nichts "
                               "wurde geändert.",
        "problems_opened": "{file} enthält Fehler (unten aufgeführt). Die Datei wurde ohne die betroffenen Einträge "
                           "geöffnet.",
        "search_placeholder": "Titel, Personen, Orte, Texte durchsuchen … (Strg+F)",
        "search_name": "Ereignisse suchen", "search_results": "Suchergebnisse", "banner_name": "Aktuelles Ereignis",
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
        "menu_file": "&Datei", "act_open": "Ö&ffnen …", "act_export": "&Momentaufnahme exportieren …",
        "act_quit": "&Beenden",
        "menu_go": "&Gehe zu", "act_back": "&Zurück", "act_forward": "&Vor", "act_find": "&Suchen …",
        "act_previous": "&Vorheriges Ereignis", "act_next": "&Nächstes Ereignis", "act_first": "&Erstes Datum",
        "act_last": "&Letztes Datum", "act_clear": "Auswahl &aufheben",
        "menu_view": "&Ansicht", "act_play": "&Abspielen / anhalten", "act_focus_map": "&Karte",
        "act_focus_timeline": "&Zeitleiste", "act_focus_details": "&Details",
        "act_reset": "Ansicht des Datensatzes &wiederherstellen", "act_reload": "Karte neu &laden",
        "menu_language": "&Sprache", "menu_help": "&Hilfe", "act_about": "&Über Treaty Explorer",
        "back_to": "Zurück zu {title}", "back_none": "Zurück", "forward_to": "Vor zu {title}", "forward_none": "Vor",
        "about_title": "Über Treaty Explorer", "about_data": "Daten:",
        "about_map": "Karte: Grundkarte von Natural Earth (gemeinfrei), heutige Grenzen; gezeichnet mit Leaflet "
                     "(BSD-2-Clause) über folium.",
        "about_sources": "Jedes Ereignis nennt seine Quellen in der Detailansicht.",
        "play": "Abspielen", "pause": "Anhalten", "play_speed": "Abspielgeschwindigkeit",
        "speed_0": "1 Monat/s", "speed_1": "6 Monate/s", "speed_2": "1 Jahr/s", "speed_3": "2 Jahre/s",
        "open_title": "Datensatz öffnen", "opening": "{name} wird geöffnet …",
        "open_failed": "{name} ließ sich nicht öffnen.",
        "open_failed_long": "{path} ließ sich nicht öffnen; es wurde nichts geändert: {summary}.",
        "open_partly": "{name} wurde ohne die fehlerhaften Teile geöffnet: {summary}.",
        "map_error": "Fehler in der Karte: {text}",
        "map_reloading": "Die Karte wurde unerwartet beendet und wird neu geladen.",
        "map_stopped": "Die Karte bricht immer wieder ab und wurde nicht neu geladen. Ansicht → Karte neu laden "
                       "(Strg+R) versucht es noch einmal.",
        "export_title": "Momentaufnahme exportieren", "export_format": "Format:", "export_size": "Größe:",
        "export_custom": "Breite × Höhe:", "export_output": "Ergebnis:", "export_file": "Datei:",
        "export_browse": "Durchsuchen …", "export_button": "Exportieren", "export_caption":
        "Bildunterschrift einfügen (Titel, Datum, Ereignis, Legende, Nachweise)",
        "fmt_png": "PNG-Bild", "fmt_pdf": "PDF-Dokument (Vektor)", "fmt_html": "Eigenständige HTML-Seite",
        "size_window": "Fenstergröße", "size_custom": "Eigene Größe", "size_a4": "A4 quer", "size_a3": "A3 quer",
        "out_html": "eine interaktive Seite, die das Browserfenster füllt",
        "out_pdf": "eine Vektorseite von {w} × {h} pt", "out_paper": " (Papierformat)", "out_png": "{w} × {h} px",
        "out_dpi": " mit {dpi} dpi", "paper_mm": "{label} ({w} × {h} mm)", "paper_px": "{label}, {dpi} dpi ({w} × {h} px)",
        "exporting": "Die Karte wird exportiert …", "exported": "{name} wurde nach {folder} exportiert",
        "show_in_folder": "Im Ordner zeigen",
        "basemap_credit": "Grundkarte: Natural Earth (gemeinfrei), heutige Grenzen",
        "kind_treaty": "Vertrag", "kind_conference": "Konferenz", "kind_agreement": "Abkommen",
        "kind_protocol": "Protokoll", "kind_declaration": "Erklärung", "kind_event": "Ereignis",
        "kind_military": "Militärisch",
        "export_failed": "{path} ließ sich nicht schreiben:\n{reason}\n\nEs wurde nichts geschrieben.",
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
