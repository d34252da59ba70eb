"""What changed between two versions of a store's answers, said as the policy would say it.

Both profiles go through ``facts.derive``, and the facts are compared section by section in
the policy's own order: the data collected, what it is used for, who receives it (and
whether that is a sale or sharing for ads), marketing, rights, retention, and the countries
data goes to. Each change is one plain sentence ("We now collect your phone number to send
you news and offers"), marked material or not with the reason.

Material: a new category, source or purpose, a new recipient or more data to one, a new
sale or sharing for cross-context ads, less choice (a right withdrawn, opt-in turned
opt-out, consent no longer asked), longer retention, a new country. These are the changes
the FTC counts as material when applied to data already collected (In re Gateway Learning
Corp., FTC File No. 042-3047, 2004) and that GDPR Art 13(3) and PIPEDA Principle 4.2.4
ask people be told of before the data is used so. Not material: less data, a recipient
removed, shorter retention, more choice, contact details and wording.

Answers this module does not compare (cookies, security, children ...) are reported as one
change naming their sections, marked not material with a reason that says policygen did not
judge them, so nothing that changed goes unmentioned.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Any, NamedTuple

from generator.escape import Md, md, unescape_markdown
from generator.grammar import join_and
from generator.model.vocab import (
    PLURAL_LABELS,
    DataCategory,
    Purpose,
    RecipientKind,
    RetentionBasis,
    Right,
    Safeguard,
    TimeUnit,
)

if TYPE_CHECKING:
    from generator.facts import Facts
    from generator.laws.base import Applicability
    from generator.model import StoreProfile
    from generator.model.commitments import RetentionRule


# ---- the kinds of change -------------------------------------------------------------------

# kind -> whether it is material, and the reason said in the report.
KINDS: dict[str, tuple[bool, str]] = {
    "new-category": (True, "a new kind of personal information is collected"),
    "new-source": (True, "personal information now comes from a new source"),
    "new-purpose": (True, "personal information is used for a purpose it was not used for before"),
    "new-recipient": (True, "a new recipient gets personal information"),
    "more-to-recipient": (True, "a recipient gets more kinds of personal information"),
    "new-sale": (True, "personal information is newly sold"),
    "new-share": (True, "personal information is newly shared for cross-context ads"),
    "less-choice": (True, "people have less choice than before"),
    "longer-retention": (True, "personal information is kept longer"),
    "new-country": (True, "personal information goes to a new country"),
    "weaker-safeguard": (
        True,
        "a safeguard named for data sent to a country was dropped, or some of it now goes under "
        "the recipient's own terms only: it may be less protected",
    ),
    "safeguard-changed": (
        False,
        "a safeguard was added for a country the data already goes to; nothing was dropped",
    ),
    "relabelled": (
        False,
        "the same companies, now listed under a kind that fits them better; they get no more "
        "than before",
    ),
    "new-service-provider": (
        False,
        "another service provider of a kind the policy already names; it works only for us",
    ),
    "fewer-data": (False, "less personal information is collected"),
    "purpose-dropped": (False, "personal information is used for fewer purposes"),
    "removed-recipient": (False, "fewer recipients get personal information"),
    "less-to-recipient": (False, "a recipient gets less personal information"),
    "sale-stopped": (False, "personal information is no longer sold or shared"),
    "more-choice": (False, "people have more choice than before"),
    "shorter-retention": (False, "personal information is kept for less time"),
    "country-dropped": (False, "personal information goes to fewer countries"),
    "contact": (False, "only how to reach the store changed"),
    "wording": (False, "only the wording changed, not what the store does with data"),
    "not-compared": (
        False,
        "policygen does not judge these answers; read those sections before deciding that "
        "no notice is needed",
    ),
}
MATERIAL_KINDS = frozenset(kind for kind, (material, _) in KINDS.items() if material)
# Changes that put data to a use people were not told of when it was collected.
NEW_USES = frozenset({"new-purpose", "new-recipient", "more-to-recipient", "new-sale", "new-share"})


class Change(NamedTuple):
    """One change, in the policy's words."""

    section: str
    """The anchor of the policy section that states it (its clause name)."""
    text: Md
    """One sentence, Markdown (the owner's text in it escaped)."""
    kind: str
    """A key of KINDS: what sort of change it is."""
    reason: str = ""
    """Why it is, or is not, material; KINDS' reason unless a change says more."""

    @property
    def material(self) -> bool:
        return self.kind in MATERIAL_KINDS

    @property
    def why(self) -> str:
        return self.reason or KINDS[self.kind][1]

    @property
    def plain(self) -> str:
        """The sentence as plain text (for the terminal, JSON and the answers file)."""
        return unescape_markdown(self.text)

    @property
    def title(self) -> str:
        return section_title(self.section)


