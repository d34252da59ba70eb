"""generator/yamledit.py: items added to lists in YAML or JSON text, every other byte kept,
and an edit that would read back as anything else refused."""

from __future__ import annotations

import pytest

from generator.yamledit import EditError, NewItem, append_items

ADD = {
    ("sharing", "recipients"): [NewItem({"service": "meta-pixel"}, "found")],
    ("cookies", "tools"): [NewItem({"service": "meta-pixel"})],
}

CASES = {
    "block lists, comments after the last item stay after the new ones": (
        "sharing:\n  recipients:\n  - kind: x  # one\n    names: [y]\n  # more later\n"
        "cookies:\n  tools:\n    - name: a\n",
        "sharing:\n  recipients:\n  - kind: x  # one\n    names: [y]\n"
        "  - service: meta-pixel  # found\n  # more later\n"
        "cookies:\n  tools:\n    - name: a\n    - service: meta-pixel\n",
    ),
    "Windows line breaks": (
        "sharing:\r\n  recipients:\r\n  - kind: x\r\n",
        "sharing:\r\n  recipients:\r\n  - kind: x\r\n  - service: meta-pixel  # found\r\n"
        # The file writes its lists' dashes under the key: so do the new ones.
        "cookies:\r\n  tools:\r\n  - service: meta-pixel\r\n",
    ),
    "no line break at the end": (
        "sharing:\n  recipients:\n    - kind: x",
        "sharing:\n  recipients:\n    - kind: x\n    - service: meta-pixel  # found\n"
        "cookies:\n  tools:\n    - service: meta-pixel\n",
    ),
    "a block text last, whose lines look like comments": (
        "sharing:\n  recipients:\n    - kind: x\n      terms: |\n        # not a comment\n"
        "        two\ncookies:\n  tools: ~\n",
        "sharing:\n  recipients:\n    - kind: x\n      terms: |\n        # not a comment\n"
        "        two\n    - service: meta-pixel  # found\ncookies:\n  tools:\n"
        "    - service: meta-pixel\n",
    ),
    "an alias last in the list": (
        "x: &x {kind: a}\nsharing:\n  recipients:\n    - *x\n\n  # end\ncookies: {}\n",
        "x: &x {kind: a}\nsharing:\n  recipients:\n    - *x\n    - service: meta-pixel  # found\n"
        "\n  # end\ncookies:\n  tools:\n    - service: meta-pixel\n",
    ),
    "flow style throughout": (
        "{sharing: {recipients: []}, cookies: {tools: [\n  {name: a}\n]}}\n",
        "{sharing: {recipients: [{service: meta-pixel}]}, cookies: {tools: [\n  {name: a},\n"
        "  {service: meta-pixel}\n]}}\n",
    ),
    "deeper indentation kept": (
        "sharing:\n      recipients:\n              - kind: x\ncookies:\n      kinds: [a]\n",
        "sharing:\n      recipients:\n              - kind: x\n"
        "              - service: meta-pixel  # found\ncookies:\n      kinds: [a]\n"
        "      tools:\n              - service: meta-pixel\n",
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_items_go_where_they_belong_and_nothing_else_changes(name: str) -> None:
    before, after = CASES[name]
    assert append_items(before, ADD) == after


def test_json_gets_json_on_lines_of_their_own() -> None:
    before = '{\n  "sharing": {\n    "recipients": [\n      {"kind": "x"}\n    ]\n  }\n}\n'
    after = append_items(before, ADD, is_json=True)
    assert after == (
        '{\n  "sharing": {\n    "recipients": [\n      {"kind": "x"},\n'
        '      {"service": "meta-pixel"}\n    ]\n  },\n  "cookies": {"tools": '
        '[{"service": "meta-pixel"}]}\n}\n'
    )


def test_words_yaml_would_read_as_something_else_are_quoted() -> None:
    after = append_items("cookies:\n  kinds: []\n", {("cookies", "kinds"): [NewItem("null")]})
    assert after == 'cookies:\n  kinds:\n    - "null"\n'


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("d: &d {recipients: []}\nsharing:\n  <<: *d\n", "comes from a merge"),
        ("d: &d {recipients: []}\nsharing: *d\n", "is an alias of an anchor"),
        ("sharing:\n  recipients: none\n", "is not a list"),
        ("sharing: [a]\n", "is not a mapping of answers"),
        # An anchored list used again elsewhere: adding to it would add there too.
        ("sharing:\n  recipients: &r\n    - kind: a\nother: *r\n", "no safe place"),
    ],
)
def test_what_cannot_be_edited_safely_is_refused(text: str, message: str) -> None:
    with pytest.raises(EditError, match=message) as caught:
        append_items(text, {("sharing", "recipients"): [NewItem({"service": "x"})]})
    assert caught.value.field in ("sharing", "sharing.recipients", "")
