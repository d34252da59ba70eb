"""Answers as a nested dict: reading and writing them by dotted path, and seeing them
through the model (``Scope``) so that `when` expressions read unanswered fields as defaults."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

from generator.wizard.questionnaire import Kind

_ABSENT = object()


def _lookup(data: Mapping[str, Any], dotted: str) -> Any:
    node: Any = data
    for part in dotted.split("."):
        if not isinstance(node, Mapping) or part not in node:
            return _ABSENT
        node = node[part]
    return node


def get_path(data: Mapping[str, Any], dotted: str) -> Any:
    found = _lookup(data, dotted)
    return None if found is _ABSENT else found


def has_path(data: Mapping[str, Any], dotted: str) -> bool:
    return _lookup(data, dotted) is not _ABSENT


def set_path(data: dict[str, Any], dotted: str, value: Any) -> None:
    *parents, last = dotted.split(".")
    node = data
    for part in parents:
        child = node.get(part)
        if not isinstance(child, dict):
            child = node[part] = {}
        node = child
    node[last] = value


def drop_path(data: dict[str, Any], dotted: str) -> None:
    """Remove an answer, and the parts it leaves empty (so they fall back to defaults)."""
    parts = dotted.split(".")
    trail: list[tuple[dict[str, Any], str]] = []
    node: Any = data
    for part in parts:
        if not isinstance(node, dict) or part not in node:
            return
        trail.append((node, part))
        node = node[part]
    parent, key = trail.pop()
    del parent[key]
    while trail and parent == {}:
        parent, key = trail.pop()
        del parent[key]


# ---- expressions over earlier answers ------------------------------------------------


class Scope:
    """Answers seen through the model: a field not answered yet reads as its default.

    Jinja looks attributes up with getattr first, so this is a plain object rather than a
    Mapping (a Mapping would answer `collection.items` with its `items` method).
    """

    __slots__ = ("_data", "_model")

    def __init__(self, data: Mapping[str, Any], model: type[BaseModel]) -> None:
        self._data = data
        self._model = model

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_") or name not in self._model.model_fields:
            raise AttributeError(name)
        from generator.wizard.questionnaire import _spec

        spec = _spec(name, self._model.model_fields[name])
        value = self._data.get(name) if name in self._data else spec.default()
        if spec.kind is Kind.OBJECT and spec.model is not None:
            return Scope(value if isinstance(value, Mapping) else {}, spec.model)
        return value

    def __bool__(self) -> bool:
        """An object answered at all (``when: business.privacy_officer``) is true."""
        return bool(self._data)

    def __getitem__(self, name: str) -> Any:
        try:
            return getattr(self, name)
        except AttributeError:
            raise KeyError(name) from None


def any_in(values: Any, pool: Any) -> bool:
    return bool(set(values or ()) & set(pool or ()))
