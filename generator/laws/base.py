"""The shapes every law module shares: whether a law applies, and what it requires.

Laws are judged on one day (``as_of``). A build judges them as of the date the
policy speaks from, its last-updated date (or its effective date when it was never
updated), so the same answers always give the same policy, whatever day it is
built. ``policygen check`` judges the same policy as of the check date (today, or
``--as-of``) inside ``judged_on(day)``: the law a published policy must meet is
the law in force now, not the law of the day it was written.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from contextvars import ContextVar
from types import MappingProxyType
from typing import Any, NamedTuple

from generator.dates import long_date as long_date
from generator.model import StoreProfile
from generator.model.vocab import CookieKind

Condition = Callable[[StoreProfile], bool]

# The check date while ``judged_on`` is active. A context variable rather than a
# parameter: every threshold, ``since`` date and ``needed`` condition reads the day
# through ``as_of``, so one switch moves them all and none can be missed.
_JUDGED_ON: ContextVar[dt.date | None] = ContextVar("policygen_judged_on", default=None)


def as_of(profile: StoreProfile) -> dt.date:
    """The day laws are judged on: the check date inside ``judged_on``, else the policy's date."""
    return _JUDGED_ON.get() or profile.policy.in_force_from


@contextlib.contextmanager
def judged_on(day: dt.date | None) -> Iterator[None]:
    """Judge every law as of ``day`` inside the block (None: the policy's own date)."""
    token = _JUDGED_ON.set(day)
    try:
        yield
    finally:
        _JUDGED_ON.reset(token)


def never(_profile: StoreProfile) -> bool:
    return False


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
    ``kind`` follows requirements-2026.md: S (the store supplies an answer),
    F (fixed text serves), C (conditional), or combinations such as S/C.
    ``since`` is the day the duty starts when that is later than the law itself.
    """

    id: str
    law: str
    text: str
    cite: str
    kind: str
    fix: str
    needed: Condition = always
    since: dt.date | None = None

    def needed_for(self, profile: StoreProfile, on: dt.date | None = None) -> bool:
        """Whether this store must say it, judged as of ``on`` (default: as_of)."""
        with judged_on(on) if on is not None else contextlib.nullcontext():
            if self.since is not None and as_of(profile) < self.since:
                return False
            return self.needed(profile)


Amendments = Callable[[StoreProfile, dt.date, dt.date], list[str]]


def no_amendments(_profile: StoreProfile, _then: dt.date, _now: dt.date) -> list[str]:
    return []


class Law(NamedTuple):
    """A law module's public face.

    ``amendments(profile, then, now)`` describes changes to the law's tests that took
    effect after ``then`` and by ``now`` and touch this store (an amended threshold),
    for the check's "what changed since the policy's date" note.
    """

    id: str
    name: str
    applies: Callable[[StoreProfile], Applicability]
    requirements: tuple[Requirement, ...] = ()
    in_force: dt.date | None = None
    amendments: Amendments = no_amendments
    breach_authority: str | None = None
    """The regulator this law has breaches that put people at risk reported to, in words."""

    def judge(self, profile: StoreProfile) -> Applicability:
        """``applies`` with the law's commencement date taken into account."""
        verdict = self.applies(profile)
        day = as_of(profile)
        if verdict.applies and self.in_force is not None and day < self.in_force:
            judged = "this policy's date" if _JUDGED_ON.get() is None else "the check date"
            return Applicability(
                False,
                f"{self.name} took effect on {long_date(self.in_force)}, after {judged} "
                f"({long_date(day)}); otherwise: {verdict.reason}",
            )
        return verdict


def sells_to(profile: StoreProfile, *countries: str) -> bool:
    return bool(set(countries) & set(profile.business.sells_to_countries))


def established_in(profile: StoreProfile, *countries: str) -> bool:
    return bool(set(countries) & set(profile.business.established_in))


def reaches(profile: StoreProfile, *countries: str) -> bool:
    """The store sells to, or is established in, one of the countries."""
    return sells_to(profile, *countries) or established_in(profile, *countries)


_PROFILING_COOKIES = frozenset({CookieKind.ANALYTICS, CookieKind.ADVERTISING})


def profiles_visitors(profile: StoreProfile) -> bool:
    """Tracking that monitors behaviour: analytics or advertising cookies, tools or ad sharing."""
    cookies = profile.cookies
    tracked = cookies.uses_cookies and (
        bool(_PROFILING_COOKIES & set(cookies.kinds))
        or any(tool.kind in _PROFILING_COOKIES and tool.sets_cookies for tool in cookies.tools)
    )
    return tracked or profile.targets_ads


def monitors(profile: StoreProfile, *countries: str) -> bool:
    """GDPR Art 3(2)(b) and Recital 24: tracking and profiling people who visit from there."""
    visitors = set(profile.business.visitors_tracked_in) | set(profile.business.sells_to_countries)
    return bool(set(countries) & visitors) and profiles_visitors(profile)


def territorial(
    profile: StoreProfile,
    countries: tuple[str, ...] | frozenset[str],
    *,
    established: str,
    sells: str,
    neither: str,
    monitoring: str | None = None,
) -> Applicability:
    """The usual territorial scope: an establishment there, or selling to people there
    (or, where the law says so, monitoring their behaviour there).

    Each law words the reasons itself; only the rule is shared.
    """
    if established_in(profile, *countries):
        return Applicability(True, established)
    if sells_to(profile, *countries):
        return Applicability(True, sells)
    if monitoring is not None and monitors(profile, *countries):
        return Applicability(True, monitoring)
    return Applicability(False, neither)


def reaches_us_state(profile: StoreProfile, state: str) -> bool:
    """Whether the store sells to people in a US state (all states unless limited)."""
    if not reaches(profile, "US"):
        return False
    states = profile.business.sells_to_us_states
    return states is None or state in states


def consumers_in_state(profile: StoreProfile, state: str) -> int:
    """Consumers a year in one state, from the store's breakdown where it names the state.

    For a state it does not name, every consumer not counted elsewhere might live there,
    so the unassigned rest of the US count (``us_consumers_per_year``, else
    ``consumers_per_year``) is used: the stricter reading that the answers still allow,
    capped by ``most_in_other_states`` where the owner says how many any other state holds.
    """
    business = profile.business
    by_state = business.consumers_by_state
    if state in by_state:
        return by_state[state]
    in_us = business.us_consumers_per_year
    total = business.consumers_per_year if in_us is None else in_us
    rest = max(0, total - sum(by_state.values()))
    cap = business.most_in_other_states
    return rest if cap is None else min(rest, cap)


def money(amount: int) -> str:
    """A US-dollar amount as reasons print it: 'USD 26,625,000'."""
    from generator.money import format_money

    return format_money(amount, "USD")


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
