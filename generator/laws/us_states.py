"""Comprehensive US state privacy laws, with their thresholds as data.

Each row is one state's test from a date on; a later row for the same state
replaces the earlier one from its own date (Connecticut's SB 1295, Montana's
SB 297). Rows marked † rest on secondary sources: verify before relying on them.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from generator.laws.base import (
    Applicability,
    Law,
    as_of,
    consumers_in_state,
    reaches_us_state,
    req,
)
from generator.model import StoreProfile
from generator.model.vocab import DataCategory, SensitiveKind

ID = "us_states"
NAME = "US state privacy laws"


class StateTest(NamedTuple):
    """One state's applicability test, in force from ``since``.

    A store is covered when it reaches the state and: it has ``consumers`` or more
    consumers there, or ``reduced_consumers`` or more while getting at least
    ``sale_share`` percent of revenue from selling data (0 means any sale at all).
    ``min_revenue`` must also be met where the state sets one (UT, TN);
    ``not_small_business`` replaces counting (TX, NE); ``any_sensitive`` and
    ``any_sale`` cover a store regardless of size (CT from July 1, 2026).
    """

    state: str
    name: str
    cite: str
    since: dt.date
    consumers: int | None = None
    reduced_consumers: int | None = None
    sale_share: int | None = None
    min_revenue: int = 0
    not_small_business: bool = False
    any_sensitive: bool = False
    any_sale: bool = False
    appeals: bool = True
    universal_opt_out: bool = True
    correction: bool = True


_D = dt.date
STATE_TESTS: tuple[StateTest, ...] = (
    StateTest(
        "VA",
        "Virginia",
        "Va. Code §59.1-576",
        _D(2023, 1, 1),
        100_000,
        25_000,
        51,
        universal_opt_out=False,
    ),
    StateTest("CO", "Colorado", "C.R.S. §6-1-1304", _D(2023, 7, 1), 100_000, 25_000, 0),
    StateTest("CT", "Connecticut", "Conn. Gen. Stat. §42-516", _D(2023, 7, 1), 100_000, 25_000, 26),
    # SB 1295 (2025): 35,000 consumers, or any sensitive data, or any sale.
    StateTest(
        "CT",
        "Connecticut",
        "Conn. Gen. Stat. §42-516 (as amended by SB 1295)",
        _D(2026, 7, 1),
        35_000,
        any_sensitive=True,
        any_sale=True,
    ),
    StateTest(
        "UT",
        "Utah",
        "Utah Code §13-61-102",
        _D(2023, 12, 31),
        100_000,
        25_000,
        51,
        min_revenue=25_000_000,
        appeals=False,
        universal_opt_out=False,
        correction=False,
    ),
    StateTest(
        "TX", "Texas", "Tex. Bus. & Com. Code §541.002", _D(2024, 7, 1), not_small_business=True
    ),
    StateTest("OR", "Oregon", "ORS §646A.572", _D(2024, 7, 1), 100_000, 25_000, 25),
    StateTest("MT", "Montana", "Mont. Code §30-14-2803", _D(2024, 10, 1), 50_000, 25_000, 26),
    StateTest(
        "MT",
        "Montana",
        "Mont. Code §30-14-2803 (as amended by SB 297)†",
        _D(2025, 10, 1),
        25_000,
        15_000,
        26,
    ),
    StateTest(
        "IA",
        "Iowa",
        "Iowa Code §715D.2",
        _D(2025, 1, 1),
        100_000,
        25_000,
        51,
        universal_opt_out=False,
        correction=False,
    ),
    StateTest("DE", "Delaware", "6 Del. C. §12D-103", _D(2025, 1, 1), 35_000, 10_000, 21),
    StateTest("NH", "New Hampshire", "RSA 507-H:2", _D(2025, 1, 1), 35_000, 10_000, 26),
    StateTest(
        "NE", "Nebraska", "Neb. Rev. Stat. §87-1103", _D(2025, 1, 1), not_small_business=True
    ),
    StateTest("NJ", "New Jersey", "N.J.S.A. 56:8-166.5", _D(2025, 1, 15), 100_000, 25_000, 0),
    StateTest(
        "TN",
        "Tennessee",
        "Tenn. Code §47-18-3302",
        _D(2025, 7, 1),
        175_000,
        25_000,
        51,
        min_revenue=25_000_000,
        universal_opt_out=False,
    ),
    StateTest("MN", "Minnesota", "Minn. Stat. §325M.12", _D(2025, 7, 31), 100_000, 25_000, 26),
    StateTest("MD", "Maryland", "Md. Com. Law §14-4703", _D(2025, 10, 1), 35_000, 10_000, 21),
    StateTest(
        "IN",
        "Indiana",
        "Ind. Code §24-15-1-1",
        _D(2026, 1, 1),
        100_000,
        25_000,
        51,
        universal_opt_out=False,
    ),
    StateTest(
        "KY",
        "Kentucky",
        "KRS §367.3613",
        _D(2026, 1, 1),
        100_000,
        25_000,
        51,
        universal_opt_out=False,
    ),
    StateTest(
        "RI",
        "Rhode Island",
        "R.I. Gen. Laws §6-48.1-2†",
        _D(2026, 1, 1),
        35_000,
        10_000,
        21,
        universal_opt_out=False,
    ),
)

CT_LLM_STATEMENT_FROM = _D(2026, 7, 1)


def tests_in_force(on: dt.date) -> list[StateTest]:
    """The latest test of each state in force on a date."""
    latest: dict[str, StateTest] = {}
    for test in STATE_TESTS:
        if test.since <= on and (test.state not in latest or test.since > latest[test.state].since):
            latest[test.state] = test
    return list(latest.values())


def why_covered(profile: StoreProfile, test: StateTest) -> str | None:
    """The reason a state's law covers the store, or None."""
    business = profile.business
    if not reaches_us_state(profile, test.state):
        return None
    if business.annual_revenue_usd < test.min_revenue:
        return None
    if test.not_small_business:
        return None if business.sba_small_business else "not an SBA small business"
    if test.any_sale and profile.sells_data:
        return "sells personal data"
    if test.any_sensitive and _collects_state_sensitive(profile):
        return "handles sensitive data"
    count = consumers_in_state(profile, test.state)
    # An unnamed state is credited with every consumer not placed elsewhere: an upper bound.
    counted = (
        f"{count:,} consumers"
        if test.state in business.consumers_by_state
        else f"up to {count:,} consumers, none counted by state"
    )
    if test.consumers is not None and count >= test.consumers:
        return f"{counted}, threshold {test.consumers:,}"
    share = business.revenue_share_from_selling_data
    sells = profile.sells_data and share >= (test.sale_share or 0)
    if test.reduced_consumers is not None and count >= test.reduced_consumers and sells:
        return f"{counted} and revenue from selling data"
    return None


