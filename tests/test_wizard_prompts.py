"""The prompt-count benchmark: where the prompts go adds up to how many there are."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent


def _benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "wizard_prompts", ROOT / "benchmarks" / "wizard_prompts.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_prompts_by_question_add_up_to_the_total() -> None:
    counted = _benchmark().count(ROOT / "examples" / "practice" / "02-boundary-pine.yaml")
    assert sum(counted.by_question.values()) == counted.asked
    assert sum(counted.by_section.values()) <= counted.asked  # the review is in neither
    collection = {k: v for k, v in counted.by_question.items() if k.startswith("collection.")}
    assert sum(collection.values()) == counted.by_section["collection"]
    assert "?" not in counted.by_question
