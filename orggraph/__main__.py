"""``python -m orggraph``: the command line."""

import sys

from orggraph.cli import main

if __name__ == "__main__":
    sys.exit(main())
