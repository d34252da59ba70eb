"""The questionnaire: questions as data, each tied to the StoreProfile field it fills.

A question names a field by its dotted path (``business.store_name``); its kind, choices and
validation come from that field, so the wizard cannot drift from the model. ``when`` is a
Jinja2 expression over earlier answers, compiled by Jinja's own compiler in a sandbox.
This module only loads and checks the data; ``generator.wizard.interview`` asks the questions.
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum, StrEnum
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any

import annotated_types
from jinja2 import StrictUndefined, TemplateSyntaxError, Undefined
from jinja2.exceptions import SecurityError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from generator import yamltree
from generator.errors import PolicygenError
from generator.model import StoreProfile
from generator.model.base import Duration
from generator.resources import questionnaires_dir


class QuestionnaireError(PolicygenError):
    """The questionnaire data does not fit the model (a bug in store.yaml or an override)."""

    exit_code = 3


class Kind(StrEnum):
    """How a field is asked, decided by its type in the model."""

    TEXT = "text"
    NUMBER = "number"
    YES_NO = "yes_no"
    CHOICE = "choice"
    CHOICES = "choices"
    TEXT_LIST = "text_list"
    OBJECT = "object"  # an optional part: "do you have one?", then its own questions
    GROUP = "group"  # a list of parts: add, change and remove items
    MAPPING = "mapping"  # typed as code-number pairs: 'CA 2300, VA 118000'
    DURATION = "duration"  # typed as a number and a unit: '3 years', '30 days'


# ---- the data in store.yaml --------------------------------------------------------


class QuestionData(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    field: str
    prompt: str = Field(
        description="The question; `{{ expression }}` in it shows an earlier answer, e.g. "
        "'Gross revenue last year, in {{ business.revenue.currency }}'."
    )
    help: str | None = None
    when: str | None = None
    default: Any = None
    default_expr: str | None = Field(
        default=None, description="A Jinja expression for the default, e.g. `today`."
    )
    choices_from: str | None = Field(
        default=None, description="Limit choices to values given earlier, e.g. collection.items."
    )
    choices_within: str | None = Field(
        default=None,
        description="Limit a group item's choices to its own answer to another question, "
        "e.g. points (where it is required, among where it is collected).",
    )
    unique: bool = Field(default=False, description="Each group item takes a different value.")
    choices_if: dict[str, str] = Field(
        default_factory=dict,
        description="Choices offered only where an expression holds, e.g. {dpf: us_transfer}: "
        "a safeguard or program of one country's law is not offered to stores it cannot "
        "concern. A choice already given stays offered.",
    )
    choice_notes: dict[str, str] = Field(
        default_factory=dict,
        description="A few words shown after a choice in the wizard's list, where the policy's "
        "name for it alone misleads an owner, e.g. {sensitive: 'ID numbers, health, "
        "beliefs, ...'}. The policy never prints them.",
    )
    distinct: list[str] = Field(
        default_factory=list,
        description="A group's items may share values, but not all of these fields at once, "
        "e.g. [purpose, details]: a purpose may repeat when its details tell the uses apart.",
    )
    upper: bool = Field(default=False, description="Upper-case typed text (country codes).")
    required: bool = Field(
        default=False,
        description="An answer is needed in the wizard although the model lets it be left out "
        "(the law the question serves needs it).",
    )
    rare: bool = Field(
        default=False,
        description="A section question whose default holds for most stores: not asked one "
        "by one; the section ends by showing these answers and offering to answer them.",
    )
    extra: bool = Field(
        default=False,
        description="In a group: not asked when an item is added, only when the owner "
        "changes it (the summary shows its answer).",
    )
    extra_when: str | None = Field(
        default=None,
        description="In a group: extra only where this expression holds, e.g. a transfer "
        "safeguard the law decides for a store no European law reaches; asked elsewhere.",
    )
    item_name: str | None = Field(default=None, description="What one group item is called.")
    label: str | None = Field(
        default=None, description="A few words naming the answer in summaries ('data')."
    )
    pick: str | None = Field(
        default=None,
        description="A group whose items are ticked from one list by this inner choice "
        "(e.g. category); the other inner questions start from their defaults and are "
        "asked only when the owner changes an item, unless marked ask_each.",
    )
    ask_each: bool = Field(
        default=False, description="In a picked group: asked for every item the owner ticks."
    )
    questions: list[QuestionData] = Field(default_factory=list)


class SectionData(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    title: str
    intro: str | None = None
    when: str | None = None
    clauses: list[str] = Field(
        default_factory=list,
        description="The policy's clauses that word this section's answers; the review "
        "can show their text before saving.",
    )
    questions: list[QuestionData] = Field(min_length=1)


class QuestionnaireData(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    conditions: dict[str, str] = Field(default_factory=dict)
    sections: list[SectionData] = Field(min_length=1)


# ---- fields of the model -----------------------------------------------------------


@dataclass(frozen=True)
class FieldSpec:
    """One model field as the wizard sees it."""

    path: str
    info: FieldInfo
    kind: Kind
    optional: bool
    enum: type[StrEnum] | None = None
    model: type[BaseModel] | None = None

    @cached_property
    def adapter(self) -> TypeAdapter[Any]:
        annotation: Any = self.info.annotation
        if self.info.metadata:
            annotation = Annotated[(annotation, *self.info.metadata)]
        return TypeAdapter(annotation)

    @property
    def required(self) -> bool:
        return self.info.is_required()

    @property
    def min_items(self) -> int:
        return next(
            (m.min_length for m in self.info.metadata if isinstance(m, annotated_types.MinLen)),
            0,
        )

    def default(self) -> Any:
        """The model's own default, as it would appear in an answers file."""
        if self.info.default_factory is not None:
            value = self.info.get_default(call_default_factory=True, validated_data={})
        elif self.info.default is PydanticUndefined:
            return None
        else:
            value = self.info.default
        return TypeAdapter(Any).dump_python(value, mode="json")


