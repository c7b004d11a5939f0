"""Progress bars on the long work of series and big charts (imports and exports: see their tests)."""

from __future__ import annotations

from pathlib import Path

import pytest

import orggraph
from orggraph.timeline import read_organogram_series


def test_series_and_big_charts_show_a_bar_when_asked(capsys: pytest.CaptureFixture[str]) -> None:
    page = orggraph.example().to_html(progress=True)
    assert page.startswith("<!DOCTYPE html>")
    assert "measuring boxes: 100%" in capsys.readouterr().err
    data = Path(__file__).resolve().parent / "data"
    files = sorted(data.glob("dfid-excerpt-*-senior.csv")) + sorted(data.glob("dfid-excerpt-*-junior.csv"))
    series = read_organogram_series(files, progress=True)
    assert "organograms: 100%|" in capsys.readouterr().err
    assert len(series) == len(sorted(data.glob("dfid-excerpt-*-senior.csv")))
    orggraph.example().chart(progress=True)
    err = capsys.readouterr().err
    assert "measuring boxes: 100%" in err
    assert "drawing boxes: 100%" in err
    orggraph.example().chart()
    orggraph.example().to_html()  # the default stays quiet
    read_organogram_series(files)
    assert capsys.readouterr().err == ""
