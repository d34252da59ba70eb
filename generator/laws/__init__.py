"""The laws a store's policy may have to meet, one module per law.

``applicable(profile)`` says, for every law id, whether the law applies and why.
Laws are judged as of the policy's date (its last-updated date, else its
effective date; see ``base.as_of``), so the same answers always give the same
policy; ``policygen check`` also says what today's law would add.
"""

from __future__ import annotations

from generator.laws import (
    australia,
    caloppa,
    can_spam,
    ccpa,
    coppa,
    gdpr,
    lgpd,
    pipeda,
    shine_the_light,
    uk_gdpr,
    us_states,
)
from generator.laws.base import Applicability, Law, Requirement, as_of
from generator.model import StoreProfile

LAWS: dict[str, Law] = {
    module.LAW.id: module.LAW
    for module in (
        caloppa,
        ccpa,
        shine_the_light,
        us_states,
        gdpr,
        uk_gdpr,
        coppa,
        can_spam,
        pipeda,
        lgpd,
        australia,
    )
}

_REQUIREMENTS: dict[str, Requirement] = {r.id: r for law in LAWS.values() for r in law.requirements}


def applicable(profile: StoreProfile) -> dict[str, Applicability]:
    """Every law id -> whether it applies to this store, and why."""
    return {law_id: law.judge(profile) for law_id, law in LAWS.items()}


def requirement(id_: str) -> Requirement:
    """A requirement by its id, e.g. 'CCPA-01'; KeyError names the unknown id."""
    try:
        return _REQUIREMENTS[id_]
    except KeyError:
        raise KeyError(f"unknown requirement id {id_!r}") from None


def requirement_ids() -> list[str]:
    return list(_REQUIREMENTS)


__all__ = [
    "LAWS",
    "Applicability",
    "Law",
    "Requirement",
    "applicable",
    "as_of",
    "requirement",
    "requirement_ids",
]
