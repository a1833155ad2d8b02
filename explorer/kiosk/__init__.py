"""The museum kiosk: a full-screen, locked-down, self-resetting way of running the explorer.

Qt-free parts: ``config`` (the validated kiosk.toml), ``idle`` (the idle/attract/reset state machine),
``staff`` (the staff gesture's and PIN attempts' counters), ``recovery`` (the renderer crash budget),
``i18n`` (interface strings) and ``interaction_log``; ``config`` also hashes and checks the staff PIN.
The Qt side: ``mode`` (KioskMode), ``window``, ``idle_timer``, ``lockdown``, ``pinpad`` and ``overlays``.
"""

#: Exit codes of ``explorer --kiosk`` (documented in docs/kiosk.md and used by the systemd unit).
EXIT_STAFF = 10          # staff left with the right PIN: the supervisor must not restart
EXIT_REFUSED = 2         # refused to start: remote debugging enabled, no display, bad command line
EXIT_RENDERER = 3        # the web renderer kept dying: let the supervisor restart the app
