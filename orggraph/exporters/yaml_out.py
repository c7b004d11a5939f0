"""The organisation as YAML text, written item by item so that a long export can show its progress.

PyYAML writes a list under a mapping key without indenting it, so the text of
``{"posts": [a, b]}`` is ``posts:`` followed by the texts of ``[a]`` and ``[b]``.
:func:`yaml_pieces` uses that: it dumps the top-level keys one by one and the
items of their lists one by one, and the pieces joined are exactly what one
``yaml.dump`` of the whole document gives (a test compares them). A file of a
million posts is then written as it is dumped, with a progress bar per item.

Examples
--------
>>> import orggraph
>>> org = orggraph.example()
>>> "".join(yaml_pieces(org.to_dict())) == yaml_text(org.to_dict())
True
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from typing import Any

import yaml

from orggraph.progress import bar

__all__ = ["write_yaml", "yaml_pieces", "yaml_text"]

_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def yaml_text(data: Any) -> str:
    """YAML text of plain data as orggraph writes it: UTF-8 letters kept, keys in their order, 100 columns.

    Parameters
    ----------
    data : Any
        Mappings, lists and scalars.

    Returns
    -------
    str

    Examples
    --------
    >>> print(yaml_text({"name": "Ishøj", "ids": ["a", "b"]}), end="")
    name: Ishøj
    ids:
    - a
    - b
    """
    text: str = yaml.dump(data, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=100)
    return text


def yaml_pieces(data: Mapping[str, Any]) -> Iterator[str]:
    r"""The YAML text of a document in pieces: each top-level key, then each item of its list.

    Parameters
    ----------
    data : Mapping
        The document as :meth:`orggraph.Org.to_dict` gives it.

    Yields
    ------
    str
        Pieces whose concatenation is :func:`yaml_text` of ``data``.

    Examples
    --------
    >>> list(yaml_pieces({"orggraph": 1, "posts": [{"id": "a"}, {"id": "b"}]}))
    ['orggraph: 1\n', 'posts:\n', '- id: a\n', '- id: b\n']
    """
    for key, value in data.items():
        if isinstance(value, list) and value:
            yield yaml_text({key: []}).replace("[]", "").rstrip() + "\n"
            for item in value:
                yield yaml_text([item])
        else:
            yield yaml_text({key: value})


def write_yaml(
    data: Mapping[str, Any], path: str | os.PathLike[str] | None = None, *, progress: bool | None = False
) -> str:
    r"""The YAML text of a document; written to ``path`` piece by piece as it is made, when given.

    Parameters
    ----------
    data : Mapping
        The document as :meth:`orggraph.Org.to_dict` gives it.
    path : str or os.PathLike, optional
        The file to write (UTF-8).
    progress : bool or None, default False
        A bar over the items written (None: only when stderr is a terminal).

    Returns
    -------
    str
        The whole text.

    Raises
    ------
    OSError
        If the file cannot be written.

    Examples
    --------
    >>> import orggraph
    >>> write_yaml({"organisation": {"id": "x", "name": "X"}})
    'organisation:\n  id: x\n  name: X\n'
    """
    items = sum(len(value) if isinstance(value, list) and value else 1 for value in data.values())
    pieces: list[str] = []
    handle = open(path, "w", encoding="utf-8") if path is not None else None  # noqa: SIM115 - closed below
    try:
        with bar(items, desc="writing YAML", unit="item", enabled=progress) as steps:
            for piece in yaml_pieces(data):
                pieces.append(piece)
                if handle is not None:
                    handle.write(piece)
                if not piece.endswith(":\n"):  # a key that opens a list is not an item
                    steps.update(1)
    finally:
        if handle is not None:
            handle.close()
    return "".join(pieces)
