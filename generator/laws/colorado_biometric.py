"""Colorado biometric identifier duties, C.R.S. §6-1-1314 (HB 24-1130), any size."""

from __future__ import annotations

import datetime as dt

from generator.laws.base import Applicability, Law, reaches_us_state, req
from generator.model import StoreProfile
from generator.model.vocab import SensitiveKind

ID = "colorado_biometric"
NAME = "Colorado biometric data law"


def applies(profile: StoreProfile) -> Applicability:
    # §6-1-1314: a controller that controls or processes any amount of biometric
    # identifiers, from July 1, 2025.
    if not reaches_us_state(profile, "CO"):
        return Applicability(False, "The store does not sell to Colorado residents.")
    if SensitiveKind.BIOMETRIC not in profile.collection.sensitive_kinds:
        return Applicability(False, "The store collects no biometric identifiers.")
    return Applicability(True, "The store collects biometric identifiers of Colorado residents.")


REQUIREMENTS = (
    req(
        ID,
        "ST-20",
        "C.R.S. §6-1-1314 (HB 24-1130)",
        "a public written biometric policy (retention schedule, incident response, deletion "
        "deadlines), and notice before collecting of what, why and for how long†",
        "collection.biometric_policy_url",
        kind="S/C",
    ),
)

LAW = Law(ID, NAME, applies, REQUIREMENTS, in_force=dt.date(2025, 7, 1))
