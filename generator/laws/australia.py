"""Australia: Privacy Act 1988 (Cth) and the Australian Privacy Principles (Sch. 1)."""

from __future__ import annotations

import datetime as dt

from generator.laws.base import Applicability, Law, established_in, req, sells_to
from generator.model import StoreProfile

ID = "australia"
NAME = "Australian Privacy Principles"
AUSTRALIA = ("AU",)
# Privacy Act s.6D: a small business (turnover AUD 3M or less) is exempt, unless it
# trades in personal information (s.6D(4)(c)-(d)). AUD 3M is about USD 2M†.
SMALL_BUSINESS_REVENUE_USD = 2_000_000


def applies(profile: StoreProfile) -> Applicability:
    # s.5B(3): an organisation carrying on business in Australia.
    if not (established_in(profile, *AUSTRALIA) or sells_to(profile, *AUSTRALIA)):
        return Applicability(False, "The store does not do business in Australia.")
    if profile.sells_data:
        return Applicability(True, "The store does business in Australia and sells personal data.")
    if profile.business.annual_revenue_usd > SMALL_BUSINESS_REVENUE_USD:
        return Applicability(
            True, "The store does business in Australia with turnover above AUD 3 million."
        )
    return Applicability(
        False, "A small business (turnover up to AUD 3 million) that does not sell data is exempt."
    )


REQUIREMENTS = (
    req(
        ID,
        "APP-01",
        "Privacy Act 1988 Sch. 1, APP 1.4",
        "kinds of personal information; how it is collected and held; purposes; access and "
        "correction; complaints; overseas disclosure and the likely countries",
        "collection.items, rights and business.data_stored_in",
    ),
)

LAW = Law(ID, NAME, applies, REQUIREMENTS, in_force=dt.date(2014, 3, 12))
