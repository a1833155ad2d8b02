"""Other tools' files in and out, Qt-free: TimelineJS (JSON and its Google-Sheet template as CSV or XLSX),
StoryMapJS, GeoJSON and Linked Places, our own spreadsheet; exports to XLSX/CSV, TimelineJS, KML and GeoJSON.

``open_dataset(path)`` is the one way in: it detects the format from the content and returns the dataset
(or None) and an :class:`ImportReport` listing every problem with its file, row or JSON path and field."""

from explorer.formats.opener import DATASET_SUFFIXES, document_text, open_dataset, open_document
from explorer.formats.report import ERROR, INFO, WARNING, ImportProblem, ImportReport

__all__ = ["DATASET_SUFFIXES", "ERROR", "INFO", "WARNING", "ImportProblem", "ImportReport", "document_text",
           "open_dataset", "open_document"]
