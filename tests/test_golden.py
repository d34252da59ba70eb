"""Each example store's policy, byte for byte. After a deliberate wording change, run
``pytest tests/test_golden.py --update-goldens`` and review the diff in git."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import example_paths

from generator.answers import load_profile
from generator.compose import render_policy

GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.parametrize("example", example_paths(), ids=lambda p: p.stem)
def test_example_matches_its_golden_markdown(example: Path, update_goldens: bool) -> None:
    markdown = render_policy(load_profile(example)).markdown
    golden = GOLDEN / f"{example.stem}.md"
    if update_goldens:
        golden.write_text(markdown, encoding="utf-8")
    assert golden.exists(), f"no golden for {example.name}; run pytest --update-goldens"
    assert markdown == golden.read_text(encoding="utf-8"), (
        f"{example.name} renders differently from {golden.name}; "
        "if the change is intended, run pytest --update-goldens and review the diff"
    )


def test_every_golden_has_an_example() -> None:
    stems = {p.stem for p in example_paths()}
    orphans = sorted(g.name for g in GOLDEN.glob("*.md") if g.stem not in stems)
    assert not orphans, f"goldens without an example: {orphans}"
