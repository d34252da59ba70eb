"""Answers files: every kind of bad input gets FILE:LINE: field: message and exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import example_paths
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import store_profiles

from generator.answers import (
    dumps_answers,
    load_profile,
    profile_from_answers,
    read_answers,
    save_profile,
)
from generator.cli import main
from generator.errors import AnswersError
from generator.model import StoreProfile

TONER = next(p for p in example_paths() if p.stem == "tonerrefillkits")


def validate(*paths: Path) -> Result:
    return CliRunner().invoke(main, ["validate", *map(str, paths)])


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def variant(tmp_path: Path, old: str, new: str, name: str = "store.yaml") -> Path:
    """The TonerRefillKits example with one line changed."""
    text = TONER.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    return write(tmp_path, name, text.replace(old, new))


def line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if needle in line)


def problems(path: Path) -> list[str]:
    with pytest.raises(AnswersError) as caught:
        load_profile(path)
    return [str(p) for p in caught.value.problems]


def assert_refused(path: Path, expected: str) -> None:
    """Both the library and `policygen validate` report ``expected``, with exit code 2."""
    assert expected in problems(path)
    result = validate(path)
    assert result.exit_code == 2
    assert expected in result.stderr.splitlines()
    assert "Traceback" not in result.output


# ---- one test per kind of bad input -------------------------------------


def test_broken_yaml(tmp_path: Path) -> None:
    path = write(tmp_path, "broken.yaml", "business:\n  legal_name: [unclosed\n")
    [message] = problems(path)
    assert message.startswith(f"{path}:3: not valid YAML: ")
    assert message.endswith("check indentation and quoting")
    assert validate(path).exit_code == 2


def test_tab_indentation_is_broken_yaml(tmp_path: Path) -> None:
    path = write(tmp_path, "tabs.yaml", "business:\n\tlegal_name: x\n")
    assert_refused(
        path,
        f"{path}:2: not valid YAML: found a tab; indent with spaces instead",
    )


def test_broken_json(tmp_path: Path) -> None:
    path = write(tmp_path, "broken.json", '{\n  "business": {"legal_name": "x",}\n}\n')
    assert_refused(
        path,
        f"{path}:2: not valid JSON: Expecting property name enclosed in double quotes (column 34)",
    )


def test_wrong_type(tmp_path: Path) -> None:
    path = variant(tmp_path, "  employees: 12\n", "  employees: many\n")
    line = line_of(path, "employees: many")
    assert_refused(
        path,
        f"{path}:{line}: business.employees: Input should be a valid integer, unable to parse "
        "string as an integer (got 'many')",
    )


def test_list_where_a_list_is_needed(tmp_path: Path) -> None:
    path = variant(tmp_path, '  websites: ["https://www.tonerrefillkits.com/"]', "  websites: x")
    line = line_of(path, "websites: x")
    assert_refused(
        path, f"{path}:{line}: business.websites: Input should be a valid list (got 'x')"
    )


def test_unknown_key_suggests_the_nearest(tmp_path: Path) -> None:
    path = variant(tmp_path, "  employees: 12\n", "  employes: 12\n")
    line = line_of(path, "employes:")
    assert_refused(
        path, f"{path}:{line}: business.employes: unknown key 'employes'; did you mean 'employees'?"
    )


def test_unknown_key_without_a_near_match_lists_the_valid_keys(tmp_path: Path) -> None:
    path = variant(tmp_path, "  employees: 12\n", "  zzz: 12\n")
    [message] = problems(path)
    assert message.startswith(f"{path}:{line_of(path, 'zzz:')}: business.zzz: unknown key 'zzz'; ")
    assert "valid keys here: legal_name, store_name, websites" in message


def test_unknown_choice_suggests_the_nearest(tmp_path: Path) -> None:
    path = variant(tmp_path, "    - category: phone\n", "    - category: phon\n")
    [message] = problems(path)
    assert message.startswith(
        f"{path}:{line_of(path, 'category: phon')}: collection.items[3].category: "
        "'phon' is not one of the choices; did you mean 'phone'? Choices: name, email, phone,"
    )


def test_bad_date_names_field_and_line(tmp_path: Path) -> None:
    path = variant(tmp_path, "effective_date: 1999-07-15", "effective_date: 1999-13-45")
    [message] = problems(path)
    assert message.startswith(f"{path}:{line_of(path, '1999-13-45')}: policy.effective_date: ")
    assert "(got '1999-13-45')" in message
    assert validate(path).exit_code == 2


def test_bad_email_names_field_and_line(tmp_path: Path) -> None:
    path = variant(tmp_path, "email: privacy@tonerrefillkits.example", "email: privacy-at-x")
    [message] = problems(path)
    assert message.startswith(f"{path}:{line_of(path, 'privacy-at-x')}: business.contact.email: ")
    assert "@-sign" in message


def test_contradiction_names_both_answers(tmp_path: Path) -> None:
    path = variant(tmp_path, "  channels: [email]\n", "  channels: []\n")
    line = line_of(path, "- purpose: marketing")
    assert_refused(
        path,
        f"{path}:{line}: use.purposes[4].purpose: 'marketing' is a purpose but "
        "marketing.channels is empty; name the channels or drop the purpose "
        "(answers that clash: use.purposes[4].purpose, marketing.channels)",
    )


def test_missing_required_field(tmp_path: Path) -> None:
    path = variant(tmp_path, "  store_name: TonerRefillKits\n", "")
    line = line_of(path, "business:")
    assert_refused(
        path,
        f"{path}:{line}: business.store_name: required but missing; add it "
        "(The name customers know the store by.)",
    )


def test_missing_section(tmp_path: Path) -> None:
    text = TONER.read_text(encoding="utf-8")
    path = write(tmp_path, "nopolicy.yaml", text[: text.index("policy:\n")])
    [message] = problems(path)
    assert message == f"{path}:3: policy: required but missing; add it"


def test_wrong_file_type(tmp_path: Path) -> None:
    path = write(tmp_path, "answers.txt", "business: {}\n")
    assert_refused(
        path,
        f"{path}: not an answers file: expected a name ending in .yaml, .yml, .json, got '.txt'",
    )


def test_missing_file(tmp_path: Path) -> None:
    assert_refused(
        tmp_path / "nope.yaml", f"{tmp_path / 'nope.yaml'}: no such file; check the path"
    )


@pytest.mark.parametrize("text", ["", "# just a comment\n", "\n\n"])
def test_empty_file(tmp_path: Path, text: str) -> None:
    path = write(tmp_path, "empty.yaml", text)
    assert_refused(path, f"{path}:1: the file is empty; start from an example in examples/")


@pytest.mark.parametrize(
    ("name", "text"), [("list.yaml", "- business\n- policy\n"), ("list.json", "[1, 2]\n")]
)
def test_top_level_must_be_a_mapping(tmp_path: Path, name: str, text: str) -> None:
    path = write(tmp_path, name, text)
    assert_refused(
        path,
        f"{path}:1: the top level must be a mapping of sections (business:, collection:, ...)",
    )


def test_scalar_top_level(tmp_path: Path) -> None:
    path = write(tmp_path, "scalar.yaml", "just words\n")
    assert_refused(
        path, f"{path}:1: the top level must be a mapping of sections (business:, collection:, ...)"
    )


def test_duplicate_key_yaml(tmp_path: Path) -> None:
    path = variant(tmp_path, "  employees: 12\n", "  employees: 12\n  employees: 13\n")
    assert_refused(
        path,
        f'{path}:{line_of(path, "employees: 13")}: found duplicate key "employees" with value '
        '"13" (original value: "12"); a key may appear only once, keep one',
    )


def test_duplicate_key_json(tmp_path: Path) -> None:
    path = write(tmp_path, "dup.json", '{\n  "policy": {},\n  "policy": {}\n}\n')
    [message] = problems(path)
    assert message.startswith(f'{path}:3: found duplicate key "policy"')


def test_every_problem_is_reported_in_one_run(tmp_path: Path) -> None:
    path = variant(tmp_path, "  employees: 12\n", "  employees: many\n  colour: blue\n")
    found = problems(path)
    assert len(found) == 2
    assert any("business.employees" in p for p in found)
    assert any("business.colour: unknown key 'colour'" in p for p in found)


def test_validate_reports_each_file_and_fails_if_any_fails(tmp_path: Path) -> None:
    bad = write(tmp_path, "bad.yaml", "")
    result = validate(TONER, bad)
    assert result.exit_code == 2
    assert f"{TONER}: valid" in result.stdout
    assert f"{bad}:1: the file is empty" in result.stderr


def test_problems_without_a_file_name_use_the_source(tmp_path: Path) -> None:
    with pytest.raises(AnswersError) as caught:
        profile_from_answers({"business": {}}, source="wizard")
    assert all(str(p).startswith("wizard: ") for p in caught.value.problems)


# ---- valid files ---------------------------------------------------------


@pytest.mark.parametrize("path", example_paths(), ids=lambda p: p.stem)
def test_every_example_is_valid(path: Path) -> None:
    result = validate(path)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{path}: valid\n"


def test_json_answers_may_name_their_schema(tmp_path: Path) -> None:
    profile = load_profile(TONER)
    text = dumps_answers(profile, "json", schema_ref="../schema/store-profile.schema.json")
    assert json.loads(text)["$schema"] == "../schema/store-profile.schema.json"
    path = write(tmp_path, "store.json", text)
    assert load_profile(path) == profile
    assert validate(path).exit_code == 0


def test_yaml_answers_carry_the_editor_schema_comment(tmp_path: Path) -> None:
    profile = load_profile(TONER)
    path = save_profile(profile, tmp_path / "store.yaml", schema_ref="schema.json")
    assert path.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=schema.json"
    )
    assert load_profile(path) == profile


def test_read_answers_drops_the_schema_key(tmp_path: Path) -> None:
    path = write(tmp_path, "a.json", '{"$schema": "x.json", "policy": {}}')
    data, _ = read_answers(path)
    assert data == {"policy": {}}


# ---- round trips ---------------------------------------------------------


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
@pytest.mark.parametrize("path", example_paths(), ids=lambda p: p.stem)
def test_examples_survive_a_save_and_load(path: Path, suffix: str, tmp_path: Path) -> None:
    profile = load_profile(path)
    saved = save_profile(profile, tmp_path / f"copy{suffix}")
    assert load_profile(saved) == profile


@settings(
    max_examples=40,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(profile=store_profiles())
def test_generated_profiles_survive_yaml_and_json(profile: StoreProfile, tmp_path: Path) -> None:
    for suffix in (".yaml", ".json"):
        saved = save_profile(profile, tmp_path / f"generated{suffix}")
        assert load_profile(saved) == profile


# ---- no traceback, whatever the file holds --------------------------------

_YAMLISH = st.text(alphabet=st.sampled_from(list("abc:-[]{}\"'#&*!|>%@`\t\n 0123,.?")), max_size=80)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.one_of(_YAMLISH, st.text(max_size=80)), suffix=st.sampled_from([".yaml", ".json"]))
def test_any_text_gets_a_message_not_a_traceback(tmp_path: Path, text: str, suffix: str) -> None:
    path = write(tmp_path, f"fuzz{suffix}", text)
    result = validate(path)
    assert result.exit_code == 2
    assert isinstance(result.exception, SystemExit)
    assert result.stderr.startswith(str(path))


def test_a_file_that_is_not_utf8_gets_a_message(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("business:\n  legal_name: Caf\xe9\n".encode("latin-1"))
    [message] = problems(path)
    assert message == f"{path}:2: not UTF-8 text: byte 0xe9 at column 18; save the file as UTF-8"
    assert validate(path).exit_code == 2


def test_an_answer_that_equals_its_default_is_kept_where_saying_it_matters() -> None:
    """'Appeals: yes' said by the owner is printed for any store; the same default never
    answered is printed only where a law forces it. Saving must keep the difference."""
    from law_stores import answers

    from generator.answers import parse_answers

    said = profile_from_answers(
        answers(rights={"rights": ["access", "delete"], "appeals": True, "response_days": 45})
    )
    again = profile_from_answers(parse_answers("saved.yaml", dumps_answers(said))[0])
    assert {"appeals", "response_days"} <= again.rights.model_fields_set
    # A default the owner never gave is still left out.
    never = profile_from_answers(answers())
    saved = parse_answers("saved.yaml", dumps_answers(never))[0]
    assert "appeals" not in saved.get("rights", {})
