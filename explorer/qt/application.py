"""The QApplication, created once, with what Chromium needs set before it starts (the app's URL scheme, quiet
and hardened switches), and whether a window can be opened here at all."""

from __future__ import annotations

import os
import sys

APP_NAME = "Treaty Explorer"
ORG_NAME = "TreatyExplorer"


#: Chromium switches every start gets. WebRTC cannot be switched off at run time (only when QtWebEngine is
#: built), so its IP handling policy is set to the strictest: no UDP that does not go through a proxy, which
#: means no STUN, no mDNS and no peer-to-peer traffic from a page at all.
CHROMIUM_SWITCHES = ("--log-level=3", "--force-webrtc-ip-handling-policy=disable_non_proxied_udp")


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


def _print_qt_message(mode, context, message: str) -> None:
    if not message.startswith(HARMLESS_QT_MESSAGES):
        sys.stderr.write(message + "\n")


def create_application(argv: list[str] | None = None):
    """The QApplication, created once, with our URL scheme registered first."""
    prepare_environment()
    from PySide6.QtCore import QCoreApplication, Qt
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
    return QApplication(argv if argv is not None else [sys.argv[0]])
