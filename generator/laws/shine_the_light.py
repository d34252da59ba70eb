"""California's Shine the Light law, Cal. Civ. Code §1798.83."""

from __future__ import annotations

import datetime as dt

from generator.laws.base import Applicability, Law, reaches_us_state, req
from generator.model import StoreProfile

ID = "shine_the_light"
NAME = "California Shine the Light law"
MIN_EMPLOYEES = 20  # §1798.83(c)(1)


def applies(profile: StoreProfile) -> Applicability:
    if not reaches_us_state(profile, "CA"):
        return Applicability(False, "The store does not sell to California residents.")
    if profile.business.employees < MIN_EMPLOYEES:
        return Applicability(False, f"The business has fewer than {MIN_EMPLOYEES} employees.")
    if not profile.third_party_direct_marketing:
        return Applicability(False, "No recipient gets personal data for its own direct marketing.")
    return Applicability(
        True,
        f"With {profile.business.employees} employees, the store gives California customers' "
        "data to others for their own direct marketing.",
    )


REQUIREMENTS = (
    req(
        ID,
        "STL-01",
        "Civ. §1798.83",
        "the right to ask once a year which categories went to which third parties for their "
        "direct marketing, and where to ask",
        "business.contact",
        kind="S/C",
    ),
)

LAW = Law(ID, NAME, applies, REQUIREMENTS, in_force=dt.date(2005, 1, 1))
