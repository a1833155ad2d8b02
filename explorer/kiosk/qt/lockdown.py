"""Kiosk lockdown of the web view and the keyboard: nothing a visitor does may leave the exhibit.

``KioskPage`` is the map page with every way out closed: no JavaScript dialogs, file dialogs, permissions,
full screen, new windows, or navigation off our own pages. ``lock_view`` removes context menus and page
zoom from a view. ``InputGuard`` is an event filter (on the kiosk's QWindow and the map) that swallows the keyboard shortcuts
that would quit, reload or open developer tools, ctrl+wheel page zoom, and context-menu events.
"""

from __future__ import annotations

import json
import logging

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWebEngineCore import QWebEngineSettings

from explorer.qt.map_page import MapPage
from explorer.qt.web_context import document_script

log = logging.getLogger(__name__)

#: Injected into every document before its own scripts: no selection, callouts, menus, dialogs,
#: pop-ups or browser pinch-zoom (Leaflet does its own pinch on the map through pointer events).
LOCKDOWN_CSS = ("*{-webkit-user-select:none!important;user-select:none!important;-webkit-touch-callout:none!important;"
                "-webkit-user-drag:none!important;-webkit-tap-highlight-color:transparent!important}"
                "html,body{touch-action:none!important;overscroll-behavior:none!important;overflow:hidden!important}"
                ".leaflet-container{touch-action:none!important}")
LOCKDOWN_JS = r"""
(function () {
  ["contextmenu", "selectstart", "dragstart", "gesturestart"].forEach(function (type) {
    document.addEventListener(type, function (e) { e.preventDefault(); }, true);
  });
  // ctrl+wheel is the browser's page zoom: never let it through (the map zooms with the plain wheel).
  document.addEventListener("wheel", function (e) { if (e.ctrlKey) e.preventDefault(); }, { capture: true, passive: false });
  window.open = function () { return null; };
  window.alert = function () {};
  window.confirm = function () { return false; };
  window.prompt = function () { return null; };
  window.print = function () {};
})();
"""

#: The map's controls and labels at a size for a touch screen seen from a step away (zoom buttons 56 px).
KIOSK_LOOK_CSS = (".leaflet-bar a,.leaflet-touch .leaflet-bar a{width:56px!important;height:56px!important;"
                  "line-height:56px!important;font-size:30px!important}"
                  ".leaflet-tooltip.tm-place-label{font-size:16px!important}"
                  ".leaflet-tooltip.tm-capital-label{font-size:18px!important}"
                  ".leaflet-tooltip.tm-link-tip{font-size:16px!important;padding:3px 8px!important}"
                  ".leaflet-tooltip.tm-hover{font-size:18px!important}"
                  ".leaflet-control-attribution{font-size:13px!important}")


def _style_js(css: str) -> str:
    """JavaScript that adopts ``css`` as a constructed style sheet of the document (applied at once, and not an
    inline ``<style>`` element, which the page's Content-Security-Policy refuses)."""
    return f"""
(function () {{
  var sheet = new CSSStyleSheet();
  sheet.replaceSync({json.dumps(css)});
  document.adoptedStyleSheets = document.adoptedStyleSheets.concat([sheet]);
}})();
"""


class KioskPage(MapPage):
    """The map page, locked down for a public touch screen."""

    def __init__(self, profile, parent=None) -> None:
        super().__init__(profile, parent)
        self.denied_permissions: list[str] = []
        self.suppressed_dialogs: list[str] = []
        settings = self.settings()
        A = QWebEngineSettings.WebAttribute
        for attribute, on in ((A.JavascriptCanOpenWindows, False), (A.JavascriptCanAccessClipboard, False),
                              (A.JavascriptCanPaste, False), (A.FullScreenSupportEnabled, False),
                              (A.ScreenCaptureEnabled, False), (A.NavigateOnDropEnabled, False),
                              (A.ErrorPageEnabled, False), (A.SpatialNavigationEnabled, False),
                              (A.TouchIconsEnabled, False), (A.FocusOnNavigationEnabled, False),
                              # each reset loads the page again: keep no old pages alive for "back"
                              (A.BackForwardCacheEnabled, False)):
            settings.setAttribute(attribute, on)
        self.scripts().insert(document_script("kiosk-lockdown", _style_js(LOCKDOWN_CSS) + LOCKDOWN_JS))
        self.scripts().insert(document_script("kiosk-look", _style_js(KIOSK_LOOK_CSS)))
        if hasattr(self, "permissionRequested"):                       # Qt ≥ 6.8
            self.permissionRequested.connect(self._on_permission_requested)
        self.fullScreenRequested.connect(self._on_full_screen_requested)
        self.fileSystemAccessRequested.connect(self._on_file_system_access_requested)
        self.desktopMediaRequested.connect(self._on_desktop_media_requested)
        self.registerProtocolHandlerRequested.connect(lambda request: request.reject())
        self.printRequested.connect(lambda: self.suppressed_dialogs.append("print"))

    # --- dialogs ---------------------------------------------------------------------------------------
    def javaScriptAlert(self, origin, message: str) -> None:  # noqa: N802 (Qt API)
        """No alert boxes on a kiosk."""
        self.suppressed_dialogs.append("alert")

    def javaScriptConfirm(self, origin, message: str) -> bool:  # noqa: N802
        """No confirm boxes: answer "no"."""
        self.suppressed_dialogs.append("confirm")
        return False

    def javaScriptPrompt(self, origin, message: str, default: str):  # noqa: N802
        """No prompt boxes: answer "cancel"."""
        self.suppressed_dialogs.append("prompt")
        return False, ""

    def chooseFiles(self, mode, old_files, accepted_mime_types):  # noqa: N802
        """No file dialogs: nothing chosen."""
        self.suppressed_dialogs.append("files")
        return []

    # --- requests --------------------------------------------------------------------------------------
    def _on_permission_requested(self, permission) -> None:
        self.denied_permissions.append(str(permission.permissionType()))
        log.info("denied a web permission request: %s", permission.permissionType())
        permission.deny()

    def _on_full_screen_requested(self, request) -> None:
        request.reject()

    def _on_file_system_access_requested(self, request) -> None:
        request.reject()

    def _on_desktop_media_requested(self, request) -> None:
        self.denied_permissions.append("desktop-media")
        request.cancel()


