"""Read and write answers files (YAML or JSON), and the one path that validates answers.

Answers from a file, from the wizard and from overrides all reach ``profile_from_answers``;
its errors name the file, the line and the field, and say what would fix them.
"""

from __future__ import annotations

import functools
import json
import os
import re
import stat
import types
import typing
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, NoReturn

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from generator import yamltree
from generator.errors import ECHO_LIMIT, AnswersError, Problem, echo, one_line
from generator.model import Clashes, StoreProfile
from generator.model.base import is_said
from generator.output import write_atomic
from generator.yamltree import Positions

SUFFIXES = (".yaml", ".yml", ".json")
SCHEMA_KEY = "$schema"


# Answers files are a few kilobytes (the largest example is 10 KB); anything past this is
# not an answers file, and reading it would only cost time and memory.
MAX_FILE_BYTES = 512 * 1024
# Values in one file once aliases and merges are expanded; an answers file holds a few
# hundred, so this only stops a file of nested aliases from multiplying the work.
MAX_VALUES = 20_000
# Problems reported per file: the first ones, then how many more there are.
MAX_PROBLEMS = 50


def read_answers(path: Path) -> tuple[dict[str, Any], Positions]:
    """Parse an answers file into a plain dict and the positions of its keys.

    Every problem, down to a FIFO, a directory or a file in the wrong encoding, is an
    AnswersError of one ``FILE:LINE: field: message`` line, and no file takes unbounded
    time or memory: only regular files of at most MAX_FILE_BYTES are read.
    """
    name = str(path)
    if path.suffix.lower() not in SUFFIXES:
        _fail(
            name,
            None,
            f"not an answers file: expected a name ending in {', '.join(SUFFIXES)}, "
            f"got {echo(path.suffix or 'no extension')}",
        )
    return parse_answers(name, read_text(path))


def read_text(path: Path) -> str:
    """The text of an answers file, read as ``read_bounded`` reads it; AnswersError if it
    is not a regular UTF-8 file within the size limit."""
    return decode_text(str(path), read_bounded(path))


def read_bounded(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; AnswersError otherwise.

    The file is opened without blocking (a FIFO would wait forever for a writer) and
    checked to be a regular file before anything is read from it (``/dev/zero`` never
    ends); at most ``limit + 1`` bytes are read, in case it grows meanwhile.
    """
    name = str(path)
    try:
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
        fd = os.open(path, flags)
    except FileNotFoundError:
        _fail(name, None, "no such file; check the path")
    except IsADirectoryError:
        _fail(name, None, "is a folder, not an answers file")
    except OSError as exc:
        _fail(name, None, f"cannot open the file: {exc.strerror or exc}")
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            _fail(name, None, "is a folder, not an answers file")
        if not stat.S_ISREG(info.st_mode):
            _fail(
                name,
                None,
                "not a regular file (a pipe, device or socket); save the answers to a file",
            )
        if info.st_size > limit:
            _fail(name, None, _too_big(info.st_size, limit))
        with os.fdopen(fd, "rb") as handle:
            fd = -1
            data = handle.read(limit + 1)
    except OSError as exc:
        _fail(name, None, f"cannot read the file: {exc.strerror or exc}")
    finally:
        if fd >= 0:
            os.close(fd)
    if len(data) > limit:
        _fail(name, None, _too_big(len(data), limit))
    return data


def _too_big(size: int, limit: int) -> str:
    return (
        f"the file is {size:,} bytes, more than the {limit // 1024} KB an answers file may be; "
        "check that this is the right file"
    )


def decode_text(name: str, data: bytes) -> str:
    """An answers file's bytes as text; an AnswersError naming the line of a byte that is
    not UTF-8."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        _fail(
            name,
            line,
            f"not UTF-8 text: byte 0x{data[exc.start]:02x} at column {column}; "
            "save the file as UTF-8",
        )


def _fail(name: str, line: int | None, message: str) -> NoReturn:
    raise AnswersError([Problem(name, line, "", message)])


def parse_answers(name: str, text: str) -> tuple[dict[str, Any], Positions]:
    """The answers in a file's text (YAML, or JSON when ``name`` ends in .json)."""
    if not text.strip():
        _fail(name, 1, "the file is empty; start from an example in examples/")
    is_json = name.lower().endswith(".json")
    if is_json:
        _check_json_syntax(name, text)
        # Valid JSON has tabs only between tokens, where YAML refuses them as indentation;
        # spaces keep every line number.
        text = text.replace("\t", " ")
    tree = _parse(name, text, "JSON" if is_json else "YAML")
    if tree is None:
        _fail(name, 1, "the file is empty; start from an example in examples/")
    data = _data(name, tree)
    if not isinstance(data, dict):
        _fail(
            name,
            yamltree.line(tree),
            "the top level must be a mapping of sections (business:, collection:, ...)",
        )
    data.pop(SCHEMA_KEY, None)
    return data, Positions(tree)


