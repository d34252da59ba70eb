"""Read and write answers files (YAML or JSON), and the one path that validates answers.

Answers from a file, from the wizard and from overrides all reach ``profile_from_answers``;
its errors name the file, the line and the field, and say what would fix them.
"""

from __future__ import annotations

import difflib
import json
import types
import typing
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from generator import yamltree
from generator.errors import AnswersError, Problem
from generator.model import Clashes, StoreProfile
from generator.output import write_atomic
from generator.yamltree import Positions

SUFFIXES = (".yaml", ".yml", ".json")
SCHEMA_KEY = "$schema"


def read_answers(path: Path) -> tuple[dict[str, Any], Positions]:
    """Parse an answers file into a plain dict and the positions of its keys."""
    name = str(path)
    if path.suffix.lower() not in SUFFIXES:
        raise AnswersError(
            [
                Problem(
                    name,
                    None,
                    "",
                    f"not an answers file: expected a name ending in "
                    f"{', '.join(SUFFIXES)}, got '{path.suffix or 'no extension'}'",
                )
            ]
        )
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise AnswersError([Problem(name, None, "", "no such file; check the path")]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise AnswersError([Problem(name, None, "", f"cannot read the file: {exc}")]) from None
    return parse_answers(name, text)


def parse_answers(name: str, text: str) -> tuple[dict[str, Any], Positions]:
    """The answers in a file's text (YAML, or JSON when ``name`` ends in .json)."""
    is_json = name.lower().endswith(".json")
    if is_json:
        _check_json_syntax(name, text)
        # Valid JSON has tabs only between tokens, where YAML refuses them as indentation;
        # spaces keep every line number.
        text = text.replace("\t", " ")
    tree = _parse(name, text, "JSON" if is_json else "YAML")
    if tree is None:
        raise AnswersError(
            [Problem(name, None, "", "the file is empty; start from an example in examples/")]
        )
    data = _data(name, tree)
    if not isinstance(data, dict):
        raise AnswersError(
            [
                Problem(
                    name,
                    yamltree.line(tree),
                    "",
                    "the top level must be a mapping of sections (business:, collection:, ...)",
                )
            ]
        )
    data.pop(SCHEMA_KEY, None)
    return data, Positions(tree)


def _parse(name: str, text: str, language: str) -> yamltree.Node | None:
    """The node tree of an answers file (JSON is read as YAML to keep line numbers)."""
    try:
        return yamltree.compose(text)
    except yamltree.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = exc.problem or exc.context or f"invalid {language}"
        advice = "check indentation and quoting"
        if mark and _char_at(text, mark.line, mark.column) == "\t":
            what, advice = "found a tab", "indent with spaces instead"
        raise AnswersError(
            [Problem(name, line, "", f"not valid {language}: {what}; {advice}")]
        ) from None
    except (yamltree.YAMLError, ValueError) as exc:
        # Any other parser failure still reaches the user as a message, never a traceback.
        raise AnswersError([Problem(name, None, "", f"not valid {language}: {exc}")]) from None


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.splitlines()
    return lines[line][column : column + 1] if 0 <= line < len(lines) else ""


def _data(name: str, tree: yamltree.Node) -> Any:
    try:
        return yamltree.to_data(tree)
    except yamltree.DuplicateKeyError as exc:
        raise AnswersError(
            [Problem(name, exc.line, "", f"{exc}; a key may appear only once, keep one")]
        ) from None
    except yamltree.TreeError as exc:
        raise AnswersError([Problem(name, exc.line, "", str(exc))]) from None


def _check_json_syntax(name: str, text: str) -> None:
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        raise AnswersError(
            [Problem(name, exc.lineno, "", f"not valid JSON: {exc.msg} (column {exc.colno})")]
        ) from None


def load_profile(path: Path | str) -> StoreProfile:
    """Read an answers file and validate it into a StoreProfile."""
    path = Path(path)
    data, positions = read_answers(path)
    return profile_from_answers(data, source=str(path), positions=positions)


def profile_from_answers(
    data: Mapping[str, Any], *, source: str = "<answers>", positions: Positions | None = None
) -> StoreProfile:
    """The single validation path for answers from any origin.

    Answers written by an earlier version are read as the current version first
    (``migrate.upgrade``), so old files keep loading.
    """
    from generator.migrate import upgrade

    current, _changes = upgrade(dict(data))
    try:
        return StoreProfile.model_validate(current)
    except ValidationError as exc:
        positions = positions or Positions()
        problems: list[Problem] = []
        for error in exc.errors():
            problems.extend(_problems_for(error, source, positions))
        raise AnswersError(problems) from None


def _problems_for(error: ErrorDetails, source: str, positions: Positions) -> list[Problem]:
    loc = tuple(error["loc"])
    clashes = _clashes_in(error)
    if clashes is not None:
        return [
            Problem(source, positions.line_of(_parse_path(c.fields[0])), c.fields[0], str(c))
            for c in clashes.clashes
        ]
    return [Problem(source, positions.line_of(loc), _dotted(loc), _explain(error, loc))]


def _clashes_in(error: ErrorDetails) -> Clashes | None:
    cause = (error.get("ctx") or {}).get("error")
    return cause if isinstance(cause, Clashes) else None


def _explain(error: ErrorDetails, loc: tuple[int | str, ...]) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        return _unknown_key_message(loc)
    if kind == "missing":
        hint = _field_description(loc)
        return "required but missing; add it" + (f" ({hint})" if hint else "")
    if kind == "enum":
        return _unknown_choice_message(error)
    message = error["msg"]
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    got = error.get("input")
    if kind not in ("missing",) and isinstance(got, (str, int, float, bool)):
        message += f" (got {got!r})"
    return message


def _unknown_choice_message(error: ErrorDetails) -> str:
    got = str(error.get("input"))
    expected = str((error.get("ctx") or {}).get("expected", ""))
    choices = [c.strip().strip("'") for c in expected.replace(" or ", ", ").split(",")]
    choices = [c for c in choices if c]
    close = difflib.get_close_matches(got, choices, n=1, cutoff=0.6)
    hint = f"; did you mean '{close[0]}'?" if close else "."
    return f"'{got}' is not one of the choices{hint} Choices: {', '.join(choices)}"


def _unknown_key_message(loc: tuple[int | str, ...]) -> str:
    key = str(loc[-1])
    model = _model_at(loc[:-1])
    known = list(model.model_fields) if model else []
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    if close:
        return f"unknown key '{key}'; did you mean '{close[0]}'?"
    return f"unknown key '{key}'; valid keys here: {', '.join(known)}"


def _field_description(loc: tuple[int | str, ...]) -> str | None:
    model = _model_at(loc[:-1])
    if model is None or not isinstance(loc[-1], str) or loc[-1] not in model.model_fields:
        return None
    return model.model_fields[loc[-1]].description


def _model_at(loc: Sequence[int | str]) -> type[BaseModel] | None:
    """The model class that sits at a path inside StoreProfile, if any."""
    model: type[BaseModel] | None = StoreProfile
    annotation: Any = StoreProfile
    for part in loc:
        if isinstance(part, int):
            continue
        model = _model_in(annotation)
        if model is None or part not in model.model_fields:
            return None
        annotation = model.model_fields[part].annotation
    return _model_in(annotation)


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType, list, typing.Annotated):
        for arg in typing.get_args(annotation):
            found = _model_in(arg)
            if found is not None:
                return found
    return None


