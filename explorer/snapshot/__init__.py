"""Map snapshots: PNG, PDF and standalone HTML exports of the map, from the window or headless.

``spec`` describes what to render (Qt-free); ``renderer`` renders it with one hidden map view; ``cli`` holds the
``explorer snapshot`` and ``explorer animate`` commands.
"""
