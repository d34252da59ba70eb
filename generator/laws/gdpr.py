"""EU General Data Protection Regulation (Regulation (EU) 2016/679), Arts 3, 13, 14, 27."""

from __future__ import annotations

import datetime as dt

from generator.laws.base import Applicability, Law, req, territorial
from generator.model import EEA, StoreProfile
from generator.model.vocab import LegalBasis, Source

ID = "gdpr"
NAME = "GDPR"

_FIRST_HAND = frozenset({Source.FROM_YOU, Source.AUTOMATIC})


def unsafeguarded(profile: StoreProfile) -> tuple[str, ...]:
    """Countries outside the EEA where data is stored with no transfer safeguard named (Art 46)."""
    named = {t.destination for t in profile.international.transfers}
    return tuple(c for c in stores_outside(profile, EEA) if c not in named)


def facts(profile: StoreProfile) -> dict[str, object]:
    return {"unsafeguarded": unsafeguarded(profile)}


def applies(profile: StoreProfile) -> Applicability:
    # The facts travel even when GDPR does not apply: the shared EEA/UK clause reads
    # them for a store that only UK GDPR reaches.
    # Art 3(1): an establishment in the Union; Art 3(2)(a): offering goods to people there.
    verdict = territorial(
        profile,
        EEA,
        established="The business has an establishment in the EU or EEA.",
        sells="The store offers goods to people in the EU or EEA.",
        neither="The store neither is established in nor sells to the EU or EEA.",
    )
    return Applicability(verdict.applies, verdict.reason, facts=facts(profile))


def uses_basis(profile: StoreProfile, basis: LegalBasis) -> bool:
    return any(use.legal_basis is basis for use in profile.use.purposes)


def stores_outside(profile: StoreProfile, region: frozenset[str]) -> list[str]:
    return [c for c in profile.business.data_stored_in if c not in region]


def transfers_abroad(profile: StoreProfile) -> bool:
    """Art 44: data leaves the EEA, to storage abroad or to a named transfer."""
    return bool(stores_outside(profile, EEA) or profile.international.transfers)


def collects_indirectly(profile: StoreProfile) -> bool:
    """Art 14: some data comes from someone other than the person."""
    return any(set(item.sources) - _FIRST_HAND for item in profile.collection.items)


REQUIREMENTS = (
    req(
        ID,
        "GDPR-01",
        "Art 13(1)(a)",
        "the controller's identity and contact details",
        "business.legal_name, business.address and business.contact",
    ),
    req(
        ID,
        "GDPR-02",
        "Art 13(1)(b)",
        "the data protection officer's contact details",
        "business.dpo",
        kind="S/C",
        needed=lambda p: p.business.dpo is not None,
    ),
    req(
        ID,
        "GDPR-03",
        "Art 13(1)(c)",
        "each purpose with its legal basis",
        "use.purposes[].legal_basis for every purpose",
    ),
    req(
        ID,
        "GDPR-04",
        "Art 13(1)(d)",
        "the legitimate interests pursued",
        "use.purposes[].legitimate_interest where the basis is legitimate_interests",
        kind="S/C",
        needed=lambda p: uses_basis(p, LegalBasis.LEGITIMATE_INTERESTS),
    ),
    req(
        ID,
        "GDPR-05",
        "Art 13(1)(e)",
        "the recipients or categories of recipients",
        "sharing.recipients",
    ),
    req(
        ID,
        "GDPR-06",
        "Art 13(1)(f)",
        "transfers outside the EEA, their safeguard, and how to get a copy of it",
        "international.transfers (destination and safeguard for each country in "
        "business.data_stored_in outside the EEA)",
        kind="S/C",
        needed=transfers_abroad,
    ),
    req(
        ID,
        "GDPR-07",
        "Art 13(2)(a)",
        "how long data is kept, or the criteria",
        "retention.rules or retention.default_criteria",
    ),
    req(
        ID,
        "GDPR-08",
        "Art 13(2)(b)",
        "the rights of access, rectification, erasure, restriction, objection and portability",
        "none: fixed text",
        kind="F",
    ),
    req(
        ID,
        "GDPR-09",
        "Art 13(2)(c)",
        "the right to withdraw consent at any time",
        "none: fixed text",
        kind="F/C",
        needed=lambda p: uses_basis(p, LegalBasis.CONSENT),
    ),
    req(
        ID,
        "GDPR-10",
        "Art 13(2)(d)",
        "the right to complain to a supervisory authority",
        "none: fixed text",
        kind="F",
    ),
    req(
        ID,
        "GDPR-11",
        "Art 13(2)(e)",
        "whether giving data is a legal or contractual requirement, and what happens if not",
        "collection.items[].necessity and if_not_provided for required data",
    ),
    req(
        ID,
        "GDPR-12",
        "Art 13(2)(f)",
        "automated decisions: the logic, significance and effects",
        "use.automated_decisions",
        kind="S/C",
        needed=lambda p: bool(p.use.automated_decisions),
    ),
    req(
        ID,
        "GDPR-13",
        "Art 14(1)(d), 14(2)(f)",
        "the categories and sources of data not obtained from the person",
        "collection.items[].sources",
        kind="S/C",
        needed=collects_indirectly,
    ),
    req(
        ID,
        "GDPR-14",
        "Art 27",
        "the EU representative",
        "business.eu_representative",
        kind="S/C",
        needed=lambda p: not p.established_in_eea,
    ),
)

LAW = Law(ID, NAME, applies, REQUIREMENTS, in_force=dt.date(2018, 5, 25))
