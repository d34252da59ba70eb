"""The `policygen` command line. Heavy modules are imported inside each command."""

from __future__ import annotations

import datetime as dt
import gc
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from generator import __version__
from generator.errors import PolicygenError, UsageError

F = TypeVar("F", bound=Callable[..., Any])


class PolicygenGroup(click.Group):
    """Maps PolicygenError to a message on stderr and its exit code; no tracebacks."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PolicygenError as exc:
            click.echo(_format_error(exc), err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("policygen: interrupted", err=True)
            ctx.exit(130)


def _report_format(*choices: str, help: str) -> Callable[[F], F]:
    """The `--format` option of the commands that print a report (text first, the default)."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(list(choices)),
        default="text",
        show_default=True,
        help=help,
    )


def _format_error(exc: PolicygenError) -> str:
    lines = exc.message.splitlines() or [""]
    return "\n".join(f"policygen: error: {line}" for line in lines)


@click.group(cls=PolicygenGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(version=__version__, package_name="policygen")
def main() -> None:
    """Write a privacy policy that says exactly what your online store does.

    Start with `policygen wizard`, or write an answers file (see examples/)
    and run `policygen build FILE`.
    """


def entry() -> None:
    """The `policygen` console script: the click group, with the garbage collector tuned.

    A run allocates about a million objects while pydantic and Jinja load, nearly all
    of them alive until exit. At the default threshold the collector walks them over and
    over while they load, then once more as the interpreter shuts down; together that was
    ~40 ms of a 0.35 s build. Collections now start after 100,000 new objects instead of
    700 (mypy tunes its collector the same way), and at exit everything is frozen so
    shutdown does not walk it again. A build of many files returns to the usual pace once
    everything is loaded (build._collect_at_the_usual_pace), so batches keep their memory.
    """
    gc.set_threshold(100_000, 10, 10)
    try:
        main(prog_name="policygen")
    finally:
        gc.freeze()


# Files are checked by answers.read_answers, not by click: a folder or a missing file is
# then one problem line of its own, and the other files of a batch still go ahead.
answers_files = click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))


@main.command()
@answers_files
def validate(files: tuple[Path, ...]) -> None:
    """Check answers files; print FILE:LINE: field: message for each problem."""
    from generator.answers import load_profile
    from generator.errors import AnswersError

    failed = False
    for file in files:
        try:
            load_profile(file)
        except AnswersError as exc:
            failed = True
            for problem in exc.problems:
                click.echo(str(problem), err=True)
        else:
            click.echo(f"{file}: valid")
    if failed:
        sys.exit(2)


@main.command()
@answers_files
@click.option("--check", "dry_run", is_flag=True, help="Say what would change; write nothing.")
def migrate(files: tuple[Path, ...], dry_run: bool) -> None:
    """Rewrite answers files written by an earlier version in the current format.

    Only the lines that change are edited, so comments stay; a file whose changes cannot be
    made line by line is rewritten whole, and the command says so. Exit 1 with --check when a
    file would change.
    """
    from generator.answers import read_text
    from generator.errors import AnswersError
    from generator.migrate import CURRENT_VERSION, migrate_file, migrate_text

    failed = pending = False
    for file in files:
        try:
            done = migrate_text(str(file), read_text(file)) if dry_run else migrate_file(file)
        except AnswersError as exc:
            failed = True
            for problem in exc.problems:
                click.echo(str(problem), err=True)
            continue
        except OSError as exc:
            failed = True
            click.echo(f"{file}: cannot read or write the file: {exc.strerror}", err=True)
            continue
        if done.from_version >= CURRENT_VERSION:
            click.echo(f"{file}: already version {CURRENT_VERSION}")
            continue
        pending = True
        verb = "would migrate" if dry_run else "migrated"
        click.echo(f"{file}: {verb} from version {done.from_version} to {CURRENT_VERSION}")
        for change in done.changes:
            click.echo(f"  - {change.note}")
        if not done.kept_comments:
            click.echo("  note: the file was rewritten whole, so its comments were not kept")
    if failed:
        sys.exit(2)
    if dry_run and pending:
        sys.exit(1)


