"""The Python API under the CLI: audit paths and return one Report."""

from __future__ import annotations

from .config import Settings, load_settings
from .engine import audit
from .errors import InputError
from .readers import discover, read_document
from .report import FileReport, InputProblem, Report, Summary


def check_paths(paths: list[str], settings: Settings | None = None, input_format: str | None = None) -> Report:
    """Audit every readable file under ``paths``; a file that fails never stops the others.

    ``input_format`` names the reader for every file, over what names and contents say.
    """
    settings = settings or load_settings()
    found = discover(paths)
    errors = [InputProblem(e.path, e.message) for e in found.errors]
    files = []
    for path, shown in found.files:
        try:
            doc = read_document(path, shown, settings.max_bytes, input_format)
            findings = audit(doc, settings.rules)
        except InputError as error:
            errors.append(InputProblem(error.path, error.message))
            continue
        except RecursionError:
            errors.append(InputProblem(shown, "document is nested too deeply to read"))
            continue
        except Exception as error:  # noqa: BLE001 - one bad document must not lose the others
            errors.append(InputProblem(shown, f"internal error while checking: {type(error).__name__}: {error}"))
            continue
        files.append(
            FileReport(
                path=doc.path,
                format=doc.format,
                title=doc.title,
                provenance=doc.provenance,
                notes=doc.notes,
                summary=Summary.of(doc, findings),
                findings=findings,
            )
        )
    if not found.files and not found.errors and not errors:
        errors.append(InputProblem(", ".join(paths), "no readable documents found"))
    return Report(tuple(files), tuple(errors), tuple(found.skipped))
