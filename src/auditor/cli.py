"""The command line: a thin click layer over ``api``."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from . import __version__, method_cache, pattern_cache
from .dumps import ENGINES
from .errors import AuditorError
from .readers import FORMATS as INPUT_FORMATS
from .readers.collector import collector_paused
from .reporters.document import FORMATS as REPORT_FORMATS
from .reporters.run import FORMATS as OUTPUT_FORMATS
from .severity import Severity

if TYPE_CHECKING:
    from .api import CheckOptions, RunOptions
    from .archive.articles import ArticleSpec
    from .archive.gather import ArchiveOptions
    from .archive.http import HttpClient
    from .config.defaults import RuleDefaults
    from .config.settings import Settings
    from .pin import RevisionSource, SourcesFor
    from .report import Report


class UsageProblem(click.ClickException):
    """A configuration or usage error: one line on stderr, exit code 2."""

    exit_code = 2


def _split(values: tuple[str, ...]) -> list[str] | None:
    if not values:
        return None
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


class _Commands(click.Group):
    """The verbs; a defect that escapes one is an error line and exit 2, and Ctrl-C or SIGTERM where the
    verb has no say of its own (reading the standard input, the configuration) exit 130: never a traceback,
    nor click's "Aborted!" and exit 1, which a CI job would take for findings."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except KeyboardInterrupt:
            click.echo("auditor: interrupted", err=True)
            sys.exit(130)
        except Exception as error:
            raise InternalError(f"internal error: {type(error).__name__}: {error}") from error


class InternalError(click.ClickException):
    """A defect, not the input's fault: one line on stderr, exit code 2."""

    exit_code = 2


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="auditor")
def main() -> None:
    """Audit the citations of factual documents."""
    context = click.get_current_context()
    context.call_on_close(pattern_cache.save)  # what this run compiled, for the next
    context.call_on_close(method_cache.save)
    with suppress(ValueError):  # signals can be handled in the main thread only: elsewhere, as they are
        before = signal.signal(signal.SIGTERM, _terminated)
        if before is not None:  # None: set outside Python, and not ours to restore
            # The handler is the command's: a program that runs commands in its own process keeps its own.
            context.call_on_close(partial(signal.signal, signal.SIGTERM, before))


def _terminated(signum: int, frame: object) -> None:
    """SIGTERM ends a command as Ctrl-C does: its worker processes are stopped and a scan can resume."""
    raise KeyboardInterrupt


_RULE_OPTIONS = (
    click.option("--select", multiple=True, help="Only these rules: names, codes or code prefixes (comma-separated)."),
    click.option("--ignore", multiple=True, help="Skip these rules: names, codes or code prefixes (comma-separated)."),
    click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Configuration file to use."),
    click.option(
        "--max-size", type=click.FloatRange(min=0, min_open=True), help="Largest file (or dump page) to read, in MiB."
    ),
)
_ARTICLE_OPTIONS = (
    click.option(
        "--input-format",
        type=click.Choice(list(INPUT_FORMATS)),
        help="Read every file as this format (default: by extension, then by content).",
    ),
    click.option("--revision", type=click.IntRange(min=1), help="Fetch this revision id of the article named."),
    click.option(
        "--as-of",
        type=click.DateTime(formats=["%Y-%m-%d"]),
        help="Fetch the revision current at the end of this day (UTC), as YYYY-MM-DD.",
    ),
    click.option("--api-url", help="MediaWiki API to fetch articles from (default: the article's own wiki)."),
)
_DISCOVERY_OPTIONS = (
    click.option(
        "--exclude",
        multiple=True,
        help="Leave out of directories what these gitignore-style patterns match, instead of the configuration's"
        " (comma-separated).",
    ),
    click.option(
        "--extend-exclude", multiple=True, help="Leave these out too, besides the configuration's (comma-separated)."
    ),
    click.option(
        "--respect-gitignore/--no-respect-gitignore",
        default=None,
        help="Leave out of directories what .gitignore files ignore (default: yes).",
    ),
    click.option(
        "--stdin-filename",
        metavar="NAME",
        help="The name to show for the standard input (the path -), whose suffix tells its format.",
    ),
)
_CACHE_OPTIONS = (
    click.option("--cache-dir", type=click.Path(file_okay=False), help="HTTP cache directory (default: user cache)."),
    click.option("--offline", is_flag=True, help="Use only what the HTTP cache holds; fetch nothing."),
)
_JOBS_OPTION = click.option(
    "--jobs", "-j", type=click.IntRange(min=1), help="Worker processes for files (default: one per core)."
)
_ARCHIVE_OPTIONS = (
    click.option("--cdx-url", help="CDX search endpoint of the archive (default: the Internet Archive's)."),
    click.option(
        "--replay-url", help="Replay prefix of the archive's captures (default: https://web.archive.org/web/)."
    ),
    click.option(
        "--timemap-url", help="Ask a Memento archive instead: the prefix its TimeMaps are at ({prefix}{URL})."
    ),
    click.option(
        "--timegate-url",
        help="Ask a Memento archive instead, by its TimeGate ({prefix}{URL}), when it has no TimeMaps.",
    ),
    click.option(
        "--archive-rate", type=click.FloatRange(min=0, min_open=True), help="Archive searches per minute (default: 24)."
    ),
    click.option(
        "--check-live", is_flag=True, help="With the archive, also request each cited URL now (off by default)."
    ),
    click.option("--save-missing", is_flag=True, help="With the archive, ask it to capture cited URLs it lacks."),
    click.option(
        "--allow-private-addresses",
        is_flag=True,
        default=None,
        help="Let requests made for a document reach loopback and private addresses (an intranet archive).",
    ),
)
_AUDIT_OPTIONS = (
    click.argument("paths", nargs=-1, required=True),
    *_RULE_OPTIONS,
    *_DISCOVERY_OPTIONS,
    *_ARTICLE_OPTIONS,
    *_CACHE_OPTIONS,
    _JOBS_OPTION,
    *_ARCHIVE_OPTIONS,
)


