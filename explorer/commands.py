"""Sub-commands that need Qt (snapshot, animate, bench, kiosk helpers), registered with lazy imports."""

from __future__ import annotations


def register_qt_commands(sub, add_data_arg) -> None:
    """Add the Qt-backed sub-commands to the ``explorer`` parser; their modules load only when run."""
    # Filled in as the snapshot, kiosk and benchmark features land.
    return None