@main.command()
@answers_files
@click.option(
    "--format",
    "formats",
    default="md,html,pdf",
    show_default=True,
    metavar="LIST",
    help="Comma-separated formats to write: md, html, pdf.",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("output"),
    show_default=True,
    help="Folder for the outputs; each file builds into OUT/<file name>/.",
)
@click.option(
    "--jobs", "-j", type=click.IntRange(min=1), help="Parallel processes [default: CPU count]."
)
@click.option("--fragment", is_flag=True, help="Write the HTML body alone, for pasting into a CMS.")
@click.option(
    "--templates",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    help="Folder whose clauses/, html/page.html.j2, html/policy.css and pdf/print.css "
    "replace the built-in files of the same name.",
)
@click.option("--annotate", is_flag=True, help="Add an appendix mapping sections to the law.")
@click.option(
    "--since",
    type=click.Path(path_type=Path, dir_okay=False),
    metavar="OLD",
    help="The earlier answers file: add the changes to the revision history, update the "
    "date, and write changes.md and changes.html (a notice to customers).",
)
@click.option(
    "--git", "since_git", metavar="REV", help="Like --since, with FILE as it was at git REV."
)
@click.option(
    "--record",
    is_flag=True,
    help="With --since or --git: write the revision entry and date into FILE (comments kept).",
)
@click.option(
    "--archive",
    is_flag=True,
    help="Also keep this version under OUT/<file name>/versions/<date>/, with an index page.",
)
def build(
    files: tuple[Path, ...],
    formats: str,
    out: Path,
    jobs: int | None,
    fragment: bool,
    templates: Path | None,
    annotate: bool,
    since: Path | None,
    since_git: str | None,
    record: bool,
    archive: bool,
) -> None:
    """Build privacy policies: OUT/<file name>/privacy-policy.{md,html,pdf}.

    With --since OLD (or --git REV) for one FILE, the policy gets a revision entry for what
    changed and today's date as last updated (or the later date FILE gives), and a notice
    to customers is written beside it: changes.md and changes.html.
    """
    from generator import build as builder

    if (since or since_git) and len(files) != 1:
        raise UsageError("--since and --git compare one answers file with its earlier version")
    if since and since_git:
        raise UsageError("name the earlier version once: --since OLD or --git REV")
    if record and not (since or since_git):
        raise UsageError("--record writes the revision found with --since or --git; add one")
    options = builder.BuildOptions(
        formats=builder.parse_formats(formats),
        out=out,
        templates=templates,
        annotate=annotate,
        fragment=fragment,
        since=since,
        since_git=since_git,
        record=record,
        archive=archive,
    )
    sys.exit(_print_report(builder.run(files, options, jobs)))


@main.command()
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), help="Write to a file.")
@click.option(
    "--services",
    "of_services",
    is_flag=True,
    help="The schema of service catalog entries (schema/service.schema.json) instead.",
)
def schema(out: Path | None, of_services: bool) -> None:
    """Print the JSON Schema of answers files (for editor completion and checks)."""
    from generator.schema import schema_text, service_schema_text

    text = service_schema_text() if of_services else schema_text()
    if out is None:
        click.echo(text, nl=False)
    else:
        from generator.output import write_atomic

        write_atomic(out, text.encode("utf-8"))
        click.echo(f"wrote {out}")


@main.command()
@answers_files
@_report_format("text", "json", "markdown", help="How to print the report.")
@click.option(
    "--templates",
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder of clause templates that override the built-in ones.",
)
@click.option(
    "--as-of",
    "as_of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    metavar="DATE",
    help="Judge the law as of this day (YYYY-MM-DD), for reproducible CI runs [default: today].",
)
def check(
    files: tuple[Path, ...], fmt: str, templates: Path | None, as_of: dt.datetime | None
) -> None:
    """Show which laws apply today, what the policy covers or misses, and clashing answers.

    The policy is checked as `build` writes it (worded for its own date), against the
    law in force on the check date.

    Exit status: 0 clean, 1 something to fix, 2 an answers file is invalid.
    """
    from generator.answers import load_profile
    from generator.check import check_profile, render_reports
    from generator.errors import AnswersError

    reports = []
    invalid = False
    for file in files:
        try:
            profile = load_profile(file)
        except AnswersError as exc:
            invalid = True
            for problem in exc.problems:
                click.echo(str(problem), err=True)
            continue
        reports.append(
            check_profile(
                profile,
                source=str(file),
                templates_dir=templates,
                on=as_of.date() if as_of else None,
            )
        )
    if reports:
        click.echo(render_reports(reports, fmt), nl=False)
    if invalid:
        sys.exit(2)
    if not all(report.clean for report in reports):
        sys.exit(1)


@main.command(name="laws")
@_report_format("text", "json", help="How to print the list.")
def laws_command(fmt: str) -> None:
    """List every law and requirement id that `check` knows, with citation, type and start date.

    Type: S the store supplies an answer, F fixed text serves, C only when its trigger holds.
    """
    import json

    from generator.laws import catalogue

    laws = catalogue()
    if fmt == "json":
        click.echo(json.dumps(laws, indent=2, ensure_ascii=False))
        return
    for law in laws:
        since = f" (in force from {law['in_force']})" if law["in_force"] else ""
        click.echo(f"{law['name']} [{law['id']}]{since}")
        for r in law["requirements"]:  # type: ignore[attr-defined]
            start = f", from {r['since']}" if r["since"] else ""
            click.echo(f"  {r['id']:<10} {r['kind']:<4} {r['cite']}{start}: {r['text']}")


