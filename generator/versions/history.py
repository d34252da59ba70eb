"""The history a policy prints: a revision entry for a build with ``--since``, the entry
written back into the answers file (``--record``, comments kept), and the archive of
published versions (``--archive``)."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from generator.errors import OutputError

if TYPE_CHECKING:
    from generator.model import StoreProfile
    from generator.model.commitments import Revision
    from generator.versions.diff import Comparison


def revision_day(old: StoreProfile, new: StoreProfile, today: dt.date) -> dt.date:
    """The day the new version is published: the owner's ``last_updated`` when it is later
    than the old version's date, else today. An effective date alone is when the version
    takes effect, which may be later than the day it is published (the notice period)."""
    given = new.policy.last_updated
    return given if given is not None and given > old.policy.updated else today


def entry(comparison: Comparison, day: dt.date) -> Revision:
    """The revision entry for the changes: material ones first, as plain sentences.
    ``practices_changed`` is false only when nothing but wording and contacts changed."""
    from generator.model.commitments import Revision

    ordered = comparison.material + comparison.minor
    practices = any(c.kind not in ("wording", "contact") for c in comparison.changes)
    return Revision(
        date=day,
        changes=[c.plain for c in ordered],
        practices_changed=practices,
        material=bool(comparison.material),
    )


def with_revision(profile: StoreProfile, revision: Revision) -> StoreProfile:
    """The profile last updated on the revision's date, with the revision in its history.
    An entry already dated that day keeps the owner's sentences and gains ours after them."""
    policy = profile.policy
    revisions = list(policy.revisions)
    for i, held in enumerate(revisions):
        if held.date == revision.date:
            more = [c for c in revision.changes if c not in held.changes]
            revisions[i] = held.model_copy(
                update={
                    "changes": [*held.changes, *more],
                    "practices_changed": held.practices_changed or revision.practices_changed,
                    "material": held.material or revision.material,
                }
            )
            break
    else:
        revisions.append(revision)
    updated = policy.model_copy(update={"last_updated": revision.date, "revisions": revisions})
    return profile.model_copy(update={"policy": updated})


# ---- writing the entry back into the answers file ------------------------------------------


class Recorded(NamedTuple):
    written: bool
    """Whether the file changed."""
    kept_comments: bool
    note: str


_SCALAR_LINE = re.compile(
    r"^(?P<head>\s*last_updated:\s*)(?P<value>[^\s#][^#]*?)(?P<tail>\s*(#.*)?\n?)$"
)


def record(path: Path, revision: Revision) -> Recorded:
    """Write ``revision`` and its date as ``policy.last_updated`` into the answers file.

    YAML is edited line by line, so comments and layout stay; a file whose ``policy`` part is
    not written in block style (or JSON) is rewritten whole, and the note says so. Nothing is
    written when the file already has an entry of that date. The result is read back through
    the answers loader before it replaces the file."""
    from generator.answers import dumps_data, parse_answers, profile_from_answers, read_text
    from generator.output import write_atomic

    name = str(path)
    text = read_text(path)
    data, positions = parse_answers(name, text)
    policy = data.get("policy") if isinstance(data.get("policy"), dict) else None
    if policy is None:
        raise OutputError(f"{path}: no policy section to record the revision in")
    for held in policy.get("revisions") or []:
        if isinstance(held, dict) and str(held.get("date")) == revision.date.isoformat():
            return Recorded(False, True, f"{path} already has a revision dated {revision.date}")
    edited = None
    is_json = name.lower().endswith(".json")
    if not is_json:
        edited = _edit(text, policy, positions.line_of, revision)
    kept = edited is not None or is_json  # JSON has no comments to keep
    if edited is None:
        items = [*(policy.get("revisions") or []), _entry_data(revision)]
        updated = {
            **data,
            "policy": {**policy, "last_updated": revision.date.isoformat(), "revisions": items},
        }
        edited = dumps_data(updated, name)
    # The edit must say what we meant, read by the same loader as any answers file.
    check, check_positions = parse_answers(name, edited)
    profile = profile_from_answers(check, source=name, positions=check_positions)
    if profile.policy.last_updated != revision.date or revision not in profile.policy.revisions:
        raise OutputError(f"{path}: could not record the revision; the file was left as it was")
    write_atomic(path, edited.encode("utf-8"))
    note = f"recorded the revision of {revision.date} in {path}"
    if not kept:
        note += " (the file was rewritten whole, so its comments were not kept)"
    return Recorded(True, kept, note)