def _options(*options: Callable[[Callable[..., None]], Callable[..., None]]) -> Callable[..., Any]:
    """A decorator giving a command these options, in this order."""

    def decorate(command: Callable[..., None]) -> Callable[..., None]:
        for option in reversed(options):
            command = option(command)
        return command

    return decorate


_audit_options = _options(*_AUDIT_OPTIONS)  # every command that audits documents


@main.command()
@_audit_options
@click.option(
    "--format",
    "output_format",
    type=click.Choice(OUTPUT_FORMATS),
    help="Output format (default: github under GitHub Actions, else text).",
)
@click.option("--archive", "use_archive", is_flag=True, help="Look up every cited URL in the Wayback Machine first.")
@click.option(
    "--baseline",
    "baseline_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Fail only on findings this baseline file does not record (see 'auditor baseline write').",
)
@click.option("--diff-base", metavar="REV", help="Fail only on findings a file's text at this git revision lacks.")
@click.option(
    "--fail-on",
    type=click.Choice([str(s) for s in Severity]),
    default=str(Severity.INFO),
    show_default=True,
    help="Least serious finding that fails the run.",
)
@click.option(
    "--min-severity",
    type=click.Choice([str(s) for s in Severity]),
    help="Least serious finding to report at all: less serious ones are neither shown nor fail the run.",
)
@click.option(
    "-o", "--output-file", type=click.Path(dir_okay=False, path_type=Path), help="Write the output to this file."
)
@click.option("-q", "--quiet", is_flag=True, help="Print the findings and errors only: no summary, no notes.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings (2 still when input fails).")
@click.option("--statistics", is_flag=True, help="Count the findings of each rule instead of listing them.")
def check(
    paths: tuple[str, ...],
    output_format: str | None,
    use_archive: bool,
    baseline_path: Path | None,
    diff_base: str | None,
    fail_on: str,
    min_severity: str | None,
    output_file: Path | None,
    quiet: bool,
    exit_zero: bool,
    statistics: bool,
    **options: Any,
) -> None:
    """Check documents (files or directories) and report their findings.

    A path may also name a live article: ``en:TITLE`` or its URL, fetched as
    wikitext at one revision (the latest, ``--revision`` or ``--as-of``).

    With --archive, each cited URL is looked up in the archive (once per
    canonical URL, through an on-disk cache and a rate limit) before the rules
    run: findings say which sources have no readable capture, and a copy's
    lost references are recovered from the archived original where possible.

    With --baseline or --diff-base, only findings that are new fail the run,
    and the findings that are gone are listed as fixed.

    Exit status: 0 clean, 1 findings that fail the run, 2 when a document could
    not be checked.
    """
    from .reporters.run import renderer

    if output_format is None:
        output_format = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    if statistics and output_format not in ("text", "concise"):
        raise UsageProblem("--statistics counts findings as text: use it without --format or with --format text")
    report = _audit(paths, options, use_archive, quiet, diff_base=diff_base, baseline=baseline_path)
    if min_severity is not None:
        report = report.at_least(Severity(min_severity))
    if statistics:
        from .reporters.run.text import statistics as render_statistics

        shown = render_statistics(report)
    elif output_format in ("text", "concise"):
        from .reporters.run.text import render as render_text

        shown = render_text(report, quiet=quiet, caret=output_format == "text")
    else:
        shown = renderer(output_format)(report)
    if output_file is not None:
        try:
            output_file.write_text(click.unstyle(shown), encoding="utf-8")
        except OSError as error:
            raise UsageProblem(f"cannot write {output_file}: {error.strerror or error}") from None
    else:
        click.echo(shown, nl=False, color=False if os.environ.get("NO_COLOR") else None)
    code = report.exit_code(Severity(fail_on))
    sys.exit(0 if exit_zero and code == 1 else code)


