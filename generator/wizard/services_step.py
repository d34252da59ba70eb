"""The wizard's services step: "Which of these services do you use?".

Asked at the start of the recipients section. The owner narrows the catalog
(generator/services) by typing part of a service's name, ticks the services the store
uses, and each becomes a recipient (and, when it runs on the site, a tracking tool) that
names it: ``service: klaviyo``. The catalog then fills what it knows (company, kind, data,
role, sale and sharing, links; generator/services/fill.py), so the wizard asks of each only
the recipient questions the catalog cannot answer, in the questionnaire's own words and
under its own ``when`` conditions, plus the settings the catalog says change how the law
sees the sharing (Meta's Limited Data Use). The owner may still change any answer; the
changed answer is written to the file and wins over the catalog.

While the recipients and tracking-tools groups are asked, the recipients and tools that name
a service are set aside (``set_aside``): the groups ask about the rest, and the suggested
starting recipients leave out the kinds a picked service already is.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from generator.grammar import join_plain
from generator.services.catalog import Catalog, catalog, fold
from generator.services.fill import recipient_defaults, tool_defaults
from generator.services.model import KIND_MAP, Role, Service, ServiceKind, Setting
from generator.wizard.paths import Scope, drop_path, get_path, has_path, set_path
from generator.wizard.questionnaire import Kind, Question, label_of
from generator.wizard.typed import split_list

if TYPE_CHECKING:
    from generator.wizard.interview import Interview

RECIPIENTS = "sharing.recipients"
TOOLS = "cookies.tools"
SECTION = "sharing"
# Kinds whose script or tag runs on the store's own pages, so they are offered ticked as
# tracking tools; the owner unticks or ticks others (a chat widget, a review widget).
ON_SITE = frozenset({ServiceKind.ANALYTICS, ServiceKind.ADVERTISING})
DONE = "done"
REMOVE = "__remove__"
SEVERAL = "__several__"
BY_ANSWER = "__by_answer__"
NAMES_PROMPT = "Which services does the store use? Type their names, separated by commas."
NAMES_HELP = (
    "For example: Shopify, Stripe, PayPal, Klaviyo, Google Analytics, Meta Pixel. What each "
    "receives and does with it then comes from policygen's catalog. Leave empty to pick from "
    "the whole list instead."
)
PICK_PROMPT = "Which of these services do you use?"
PICK_HELP = (
    "Type one word of a name to narrow the list (Backspace widens it again); Space ticks, "
    "so a space typed in a name ticks the service under the pointer. Enter when done. What "
    "each service receives and does with it comes from policygen's catalog and can be "
    "changed next. Tick none if you use none of them."
)
ON_SITE_PROMPT = "Which of these run on your site (a script, pixel or tag)?"
ON_SITE_HELP = "They are listed in the policy's cookies section as tracking tools."
CHANGE_PROMPT = "Anything to change in what the catalog says about these services?"


def named(item: Any) -> str | None:
    """The service a recipient or tool names, or None."""
    if isinstance(item, Mapping) and isinstance(item.get("service"), str):
        return str(item["service"])
    return None


def summary(item: Mapping[str, Any]) -> str:
    """A recipient or tool that names a service, in a few words: 'Stripe (payments)'."""
    service = catalog().get(str(item.get("service")))
    if service is None:
        return str(item.get("service"))
    return f"{service.name} ({KIND_MAP[service.kind].label})"


def choice_title(service: Service) -> str:
    """The service as listed: its kind first, so the list reads grouped by kind, and its
    other names, so typing any of them finds it."""
    others = [a for a in service.aliases if a.casefold() not in service.name.casefold()]
    aka = f" (also {', '.join(others)})" if others else ""
    label = KIND_MAP[service.kind].label
    return f"{label[:1].upper()}{label[1:]}: {service.name}{aka}"


def choices(known: Catalog, first: list[str] | None = None) -> list[tuple[str, str]]:
    """Every catalog entry as a choice, grouped by kind in the catalog's kind order; the
    services in ``first`` (those found from the typed names) lead, so the owner sees what
    was ticked without scrolling a list of a hundred and more."""
    lead = [known.by_id[i] for i in first or () if i in known.by_id]
    rest = [
        service
        for services in known.by_kind().values()
        for service in sorted(services, key=lambda s: s.name.casefold())
        if service not in lead
    ]
    return [(service.id, choice_title(service)) for service in [*lead, *rest]]


def picked(answers: Mapping[str, Any]) -> list[str]:
    """Services named by the answers' recipients and tools, each once, in their order."""
    items = [*(get_path(answers, RECIPIENTS) or []), *(get_path(answers, TOOLS) or [])]
    found = [named(item) for item in items]
    known = catalog()
    ids = [service.id for name in found if name and (service := known.get(name))]
    return list(dict.fromkeys(ids))