def _entry_data(revision: Revision) -> dict[str, object]:
    # As the answers file holds any answer: what differs from the model's defaults.
    data: dict[str, object] = revision.model_dump(mode="json", exclude_defaults=True)
    return data


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _edit(
    text: str,
    policy: dict[str, object],
    at: Callable[[Sequence[int | str]], int | None],
    revision: Revision,
) -> str | None:
    """The text with the date and the entry added line by line, or None where that is unsafe."""
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    policy_line = at(("policy",))
    first_key = at(("policy", next(iter(policy))))
    if policy_line is None or first_key is None or first_key <= policy_line:
        return None  # a flow mapping on one line
    indent = " " * _indent(lines[first_key - 1])
    # The date: replace the value where the key is, else add it after the effective date.
    day = f"'{revision.date.isoformat()}'"
    if "last_updated" in policy:
        number = at(("policy", "last_updated"))
        match = _SCALAR_LINE.match(lines[number - 1]) if number else None
        if number is None or match is None:
            return None
        lines[number - 1] = f"{match['head']}{day}{match['tail']}"
    else:
        after = at(("policy", "effective_date"))
        if after is None or not _SCALAR_LINE.match(
            lines[after - 1].replace("effective_date", "last_updated", 1)
        ):
            return None
        lines.insert(after, f"{indent}last_updated: {day}\n")
    # Line numbers below the date may have moved by one: find revisions afresh in the lines.
    block = _entry_lines(revision)
    key = re.compile(rf"^{indent}revisions:\s*(?P<rest>.*)$")
    found = [i for i, line in enumerate(lines) if key.match(line.rstrip("\n"))]
    if "revisions" not in policy:
        start = next(i for i, line in enumerate(lines) if line.startswith(f"{indent}last_updated:"))
        lines[start + 1 : start + 1] = [f"{indent}revisions:\n", *(f"{indent}  {b}" for b in block)]
        return "".join(lines)
    if len(found) != 1:
        return None
    index = found[0]
    rest = key.match(lines[index].rstrip("\n"))
    assert rest is not None
    if rest["rest"].strip() == "[]" or rest["rest"].strip().startswith(("[] ", "[]#")):
        comment = rest["rest"].strip()[2:].strip()
        lines[index] = f"{indent}revisions:{'  ' + comment if comment else ''}\n"
        lines[index + 1 : index + 1] = [f"{indent}  {b}" for b in block]
        return "".join(lines)
    if rest["rest"].strip() and not rest["rest"].strip().startswith("#"):
        return None  # a flow list
    # After the last item: the first line, past the list, indented no deeper than the key.
    end = index + 1
    item_indent = None
    while end < len(lines):
        line = lines[end]
        if line.strip() and not line.lstrip().startswith("#"):
            if _indent(line) < len(indent) or (
                _indent(line) == len(indent) and not line.lstrip().startswith("- ")
            ):
                break
            if item_indent is None:
                item_indent = " " * _indent(line)
        end += 1
    while end > index + 1 and not lines[end - 1].strip():
        end -= 1  # blank lines stay after the new entry
    prefix = item_indent if item_indent is not None else f"{indent}  "
    lines[end:end] = [f"{prefix}{b}" for b in block]
    return "".join(lines)


def _entry_lines(revision: Revision) -> list[str]:
    """The entry as YAML block lines, relative to the list's indentation."""
    out = [f"- date: '{revision.date.isoformat()}'\n", "  changes:\n"]
    # JSON strings are YAML double-quoted scalars: any text stays exactly that text.
    out += [f"    - {json.dumps(c, ensure_ascii=False)}\n" for c in revision.changes]
    if not revision.practices_changed:
        out.append("  practices_changed: false\n")
    if revision.material:
        out.append("  material: true\n")
    return out


# ---- the archive of published versions -----------------------------------------------------

VERSIONS_FOLDER = "versions"
_DAY_FOLDER = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def archive_files(
    folder: Path, day: dt.date, rendered: dict[str, bytes], store_name: str, language: str = "en"
) -> dict[Path, bytes]:
    """The files that keep this version under ``folder/versions/<day>/`` and the index page
    listing every version kept there (newest first), to write with the policy itself."""
    from generator.build import OUTPUT_NAME
    from generator.dates import long_date
    from generator.escape import escape_markdown
    from generator.render.html import render_page

    base = folder / VERSIONS_FOLDER
    files = {
        base / day.isoformat() / f"{OUTPUT_NAME}.{fmt}": data for fmt, data in rendered.items()
    }
    days = {day.isoformat(): sorted(rendered)}
    if base.is_dir():
        for sub in base.iterdir():
            if sub.is_dir() and _DAY_FOLDER.match(sub.name) and sub.name not in days:
                days[sub.name] = sorted(p.suffix[1:] for p in sub.glob(f"{OUTPUT_NAME}.*"))
    title = f"Versions of the {store_name} privacy policy"
    lines = [f"# {escape_markdown(title)}", ""]
    for name in sorted(days, reverse=True):
        kept = days[name]
        fmt = "html" if "html" in kept else (kept[0] if kept else None)
        shown = long_date(dt.date.fromisoformat(name))
        current = " (current)" if name == max(days) else ""
        if fmt is None:
            lines.append(f"- {shown}{current}")
        else:
            lines.append(f"- [{shown}]({name}/{OUTPUT_NAME}.{fmt}){current}")
    markdown = "\n".join(lines) + "\n"
    files[base / "index.md"] = markdown.encode("utf-8")
    files[base / "index.html"] = render_page(markdown, title, language).encode("utf-8")
    return files
