"""The interview: which question comes next, its default, and what an answer means.

This module never talks to the terminal; it asks through a ``Prompter`` (the questionary
one lives in ``generator.wizard.terminal``, tests drive it with scripted answers).
Each answer is checked with the model field's own validation as it is given; at the end the
whole answers dict goes through ``generator.answers.profile_from_answers``, the one path
every answers file takes.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from pydantic import BaseModel, TypeAdapter, ValidationError

from generator.answers import profile_from_answers
from generator.countries import EEA_CODES, home_currency
from generator.errors import AnswersError, Problem
from generator.model import StoreProfile
from generator.model.vocab import LABELS
from generator.money import answered_revenue_in
from generator.wizard.paths import Scope, any_in, drop_path, get_path, has_path, set_path
from generator.wizard.questionnaire import (
    Expressions,
    Kind,
    Question,
    Questionnaire,
    Section,
    fill_prompt,
    label_of,
)
from generator.wizard.typed import (
    as_text,
    clearable,
    meaning,
    messages,
    parse_text,
    text_help,
    validated,
    with_default,
)

Validator = Callable[[Any], str | None]
SAVE = "save"


class Prompter(Protocol):
    """What the interview needs from a terminal."""

    def heading(self, title: str, intro: str | None) -> None: ...

    def say(self, text: str) -> None: ...

    def text(self, message: str, *, default: str, help: str | None, validate: Validator) -> str: ...

    def confirm(self, message: str, *, default: bool, help: str | None) -> bool: ...

    def select(
        self,
        message: str,
        choices: list[tuple[str, str]],
        *,
        default: str | None,
        help: str | None,
    ) -> str: ...

    def checkbox(
        self,
        message: str,
        choices: list[tuple[str, str]],
        *,
        checked: list[str],
        help: str | None,
        validate: Validator,
    ) -> list[str]: ...


@dataclass
class Interview:
    questionnaire: Questionnaire
    prompter: Prompter
    answers: dict[str, Any] = field(default_factory=dict)
    completed: list[str] = field(default_factory=list)
    today: dt.date = field(default_factory=dt.date.today)
    asked: int = 0
    expressions: Expressions = field(default_factory=Expressions)

    # -- running -----------------------------------------------------------------------
    def run(self) -> StoreProfile:
        """Ask every section not done yet, then check, review and return the profile."""
        for section in self.questionnaire.sections:
            if section.id not in self.completed:
                self.ask_section(section)
        while True:
            problems = self.problems()
            if problems:
                self._send_back(problems)
                continue
            choice = self.review()
            if choice == SAVE:
                return profile_from_answers(self.answers, source="wizard")
            self.ask_section(self.questionnaire.section(choice))

    def ask_section(self, section: Section) -> None:
        if section.data.when and not self._holds(section.data.when, {}):
            self._forget(section.questions, self.answers)
        else:
            self.prompter.heading(section.title, section.data.intro)
            self._ask_all(section.questions, self.answers, None)
        if section.id not in self.completed:
            self.completed.append(section.id)

    def problems(self) -> list[Problem]:
        try:
            profile_from_answers(self.answers, source="wizard")
        except AnswersError as exc:
            return exc.problems
        return []

    def _send_back(self, problems: list[Problem]) -> None:
        self.prompter.say("Some answers do not fit together yet:")
        for problem in problems:
            self.prompter.say(f"  - {problem.field}: {problem.message}")
        first = self.questionnaire.section_for(problems[0].field)
        choice = self.prompter.select(
            "Which section do you want to fix?",
            [(s.id, s.title) for s in self.questionnaire.sections],
            default=first.id,
            help=f"The first problem is in '{first.title}'.",
        )
        self.ask_section(self.questionnaire.section(choice))

    # -- review ------------------------------------------------------------------------
    def review_lines(self) -> Iterator[tuple[Section, list[str]]]:
        for section in self.questionnaire.sections:
            if section.data.when and not self._holds(section.data.when, {}):
                continue
            lines: list[str] = []
            self._describe(section.questions, self.answers, None, lines, "  ")
            yield section, lines

    def review(self) -> str:
        self.prompter.heading("Review your answers", None)
        for section, lines in self.review_lines():
            self.prompter.say(section.title)
            for line in lines or ["  (nothing to answer here)"]:
                self.prompter.say(line)
        choices = [(SAVE, "Save these answers")]
        choices += [(s.id, f"Change: {s.title}") for s in self.questionnaire.sections]
        return self.prompter.select(
            "Save, or go back to a section?", choices, default=SAVE, help=None
        )

    def _describe(
        self,
        questions: tuple[Question, ...],
        data: dict[str, Any],
        item: Scope | None,
        lines: list[str],
        indent: str,
    ) -> None:
        for question in questions:
            if question.data.when and not self._holds(question.data.when, {"item": item}):
                continue
            if question.kind is Kind.GROUP:
                items = get_path(data, question.field) or []
                summary = "; ".join(self._summary(question, it) for it in items) or "(none)"
                lines.append(f"{indent}{question.short}: {summary}")
            elif question.kind is Kind.OBJECT:
                present = has_path(data, question.field)
                lines.append(f"{indent}{question.short}: {'yes' if present else 'no'}")
                if present:
                    inner = get_path(data, question.field)
                    self._describe(question.questions, inner, item, lines, indent + "  ")
            else:
                value = self._current(question, data)
                lines.append(f"{indent}{question.short}: {label_of(value, question.spec.enum)}")

    # -- asking ------------------------------------------------------------------------
    def _ask_all(
        self, questions: tuple[Question, ...], data: dict[str, Any], item: Scope | None
    ) -> None:
        for question in questions:
            if question.data.when and not self._holds(question.data.when, {"item": item}):
                self._forget((question,), data)
                continue
            self._ask(question, data, item)

    def _ask(self, question: Question, data: dict[str, Any], item: Scope | None) -> None:
        kind = question.kind
        if kind is Kind.GROUP:
            self._ask_group(question, data)
        elif kind is Kind.OBJECT:
            self._ask_object(question, data, item)
        else:
            value = self._ask_value(question, data, item)
            if value is _EMPTY:
                drop_path(data, question.field)
            else:
                set_path(data, question.field, value)

    def _ask_value(self, question: Question, data: dict[str, Any], item: Scope | None) -> Any:
        self.asked += 1
        spec, help_text = question.spec, question.data.help
        current = self._current(question, data, item)
        prompt = fill_prompt(question.data.prompt, lambda source: self.evaluate(source, item))
        if question.kind is Kind.YES_NO:
            return self.prompter.confirm(prompt, default=bool(current), help=help_text)
        if question.kind is Kind.CHOICE:
            choices = self._choices(question, data)
            if spec.optional:
                choices = [("", "(none)"), *choices]
            picked = self.prompter.select(
                prompt,
                choices,
                default=current if current in dict(choices) else choices[0][0],
                help=help_text,
            )
            return _EMPTY if picked == "" else picked
        if question.kind is Kind.CHOICES:
            choices = self._choices(question, data)
            offered = dict(choices)
            kept = [c for c in current or [] if c in offered]
            ticked = self.prompter.checkbox(
                prompt,
                choices,
                checked=kept,
                help=help_text,
                validate=lambda values: validated(spec, values).error,
            )
            # Keep the order the answers were given in; the policy lists them that way.
            return [c for c in kept if c in ticked] + [c for c in ticked if c not in kept]
        shown = as_text(question, current)
        text = self.prompter.text(
            with_default(prompt, shown),
            default="",
            help=text_help(help_text, shown, clearable=clearable(spec)),
            validate=lambda typed: parse_text(question, meaning(typed, shown)).error,
        )
        parsed = parse_text(question, meaning(text, shown))
        if parsed.error:  # the prompter let through what the validator refused
            raise AnswersError([Problem("wizard", None, question.field, parsed.error)])
        return _EMPTY if parsed.empty else parsed.value

    def _ask_object(self, question: Question, data: dict[str, Any], item: Scope | None) -> None:
        present = has_path(data, question.field)
        if question.spec.optional:
            self.asked += 1
            present = self.prompter.confirm(
                question.data.prompt, default=present, help=question.data.help
            )
            if not present:
                drop_path(data, question.field)
                return
        inner = get_path(data, question.field)
        if not isinstance(inner, dict):
            inner = {}
            set_path(data, question.field, inner)
        self._ask_all(question.questions, inner, item)

    def _ask_group(self, question: Question, data: dict[str, Any]) -> None:
        items = get_path(data, question.field)
        if not isinstance(items, list):
            items = self._default_items(question)
            set_path(data, question.field, items)
        name = question.data.item_name or "item"
        while True:
            self.asked += 1
            choices = [("done", f"Done: keep these {len(items)}" if items else "Done: none")]
            choices.append(("add", f"Add {_a(name)}"))
            choices += [
                (str(i), f"Change or remove: {self._summary(question, it)}")
                for i, it in enumerate(items)
            ]
            listing = "; ".join(self._summary(question, it) for it in items) or "none yet"
            picked = self.prompter.select(
                question.data.prompt,
                choices,
                default="add" if len(items) < question.spec.min_items else "done",
                help=f"{question.data.help + ' ' if question.data.help else ''}So far: {listing}.",
            )
            if picked == "done":
                if len(items) >= question.spec.min_items:
                    return
                self.prompter.say(f"Add at least {question.spec.min_items} {name} first.")
            elif picked == "add":
                items.append({})
                self._ask_item(question, items, len(items) - 1)
            else:
                self._change_item(question, items, int(picked), name)

    def _default_items(self, question: Question) -> list[dict[str, Any]]:
        """The questionnaire's starting items (its ``default_expr`` can fill them from earlier
        answers), trimmed to data the store said it collects."""
        start = (
            self.evaluate(question.data.default_expr)
            if question.data.default_expr
            else question.data.default
        )
        items: list[dict[str, Any]] = copy.deepcopy(list(start or []))
        trimmed = [q for q in question.questions if q.data.choices_from and q.kind is Kind.CHOICES]
        for inner in trimmed:
            allowed = set(self._values_from(inner.data.choices_from or ""))
            for item in items:
                item[inner.field] = [v for v in item.get(inner.field, []) if v in allowed]
        # An item left with none of the data it is about goes; an empty optional list
        # (no names yet) is simply not given.
        kept = [item for item in items if all(item.get(q.field) != [] for q in trimmed)]
        return [{k: v for k, v in item.items() if v != []} for item in kept]

    def _change_item(
        self, question: Question, items: list[dict[str, Any]], index: int, name: str
    ) -> None:
        self.asked += 1
        action = self.prompter.select(
            f"{self._summary(question, items[index])}:",
            [("change", f"Change this {name}"), ("remove", "Remove it"), ("back", "Go back")],
            default="change",
            help=None,
        )
        if action == "change":
            self._ask_item(question, items, index)
        elif action == "remove":
            del items[index]

    def _ask_item(self, question: Question, items: list[dict[str, Any]], index: int) -> None:
        assert question.spec.model is not None
        item = items[index]
        while True:
            scope = Scope(item, question.spec.model)
            for inner in question.questions:
                if inner.data.when and not self._holds(inner.data.when, {"item": scope}):
                    self._forget((inner,), item)
                    continue
                if inner.data.unique and inner.kind is Kind.CHOICE:
                    taken = {get_path(other, inner.field) for other in items if other is not item}
                    self._ask_unique(inner, item, taken)
                else:
                    self._ask(inner, item, scope)
            error = _item_error(question.spec.model, item) or _twin_error(question, items, item)
            if error is None:
                return
            self.prompter.say(f"That does not fit together: {error}")

    def _ask_unique(self, question: Question, item: dict[str, Any], taken: set[Any]) -> None:
        self.asked += 1
        choices = [c for c in self._choices(question, item) if c[0] not in taken]
        current = get_path(item, question.field)
        picked = self.prompter.select(
            question.data.prompt,
            choices,
            default=current if current in dict(choices) else choices[0][0],
            help=question.data.help,
        )
        set_path(item, question.field, picked)

    # -- helpers -----------------------------------------------------------------------
    def _choices(self, question: Question, data: Mapping[str, Any]) -> list[tuple[str, str]]:
        enum = question.spec.enum
        assert enum is not None
        members = [m.value for m in enum]
        if question.data.choices_from:
            allowed = set(self._values_from(question.data.choices_from))
            members = [m for m in members if m in allowed] or members
        return [(m, LABELS.get(enum(m), m)) for m in members]

    def _values_from(self, path: str) -> list[Any]:
        group, _, item_field = path.rpartition(".")
        items = get_path(self.answers, group) or []
        return [get_path(it, item_field) for it in items if isinstance(it, Mapping)]

    def _current(
        self, question: Question, data: Mapping[str, Any], item: Scope | None = None
    ) -> Any:
        """The answer shown as the default: given before, else the questionnaire's, else the model's."""
        if has_path(data, question.field):
            return get_path(data, question.field)
        if question.data.default_expr:
            return self.evaluate(question.data.default_expr, item)
        if question.data.default is not None:
            return question.data.default
        return question.spec.default()

    def _summary(self, question: Question, item: Mapping[str, Any]) -> str:
        first = question.questions[0]
        summary = label_of(get_path(item, first.field), first.spec.enum)
        # Items that may repeat their first answer are told apart by the other fields.
        apart = [get_path(item, f) for f in question.data.distinct if f != first.field]
        apart = [str(value) for value in apart if value]
        return f"{summary} ({', '.join(apart)})" if apart else summary

    def _context(self, extra: Mapping[str, Any]) -> dict[str, Any]:
        context: dict[str, Any] = {
            name: getattr(self._scope, name) for name in StoreProfile.model_fields
        }
        context.update(
            EEA=EEA_CODES,
            any_in=any_in,
            today=self.today.isoformat(),
            categories=self._values_from("collection.items.category"),
            currency_of=home_currency,
            revenue_in=answered_revenue_in,
        )
        context.update(extra)
        return context

    @property
    def _scope(self) -> Scope:
        return Scope(self.answers, StoreProfile)

    def evaluate(self, expression: str, item: Scope | None = None) -> Any:
        """A `when` or `default_expr` over the answers so far, with the named conditions."""
        context = self._context({"item": item})
        for name, condition in self.questionnaire.conditions.items():
            context[name] = bool(self.expressions.evaluate(condition, context))
        return self.expressions.evaluate(expression, context)

    def condition(self, name: str) -> bool:
        return bool(self.evaluate(name))

    def _holds(self, expression: str, extra: Mapping[str, Any]) -> bool:
        return bool(self.evaluate(expression, extra.get("item")))

    def _forget(self, questions: tuple[Question, ...], data: dict[str, Any]) -> None:
        """Answers to questions that no longer apply fall back to the model's defaults."""
        for question in questions:
            drop_path(data, question.field)


class _Empty:
    """An answer left blank on purpose: the field is left out of the answers."""


_EMPTY = _Empty()


def _a(noun: str) -> str:
    from generator.grammar import article

    return f"{article(noun)} {noun}"


def _twin_error(
    question: Question, items: list[dict[str, Any]], item: dict[str, Any]
) -> str | None:
    """Why ``item`` may not stand beside another item equal to it on the group's
    ``distinct`` fields (which the model refuses), or None."""
    fields = question.data.distinct
    if not fields:
        return None

    def key(each: Mapping[str, Any]) -> tuple[str, ...]:
        return tuple(str(get_path(each, f) or "").strip().lower() for f in fields)

    if any(other is not item and key(other) == key(item) for other in items):
        name = question.data.item_name or "item"
        return (
            f"another {name} has the same {' and '.join(fields)}; change '{fields[-1]}' to say "
            "which use this one is, or remove one of them"
        )
    return None


def _item_error(model: type[BaseModel], item: dict[str, Any]) -> str | None:
    try:
        TypeAdapter(model).validate_python(item)
    except ValidationError as exc:
        return messages(exc)
    return None