class ServicesStep:
    """One run of the step over an interview's answers."""

    def __init__(self, interview: Interview) -> None:
        self.interview = interview
        self.catalog = catalog()
        self.group = _group_question(interview, RECIPIENTS)
        self.tools = _group_question(interview, TOOLS)

    @property
    def prompter(self) -> Any:
        return self.interview.prompter

    # -- the step --------------------------------------------------------------------
    def run(self) -> None:
        """Pick services, say which run on the site, ask what the catalog cannot know."""
        before = picked(self.interview.answers)
        ids = self.pick(before)
        self.keep_recipients(ids)
        if not ids:
            self.keep_tools([])
            return
        tools_before = {named(t) for t in get_path(self.interview.answers, TOOLS) or []}
        self.keep_tools(self.on_site(ids, before))
        # As in the recipients group, only what is new is asked; the rest is shown, to change.
        self.complete([it for it in self.service_items() if self._id(it) not in before])
        for path, tool in self.entries():
            if path == TOOLS and tool["service"] not in tools_before:
                self.complete_tool(tool)
        self.changes()

    def pick(self, before: list[str]) -> list[str]:
        """The services the store uses. The first time, the owner types their names in
        one answer (an owner knows their vendors by name; one search per service in a
        list of a hundred and more is slow), then the list opens with those ticked, to
        correct; the list alone when none is typed or when services were picked before."""
        checked = before or self.typed()
        self.interview.asked += 1
        ticked = self.prompter.search(
            PICK_PROMPT, choices(self.catalog, checked), checked=checked, help=PICK_HELP
        )
        return [str(value) for value in ticked]

    def typed(self) -> list[str]:
        """The services named in one typed answer, with what was and was not found said."""
        self.interview.asked += 1
        # The payment processors named earlier start the line, so nobody types them twice;
        # not once recipients were answered (a file reopened), where Enter must change nothing.
        named_before = get_path(self.interview.answers, "payments.processors") or []
        fresh = not isinstance(get_path(self.interview.answers, RECIPIENTS), list)
        start = ", ".join(str(n) for n in named_before) if fresh and named_before else ""
        text = self.prompter.text(NAMES_PROMPT, default=start, help=NAMES_HELP, validate=_any)
        found: dict[str, str | None] = {}  # id: the name typed, when not the service's own
        several: list[str] = []
        missing: list[str] = []
        for name in split_list(text):
            matches = self.catalog.match(name)
            if len(matches) == 1:
                own = fold(name) in fold(matches[0].name)
                found.setdefault(matches[0].id, None if own else name)
            elif matches:
                listed = join_plain([m.name for m in matches[:6]])
                several.append(f"{name} ({listed}{', …' if len(matches) > 6 else ''})")
            else:
                near = [self.catalog.by_id[i].name for i in self.catalog.close(name)[:2]]
                missing.append(f"{name} (did you mean {' or '.join(near)}?)" if near else name)
        self._say_found(found, several, missing)
        return list(found)

    def _say_found(
        self, found: dict[str, str | None], several: list[str], missing: list[str]
    ) -> None:
        if found:
            shown = [
                summary({"service": i}) + (f" for {typed}" if typed else "")
                for i, typed in found.items()
            ]
            self.prompter.say(f"Found: {join_plain(shown)}.")
        if several:
            self.prompter.say(f"More than one service matches {'; '.join(several)}: tick yours.")
        if missing:
            self.prompter.say(
                f"Not in the catalog: {'; '.join(missing)}. You add "
                f"{'it as a recipient' if len(missing) == 1 else 'them as recipients'} "
                "after this step."
            )

    def on_site(self, ids: list[str], before: list[str]) -> list[str]:
        """Which picked services are tracking tools on the site (those that can be one)."""
        offered = [
            self.catalog.by_id[i] for i in ids if self.catalog.by_id[i].cookie_kind is not None
        ]
        if not offered:
            return []
        had = {named(tool) for tool in get_path(self.interview.answers, TOOLS) or []}
        checked = [
            s.id for s in offered if s.id in had or (s.id not in before and s.kind in ON_SITE)
        ]
        self.interview.asked += 1
        ticked = self.prompter.checkbox(
            ON_SITE_PROMPT,
            [(s.id, s.name) for s in offered],
            checked=checked,
            help=ON_SITE_HELP,
            validate=lambda values: None,
        )
        return [str(value) for value in ticked]

    def keep_recipients(self, ids: list[str]) -> None:
        """Recipients for the picked services: kept with their answers, added, or removed."""
        items = get_path(self.interview.answers, RECIPIENTS)
        items = items if isinstance(items, list) else []
        # A name the catalog does not know stays for validation to report at its line.
        kept = [it for it in items if not self._known(it) or self._id(it) in ids]
        have = {self._id(it) for it in kept if named(it)}
        added = [{"service": i} for i in ids if i not in have]
        if kept or added:
            set_path(self.interview.answers, RECIPIENTS, [*kept, *added])

    def keep_tools(self, ids: list[str]) -> None:
        """Tracking tools for the services ticked as running on the site."""
        items = get_path(self.interview.answers, TOOLS)
        if not ids and not isinstance(items, list):
            return
        items = items if isinstance(items, list) else []
        kept = [it for it in items if not self._known(it) or self._id(it) in ids]
        have = {self._id(it) for it in kept if named(it)}
        set_path(
            self.interview.answers, TOOLS, [*kept, *({"service": i} for i in ids if i not in have)]
        )

    def service_items(self) -> list[dict[str, Any]]:
        items = get_path(self.interview.answers, RECIPIENTS) or []
        return [item for item in items if named(item) and self._id(item) in self.catalog.by_id]

    # -- one service -----------------------------------------------------------------
    def known(self, service: Service) -> dict[str, Any]:
        """What the catalog answers for this service as a recipient of this store."""
        return recipient_defaults(service, set(self.interview._values_from(CATEGORIES)))

    def view(self, item: Mapping[str, Any], path: str = RECIPIENTS) -> dict[str, Any]:
        """The recipient (or tool) as the policy will read it: the catalog's facts under
        the owner's answers."""
        service = self.catalog.by_id[self._id(item)]
        facts = self.known(service) if path == RECIPIENTS else tool_defaults(service)
        return {**facts, **item}

    def _question(self, path: str) -> Question:
        return self.group if path == RECIPIENTS else self.tools

    def complete(self, items: list[dict[str, Any]]) -> None:
        """Ask what the catalog cannot know about the picked services: the settings each
        declares, then the recipients group's own questions for each item (its `ask_each`
        ones, under their `when`) that the catalog does not answer. Like the group, which
        asks them once for each kind of company, a question is asked once for all picked
        services of one kind that it applies to."""
        known: dict[int, dict[str, Any]] = {}
        for item in items:
            service = self.catalog.by_id[self._id(item)]
            facts = self.known(service)
            if self.asks_settings():
                for setting in service.ccpa.changed_by:
                    if self.ask_setting(service, setting, item, facts):
                        # With the setting on, the catalog's usual answers no longer hold;
                        # the owner has just answered them.
                        facts = {
                            k: v for k, v in facts.items() if k not in ("use", "cross_context_ads")
                        }
            known[id(item)] = facts
            self.suggest(item, facts)
        kinds: dict[str, list[dict[str, Any]]] = {}
        for item in items:
            kinds.setdefault(str(self.view(item).get("kind")), []).append(item)
        for members in kinds.values():
            for inner in self.group.questions:
                if not inner.data.ask_each:
                    continue
                asked = [m for m in members if inner.field not in known[id(m)]]
                asked = [m for m in asked if self.applies(inner, m)]
                if asked:
                    self.ask_for(inner, asked)

    def suggest(self, item: dict[str, Any], known: Mapping[str, Any]) -> None:
        """Record the suggestions the recipients group would record for what neither the
        catalog nor the owner says (why it receives the data; what it may do with it
        where the catalog says that depends on its terms), as the group records them."""
        view = self.view(item)
        self.interview._fill(self.group, view)
        for key, value in view.items():
            if key not in known and key not in item and not self._asked(key):
                item[key] = value

    def applies(self, inner: Question, item: Mapping[str, Any]) -> bool:
        assert self.group.spec.model is not None
        return self.interview._applies(inner, Scope(self.view(item), self.group.spec.model))

    def ask_for(self, inner: Question, batch: list[dict[str, Any]]) -> None:
        """One question for a batch of picked services of one kind, named in the prompt;
        its answer is each one's. A yes-or-no question is one tick list of the services
        instead, so each gets its own answer (Everbloom's Rokt passes data on only when an
        offer is clicked; its pixels send it on every visit)."""
        if len(batch) > 1 and inner.kind is Kind.YES_NO:
            self.tick_each(inner, batch)
            return
        first, *others = batch
        label = join_plain([str(self.catalog.by_id[self._id(m)].name) for m in batch])
        kind = KIND_MAP[self.catalog.by_id[self._id(first)].kind].label
        with _about(self.interview, f"{label} ({kind})"):
            self.ask(inner, first)
        for other in others:
            if inner.field in first:
                other[inner.field] = first[inner.field]
            else:
                other.pop(inner.field, None)

    def tick_each(self, inner: Question, batch: list[dict[str, Any]]) -> None:
        """A yes-or-no question for several services: tick those it is yes for, each
        starting from its own suggested answer."""
        model = self.group.spec.model
        assert model is not None
        keys = [str(n) for n in range(len(batch))]
        names = [str(self.catalog.by_id[self._id(m)].name) for m in batch]
        started = []
        for key, item in zip(keys, batch, strict=True):
            view = self.view(item)
            if self.interview._current(inner, view, Scope(view, model)):
                started.append(key)
        self.interview.asked += 1
        ticked = self.prompter.checkbox(
            f"{self.interview._prompt(inner, None)} Tick each service it is yes for.",
            list(zip(keys, names, strict=True)),
            checked=started,
            help=inner.data.help,
            validate=lambda values: None,
        )
        for key, item in zip(keys, batch, strict=True):
            item[inner.field] = key in ticked

    def complete_tool(self, tool: dict[str, Any]) -> None:
        """Ask what the catalog cannot know about a service as a tool on the site: the
        tools group's own questions (not its extras) that the catalog does not answer."""
        known = tool_defaults(self.catalog.by_id[self._id(tool)])
        with self.interview._asking_about(self.tools, tool):
            for inner in self.tools.questions:
                if inner.field not in known and not inner.data.extra:
                    self.ask(inner, tool, path=TOOLS)

    def ask(
        self,
        inner: Question,
        item: dict[str, Any],
        *,
        path: str = RECIPIENTS,
    ) -> None:
        """Ask one of the group's questions about a picked service; the answer is the
        owner's, written to the item."""
        model = self._question(path).spec.model
        assert model is not None
        view = self.view(item, path)
        scope = Scope(view, model)
        if not self.interview._applies(inner, scope):
            drop_path(item, inner.field)
            return
        self.interview._ask(inner, view, scope)
        if has_path(view, inner.field):
            set_path(item, inner.field, get_path(view, inner.field))
        else:
            drop_path(item, inner.field)
        if path == RECIPIENTS and inner.field == "purpose" and item.get("purpose"):
            self.mirror_purpose(item)

    def mirror_purpose(self, item: Mapping[str, Any]) -> None:
        """One service is used for one thing: the owner's words for why a service gets
        the data also say what its tool on the site is for, unless the owner gave the
        tool its own (Hotjar's 'session recordings' on both, not the catalog's words on
        the tool)."""
        for tool in get_path(self.interview.answers, TOOLS) or []:
            if named(tool) and self._id(tool) == self._id(item) and "purpose" not in tool:
                tool["purpose"] = item["purpose"]

    def asks_settings(self) -> bool:
        """Settings that change a sale or sharing matter where a US state law may: the
        questionnaire's own `us` condition (the law itself is judged in generator/laws)."""
        return self.interview.condition("us")

    def ask_setting(
        self, service: Service, setting: Setting, item: dict[str, Any], known: Mapping[str, Any]
    ) -> bool:
        """Whether the store turns the setting on; if so, its use and ad sharing are asked."""
        # Shown on when an earlier answer already departs from the catalog's usual setup.
        departs = any(
            key in item and item[key] != known.get(key) for key in ("use", "cross_context_ads")
        )
        self.interview.asked += 1
        on = bool(
            self.prompter.confirm(
                f"{summary(item)}: Do you turn on {setting.name}?",
                default=departs,
                help=setting.effect,
            )
        )
        if not on:
            for key in ("use", "cross_context_ads"):
                if key in item and item[key] == known.get(key):
                    del item[key]
            return False
        for inner in self.group.questions:
            if inner.field in ("use", "cross_context_ads"):
                if inner.field not in item and inner.field in known:
                    item[inner.field] = known[inner.field]
                with self.interview._asking_about(self.group, item):
                    self.ask(inner, item)
        return True

    def _asked(self, key: str) -> bool:
        inner = next((q for q in self.group.questions if q.field == key), None)
        return inner is not None and inner.data.ask_each

    # -- changing what the catalog says ----------------------------------------------
    def changes(self) -> None:
        """Show what each picked service receives and may do, and let the owner change it."""
        while True:
            entries = self.entries()
            self.prompter.say("What the catalog says, with your answers:")
            for path, item in entries:
                self.prompter.say(f"  - {self.title(path, item)}: {self.describe(item, path)}")
            depends = [
                self.catalog.by_id[self._id(item)].name
                for path, item in entries
                if path == RECIPIENTS
                and self.catalog.by_id[self._id(item)].role.role is Role.DEPENDS
                and "use" not in self.known(self.catalog.by_id[self._id(item)])
            ]
            if depends:
                self.prompter.say(
                    f"The catalog cannot say what {join_plain(depends)} may do with the data: it "
                    "depends on their terms and your settings (`policygen services NAME` says "
                    "why). Change it here if they use it for their own purposes."
                )
            self.interview.asked += 1
            options = [(DONE, "Done: keep these")]
            if len(entries) > 1:
                # As in the wizard's groups: several services ticked at once, or one
                # answer (their data, say) fixed across the services it is wrong for.
                options.append((SEVERAL, "Change several services (tick them)"))
                options.append((BY_ANSWER, "Change one answer in several services"))
            options += [
                (str(i), f"Change: {self.title(path, it)}") for i, (path, it) in enumerate(entries)
            ]
            choice = self.prompter.select(CHANGE_PROMPT, options, default=DONE, help=None)
            if choice == DONE:
                return
            if choice == SEVERAL:
                self.change_several(entries)
            elif choice == BY_ANSWER:
                self.change_by_answer(entries)
            else:
                self.change(*entries[int(choice)])

    def change_several(self, entries: list[tuple[str, dict[str, Any]]]) -> None:
        """One tick list of services, then each ticked one's "what do you want to change?"."""
        self.interview.asked += 1
        ticked = self.prompter.checkbox(
            "Which services do you want to change or remove?",
            [(str(i), self.title(path, it)) for i, (path, it) in enumerate(entries)],
            checked=[],
            help="Tick each one; you then choose what to change in it, one at a time.",
            validate=lambda values: None,
        )
        for index in (int(i) for i in ticked):
            path, item = entries[index]
            # A service removed with an earlier one (its tool) is no longer there.
            if any(it is item for _, it in self.entries()):
                self.change(path, item)

    def change_by_answer(self, entries: list[tuple[str, dict[str, Any]]]) -> None:
        """Tick the answers to change (e.g. "data it receives"), then for each the services
        it is wrong for; only those are asked, service by service."""
        fields: dict[tuple[str, str], Question] = {}
        for path, item in entries:
            for inner in self.applying(path, item):
                fields.setdefault((path, inner.field), inner)
        self.interview.asked += 1
        ticked = self.prompter.checkbox(
            "Which answers do you want to change in several services?",
            [
                (
                    f"{path} {field}",
                    inner.short if path == RECIPIENTS else f"As a tool: {inner.short}",
                )
                for (path, field), inner in fields.items()
            ],
            checked=[],
            help="Tick each answer; you then tick the services it is wrong for.",
            validate=lambda values: None,
        )
        for (path, field), inner in fields.items():
            if f"{path} {field}" not in ticked:
                continue
            applying = [
                (i, it)
                for i, (p, it) in enumerate(entries)
                if p == path and any(q.field == field for q in self.applying(p, it))
            ]
            self.interview.asked += 1
            chosen = self.prompter.checkbox(
                f"{inner.short}: which services do you want to change?",
                [(str(i), f"{summary(it)}: {self.shown(inner, it, path)}") for i, it in applying],
                checked=[],
                help=None,
                validate=lambda values: None,
            )
            for index in (int(i) for i in chosen):
                item = entries[index][1]
                with self.interview._asking_about(self._question(path), item):
                    self.ask(inner, item, path=path)

    def applying(self, path: str, item: Mapping[str, Any]) -> list[Question]:
        """The group's questions (but its first) that apply to this service as it reads."""
        group = self._question(path)
        assert group.spec.model is not None
        scope = Scope(self.view(item, path), group.spec.model)
        return [q for q in group.questions[1:] if self.interview._applies(q, scope)]

    def shown(self, inner: Question, item: Mapping[str, Any], path: str) -> str:
        """An answer as the policy will read it, in a few words."""
        return label_of(get_path(self.view(item, path), inner.field), inner.spec.enum)

    def entries(self) -> list[tuple[str, dict[str, Any]]]:
        """The recipients, then the tracking tools, that name a picked service."""
        tools = get_path(self.interview.answers, TOOLS) or []
        return [(RECIPIENTS, item) for item in self.service_items()] + [
            (TOOLS, tool) for tool in tools if named(tool) and self._id(tool) in self.catalog.by_id
        ]

    @staticmethod
    def title(path: str, item: Mapping[str, Any]) -> str:
        return summary(item) if path == RECIPIENTS else f"{summary(item)} as a tracking tool"

    def describe(self, item: Mapping[str, Any], path: str = RECIPIENTS) -> str:
        group = self._question(path)
        assert group.spec.model is not None
        view = self.view(item, path)
        scope = Scope(view, group.spec.model)
        parts = []
        for inner in group.questions[1:]:
            if self.interview._applies(inner, scope) and has_path(view, inner.field):
                value = label_of(get_path(view, inner.field), inner.spec.enum)
                parts.append(f"{inner.short.lower()}: {value}")
        return "; ".join(parts)

    def change(self, path: str, item: dict[str, Any]) -> None:
        """Tick the answers to change (or remove the service); only those are asked."""
        group = self._question(path)
        fields = self.applying(path, item)
        options = [(REMOVE, "Remove this service" if path == RECIPIENTS else "Remove this tool")]
        options += [(q.field, f"{q.short}: {self.shown(q, item, path)}") for q in fields]
        self.interview.asked += 1
        ticked = self.prompter.checkbox(
            f"{self.title(path, item)}: what do you want to change?",
            options,
            checked=[],
            help="Tick the answers to change; tick nothing to go back.",
            validate=lambda values: None,
        )
        if REMOVE in ticked:
            # A service goes with its tool; a tool alone, off the site, leaves the service.
            self.remove(self._id(item), (RECIPIENTS, TOOLS) if path == RECIPIENTS else (TOOLS,))
            return
        with self.interview._asking_about(group, item):
            for inner in fields:
                if inner.field in ticked:
                    self.ask(inner, item, path=path)

    def remove(self, service_id: str, paths: tuple[str, ...]) -> None:
        for path in paths:
            items = get_path(self.interview.answers, path)
            if isinstance(items, list):
                items[:] = [it for it in items if named(it) is None or self._id(it) != service_id]

    def _known(self, item: Any) -> bool:
        """Whether the item names a service the catalog has."""
        name = named(item)
        return name is not None and self.catalog.get(name) is not None

    def _id(self, item: Mapping[str, Any]) -> str:
        service = self.catalog.get(str(item.get("service")))
        return service.id if service else str(item.get("service"))


