"""Build answers files into privacy-policy.{md,html,pdf}, one folder per file, in parallel.

Each file is rendered completely in memory before anything is written, and every write is
atomic, so a file that fails (bad answers, a broken template, a failed PDF) leaves the
outputs of an earlier build untouched. One bad file never stops the others.
"""

from __future__ import annotations

import gc
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, NoReturn

from generator.dates import dates_as_in
from generator.document import PolicyDocument
from generator.errors import PolicygenError, UsageError

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

    from generator.model import StoreProfile

FORMATS = ("md", "html", "pdf")
OUTPUT_NAME = "privacy-policy"
DEFAULT_OUT = Path("output")


class BuildOptions(NamedTuple):
    """What to build and where; the same for every file in a batch."""

    formats: tuple[str, ...] = FORMATS
    out: Path = DEFAULT_OUT
    templates: Path | None = None
    annotate: bool = False
    fragment: bool = False
    since: Path | None = None
    """An earlier answers file: write changes.md/html and add a revision entry (versions)."""
    since_git: str | None = None
    """The same, with the earlier version read from git at this revision."""
    record: bool = False
    """Write the revision entry back into the answers file."""
    archive: bool = False
    """Keep this version under OUT/<file>/versions/<date>/ with an index page."""

    @property
    def compares(self) -> bool:
        """Whether the build compares with an earlier version (--since or --git)."""
        return self.since is not None or self.since_git is not None

    @property
    def publishes(self) -> bool:
        """Whether the Markdown is turned into HTML or PDF, the part a helper can do."""
        return "html" in self.formats or "pdf" in self.formats


class BuildResult(NamedTuple):
    """The outcome for one answers file: what was written, or why nothing was."""

    source: Path
    written: tuple[Path, ...] = ()
    errors: tuple[str, ...] = ()
    exit_code: int = 0
    warnings: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    """What else the build did or found (a revision recorded, no changes since ...)."""

    @property
    def ok(self) -> bool:
        return not self.errors


def parse_formats(text: str) -> tuple[str, ...]:
    """`md,html` -> ("md", "html") in canonical order; UsageError for an unknown format."""
    wanted = {part.strip().lower() for part in text.split(",") if part.strip()}
    unknown = sorted(wanted - set(FORMATS))
    if unknown or not wanted:
        raise UsageError(
            f"unknown format {', '.join(unknown) or repr(text)}: choose from {', '.join(FORMATS)}"
        )
    return tuple(f for f in FORMATS if f in wanted)


def output_dir(source: Path, options: BuildOptions) -> Path:
    """OUT/<folder_name(source)>: always one folder directly inside ``options.out``."""
    return options.out / folder_name(source)


# Anything but letters, digits, '_', '.' and '-' becomes one '-'.
_UNSAFE_RUN = re.compile(r"[^\w.-]+")
FALLBACK_FOLDER = "policy"


def folder_name(source: Path) -> str:
    """A safe folder name from an answers file's name: its stem as a slug, never empty,
    '.' or '..' ('...yaml' has the stem '..'), never starting with '.' or '-'."""
    slug = _UNSAFE_RUN.sub("-", source.stem).strip(".-")
    return slug or FALLBACK_FOLDER


def check_sources(files: Sequence[Path]) -> None:
    """Two files with the same folder name would build into one folder: refuse up front."""
    seen: dict[str, Path] = {}
    for file in files:
        name = folder_name(file)
        if name in seen and seen[name] != file:
            raise UsageError(
                f"{seen[name]} and {file} would both build into the folder "
                f"'{name}'; rename one of them"
            )
        seen[name] = file


class Published(NamedTuple):
    """The bytes of a policy's published formats (HTML, PDF), and what to warn about."""

    files: dict[str, bytes]
    warnings: tuple[str, ...] = ()


# Turns a composed policy into its published formats.
Publisher = Callable[[PolicyDocument], Published]


def build_file(
    source: Path, options: BuildOptions, publisher: Publisher | None = None
) -> BuildResult:
    """Build one answers file; every problem becomes part of the result, never an exception."""
    try:
        written, warnings, notes = _build(source, options, publisher)
        return BuildResult(source, written=written, warnings=warnings, notes=notes)
    except PolicygenError as exc:
        return BuildResult(source, errors=_error_lines(source, exc), exit_code=exc.exit_code)
    except Exception as exc:  # a bug must not take the rest of the batch down with it
        message = f"{source}: internal error: {type(exc).__name__}: {exc}"
        return BuildResult(source, errors=(message,), exit_code=1)


