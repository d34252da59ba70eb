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


class TreeError(Exception):
    """Valid YAML that answers cannot be made of (a recursive alias, an unknown tag)."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


class DuplicateKeyError(TreeError):
    """A mapping names the same key twice; ``line`` is the second one (1-based)."""


def compose(text: str) -> Node | None:
    """The node tree of one YAML document (None for an empty one)."""
    loader = _Composer(text)
    try:
        node: Node | None = loader.get_single_node()
    finally:
        loader.dispose()
    return node


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
        for key, value in _entries(node):
            if key.value == part:
                return line(key), value
    elif isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        item = node.value[part]
        return line(item), item
    return None


def _entries(node: MappingNode) -> list[tuple[ScalarNode, Node]]:
    """A mapping's own keys, then those merged in with `<<` that it does not set itself."""
    own = [(k, v) for k, v in node.value if k.tag != MERGE_TAG]
    names = {k.value for k, _ in own}
    for key, value in node.value:
        if key.tag != MERGE_TAG:
            continue
        sources = value.value if isinstance(value, SequenceNode) else [value]
        for source in sources:
            if not isinstance(source, MappingNode):
                raise TreeError("'<<' must merge a mapping or a list of mappings", line(source))
            for merged_key, merged_value in _entries(source):
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
            f'found duplicate key "{key}" with value "{again.value}" '
            f'(original value: "{original.value}")'
        )
    return f'found duplicate key "{key}"'


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
    raise TreeError(f"unsupported tag {tag}; write the value without it", line(node))


def _integer(text: str, node: Node) -> int:
    try:
        if text.startswith("0o"):
            return int(text[2:], 8)
        return int(text, 0) if text.startswith("0x") else int(text, 10)
    except ValueError:
        raise TreeError(f"'{text}' is not a whole number", line(node)) from None


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
