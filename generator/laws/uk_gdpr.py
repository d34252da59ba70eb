"""UK GDPR and the Data Protection Act 2018, as amended by the Data (Use and Access) Act 2025."""

from __future__ import annotations

import datetime as dt

from generator.laws.base import Applicability, Law, as_of, established_in, req, territorial
from generator.model import StoreProfile

ID = "uk_gdpr"
NAME = "UK GDPR"
UK = ("GB",)
# Data (Use and Access) Act 2025, s.103: people complain to the controller first.
COMPLAIN_TO_CONTROLLER_FROM = dt.date(2026, 6, 19)


def applies(profile: StoreProfile) -> Applicability:
    # UK GDPR Art 3(1)-(2), as for the EU.
    return territorial(
        profile,
        UK,
        established="The business has an establishment in the United Kingdom.",
        sells="The store offers goods to people in the United Kingdom.",
        neither="The store neither is established in nor sells to the UK.",
    )


def needs_representative(profile: StoreProfile) -> bool:
    return not established_in(profile, *UK)


def complaints_to_controller_first(profile: StoreProfile) -> bool:
    return as_of(profile) >= COMPLAIN_TO_CONTROLLER_FROM


REQUIREMENTS = (
    req(
        ID,
        "UK-01",
        "UK GDPR Arts 13, 27; Data (Use and Access) Act 2025",
        "the GDPR disclosures, with complaints to the ICO, the UK representative and UK "
        "transfer tools (IDTA or Addendum)",
        "business.uk_representative when not established in the UK",
        kind="S/F",
    ),
)

# The UK GDPR replaced the EU GDPR in UK law at the end of the transition period.
LAW = Law(ID, NAME, applies, REQUIREMENTS, in_force=dt.date(2021, 1, 1))
