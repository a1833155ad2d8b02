"""Treaty Explorer: a desktop map-and-timeline explorer of interwar agreements."""

from pathlib import Path

__version__ = "0.1.0"

#: The repository root (the package is installed in editable mode, so data/ and assets/ sit beside it).
PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATASET = PROJECT_ROOT / "data" / "interwar.json"
ASSETS_DIR = PROJECT_ROOT / "assets"
