"""The rights a store offers and how each is used: which requests are verified, and how.

Only requests to know (access, portability), correct and delete are identity-checked.
Requests to opt out of sale, sharing or targeted ads, to limit sensitive data, to object or
to withdraw consent need no verification (Cal. Civ. Code §1798.135(c)(1); 11 CCR
§7026(d), §7027(e); GDPR Art 7(3), 21(2) ask for nothing more than the request), so the
policy never says that every request is verified.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from generator.model.vocab import Right

if TYPE_CHECKING:
    from generator.model import StoreProfile

VERIFIED = frozenset({Right.ACCESS, Right.PORTABILITY, Right.CORRECT, Right.DELETE})
UNVERIFIED = frozenset(
    {
        Right.OPT_OUT_SALE_SHARING,
        Right.OPT_OUT_TARGETED_ADS,
        Right.OPT_OUT_PROFILING,
        Right.LIMIT_SENSITIVE,
        Right.OBJECT,
        Right.WITHDRAW_CONSENT,
    }
)


class RightsFacts(NamedTuple):
    offered: tuple[Right, ...]
    """Rights offered to everyone, wherever they live (empty: only where law gives them)."""
    verified: tuple[Right, ...]
    """Rights offered to everyone whose requests are identity-checked."""
    unverified: tuple[Right, ...]
    """Rights offered to everyone that need no identity check."""
    opt_out_sale: bool
    """People can opt out of sale and sharing (everywhere, or where a law gives the right)."""
    opt_out_ads: bool
    """People can opt out of ads based on their activity on other sites."""


def rights_facts(profile: StoreProfile) -> RightsFacts:
    r = profile.rights
    offered = tuple(r.rights) if r.offered_to_everyone else ()
    return RightsFacts(
        offered=offered,
        verified=tuple(x for x in offered if x in VERIFIED),
        unverified=tuple(x for x in offered if x in UNVERIFIED),
        opt_out_sale=Right.OPT_OUT_SALE_SHARING in r.rights,
        opt_out_ads=bool({Right.OPT_OUT_SALE_SHARING, Right.OPT_OUT_TARGETED_ADS} & set(r.rights)),
    )
