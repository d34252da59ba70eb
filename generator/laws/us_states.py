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
    long_date,
    money,
    reaches_us_state,
    req,
)
from generator.model import StoreProfile
from generator.model.vocab import DataCategory, SensitiveKind
from generator.money import Converted, revenue_in

ID = "us_states"
NAME = "US state privacy laws"


class StateTest(NamedTuple):
    """One state's applicability test, in force from ``since``.

    A store is covered when it reaches the state and: it has ``consumers`` or more
    consumers there, or ``reduced_consumers`` or more while getting at least
    ``sale_share`` percent of revenue from selling data (0 means any sale at all).
    ``min_revenue`` must also be met where the state sets one (UT, TN);
    ``not_small_business`` replaces counting (TX, NE); ``any_sensitive`` and
    ``any_sale`` cover a store regardless of size (CT from July 1, 2026);
    ``revenue_alone`` and ``sale_share_alone`` cover a store on their own (LA, AL);
    ``consumers_need_trade`` counts consumers only when the store buys, sells or
    shares data (LA); ``exempt_below_employees`` spares a store with fewer employees
    that does not sell data (AL); ``sensitive_or_sale_consumers`` covers a store with
    that many consumers when it handles sensitive data or sells (VT).
    ``opt_out_signal_from`` is the day universal opt-out signals must be honored (None:
    not required); ``correction`` whether the right to correct exists.
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
    opt_out_signal_from: dt.date | None = None
    correction: bool = True
    profiling_opt_out: bool = True
    revenue_alone: int | None = None
    sale_share_alone: int | None = None
    consumers_need_trade: bool = False
    exempt_below_employees: int | None = None
    sensitive_or_sale_consumers: int | None = None


_D = dt.date
# Integer percentages: "more than 50%" is 51, "at least 25%" is 25.
STATE_TESTS: tuple[StateTest, ...] = (
    # Va. Code §59.1-576 (scope); §59.1-578(C) (notice); no universal opt-out duty.
    StateTest("VA", "Virginia", "Va. Code §59.1-576", _D(2023, 1, 1), 100_000, 25_000, 51),
    # C.R.S. §6-1-1304; universal opt-out from July 1, 2024 (§6-1-1306(1)(a)(IV)(B)).
    StateTest(
        "CO",
        "Colorado",
        "C.R.S. §6-1-1304",
        _D(2023, 7, 1),
        100_000,
        25_000,
        0,
        opt_out_signal_from=_D(2024, 7, 1),
    ),
    # Conn. Gen. Stat. §42-516; universal opt-out from January 1, 2025 (§42-520(a)(6)).
    StateTest(
        "CT",
        "Connecticut",
        "Conn. Gen. Stat. §42-516",
        _D(2023, 7, 1),
        100_000,
        25_000,
        26,
        opt_out_signal_from=_D(2025, 1, 1),
    ),
    # SB 1295 = PA 25-113: 35,000 consumers, or any sensitive data, or any sale.
    StateTest(
        "CT",
        "Connecticut",
        "Conn. Gen. Stat. §42-516 (as amended by PA 25-113, SB 1295)",
        _D(2026, 7, 1),
        35_000,
        any_sensitive=True,
        any_sale=True,
        opt_out_signal_from=_D(2025, 1, 1),
    ),
    # Utah Code §13-61-102: the consumer count AND USD 25M revenue; no appeals; no
    # profiling opt-out; no right to correct until HB 418 (2025), from July 1, 2026.
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
        correction=False,
        profiling_opt_out=False,
    ),
    StateTest(
        "UT",
        "Utah",
        "Utah Code §13-61-102; §13-61-201 (right to correct, HB 418)",
        _D(2026, 7, 1),
        100_000,
        25_000,
        51,
        min_revenue=25_000_000,
        appeals=False,
        profiling_opt_out=False,
    ),
    # Tex. Bus. & Com. Code §541.002: unless an SBA small business; §541.055(e)
    # universal opt-out from January 1, 2025.
    StateTest(
        "TX",
        "Texas",
        "Tex. Bus. & Com. Code §541.002",
        _D(2024, 7, 1),
        not_small_business=True,
        opt_out_signal_from=_D(2025, 1, 1),
    ),
    # ORS 646A.572; universal opt-out from January 1, 2026 (646A.574(1)(d)).
    StateTest(
        "OR",
        "Oregon",
        "ORS 646A.572",
        _D(2024, 7, 1),
        100_000,
        25_000,
        25,
        opt_out_signal_from=_D(2026, 1, 1),
    ),
    # Mont. Code §30-14-2803; SB 297 (2025) lowered the thresholds from October 1, 2025.
    StateTest(
        "MT",
        "Montana",
        "Mont. Code §30-14-2803",
        _D(2024, 10, 1),
        50_000,
        25_000,
        26,
        opt_out_signal_from=_D(2025, 1, 1),
    ),
    StateTest(
        "MT",
        "Montana",
        "Mont. Code §30-14-2803 (as amended by SB 297)†",
        _D(2025, 10, 1),
        25_000,
        15_000,
        26,
        opt_out_signal_from=_D(2025, 1, 1),
    ),
    # Iowa Code §715D.2: no right to correct, no profiling opt-out, no universal opt-out.
    StateTest(
        "IA",
        "Iowa",
        "Iowa Code §715D.2",
        _D(2025, 1, 1),
        100_000,
        25_000,
        51,
        correction=False,
        profiling_opt_out=False,
    ),
    # 6 Del. C. §12D-103; universal opt-out from January 1, 2026 (§12D-104(a)(6)).
    StateTest(
        "DE",
        "Delaware",
        "6 Del. C. §12D-103",
        _D(2025, 1, 1),
        35_000,
        10_000,
        21,
        opt_out_signal_from=_D(2026, 1, 1),
    ),
    # RSA 507-H:2†; universal opt-out from January 1, 2025.
    StateTest(
        "NH",
        "New Hampshire",
        "RSA 507-H:2†",
        _D(2025, 1, 1),
        35_000,
        10_000,
        26,
        opt_out_signal_from=_D(2025, 1, 1),
    ),
    # Neb. Rev. Stat. §87-1103†: unless an SBA small business.
    StateTest(
        "NE",
        "Nebraska",
        "Neb. Rev. Stat. §87-1103†",
        _D(2025, 1, 1),
        not_small_business=True,
        opt_out_signal_from=_D(2025, 1, 1),
    ),
    # N.J.S.A. 56:8-166.5†; universal opt-out from July 15, 2025†.
    StateTest(
        "NJ",
        "New Jersey",
        "N.J.S.A. 56:8-166.5†",
        _D(2025, 1, 15),
        100_000,
        25_000,
        0,
        opt_out_signal_from=_D(2025, 7, 15),
    ),
    # Tenn. Code §47-18-3302†: 175,000 consumers AND revenue above USD 25M.
    StateTest(
        "TN",
        "Tennessee",
        "Tenn. Code §47-18-3302†",
        _D(2025, 7, 1),
        175_000,
        25_000,
        51,
        min_revenue=25_000_001,
    ),
    # Minn. Stat. §325M.12; universal opt-out from July 31, 2025†.
    StateTest(
        "MN",
        "Minnesota",
        "Minn. Stat. §325M.12",
        _D(2025, 7, 31),
        100_000,
        25_000,
        26,
        opt_out_signal_from=_D(2025, 7, 31),
    ),
    # Md. Com. Law §14-4703; universal opt-out by October 1, 2025.
    StateTest(
        "MD",
        "Maryland",
        "Md. Com. Law §14-4703",
        _D(2025, 10, 1),
        35_000,
        10_000,
        21,
        opt_out_signal_from=_D(2025, 10, 1),
    ),
    # Ind. Code §24-15-1-1; KRS §367.3613; R.I. Gen. Laws §6-48.1-4†: no universal opt-out.
    StateTest("IN", "Indiana", "Ind. Code §24-15-1-1", _D(2026, 1, 1), 100_000, 25_000, 51),
    StateTest("KY", "Kentucky", "KRS §367.3613", _D(2026, 1, 1), 100_000, 25_000, 51),
    StateTest(
        "RI", "Rhode Island", "R.I. Gen. Laws §6-48.1-4†", _D(2026, 1, 1), 35_000, 10_000, 21
    ),
    # Enacted in 2026, not yet in force: data with their dates, never applied earlier.
    # Okla. SB 546 (2026): no universal opt-out duty.
    StateTest("OK", "Oklahoma", "Okla. SB 546 (2026)", _D(2027, 1, 1), 100_000, 25_000, 51),
    # La. R.S. 51:1780.1-.5: revenue above USD 25M, or buys, receives, sells or shares data
    # of 75,000 consumers, or 50% of revenue from selling; universal opt-out required.
    StateTest(
        "LA",
        "Louisiana",
        "La. R.S. 51:1780.1-.5",
        _D(2027, 1, 1),
        75_000,
        revenue_alone=25_000_000,
        sale_share_alone=50,
        consumers_need_trade=True,
        opt_out_signal_from=_D(2027, 1, 1),
    ),
    # Ala. Act 2026-552 (HB 351): more than 25,000 consumers, or more than 25% of revenue
    # from selling; exempt below 500 employees when not selling.
    StateTest(
        "AL",
        "Alabama",
        "Ala. Act 2026-552 (HB 351)",
        _D(2027, 5, 1),
        25_001,
        sale_share_alone=26,
        exempt_below_employees=500,
    ),
    # Vt. S.71 (2026): 35,000 consumers, or 3,000 with sensitive data or data offered for sale.
    StateTest(
        "VT",
        "Vermont",
        "Vt. S.71 (2026)",
        _D(2028, 1, 1),
        35_000,
        sensitive_or_sale_consumers=3_000,
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


class Trading(NamedTuple):
    """What the state thresholds ask about the store's trade in data, the same for every
    state's test (worked out once per judging, not once per state)."""

    sells: bool
    # Sells or shares personal data, or buys it in.
    trades: bool
    sensitive_or_sale: bool


