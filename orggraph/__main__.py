"""``python -m orggraph``: the command line."""

from orggraph.cli import run

if __name__ == "__main__":
    run()
