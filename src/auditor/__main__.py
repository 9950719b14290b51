"""The ``auditor`` command, as ``python -m auditor`` and the installed script run it."""

import gc

from .method_cache import kept_methods


def main() -> None:
    # The command's imports make objects that live as long as it runs: the collector, paused meanwhile,
    # would walk them again and again (some 20 collections); frozen after, it leaves them out for good.
    gc.disable()
    with kept_methods():  # the dataclasses made while the command runs
        try:
            from .cli import main as command
        finally:
            gc.freeze()
            gc.enable()
        command()


if __name__ == "__main__":
    main()