def covered_states(profile: StoreProfile) -> list[tuple[StateTest, str]]:
    covered: list[tuple[StateTest, str]] = []
    for test in tests_in_force(as_of(profile)):
        reason = why_covered(profile, test)
        if reason is not None:
            covered.append((test, reason))
    return sorted(covered, key=lambda pair: pair[0].name)


def applies(profile: StoreProfile) -> Applicability:
    covered = covered_states(profile)
    if not covered:
        return Applicability(False, "No state privacy law's threshold is met on the policy's date.")
    parts = [f"{test.name} ({reason})" for test, reason in covered]
    return Applicability(
        True,
        "State laws that apply: " + "; ".join(parts) + ".",
        tuple(test.name for test, _ in covered),
        facts=facts(profile),
    )


def facts(profile: StoreProfile) -> dict[str, object]:
    """What the state-law clause words, decided here so the template holds no legal rules."""
    texas = any_state(profile, "Texas")
    return {
        "correction_states": tuple(t.name for t in _covered(profile) if t.correction),
        "appeals": needs_appeals(profile),
        "universal_opt_out": needs_universal_opt_out(profile),
        # Tex. Bus. & Com. Code §541.102(b)-(c).
        "texas_sensitive_notice": texas and sells_sensitive(profile),
        "texas_biometric_notice": texas and sells_biometric(profile),
        "llm_statement": needs_llm_statement(profile),
    }


def _covered(profile: StoreProfile) -> list[StateTest]:
    return [test for test, _ in covered_states(profile)]


def any_state(profile: StoreProfile, *names: str) -> bool:
    return any(test.name in names for test in _covered(profile))


def needs_appeals(profile: StoreProfile) -> bool:
    return any(test.appeals for test in _covered(profile))


