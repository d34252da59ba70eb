"""The legal basis of each use of personal data, under each law that asks for one.

The GDPR (Art 6(1), told under Art 13(1)(c)) and the UK GDPR ask for a basis per purpose.
The two can differ for the same use: since the Data (Use and Access) Act 2025 (s.112,
amending PECR reg 6) the UK lets analytics cookies run without consent where people can
object, so UK analytics may rest on legitimate interests while the EEA needs consent
(ePrivacy Directive Art 5(3)). One purpose can also serve two uses on different footings,
such as a newsletter by consent and offers to existing customers by legitimate interests
(ePrivacy Art 13(2)); the model lets such a purpose repeat, told apart by its details.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from generator.model.vocab import DataCategory, LegalBasis, Purpose

if TYPE_CHECKING:
    from generator.model import StoreProfile
    from generator.model.practices import PurposeUse


class BasisFacts(NamedTuple):
    """One use of personal data and its basis in the EEA and in the UK."""

    use: PurposeUse
    eu: LegalBasis | None
    uk: LegalBasis | None
    named_apart: bool
    """The purpose serves more than one use here, so the policy names this one by its details."""
    special: bool = False
    """The use takes special-category data (GDPR Art 9(1)), so consent for it must be
    explicit (Art 9(2)(a)); the policy says 'explicit consent'."""

    @property
    def explicit_consent(self) -> bool:
        """Whether the use rests on consent that must be explicit (Art 9(2)(a))."""
        return self.special and LegalBasis.CONSENT in (self.eu, self.uk)

    @property
    def differs(self) -> bool:
        """Whether the UK basis differs from the EEA one."""
        return self.uk is not self.eu

    def rests_on(self, basis: LegalBasis, eu: bool, uk: bool) -> bool:
        """Whether the use rests on ``basis`` under a law that applies."""
        return (eu and self.eu is basis) or (uk and self.uk is basis)

    def only_in_uk(self, basis: LegalBasis, eu: bool) -> bool:
        """Whether the use rests on ``basis`` in the UK but not in the EEA, where both apply."""
        return eu and self.uk is basis and self.eu is not basis


def basis_facts(profile: StoreProfile, special_kinds: bool = False) -> tuple[BasisFacts, ...]:
    """Each use, in the answers' order, with its EEA and UK bases; ``special_kinds``: the
    store's sensitive category holds GDPR Art 9 special categories."""
    uses = profile.use.purposes
    counts: dict[Purpose, int] = {}
    for use in uses:
        counts[use.purpose] = counts.get(use.purpose, 0) + 1
    return tuple(
        BasisFacts(
            use,
            use.legal_basis,
            use.uk_legal_basis or use.legal_basis,
            counts[use.purpose] > 1,
            special_kinds and DataCategory.SENSITIVE in use.categories,
        )
        for use in uses
    )