def _without_none(annotation: Any) -> tuple[Any, bool]:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0], True
    return annotation, False


def _bare(annotation: Any) -> Any:
    while typing.get_origin(annotation) is Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _is_enum(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, StrEnum)


def _spec(path: str, info: FieldInfo) -> FieldSpec:
    annotation, optional = _without_none(info.annotation)
    annotation = _bare(annotation)
    if typing.get_origin(annotation) is list:
        item = _bare(typing.get_args(annotation)[0])
        if _is_model(item):
            return FieldSpec(path, info, Kind.GROUP, optional, model=item)
        if _is_enum(item):
            return FieldSpec(path, info, Kind.CHOICES, optional, enum=item)
        return FieldSpec(path, info, Kind.TEXT_LIST, optional)
    if annotation is Duration:
        return FieldSpec(path, info, Kind.DURATION, optional, model=annotation)
    if _is_model(annotation):
        return FieldSpec(path, info, Kind.OBJECT, optional, model=annotation)
    if _is_enum(annotation):
        return FieldSpec(path, info, Kind.CHOICE, optional, enum=annotation)
    if annotation is bool:
        return FieldSpec(path, info, Kind.YES_NO, optional)
    if annotation is int:
        return FieldSpec(path, info, Kind.NUMBER, optional)
    if typing.get_origin(annotation) is dict:
        return FieldSpec(path, info, Kind.MAPPING, optional)
    return FieldSpec(path, info, Kind.TEXT, optional)


def resolve(model: type[BaseModel], dotted: str) -> FieldSpec:
    """The field at ``dotted`` inside ``model``, walking through nested parts."""
    current: type[BaseModel] = model
    parts = dotted.split(".")
    for depth, name in enumerate(parts):
        info = current.model_fields.get(name)
        if info is None:
            known = ", ".join(current.model_fields)
            raise QuestionnaireError(
                f"{dotted}: '{name}' is not a field of {current.__name__} (fields: {known})"
            )
        if depth == len(parts) - 1:
            return _spec(dotted, info)
        inner = _bare(_without_none(info.annotation)[0])
        if not _is_model(inner):
            raise QuestionnaireError(f"{dotted}: '{name}' has no fields inside it")
        current = inner
    raise QuestionnaireError(f"{dotted}: empty field path")


# ---- the checked questionnaire -----------------------------------------------------


class Expressions:
    """`when` and `default_expr` compiled by Jinja in a sandbox; user text is never a template."""

    def __init__(self) -> None:
        self.env = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False)
        self._cache: dict[str, Callable[..., Any]] = {}

    def compile(self, source: str) -> Callable[..., Any]:
        if source not in self._cache:
            try:
                self._cache[source] = self.env.compile_expression(source, undefined_to_none=False)
            except TemplateSyntaxError as exc:
                raise QuestionnaireError(f"cannot read the expression {source!r}: {exc}") from None
        return self._cache[source]

    def evaluate(self, source: str, context: Mapping[str, Any]) -> Any:
        try:
            value = self.compile(source)(**context)
            if isinstance(value, Undefined):
                bool(value)  # StrictUndefined raises, naming what is missing
        except (UndefinedError, SecurityError, TypeError) as exc:
            raise QuestionnaireError(f"the expression {source!r} failed: {exc}") from None
        return value