class Duty(NamedTuple):
    """What a law asks of the store because of the changes."""

    law: str
    """A law id of ``laws.applicable``, or 'ftc' / 'all' for duties no law module holds."""
    name: str
    text: str
    cite: str


class Comparison(NamedTuple):
    """Two versions compared: the changes in the policy's order and what the law then asks."""

    old_date: dt.date
    new_date: dt.date
    changes: tuple[Change, ...]
    duties: tuple[Duty, ...]

    @property
    def material(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.material)

    @property
    def minor(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if not c.material)

    @property
    def new_purposes(self) -> bool:
        """Whether data already held is used for a purpose it was not used for before (data
        newly collected is told its purposes at collection)."""
        return any(c.kind == "new-purpose" for c in self.changes)

    def has(self, *kinds: str) -> bool:
        """Whether any change is of one of ``kinds``."""
        return any(c.kind in kinds for c in self.changes)


# The policy's sections, in its order, for grouping; a change names one of these.
SECTION_ORDER = (
    "information-we-collect",
    "how-we-use",
    "sharing",
    "marketing",
    "your-choices-and-rights",
    "retention",
    "international",
    "contact",
    "",
)


@functools.cache
def section_title(anchor: str) -> str:
    """The section's heading as the policy prints it (the clause's '## Title' line)."""
    if not anchor:
        return "Other parts of the policy"
    from generator.resources import templates_dir

    first = (templates_dir() / "clauses" / f"{anchor}.md.j2").read_text("utf-8").split("\n", 1)[0]
    return first.removeprefix("## ").strip()


# ---- wording helpers (the clauses' own labels) ---------------------------------------------


class _Words:
    """Labels as one store's policy prints them (grammar.label_for, join_and)."""

    def __init__(self, profile: StoreProfile) -> None:
        self.profile = profile

    def label(self, member: StrEnum) -> Md:
        from generator.grammar import label_for

        return label_for(self.profile, member)

    def labels(self, members: Iterable[StrEnum]) -> Md:
        return join_and(self.label(m) for m in members)

    def your(self, categories: Iterable[DataCategory]) -> Md:
        """'your email address, phone number and ...': one 'your' for the reader's own data;
        data about other people (gift recipients' names) keeps its own owner."""
        items = list(categories)
        own = [self.label(c) for c in items if c not in _OTHER_PEOPLES]
        others = [self.label(c) for c in items if c in _OTHER_PEOPLES]
        if own:
            own[0] = Md(f"your {own[0]}")
        return join_and(own + others)

    def asks(self, rights: Iterable[Right]) -> Md:
        """'delete your personal information or see ...': what the rights let people ask."""
        from generator.grammar import join_or, right_ask

        return join_or(right_ask(r) for r in rights)

    def recipient(self, kind: RecipientKind, names: Sequence[str]) -> Md:
        """'advertising networks (Meta and TikTok)'."""
        base = self.label(kind)
        return Md(f"{base} ({join_and(names)})") if names else base


# Data about someone other than the reader, or that is not "theirs" to be called "your".
_OTHER_PEOPLES = frozenset(
    {
        DataCategory.REFERRED_CONTACTS,
        DataCategory.GIFT_RECIPIENTS,
        DataCategory.CAMERA_FOOTAGE,
        DataCategory.CHILD_PROFILE,
    }
)


