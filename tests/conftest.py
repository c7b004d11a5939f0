"""Shared fixtures: the seed organisations and the example org; a non-interactive matplotlib."""

from __future__ import annotations

from pathlib import Path

import matplotlib
import pytest

import orggraph

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def ishoj() -> orggraph.Org:
    return orggraph.load(DATA / "ishoj.yaml")


@pytest.fixture(scope="session")
def roskilde() -> orggraph.Org:
    return orggraph.load(DATA / "roskilde.yaml")


@pytest.fixture(scope="session")
def example() -> orggraph.Org:
    return orggraph.example()


def not_info(org: orggraph.Org) -> list[orggraph.lint.Finding]:
    """The lint findings of ``org`` that are not info: warnings and errors."""
    return [f for f in org.lint() if f.severity != "info"]
