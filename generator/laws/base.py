"""The shapes every law module shares: whether a law applies, and what it requires.

Laws are judged as of the date the policy speaks from (``as_of``): the policy's
last-updated date, or its effective date when it was never updated. A policy
describes the law in force when it takes effect, and the same answers always
give the same policy, whatever day it is built. ``policygen check`` compares
that with today and says which laws a new version would have to meet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

from generator.model import StoreProfile

Condition = Callable[[StoreProfile], bool]


def as_of(profile: StoreProfile) -> dt.date:
    """The date laws are judged at for this policy."""
    return profile.policy.updated


def always(_profile: StoreProfile) -> bool:
    return True


class Applicability(NamedTuple):
    """Whether a law applies to a store, and why (or why not), in one plain sentence.

    ``scope`` names the parts the law applies to where that matters, for example
    the US states whose laws reach the store. ``facts`` carries what a law's clause
    needs and the law module knows best (CCPA's category table), so templates
    word it without re-deriving legal rules.
    """

    applies: bool
    reason: str
    scope: tuple[str, ...] = ()
    facts: Mapping[str, Any] = MappingProxyType({})

    def __bool__(self) -> bool:
        return self.applies


class Requirement(NamedTuple):
    """One thing a policy must say under a law.

    ``needed`` says whether this store must say it, given that the law applies;
    ``fix`` names the answers that let the policy say it.
    ``kind`` follows requirements.md: S (the store supplies an answer),
    F (fixed text serves), C (conditional), or combinations such as S/C.
    """

    id: str
    law: str
    text: str
    cite: str
    kind: str
    fix: str
    needed: Condition = always
    since: dt.date | None = None

    def needed_for(self, profile: StoreProfile) -> bool:
        if self.since is not None and as_of(profile) < self.since:
            return False
        return self.needed(profile)


class Law(NamedTuple):
    """A law module's public face."""

    id: str
    name: str
    applies: Callable[[StoreProfile], Applicability]
    requirements: tuple[Requirement, ...] = ()
    in_force: dt.date | None = None

    def judge(self, profile: StoreProfile) -> Applicability:
        """``applies`` with the law's commencement date taken into account."""
        verdict = self.applies(profile)
        if verdict.applies and self.in_force is not None and as_of(profile) < self.in_force:
            return Applicability(
                False,
                f"{self.name} took effect on {_long(self.in_force)}, after this policy's date "
                f"({_long(as_of(profile))}); otherwise: {verdict.reason}",
            )
        return verdict


def _long(day: dt.date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def long_date(day: dt.date) -> str:
    """'March 2, 2010', for reasons shown to users."""
    return _long(day)


def sells_to(profile: StoreProfile, *countries: str) -> bool:
    return bool(set(countries) & set(profile.business.sells_to_countries))


def established_in(profile: StoreProfile, *countries: str) -> bool:
    return bool(set(countries) & set(profile.business.established_in))


def territorial(
    profile: StoreProfile,
    countries: tuple[str, ...] | frozenset[str],
    *,
    established: str,
    sells: str,
    neither: str,
) -> Applicability:
    """The usual territorial scope: an establishment there, or selling to people there.

    Each law words the reasons itself; only the rule is shared.
    """
    if established_in(profile, *countries):
        return Applicability(True, established)
    if sells_to(profile, *countries):
        return Applicability(True, sells)
    return Applicability(False, neither)


def reaches_us_state(profile: StoreProfile, state: str) -> bool:
    """Whether the store sells to people in a US state (all states unless limited)."""
    if not sells_to(profile, "US") and not established_in(profile, "US"):
        return False
    states = profile.business.sells_to_us_states
    return states is None or state in states


def consumers_in_state(profile: StoreProfile, state: str) -> int:
    """Consumers a year in one state, from the store's breakdown where it names the state.

    For a state it does not name, every consumer not counted elsewhere might live there,
    so the unassigned rest of ``consumers_per_year`` is used: the stricter reading that
    the answers still allow.
    """
    by_state = profile.business.consumers_by_state
    if state in by_state:
        return by_state[state]
    return max(0, profile.business.consumers_per_year - sum(by_state.values()))


def money(amount: int) -> str:
    return f"USD {amount:,}"


def req(
    law: str,
    id_: str,
    cite: str,
    text: str,
    fix: str,
    *,
    kind: str = "S",
    needed: Condition = always,
    since: dt.date | None = None,
) -> Requirement:
    """A Requirement, written compactly in the law modules' tables."""
    return Requirement(
        id=id_, law=law, text=text, cite=cite, kind=kind, fix=fix, needed=needed, since=since
    )
