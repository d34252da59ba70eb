"""The words of a comparison: the report `policygen diff` prints (text, Markdown, JSON) and
the notice to customers a build with ``--since`` writes (changes.md, changes.html)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING

from generator.escape import escape_markdown

if TYPE_CHECKING:
    from generator.model import StoreProfile
    from generator.versions.diff import Change, Comparison

NOTICE_TEMPLATE = "notice/changes.md.j2"


def _grouped(changes: tuple[Change, ...]) -> Iterator[tuple[str, list[Change]]]:
    """Changes by section, in the policy's order (they arrive sorted)."""
    groups: dict[str, list[Change]] = {}
    for change in changes:
        groups.setdefault(change.title, []).append(change)
    yield from groups.items()


def report(comparison: Comparison, fmt: str, old_name: str, new_name: str) -> str:
    """What `policygen diff` prints, as ``fmt`` (text, markdown or json)."""
    if fmt == "json":
        return (
            json.dumps(to_dict(comparison, old_name, new_name), indent=2, ensure_ascii=False) + "\n"
        )
    if fmt == "markdown":
        return _markdown_report(comparison, old_name, new_name)
    return _text_report(comparison, old_name, new_name)


def to_dict(comparison: Comparison, old_name: str, new_name: str) -> dict[str, object]:
    """The comparison as JSON data (the shape `diff --format json` promises)."""
    return {
        "old": {"file": old_name, "date": comparison.old_date.isoformat()},
        "new": {"file": new_name, "date": comparison.new_date.isoformat()},
        "changed": bool(comparison.changes),
        "material": bool(comparison.material),
        "changes": [
            {
                "section": c.section,
                "title": c.title,
                "text": c.plain,
                "kind": c.kind,
                "material": c.material,
                "reason": c.why,
            }
            for c in comparison.changes
        ],
        "duties": [d._asdict() for d in comparison.duties],
    }


def _count(comparison: Comparison) -> str:
    n, m = len(comparison.changes), len(comparison.material)
    return f"{n} {'change' if n == 1 else 'changes'}, {m} material"


def _text_report(comparison: Comparison, old_name: str, new_name: str) -> str:
    from generator.errors import one_line

    if not comparison.changes:
        return f"{old_name} -> {new_name}: no changes\n"
    lines = [f"{old_name} -> {new_name}: {_count(comparison)}"]
    for title, changes in _grouped(comparison.changes):
        lines += ["", title]
        for c in changes:
            mark = "MATERIAL" if c.material else "minor"
            lines.append(f"  [{mark}] {one_line(c.plain, 1000)}")
            lines.append(f"      why: {c.why}")
    lines += ["", "What the law asks"]
    for d in comparison.duties:
        lines.append(f"  - {d.name}: {d.text}")
        lines.append(f"      ({d.cite})")
    return "\n".join(lines) + "\n"


def _markdown_report(comparison: Comparison, old_name: str, new_name: str) -> str:
    head = f"# Changes: {escape_markdown(old_name)} → {escape_markdown(new_name)}"
    if not comparison.changes:
        return f"{head}\n\nNo changes.\n"
    lines = [head, "", f"{_count(comparison).capitalize()}."]
    for title, changes in _grouped(comparison.changes):
        lines += ["", f"## {escape_markdown(title)}", ""]
        for c in changes:
            mark = "**Material**" if c.material else "Not material"
            lines.append(f"- {c.text} {mark}: {escape_markdown(c.why)}.")
    lines += ["", "## What the law asks", ""]
    for d in comparison.duties:
        lines.append(
            f"- **{escape_markdown(d.name)}:** {escape_markdown(d.text)} "
            f"({escape_markdown(d.cite)})"
        )
    return "\n".join(lines) + "\n"


def notice_markdown(comparison: Comparison, profile: StoreProfile) -> str:
    """The notice to customers: what changed, material changes first, and what they can do.
    Rendered like a clause, so every value of the owner's is escaped for Markdown."""
    from generator import facts, laws
    from generator.compose import tidy
    from generator.model import vocab
    from generator.templating import environment, render
    from generator.versions.diff import NEW_USES

    template = environment().get_template(NOTICE_TEMPLATE)
    context = {
        "p": profile,
        "facts": facts.derive(profile, laws.applicable(profile)),
        "V": vocab,
        "changes": comparison.material,
        "minor": comparison.minor,
        "new_uses": comparison.has(*NEW_USES),
    }
    return tidy(render(template, context, timed=False)) + "\n"


def notice_html(markdown: str, profile: StoreProfile) -> str:
    """The notice as a standalone HTML page."""
    from generator.render.html import render_page

    title = f"Changes to the {profile.business.store_name} privacy policy"
    return render_page(markdown, title, profile.policy.language)
