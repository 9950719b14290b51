"""The ``auditor`` command, as ``python -m auditor`` and the installed script run it."""

from .method_cache import kept_methods
from .readers.collector import collector_paused


def main() -> None:
    with kept_methods():  # the dataclasses made while the command runs
        # The command's imports would set off some 20 collections, each walking what the ones before made.
        with collector_paused(freeze=True):
            from .cli import main as command
        command()


if __name__ == "__main__":
    main()
