"""How long each collected category is kept, resolved per category and per use.

A category has either one rule for every use, or rules scoped to the purposes they keep
it for (the mailing-list email until unsubscribe, the same email in order records for 6
years); the model refuses two rules that would give one use two periods. Whatever no rule
covers falls back to the store's general criterion, which CCPA §1798.100(a)(3) and GDPR
Art 13(2)(a) accept only when it is concrete: "as long as we need it" alone is no period
and no criterion (WP260 rev.01 para 48; 11 CCR §7012(e)(6)).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from generator.model.vocab import DataCategory, Purpose, RetentionBasis

if TYPE_CHECKING:
    from generator.model import StoreProfile
    from generator.model.commitments import RetentionRule

# A general criterion that only restates the purpose limitation, in the words owners use.
_VAGUE = re.compile(
    r"^\s*((we\s+)?(keep|retain|hold|store)\b.*)?\b(as long as|for as long as|only as long as)"
    r"\b.*\b(need|necessary|required|needed)\b[^.]*\.?\s*$",
    re.IGNORECASE,
)


def is_vague(criterion: str) -> bool:
    """Whether a retention criterion is only 'as long as we need it' in other words."""
    return bool(_VAGUE.match(criterion))


class CategoryRetention(NamedTuple):
    """One category and the rules that keep it."""

    category: DataCategory
    rule: RetentionRule | None
    """The rule for every use of the category, if one is."""
    rule_index: int | None
    card_not_kept: bool
    """Payment card details the store never keeps: its processors hold them."""
    scoped: tuple[RetentionRule, ...] = ()
    """Rules that keep the category for some of its uses only (when ``rule`` is None)."""
    uncovered: tuple[Purpose, ...] = ()
    """Uses of the category that no scoped rule covers: the general criterion keeps it."""

    @property
    def by_general_rule(self) -> bool:
        """Whether the store's general criterion governs the category, or some use of it."""
        if self.card_not_kept or self.rule is not None:
            return False
        return not self.scoped or bool(self.uncovered)

    @property
    def specific(self) -> bool:
        """Whether a specific period or event-based rule (not 'indefinite') covers every use."""
        if self.card_not_kept:
            return True
        rules = (self.rule,) if self.rule is not None else self.scoped
        return (
            bool(rules)
            and not self.by_general_rule
            and all(r.basis is not RetentionBasis.INDEFINITE for r in rules)
        )


class RetentionFacts(NamedTuple):
    per_category: tuple[CategoryRetention, ...]
    general: str
    general_is_vague: bool

    def of(self, category: DataCategory) -> CategoryRetention:
        for entry in self.per_category:
            if entry.category is category:
                return entry
        raise KeyError(category)

    @property
    def unruled(self) -> tuple[DataCategory, ...]:
        """Collected categories that only the general criterion covers."""
        return tuple(e.category for e in self.per_category if e.by_general_rule)

    @property
    def unspecific(self) -> tuple[DataCategory, ...]:
        """Categories with no concrete period or criterion (for CCPA-08 and GDPR-07)."""
        vague = self.general_is_vague
        return tuple(
            e.category
            for e in self.per_category
            if not e.specific and (not e.by_general_rule or vague)
        )


def retention_facts(profile: StoreProfile) -> RetentionFacts:
    """Each collected category with its rules, in the order the store lists its data."""
    rule_of: dict[DataCategory, tuple[int, RetentionRule]] = {}
    scoped_of: dict[DataCategory, list[RetentionRule]] = {}
    for position, each in enumerate(profile.retention.rules):
        for category in each.categories:
            if each.purposes:
                scoped_of.setdefault(category, []).append(each)
            else:
                rule_of.setdefault(category, (position, each))
    entries = []
    for category in profile.categories:
        found = rule_of.get(category)
        index = found[0] if found is not None else None
        rule = found[1] if found is not None else None
        scoped = tuple(scoped_of.get(category, ())) if rule is None else ()
        kept_for = {p for r in scoped for p in r.purposes}
        uses = dict.fromkeys(u.purpose for u in profile.use.purposes if category in u.categories)
        uncovered = tuple(p for p in uses if p not in kept_for) if scoped else ()
        card_not_kept = (
            category is DataCategory.PAYMENT_CARD
            and not profile.payments.stores_card_data
            and rule is None
            and not scoped
        )
        entries.append(CategoryRetention(category, rule, index, card_not_kept, scoped, uncovered))
    general = profile.retention.default_criteria
    return RetentionFacts(tuple(entries), general, is_vague(general))
