"""Shared fixtures. Add fixtures by appending; several suites use this file."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def example_paths() -> list[Path]:
    return sorted(EXAMPLES.glob("*.yaml"))


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES
