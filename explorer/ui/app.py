"""Create the QApplication and run the window (or the kiosk)."""

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

    from explorer.ui.web_context import register_scheme

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


def run_app(dataset, args) -> int:
    """Open the main window (or the kiosk) on ``dataset`` and run until it closes."""
    if not has_display():
        print("explorer: error: no display. Run it in a desktop session, or under `xvfb-run -a explorer`; "
              "the snapshot and export commands work without one.", file=sys.stderr)
        return 2
    app = create_application()
    from explorer.model.dates import parse_day
    from explorer.modes import mode_for

    mode = mode_for(args)
    window = mode.create_window(dataset, start_event=args.event,
                                start_date=parse_day(args.date) if args.date else None)
    if window is None:
        return mode.exit_code
    code = app.exec()
    return mode.exit_code if mode.exit_code is not None else code
