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
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Protocol

from pydantic import BaseModel, TypeAdapter, ValidationError

from generator.answers import profile_from_answers
from generator.countries import EEA_CODES, home_currency
from generator.errors import AnswersError, Problem
from generator.model import StoreProfile
from generator.model.base import is_said
from generator.model.vocab import LABELS
from generator.money import answered_revenue_in
from generator.wizard import services_step, suggest
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
REMOVE = "__remove__"
SEVERAL = "__several__"
BY_ANSWER = "__by_answer__"
READ = "read:"


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

    def search(
        self,
        message: str,
        choices: list[tuple[str, str]],
        *,
        checked: list[str],
        help: str | None,
    ) -> list[str]:
        """A long tick list that typing part of a choice's title narrows."""
        ...


@dataclass
class Interview:
    questionnaire: Questionnaire
    prompter: Prompter
    answers: dict[str, Any] = field(default_factory=dict)
    completed: list[str] = field(default_factory=list)
    today: dt.date = field(default_factory=dt.date.today)
    asked: int = 0
    expressions: Expressions = field(default_factory=Expressions)
    # The answers come from a file being reopened: an answer it left out whose default
    # the owner only presses Enter on stays left out where leaving it out means something
    # (a field marked SAID: a promise printed only where the owner gave it).
    opened: bool = False
    _about: str | None = field(default=None, init=False, repr=False)
    # Recipients and tools naming catalog services, while their group is asked
    # (services_step.set_aside).
    services_aside: list[dict[str, Any]] = field(default_factory=list, init=False, repr=False)

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
            if choice.startswith(READ):
                self.preview(self.questionnaire.section(choice.removeprefix(READ)))
                continue
            self.ask_section(self.questionnaire.section(choice))

    def preview(self, section: Section) -> None:
        """Show the policy's own text for a section, written from the answers so far."""
        from generator.compose import render_policy

        document = render_policy(profile_from_answers(self.answers, source="wizard"))
        texts = [document.clause_text(clause) for clause in section.data.clauses]
        shown = [text for text in texts if text]
        self.prompter.heading(f"What the policy says: {section.title}", None)
        for text in shown or ["(The policy says nothing about this for your store.)"]:
            for line in text.splitlines():
                self.prompter.say(line)

    def ask_section(self, section: Section) -> None:
        if section.data.when and not self._holds(section.data.when, {}):
            self._forget(section.questions, self.answers)
        else:
            self.prompter.heading(section.title, section.data.intro)
            if section.id == services_step.SECTION:
                self.ask_services()
            self._ask_all(section.questions, self.answers, None)
            self._ask_rare(section)
        if section.id not in self.completed:
            self.completed.append(section.id)

    def ask_services(self) -> None:
        """ "Which of these services do you use?" (generator/wizard/services_step.py)."""
        services_step.ServicesStep(self).run()

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
        choices += [
            (READ + s.id, f"Read the policy's text for: {s.title}")
            for s in self.questionnaire.sections
            if s.data.clauses
        ]
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
            if not self._applies(question, item):
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
            if not self._applies(question, item):
                self._forget((question,), data)
                continue
            if not question.data.rare:
                self._ask(question, data, item)

    def _ask_rare(self, section: Section) -> None:
        """Show the section's rare answers (defaults that hold for most stores, or the
        owner's earlier answers) in one list, and ask them one by one only if wanted."""
        rare = [q for q in section.questions if q.data.rare and self._applies(q)]
        if not rare:
            return
        self.prompter.say("These hold for most stores and are recorded as shown:")
        for question in rare:
            prompt = self._prompt(question, None)
            self.prompter.say(f"  - {prompt} {self._answer_in_words(question)}")
        self.asked += 1
        choice = self.prompter.select(
            "Keep these answers?",
            [
                ("keep", "Keep them"),
                ("answer", "Answer these questions now"),
                ("some", "Change only some of them"),
            ],
            default="keep",
            help="Anything here that is not true for your store changes what the policy says.",
        )
        if choice == "answer":
            for question in rare:
                self._ask(question, self.answers, None)
            return
        if choice == "some":
            # One tick list, then only the ticked questions; the others stay as shown.
            self.asked += 1
            ticked = self.prompter.checkbox(
                "Which of these do you want to change?",
                [(q.field, f"{self._prompt(q, None)} {self._answer_in_words(q)}") for q in rare],
                checked=[],
                help="Tick the answers that are not true for your store.",
                validate=lambda values: None,
            )
            for question in rare:
                if question.field in ticked:
                    self._ask(question, self.answers, None)
        # Kept as shown: a default that follows earlier answers is recorded, since the
        # model's own default may differ from what the owner just saw.
        for question in rare:
            if question.data.default_expr and not has_path(self.answers, question.field):
                value = self._current(question, self.answers)
                if self._unsaid(question, value):
                    continue
                if value is not None and question.kind not in (Kind.GROUP, Kind.OBJECT):
                    set_path(self.answers, question.field, value)

    def _answer_in_words(self, question: Question) -> str:
        if question.kind is Kind.GROUP:
            items = get_path(self.answers, question.field) or []
            return "; ".join(self._summary(question, it) for it in items) or "none"
        if question.kind is Kind.OBJECT:
            return "yes" if has_path(self.answers, question.field) else "no"
        value = self._current(question, self.answers)
        return label_of(value, question.spec.enum)

    def _ask(self, question: Question, data: dict[str, Any], item: Scope | None) -> None:
        kind = question.kind
        if kind is Kind.GROUP:
            with services_step.set_aside(self, question, data):
                self._ask_group(question, data)
        elif kind is Kind.OBJECT:
            self._ask_object(question, data, item)
        else:
            given = has_path(data, question.field)
            value = self._ask_value(question, data, item)
            if value is _EMPTY or (not given and self._unsaid(question, value)):
                drop_path(data, question.field)
            else:
                set_path(data, question.field, value)

    def _unsaid(self, question: Question, value: Any) -> bool:
        """Enter on the default of a SAID answer the reopened file left out says nothing."""
        return self.opened and _said(question) and value == question.spec.default()

    def _ask_value(self, question: Question, data: dict[str, Any], item: Scope | None) -> Any:
        self.asked += 1
        spec, help_text = question.spec, question.data.help
        current = self._current(question, data, item)
        prompt = self._prompt(question, item)
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
        if "(" in text and "(" not in str(parsed.value):
            # The answer sits inside the policy's own brackets, so its own were taken out;
            # the owner sees how it now reads and can type it again.
            self.prompter.say(f"Recorded without brackets: {as_text(question, parsed.value)}")
        return _EMPTY if parsed.empty else parsed.value

    def _ask_object(self, question: Question, data: dict[str, Any], item: Scope | None) -> None:
        present = has_path(data, question.field)
        if question.spec.optional:
            self.asked += 1
            present = self.prompter.confirm(
                self._prompt(question, item), default=present, help=question.data.help
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
        fresh = not isinstance(items, list)
        if not isinstance(items, list):
            items = self._trimmed(question, self._starting_items(question))
            set_path(data, question.field, items)
        if question.data.pick:
            self._pick_items(question, items, fresh)
        name = question.data.item_name or "item"
        while True:
            self._say_items(question, items)
            self.asked += 1
            choices = [("done", f"Done: keep these {len(items)}" if items else "Done: none")]
            choices.append(("add", f"Add {_a(name)}"))
            if len(items) > 1:
                choices.append((SEVERAL, f"Change several {_plural(name)} (tick them)"))
                choices.append((BY_ANSWER, f"Change one answer in several {_plural(name)}"))
            choices += [
                (str(i), f"Change or remove: {self._summary(question, it)}")
                for i, it in enumerate(items)
            ]
            picked = self.prompter.select(
                f"Anything to change in the {_plural(name)}?"
                if question.data.pick
                else self._prompt(question, None),
                choices,
                default="add" if len(items) < question.spec.min_items else "done",
                help=question.data.help if not question.data.pick else None,
            )
            if picked == "done":
                if len(items) >= question.spec.min_items:
                    return
                self.prompter.say(f"Add at least {question.spec.min_items} {name} first.")
            elif picked == "add":
                start = self._what_to_add(question, items)
                if start is None:
                    continue
                items.append(start)
                self._ask_item(question, items, len(items) - 1, extras=False, known=set(start))
                self._tell_twins_apart(question, items, items[-1])
            elif picked == SEVERAL:
                self._change_several(question, items, name)
            elif picked == BY_ANSWER:
                self._change_by_answer(question, items, name)
            else:
                self._change_item(question, items, int(picked), name)

    def _change_by_answer(self, question: Question, items: list[dict[str, Any]], name: str) -> None:
        """Tick the answers to change (e.g. 'collected when'), then for each one the items
        it is wrong for; only those are asked, item by item. For an owner whose shops take
        most kinds of data too, one answer is fixed across the group in a few prompts."""
        assert question.spec.model is not None
        model = question.spec.model
        first = question.questions[0]
        fields = [
            inner
            for inner in question.questions
            if inner is not first
            and inner.kind is not Kind.GROUP
            and any(self._applies(inner, Scope(it, model)) for it in items)
        ]
        self.asked += 1
        ticked = self.prompter.checkbox(
            f"Which answers do you want to change in several {_plural(name)}?",
            [(inner.field, inner.short) for inner in fields],
            checked=[],
            help="Tick each answer; you then tick the ones it is wrong for.",
            validate=lambda values: None,
        )
        for inner in fields:
            if inner.field not in ticked:
                continue
            applying = [it for it in items if self._applies(inner, Scope(it, model))]
            self.asked += 1
            chosen = self.prompter.checkbox(
                f"{inner.short}: which {_plural(name)} do you want to change?",
                [
                    (str(i), f"{capfirst(self._summary(question, it))}: {self._shown(inner, it)}")
                    for i, it in enumerate(items)
                    if any(it is other for other in applying)
                ],
                checked=[],
                help=None,
                validate=lambda values: None,
            )
            for index in (int(i) for i in chosen):
                item = items[index]
                scope = Scope(item, model)
                before = [q for q in question.questions if self._applies(q, scope)]
                with self._asking_about(question, item):
                    self._change_fields(question, item, items, before, [inner.field])
                if _item_error(model, item) or _twin_error(question, items, item):
                    self._ask_item(question, items, index)

    def _change_several(self, question: Question, items: list[dict[str, Any]], name: str) -> None:
        """One tick list of the items to change, then each ticked one's own "what do you
        want to change?" (one prompt less per item than choosing them one at a time)."""
        self.asked += 1
        ticked = self.prompter.checkbox(
            f"Which {_plural(name)} do you want to change or remove?",
            [(str(i), capfirst(self._summary(question, it))) for i, it in enumerate(items)],
            checked=[],
            help="Tick each one; you then choose what to change in it, one at a time.",
            validate=lambda values: None,
        )
        chosen = [items[int(i)] for i in ticked]
        for item in chosen:
            # Found again each time: an earlier one may have been removed.
            index = next(i for i, it in enumerate(items) if it is item)
            self._change_item(question, items, index, name)

    def _pick_items(self, question: Question, items: list[dict[str, Any]], fresh: bool) -> None:
        """One tick list makes the items: a newly ticked one starts from what is usual for
        it, and only its `ask_each` questions (or any its defaults leave unanswerable) are
        asked; an unticked one goes."""
        key = question.data.pick or ""
        key_question = next(q for q in question.questions if q.field == key)
        had = [get_path(item, key) for item in items]
        least = question.spec.min_items
        self.asked += 1
        ticked = self.prompter.checkbox(
            self._prompt(question, None),
            self._choices(key_question, self.answers),
            checked=list(dict.fromkeys(had)),
            help=question.data.help,
            validate=lambda values: None if len(values) >= least else f"Tick at least {least}.",
        )
        items[:] = [item for item in items if get_path(item, key) in ticked]
        # Every ticked value is in the answers before any new item is filled, so a
        # suggestion may follow the others ticked with it (log-in details bring in
        # a name at registration).
        new = [value for value in ticked if value not in had]
        items += [{key: value} for value in new]
        for index, item in enumerate(items):
            if get_path(item, key) in new:
                items[index] = self._new_item(question, get_path(item, key))
        if fresh:
            # The suggested starting items are new to the owner too: filled the same way,
            # one left with none of the data it is about goes, as an unticked one would,
            # and all are asked in the order of the tick list.
            for item in items:
                self._fill(question, item)
            items[:] = [
                item
                for item in items
                if get_path(item, key) not in had or not self._lacks_data(question, item)
            ]
            order = [value for value, _ in self._choices(key_question, self.answers)]
            items.sort(key=lambda item: order.index(get_path(item, key)))
        for index, item in enumerate(items):
            if fresh or get_path(item, key) not in had:
                self._complete_item(question, items, index)

    def _new_item(self, question: Question, value: Any) -> dict[str, Any]:
        """An item for a ticked value: the questionnaire's starting item for it if there is
        one, its other answers filled with the defaults the owner would be shown."""
        key = question.data.pick or ""
        usual = [it for it in self._starting_items(question) if get_path(it, key) == value]
        item = self._trimmed(question, usual[:1])[0] if usual else {key: value}
        self._fill(question, item)
        return item

    def _fill(self, question: Question, item: dict[str, Any]) -> None:
        """Give each unanswered question that applies the default the owner would be shown
        (a questionnaire default, limited to data the store collects)."""
        assert question.spec.model is not None
        scope = Scope(item, question.spec.model)
        for inner in question.questions:
            if inner.kind in (Kind.GROUP, Kind.OBJECT) or has_path(item, inner.field):
                continue
            if not (inner.data.default_expr or inner.data.default is not None):
                continue
            if self._applies(inner, scope):
                self._take_suggestion(inner, item, scope)

    def _take_suggestion(self, inner: Question, item: dict[str, Any], scope: Scope) -> None:
        """Record the default the owner would be shown, limited to data the store collects."""
        suggested = self._current(inner, item, scope)
        if inner.data.choices_from and isinstance(suggested, list):
            allowed = set(self._values_from(inner.data.choices_from))
            suggested = [v for v in suggested if v in allowed]
        if suggested not in (None, [], ""):
            set_path(item, inner.field, suggested)

    def _tell_twins_apart(
        self, question: Question, items: list[dict[str, Any]], added: dict[str, Any]
    ) -> None:
        """An item that now repeats another's first fields (marketing twice) makes the
        other need its telling field too (its details): asked of it here, not at the end."""
        *same, telling = question.data.distinct or [""]
        if not same:
            return
        twins = [
            other
            for other in items
            if other is not added
            and all(get_path(other, f) == get_path(added, f) for f in same)
            and not get_path(other, telling)
        ]
        inner = next(q for q in question.questions if q.field == telling)
        assert question.spec.model is not None
        for other in twins:
            with self._asking_about(question, other):
                while True:
                    self._ask(inner, other, Scope(other, question.spec.model))
                    error = _twin_error(question, items, other)
                    if error is None:
                        break
                    self.prompter.say(f"That does not fit together: {error}")

    def _lacks_data(self, question: Question, item: Mapping[str, Any]) -> bool:
        """Whether the item has none of the collected data it must name."""
        return any(
            not get_path(item, inner.field)
            for inner in question.questions
            if inner.data.choices_from and inner.kind is Kind.CHOICES and inner.spec.min_items
        )

    def _complete_item(self, question: Question, items: list[dict[str, Any]], index: int) -> None:
        assert question.spec.model is not None
        item = items[index]
        scope = Scope(item, question.spec.model)
        with self._asking_about(question, item):
            for inner in question.questions:
                if inner.data.ask_each and self._applies(inner, scope):
                    self._ask(inner, item, scope)
        if _item_error(question.spec.model, item) is not None:
            self._ask_item(question, items, index)

    def _say_items(self, question: Question, items: list[dict[str, Any]]) -> None:
        """What the group holds, in words, so the owner can check it before moving on."""
        if not items:
            return
        self.prompter.say(f"{_plural(question.data.item_name or 'item').capitalize()} so far:")
        assert question.spec.model is not None
        for item in items:
            scope = Scope(item, question.spec.model)
            parts = []
            for inner in question.questions[1:]:
                if not self._applies(inner, scope):
                    continue
                if has_path(item, inner.field) and inner.kind is not Kind.GROUP:
                    value = label_of(get_path(item, inner.field), inner.spec.enum)
                    parts.append(f"{inner.short.lower()}: {value}")
            line = f"  - {capfirst(self._summary(question, item))}"
            self.prompter.say(f"{line}: {'; '.join(parts)}" if parts else line)

    def _starting_items(self, question: Question) -> list[dict[str, Any]]:
        """The questionnaire's starting items (its ``default_expr`` can fill them from
        earlier answers)."""
        start = (
            self.evaluate(question.data.default_expr)
            if question.data.default_expr
            else question.data.default
        )
        return services_step.without_picked(self, question, copy.deepcopy(list(start or [])))

    def _trimmed(self, question: Question, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Items trimmed to data the store said it collects."""
        trimmed = [q for q in question.questions if q.data.choices_from and q.kind is Kind.CHOICES]
        for inner in trimmed:
            allowed = set(self._values_from(inner.data.choices_from or ""))
            for item in items:
                if inner.field in item:
                    item[inner.field] = [v for v in item[inner.field] if v in allowed]
        # An item left with none of the data it is about goes; an empty optional list
        # (no names yet) is simply not given.
        kept = [item for item in items if all(item.get(q.field) != [] for q in trimmed)]
        return [{k: v for k, v in item.items() if v != []} for item in kept]

    def _change_item(
        self, question: Question, items: list[dict[str, Any]], index: int, name: str
    ) -> None:
        """Tick the answers to change (or remove the item); only those are asked again."""
        assert question.spec.model is not None
        item = items[index]
        scope = Scope(item, question.spec.model)
        fields = [inner for inner in question.questions if self._applies(inner, scope)]
        choices = [(REMOVE, f"Remove this {name}")]
        choices += [(inner.field, f"{inner.short}: {self._shown(inner, item)}") for inner in fields]
        self.asked += 1
        ticked = self.prompter.checkbox(
            f"{capfirst(self._summary(question, item))}: what do you want to change?",
            choices,
            checked=[],
            help="Tick the answers to change; tick nothing to go back.",
            validate=lambda values: None,
        )
        if REMOVE in ticked:
            del items[index]
            return
        with self._asking_about(question, item):
            self._change_fields(question, item, items, fields, ticked)
        if _item_error(question.spec.model, item) or _twin_error(question, items, item):
            self._ask_item(question, items, index)

    def _change_fields(
        self,
        question: Question,
        item: dict[str, Any],
        items: list[dict[str, Any]],
        fields: list[Question],
        ticked: list[str],
    ) -> None:
        """Ask the ticked answers again, then any question they made apply (a 'required'
        asks what happens without it); questions that no longer apply are dropped."""
        assert question.spec.model is not None
        scope = Scope(item, question.spec.model)
        for inner in fields:
            if inner.field in ticked:
                if inner.data.unique and inner.kind is Kind.CHOICE:
                    taken = {get_path(other, inner.field) for other in items if other is not item}
                    self._ask_unique(inner, item, taken)
                else:
                    self._ask(inner, item, scope)
        before = {inner.field for inner in fields}
        self._fill(question, item)
        for inner in question.questions:
            if not self._applies(inner, scope):
                self._forget((inner,), item)
            elif inner.field not in before and inner.kind is not Kind.GROUP:
                self._ask(inner, item, scope)

    def _shown(self, question: Question, item: Mapping[str, Any]) -> str:
        value = get_path(item, question.field) if has_path(item, question.field) else None
        return label_of(value, question.spec.enum)

    def _what_to_add(
        self, question: Question, items: list[dict[str, Any]]
    ) -> dict[str, Any] | None:
        """A new item's first answer, for a tick-list group, with a way back for an owner
        who chose "Add" by mistake (None); an empty item for other groups."""
        if not question.data.pick:
            return {}
        key = next(q for q in question.questions if q.field == question.data.pick)
        taken = {get_path(it, key.field) for it in items} if key.data.unique else set()
        choices = [c for c in self._choices(key, self.answers) if c[0] not in taken]
        self.asked += 1
        picked = self.prompter.select(
            self._prompt(key, None),
            [*choices, (_BACK, "Back: add nothing")],
            default=choices[0][0] if choices else _BACK,
            help=key.data.help,
        )
        return None if picked == _BACK else {key.field: picked}

    def _ask_item(
        self,
        question: Question,
        items: list[dict[str, Any]],
        index: int,
        *,
        extras: bool = True,
        known: set[str] | None = None,
    ) -> None:
        """Ask an item's questions until it fits together; ``extras=False`` leaves out the
        questions marked extra on the first round (they keep their defaults), and ``known``
        the fields just answered for it."""
        assert question.spec.model is not None
        item = items[index]
        skip = set(known or ())
        while True:
            scope = Scope(item, question.spec.model)
            for inner in question.questions:
                if not self._applies(inner, scope):
                    self._forget((inner,), item)
                    continue
                if inner.field in skip:
                    continue
                if not extras and self.is_extra(inner, scope):
                    # Left to a change, it still takes the suggestion that follows the
                    # answers just given (a cookieless tool by its name).
                    if inner.data.default_expr and not has_path(item, inner.field):
                        self._take_suggestion(inner, item, scope)
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
            extras = True
            skip = set()

    def _ask_unique(self, question: Question, item: dict[str, Any], taken: set[Any]) -> None:
        self.asked += 1
        choices = [c for c in self._choices(question, item) if c[0] not in taken]
        current = get_path(item, question.field)
        picked = self.prompter.select(
            self._prompt(question, None),
            choices,
            default=current if current in dict(choices) else choices[0][0],
            help=question.data.help,
        )
        set_path(item, question.field, picked)

    # -- helpers -----------------------------------------------------------------------
    @contextmanager
    def _asking_about(self, question: Question, item: Mapping[str, Any]) -> Iterator[None]:
        """Questions asked inside name the group item they are about."""
        self._about = capfirst(self._summary(question, item))
        try:
            yield
        finally:
            self._about = None

    def _prompt(self, question: Question, item: Scope | None) -> str:
        """The question's prompt with its `{{ expression }}` parts filled from the answers,
        after the item it is about when several items are asked in a row."""
        prompt = fill_prompt(question.data.prompt, lambda source: self.evaluate(source, item))
        return f"{self._about}: {prompt}" if self._about and item is not None else prompt

    def _choices(self, question: Question, data: Mapping[str, Any]) -> list[tuple[str, str]]:
        enum = question.spec.enum
        assert enum is not None
        members = [m.value for m in enum]
        if question.data.choices_from:
            allowed = set(self._values_from(question.data.choices_from))
            members = [m for m in members if m in allowed] or members
        if question.data.choices_within:
            # The item's own answer to another question ("where it is required" among
            # "where it is collected").
            given = get_path(data, question.data.choices_within)
            within = set(given if isinstance(given, list) else [])
            members = [m for m in members if m in within] or members
        if question.data.choices_if:
            given = get_path(data, question.field)
            given = set(given) if isinstance(given, list) else {given}
            members = [
                m
                for m in members
                if m not in question.data.choices_if
                or m in given
                or self._holds(question.data.choices_if[m], {})
            ]
        notes = question.data.choice_notes
        return [(m, _noted(LABELS.get(enum(m), m), notes.get(m))) for m in members]

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
        if services_step.named(item):
            return services_step.summary(item)
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
            **suggest.FUNCTIONS,
            **services_step.FUNCTIONS,
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

    def is_extra(self, question: Question, item: Scope) -> bool:
        """Whether a group's question is left out when an item is added (its suggestion is
        shown in the summary and can be changed): always, or where its `extra_when` holds."""
        when = question.data.extra_when
        return question.data.extra or bool(when and self._holds(when, {"item": item}))

    def _applies(self, question: Question, item: Scope | None = None) -> bool:
        """Whether the question's `when` holds (for this item, inside a group)."""
        return not question.data.when or self._holds(question.data.when, {"item": item})

    def _holds(self, expression: str, extra: Mapping[str, Any]) -> bool:
        return bool(self.evaluate(expression, extra.get("item")))

    def _forget(self, questions: tuple[Question, ...], data: dict[str, Any]) -> None:
        """Answers to questions that no longer apply fall back to the model's defaults,
        except a SAID answer: a promise the owner made stands whatever law applies (an EU
        store's "we accept requests from agents"), and its default would unsay it."""
        for question in questions:
            if not _said(question):
                drop_path(data, question.field)


def _said(question: Question) -> bool:
    """A field marked SAID (generator.model.base): its answer means something even when it
    equals the default."""
    return question.kind not in (Kind.GROUP, Kind.OBJECT) and is_said(question.spec.info)


class _Empty:
    """An answer left blank on purpose: the field is left out of the answers."""


_EMPTY = _Empty()
_BACK = "__back__"


def capfirst(text: str) -> str:
    return text[:1].upper() + text[1:]


def _plural(noun: str) -> str:
    """'kind of data' -> 'kinds of data', 'tracking tool' -> 'tracking tools'."""
    head, of, tail = noun.partition(" of ")
    return f"{head}s{of}{tail}"


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


def _noted(title: str, note: str | None) -> str:
    return f"{title} ({note})" if note else title
