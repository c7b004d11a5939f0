"""How tables display: nullable integer counts, and rounding in the display only.

:func:`count_types` gives counts nullable integer dtypes (``Int64``: ``1``
rather than ``1.0``, ``<NA>`` where unknown); people counts stay integers
unless an import gave fractional FTEs (then ``Float64``).

:func:`formatted` returns a DataFrame that prints and renders (Jupyter HTML)
some columns in a format, e.g. shares as ``16.7%``, while the data keeps
every digit: ``frame["share"]`` is the plain column; rows and columns
selected from the frame (``frame.loc[...]``) keep the display.

Examples
--------
>>> import pandas as pd
>>> frame = formatted(pd.DataFrame({"share": [1 / 6, 5 / 6]}), {"share": "{:.1%}"})
>>> frame
   share
0  16.7%
1  83.3%
>>> frame["share"].tolist()[0] == 1 / 6, frame.head(1)
(True,    share
0  16.7%)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, ClassVar

import numpy as np
import pandas as pd

__all__ = ["FormattedFrame", "count_types", "formatted", "people_dtype"]


def people_dtype(values: Iterable[Any]) -> str:
    """``"Int64"`` when every known value is whole, else ``"Float64"`` (FTEs from imports).

    Parameters
    ----------
    values : iterable
        The head counts, None or NaN where unknown.

    Examples
    --------
    >>> people_dtype([1.0, float("nan"), 9]), people_dtype([1, 0.8])
    ('Int64', 'Float64')
    """
    for value in values:
        if value is None or value is pd.NA or value != value:  # missing
            continue
        if not float(value).is_integer():
            return "Float64"
    return "Int64"


def _whole(column: pd.Series) -> bool:
    """Whether every known value of a column is whole (what :func:`people_dtype` asks, in numpy for numbers)."""
    if column.dtype.kind in "iub":
        return True
    if column.dtype.kind == "f":
        values = column.to_numpy()
        known = values[~np.isnan(values)]
        return bool(np.all(known == np.floor(known)))
    return people_dtype(column.tolist()) == "Int64"


def count_types(frame: pd.DataFrame, *, counts: Iterable[str] = (), people: Iterable[str] = ()) -> pd.DataFrame:
    """``frame`` with ``counts`` as ``Int64`` and ``people`` as ``Int64`` (or ``Float64`` when fractional).

    The people columns share one dtype, so that a fractional head count
    makes every people column ``Float64`` together.

    Parameters
    ----------
    frame : pandas.DataFrame
        The table; it is not changed.
    counts : iterable of str, optional
        Columns of whole counts (posts, forums, ...); absent ones are skipped.
    people : iterable of str, optional
        Columns of head counts (people or FTE); absent ones are skipped.

    Examples
    --------
    >>> frame = pd.DataFrame({"posts": [1.0, 2.0], "people": [1.0, float("nan")]})
    >>> count_types(frame, counts=["posts"], people=["people"]).dtypes.astype(str).tolist()
    ['Int64', 'Int64']
    """
    people = [column for column in people if column in frame.columns]
    kind = "Int64" if all(_whole(frame[column]) for column in people) else "Float64"
    types = {column: "Int64" for column in counts if column in frame.columns}
    types.update(dict.fromkeys(people, kind))
    return frame.astype(types)


class FormattedFrame(pd.DataFrame):
    """A DataFrame that displays some columns in a format; the data is unchanged.

    Frames derived from it (``loc``, ``head``, ``round()``) display the same;
    a column is a plain Series.
    """

    _metadata: ClassVar[list[str]] = ["_formats"]
    _formats: dict[str, str]

    @property
    def _constructor(self) -> Callable[..., pd.DataFrame]:
        return FormattedFrame

    def _formatters(self) -> dict[Any, Callable[[Any], str]]:
        def apply(form: str) -> Callable[[Any], str]:
            return lambda value: "" if pd.isna(value) else form.format(value)

        formats = getattr(self, "_formats", {})
        return {column: apply(form) for column, form in formats.items() if column in self.columns}

    def __repr__(self) -> str:
        return self.to_string(formatters=self._formatters())

    def _repr_html_(self) -> str:
        return self.to_html(formatters=self._formatters())


def formatted(frame: pd.DataFrame, formats: Mapping[str, str]) -> FormattedFrame:
    """``frame`` displaying the given columns with ``str.format`` formats (e.g. ``{"share": "{:.1%}"}``).

    Parameters
    ----------
    frame : pandas.DataFrame
        The table; its values are not changed, only their display.
    formats : mapping of str to str
        Column name to a ``str.format`` format for its values.

    Examples
    --------
    >>> frame = formatted(pd.DataFrame({"x": [0.123456]}), {"x": "{:.2f}"})
    >>> print(frame), frame._repr_html_().count("0.12</td>")
    x
    0  0.12
    (None, 1)
    """
    result = FormattedFrame(frame)
    result._formats = dict(formats)
    return result
