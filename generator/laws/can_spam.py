"""CAN-SPAM Act, 15 U.S.C. §7701 ff."""

from __future__ import annotations

import datetime as dt

from generator.laws.base import Applicability, Law, reaches, req
from generator.model import StoreProfile

ID = "can_spam"
NAME = "CAN-SPAM Act"
OPT_OUT_BUSINESS_DAYS = 10  # §7704(a)(4)


def applies(profile: StoreProfile) -> Applicability:
    if not reaches(profile, "US"):
        return Applicability(False, "The store does not email people in the United States.")
    if not profile.emails_marketing:
        return Applicability(False, "The store sends no marketing email.")
    return Applicability(
        True,
        "The store sends marketing email to people in the United States.",
        facts={"on_time": profile.marketing.opt_out_days <= OPT_OUT_BUSINESS_DAYS},
    )


REQUIREMENTS = (
    req(
        ID,
        "SPAM-01",
        "15 U.S.C. §7704(a)(3)-(5)",
        "marketing emails carry an unsubscribe link and a postal address; opt-outs are honored "
        "within 10 business days; opted-out addresses are not passed on",
        "marketing.unsubscribe and marketing.opt_out_days (10 or fewer)",
        kind="F",
    ),
)

LAW = Law(ID, NAME, applies, REQUIREMENTS, in_force=dt.date(2004, 1, 1))
