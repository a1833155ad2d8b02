"""The map document: a folium page built once per dataset, then driven from Python. Free of Qt."""
