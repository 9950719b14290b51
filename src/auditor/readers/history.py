"""A file's text at a git revision, for ``--diff-base``: what the document said before the change."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError
from .files import decode

if TYPE_CHECKING:
    import subprocess


def verify_revision(revision: str, path: Path, shown: str) -> None:
    """InputError unless ``revision`` is a commit of the repository holding ``path`` (and git is here)."""
    where = path.resolve().parent
    if _git(where, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}", shown=shown).returncode != 0:
        raise InputError(shown, f"--diff-base: {revision!r} is not a commit of the repository holding this file")


def text_at(revision: str, path: Path, shown: str) -> str | None:
    """The text of ``path`` at ``revision`` of the repository holding it; None when the file did not exist
    then (everything in it is new). InputError when git, the repository or the revision is missing."""
    verify_revision(revision, path, shown)
    where = path.resolve().parent
    if not _git(where, "ls-tree", "--name-only", revision, "--", path.name, shown=shown).stdout.strip():
        return None
    data = _git(where, "show", f"{revision}:./{path.name}", shown=shown).stdout
    return decode(data, f"{shown} at {revision}") if data.strip() else None


def _git(where: Path, *args: str, shown: str) -> subprocess.CompletedProcess[bytes]:
    import subprocess  # only --diff-base runs git: imported then, not at start-up

    try:
        done = subprocess.run(["git", "-C", str(where), *args], capture_output=True, check=False, timeout=60)
    except FileNotFoundError:
        raise InputError(shown, "--diff-base needs git, which is not installed") from None
    except subprocess.TimeoutExpired:
        raise InputError(shown, f"--diff-base: git {args[0]} took over a minute") from None
    if done.returncode == 128:  # git's code for "not a repository" and other fatal errors
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = message[-1].removeprefix("fatal: ") if message else "git failed"
        raise InputError(shown, f"--diff-base: {reason}")
    return done
