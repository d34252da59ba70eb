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


def request_address_missing(profile: StoreProfile, _on: dt.date) -> tuple[str, str] | None:
    """The Shine the Light contact offers none of the ways the law names."""
    # §1798.83(e)(1): the business designates a mailing address, an email address, or a
    # toll-free telephone or fax number for these requests; a web form or a paid line alone
    # is none of them.
    contact = profile.sharing.marketing_opt_out_contact or profile.business.contact
    if contact.email or contact.postal or contact.toll_free or contact.fax:
        return None
    return (
        "the contact for Shine the Light requests has no mailing address, email address, "
        "or toll-free phone or fax number",
        "business.contact.email (or postal, toll_free or fax), or "
        "sharing.marketing_opt_out_contact with one of them",
    )


LAW = Law(ID, NAME, applies, REQUIREMENTS, in_force=dt.date(2005, 1, 1))