def _build(
    source: Path, options: BuildOptions, publisher: Publisher | None
) -> tuple[tuple[Path, ...], tuple[str, ...], tuple[str, ...]]:
    from generator.answers import load_profile

    profile = load_profile(source)
    # The notices and version pages written with the policy date things as it does.
    with dates_as_in(profile.business.address.country):
        return _build_profile(source, profile, options, publisher)


def _build_profile(
    source: Path, profile: StoreProfile, options: BuildOptions, publisher: Publisher | None
) -> tuple[tuple[Path, ...], tuple[str, ...], tuple[str, ...]]:
    from generator.compose import render_policy

    since = None
    if options.compares:
        from generator.versions import build as versions

        since = versions.since(source, profile, options)
        profile = since.profile
    doc = render_policy(profile, options.templates, annotate=options.annotate)
    rendered = {"md": doc.markdown.encode("utf-8")} if "md" in options.formats else {}
    warnings: tuple[str, ...] = ()
    if options.publishes:
        published = publisher(doc) if publisher else publish(doc, options)
        rendered.update(published.files)
        warnings = published.warnings
    folder = output_dir(source, options)
    extra: dict[Path, bytes] = {}
    notes: tuple[str, ...] = ()
    if since is not None:
        extra.update({folder / name: data for name, data in since.files.items()})
        notes = since.notes
    if options.archive:
        from generator.versions.history import archive_files

        extra.update(
            archive_files(
                folder, profile.policy.updated, rendered, doc.store_name, profile.policy.language
            )
        )
    written = write_outputs(folder, rendered, extra)
    if since is not None and options.record:
        from generator.versions import build as versions

        notes += versions.record(source, since)
    return written, warnings, notes


def publish(doc: PolicyDocument, options: BuildOptions) -> Published:
    """The HTML and PDF bytes wanted by ``options``; the page is rendered once for both.
    Warnings name what a user's stylesheet asked for and the PDF renderer refused."""
    from generator.render.html import render_html

    out: dict[str, bytes] = {}
    refused: list[str] = []
    needs_page = "pdf" in options.formats or not options.fragment
    page = render_html(doc, templates_dir=options.templates) if needs_page else ""
    if "html" in options.formats:
        html = render_html(doc, fragment=True) if options.fragment else page
        out["html"] = html.encode("utf-8")
    if "pdf" in options.formats:
        from generator.render.pdf import render_pdf

        out["pdf"] = render_pdf(doc, page, options.templates, refused=refused)
    return Published(out, tuple(refused))


def _warm_up(options: BuildOptions) -> None:
    """Load what publishing needs (markdown-it and the page; WeasyPrint and fonts)."""
    from generator.render.html import warm_up as warm_up_html

    warm_up_html(options.templates)
    if "pdf" in options.formats:
        from generator.render.pdf import warm_up as warm_up_pdf

        warm_up_pdf()


class PublishingHelper:
    """A process forked before the policy is composed, to publish it once it is.

    Loading markdown-it (~30 ms), and for a PDF WeasyPrint and its fonts (~0.4 s), takes
    about as long as reading the answers and composing the policy, so the helper loads
    while this process composes. The policy goes to it through one pipe and the HTML and
    PDF bytes come back through another. A bare fork and two pipes start in ~2 ms, where
    concurrent.futures took ~20 ms and cancelled out the gain for an md+html build. If the
    helper dies, this process publishes the policy itself.
    """

    def __init__(self, options: BuildOptions) -> None:
        self._options = options
        inbox, self._to_helper = os.pipe()
        self._from_helper, outbox = os.pipe()
        self._pid = os.fork()
        if self._pid == 0:
            os.close(self._to_helper)
            os.close(self._from_helper)
            _helper_main(inbox, outbox, options)
        os.close(inbox)
        os.close(outbox)

    def publish(self, doc: PolicyDocument) -> Published:
        outcome = self._exchange(doc)
        if isinstance(outcome, PolicygenError):
            raise outcome
        return outcome if outcome is not None else publish(doc, self._options)

    def _exchange(self, doc: PolicyDocument) -> Published | PolicygenError | None:
        """The helper's answer for ``doc``, or None if the helper is gone."""
        import pickle

        try:
            with os.fdopen(self._to_helper, "wb") as pipe:
                pickle.dump(doc, pipe)
        except BrokenPipeError:
            return None
        finally:
            self._to_helper = -1
        with os.fdopen(self._from_helper, "rb") as pipe:
            self._from_helper = -1
            try:
                outcome: Published | PolicygenError = pickle.load(pipe)
            except (EOFError, pickle.UnpicklingError):
                return None
        return outcome

    def close(self) -> None:
        """Let the helper go (it exits when its pipe closes unread) and wait for it."""
        for fd in (self._to_helper, self._from_helper):
            if fd >= 0:
                os.close(fd)
        self._to_helper = self._from_helper = -1
        os.waitpid(self._pid, 0)


