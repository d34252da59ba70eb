"""What a build with ``--since`` (or ``--git``) adds: the comparison with the earlier
version, the revision entry and new date in the policy as printed, and the notice to
customers (changes.md, changes.html) written beside the policy."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from generator.build import BuildOptions
    from generator.model import StoreProfile
    from generator.model.commitments import Revision
    from generator.versions.diff import Comparison

NOTICE_NAME = "changes"


class Since(NamedTuple):
    profile: StoreProfile
    """The profile to build: re-dated, with the revision in its history (unchanged when
    nothing changed)."""
    comparison: Comparison
    revision: Revision | None
    files: dict[str, bytes]
    """changes.md and changes.html, by name inside the output folder."""
    notes: tuple[str, ...]


def since(
    source: Path, profile: StoreProfile, options: BuildOptions, today: dt.date | None = None
) -> Since:
    """The build's profile and notice after comparing ``profile`` with its earlier version."""
    from generator.versions.diff import compare
    from generator.versions.history import entry, revision_day, with_revision
    from generator.versions.load import earlier
    from generator.versions.notice import notice_html, notice_markdown

    before = earlier(source, options.since, options.since_git)
    comparison = compare(before.profile, profile)
    if not comparison.changes:
        note = f"no changes since {before.name}: no notice written, no revision added"
        return Since(profile, comparison, None, {}, (note,))
    day = revision_day(before.profile, profile, today or dt.date.today())
    revision = entry(comparison, day)
    revised = with_revision(profile, revision)
    markdown = notice_markdown(comparison, revised)
    files: dict[str, bytes] = {}
    if "md" in options.formats:
        files[f"{NOTICE_NAME}.md"] = markdown.encode("utf-8")
    if "html" in options.formats or "pdf" in options.formats:
        files[f"{NOTICE_NAME}.html"] = notice_html(markdown, revised).encode("utf-8")
    count = len(comparison.material)
    note = (
        f"{len(comparison.changes)} changes since {before.name} ({count} material); "
        f"policy dated {day.isoformat()}"
    )
    return Since(revised, comparison, revision, files, (note,))


def record(source: Path, done: Since) -> tuple[str, ...]:
    """Write the build's revision entry into the answers file; what to tell the user."""
    from generator.versions.history import record as write_entry

    if done.revision is None:
        return ()
    return (write_entry(source, done.revision).note,)