def trading(profile: StoreProfile) -> Trading:
    """The store's ``Trading``, for ``why_covered``."""
    sells = profile.sells_data
    return Trading(
        sells=sells,
        trades=sells or profile.shares_for_ads or profile.buys_personal_data,
        sensitive_or_sale=profile.collects_sensitive or sells,
    )


def why_covered(profile: StoreProfile, test: StateTest, trade: Trading) -> str | None:
    """The reason a state's law covers the store, or None (``trade``: ``trading(profile)``)."""
    if not reaches_us_state(profile, test.state):
        return None
    # Every state's revenue test is in US dollars.
    revenue = revenue_in(profile.business.revenue, "USD")
    if revenue.amount < test.min_revenue:
        return None
    reason = _why(profile, test, trade, revenue)
    if reason is not None and test.min_revenue and revenue.rate is not None:
        # The converted revenue decided the state's minimum (UT, TN): say at what rate.
        return f"{reason}; revenue of {revenue}, at least {money(test.min_revenue)}"
    return reason


def sba_size_matters(states: list[str] | None) -> bool:
    """Whether a store selling to these US states (None: every state) may be reached by a
    law that leaves out SBA small businesses (Texas, Nebraska): the wizard asks the size
    only then."""
    exempting = {t.state for t in STATE_TESTS if t.not_small_business}
    return states is None or not states or bool(exempting & set(states))