@main.command()
@_audit_options
@click.option(
    "-o",
    "--output-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("reports"),
    show_default=True,
    help="Directory to write the reports to.",
)
@click.option(
    "--format",
    "formats",
    type=click.Choice(list(REPORT_FORMATS)),
    multiple=True,
    help="Report formats to write (default: all three).",
)
@click.option(
    "--archive/--no-archive",
    "use_archive",
    default=True,
    show_default=True,
    help="Look up every cited URL in the archive (from the cache alone with --offline).",
)
@click.option(
    "--pin",
    is_flag=True,
    help="Pin each copy to the wiki revision it was made from (see 'auditor provenance'): an Origin section.",
)
def report(
    paths: tuple[str, ...], output_dir: Path, formats: tuple[str, ...], use_archive: bool, pin: bool, **options: Any
) -> None:
    """Audit documents and write, for each, a report to read (Markdown, HTML) and one to process (JSON):
    its origin, a summary, every finding with its evidence, and the provenance of each citation, from
    claim to reference to archived capture.

    Exit status: 0 clean, 1 findings, 2 when a document could not be checked or a report not written.
    """
    from .reporters.document.files import write_reports

    result = _audit(paths, options, use_archive, keep_documents=True, pin=pin)
    failed = False
    try:
        for done in write_reports(result, output_dir, formats):
            for target, why in done.failed:
                click.echo(f"auditor: error: {target}: cannot write: {why}", err=True)
            failed = failed or bool(done.failed)
            if done.written:
                shown = ", ".join(str(target) for target in done.written)
                click.echo(f"auditor: {done.file.path}: {len(done.file.findings)} findings; wrote {shown}", err=True)
    except OSError as error:
        raise UsageProblem(f"cannot create {output_dir}: {error.strerror or error}") from None
    sys.exit(2 if failed else result.exit_code())


