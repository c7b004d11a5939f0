"""Importers: organisations from the data they usually arrive in.

========================  =====================================================
function                  reads
========================  =====================================================
:func:`read_csv`          an HR export (employee, job title, manager id, department, FTE, cost)
:func:`read_excel`        the same from a spreadsheet (needs ``orggraph[excel]``)
:func:`read_organogram`   UK government organogram CSVs (senior and junior staff)
:func:`read_popolo`       Popolo JSON (people, organisations, dated memberships)
========================  =====================================================

Each returns an :class:`~orggraph.Org` whose ``import_report``
(:class:`~orggraph.importers.report.ImportReport`) lists every repair the
importer made and every row it skipped, with line numbers; ``strict=True``
raises :class:`~orggraph.OrgDataError` instead of repairing.

Examples
--------
>>> from orggraph.importers import read_csv, read_organogram, read_popolo
>>> callable(read_csv) and callable(read_organogram) and callable(read_popolo)
True
"""

from orggraph.importers.excel import read_excel
from orggraph.importers.organogram import read_organogram
from orggraph.importers.popolo import read_popolo
from orggraph.importers.report import ImportReport, Repair
from orggraph.importers.table import read_csv

__all__ = ["ImportReport", "Repair", "read_csv", "read_excel", "read_organogram", "read_popolo"]
