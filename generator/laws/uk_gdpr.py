"""UK GDPR and the Data Protection Act 2018, as amended by the Data (Use and Access) Act 2025,
with PECR for cookies."""

from __future__ import annotations

import datetime as dt

from generator.countries import EEA, UK
from generator.laws.base import (
    Applicability,
    Law,
    as_of,
    established_in,
    long_date,
    req,
    territorial,
)
from generator.model import StoreProfile, vocab
from generator.model.vocab import LegalBasis, Safeguard

ID = "uk_gdpr"
NAME = "UK GDPR"
# DPA 2018 s.164A (inserted by the Data (Use and Access) Act 2025 s.103), in force
# 19 June 2026: controllers must facilitate complaints; people may be asked to
# complain to the controller first.
COMPLAIN_TO_CONTROLLER_FROM = dt.date(2026, 6, 19)
# The Data (Use and Access) Act 2025 (Commencement No. 6) Regulations 2026 (SI 2026/82):
# Art 6(1)(ea) and Annex 1, Arts 22A-22D, Art 12A and the PECR reg 6 exemptions from
# 5 February 2026.
DUAA_MAIN_FROM = dt.date(2026, 2, 5)
# UK GDPR Art 45A-46: UK adequacy regulations (the EEA is covered by them), the IDTA,
# the UK Addendum, binding corporate rules; the UK Extension to the EU-US DPF covers a
# certified US recipient.
UK_MECHANISMS = frozenset(
    {Safeguard.ADEQUACY, Safeguard.UK_IDTA, Safeguard.UK_ADDENDUM, Safeguard.BCR, Safeguard.DPF}
)


def applies(profile: StoreProfile) -> Applicability:
    # UK GDPR Art 3(1)-(2), as for the EU: establishment, offering, or monitoring.
    return territorial(
        profile,
        UK,
        established="The business has an establishment in the United Kingdom.",
        sells="The store offers goods to people in the United Kingdom.",
        neither="The store neither is established in, sells to, nor tracks visitors from the UK.",
        monitoring="The store tracks and profiles visitors from the UK (Art 3(2)(b)).",
    )


def needs_representative(profile: StoreProfile) -> bool:
    return not established_in(profile, *UK)


def complaints_to_controller_first(profile: StoreProfile) -> bool:
    return as_of(profile) >= COMPLAIN_TO_CONTROLLER_FROM


def leaves_uk(profile: StoreProfile) -> list[str]:
    """Countries outside the UK and the EEA where UK data goes (EEA: UK adequacy regulations)."""
    places = list(profile.business.data_stored_in)
    places += [t.destination for t in profile.international.transfers]
    return list(dict.fromkeys(c for c in places if c not in UK and c not in EEA))


# What the shared safeguard names mean for data leaving the UK.
_UK_NAMES = {
    Safeguard.ADEQUACY: "UK adequacy regulations",
    Safeguard.DPF: "the UK Extension to the EU-U.S. Data Privacy Framework",
}


def uk_mechanisms(profile: StoreProfile, country: str) -> tuple[Safeguard, ...]:
    """The UK transfer mechanisms named for one destination."""
    used = [t.safeguard for t in profile.international.transfers if t.destination == country]
    return tuple(dict.fromkeys(s for s in used if s in UK_MECHANISMS))


def uk_unsafeguarded(profile: StoreProfile) -> tuple[str, ...]:
    """Destinations with no UK transfer mechanism named. EU standard contractual clauses
    alone do not cover UK data (UK GDPR Art 46(2)(d) needs the Addendum or the IDTA), so a
    destination reached under the EU clauses needs one of those too."""
    missing = []
    for country in leaves_uk(profile):
        used = {t.safeguard for t in profile.international.transfers if t.destination == country}
        uk_tools = uk_mechanisms(profile, country)
        eu_clauses_only = Safeguard.SCC in used and not {
            Safeguard.UK_ADDENDUM,
            Safeguard.UK_IDTA,
        } & set(used)
        if not uk_tools or eu_clauses_only:
            missing.append(country)
    return tuple(missing)


