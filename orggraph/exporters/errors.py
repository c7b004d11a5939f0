"""Errors of the exporters, in orggraph's one error family.

Examples
--------
>>> from orggraph.errors import OrgGraphError
>>> issubclass(ExportError, OrgGraphError) and issubclass(ExportError, ValueError)
True
>>> issubclass(MissingDependencyError, ImportError)
True
"""

from __future__ import annotations

from orggraph.errors import OrgGraphError

__all__ = ["ExportError", "MissingDependencyError"]


class ExportError(OrgGraphError, ValueError):
    """The organisation cannot be written in the requested form, or an option is invalid."""


class MissingDependencyError(OrgGraphError, ImportError):
    """An optional dependency is not installed; the message says which extra to install."""
