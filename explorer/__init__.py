"""Treaty Explorer: a desktop map-and-timeline explorer of interwar agreements."""

__version__ = "0.1.0"
