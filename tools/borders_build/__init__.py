"""Build-time code of tools/make_borders.py: the sources, the dated partition and the asset writer.

Never imported by the app; the app reads only the generated asset in explorer/assets/borders/."""