def needs_universal_opt_out(profile: StoreProfile) -> bool:
    return (profile.sells_data or profile.targets_ads) and any(
        test.universal_opt_out for test in _covered(profile)
    )


def _collects_state_sensitive(profile: StoreProfile) -> bool:
    """Whether any collected kind is "sensitive data" as the state laws define it."""
    from generator.facts.sensitive import sensitive_facts

    return bool(sensitive_facts(profile).us_states)


def _sold_categories(profile: StoreProfile) -> set[DataCategory]:
    from generator.facts.sharing import recipient_facts

    return {c for r in recipient_facts(profile) if r.sold for c in r.recipient.categories}


def sells_sensitive(profile: StoreProfile) -> bool:
    """Tex. Bus. & Com. Code §541.102(b): sensitive data itself is sold, not just any data."""
    sold = _sold_categories(profile)
    return _collects_state_sensitive(profile) and bool(
        sold & {DataCategory.SENSITIVE, DataCategory.PRECISE_LOCATION}
    )


def sells_biometric(profile: StoreProfile) -> bool:
    """Tex. Bus. & Com. Code §541.102(c): biometric data is collected and sensitive data sold."""
    return (
        SensitiveKind.BIOMETRIC in profile.collection.sensitive_kinds
        and DataCategory.SENSITIVE in _sold_categories(profile)
    )


def needs_llm_statement(profile: StoreProfile) -> bool:
    return as_of(profile) >= CT_LLM_STATEMENT_FROM and any_state(profile, "Connecticut")


REQUIREMENTS = (
    req(
        ID,
        "ST-01",
        "Va. Code §59.1-578(C); CO Rule 6.03; Conn. §42-520(c); Utah §13-61-302; "
        "Tex. §541.102; ORS §646A.578",
        "the categories of personal data, including sensitive data",
        "collection.items and collection.sensitive_kinds",
    ),
    req(ID, "ST-02", "same", "the purposes, per category", "use.purposes"),
    req(
        ID,
        "ST-03",
        "same",
        "the categories shared with or sold to third parties, and the kinds of third parties",
        "sharing.recipients",
    ),
    req(
        ID,
        "ST-04",
        "same; Tex. §541.055",
        "how to use the rights (access, correction, deletion, portability, opt-outs) and the "
        "request methods",
        "rights.rights and rights.methods",
        kind="S/F",
    ),
    req(
        ID,
        "ST-05",
        "Va., Colo., Conn., Tex., Or.",
        "how to appeal a refused request",
        "rights.appeals: true",
        needed=needs_appeals,
    ),
    req(
        ID,
        "ST-06",
        "all",
        "sale and targeted advertising, and how to opt out",
        "rights.rights (opt_out_sale_sharing, opt_out_targeted_ads) and rights.methods",
        kind="S/C",
        needed=lambda p: p.sells_data or p.targets_ads,
    ),
    req(
        ID,
        "ST-07",
        "Colo., Conn., Tex., Or. and others",
        "how universal opt-out signals are processed",
        "cookies.global_privacy_control: true",
        kind="S/C",
        needed=needs_universal_opt_out,
    ),
    req(
        ID,
        "ST-08",
        "Conn., Colo., Or.",
        "an active email address or online contact",
        "business.contact.email or business.contact.web_form",
        needed=lambda p: any_state(p, "Connecticut", "Colorado", "Oregon"),
    ),
    req(
        ID,
        "ST-09",
        "Colo. Rule 6.03-6.04",
        "the last-updated date and how material changes are announced",
        "policy.last_updated and policy.change_notice",
        needed=lambda p: any_state(p, "Colorado"),
    ),
    req(
        ID,
        "ST-10",
        "Tex. Bus. & Com. Code §541.102(b)-(c)",
        "the verbatim notice 'NOTICE: We may sell your sensitive personal data.'",
        "none: fixed text (it follows from selling sensitive data)",
        kind="F/C",
        needed=lambda p: any_state(p, "Texas") and sells_sensitive(p),
    ),
    req(
        ID,
        "ST-11",
        "Conn. Gen. Stat. §42-520 (as amended by SB 1295)",
        "whether personal data is used to train large language models",
        "use.purposes (ai_training, or leave it out to say it is not)",
        kind="S/C",
        needed=needs_llm_statement,
    ),
)

LAW = Law(ID, NAME, applies, REQUIREMENTS)