@main.command()
@click.argument("dumps", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("scan"),
    show_default=True,
    help="Directory for findings.jsonl, findings.parquet, errors.jsonl, summary.json and the checkpoint.",
)
@click.option(
    "--namespace",
    "namespaces",
    type=int,
    multiple=True,
    help="Audit pages in this namespace number (repeatable; default: 0, articles).",
)
@click.option("--all-namespaces", is_flag=True, help="Audit pages in every namespace.")
@click.option("--title", "title_pattern", metavar="REGEX", help="Audit only pages whose title this matches.")
@click.option(
    "--titles",
    "titles_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Audit only the pages this file names, one title per line.",
)
@click.option(
    "--category",
    "categories",
    multiple=True,
    help="Audit only pages the wikitext puts in this category (repeatable; any one admits a page).",
)
@_options(*_RULE_OPTIONS, *_CACHE_OPTIONS, *_ARCHIVE_OPTIONS)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    help="Worker processes, or LocalCluster workers (default: one per core).",
)
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default="local",
    show_default=True,
    help="Audit on worker processes here, or on a Dask cluster.",
)
@click.option("--scheduler", metavar="ADDRESS", help="The Dask scheduler to use (default: start a LocalCluster).")
@click.option(
    "--batch-pages",
    type=click.IntRange(min=1),
    default=32,
    show_default=True,
    help="Pages per unit of work sent to a worker.",
)
@click.option("--restart", is_flag=True, help="Discard the run recorded in the output directory and start again.")
@click.option(
    "--archive", "use_archive", is_flag=True, help="Look up every cited URL in the archive (off by default for dumps)."
)
def scan(
    dumps: tuple[Path, ...],
    output_dir: Path,
    namespaces: tuple[int, ...],
    all_namespaces: bool,
    title_pattern: str | None,
    titles_file: Path | None,
    categories: tuple[str, ...],
    engine: str,
    scheduler: str | None,
    batch_pages: int,
    restart: bool,
    use_archive: bool,
    **options: Any,
) -> None:
    """Audit every page of MediaWiki XML dumps or exports (.xml, .xml.bz2, .xml.gz), streamed: its latest
    revision's wikitext, one finding per line in OUTPUT_DIR/findings.jsonl (with the page's title and
    revision id), the same as Parquet, and a summary.

    An interrupted run (killed, Ctrl-C, a machine lost) resumes where its checkpoint says when the same
    command is run again.

    Exit status: 0 clean, 1 findings, 2 when a dump or a page could not be read.
    """
    from .dumps.pages import page_filter
    from .dumps.scan import ScanOptions, UnreadableInput, scan_dumps

    if scheduler and engine != "dask":
        raise UsageProblem("--scheduler names a Dask scheduler: use it with --engine dask")
    if use_archive and engine == "dask":
        raise UsageProblem("--archive runs in this process (its lookups are rate-limited): use it with --engine local")
    run = _run_options(options, use_archive)
    try:
        admitted = page_filter(namespaces, all_namespaces, title_pattern, titles_file, categories)
    except AuditorError as error:
        raise UsageProblem(str(error)) from None
    scan_options = ScanOptions(output_dir, run, admitted, engine, scheduler, batch_pages, restart)
    try:
        outcome = scan_dumps(list(dumps), scan_options, _say, _scan_progress)
    except UnreadableInput as error:  # nothing was written: the command can be run again as corrected
        for problem in error.problems:
            click.echo(f"auditor: error: {problem.path}: {problem.message}", err=True)
        sys.exit(2)
    except AuditorError as error:
        raise UsageProblem(str(error)) from None
    except OSError as error:  # the output directory: not writable, or the disk full
        raise UsageProblem(f"{output_dir}: cannot write: {error.strerror or error}") from None
    except KeyboardInterrupt:
        click.echo(f"auditor: interrupted; run the same command again to resume from {output_dir}", err=True)
        sys.exit(130)
    if outcome.lookups is not None:
        click.echo(f"auditor: archive: {_lookup_counts(outcome.lookups)}", err=True)
    click.echo(outcome.describe(output_dir), nl=False)
    sys.exit(outcome.exit_code)