def _helper_main(inbox: int, outbox: int, options: BuildOptions) -> NoReturn:
    """The helper's whole life. It never returns into the caller's code, and leaves with
    os._exit so that nothing of the parent's (buffered output, exit handlers) runs twice."""
    import pickle

    code = 1
    try:
        _warm_up(options)
        with os.fdopen(inbox, "rb") as pipe:
            sent = pipe.read()
        if sent:  # nothing is sent when the policy failed to compose
            outcome: Published | PolicygenError
            try:
                outcome = publish(pickle.loads(sent), options)
            except PolicygenError as exc:
                outcome = exc
            with os.fdopen(outbox, "wb") as pipe:
                pickle.dump(outcome, pipe)
        code = 0
    finally:
        os._exit(code)


def write_outputs(
    folder: Path, rendered: dict[str, bytes], extra: dict[Path, bytes] | None = None
) -> tuple[Path, ...]:
    """Write one store's outputs all together or not at all (``output.write_all_atomic``),
    after removing temporaries a killed earlier run left in its folder. ``extra`` are other
    files of the same build (the change notice, archived copies) written with them."""
    from generator.output import remove_stale, write_all_atomic

    remove_stale(
        folder, [f"{OUTPUT_NAME}.{fmt}" for fmt in FORMATS] + ["changes.md", "changes.html"]
    )
    files = {folder / f"{OUTPUT_NAME}.{fmt}": data for fmt, data in rendered.items()}
    files.update(extra or {})
    write_all_atomic(files)
    return tuple(files)


def _error_lines(source: Path, exc: PolicygenError) -> tuple[str, ...]:
    from generator.errors import AnswersError

    if isinstance(exc, AnswersError):
        return tuple(str(problem) for problem in exc.problems)
    lines = exc.message.splitlines() or [""]
    # Answers problems name their file already; other errors get it prefixed.
    return tuple(line if line.startswith(str(source)) else f"{source}: {line}" for line in lines)


def build_many(
    files: Sequence[Path],
    options: BuildOptions,
    jobs: int | None = None,
    on_result: Callable[[BuildResult], None] | None = None,
) -> list[BuildResult]:
    """Build every file, over ``jobs`` processes (default: the CPU count); results in order."""
    check_sources(files)
    results: dict[Path, BuildResult] = {}
    for result in _results(files, options, jobs):
        results[result.source] = result
        if on_result is not None:
            on_result(result)
    return [results[file] for file in files]


def _results(
    files: Sequence[Path], options: BuildOptions, jobs: int | None
) -> Iterator[BuildResult]:
    workers = max(1, min(jobs or os.cpu_count() or 1, len(files)))
    spare_cores = (jobs or os.cpu_count() or 1) > 1
    if len(files) == 1:
        if options.publishes and spare_cores and sys.platform == "linux" and _helper_pays(options):
            helper = PublishingHelper(options)
            try:
                yield build_file(files[0], options, helper.publish)
            finally:
                helper.close()
        else:
            yield build_file(files[0], options)
        return
    _preload(options)
    _collect_at_the_usual_pace()
    if workers == 1:
        for file in files:
            yield build_file(file, options)
        return
    from concurrent.futures import ProcessPoolExecutor, as_completed

    with ProcessPoolExecutor(max_workers=workers, mp_context=_fork_context()) as pool:
        futures = [pool.submit(build_file, file, options) for file in files]
        for future in as_completed(futures):
            yield future.result()


# Linux's count of tasks running or ready to run this instant, with the load averages.
LOADAVG = Path("/proc/loadavg")


