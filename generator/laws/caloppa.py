"""California Online Privacy Protection Act (CalOPPA), Cal. Bus. & Prof. Code §§22575-22579."""

from __future__ import annotations

import datetime as dt

from generator.laws.base import Applicability, Law, reaches_us_state, req
from generator.model import StoreProfile

ID = "caloppa"
NAME = "CalOPPA"


def applies(profile: StoreProfile) -> Applicability:
    # §22575(a): any operator of a commercial website that collects personally
    # identifiable information from California residents; there is no size threshold.
    if reaches_us_state(profile, "CA"):
        return Applicability(
            True, "The store sells online to California residents and collects their details."
        )
    return Applicability(False, "The store does not sell to California residents.")


REQUIREMENTS = (
    req(
        ID,
        "CAL-01",
        "B&P §22575(b)(1)",
        "the categories of personal information collected",
        "collection.items",
    ),
    req(
        ID,
        "CAL-02",
        "B&P §22575(b)(1)",
        "the categories of third parties personal information may be shared with",
        "sharing.recipients (or say you share with no one)",
    ),
    req(
        ID,
        "CAL-03",
        "B&P §22575(b)(2)",
        "the process to review and request changes to personal information, if one exists",
        "rights.rights (access, correct) and rights.methods",
    ),
    req(
        ID,
        "CAL-04",
        "B&P §22575(b)(3)",
        "how users are told about material changes",
        "policy.change_notice",
    ),
    req(ID, "CAL-05", "B&P §22575(b)(4)", "the policy's effective date", "policy.effective_date"),
    req(
        ID,
        "CAL-06",
        "B&P §22575(b)(5),(7)",
        "how the site responds to Do Not Track and similar signals",
        "cookies.do_not_track",
        since=dt.date(2014, 1, 1),
    ),
    req(
        ID,
        "CAL-07",
        "B&P §22575(b)(6)",
        "whether other parties may collect personal information about activity over time "
        "and across sites",
        "cookies.kinds, cookies.tools and sharing.recipients",
        since=dt.date(2014, 1, 1),
    ),
)

LAW = Law(ID, NAME, applies, REQUIREMENTS, in_force=dt.date(2004, 7, 1))
