"""How many prompts the wizard asks an owner to reach a store's answers, from scratch.

    python benchmarks/wizard_prompts.py [ANSWERS.yaml ...]   (default: examples/**/*.yaml)

Every prompt counts, even one whose default already is the owner's answer (one Enter).
Tick-list groups cost one tick list, each ticked item's own questions (its names, ...),
and for the items whose suggested answers differ from the owner's, the change menu and
"what to change" list per item (or, when fewer, the menu, one "Change several" tick
list and a "what to change" per item, or the menu, one "Change one answer in several"
list of answers and a tick list of items per answer) and one prompt per differing
answer; a repeated item is added in full. A section's rare answers cost one prompt, and
when any differs from its default either all of them or a tick list and the differing
ones, whichever is fewer. Sources a kind of data has by its nature count the same given
or left out. The services step ("Which of these services do you use?") costs the services' names
typed in one answer and the tick list that opens with them ticked (plus one search in it for a
service its own name does not find alone), the real step's own questions about each service (what
the catalog cannot know), its "Done", and for the services whose answers differ from what the
catalog and those questions give, the changes counted as in the groups (one by one, "Change
several" or "Change one answer in several", whichever is fewest) and one prompt per differing
answer; recipients and tools naming a service cost nothing in their own
groups (the step sets them aside). This is a floor for a person, who also reads, corrects slips and goes back;
quote it beside timed runs in a terminal, never instead of them. ``--by-question`` lists
where the prompts go.
"""

from __future__ import annotations

import copy
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pydantic import TypeAdapter  # noqa: E402

from generator.answers import read_answers  # noqa: E402
from generator.facts.data import NATURAL_SOURCES  # noqa: E402
from generator.model.practices import CollectedData  # noqa: E402
from generator.wizard.interview import Interview  # noqa: E402
from generator.wizard.paths import Scope, get_path, has_path, set_path  # noqa: E402
from generator.wizard.questionnaire import Kind, Question, Section, load  # noqa: E402
from generator.wizard.services_step import (  # noqa: E402
    RECIPIENTS,
    TOOLS,
    ServicesStep,
    named,
)


class Enter:
    """Accepts every default, as an owner whose answers are already filled in."""

    def heading(self, title: str, intro: str | None) -> None: ...

    def say(self, text: str) -> None: ...

    def text(self, message: str, *, default: str, help: Any, validate: Callable[..., Any]) -> str:
        return next(v for v in (default, "30", "12 months") if validate(v) is None)

    def confirm(self, message: str, *, default: bool, help: Any) -> bool:
        return default

    def select(self, message: str, choices: Any, *, default: Any, help: Any) -> str:
        return str(default)

    def checkbox(self, message: str, choices: Any, *, checked: Any, **_: Any) -> list[str]:
        return list(checked)

    def search(self, message: str, choices: Any, *, checked: Any, **_: Any) -> list[str]:
        return list(checked)


def _dumped(model: Any, item: dict[str, Any]) -> dict[str, Any]:
    adapter = TypeAdapter(model)
    try:
        dumped = dict(adapter.dump_python(adapter.validate_python(item)))
    except ValueError:
        return dict(item)
    # The sources a kind of data has by its nature mean the same given or left out (the
    # model's own reading, generator.facts.data.sources_of): the wizard records them, a
    # file may leave them out, and neither is a change for the owner to make.
    if model is CollectedData and tuple(dumped["sources"]) == NATURAL_SOURCES[dumped["category"]]:
        dumped["sources"] = []
    return dumped