@main.command()
@click.argument("query", required=False)
@_report_format("text", "json", help="How to print the list or the entry.")
def services(query: str | None, fmt: str) -> None:
    """List the catalog of services stores use, grouped by kind, or show one.

    QUERY is an id, name or alias (shows that entry with every fact's source and the
    day it was checked), a kind such as 'payment', or part of a name (lists matches).
    Exit status: 0 found, 2 nothing matches.
    """
    from generator.services.catalog import catalog
    from generator.services.show import as_json, list_text, show_text

    known = catalog()
    if query is None:
        found = known.services()
    else:
        entry = known.get(query)
        if entry is not None:
            click.echo(as_json(entry) if fmt == "json" else show_text(entry), nl=False)
            return
        found = known.search(query)
        if not found:
            known.lookup(query)  # raises with near names
    click.echo(as_json(found) if fmt == "json" else list_text(found), nl=False)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--answers",
    "answers_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Compare with this answers file: list the services it does not name.",
)
@click.option(
    "--write",
    "write_answers",
    is_flag=True,
    help="Add the services the answers file does not name to it (needs --answers), "
    "as `service: ID` recipients and tracking tools; the rest of the file stays as it is.",
)
@click.option(
    "--dry-run",
    is_flag=True,
    help="With --write: print the change as a unified diff and leave the file as it is.",
)
@_report_format("text", "json", help="How to print what was found.")
def scan(
    files: tuple[Path, ...],
    answers_file: Path | None,
    write_answers: bool,
    dry_run: bool,
    fmt: str,
) -> None:
    """Find catalog services in pages (.html) or HAR files (.har) saved from your store.

    Reads only the files given (no network access): script and pixel addresses, cookies
    (HAR files) and well-known snippets, and prints each service with its evidence
    (file and line, or request). With --answers, services the answers file does not
    name are listed as undisclosed. With --write as well, they are added to it: each
    as a recipient (`service: ID` under sharing.recipients) and, when it runs on the
    site as a tracker, as a tracking tool (under cookies.tools, adding its kind of
    cookie to cookies.kinds); comments and every other answer stay byte for byte.

    Exit status: 0 done (and, with --answers, every service found is named, after
    --write if given), 1 some service is not in the answers, 2 a file cannot be read or
    the answers file cannot be edited in place.
    """
    import json

    from generator.services.catalog import catalog
    from generator.services.scan import disclosed, scan_files

    if write_answers and answers_file is None:
        raise UsageError("--write needs --answers FILE: the answers file to add services to")
    if dry_run and not write_answers:
        raise UsageError("--dry-run previews --write; give both (and --answers FILE)")
    findings = scan_files(files, catalog())
    missing: list[str] = []
    written = None
    if answers_file is not None:
        from generator.answers import load_profile

        profile = load_profile(answers_file)
        missing = [f.service.id for f in findings if not disclosed(f.service, profile)]
        if write_answers:
            from generator.services.write import plan_write, write

            written = plan_write(answers_file, findings)
            if not dry_run:
                write(written)
                added = {a.service.id for a in written.added}
                missing = [sid for sid in missing if sid not in added]
    if fmt == "json":
        payload: dict[str, Any] = {
            "found": [
                {
                    "service": f.service.id,
                    "name": f.service.name,
                    "kind": f.service.kind.value,
                    "evidence": [
                        {"file": e.file, "where": e.where, "what": e.what, "text": e.text}
                        for e in f.evidence
                    ],
                }
                for f in findings
            ],
            "undisclosed": missing,
        }
        if written is not None:
            payload["written"] = not dry_run and written.changed
            payload["added"] = [
                {
                    "service": a.service.id,
                    "as": ["recipient", "tool"] if a.tool else ["recipient"],
                    "evidence": str(a.evidence[0]),
                }
                for a in written.added
            ]
            payload["cookie_kinds_added"] = [k.value for k in written.kinds]
            payload["skipped"] = [
                {"service": s.service.id, "reason": s.reason, "named_at": s.named}
                for s in written.skipped
            ]
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
        if missing:
            sys.exit(1)
        return
    click.echo(f"{len(findings)} catalog services found in {len(files)} file(s).")
    for f in findings:
        click.echo(f"{f.service.name} [{f.service.id}] ({f.service.kind.value})")
        for e in f.evidence:
            click.echo(f"  {e}")
    if written is not None:
        _print_written(written, dry_run)
    elif answers_file is not None:
        if missing:
            click.echo(f"Not named in {answers_file} (add `service: ID` to a recipient or tool):")
            click.echo("".join(f"  {sid}\n" for sid in missing), nl=False)
        else:
            click.echo(f"{answers_file} names every service found.")
    if missing:
        sys.exit(1)


