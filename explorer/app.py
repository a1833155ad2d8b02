"""The composition root: creates the QApplication, picks the mode and builds its window (mu's ``app.py``).

Nothing below this module imports it; the command line (``explorer.cli``) calls :func:`run` once the dataset
is open and the start options are checked.
"""

from __future__ import annotations

import sys


def mode_for(args):
    """The mode the command line asks for: the kiosk with ``--kiosk``, else the desktop."""
    if getattr(args, "kiosk", False):
        from explorer.kiosk.qt.mode import KioskMode

        return KioskMode(getattr(args, "config", None), layout_report=getattr(args, "layout_report", None),
                         force=getattr(args, "force", False))
    from explorer.desktop.qt.mode import DesktopMode

    return DesktopMode()


def run(dataset, args) -> int:
    """Open the mode's window on ``dataset`` and run until it closes; the mode's exit code or Qt's."""
    from explorer.qt.application import create_application, has_display

    if not has_display():
        print("explorer: error: no display. Run it in a desktop session, or under `xvfb-run -a explorer`; "
              "the snapshot and export commands work without one.", file=sys.stderr)
        return 2
    app = create_application()
    from explorer.model.dates import parse_day

    mode = mode_for(args)
    window = mode.create_window(dataset, start_event=args.event,
                                start_date=parse_day(args.date) if args.date else None)
    if window is None:
        return mode.exit_code
    code = app.exec()
    return mode.exit_code if mode.exit_code is not None else code
