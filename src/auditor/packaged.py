"""A file shipped inside the package, read as text.

``pkgutil.get_data`` asks the package's loader for the file, as ``importlib.resources`` does, without
importing ``importlib.resources`` and what it brings (``zipfile``, ``tempfile``, ``shutil``, ``lzma``):
some 10 ms of every command's start-up.
"""

from __future__ import annotations

import pkgutil


def packaged_text(package: str, resource: str) -> str:
    """The text of ``resource`` ("data/words.txt", "/"-separated) shipped in ``package``."""
    data = pkgutil.get_data(package, resource)
    if data is None:
        raise FileNotFoundError(f"{package} has no loader that reads {resource}")
    return data.decode("utf-8")
