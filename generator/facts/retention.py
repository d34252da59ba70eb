"""How long each collected category is kept: one resolved rule per category.

The model refuses a category named by two retention rules, so every category has at most
one rule here. A category without one falls back to the store's general criterion, which
CCPA §1798.100(a)(3) and GDPR Art 13(2)(a) accept only when it is concrete: "as long as we
need it" alone is no period and no criterion (WP260 rev.01 para 48; 11 CCR §7012(e)(6)).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from generator.model.vocab import DataCategory, RetentionBasis

if TYPE_CHECKING:
    from generator.model import StoreProfile
    from generator.model.commitments import RetentionRule

# A general criterion that only restates the purpose limitation, in the words owners use.
_VAGUE = re.compile(
    r"^\s*(we\s+)?(keep|retain|hold|store)\b.*\b(as long as|for as long as|only as long as)\b"
    r".*\b(need|necessary|required|needed)\b[^.]*\.?\s*$",
    re.IGNORECASE,
)


def is_vague(criterion: str) -> bool:
    """Whether a retention criterion is only 'as long as we need it' in other words."""
    return bool(_VAGUE.match(criterion))


class CategoryRetention(NamedTuple):
    """One category and the rule that keeps it (``None``: the general criterion)."""

    category: DataCategory
    rule: RetentionRule | None
    rule_index: int | None
    card_not_kept: bool
    """Payment card details the store never keeps: its processors hold them."""

    @property
    def specific(self) -> bool:
        """Whether a specific period or event-based rule (not 'indefinite') covers it."""
        return self.card_not_kept or (
            self.rule is not None and self.rule.basis is not RetentionBasis.INDEFINITE
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
        return tuple(
            e.category for e in self.per_category if e.rule is None and not e.card_not_kept
        )

    @property
    def unspecific(self) -> tuple[DataCategory, ...]:
        """Categories with no concrete period or criterion (for CCPA-08 and GDPR-07)."""
        vague = self.general_is_vague
        return tuple(
            e.category
            for e in self.per_category
            if not e.specific and (e.rule is not None or vague)
        )


def retention_facts(profile: StoreProfile) -> RetentionFacts:
    """Each collected category with its one rule, in the order the store lists its data."""
    rule_of: dict[DataCategory, tuple[int, RetentionRule]] = {}
    for position, each in enumerate(profile.retention.rules):
        for category in each.categories:
            rule_of.setdefault(category, (position, each))
    entries = []
    for category in profile.categories:
        found = rule_of.get(category)
        index = found[0] if found is not None else None
        rule = found[1] if found is not None else None
        card_not_kept = (
            category is DataCategory.PAYMENT_CARD
            and not profile.payments.stores_card_data
            and rule is None
        )
        entries.append(CategoryRetention(category, rule, index, card_not_kept))
    general = profile.retention.default_criteria
    return RetentionFacts(tuple(entries), general, is_vague(general))
