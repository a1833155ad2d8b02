"""The museum kiosk: a full-screen, locked-down, self-resetting way of running the explorer.

Qt-free parts: ``config`` (the validated kiosk.toml), ``idle`` (the idle/attract/reset state machine),
``staff`` (the staff gesture's and PIN attempts' counters), ``metrics`` (sizes for a screen),
``layout_check`` (what a layout report says does not fit), ``interaction_log`` and ``report`` (its daily
summary); ``config`` also hashes and checks the staff PIN. Interface strings are ``explorer.model.i18n``'s,
the crash budget ``explorer.model.recovery``'s. The Qt side: ``mode`` (KioskMode), ``window``, ``layout``,
``styles``, ``widgets``, ``details_view``, ``overlays``, ``pinpad``, ``idle_timer``, ``lockdown``,
``page_keeper`` and ``layout_report``.
"""

#: Exit codes of ``explorer --kiosk`` (documented in docs/kiosk.md and used by the systemd unit).
EXIT_STAFF = 10          # staff left with the right PIN: the supervisor must not restart
EXIT_REFUSED = 2         # refused to start: remote debugging enabled, no display, bad command line
EXIT_RENDERER = 3        # the web renderer kept dying: let the supervisor restart the app