class CountingStep(ServicesStep):
    """The services step from scratch: the services the answers name are picked anew
    (each starts as ``{service: id}``); an asked question is answered with the answers'
    own value, the rest is charged at the end as changes."""

    def run(self) -> None:
        self.targets: dict[tuple[str, str], dict[str, Any]] = {}
        self.asked_fields: dict[int, set[str]] = {}
        self.wanted: dict[str, list[str]] = {}
        for path in (RECIPIENTS, TOOLS):
            items = get_path(self.interview.answers, path)
            items = items if isinstance(items, list) else []
            named_items = [it for it in items if named(it)]
            for item in named_items:
                self.targets[(path, self._id(item))] = item
            self.wanted[path] = [self._id(it) for it in named_items]
            if isinstance(get_path(self.interview.answers, path), list):
                set_path(self.interview.answers, path, [it for it in items if not named(it)])
        super().run()

    def _target(self, item: dict[str, Any], path: str = RECIPIENTS) -> dict[str, Any] | None:
        return self.targets.get((path, self._id(item)))

    def pick(self, before: list[str]) -> list[str]:
        ids = list(dict.fromkeys(self.wanted[RECIPIENTS] + self.wanted[TOOLS]))
        # The names typed in one answer, then the list that opens with them ticked; a
        # service its own name does not find alone is searched for in the list.
        unfound = [
            i for i in ids if [s.id for s in self.catalog.match(self.catalog.by_id[i].name)] != [i]
        ]
        self.interview.asked += 2 + len(unfound)
        return ids

    def on_site(self, ids: list[str], before: list[str]) -> list[str]:
        if any(self.catalog.by_id[i].cookie_kind is not None for i in ids):
            self.interview.asked += 1
        return self.wanted[TOOLS]

    def ask(self, inner: Question, item: dict[str, Any], **kwargs: Any) -> None:
        super().ask(inner, item, **kwargs)
        target = self._target(item, kwargs.get("path", RECIPIENTS)) or {}
        self.asked_fields.setdefault(id(item), set()).add(inner.field)
        if inner.field in target:
            item[inner.field] = copy.deepcopy(target[inner.field])
        elif has_path(item, inner.field):
            del item[inner.field]

    def ask_setting(self, service: Any, setting: Any, item: dict[str, Any], known: Any) -> bool:
        # The owner who turned the setting on answers yes (so is asked use and ad sharing).
        target = self._target(item) or {}
        for key in ("use", "cross_context_ads"):
            if key in target:
                item[key] = target[key]
        return super().ask_setting(service, setting, item, known)

    def ask_for(self, inner: Question, batch: list[dict[str, Any]]) -> None:
        super().ask_for(inner, batch)
        # One answer for the batch; any service whose own answer differs is a change.
        for other in batch[1:]:
            self.asked_fields.setdefault(id(other), set())

    def changes(self) -> None:
        super().changes()  # the "Done"
        differing_by_item: list[list[tuple[str, str]]] = []
        for path, item in self.entries():
            target = self._target(item, path)
            if target is None:
                continue
            model = self._question(path).spec.model
            # Compared as the model reads them (a field left out reads as its default).
            shown = _dumped(model, self.view(item, path))
            meant = _dumped(model, self.view(target, path))
            asked = self.asked_fields.get(id(item), set())
            differing = [
                key
                for key in {*shown, *meant}
                if key not in asked and shown.get(key) != meant.get(key)
            ]
            if differing:
                differing_by_item.append([(path, key) for key in differing])
            item.clear()
            item.update(copy.deepcopy(target))
        # As in the groups: each service chosen from the menu (the menu and its "what to
        # change"), "Change several" (the menu, one tick list, a "what to change" each) or
        # "Change one answer in several" (the menu, the answers, a tick list per answer),
        # whichever is fewest; then one prompt per answer changed.
        n = len(differing_by_item)
        fields = {key for keys in differing_by_item for key in keys}
        self.interview.asked += min(2 * n, 2 + n, 2 + len(fields)) if n else 0
        self.interview.asked += sum(len(keys) for keys in differing_by_item)