@dataclass(frozen=True)
class Question:
    data: QuestionData
    spec: FieldSpec
    questions: tuple[Question, ...]

    @property
    def field(self) -> str:
        return self.data.field

    @property
    def kind(self) -> Kind:
        return self.spec.kind

    @property
    def short(self) -> str:
        """A few words naming the field, for the review ('Contact email', 'City')."""
        if self.data.label:
            # Only the first letter: 'UK legal basis' keeps its capitals.
            return self.data.label[:1].upper() + self.data.label[1:]
        parts = self.field.split(".")
        words = parts[-2:] if len(parts) > 2 else parts[-1:]
        return " ".join(words).replace("_", " ").capitalize()


@dataclass(frozen=True)
class Section:
    data: SectionData
    questions: tuple[Question, ...]

    @property
    def id(self) -> str:
        return self.data.id

    @property
    def title(self) -> str:
        return self.data.title

    def owns(self, field: str) -> int:
        """How closely this section's questions match a field path (0: not at all)."""
        plain = _without_indexes(field)
        best = 0
        for question in self.questions:
            if plain == question.field or plain.startswith(question.field + "."):
                best = max(best, len(question.field))
            elif question.field.startswith(plain + "."):
                best = max(best, len(plain))
        return best


def _without_indexes(field: str) -> str:
    out = []
    for part in field.replace("]", "").split("."):
        out.append(part.split("[", 1)[0])
    return ".".join(out)


@dataclass(frozen=True)
class Questionnaire:
    conditions: Mapping[str, str]
    sections: tuple[Section, ...]
    source: str

    def section(self, section_id: str) -> Section:
        for section in self.sections:
            if section.id == section_id:
                return section
        raise KeyError(section_id)

    def section_for(self, field: str) -> Section:
        """The section that asks about ``field`` (for sending the user back to fix it)."""
        best = max(self.sections, key=lambda s: s.owns(field))
        return best if best.owns(field) else self.sections[0]

    def all_questions(self) -> Iterator[tuple[Question, str]]:
        """Every question with the full model path it fills (group items use `[]`)."""
        for section in self.sections:
            yield from _walk(section.questions, "")


def _walk(questions: Sequence[Question], prefix: str) -> Iterator[tuple[Question, str]]:
    for question in questions:
        path = prefix + question.field
        yield question, path
        inner = path + ("[]." if question.kind is Kind.GROUP else ".")
        yield from _walk(question.questions, inner)


def load(path: Path | None = None) -> Questionnaire:
    """Read and check a questionnaire (the bundled `store.yaml` by default)."""
    path = path or questionnaires_dir() / "store.yaml"
    try:
        raw = yamltree.load(path.read_text(encoding="utf-8"))
        data = QuestionnaireData.model_validate(raw)
    except (OSError, yamltree.YAMLError, yamltree.TreeError) as exc:
        raise QuestionnaireError(f"{path}: cannot read the questionnaire: {exc}") from None
    except ValidationError as exc:
        raise QuestionnaireError(f"{path}: {exc}") from None
    return build(data, str(path))


def build(data: QuestionnaireData, source: str = "<questionnaire>") -> Questionnaire:
    expressions = Expressions()
    for name, condition in data.conditions.items():
        _check_expression(expressions, condition, f"conditions.{name}", source)
    seen: set[str] = set()
    sections = []
    for section in data.sections:
        if section.id in seen:
            raise QuestionnaireError(f"{source}: section '{section.id}' appears twice")
        seen.add(section.id)
        if section.when:
            _check_expression(expressions, section.when, section.id, source)
        _check_clauses(section, source)
        questions = _questions(section.questions, StoreProfile, "", expressions, source)
        sections.append(Section(section, questions))
    return Questionnaire(dict(data.conditions), tuple(sections), source)


def _questions(
    items: Sequence[QuestionData],
    model: type[BaseModel],
    prefix: str,
    expressions: Expressions,
    source: str,
) -> tuple[Question, ...]:
    out = []
    for data in items:
        where = f"{source}: {prefix}{data.field}"
        try:
            spec = resolve(model, data.field)
        except QuestionnaireError as exc:
            raise QuestionnaireError(f"{source}: {prefix}{exc.message}") from None
        expressions_here = (data.when, data.default_expr, data.extra_when)
        for expression in (*expressions_here, *prompt_expressions(data.prompt)):
            if expression:
                _check_expression(expressions, expression, where, source)
        if data.choices_from:
            _check_choices_from(data.choices_from, where)
        if data.choices_within:
            resolve(model, data.choices_within)
        inner: tuple[Question, ...] = ()
        if spec.kind in (Kind.GROUP, Kind.OBJECT):
            assert spec.model is not None
            if not data.questions:
                raise QuestionnaireError(f"{where}: a {spec.kind} question needs its questions")
            inner_prefix = prefix + data.field + ("[]." if spec.kind is Kind.GROUP else ".")
            inner = _questions(data.questions, spec.model, inner_prefix, expressions, source)
            if data.pick and not any(q.field == data.pick and q.kind is Kind.CHOICE for q in inner):
                raise QuestionnaireError(
                    f"{where}: pick '{data.pick}' must name one of its inner choice questions"
                )
        elif data.questions:
            raise QuestionnaireError(f"{where}: only groups and parts have inner questions")
        out.append(Question(data, spec, inner))
    return tuple(out)