@main.command()
@click.argument("copies", nargs=-1, required=True)
@click.option("--article", metavar="TITLE|URL", help="The article the copies were made from (en:TITLE or its URL).")
@click.option(
    "--as-of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Search outward from this day (default: the as-of date the copy's text implies).",
)
@click.option(
    "--dump",
    "dumps",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Take the revisions from this history dump instead of the wiki's API (repeatable).",
)
@click.option("--api-url", help="MediaWiki API to ask (default: the article's own wiki).")
@click.option(
    "--min-score",
    type=click.FloatRange(0, 1),
    default=0.5,
    show_default=True,
    help="Least score a revision needs to be taken for the copy's.",
)
@click.option(
    "--max-revisions",
    type=click.IntRange(1, 500),
    default=50,
    show_default=True,
    help="Most revision texts read for one copy.",
)
@click.option(
    "--api-rate", type=click.FloatRange(min=0, min_open=True), help="Requests per minute to the API (default: 120)."
)
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Configuration file to use.")
@_options(*_CACHE_OPTIONS)
def provenance(
    copies: tuple[str, ...],
    article: str | None,
    as_of: datetime | None,
    dumps: tuple[Path, ...],
    api_url: str | None,
    min_score: float,
    max_revisions: int,
    api_rate: float | None,
    output_format: str,
    config_path: str | None,
    cache_dir: str | None,
    offline: bool,
) -> None:
    """Pin each copy of a wiki article (files or directories) to the revision it was made from, and say
    what the copy lost or changed against it: footnotes, sentences, sections, order, figures and dates.

    The article is the one the copy names, else the one its title names (--article overrides). Its
    history is read around the copy's as-of date through the wiki's API (cached; --offline reads the
    cache alone), or from history dumps with --dump.

    Exit status: 0 pinned with no figure or date changed, 1 changes found, 2 when a copy could not be
    pinned.
    """
    from .pin import PinOptions, pin_paths
    from .report import InputProblem, Report
    from .reporters.origin import render_pins

    settings = _settings(
        config_path, ("copy-altered-figure,copy-altered-date",), (), None, {}, {"start": _start(copies)}
    )
    options = PinOptions(
        article, as_of.date() if as_of else None, api_url, min_score, api_rate, max_revisions=max_revisions
    )
    if dumps:
        sources = _dump_sources(list(dumps))
    else:
        client = _http_client(cache_dir, offline)
        sources = _api_sources(client, api_url, api_rate)
    try:
        outcomes = pin_paths(list(copies), settings, options, sources)
    except AuditorError as error:
        raise UsageProblem(str(error)) from None
    errors = tuple(InputProblem(o.path, o.error) for o in outcomes if o.error is not None)
    for problem in errors:
        click.echo(f"auditor: error: {problem.path}: {problem.message}", err=True)
    report = Report(tuple(o.file for o in outcomes if o.file is not None), errors)
    click.echo(render_pins(report, output_format), nl=False)
    sys.exit(report.exit_code())


def _http_client(cache_dir: str | None, offline: bool) -> HttpClient:
    from .archive.http import HttpClient, HttpSettings

    return HttpClient(HttpSettings(cache_dir=Path(cache_dir) if cache_dir else None, offline=offline))


def _api_sources(client: HttpClient, api_url: str | None, per_minute: float | None) -> SourcesFor:
    from .pin import ApiRevisions

    return lambda specs: lambda spec: ApiRevisions(client, spec, api_url, per_minute)


def _dump_sources(dumps: list[Path]) -> SourcesFor:
    """The pages' histories, read from ``dumps`` in one pass once the copies' articles are known."""
    from .dumps.history import read_histories
    from .dumps.pages import normalise_title
    from .pin import PinError

    def sources(specs: list[ArticleSpec]) -> Callable[[ArticleSpec], RevisionSource]:
        histories = read_histories(dumps, {spec.title for spec in specs})

        def source(spec: ArticleSpec) -> RevisionSource:
            found = histories.get(normalise_title(spec.title))
            if found is None:
                raise PinError(spec.shown, f"{spec.title!r} is not in {', '.join(str(d) for d in dumps)}")
            return found

        return source

    return sources


@main.group()
def baseline() -> None:
    """Record the findings a project accepts for now, so that CI fails only on new ones."""


@baseline.command("write")
@_audit_options
@click.option("--archive", "use_archive", is_flag=True, help="Include findings that need the archive.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path(".auditor-baseline.json"),
    show_default=True,
    help="Baseline file to write.",
)
def baseline_write(paths: tuple[str, ...], use_archive: bool, output: Path, **options: Any) -> None:
    """Record every finding in PATHS as known; 'auditor check --baseline FILE' then fails only on new ones.

    Exit status: 0 written, 2 when a document could not be checked (nothing is written then, so that a
    baseline never silently forgets a file's findings).
    """
    from .baseline import dump

    report = _audit(paths, options, use_archive)
    if report.errors:
        raise UsageProblem(f"baseline not written: {len(report.errors)} input(s) could not be checked")
    try:
        output.write_text(dump(report.findings), encoding="utf-8")
    except OSError as error:
        raise UsageProblem(f"cannot write {output}: {error.strerror or error}") from None
    count = len(report.findings)
    click.echo(f"auditor: {output}: {count} finding{'s' if count != 1 else ''} recorded", err=True)