def _sentence(text: str) -> Md:
    """Our sentence (its parts already Markdown): capital first letter and a full stop."""
    from generator.grammar import sentence

    return sentence(Md(text))


# ---- comparing -----------------------------------------------------------------------------


class _Side(NamedTuple):
    profile: StoreProfile
    facts: Facts
    words: _Words


def _side(profile: StoreProfile, verdicts: dict[str, Applicability] | None = None) -> _Side:
    from generator import facts, laws

    verdicts = verdicts if verdicts is not None else laws.applicable(profile)
    return _Side(profile, facts.derive(profile, verdicts), _Words(profile))


def compare(old: StoreProfile, new: StoreProfile) -> Comparison:
    """Every change from ``old`` to ``new``, in the policy's section order, and what the laws
    that apply to ``new`` then ask. A profile compared with itself has no changes."""
    from generator import laws

    verdicts = laws.applicable(new)
    before, after = _side(old), _side(new, verdicts)
    found: list[Change] = []
    for compare_part in _PARTS:
        found.extend(compare_part(before, after))
    found.extend(_unjudged(old, new, bool(found)))
    ordered = sorted(found, key=lambda c: SECTION_ORDER.index(c.section))
    from generator.versions.duties import duties

    return Comparison(
        old.policy.updated,
        new.policy.updated,
        tuple(ordered),
        duties(ordered, new, verdicts),
    )


def _collection(old: _Side, new: _Side) -> Iterator[Change]:
    w = new.words
    before = {c.category: c for c in old.facts.categories}
    after = {c.category: c for c in new.facts.categories}
    for category, facts in after.items():
        if category not in before:
            purposes = facts.purposes
            to = f" to {w.labels(purposes)}" if purposes else ""
            yield Change(
                "information-we-collect",
                _sentence(f"We now collect {w.your([category])}{to}"),
                "new-category",
            )
            continue
        added = [s for s in facts.sources if s not in before[category].sources]
        if added:
            yield Change(
                "information-we-collect",
                _sentence(f"We now also get {w.your([category])} from {w.labels(added)}"),
                "new-source",
            )
    dropped = [c for c in before if c not in after]
    if dropped:
        yield Change(
            "information-we-collect",
            _sentence(f"We no longer collect {old.words.your(dropped)}"),
            "fewer-data",
        )
    new_kinds = [
        k
        for k in new.profile.collection.sensitive_kinds
        if k not in old.profile.collection.sensitive_kinds
    ]
    if new_kinds:
        yield Change(
            "information-we-collect",
            _sentence(f"We now collect {w.labels(new_kinds)}"),
            "new-category",
            "a new kind of sensitive personal information is collected",
        )


def _uses(profile: StoreProfile) -> dict[Purpose, list[DataCategory]]:
    uses: dict[Purpose, list[DataCategory]] = {}
    for use in profile.use.purposes:
        held = uses.setdefault(use.purpose, [])
        held.extend(c for c in use.categories if c not in held)
    return uses


def _purposes(old: _Side, new: _Side) -> Iterator[Change]:
    w = new.words
    before, after = _uses(old.profile), _uses(new.profile)
    held_before = set(old.profile.categories)
    for purpose, categories in after.items():
        # Data newly collected is announced with its purposes by _collection.
        old_data = [c for c in categories if c in held_before]
        added = [c for c in old_data if c not in before.get(purpose, [])]
        if not added:
            continue
        also = "also " if purpose in before else ""
        yield Change(
            "how-we-use",
            _sentence(f"We now {also}use {w.your(added)} to {w.label(purpose)}"),
            "new-purpose",
        )
    dropped = [p for p in before if p not in after]
    if dropped:
        yield Change(
            "how-we-use",
            _sentence(f"We no longer use your information to {old.words.labels(dropped)}"),
            "purpose-dropped",
        )


class _Kind(NamedTuple):
    """Every recipient entry of one kind, merged: the policy lists recipients by kind."""

    names: list[str]
    categories: list[DataCategory]
    sold: bool
    shared: bool
    asked_first: bool
    third_party: bool


