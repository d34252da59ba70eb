"""The JSON Schema of answers files: valid, current, and in step with the model."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import ROOT, example_paths
from hypothesis import given, settings
from jsonschema import Draft202012Validator
from strategies import store_profiles

from generator.answers import answers_from_profile, read_answers
from generator.cli import main
from generator.model import StoreProfile
from generator.schema import answers_schema, schema_text

COMMITTED = ROOT / "schema" / "store-profile.schema.json"


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    return Draft202012Validator(answers_schema())


def _as_json(data: dict[str, Any]) -> Any:
    """The answers as a JSON file would hold them (YAML dates become ISO strings)."""
    return json.loads(json.dumps(data, default=str))


def test_schema_passes_meta_validation() -> None:
    Draft202012Validator.check_schema(answers_schema())


def test_committed_schema_is_current() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == schema_text(), (
        "schema/store-profile.schema.json is stale; run "
        "`policygen schema --out schema/store-profile.schema.json`"
    )


def test_schema_command_writes_the_same_text(tmp_path: Path) -> None:
    out = tmp_path / "schema.json"
    result = CliRunner().invoke(main, ["schema", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == schema_text()
    printed = CliRunner().invoke(main, ["schema"])
    assert json.loads(printed.output)["$id"] == answers_schema()["$id"]


@pytest.mark.parametrize("path", example_paths(), ids=lambda p: p.stem)
def test_every_example_validates_against_the_schema(
    path: Path, validator: Draft202012Validator
) -> None:
    data, _ = read_answers(path)
    errors = [e.message for e in validator.iter_errors(_as_json(data))]
    assert errors == []


@pytest.mark.parametrize("path", example_paths(), ids=lambda p: p.stem)
def test_every_example_points_editors_at_the_committed_schema(path: Path) -> None:
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=../schema/store-profile.schema.json"
    assert (path.parent / "../schema/store-profile.schema.json").resolve() == COMMITTED


def test_schema_rejects_what_the_model_rejects(validator: Draft202012Validator) -> None:
    data, _ = read_answers(example_paths()[0])
    data = _as_json(data)
    data["business"]["legal_nam"] = data["business"].pop("legal_name")
    data["collection"]["items"][0]["category"] = "shoe_size"
    messages = " ".join(e.message for e in validator.iter_errors(data))
    assert "legal_name" in messages
    assert "shoe_size" in messages


@settings(max_examples=40)
@given(store_profiles())
def test_generated_profiles_validate_against_the_schema(profile: StoreProfile) -> None:
    data = answers_from_profile(profile)
    errors = [e.message for e in Draft202012Validator(answers_schema()).iter_errors(data)]
    assert errors == []
