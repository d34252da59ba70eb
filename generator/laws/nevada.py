"""Nevada: online privacy notices and sale opt-outs (NRS 603A.300-.360), and consumer health
data (SB 370 (2023), NRS ch. 603A†)."""

from __future__ import annotations

import datetime as dt

from generator.laws.base import Applicability, Law, as_of, reaches_us_state, req
from generator.model import StoreProfile

ID = "nevada"
NAME = "Nevada online privacy law"
# NRS 603A.345 (SB 220, 2019): answer a request not to sell within 60 days, extendable
# by 30.
SALE_REQUEST_DAYS = 60
SALE_REQUEST_EXTENSION_DAYS = 30
# SB 370 (2023): consumer health data duties from March 31, 2024.
HEALTH_DATA_FROM = dt.date(2024, 3, 31)


def applies(profile: StoreProfile) -> Applicability:
    # NRS 603A.320: an operator of a commercial site that collects covered information
    # from Nevada consumers and directs activities at Nevada. NRS 603A.330 exempts an
    # operator located in Nevada whose revenue is mainly offline and that has under
    # 20,000 unique visitors a year; the answers do not tell us that, so it is not assumed.
    if reaches_us_state(profile, "NV"):
        return Applicability(True, "The store sells online to Nevada consumers.")
    return Applicability(False, "The store does not sell to Nevada consumers.")


def facts(profile: StoreProfile) -> dict[str, object]:
    return {
        "days": SALE_REQUEST_DAYS,
        "extension": SALE_REQUEST_EXTENSION_DAYS,
        "health": profile.collection.consumer_health_data is not None
        and as_of(profile) >= HEALTH_DATA_FROM,
    }


def judge(profile: StoreProfile) -> Applicability:
    verdict = applies(profile)
    return Applicability(verdict.applies, verdict.reason, facts=facts(profile))


REQUIREMENTS = (
    req(
        ID,
        "NV-01",
        "NRS 603A.340",
        "categories of covered information collected and of third parties it may be shared "
        "with; the review-and-change process, if any; how material changes are announced; "
        "whether third parties may track activity over time and across sites; effective date",
        "collection.items, sharing.recipients, policy.change_notice and policy.effective_date",
    ),
    req(
        ID,
        "NV-02",
        "NRS 603A.345",
        "the designated request address (email, toll-free number or website) for requests not "
        "to sell covered information, answered within 60 days",
        "business.contact.email, toll_free or web_form",
        kind="S/C",
    ),
    req(
        ID,
        "NV-03",
        "Nevada SB 370 (2023), NRS ch. 603A†",
        "a consumer health data privacy policy: categories, purposes, sources, sharing and "
        "recipients, and how to exercise rights",
        "collection.consumer_health_data",
        kind="S/C",
        needed=lambda p: p.collection.consumer_health_data is not None,
        since=HEALTH_DATA_FROM,
    ),
)

LAW = Law(ID, NAME, judge, REQUIREMENTS, in_force=dt.date(2017, 10, 1))
