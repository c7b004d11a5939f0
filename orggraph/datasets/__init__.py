"""The seed organisations, shipped in the package: Ishøj and Roskilde municipalities.

Both are encoded from their governance documents, every fact cited (see
``data/README.md`` in the source repository for the sources and the
modelling decisions). The files here are byte-for-byte copies of ``data/``
(a test keeps them equal), so that the README's tour runs after
``pip install orggraph`` without a checkout.

``python -m orggraph.datasets NAME`` prints the path of a dataset's YAML
file, for the command line: ``orggraph summary $(python -m orggraph.datasets ishoj)``.

Examples
--------
>>> from orggraph import datasets
>>> datasets.names()
('ishoj', 'roskilde')
>>> datasets.roskilde().title
'Roskilde Kommune'
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from orggraph.errors import OptionError, suggest
from orggraph.org import Org, loads

__all__ = ["ishoj", "load", "names", "path", "roskilde"]

_NAMES = ("ishoj", "roskilde")


def names() -> tuple[str, ...]:
    """The names of the shipped datasets.

    Examples
    --------
    >>> names()
    ('ishoj', 'roskilde')
    """
    return _NAMES


def path(name: str) -> Path:
    """The path of a shipped dataset's YAML file.

    Parameters
    ----------
    name : str
        One of :func:`names`.

    Raises
    ------
    OptionError
        For a name that is not a dataset (with a close match).

    Examples
    --------
    >>> path("ishoj").name
    'ishoj.yaml'
    """
    if name not in _NAMES:
        hint = suggest(name, _NAMES)
        raise OptionError(
            f"unknown dataset {name!r}" + (f" ({hint})" if hint else "") + f"; datasets: {', '.join(_NAMES)}"
        )
    return Path(str(resources.files(__name__).joinpath(f"{name}.yaml")))


def load(name: str) -> Org:
    """Load a shipped dataset by name.

    Parameters
    ----------
    name : str
        One of :func:`names`: ``"ishoj"`` or ``"roskilde"``.

    Raises
    ------
    OptionError
        For a name that is not a dataset (with a close match).

    Examples
    --------
    >>> load("ishoj").title
    'Ishøj Kommune'
    """
    file = path(name)
    return loads(file.read_text(encoding="utf-8"), name=f"orggraph/datasets/{file.name}")


def ishoj() -> Org:
    """Ishøj Kommune: the direktion and the koncernledelse, their meetings and forums.

    Encoded from *Arbejdsgrundlag for direktion og koncernledelse*.

    Examples
    --------
    >>> org = ishoj()
    >>> org.find("koncernledelse", kind="group")
    ['koncernledelsen']
    """
    return load("ishoj")


def roskilde() -> Org:
    """Roskilde Kommune: the administrative organisation of August 2013, with decision rules and the årshjul.

    Encoded from the memo *Organisation, styring og ledelse i den administrative struktur i
    Roskilde Kommune august 2013*.

    Examples
    --------
    >>> roskilde().who_decides("afskedigelse", subject="leder-roskilde-beredskab").approvers
    ['kommunaldirektoer']
    """
    return load("roskilde")
