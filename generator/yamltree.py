"""Parse answers text into plain data plus the line of every key, with libyaml's C parser.

Answers files are read under YAML 1.2's core schema, as people expect today: `NO` (Norway)
and `yes` stay text, and dates stay text so the model parses them and can point at the
line of a bad one. PyYAML supplies the parser and the node tree (with line marks); this
module only decides what each scalar means, refuses duplicate keys and records lines.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, NamedTuple

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode
from yaml.nodes import Node as Node
from yaml.resolver import BaseResolver

from generator.errors import echo

_CORE = "tag:yaml.org,2002:"
MERGE_TAG = _CORE + "merge"


class _CoreSchemaResolver(BaseResolver):
    """YAML 1.2 core schema: only true/false are booleans, and there are no timestamps."""


_RESOLVERS = [
    ("bool", r"true|True|TRUE|false|False|FALSE", "tTfF"),
    ("int", r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+", "-+0123456789"),
    (
        "float",
        r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)",
        "-+.0123456789",
    ),
    ("null", r"~|null|Null|NULL|", ["~", "n", "N", ""]),
    ("merge", r"<<", "<"),
]
for _name, _pattern, _first in _RESOLVERS:
    _CoreSchemaResolver.add_implicit_resolver(
        _CORE + _name, re.compile(rf"^(?:{_pattern})$"), list(_first)
    )


class _PureComposer(
    yaml.reader.Reader,
    yaml.scanner.Scanner,
    yaml.parser.Parser,
    yaml.composer.Composer,
    _CoreSchemaResolver,
):
    """The node tree without libyaml (slower; PyYAML wheels normally include libyaml)."""

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        _CoreSchemaResolver.__init__(self)


try:
    from yaml._yaml import CParser

    class _CComposer(CParser, _CoreSchemaResolver):
        """libyaml's C parser: about 20 times faster than PyYAML's pure-Python one."""

    _Composer: type[_CComposer | _PureComposer] = _CComposer
except ImportError:  # pragma: no cover - only where PyYAML was built without libyaml
    _Composer = _PureComposer


YAMLError = yaml.YAMLError
MarkedYAMLError = yaml.MarkedYAMLError
ReaderError = yaml.reader.ReaderError


class TreeError(Exception):
    """Valid YAML that answers cannot be made of (a recursive alias, an unknown tag)."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


class DuplicateKeyError(TreeError):
    """A mapping names the same key twice; ``line`` is the second one (1-based)."""


# Limits that keep the work on any answers file in proportion to its size. Answers nest
# about five levels deep and hold a few hundred values.
MAX_DEPTH = 50
MAX_NUMBER_DIGITS = 100


class LimitError(TreeError):
    """A file within the size limit that would still take unbounded work to read."""


def compose(text: str, *, budget: int | None = None) -> Node | None:
    """The node tree of one YAML document (None for an empty one).

    Composed without recursion, so nesting is refused past MAX_DEPTH levels (counting the
    levels an alias brings in) with the line where it happens. With a ``budget``, the
    tree as its readers see it (every alias expanded) may hold at most that many nodes.
    Each mapping's entries, `<<` merges included, are worked out once here.
    """
    loader = _Composer(text)
    try:
        return _TreeComposer(loader, budget).document()
    finally:
        loader.dispose()


class _Sized:
    """What compose works out for each node: its size with aliases expanded, its depth."""

    size: int
    depth: int


class _Scalar(ScalarNode, _Sized):
    pass


class _Sequence(SequenceNode, _Sized):
    pass


class _Mapping(MappingNode, _Sized):
    entries: list[tuple[ScalarNode, Node]]
    index: dict[str, tuple[ScalarNode, Node]]


