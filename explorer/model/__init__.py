"""The Qt-free model: dataset, loading and validation, link graph, search and the explorer state."""

from explorer.model.dataset import Dataset, Era, Event, Link, Media, Party, Place, Signatory, Source, View
from explorer.model.dates import HistDate, parse_hist_date
from explorer.model.loader import (
    DatasetError, Problem, check_document, check_text, load_dataset, validate_file,
)

__all__ = [
    "Dataset", "DatasetError", "Era", "Event", "HistDate", "Link", "Media", "Party", "Place", "Problem",
    "Signatory", "Source", "View", "check_document", "check_text", "load_dataset", "parse_hist_date",
    "validate_file",
]