def _by_kind(side: _Side) -> dict[RecipientKind, _Kind]:
    kinds: dict[RecipientKind, _Kind] = {}
    for rf in side.facts.recipients:
        r = rf.recipient
        held = kinds.get(r.kind, _Kind([], [], False, False, True, False))
        kinds[r.kind] = _Kind(
            held.names + [n for n in r.names if n not in held.names],
            held.categories + [c for c in r.categories if c not in held.categories],
            held.sold or rf.sold,
            held.shared or rf.shared,
            held.asked_first and r.with_consent_only,
            held.third_party or rf.third_party,
        )
    return kinds


def _moved(
    before: dict[RecipientKind, _Kind], after: dict[RecipientKind, _Kind]
) -> dict[str, tuple[RecipientKind, RecipientKind]]:
    """Named companies listed under another kind than before: name -> (old kind, new kind)."""
    was = {name: kind for kind, k in before.items() for name in k.names}
    return {
        name: (was[name], kind)
        for kind, k in after.items()
        for name in k.names
        if name in was and was[name] is not kind
        if kind not in before or name not in before[kind].names
        # Still listed under its old kind too: a new recipient, not a move.
        if was[name] not in after or name not in after[was[name]].names
    }


def _relabelled(
    old: _Side, new: _Side, moved: dict[str, tuple[RecipientKind, RecipientKind]]
) -> Iterator[Change]:
    before, after = _by_kind(old), _by_kind(new)
    pairs: dict[tuple[RecipientKind, RecipientKind], list[str]] = {}
    for name, pair in moved.items():
        pairs.setdefault(pair, []).append(name)
    for (was, now), names in pairs.items():
        more = [c for c in after[now].categories if c not in before[was].categories]
        newly_third = after[now].third_party and not before[was].third_party
        yield Change(
            "sharing",
            _sentence(
                f"We now list {join_and(names)} among {new.words.label(now)}, not "
                f"{old.words.label(was)}"
            ),
            "new-recipient" if more or newly_third else "relabelled",
            "the companies now get more kinds of information, or use it for themselves"
            if more or newly_third
            else "",
        )


def _sharing(old: _Side, new: _Side) -> Iterator[Change]:
    w = new.words
    before, after = _by_kind(old), _by_kind(new)
    moved = _moved(before, after)
    yield from _relabelled(old, new, moved)
    for kind, now in after.items():
        then = before.get(kind)
        if then is None and now.names and all(n in moved for n in now.names):
            continue  # said above, company by company
        if then is None:
            yield Change(
                "sharing",
                Md(
                    _sentence(
                        f"We now share {w.your(now.categories)} with {w.recipient(kind, now.names)}"
                    )
                    + _tail(kind, now, new.facts.tracked_on)
                ),
                _recipient_kind(now),
            )
            continue
        new_names = [n for n in now.names if n not in then.names and n not in moved]
        if new_names:
            # A newly named company of a kind whose data is sold or shared for ads is itself
            # a new sale or share. Another service provider of a kind the policy already names
            # changes no category of recipient the policy states (GDPR Art 13(1)(e) and the
            # CCPA name categories), and it may use the data only for the store.
            yield Change(
                "sharing",
                Md(
                    _sentence(
                        f"We now also share {w.your(now.categories)} with "
                        f"{w.recipient(kind, new_names)}"
                    )
                    + _tail(kind, now, new.facts.tracked_on)
                ),
                _recipient_kind(now) if now.third_party else "new-service-provider",
            )
        more = [c for c in now.categories if c not in then.categories]
        if more:
            yield Change(
                "sharing",
                _sentence(f"We now also share {w.your(more)} with {w.label(kind)}"),
                "more-to-recipient",
            )
        less = [c for c in then.categories if c not in now.categories]
        if less:
            yield Change(
                "sharing",
                _sentence(f"We no longer share {old.words.your(less)} with {w.label(kind)}"),
                "less-to-recipient",
            )
        gone_names = [n for n in then.names if n not in now.names and n not in moved]
        if gone_names:
            yield Change(
                "sharing",
                _sentence(f"We no longer share your information with {join_and(gone_names)}"),
                "removed-recipient",
            )
        if now.shared and not then.shared:
            yield Change(
                "sharing",
                _sentence(
                    f"{w.label(kind)} now use {w.your(now.categories)} to show you ads based on "
                    f"what you do elsewhere and on {md(new.facts.tracked_on)}"
                ),
                "new-share",
            )
        if now.sold and not then.sold:
            yield Change(
                "sharing",
                _sentence(
                    f"We now sell {w.your(now.categories)} to {w.label(kind)}: they give us "
                    "something of value for it"
                ),
                "new-sale",
            )
        if (then.sold or then.shared) and not (now.sold or now.shared):
            yield Change(
                "sharing",
                _sentence(
                    f"We no longer sell your information to, or share it for ads with, "
                    f"{w.label(kind)}"
                ),
                "sale-stopped",
            )
        if then.asked_first and not now.asked_first:
            yield Change(
                "sharing",
                _sentence(
                    f"We now share {w.your(now.categories)} with {w.label(kind)} without asking "
                    "you first"
                ),
                "less-choice",
                "people are no longer asked before this sharing",
            )
    gone = [
        k
        for k in before
        if k not in after and not (before[k].names and all(n in moved for n in before[k].names))
    ]
    if gone:
        yield Change(
            "sharing",
            _sentence(f"We no longer share your information with {old.words.labels(gone)}"),
            "removed-recipient",
        )


