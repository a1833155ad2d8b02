"""The QApplication, created once, with what Chromium needs set before it starts (the app's URL scheme, quiet
and hardened switches), its name, icon and desktop entry, and whether a window can be opened here at all."""

from __future__ import annotations

import os
import re
import sys

from explorer import stderr_filter
from explorer.resources import APP_ID

APP_NAME = "Treaty Explorer"
ORG_NAME = "TreatyExplorer"


#: Chromium switches every start gets. WebRTC cannot be switched off at run time (only when QtWebEngine is
#: built), so its IP handling policy is set to the strictest: no UDP that does not go through a proxy, which
#: means no STUN, no mDNS and no peer-to-peer traffic from a page at all. The page's young objects get 2 MB
#: semi-spaces instead of V8's 16: the page process holds 30-45 MB less with the shipped data or 10,000
#: events and 70-100 MB less at 100,000, with no change in how soon a date change is visible (paired runs).
CHROMIUM_SWITCHES = ("--log-level=3", "--force-webrtc-ip-handling-policy=disable_non_proxied_udp",
                     "--js-flags=--max-semi-space-size=2")


def prepare_environment() -> None:
    """Settings Chromium needs before Qt starts: as root the sandbox cannot start, so turn it off; and the
    switches above (kept when the environment already sets its own flags)."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "").split()
    names = {flag.split("=", 1)[0] for flag in flags}
    flags += [switch for switch in CHROMIUM_SWITCHES if switch.split("=", 1)[0] not in names]
    os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = " ".join(flags)


def has_display() -> bool:
    """Whether Qt can open a window here (a display, Wayland, or an explicit platform such as offscreen)."""
    return bool(os.environ.get("QT_QPA_PLATFORM") or os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
                or sys.platform in ("win32", "darwin"))


#: Messages Qt and QtWebEngine print on every start on machines without a GPU or as root; they are harmless
#: (software rendering is used) and only bury real messages. Everything else still goes to stderr.
HARMLESS_QT_MESSAGES = ("Failed to create RHI", "QRhiGles2", "QVulkanInstance", "GBM is not supported",
                        "This plugin does not support", "Sandboxing disabled by user")


#: Qt's category for platform plugin loading: its warnings come just before Qt gives up on a plugin, and are
#: replaced by our one line of advice when that happens (see :func:`_print_qt_message`).
PLUGIN_CATEGORY = "qt.qpa.plugin"
_held_plugin_messages: list[str] = []


def _print_qt_message(mode, context, message: str) -> None:
    from PySide6.QtCore import QtMsgType

    if message.startswith(HARMLESS_QT_MESSAGES) or stderr_filter.is_harmless(message):
        return       # QtWebEngine passes some of Chromium's noise (GPUInfo ...) through Qt's logging
    if mode == QtMsgType.QtFatalMsg and "platform plugin" in message:
        # Qt is about to abort because no platform plugin starts and the check before the start did not
        # foresee it: one line of advice instead of Qt's dump (whose xcb-cursor hint is printed whatever the
        # cause), and a clean exit.
        from explorer.doctor_system import start_problem

        names = re.findall(r'platform plugin "([^"]+)"', " ".join(_held_plugin_messages))
        problem = start_problem() or (f'the window cannot start: Qt could not load its platform plugin '
                                      f'"{names[0] if names else os.environ.get("QT_QPA_PLATFORM", "xcb")}". '
                                      "`explorer doctor` says what is missing.")
        sys.stderr.write(f"explorer: error: {problem}\n")
        sys.stderr.flush()
        os._exit(2)
    if context is not None and context.category == PLUGIN_CATEGORY and mode != QtMsgType.QtDebugMsg:
        _held_plugin_messages.append(message.strip())
        return
    sys.stderr.write(message + "\n")


def _application_icon():
    """The app's icon at every size it is drawn at (window title bars, task switchers, docks)."""
    from PySide6.QtGui import QIcon

    from explorer.resources import ICON_SIZES, icon_png, icon_svg

    icon = QIcon()
    for size in ICON_SIZES:
        if icon_png(size).exists():
            icon.addFile(str(icon_png(size)))
    if icon_svg().exists():
        icon.addFile(str(icon_svg()))
    return icon


def create_application(argv: list[str] | None = None):
    """The QApplication, created once, with our URL scheme registered first. When the ``explorer`` command
    asked for a quiet start, Chromium's harmless messages are filtered from stderr from here on
    (``explorer.stderr_filter``)."""
    stderr_filter.install_if_requested()
    prepare_environment()
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from explorer.qt.web_context import register_scheme

    app = QApplication.instance()
    if app is not None:
        return app
    register_scheme()
    from PySide6.QtCore import qInstallMessageHandler

    qInstallMessageHandler(_print_qt_message)
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    QCoreApplication.setOrganizationName(ORG_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    # Wayland compositors and X11 docks match the window to its menu entry (explorer install-desktop) by this.
    QGuiApplication.setDesktopFileName(APP_ID)
    app = QApplication(argv if argv is not None else [sys.argv[0]])
    app.setWindowIcon(_application_icon())
    return app