def _run_options(options: dict[str, Any], use_archive: bool, start: Path | None = None) -> RunOptions:
    """What every auditing command shares, taken out of what click parsed (``options``); the configuration
    is the one nearest ``start`` (the checked paths' directory) or the working directory."""
    from .api import RunOptions

    overrides = {  # the archive settings given on the command line, over the configuration file's
        "cdx_url": options.pop("cdx_url"),
        "replay_url": options.pop("replay_url"),
        "timemap_url": options.pop("timemap_url"),
        "timegate_url": options.pop("timegate_url"),
        "requests_per_minute": options.pop("archive_rate"),
        "allow_private_addresses": options.pop("allow_private_addresses"),
    }
    discovery = {
        "exclude": _split(options.pop("exclude", ())),
        "extend_exclude": _split(options.pop("extend_exclude", ())),
        "respect_gitignore": options.pop("respect_gitignore", None),
        "start": start,
    }
    settings = _settings(
        options.pop("config_path"),
        options.pop("select"),
        options.pop("ignore"),
        options.pop("max_size"),
        overrides,
        discovery,
    )
    archive = _archive_options(settings, use_archive, options.pop("check_live"), options.pop("save_missing"))
    cache_dir = options.pop("cache_dir")
    return RunOptions(
        settings,
        jobs=options.pop("jobs"),
        cache_dir=Path(cache_dir) if cache_dir else None,
        offline=options.pop("offline"),
        archive=archive,
    )


def _check_options(
    paths: tuple[str, ...],
    options: dict[str, Any],
    diff_base: str | None = None,
    baseline: Path | None = None,
    keep_documents: bool = False,
    pin: bool = False,
) -> CheckOptions:
    """What check, report and baseline add, taken out of what click parsed (``options``)."""
    from .api import CheckOptions, FetchOptions
    from .archive.articles import parse_article_spec

    revision, as_of = options.pop("revision"), options.pop("as_of")
    articles = [path for path in paths if parse_article_spec(path) is not None]
    if (revision or as_of) and len(articles) != 1:
        raise UsageProblem("--revision and --as-of need exactly one article (en:TITLE or its URL)")
    if revision and as_of:
        raise UsageProblem("--revision and --as-of cannot be used together")
    if diff_base and articles:
        raise UsageProblem(
            "--diff-base compares files with their git history; an article named by title or URL has none"
        )
    fetch = FetchOptions(revision=revision, as_of=as_of.date() if as_of else None, api_url=options.pop("api_url"))
    pinning = None
    if pin:
        from .pin import PinOptions

        pinning = PinOptions(api_url=fetch.api_url)
    stdin_filename = options.pop("stdin_filename", None)
    if paths.count("-") > 1:
        raise UsageProblem("the standard input (-) can be read once")
    if diff_base and "-" in paths:
        raise UsageProblem("--diff-base compares files with their git history; the standard input has none")
    stdin = sys.stdin.buffer.read() if "-" in paths else None
    return CheckOptions(
        options.pop("input_format"), fetch, diff_base, baseline, keep_documents, pinning, stdin, stdin_filename
    )


def _audit(
    paths: tuple[str, ...], options: dict[str, Any], use_archive: bool, quiet: bool = False, **check: Any
) -> Report:
    """Audit what the command line names (``options``: what click parsed; ``check``: what the command
    adds, as ``_check_options`` takes it), saying on stderr what it fetched and what went wrong (only what
    went wrong when ``quiet``)."""
    with collector_paused(freeze=True):  # the checking code's imports and the configuration
        from .api import check_paths

        checking = _check_options(paths, options, **check)  # its usage errors come before the configuration's
        run = _run_options(options, use_archive, _start(paths))
    try:
        report = check_paths(list(paths), run, checking, _progress_bar)
    except AuditorError as error:  # a baseline that cannot be used, asked for with --diff-base
        raise UsageProblem(str(error)) from None
    except KeyboardInterrupt:  # Ctrl-C or SIGTERM: the workers are stopped already
        click.echo("auditor: interrupted", err=True)
        sys.exit(130)
    for file in report.files:
        if file.provenance.revision is not None and not quiet:
            shown = f"auditor: {file.path}: revision {file.provenance.revision} of {file.provenance.retrieved}"
            click.echo(shown, err=True)
    for path in () if quiet else report.empty:
        click.echo(f"auditor: note: {path}: empty file, skipped", err=True)
    for problem in report.errors:
        click.echo(f"auditor: error: {problem.path}: {problem.message}", err=True)
    if report.lookups is not None and not quiet:
        click.echo(f"auditor: archive: {_lookup_counts(report.lookups)}", err=True)
    return report