def _recipient_kind(now: _Kind) -> str:
    return "new-sale" if now.sold else "new-share" if now.shared else "new-recipient"


def _tail(kind: RecipientKind, now: _Kind, tracked_on: str) -> str:
    """What the policy says of such a recipient: ads across sites (based on what people do
    on ``tracked_on``, the facts' one place where others track), a sale, the person's say."""
    tail = ""
    if now.shared:
        tail += (
            f" They use it to show you ads based on what you do elsewhere and on {md(tracked_on)}."
        )
    if now.sold:
        tail += " This is a sale: they give us something of value for it."
    if kind is RecipientKind.PEOPLE_YOU_NAME:
        tail += " We send it only when you ask us to."
    elif now.asked_first:
        tail += " We share it only if you agree."
    return tail


def _marketing(old: _Side, new: _Side) -> Iterator[Change]:
    w = new.words
    then, now = old.facts.marketing, new.facts.marketing
    for channel in now.channels:
        if channel in now.unless_objected and channel not in then.unless_objected:
            instead = " instead of only when you agree" if channel in then.by_consent else ""
            yield Change(
                "marketing",
                _sentence(
                    f"We now send news and offers by {w.label(channel)} unless you tell us "
                    f"not to{instead}"
                ),
                "less-choice",
                "marketing is now sent unless people say no, where before they were asked "
                "or it was not sent at all",
            )
        elif channel in now.by_consent and channel not in then.channels:
            yield Change(
                "marketing",
                _sentence(f"We now send news and offers by {w.label(channel)} if you agree"),
                "more-choice",
                "a new way to receive marketing, only for people who agree to it",
            )
        elif channel in now.by_consent and channel in then.unless_objected:
            yield Change(
                "marketing",
                _sentence(f"We now send news and offers by {w.label(channel)} only if you agree"),
                "more-choice",
            )
    dropped = [c for c in then.channels if c not in now.channels]
    if dropped:
        yield Change(
            "marketing",
            _sentence(f"We no longer send news and offers by {old.words.labels(dropped)}"),
            "more-choice",
            "fewer marketing messages",
        )


def _rights(old: _Side, new: _Side) -> Iterator[Change]:
    w = new.words
    then, now = old.profile.rights, new.profile.rights
    gone = [r for r in then.rights if r not in now.rights]
    added = [r for r in now.rights if r not in then.rights]
    if gone:
        yield Change(
            "your-choices-and-rights",
            _sentence(f"You can no longer ask us to {w.asks(gone)}"),
            "less-choice",
            "a right people had is withdrawn",
        )
    if added:
        yield Change(
            "your-choices-and-rights",
            _sentence(f"You can now also ask us to {w.asks(added)}"),
            "more-choice",
        )
    kept = [r for r in now.rights if r in then.rights]
    if kept and then.offered_to_everyone and not now.offered_to_everyone:
        yield Change(
            "your-choices-and-rights",
            _sentence(
                f"You can now ask us to {w.asks(kept)} only where a law gives you the right, "
                "no longer wherever you live"
            ),
            "less-choice",
            "rights offered to everyone are now offered only where a law requires them",
        )
    elif kept and now.offered_to_everyone and not then.offered_to_everyone:
        yield Change(
            "your-choices-and-rights",
            _sentence(f"Wherever you live, you can now ask us to {w.asks(kept)}"),
            "more-choice",
        )


