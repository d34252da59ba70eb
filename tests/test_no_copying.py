"""No run of 10 words from a sample policy appears in any example's policy.

The check is about our wording, so the store's own answers (its addresses, names and the
details it typed) are cut out of the policy first: a run never spans them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import example_paths, mask_answers

from generator.answers import load_profile
from generator.compose import render_policy
from generator.model import StoreProfile

# The sample policies live beside the repository, not in it: ../shared/seeds.
SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"
RUN = 10


def words(text: str) -> list[str]:
    """Lower-case words with punctuation and Markdown marks removed."""
    return re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text.lower().replace("’", "'"))


def runs(text: str, size: int = RUN) -> set[tuple[str, ...]]:
    tokens = words(text)
    return {tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


def our_wording(profile: StoreProfile, markdown: str) -> list[str]:
    """The policy in pieces, split wherever a value from the answers appears."""
    return mask_answers(profile, markdown, "\x00").split("\x00")


def runs_of_pieces(pieces: list[str]) -> set[tuple[str, ...]]:
    return {run for piece in pieces for run in runs(piece)}


def test_answers_are_cut_out_before_comparing(examples_dir: Path) -> None:
    profile = load_profile(examples_dir / "tonerrefillkits.yaml")
    text = f"Write to {profile.business.address.lines[0]} {profile.business.address.city} now"
    assert all(profile.business.address.city not in piece for piece in our_wording(profile, text))


@pytest.fixture(scope="module")
def seed_runs() -> set[tuple[str, ...]]:
    seeds = sorted(SEEDS.glob("*.txt"))
    if not seeds:
        pytest.skip(f"no sample policies in {SEEDS} (they live outside the repository)")
    out: set[tuple[str, ...]] = set()
    for seed in seeds:
        out |= runs(seed.read_text(encoding="utf-8", errors="replace"))
    return out


def test_runs_are_found_through_case_and_punctuation() -> None:
    sample = "We do NOT sell, rent, or trade your personal information to anyone, ever."
    assert runs(sample) & runs("we do not sell rent or trade your personal information to anyone")


@pytest.mark.parametrize("example", example_paths(), ids=lambda p: p.stem)
def test_no_ten_word_run_from_a_sample(example: Path, seed_runs: set[tuple[str, ...]]) -> None:
    profile = load_profile(example)
    copied = runs_of_pieces(our_wording(profile, render_policy(profile).markdown)) & seed_runs
    assert not copied, "copied from a sample: " + "; ".join(" ".join(r) for r in sorted(copied))