CATEGORIES = "collection.items.category"


def _any(value: str) -> str | None:
    """Every typed answer is taken; names not found are said, not refused."""
    return None


@contextmanager
def _about(interview: Interview, text: str) -> Iterator[None]:
    """Questions asked inside name the services they are about, as group items do."""
    interview._about = text
    try:
        yield
    finally:
        interview._about = None


def _group_question(interview: Interview, path: str) -> Question:
    return next(q for q, full in interview.questionnaire.all_questions() if full == path)


def cookie_kinds(tools: Any) -> list[str]:
    """The kinds of cookies the site sets, as far as its tracking tools say: the strictly
    necessary ones every store has, and the kind of each tool that sets cookies (a tool
    naming a service reads its kind from the catalog)."""
    kinds = ["strictly_necessary"]
    known = catalog()
    for tool in tools if isinstance(tools, list) else []:
        if not isinstance(tool, Mapping):
            continue
        service = known.get(str(tool["service"])) if named(tool) else None
        filled = {**tool_defaults(service), **tool} if service else dict(tool)
        if filled.get("sets_cookies", True) and isinstance(filled.get("kind"), str):
            kinds.append(filled["kind"])
    return list(dict.fromkeys(kinds))


# Where a privacy law has rules for sending personal data abroad, so a store reached by
# one has transfers to state: the EU/EEA and UK GDPR (Chapter V), Switzerland (FADP Art
# 16), Brazil (LGPD art. 33), Canada (PIPEDA Principle 4.1.3; Quebec's Act s. 17), Australia
# (APP 8) and New Zealand (Privacy Act 2020, IPP 12). US state laws have none.
TRANSFER_RULES = frozenset({"GB", "CH", "BR", "CA", "AU", "NZ"})