# ---- retention -----------------------------------------------------------------------------

_DAYS = {TimeUnit.DAYS: 1, TimeUnit.MONTHS: 30.4375, TimeUnit.YEARS: 365.25}
# Rules whose period is all there is to compare (a fixed period, or what the law requires).
_BY_PERIOD = frozenset({RetentionBasis.FIXED_PERIOD, RetentionBasis.LEGAL_REQUIREMENT})


def _length(rule: RetentionRule) -> float | None:
    """Days a rule keeps data for when that is comparable across rules: infinite for no set
    end, the period for a fixed or legal one; None for an event (account closed ...)."""
    if rule.basis is RetentionBasis.INDEFINITE:
        return math.inf
    if rule.basis in _BY_PERIOD and rule.period is not None:
        return rule.period.amount * _DAYS[rule.period.unit]
    return None


def _longer(old: RetentionRule, new: RetentionRule) -> bool | None:
    """True when ``new`` keeps data longer than ``old``, False when shorter, None when the
    two cannot be ordered (different events)."""
    a, b = _length(old), _length(new)
    if a is not None and b is not None and a != b:
        return b > a
    if old.basis is new.basis:
        # The same event (account closed, unsubscribed ...), then a period after it.
        pa = old.period.amount * _DAYS[old.period.unit] if old.period else 0
        pb = new.period.amount * _DAYS[new.period.unit] if new.period else 0
        return None if pa == pb else pb > pa
    if math.inf in (a, b):
        return b == math.inf
    return None


def _same(old: RetentionRule, new: RetentionRule) -> bool:
    return _rule_key(old) == _rule_key(new)


@functools.cache
def _period_macro() -> Any:
    """The clauses' own 'kept' macro (templates/clauses/retention-period.j2), so the notice
    words a period exactly as the policy does."""
    from generator.model import vocab
    from generator.templating import environment

    template = environment().get_template("clauses/retention-period.j2")
    module: Any = template.make_module({"V": vocab})
    return module.kept


def kept(rule: RetentionRule, them: str = "it") -> Md:
    """'for 10 years after your last order', as the policy words the rule."""
    return Md(str(_period_macro()(rule, them)).strip())


def _rules(side: _Side, category: DataCategory) -> dict[tuple[Purpose, ...], RetentionRule]:
    entry = side.facts.retention.of(category)
    if entry.rule is not None:
        return {(): entry.rule}
    return {tuple(r.purposes): r for r in entry.scoped}


def _rule_key(rule: RetentionRule | None) -> tuple[object, ...]:
    if rule is None:
        return ()
    period = (rule.period.amount, rule.period.unit) if rule.period else None
    return (rule.basis, period, rule.counted_from)


class _Kept(NamedTuple):
    """Categories whose retention changed the same way, to say in one sentence."""

    form: str
    scope: tuple[Purpose, ...]
    rule: RetentionRule
    previous: RetentionRule | None
    kind: str
    reason: str


