"""Errors of the exporters: defined in :mod:`orggraph.errors`, the one error family.

Examples
--------
>>> from orggraph.errors import OrgGraphError
>>> issubclass(ExportError, OrgGraphError) and issubclass(ExportError, ValueError)
True
>>> issubclass(MissingDependencyError, ImportError)
True
"""

from __future__ import annotations

from orggraph.errors import ExportError, MissingDependencyError

__all__ = ["ExportError", "MissingDependencyError"]