def _parse(name: str, text: str, language: str) -> yamltree.Node | None:
    """The node tree of an answers file (JSON is read as YAML to keep line numbers)."""
    try:
        return yamltree.compose(text, budget=MAX_VALUES)
    except yamltree.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = exc.problem or exc.context or f"invalid {language}"
        advice = "check indentation and quoting"
        if mark and _char_at(text, mark.line, mark.column) == "\t":
            what, advice = "found a tab", "indent with spaces instead"
        _fail(name, line, f"not valid {language}: {one_line(what)}; {advice}")
    except yamltree.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        char = f"U+{exc.character:04X}" if isinstance(exc.character, int) else "a character"
        _fail(name, line, f"not valid {language}: {char} is not allowed in YAML; remove it")
    except yamltree.TreeError as exc:
        _fail(name, exc.line, str(exc))
    except (yamltree.YAMLError, ValueError, RecursionError) as exc:
        # Any other parser failure still reaches the user as a message, never a traceback.
        _fail(name, None, f"not valid {language}: {one_line(str(exc))}")


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.splitlines()
    return lines[line][column : column + 1] if 0 <= line < len(lines) else ""


def _data(name: str, tree: yamltree.Node) -> Any:
    try:
        return yamltree.to_data(tree)
    except yamltree.DuplicateKeyError as exc:
        _fail(name, exc.line, f"{exc}; a key may appear only once, keep one")
    except yamltree.TreeError as exc:
        _fail(name, exc.line, str(exc))


def _check_json_syntax(name: str, text: str) -> None:
    parse_json(name, text)


def parse_json(name: str, text: str) -> Any:
    """JSON text as data; AnswersError (FILE:LINE) for bad JSON, nesting past
    yamltree.MAX_DEPTH or numbers past Python's digit limit."""
    _check_json_depth(name, text)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        _fail(name, exc.lineno, f"not valid JSON: {exc.msg} (column {exc.colno})")
    except (ValueError, RecursionError) as exc:  # a number past Python's digit limit
        _fail(name, None, f"not valid JSON: {one_line(str(exc))}")


_JSON_TOKENS = re.compile(r'[\[\]{}\n]|"(?:[^"\\\n]|\\.)*"?')


def _check_json_depth(name: str, text: str) -> None:
    """Refuse nesting past yamltree.MAX_DEPTH before json's recursive parser meets it."""
    depth, line = 0, 1
    for token in _JSON_TOKENS.finditer(text):
        char = token.group()
        if char == "\n":
            line += 1
        elif char in "[{":
            depth += 1
            if depth > yamltree.MAX_DEPTH:
                _fail(
                    name,
                    line,
                    f"nested more than {yamltree.MAX_DEPTH} levels deep; answers need about five",
                )
        elif char in "]}":
            depth -= 1


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
    if _names_a_service(current):
        from generator.services.fill import narrow_to_collected

        current = narrow_to_collected(current)
    try:
        return StoreProfile.model_validate(current)
    except ValidationError as exc:
        positions = positions or Positions()
        problems: list[Problem] = []
        errors = exc.errors(include_url=False)
        for error in errors[:MAX_PROBLEMS]:
            problems.extend(_problems_for(error, source, positions))
        if len(errors) > MAX_PROBLEMS:
            problems.append(
                Problem(
                    source,
                    None,
                    "",
                    f"{len(errors) - MAX_PROBLEMS:,} more problems not shown; fix these first",
                )
            )
        raise AnswersError(problems) from None


def _names_a_service(data: Mapping[str, Any]) -> bool:
    """Whether any recipient names a catalog service (the catalog loads only then)."""
    sharing = data.get("sharing")
    recipients = sharing.get("recipients") if isinstance(sharing, dict) else None
    return isinstance(recipients, list) and any(
        isinstance(r, dict) and "service" in r for r in recipients
    )