def _retention(old: _Side, new: _Side) -> Iterator[Change]:
    w = new.words
    held_before = set(old.profile.categories)
    groups: dict[tuple[object, ...], tuple[_Kept, list[DataCategory]]] = {}

    def add(category: DataCategory, kept_as: _Kept) -> None:
        key = (
            kept_as.form,
            kept_as.scope,
            _rule_key(kept_as.rule),
            _rule_key(kept_as.previous),
            kept_as.kind,
        )
        groups.setdefault(key, (kept_as, []))[1].append(category)

    for category in new.profile.categories:
        if category not in held_before:
            continue
        then, now = _rules(old, category), _rules(new, category)
        for scope, rule in now.items():
            previous = then.get(scope) or (then.get(()) if scope else None)
            if previous is None:
                longer = rule.basis is RetentionBasis.INDEFINITE
                reason = "a set rule now replaces our general rule" + (
                    ", with no end date"
                    if longer
                    else "; check it keeps data no longer than before"
                )
                kind = "longer-retention" if longer else "shorter-retention"
                add(category, _Kept("set", scope, rule, None, kind, reason))
                continue
            if _same(previous, rule):
                continue
            order = _longer(previous, rule)
            if order is None:
                reason = "a different kind of retention rule, which may keep data longer"
                add(category, _Kept("changed", scope, rule, previous, "longer-retention", reason))
            else:
                kind = "longer-retention" if order else "shorter-retention"
                add(category, _Kept("changed", scope, rule, previous, kind, ""))
        for scope, rule in then.items():
            if scope not in now and () not in now:
                reason = "a set period is gone, and the general rule may keep data longer"
                add(category, _Kept("gone", scope, rule, None, "longer-retention", reason))
    for kept_as, categories in groups.values():
        what = w.your(categories)
        to = f" to {w.labels(kept_as.scope)}" if kept_as.scope else ""
        them = "them" if len(categories) > 1 or categories[0] in PLURAL_LABELS else "it"
        period = kept(kept_as.rule, them)
        if kept_as.form == "set":
            text = f"We now keep {what}{to} {period}"
        elif kept_as.form == "changed":
            assert kept_as.previous is not None
            text = f"We now keep {what}{to} {period} instead of {kept(kept_as.previous, them)}"
        else:
            text = (
                f"We no longer keep {what}{to} {period}: our general rule now decides how long "
                f"we keep {them}"
            )
        yield Change("retention", _sentence(text), kept_as.kind, kept_as.reason)
    if old.facts.retention.general != new.facts.retention.general:
        yield Change(
            "retention",
            _sentence("We reworded our general rule for how long we keep information"),
            "wording",
        )


def _places(old: _Side, new: _Side) -> Iterator[Change]:
    from generator.grammar import country, join_and

    then, now = old.facts.places.all, new.facts.places.all
    added = [c for c in now if c not in then]
    gone = [c for c in then if c not in now]
    if added:
        yield Change(
            "international",
            _sentence(
                f"Your information may now be stored in or sent to {join_and(map(country, added))}"
            ),
            "new-country",
        )
    if gone:
        yield Change(
            "international",
            _sentence(f"Your information no longer goes to {join_and(map(country, gone))}"),
            "country-dropped",
        )
    yield from _safeguards(old, new)
    if (
        new.profile.international.worldwide_processing
        and not old.profile.international.worldwide_processing
    ):
        yield Change(
            "international",
            _sentence("We may now move and use your information in any country where we need to"),
            "new-country",
            "data may now go to countries the policy does not name",
        )


def _safeguards(old: _Side, new: _Side) -> Iterator[Change]:
    """For each country the data went to before and still goes to, the safeguards named."""
    from generator.grammar import capfirst, country

    def named(side: _Side) -> dict[str, list[Any]]:
        found: dict[str, list[Any]] = {}
        for transfer in side.profile.international.transfers:
            held = found.setdefault(transfer.destination, [])
            if transfer.safeguard not in held:
                held.append(transfer.safeguard)
        return found

    then, now = named(old), named(new)
    for destination, safeguards in now.items():
        before = then.get(destination)
        if not before or set(before) == set(safeguards):
            continue
        # Dropping a safeguard, or newly sending under nothing but the recipient's own
        # terms, may leave the data less protected than the old policy said.
        weaker = [s for s in before if s not in safeguards] or (
            Safeguard.RECIPIENT_TERMS in safeguards and Safeguard.RECIPIENT_TERMS not in before
        )
        yield Change(
            "international",
            _sentence(
                f"{capfirst(country(destination))} now gets your information under "
                f"{new.words.labels(safeguards)}, where before it was "
                f"{old.words.labels(before)}"
            ),
            "weaker-safeguard" if weaker else "safeguard-changed",
        )