class _TreeComposer:
    """PyYAML's composer, with an explicit stack instead of recursion."""

    def __init__(self, loader: Any, budget: int | None) -> None:
        self.loader = loader
        self.budget = budget
        self.anchors: dict[str, Node] = {}
        # Entries worked out for all mappings so far; merges count against the budget.
        self.merged = 0
        # Nodes written out in the text so far: a long flat list stops at the budget
        # rather than after all of it has been read.
        self.written = 0

    def document(self) -> Node | None:
        events = yaml.events
        loader = self.loader
        loader.get_event()  # stream start
        if loader.check_event(events.StreamEndEvent):
            loader.get_event()
            return None
        start = loader.get_event()  # document start
        root = self._node()
        loader.get_event()  # document end
        if not loader.check_event(events.StreamEndEvent):
            extra = loader.get_event()
            raise yaml.composer.ComposerError(
                "expected a single document in the stream",
                start.start_mark,
                "but found another document",
                extra.start_mark,
            )
        loader.get_event()
        return root

    def _node(self) -> Node:
        events = yaml.events
        loader = self.loader
        stack: list[_Sequence | _Mapping] = []
        keys: list[Node | None] = []
        while True:
            event = loader.get_event()
            # libyaml's marks and PyYAML's are alike; the stubs tell them apart.
            start: Any = event.start_mark
            end: Any = event.end_mark
            node: Node
            if isinstance(event, events.AliasEvent):
                if event.anchor not in self.anchors:
                    raise yaml.composer.ComposerError(
                        None, None, f"found undefined alias {event.anchor!r}", start
                    )
                node = self.anchors[event.anchor]
                if not hasattr(node, "size"):
                    raise TreeError("an alias refers to the anchor it is inside of", line_at(event))
            elif isinstance(event, events.ScalarEvent):
                self._count(event)
                node = _Scalar(
                    self._tag(ScalarNode, event, event.value),
                    event.value,
                    start,
                    end,
                    style=event.style,
                )
                self._anchor(event, node)
                node.size, node.depth = 1, 0
            elif isinstance(event, events.SequenceStartEvent | events.MappingStartEvent):
                self._count(event)
                kind: type[_Sequence | _Mapping] = (
                    _Sequence if isinstance(event, events.SequenceStartEvent) else _Mapping
                )
                node = kind(
                    self._tag(kind, event, None),
                    [],
                    start,
                    None,
                    flow_style=event.flow_style,
                )
                self._anchor(event, node)
                if len(stack) >= MAX_DEPTH:
                    raise LimitError(
                        f"nested more than {MAX_DEPTH} levels deep; answers need about five",
                        line_at(event),
                    )
                stack.append(node)
                keys.append(None)
                continue
            elif isinstance(event, events.SequenceEndEvent | events.MappingEndEvent):
                done = stack.pop()
                keys.pop()
                done.end_mark = end
                self._finish(done)
                node = done
            else:  # pragma: no cover - the parser yields nothing else inside a document
                raise yaml.composer.ComposerError(
                    None, None, f"unexpected {type(event).__name__}", start
                )
            if not stack:
                return node
            parent = stack[-1]
            if isinstance(parent, SequenceNode):
                parent.value.append(node)
            elif keys[-1] is None:
                keys[-1] = node
            else:
                parent.value.append((keys[-1], node))
                keys[-1] = None

    def _count(self, event: Any) -> None:
        self.written += 1
        if self.budget is not None and self.written > self.budget:
            raise LimitError(
                f"more than {self.budget:,} values; an answers file holds a few hundred",
                line_at(event),
            )

    def _tag(self, kind: type[Node], event: Any, value: str | None) -> str:
        tag: str | None = event.tag
        if tag is None or tag == "!":
            resolved_as = ScalarNode if value is not None else kind.__mro__[1]
            tag = self.loader.resolve(resolved_as, value, event.implicit)
        return str(tag)

    def _anchor(self, event: Any, node: Node) -> None:
        anchor = event.anchor
        if anchor is None:
            return
        if anchor in self.anchors:
            raise yaml.composer.ComposerError(
                f"found duplicate anchor {anchor!r}; first occurrence",
                self.anchors[anchor].start_mark,
                "second occurrence",
                event.start_mark,
            )
        self.anchors[anchor] = node

    def _finish(self, node: _Sequence | _Mapping) -> None:
        """Size and depth of a completed collection (aliases counted at full size), and a
        mapping's entries with its merges resolved (its sources are complete by now)."""
        children: list[Any]
        if isinstance(node, _Mapping):
            for key, _value in node.value:
                if not isinstance(key, ScalarNode):
                    raise TreeError("a key must be a plain word, not a list or mapping", line(key))
            allowance = None if self.budget is None else self.budget - self.merged
            node.entries = _merged_entries(node, allowance)
            self.merged += len(node.entries)
            node.index = {key.value: (key, value) for key, value in node.entries}
            children = [child for pair in node.entries for child in pair]
        else:
            children = list(node.value)
        node.size = 1 + sum(child.size for child in children)
        node.depth = 1 + max((child.depth for child in children), default=0)
        if node.depth > MAX_DEPTH:
            raise LimitError(
                f"aliases nest the values here more than {MAX_DEPTH} levels deep; "
                "write the values out instead",
                line(node),
            )
        if self.budget is not None and node.size > self.budget:
            raise LimitError(
                f"aliases and merges here expand to more than {self.budget:,} values; "
                "write the values out instead of repeating anchors",
                line(node),
            )