def _why(profile: StoreProfile, test: StateTest, trade: Trading, revenue: Converted) -> str | None:
    business = profile.business
    if test.not_small_business:
        return None if business.sba_small_business else "not an SBA small business"
    if (
        test.exempt_below_employees is not None
        and business.employees < test.exempt_below_employees
        and not trade.sells
    ):
        return None
    if test.any_sale and trade.sells:
        return "sells personal data"
    if test.any_sensitive and _collects_state_sensitive(profile):
        return "handles sensitive data"
    if test.revenue_alone is not None and revenue.amount > test.revenue_alone:
        return f"revenue of {revenue}, above {money(test.revenue_alone)}"
    share = business.revenue_share_from_selling_data
    if test.sale_share_alone is not None and trade.sells and share >= test.sale_share_alone:
        return f"{share}% of revenue from selling data"
    count = consumers_in_state(profile, test.state)
    # An unnamed state is credited with every consumer not placed elsewhere: an upper bound.
    counted = (
        f"{count:,} consumers"
        if test.state in business.consumers_by_state
        else f"up to {count:,} consumers, the most in any state not counted by name"
        if business.most_in_other_states is not None
        else f"up to {count:,} consumers, none counted by state"
    )
    if (
        test.consumers is not None
        and count >= test.consumers
        and (trade.trades or not test.consumers_need_trade)
    ):
        return f"{counted}, threshold {test.consumers:,}"
    if (
        test.sensitive_or_sale_consumers is not None
        and trade.sensitive_or_sale
        and count >= test.sensitive_or_sale_consumers
    ):
        return f"{counted} with sensitive data or data for sale"
    sells = trade.sells and share >= (test.sale_share or 0)
    if test.reduced_consumers is not None and count >= test.reduced_consumers and sells:
        return f"{counted} and revenue from selling data"
    return None