def _start(paths: tuple[str, ...]) -> Path | None:
    """Where to look for the configuration from: the deepest directory holding every local path checked."""
    from .archive.articles import parse_article_spec

    local = [Path(p).resolve() for p in paths if p != "-" and parse_article_spec(p) is None and Path(p).exists()]
    if not local:
        return None
    directories = [p if p.is_dir() else p.parent for p in local]
    return Path(os.path.commonpath(directories))


def _settings(
    config_path: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    max_size: float | None,
    archive_overrides: dict[str, Any],
    discovery: dict[str, Any],
) -> Settings:
    from .config.settings import load_settings

    try:
        return load_settings(config_path, _split(select), _split(ignore), max_size, archive_overrides, **discovery)
    except AuditorError as error:
        raise UsageProblem(str(error)) from None


def _archive_options(
    settings: Settings, use_archive: bool, check_live: bool, save_missing: bool
) -> ArchiveOptions | None:
    if (check_live or save_missing) and not use_archive:
        raise UsageProblem("--check-live and --save-missing work with the archive (--archive)")
    if not use_archive:
        return None
    from .archive.gather import ArchiveOptions

    return ArchiveOptions(settings.archive, check_live=check_live, save_missing=save_missing)


def _say(line: str) -> None:
    click.echo(line, err=True)


@contextmanager
def _progress_bar(total: int, label: str) -> Iterator[Callable[[int], None] | None]:
    """A bar for a long run on a terminal; nothing when stderr is a file or a pipe (CI stays quiet)."""
    if total < 2 or not sys.stderr.isatty():
        yield None
        return
    with click.progressbar(length=total, label=label, file=sys.stderr) as bar:
        yield bar.update


@contextmanager
def _scan_progress(total: int) -> Iterator[Callable[[int, int], None] | None]:
    """A scan's bar on a terminal: how far into the dumps the pages audited reach, and how many they are."""
    if not sys.stderr.isatty():
        yield None
        return

    def pages(count: int | None) -> str | None:
        return f"{count:,} pages audited" if count is not None else None

    with click.progressbar(length=max(total, 1), label="scanning", file=sys.stderr, item_show_func=pages) as bar:

        def tick(reached: int, audited: int) -> None:
            bar.update(max(0, reached - bar.pos), audited)

        yield tick


def _lookup_counts(counts: dict[str, int]) -> str:
    total = sum(counts.values())
    if not total:
        return "no cited URLs to look up"
    parts = [f"{counts.get(kind, 0)} {kind}" for kind in ("cached", "fetched", "failed")]
    failed = " (failed lookups are unverified, not missing)" if counts.get("failed") else ""
    return f"{total} lookup{'s' if total != 1 else ''}: {', '.join(parts)}{failed}"


@main.command("rules")
def list_rules() -> None:
    """List every rule with its code, default severity and summary."""
    defaults = _rule_defaults()
    width = max(len(default.rule.name) for default in defaults)  # the longest name sets the column
    for default in defaults:
        state = "" if default.enabled else " (disabled by default)"
        click.echo(
            f"{default.rule.code}  {default.rule.name:<{width}}  {default.severity:<8} {default.rule.summary}{state}"
        )


@main.command()
@click.argument("name")
def explain(name: str) -> None:
    """Print a rule's documentation (by name or code)."""
    for default in _rule_defaults():
        if name in (default.rule.name, default.rule.code) or name.upper() == default.rule.code:
            click.echo(f"{default.rule.code} {default.rule.name} [{default.severity}]\n")
            click.echo(default.rule.doc.strip())
            return
    raise UsageProblem(f"unknown rule {name!r} (see 'auditor rules')")


def _rule_defaults() -> tuple[RuleDefaults, ...]:
    from .config.defaults import rule_defaults

    try:
        return rule_defaults()
    except AuditorError as error:
        raise UsageProblem(str(error)) from None