def line_at(event: Any) -> int:
    return int(event.start_mark.line) + 1


def line(node: Node) -> int:
    return int(node.start_mark.line) + 1


class Positions(NamedTuple):
    """Maps a field path in the answers to the line it was written on."""

    root: Node | None = None

    def line_of(self, loc: Sequence[int | str]) -> int | None:
        node = self.root
        found = line(node) if node is not None else None
        for part in loc:
            child = _child(node, part)
            if child is None:
                break
            found, node = child
        return found


def _child(node: Node | None, part: int | str) -> tuple[int, Node] | None:
    if isinstance(node, MappingNode) and isinstance(part, str):
        entry = _index(node).get(part)
        if entry is not None:
            return line(entry[0]), entry[1]
    elif isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        item = node.value[part]
        return line(item), item
    return None


def mapping_index(node: MappingNode) -> dict[str, tuple[ScalarNode, Node]]:
    """A mapping's keys (its own, then those merged in with `<<`) and their entries."""
    return _index(node)


def _index(node: MappingNode) -> dict[str, tuple[ScalarNode, Node]]:
    index: dict[str, tuple[ScalarNode, Node]] | None = getattr(node, "index", None)
    if index is None:
        index = {key.value: (key, value) for key, value in _entries(node)}
    return index


def _entries(node: MappingNode) -> list[tuple[ScalarNode, Node]]:
    """A mapping's own keys, then those merged in with `<<` that it does not set itself."""
    entries: list[tuple[ScalarNode, Node]] | None = getattr(node, "entries", None)
    return entries if entries is not None else _merged_entries(node)


def _merged_entries(
    node: MappingNode, allowance: int | None = None
) -> list[tuple[ScalarNode, Node]]:
    # Sources' entries are already worked out (compose finishes a mapping after what it
    # merges), so this never recurses; with an ``allowance`` it looks at no more entries
    # than that, so a long chain of merges or a merge of many aliases stays cheap.
    own = [(k, v) for k, v in node.value if k.tag != MERGE_TAG]
    names = {k.value for k, _ in own}
    left = len(node.value) + (allowance if allowance is not None else 0)
    for key, value in node.value:
        if key.tag != MERGE_TAG:
            continue
        sources = value.value if isinstance(value, SequenceNode) else [value]
        for source in sources:
            if not isinstance(source, MappingNode):
                raise TreeError("'<<' must merge a mapping or a list of mappings", line(source))
            source_entries = getattr(source, "entries", ())
            left -= len(source_entries)
            if allowance is not None and left < 0:
                raise LimitError(
                    "merges ('<<') here expand to too many keys; "
                    "write the keys out instead of merging chains of anchors",
                    line(key),
                )
            for merged_key, merged_value in source_entries:
                if merged_key.value not in names:
                    names.add(merged_key.value)
                    own.append((merged_key, merged_value))
    return own


