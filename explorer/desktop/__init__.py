"""Desktop exploration: the main window and its dialogs (all Qt, in ``qt/``)."""