def _problems_for(error: ErrorDetails, source: str, positions: Positions) -> list[Problem]:
    loc = tuple(error["loc"])
    clashes = _clashes_in(error)
    if clashes is not None:
        return [
            Problem(source, positions.line_of(_parse_path(c.fields[0])), c.fields[0], str(c))
            for c in clashes.clashes
        ]
    field = one_line(_dotted(loc), limit=ECHO_LIMIT)
    return [Problem(source, positions.line_of(loc), field, _explain(error, loc))]


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
        message += f" (got {echo(got)})"
    return one_line(message)


def _unknown_choice_message(error: ErrorDetails) -> str:
    got = str(error.get("input"))
    expected = str((error.get("ctx") or {}).get("expected", ""))
    choices = [c.strip().strip("'") for c in expected.replace(" or ", ", ").split(",")]
    choices = [c for c in choices if c]
    close = _nearest(got, choices)
    hint = f"; did you mean '{close}'?" if close else "."
    return f"{echo(got)} is not one of the choices{hint} Choices: {', '.join(choices)}"


def _unknown_key_message(loc: tuple[int | str, ...]) -> str:
    key = str(loc[-1])
    known = _known_keys(loc[:-1])
    close = _nearest(key, known)
    if close:
        return f"unknown key {echo(key)}; did you mean '{close}'?"
    return f"unknown key {echo(key)}; valid keys here: {', '.join(known)}"


# Suggestions compare names of a few dozen characters; longer input is no misspelling.
_SUGGEST_LENGTH = 64


def _nearest(word: str, choices: Sequence[str]) -> str | None:
    """The choice ``word`` is most likely a misspelling of, if any. Each call compares one
    short word against a fixed list, so thousands of unknown keys cost linear time."""
    if len(word) > _SUGGEST_LENGTH:
        return None
    import difflib  # only answers with a mistake need it

    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return close[0] if close else None


@functools.cache
def _known_keys_at(path: tuple[str, ...]) -> tuple[str, ...]:
    model = _model_at(path)
    return tuple(model.model_fields) if model else ()


def _known_keys(loc: Sequence[int | str]) -> tuple[str, ...]:
    return _known_keys_at(tuple(str(p) for p in loc if not isinstance(p, int)))


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
    dumped = keep_said(profile, dumped)
    if any(r.service for r in profile.sharing.recipients) or any(
        t.service for t in profile.cookies.tools
    ):
        # Imported here: the catalog loads only for answers that name a service.
        from generator.services.fill import without_catalog_facts

        dumped = without_catalog_facts(profile, dumped)
    # The version is written even though it is the default: it is what a later version
    # reads to know how to upgrade the file.
    return {"schema_version": profile.schema_version, **dumped}


def keep_said(model: BaseModel, dumped: dict[str, Any]) -> dict[str, Any]:
    """``dumped`` (``model`` without its defaults) with every answer the owner gave to a
    field marked ``SAID`` put back, although it equals the default: the policy promises
    those only where they were said, so saving must not turn "said" into "assumed".
    Keys keep the model's order."""
    out = _said_walk(model, dumped, keep=True)
    order = [*type(model).model_fields, *out]
    return {key: out[key] for key in dict.fromkeys(order) if key in out}


def unsaid_defaults(model: BaseModel, dumped: dict[str, Any]) -> dict[str, Any]:
    """``dumped`` (``model`` with its defaults written out) without the ``SAID`` fields the
    owner never answered: a default shown in the wizard is not a promise the file made."""
    return _said_walk(model, dumped, keep=False)


def _said_walk(model: BaseModel, dumped: dict[str, Any], *, keep: bool) -> dict[str, Any]:
    # One walk for both directions: put back the SAID answers given (keep), or take out
    # the SAID defaults never given; nested parts and lists of parts alike.
    out = dict(dumped)
    for name, info in type(model).model_fields.items():
        value, given = getattr(model, name), name in model.model_fields_set
        if is_said(info):
            if keep and given and name not in out:
                out[name] = model.model_dump(mode="json", include={name})[name]
            elif not keep and not given:
                out.pop(name, None)
        elif isinstance(value, BaseModel) and (keep or isinstance(out.get(name), dict)):
            inner = _said_walk(value, out.get(name) or {}, keep=keep)
            if inner or name in out:
                out[name] = inner
        elif isinstance(value, list) and isinstance(out.get(name), list):
            out[name] = [
                _said_walk(item, given_item, keep=keep)
                if isinstance(item, BaseModel) and isinstance(given_item, dict)
                else given_item
                for item, given_item in zip(value, out[name], strict=False)
            ]
    return out


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