def _dotted(loc: Sequence[int | str]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def _parse_path(path: str) -> tuple[int | str, ...]:
    parts: list[int | str] = []
    for piece in path.replace("]", "").replace("[", ".").split("."):
        if piece:
            parts.append(int(piece) if piece.isdigit() else piece)
    return tuple(parts)


def answers_from_profile(profile: StoreProfile) -> dict[str, Any]:
    """The answers that reproduce ``profile``, leaving out what equals the defaults."""
    dumped: dict[str, Any] = profile.model_dump(mode="json", exclude_defaults=True)
    # The version is written even though it is the default: it is what a later version
    # reads to know how to upgrade the file.
    return {"schema_version": profile.schema_version, **dumped}


def dumps_answers(profile: StoreProfile, fmt: str = "yaml", schema_ref: str | None = None) -> str:
    data = answers_from_profile(profile)
    if schema_ref and fmt == "json":
        data = {SCHEMA_KEY: schema_ref, **data}
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    header = f"# yaml-language-server: $schema={schema_ref}\n" if schema_ref else ""
    return header + yamltree.dumps(data)


def dumps_data(data: dict[str, Any], name: str) -> str:
    """Plain answers as file text, YAML or JSON by the file name."""
    if name.lower().endswith(".json"):
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    return yamltree.dumps(data)


def save_profile(profile: StoreProfile, path: Path | str, schema_ref: str | None = None) -> Path:
    """Write the answers for ``profile`` atomically, as YAML or JSON by the file's suffix."""
    path = Path(path)
    fmt = "json" if path.suffix.lower() == ".json" else "yaml"
    write_atomic(path, dumps_answers(profile, fmt, schema_ref).encode("utf-8"))
    return path
