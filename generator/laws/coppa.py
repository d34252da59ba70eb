"""Children's Online Privacy Protection Act, 15 U.S.C. §6501 ff., and the COPPA Rule,
16 CFR Part 312 (as amended in 2025)."""

from __future__ import annotations

import datetime as dt

from generator.laws.base import Applicability, Law, established_in, req, sells_to
from generator.model import StoreProfile

ID = "coppa"
NAME = "COPPA"
CHILD_AGE = 13  # 16 CFR §312.2, "child"


def child_facing(profile: StoreProfile) -> bool:
    """§312.2-312.3: directed to children, or actual knowledge of users under 13."""
    kids = profile.children
    return kids.directed_to_children or kids.knows_of_child_users


def applies(profile: StoreProfile) -> Applicability:
    # The Rule reaches every operator of a US-facing site with actual knowledge of
    # child users, so a general-audience store must say it is not for children;
    # that statement (COPPA-02) is what keeps it outside the full notice duties.
    if not (sells_to(profile, "US") or established_in(profile, "US")):
        return Applicability(False, "The store does not operate in the United States.")
    if profile.children.directed_to_children:
        return Applicability(True, "The site is directed to children under 13.")
    if profile.children.knows_of_child_users:
        return Applicability(True, "The store knows that some users are under 13.")
    return Applicability(
        True, "A general-audience US site must say it is not meant for children under 13."
    )


REQUIREMENTS = (
    req(
        ID,
        "COPPA-01",
        "16 CFR §312.4(d)",
        "the operator's contacts; children's data collected, used and disclosed; third "
        "parties and purposes; retention; parents' rights to review, delete and refuse, "
        "and how",
        "children.child_data and children.parental_consent_method",
        kind="S/C",
        needed=child_facing,
    ),
    req(
        ID,
        "COPPA-02",
        "common practice under 16 CFR §312.3",
        "the site is not directed to children under 13, does not knowingly collect their data, "
        "and deletes it when discovered",
        "none: fixed text",
        kind="F",
        needed=lambda p: not child_facing(p),
    ),
)

LAW = Law(ID, NAME, applies, REQUIREMENTS, in_force=dt.date(2000, 4, 21))
