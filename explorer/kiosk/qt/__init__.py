"""The kiosk's window, lockdown, overlays and staff PIN pad (PySide6). The decisions they carry out live in
the Qt-free modules one level up (configuration, idle cycle, staff gesture, interaction log)."""