def covered_states(profile: StoreProfile) -> list[tuple[StateTest, str]]:
    covered: list[tuple[StateTest, str]] = []
    trade = trading(profile)
    for test in tests_in_force(as_of(profile)):
        reason = why_covered(profile, test, trade)
        if reason is not None:
            covered.append((test, reason))
    return sorted(covered, key=lambda pair: pair[0].name)


def applies(profile: StoreProfile) -> Applicability:
    covered = covered_states(profile)
    if not covered:
        return Applicability(False, "No state privacy law's threshold is met on the judging date.")
    parts = [f"{test.name} ({reason})" for test, reason in covered]
    return Applicability(
        True,
        "State laws that apply: " + "; ".join(parts) + ".",
        tuple(test.name for test, _ in covered),
        facts=facts(profile),
    )


def facts(profile: StoreProfile) -> dict[str, object]:
    """What the state-law clause words, decided here so the template holds no legal rules."""
    # Texas, and Louisiana's copy of its sale notices from January 1, 2027 (its row's date).
    texas = any_state(profile, "Texas", "Louisiana")
    covered = _covered(profile)
    return {
        "correction_states": tuple(t.name for t in covered if t.correction),
        "profiling_states": tuple(t.name for t in covered if t.profiling_opt_out),
        "appeals": needs_appeals(profile),
        "appeal_days": appeal_days(profile),
        "universal_opt_out": needs_universal_opt_out(profile),
        # Tex. Bus. & Com. Code §541.102(b)-(c).
        "texas_sensitive_notice": texas and sells_sensitive(profile),
        "texas_biometric_notice": texas and sells_biometric(profile),
        "llm_statement": needs_llm_statement(profile),
        "third_party_list_states": tuple(
            n for n in ("Minnesota", "Oregon") if any_state(profile, n)
        ),
        "third_party_category_states": tuple(
            n for n in ("Delaware", "Maryland") if any_state(profile, n)
        ),
        "minnesota_montana": needs_st14(profile),
        "profiling_rights": needs_st16(profile),
        "maryland": needs_st17(profile),
        "maryland_ok": maryland_ok(profile),
        "geolocation_ban": needs_st18(profile),
        "geolocation_ok": geolocation_ok(profile),
        "inferences_access": needs_st21(profile),
    }


def _covered(profile: StoreProfile) -> list[StateTest]:
    return [test for test, _ in covered_states(profile)]


def any_state(profile: StoreProfile, *names: str) -> bool:
    return any(test.name in names for test in _covered(profile))


def needs_appeals(profile: StoreProfile) -> bool:
    return any(test.appeals for test in _covered(profile))


