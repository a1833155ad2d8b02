"""An import-linter contract type that lets the folder tree say where Qt is allowed (glue-qt's ``qt/`` rule).

``qt_folders``: a module may import PySide6 or shiboken6, or any module inside a ``qt`` package, only if it
lives in a package named ``qt`` itself (``explorer.qt``, ``explorer.kiosk.qt`` ...) or is one of the
``allowed_modules`` (the composition root). Every other module of the root package is Qt-free, whatever its
name: a new module is covered the moment it exists, with no list to remember to extend. Function-level
(lazy) imports count too, since import-linter reads every import statement.

Configured in ``pyproject.toml`` (``contract_types``) and checked by ``lint-imports`` from the repository root.
"""

from __future__ import annotations

from importlinter.application import output
from importlinter.domain import fields
from importlinter.domain.contract import Contract, ContractCheck


def _in_qt_folder(module: str) -> bool:
    return "qt" in module.split(".")[1:]


class QtFoldersContract(Contract):
    """Modules outside ``qt`` folders never import Qt nor anything inside a ``qt`` folder."""

    type_name = "qt_folders"

    root = fields.StringField()
    qt_packages = fields.ListField(subfield=fields.StringField())
    allowed_modules = fields.ListField(subfield=fields.StringField(), required=False)

    def check(self, graph, verbose: bool) -> ContractCheck:
        """Every direct import of a Qt-free module (an indirect one passes through a direct one)."""
        allowed = set(self.allowed_modules or ())
        qt_roots = tuple(self.qt_packages)
        broken = []
        for module in sorted(m for m in graph.modules if m == self.root or m.startswith(self.root + ".")):
            if _in_qt_folder(module) or module in allowed:
                continue
            for imported in sorted(graph.find_modules_directly_imported_by(module)):
                is_qt = imported.split(".")[0] in qt_roots
                is_qt_folder = imported.startswith(self.root + ".") and _in_qt_folder(imported)
                if is_qt or is_qt_folder:
                    details = graph.get_import_details(importer=module, imported=imported)
                    lines = sorted({d["line_number"] for d in details})
                    broken.append((module, imported, lines))
        return ContractCheck(kept=not broken, metadata={"broken": broken})

    def render_broken_contract(self, check: ContractCheck) -> None:
        """One line per forbidden import, with its line numbers."""
        for module, imported, lines in check.metadata["broken"]:
            where = ", ".join(f"l.{n}" for n in lines)
            output.print_error(f"{module} is outside a qt folder and imports {imported} ({where})")
            output.new_line()