def _contact(old: _Side, new: _Side) -> Iterator[Change]:
    if old.profile.request_contact != new.profile.request_contact:
        yield Change(
            "contact",
            _sentence(
                "How to reach us about your information has changed: see the Contact us section"
            ),
            "contact",
        )


_PARTS: tuple[Callable[[_Side, _Side], Iterator[Change]], ...] = (
    _collection,
    _purposes,
    _sharing,
    _marketing,
    _rights,
    _retention,
    _places,
    _contact,
)

# Answers the parts above compare, as (section, key); anything else that changed is named.
_COMPARED = frozenset(
    {
        ("collection", "items"),
        ("collection", "sensitive_kinds"),
        ("use", "purposes"),
        ("sharing", "recipients"),
        # What _marketing compares; the rest of the marketing answers are named unjudged.
        ("marketing", "channels"),
        ("marketing", "consent"),
        ("marketing", "opt_out_channels"),
        ("rights", "rights"),
        ("rights", "offered_to_everyone"),
        ("rights", "contact"),
        ("retention", "*"),
        ("international", "transfers"),
        ("international", "worldwide_processing"),
        ("business", "data_stored_in"),
        ("business", "contact"),
        ("policy", "effective_date"),
        ("policy", "last_updated"),
        ("policy", "revisions"),
    }
)
# Dates and the history are what a new version always changes; they are no change of practice.
_DATES = frozenset(
    {("policy", "effective_date"), ("policy", "last_updated"), ("policy", "revisions")}
)


def _changed_keys(old: StoreProfile, new: StoreProfile) -> list[tuple[str, str]]:
    """(section, key) of every answer that differs, in the answers' order."""
    from generator.answers import answers_from_profile

    a, b = answers_from_profile(old), answers_from_profile(new)
    keys: list[tuple[str, str]] = []
    for section in dict.fromkeys([*a, *b]):
        x, y = a.get(section), b.get(section)
        if x == y:
            continue
        if not isinstance(x, dict) or not isinstance(y, dict):
            keys.append((section, "*"))
            continue
        keys.extend((section, k) for k in dict.fromkeys([*x, *y]) if x.get(k) != y.get(k))
    return keys


def _unjudged(old: StoreProfile, new: StoreProfile, found: bool) -> Iterator[Change]:
    """One change naming the sections whose answers no part compares (the reason lists the
    answers, for the owner); a wording change when only compared answers differ and no part
    found a change in what they say."""
    keys = [k for k in _changed_keys(old, new) if k not in _DATES]
    other = [k for k in keys if k not in _COMPARED and (k[0], "*") not in _COMPARED]
    if other:
        sections = list(dict.fromkeys(_ANSWER_SECTIONS.get(section, "") for section, _ in other))
        titles = [Md(f'"{section_title(a)}"') for a in sections if a]
        named = (
            f"the {'section' if len(titles) == 1 else 'sections'} {join_and(titles)}"
            if titles
            else "other parts of this policy"
        )
        answers = ", ".join(_answer_name(section, key) for section, key in other)
        yield Change(
            "",
            _sentence(f"We also updated {named}"),
            "not-compared",
            f"policygen does not judge these answers ({answers}); read those sections before "
            "deciding that no notice is needed",
        )
    elif keys and not found:
        yield Change(
            "",
            _sentence(
                "We reworded parts of this policy; what we do with your information is the same"
            ),
            "wording",
        )


# The policy section that states each part of the answers (clause names).
_ANSWER_SECTIONS = {
    "business": "about",
    "collection": "information-we-collect",
    "use": "how-we-use",
    "payments": "payments",
    "sharing": "sharing",
    "cookies": "cookies",
    "marketing": "marketing",
    "rights": "your-choices-and-rights",
    "retention": "retention",
    "security": "security",
    "children": "children",
    "international": "international",
    "policy": "changes",
}


def _answer_name(section: str, key: str) -> str:
    return section if key == "*" else f"{section}.{key}"