def transfers_from_services(
    recipients: Any, homes: Any, markets: Any, eu: bool, uk: bool, brazil: bool
) -> list[dict[str, str]]:
    """The transfers abroad that the picked services suggest, for a store established in
    or selling to a country whose law has transfer rules: for each recipient naming a
    catalog service, the places the catalog says it processes data, or else the country
    its company is based in, when that is outside the countries the store is established
    in (and, for a store in the EEA, outside the EEA, where data moves freely: GDPR Art
    1(3)); a place the catalog gives only as "the EEA" names no country and is left out.
    One transfer per country and footing, naming the services: the Data Privacy Framework
    for a US service the catalog says is certified, else the safeguard suggested for the
    country. A service that also uses the data for itself (an ad platform) is bound only by
    its own terms where no law asks for a transfer tool (Canada, Australia, New Zealand);
    the GDPR, UK GDPR and LGPD ask for one whoever receives the data (GDPR Art 44, 46;
    controller-to-controller clauses exist for it), so there it gets the same suggestion.
    The catalog's places are mostly unconfirmed, so these start the list for the owner to
    check; they are never filled in silently."""
    from generator.countries import EEA
    from generator.wizard.suggest import transfer_safeguard

    reached = {str(code) for code in [*(homes or ()), *(markets or ())]}
    if not reached & (TRANSFER_RULES | EEA):
        return []
    known = catalog()
    own = {str(code) for code in homes or ()}
    own |= set(EEA) if own & EEA else set()
    grouped: dict[tuple[str, str], list[str]] = {}
    for item in recipients if isinstance(recipients, list) else []:
        service = known.get(str(item.get("service"))) if named(item) else None
        if service is None:
            continue
        places = [str(p) for p in service.transfers.locations] or (
            [str(service.vendor.country)] if service.vendor.country else []
        )
        names = item.get("names") or [service.vendor.name]
        use = item.get("use") or recipient_defaults(service).get("use", "on_our_behalf")
        for place in places:
            if place not in own and len(place) == 2:
                if use != "on_our_behalf" and not (eu or uk or brazil):
                    footing = "recipient_terms"
                elif place == "US" and (eu or uk) and "dpf" in service.transfers.tools:
                    footing = "dpf"
                else:
                    footing = transfer_safeguard(place, eu, uk, brazil)
                grouped.setdefault((place, footing), []).extend(str(n) for n in names)
    return [
        {
            "destination": place,
            "safeguard": footing,
            "recipients": join_plain(list(dict.fromkeys(names))),
        }
        for (place, footing), names in grouped.items()
    ]


