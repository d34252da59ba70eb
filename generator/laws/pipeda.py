"""Canada: PIPEDA (S.C. 2000, c. 5), Schedule 1 principles, with CASL (S.C. 2010, c. 23)
for commercial electronic messages."""

from __future__ import annotations

import datetime as dt

from generator.countries import CANADA
from generator.laws.base import Applicability, Law, as_of, req, territorial
from generator.model import StoreProfile
from generator.model.vocab import MarketingConsent

ID = "pipeda"
NAME = "PIPEDA"
CASL_IN_FORCE = dt.date(2014, 7, 1)


def applies(profile: StoreProfile) -> Applicability:
    # PIPEDA s.4(1)(a): personal information collected in the course of commercial activity.
    return territorial(
        profile,
        CANADA,
        established="The business operates in Canada.",
        sells="The store sells to people in Canada.",
        neither="The store neither operates in nor sells to Canada.",
    )


def casl_applies(profile: StoreProfile) -> bool:
    """CASL s.6: commercial electronic messages sent to people in Canada."""
    return applies(profile).applies and profile.emails_marketing and as_of(profile) >= CASL_IN_FORCE


def casl_consent_missing(profile: StoreProfile) -> bool:
    """CASL s.10: opt-out email is only lawful on implied consent (an existing customer)."""
    marketing = profile.marketing
    return (
        casl_applies(profile)
        and marketing.consent is MarketingConsent.OPT_OUT
        and not marketing.existing_customers
    )


def processed_outside_canada(profile: StoreProfile) -> bool:
    from generator.facts.places import places_facts

    return bool(places_facts(profile).outside(*CANADA))


REQUIREMENTS = (
    req(
        ID,
        "PIP-01",
        "PIPEDA Sch. 1, 4.8.2(a)",
        "the name or title and address of the person accountable (the privacy officer)",
        "business.privacy_officer (name or title, and postal address)",
    ),
    req(
        ID,
        "PIP-02",
        "PIPEDA Sch. 1, 4.8.2(b)-(c)",
        "how to access personal information; the kinds held and how they are used",
        "rights.rights (access) and rights.methods",
    ),
    req(
        ID,
        "PIP-03",
        "PIPEDA Sch. 1, 4.8.2(e); 4.10; s.11",
        "what goes to related organizations and third parties and why; how to complain to the "
        "store, and that a complaint can go to the Privacy Commissioner of Canada",
        "sharing.recipients",
    ),
    req(
        ID,
        "PIP-04",
        "OPC Guidelines for obtaining meaningful consent (2018, rev. 2021)",
        "up front: what data, shared with whom, for what, meaningful residual risks of harm, "
        "and processing outside Canada",
        "business.data_stored_in and international.transfers",
    ),
    req(
        ID,
        "PIP-05",
        "PIPEDA Sch. 1, 4.1.3; OPC Guidelines for processing personal data across borders (2009)†",
        "that personal information may be processed outside Canada, the countries where known, "
        "and that it may then be reachable by those countries' authorities",
        "business.data_stored_in",
        kind="S/C",
        needed=lambda p: processed_outside_canada(p),
    ),
)

# PIPEDA s.10.1(1)-(3) (in force 2018-11-01): a breach creating a real risk of significant harm
# is reported to the Commissioner and the people affected are told.
LAW = Law(
    ID,
    NAME,
    applies,
    REQUIREMENTS,
    in_force=dt.date(2004, 1, 1),
    breach_authority="the Office of the Privacy Commissioner of Canada",
)