# Days a controller has to decide an appeal. 60 in most states (Va. Code §59.1-577(C),
# Conn. Gen. Stat. §42-518(d), Tex. Bus. & Com. Code §541.053(c) and those that follow
# Virginia); 45 in these: C.R.S. §6-1-1306(3)(b), ORS 646A.576(6)(d), Minn. Stat.
# §325O.05 subd. 3†, N.J.S.A. 56:8-166.10†.
APPEAL_DAYS = 60
APPEAL_DAYS_BY_STATE = {"Colorado": 45, "Oregon": 45, "Minnesota": 45, "New Jersey": 45}


def appeal_days(profile: StoreProfile) -> int:
    """The appeal deadline the policy states: the shortest one of the states that cover the
    store, or the owner's own shorter promise (a longer one would break the law, so the
    law's stands)."""
    days = [APPEAL_DAYS_BY_STATE.get(t.name, APPEAL_DAYS) for t in _covered(profile) if t.appeals]
    own = profile.rights.appeal_days
    return min([*days, *([own] if own else [])], default=APPEAL_DAYS)


def needs_universal_opt_out(profile: StoreProfile) -> bool:
    """ST-07: a covered state requires honoring universal opt-out signals on the judging day."""
    day = as_of(profile)
    return (profile.sells_data or profile.targets_ads) and any(
        test.opt_out_signal_from is not None and day >= test.opt_out_signal_from
        for test in _covered(profile)
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


# CT PA 25-113 (SB 1295) from July 1, 2026; Vt. S.71 from January 1, 2028 (its row's date).
def needs_llm_statement(profile: StoreProfile) -> bool:
    ct = as_of(profile) >= CT_LLM_STATEMENT_FROM and any_state(profile, "Connecticut")
    return ct or any_state(profile, "Vermont")


# Minn. Stat. §325M.16†; Mont. Code §30-14-2812† (SB 297, from October 1, 2025).
MONTANA_NOTICE_FROM = _D(2025, 10, 1)


def needs_st14(profile: StoreProfile) -> bool:
    montana = any_state(profile, "Montana") and as_of(profile) >= MONTANA_NOTICE_FROM
    return any_state(profile, "Minnesota") or montana


def needs_st16(profile: StoreProfile) -> bool:
    """Minn. Stat. §325M.14; CT PA 25-113 from July 1, 2026: profiling for significant decisions."""
    if not profile.significant_automated_decisions:
        return False
    ct = as_of(profile) >= CT_LLM_STATEMENT_FROM and any_state(profile, "Connecticut")
    return ct or any_state(profile, "Minnesota")


def needs_st17(profile: StoreProfile) -> bool:
    return any_state(profile, "Maryland")


def maryland_ok(profile: StoreProfile) -> bool:
    """Md. Com. §14-4707(a)†: no sale of sensitive data or minors' data; sensitive data only
    where strictly necessary (no use beyond the CCPA's permitted purposes, read alike)."""
    from generator.laws.ccpa import uses_sensitive_beyond_permitted

    kids = profile.children
    # An owner who answered that they do sell or target ads with minors' data has said so;
    # a minimum age of 18 on paper does not outweigh that answer.
    said_no = (
        "no_sale_or_ads_under_18" in kids.model_fields_set and not kids.no_sale_or_ads_under_18
    )
    minors_safe = not (said_no and (profile.sells_data or profile.targets_ads)) and (
        kids.minimum_age >= 18
        or kids.no_sale_or_ads_under_18
        or not (profile.sells_data or profile.targets_ads)
    )
    return minors_safe and not (
        sells_sensitive(profile)
        or kids.sells_data_of_under_16
        or uses_sensitive_beyond_permitted(profile)
    )


# ORS 646A.578 (HB 2008) from January 1, 2026; Va. Code §59.1-578 (SB 338) from July 1, 2026.
OREGON_BANS_FROM = _D(2026, 1, 1)
VIRGINIA_GEOLOCATION_FROM = _D(2026, 7, 1)


def needs_st18(profile: StoreProfile) -> bool:
    day = as_of(profile)
    oregon = any_state(profile, "Oregon") and day >= OREGON_BANS_FROM
    virginia = any_state(profile, "Virginia") and day >= VIRGINIA_GEOLOCATION_FROM
    return oregon or virginia


def geolocation_ok(profile: StoreProfile) -> bool:
    sells_location = profile.sells_data and (
        SensitiveKind.PRECISE_GEOLOCATION in profile.collection.sensitive_kinds
        or any(
            r.sale and DataCategory.PRECISE_LOCATION in r.categories
            for r in profile.sharing.recipients
        )
    )
    return not (sells_location or profile.children.sells_data_of_under_16)


def needs_st21(profile: StoreProfile) -> bool:
    return as_of(profile) >= CT_LLM_STATEMENT_FROM and any_state(profile, "Connecticut")


def amendments(profile: StoreProfile, then: dt.date, now: dt.date) -> list[str]:
    """A covered state's test amended between two days (CT SB 1295, MT SB 297, UT HB 418)."""
    first: dict[str, dt.date] = {}
    for test in sorted(STATE_TESTS, key=lambda t: t.since):
        first.setdefault(test.state, test.since)
    reached = [t for t in STATE_TESTS if reaches_us_state(profile, t.state)]
    return [
        f"{t.name}'s law changed on {long_date(t.since)} ({t.cite})"
        for t in reached
        if then < t.since <= now and t.since > first[t.state]
    ]


ALL = (
    "Va. Code §59.1-578(C); C.R.S. §6-1-1308, 4 CCR 904-3 r.6.02; Conn. §42-520(c); Utah "
    "§13-61-302; Tex. §541.102; ORS 646A.578; Mont. §30-14-2812†; Iowa §715D.4; 6 Del. C. "
    "§12D-106†; RSA 507-H†; Neb. §87-1108†; N.J.S.A. 56:8-166.6†; Tenn. §47-18-3305†; Minn. "
    "§325M.16†; Md. Com. §14-4705; Ind. §24-15-4-1†; KRS §367.3615†; R.I. §6-48.1-6†"
)

REQUIREMENTS = (
    req(
        ID,
        "ST-01",
        ALL,
        "the categories of personal data, including sensitive data",
        "collection.items and collection.sensitive_kinds",
    ),
    req(ID, "ST-02", "same", "the purposes (CO: per category)", "use.purposes"),
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
        "how to use the rights (access, correction [not IA; UT from July 1, 2026], deletion, "
        "portability, opt-outs) and the request methods",
        "rights.rights (access and delete) and rights.methods",
        kind="S/F",
    ),
    req(
        ID,
        "ST-05",
        "every covered state except UT",
        "how to appeal a refused request",
        "rights.appeals: true",
        needed=needs_appeals,
    ),
    req(
        ID,
        "ST-06",
        "every covered state",
        "sale and targeted advertising disclosed conspicuously, and how to opt out (and of "
        "profiling for significant decisions, not UT or IA)",
        "rights.rights (opt_out_sale_sharing, opt_out_targeted_ads) and rights.methods",
        kind="S/C",
        needed=lambda p: p.sells_data or p.targets_ads,
    ),
    req(
        ID,
        "ST-07",
        "CO, CT, DE, MD, MN†, MT, NE, NH, NJ, OR, TX (dates per state)",
        "how universal opt-out signals are processed",
        "cookies.global_privacy_control: true",
        kind="S/C",
        needed=needs_universal_opt_out,
    ),
    req(
        ID,
        "ST-08",
        "Conn. §42-520(c); MN; MT; R.I. §6-48.1-3(a)(3); CO, DE, MD, NH, OR†",
        "an active email address or online contact",
        "business.contact.email or business.contact.web_form",
        needed=lambda p: any_state(
            p,
            "Connecticut",
            "Minnesota",
            "Montana",
            "Rhode Island",
            "Colorado",
            "Delaware",
            "Maryland",
            "New Hampshire",
            "Oregon",
        ),
    ),
    req(
        ID,
        "ST-09",
        "4 CCR 904-3 r.6.03-6.04",
        "the last-updated date and how material changes are announced",
        "policy.last_updated and policy.change_notice",
        needed=lambda p: any_state(p, "Colorado"),
    ),
    req(
        ID,
        "ST-10",
        "Tex. Bus. & Com. Code §541.102(b)-(c); La. R.S. 51:1780.1-.5 (from 2027)",
        "the verbatim notice 'NOTICE: We may sell your sensitive personal data.'",
        "none: fixed text (it follows from selling sensitive data)",
        kind="F/C",
        needed=lambda p: any_state(p, "Texas", "Louisiana") and sells_sensitive(p),
    ),
    req(
        ID,
        "ST-11",
        "CT PA 25-113 (SB 1295); Vt. S.71 (2026)",
        "whether personal data is collected, used or sold to train large language models",
        "use.trains_language_models: true or false (whether personal data trains large language models)",
        kind="S/C",
        needed=needs_llm_statement,
    ),
    req(
        ID,
        "ST-12",
        "ORS 646A.574(1)(a)(B); Minn. Stat. §325M.14",
        "the right to a list of the specific third parties the consumer's data was disclosed to",
        "none: fixed text",
        kind="F/C",
        needed=lambda p: any_state(p, "Oregon", "Minnesota"),
    ),
    req(
        ID,
        "ST-13",
        "6 Del. C. §12D-104(a); Md. Com. §14-4705(b)(6)",
        "the right to a list of the categories of third parties the consumer's data was "
        "disclosed to",
        "none: fixed text",
        kind="F/C",
        needed=lambda p: any_state(p, "Delaware", "Maryland"),
    ),
    req(
        ID,
        "ST-14",
        "Minn. §325M.16†; Mont. §30-14-2812† (SB 297)",
        "each right explained; the date last updated; retention policies (MN); the notice in "
        "every language the store sells in and accessible to people with disabilities; "
        "material changes announced with a chance to withdraw consent",
        "policy.accessibility (how people with disabilities get the policy)",
        kind="S/C",
        needed=needs_st14,
    ),
    req(
        ID,
        "ST-15",
        "Minn. §325M.16†; Mont. §30-14-2812†",
        "sale and targeted advertising disclosed, plus a clear opt-out method outside the "
        "notice (e.g. a 'Your Opt-Out Rights' link)",
        "rights.opt_out_link (the page your opt-out link opens)",
        kind="S/C",
        needed=lambda p: needs_st14(p) and (p.sells_data or p.targets_ads),
    ),
    req(
        ID,
        "ST-16",
        "Minn. Stat. §325M.14; CT PA 25-113",
        "for profiling behind significant decisions: the right to question the result, learn "
        "the reason, review and correct the data, and have it re-evaluated",
        "none: fixed text (follows use.automated_decisions)",
        kind="F/C",
        needed=needs_st16,
    ),
    req(
        ID,
        "ST-17",
        "Md. Com. §14-4707(a)†",
        "no sale of sensitive data or of data of consumers under 18 (nor targeted ads to them); "
        "sensitive data collected only where strictly necessary",
        "children.no_sale_or_ads_under_18: true (if true), or stop selling sensitive data "
        "(sharing.recipients) and limit it to the purposes it is needed for (use.purposes)",
        kind="S/C",
        needed=needs_st17,
        since=_D(2025, 10, 1),
    ),
    req(
        ID,
        "ST-18",
        "ORS 646A.578 (HB 2008); Va. Code §59.1-578 (SB 338)",
        "no sale of precise geolocation, nor (OR) of data of consumers under 16",
        "stop selling precise location (sharing.recipients) and children's data "
        "(children.sells_data_of_under_16)",
        kind="S/C",
        needed=needs_st18,
    ),
    req(
        ID,
        "ST-21",
        "CT PA 25-113 (SB 1295)",
        "the right of access includes inferences drawn from the data, and whether the data is "
        "used for profiling behind significant decisions",
        "none: fixed text",
        kind="F/C",
        needed=needs_st21,
        since=CT_LLM_STATEMENT_FROM,
    ),
)

LAW = Law(ID, NAME, applies, REQUIREMENTS, amendments=amendments)