def recognised_interests(profile: StoreProfile) -> bool:
    return any(
        LegalBasis.RECOGNISED_LEGITIMATE_INTEREST in (use.legal_basis, use.uk_legal_basis)
        for use in profile.use.purposes
    )


def facts(profile: StoreProfile) -> dict[str, object]:
    return {
        "complain_first": complaints_to_controller_first(profile),
        "complaints_from": long_date(COMPLAIN_TO_CONTROLLER_FROM),
        "duaa": as_of(profile) >= DUAA_MAIN_FROM,
        "unsafeguarded": uk_unsafeguarded(profile),
        "leaves_uk": tuple(leaves_uk(profile)),
        "uk_transfers": tuple(
            (c, tuple(_UK_NAMES.get(s) or vocab.label(s) for s in uk_mechanisms(profile, c)))
            for c in leaves_uk(profile)
        ),
        "complaints_url": (profile.rights.complaints and profile.rights.complaints.url)
        or profile.request_contact.web_form,
    }


def judge(profile: StoreProfile) -> Applicability:
    verdict = applies(profile)
    return Applicability(verdict.applies, verdict.reason, facts=facts(profile))


REQUIREMENTS = (
    req(
        ID,
        "UK-01",
        "UK GDPR Arts 13, 27; DPA 2018 ss.164A-165",
        "the GDPR disclosures, with the ICO and the right to complain to it, the UK "
        "representative, and UK transfer tools",
        "business.uk_representative when not established in the UK",
        kind="S/F",
    ),
    req(
        ID,
        "UK-02",
        "DPA 2018 s.164A",
        "how to complain to the store (e.g. an online form), that complaints are acknowledged "
        "within 30 days and answered without undue delay, and that the ICO remains available",
        "rights.complaints.url (or business.contact.web_form)",
        kind="S/C",
        since=COMPLAIN_TO_CONTROLLER_FROM,
    ),
    req(
        ID,
        "UK-03",
        "UK GDPR Arts 22A-22D",
        "significant decisions based solely on automated processing: that they are made, and "
        "how to get information, make representations, obtain human intervention and contest",
        "use.automated_decisions",
        kind="S/C",
        needed=lambda p: bool(p.significant_automated_decisions),
        since=DUAA_MAIN_FROM,
    ),
    req(
        ID,
        "UK-04",
        "UK GDPR Art 6(1)(ea), Annex 1; Art 13(1)(c)",
        "each recognised legitimate interest relied on, named as such and kept apart from "
        "balanced legitimate interests",
        "use.purposes[].legitimate_interest where the basis is recognised_legitimate_interest",
        kind="S/C",
        needed=recognised_interests,
        since=DUAA_MAIN_FROM,
    ),
    req(
        ID,
        "UK-05",
        "PECR reg 6 and Sch A1 (DUAA s.112)",
        "cookies used without consent under an exemption: their purposes and a simple, free "
        "way to object",
        "cookies.settings_link: true (the way to object) with cookies.uk_exempt_kinds",
        kind="S/C",
        needed=lambda p: bool(p.cookies.uk_exempt_kinds),
        since=DUAA_MAIN_FROM,
    ),
    req(
        ID,
        "UK-06",
        "UK GDPR Arts 44A-46",
        "for transfers out of the UK, the UK mechanism: UK adequacy regulations, the IDTA or "
        "the UK Addendum (EU tools alone do not cover UK data)",
        "international.transfers with a UK safeguard (adequacy, uk_idta, uk_addendum, bcr or "
        "dpf for a certified US recipient) for each destination outside the UK and EEA",
        kind="S/C",
        needed=lambda p: bool(leaves_uk(p)),
    ),
)

# The UK GDPR replaced the EU GDPR in UK law at the end of the transition period.
# UK GDPR Art 33-34, as the EU text.
LAW = Law(
    ID,
    NAME,
    judge,
    REQUIREMENTS,
    in_force=dt.date(2021, 1, 1),
    breach_authority="the Information Commissioner's Office",
)