def lock_view(view) -> None:
    """No context menu on the view or the widget that really receives its input, and a fixed page zoom.
    Called again after each load: the focus proxy can be replaced when the renderer restarts."""
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
    proxy = view.focusProxy()
    if proxy is not None:
        proxy.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
    if view.zoomFactor() != 1.0:
        view.setZoomFactor(1.0)


_CTRL = Qt.KeyboardModifier.ControlModifier
_SHIFT = Qt.KeyboardModifier.ShiftModifier
_ALT = Qt.KeyboardModifier.AltModifier
_K = Qt.Key
#: Keys swallowed with any modifiers.
_ALWAYS = {_K.Key_F1, _K.Key_F3, _K.Key_F5, _K.Key_F6, _K.Key_F7, _K.Key_F11, _K.Key_F12, _K.Key_Back,
           _K.Key_Forward, _K.Key_Reload, _K.Key_Refresh, _K.Key_Close, _K.Key_Search,
           _K.Key_HomePage, _K.Key_Print, _K.Key_Menu}
#: Letters and keys swallowed with ctrl (quit, close, reload, new window/tab, open, save, print, find,
#: address bar, view source, history, downloads, zoom).
_WITH_CTRL = {_K.Key_Q, _K.Key_W, _K.Key_R, _K.Key_N, _K.Key_T, _K.Key_O, _K.Key_S, _K.Key_P, _K.Key_F,
              _K.Key_G, _K.Key_L, _K.Key_U, _K.Key_H, _K.Key_J, _K.Key_I, _K.Key_A, _K.Key_C, _K.Key_X,
              _K.Key_V, _K.Key_Plus, _K.Key_Minus, _K.Key_Equal, _K.Key_0, _K.Key_Tab, _K.Key_PageUp,
              _K.Key_PageDown}


def is_forbidden_key(key: int, modifiers) -> bool:
    """Whether a key press is a shortcut a visitor must not use (quit, reload, tools, zoom, navigation)."""
    if not isinstance(key, _K):
        try:
            key = _K(key)
        except ValueError:                      # a key Qt has no name for: not a shortcut of ours
            return False
    if key in _ALWAYS:
        return True
    if modifiers & _ALT and key in (_K.Key_F4, _K.Key_Left, _K.Key_Right, _K.Key_Home, _K.Key_Tab):
        return True
    if modifiers & (_CTRL | Qt.KeyboardModifier.MetaModifier) and key in _WITH_CTRL:
        return True
    if modifiers & _CTRL and modifiers & _SHIFT and key in (_K.Key_I, _K.Key_J, _K.Key_C, _K.Key_Delete):
        return True
    return False


class InputGuard(QObject):
    """Event filter for the kiosk's window and map: swallows forbidden shortcuts, ctrl+wheel and
    context-menu events."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.swallowed = 0

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt API)
        """True (swallow) for the events a visitor must not get through."""
        kind = event.type()
        if kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride):
            if is_forbidden_key(event.key(), event.modifiers()):
                self.swallowed += 1
                return True
        elif kind == QEvent.Type.Wheel and event.modifiers() & _CTRL:
            self.swallowed += 1
            return True
        elif kind == QEvent.Type.ContextMenu:
            self.swallowed += 1
            return True
        return False