def _print_written(written: Any, dry_run: bool) -> None:
    """What `scan --write` added to the answers file and what it skipped, and why."""
    import difflib

    path = written.path
    if dry_run and written.changed:
        diff = difflib.unified_diff(
            written.old.splitlines(keepends=True),
            written.new.splitlines(keepends=True),
            fromfile=str(path),
            tofile=f"{path} (with the services found)",
        )
        click.echo("".join(diff), nl=False)
    if written.added:
        verb = "Would add" if dry_run else "Added"
        click.echo(f"{verb} to {path}:")
        for a in written.added:
            more = f" (and {len(a.evidence) - 1} more)" if len(a.evidence) > 1 else ""
            click.echo(f"  {a.service.id} as {a.as_what}: {a.evidence[0]}{more}")
        if written.kinds:
            kinds = ", ".join(k.value for k in written.kinds)
            click.echo(f"  cookies.kinds: {kinds} (the kinds of cookie these tools set)")
    named = [s for s in written.skipped if s.named]
    if named:
        where = ", ".join(f"{s.service.id} ({s.named})" for s in named)
        click.echo(f"Already named in {path}: {where}.")
    others = [s for s in written.skipped if not s.named]
    if others:
        click.echo("Not added:")
        for s in others:
            click.echo(f"  {s.service.id}: {s.reason}")
    if not written.added:
        click.echo(f"Nothing to add to {path}.")
    elif not dry_run:
        click.echo(
            "The catalog fills in each one's facts; check them (`policygen services ID`) "
            f"and run `policygen check {path}`."
        )


@main.command()
@click.argument(
    "answers_file",
    required=False,
    default=Path("my-store.yaml"),
    type=click.Path(path_type=Path, dir_okay=False),
)
@click.option(
    "--from",
    "from_file",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="Start from the answers in an existing answers file.",
)
def wizard(answers_file: Path, from_file: Path | None) -> None:
    """Answer questions about your store; saves ANSWERS_FILE [default: my-store.yaml]."""
    from generator import build as builder
    from generator.wizard.session import Interrupted
    from generator.wizard.terminal import offer_build
    from generator.wizard.terminal import wizard as interview

    try:
        interview(answers_file, from_file)
    except Interrupted as exc:
        click.echo(f"\npolicygen: {exc.message}", err=True)
        sys.exit(exc.exit_code)
    offer_build(
        answers_file,
        lambda file: _print_report(builder.run([file], builder.BuildOptions(), jobs=1)),
    )


def _print_report(report: Any) -> int:
    """Print a build report (``build.Report``); its exit code."""
    click.echo(report.out, nl=False)
    click.echo(report.err, nl=False, err=True)
    return int(report.exit_code)


@main.command()
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", required=False, type=click.Path(path_type=Path))
@click.option(
    "--git",
    "revision",
    metavar="REV",
    help="Compare FILE with itself at this git revision (e.g. HEAD, HEAD~1, a tag).",
)
@_report_format("text", "markdown", "json", help="How to print the changes.")
def diff(old: Path, new: Path | None, revision: str | None, fmt: str) -> None:
    """What changed between two versions of an answers file, as the policy would say it.

    `policygen diff OLD NEW` compares two files; `policygen diff FILE --git REV` compares
    FILE with itself at a git revision. Each change is marked material or not, with the
    reason, followed by what the laws that apply then ask (notice, consent, a new date).

    Exit status: 0 no changes, 1 changes found, 2 bad input.
    """
    from generator.versions.diff import compare
    from generator.versions.load import earlier, load_file
    from generator.versions.notice import report

    if new is None:
        if revision is None:
            raise UsageError("name two answers files (OLD NEW), or one file and --git REV")
        current, before = load_file(old), earlier(old, None, revision)
    else:
        if revision is not None:
            raise UsageError("--git compares one file with its history; name one file with it")
        before, current = load_file(old), load_file(new)
    from generator.dates import dates_as_in

    comparison = compare(before.profile, current.profile)
    # The notice is for the store's customers: dated as its policy is.
    with dates_as_in(current.profile.business.address.country):
        text = report(comparison, fmt, before.name, current.name)
    click.echo(text, nl=False)
    sys.exit(1 if comparison.changes else 0)
