"""Answers files written by earlier versions: read them as the current version, and rewrite them.

Every answers file carries ``schema_version`` (a file without it is version 1, written before
the facts layer). ``upgrade`` turns old answers into current ones in memory, so an old file
still loads; ``migrate_file`` rewrites the file itself, editing only the lines that change so
that the owner's comments stay, and re-writing the whole file only when a change cannot be
made line by line (it then says so).

Version 2 (the facts layer) changed three things an old file may hold:

* ``necessity`` on data the person never hands over (it comes from the device, the store's
  records or other people), or ``optional`` on data the device sends anyway, is refused: the
  policy would say people may leave out what they cannot. The answer is dropped.
* A retention period for payment card details while ``payments.stores_card_data`` is false is
  refused: the policy would say card numbers are both kept and not kept. ``payment_card`` is
  taken out of that rule; the policy then says the payment processors hold card numbers.
* ``sources`` left out now means the category's natural sources, not "from you".
  Nothing in the file changes for this; the policy reads differently (and truly).

Version 3 (money in the store's currency) changed one:

* ``business.annual_revenue_usd: N`` becomes ``business.revenue: {amount: N, currency: USD}``:
  the same amount, now with its currency, which laws convert to their own
  (``generator.money``). A store that keeps its accounts in another currency may then give
  the amount in it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

CURRENT_VERSION = 4
VERSION_KEY = "schema_version"


class Change(NamedTuple):
    """One change to an answers file: what it does, and the path of the answer it touches."""

    path: tuple[int | str, ...]
    note: str
    edit: str
    """'drop-key' (remove the answer's line), 'drop-item:VALUE' (remove VALUE from a list) or
    'usd-revenue' (the US-dollar amount becomes ``revenue: {amount: N, currency: USD}``) or
    'list:A,B' (the answer's one value becomes the list ``[A, B]``)."""


def version_of(data: dict[str, Any]) -> int:
    value = data.get(VERSION_KEY, 1)
    return value if isinstance(value, int) and not isinstance(value, bool) else 1


def upgrade(data: dict[str, Any]) -> tuple[dict[str, Any], list[Change]]:
    """The answers as the current version reads them, and the changes that made them so.

    Answers of the current version come back unchanged. Malformed parts are left for
    validation to report with their file and line.
    """
    version = version_of(data)
    if version >= CURRENT_VERSION:
        return data, []
    changes: list[Change] = []
    upgraded = data
    for since, step in ((2, _to_v2), (3, _to_v3), (4, _to_v4)):
        if version < since:
            made = step(upgraded)
            upgraded = _apply(upgraded, made)
            changes += made
    upgraded[VERSION_KEY] = CURRENT_VERSION
    return upgraded, changes


def _to_v2(data: dict[str, Any]) -> list[Change]:
    from generator.facts.data import GIVEN_BY_THE_PERSON, NATURAL_SOURCES
    from generator.model.vocab import DataCategory, Source

    changes: list[Change] = []
    items = _get(data, "collection", "items")
    for i, item in enumerate(items if isinstance(items, list) else []):
        if not isinstance(item, dict) or item.get("necessity") not in ("required", "optional"):
            continue
        try:
            category = DataCategory(str(item.get("category")))
            sources = [Source(s) for s in item.get("sources") or []]
        except (ValueError, TypeError):
            continue
        sources = sources or list(NATURAL_SOURCES[category])
        handed_over = bool(GIVEN_BY_THE_PERSON & set(sources))
        device = item["necessity"] == "optional" and Source.AUTOMATIC in sources
        if not handed_over or device:
            changes.append(
                Change(
                    ("collection", "items", i, "necessity"),
                    f"collection.items[{i}] ({category.value}): dropped necessity "
                    f"'{item['necessity']}', since people do not hand this data over or cannot "
                    "leave it out",
                    "drop-key",
                )
            )
    stores_cards = _get(data, "payments", "stores_card_data") is True
    rules = _get(data, "retention", "rules")
    for j, rule in enumerate(rules if isinstance(rules, list) else []):
        categories = rule.get("categories") if isinstance(rule, dict) else None
        if not stores_cards and isinstance(categories, list) and "payment_card" in categories:
            changes.append(
                Change(
                    ("retention", "rules", j, "categories"),
                    f"retention.rules[{j}]: took out payment_card, since the store does not keep "
                    "card numbers (the policy says its payment processors hold them)",
                    "drop-item:payment_card",
                )
            )
    return changes


def _to_v3(data: dict[str, Any]) -> list[Change]:
    business = data.get("business")
    if not isinstance(business, dict) or "annual_revenue_usd" not in business:
        return []
    return [
        Change(
            ("business", "annual_revenue_usd"),
            "business.annual_revenue_usd: now business.revenue, the same amount with its "
            "currency (USD)",
            "usd-revenue",
        )
    ]


def _to_v4(data: dict[str, Any]) -> list[Change]:
    from generator.model.engagement import OLD_BANNER_AUDIENCES

    audience = _get(data, "cookies", "banner_for")
    if not isinstance(audience, str):
        return []
    regions = [str(r) for r in OLD_BANNER_AUDIENCES.get(audience, [audience])]
    return [
        Change(
            ("cookies", "banner_for"),
            f"cookies.banner_for: '{audience}' is now the list of regions [{', '.join(regions)}]",
            "list:" + ",".join(regions),
        )
    ]


def _get(data: Any, *path: str) -> Any:
    for part in path:
        if not isinstance(data, dict):
            return None
        data = data.get(part)
    return data


def _apply(data: dict[str, Any], changes: list[Change]) -> dict[str, Any]:
    import copy

    out = copy.deepcopy(data)
    for change in changes:
        *parents, last = change.path
        holder: Any = out
        for part in parents:
            holder = holder[part]
        if change.edit == "drop-key":
            del holder[last]
        elif change.edit == "usd-revenue":
            holder["revenue"] = {"amount": holder.pop(last), "currency": "USD"}
        elif change.edit.startswith("list:"):
            holder[last] = change.edit.split(":", 1)[1].split(",")
        else:
            value = change.edit.split(":", 1)[1]
            holder[last] = [v for v in holder[last] if v != value]
    # A retention rule left with no category says nothing; drop it.
    rules = _get(out, "retention", "rules")
    if isinstance(rules, list):
        out["retention"]["rules"] = [
            r for r in rules if not (isinstance(r, dict) and r.get("categories") == [])
        ]
    return out


# ---- rewriting the file ----------------------------------------------------------------------


class Migration(NamedTuple):
    path: Path
    from_version: int
    changes: tuple[Change, ...]
    kept_comments: bool
    text: str


def migrate_text(name: str, text: str) -> Migration:
    """The file's text at the current version, with the lines that change edited in place."""
    from generator.answers import dumps_data, parse_answers

    data, positions = parse_answers(name, text)
    before = version_of(data)
    upgraded, changes = upgrade(data)
    if before >= CURRENT_VERSION:
        return Migration(Path(name), before, (), True, text)
    is_json = name.lower().endswith(".json")
    edited = None if is_json else _edit_lines(text, changes, positions.line_of)
    if edited is None:
        return Migration(Path(name), before, tuple(changes), False, dumps_data(upgraded, name))
    return Migration(Path(name), before, tuple(changes), True, _with_version(edited))


def migrate_file(path: Path) -> Migration:
    """Rewrite an answers file at the current version (atomically); the migration done."""
    from generator.answers import read_text
    from generator.output import write_atomic

    migration = migrate_text(str(path), read_text(path))
    if migration.from_version < CURRENT_VERSION:
        write_atomic(path, migration.text.encode("utf-8"))
    return migration


_FLOW_LIST = re.compile(r"^(?P<head>\s*(?:-\s+)?[\w-]+:\s*\[)(?P<items>[^\]#]*)(?P<tail>\].*)$")
_USD_REVENUE_LINE = re.compile(
    r"^(?P<indent>\s*)annual_revenue_usd:\s*(?P<amount>[0-9_]+)(?P<rest>\s*(#.*)?\n?)$"
)
_SCALAR_LINE = re.compile(r"^(?P<head>\s*(?:-\s+)?[\w-]+:\s*)[\w-]+(?P<rest>\s*(#.*)?\n?)$")
_KEY_LINE = re.compile(r"^\s*(?:-\s+)?[\w-]+:\s*[^\s\[{|>][^#]*(#.*)?$")


def _edit_lines(
    text: str,
    changes: list[Change],
    line_of: Callable[[tuple[int | str, ...]], int | None],
) -> str | None:
    """The text with each change made on its own line, or None where that is not safe."""
    lines = text.splitlines(keepends=True)
    drop: set[int] = set()
    for change in changes:
        number = line_of(change.path)
        if number is None:
            return None
        index = number - 1
        if change.edit == "drop-key":
            if not _KEY_LINE.match(lines[index]) or lines[index].lstrip().startswith("- "):
                return None
            drop.add(index)
            continue
        if change.edit == "usd-revenue":
            usd = _USD_REVENUE_LINE.match(lines[index])
            if usd is None:
                return None
            lines[index] = (
                f"{usd['indent']}revenue: {{amount: {usd['amount']}, currency: USD}}{usd['rest']}"
            )
            continue
        if change.edit.startswith("list:"):
            scalar = _SCALAR_LINE.match(lines[index])
            if scalar is None:
                return None
            regions = change.edit.split(":", 1)[1].replace(",", ", ")
            lines[index] = f"{scalar['head']}[{regions}]{scalar['rest']}"
            continue
        match = _FLOW_LIST.match(lines[index].rstrip("\n"))
        value = change.edit.split(":", 1)[1]
        if match is None:
            return None
        items = [i.strip() for i in match["items"].split(",") if i.strip()]
        kept = [i for i in items if i != value]
        if not kept:
            return None
        ending = "\n" if lines[index].endswith("\n") else ""
        lines[index] = f"{match['head']}{', '.join(kept)}{match['tail']}{ending}"
    return "".join(line for i, line in enumerate(lines) if i not in drop)


def _with_version(text: str) -> str:
    """The text with ``schema_version`` set, after any leading comment lines."""
    lines = text.splitlines(keepends=True)
    for i, line in enumerate(lines):
        if re.match(rf"^{VERSION_KEY}:", line):
            lines[i] = f"{VERSION_KEY}: {CURRENT_VERSION}\n"
            return "".join(lines)
    at = 0
    while at < len(lines) and (lines[at].startswith("#") or lines[at].strip() in ("", "---")):
        at += 1
    lines.insert(at, f"{VERSION_KEY}: {CURRENT_VERSION}\n")
    return "".join(lines)
