"""Delaware Online Privacy and Protection Act (DOPPA), 6 Del. C. §1205C."""

from __future__ import annotations

import datetime as dt

from generator.laws.base import Applicability, Law, reaches_us_state, req
from generator.model import StoreProfile

ID = "delaware"
NAME = "Delaware Online Privacy and Protection Act"


def applies(profile: StoreProfile) -> Applicability:
    # §1205C(a): any operator of a commercial site or app that collects PII from
    # Delaware residents; no threshold.
    if reaches_us_state(profile, "DE"):
        return Applicability(True, "The store collects details of Delaware residents online.")
    return Applicability(False, "The store does not sell to Delaware residents.")


REQUIREMENTS = (
    req(
        ID,
        "DE-01",
        "6 Del. C. §1205C(b)",
        "categories of PII collected and of third parties it may be shared with; the review-and-"
        "change process, if any; how material changes are announced; effective date; Do Not "
        "Track; whether other parties may track activity over time and across sites",
        "collection.items, sharing.recipients, policy.change_notice and cookies.do_not_track",
    ),
)

# DOPPA (80 Del. Laws c. 148) took effect January 1, 2016.
LAW = Law(ID, NAME, applies, REQUIREMENTS, in_force=dt.date(2016, 1, 1))
