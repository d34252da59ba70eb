"""The YAML reader and writer behind answers files and the questionnaire."""

from __future__ import annotations

import math
import string
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator import yamltree


def load(text: str) -> Any:
    return yamltree.load(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("NO", "NO"),  # Norway stays a country code under YAML 1.2
        ("yes", "yes"),
        ("on", "on"),
        ("true", True),
        ("False", False),
        ("~", None),
        ("", None),
        ("null", None),
        ("010", 10),
        ("0o10", 8),
        ("0x1F", 31),
        ("-7", -7),
        ("1.5", 1.5),
        ("1e3", 1000.0),
        ("2024-01-31", "2024-01-31"),  # dates stay text: the model parses them
        ("!!str 12", "12"),
        ('"x\\/y"', "x/y"),  # JSON's escaped slash
    ],
)
def test_scalars_follow_the_yaml_1_2_core_schema(text: str, value: object) -> None:
    assert load(f"a: {text}") == {"a": value}


def test_infinity_and_not_a_number() -> None:
    data = load("a: -.inf\nb: .NaN")
    assert data["a"] == -math.inf
    assert math.isnan(data["b"])


def test_an_unknown_tag_is_refused_with_its_line() -> None:
    with pytest.raises(yamltree.TreeError) as caught:
        load("a: 1\nb: !!binary aGVsbG8=\n")
    assert caught.value.line == 2
    assert "unsupported tag" in str(caught.value)


def test_a_duplicate_key_names_both_values_and_the_second_line() -> None:
    root = yamltree.compose("a: 1\nb: 2\na: 3\n")
    assert root is not None
    with pytest.raises(yamltree.DuplicateKeyError) as caught:
        yamltree.to_data(root)
    assert caught.value.line == 3
    assert str(caught.value) == 'found duplicate key "a" with value "3" (original value: "1")'


def test_a_key_must_be_a_scalar() -> None:
    with pytest.raises(yamltree.TreeError, match="plain word"):
        load("? [a, b]\n: 1\n")


def test_merge_keys_fill_in_what_a_mapping_does_not_set() -> None:
    data = load("base: &b {x: 1, y: 2}\nc:\n  <<: *b\n  y: 3\n")
    assert data["c"] == {"y": 3, "x": 1}


def test_aliases_share_one_value_so_nested_aliases_stay_cheap() -> None:
    # Ten levels of ten aliases would be 10**10 items if each alias were copied.
    lines = ["l0: &l0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 10)}]" for i in range(1, 10)]
    data = load("\n".join(lines))
    assert data["l9"][0] is data["l9"][1]
    assert data["l1"][0] == ["x"] * 10


def test_an_alias_inside_its_own_anchor_is_refused() -> None:
    with pytest.raises(yamltree.TreeError, match="inside of"):
        load("a: &a\n  - *a\n")


def test_positions_point_at_keys_and_list_items() -> None:
    root = yamltree.compose("top:\n  items:\n    - name: a\n    - name: b\n      size: 2\n")
    positions = yamltree.Positions(root)
    assert positions.line_of(("top",)) == 1
    assert positions.line_of(("top", "items", 1)) == 4
    assert positions.line_of(("top", "items", 1, "size")) == 5
    # A path that goes past the file stops at the deepest line that exists.
    assert positions.line_of(("top", "items", 7, "name")) == 2
    assert yamltree.Positions().line_of(("top",)) is None


def test_positions_find_merged_keys() -> None:
    root = yamltree.compose("base: &b\n  x: 1\nc:\n  <<: *b\n")
    assert yamltree.Positions(root).line_of(("c", "x")) == 2


def test_the_c_parser_is_used_where_libyaml_is_installed() -> None:
    import yaml

    if yaml.__with_libyaml__:
        assert yamltree._Composer.__name__ == "_CComposer"


def test_dumped_lists_are_indented_under_their_key() -> None:
    assert yamltree.dumps({"a": {"b": [1, 2]}}) == "a:\n  b:\n    - 1\n    - 2\n"


# Text that looks like something else to a YAML 1.1 or 1.2 reader must come back as text.
_TRICKY = st.sampled_from(
    ["NO", "yes", "off", "0o17", "010", "1_000", "2024-01-01", "~", "null", ".inf", "1e3", "<<"]
)
_TEXT = st.text(string.printable + "éü—…’", max_size=30) | _TRICKY
_SCALARS = st.none() | st.booleans() | st.integers() | _TEXT
_DATA = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_TEXT, inner, max_size=4),
    max_leaves=20,
)


@given(data=st.dictionaries(_TEXT, _DATA, max_size=5))
def test_what_is_dumped_loads_back_the_same(data: dict[str, Any]) -> None:
    assert load(yamltree.dumps(data)) == (data or {})