def _helper_pays(options: BuildOptions) -> bool:
    """Whether publishing in a helper beats publishing here, on a machine with 2+ cores.

    For a PDF it does even on a busy machine: loading WeasyPrint (~0.4 s) overlaps with
    composing (md+html+pdf 1.80 s with a helper, 1.96 s without on an idle machine, 1.91
    and 1.93 s with another program keeping one of two cores busy). For HTML alone the
    gain is smaller than the helper's own start-up unless the helper has a core to itself
    (md+html 0.34 and 0.36 s on an idle machine; 0.40 and 0.35 s on the busy one).
    """
    return "pdf" in options.formats or _idle_core()


def _idle_core() -> bool:
    """Whether a core is free right now: fewer tasks are running than there are cores
    (this process is one of them). Unknown (no /proc): assume a free core."""
    try:
        running = int(LOADAVG.read_text(encoding="ascii").split()[3].split("/")[0])
    except (OSError, ValueError, IndexError):
        return True
    return running < (os.cpu_count() or 1)


def _preload(options: BuildOptions) -> None:
    """Import the heavy modules once in the parent, so forked workers start with them."""
    import generator.answers
    import generator.compose
    from generator.model import StoreProfile

    # The model's validator is built on first use (model.base.Part); build it here once,
    # not once in every worker.
    StoreProfile.model_rebuild()
    if options.publishes:
        import generator.render.html  # noqa: F401
    if "pdf" in options.formats:
        import weasyprint  # noqa: F401


# Python's own setting, which cli.entry() raises for the start-up of a short run.
USUAL_GC_THRESHOLD = (700, 10, 10)


def _collect_at_the_usual_pace() -> None:
    """Before building many files: garbage from each build must not pile up until the next
    rare collection (that took a batch of 200 from 129 to 264 MB). What is loaded by now
    lives until exit, so it is frozen and the more frequent collections skip it; forked
    workers inherit both settings."""
    gc.freeze()
    gc.set_threshold(*USUAL_GC_THRESHOLD)


def _fork_context() -> BaseContext:
    import multiprocessing

    # Forked workers share the parent's imports; elsewhere use the platform default.
    if sys.platform == "linux":
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


class Report(NamedTuple):
    """What `policygen build` says: lines for stdout and for stderr, and its exit code."""

    out: str
    err: str
    exit_code: int


def run(files: Sequence[Path], options: BuildOptions, jobs: int | None = None) -> Report:
    """The `policygen build` command: build every file and say how each went (the CLI
    prints the report)."""
    return report(_build_with_progress(files, options, jobs), options)


def report(results: Sequence[BuildResult], options: BuildOptions) -> Report:
    """What to tell the user about ``results``: one line per file written, every error and
    warning line, a count of failures for a batch; the exit code is the worst file's."""
    out: list[str] = []
    err: list[str] = []
    for result in results:
        if result.ok:
            folder = output_dir(result.source, options)
            names = ", ".join(_shown(path, folder) for path in result.written)
            out.append(f"{result.source}: wrote {folder}/ ({names})")
            out.extend(f"{result.source}: {note}" for note in result.notes)
        err.extend(f"{result.source}: warning: {w}" for w in result.warnings)
        err.extend(result.errors)
    failed = [r for r in results if not r.ok]
    if failed and len(results) > 1:
        err.append(f"{len(failed)} of {len(results)} files failed to build")
    code = max((r.exit_code for r in failed), default=0)
    return Report("".join(f"{line}\n" for line in out), "".join(f"{line}\n" for line in err), code)


def _shown(path: Path, folder: Path) -> str:
    """A written file as the report names it: its path inside the store's folder."""
    try:
        return path.relative_to(folder).as_posix()
    except ValueError:
        return str(path)


def _build_with_progress(
    files: Sequence[Path], options: BuildOptions, jobs: int | None
) -> list[BuildResult]:
    """A progress bar on a terminal for batches; nothing extra when output is redirected."""
    if len(files) < 2 or not sys.stderr.isatty():
        return build_many(files, options, jobs)
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    columns = (
        "{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
    )
    # No auto-refresh: its thread would be running when the worker processes are forked.
    progress = Progress(*columns, console=Console(stderr=True), transient=True, auto_refresh=False)
    with progress:
        task = progress.add_task("Building", total=len(files))

        def advance(_: BuildResult) -> None:
            progress.advance(task)
            progress.refresh()

        progress.refresh()
        return build_many(files, options, jobs, on_result=advance)
