"""``python -m orggraph.datasets [NAME ...]``: print the paths of the shipped datasets' YAML files."""

from __future__ import annotations

import sys

from orggraph.datasets import names, path
from orggraph.errors import OptionError


def main(argv: list[str]) -> int:
    """Print the path of each named dataset (all of them without names); 2 for an unknown name.

    Examples
    --------
    >>> main(["ishoj"])  # doctest: +ELLIPSIS
    /.../orggraph/datasets/ishoj.yaml
    0
    >>> main(["ishøj"])
    2
    """
    try:
        paths = [path(name) for name in argv or names()]
    except OptionError as error:
        print(f"orggraph.datasets: {error}", file=sys.stderr)
        return 2
    for file in paths:
        print(file)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
