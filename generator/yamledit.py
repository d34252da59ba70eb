"""Add items to lists in an answers file's text, leaving every other byte as it was.

PyYAML drops comments when it writes, so instead of loading and dumping, this inserts
text at the places the node tree's line marks (generator/yamltree.py) point at: new
lines after a block list's last item, a new key after a section's last line, a new
section after the file's last one, or entries before the end of a flow list
(``[a, b]``) or JSON array. Nothing else in the file changes, comments included.

Every edit is checked by reading the new text back: it must hold exactly the old data
plus the new items, or the edit is refused (an anchor, a merge or a layout it cannot
place text in), so a surprise never reaches the owner's file.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from generator import yamltree
from generator.yamltree import Node

_PLAIN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
# A list item: a scalar ('advertising') or a one-level mapping ({'service': 'klaviyo'}).
Item = str | dict[str, str]


@dataclass(frozen=True)
class NewItem:
    """One item to add, with a comment for its line (block style only; JSON has none)."""

    value: Item
    comment: str | None = None


class EditError(Exception):
    """The text cannot be edited in place; ``line`` (1-based) and ``field`` (dotted) say
    where, when known."""

    def __init__(self, message: str, line: int | None = None, field: str = "") -> None:
        super().__init__(message)
        self.line = line
        self.field = field


@dataclass(frozen=True)
class _Edit:
    start: int  # character offset
    end: int  # text[start:end] is replaced
    text: str


def append_items(
    text: str, additions: Mapping[tuple[str, str], Sequence[NewItem]], *, is_json: bool = False
) -> str:
    """``text`` with each list ``section.key`` extended by its new items.

    A missing section or key is created (a key whose value is empty or null becomes the
    list). The result reads back as the old data plus exactly these items, or EditError.
    """
    wanted = {path: list(items) for path, items in additions.items() if items}
    if not wanted:
        return text
    source = text.replace("\t", " ") if is_json else text  # as answers.parse_answers reads it
    root = _compose(source)
    if not isinstance(root, MappingNode):
        raise EditError("the top level is not a mapping of sections", 1)
    # A last line without its line break gets one, so lines can follow it; it is taken
    # off again when nothing was added at the end.
    ending = "" if text.endswith("\n") or is_json else ("\r\n" if "\r\n" in text else "\n")
    text += ending
    editor = _Editor(text, root, is_json)
    sections: dict[str, dict[str, list[NewItem]]] = {}
    for (section, key), items in wanted.items():
        sections.setdefault(section, {})[key] = items
    edits = [editor.section(name, keys) for name, keys in sections.items()]
    flat = [e for group in edits for e in group]
    result = _apply(text, flat)
    if ending and all(e.start < len(text) for e in flat):
        result = result[: -len(ending)]
    text = text[: len(text) - len(ending)]
    _verify(text, result, wanted, is_json)
    return result


def _compose(text: str) -> Node | None:
    try:
        return yamltree.compose(text)
    except (yamltree.YAMLError, yamltree.TreeError) as exc:
        raise EditError(f"cannot read the file: {exc}") from None


def _apply(text: str, edits: list[_Edit]) -> str:
    # From the end back, so earlier offsets stay true; edits at one place land in the
    # order they were made (a list's new items before a new key that follows the list).
    order = sorted(enumerate(edits), key=lambda p: (p[1].start, p[1].end, p[0]), reverse=True)
    for _seq, edit in order:
        text = text[: edit.start] + edit.text + text[edit.end :]
    return text


def _data(text: str, is_json: bool) -> object:
    if is_json:
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise EditError(f"not valid JSON ({exc.msg})", exc.lineno) from None
    root = _compose(text)
    return None if root is None else yamltree.to_data(root)


def _verify(
    old: str, new: str, wanted: Mapping[tuple[str, str], list[NewItem]], is_json: bool
) -> None:
    """The new text must read as the old data plus exactly the new items."""
    expected = copy.deepcopy(_data(old, is_json))
    if not isinstance(expected, dict):
        raise EditError("the top level is not a mapping of sections", 1)
    for (section, key), items in wanted.items():
        part = expected.get(section)
        if part is None:
            part = expected[section] = {}
        current = part.get(key)
        part[key] = (current or []) + [item.value for item in items]
    try:
        got = _data(new, is_json)
    except (EditError, yamltree.TreeError):
        got = None
    if got != expected:
        raise EditError(
            "the file's layout here (an anchor, alias or merge, or an unusual indentation) "
            "leaves no safe place to add lines"
        )


class _Editor:
    def __init__(self, text: str, root: MappingNode, is_json: bool) -> None:
        self.text = text
        self.root = root
        self.is_json = is_json
        self.newline = "\r\n" if "\r\n" in text else "\n"
        self.starts = [0]
        for i, char in enumerate(text):
            if char == "\n":
                self.starts.append(i + 1)
        self.lines = text.split("\n")
        self.aliases = _alias_occurrences(root)
        self.key_indent, self.item_indent = self._indents()

    def _indents(self) -> tuple[int, int]:
        """How far the file indents a section's keys, and a list's dashes under their key
        (2 and 2 when it shows neither)."""
        key_indent = item_indent = None
        stack: list[Node] = [self.root]
        seen: set[int] = set()
        while stack and (key_indent is None or item_indent is None):
            node = stack.pop()
            if id(node) in seen or not isinstance(node, MappingNode) or node.flow_style:
                continue
            seen.add(id(node))
            for key, value in node.value:
                if isinstance(value, MappingNode) and not value.flow_style and value.value:
                    first = value.value[0][0].start_mark
                    if key_indent is None and first.line > key.start_mark.line:
                        key_indent = first.column - key.start_mark.column
                    stack.append(value)
                elif isinstance(value, SequenceNode) and not value.flow_style and value.value:
                    dash = self.dash_column(value)
                    if item_indent is None and dash >= key.start_mark.column:
                        item_indent = dash - key.start_mark.column
                    stack.extend(v for v in value.value if isinstance(v, MappingNode))
        return (key_indent or 2), (item_indent if item_indent is not None else 2)

    # Where things are -----------------------------------------------------------------

    def offset(self, line: int, column: int) -> int:
        return self.starts[line] + column if line < len(self.starts) else len(self.text)

    def after_line(self, line: int) -> tuple[int, str]:
        """The offset just past ``line`` (0-based), and what must precede new lines there."""
        if line + 1 < len(self.starts):
            return self.starts[line + 1], ""
        return len(self.text), ("" if self.text.endswith("\n") else self.newline)

    def dash_column(self, node: SequenceNode) -> int:
        """The column of a block list's dashes (its start mark is at an anchor, if any)."""
        for index, item in enumerate(node.value):
            if self.is_alias(node, index):
                continue
            before = self.lines[item.start_mark.line][: item.start_mark.column].rstrip()
            if before.endswith("-") and not before[:-1].strip():
                return len(before) - 1
        return int(node.start_mark.column)

    def is_alias(self, parent: Node, index: int) -> bool:
        return (id(parent), index) in self.aliases

    def _blank_or_comment(self, line: int) -> bool:
        stripped = self.lines[line].strip() if 0 <= line < len(self.lines) else ""
        return not stripped or stripped.startswith("#")

    def _backed_up(self, node: Node) -> int:
        """The last line before a block collection's end mark that is not blank or a
        comment (the end mark is where the next token starts)."""
        end = node.end_mark
        line = int(end.line)
        if line >= len(self.lines) or not self.lines[line][: end.column].strip():
            line -= 1
        while line > node.start_mark.line and self._blank_or_comment(line):
            line -= 1
        return int(line)

    def last_line(self, node: Node) -> int:
        """The last line (0-based) holding any of ``node``'s own text."""
        if isinstance(node, ScalarNode):
            end = node.end_mark
            if node.style in ("|", ">") and end.column == 0:
                return int(end.line) - 1
            return int(end.line)
        if not isinstance(node, MappingNode | SequenceNode) or node.flow_style:
            return int(node.end_mark.line)
        if not node.value:
            return int(node.start_mark.line)
        index = len(node.value) - 1
        if isinstance(node, MappingNode):
            key, value = node.value[index]
            if self.is_alias(node, index):
                return max(int(key.end_mark.line), self._backed_up(node))
            return max(int(key.end_mark.line), self.last_line(value))
        if self.is_alias(node, index):
            return self._backed_up(node)
        return self.last_line(node.value[index])

    # What to write ----------------------------------------------------------------------

    def scalar(self, value: str) -> str:
        # Ids and choices are plain words; anything else (or a word YAML reads as a number
        # or null) is quoted as JSON, which YAML reads too.
        if self.is_json or not _PLAIN.match(value) or yamltree.load(value) != value:
            return json.dumps(value, ensure_ascii=False)
        return value

    def flow_item(self, item: NewItem) -> str:
        if isinstance(item.value, str):
            return self.scalar(item.value)
        pairs = ", ".join(f"{self.scalar(k)}: {self.scalar(v)}" for k, v in item.value.items())
        return "{" + pairs + "}"

    def block_items(self, items: list[NewItem], column: int) -> str:
        out = []
        for item in items:
            if isinstance(item.value, str):
                body = self.scalar(item.value)
            else:
                body = f"\n{' ' * (column + 2)}".join(
                    f"{self.scalar(k)}: {self.scalar(v)}" for k, v in item.value.items()
                )
            note = f"  # {item.comment}" if item.comment else ""
            out.append(f"{' ' * column}- {body}{note}{self.newline}")
        return "".join(out)

    def block_keys(self, keys: Mapping[str, list[NewItem]], column: int) -> str:
        return "".join(
            f"{' ' * column}{self.scalar(key)}:{self.newline}"
            + self.block_items(items, column + self.item_indent)
            for key, items in keys.items()
        )

    def flow_keys(self, keys: Mapping[str, list[NewItem]]) -> list[str]:
        return [
            f"{self.scalar(key)}: [{', '.join(self.flow_item(i) for i in items)}]"
            for key, items in keys.items()
        ]

    # Edits --------------------------------------------------------------------------------

    def section(self, name: str, keys: dict[str, list[NewItem]]) -> list[_Edit]:
        root = self.root
        found = _own_entry(root, name)
        if found is None:
            if name in yamltree.mapping_index(root):
                raise EditError("it comes from a merge ('<<')", None, name)
            if root.flow_style:
                part = f"{self.scalar(name)}: {{{', '.join(self.flow_keys(keys))}}}"
                return [self._into_flow(root, [part])]
            body = f"{self.scalar(name)}:{self.newline}" + self.block_keys(keys, self.key_indent)
            return [self._after(self.last_line(root), body)]
        index, key_node, value = found
        if self.is_alias(root, index):
            raise EditError("it is an alias of an anchor", yamltree.line(key_node), name)
        column = key_node.start_mark.column + self.key_indent
        if _is_null(value) or (isinstance(value, MappingNode) and not value.value):
            flow = f"{{{', '.join(self.flow_keys(keys))}}}"
            return self._fill_empty(root, key_node, value, flow, column, keys)
        if not isinstance(value, MappingNode):
            raise EditError("it is not a mapping of answers", yamltree.line(value), name)
        edits: list[_Edit] = []
        new_keys: dict[str, list[NewItem]] = {}
        for key, items in keys.items():
            entry = _own_entry(value, key)
            if entry is None:
                if key in yamltree.mapping_index(value):
                    raise EditError(
                        "it comes from a merge ('<<')", yamltree.line(value), f"{name}.{key}"
                    )
                new_keys[key] = items
                continue
            edits += self._into_list(value, name, key, entry, items)
        if new_keys:
            if value.flow_style:
                edits.append(self._into_flow(value, self.flow_keys(new_keys)))
            else:
                column = value.value[0][0].start_mark.column
                edits.append(self._after(self.last_line(value), self.block_keys(new_keys, column)))
        return edits

    def _into_list(
        self,
        parent: MappingNode,
        section: str,
        key: str,
        entry: tuple[int, ScalarNode, Node],
        items: list[NewItem],
    ) -> list[_Edit]:
        index, key_node, value = entry
        where = yamltree.line(key_node)
        if self.is_alias(parent, index):
            raise EditError("it is an alias of an anchor", where, f"{section}.{key}")
        column = key_node.start_mark.column + self.item_indent
        if _is_null(value) or (isinstance(value, SequenceNode) and not value.value):
            flow = f"[{', '.join(self.flow_item(i) for i in items)}]"
            return self._fill_empty(parent, key_node, value, flow, column, items)
        if not isinstance(value, SequenceNode):
            raise EditError("it is not a list", where, f"{section}.{key}")
        if value.flow_style:
            return [self._into_flow(value, [self.flow_item(i) for i in items])]
        text = self.block_items(items, self.dash_column(value))
        return [self._after(self.last_line(value), text)]

    def _after(self, line: int, body: str) -> _Edit:
        at, lead = self.after_line(line)
        return _Edit(at, at, lead + body)

    def _into_flow(self, node: Node, parts: list[str]) -> _Edit:
        """``parts`` as the last entries of a flow list or mapping (or JSON array/object):
        each on a line of its own where the last entry starts a line, else inline."""
        index = len(node.value) - 1
        if index < 0:
            at = self.offset(node.start_mark.line, node.start_mark.column) + 1
            return _Edit(at, at, ", ".join(parts))
        last = node.value[index]
        if self.is_alias(node, index):
            # The alias's own place is not recorded: add before the closing bracket.
            at = self.offset(node.end_mark.line, node.end_mark.column) - 1
            return _Edit(at, at, ", " + ", ".join(parts))
        first, last_node = (last[0], last[1]) if isinstance(last, tuple) else (last, last)
        start, end = first.start_mark, last_node.end_mark
        at = self.offset(end.line, end.column)
        before = self.lines[start.line][: start.column]
        if end.line < node.end_mark.line and not before.strip():
            return _Edit(at, at, "".join(f",{self.newline}{before}{p}" for p in parts))
        return _Edit(at, at, ", " + ", ".join(parts))

    def _alone_on_key_line(self, key: ScalarNode, value: Node) -> bool:
        return bool(
            value.start_mark.line == key.end_mark.line and value.end_mark.line == key.end_mark.line
        )

    def _fill_empty(
        self,
        parent: MappingNode,
        key: ScalarNode,
        value: Node,
        flow: str,
        column: int,
        content: Mapping[str, list[NewItem]] | list[NewItem],
    ) -> list[_Edit]:
        """An empty value (nothing, ``~``, ``null``, ``[]`` or ``{}``) given the new
        content (new keys, or new items): in a block mapping as block lines below the key,
        in a flow mapping or JSON in place (``flow``)."""
        start = self.offset(value.start_mark.line, value.start_mark.column)
        end = self.offset(value.end_mark.line, value.end_mark.column)
        if self.is_json or parent.flow_style or not self._alone_on_key_line(key, value):
            return [_Edit(start, end, flow)]
        if isinstance(content, list):
            body = self.block_items(content, column)
        else:
            body = self.block_keys(content, column)
        line = self.lines[value.end_mark.line]
        rest = line[value.end_mark.column :]
        edits = []
        if start != end:
            # The value goes, with the spaces before it (a comment after it stays where
            # it was, after the key), and trailing spaces when nothing follows.
            key_end = self.offset(key.end_mark.line, key.end_mark.column)
            start = self.text.index(":", key_end, start) + 1
            if not rest.strip():
                end += len(rest.rstrip("\r"))
            edits.append(_Edit(start, end, ""))
        edits.append(self._after(int(value.end_mark.line), body))
        # Both edits touch one line: join them into one so their order cannot matter.
        if len(edits) == 2:
            first, second = edits
            middle = self.text[first.end : second.start]
            return [_Edit(first.start, second.end, middle + second.text)]
        return edits


def _own_entry(node: MappingNode, key: str) -> tuple[int, ScalarNode, Node] | None:
    """The entry written in the mapping itself (not merged in), with its index."""
    for index, (key_node, value) in enumerate(node.value):
        if key_node.tag != yamltree.MERGE_TAG and key_node.value == key:
            return index, key_node, value
    return None


def _is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and yamltree.scalar(node) is None


def _alias_occurrences(root: Node) -> set[tuple[int, int]]:
    """(parent id, index) of every place a node appears again, as an alias: visited in
    document order, the anchor is always met first."""
    seen: set[int] = set()
    found: set[tuple[int, int]] = set()
    stack: list[tuple[int, int, Node]] = [(0, 0, root)]
    while stack:
        parent, index, node = stack.pop()
        if id(node) in seen:
            found.add((parent, index))
            continue
        seen.add(id(node))
        if isinstance(node, MappingNode):
            children = [value for _key, value in node.value]
        elif isinstance(node, SequenceNode):
            children = list(node.value)
        else:
            continue
        stack.extend((id(node), i, child) for i, child in reversed(list(enumerate(children))))
    return found
