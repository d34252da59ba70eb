"""The laws a store's policy may have to meet, one module per law.

``applicable(profile)`` says, for every law id, whether the law applies and why.
A build judges laws as of the policy's date (its last-updated date, else its
effective date; see ``base.as_of``), so the same answers always give the same
policy; ``policygen check`` judges them as of the check date (``on``) and says
what changed between the two (``changes_between``).
"""

from __future__ import annotations

import datetime as dt
from contextlib import nullcontext

from generator.laws import (
    australia,
    caloppa,
    can_spam,
    ccpa,
    chatbots,
    colorado_biometric,
    coppa,
    delaware,
    gdpr,
    lgpd,
    messaging,
    nevada,
    new_zealand,
    pipeda,
    provincial,
    quebec,
    rhode_island,
    shine_the_light,
    swiss_fadp,
    uk_gdpr,
    us_states,
    washington_health,
)
from generator.laws.base import Applicability, Law, Requirement, as_of, judged_on, long_date
from generator.model import StoreProfile

LAWS: dict[str, Law] = {
    law.id: law
    for law in (
        caloppa.LAW,
        ccpa.LAW,
        shine_the_light.LAW,
        us_states.LAW,
        rhode_island.LAW,
        colorado_biometric.LAW,
        nevada.LAW,
        delaware.LAW,
        washington_health.LAW,
        gdpr.LAW,
        uk_gdpr.LAW,
        chatbots.EU_LAW,
        chatbots.CA_LAW,
        coppa.LAW,
        can_spam.LAW,
        messaging.TCPA_LAW,
        messaging.CASL_LAW,
        pipeda.LAW,
        quebec.LAW,
        provincial.BC_LAW,
        provincial.AB_LAW,
        lgpd.LAW,
        australia.LAW,
        messaging.SPAM_ACT_LAW,
        new_zealand.LAW,
        swiss_fadp.LAW,
    )
}

_REQUIREMENTS: dict[str, Requirement] = {r.id: r for law in LAWS.values() for r in law.requirements}


def applicable(profile: StoreProfile, on: dt.date | None = None) -> dict[str, Applicability]:
    """Every law id -> whether it applies to this store, and why, judged as of ``on``.

    ``on`` defaults to the policy's own date (``as_of``), which is what a build uses.
    """
    with judged_on(on) if on is not None else nullcontext():
        return {law_id: law.judge(profile) for law_id, law in LAWS.items()}


def needed(profile: StoreProfile, on: dt.date | None = None) -> dict[str, list[Requirement]]:
    """Law id -> the requirements this store must meet, as of ``on``, for each law that applies."""
    verdicts = applicable(profile, on)
    return {
        law_id: [r for r in law.requirements if r.needed_for(profile, on)]
        for law_id, law in LAWS.items()
        if verdicts[law_id].applies
    }


def changes_between(profile: StoreProfile, then: dt.date, now: dt.date) -> list[str]:
    """What the law asks of this store on ``now`` that it did not ask on ``then``.

    Requirement by requirement: a law that newly applies, a state newly in scope, a
    requirement newly needed inside a law that already applied (its ``since`` date, or
    a fact it depends on), and an amended threshold. Empty when ``now`` is not later.
    """
    if now <= then:
        return []
    before, after = applicable(profile, then), applicable(profile, now)
    needed_then, needed_now = needed(profile, then), needed(profile, now)
    changes: list[str] = []
    for law_id, law in LAWS.items():
        old, new = before[law_id], after[law_id]
        if new.applies and not old.applies:
            changes.append(f"newly applies: {law.name} ({new.reason})")
            continue
        if old.applies and not new.applies:
            changes.append(f"no longer applies: {law.name} ({new.reason})")
            continue
        if not new.applies:
            continue
        added_scope = [s for s in new.scope if s not in old.scope]
        if added_scope:
            changes.append(f"{law.name}: newly in scope: {', '.join(added_scope)}")
        old_ids = {r.id for r in needed_then[law_id]}
        for r in needed_now[law_id]:
            if r.id not in old_ids:
                start = f", from {long_date(r.since)}" if r.since and r.since > then else ""
                changes.append(f"{r.id} ({r.cite}{start}): {r.text}")
        changes.extend(law.amendments(profile, then, now))
    return changes


def requirement(id_: str) -> Requirement:
    """A requirement by its id, e.g. 'CCPA-01'; KeyError names the unknown id."""
    try:
        return _REQUIREMENTS[id_]
    except KeyError:
        raise KeyError(f"unknown requirement id {id_!r}") from None


def requirement_ids() -> list[str]:
    return list(_REQUIREMENTS)


def _from(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def catalogue() -> list[dict[str, object]]:
    """Every law and requirement the program knows: id, name, citation, type and start date."""
    return [
        {
            "id": law.id,
            "name": law.name,
            "in_force": _from(law.in_force),
            "requirements": [
                {
                    "id": r.id,
                    "cite": r.cite,
                    "kind": r.kind,
                    "since": _from(r.since or law.in_force),
                    "text": r.text,
                    "fix": r.fix,
                }
                for r in law.requirements
            ],
        }
        for law in LAWS.values()
    ]


__all__ = [
    "LAWS",
    "Applicability",
    "Law",
    "Requirement",
    "applicable",
    "as_of",
    "catalogue",
    "changes_between",
    "judged_on",
    "needed",
    "requirement",
    "requirement_ids",
]