@dataclass
class Counting(Interview):
    by_section: Counter[str] = field(default_factory=Counter)
    by_question: Counter[str] = field(default_factory=Counter)
    _where: list[str] = field(default_factory=list)

    def __setattr__(self, name: str, value: Any) -> None:
        # Each prompt counted goes to the question being asked (its field path).
        if name == "asked" and hasattr(self, "by_question"):
            self.by_question[".".join(self._where) or "?"] += value - self.asked
        super().__setattr__(name, value)

    def ask_section(self, section: Section) -> None:
        before = self.asked
        step = self.by_section["services"]
        self._where = [section.id]
        super().ask_section(section)
        self.by_section[section.id] += self.asked - before - (self.by_section["services"] - step)

    def ask_services(self) -> None:
        before = self.asked
        CountingStep(self).run()
        self.by_section["services"] += self.asked - before

    def _ask(self, question: Question, data: dict[str, Any], item: Any) -> None:
        self._where.append(question.field)
        try:
            super()._ask(question, data, item)
        finally:
            self._where.pop()

    def _ask_rare(self, section: Section) -> None:
        self._where.append("(rare)")
        try:
            self._count_rare(section)
        finally:
            self._where.pop()

    def _count_rare(self, section: Section) -> None:
        rare = [
            q
            for q in section.questions
            if q.data.rare and not (q.data.when and not self._holds(q.data.when, {}))
        ]
        if not rare:
            return
        self.asked += 1
        differing = sum(1 for q in rare if self._differs(q))
        if differing:
            # All of them one by one, or a tick list and only the ticked ones.
            self.asked += min(len(rare), 1 + differing)

    def _differs(self, question: Question) -> bool:
        given = get_path(self.answers, question.field)
        if question.kind is Kind.GROUP:
            return bool(given)
        if question.kind is Kind.OBJECT:
            return given is not None
        if question.data.default_expr:
            default = self.evaluate(question.data.default_expr)
        elif question.data.default is not None:
            default = question.data.default
        else:
            default = question.spec.default()
        empty = (None, [], "", {})
        return given is not None and given != default and not (given in empty and default in empty)

    def _ask_group(self, question: Question, data: dict[str, Any]) -> None:
        target = get_path(data, question.field) or []
        items: list[dict[str, Any]] = []
        set_path(data, question.field, items)
        key = question.data.pick
        changes: list[list[Question]] = []  # the answers to change, item by item
        removed = 0  # suggested items the owner removes
        if key:
            self.asked += 1  # the tick list
            # Every ticked value is known before the items are filled, as in the wizard.
            ticked, items = items, []
            ticked += [{key: wanted.get(key)} for wanted in target]
            seen: set[Any] = set()
            for wanted in target:
                if wanted.get(key) in seen:
                    self.asked += 1
                    items.append(copy.deepcopy(wanted))
                    self._ask_item(question, items, len(items) - 1)
                    continue
                seen.add(wanted.get(key))
                changes.append(self._picked(question, items, wanted))
            ticked[:] = items
        else:
            # The group's suggested starting items (transfers from the picked services)
            # are kept as they are, changed, or removed; the rest is added.
            start = self._trimmed(question, self._starting_items(question))
            first = question.questions[0].field
            assert question.spec.model is not None
            for wanted in target:
                match = next((s for s in start if s.get(first) == wanted.get(first)), None)
                if match is not None:
                    start.remove(match)
                    shown = _dumped(question.spec.model, match)
                    meant = _dumped(question.spec.model, wanted)
                    changes.append(
                        [q for q in question.questions if shown.get(q.field) != meant.get(q.field)]
                    )
                    items.append(copy.deepcopy(wanted))
                    continue
                self.asked += 1
                items.append(copy.deepcopy(wanted))
                self._ask_item(question, items, len(items) - 1, extras=False)
                changes.append(self._extras_to_change(question, wanted))
            removed = len(start)
        self._count_changes([change for change in changes if change], removed)
        self.asked += 1  # "Done"

    def _extras_to_change(self, question: Question, wanted: dict[str, Any]) -> list[Question]:
        """The answers left out when an item is added (extra) that the owner must change:
        those whose file answer differs from what the wizard suggests for them."""
        assert question.spec.model is not None
        extras = [
            q for q in question.questions if self.is_extra(q, Scope(wanted, question.spec.model))
        ]
        item = {
            k: v for k, v in copy.deepcopy(wanted).items() if k not in {q.field for q in extras}
        }
        scope = Scope(item, question.spec.model)
        for q in extras:
            if q.data.default_expr and self._applies(q, scope):
                self._take_suggestion(q, item, scope)
        shown, meant = _dumped(question.spec.model, item), _dumped(question.spec.model, wanted)
        return [q for q in extras if get_path(shown, q.field) != get_path(meant, q.field)]

    def _count_changes(self, changes: list[list[Question]], removed: int = 0) -> None:
        """Each item chosen from the menu (the menu and its "what to change"), all of them
        ticked at once ("Change several": the menu, the tick list, then each one's "what
        to change"), or answer by answer ("Change one answer in several"), whichever is
        fewest; then one prompt per answer changed. A removed item is one more to change
        (its "what to change" has "Remove"), never reached answer by answer."""
        touched = len(changes) + removed
        one_by_one, several = 2 * touched, 2 + touched
        # "Change one answer in several": the menu, the answers to change, then per
        # answer the items it is wrong for.
        by_answer = 2 + len({q.field for change in changes for q in change}) + 2 * removed
        self._where.append("(change menu)")
        self.asked += min(one_by_one, several, by_answer) if touched else 0
        self._where.pop()
        for change in changes:
            for q in change:
                self._where.append(q.field)
                self.asked += 1
                self._where.pop()

    def _picked(
        self, question: Question, items: list[dict[str, Any]], wanted: dict[str, Any]
    ) -> list[Question]:
        """The ticked item's ``ask_each`` prompts counted; the answers it must change."""
        assert question.spec.model is not None
        item = self._new_item(question, wanted.get(question.data.pick or ""))
        scope = Scope(item, question.spec.model)
        for inner in question.questions:
            if inner.data.ask_each and not (
                inner.data.when and not self._holds(inner.data.when, {"item": scope})
            ):
                self.asked += 1
                if inner.field in wanted:
                    set_path(item, inner.field, wanted[inner.field])
        shown, meant = _dumped(question.spec.model, item), _dumped(question.spec.model, wanted)
        items.append(copy.deepcopy(wanted))
        return [
            q for q in question.questions if get_path(shown, q.field) != get_path(meant, q.field)
        ]


def count(path: Path) -> Counting:
    """The interview run to reach the answers in ``path``, with its counts."""
    interview = Counting(load(), Enter(), read_answers(path)[0])
    interview.run()
    return interview


def main(argv: list[str]) -> int:
    by_question = "--by-question" in argv
    argv = [a for a in argv if a != "--by-question"]
    paths = [Path(a) for a in argv] or sorted((ROOT / "examples").rglob("*.yaml"))
    for path in paths:
        interview = count(path)
        sections = ", ".join(f"{k} {v}" for k, v in interview.by_section.items() if v)
        name = path.resolve().relative_to(ROOT) if path.resolve().is_relative_to(ROOT) else path
        print(f"{name}: {interview.asked} prompts  ({sections})")
        if by_question:
            for where, n in interview.by_question.most_common():
                if n:
                    print(f"  {n:4d}  {where}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
