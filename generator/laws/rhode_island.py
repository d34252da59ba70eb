"""Rhode Island: disclosures by commercial sites that sell personal data, R.I. Gen. Laws
§6-48.1-3 (part of the RI Data Transparency and Privacy Protection Act), any size."""

from __future__ import annotations

import datetime as dt

from generator.laws.base import Applicability, Law, reaches_us_state, req
from generator.model import StoreProfile

ID = "rhode_island"
NAME = "Rhode Island §6-48.1-3 (sellers' notice)"


def applies(profile: StoreProfile) -> Applicability:
    # §6-48.1-3: any commercial site that collects, stores and sells customers' personally
    # identifiable information; no threshold.
    if not reaches_us_state(profile, "RI"):
        return Applicability(False, "The store does not sell to Rhode Island customers.")
    if not profile.sells_data:
        return Applicability(False, "The store does not sell personal data.")
    return Applicability(True, "The store sells personal data of Rhode Island customers.")


def unnamed_buyers(profile: StoreProfile) -> bool:
    """Whether a recipient the facts judge a sale has no company name (§6-48.1-3 wants them)."""
    from generator.facts.sharing import recipient_facts

    return any(r.sold and not r.recipient.names for r in recipient_facts(profile))


REQUIREMENTS = (
    req(
        ID,
        "ST-19",
        "R.I. Gen. Laws §6-48.1-3",
        "all categories of personal data collected, every third party (by name) it is or may be "
        "sold to, an active email or online contact; sale and targeted advertising disclosed "
        "conspicuously",
        "sharing.recipients[].names for each recipient with sale: true, and business.contact "
        "(email or web_form)",
        kind="S/C",
    ),
)

LAW = Law(ID, NAME, applies, REQUIREMENTS, in_force=dt.date(2026, 1, 1))