class _Builder:
    """Plain dicts, lists and scalars from a node tree.

    Aliases share one built value, so a file of nested aliases ("billion laughs") costs
    time in proportion to its size, and an alias inside its own anchor is refused.
    """

    def __init__(self) -> None:
        self._built: dict[int, Any] = {}
        self._building: set[int] = set()

    def build(self, node: Node) -> Any:
        key = id(node)
        if key in self._built:
            return self._built[key]
        if key in self._building:
            raise TreeError("an alias refers to the anchor it is inside of", line(node))
        self._building.add(key)
        try:
            value = self._build(node)
        finally:
            self._building.discard(key)
        self._built[key] = value
        return value

    def _build(self, node: Node) -> Any:
        if isinstance(node, MappingNode):
            return self._mapping(node)
        if isinstance(node, SequenceNode):
            return [self.build(item) for item in node.value]
        return scalar(node)

    def _mapping(self, node: MappingNode) -> dict[str, Any]:
        out: dict[str, Any] = {}
        first: dict[str, ScalarNode] = {}
        for key_node, value_node in node.value:
            if key_node.tag == MERGE_TAG:
                continue
            if not isinstance(key_node, ScalarNode):
                raise TreeError("a key must be a plain word, not a list or mapping", line(key_node))
            key = str(scalar(key_node))
            if key in first:
                raise DuplicateKeyError(_duplicate(key, first[key], value_node), line(key_node))
            first[key] = value_node
            out[key] = self.build(value_node)
        for key_node, value_node in _entries(node):
            if key_node.value not in out:
                out[key_node.value] = self.build(value_node)
        return out


def _duplicate(key: str, original: Node, again: Node) -> str:
    if isinstance(original, ScalarNode) and isinstance(again, ScalarNode):
        return (
            f"found duplicate key {echo(key, quote=Q)} with value {echo(again.value, quote=Q)} "
            f"(original value: {echo(original.value, quote=Q)})"
        )
    return f"found duplicate key {echo(key, quote=Q)}"


Q = '"'


def scalar(node: Node) -> Any:
    """The value of a scalar under the core schema; explicit `!!str` and friends honoured."""
    tag, text = node.tag, node.value
    if tag == _CORE + "null":
        return None
    if tag == _CORE + "bool":
        return text.lower() == "true"
    if tag == _CORE + "int":
        return _integer(text, node)
    if tag == _CORE + "float":
        return _float(text)
    if tag in (_CORE + "str", _CORE + "timestamp"):
        return text
    raise TreeError(f"unsupported tag {echo(tag)}; write the value without it", line(node))


def _integer(text: str, node: Node) -> int:
    if len(text) > MAX_NUMBER_DIGITS:
        raise TreeError(
            f"a number of {len(text):,} digits; answers need at most {MAX_NUMBER_DIGITS}, "
            "so quote it if it is text",
            line(node),
        )
    try:
        if text.startswith("0o"):
            return int(text[2:], 8)
        return int(text, 0) if text.startswith("0x") else int(text, 10)
    except ValueError:
        raise TreeError(f"{echo(text)} is not a whole number", line(node)) from None


def _float(text: str) -> float:
    lowered = text.lower()
    if lowered.endswith(".inf"):
        return float("-inf") if lowered.startswith("-") else float("inf")
    if lowered == ".nan":
        return float("nan")
    return float(text)


def to_data(root: Node) -> Any:
    return _Builder().build(root)


def load(text: str) -> Any:
    """Plain data from YAML text, for files we ship (answers go through compose/to_data)."""
    root = compose(text)
    return None if root is None else to_data(root)


class _Dumper(yaml.SafeDumper):
    """Block style with indented lists; quotes any text a YAML 1.1 or 1.2 reader would
    take for something else, so what is written reads back the same in either."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


for _name, _pattern, _first in _RESOLVERS:
    _Dumper.add_implicit_resolver(_CORE + _name, re.compile(rf"^(?:{_pattern})$"), list(_first))


def dumps(data: Any) -> str:
    """Plain data as readable block-style YAML."""
    text: str = yaml.dump(
        data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, indent=2
    )
    return text
