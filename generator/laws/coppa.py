"""Children's Online Privacy Protection Act, 15 U.S.C. §6501 ff., and the COPPA Rule,
16 CFR Part 312 (as amended in 2025)."""

from __future__ import annotations

import datetime as dt

from generator.facts.children import child_recipients
from generator.laws.base import Applicability, Law, reaches, req
from generator.model import StoreProfile

ID = "coppa"
NAME = "COPPA"
CHILD_AGE = 13  # 16 CFR §312.2, "child"
# The amended Rule (90 FR 16918, April 22, 2025) took effect June 23, 2025; operators
# must comply by April 22, 2026 (§312.13 note).
AMENDED_RULE_COMPLIANCE = dt.date(2026, 4, 22)


def child_facing(profile: StoreProfile) -> bool:
    """§312.2-312.3: directed to children, or actual knowledge of users under 13."""
    kids = profile.children
    return kids.directed_to_children or kids.knows_of_child_users


def applies(profile: StoreProfile) -> Applicability:
    # §312.3: the Rule binds an operator of a site directed to children, or one with
    # actual knowledge that it collects personal information from a child. A
    # general-audience store without that knowledge is not subject to it.
    if not reaches(profile, "US"):
        return Applicability(False, "The store does not operate in the United States.")
    if profile.children.directed_to_children:
        return Applicability(True, "The site is directed to children under 13.")
    if profile.children.knows_of_child_users:
        return Applicability(True, "The store knows that some users are under 13.")
    return Applicability(
        False,
        "The site is for a general audience and the store has no actual knowledge of users "
        "under 13.",
    )


REQUIREMENTS = (
    req(
        ID,
        "COPPA-01",
        "16 CFR §312.4(d)",
        "the operator's name, address, phone and email; children's data collected (and whether "
        "children can make it public), used and disclosed; parents' rights to review, delete "
        "and refuse, and how",
        "children.child_data and children.parental_consent_method",
        kind="S/C",
        needed=child_facing,
    ),
    req(
        ID,
        "COPPA-02",
        "not a COPPA duty (16 CFR §312.3); FTC Act §5",
        "optional: the site is not directed to children under 13, does not knowingly collect "
        "their data, and deletes it when discovered",
        "none: fixed text",
        kind="F/C",
        needed=lambda p: not child_facing(p),
    ),
    req(
        ID,
        "COPPA-03",
        "16 CFR §312.4(d) (2025 amendments)",
        "the identities or categories of third parties that receive children's data, and the "
        "purpose of each disclosure",
        "sharing.recipients[].purpose for each recipient that gets children's data",
        kind="S/C",
        needed=child_facing,
        since=AMENDED_RULE_COMPLIANCE,
    ),
    req(
        ID,
        "COPPA-04",
        "16 CFR §312.10; §312.4(d)",
        "the written children's-data retention policy: purposes, the business need to keep it, "
        "and when it is deleted (never indefinitely)",
        "children.retention_need and children.deleted_after",
        kind="S/C",
        needed=child_facing,
        since=AMENDED_RULE_COMPLIANCE,
    ),
    req(
        ID,
        "COPPA-05",
        "16 CFR §312.5(a)(2) (2025 amendments)",
        "a parent can consent to collection without consenting to disclosure; disclosures not "
        "integral to the service need separate consent",
        "none: fixed text",
        kind="F/C",
        needed=lambda p: child_facing(p) and bool(child_recipients(p)),
        since=AMENDED_RULE_COMPLIANCE,
    ),
    req(
        ID,
        "COPPA-06",
        "16 CFR §312.4(d) (2025 amendments)",
        "how audio files containing a child's voice are used and when they are deleted",
        "children.voice_audio_use",
        kind="S/C",
        needed=lambda p: child_facing(p) and p.children.collects_voice_audio,
        since=AMENDED_RULE_COMPLIANCE,
    ),
)

LAW = Law(ID, NAME, applies, REQUIREMENTS, in_force=dt.date(2000, 4, 21))
