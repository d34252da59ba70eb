"""California Consumer Privacy Act as amended by the CPRA (Cal. Civ. Code §1798.100 ff.)
and its regulations (11 CCR §7000 ff.)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple, TypeVar

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
from generator.model.commitments import RetentionRule
from generator.model.vocab import (
    CCPA_CATEGORY_OF,
    CcpaCategory,
    DataCategory,
    Purpose,
    RecipientKind,
    SensitiveKind,
    Source,
)
from generator.money import revenue_in

T = TypeVar("T")

ID = "ccpa"
NAME = "CCPA (as amended by the CPRA)"

# §1798.140(d)(1)(A): USD 25M, adjusted for inflation under §1798.199.95(d);
# the CPPA set USD 26,625,000 from January 1, 2025.
_REVENUE_THRESHOLDS = ((dt.date(2025, 1, 1), 26_625_000), (dt.date(2020, 1, 1), 25_000_000))
CPRA_IN_FORCE = dt.date(2023, 1, 1)
METRICS_CONSUMERS = 10_000_000  # 11 CCR §7102(a)
# 11 CCR §7025(c)(6) (regulations approved 2025, effective January 1, 2026): show
# whether the opt-out preference signal was processed.
SIGNAL_STATUS_FROM = dt.date(2026, 1, 1)
# 11 CCR §§7200, 7220 (ADMT regulations): pre-use notice from January 1, 2027.
ADMT_NOTICE_FROM = dt.date(2027, 1, 1)
# Civ. §1798.99.86 (Delete Act, SB 362): data brokers process DROP deletion requests
# from August 1, 2026, at least once every 45 days.
DROP_FROM = dt.date(2026, 8, 1)
DROP_DAYS = 45
# Civ. §1798.130(a)(2)(B): the right to know reaches back to January 1, 2022.
KNOW_BACK_TO = dt.date(2022, 1, 1)

# 11 CCR §7027(m): uses of sensitive personal information that need no right to limit.
# Any purpose outside this set makes the right to limit apply.
_PERMITTED_SENSITIVE_PURPOSES = frozenset(
    {
        Purpose.ORDER_FULFILMENT,
        Purpose.PAYMENT,
        Purpose.ACCOUNT,
        Purpose.CUSTOMER_SERVICE,
        Purpose.TRANSACTIONAL_MESSAGES,
        Purpose.SITE_ADMINISTRATION,
        Purpose.FRAUD_PREVENTION,
        Purpose.LEGAL_COMPLIANCE,
        Purpose.WARRANTY,
        # 11 CCR §7027(m)(1)-(2): services the consumer asked for (financing their
        # purchase) and ensuring security and integrity (cameras against theft).
        Purpose.FINANCING,
        Purpose.STORE_SECURITY,
    }
)


def revenue_threshold(on: dt.date) -> int:
    oldest = _REVENUE_THRESHOLDS[-1][1]
    return next((amount for since, amount in _REVENUE_THRESHOLDS if on >= since), oldest)


def california_consumers(profile: StoreProfile) -> int:
    return consumers_in_state(profile, "CA")


def sensitive_categories(profile: StoreProfile) -> list[DataCategory]:
    """Collected categories that are sensitive personal information under §1798.140(ae)."""
    return [c for c in profile.categories if CCPA_CATEGORY_OF[c] is CcpaCategory.SENSITIVE]


def collects_sensitive(profile: StoreProfile) -> bool:
    """Whether any collected kind is sensitive personal information (§1798.140(ae))."""
    from generator.facts.sensitive import sensitive_facts

    return bool(sensitive_facts(profile).ccpa)


class SensitiveBeyond(NamedTuple):
    """What takes sensitive PI beyond §7027(m): the purposes outside its list that use it,
    and whether it is sold or shared, which no §7027(m) purpose covers."""

    purposes: tuple[Purpose, ...]
    sold: bool

    @property
    def applies(self) -> bool:
        """Whether anything goes beyond §7027(m), so the right to limit applies."""
        return self.sold or bool(self.purposes)


def sensitive_beyond(profile: StoreProfile) -> SensitiveBeyond:
    """The uses of sensitive PI that bring the right to limit (Everbloom's ceremony style
    in paid vendor leads is a sale; a purpose such as ads is a use)."""
    from generator.facts.sharing import recipient_facts

    sensitive = set(sensitive_categories(profile))
    if not sensitive:
        return SensitiveBeyond((), False)
    sold = any(
        (r.sold or r.shared) and sensitive & set(r.recipient.categories)
        for r in recipient_facts(profile)
    )
    purposes = tuple(
        dict.fromkeys(
            use.purpose
            for use in profile.use.purposes
            if use.purpose not in _PERMITTED_SENSITIVE_PURPOSES and sensitive & set(use.categories)
        )
    )
    return SensitiveBeyond(purposes, sold)


def uses_sensitive_beyond_permitted(profile: StoreProfile) -> bool:
    """Whether sensitive PI serves a purpose §7027(m) does not permit (the right to limit)."""
    return sensitive_beyond(profile).applies


def publishes_metrics(profile: StoreProfile) -> bool:
    return california_consumers(profile) >= METRICS_CONSUMERS


def opts_out_or_limits(profile: StoreProfile) -> bool:
    """Whether opt-out or limit requests exist: it sells or shares, or uses sensitive PI beyond
    §7027(m)."""
    return profile.sells_or_shares or uses_sensitive_beyond_permitted(profile)


def significant_decisions(profile: StoreProfile) -> bool:
    """ADMT for a significant decision (11 CCR §7200(a)); read from the Art 22 answer."""
    return bool(profile.significant_automated_decisions)


class CategoryRow(NamedTuple):
    """One row of the CCPA disclosure table: a statutory category and what happens to it."""

    category: CcpaCategory
    members: tuple[DataCategory, ...]
    sources: tuple[Source, ...]
    purposes: tuple[Purpose, ...]
    disclosed_to: tuple[RecipientKind, ...]
    """Service providers and contractors: the disclosures "for a business purpose"
    (Civ. §1798.140(e), (ag), (j); §1798.115(c)(2); 11 CCR §7011(e)(1)(H)-(I))."""
    sold_or_shared_to: tuple[RecipientKind, ...]
    retention: tuple[RetentionRule, ...]
    # Per kind sold or shared to, the row's members it gets when that is not all of them:
    # a row groups kinds of data, and "Identifiers: sold to ad networks" must not read as
    # if a child's profile in the same row went to them too.
    sold_members: tuple[tuple[RecipientKind, tuple[DataCategory | SensitiveKind, ...]], ...] = ()
    third_parties: tuple[RecipientKind, ...] = ()
    """Third parties that get the data for their own use without a sale or sharing (a lender
    deciding on credit, a vendor the person asks us to send it to, a partner giving nothing
    for it): not service providers, so not "for a business purpose" (Civ. §1798.140(ai))."""


def _unique(items: Iterable[T]) -> tuple[T, ...]:
    return tuple(dict.fromkeys(items))


def category_table(profile: StoreProfile) -> tuple[CategoryRow, ...]:
    """§7011(e)(1)(A)-(F) and §1798.100(a)(3), grouped by the §1798.140(v)(1) categories.

    Sources, sale and sharing come from the facts layer, so the table says what the rest
    of the policy says.
    """
    from generator.facts.data import sources_of
    from generator.facts.sharing import judge

    rows = []
    for ccpa_category in CcpaCategory:
        members = [c for c in profile.categories if CCPA_CATEGORY_OF[c] is ccpa_category]
        if not members:
            continue
        group = set(members)
        items = [i for i in profile.collection.items if i.category in group]
        judged = [judge(r) for r in profile.sharing.recipients if group & set(r.categories)]
        rows.append(
            CategoryRow(
                category=ccpa_category,
                members=tuple(members),
                sources=_unique(s for item in items for s in sources_of(item)),
                purposes=_unique(
                    u.purpose for u in profile.use.purposes if group & set(u.categories)
                ),
                # A business purpose is a service provider's; a sale or share is not one.
                disclosed_to=_unique(
                    j.kind for j in judged if not (j.third_party or j.sold or j.shared)
                ),
                sold_or_shared_to=_unique(j.kind for j in judged if j.sold or j.shared),
                retention=tuple(
                    rule for rule in profile.retention.rules if group & set(rule.categories)
                ),
                sold_members=_sold_members(members, profile, judge),
                third_parties=_unique(
                    j.kind for j in judged if j.third_party and not (j.sold or j.shared)
                ),
            )
        )
    return tuple(rows)


def _sold_members(
    members: list[DataCategory], profile: StoreProfile, judge: Callable[[Any], Any]
) -> tuple[tuple[RecipientKind, tuple[DataCategory | SensitiveKind, ...]], ...]:
    """Each kind of recipient the row is sold or shared to, with what it gets when that is
    not all of the row: the members it gets, the catch-all sensitive category spelt out as
    the kinds it gets when those are fewer than the store holds (a buyer of religion-tagged
    leads gets no sexual orientation)."""
    from generator.facts.sensitive import catchall_kinds, received_kinds

    held = catchall_kinds(profile)
    got: dict[RecipientKind, list[DataCategory]] = {}
    kinds: dict[RecipientKind, set[SensitiveKind]] = {}
    for recipient in profile.sharing.recipients:
        judged = judge(recipient)
        if judged.sold or judged.shared:
            cats = got.setdefault(recipient.kind, [])
            cats += [c for c in members if c in recipient.categories and c not in cats]
            kinds.setdefault(recipient.kind, set()).update(received_kinds(profile, recipient))
    rows: list[tuple[RecipientKind, tuple[DataCategory | SensitiveKind, ...]]] = []
    for kind, received in got.items():
        narrowed = DataCategory.SENSITIVE in received and set(held) - kinds[kind]
        if not received or (set(received) == set(members) and not narrowed):
            continue
        parts: list[DataCategory | SensitiveKind] = []
        for c in members:
            if c not in received:
                continue
            if c is DataCategory.SENSITIVE and narrowed:
                parts += [k for k in held if k in kinds[kind]]
            else:
                parts.append(c)
        rows.append((kind, tuple(parts)))
    return tuple(rows)


def facts(profile: StoreProfile) -> dict[str, object]:
    """What the California clause words: the category table and the sensitive-data test."""
    beyond = sensitive_beyond(profile)  # once: it judges every recipient
    return {
        "table": category_table(profile),
        "sensitive": tuple(sensitive_categories(profile)),
        "sensitive_beyond_permitted": beyond.applies,
        "sensitive_beyond": beyond,
        "metrics": publishes_metrics(profile),
        "signal_status": as_of(profile) >= SIGNAL_STATUS_FROM,
        "admt_notice": as_of(profile) >= ADMT_NOTICE_FROM and significant_decisions(profile),
        "know_back_to": KNOW_BACK_TO,
        "drop": profile.business.data_broker and as_of(profile) >= DROP_FROM,
        "drop_days": DROP_DAYS,
    }


def applies(profile: StoreProfile) -> Applicability:
    verdict = _threshold(profile)
    if verdict.applies:
        return Applicability(True, verdict.reason, facts=facts(profile))
    return verdict


def _threshold(profile: StoreProfile) -> Applicability:
    if not reaches_us_state(profile, "CA"):
        return Applicability(False, "The store does not do business in California.")
    day = as_of(profile)
    # §1798.140(d)(1)(A): gross revenues in US dollars.
    revenue = revenue_in(profile.business.revenue, "USD")
    threshold = revenue_threshold(day)
    # §1798.140(d)(1)(A)-(C).
    if revenue.amount > threshold:
        return Applicability(
            True, f"Annual revenue of {revenue} is above the {money(threshold)} threshold."
        )
    consumers = california_consumers(profile)
    if day < CPRA_IN_FORCE and consumers >= 50_000:
        return Applicability(
            True, f"The store handles data of {consumers:,} California consumers (50,000 or more)."
        )
    # §1798.140(d)(1)(B) as amended by the CPRA: "buys, sells, or shares".
    trades = profile.sells_or_shares or profile.buys_personal_data
    if day >= CPRA_IN_FORCE and consumers >= 100_000 and trades:
        return Applicability(
            True,
            f"The store buys, sells or shares data of {consumers:,} California consumers "
            "(100,000 or more).",
        )
    share = profile.business.revenue_share_from_selling_data
    if share >= 50:
        return Applicability(
            True, f"{share}% of revenue comes from selling or sharing personal data (50% or more)."
        )
    return Applicability(
        False,
        f"Revenue of {revenue} is not above {money(threshold)}, the store does not buy, "
        "sell or share data of 100,000 or more California consumers, and less than half its "
        "revenue comes from selling data.",
    )


REQUIREMENTS = (
    req(
        ID,
        "CCPA-01",
        "11 CCR §7011(e)(1); Civ. §1798.130(a)(5)",
        "the categories of personal information collected in the last 12 months, "
        "with the statutory category names",
        "collection.items",
    ),
    req(
        ID,
        "CCPA-02",
        "11 CCR §7011(e)(1)",
        "the categories of sources",
        "collection.items[].sources",
    ),
    req(
        ID,
        "CCPA-03",
        "11 CCR §7011(e)(1)",
        "the business or commercial purposes for collecting",
        "use.purposes",
    ),
    req(
        ID,
        "CCPA-04",
        "11 CCR §7011(e)(1); Civ. §1798.140(ad), (ah)",
        "the categories sold or shared (cross-context behavioral advertising) in the last 12 "
        "months, or 'none', with the third parties and purpose per category",
        "sharing.recipients[].sale and cross_context_ads",
    ),
    req(
        ID,
        "CCPA-05",
        "11 CCR §7011(e)(1)",
        "the categories disclosed for a business purpose and to whom, or 'none'",
        "sharing.recipients",
    ),
    req(
        ID,
        "CCPA-06",
        "11 CCR §7011(e)(1); §7072",
        "whether it knowingly sells or shares personal information of consumers under 16, and "
        "if so the opt-in process",
        "children.sells_data_of_under_16 (and children.parental_consent_method if so)",
        kind="S/C",
    ),
    req(
        ID,
        "CCPA-07",
        "11 CCR §7011(e)(1); Civ. §1798.121",
        "the sensitive personal information collected and whether it is used beyond the "
        "permitted purposes",
        "collection.sensitive_kinds and use.purposes",
        kind="S/C",
        needed=collects_sensitive,
    ),
    req(
        ID,
        "CCPA-08",
        "Civ. §1798.100(a)(3); 11 CCR §7012(e)",
        "how long each category (each sensitive category too) is kept: a period or a concrete "
        "criterion",
        "retention.rules",
    ),
    req(
        ID,
        "CCPA-09",
        "11 CCR §7011(e)(2)",
        "the rights to know, delete, correct, opt out of sale or sharing, limit sensitive "
        "personal information, and not to be retaliated against",
        "none: fixed text",
        kind="F",
    ),
    req(
        ID,
        "CCPA-10",
        "11 CCR §7011(e)(3); §7020",
        "how to submit requests: two or more methods including a toll-free number "
        "(email alone for an online-only store)",
        "rights.methods and business.contact or rights.contact (toll_free or email)",
    ),
    req(
        ID,
        "CCPA-11",
        "11 CCR §7011(e)(3); §§7060-7062",
        "how requests to know, delete and correct are verified, and what the consumer provides",
        "rights.verification",
    ),
    req(
        ID,
        "CCPA-12",
        "11 CCR §7011(e)(3)(H)",
        "how authorized agents submit requests",
        "rights.authorized_agents: true",
        kind="F/S",
    ),
    req(
        ID,
        "CCPA-13",
        "11 CCR §7011(e)(3)(F)-(G); §7025",
        "how opt-out preference signals such as Global Privacy Control are processed",
        "cookies.global_privacy_control: true",
        kind="S/C",
        needed=lambda p: p.sells_or_shares,
        since=CPRA_IN_FORCE,
    ),
    req(
        ID,
        "CCPA-14",
        "Civ. §1798.135",
        "the 'Do Not Sell or Share My Personal Information' and 'Limit the Use of My "
        "Sensitive Personal Information' links, or that opt-out signals are honored",
        "rights.rights (opt_out_sale_sharing, limit_sensitive) and rights.opt_out_link "
        "(or business.contact.web_form)",
        kind="S/C",
        needed=opts_out_or_limits,
    ),
    req(ID, "CCPA-15", "11 CCR §7011(e)(3)(J)", "a privacy contact", "business.contact"),
    req(
        ID,
        "CCPA-16",
        "11 CCR §7011(e)(4); Civ. §1798.130(a)(5)",
        "the date the policy was last updated, no more than 12 months before the check date",
        "policy.last_updated",
    ),
    req(
        ID,
        "CCPA-17",
        "11 CCR §7011(e)(5); §7102",
        "last year's request metrics (received, complied with, denied; median days)",
        "rights.request_metrics (last year's figures per kind of request)",
        kind="S/C",
        needed=publishes_metrics,
    ),
    req(
        ID,
        "CCPA-18",
        "Civ. §1798.125(b); 11 CCR §7016",
        "a notice of financial incentive: summary, material terms incl. the categories, how to "
        "opt in, the right to withdraw and how, and a good-faith value of the data and how it "
        "was calculated",
        "rights.incentives",
        kind="S/C",
        needed=lambda p: bool(p.rights.incentives),
    ),
    req(
        ID,
        "CCPA-19",
        "Civ. §1798.100(a)-(b); 11 CCR §7012",
        "a notice at collection linked at or before every point of collection: categories, "
        "purposes, whether sold or shared, retention, the opt-out link, and the policy",
        "policy.linked_from_home_and_forms: true (link the California section from the home "
        "page and every form that collects personal information)",
    ),
    req(
        ID,
        "CCPA-20",
        "Civ. §1798.120(b), §1798.135(a); 11 CCR §7013, §7026(a)(4)",
        "a notice of right to opt out behind the 'Do Not Sell or Share' link, with the "
        "opt-out form itself",
        "rights.opt_out_link (the page the 'Do Not Sell or Share' link opens) and "
        "opt_out_sale_sharing in rights.rights",
        kind="S/C",
        needed=lambda p: p.sells_or_shares,
    ),
    req(
        ID,
        "CCPA-21",
        "Civ. §1798.121, §1798.135(a); 11 CCR §7014†",
        "a notice of right to limit behind the 'Limit the Use of My Sensitive Personal "
        "Information' link, with the limit form",
        "rights.limit_link (the page the 'Limit the Use' link opens) and limit_sensitive in "
        "rights.rights",
        kind="S/C",
        needed=uses_sensitive_beyond_permitted,
    ),
    req(
        ID,
        "CCPA-22",
        "11 CCR §7025(c)(6)",
        "the site shows whether it processed the visitor's opt-out preference signal, and the "
        "policy says so",
        "cookies.global_privacy_control: true and cookies.signal_status_shown: true",
        kind="F/C",
        needed=lambda p: p.sells_or_shares,
        since=SIGNAL_STATUS_FROM,
    ),
    req(
        ID,
        "CCPA-23",
        "Civ. §1798.135(c)(1); 11 CCR §7026, §7027(e)",
        "opt-out and limit requests are honored without identity verification or an account",
        "none: fixed text",
        kind="F/C",
        needed=opts_out_or_limits,
    ),
    req(
        ID,
        "CCPA-24",
        "Civ. §1798.130(a)(2)(B); 11 CCR §7024(h)",
        "the right to know reaches personal information collected back to January 1, 2022",
        "none: fixed text",
        kind="F",
    ),
    req(
        ID,
        "CCPA-25",
        "11 CCR §§7200, 7220",
        "a pre-use notice before automated decision-making technology is used for a "
        "significant decision: purpose, the right to opt out (or the exception), the right "
        "to access ADMT information, and how its output is used",
        "use.automated_decisions (description, logic, significance)",
        kind="S/C",
        needed=significant_decisions,
        since=ADMT_NOTICE_FROM,
    ),
    req(
        ID,
        "CCPA-26",
        "Civ. §§1798.99.80, .85, .86 (Delete Act)",
        "a data broker's prior-year request metrics, and that DROP deletion requests are "
        "processed at least every 45 days",
        "rights.request_metrics (last year's figures) with business.data_broker: true",
        kind="S/C",
        needed=lambda p: p.business.data_broker,
    ),
)


# ---- content judgments: a section that declares a requirement but cannot meet it ----------
# Each returns (why the section falls short, the answer that fixes it), or None; ``check``
# reports it against the section that declares the requirement.

# 11 CCR §7102(a) and Civ. §1798.99.85 (Delete Act): the figures are for the previous calendar
# year and are published by July 1, so last year's figures are due from that day on.
METRICS_DUE = (7, 1)


def metrics_year_due(on: dt.date) -> int:
    """The earliest year of request figures a policy may still show on ``on``."""
    return on.year - 1 if (on.month, on.day) >= METRICS_DUE else on.year - 2


def metrics_out_of_date(profile: StoreProfile, on: dt.date) -> tuple[str, str] | None:
    """Request figures for a year other than the one the law asks for on ``on``."""
    metrics = profile.rights.request_metrics
    if metrics is None:
        return None
    earliest, latest = metrics_year_due(on), on.year - 1
    if earliest <= metrics.year <= latest:
        return None
    why = "not over yet" if metrics.year > latest else "too old"
    return (
        f"the request figures are for {metrics.year}, {why}: on {long_date(on)} they must be "
        f"for {latest}" + (f" (or {earliest}, until July 1)" if earliest < latest else ""),
        f"rights.request_metrics for {latest} (year: {latest} and that year's counts)",
    )


def broker_metrics_short(profile: StoreProfile, on: dt.date) -> tuple[str, str] | None:
    """A data broker's figures without the mean days or the grounds of denials, which the
    Delete Act adds to the regulations' table (Civ. §1798.99.85(a)(1)-(3))."""
    out_of_date = metrics_out_of_date(profile, on)
    if out_of_date is not None:
        return out_of_date
    metrics = profile.rights.request_metrics
    if metrics is None:
        return None
    short = [
        c.kind.value
        for c in metrics.counts
        if c.mean_days is None or (c.denied and c.denied_why is None)
    ]
    if not short:
        return None
    return (
        "a data broker's request figures must give the mean days to respond and why requests "
        f"were denied; missing for: {', '.join(short)}",
        "mean_days and denied_why on those rights.request_metrics.counts entries",
    )