_PROMPT_EXPRESSION = re.compile(r"\{\{(.*?)\}\}")


def prompt_expressions(prompt: str) -> list[str]:
    """The expressions a prompt shows, each written `{{ expression }}`."""
    return [found.strip() for found in _PROMPT_EXPRESSION.findall(prompt)]


def fill_prompt(prompt: str, value_of: Callable[[str], Any]) -> str:
    """The prompt with each `{{ expression }}` replaced by its value (``value_of``)."""
    return _PROMPT_EXPRESSION.sub(lambda found: str(value_of(found.group(1).strip())), prompt)


def _check_expression(expressions: Expressions, source_text: str, where: str, source: str) -> None:
    try:
        expressions.compile(source_text)
    except QuestionnaireError as exc:
        raise QuestionnaireError(f"{source}: {where}: {exc.message}") from None


def _check_clauses(section: SectionData, source: str) -> None:
    from generator.resources import templates_dir

    for clause in section.clauses:
        if not (templates_dir() / "clauses" / f"{clause}.md.j2").is_file():
            raise QuestionnaireError(
                f"{source}: section '{section.id}' names clause '{clause}', which does not exist"
            )


def _check_choices_from(path: str, where: str) -> None:
    """`collection.items.category`: a group in the profile, then the field of its items."""
    group, _, item_field = path.rpartition(".")
    spec = resolve(StoreProfile, group)
    if spec.kind is not Kind.GROUP or spec.model is None:
        raise QuestionnaireError(f"{where}: choices_from '{path}' must name a group's field")
    resolve(spec.model, item_field)


# ---- reachability ------------------------------------------------------------------


def unreachable_required_fields(questionnaire: Questionnaire) -> list[str]:
    """Required model fields no question fills (an empty list means every one is reachable)."""
    asked = {path for _, path in questionnaire.all_questions()}
    missing: list[str] = []
    _required_in(StoreProfile, "", asked, missing)
    return missing


def unasked_fields(questionnaire: Questionnaire) -> list[str]:
    """Model fields no question fills, inside every part or group the wizard offers (a
    part it never offers counts as one field)."""
    asked = {path for _, path in questionnaire.all_questions()}
    out: list[str] = []
    _unasked_in(StoreProfile, "", asked, out)
    return out


def _unasked_in(model: type[BaseModel], prefix: str, asked: set[str], out: list[str]) -> None:
    for name, info in model.model_fields.items():
        path = prefix + name
        spec = _spec(path, info)
        offered = path in asked or any(a.startswith(path + ".") for a in asked)
        if offered and spec.model is not None and spec.kind in (Kind.OBJECT, Kind.GROUP):
            inner = path + ("[]." if spec.kind is Kind.GROUP else ".")
            _unasked_in(spec.model, inner, asked, out)
        elif not offered:
            out.append(path)


def _required_in(model: type[BaseModel], prefix: str, asked: set[str], missing: list[str]) -> None:
    for name, info in model.model_fields.items():
        path = prefix + name
        spec = _spec(path, info)
        if spec.kind in (Kind.OBJECT, Kind.GROUP) and spec.model is not None:
            # A part is needed if it is required, or if the wizard offers it at all.
            if info.is_required() or path in asked:
                if info.is_required() and spec.kind is Kind.GROUP and path not in asked:
                    missing.append(path)
                inner = path + ("[]." if spec.kind is Kind.GROUP else ".")
                _required_in(spec.model, inner, asked, missing)
        elif info.is_required() and path not in asked:
            missing.append(path)


def label_of(value: Any, enum: type[Enum] | None) -> str:
    """Plain English for a stored answer."""
    from generator.model.vocab import LABELS

    if value is None or value == [] or value == "" or value == {}:
        return "(none)"
    if enum is not None:
        if isinstance(value, list):
            return ", ".join(label_of(v, enum) for v in value)
        try:
            member = enum(value)
        except ValueError:
            return str(value)
        return LABELS.get(member, str(value)) if isinstance(member, StrEnum) else str(value)
    if isinstance(value, Mapping) and set(value) == {"amount", "unit"}:
        return period_text(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, (dt.date, int)):
        return str(value)
    return str(value)


def period_text(value: Mapping[str, Any]) -> str:
    """A stored period as the policy words it: '1 month', '18 months' (grammar.duration),
    in summaries and as the answer shown to keep."""
    from generator.grammar import duration
    from generator.model.base import Duration

    return str(duration(Duration.model_validate(value)))
