"""Errors a user can act on; the CLI prints them as one line, never a traceback."""

from __future__ import annotations


class AuditorError(Exception):
    """Base of every error the tool reports to its user."""


class InputError(AuditorError):
    """A path that could not be read as a document."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str]]:  # to and from worker processes
        return (type(self), (self.path, self.message))


class ConfigError(AuditorError):
    """A configuration file or option the tool cannot accept."""