# Functions the questionnaire's expressions may call (beside suggest.FUNCTIONS).
FUNCTIONS = {"cookie_kinds": cookie_kinds, "transfers_from_services": transfers_from_services}


@contextmanager
def set_aside(interview: Interview, question: Question, data: dict[str, Any]) -> Iterator[None]:
    """While the recipients or tracking-tools group is asked, the items that name a
    service are set aside (the services step asks about them); they come back where they
    were, so the policy keeps listing them in the owner's order."""
    if question.field not in (RECIPIENTS, TOOLS) or data is not interview.answers:
        yield
        return
    items = get_path(data, question.field)
    if not isinstance(items, list) or not any(named(it) for it in items):
        yield
        return
    places = [(index, it) for index, it in enumerate(items) if named(it)]
    aside = [it for _, it in places]
    rest = [it for it in items if not named(it)]
    first_time = question.field == RECIPIENTS and SECTION not in interview.completed
    if rest or not first_time:
        set_path(data, question.field, rest)
    else:
        # Never asked before: the group starts from its usual suggestions, less the kinds
        # the picked services already are (see ``without_picked``).
        drop_path(data, question.field)
    name = "recipients" if question.field == RECIPIENTS else "tracking tools"
    interview.prompter.say(
        f"Already listed from the services you picked: {', '.join(summary(it) for it in aside)}."
    )
    interview.prompter.say(f"Add here only the other {name}.")
    interview.services_aside = aside
    try:
        yield
    finally:
        interview.services_aside = []
        after = get_path(data, question.field)
        merged = list(after) if isinstance(after, list) else []
        for index, item in places:
            merged.insert(min(index, len(merged)), item)
        set_path(data, question.field, merged)


def without_picked(
    interview: Interview, question: Question, items: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The group's suggested starting items, less what the picked services (set aside while
    the group is asked) already are: an unnamed suggestion of a kind a service is goes, and
    a named one keeps only the names no picked service has (the payment processors typed
    earlier: Stripe is picked from the catalog, 'Acme Pay' stays a recipient to ask about)."""
    aside = interview.services_aside
    if question.field != RECIPIENTS or not aside:
        return items
    known = catalog()
    services = [s for it in aside if (s := known.get(str(it.get("service")))) is not None]
    kinds = {service.recipient_kind.value for service in services}
    taken = {fold(name) for s in services for name in (s.name, s.vendor.name, *s.aliases)}
    kept = []
    for item in items:
        names = [n for n in item.get("names") or [] if fold(str(n)) not in taken]
        if item.get("names") and names:
            kept.append({**item, "names": names})
        elif not item.get("names") and item.get("kind") not in kinds:
            kept.append(item)
    return kept