def under_16_opt_in_unexplained(profile: StoreProfile, _on: dt.date) -> tuple[str, str] | None:
    """Selling under-16s' data with no way for a parent to opt a child under 13 in."""
    # Civ. §1798.120(c); 11 CCR §§7070(a), 7072(a): a child under 13 is opted in only by a
    # parent's affirmative authorization, given by a method the notice describes (§7011(e)(1)).
    kids = profile.children
    if kids.sells_data_of_under_16 and not kids.parental_consent_method:
        return (
            "the policy says data of people under 16 may be sold or shared after they opt in, "
            "but not how a parent opts in a child under 13",
            "children.parental_consent_method (how a parent gives consent for a child under 13)",
        )
    return None


def purposeless_categories(profile: StoreProfile, _on: dt.date) -> tuple[str, str] | None:
    """Categories collected that no stated purpose uses."""
    # Civ. §1798.100(a)(1) and 11 CCR §7011(e)(1): the purpose for which each category is
    # collected; "only as described in this policy" names none.
    used = {c for use in profile.use.purposes for c in use.categories}
    idle = [c for c in profile.categories if c not in used]
    if not idle:
        return None
    names = ", ".join(c.value for c in idle)
    return (
        f"no purpose is given for collecting: {names}",
        f"add {names} to the use.purposes entries it is collected for (or stop collecting it)",
    )


def amendments(profile: StoreProfile, then: dt.date, now: dt.date) -> list[str]:
    """Revenue threshold adjustments (§1798.199.95(d)) between two days."""
    return [
        f"the CCPA revenue threshold became {money(amount)} on {long_date(since)} "
        "(Civ. §1798.140(d)(1)(A), adjusted under §1798.199.95(d))"
        for since, amount in _REVENUE_THRESHOLDS
        if then < since <= now and since > _REVENUE_THRESHOLDS[-1][0]
    ]


LAW = Law(ID, NAME, applies, REQUIREMENTS, in_force=dt.date(2020, 1, 1), amendments=amendments)
