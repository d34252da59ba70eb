"""Washington My Health My Data Act, RCW 19.373."""

from __future__ import annotations

import datetime as dt

from generator.facts.sensitive import collected_kinds
from generator.laws.base import Applicability, Law, reaches_us_state, req
from generator.model import StoreProfile
from generator.model.vocab import SensitiveKind

ID = "washington_health"
NAME = "Washington My Health My Data Act"


def applies(profile: StoreProfile) -> Applicability:
    # RCW 19.373.010(23): a regulated entity does business in or targets Washington and
    # determines how consumer health data is processed; no size threshold.
    if not reaches_us_state(profile, "WA"):
        return Applicability(False, "The store does not sell to Washington consumers.")
    if profile.collection.consumer_health_data is not None:
        return Applicability(
            True, "The store collects consumer health data of Washington consumers."
        )
    # RCW 19.373.010(8): consumer health data is any personal information linked to a
    # consumer's physical or mental health status, so health data the owner lists among
    # sensitive kinds brings the Act in even before the health-data answers are given.
    if SensitiveKind.HEALTH in collected_kinds(profile):
        return Applicability(
            True,
            "The store collects health information of Washington consumers (consumer health "
            "data under RCW 19.373.010(8)).",
        )
    return Applicability(False, "The store collects no consumer health data.")


REQUIREMENTS = (
    req(
        ID,
        "MHMD-01",
        "RCW 19.373.020(1)(a)",
        "a consumer health data privacy policy: categories collected and purposes, sources, "
        "categories shared, the third parties and affiliates, and how to exercise the rights",
        "collection.consumer_health_data (kinds, purposes, sources, shared_with, affiliates)",
        kind="S/C",
    ),
    req(
        ID,
        "MHMD-02",
        "RCW 19.373.020(1)(b)",
        "a prominent link to the consumer health data privacy policy on the home page",
        "collection.consumer_health_data.linked_from_homepage: true",
        kind="F/C",
    ),
    req(
        ID,
        "MHMD-03",
        "RCW 19.373.030, .070†",
        "separate consent for collecting and for sharing consumer health data; no sale without a "
        "signed authorization",
        "collection.consumer_health_data.consent_to_collect and consent_to_share: true",
        kind="S/C",
    ),
)

# RCW 19.373: from March 31, 2024 (small businesses June 30, 2024).
LAW = Law(ID, NAME, applies, REQUIREMENTS, in_force=dt.date(2024, 3, 31))
